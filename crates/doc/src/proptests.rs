//! Property tests: no input makes the Markdown scanning, the HTML scanner, the
//! highlighter or the renderer panic, and rendered output never carries script.

use proptest::prelude::*;

use crate::{highlight, html_scan, render, scan, urls};

fn markdownish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("![a](".to_string()),
        Just("[l](".to_string()),
        Just(")".to_string()),
        Just("<img src=".to_string()),
        Just("<a href='".to_string()),
        Just("<script>".to_string()),
        Just("javascript:".to_string()),
        Just(" onerror=".to_string()),
        Just("```js\n".to_string()),
        Just("\n".to_string()),
        Just("> ".to_string()),
        Just("| a | b |\n|---|:-:|\n".to_string()),
        Just("- [x] ".to_string()),
        Just("%".to_string()),
        Just("&#".to_string()),
        Just("{{".to_string()),
        Just("中文".to_string()),
        "[ -~]{0,8}".prop_map(|s| s),
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn map(rel: &str) -> Option<String> {
    Some(format!("mpsim://localhost/project/doc/{rel}"))
}

/// No script element, event attribute, style, or script/`data:text` URL in `html`.
fn assert_safe(html: &str) -> Result<(), TestCaseError> {
    for tag in html_scan::tags(html) {
        prop_assert!(!matches!(tag.name.as_str(), "script" | "style" | "iframe" | "object" | "embed"), "{}", html);
        for a in &tag.attrs {
            prop_assert!(!a.name.starts_with("on") && a.name != "style", "{}", html);
            let v: String =
                a.value.to_ascii_lowercase().chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
            prop_assert!(!v.starts_with("javascript:") && !v.starts_with("data:text"), "{}", html);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn nothing_panics_on_markdownish(md in markdownish()) {
        let _ = scan::scan(&md);
        let _ = html_scan::tags(&md);
        let _ = urls::classify(&md);
        for lang in ["js", "json", "wxml", "css"] {
            let _ = highlight::highlight(lang, &md);
        }
        let html = render(&md, &map);
        assert_safe(&html)?;
    }

    #[test]
    fn nothing_panics_on_arbitrary_text(md in any::<String>()) {
        let _ = scan::scan(&md);
        let _ = html_scan::tags(&md);
        let _ = urls::classify(&md);
        let _ = highlight::highlight("wxml", &md);
        let _ = render(&md, &map);
    }
}
