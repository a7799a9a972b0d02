//! A tolerant scanner for the raw HTML inside Markdown: finds tags and their attributes
//! with byte offsets, so the lint can point at an `<img src>`, an `<a href>` or an
//! `onerror=`. It never fails; it is only used for findings, never for safety (the
//! sanitizer parses the HTML itself).

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Attr {
    /// Lower-cased.
    pub name: String,
    pub name_offset: usize,
    /// With the common character references decoded.
    pub value: String,
    pub value_offset: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Tag {
    /// Lower-cased.
    pub name: String,
    /// Offset of the `<`.
    pub offset: usize,
    pub closing: bool,
    pub attrs: Vec<Attr>,
}

/// Elements whose content is text up to their end tag.
const RAW_TEXT: [&str; 7] = ["script", "style", "textarea", "xmp", "iframe", "noscript", "title"];

pub(crate) fn tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(rel) = html.get(i..).and_then(|s| s.find('<')) {
        let lt = i + rel;
        i = lt + 1;
        if html[lt..].starts_with("<!--") {
            i = html[lt + 4..].find("-->").map_or(b.len(), |e| lt + 4 + e + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        if !b.get(name_start).is_some_and(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        let mut j = name_start;
        while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'/' | b'>') {
            j += 1;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        // Attributes, up to `>`.
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() {
                break;
            }
            if b[j] == b'>' {
                j += 1;
                break;
            }
            let an_start = j;
            j += 1; // an attribute name may start with `=`; always make progress
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'/' | b'>' | b'=') {
                j += 1;
            }
            let aname = html[an_start..j].to_ascii_lowercase();
            let mut k = j;
            while k < b.len() && b[k].is_ascii_whitespace() {
                k += 1;
            }
            let (value, value_offset) = if b.get(k) == Some(&b'=') {
                k += 1;
                while k < b.len() && b[k].is_ascii_whitespace() {
                    k += 1;
                }
                match b.get(k) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        let start = k + 1;
                        let end = html[start..].find(q as char).map_or(b.len(), |e| start + e);
                        j = (end + 1).min(b.len());
                        (decode_refs(&html[start..end]), start)
                    }
                    _ => {
                        let start = k;
                        let mut end = k;
                        while end < b.len() && !b[end].is_ascii_whitespace() && b[end] != b'>' {
                            end += 1;
                        }
                        j = end;
                        (decode_refs(&html[start..end]), start)
                    }
                }
            } else {
                (String::new(), j)
            };
            attrs.push(Attr { name: aname, name_offset: an_start, value, value_offset });
        }
        i = j;
        if !closing && RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            i = find_ci(html, i, &close).unwrap_or(b.len());
        }
        out.push(Tag { name, offset: lt, closing, attrs });
    }
    out
}

/// Case-insensitive ASCII search of `needle` in `hay[from..]`.
fn find_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    (from..h.len().saturating_sub(n.len()) + 1)
        .find(|&s| h.get(s..s + n.len()).is_some_and(|w| w.eq_ignore_ascii_case(n)))
}

/// Decodes numeric references and the named ones used in URLs and obfuscation.
pub(crate) fn decode_refs(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '#')).map_or(rest.len(), |e| e + 1);
        let name = &rest[1..end];
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let n = if let Some(hex) = num.strip_prefix(['x', 'X']) {
                u32::from_str_radix(hex, 16).ok()
            } else {
                num.parse::<u32>().ok()
            };
            n.and_then(char::from_u32)
        } else {
            match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "colon" => Some(':'),
                "Tab" => Some('\t'),
                "NewLine" => Some('\n'),
                "sol" => Some('/'),
                "period" => Some('.'),
                _ => None,
            }
        };
        match decoded {
            Some(c) if end > 1 => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_tags_and_attributes() {
        let html = r#"<p>x</p><img src="a.png" onerror=alert(1) ><!-- <img src=no> --><A HREF='java&#115;cript:x'>"#;
        let t = tags(html);
        let names: Vec<_> = t.iter().map(|t| (t.name.as_str(), t.closing)).collect();
        assert_eq!(names, [("p", false), ("p", true), ("img", false), ("a", false)]);
        assert_eq!(t[2].attrs[0].value, "a.png");
        assert_eq!(&html[t[2].attrs[0].value_offset..][..5], "a.png");
        assert_eq!(t[2].attrs[1].name, "onerror");
        assert_eq!(t[3].attrs[0].value, "javascript:x");
    }

    #[test]
    fn skips_raw_text_and_survives_garbage() {
        let t = tags("<script>var a = '<img src=x>';</script><b>");
        assert_eq!(t.len(), 3);
        assert_eq!(t[1].name, "script");
        assert!(t[1].closing);
        for s in ["<", "<a", "<a b", "<a b=", "<a b='", "<a =x>", "</", "<!--", "&#xffffffff;", "&", "<a b=&>"] {
            let _ = tags(s);
            let _ = decode_refs(s);
        }
    }
}
