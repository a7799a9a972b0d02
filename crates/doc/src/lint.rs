//! The documentation rules: README.md's images and links, the files of doc/, the upload
//! size, raw HTML that will be stripped, and public names the README never mentions.
//!
//! Codes (E = error, W = warning):
//! - `doc-missing-readme` E, `doc-readme-encoding` E, `doc-empty` W
//! - `doc-image-network` E, `doc-image-scheme` E, `doc-image-outside` E,
//!   `doc-image-missing` E, `doc-image-not-image` E
//! - `doc-link-host` E, `doc-link-scheme` E, `doc-link-mailto` W, `doc-link-outside` E,
//!   `doc-link-missing` E
//! - `doc-stray-file` E, `doc-image-unsupported` E, `doc-image-corrupt` E,
//!   `doc-image-ext-mismatch` W, `doc-image-large` W, `doc-too-large` E
//! - `doc-html-stripped` W
//! - `doc-undocumented-component` W, `doc-undocumented-page` W, `doc-undocumented-interface` W

use std::fs;
use std::path::Path;

use mpsim_base::{Diagnostic, Severity, SourceFile, Span};

use crate::files::{self, Decoded, Kind, Resolved};
use crate::scan::{self, Ref, RefKind};
use crate::urls::{self, Dest};
use crate::{Names, LARGE_IMAGE_BYTES, LARGE_IMAGE_SIDE, MAX_DOC_BYTES};

/// Lints `project_dir/doc_dir_rel` (usually `doc`) without the plugin's public names.
pub fn lint(project_dir: &Path, doc_dir_rel: &str) -> Vec<Diagnostic> {
    lint_with_names(project_dir, doc_dir_rel, &Names::default())
}

/// Lints the documentation folder and warns about each name in `names` that README.md
/// never mentions. Diagnostics are sorted by path, line and column.
pub fn lint_with_names(project_dir: &Path, doc_dir_rel: &str, names: &Names) -> Vec<Diagnostic> {
    let doc_rel = files::norm_rel(doc_dir_rel);
    let doc_dir = project_dir.join(&doc_rel);
    let readme_path = files::display(&doc_rel, "README.md");
    let mut out = Vec::new();

    if !doc_dir.is_dir() {
        out.push(Diagnostic::file(
            &readme_path,
            Severity::Error,
            "doc-missing-readme",
            format!("the plugin has no documentation: create {readme_path} (shown on the plugin's detail page)"),
        ));
        return out;
    }

    let entries = files::walk(&doc_dir);
    match fs::read(doc_dir.join("README.md")) {
        Ok(bytes) if entries.iter().any(|e| e.rel == "README.md") => {
            let text = match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(e) => {
                    out.push(Diagnostic::file(
                        &readme_path,
                        Severity::Error,
                        "doc-readme-encoding",
                        "README.md is not valid UTF-8; save it as UTF-8",
                    ));
                    String::from_utf8_lossy(e.as_bytes()).into_owned()
                }
            };
            let file = SourceFile::new(readme_path.as_str(), text.as_str());
            lint_readme(&file, &doc_dir, &doc_rel, names, &mut out);
        }
        _ => {
            let hint = entries
                .iter()
                .find(|e| e.rel.eq_ignore_ascii_case("README.md"))
                .map(|e| format!(" (found `{}`: the name must be exactly README.md)", e.rel))
                .unwrap_or_default();
            out.push(Diagnostic::file(
                &readme_path,
                Severity::Error,
                "doc-missing-readme",
                format!("{readme_path} is missing{hint}"),
            ));
        }
    }

    lint_files(&entries, &doc_rel, &mut out);

    let total: u64 = entries.iter().map(|e| e.bytes).sum();
    if total > MAX_DOC_BYTES {
        let mut largest: Vec<_> = entries.iter().filter(|e| e.bytes > 0).collect();
        largest.sort_by(|a, b| b.bytes.cmp(&a.bytes).then(a.rel.cmp(&b.rel)));
        let list: Vec<String> = largest.iter().take(3).map(|e| format!("{} {}", e.rel, human(e.bytes))).collect();
        out.push(Diagnostic::file(
            if doc_rel.is_empty() { "." } else { doc_rel.as_str() },
            Severity::Error,
            "doc-too-large",
            format!(
                "the documentation is {} ({total} bytes), over the 2 MB upload limit (2 × 1024 × 1024 = {MAX_DOC_BYTES} bytes); largest: {}",
                human(total),
                list.join(", ")
            ),
        ));
    }

    out.sort_by(|a, b| (a.path.as_str(), a.line, a.col).cmp(&(b.path.as_str(), b.line, b.col)));
    out
}

/// `1.5 MB` style, with 1 MB = 1024 × 1024 bytes.
fn human(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.2} MB", bytes as f64 / (1024.0 * 1024.0))
    } else if bytes >= 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

fn lint_readme(file: &SourceFile, doc_dir: &Path, doc_rel: &str, names: &Names, out: &mut Vec<Diagnostic>) {
    let text: &str = &file.text;
    if text.trim().is_empty() {
        out.push(file.warning(
            Span::at(0),
            "doc-empty",
            "README.md is empty: describe the plugin's components, pages and interface",
        ));
    }
    let scan = scan::scan(text);
    for r in &scan.refs {
        check_ref(file, r, doc_dir, doc_rel, out);
    }
    for h in &scan.html {
        out.push(file.warning(Span::at(h.offset), "doc-html-stripped", h.message.clone()));
    }
    let groups: [(&[String], &str, &'static str); 3] = [
        (&names.components, "public component", "doc-undocumented-component"),
        (&names.pages, "plugin page", "doc-undocumented-page"),
        (&names.interface, "interface", "doc-undocumented-interface"),
    ];
    for (list, what, code) in groups {
        let mut seen = std::collections::HashSet::new();
        for name in list {
            if name.is_empty() || !seen.insert(name) || mentions(text, name) {
                continue;
            }
            out.push(file.warning(Span::at(0), code, format!("README.md never mentions the {what} `{name}`")));
        }
    }
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '$')
}

/// `name` appears in `text` not as a part of a longer identifier (ASCII letters, digits,
/// `_`, `-`, `$`; Chinese text right next to a name still counts as a mention).
fn mentions(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + name.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

fn check_ref(file: &SourceFile, r: &Ref, doc_dir: &Path, doc_rel: &str, out: &mut Vec<Diagnostic>) {
    let span = Span::at(r.offset);
    let shown = shorten(&r.dest);
    let doc = if doc_rel.is_empty() { "the documentation folder".to_string() } else { format!("{doc_rel}/") };
    match (r.kind, urls::classify(&r.dest)) {
        (RefKind::Image, Dest::Web { .. }) => out.push(file.error(
            span,
            "doc-image-network",
            format!("network image `{shown}`: images must be local files inside {doc}"),
        )),
        (RefKind::Image, Dest::Mailto | Dest::Scheme(_)) => out.push(file.error(
            span,
            "doc-image-scheme",
            format!("image `{shown}` is not a file: images must be local files inside {doc}"),
        )),
        (RefKind::Image, Dest::Outside) => out.push(file.error(
            span,
            "doc-image-outside",
            format!("image `{shown}` is outside {doc}: only files inside {doc} are uploaded with the documentation"),
        )),
        (RefKind::Image, Dest::Empty | Dest::Fragment) => out.push(file.error(
            span,
            "doc-image-missing",
            format!("image `{shown}` names no file"),
        )),
        (RefKind::Image, Dest::Local(rel)) => match files::resolve(doc_dir, &rel) {
            Resolved::File(_) => {
                if !matches!(files::kind_of(&rel), Kind::Image(_)) {
                    out.push(file.error(
                        span,
                        "doc-image-not-image",
                        format!("`{shown}` is not an image (png, jpg, gif, webp or bmp)"),
                    ));
                }
            }
            Resolved::WrongCase(real) => out.push(file.error(
                span,
                "doc-image-missing",
                format!("image `{shown}` not found; the file is spelled `{real}` (names are case-sensitive on the phone)"),
            )),
            Resolved::Escapes => out.push(file.error(
                span,
                "doc-image-outside",
                format!("image `{shown}` is a link to a file outside {doc}"),
            )),
            Resolved::Dir | Resolved::Missing => out.push(file.error(
                span,
                "doc-image-missing",
                format!("image `{shown}` not found in {doc}"),
            )),
        },
        (RefKind::Link, Dest::Web { host, .. }) => {
            if !urls::host_allowed(&host) {
                let host = if host.is_empty() { "(no host)".to_string() } else { host };
                out.push(file.error(
                    span,
                    "doc-link-host",
                    format!(
                        "link to `{host}`: documentation links may only go to developers.weixin.qq.com, mp.weixin.qq.com or github.com"
                    ),
                ));
            }
        }
        (RefKind::Link, Dest::Mailto) => out.push(file.warning(
            span,
            "doc-link-mailto",
            format!("`{shown}`: mailto links are not among the allowed destinations (developers.weixin.qq.com, mp.weixin.qq.com, github.com) and may not work on the detail page"),
        )),
        (RefKind::Link, Dest::Scheme(scheme)) => out.push(file.error(
            span,
            "doc-link-scheme",
            format!("`{scheme}:` link: documentation links may only go to developers.weixin.qq.com, mp.weixin.qq.com or github.com"),
        )),
        (RefKind::Link, Dest::Outside) => out.push(file.error(
            span,
            "doc-link-outside",
            format!("link `{shown}` points outside {doc}, which is not uploaded with the documentation"),
        )),
        (RefKind::Link, Dest::Local(rel)) => match files::resolve(doc_dir, &rel) {
            Resolved::File(_) | Resolved::Dir => {}
            Resolved::WrongCase(real) => out.push(file.error(
                span,
                "doc-link-missing",
                format!("link target `{shown}` not found; the file is spelled `{real}` (names are case-sensitive on the phone)"),
            )),
            Resolved::Escapes => out.push(file.error(
                span,
                "doc-link-outside",
                format!("link `{shown}` is a link to a file outside {doc}"),
            )),
            Resolved::Missing => out.push(file.error(
                span,
                "doc-link-missing",
                format!("link target `{shown}` not found in {doc}"),
            )),
        },
        (RefKind::Link, Dest::Empty | Dest::Fragment) => {}
    }
}

/// A destination for a message: at most 80 characters (data: URIs are long).
fn shorten(s: &str) -> String {
    if s.chars().count() > 80 {
        let head: String = s.chars().take(77).collect();
        format!("{head}...")
    } else {
        s.to_string()
    }
}

/// The first bytes of a file, enough to recognise an image format.
fn head(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut buf = Vec::new();
    fs::File::open(path).ok()?.take(64).read_to_end(&mut buf).ok()?;
    Some(buf)
}

fn lint_files(entries: &[files::Entry], doc_rel: &str, out: &mut Vec<Diagnostic>) {
    for e in entries {
        let path = files::display(doc_rel, &e.rel);
        if e.unwalked_dir {
            out.push(Diagnostic::file(
                &path,
                Severity::Error,
                "doc-stray-file",
                format!("`{}` is a folder that cannot be checked (a symlink or nested too deep): doc/ may hold only README.md and images", e.rel),
            ));
            continue;
        }
        match files::kind_of(&e.rel) {
            Kind::Readme => {}
            Kind::Other => {
                let hint = match head(&e.path).as_deref().and_then(files::sniff) {
                    Some(f) if files::mime(f).is_some() => {
                        format!(" (its content is a {0} image: name it with a .{0} extension)", files::format_name(f))
                    }
                    _ => String::new(),
                };
                out.push(Diagnostic::file(
                    &path,
                    Severity::Error,
                    "doc-stray-file",
                    format!("`{}` is neither README.md nor an image: doc/ may hold only README.md and images (png, jpg, gif, webp, bmp){hint}", e.rel),
                ))
            }
            Kind::UnsupportedImage => out.push(Diagnostic::file(
                &path,
                Severity::Error,
                "doc-image-unsupported",
                format!("`{}`: this image format is not supported; use png, jpg, gif, webp or bmp", e.rel),
            )),
            Kind::Image(ext_format) => {
                let data = match fs::read(&e.path) {
                    Ok(d) => d,
                    Err(err) => {
                        out.push(Diagnostic::file(
                            &path,
                            Severity::Error,
                            "doc-image-corrupt",
                            format!("`{}` cannot be read: {err}", e.rel),
                        ));
                        continue;
                    }
                };
                match files::decode(&data) {
                    Decoded::Unrecognised => out.push(Diagnostic::file(
                        &path,
                        Severity::Error,
                        "doc-image-corrupt",
                        format!("`{}` is not an image: its content is no png, jpeg, gif, webp or bmp", e.rel),
                    )),
                    Decoded::Unsupported(f) => out.push(Diagnostic::file(
                        &path,
                        Severity::Error,
                        "doc-image-unsupported",
                        format!(
                            "`{}` is a {} image, which is not supported; use png, jpg, gif, webp or bmp",
                            e.rel,
                            files::format_name(f)
                        ),
                    )),
                    Decoded::Corrupt(f, why) => out.push(Diagnostic::file(
                        &path,
                        Severity::Error,
                        "doc-image-corrupt",
                        format!("`{}` is a broken {} image: {why}", e.rel, files::format_name(f)),
                    )),
                    Decoded::Ok { format, width, height } => {
                        if format != ext_format {
                            out.push(Diagnostic::file(
                                &path,
                                Severity::Warning,
                                "doc-image-ext-mismatch",
                                format!(
                                    "`{}` is a {} image but its extension says {}",
                                    e.rel,
                                    files::format_name(format),
                                    files::format_name(ext_format)
                                ),
                            ));
                        }
                        let bytes = data.len() as u64;
                        if width > LARGE_IMAGE_SIDE || height > LARGE_IMAGE_SIDE || bytes > LARGE_IMAGE_BYTES {
                            out.push(Diagnostic::file(
                                &path,
                                Severity::Warning,
                                "doc-image-large",
                                format!(
                                    "`{}` is a large image ({} {width}×{height}, {}); over {LARGE_IMAGE_SIDE} px on a side or 1 MB slows the detail page and counts against the 2 MB limit",
                                    e.rel,
                                    files::format_name(format),
                                    human(bytes)
                                ),
                            ));
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_whole_words_only() {
        assert!(mentions("use `hello-component` here", "hello-component"));
        assert!(mentions("plugin://p/hello-page?x=1", "hello-page"));
        assert!(mentions("sayHello(name)", "sayHello"));
        assert!(!mentions("sayHelloWorld()", "sayHello"));
        assert!(!mentions("my-hello-page", "hello-page"));
        assert!(mentions("调用sayHello方法", "sayHello"));
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human(10), "10 bytes");
        assert_eq!(human(2048), "2.0 KB");
        assert_eq!(human(2_202_010), "2.10 MB");
    }
}
