//! Hot reload on a running engine: each kind of change keeps the page stack and data.

mod common;

use common::engine;
use mpsim_runtime::reload::ReloadKind;
use std::path::Path;

fn write(dir: &Path, rel: &str, text: &str) {
    std::fs::write(dir.join(rel), text).unwrap();
}

fn counter_project(name: &str) -> std::path::PathBuf {
    common::write_project(
        &format!("reload-{name}"),
        &[
            ("app.json", r#"{"pages":["pages/a/a","pages/b/b"]}"#),
            ("app.js", "App({})"),
            ("pages/a/a.json", r#"{"usingComponents":{"c-box":"/comps/box/box"}}"#),
            ("pages/a/a.wxml", r#"<view id="n" bindtap="inc">{{n}}</view><c-box id="box" label="{{n}}"/>"#),
            ("pages/a/a.js", "Page({ data: { n: 0 }, inc() { this.setData({ n: this.data.n + 1 }); } });"),
            ("pages/b/b.wxml", "<view>b</view>"),
            ("pages/b/b.js", "Page({})"),
            ("comps/box/box.json", r#"{"component":true}"#),
            ("comps/box/box.wxml", r#"<text id="t" bindtap="bump">{{label}}/{{own}}</text>"#),
            (
                "comps/box/box.js",
                "Component({ properties: { label: Number }, data: { own: 0 }, methods: { bump() { this.setData({ own: this.data.own + 1 }); } } });",
            ),
        ],
    )
}

#[test]
fn wxml_edit_re_renders_with_current_data() {
    let dir = counter_project("wxml");
    let e = engine(&dir);
    e.launch("pages/a/a", "").unwrap();
    for _ in 0..3 {
        e.tap("#n").unwrap();
    }
    e.take_changes();
    write(&dir, "pages/a/a.wxml", r#"<view id="n" bindtap="inc">count {{n}}</view><c-box id="box" label="{{n}}"/>"#);
    assert_eq!(e.apply_changes(&["pages/a/a.wxml".into()]), ReloadKind::Templates);
    assert_eq!(
        e.page_html(),
        r#"<view id="n">count 3</view><c-box id="box"><wx-text id="t">3/0</wx-text></c-box>"#
            .replace("<view", "<wx-view")
            .replace("</view>", "</wx-view>")
    );
    // Only patches went out: the text of one node.
    let patches = e.take_patches();
    assert_eq!(patches.len(), 1, "{patches:?}");
}

#[test]
fn a_broken_template_keeps_the_last_good_render_until_fixed() {
    let dir = counter_project("broken");
    let e = engine(&dir);
    e.launch("pages/a/a", "").unwrap();
    e.tap("#n").unwrap();
    let good = e.page_html();
    write(&dir, "pages/a/a.wxml", r#"<view id="n" bindtap="inc">{{n</view>"#);
    e.apply_changes(&["pages/a/a.wxml".into()]);
    assert_eq!(e.page_html(), good);
    let diags = e.take_diagnostics();
    assert!(diags.iter().any(|d| d.path == "pages/a/a.wxml" && d.is_error()), "{diags:?}");
    write(&dir, "pages/a/a.wxml", r#"<view id="n" bindtap="inc">fixed {{n}}</view>"#);
    e.apply_changes(&["pages/a/a.wxml".into()]);
    assert_eq!(e.page_html(), r#"<wx-view id="n">fixed 1</wx-view>"#);
}

#[test]
fn component_js_edit_recreates_instances_with_their_data() {
    let dir = counter_project("component-js");
    let e = engine(&dir);
    e.launch("pages/a/a", "").unwrap();
    e.tap("#n").unwrap();
    e.tap("#box >>> #t").unwrap();
    e.tap("#box >>> #t").unwrap();
    assert!(e.page_html().contains("1/2"), "{}", e.page_html());
    // The new definition counts by ten and has a new field.
    write(
        &dir,
        "comps/box/box.js",
        "Component({ properties: { label: Number }, data: { own: 0, extra: 'new' }, methods: { bump() { this.setData({ own: this.data.own + 10 }); } } });",
    );
    write(&dir, "comps/box/box.wxml", r#"<text id="t" bindtap="bump">{{label}}/{{own}}/{{extra}}</text>"#);
    assert_eq!(e.apply_changes(&["comps/box/box.js".into(), "comps/box/box.wxml".into()]), ReloadKind::Scripts);
    assert!(e.page_html().contains("1/2/new"), "data carried, new key initial: {}", e.page_html());
    e.tap("#box >>> #t").unwrap();
    assert!(e.page_html().contains("1/12/new"), "new code runs: {}", e.page_html());
}

#[test]
fn page_js_edit_keeps_the_stack_and_the_page_data() {
    let dir = counter_project("page-js");
    let e = engine(&dir);
    e.launch("pages/a/a", "").unwrap();
    e.tap("#n").unwrap();
    e.tap("#n").unwrap();
    write(&dir, "pages/a/a.js", "Page({ data: { n: 0 }, inc() { this.setData({ n: this.data.n + 5 }); } });");
    assert_eq!(e.apply_changes(&["pages/a/a.js".into()]), ReloadKind::Scripts);
    assert!(e.page_html().starts_with(r#"<wx-view id="n">2</wx-view>"#), "{}", e.page_html());
    e.tap("#n").unwrap();
    assert!(e.page_html().starts_with(r#"<wx-view id="n">7</wx-view>"#), "{}", e.page_html());
    assert_eq!(e.stack_urls().len(), 1);
}

#[test]
fn json_changes_need_a_full_reload_that_restores_the_stack() {
    let dir = counter_project("full");
    let e = engine(&dir);
    e.launch("pages/a/a", "x=1").unwrap();
    e.set_data(None, &serde_json::json!({})).unwrap();
    assert_eq!(e.apply_changes(&["pages/a/a.json".into()]), ReloadKind::Full);
    assert_eq!(e.apply_changes(&["app.js".into()]), ReloadKind::Full);
    assert_eq!(e.apply_changes(&["utils/shared.js".into()]), ReloadKind::Full);
    // A save of a preprocessed stylesheet is a styles-only change like a .wxss save.
    for style in ["pages/a/a.wxss", "pages/a/a.less", "styles/_vars.scss", "pages/a/a.sass"] {
        assert_eq!(e.apply_changes(&[style.into()]), ReloadKind::Styles, "{style}");
    }
    assert_eq!(e.apply_changes(&["doc/README.md".into()]), ReloadKind::Doc);
    let stack = e.stack_urls();
    assert_eq!(stack, vec![("/pages/a/a".to_string(), "x=1".to_string())]);
    let fresh = engine(&dir);
    fresh.restore_stack(&stack).unwrap();
    assert_eq!(fresh.stack_urls(), stack);
}
