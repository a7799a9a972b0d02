//! "Build npm" from the window: a page uses a component library that is installed in
//! node_modules/ but not built into miniprogram_npm/; the Diagnostics panel names the problem
//! (`component-npm-not-built`) with a button, and clicking it builds the package (as
//! DevTools' Tools → Build npm does) and reloads, after which the page shows the library's
//! component.

use fantoccini::Locator;
use mpsim_e2e::*;
use std::path::Path;

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A mini-program whose page uses `lib-badge` from the package `mini-lib` (a package with a
/// `miniprogram` field, as component libraries publish them), installed but not built.
fn project(dir: &Path) {
    write(dir, "project.config.json", r#"{"compileType":"miniprogram"}"#);
    write(dir, "package.json", r#"{"name":"demo","dependencies":{"mini-lib":"1.0.0"}}"#);
    write(dir, "app.json", r#"{"pages":["pages/index/index"]}"#);
    write(dir, "app.js", "App({})");
    write(dir, "pages/index/index.json", r#"{"usingComponents":{"lib-badge":"mini-lib/badge/index"}}"#);
    write(dir, "pages/index/index.wxml", "<view>page</view><lib-badge label=\"built\"/>");
    write(dir, "pages/index/index.js", "Page({})");
    let lib = "node_modules/mini-lib";
    write(dir, &format!("{lib}/package.json"), r#"{"name":"mini-lib","version":"1.0.0","miniprogram":"dist"}"#);
    write(dir, &format!("{lib}/dist/badge/index.json"), r#"{"component":true}"#);
    write(dir, &format!("{lib}/dist/badge/index.wxml"), "<view class=\"badge\">badge {{label}}</view>");
    write(dir, &format!("{lib}/dist/badge/index.js"), "Component({ properties: { label: String } })");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_diagnostics_panel_builds_npm() {
    let dir = std::env::temp_dir().join(format!("mpsim-e2e-build-npm-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    project(&dir);

    let driver = Driver::start();
    let c = open(&driver, &dir).await;
    wait_for("the page", || async { page_text(&c).await.contains("page").then_some(()) }).await;
    assert!(!page_text(&c).await.contains("badge built"), "the library is not built yet");

    c.find(Locator::Css("[data-tab=diagnostics]")).await.expect("the tab").click().await.expect("open diagnostics");
    let button = wait_for("the Build npm button", || async { c.find(Locator::Css(".diag-action")).await.ok() }).await;
    assert_eq!(button.text().await.unwrap(), "Build npm");
    button.click().await.expect("click Build npm");

    wait_for("the library's component on the page", || async {
        page_text(&c).await.contains("badge built").then_some(())
    })
    .await;
    assert!(dir.join("miniprogram_npm/mini-lib/badge/index.js").is_file(), "built into miniprogram_npm/");

    // The shell says what it built in the Console.
    wait_for_console(&c, ".console-row", "build npm: 1 package built").await;
    let _ = std::fs::remove_dir_all(&dir);
}
