//! Token-level highlighting of fenced code blocks for js, json, wxml and css: the code,
//! HTML-escaped, with tokens wrapped in `<span class="tok-…">`. The output still goes
//! through the sanitizer, which keeps only `tok-*` classes on spans.
//!
//! Classes: `tok-kw` keyword, `tok-lit` true/false/null/undefined, `tok-str` string,
//! `tok-num` number, `tok-com` comment, `tok-key` JSON key, `tok-prop` CSS property,
//! `tok-at` CSS at-rule, `tok-tag` tag name, `tok-attr` attribute name, `tok-expr` `{{ }}`.

/// Escapes text for HTML content and attribute values.
pub(crate) fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lang {
    Js,
    Json,
    Markup,
    Css,
}

fn lang_of(lang: &str) -> Option<Lang> {
    match lang {
        "js" | "javascript" | "mjs" | "cjs" | "ts" | "typescript" | "wxs" | "sjs" => Some(Lang::Js),
        "json" | "json5" | "jsonc" => Some(Lang::Json),
        "wxml" | "html" | "xml" | "axml" | "fxml" | "swan" | "vue" => Some(Lang::Markup),
        "css" | "wxss" | "acss" | "ftss" | "less" | "scss" => Some(Lang::Css),
        _ => None,
    }
}

/// The escaped, highlighted HTML of `code` (plain escaped text for other languages).
pub(crate) fn highlight(lang: &str, code: &str) -> String {
    let mut h = Hl { src: code, out: String::with_capacity(code.len() * 2) };
    match lang_of(lang) {
        Some(Lang::Js) => h.js(),
        Some(Lang::Json) => h.json(),
        Some(Lang::Css) => h.css(),
        Some(Lang::Markup) => h.markup(),
        None => escape(code, &mut h.out),
    }
    h.out
}

const JS_KEYWORDS: &[&str] = &[
    "async",
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "export",
    "extends",
    "finally",
    "for",
    "from",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "let",
    "new",
    "of",
    "return",
    "static",
    "super",
    "switch",
    "this",
    "throw",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

struct Hl<'a> {
    src: &'a str,
    out: String,
}

/// The byte length of the char at `i` (1 past the end).
fn char_len(s: &str, i: usize) -> usize {
    s.get(i..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8)
}

impl Hl<'_> {
    fn tok(&mut self, class: &str, a: usize, b: usize) {
        let Some(text) = self.src.get(a..b) else { return };
        if text.is_empty() {
            return;
        }
        if class.is_empty() {
            escape(text, &mut self.out);
        } else {
            self.out.push_str("<span class=\"tok-");
            self.out.push_str(class);
            self.out.push_str("\">");
            escape(text, &mut self.out);
            self.out.push_str("</span>");
        }
    }

    fn byte(&self, i: usize) -> u8 {
        self.src.as_bytes().get(i).copied().unwrap_or(0)
    }

    /// End of a quoted string starting at `i` (the quote), honouring backslashes; stops at
    /// a newline unless `multiline`.
    fn string_end(&self, i: usize, multiline: bool) -> usize {
        let b = self.src.as_bytes();
        let q = self.byte(i);
        let mut j = i + 1;
        while j < b.len() {
            match b[j] {
                b'\\' => j += 2,
                b'\n' if !multiline => return j,
                c if c == q => return j + 1,
                _ => j += 1,
            }
        }
        b.len().min(j)
    }

    fn until(&self, from: usize, pat: &str) -> usize {
        self.src.get(from..).and_then(|r| r.find(pat)).map_or(self.src.len(), |e| from + e + pat.len())
    }

    fn word_end(&self, mut j: usize, extra: &[u8]) -> usize {
        while j < self.src.len() {
            let c = self.byte(j);
            if c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || extra.contains(&c) {
                j += 1;
            } else {
                break;
            }
        }
        j
    }

    fn plain_char(&mut self, i: usize) -> usize {
        let j = i + char_len(self.src, i);
        self.tok("", i, j);
        j
    }

    fn js(&mut self) {
        let mut i = 0;
        while i < self.src.len() {
            let c = self.byte(i);
            let next = self.byte(i + 1);
            i = if c == b'/' && next == b'/' {
                let j = self.src[i..].find('\n').map_or(self.src.len(), |e| i + e);
                self.tok("com", i, j);
                j
            } else if c == b'/' && next == b'*' {
                let j = self.until(i + 2, "*/");
                self.tok("com", i, j);
                j
            } else if c == b'"' || c == b'\'' || c == b'`' {
                let j = self.string_end(i, c == b'`');
                self.tok("str", i, j);
                j
            } else if c.is_ascii_digit() || (c == b'.' && next.is_ascii_digit()) {
                let j = self.word_end(i + 1, b".");
                self.tok("num", i, j);
                j
            } else if c.is_ascii_alphabetic() || c == b'_' || c == b'$' {
                let j = self.word_end(i, b"");
                let w = &self.src[i..j];
                let class = if matches!(w, "true" | "false" | "null" | "undefined" | "NaN" | "Infinity") {
                    "lit"
                } else if JS_KEYWORDS.contains(&w) {
                    "kw"
                } else {
                    ""
                };
                self.tok(class, i, j);
                j
            } else {
                self.plain_char(i)
            };
        }
    }

    fn json(&mut self) {
        let mut i = 0;
        while i < self.src.len() {
            let c = self.byte(i);
            i = if c == b'"' {
                let j = self.string_end(i, false);
                let rest = self.src.get(j..).unwrap_or("").trim_start();
                self.tok(if rest.starts_with(':') { "key" } else { "str" }, i, j);
                j
            } else if c == b'/' && self.byte(i + 1) == b'/' {
                let j = self.src[i..].find('\n').map_or(self.src.len(), |e| i + e);
                self.tok("com", i, j);
                j
            } else if c.is_ascii_digit() || c == b'-' {
                let j = self.word_end(i + 1, b".+-");
                self.tok("num", i, j);
                j
            } else if c.is_ascii_alphabetic() {
                let j = self.word_end(i, b"");
                let lit = matches!(&self.src[i..j], "true" | "false" | "null");
                self.tok(if lit { "lit" } else { "" }, i, j);
                j
            } else {
                self.plain_char(i)
            };
        }
    }

    fn css(&mut self) {
        let mut i = 0;
        let mut depth = 0usize;
        while i < self.src.len() {
            let c = self.byte(i);
            i = if c == b'/' && self.byte(i + 1) == b'*' {
                let j = self.until(i + 2, "*/");
                self.tok("com", i, j);
                j
            } else if c == b'"' || c == b'\'' {
                let j = self.string_end(i, false);
                self.tok("str", i, j);
                j
            } else if c == b'@' {
                let j = self.word_end(i + 1, b"-");
                self.tok("at", i, j);
                j
            } else if c == b'{' || c == b'}' {
                depth = if c == b'{' { depth + 1 } else { depth.saturating_sub(1) };
                self.plain_char(i)
            } else if depth > 0 && (c.is_ascii_digit() || (c == b'.' && self.byte(i + 1).is_ascii_digit())) {
                let j = self.word_end(i + 1, b".%");
                self.tok("num", i, j);
                j
            } else if depth > 0 && (c.is_ascii_alphabetic() || c == b'-') {
                let j = self.word_end(i, b"-");
                let rest = self.src.get(j..).unwrap_or("").trim_start();
                self.tok(if rest.starts_with(':') { "prop" } else { "" }, i, j);
                j
            } else {
                self.plain_char(i)
            };
        }
    }

    fn mustache(&mut self, i: usize) -> usize {
        let j = self.until(i + 2, "}}");
        self.tok("expr", i, j);
        j
    }

    fn markup(&mut self) {
        let mut i = 0;
        while i < self.src.len() {
            let c = self.byte(i);
            i = if self.src[i..].starts_with("<!--") {
                let j = self.until(i + 4, "-->");
                self.tok("com", i, j);
                j
            } else if self.src[i..].starts_with("{{") {
                self.mustache(i)
            } else if c == b'<' && (self.byte(i + 1).is_ascii_alphabetic() || self.byte(i + 1) == b'/') {
                let start = if self.byte(i + 1) == b'/' { i + 2 } else { i + 1 };
                self.tok("", i, start);
                let j = self.word_end(start, b"-:.");
                self.tok("tag", start, j);
                self.markup_attrs(j)
            } else {
                self.plain_char(i)
            };
        }
    }

    /// Attributes up to and including `>`.
    fn markup_attrs(&mut self, mut i: usize) -> usize {
        while i < self.src.len() {
            let c = self.byte(i);
            if c == b'>' {
                self.tok("", i, i + 1);
                return i + 1;
            } else if c == b'"' || c == b'\'' {
                let j = self.string_end(i, true);
                // A quoted value may hold {{ }}: show it as one string token.
                self.tok("str", i, j);
                i = j;
            } else if c.is_ascii_alphabetic() || c == b'_' || c == b'@' || c == b':' {
                let j = self.word_end(i + 1, b"-:.@");
                self.tok("attr", i, j);
                i = j;
            } else if c == b'<' {
                return i;
            } else {
                i = self.plain_char(i);
            }
        }
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_each_language() {
        assert_eq!(
            highlight("js", "const a = 'x'; // hi"),
            "<span class=\"tok-kw\">const</span> a = <span class=\"tok-str\">&#39;x&#39;</span>; <span class=\"tok-com\">// hi</span>"
        );
        assert_eq!(
            highlight("json", r#"{"a": 1, "b": true}"#),
            "{<span class=\"tok-key\">&quot;a&quot;</span>: <span class=\"tok-num\">1</span>, <span class=\"tok-key\">&quot;b&quot;</span>: <span class=\"tok-lit\">true</span>}"
        );
        assert_eq!(
            highlight("wxml", "<view class=\"a\">{{n}}</view>"),
            "&lt;<span class=\"tok-tag\">view</span> <span class=\"tok-attr\">class</span>=<span class=\"tok-str\">&quot;a&quot;</span>&gt;<span class=\"tok-expr\">{{n}}</span>&lt;/<span class=\"tok-tag\">view</span>&gt;"
        );
        assert_eq!(
            highlight("css", ".a { color: red; width: 10rpx }"),
            ".a { <span class=\"tok-prop\">color</span>: red; <span class=\"tok-prop\">width</span>: <span class=\"tok-num\">10rpx</span> }"
        );
        assert_eq!(highlight("rust", "<b>"), "&lt;b&gt;");
    }

    #[test]
    fn survives_unterminated_and_non_ascii() {
        for lang in ["js", "json", "wxml", "css"] {
            for s in ["'中", "/*中", "<中", "<a b='中", "{{中", "\"\\", "`", "@", "1e", "<!--", "\\", "中文"] {
                let _ = highlight(lang, s);
            }
        }
    }
}
