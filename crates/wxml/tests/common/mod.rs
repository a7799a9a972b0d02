//! Helpers shared by the integration tests: rendering diagnostics the way a terminal
//! shows them, with the source line and a caret under the column.

#![allow(dead_code)]

use mpsim_base::{Diagnostic, SourceFile};

/// `path:line:col: severity: message [code]`, then the source line and a caret.
pub fn render_diag(d: &Diagnostic, file: &SourceFile) -> String {
    let start = file.lines.line_start(d.line) as usize;
    let text: &str = &file.text;
    let rest = &text[start.min(text.len())..];
    let src_line = rest.split('\n').next().unwrap_or("").trim_end_matches('\r');
    let caret = format!("{}^", " ".repeat(d.col.saturating_sub(1) as usize));
    format!("{d}\n  | {src_line}\n  | {caret}")
}

pub fn render_diags(diags: &[Diagnostic], file: &SourceFile) -> String {
    diags.iter().map(|d| render_diag(d, file)).collect::<Vec<_>>().join("\n")
}
