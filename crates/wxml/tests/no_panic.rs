//! Property tests: the parser and the expression parser never panic, whatever the input,
//! and every diagnostic points inside the file.

use mpsim_base::SourceFile;
use mpsim_wxml::{parse, parse_data_path, parse_expr, parse_object_body};
use proptest::prelude::*;

/// Strings assembled from WXML-ish fragments, which reach far more parser states than
/// uniformly random text.
fn wxml_fragments() -> impl Strategy<Value = String> {
    let frag = prop::sample::select(vec![
        "<view",
        "<view>",
        "</view>",
        "<text>",
        "</text>",
        "<block",
        "</block>",
        "/>",
        ">",
        "<",
        "</",
        " ",
        "\n",
        "=",
        "\"",
        "'",
        "{{",
        "}}",
        "{",
        "}",
        "a",
        "b",
        "中",
        "😀",
        " class=\"x\"",
        " wx:if=\"{{a}}\"",
        " wx:elif=\"{{b}}\"",
        " wx:else",
        " wx:for=\"{{l}}\"",
        " wx:key=\"*this\"",
        " wx:for-item=\"it\"",
        " bindtap=\"t\"",
        " capture-catch:tap=\"c\"",
        "<template name=\"t\">",
        "<template is=\"t\" data=\"{{...a, b}}\"/>",
        "</template>",
        "<import src=\"x\"/>",
        "<include src=\"../y\"/>",
        "<wxs module=\"m\">",
        "</wxs>",
        "<!--",
        "-->",
        "{{a > b ? 'x' : \"y\"}}",
        "{{ {a: {b: 1}} }}",
        "&amp;",
        "\\",
        "+",
        "(",
        ")",
        "[",
        "]",
        "...",
        "?",
        ":",
        ",",
        ".",
        "'s",
        "1e",
        "0x",
    ]);
    prop::collection::vec(frag, 0..40).prop_map(|v| v.concat())
}

fn check_parse(text: &str) {
    let file = SourceFile::new("mp/p.wxml", text);
    let (_doc, diags) = parse(&file, "mp");
    let lines = text.split('\n').count() as u32;
    for d in diags {
        assert!(d.line >= 1 && d.line <= lines, "{d} is outside the file");
    }
}

const EXPR_CHARS: &str = "[a-z0-9 .,:?!+\\-*/%<>=&|()\\[\\]{}'\"\\\\]{0,40}";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parse_never_panics_on_arbitrary_text(text in any::<String>()) {
        check_parse(&text);
    }

    #[test]
    fn parse_never_panics_on_wxml_fragments(text in wxml_fragments()) {
        check_parse(&text);
    }

    #[test]
    fn expression_parser_never_panics(text in any::<String>()) {
        let _ = parse_expr(&text, 0);
        let _ = parse_object_body(&text, 7);
    }

    #[test]
    fn expression_parser_never_panics_on_expression_characters(text in EXPR_CHARS) {
        let _ = parse_expr(&text, 3);
        let _ = parse_object_body(&text, 0);
    }

    #[test]
    fn data_path_parser_never_panics(text in "[a-z0-9.\\[\\]\\\\' ]{0,20}") {
        let _ = parse_data_path(&text);
    }
}
