//! The WXML lexer: splits a file into start tags (with raw attributes), end tags, text,
//! comments and the raw code of inline `<wxs>` blocks.
//!
//! Every token refers to the source by byte spans, so lexing allocates only the token list.
//! `{{ … }}` regions are opaque: a `>` or a quote inside one neither ends a tag nor an
//! attribute value, and a `<` inside one does not start a tag. The lexer does not build a
//! tree, split interpolations or interpret attributes; that is the parser's job.

use mpsim_base::{Diagnostic, SourceFile, Span};

/// One attribute as written: its name and, unless it is bare, the span of its value
/// (inside the quotes, if any).
#[derive(Clone, Debug)]
pub(crate) struct RawAttr {
    pub name: Span,
    pub value: Option<Span>,
    /// From the first character of the name to the end of the value (closing quote
    /// included).
    pub span: Span,
}

#[derive(Clone, Debug)]
pub(crate) struct StartTag {
    pub name: Span,
    pub attrs: Vec<RawAttr>,
    pub self_closing: bool,
    /// From `<` to `>` inclusive.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub(crate) enum Token {
    Start(StartTag),
    /// `</name>`: the name's span and the whole tag's span.
    End {
        name: Span,
        span: Span,
    },
    /// Text between tags, possibly containing `{{ }}`.
    Text(Span),
    /// The code inside `<wxs>…</wxs>`, never parsed as WXML.
    RawText(Span),
}

/// Finds the `}}` that closes a `{{` whose expression starts at `from`, searching no
/// further than `limit`. Returns the offset of the closing `}}`.
///
/// The search understands JavaScript string literals and nested braces, so
/// `{{ {a: {b: 1}} }}` and `{{ '}}' }}` close where a reader expects. When that careful
/// search finds nothing (say, an unbalanced quote), the first `}}` is taken instead. The
/// search never crosses a `</` outside a string literal, so an unclosed `{{` in text
/// cannot swallow the elements after it.
pub(crate) fn find_interp_close(src: &str, from: usize, limit: usize) -> Option<usize> {
    let b = src.as_bytes();
    let mut i = from;
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    while i < limit {
        let c = b[i];
        if let Some(q) = quote {
            if c == b'\\' {
                i += 2;
                continue;
            }
            if c == q || c == b'\n' {
                quote = None;
            }
            i += 1;
            continue;
        }
        match c {
            b'\'' | b'"' => quote = Some(c),
            // `</` can never be part of an expression outside a string: the `{{` is
            // unterminated, and searching on would swallow the rest of the file.
            b'<' if i + 1 < limit && b[i + 1] == b'/' => break,
            b'{' => depth += 1,
            b'}' => {
                if depth == 0 {
                    if i + 1 < limit && b[i + 1] == b'}' {
                        return Some(i);
                    }
                } else {
                    depth -= 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    // An escape at the very end may step past the limit.
    let i = i.min(limit);
    src.get(from..i)?.find("}}").map(|p| p + from)
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Whether `<` followed by `c` starts a start tag.
fn starts_tag_name(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

struct Lexer<'a> {
    src: &'a str,
    b: &'a [u8],
    pos: usize,
    file: &'a SourceFile,
    tokens: Vec<Token>,
    diags: &'a mut Vec<Diagnostic>,
}

/// Lexes a whole file. Problems are pushed onto `diags`; lexing always reaches the end.
pub(crate) fn lex(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> Vec<Token> {
    let src: &str = &file.text;
    let mut lx = Lexer { src, b: src.as_bytes(), pos: 0, file, tokens: Vec::new(), diags };
    lx.run();
    lx.tokens
}

impl Lexer<'_> {
    fn error(&mut self, span: Span, code: &'static str, msg: impl Into<String>) {
        self.diags.push(self.file.error(span, code, msg));
    }

    fn peek(&self, off: usize) -> Option<u8> {
        self.b.get(self.pos + off).copied()
    }

    fn run(&mut self) {
        let len = self.b.len();
        while self.pos < len {
            if self.b[self.pos] == b'<' {
                if self.src[self.pos..].starts_with("<!--") {
                    self.comment();
                    continue;
                }
                match self.peek(1) {
                    Some(b'/') if self.peek(2).is_some_and(starts_tag_name) => {
                        self.end_tag();
                        continue;
                    }
                    Some(c) if starts_tag_name(c) => {
                        self.start_tag();
                        continue;
                    }
                    _ => {}
                }
            }
            self.text();
        }
    }

    fn comment(&mut self) {
        let start = self.pos;
        match self.src[start + 4..].find("-->") {
            Some(p) => self.pos = start + 4 + p + 3,
            None => {
                self.error(Span::new(start, start + 4), "wxml-unclosed-comment", "comment is not closed with `-->`");
                self.pos = self.b.len();
            }
        }
    }

    /// Text up to the next tag or comment, skipping over `{{ }}` regions.
    fn text(&mut self) {
        let start = self.pos;
        let len = self.b.len();
        // The first character is always text (it is either not `<` or a `<` that starts
        // no tag).
        let mut i = start + 1;
        if self.b[start] == b'{' && self.b.get(start + 1) == Some(&b'{') {
            i = start;
        }
        while i < len {
            let c = self.b[i];
            if c == b'{' && i + 1 < len && self.b[i + 1] == b'{' {
                if let Some(close) = find_interp_close(self.src, i + 2, len) {
                    i = close + 2;
                    continue;
                }
                i += 2;
                continue;
            }
            if c == b'<' {
                let next = self.b.get(i + 1).copied();
                let tagish = match next {
                    Some(b'/') => self.b.get(i + 2).copied().is_some_and(starts_tag_name),
                    Some(b'!') => self.src[i..].starts_with("<!--"),
                    Some(n) => starts_tag_name(n),
                    None => false,
                };
                if tagish {
                    break;
                }
            }
            i += 1;
        }
        // Never split a UTF-8 character: `i` only stops at ASCII bytes or the end.
        self.tokens.push(Token::Text(Span::new(start, i)));
        self.pos = i;
    }

    fn end_tag(&mut self) {
        let start = self.pos;
        let name_start = start + 2;
        let mut i = name_start;
        let len = self.b.len();
        while i < len && !is_space(self.b[i]) && !matches!(self.b[i], b'>' | b'<' | b'/') {
            i += 1;
        }
        let name = Span::new(name_start, i);
        while i < len && is_space(self.b[i]) {
            i += 1;
        }
        if i < len && self.b[i] == b'>' {
            i += 1;
        } else {
            let here = Span::new(i, (i + 1).min(len));
            self.error(here, "wxml-bad-close-tag", "expected `>` to end the closing tag");
            // Skip to the next `>` unless a new tag starts first.
            while i < len && self.b[i] != b'>' && self.b[i] != b'<' {
                i += 1;
            }
            if i < len && self.b[i] == b'>' {
                i += 1;
            }
        }
        self.tokens.push(Token::End { name, span: Span::new(start, i) });
        self.pos = i;
    }

    fn start_tag(&mut self) {
        let start = self.pos;
        let len = self.b.len();
        let mut i = start + 1;
        while i < len && !is_space(self.b[i]) && !matches!(self.b[i], b'>' | b'<' | b'/' | b'=' | b'"' | b'\'') {
            i += 1;
        }
        let name = Span::new(start + 1, i);
        let mut attrs = Vec::new();
        let mut self_closing = false;
        loop {
            while i < len && is_space(self.b[i]) {
                i += 1;
            }
            if i >= len {
                self.error(
                    name,
                    "wxml-unterminated-tag",
                    format!(
                        "start tag `<{}` is not closed with `>`",
                        &self.src[name.start as usize..name.end as usize]
                    ),
                );
                break;
            }
            match self.b[i] {
                b'>' => {
                    i += 1;
                    break;
                }
                b'/' if self.b.get(i + 1) == Some(&b'>') => {
                    self_closing = true;
                    i += 2;
                    break;
                }
                b'<' => {
                    self.error(
                        name,
                        "wxml-unterminated-tag",
                        format!(
                            "start tag `<{}` is not closed with `>`",
                            &self.src[name.start as usize..name.end as usize]
                        ),
                    );
                    break;
                }
                b'/' | b'"' | b'\'' | b'=' => {
                    let w = char_width(self.src, i);
                    self.error(
                        Span::new(i, i + w),
                        "wxml-bad-attribute",
                        format!("unexpected `{}` in start tag", &self.src[i..i + w]),
                    );
                    i += w;
                }
                _ => {
                    i = self.attribute(i, &mut attrs);
                }
            }
        }
        let span = Span::new(start, i);
        let is_wxs = &self.src[name.start as usize..name.end as usize] == "wxs";
        self.tokens.push(Token::Start(StartTag { name, attrs, self_closing, span }));
        self.pos = i;
        if is_wxs && !self_closing && self.src[..i].ends_with('>') {
            // Inline wxs code is raw text up to `</wxs>`.
            let code_end = self.src[i..].find("</wxs").map(|p| p + i).unwrap_or(len);
            self.tokens.push(Token::RawText(Span::new(i, code_end)));
            self.pos = code_end;
        }
    }

    /// Lexes one attribute starting at `i`; returns the position after it.
    fn attribute(&mut self, mut i: usize, attrs: &mut Vec<RawAttr>) -> usize {
        let len = self.b.len();
        let name_start = i;
        while i < len && !self.ends_attr_name(i) {
            i += 1;
        }
        let name = Span::new(name_start, i);
        let mut j = i;
        while j < len && is_space(self.b[j]) {
            j += 1;
        }
        if j >= len || self.b[j] != b'=' {
            attrs.push(RawAttr { name, value: None, span: name });
            return i;
        }
        j += 1;
        while j < len && is_space(self.b[j]) {
            j += 1;
        }
        if j >= len || matches!(self.b[j], b'>' | b'<') || (self.b[j] == b'/' && self.b.get(j + 1) == Some(&b'>')) {
            self.error(
                name,
                "wxml-bad-attribute",
                format!("attribute `{}` has `=` but no value", &self.src[name.start as usize..name.end as usize]),
            );
            attrs.push(RawAttr { name, value: Some(Span::at(j)), span: Span::new(name_start, j) });
            return j;
        }
        let q = self.b[j];
        if q == b'"' || q == b'\'' {
            let vstart = j + 1;
            match self.quoted_end(vstart, q) {
                Some(vend) => {
                    attrs.push(RawAttr {
                        name,
                        value: Some(Span::new(vstart, vend)),
                        span: Span::new(name_start, vend + 1),
                    });
                    vend + 1
                }
                None => {
                    self.error(
                        Span::new(j, j + 1),
                        "wxml-unclosed-quote",
                        format!(
                            "the value of attribute `{}` has no closing {}",
                            &self.src[name.start as usize..name.end as usize],
                            if q == b'"' { "`\"`" } else { "`'`" }
                        ),
                    );
                    attrs.push(RawAttr { name, value: Some(Span::new(vstart, len)), span: Span::new(name_start, len) });
                    len
                }
            }
        } else {
            let vstart = j;
            while j < len {
                let c = self.b[j];
                if c == b'{' && self.b.get(j + 1) == Some(&b'{') {
                    if let Some(close) = find_interp_close(self.src, j + 2, len) {
                        j = close + 2;
                        continue;
                    }
                }
                if is_space(c) || c == b'>' || c == b'<' || (c == b'/' && self.b.get(j + 1) == Some(&b'>')) {
                    break;
                }
                j += 1;
            }
            attrs.push(RawAttr { name, value: Some(Span::new(vstart, j)), span: Span::new(name_start, j) });
            j
        }
    }

    /// Whether the byte at `i` ends an attribute name.
    fn ends_attr_name(&self, i: usize) -> bool {
        let c = self.b[i];
        is_space(c) || matches!(c, b'>' | b'<' | b'=' | b'"' | b'\'') || (c == b'/' && self.b.get(i + 1) == Some(&b'>'))
    }

    /// The offset of the quote that ends a quoted value starting at `from`, treating
    /// `{{ }}` as opaque.
    fn quoted_end(&self, from: usize, q: u8) -> Option<usize> {
        let len = self.b.len();
        let mut j = from;
        while j < len {
            let c = self.b[j];
            if c == b'{' && self.b.get(j + 1) == Some(&b'{') {
                if let Some(close) = find_interp_close(self.src, j + 2, len) {
                    j = close + 2;
                    continue;
                }
            }
            if c == q {
                return Some(j);
            }
            j += 1;
        }
        // With an unbalanced `{{`, fall back to the first quote.
        self.src[from..].find(q as char).map(|p| p + from)
    }
}

/// The byte length of the character at `i`.
fn char_width(src: &str, i: usize) -> usize {
    src[i..].chars().next().map_or(1, char::len_utf8)
}
