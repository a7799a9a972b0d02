//! Markdown to the HTML of the plugin's detail page, sanitized.
//!
//! pulldown-cmark (CommonMark + GFM tables, task lists, strikethrough, alert blockquotes)
//! produces the HTML; images, links and code blocks are written here; ammonia then
//! removes everything unsafe. What survives:
//! - tags from ammonia's default list plus disabled task-list checkboxes; no `script`,
//!   `style`, `iframe`, `object`…; no `style=` or event attributes;
//! - `href`: `http:`, `https:`, `mailto:`, `#fragment`, or a URL the caller's `image_url`
//!   produced for a file of doc/; every link gets `target="_blank" rel="noopener"`;
//! - `img src`: only URLs produced by `image_url` (never `data:` other than
//!   `data:image/{png,jpeg,gif,webp,bmp}`); other images become their alt text;
//! - classes: `language-*` on `code`, `tok-*` on `span`, `markdown-alert-*` on
//!   `blockquote`; `align` on table cells.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd};

use crate::highlight::{escape, highlight};
use crate::html_scan;
use crate::scan::options;
use crate::urls::{self, Dest};

/// Renders `markdown` to sanitized HTML. `image_url` maps a file of doc/ (a normalized,
/// `/`-separated path relative to doc/, e.g. `img/a.png`) to the URL to show it with,
/// or `None` to leave it out; it is called only for local paths that stay inside doc/.
/// The path is percent-decoded (`a%20b.png` → `a b.png`): encode it again if the URL
/// needs it.
pub fn render(markdown: &str, image_url: &dyn Fn(&str) -> Option<String>) -> String {
    let mut urls = Urls::default();
    let mut events: Vec<Event> = Vec::new();
    let mut parser = Parser::new_ext(markdown, options());
    while let Some(event) = parser.next() {
        match event {
            Event::Start(Tag::Image { dest_url, title, .. }) => {
                let alt = alt_text(&mut parser);
                let mut html = String::new();
                match urls.image(&dest_url, image_url) {
                    Some(src) => {
                        html.push_str("<img src=\"");
                        escape(&src, &mut html);
                        html.push_str("\" alt=\"");
                        escape(&alt, &mut html);
                        if !title.is_empty() {
                            html.push_str("\" title=\"");
                            escape(&title, &mut html);
                        }
                        html.push_str("\">");
                    }
                    None => {
                        html.push_str("<span class=\"doc-image-missing\">");
                        escape(if alt.is_empty() { &dest_url } else { &alt }, &mut html);
                        html.push_str("</span>");
                    }
                }
                events.push(Event::InlineHtml(CowStr::from(html)));
            }
            Event::Start(Tag::Link { dest_url, title, .. }) => {
                let mut html = String::from("<a");
                if let Some(href) = urls.link(&dest_url, image_url) {
                    html.push_str(" href=\"");
                    escape(&href, &mut html);
                    html.push('"');
                }
                if !title.is_empty() {
                    html.push_str(" title=\"");
                    escape(&title, &mut html);
                    html.push('"');
                }
                html.push('>');
                events.push(Event::InlineHtml(CowStr::from(html)));
            }
            Event::End(TagEnd::Link) => events.push(Event::InlineHtml(CowStr::from("</a>"))),
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let mut code = String::new();
                for e in parser.by_ref() {
                    match e {
                        Event::Text(t) => code.push_str(&t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                let lang = lang_class(&info);
                let mut html = String::from("<pre><code");
                if !lang.is_empty() {
                    html.push_str(" class=\"language-");
                    html.push_str(&lang);
                    html.push('"');
                }
                html.push('>');
                html.push_str(&highlight(&lang, &code));
                html.push_str("</code></pre>\n");
                events.push(Event::Html(CowStr::from(html)));
            }
            Event::Html(ref text) | Event::InlineHtml(ref text) => {
                urls.raw_html(text, image_url);
                events.push(event);
            }
            other => events.push(other),
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    // Table alignment: pulldown-cmark writes `style=`, which the sanitizer drops.
    for a in ["left", "center", "right"] {
        html = html.replace(&format!(" style=\"text-align: {a}\""), &format!(" align=\"{a}\""));
    }
    sanitize(&html, urls)
}

/// The language of a fence info string as a class suffix: first word, lower-case,
/// `[a-z0-9_+-]`, at most 32 characters.
fn lang_class(info: &str) -> String {
    let word = info.split(|c: char| c.is_whitespace() || c == ',' || c == '{').next().unwrap_or("");
    let lang: String = word
        .to_ascii_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-'))
        .take(32)
        .collect();
    lang
}

/// The plain text of an image's alt (consumes events up to the image's end).
fn alt_text(parser: &mut Parser) -> String {
    let mut alt = String::new();
    let mut depth = 1usize;
    for e in parser.by_ref() {
        match e {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) => alt.push_str(&t),
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
    }
    alt
}

/// The URLs this render approved: image sources and doc-file links from `image_url`, and
/// the raw-HTML values that map to them.
#[derive(Default)]
struct Urls {
    approved: HashSet<String>,
    raw_images: HashMap<String, String>,
    raw_links: HashMap<String, String>,
}

/// A URL from `image_url` is used only if it parses and is not script or a non-image
/// `data:` URL.
fn acceptable(url: &str) -> bool {
    let Ok(u) = url::Url::parse(url) else { return false };
    match u.scheme() {
        "javascript" | "vbscript" => false,
        "data" => {
            let lower = url.to_ascii_lowercase();
            ["png", "jpeg", "gif", "webp", "bmp"].iter().any(|t| lower.starts_with(&format!("data:image/{t};")))
        }
        _ => true,
    }
}

impl Urls {
    fn image(&mut self, dest: &str, image_url: &dyn Fn(&str) -> Option<String>) -> Option<String> {
        let Dest::Local(rel) = urls::classify(dest) else { return None };
        if rel.is_empty() {
            return None;
        }
        let url = image_url(&rel).filter(|u| acceptable(u))?;
        self.approved.insert(url.clone());
        Some(url)
    }

    fn link(&mut self, dest: &str, image_url: &dyn Fn(&str) -> Option<String>) -> Option<String> {
        match urls::classify(dest) {
            Dest::Web { url, .. } => Some(url),
            Dest::Mailto | Dest::Fragment => Some(dest.trim().to_string()),
            Dest::Local(rel) if !rel.is_empty() => {
                let url = image_url(&rel).filter(|u| acceptable(u) && !u.starts_with("data:"))?;
                self.approved.insert(url.clone());
                Some(url)
            }
            _ => None,
        }
    }

    fn raw_html(&mut self, html: &str, image_url: &dyn Fn(&str) -> Option<String>) {
        for tag in html_scan::tags(html) {
            for attr in &tag.attrs {
                let value = attr.value.trim().to_string();
                match (tag.name.as_str(), attr.name.as_str()) {
                    ("img", "src") => {
                        if let Some(u) = self.image(&value, image_url) {
                            self.raw_images.insert(value, u);
                        }
                    }
                    (_, "href") => {
                        if let Dest::Local(_) = urls::classify(&value) {
                            if let Some(u) = self.link(&value, image_url) {
                                self.raw_links.insert(value, u);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

fn class_ok(element: &str, value: &str) -> bool {
    let tail_ok = |t: &str, max: usize| {
        !t.is_empty() && t.len() <= max && t.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-'))
    };
    match element {
        "code" => value.strip_prefix("language-").is_some_and(|t| tail_ok(t, 32)),
        "span" => value == "doc-image-missing" || value.strip_prefix("tok-").is_some_and(|t| tail_ok(t, 8)),
        "blockquote" => value.split(' ').all(|c| {
            matches!(
                c,
                "markdown-alert-note"
                    | "markdown-alert-tip"
                    | "markdown-alert-important"
                    | "markdown-alert-warning"
                    | "markdown-alert-caution"
            )
        }),
        _ => false,
    }
}

fn sanitize(html: &str, urls: Urls) -> String {
    let mut schemes: HashSet<String> = ["http", "https", "mailto"].iter().map(|s| s.to_string()).collect();
    for u in &urls.approved {
        if let Ok(p) = url::Url::parse(u) {
            schemes.insert(p.scheme().to_string());
        }
    }
    let schemes: HashSet<&str> = schemes.iter().map(String::as_str).collect();
    let urls = Arc::new(urls);
    let mut b = ammonia::Builder::default();
    b.add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("code", ["class"])
        .add_tag_attributes("span", ["class"])
        .add_tag_attributes("blockquote", ["class"])
        .add_tag_attributes("th", ["align"])
        .add_tag_attributes("td", ["align"])
        .add_tag_attributes("img", ["title"])
        .add_clean_content_tags([
            "iframe", "noscript", "object", "embed", "applet", "template", "svg", "math", "frame", "frameset",
            "noembed", "noframes", "xmp", "textarea", "select", "title",
        ])
        .url_schemes(schemes)
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(Some("noopener"))
        .set_tag_attribute_value("a", "target", "_blank")
        .set_tag_attribute_value("input", "disabled", "")
        .strip_comments(true);
    b.attribute_filter(move |element, attribute, value| filter(&urls, element, attribute, value));
    b.clean(html).to_string()
}

fn filter<'u>(urls: &Urls, element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    match (element, attribute) {
        ("img", "src") => {
            if urls.approved.contains(value) {
                Some(value.into())
            } else {
                urls.raw_images.get(value.trim()).map(|u| Cow::Owned(u.clone()))
            }
        }
        (_, "href") => {
            let v = value.trim();
            if v.starts_with('#') || urls.approved.contains(v) && !v.starts_with("data:") {
                return Some(value.into());
            }
            if let Some(u) = urls.raw_links.get(v) {
                return Some(Cow::Owned(u.clone()));
            }
            match urls::classify(v) {
                Dest::Web { url, .. } => Some(Cow::Owned(url)),
                Dest::Mailto => Some(value.into()),
                _ => None,
            }
        }
        (_, "class") => class_ok(element, value).then_some(value.into()),
        ("input", "type") => value.eq_ignore_ascii_case("checkbox").then_some(value.into()),
        ("th" | "td", "align") => matches!(value, "left" | "center" | "right").then_some(value.into()),
        ("a", "target") => Some(Cow::Borrowed("_blank")),
        _ => Some(value.into()),
    }
}
