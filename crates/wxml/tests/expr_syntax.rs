//! Expression parser tests: precedence and associativity (seen through the dump, which
//! parenthesises every operation), spans in file offsets, and rejected syntax.

use mpsim_base::Span;
use mpsim_wxml::dump::expr_to_string;
use mpsim_wxml::expr::ExprKind;
use mpsim_wxml::{parse_expr, parse_object_body};

fn shape(src: &str) -> String {
    expr_to_string(&parse_expr(src, 0).unwrap_or_else(|e| panic!("{src:?}: {e:?}")))
}

#[test]
fn precedence_follows_javascript() {
    for (src, want) in [
        ("1 + 2 * 3", "(1 + (2 * 3))"),
        ("1 - 2 - 3", "((1 - 2) - 3)"),
        ("a || b && c", "(a || (b && c))"),
        ("a == b < c", "(a == (b < c))"),
        ("a + b < c - d", "((a + b) < (c - d))"),
        ("!a == b", "((!a) == b)"),
        ("-a * b", "((-a) * b)"),
        ("typeof a + 'x'", "((typeof a) + \"x\")"),
        ("a ? b : c ? d : e", "(a ? b : (c ? d : e))"),
        ("a ? b ? c : d : e", "(a ? (b ? c : d) : e)"),
        ("a || b ? c : d", "((a || b) ? c : d)"),
        ("a.b.c[d](e)(f)", "a.b.c[d](e)(f)"),
        ("-a.b", "(-a.b)"),
        ("!!x", "(!(!x))"),
        ("a-1", "(a - 1)"),
        ("a - -1", "(a - (-1))"),
    ] {
        assert_eq!(shape(src), want, "{src}");
    }
}

#[test]
fn spans_are_file_offsets() {
    // The expression text starts at byte 100 of the file.
    let e = parse_expr("a + foo.bar", 100).expect("parses");
    assert_eq!(e.span, Span::new(100, 111));
    let ExprKind::Binary(_, l, r) = &e.kind else { panic!("expected a binary expression, got {:?}", e.kind) };
    assert_eq!(l.span, Span::new(100, 101));
    assert_eq!(r.span, Span::new(104, 111));
    let err = parse_expr("a + ", 10).expect_err("incomplete");
    assert_eq!(err.span, Span::new(14, 14));
    let err = parse_expr("中 # x", 0).expect_err("bad character");
    assert_eq!(err.span, Span::new(4, 5));
}

#[test]
fn object_bodies_for_template_data() {
    let e = parse_object_body("a, b: 1, ...c, 'd': 2,", 0).expect("parses");
    assert_eq!(expr_to_string(&e), "{\"a\": a, \"b\": 1, ...c, \"d\": 2}");
    let e = parse_object_body("  ", 0).expect("an empty body is an empty object");
    assert_eq!(expr_to_string(&e), "{}");
    assert!(parse_object_body("a b", 0).is_err());
    assert!(parse_object_body("'s'", 0).is_err());
}

#[test]
fn rejected_syntax() {
    for src in [
        "",
        "   ",
        "a +",
        "(a",
        "a)",
        "[1, 2",
        "{a: 1",
        "a ? b",
        "a.",
        "a.1",
        "1..2",
        "'abc",
        "\"a\nb\"",
        "a = 1",
        "a ?? b",
        "a?.b",
        "a & b",
        "a | b",
        "a => a",
        "`t`",
        "0x",
        "1e",
        "1e+",
        "3in",
        "'\\x4'",
        "'\\u12'",
        "'\\u{110000}'",
        "a b",
        "{1 2}",
        "{'s'}",
        "[...]",
        "f(,)",
        "a[]",
        "new Foo",
        "a;",
    ] {
        assert!(parse_expr(src, 0).is_err(), "{src:?} should be rejected");
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("{}1{}", "(".repeat(10_000), ")".repeat(10_000));
    assert!(parse_expr(&deep, 0).is_err());
    let deep = format!("{}1", "-".repeat(10_000));
    assert!(parse_expr(&deep, 0).is_err());
    let deep = format!("{}1{}", "[".repeat(5_000), "]".repeat(5_000));
    assert!(parse_expr(&deep, 0).is_err());
    let ok = format!("{}1{}", "(".repeat(50), ")".repeat(50));
    assert!(parse_expr(&ok, 0).is_ok());
}
