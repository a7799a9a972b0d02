//! JavaScript exceptions as values: the message and the first project stack frame, turned
//! into a diagnostic with a project-relative file:line:col.

use mpsim_base::{Diagnostic, Severity};
use rquickjs::{CaughtError, Ctx};

/// A thrown JavaScript value, read out of the engine.
#[derive(Clone, Debug)]
pub struct JsFailure {
    pub message: String,
    pub stack: String,
    /// The runtime's deadline stopped the code.
    pub interrupted: bool,
    /// An allocation failed at the memory limit.
    pub out_of_memory: bool,
}

/// One `at name (file:line:col)` frame.
#[derive(Clone, Debug, PartialEq)]
pub struct StackFrame {
    pub function: String,
    pub file: String,
    pub line: u32,
    pub col: u32,
}

impl JsFailure {
    pub fn from_error(ctx: &Ctx<'_>, err: rquickjs::Error) -> JsFailure {
        let caught = CaughtError::from_error(ctx, err);
        let (message, stack) = match &caught {
            CaughtError::Exception(e) => {
                let name = e.get::<_, Option<String>>("name").ok().flatten().unwrap_or_else(|| "Error".into());
                let msg = e.message().unwrap_or_default();
                (format!("{name}: {msg}"), e.stack().unwrap_or_default())
            }
            CaughtError::Value(v) => {
                let text = if v.is_null() {
                    // QuickJS may throw null when an allocation fails at the limit.
                    "out of memory".to_string()
                } else {
                    ctx.json_stringify(v.clone())
                        .ok()
                        .flatten()
                        .and_then(|s| s.to_string().ok())
                        .unwrap_or_else(|| format!("{v:?}"))
                };
                (format!("Uncaught {text}"), String::new())
            }
            CaughtError::Error(e) => (e.to_string(), String::new()),
        };
        JsFailure::new(message, stack)
    }

    pub fn new(message: String, stack: String) -> JsFailure {
        let interrupted = message.contains("interrupted");
        let out_of_memory = message.contains("out of memory") || message.contains("Allocation");
        JsFailure { message, stack, interrupted, out_of_memory }
    }

    /// The innermost frame in a project file (not in the framework or a native).
    pub fn frame(&self) -> Option<StackFrame> {
        frames(&self.stack).into_iter().next()
    }

    /// A diagnostic at the innermost project frame, or at `fallback` (a file) when the
    /// stack names none.
    pub fn diagnostic(&self, fallback: &str) -> Diagnostic {
        let (code, message) = if self.interrupted {
            ("js-timeout", format!("script ran too long and was stopped ({})", self.message))
        } else if self.out_of_memory {
            ("js-out-of-memory", format!("script exceeded the memory limit and was stopped ({})", self.message))
        } else {
            ("js-exception", self.message.clone())
        };
        match self.frame() {
            Some(f) => Diagnostic { path: f.file, line: f.line, col: f.col, severity: Severity::Error, message, code },
            None => Diagnostic::file(fallback, Severity::Error, code, message),
        }
    }
}

/// Project frames of a QuickJS stack (`    at fn (file:line:col)` or `    at file:line:col`),
/// innermost first. Frames of the framework (`<mpsim>`) and natives are skipped.
pub fn frames(stack: &str) -> Vec<StackFrame> {
    stack.lines().filter_map(parse_frame).collect()
}

/// One stack line as a project frame.
fn parse_frame(text: &str) -> Option<StackFrame> {
    let line = text.trim().strip_prefix("at ")?;
    let (function, loc) = match line.rfind(" (") {
        Some(i) if line.ends_with(')') => (line[..i].to_string(), &line[i + 2..line.len() - 1]),
        _ => (String::new(), line),
    };
    let mut parts = loc.rsplitn(3, ':');
    let col = parts.next()?.parse().ok()?;
    let line_no = parts.next()?.parse().ok()?;
    let file = parts.next()?.to_string();
    if file.starts_with('<') || file == "native" {
        return None;
    }
    Some(StackFrame { function, file, line: line_no, col })
}

/// The stack with every project frame moved to the position in the file as written
/// (`original` maps a running position back, see the runtime's source maps).
pub fn remap_stack(stack: &str, original: impl Fn(&str, u32, u32) -> Option<(u32, u32)>) -> String {
    let mut out = String::with_capacity(stack.len());
    for text in stack.lines() {
        match parse_frame(text) {
            Some(f) => {
                let (line, col) = original(&f.file, f.line, f.col).unwrap_or((f.line, f.col));
                let indent = &text[..text.len() - text.trim_start().len()];
                if f.function.is_empty() {
                    out.push_str(&format!("{indent}at {}:{line}:{col}", f.file));
                } else {
                    out.push_str(&format!("{indent}at {} ({}:{line}:{col})", f.function, f.file));
                }
            }
            None => out.push_str(text),
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_skip_framework_and_natives() {
        let stack = "    at <anonymous> (<mpsim>:10:3)\n    at onTap (miniprogram/pages/a/a.js:4:11)\n    at native\n    at miniprogram/app.js:1:1\n";
        let f = frames(stack);
        assert_eq!(f.len(), 2);
        assert_eq!(
            f[0],
            StackFrame { function: "onTap".into(), file: "miniprogram/pages/a/a.js".into(), line: 4, col: 11 }
        );
        assert_eq!(f[1].file, "miniprogram/app.js");
    }
}
