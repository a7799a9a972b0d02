//! Data paths: the keys `setData` accepts (`a.b.c`, `list[0].name`), parsed into segments.
//!
//! The rules follow WeChat's framework (the `setData` reference: "key 可以以数据路径的形式
//! 给出，如 `array[2].message`、`a.b.c.d`"), and, for details the docs leave open, the
//! behaviour of WeChat's open-source glass-easel framework: field names are taken
//! verbatim (spaces included, no quoting), a backslash escapes a following `.` or `[`,
//! brackets hold only decimal indices (`a['x']` and `a[b]` are errors), and a trailing
//! `.` is ignored. Applying a path to data is the runtime's job, not this module's.

use std::fmt;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PathSeg {
    /// An object property (`a`, `.b`).
    Key(Rc<str>),
    /// An array index (`[0]`).
    Index(usize),
}

impl fmt::Display for PathSeg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathSeg::Key(k) => write!(f, "{k}"),
            PathSeg::Index(i) => write!(f, "[{i}]"),
        }
    }
}

/// Parses a `setData` key. The first segment is always a key (`""` for an empty string,
/// which WeChat treats as a property named "").
pub fn parse_data_path(key: &str) -> Result<Vec<PathSeg>, String> {
    let mut segs = Vec::new();
    let mut field = String::new();
    let mut chars = key.char_indices().peekable();
    // Whether a field is being read (false right after `]`, where only `.` or `[` may
    // follow).
    let mut in_field = true;
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if in_field => match chars.peek() {
                Some(&(_, n)) if n == '.' || n == '[' || n == ']' || n == '\\' => {
                    field.push(n);
                    chars.next();
                }
                _ => field.push('\\'),
            },
            '.' => {
                if in_field {
                    segs.push(PathSeg::Key(Rc::from(std::mem::take(&mut field))));
                }
                in_field = true;
            }
            '[' => {
                if in_field {
                    if segs.is_empty() && field.is_empty() && i == 0 {
                        return Err(format!("data path `{key}` must start with a field name, not an index"));
                    }
                    segs.push(PathSeg::Key(Rc::from(std::mem::take(&mut field))));
                }
                let mut digits = String::new();
                let mut closed = false;
                for (_, d) in chars.by_ref() {
                    if d == ']' {
                        closed = true;
                        break;
                    }
                    digits.push(d);
                }
                if !closed {
                    return Err(format!("data path `{key}` has a `[` without `]`"));
                }
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(format!(
                        "data path `{key}`: `[{digits}]` is not an array index (only digits are allowed in brackets)"
                    ));
                }
                let index =
                    digits.parse::<usize>().map_err(|_| format!("data path `{key}`: index `{digits}` is too large"))?;
                segs.push(PathSeg::Index(index));
                in_field = false;
            }
            _ if !in_field => {
                return Err(format!("data path `{key}`: expected `.` or `[` after `]`, found `{c}`"));
            }
            ']' => {
                return Err(format!("data path `{key}` has a `]` without `[`"));
            }
            _ => field.push(c),
        }
    }
    // A trailing `.` leaves an empty field, which is dropped (glass-easel parses `a.` as
    // `a`); an empty key as a whole is the property "".
    if in_field && (!field.is_empty() || segs.is_empty()) {
        segs.push(PathSeg::Key(Rc::from(field)));
    }
    Ok(segs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> PathSeg {
        PathSeg::Key(Rc::from(s))
    }

    #[test]
    fn documented_examples() {
        // The setData reference's own examples: `array[2].message` and `a.b.c.d`.
        assert_eq!(parse_data_path("array[2].message").unwrap(), vec![k("array"), PathSeg::Index(2), k("message")]);
        assert_eq!(parse_data_path("a.b.c.d").unwrap(), vec![k("a"), k("b"), k("c"), k("d")]);
    }

    #[test]
    fn lenient_forms_wechat_accepts() {
        assert_eq!(parse_data_path("list").unwrap(), vec![k("list")]);
        assert_eq!(parse_data_path("m[0][1]").unwrap(), vec![k("m"), PathSeg::Index(0), PathSeg::Index(1)]);
        assert_eq!(parse_data_path("a.").unwrap(), vec![k("a")]);
        assert_eq!(parse_data_path("").unwrap(), vec![k("")]);
        assert_eq!(parse_data_path(" a ").unwrap(), vec![k(" a ")]);
        assert_eq!(parse_data_path("a\\.b").unwrap(), vec![k("a.b")]);
        assert_eq!(parse_data_path("a\\*").unwrap(), vec![k("a\\*")]);
        assert_eq!(parse_data_path("a[0]. [12]").unwrap(), vec![k("a"), PathSeg::Index(0), k(" "), PathSeg::Index(12)]);
        assert_eq!(parse_data_path("a-b.c_d").unwrap(), vec![k("a-b"), k("c_d")]);
    }

    #[test]
    fn malformed_keys_are_errors() {
        for bad in ["a['x']", "a[b]", "a[1e]", "a[", "a[0]b", "a]", "[0]", "a[]", "a[-1]"] {
            assert!(parse_data_path(bad).is_err(), "{bad:?} should be rejected");
        }
    }
}
