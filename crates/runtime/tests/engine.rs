//! The engine on small projects written to temporary folders: sandbox limits, error
//! locations and realm separation.

use mpsim_runtime::{Engine, Options};
use std::path::PathBuf;
use std::rc::Rc;

mod common;

use common::engine;

/// A project in a fresh temporary folder: `files` are (path, contents).
fn project(name: &str, files: &[(&str, &str)]) -> PathBuf {
    common::write_project(&format!("engine-{name}"), files)
}

const APP: (&str, &str) = ("app.json", r#"{"pages":["pages/a/a"]}"#);

#[test]
fn runaway_loop_is_stopped_with_its_location_and_the_engine_keeps_serving() {
    let dir = project(
        "loop",
        &[
            APP,
            ("app.js", "App({})"),
            ("pages/a/a.wxml", r#"<view id="spin" bindtap="spin">{{n}}</view><view id="inc" bindtap="inc"></view>"#),
            ("pages/a/a.js", "Page({\n  data: { n: 0 },\n  spin() { while (true) {} },\n  inc() { this.setData({ n: this.data.n + 1 }); },\n});\n"),
        ],
    );
    let e = engine(&dir);
    e.launch("pages/a/a", "").unwrap();
    let started = std::time::Instant::now();
    e.tap("#spin").unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    let diags = e.take_diagnostics();
    let d = diags.iter().find(|d| d.code == "js-timeout").expect("a js-timeout diagnostic");
    assert_eq!((d.path.as_str(), d.line), ("pages/a/a.js", 3));
    e.tap("#inc").unwrap();
    assert!(e.page_html().starts_with(r#"<wx-view id="spin">1</wx-view>"#), "{}", e.page_html());
}

#[test]
fn allocation_past_the_memory_limit_is_stopped() {
    let dir = project(
        "oom",
        &[
            APP,
            ("pages/a/a.wxml", r#"<view id="eat" bindtap="eat">{{n}}</view><view id="inc" bindtap="inc"></view>"#),
            ("pages/a/a.js", "Page({ data: { n: 0 }, eat() { const a = []; for (;;) a.push(new Array(1 << 20).fill(7)); }, inc() { this.setData({ n: 1 }); } });"),
        ],
    );
    let (project, _) = mpsim_project::load(&dir);
    let e = Engine::new(Rc::new(project), Options { memory_limit: 64 << 20, ..Options::default() }).unwrap();
    e.launch("pages/a/a", "").unwrap();
    e.tap("#eat").unwrap();
    assert!(e.take_diagnostics().iter().any(|d| d.code == "js-out-of-memory"));
    e.tap("#inc").unwrap();
    assert!(e.page_html().contains(">1</wx-view>"), "{}", e.page_html());
}

#[test]
fn exceptions_point_at_the_project_file() {
    let dir = project(
        "throw",
        &[
            APP,
            ("pages/a/a.wxml", r#"<view id="t" bindtap="boom">x</view>"#),
            ("pages/a/a.js", "Page({\n  boom() {\n    null.x;\n  },\n});\n"),
        ],
    );
    let e = engine(&dir);
    e.launch("pages/a/a", "").unwrap();
    e.tap("#t").unwrap();
    let d = e.take_diagnostics().into_iter().find(|d| d.code == "js-exception").unwrap();
    assert_eq!((d.path.as_str(), d.line), ("pages/a/a.js", 3), "{d}");
    assert!(d.message.starts_with("TypeError"), "{d}");
}

#[test]
fn framework_natives_are_not_reachable_from_project_code() {
    let dir = project(
        "natives",
        &[
            APP,
            ("pages/a/a.wxml", "<view>{{found}}</view>"),
            (
                "pages/a/a.js",
                "const names = Object.getOwnPropertyNames(globalThis).filter(n => /native|mpsim|hooks/i.test(n));\nPage({ data: { found: names.join(',') || 'none' } });",
            ),
        ],
    );
    let e = engine(&dir);
    e.launch("pages/a/a", "").unwrap();
    assert_eq!(e.page_html(), "<wx-view>none</wx-view>");
}

#[test]
fn one_row_update_reuses_every_other_row() {
    let dir = project(
        "memo",
        &[
            APP,
            ("pages/a/a.wxml", r#"<view wx:for="{{rows}}" wx:key="id" class="{{item.c}}">{{item.t}}</view>"#),
            ("pages/a/a.js", "Page({ data: { rows: [{id:1,t:'a',c:'x'},{id:2,t:'b',c:'y'},{id:3,t:'c',c:'z'}] } });"),
        ],
    );
    let e = engine(&dir);
    e.launch("pages/a/a", "").unwrap();
    e.take_patches();
    e.set_data(None, &serde_json::json!({"rows[1].t": "B"})).unwrap();
    let patches = e.take_patches();
    assert_eq!(patches.len(), 1, "{patches:?}");
    assert_eq!(
        e.page_html(),
        r#"<wx-view class="x">a</wx-view><wx-view class="y">B</wx-view><wx-view class="z">c</wx-view>"#
    );
}

#[test]
fn relations_link_parent_and_child_components() {
    let dir = project(
        "relations",
        &[
            APP,
            ("pages/a/a.json", r#"{"usingComponents":{"u-list":"/comps/list/list","u-item":"/comps/item/item"}}"#),
            ("pages/a/a.wxml", r#"<u-list id="l"><u-item name="x"/><u-item name="y"/></u-list>"#),
            ("pages/a/a.js", "Page({})"),
            ("comps/list/list.json", r#"{"component":true}"#),
            ("comps/list/list.wxml", "<view>{{names}}</view><slot/>"),
            (
                "comps/list/list.js",
                "Component({ data: { names: '' }, relations: { '../item/item': { type: 'child', linked(t) { this.setData({ names: this.getRelationNodes('../item/item').map(n => n.data.name).join('+') }); } } } });",
            ),
            ("comps/item/item.json", r#"{"component":true}"#),
            ("comps/item/item.wxml", "<text>{{name}}:{{parent}}</text>"),
            (
                "comps/item/item.js",
                "Component({ properties: { name: String }, data: { parent: '' }, relations: { '../list/list': { type: 'parent', linked(p) { this.setData({ parent: p.id }); } } } });",
            ),
        ],
    );
    let e = engine(&dir);
    e.launch("pages/a/a", "").unwrap();
    assert_eq!(
        e.page_html(),
        r#"<u-list id="l"><wx-view>x+y</wx-view><u-item><wx-text>x:l</wx-text></u-item><u-item><wx-text>y:l</wx-text></u-item></u-list>"#,
        "{:?}",
        e.take_diagnostics()
    );
}

#[test]
fn device_apis_answer_as_a_simulated_phone() {
    let dir = project(
        "device",
        &[
            APP,
            ("pages/a/a.wxml", "<view>{{log}}</view>"),
            (
                "pages/a/a.js",
                r#"Page({ data: { log: '' }, async onLoad() {
                    const out = [];
                    await wx.setClipboardData({ data: 'copied' });
                    out.push((await wx.getClipboardData()).data);
                    out.push((await wx.getNetworkType()).networkType);
                    const loc = await wx.getLocation({ type: 'gcj02' });
                    out.push(loc.latitude > 0 && loc.longitude > 0);
                    try { await wx.scanCode(); } catch (e) { out.push(e.errMsg); }
                    await wx.setScreenBrightness({ value: 0.8 });
                    out.push((await wx.getScreenBrightness()).value);
                    this.setData({ log: out.join('|') });
                } });"#,
            ),
        ],
    );
    let e = engine(&dir);
    e.launch("pages/a/a", "").unwrap();
    assert_eq!(
        e.page_html(),
        "<wx-view>copied|wifi|true|scanCode:fail cancel|0.8</wx-view>",
        "{:?}",
        e.take_diagnostics()
    );
}
