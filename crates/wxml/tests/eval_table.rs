//! Expression evaluation against JSON data: a table of sources and the value each must
//! produce, checked with JavaScript's semantics (WeChat evaluates `{{ }}` as JavaScript,
//! except that reading a property of `undefined`/`null` yields `undefined`).

use mpsim_base::{Span, Value};
use mpsim_wxml::ir::Interp;
use mpsim_wxml::{eval, eval_interp, parse_expr, Env};
use std::cell::RefCell;

/// Data from JSON, plus a recording `call` that answers with a description of the call.
struct Data {
    root: Value,
    calls: RefCell<Vec<String>>,
}

impl Env for Data {
    fn lookup(&self, name: &str) -> Value {
        self.root.get(name)
    }

    fn call(&self, root: &str, path: &[Value], args: Vec<Value>, _span: Span) -> Value {
        let path: Vec<String> = path.iter().map(Value::to_js_string).collect();
        let args: Vec<String> = args.iter().map(|a| a.to_json().to_string()).collect();
        let desc = format!("{root}[{}]({})", path.join("/"), args.join(","));
        self.calls.borrow_mut().push(desc.clone());
        Value::from(desc)
    }
}

fn data(json: &str) -> Data {
    let v: serde_json::Value = serde_json::from_str(json).expect("test data is valid JSON");
    Data { root: Value::from_json(&v), calls: RefCell::new(Vec::new()) }
}

fn run(src: &str, json: &str) -> Value {
    let expr = parse_expr(src, 0).unwrap_or_else(|e| panic!("{src:?} should parse: {e:?}"));
    eval(&expr, &data(json))
}

/// Evaluates `src` against `json` and compares with `expected`, written as JSON or one of
/// `undefined`, `NaN`, `Infinity`, `-Infinity`, `-0`.
fn check(src: &str, json: &str, expected: &str) {
    let got = run(src, json);
    let ok = match expected {
        "undefined" => got.is_undefined(),
        "NaN" => matches!(got, Value::Number(n) if n.is_nan()),
        "Infinity" => matches!(got, Value::Number(n) if n == f64::INFINITY),
        "-Infinity" => matches!(got, Value::Number(n) if n == f64::NEG_INFINITY),
        "-0" => matches!(got, Value::Number(n) if n == 0.0 && n.is_sign_negative()),
        _ => {
            let want: serde_json::Value = serde_json::from_str(expected).expect("expected value is valid JSON");
            let want = Value::from_json(&want);
            // Numbers compare exactly; `0` must not accept `-0`.
            match (&got, &want) {
                (Value::Number(a), Value::Number(b)) => a == b && a.is_sign_negative() == b.is_sign_negative(),
                _ => got.deep_eq(&want) && got.type_of() == want.type_of(),
            }
        }
    };
    assert!(ok, "{src:?} with {json} gave {got:?}, expected {expected}");
}

const D: &str = r#"{
    "a": 1, "b": 2, "s": "str", "n": null, "t": true, "f": false, "zero": 0, "empty": "",
    "list": [10, 20, 30], "obj": {"x": 1, "y": {"z": "deep"}}, "key": "x",
    "c": {"d": 2}, "arr": [1, 2], "o1": {"a": 1, "b": 2}, "o2": {"b": 3, "c": 4}
}"#;

#[test]
fn arithmetic() {
    check("1 + 2 * 3", D, "7");
    check("(1 + 2) * 3", D, "9");
    check("10 - 4 - 3", D, "3");
    check("2 * 3 % 4", D, "2");
    check("0.1 + 0.2", D, "0.30000000000000004");
    check("1 / 0", D, "Infinity");
    check("-1 / 0", D, "-Infinity");
    check("0 / 0", D, "NaN");
    check("-0", D, "-0");
    check("0 * -1", D, "-0");
    check("5 % 3", D, "2");
    check("-5 % 3", D, "-2");
    check("5 % -3", D, "2");
    check("5.5 % 2", D, "1.5");
    check("5 % 0", D, "NaN");
    check("a + b", D, "3");
    check("'6' / '2'", D, "3");
    check("'3' * '4'", D, "12");
    check("'a' - 1", D, "NaN");
    check(".5 + 1e3 + 0x10", D, "1016.5");
}

#[test]
fn plus_is_javascripts() {
    check("'1' + 2", D, "\"12\"");
    check("1 + '2'", D, "\"12\"");
    check("1 + 2 + '3'", D, "\"33\"");
    check("'1' + 2 + 3", D, "\"123\"");
    check("[1,2] + ''", D, "\"1,2\"");
    check("[] + []", D, "\"\"");
    check("{} + 'x'", D, "\"[object Object]x\"");
    check("null + 1", D, "1");
    check("undefined + 1", D, "NaN");
    check("true + 1", D, "2");
    check("s + n", D, "\"strnull\"");
    check("s + missing", D, "\"strundefined\"");
    check("'x' + 0.1 * 3", D, "\"x0.30000000000000004\"");
}

#[test]
fn unary() {
    check("-'3'", D, "-3");
    check("+'3'", D, "3");
    check("+''", D, "0");
    check("+'x'", D, "NaN");
    check("-n", D, "-0");
    check("+t", D, "1");
    check("+[5]", D, "5");
    check("+{}", D, "NaN");
    check("!!''", D, "false");
    check("!!'0'", D, "true");
    check("!0", D, "true");
    check("!list", D, "false");
    check("!missing", D, "true");
    check("- -1", D, "1");
    check("typeof null", D, "\"object\"");
    check("typeof undefined", D, "\"undefined\"");
    check("typeof missing", D, "\"undefined\"");
    check("typeof 1", D, "\"number\"");
    check("typeof s", D, "\"string\"");
    check("typeof t", D, "\"boolean\"");
    check("typeof list", D, "\"object\"");
    check("typeof obj === 'object'", D, "true");
}

#[test]
fn logical_operators_return_an_operand() {
    check("0 || 'x'", D, "\"x\"");
    check("'' && 1", D, "\"\"");
    check("1 && 'y'", D, "\"y\"");
    check("null || undefined", D, "undefined");
    check("a || missing.deep", D, "1");
    check("zero && missing.deep", D, "0");
    check("f || n || empty", D, "\"\"");
    check("t && list", D, "[10, 20, 30]");
    check("a && b || c", D, "2");
    check("0 && 1 || 2", D, "2");
}

#[test]
fn equality() {
    check("1 == '1'", D, "true");
    check("1 === '1'", D, "false");
    check("null == undefined", D, "true");
    check("null === undefined", D, "false");
    check("null == 0", D, "false");
    check("undefined == 0", D, "false");
    check("'' == 0", D, "true");
    check("'0' == false", D, "true");
    check("true == 1", D, "true");
    check("true === 1", D, "false");
    check("[1] == 1", D, "true");
    check("list == list", D, "true");
    check("list === list", D, "true");
    check("[1] == [1]", D, "false");
    check("'a' != 'a'", D, "false");
    check("1 !== 1", D, "false");
    check("1 != '2'", D, "true");
    check("0 / 0 == 0 / 0", D, "false");
    check("-0 === 0", D, "true");
}

#[test]
fn relational() {
    check("1 < 2", D, "true");
    check("2 <= 2", D, "true");
    check("3 > 2", D, "true");
    check("2 >= 3", D, "false");
    check("'10' < '9'", D, "true");
    check("'10' < 9", D, "false");
    check("'a' < 'b'", D, "true");
    check("'B' < 'a'", D, "true");
    check("null < 1", D, "true");
    check("null >= 0", D, "true");
    check("undefined < 1", D, "false");
    check("undefined >= 1", D, "false");
    check("undefined <= 1", D, "false");
    check("'x' >= 1", D, "false");
    check("'x' <= 1", D, "false");
    check("1 < 2 < 3", D, "true");
    check("3 > 2 > 1", D, "false");
    check("[2] > 1", D, "true");
}

#[test]
fn member_and_index() {
    check("obj.x", D, "1");
    check("obj.y.z", D, "\"deep\"");
    check("obj[key]", D, "1");
    check("obj['y']['z']", D, "\"deep\"");
    check("list[1]", D, "20");
    check("list['2']", D, "30");
    check("list[a + 1]", D, "30");
    check("list[5]", D, "undefined");
    check("list.length", D, "3");
    check("s.length", D, "3");
    check("s[0]", D, "\"s\"");
    check("list[c.d]", D, "30");
    check("obj[c.d]", D, "undefined");
    // Reading through undefined or null yields undefined, as WeChat's templates do.
    check("missing.a.b.c", D, "undefined");
    check("missing[0][1]", D, "undefined");
    check("n.x", D, "undefined");
    check("n[0]", D, "undefined");
    check("obj.nope.deeper", D, "undefined");
    check("list[-1]", D, "undefined");
    check("list[1.5]", D, "undefined");
}

#[test]
fn conditional() {
    check("t ? 'y' : 'n'", D, "\"y\"");
    check("f ? 'y' : 'n'", D, "\"n\"");
    check("a > b ? 'a' : b > 1 ? 'b' : 'c'", D, "\"b\"");
    check("t ? f ? 1 : 2 : 3", D, "2");
    check("zero ? 1 : empty ? 2 : list ? 3 : 4", D, "3");
}

#[test]
fn literals() {
    check("[1, 'a', true, null]", D, "[1, \"a\", true, null]");
    check("[a, ...list, b]", D, "[1, 10, 20, 30, 2]");
    check("[...s]", D, "[\"s\", \"t\", \"r\"]");
    check("[...missing, 1]", D, "[1]");
    check("{a, b: 3}", D, "{\"a\": 1, \"b\": 3}");
    check("{...o1, ...o2, e: 5}", D, "{\"a\": 1, \"b\": 3, \"c\": 4, \"e\": 5}");
    check("{...o1, a: 9}", D, "{\"a\": 9, \"b\": 2}");
    check("{...arr}", D, "{\"0\": 1, \"1\": 2}");
    check("{...'hi'}", D, "{\"0\": \"h\", \"1\": \"i\"}");
    check("{...n, ...missing, x: 1}", D, "{\"x\": 1}");
    check("{'quoted key': 1, 2: 'two'}", D, "{\"quoted key\": 1, \"2\": \"two\"}");
    check("{for: 1, class: 2}", D, "{\"for\": 1, \"class\": 2}");
    check("'a\\'b' + \"c\\\"d\"", D, "\"a'bc\\\"d\"");
    check("'\\u4e2d\\x41\\n\\t'", D, "\"中A\\n\\t\"");
    check("'\\u{1F600}'", D, "\"😀\"");
    check("'\\uD83D\\uDE00'", D, "\"😀\"");
    check("0x1F", D, "31");
    check("1e3", D, "1000");
    check("1.5e-3", D, "0.0015");
    check("undefined", D, "undefined");
}

#[test]
fn calls_go_to_the_environment() {
    check("m.fmt.pad(a, 'x')", D, "\"m[fmt/pad](1,\\\"x\\\")\"");
    check("f(1)", D, "\"f[](1)\"");
    check("m['g'](list[0])", D, "\"m[g](10)\"");
    // A callee not rooted at an identifier is not callable.
    check("(1)(2)", D, "undefined");
    check("'s'.length", D, "1");
}

#[test]
fn interpolation() {
    let d = data(D);
    let e = |src: &str| parse_expr(src, 0).expect("parses");
    use mpsim_wxml::ir::Part;
    let interp = |parts: Vec<Part>| Interp { parts, span: Span::default() };
    // A lone expression passes its value through (an array stays an array).
    let v = eval_interp(&interp(vec![Part::Expr(e("list"))]), &d);
    assert!(matches!(v, Value::Array(_)));
    // Text around an expression makes a string; undefined contributes nothing.
    let v = eval_interp(
        &interp(vec![Part::Text("a".into()), Part::Expr(e("missing")), Part::Expr(e("n")), Part::Expr(e("list"))]),
        &d,
    );
    assert_eq!(v.as_str(), Some("anull10,20,30"));
    // Two expressions with nothing around them are still concatenated as text.
    let v = eval_interp(&interp(vec![Part::Expr(e("a")), Part::Expr(e("b"))]), &d);
    assert_eq!(v.as_str(), Some("12"));
    let v = eval_interp(&interp(vec![]), &d);
    assert_eq!(v.as_str(), Some(""));
}
