//! The files of doc/: walking the folder, telling README.md and images from the rest,
//! decoding every image with the `image` crate, and resolving a README path to a file
//! with the exact spelling the (case-sensitive) phone needs.

use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{ImageFormat, ImageReader, Limits};

use crate::ImageInfo;

/// How deep sub-folders of doc/ are walked.
const MAX_DEPTH: usize = 16;

/// `doc`, `./doc/`, `doc\` → `doc`.
pub(crate) fn norm_rel(doc_dir_rel: &str) -> String {
    let s = doc_dir_rel.replace('\\', "/");
    let parts: Vec<&str> = s.split('/').filter(|p| !p.is_empty() && *p != ".").collect();
    parts.join("/")
}

/// `doc` + `img/a.png` → `doc/img/a.png` (project-relative display path).
pub(crate) fn display(doc_rel: &str, rel: &str) -> String {
    match (doc_rel.is_empty(), rel.is_empty()) {
        (true, _) => rel.to_string(),
        (false, true) => doc_rel.to_string(),
        (false, false) => format!("{doc_rel}/{rel}"),
    }
}

/// A file found under doc/.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    /// `/`-separated, relative to doc/.
    pub rel: String,
    pub path: PathBuf,
    pub bytes: u64,
    /// A folder that could not be walked (a symlink, too deep or unreadable).
    pub unwalked_dir: bool,
}

/// Every file under `doc_dir`, sorted by relative path.
pub(crate) fn walk(doc_dir: &Path) -> Vec<Entry> {
    let mut out = Vec::new();
    walk_into(doc_dir, "", 0, &mut out);
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out
}

fn walk_into(dir: &Path, prefix: &str, depth: usize, out: &mut Vec<Entry>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for entry in rd.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
        let path = entry.path();
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            if depth < MAX_DEPTH {
                walk_into(&path, &rel, depth + 1, out);
            } else {
                out.push(Entry { rel, path, bytes: 0, unwalked_dir: true });
            }
            continue;
        }
        // Files and symlinks: the upload takes what they point at.
        match fs::metadata(&path) {
            Ok(md) if md.is_dir() => out.push(Entry { rel, path, bytes: 0, unwalked_dir: true }),
            Ok(md) => out.push(Entry { rel, path, bytes: md.len(), unwalked_dir: false }),
            Err(_) => out.push(Entry { rel, path, bytes: 0, unwalked_dir: false }),
        }
    }
}

/// What a file name says it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Readme,
    /// An extension of a format the detail page shows and `image` decodes.
    Image(ImageFormat),
    /// An image format the documentation does not support (svg, tiff, ico, avif, heic…).
    UnsupportedImage,
    Other,
}

pub(crate) fn kind_of(rel: &str) -> Kind {
    if rel == "README.md" {
        return Kind::Readme;
    }
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let ext = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => return Kind::Other,
    };
    match ext.as_str() {
        "png" => Kind::Image(ImageFormat::Png),
        "jpg" | "jpeg" => Kind::Image(ImageFormat::Jpeg),
        "gif" => Kind::Image(ImageFormat::Gif),
        "webp" => Kind::Image(ImageFormat::WebP),
        "bmp" => Kind::Image(ImageFormat::Bmp),
        "svg" | "svgz" | "tif" | "tiff" | "ico" | "avif" | "heic" | "heif" | "apng" | "jxl" | "psd" | "raw" => {
            Kind::UnsupportedImage
        }
        _ => Kind::Other,
    }
}

pub(crate) fn format_name(f: ImageFormat) -> &'static str {
    match f {
        ImageFormat::Png => "png",
        ImageFormat::Jpeg => "jpeg",
        ImageFormat::Gif => "gif",
        ImageFormat::WebP => "webp",
        ImageFormat::Bmp => "bmp",
        other => other.extensions_str().first().copied().unwrap_or("unknown"),
    }
}

pub(crate) fn mime(f: ImageFormat) -> Option<&'static str> {
    match f {
        ImageFormat::Png => Some("image/png"),
        ImageFormat::Jpeg => Some("image/jpeg"),
        ImageFormat::Gif => Some("image/gif"),
        ImageFormat::WebP => Some("image/webp"),
        ImageFormat::Bmp => Some("image/bmp"),
        _ => None,
    }
}

/// The outcome of decoding one file.
pub(crate) enum Decoded {
    Ok {
        format: ImageFormat,
        width: u32,
        height: u32,
    },
    /// The content is no image format `image` recognises.
    Unrecognised,
    /// Recognised as a format the documentation does not support.
    Unsupported(ImageFormat),
    /// Recognised but broken (or too big to decode safely).
    Corrupt(ImageFormat, String),
}

pub(crate) fn sniff(data: &[u8]) -> Option<ImageFormat> {
    image::guess_format(data).ok()
}

pub(crate) fn decode(data: &[u8]) -> Decoded {
    let Some(format) = sniff(data) else { return Decoded::Unrecognised };
    if mime(format).is_none() {
        return Decoded::Unsupported(format);
    }
    let mut reader = ImageReader::with_format(Cursor::new(data), format);
    let mut limits = Limits::default();
    limits.max_alloc = Some(512 * 1024 * 1024);
    limits.max_image_width = Some(32768);
    limits.max_image_height = Some(32768);
    reader.limits(limits);
    match reader.decode() {
        Ok(img) => Decoded::Ok { format, width: img.width(), height: img.height() },
        Err(image::ImageError::Limits(e)) => Decoded::Corrupt(format, format!("too large to decode ({e})")),
        Err(e) => Decoded::Corrupt(format, e.to_string()),
    }
}

pub(crate) fn images(project_dir: &Path, doc_dir_rel: &str) -> Vec<ImageInfo> {
    let doc_rel = norm_rel(doc_dir_rel);
    let doc_dir = project_dir.join(&doc_rel);
    let mut out = Vec::new();
    for e in walk(&doc_dir) {
        if !matches!(kind_of(&e.rel), Kind::Image(_)) {
            continue;
        }
        let Ok(data) = fs::read(&e.path) else { continue };
        if let Decoded::Ok { format, width, height } = decode(&data) {
            out.push(ImageInfo {
                path: display(&doc_rel, &e.rel),
                format: format_name(format).to_string(),
                width,
                height,
                bytes: data.len() as u64,
            });
        }
    }
    out
}

/// How a README path resolves against the files of doc/.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Resolved {
    File(PathBuf),
    Dir,
    /// Found only with different upper/lower case: the real relative path.
    WrongCase(String),
    /// Points (through a symlink) outside doc/.
    Escapes,
    Missing,
}

/// Resolves `rel` (already normalized, `/`-separated) under `doc_dir` component by
/// component, comparing names exactly.
pub(crate) fn resolve(doc_dir: &Path, rel: &str) -> Resolved {
    if rel.is_empty() {
        return Resolved::Dir;
    }
    let mut dir = doc_dir.to_path_buf();
    let mut real = Vec::new();
    let mut wrong_case = false;
    for part in rel.split('/') {
        let Ok(rd) = fs::read_dir(&dir) else { return Resolved::Missing };
        let names: Vec<String> = rd.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        let name = if names.iter().any(|n| n == part) {
            part.to_string()
        } else if let Some(n) = names.iter().find(|n| n.to_lowercase() == part.to_lowercase()) {
            wrong_case = true;
            n.clone()
        } else {
            return Resolved::Missing;
        };
        dir.push(&name);
        real.push(name);
    }
    if let (Ok(base), Ok(target)) = (fs::canonicalize(doc_dir), fs::canonicalize(&dir)) {
        if !target.starts_with(&base) {
            return Resolved::Escapes;
        }
    }
    if wrong_case {
        return Resolved::WrongCase(real.join("/"));
    }
    match fs::metadata(&dir) {
        Ok(md) if md.is_dir() => Resolved::Dir,
        Ok(_) => Resolved::File(dir),
        Err(_) => Resolved::Missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(kind_of("README.md"), Kind::Readme);
        assert_eq!(kind_of("readme.md"), Kind::Other);
        assert_eq!(kind_of("a.JPG"), Kind::Image(ImageFormat::Jpeg));
        assert_eq!(kind_of("img/a.webp"), Kind::Image(ImageFormat::WebP));
        assert_eq!(kind_of("logo.svg"), Kind::UnsupportedImage);
        assert_eq!(kind_of(".png"), Kind::Other);
        assert_eq!(kind_of("png"), Kind::Other);
        assert_eq!(kind_of("notes.txt"), Kind::Other);
    }

    #[test]
    fn decodes_garbage_without_panicking() {
        for data in [&b""[..], b"\x89PNG\r\n\x1a\n", b"GIF89a", b"\xff\xd8\xff", b"BM", b"RIFF\0\0\0\0WEBP"] {
            assert!(!matches!(decode(data), Decoded::Ok { .. }));
        }
    }

    #[test]
    fn rel_paths() {
        assert_eq!(norm_rel("./doc/"), "doc");
        assert_eq!(display("doc", "a.png"), "doc/a.png");
        assert_eq!(display("", "a.png"), "a.png");
    }
}
