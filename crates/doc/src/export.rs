//! `mpsim doc DIR --html OUT.html`: the rendered documentation as one self-contained page
//! (inline CSS, images inlined as `data:` URIs, a CSP that allows nothing else).

use std::fs;
use std::path::Path;

use crate::files::{self, Resolved};
use crate::highlight::escape;
use crate::render::render;
use crate::scan;

/// Images above this size are not inlined (the upload limit is 2 MB anyway).
const MAX_INLINE_BYTES: u64 = 8 * 1024 * 1024;

/// The self-contained HTML page of `project_dir/doc_dir_rel/README.md`. A missing or
/// unreadable README gives a page that says so.
pub fn export_html(project_dir: &Path, doc_dir_rel: &str) -> String {
    let doc_rel = files::norm_rel(doc_dir_rel);
    let doc_dir = project_dir.join(&doc_rel);
    let readme = files::display(&doc_rel, "README.md");
    let (markdown, missing) = match fs::read(doc_dir.join("README.md")) {
        Ok(bytes) => (String::from_utf8_lossy(&bytes).into_owned(), false),
        Err(_) => (String::new(), true),
    };
    let image_url = |rel: &str| -> Option<String> { data_uri(&doc_dir, rel) };
    let body = if missing {
        let mut s = String::from("<p class=\"doc-missing\">");
        escape(&format!("{readme} not found."), &mut s);
        s.push_str("</p>");
        s
    } else {
        render(&markdown, &image_url)
    };
    let title = scan::scan(&markdown).title.unwrap_or_else(|| "Plugin documentation".to_string());
    let mut page = String::with_capacity(body.len() + CSS.len() + 512);
    page.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    escape(&title, &mut page);
    page.push_str("</title>\n<style>\n");
    page.push_str(CSS);
    page.push_str("</style>\n</head>\n<body>\n<main class=\"doc\">\n");
    page.push_str(&body);
    page.push_str("\n</main>\n</body>\n</html>\n");
    page
}

/// A `data:` URI for an image file of doc/ (exact name, inside doc/, a known format).
fn data_uri(doc_dir: &Path, rel: &str) -> Option<String> {
    let Resolved::File(path) = files::resolve(doc_dir, rel) else { return None };
    if fs::metadata(&path).ok()?.len() > MAX_INLINE_BYTES {
        return None;
    }
    let data = fs::read(&path).ok()?;
    let mime = files::mime(files::sniff(&data)?)?;
    Some(format!("data:{mime};base64,{}", base64(&data)))
}

fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (k, shift) in [18u32, 12, 6, 0].iter().enumerate() {
            if k <= chunk.len() {
                out.push(T[((n >> shift) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

const CSS: &str = r#":root { color-scheme: light; }
body { margin: 0; background: #f5f6f7; color: #1f2329; font: 15px/1.7 -apple-system, BlinkMacSystemFont, "PingFang SC", "Helvetica Neue", "Microsoft YaHei", sans-serif; }
.doc { max-width: 820px; margin: 32px auto; padding: 32px 40px; background: #fff; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
.doc h1, .doc h2, .doc h3, .doc h4 { line-height: 1.3; margin: 1.6em 0 .6em; font-weight: 600; }
.doc h1 { font-size: 1.9em; margin-top: 0; padding-bottom: .3em; border-bottom: 1px solid #e5e6eb; }
.doc h2 { font-size: 1.45em; padding-bottom: .25em; border-bottom: 1px solid #eff0f2; }
.doc h3 { font-size: 1.2em; }
.doc p, .doc ul, .doc ol, .doc table, .doc pre, .doc blockquote { margin: 0 0 1em; }
.doc a { color: #576b95; text-decoration: none; }
.doc a:hover { text-decoration: underline; }
.doc img { max-width: 100%; border-radius: 4px; }
.doc code { font: 13px/1.5 "SFMono-Regular", Menlo, Consolas, monospace; background: #f2f3f5; padding: .15em .35em; border-radius: 3px; }
.doc pre { background: #f7f8fa; border: 1px solid #eceef1; border-radius: 6px; padding: 12px 16px; overflow: auto; }
.doc pre code { background: none; padding: 0; }
.doc table { border-collapse: collapse; display: block; overflow: auto; }
.doc th, .doc td { border: 1px solid #e5e6eb; padding: 6px 12px; }
.doc th { background: #f7f8fa; font-weight: 600; }
.doc blockquote { margin-left: 0; padding: .2em 1em; color: #646a73; border-left: 4px solid #dee0e3; }
.doc blockquote.markdown-alert-note, .doc blockquote.markdown-alert-tip { border-left-color: #07c160; }
.doc blockquote.markdown-alert-warning, .doc blockquote.markdown-alert-caution, .doc blockquote.markdown-alert-important { border-left-color: #fa9d3b; }
.doc hr { border: 0; border-top: 1px solid #e5e6eb; margin: 2em 0; }
.doc li > input[type=checkbox] { margin-right: .4em; }
.doc .doc-image-missing { color: #8f959e; border: 1px dashed #c9cdd4; padding: 0 .4em; border-radius: 3px; }
.doc .doc-missing { color: #f54a45; }
.tok-kw { color: #a626a4; } .tok-lit { color: #986801; } .tok-str { color: #50a14f; } .tok-num { color: #986801; }
.tok-com { color: #a0a1a7; font-style: italic; } .tok-key { color: #e45649; } .tok-prop { color: #4078f2; }
.tok-at { color: #a626a4; } .tok-tag { color: #e45649; } .tok-attr { color: #986801; } .tok-expr { color: #0184bc; }
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_pads() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
