//! Classifies an image or link destination written in README.md: web URL (with its host),
//! local file inside doc/ (normalized), outside doc/, fragment, mailto or another scheme.

/// What a destination points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Dest {
    /// Nothing written (`[x]()`).
    Empty,
    /// `#anchor` on the same page.
    Fragment,
    /// A file inside doc/: the `/`-separated path relative to doc/, without `./`, query or
    /// fragment, percent-decoded. Empty for doc/ itself.
    Local(String),
    /// A relative path that climbs out of doc/ or an absolute path.
    Outside,
    /// `http:`, `https:` or protocol-relative `//…`: the URL to use (protocol-relative gets
    /// `https:`) and its lower-cased host (empty if it has none or does not parse).
    Web { url: String, host: String },
    /// `mailto:…`.
    Mailto,
    /// Any other scheme, lower-cased (`javascript`, `data`, `file`, `ftp`…).
    Scheme(String),
}

/// Browsers drop ASCII tab and newline anywhere in a URL and trim C0 controls and spaces.
fn clean(dest: &str) -> String {
    dest.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect()
}

/// The scheme of `s` if it starts with one (`letter (letter|digit|+|-|.)* :`).
fn scheme_of(s: &str) -> Option<&str> {
    let colon = s.find(':')?;
    let scheme = &s[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    if first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
        Some(scheme)
    } else {
        None
    }
}

pub(crate) fn classify(dest: &str) -> Dest {
    let s = clean(dest);
    if s.is_empty() {
        return Dest::Empty;
    }
    if s.starts_with('#') {
        return Dest::Fragment;
    }
    let b = s.as_bytes();
    if b.len() >= 2 && matches!(b[0], b'/' | b'\\') && matches!(b[1], b'/' | b'\\') {
        let url = format!("https:{s}");
        return Dest::Web { host: host_of(&url), url };
    }
    if let Some(scheme) = scheme_of(&s) {
        let lower = scheme.to_ascii_lowercase();
        // `C:\x` / `c:/x`: a Windows drive, i.e. an absolute path.
        if scheme.len() == 1 {
            return Dest::Outside;
        }
        return match lower.as_str() {
            "http" | "https" => Dest::Web { host: host_of(&s), url: s },
            "mailto" => Dest::Mailto,
            _ => Dest::Scheme(lower),
        };
    }
    let path = s.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path).unwrap_or_else(|| path.to_string()).replace('\\', "/");
    if decoded.starts_with('/') {
        return Dest::Outside;
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Dest::Outside;
                }
            }
            p => parts.push(p),
        }
    }
    Dest::Local(parts.join("/"))
}

fn host_of(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(u) => u.host_str().unwrap_or("").trim_end_matches('.').to_ascii_lowercase(),
        Err(_) => String::new(),
    }
}

/// `%XX` decoding; `None` when the result is not UTF-8.
pub(crate) fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).ok()
}

pub(crate) fn host_allowed(host: &str) -> bool {
    crate::ALLOWED_LINK_HOSTS.contains(&host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn web(host: &str) -> String {
        match classify(host) {
            Dest::Web { host, .. } => host,
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn classifies() {
        assert_eq!(classify("./picture.png"), Dest::Local("picture.png".into()));
        assert_eq!(classify("img/../a%20b.png?x=1#y"), Dest::Local("a b.png".into()));
        assert_eq!(classify("../plugin/index.js"), Dest::Outside);
        assert_eq!(classify("/etc/passwd"), Dest::Outside);
        assert_eq!(classify("C:\\x.png"), Dest::Outside);
        assert_eq!(classify("#usage"), Dest::Fragment);
        assert_eq!(classify(""), Dest::Empty);
        assert_eq!(classify("mailto:a@b.c"), Dest::Mailto);
        assert_eq!(classify("java\tscript:alert(1)"), Dest::Scheme("javascript".into()));
        assert_eq!(web("https://GitHub.com./x"), "github.com");
        assert_eq!(web("//evil.example/x"), "evil.example");
        assert_eq!(web("https://github.com@evil.example/"), "evil.example");
        assert_eq!(web("https://github.com\\@evil.example/"), "github.com");
        assert_eq!(web("http://mp.weixin.qq.com:8080/"), "mp.weixin.qq.com");
        assert!(!host_allowed("gist.github.com"));
        assert!(host_allowed("developers.weixin.qq.com"));
    }

    #[test]
    fn percent_decoding_is_total() {
        assert_eq!(percent_decode("%"), Some("%".into()));
        assert_eq!(percent_decode("a%2"), Some("a%2".into()));
        assert_eq!(percent_decode("%e4%b8%ad"), Some("中".into()));
        assert_eq!(percent_decode("%ff"), None);
    }
}
