//! A plugin's documentation: `doc/README.md` plus the images next to it.
//!
//! Three jobs, all headless:
//! - [`lint`] / [`lint_with_names`] check the platform's documentation rules (local images
//!   only, links only to developers.weixin.qq.com, mp.weixin.qq.com and github.com, doc/
//!   holds only README.md and images, at most 2 MB) and report [`Diagnostic`]s with codes
//!   starting `doc-`; [`images`] lists the decoded images (format, pixel size, bytes) for
//!   the UI.
//! - [`render`] turns the Markdown (CommonMark + GFM tables, task lists, strikethrough)
//!   into HTML as the detail page shows it, sanitized with ammonia.
//! - [`export_html`] writes one self-contained page (inline CSS, images as `data:` URIs).
//!
//! Decisions where the platform's text is silent (each also said in the diagnostic):
//! - Allowed link hosts are the three exact hosts (case-insensitive, any port, http or
//!   https); subdomains such as `gist.github.com` are not allowed.
//! - `mailto:` links are a warning (`doc-link-mailto`): they are not among the allowed
//!   destinations, but they lead to no web page; other schemes are errors.
//! - `#anchor` links are fine; relative links must name an existing file inside doc/.
//! - Sub-folders of doc/ are walked and held to the same rules (only images).
//! - Bare URLs in text are not links (pulldown-cmark has no GFM extended autolinks);
//!   `<https://…>` autolinks are links and are checked.
//! - Rendering: every link, `#anchor` links included, gets `target="_blank"
//!   rel="noopener"` (headings carry no ids); relative links to doc/ files go through the
//!   same `image_url` mapping as images (and lose their href when it gives `None` or a
//!   `data:` URL).
//! - Positions: an image or link is reported at its URL when the URL is written inside
//!   the construct, else (reference links) at the start of the construct.

mod export;
mod files;
mod highlight;
mod html_scan;
mod lint;
mod render;
mod scan;
mod urls;

pub use export::export_html;
pub use lint::{lint, lint_with_names};
pub use mpsim_base::{Diagnostic, Severity};
pub use render::render;

/// The upload limit of the whole doc/ folder: 2 MB = 2 × 1024 × 1024 bytes.
pub const MAX_DOC_BYTES: u64 = 2 * 1024 * 1024;
/// An image larger than this many pixels on a side gets a `doc-image-large` warning.
pub const LARGE_IMAGE_SIDE: u32 = 4096;
/// An image file larger than this many bytes gets a `doc-image-large` warning.
pub const LARGE_IMAGE_BYTES: u64 = 1024 * 1024;
/// The hosts documentation links may go to.
pub const ALLOWED_LINK_HOSTS: [&str; 3] = ["developers.weixin.qq.com", "mp.weixin.qq.com", "github.com"];

/// What the plugin exposes, so the lint can warn about what README.md never mentions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    /// `publicComponents` names from plugin.json.
    pub components: Vec<String>,
    /// `pages` names from plugin.json.
    pub pages: Vec<String>,
    /// Names exported by the plugin's main file.
    pub interface: Vec<String>,
}

/// One decoded image of doc/.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageInfo {
    /// Project-relative, `/`-separated (e.g. `doc/picture.png`).
    pub path: String,
    /// Format from the file's content: `png`, `jpeg`, `gif`, `webp` or `bmp`.
    pub format: String,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
}

/// The images of doc/ that decode, sorted by path (broken ones are reported by [`lint`]).
pub fn images(project_dir: &std::path::Path, doc_dir_rel: &str) -> Vec<ImageInfo> {
    files::images(project_dir, doc_dir_rel)
}

#[cfg(test)]
mod proptests;
