//! Property tests of the JSON layer: no input makes it panic, and valid JSON round-trips.

use mpsim_project::json::parse;
use proptest::prelude::*;

proptest! {
    /// Arbitrary text never panics; an error offset always lies inside the text.
    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        if let Err(e) = parse(&text) {
            prop_assert!(e.offset <= text.len());
        }
    }

    /// Text built from JSON's own characters reaches deeper into the parser.
    #[test]
    fn json_like_text_never_panics(text in "[\\[\\]{}\":,0-9eE.+\\-a-z\\\\ \\n\\tu/*]{0,64}") {
        if let Err(e) = parse(&text) {
            prop_assert!(e.offset <= text.len());
        }
    }

    /// Whatever serde_json accepts, this parser accepts with the same value, and every
    /// span lies on character boundaries.
    #[test]
    fn agrees_with_serde_json(value in arb_json()) {
        let text = serde_json::to_string_pretty(&value).expect("serialise");
        let parsed = parse(&text).expect("valid JSON parses");
        prop_assert_eq!(parsed.to_serde(), value);
        prop_assert!(text.is_char_boundary(parsed.span.end as usize));
    }
}

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<String>().prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::vec((any::<String>(), inner), 0..6)
                .prop_map(|members| { serde_json::Value::Object(members.into_iter().collect()) }),
        ]
    })
}
