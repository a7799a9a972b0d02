//! A strict JSON parser that keeps the byte span of every key and value.
//!
//! WeChat reads its configuration files with `JSON.parse`, so comments, trailing commas,
//! single quotes and other JSON5 conveniences are errors there and must be errors here.
//! A small recursive-descent parser is written instead of using a crate: the JSONC/JSON5
//! crates accept a superset of JSON by design, and serde_json drops positions. Owning the
//! parser also lets the error point at the exact offending byte with a message a
//! mini-program developer understands (for example "comments are not allowed in JSON").
//!
//! Nesting is limited to [`MAX_DEPTH`] levels so that arbitrary input cannot overflow the
//! stack.

use mpsim_base::Span;

/// The deepest nesting of arrays and objects the parser accepts.
pub const MAX_DEPTH: usize = 256;

/// A JSON value with the span of its source text.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonValue {
    pub kind: JsonKind,
    pub span: Span,
}

/// The kinds of JSON value. Numbers keep their source text so no precision is lost.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonKind {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<JsonValue>),
    Object(Vec<JsonMember>),
}

/// One `"key": value` member of an object, with the span of the key (quotes included).
#[derive(Clone, Debug, PartialEq)]
pub struct JsonMember {
    pub key: String,
    pub key_span: Span,
    pub value: JsonValue,
}

/// A syntax error at a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    pub offset: usize,
    pub message: String,
}

impl JsonValue {
    /// An empty object, used in place of a file that failed to parse.
    pub fn empty_object() -> JsonValue {
        JsonValue { kind: JsonKind::Object(Vec::new()), span: Span::at(0) }
    }

    /// The members of an object, or `None` for other kinds.
    pub fn as_object(&self) -> Option<&[JsonMember]> {
        match &self.kind {
            JsonKind::Object(members) => Some(members),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[JsonValue]> {
        match &self.kind {
            JsonKind::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            JsonKind::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.kind {
            JsonKind::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The member named `key` of an object. As with `JSON.parse`, the last duplicate wins.
    pub fn get(&self, key: &str) -> Option<&JsonMember> {
        self.as_object()?.iter().rev().find(|m| m.key == key)
    }

    /// The JSON type name, as used in diagnostics ("a string", "an object"...).
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            JsonKind::Null => "null",
            JsonKind::Bool(_) => "a boolean",
            JsonKind::Number(_) => "a number",
            JsonKind::String(_) => "a string",
            JsonKind::Array(_) => "an array",
            JsonKind::Object(_) => "an object",
        }
    }

    /// The value without spans. A number too large for serde_json becomes `null`, which is
    /// as close as JSON gets to the `Infinity` that `JSON.parse` would produce.
    pub fn to_serde(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.kind {
            JsonKind::Null => Value::Null,
            JsonKind::Bool(b) => Value::Bool(*b),
            JsonKind::Number(raw) => {
                serde_json::from_str::<serde_json::Number>(raw).map(Value::Number).unwrap_or(Value::Null)
            }
            JsonKind::String(s) => Value::String(s.clone()),
            JsonKind::Array(items) => Value::Array(items.iter().map(|v| v.to_serde()).collect()),
            JsonKind::Object(members) => {
                let mut map = serde_json::Map::new();
                for m in members {
                    map.insert(m.key.clone(), m.value.to_serde());
                }
                Value::Object(map)
            }
        }
    }
}

/// Parses `text` as one strict JSON value. A leading UTF-8 byte order mark is skipped, as
/// editors on Windows often write one and the developer tools accept it.
pub fn parse(text: &str) -> Result<JsonValue, JsonError> {
    let mut p = Parser { text, bytes: text.as_bytes(), pos: 0, depth: 0 };
    if text.starts_with('\u{feff}') {
        p.pos = '\u{feff}'.len_utf8();
    }
    p.skip_ws()?;
    if p.pos >= p.bytes.len() {
        return Err(p.error("the file is empty; expected a JSON value"));
    }
    let value = p.value()?;
    p.skip_ws()?;
    if p.pos < p.bytes.len() {
        return Err(p.error("unexpected content after the JSON value"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, message: impl Into<String>) -> JsonError {
        JsonError { offset: self.pos, message: message.into() }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Skips JSON whitespace; a `/` here is reported as a comment, which JSON forbids.
    fn skip_ws(&mut self) -> Result<(), JsonError> {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                b'/' if matches!(self.bytes.get(self.pos + 1), Some(b'/') | Some(b'*')) => {
                    return Err(self.error("comments are not allowed in JSON"));
                }
                _ => break,
            }
        }
        Ok(())
    }

    /// Describes the character at the cursor for an "unexpected ..." message.
    fn describe_here(&self) -> String {
        match self.text.get(self.pos..).and_then(|s| s.chars().next()) {
            None => "end of file".to_string(),
            Some(c) if c.is_control() => format!("character U+{:04X}", c as u32),
            Some(c) => format!("`{c}`"),
        }
    }

    fn value(&mut self) -> Result<JsonValue, JsonError> {
        let start = self.pos;
        let kind = match self.peek() {
            None => return Err(self.error("unexpected end of file; expected a value")),
            Some(b'{') => self.object()?,
            Some(b'[') => self.array()?,
            Some(b'"') => JsonKind::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(b'\'') => return Err(self.error("strings must use double quotes in JSON")),
            Some(_) => {
                if self.keyword("true") {
                    JsonKind::Bool(true)
                } else if self.keyword("false") {
                    JsonKind::Bool(false)
                } else if self.keyword("null") {
                    JsonKind::Null
                } else {
                    return Err(self.error(format!("unexpected {}; expected a value", self.describe_here())));
                }
            }
        };
        Ok(JsonValue { kind, span: Span::new(start, self.pos) })
    }

    fn keyword(&mut self, word: &str) -> bool {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            let after = self.bytes.get(self.pos + word.len()).copied();
            if !matches!(after, Some(b) if b.is_ascii_alphanumeric() || b == b'_') {
                self.pos += word.len();
                return true;
            }
        }
        false
    }

    fn enter(&mut self) -> Result<(), JsonError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(format!("arrays and objects are nested more than {MAX_DEPTH} levels deep")));
        }
        Ok(())
    }

    fn object(&mut self) -> Result<JsonKind, JsonError> {
        self.enter()?;
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_ws()?;
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(JsonKind::Object(members));
        }
        loop {
            self.skip_ws()?;
            match self.peek() {
                Some(b'"') => {}
                Some(b'}') if !members.is_empty() => {
                    return Err(self.error("trailing commas are not allowed in JSON"));
                }
                None => return Err(self.error("unexpected end of file; expected `\"` of a key")),
                Some(_) => {
                    return Err(self.error(format!(
                        "unexpected {}; object keys must be double-quoted strings",
                        self.describe_here()
                    )));
                }
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = Span::new(key_start, self.pos);
            self.skip_ws()?;
            if self.peek() != Some(b':') {
                return Err(self.error(format!("unexpected {}; expected `:` after the key", self.describe_here())));
            }
            self.pos += 1;
            self.skip_ws()?;
            let value = self.value()?;
            members.push(JsonMember { key, key_span, value });
            self.skip_ws()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(JsonKind::Object(members));
                }
                _ => {
                    return Err(self.error(format!("unexpected {}; expected `,` or `}}`", self.describe_here())));
                }
            }
        }
    }

    fn array(&mut self) -> Result<JsonKind, JsonError> {
        self.enter()?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws()?;
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(JsonKind::Array(items));
        }
        loop {
            self.skip_ws()?;
            if self.peek() == Some(b']') && !items.is_empty() {
                return Err(self.error("trailing commas are not allowed in JSON"));
            }
            items.push(self.value()?);
            self.skip_ws()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(JsonKind::Array(items));
                }
                _ => {
                    return Err(self.error(format!("unexpected {}; expected `,` or `]`", self.describe_here())));
                }
            }
        }
    }

    /// Parses a string starting at the opening quote; the cursor ends after the closing one.
    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // The run stops only at ASCII bytes, so both ends are character boundaries.
            out.push_str(&self.text[run_start..self.pos]);
            match self.peek() {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => self.escape(&mut out)?,
                Some(b'\n') => return Err(self.error("unterminated string (line break inside a string)")),
                Some(_) => return Err(self.error(format!("{} must be escaped inside a string", self.describe_here()))),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        self.pos += 1;
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let first = self.hex4()?;
                let c = if (0xD800..0xDC00).contains(&first) && self.bytes[self.pos..].starts_with(b"\\u") {
                    let save = self.pos;
                    self.pos += 2;
                    let second = self.hex4()?;
                    if (0xDC00..0xE000).contains(&second) {
                        char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
                    } else {
                        // Not a low surrogate: keep it for the next round.
                        self.pos = save;
                        None
                    }
                } else {
                    char::from_u32(first)
                };
                // `JSON.parse` accepts lone surrogates; Rust strings cannot hold them.
                out.push(c.unwrap_or('\u{fffd}'));
                return Ok(());
            }
            _ => {
                return Err(self.error(format!("invalid escape sequence: {} cannot follow `\\`", self.describe_here())))
            }
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut n = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(b) if b.is_ascii_hexdigit() => (b as char).to_digit(16).unwrap_or(0),
                _ => return Err(self.error("`\\u` must be followed by four hex digits")),
            };
            n = n * 16 + d;
            self.pos += 1;
        }
        Ok(n)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<JsonKind, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self.error("numbers cannot have leading zeros in JSON"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error("expected a digit")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.error("expected a digit after the decimal point"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("expected a digit in the exponent"));
            }
        }
        Ok(JsonKind::Number(self.text[start..self.pos].to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> (usize, String) {
        match parse(text) {
            Ok(v) => panic!("expected an error, got {v:?}"),
            Err(e) => (e.offset, e.message),
        }
    }

    #[test]
    fn parses_with_spans() {
        let text = r#"{ "a": [1, -2.5e3, true, null], "b": "x\u00e9\ud83d\ude00" }"#;
        let v = parse(text).expect("valid JSON");
        let a = v.get("a").expect("member a");
        assert_eq!(&text[a.key_span.start as usize..a.key_span.end as usize], "\"a\"");
        assert_eq!(&text[a.value.span.start as usize..a.value.span.end as usize], "[1, -2.5e3, true, null]");
        assert_eq!(v.get("b").and_then(|m| m.value.as_str()), Some("xé😀"));
        assert_eq!(v.to_serde(), serde_json::json!({"a": [1, -2500.0, true, null], "b": "xé😀"}));
    }

    #[test]
    fn last_duplicate_key_wins() {
        let v = parse(r#"{"a": 1, "a": 2}"#).expect("valid JSON");
        assert_eq!(v.get("a").map(|m| m.value.to_serde()), Some(2.into()));
    }

    #[test]
    fn rejects_json5_conveniences_at_the_offending_byte() {
        assert_eq!(err("{\"a\": 1,}").0, 8);
        assert!(err("{\"a\": 1,}").1.contains("trailing comma"));
        assert!(err("[1,]").1.contains("trailing comma"));
        assert_eq!(err("{ // c\n}").0, 2);
        assert!(err("{ // c\n}").1.contains("comments"));
        assert!(err("{a: 1}").1.contains("double-quoted"));
        assert!(err("['a']").1.contains("double quotes"));
        assert_eq!(err("01").0, 1);
        assert_eq!(err("{\"a\" 1}").0, 5);
        assert_eq!(err("").0, 0);
        assert_eq!(err("{} x").0, 3);
        assert!(err("\"a\tb\"").1.contains("escaped"));
        assert!(err("\"abc").1.contains("unterminated"));
        assert!(err("truex").1.contains("unexpected"));
    }

    #[test]
    fn lone_surrogates_and_huge_numbers_do_not_fail() {
        let v = parse(r#"["\ud800", 1e400]"#).expect("valid JSON");
        assert_eq!(v.to_serde(), serde_json::json!(["\u{fffd}", null]));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let text = "[".repeat(100_000);
        assert!(err(&text).1.contains("nested"));
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn byte_order_mark_is_skipped() {
        assert!(parse("\u{feff}{}").is_ok());
    }
}
