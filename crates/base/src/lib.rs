//! The vocabulary every mpsim stage shares: byte spans and the line index that turns them
//! into line:col at the edge, diagnostics with codes, and [`Value`], the JS-like data that
//! flows from `setData` into templates.
//!
//! This crate holds no stage logic: no parsing of WXML/WXSS/JSON, no JavaScript.

mod diagnostic;
mod span;
pub mod value;

pub use diagnostic::{Diagnostic, Severity};
pub use span::{LineIndex, SourceFile, Span};
pub use value::{Map, Value};
