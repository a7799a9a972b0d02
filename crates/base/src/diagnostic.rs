//! Diagnostics: a finding with a project-relative file:line:col, a severity and a code.
//!
//! The code classifies the finding (callers match on codes, never on messages). Codes are
//! kebab-case and start with the stage that found them: `json-syntax`, `wxml-unclosed-tag`,
//! `js-exception`, `project-missing-page`…

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// Path relative to the project root, `/`-separated.
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub col: u32,
    pub severity: Severity,
    pub message: String,
    pub code: &'static str,
}

impl Diagnostic {
    /// A diagnostic about a whole file (reported at 1:1).
    pub fn file(
        path: impl Into<String>,
        severity: Severity,
        code: &'static str,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic { path: path.into(), line: 1, col: 1, severity, message: message.into(), code }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `path:line:col: error|warning: message [code]`, the format of `mpsim check`.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {} [{}]",
            self.path,
            self.line,
            self.col,
            self.severity.as_str(),
            self.message,
            self.code
        )
    }
}
