//! The loading context: reads files through the project guard, parses JSON documents,
//! remembers every source file it read, and collects diagnostics.
//!
//! The typed accessors (`expect_str`, `expect_object`...) report a wrong JSON type at the
//! value itself, with the area's `*-invalid-field` code, and return `None` so the caller
//! carries on as if the field were absent.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use mpsim_base::{Diagnostic, Severity, SourceFile, Span};

use crate::fs::{decode_text, resolve_inside};
use crate::json::{self, JsonMember, JsonValue};

/// A parsed JSON file: its source and its root value (`{}` when it failed to parse).
pub(crate) struct Doc {
    pub path: String,
    pub root: JsonValue,
    /// The file failed to parse (or was not an object) and counts as `{}`; checks for
    /// required fields stay quiet so the syntax error is the only report.
    pub broken: bool,
}

pub(crate) struct Loader {
    pub dir: PathBuf,
    pub diags: Vec<Diagnostic>,
    files: HashMap<String, SourceFile>,
}

impl Loader {
    pub fn new(dir: &Path) -> Loader {
        Loader { dir: dir.to_path_buf(), diags: Vec::new(), files: HashMap::new() }
    }

    pub fn is_file(&self, rel: &str) -> bool {
        resolve_inside(&self.dir, rel).is_some_and(|p| p.is_file())
    }

    /// The files a page or component `base` lacks: its script (`.js`, or `.ts` in a
    /// TypeScript project) and its template.
    pub fn missing_page_files(&self, base: &str) -> Vec<String> {
        let mut missing = Vec::new();
        if crate::fs::script_file(&self.dir, base).is_none() {
            missing.push(format!("{base}.js"));
        }
        if !self.is_file(&format!("{base}.wxml")) {
            missing.push(format!("{base}.wxml"));
        }
        missing
    }

    pub fn is_dir(&self, rel: &str) -> bool {
        resolve_inside(&self.dir, rel).is_some_and(|p| p.is_dir())
    }

    /// Reads and parses `rel`. `None` when the file does not exist; a syntax error is
    /// reported as `json-syntax` and the document counts as `{}`.
    pub fn read_doc(&mut self, rel: &str) -> Option<Doc> {
        if !self.is_file(rel) {
            return None;
        }
        let path = resolve_inside(&self.dir, rel)?;
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) => {
                self.diags.push(Diagnostic::file(
                    rel,
                    Severity::Error,
                    "json-syntax",
                    format!("cannot read the file: {e}"),
                ));
                return Some(Doc { path: rel.to_string(), root: JsonValue::empty_object(), broken: true });
            }
        };
        let text = match decode_text(bytes) {
            Ok(text) => text,
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let file = SourceFile::new(rel, text);
                self.diags.push(file.error(Span::at(offset), "json-syntax", "the file is not valid UTF-8"));
                self.files.insert(rel.to_string(), file);
                return Some(Doc { path: rel.to_string(), root: JsonValue::empty_object(), broken: true });
            }
        };
        let file = SourceFile::new(rel, text);
        let (root, broken) = match json::parse(&file.text) {
            Ok(root) => (root, false),
            Err(e) => {
                self.diags.push(file.error(Span::at(e.offset), "json-syntax", e.message));
                (JsonValue::empty_object(), true)
            }
        };
        self.files.insert(rel.to_string(), file);
        let doc = Doc { path: rel.to_string(), root, broken };
        if doc.root.as_object().is_none() {
            self.error(
                &doc.path,
                doc.root.span,
                "json-syntax",
                format!("the file must contain a JSON object, found {}", doc.root.type_name()),
            );
            return Some(Doc { path: doc.path, root: JsonValue::empty_object(), broken: true });
        }
        Some(doc)
    }

    /// An error at `span` of the already-read file `path` (at 1:1 if it was never read).
    pub fn error(&mut self, path: &str, span: Span, code: &'static str, msg: impl Into<String>) {
        self.report(path, span, Severity::Error, code, msg.into());
    }

    pub fn warning(&mut self, path: &str, span: Span, code: &'static str, msg: impl Into<String>) {
        self.report(path, span, Severity::Warning, code, msg.into());
    }

    fn report(&mut self, path: &str, span: Span, sev: Severity, code: &'static str, msg: String) {
        let diag = match self.files.get(path) {
            Some(file) => file.diagnostic(span, sev, code, msg),
            None => Diagnostic::file(path, sev, code, msg),
        };
        self.diags.push(diag);
    }

    fn type_error(&mut self, doc: &Doc, v: &JsonValue, what: &str, expected: &str, code: &'static str) {
        self.error(&doc.path, v.span, code, format!("`{what}` must be {expected}, found {}", v.type_name()));
    }

    pub fn expect_str<'a>(&mut self, doc: &Doc, v: &'a JsonValue, what: &str, code: &'static str) -> Option<&'a str> {
        let s = v.as_str();
        if s.is_none() {
            self.type_error(doc, v, what, "a string", code);
        }
        s
    }

    pub fn expect_bool(&mut self, doc: &Doc, v: &JsonValue, what: &str, code: &'static str) -> Option<bool> {
        let b = v.as_bool();
        if b.is_none() {
            self.type_error(doc, v, what, "a boolean", code);
        }
        b
    }

    pub fn expect_object<'a>(
        &mut self,
        doc: &Doc,
        v: &'a JsonValue,
        what: &str,
        code: &'static str,
    ) -> Option<&'a [JsonMember]> {
        let o = v.as_object();
        if o.is_none() {
            self.type_error(doc, v, what, "an object", code);
        }
        o
    }

    pub fn expect_array<'a>(
        &mut self,
        doc: &Doc,
        v: &'a JsonValue,
        what: &str,
        code: &'static str,
    ) -> Option<&'a [JsonValue]> {
        let a = v.as_array();
        if a.is_none() {
            self.type_error(doc, v, what, "an array", code);
        }
        a
    }

    /// The string field `key` of `obj`, reporting a wrong type.
    pub fn str_field<'a>(
        &mut self,
        doc: &Doc,
        obj: &'a JsonValue,
        key: &str,
        code: &'static str,
    ) -> Option<(&'a str, Span)> {
        let m = obj.get(key)?;
        let s = self.expect_str(doc, &m.value, key, code)?;
        Some((s, m.value.span))
    }

    pub fn bool_field(&mut self, doc: &Doc, obj: &JsonValue, key: &str, code: &'static str) -> Option<bool> {
        let m = obj.get(key)?;
        self.expect_bool(doc, &m.value, key, code)
    }
}
