//! WXSS to CSS: rpx, @import, tag mapping and per-component class scoping.
//!
//! [`compile`] turns one WXSS entry file (and everything it imports) into plain CSS that the
//! simulator's webview can load as-is: `rpx` lengths become `px` for the simulated screen,
//! built-in component tag selectors become the webview's custom element names, and class
//! selectors are rewritten with the owner's scope prefix. [`dom_classes`] is the runtime half
//! of the scoping scheme (see [`scope`]): it turns a WXML `class` list into DOM class names.
//!
//! [`compile_styles`] is what callers use for the app's, a page's or a component's styles:
//! it picks the source file (`.wxss`, or `.less`/`.scss`/`.sass` when DevTools' compiler
//! plugins are on, see [`stylesheet`]), runs the preprocessor ([`preprocess`]) and then
//! [`compile`].

mod compile;
pub mod import;
pub mod preprocess;
pub mod rpx;
pub mod scope;
mod selectors;
pub mod stylesheet;
pub mod tags;

pub use compile::{compile, CompiledStyle, WxssOptions};
pub use preprocess::StyleLang;
pub use rpx::{convert_inline_style, convert_inline_style_with, hairline_px, rpx_to_px, DEFAULT_HAIRLINE_PX};
pub use scope::{dom_classes, host_selector, scope_prefix, ScopeInfo, StyleIsolation, HOST_ATTR};
pub use stylesheet::{compile_styles, style_source};
