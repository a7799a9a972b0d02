//! `package.json` as Build npm reads it: `name`, `main`, `miniprogram` and `dependencies`,
//! each kept with its span so a finding points at the key or value at fault.
//!
//! WeChat's npm documentation: the build follows the `dependencies` field ("根据
//! package.json 的 dependencies 字段构建", so `devDependencies` never travel); a
//! mini-program package names its build output folder in `miniprogram` (default
//! `miniprogram_dist`); any other package is entered through `main` ("如果 package.json 中
//! 没有 main 字段，则以 npm 包根目录下的 index.js 作为入口文件").

use mpsim_base::{Diagnostic, Severity, SourceFile, Span};
use mpsim_project::json::{self, JsonValue};

use crate::tree::Tree;

/// A parsed JSON file with its source, for spanned findings.
pub struct JsonDoc {
    pub file: SourceFile,
    pub root: JsonValue,
}

impl JsonDoc {
    /// Reads and parses `rel`; a missing, unreadable or malformed file is a finding with `code`.
    pub fn read(tree: &Tree, rel: &str, code: &'static str) -> Result<JsonDoc, Diagnostic> {
        let Some(text) = tree.read(rel) else {
            let why = if tree.is_file(rel) { "cannot be read as UTF-8 text" } else { "does not exist" };
            return Err(Diagnostic::file(rel, Severity::Error, code, format!("{rel} {why}")));
        };
        let file = SourceFile::new(rel, text);
        match json::parse(&file.text) {
            Ok(root) if root.as_object().is_some() => Ok(JsonDoc { file, root }),
            Ok(root) => {
                Err(file.error(root.span, code, format!("{rel} must hold an object, found {}", root.type_name())))
            }
            Err(e) => Err(file.error(Span::at(e.offset), "json-syntax", e.message)),
        }
    }

    pub fn error(&self, span: Span, code: &'static str, message: impl Into<String>) -> Diagnostic {
        self.file.error(span, code, message)
    }

    pub fn warning(&self, span: Span, code: &'static str, message: impl Into<String>) -> Diagnostic {
        self.file.warning(span, code, message)
    }

    /// The string member `key` of `obj`: `Ok(None)` when absent, a finding when of another type.
    pub fn string<'a>(
        &self,
        obj: &'a JsonValue,
        key: &str,
        code: &'static str,
    ) -> Result<Option<(&'a str, Span)>, Diagnostic> {
        let Some(m) = obj.get(key) else {
            return Ok(None);
        };
        match m.value.as_str() {
            Some(s) => Ok(Some((s, m.value.span))),
            None => {
                Err(self.error(m.value.span, code, format!("`{key}` must be a string, found {}", m.value.type_name())))
            }
        }
    }
}

/// One dependency: the package name and the span of its key in `dependencies`.
#[derive(Clone, Debug)]
pub struct Dependency {
    pub name: String,
    pub span: Span,
}

/// The fields of a package.json that decide how a package is built.
pub struct Manifest {
    pub doc: JsonDoc,
    pub name: Option<String>,
    pub main: Option<(String, Span)>,
    pub miniprogram: Option<(String, Span)>,
    pub dependencies: Vec<Dependency>,
}

pub const CODE: &str = "npm-invalid-package-json";

impl Manifest {
    /// Reads the package.json at `rel`. Fields of the wrong type are reported in `diags`
    /// and ignored; only an unreadable or malformed file fails.
    pub fn read(tree: &Tree, rel: &str, diags: &mut Vec<Diagnostic>) -> Result<Manifest, Diagnostic> {
        let doc = JsonDoc::read(tree, rel, CODE)?;
        let mut field = |key: &str| match doc.string(&doc.root, key, CODE) {
            Ok(v) => v.map(|(s, span)| (s.to_string(), span)),
            Err(d) => {
                diags.push(d);
                None
            }
        };
        let name = field("name").map(|(s, _)| s);
        let main = field("main");
        let miniprogram = field("miniprogram");
        let mut dependencies = Vec::new();
        if let Some(m) = doc.root.get("dependencies") {
            match m.value.as_object() {
                Some(members) => {
                    for d in members {
                        if valid_name(&d.key) {
                            dependencies.push(Dependency { name: d.key.clone(), span: d.key_span });
                        } else {
                            diags.push(doc.error(
                                d.key_span,
                                CODE,
                                format!("\"{}\" is not a valid npm package name", d.key),
                            ));
                        }
                    }
                }
                None => diags.push(doc.error(
                    m.value.span,
                    CODE,
                    format!("`dependencies` must be an object, found {}", m.value.type_name()),
                )),
            }
        }
        Ok(Manifest { doc, name, main, miniprogram, dependencies })
    }
}

/// Whether `name` can name a folder of node_modules: `name` or `@scope/name`, with no
/// path segments that could climb out (`..`) or be absolute.
pub fn valid_name(name: &str) -> bool {
    let segment = |s: &str| !s.is_empty() && s != "." && s != ".." && !s.contains(['/', '\\', '\0']);
    match name.strip_prefix('@') {
        Some(scoped) => scoped.split_once('/').is_some_and(|(scope, n)| segment(scope) && segment(n)),
        None => segment(name),
    }
}

/// Splits a bare request (`pkg/sub/file`, `@scope/pkg/file`) into the package name and
/// the path inside it (empty for the package itself).
pub fn split_request(request: &str) -> Option<(&str, &str)> {
    // A scoped name spans two segments.
    let skip = usize::from(request.starts_with('@'));
    let (name, rest) = match request.match_indices('/').nth(skip) {
        Some((i, _)) => (&request[..i], &request[i + 1..]),
        None => (request, ""),
    };
    valid_name(name).then_some((name, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names_and_requests() {
        for (name, ok) in [
            ("dayjs", true),
            ("@vant/weapp", true),
            ("@vant", false),
            ("..", false),
            ("a/b", false),
            ("@s/../x", false),
        ] {
            assert_eq!(valid_name(name), ok, "{name}");
        }
        for (request, expect) in [
            ("dayjs", Some(("dayjs", ""))),
            ("dayjs/plugin/utc", Some(("dayjs", "plugin/utc"))),
            ("@vant/weapp/button/index", Some(("@vant/weapp", "button/index"))),
            ("@vant", None),
            ("../x", None),
        ] {
            assert_eq!(split_request(request), expect, "{request}");
        }
    }
}
