//! Small end-to-end checks of `compile` that do not need a snapshot.

use mpsim_wxss::{compile, WxssOptions};

#[test]
fn missing_entry_is_a_file_diagnostic() {
    let (out, diags) = compile("miniprogram/app.wxss", "miniprogram", &mut |_| None, &WxssOptions::default());
    assert_eq!(out.css, "");
    assert_eq!(out.deps, ["miniprogram/app.wxss"]);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].code, "wxss-missing-file");
    assert_eq!(
        diags[0].to_string(),
        "miniprogram/app.wxss:1:1: error: cannot read miniprogram/app.wxss [wxss-missing-file]"
    );
}

#[test]
fn absolute_import_with_empty_root_and_width() {
    let mut load = |p: &str| match p {
        "pages/a/a.wxss" => Some("@import \"/common/x\";\n:host .a { width: 100rpx; }".to_string()),
        "common/x.wxss" => Some("view{height:750rpx}".to_string()),
        _ => None,
    };
    let (out, diags) = compile("pages/a/a.wxss", "", &mut load, &WxssOptions::new(414.0));
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(out.css, "wx-view{height:414px}\nwx-page .a { width: 55px; }");
    assert_eq!(out.deps, ["pages/a/a.wxss", "common/x.wxss"]);
}

#[test]
fn diagnostics_point_into_imported_files() {
    let mut load = |p: &str| match p {
        "a.wxss" => Some("@import 'b';".to_string()),
        "b.wxss" => Some(".x {\n  color red;\n}".to_string()),
        _ => None,
    };
    let (_, diags) = compile("a.wxss", "", &mut load, &WxssOptions::default());
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].to_string(), "b.wxss:2:9: error: expected ':' after the property name [wxss-bad-declaration]");
}
