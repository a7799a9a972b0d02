//! The `mpsim://` protocol: page frames' own files (`/__frame__/…`, from the embedded ui
//! assets) and project files (`/project/<project-relative path>`), nothing else.
//!
//! Project paths go through `mpsim_project::resolve_inside`, the one guard that refuses
//! `..`, absolute paths and symlinks that leave the project. Every response carries
//! `Access-Control-Allow-Origin` (the shell is another origin) and frames get a strict CSP.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use tauri::http::{Response, StatusCode};

/// The CSP of page frames: only mpsim:// scripts and styles (no inline script, no eval),
/// images from the project or data URLs, nothing else.
pub const FRAME_CSP: &str =
    "default-src 'none'; script-src mpsim:; style-src mpsim: 'unsafe-inline'; img-src mpsim: data:; font-src mpsim: data:";

/// What a request path names.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file of the frame (an embedded ui asset name).
    Frame(String),
    /// A file inside the project.
    Project(PathBuf),
    /// Refused or missing.
    NotFound,
}

/// Percent-decodes a URI path; `None` for malformed escapes or non-UTF-8.
fn decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Resolves a request path against the open project `dir`.
pub fn resolve(dir: &Path, uri_path: &str) -> Target {
    let Some(path) = decode(uri_path) else { return Target::NotFound };
    if let Some(file) = path.strip_prefix("/__frame__/") {
        let safe = !file.is_empty() && file.split('/').all(|s| !s.is_empty() && s != "." && s != "..");
        return if safe { Target::Frame(file.to_string()) } else { Target::NotFound };
    }
    if let Some(rel) = path.strip_prefix("/project/") {
        return match mpsim_project::resolve_inside(dir, rel) {
            Some(p) if p.is_file() => Target::Project(p),
            _ => Target::NotFound,
        };
    }
    Target::NotFound
}

pub fn mime(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("").to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn response(status: StatusCode, mime: &str, body: Cow<'static, [u8]>, csp: bool) -> Response<Cow<'static, [u8]>> {
    let mut b = Response::builder()
        .status(status)
        .header("Content-Type", mime)
        .header("Access-Control-Allow-Origin", "*")
        .header("X-Content-Type-Options", "nosniff");
    if csp {
        b = b.header("Content-Security-Policy", FRAME_CSP);
    }
    b.body(body).unwrap_or_else(|_| Response::new(Cow::Borrowed(&[])))
}

/// Answers one request of a page frame.
pub fn respond<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    dir: &Path,
    uri_path: &str,
) -> Response<Cow<'static, [u8]>> {
    match resolve(dir, uri_path) {
        Target::Frame(file) => match app.asset_resolver().get(file.clone()) {
            Some(asset) => response(StatusCode::OK, mime(&file), Cow::Owned(asset.bytes), true),
            None => response(StatusCode::NOT_FOUND, "text/plain", Cow::Borrowed(b"not found"), true),
        },
        Target::Project(path) => match std::fs::read(&path) {
            Ok(bytes) => response(StatusCode::OK, mime(&path.to_string_lossy()), Cow::Owned(bytes), true),
            Err(_) => response(StatusCode::NOT_FOUND, "text/plain", Cow::Borrowed(b"not found"), true),
        },
        Target::NotFound => response(StatusCode::NOT_FOUND, "text/plain", Cow::Borrowed(b"not found"), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("mpsim-protocol-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("doc")).unwrap();
        std::fs::write(dir.join("doc/a b.png"), b"png").unwrap();
        std::fs::write(dir.join("app.json"), b"{}").unwrap();
        dir
    }

    #[test]
    fn serves_project_files_and_frame_assets() {
        let dir = project();
        assert_eq!(resolve(&dir, "/project/app.json"), Target::Project(dir.join("app.json")));
        assert_eq!(resolve(&dir, "/project/doc/a%20b.png"), Target::Project(dir.join("doc/a b.png")));
        assert_eq!(resolve(&dir, "/__frame__/frame.js"), Target::Frame("frame.js".into()));
    }

    #[test]
    fn refuses_traversal_absolute_paths_and_symlinks_out() {
        let dir = project();
        let outside = dir.parent().unwrap().join(format!("mpsim-secret-{}", std::process::id()));
        std::fs::write(&outside, b"secret").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside, dir.join("doc/link.png")).unwrap();
        for path in [
            "/project/../etc/passwd",
            "/project/doc/../../etc/passwd",
            "/project/%2e%2e/etc/passwd",
            "/project/doc/%2E%2E/%2E%2E/etc/passwd",
            "/project//etc/passwd",
            "/project/%2Fetc%2Fpasswd",
            "/project/doc/link.png",
            "/project/doc",
            "/project/missing.png",
            "/__frame__/../app.json",
            "/__frame__/",
            "/etc/passwd",
            "/project/%zz",
        ] {
            assert_eq!(resolve(&dir, path), Target::NotFound, "{path}");
        }
        let _ = std::fs::remove_file(outside);
    }
}
