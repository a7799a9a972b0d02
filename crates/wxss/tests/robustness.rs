//! Robustness and speed: arbitrary input never panics, and a large file compiles quickly.

use std::time::Instant;

use mpsim_wxss::{compile, convert_inline_style, WxssOptions};
use proptest::prelude::*;

fn compile_text(text: &str, opts: &WxssOptions) -> (String, usize) {
    let owned = text.to_string();
    let (out, diags) = compile("a/b.wxss", "a", &mut |p| (p == "a/b.wxss").then(|| owned.clone()), opts);
    (out.css, diags.len())
}

fn scoped() -> WxssOptions {
    let mut o = WxssOptions::new(390.0);
    o.scope = Some("p".into());
    o.component = true;
    o
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        compile_text(&text, &WxssOptions::default());
        compile_text(&text, &scoped());
        convert_inline_style(&text, 375.0);
    }

    #[test]
    fn css_like_text_never_panics(text in r#"([.#:@{}();,"'\\/*\[\]>~+^ \n]|view|rpx|12|-|:host|@import|url\(|calc\(|page|a){0,80}"#) {
        compile_text(&text, &WxssOptions::default());
        compile_text(&text, &scoped());
        convert_inline_style(&text, 414.0);
    }
}

#[test]
fn deep_nesting_is_reported_not_fatal() {
    let text = format!(".a {{ width: {}1rpx{} }}", "calc(".repeat(200), ")".repeat(200));
    let (_, n) = compile_text(&text, &WxssOptions::default());
    assert!(n >= 1);
    let text = format!("{}.a {{ color: red; }}{}", "@media screen {".repeat(100), "}".repeat(100));
    let (_, n) = compile_text(&text, &WxssOptions::default());
    assert!(n >= 1);
    let _ = convert_inline_style(&"(".repeat(500), 375.0);
}

#[test]
fn two_thousand_rules_compile_quickly() {
    let mut text = String::new();
    for i in 0..2000 {
        text.push_str(&format!(
            ".item-{i} view, .list > .row-{i}:hover {{ width: {i}rpx; margin: 10rpx 20rpx; color: #333; transform: translate(calc(100% - {i}rpx), 2rpx); }}\n"
        ));
    }
    let start = Instant::now();
    let (css, n) = compile_text(&text, &scoped());
    let elapsed = start.elapsed();
    assert!(css.contains(".p--item-1999 wx-view"));
    // Tag selectors in a component file warn once per rule.
    assert_eq!(n, 2000);
    eprintln!("2000 rules: {elapsed:?}");
    // Generous bound for unoptimised debug builds on a slow CI machine; release is ~ms.
    assert!(elapsed.as_millis() < 2000, "took {elapsed:?}");
}
