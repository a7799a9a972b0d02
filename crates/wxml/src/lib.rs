//! WXML: lexer, parser, template IR, linker and the `{{ }}` expression language.
//!
//! `parse` turns one file's text into a [`ir::Document`] plus diagnostics and never fails;
//! `link` builds a [`ir::CompiledTemplate`] (includes inlined, imported templates
//! resolved); `eval` evaluates expressions against data with JavaScript semantics;
//! `parse_data_path` reads `setData` keys. Nothing here runs JavaScript or knows about
//! components.

pub mod dump;
pub mod eval;
pub mod expr;
pub mod expr_parser;
pub mod free_vars;
pub mod ir;
mod lexer;
pub mod link;
pub mod parser;
pub mod path;

pub use eval::{eval, eval_interp, Env};
pub use expr_parser::{parse_expr, parse_object_body, ExprError};
pub use link::link;
pub use parser::{parse, resolve_src};
pub use path::{parse_data_path, PathSeg};
