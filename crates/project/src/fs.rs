//! Project-relative paths: the guard that keeps every file access inside the project, and
//! the lexical path arithmetic used to resolve component and page references.
//!
//! Paths in the model are always `/`-separated and relative to the project directory, with
//! no leading `./`, no trailing `/`, and no `.` or `..` segments. The empty string is the
//! project directory itself.

use std::path::{Component, Path, PathBuf};

/// The existing file or directory `rel` names inside `dir`, or `None` when `rel` is
/// absolute, contains a `..` segment, a backslash or a NUL, does not exist, or leads
/// (through a symlink) outside `dir`. The webview protocol uses the same guard.
pub fn resolve_inside(dir: &Path, rel: &str) -> Option<PathBuf> {
    if rel.starts_with('/') || rel.contains('\\') || rel.contains('\0') {
        return None;
    }
    let mut path = dir.to_path_buf();
    for segment in rel.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            s => {
                // A segment such as `C:` would make the join absolute on Windows.
                let mut parts = Path::new(s).components();
                match (parts.next(), parts.next()) {
                    (Some(Component::Normal(_)), None) => path.push(s),
                    _ => return None,
                }
            }
        }
    }
    let root = dir.canonicalize().ok()?;
    let real = path.canonicalize().ok()?;
    real.starts_with(&root).then_some(path)
}

/// Extensions a script may have, in the order they are looked for: `x.js` wins over `x.ts`
/// (DevTools' TypeScript compile finds `x.ts` only where there is no `x.js`).
pub const SCRIPT_EXTENSIONS: [&str; 2] = ["js", "ts"];

/// The file a configured script path names (plugin.json `main`, app.json `export`):
/// `rel` itself, or for `x.js` that does not exist an `x.ts` that does (DevTools compiles
/// the .ts to the .js the configuration names).
pub fn configured_script(dir: &Path, rel: &str) -> Option<String> {
    if resolve_inside(dir, rel).is_some_and(|p| p.is_file()) {
        return Some(rel.to_string());
    }
    script_file(dir, rel.strip_suffix(".js")?).filter(|f| f.ends_with(".ts"))
}

/// The script file of a page, component or module `base` (a path without extension):
/// `base.js`, else `base.ts`, else `None`.
pub fn script_file(dir: &Path, base: &str) -> Option<String> {
    SCRIPT_EXTENSIONS
        .iter()
        .map(|ext| format!("{base}.{ext}"))
        .find(|f| resolve_inside(dir, f).is_some_and(|p| p.is_file()))
}

/// A file's bytes as text: UTF-8 with one leading byte-order mark removed. Editors on
/// Windows save JS, JSON, WXML and WXSS with a BOM and DevTools accepts them; every place
/// that reads a project file goes through here, so offsets (and so line:col) count from the
/// first character after the mark, as editors show them. CRLF line ends are kept: the line
/// index counts `\n`, so a `\r` never shifts a line or a column before it.
pub fn decode_text(mut bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
    }
    String::from_utf8(bytes)
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Joins a project-relative directory and a relative path lexically, resolving `.` and `..`.
/// Returns `None` when `..` climbs above the project directory.
pub fn join(base: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for segment in rel.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// The directory part of a project-relative path (`a/b/c.json` → `a/b`, `c.json` → ``).
pub fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// `root` and `rel` joined with a `/` unless `root` is the project directory itself.
pub fn under(root: &str, rel: &str) -> String {
    if root.is_empty() {
        rel.to_string()
    } else if rel.is_empty() {
        root.to_string()
    } else {
        format!("{root}/{rel}")
    }
}

/// Whether project-relative `path` lies inside the directory `root` (or is `root`).
pub fn is_within(path: &str, root: &str) -> bool {
    root.is_empty() || path == root || (path.starts_with(root) && path.as_bytes().get(root.len()) == Some(&b'/'))
}

/// A directory setting from project.config.json or app.json normalised to model form:
/// `./miniprogram/` → `miniprogram`, `./` → ``. Returns `None` for absolute paths and paths
/// that climb out with `..`.
pub fn normalize_dir(raw: &str) -> Option<String> {
    if raw.starts_with('/') || raw.contains('\\') {
        return None;
    }
    let joined = join("", raw)?;
    if raw.split('/').any(|s| s == "..") {
        return None;
    }
    Some(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_text_strips_one_bom_only() {
        let cases: [(&[u8], &str); 4] = [
            (b"\xEF\xBB\xBF{}", "{}"),
            (b"{}", "{}"),
            (b"\xEF\xBB\xBF\xEF\xBB\xBFx", "\u{feff}x"),
            (b"a\r\nb", "a\r\nb"),
        ];
        for (bytes, want) in cases {
            assert_eq!(decode_text(bytes.to_vec()).as_deref(), Ok(want), "{bytes:?}");
        }
        assert!(decode_text(b"\xEF\xBB\xBF\xff".to_vec()).is_err());
    }

    #[test]
    fn lexical_helpers() {
        assert_eq!(join("a/b", "../c/./d").as_deref(), Some("a/c/d"));
        assert_eq!(join("a", "../../x"), None);
        assert_eq!(parent("a/b/c.json"), "a/b");
        assert_eq!(parent("c.json"), "");
        assert_eq!(under("", "x"), "x");
        assert_eq!(under("mp", "x"), "mp/x");
        assert!(is_within("mp/x", "mp"));
        assert!(!is_within("mpx/x", "mp"));
        assert_eq!(normalize_dir("./miniprogram/").as_deref(), Some("miniprogram"));
        assert_eq!(normalize_dir("./").as_deref(), Some(""));
        assert_eq!(normalize_dir("a//b/"), Some("a/b".to_string()));
        assert_eq!(normalize_dir("../x"), None);
        assert_eq!(normalize_dir("/abs"), None);
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("mpsim-project-fs-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("proj/sub")).expect("create scratch dir");
        std::fs::write(dir.join("proj/sub/a.txt"), "a").expect("write file");
        std::fs::write(dir.join("secret.txt"), "s").expect("write file");
        dir
    }

    #[test]
    fn resolve_inside_refuses_traversal_and_absolute_paths() {
        let dir = scratch("traversal");
        let proj = dir.join("proj");
        assert!(resolve_inside(&proj, "sub/a.txt").is_some());
        assert!(resolve_inside(&proj, "./sub/./a.txt").is_some());
        assert!(resolve_inside(&proj, "sub").is_some());
        assert!(resolve_inside(&proj, "").is_some());
        assert_eq!(resolve_inside(&proj, "../secret.txt"), None);
        assert_eq!(resolve_inside(&proj, "sub/../../secret.txt"), None);
        assert_eq!(resolve_inside(&proj, "sub/../sub/a.txt"), None);
        let abs = dir.join("secret.txt");
        assert_eq!(resolve_inside(&proj, &abs.to_string_lossy()), None);
        assert_eq!(resolve_inside(&proj, "/etc/passwd"), None);
        assert_eq!(resolve_inside(&proj, "sub\\a.txt"), None);
        assert_eq!(resolve_inside(&proj, "sub/missing.txt"), None);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn resolve_inside_refuses_symlinks_out_of_the_project() {
        let dir = scratch("symlink");
        let proj = dir.join("proj");
        std::os::unix::fs::symlink(dir.join("secret.txt"), proj.join("out.txt")).expect("symlink file");
        std::os::unix::fs::symlink(&dir, proj.join("outdir")).expect("symlink dir");
        std::os::unix::fs::symlink(proj.join("sub/a.txt"), proj.join("in.txt")).expect("symlink inside");
        assert_eq!(resolve_inside(&proj, "out.txt"), None);
        assert_eq!(resolve_inside(&proj, "outdir/secret.txt"), None);
        assert!(resolve_inside(&proj, "in.txt").is_some());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
