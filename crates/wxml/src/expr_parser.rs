//! The `{{ }}` expression parser: text between the braces to an [`Expr`] with byte spans
//! in the .wxml file.
//!
//! It accepts the grammar described in [`crate::expr`] with JavaScript's precedence and
//! literal syntax (string escapes, `.5`, `1e3`, `0x1F`). It reports the first syntax error
//! and gives up; turning that error into a diagnostic and an `undefined` expression is the
//! WXML parser's job. Nothing here evaluates anything.

use crate::expr::{ArrayItem, BinaryOp, Expr, ExprKind, LogicalOp, ObjectItem, UnaryOp};
use mpsim_base::value::number_to_string;
use mpsim_base::Span;
use std::rc::Rc;

/// A syntax error: what was wrong and where (byte offsets in the file).
#[derive(Clone, Debug, PartialEq)]
pub struct ExprError {
    pub message: String,
    pub span: Span,
}

/// Deeper nesting than this is rejected rather than risking the stack.
const MAX_DEPTH: usize = 128;

/// Parses a whole expression. `text` is the source between `{{` and `}}`; `offset` is
/// where it starts in the file, so spans point into the file.
pub fn parse_expr(text: &str, offset: usize) -> Result<Expr, ExprError> {
    let mut p = Parser::new(text, offset)?;
    if p.tok.kind == Tok::Eof {
        return Err(p.err_at(p.tok.span, "empty expression"));
    }
    let e = p.expr()?;
    p.expect_eof()?;
    Ok(e)
}

/// Parses the body of an object literal without its braces, as `<template data>` is
/// written: `a, b: 1, ...c`. An empty body is an empty object.
pub fn parse_object_body(text: &str, offset: usize) -> Result<Expr, ExprError> {
    let mut p = Parser::new(text, offset)?;
    let start = p.tok.span;
    let items = p.object_items(&Tok::Eof)?;
    let end = p.tok.span;
    p.expect_eof()?;
    Ok(Expr { kind: ExprKind::Object(items), span: start.cover(end) })
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(f64),
    Str(Rc<str>),
    Ident(Rc<str>),
    Punct(&'static str),
    Eof,
}

#[derive(Clone, Debug)]
struct Token {
    kind: Tok,
    span: Span,
}

const PUNCTS: [&str; 26] = [
    "...", "===", "!==", "==", "!=", "<=", ">=", "&&", "||", ".", "[", "]", "(", ")", "{", "}", ",", ":", "?", "!",
    "+", "-", "*", "/", "%", "<",
];

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    offset: usize,
}

impl Lexer<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(start + self.offset, end + self.offset)
    }

    fn err(&self, start: usize, end: usize, msg: impl Into<String>) -> ExprError {
        ExprError { message: msg.into(), span: self.span(start, end) }
    }

    fn next(&mut self) -> Result<Token, ExprError> {
        let b = self.src.as_bytes();
        while self.pos < b.len() && self.src[self.pos..].starts_with(char::is_whitespace) {
            self.pos += self.src[self.pos..].chars().next().map_or(1, char::len_utf8);
        }
        let start = self.pos;
        if start >= b.len() {
            return Ok(Token { kind: Tok::Eof, span: self.span(start, start) });
        }
        let c = b[start];
        if c.is_ascii_digit() || (c == b'.' && b.get(start + 1).is_some_and(u8::is_ascii_digit)) {
            return self.number();
        }
        if c == b'"' || c == b'\'' {
            return self.string(c);
        }
        let ch = self.src[start..].chars().next().unwrap_or(' ');
        if ch == '_' || ch == '$' || ch.is_alphabetic() {
            let mut end = start;
            for (i, ch) in self.src[start..].char_indices() {
                if ch == '_' || ch == '$' || ch.is_alphanumeric() {
                    end = start + i + ch.len_utf8();
                } else {
                    break;
                }
            }
            self.pos = end;
            return Ok(Token { kind: Tok::Ident(Rc::from(&self.src[start..end])), span: self.span(start, end) });
        }
        // The longest punctuator first; `>` is listed separately so `>=` wins over it.
        for p in PUNCTS.iter().chain([">"].iter()) {
            if self.src[start..].starts_with(p) {
                self.pos = start + p.len();
                return Ok(Token { kind: Tok::Punct(p), span: self.span(start, self.pos) });
            }
        }
        Err(self.err(start, start + ch.len_utf8(), format!("unexpected character `{ch}`")))
    }

    fn number(&mut self) -> Result<Token, ExprError> {
        let b = self.src.as_bytes();
        let start = self.pos;
        let mut i = start;
        let value;
        let radix = match (b[i], b.get(i + 1).map(u8::to_ascii_lowercase)) {
            (b'0', Some(b'x')) => 16,
            (b'0', Some(b'o')) => 8,
            (b'0', Some(b'b')) => 2,
            _ => 10,
        };
        if radix != 10 {
            i += 2;
            let digits_start = i;
            let mut v = 0f64;
            while i < b.len() {
                match (b[i] as char).to_digit(radix) {
                    Some(d) => v = v * f64::from(radix) + f64::from(d),
                    None => break,
                }
                i += 1;
            }
            if i == digits_start {
                return Err(self.err(start, i, "missing digits after the number prefix"));
            }
            value = v;
        } else {
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i < b.len() && b[i] == b'.' {
                i += 1;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
            }
            if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
                let mut j = i + 1;
                if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
                    j += 1;
                }
                let exp_digits = j;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
                if j == exp_digits {
                    return Err(self.err(start, j, "missing exponent digits"));
                }
                i = j;
            }
            value = self.src[start..i].parse::<f64>().unwrap_or(f64::NAN);
        }
        if let Some(ch) = self.src[i..].chars().next() {
            if ch == '_' || ch == '$' || ch.is_alphanumeric() {
                return Err(self.err(start, i + ch.len_utf8(), "an identifier cannot start right after a number"));
            }
        }
        self.pos = i;
        Ok(Token { kind: Tok::Num(value), span: self.span(start, i) })
    }

    fn string(&mut self, q: u8) -> Result<Token, ExprError> {
        let start = self.pos;
        let mut out = String::new();
        let mut chars = self.src[start + 1..].char_indices();
        // A high surrogate from `\uD83D` waiting for its low half.
        let mut pending_high: Option<u32> = None;
        let flush = |out: &mut String, pending: &mut Option<u32>| {
            if pending.take().is_some() {
                out.push('\u{FFFD}');
            }
        };
        while let Some((i, ch)) = chars.next() {
            let at = start + 1 + i;
            if ch == q as char {
                flush(&mut out, &mut pending_high);
                self.pos = at + 1;
                return Ok(Token { kind: Tok::Str(Rc::from(out)), span: self.span(start, self.pos) });
            }
            if ch == '\n' || ch == '\r' {
                break;
            }
            if ch != '\\' {
                flush(&mut out, &mut pending_high);
                out.push(ch);
                continue;
            }
            let Some((_, e)) = chars.next() else { break };
            let code: Option<u32> = match e {
                'n' => Some(0x0a),
                't' => Some(0x09),
                'r' => Some(0x0d),
                'b' => Some(0x08),
                'f' => Some(0x0c),
                'v' => Some(0x0b),
                '0' => Some(0),
                '\n' => None,
                '\r' => {
                    if chars.clone().next().map(|(_, c)| c) == Some('\n') {
                        chars.next();
                    }
                    None
                }
                'x' => {
                    let h: String = chars.clone().take(2).map(|(_, c)| c).collect();
                    match (h.len() == 2).then(|| u32::from_str_radix(&h, 16).ok()).flatten() {
                        Some(v) => {
                            chars.next();
                            chars.next();
                            Some(v)
                        }
                        None => return Err(self.err(at, at + 2, "bad `\\x` escape")),
                    }
                }
                'u' => {
                    let rest = chars.as_str();
                    if let Some(body) = rest.strip_prefix('{') {
                        let close = body.find('}');
                        let v = close.and_then(|c| u32::from_str_radix(&body[..c], 16).ok());
                        match (v, close) {
                            (Some(v), Some(c)) if v <= 0x10FFFF => {
                                for _ in 0..c + 2 {
                                    chars.next();
                                }
                                Some(v)
                            }
                            _ => return Err(self.err(at, at + 2, "bad `\\u{…}` escape")),
                        }
                    } else {
                        let h: String = rest.chars().take(4).collect();
                        match (h.len() == 4 && h.chars().all(|c| c.is_ascii_hexdigit()))
                            .then(|| u32::from_str_radix(&h, 16).ok())
                            .flatten()
                        {
                            Some(v) => {
                                for _ in 0..4 {
                                    chars.next();
                                }
                                Some(v)
                            }
                            None => return Err(self.err(at, at + 2, "bad `\\u` escape")),
                        }
                    }
                }
                other => Some(other as u32),
            };
            let Some(code) = code else { continue };
            if (0xD800..0xDC00).contains(&code) {
                flush(&mut out, &mut pending_high);
                pending_high = Some(code);
                continue;
            }
            if (0xDC00..0xE000).contains(&code) {
                if let Some(high) = pending_high.take() {
                    let c = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00);
                    out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                } else {
                    out.push('\u{FFFD}');
                }
                continue;
            }
            flush(&mut out, &mut pending_high);
            out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
        }
        Err(self.err(start, start + 1, "unterminated string literal"))
    }
}

struct Parser<'a> {
    lx: Lexer<'a>,
    tok: Token,
    depth: usize,
}

fn bx(e: Expr) -> Box<Expr> {
    Box::new(e)
}

impl<'a> Parser<'a> {
    fn new(src: &'a str, offset: usize) -> Result<Parser<'a>, ExprError> {
        let mut lx = Lexer { src, pos: 0, offset };
        let tok = lx.next()?;
        Ok(Parser { lx, tok, depth: 0 })
    }

    fn err_at(&self, span: Span, msg: impl Into<String>) -> ExprError {
        ExprError { message: msg.into(), span }
    }

    fn unexpected(&self) -> ExprError {
        let what = match &self.tok.kind {
            Tok::Eof => "unexpected end of expression".to_string(),
            Tok::Num(n) => format!("unexpected number `{}`", number_to_string(*n)),
            Tok::Str(_) => "unexpected string".to_string(),
            Tok::Ident(name) => format!("unexpected identifier `{name}`"),
            Tok::Punct(p) => format!("unexpected `{p}`"),
        };
        self.err_at(self.tok.span, what)
    }

    fn bump(&mut self) -> Result<Token, ExprError> {
        let next = self.lx.next()?;
        Ok(std::mem::replace(&mut self.tok, next))
    }

    fn is(&self, p: &str) -> bool {
        matches!(self.tok.kind, Tok::Punct(q) if q == p)
    }

    fn eat(&mut self, p: &str) -> Result<bool, ExprError> {
        if self.is(p) {
            self.bump()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn expect(&mut self, p: &str) -> Result<Span, ExprError> {
        if self.is(p) {
            Ok(self.bump()?.span)
        } else {
            let mut e = self.unexpected();
            e.message = format!("expected `{p}`, found {}", e.message.trim_start_matches("unexpected "));
            Err(e)
        }
    }

    fn expect_eof(&mut self) -> Result<(), ExprError> {
        if self.tok.kind == Tok::Eof {
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn enter(&mut self) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err_at(self.tok.span, "expression is nested too deeply"));
        }
        Ok(())
    }

    fn expr(&mut self) -> Result<Expr, ExprError> {
        self.enter()?;
        let r = self.conditional();
        self.depth -= 1;
        r
    }

    fn conditional(&mut self) -> Result<Expr, ExprError> {
        let test = self.logical_or()?;
        if !self.eat("?")? {
            return Ok(test);
        }
        let yes = self.expr()?;
        self.expect(":")?;
        let no = self.expr()?;
        let span = test.span.cover(no.span);
        Ok(Expr { kind: ExprKind::Conditional(bx(test), bx(yes), bx(no)), span })
    }

    fn logical_or(&mut self) -> Result<Expr, ExprError> {
        let mut left = self.logical_and()?;
        while self.eat("||")? {
            let right = self.logical_and()?;
            let span = left.span.cover(right.span);
            left = Expr { kind: ExprKind::Logical(LogicalOp::Or, bx(left), bx(right)), span };
        }
        Ok(left)
    }

    fn logical_and(&mut self) -> Result<Expr, ExprError> {
        let mut left = self.binary(0)?;
        while self.eat("&&")? {
            let right = self.binary(0)?;
            let span = left.span.cover(right.span);
            left = Expr { kind: ExprKind::Logical(LogicalOp::And, bx(left), bx(right)), span };
        }
        Ok(left)
    }

    /// Binary operators by precedence level: equality, relational, additive,
    /// multiplicative. All are left-associative.
    fn binary(&mut self, level: usize) -> Result<Expr, ExprError> {
        const LEVELS: [&[(&str, BinaryOp)]; 4] = [
            &[("===", BinaryOp::StrictEq), ("!==", BinaryOp::StrictNe), ("==", BinaryOp::Eq), ("!=", BinaryOp::Ne)],
            &[("<=", BinaryOp::Le), (">=", BinaryOp::Ge), ("<", BinaryOp::Lt), (">", BinaryOp::Gt)],
            &[("+", BinaryOp::Add), ("-", BinaryOp::Sub)],
            &[("*", BinaryOp::Mul), ("/", BinaryOp::Div), ("%", BinaryOp::Rem)],
        ];
        if level == LEVELS.len() {
            return self.unary();
        }
        let mut left = self.binary(level + 1)?;
        'outer: loop {
            for (p, op) in LEVELS[level] {
                if self.is(p) {
                    self.bump()?;
                    let right = self.binary(level + 1)?;
                    let span = left.span.cover(right.span);
                    left = Expr { kind: ExprKind::Binary(*op, bx(left), bx(right)), span };
                    continue 'outer;
                }
            }
            return Ok(left);
        }
    }

    fn unary(&mut self) -> Result<Expr, ExprError> {
        let op = match &self.tok.kind {
            Tok::Punct("!") => Some(UnaryOp::Not),
            Tok::Punct("-") => Some(UnaryOp::Neg),
            Tok::Punct("+") => Some(UnaryOp::Plus),
            Tok::Ident(name) if &**name == "typeof" => Some(UnaryOp::TypeOf),
            _ => None,
        };
        let Some(op) = op else {
            return self.postfix();
        };
        let start = self.bump()?.span;
        self.enter()?;
        let operand = self.unary();
        self.depth -= 1;
        let operand = operand?;
        let span = start.cover(operand.span);
        Ok(Expr { kind: ExprKind::Unary(op, bx(operand)), span })
    }

    fn postfix(&mut self) -> Result<Expr, ExprError> {
        let mut e = self.primary()?;
        loop {
            if self.eat(".")? {
                let Tok::Ident(name) = self.tok.kind.clone() else {
                    let mut err = self.unexpected();
                    err.message = "expected a property name after `.`".into();
                    return Err(err);
                };
                let end = self.bump()?.span;
                let span = e.span.cover(end);
                e = Expr { kind: ExprKind::Member(bx(e), name), span };
            } else if self.eat("[")? {
                let index = self.expr()?;
                let end = self.expect("]")?;
                let span = e.span.cover(end);
                e = Expr { kind: ExprKind::Index(bx(e), bx(index)), span };
            } else if self.eat("(")? {
                let mut args = Vec::new();
                while !self.is(")") {
                    args.push(self.expr()?);
                    if !self.eat(",")? {
                        break;
                    }
                }
                let end = self.expect(")")?;
                let span = e.span.cover(end);
                e = Expr { kind: ExprKind::Call(bx(e), args), span };
            } else {
                return Ok(e);
            }
        }
    }

    fn primary(&mut self) -> Result<Expr, ExprError> {
        let tok = self.tok.clone();
        let kind = match tok.kind {
            Tok::Num(n) => ExprKind::Number(n),
            Tok::Str(s) => ExprKind::String(s),
            Tok::Ident(name) => match &*name {
                "true" => ExprKind::Bool(true),
                "false" => ExprKind::Bool(false),
                "null" => ExprKind::Null,
                "undefined" => ExprKind::Undefined,
                _ => ExprKind::Ident(name),
            },
            Tok::Punct("(") => {
                self.bump()?;
                let mut inner = self.expr()?;
                let end = self.expect(")")?;
                inner.span = tok.span.cover(end);
                return Ok(inner);
            }
            Tok::Punct("[") => {
                self.bump()?;
                self.enter()?;
                let items = self.array_items();
                self.depth -= 1;
                let items = items?;
                let end = self.expect("]")?;
                return Ok(Expr { kind: ExprKind::Array(items), span: tok.span.cover(end) });
            }
            Tok::Punct("{") => {
                self.bump()?;
                self.enter()?;
                let items = self.object_items(&Tok::Punct("}"));
                self.depth -= 1;
                let items = items?;
                let end = self.expect("}")?;
                return Ok(Expr { kind: ExprKind::Object(items), span: tok.span.cover(end) });
            }
            _ => return Err(self.unexpected()),
        };
        self.bump()?;
        Ok(Expr { kind, span: tok.span })
    }

    fn array_items(&mut self) -> Result<Vec<ArrayItem>, ExprError> {
        let mut items = Vec::new();
        while !self.is("]") {
            if self.eat("...")? {
                items.push(ArrayItem::Spread(self.expr()?));
            } else {
                items.push(ArrayItem::Item(self.expr()?));
            }
            if !self.eat(",")? {
                break;
            }
        }
        Ok(items)
    }

    /// Object items up to (not including) `end`.
    fn object_items(&mut self, end: &Tok) -> Result<Vec<ObjectItem>, ExprError> {
        let mut items = Vec::new();
        while self.tok.kind != *end {
            if self.eat("...")? {
                items.push(ObjectItem::Spread(self.expr()?));
            } else {
                let key_tok = self.tok.clone();
                let key: Rc<str> = match &key_tok.kind {
                    Tok::Ident(name) => name.clone(),
                    Tok::Str(s) => s.clone(),
                    Tok::Num(n) => Rc::from(number_to_string(*n)),
                    _ => {
                        let mut e = self.unexpected();
                        e.message =
                            format!("expected a property name, found {}", e.message.trim_start_matches("unexpected "));
                        return Err(e);
                    }
                };
                self.bump()?;
                if self.eat(":")? {
                    items.push(ObjectItem::Property(key, self.expr()?));
                } else if matches!(key_tok.kind, Tok::Ident(_)) {
                    // Shorthand `{a}` means `{a: a}`.
                    items.push(ObjectItem::Property(
                        key.clone(),
                        Expr { kind: ExprKind::Ident(key), span: key_tok.span },
                    ));
                } else {
                    self.expect(":")?;
                }
            }
            if !self.eat(",")? {
                break;
            }
        }
        Ok(items)
    }
}
