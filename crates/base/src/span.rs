//! Byte-offset spans and the line index that converts them to 1-based line:col.
//!
//! Every IR node and diagnostic carries a [`Span`] of byte offsets into its file; line and
//! column are computed only when a diagnostic is printed, from a [`LineIndex`].

use std::sync::Arc;

/// A half-open range of byte offsets `[start, end)` into one source file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start: start as u32, end: end as u32 }
    }

    /// An empty span at `offset`.
    pub fn at(offset: usize) -> Span {
        Span::new(offset, offset)
    }

    /// This span moved right by `by` bytes (for spans of a sub-string, e.g. an expression
    /// inside an attribute value).
    pub fn shifted(self, by: usize) -> Span {
        Span { start: self.start + by as u32, end: self.end + by as u32 }
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// Offsets of line starts, for byte offset → (line, column) conversion.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i as u32 + 1);
            }
        }
        LineIndex { line_starts }
    }

    /// 1-based line and 1-based column counted in Unicode scalar values, as editors show
    /// them. An offset past the end (or inside a character) is clamped.
    pub fn line_col(&self, text: &str, offset: u32) -> (u32, u32) {
        let offset = (offset as usize).min(text.len());
        let line = match self.line_starts.binary_search(&(offset as u32)) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line] as usize;
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let col = text[start..end].chars().count() + 1;
        (line as u32 + 1, col as u32)
    }

    /// 1-based column counted in UTF-16 code units (what the webview and JS engines use).
    pub fn utf16_col(&self, text: &str, offset: u32) -> u32 {
        let (line, _) = self.line_col(text, offset);
        let start = self.line_starts[line as usize - 1] as usize;
        let mut end = (offset as usize).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text[start..end].encode_utf16().count() as u32 + 1
    }

    /// Byte offset of the start of 1-based `line` (clamped to the last line).
    pub fn line_start(&self, line: u32) -> u32 {
        let i = (line.max(1) as usize - 1).min(self.line_starts.len() - 1);
        self.line_starts[i]
    }
}

/// A source file: its project-relative path (always `/`-separated), text and line index.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: Arc<str>,
    pub text: Arc<str>,
    pub lines: Arc<LineIndex>,
}

impl SourceFile {
    pub fn new(path: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> SourceFile {
        let text = text.into();
        let lines = Arc::new(LineIndex::new(&text));
        SourceFile { path: path.into(), text, lines }
    }

    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        self.lines.line_col(&self.text, offset)
    }

    /// A diagnostic at the start of `span` in this file.
    pub fn diagnostic(
        &self,
        span: Span,
        severity: crate::Severity,
        code: &'static str,
        message: impl Into<String>,
    ) -> crate::Diagnostic {
        let (line, col) = self.line_col(span.start);
        crate::Diagnostic { path: self.path.to_string(), line, col, severity, message: message.into(), code }
    }

    pub fn error(&self, span: Span, code: &'static str, message: impl Into<String>) -> crate::Diagnostic {
        self.diagnostic(span, crate::Severity::Error, code, message)
    }

    pub fn warning(&self, span: Span, code: &'static str, message: impl Into<String>) -> crate::Diagnostic {
        self.diagnostic(span, crate::Severity::Warning, code, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars_and_utf16() {
        let text = "ab\n中文x\n😀y";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        let x = text.find('x').unwrap() as u32;
        assert_eq!(idx.line_col(text, x), (2, 3));
        let y = text.find('y').unwrap() as u32;
        assert_eq!(idx.line_col(text, y), (3, 2));
        assert_eq!(idx.utf16_col(text, y), 3);
        assert_eq!(idx.line_col(text, 999), (3, 3));
    }
}
