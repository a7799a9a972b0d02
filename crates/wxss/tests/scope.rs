//! Table tests for `dom_classes` across every styleIsolation mode, plus `~`, `^` and
//! external classes.

use mpsim_wxss::{dom_classes, host_selector, scope_prefix, ScopeInfo, StyleIsolation};
use StyleIsolation::*;

fn page(iso: StyleIsolation) -> ScopeInfo {
    let mut p = ScopeInfo::page("pg", iso);
    p.shared_prefixes = vec!["sh".into()];
    p
}

#[test]
fn page_owner_by_isolation() {
    let table: &[(StyleIsolation, &[&str])] = &[
        (Shared, &["pg--a", "sh--a", "a"]),
        (ApplyShared, &["pg--a", "sh--a", "a"]),
        (Isolated, &["pg--a", "a"]),
        (PageShared, &["pg--a", "sh--a"]),
        (PageApplyShared, &["pg--a", "sh--a"]),
        (PageIsolated, &["pg--a"]),
    ];
    for &(iso, want) in table {
        assert_eq!(dom_classes(&["a"], &page(iso)), want, "page {}", iso.as_str());
    }
}

#[test]
fn component_owner_by_isolation_and_page_isolation() {
    // (component isolation, page isolation, expected classes for `a`)
    let table: &[(StyleIsolation, StyleIsolation, &[&str])] = &[
        (Isolated, Shared, &["c--a"]),
        (Isolated, PageShared, &["c--a"]),
        (ApplyShared, Shared, &["c--a", "pg--a", "sh--a", "a"]),
        (ApplyShared, PageShared, &["c--a", "pg--a", "sh--a"]),
        (ApplyShared, PageApplyShared, &["c--a", "sh--a"]),
        (ApplyShared, PageIsolated, &["c--a", "sh--a"]),
        (ApplyShared, Isolated, &["c--a", "sh--a", "a"]),
        (Shared, Shared, &["c--a", "pg--a", "sh--a", "a"]),
        (Shared, PageIsolated, &["c--a", "sh--a"]),
    ];
    for &(iso, page_iso, want) in table {
        let c = ScopeInfo::component("c", iso, &page(page_iso));
        assert_eq!(dom_classes(&["a"], &c), want, "{} in {}", iso.as_str(), page_iso.as_str());
    }
    // A shared component does not list its own prefix twice.
    let sh = ScopeInfo::component("sh", Shared, &page(Shared));
    assert_eq!(dom_classes(&["a"], &sh), ["sh--a", "pg--a", "a"]);
}

#[test]
fn from_options() {
    assert_eq!(StyleIsolation::from_options(None, false, false), Isolated);
    assert_eq!(StyleIsolation::from_options(None, true, false), ApplyShared);
    assert_eq!(StyleIsolation::from_options(Some("isolated"), true, false), Isolated);
    assert_eq!(StyleIsolation::from_options(Some("shared"), false, false), Shared);
    assert_eq!(StyleIsolation::from_options(None, false, true), Shared);
    assert_eq!(StyleIsolation::from_options(Some("page-isolated"), false, true), PageIsolated);
    assert_eq!(StyleIsolation::from_options(Some("page-isolated"), false, false), Isolated);
    assert_eq!(StyleIsolation::from_options(Some("bogus"), true, false), ApplyShared);
}

#[test]
fn page_and_ancestor_references() {
    let pg = page(Shared);
    let mut c = ScopeInfo::component("c", Isolated, &pg);
    c.ancestors = vec!["parent".into(), "grand".into()];
    assert_eq!(
        dom_classes(&["~blue", "^red", "^^green", "^^^top", "x"], &c),
        ["pg--blue", "parent--red", "grand--green", "pg--top", "c--x"]
    );
    // Bare prefixes and empty tokens produce nothing; duplicates collapse.
    assert_eq!(dom_classes(&["~", "^", "", "  x  x "], &c), ["c--x"]);
}

#[test]
fn external_classes_are_inserted_verbatim() {
    let pg = page(Shared);
    // The page writes <card my-class="title big" />: resolved in the page's scope.
    let resolved = dom_classes(&["title big"], &pg);
    assert_eq!(resolved, ["pg--title", "sh--title", "title", "pg--big", "sh--big", "big"]);
    let mut card = ScopeInfo::component("card", Isolated, &pg);
    card.external = vec![("my-class".into(), resolved.clone()), ("empty-class".into(), vec![])];
    let mut want = vec!["card--box".to_string()];
    want.extend(resolved);
    assert_eq!(dom_classes(&["box my-class empty-class"], &card), want);
}

#[test]
fn unscoped_owner_keeps_names() {
    let mut app = ScopeInfo::page("", Shared);
    app.page_prefix = String::new();
    assert_eq!(dom_classes(&["a b"], &app), ["a", "b"]);
}

#[test]
fn host_selector_and_prefix_helpers() {
    assert_eq!(host_selector(Some("cmp")), "[wx-host=\"cmp\"]");
    assert_eq!(host_selector(Some("a\"b")), "[wx-host=\"a\\\"b\"]");
    assert_eq!(host_selector(None), "wx-page");
    assert_eq!(scope_prefix("components/my-card/index"), "components_my-card_index");
    assert_eq!(scope_prefix("pages/中文/x.y"), "pages____x_y");
}
