//! Scans README.md with the same parser options as the renderer and collects what the lint
//! checks: every image and link (Markdown or raw HTML) with the byte offset of its URL,
//! and raw HTML that the sanitizer will strip.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::html_scan;

/// The parser options shared by lint and render: CommonMark + GFM tables, task lists,
/// strikethrough and alert blockquotes.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS | Options::ENABLE_GFM
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RefKind {
    Image,
    Link,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Ref {
    pub kind: RefKind,
    pub dest: String,
    /// Byte offset in README.md.
    pub offset: usize,
    /// Written as raw HTML (`<img src>`, `<a href>`).
    pub html: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HtmlFinding {
    pub offset: usize,
    pub message: String,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Scan {
    pub refs: Vec<Ref>,
    pub html: Vec<HtmlFinding>,
    /// The text of the first level-1 heading (for titles).
    pub title: Option<String>,
}

/// Raw HTML text put together from several events, with the way back to source offsets.
#[derive(Default)]
struct Mapped {
    text: String,
    /// (offset in `text`, source range, the text is a verbatim copy of the source)
    segs: Vec<(usize, Range<usize>, bool)>,
}

impl Mapped {
    fn push(&mut self, md: &str, text: &str, range: &Range<usize>) {
        let exact = md.get(range.clone()) == Some(text);
        self.segs.push((self.text.len(), range.clone(), exact));
        self.text.push_str(text);
    }

    /// The source offset of `at`; where the text is not a verbatim copy (a container's
    /// `> ` prefixes were removed), the first occurrence of `needle` in the source range.
    fn source_offset(&self, md: &str, at: usize, needle: &str) -> usize {
        let i = self.segs.partition_point(|s| s.0 <= at).saturating_sub(1);
        match self.segs.get(i) {
            Some((t, r, true)) => r.start + (at - t),
            Some((_, r, false)) => locate(md, r, needle),
            None => 0,
        }
    }
}

/// Offset of `dest` written inside `range`, else the start of the range.
fn locate(md: &str, range: &Range<usize>, dest: &str) -> usize {
    if !dest.is_empty() {
        if let Some(pos) = md.get(range.clone()).and_then(|s| s.find(dest)) {
            return range.start + pos;
        }
    }
    range.start
}

pub(crate) fn scan(md: &str) -> Scan {
    let mut out = Scan::default();
    let mut block: Option<Mapped> = None;
    let mut title: Option<String> = None;
    let mut in_h1 = false;
    for (event, range) in Parser::new_ext(md, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => out.refs.push(Ref {
                kind: RefKind::Image,
                offset: locate(md, &range, &dest_url),
                dest: dest_url.to_string(),
                html: false,
            }),
            Event::Start(Tag::Link { dest_url, .. }) => out.refs.push(Ref {
                kind: RefKind::Link,
                offset: locate(md, &range, &dest_url),
                dest: dest_url.to_string(),
                html: false,
            }),
            Event::Start(Tag::HtmlBlock) => block = Some(Mapped::default()),
            Event::End(pulldown_cmark::TagEnd::HtmlBlock) => {
                if let Some(m) = block.take() {
                    scan_html(md, &m, &mut out);
                }
            }
            Event::Html(text) | Event::InlineHtml(text) => match block.as_mut() {
                Some(m) => m.push(md, &text, &range),
                None => {
                    let mut m = Mapped::default();
                    m.push(md, &text, &range);
                    scan_html(md, &m, &mut out);
                }
            },
            Event::Start(Tag::Heading { level: pulldown_cmark::HeadingLevel::H1, .. }) if out.title.is_none() => {
                in_h1 = true;
                title = Some(String::new());
            }
            Event::End(pulldown_cmark::TagEnd::Heading(_)) if in_h1 => {
                in_h1 = false;
                out.title = title.take().map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
            }
            Event::Text(t) | Event::Code(t) if in_h1 => {
                if let Some(s) = title.as_mut() {
                    s.push_str(&t);
                }
            }
            _ => {}
        }
    }
    if let Some(m) = block.take() {
        scan_html(md, &m, &mut out);
    }
    out
}

/// Elements the sanitizer removes (with or without their content) that an author may
/// expect to work.
const STRIPPED_TAGS: [&str; 20] = [
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "link", "meta", "base", "form",
    "input", "button", "textarea", "select", "svg", "math", "template", "noscript",
];

fn scan_html(md: &str, m: &Mapped, out: &mut Scan) {
    for tag in html_scan::tags(&m.text) {
        if tag.closing {
            continue;
        }
        let at = |o: usize, needle: &str| m.source_offset(md, o, needle);
        if STRIPPED_TAGS.contains(&tag.name.as_str()) {
            out.html.push(HtmlFinding {
                offset: at(tag.offset, "<"),
                message: format!("raw HTML <{}> will be stripped from the rendered documentation", tag.name),
            });
        }
        for attr in &tag.attrs {
            let name = attr.name.as_str();
            if name.starts_with("on") && name.len() > 2 {
                out.html.push(HtmlFinding {
                    offset: at(attr.name_offset, &attr.name),
                    message: format!("event attribute `{name}` will be stripped from the rendered documentation"),
                });
            } else if name == "style" {
                out.html.push(HtmlFinding {
                    offset: at(attr.name_offset, &attr.name),
                    message: "`style` attribute will be stripped from the rendered documentation".to_string(),
                });
            } else if matches!(name, "href" | "src") && matches!(tag.name.as_str(), "a" | "img") {
                let kind = if tag.name == "img" { RefKind::Image } else { RefKind::Link };
                if (kind == RefKind::Image) == (name == "src") {
                    out.refs.push(Ref {
                        kind,
                        dest: attr.value.clone(),
                        offset: at(attr.value_offset, &attr.value),
                        html: true,
                    });
                }
            } else if matches!(name, "href" | "src" | "action" | "formaction" | "srcdoc" | "xlink:href" | "poster") {
                let v: String = attr.value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
                if name == "srcdoc" || v.to_ascii_lowercase().starts_with("javascript:") {
                    out.html.push(HtmlFinding {
                        offset: at(attr.value_offset, &attr.value),
                        message: format!("`{name}` with script will be stripped from the rendered documentation"),
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_refs_with_offsets() {
        let md = "# T `x`\n\n![a](./p.png) [b](https://github.com/x)\n\n<img src=\"q.png\">\n\n> <a\n> href=\"https://e.com\">x</a>\n";
        let s = scan(md);
        assert_eq!(s.title.as_deref(), Some("T x"));
        let got: Vec<_> = s.refs.iter().map(|r| (r.kind, r.dest.as_str(), &md[r.offset..r.offset + 3])).collect();
        assert_eq!(
            got,
            [
                (RefKind::Image, "./p.png", "./p"),
                (RefKind::Link, "https://github.com/x", "htt"),
                (RefKind::Image, "q.png", "q.p"),
                (RefKind::Link, "https://e.com", "htt"),
            ]
        );
    }
}
