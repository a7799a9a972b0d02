//! `@import` path resolution.
//!
//! A path starting with `/` is relative to the mini-program root folder (the `root`
//! argument of [`crate::compile`], e.g. `miniprogram`); any other path is relative to the
//! importing file's folder. `.wxss` is appended when the path does not already end with it.
//! `.` and `..` segments are resolved; climbing above the project root fails.

/// The project-relative path an `@import` of `target` in file `from` refers to, or `None`
/// when it climbs above the project root or is empty.
pub fn resolve_import(from: &str, root: &str, target: &str) -> Option<String> {
    let target = target.trim();
    if target.is_empty() {
        return None;
    }
    let mut segments: Vec<&str> = Vec::new();
    let base = if let Some(rest) = target.strip_prefix('/') {
        push_segments(&mut segments, root)?;
        rest
    } else {
        let dir = match from.rfind('/') {
            Some(i) => &from[..i],
            None => "",
        };
        push_segments(&mut segments, dir)?;
        target
    };
    push_segments(&mut segments, base)?;
    if segments.is_empty() {
        return None;
    }
    let mut path = segments.join("/");
    if !path.ends_with(".wxss") {
        path.push_str(".wxss");
    }
    Some(path)
}

/// Appends the `/`-separated segments of `path`, resolving `.` and `..`.
fn push_segments<'a>(segments: &mut Vec<&'a str>, path: &'a str) -> Option<()> {
    for seg in path.split(['/', '\\']) {
        match seg {
            "" | "." => {}
            ".." => {
                segments.pop()?;
            }
            s => segments.push(s),
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_absolute_and_extension() {
        let from = "miniprogram/pages/index/index.wxss";
        assert_eq!(resolve_import(from, "miniprogram", "./a").as_deref(), Some("miniprogram/pages/index/a.wxss"));
        assert_eq!(
            resolve_import(from, "miniprogram", "../../common/b.wxss").as_deref(),
            Some("miniprogram/common/b.wxss")
        );
        assert_eq!(resolve_import(from, "miniprogram", "/common/c.wxss").as_deref(), Some("miniprogram/common/c.wxss"));
        assert_eq!(resolve_import("app.wxss", "", "/common/c").as_deref(), Some("common/c.wxss"));
        assert_eq!(resolve_import("app.wxss", "", "../x"), None);
        assert_eq!(resolve_import("app.wxss", "", ""), None);
    }
}
