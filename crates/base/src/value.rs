//! [`Value`]: the data a template sees, with JavaScript's semantics for the operations
//! WXML expressions use (ToString, ToNumber, truthiness, `+`, `==`, `===`).
//!
//! Data arrives from the logic layer as JSON (as `setData` serializes it on a phone), so a
//! Value is JSON plus `undefined`. Containers are reference-counted and copy-on-write:
//! `setData({'list[5].name': …})` clones only the spine from the root to the changed item,
//! and the renderer recognises unchanged items by pointer identity ([`Value::same`]).

use indexmap::IndexMap;
use std::fmt;
use std::rc::Rc;

/// An object's properties in insertion order.
pub type Map = IndexMap<Rc<str>, Value>;

#[derive(Clone, Debug, Default)]
pub enum Value {
    #[default]
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(Rc<str>),
    Array(Rc<Vec<Value>>),
    Object(Rc<Map>),
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::String(Rc::from(s))
    }

    pub fn array(items: Vec<Value>) -> Value {
        Value::Array(Rc::new(items))
    }

    pub fn object(map: Map) -> Value {
        Value::Object(Rc::new(map))
    }

    pub fn empty_object() -> Value {
        Value::Object(Rc::new(Map::new()))
    }

    pub fn is_undefined(&self) -> bool {
        matches!(self, Value::Undefined)
    }

    pub fn is_nullish(&self) -> bool {
        matches!(self, Value::Undefined | Value::Null)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// `typeof`, as JavaScript answers it for data.
    pub fn type_of(&self) -> &'static str {
        match self {
            Value::Undefined => "undefined",
            Value::Null | Value::Array(_) | Value::Object(_) => "object",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
        }
    }

    /// JavaScript truthiness.
    pub fn truthy(&self) -> bool {
        match self {
            Value::Undefined | Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) => !(*n == 0.0 || n.is_nan()),
            Value::String(s) => !s.is_empty(),
            Value::Array(_) | Value::Object(_) => true,
        }
    }

    /// JavaScript's ToString (`String(v)`).
    pub fn to_js_string(&self) -> String {
        let mut out = String::new();
        self.write_js_string(&mut out);
        out
    }

    fn write_js_string(&self, out: &mut String) {
        match self {
            Value::Undefined => out.push_str("undefined"),
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => out.push_str(&number_to_string(*n)),
            Value::String(s) => out.push_str(s),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    if !item.is_nullish() {
                        item.write_js_string(out);
                    }
                }
            }
            Value::Object(_) => out.push_str("[object Object]"),
        }
    }

    /// How `{{v}}` renders in text: like ToString, except `undefined` renders as nothing.
    pub fn to_text(&self) -> String {
        match self {
            Value::Undefined => String::new(),
            other => other.to_js_string(),
        }
    }

    /// JavaScript's ToNumber (`Number(v)`).
    pub fn to_number(&self) -> f64 {
        match self {
            Value::Undefined => f64::NAN,
            Value::Null => 0.0,
            Value::Bool(b) => f64::from(u8::from(*b)),
            Value::Number(n) => *n,
            Value::String(s) => string_to_number(s),
            Value::Array(_) => string_to_number(&self.to_js_string()),
            Value::Object(_) => f64::NAN,
        }
    }

    /// ToPrimitive with the default hint: containers become their string form.
    pub fn to_primitive(&self) -> Value {
        match self {
            Value::Array(_) | Value::Object(_) => Value::String(Rc::from(self.to_js_string())),
            other => other.clone(),
        }
    }

    /// JavaScript's binary `+`.
    pub fn js_add(&self, other: &Value) -> Value {
        let a = self.to_primitive();
        let b = other.to_primitive();
        if matches!(a, Value::String(_)) || matches!(b, Value::String(_)) {
            let mut s = a.to_js_string();
            s.push_str(&b.to_js_string());
            Value::String(Rc::from(s))
        } else {
            Value::Number(a.to_number() + b.to_number())
        }
    }

    /// JavaScript's `===`.
    pub fn strict_eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Undefined, Value::Undefined) | (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Number(a), Value::Number(b)) => a == b,
            (Value::String(a), Value::String(b)) => a == b,
            (Value::Array(a), Value::Array(b)) => Rc::ptr_eq(a, b),
            (Value::Object(a), Value::Object(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// JavaScript's `==` (the Abstract Equality Comparison).
    pub fn loose_eq(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Undefined | Null, Undefined | Null) => true,
            (Undefined | Null, _) | (_, Undefined | Null) => false,
            (Number(_), String(_)) | (String(_), Number(_)) => self.to_number() == other.to_number(),
            (Bool(_), _) => Number(self.to_number()).loose_eq(other),
            (_, Bool(_)) => self.loose_eq(&Number(other.to_number())),
            (Array(_) | Object(_), Number(_) | String(_)) => self.to_primitive().loose_eq(other),
            (Number(_) | String(_), Array(_) | Object(_)) => self.loose_eq(&other.to_primitive()),
            _ => self.strict_eq(other),
        }
    }

    /// Property access `v[key]` for data: own properties of objects, array indices and
    /// `length`, string indices and `length`. Everything else is `undefined`.
    pub fn get(&self, key: &str) -> Value {
        match self {
            Value::Object(map) => map.get(key).cloned().unwrap_or(Value::Undefined),
            Value::Array(items) => {
                if key == "length" {
                    Value::Number(items.len() as f64)
                } else {
                    array_index(key).and_then(|i| items.get(i)).cloned().unwrap_or(Value::Undefined)
                }
            }
            Value::String(s) => {
                if key == "length" {
                    Value::Number(s.encode_utf16().count() as f64)
                } else if let Some(i) = array_index(key) {
                    let units: Vec<u16> = s.encode_utf16().collect();
                    units
                        .get(i)
                        .map(|u| Value::String(Rc::from(String::from_utf16_lossy(&[*u]))))
                        .unwrap_or(Value::Undefined)
                } else {
                    Value::Undefined
                }
            }
            _ => Value::Undefined,
        }
    }

    /// Property access with a computed key: numbers index arrays directly.
    pub fn get_value(&self, key: &Value) -> Value {
        match (self, key) {
            (Value::Array(items), Value::Number(n)) if *n >= 0.0 && n.fract() == 0.0 => {
                items.get(*n as usize).cloned().unwrap_or(Value::Undefined)
            }
            _ => self.get(&key.to_js_string()),
        }
    }

    /// Identity for memoization: same primitive value, or the same container allocation.
    /// (`NaN` is the same as `NaN` here, unlike `===`.)
    pub fn same(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Number(a), Value::Number(b)) => a == b || (a.is_nan() && b.is_nan()),
            _ => self.strict_eq(other),
        }
    }

    /// Structural equality (deep), treating `NaN` as equal to itself.
    pub fn deep_eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Array(a), Value::Array(b)) => {
                Rc::ptr_eq(a, b) || (a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.deep_eq(y)))
            }
            (Value::Object(a), Value::Object(b)) => {
                Rc::ptr_eq(a, b)
                    || (a.len() == b.len()
                        && a.iter().zip(b.iter()).all(|((ka, va), (kb, vb))| ka == kb && va.deep_eq(vb)))
            }
            _ => self.same(other),
        }
    }

    pub fn from_json(json: &serde_json::Value) -> Value {
        match json {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
            serde_json::Value::String(s) => Value::String(Rc::from(s.as_str())),
            serde_json::Value::Array(items) => Value::array(items.iter().map(Value::from_json).collect()),
            serde_json::Value::Object(map) => {
                Value::object(map.iter().map(|(k, v)| (Rc::from(k.as_str()), Value::from_json(v))).collect())
            }
        }
    }

    /// JSON, as `JSON.stringify` would give it: `undefined` properties are dropped,
    /// `undefined` array items and non-finite numbers become `null`.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Undefined | Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => serde_json::Number::from_f64(*n)
                .map(|n| {
                    // Integral values print as integers, as JSON.stringify does.
                    if n.as_f64().is_some_and(|f| f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15) {
                        serde_json::Value::from(n.as_f64().unwrap() as i64)
                    } else {
                        serde_json::Value::Number(n)
                    }
                })
                .unwrap_or(serde_json::Value::Null),
            Value::String(s) => serde_json::Value::String(s.to_string()),
            Value::Array(items) => serde_json::Value::Array(items.iter().map(Value::to_json).collect()),
            Value::Object(map) => serde_json::Value::Object(
                map.iter().filter(|(_, v)| !v.is_undefined()).map(|(k, v)| (k.to_string(), v.to_json())).collect(),
            ),
        }
    }
}

impl PartialEq for Value {
    /// Structural equality (see [`Value::deep_eq`]).
    fn eq(&self, other: &Value) -> bool {
        self.deep_eq(other)
    }
}

impl fmt::Display for Value {
    /// JavaScript's ToString.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_js_string())
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Value {
        Value::Number(n)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::str(s)
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(Rc::from(s))
    }
}

/// A canonical array index ("0", "17"; not "01", "-1", "1.0").
pub fn array_index(key: &str) -> Option<usize> {
    if key.is_empty() || (key.len() > 1 && key.starts_with('0')) || !key.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    key.parse().ok()
}

/// JavaScript's Number::toString(10): shortest round-trip digits in JS's format
/// (`1e+21`, `1e-7`, `0.30000000000000004`, `-0` → `0`).
pub fn number_to_string(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    if n.is_infinite() {
        return if n > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    if n == 0.0 {
        return "0".into();
    }
    let mut buf = ryu_js::Buffer::new();
    buf.format_finite(n).to_string()
}

/// JavaScript's StringToNumber: trims white space; "" is 0; decimal with optional
/// exponent, `Infinity`, and 0x/0o/0b integers; anything else is NaN.
pub fn string_to_number(s: &str) -> f64 {
    let t = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if t.is_empty() {
        return 0.0;
    }
    let radix = |prefix: &str, radix: u32| -> Option<f64> {
        let digits = t.strip_prefix(prefix).or_else(|| t.strip_prefix(&prefix.to_uppercase()))?;
        if digits.is_empty() {
            return Some(f64::NAN);
        }
        let mut v = 0f64;
        for c in digits.chars() {
            v = v * radix as f64 + c.to_digit(radix).map(f64::from).unwrap_or(f64::NAN);
        }
        Some(v)
    };
    if let Some(v) = radix("0x", 16).or_else(|| radix("0o", 8)).or_else(|| radix("0b", 2)) {
        return v;
    }
    let (sign, body) = match t.as_bytes()[0] {
        b'+' => (1.0, &t[1..]),
        b'-' => (-1.0, &t[1..]),
        _ => (1.0, t),
    };
    if body == "Infinity" {
        return sign * f64::INFINITY;
    }
    // Only the JS StrDecimalLiteral grammar: digits, one dot, an optional exponent.
    let valid = {
        let b = body.as_bytes();
        let mut i = 0;
        let mut digits = 0;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
            digits += 1;
        }
        if i < b.len() && b[i] == b'.' {
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
                digits += 1;
            }
        }
        if digits > 0 && i < b.len() && (b[i] == b'e' || b[i] == b'E') {
            i += 1;
            if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
                i += 1;
            }
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i == start {
                return f64::NAN;
            }
        }
        digits > 0 && i == b.len()
    };
    if !valid {
        return f64::NAN;
    }
    sign * body.parse::<f64>().unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(x: f64) -> Value {
        Value::Number(x)
    }

    #[test]
    fn numbers_print_as_javascript_does() {
        for (x, s) in [
            (0.1 + 0.2, "0.30000000000000004"),
            (1e21, "1e+21"),
            (1e-7, "1e-7"),
            (123456789.0, "123456789"),
            (-0.0, "0"),
            (1.5, "1.5"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-Infinity"),
        ] {
            assert_eq!(number_to_string(x), s, "{x}");
        }
    }

    #[test]
    fn strings_parse_as_javascript_does() {
        for (s, x) in [
            ("", 0.0),
            ("  12  ", 12.0),
            ("0x1f", 31.0),
            ("1e3", 1000.0),
            (".5", 0.5),
            ("5.", 5.0),
            ("-Infinity", f64::NEG_INFINITY),
        ] {
            assert_eq!(string_to_number(s), x, "{s:?}");
        }
        for s in ["abc", "1px", "1e", ".", "0x", "--1"] {
            assert!(string_to_number(s).is_nan(), "{s:?}");
        }
    }

    #[test]
    fn plus_concatenates_when_either_side_is_a_string() {
        assert_eq!(n(1.0).js_add(&Value::str("2")).to_js_string(), "12");
        assert_eq!(n(1.0).js_add(&n(2.0)).to_js_string(), "3");
        assert_eq!(Value::Bool(true).js_add(&n(1.0)).to_js_string(), "2");
        assert_eq!(Value::array(vec![n(1.0), n(2.0)]).js_add(&Value::str("")).to_js_string(), "1,2");
        assert_eq!(Value::Null.js_add(&n(1.0)).to_js_string(), "1");
        assert_eq!(Value::Undefined.js_add(&n(1.0)).to_js_string(), "NaN");
        assert_eq!(Value::empty_object().js_add(&Value::str("x")).to_js_string(), "[object Object]x");
    }

    #[test]
    fn equality_follows_javascript() {
        assert!(n(1.0).loose_eq(&Value::str("1")));
        assert!(!n(1.0).strict_eq(&Value::str("1")));
        assert!(Value::Null.loose_eq(&Value::Undefined));
        assert!(!Value::Null.loose_eq(&n(0.0)));
        assert!(Value::Bool(true).loose_eq(&n(1.0)));
        assert!(Value::array(vec![n(1.0)]).loose_eq(&Value::str("1")));
        assert!(!n(f64::NAN).strict_eq(&n(f64::NAN)));
    }

    #[test]
    fn text_rendering_of_undefined_and_null() {
        assert_eq!(Value::Undefined.to_text(), "");
        assert_eq!(Value::Null.to_text(), "null");
        assert_eq!(Value::array(vec![n(1.0), Value::Null, n(3.0)]).to_text(), "1,,3");
    }
}
