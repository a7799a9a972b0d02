//! The whole `wx` API in both realms: each realm's `wx` has exactly the names the API table
//! gives it, the table's support column is what the areas define, and an API mpsim does
//! not simulate answers fail with one warning per API at the caller's line.

use mpsim_runtime::wx_api::{table, Support};
use mpsim_runtime::HOST;

mod common;

fn plugin_project(name: &str, page_js: &str) -> std::path::PathBuf {
    common::write_project(
        &format!("wxapi-{name}"),
        &[
            (
                "project.config.json",
                r#"{"compileType":"plugin","miniprogramRoot":"miniprogram/","pluginRoot":"plugin/","appid":"wx1111111111111111"}"#,
            ),
            (
                "miniprogram/app.json",
                r#"{"pages":["pages/a/a"],"plugins":{"p":{"version":"dev","provider":"wx1111111111111111"}}}"#,
            ),
            ("miniprogram/app.js", "App({})"),
            ("miniprogram/pages/a/a.json", r#"{"usingComponents":{"pc":"plugin://p/pc"}}"#),
            ("miniprogram/pages/a/a.wxml", r#"<view id="h">{{r}}</view><pc/>"#),
            ("miniprogram/pages/a/a.js", page_js),
            ("plugin/plugin.json", r#"{"publicComponents":{"pc":"components/pc/pc"}}"#),
            ("plugin/components/pc/pc.json", r#"{"component":true}"#),
            ("plugin/components/pc/pc.wxml", "<view>pc</view>"),
            ("plugin/components/pc/pc.js", "Component({})"),
        ],
    )
}

#[test]
fn each_realm_has_exactly_the_tables_names() {
    let e = common::engine(&plugin_project("names", "Page({ data: { r: '' } })"));
    e.launch("pages/a/a", "").unwrap();
    assert_eq!(e.realm_count(), 2);
    let all: Vec<String> = table().iter().map(|a| a.name.clone()).collect();
    assert_eq!(e.wx_names(HOST), all, "host realm: every name of the table");
    let allowed: Vec<String> = table().iter().filter(|a| a.plugin).map(|a| a.name.clone()).collect();
    assert_eq!(e.wx_names(1), allowed, "plugin realm: exactly the plugin APIs");

    let fail: Vec<String> = table().iter().filter(|a| a.support == Support::Fail).map(|a| a.name.clone()).collect();
    assert_eq!(e.wx_unsupported(HOST), fail, "the support column is stale: rerun scripts/gen-wx-api.py");
}

#[test]
fn an_unsupported_api_answers_fail_with_one_warning_at_the_call_site() {
    let js = r#"Page({ data: { r: '' }, onLoad() {
    const log = [];
    wx.getBatteryInfo({ fail: (e) => log.push('fail ' + e.errMsg), complete: () => { log.push('complete'); this.setData({ r: log.join('|') }); } });
    wx.getBatteryInfo({ complete() {} });
    log.push('sync');
} });"#;
    let e = common::engine(&plugin_project("fail", js));
    e.launch("pages/a/a", "").unwrap();
    assert!(
        e.page_html().contains("sync|fail getBatteryInfo:fail not supported in mpsim|complete"),
        "{}",
        e.page_html()
    );
    let warnings: Vec<_> = e.take_diagnostics().into_iter().filter(|d| d.code == "wx-unsupported").collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!((warnings[0].path.as_str(), warnings[0].line, warnings[0].col), ("miniprogram/pages/a/a.js", 3, 8));
}
