//! Less, SCSS and Sass to CSS, before the WXSS pipeline.
//!
//! WeChat DevTools compiles `.less`, `.scss` and `.sass` files into the `.wxss` of the same
//! name when `setting.useCompilerPlugins` names the compiler ("原生支持 TypeScript":
//! "项目内只需要创建 ts 文件即可，无需再生成同名的 js 文件。less 文件同理"). This module
//! runs those compilers and turns every failure into a diagnostic at the original file's
//! line:col; [`crate::stylesheet`] decides which file is the source and sends the CSS on
//! through rpx, tag mapping and scoping. It never decides which file wins and never writes
//! files.
//!
//! - Less: undercoat (lessc 4.1.3 semantics). It reads `@import`ed files from disk itself, so
//!   every file it reports as a dependency is checked afterwards: one outside the file's
//!   realm (the mini-program or plugin root) makes the result an error, its CSS unused.
//!   Every file but the root's `app.less` gets `@import (optional, reference) '/app.less';`
//!   first, as DevTools 1.06.2403132+ adds ("less 使用全局变量"); `/` is the realm root.
//! - SCSS and Sass (indented): grass, reading files only through [`ProjectFs`], which maps
//!   paths onto the project with the same guard as every other read (a leading `/` is the
//!   realm root) and refuses anything outside the realm.
//!
//! Both libraries run under `catch_unwind`: a panic on strange input is a diagnostic too.

use std::cell::RefCell;
use std::io;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use mpsim_base::{Diagnostic, Severity};
use mpsim_project::{is_within, join_path, resolve_inside, Project};

/// The language of a stylesheet file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StyleLang {
    Wxss,
    Less,
    Scss,
    /// Sass's indented syntax.
    Sass,
}

impl StyleLang {
    /// The file extension, without the dot.
    pub fn ext(self) -> &'static str {
        match self {
            StyleLang::Wxss => "wxss",
            StyleLang::Less => "less",
            StyleLang::Scss => "scss",
            StyleLang::Sass => "sass",
        }
    }

    /// The language of a project file by its extension.
    pub fn of_path(path: &str) -> Option<StyleLang> {
        let ext = path.rsplit_once('.')?.1;
        [StyleLang::Wxss, StyleLang::Less, StyleLang::Scss, StyleLang::Sass].into_iter().find(|l| l.ext() == ext)
    }
}

/// What a preprocessor produced: CSS when it succeeded, the project-relative files it read
/// (the entry first), and its findings.
#[derive(Debug, Default)]
pub struct Preprocessed {
    pub css: Option<String>,
    pub deps: Vec<String>,
    pub diags: Vec<Diagnostic>,
}

/// Compiles the Less, SCSS or Sass file `entry` (project-relative), whose `@import`s must
/// stay inside `root` (the mini-program or plugin root).
pub fn preprocess(project: &Project, entry: &str, lang: StyleLang, root: &str) -> Preprocessed {
    let mut out = Preprocessed { deps: vec![entry.to_string()], ..Preprocessed::default() };
    let Some(source) = project.read_text(entry) else {
        out.diags.push(Diagnostic::file(entry, Severity::Error, "wxss-missing-file", format!("cannot read {entry}")));
        return out;
    };
    let run = AssertUnwindSafe(|| match lang {
        StyleLang::Less => less(project, entry, source, root, &mut out),
        StyleLang::Scss | StyleLang::Sass => sass(project, entry, root, &mut out),
        StyleLang::Wxss => out.css = Some(source),
    });
    if catch_unwind(run).is_err() {
        let code = if lang == StyleLang::Less { "less-internal" } else { "scss-internal" };
        out.css = None;
        out.diags.push(Diagnostic::file(
            entry,
            Severity::Error,
            code,
            format!("the {} compiler failed on this file (an internal error of the library)", lang.ext()),
        ));
    }
    out
}

/// The import DevTools puts before every Less file but the root's app.less.
const LESS_GLOBALS: &str = "@import (optional, reference) '/app.less'; ";

fn less(project: &Project, entry: &str, source: String, root: &str, out: &mut Preprocessed) {
    let dir = project.dir.canonicalize().unwrap_or_else(|_| project.dir.clone());
    let root_dir = dir.join(root);
    let app_less = if root.is_empty() { "app.less".to_string() } else { format!("{root}/app.less") };
    let prefix = if entry == app_less { "" } else { LESS_GLOBALS };
    let opts = undercoat::Options { paths: vec![root_dir], ..undercoat::Options::default() };
    let text = format!("{prefix}{source}");
    match undercoat::compile_file(&dir.join(entry), &text, &opts) {
        Ok(output) => {
            let mut outside = false;
            for dep in &output.deps {
                match project_relative(&dir, Path::new(dep)).filter(|rel| is_within(rel, root)) {
                    Some(rel) => out.deps.push(rel),
                    None => {
                        outside = true;
                        out.diags.push(import_outside(entry, &source, &dir, Path::new(dep), root));
                    }
                }
            }
            if !outside {
                out.css = Some(output.css);
            }
        }
        Err(e) => {
            let path = e.path.as_deref().and_then(|p| project_relative(&dir, Path::new(p)));
            let path = path.unwrap_or_else(|| entry.to_string());
            let line = e.line.unwrap_or(1).max(1);
            let mut col = e.column.map_or(1, |c| c + 1);
            if path == entry && line == 1 {
                col = col.saturating_sub(prefix.chars().count() as u32).max(1);
            }
            // Messages name files by absolute path; the project's own are shown relative.
            let mut message = e.message.trim_start_matches("less parse failed: ").to_string();
            for base in [&dir, &project.dir] {
                message = message.replace(&format!("{}/", base.display()), "");
            }
            let code = if message.starts_with("@import not found") { "less-missing-import" } else { "less-syntax" };
            out.diags.push(Diagnostic { path, line, col, severity: Severity::Error, message, code });
        }
    }
}

fn sass(project: &Project, entry: &str, root: &str, out: &mut Preprocessed) {
    let fs = ProjectFs { project, root, read: RefCell::new(Vec::new()) };
    let logger = Warnings::default();
    let opts = grass_compiler::Options::default().fs(&fs).logger(&logger);
    let result = grass_compiler::from_path(entry, &opts);
    for dep in fs.read.into_inner() {
        if !out.deps.contains(&dep) {
            out.deps.push(dep);
        }
    }
    out.diags.extend(logger.found.into_inner());
    match result {
        Ok(css) => out.css = Some(css),
        Err(e) => out.diags.push(match (*e).kind() {
            grass_compiler::ErrorKind::ParseError { message, loc, .. } => {
                at_loc(&loc, Severity::Error, "scss-syntax", message)
            }
            other => Diagnostic::file(entry, Severity::Error, "scss-syntax", format!("{other:?}")),
        }),
    }
}

/// A diagnostic at a grass location (0-based line and column in characters).
fn at_loc(
    loc: &grass_compiler::codemap::SpanLoc,
    severity: Severity,
    code: &'static str,
    message: String,
) -> Diagnostic {
    Diagnostic {
        path: loc.file.name().to_string(),
        line: loc.begin.line as u32 + 1,
        col: loc.begin.column as u32 + 1,
        severity,
        message,
        code,
    }
}

/// `@warn` (and `@debug`) of SCSS files become warnings at their line.
#[derive(Debug, Default)]
struct Warnings {
    found: RefCell<Vec<Diagnostic>>,
}

impl grass_compiler::Logger for Warnings {
    fn debug(&self, location: grass_compiler::codemap::SpanLoc, message: &str) {
        self.found.borrow_mut().push(at_loc(&location, Severity::Warning, "scss-debug", message.to_string()));
    }

    fn warn(&self, location: grass_compiler::codemap::SpanLoc, message: &str) {
        self.found.borrow_mut().push(at_loc(&location, Severity::Warning, "scss-warn", message.to_string()));
    }
}

/// The project as grass sees it: paths are project-relative, a leading `/` is the realm
/// root, and nothing outside the realm exists. Reads strip a BOM like every project read.
#[derive(Debug)]
struct ProjectFs<'a> {
    project: &'a Project,
    root: &'a str,
    /// Project-relative files read, in order.
    read: RefCell<Vec<String>>,
}

impl ProjectFs<'_> {
    /// The project-relative path `path` names, when it stays inside the realm.
    fn rel(&self, path: &Path) -> Option<String> {
        let s = path.to_str()?;
        let rel = match s.strip_prefix('/') {
            Some(rest) => join_path(self.root, rest)?,
            None => join_path("", s)?,
        };
        is_within(&rel, self.root).then_some(rel)
    }

    fn existing(&self, path: &Path) -> Option<PathBuf> {
        resolve_inside(&self.project.dir, &self.rel(path)?)
    }
}

impl grass_compiler::Fs for ProjectFs<'_> {
    fn is_dir(&self, path: &Path) -> bool {
        self.existing(path).is_some_and(|p| p.is_dir())
    }

    fn is_file(&self, path: &Path) -> bool {
        self.existing(path).is_some_and(|p| p.is_file())
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let not_found = || io::Error::new(io::ErrorKind::NotFound, format!("{} is not in the project", path.display()));
        let rel = self.rel(path).ok_or_else(not_found)?;
        let text = self.project.read_text(&rel).ok_or_else(not_found)?;
        self.read.borrow_mut().push(rel);
        Ok(text.into_bytes())
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        Ok(self.rel(path).map_or_else(|| path.to_path_buf(), PathBuf::from))
    }
}

/// The error for a Less dependency outside the realm, at the entry's `@import` line that
/// names the file when there is one (the import may also sit in an imported file).
fn import_outside(entry: &str, source: &str, dir: &Path, dep: &Path, root: &str) -> Diagnostic {
    let name = dep.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let stem = name.strip_suffix(".less").unwrap_or(name);
    let message = match project_relative(dir, dep) {
        Some(rel) => format!("@import reaches {rel}, outside {}; the file is not used", realm_name(root)),
        None => format!("@import reaches {name}, outside the project; the file is not used"),
    };
    let line = source.lines().position(|l| l.contains("@import") && !stem.is_empty() && l.contains(stem));
    let mut d = Diagnostic::file(entry, Severity::Error, "less-import-outside", message);
    if let Some(i) = line {
        d.line = i as u32 + 1;
        let text = source.lines().nth(i).unwrap_or_default();
        d.col = text.find("@import").map_or(1, |c| text[..c].chars().count() as u32 + 1);
    }
    d
}

/// `path` (absolute) relative to the canonical project folder `dir`, `/`-separated.
fn project_relative(dir: &Path, path: &Path) -> Option<String> {
    let real = path.canonicalize().ok()?;
    let rel = real.strip_prefix(dir).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

fn realm_name(root: &str) -> String {
    if root.is_empty() {
        "the project".to_string()
    } else {
        format!("the {root}/ folder")
    }
}
