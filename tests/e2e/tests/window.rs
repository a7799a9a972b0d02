//! The real window on the bundled sample plugin project, driven through WebDriver:
//! rendered text inside the page frame, a tap in a plugin component updating the host,
//! navigation into a plugin page and back, a console line tagged plugin, and rpx sizes
//! following the device. A screenshot of the window is left in `out/screenshots/`.
//!
//! One session drives all of it in order (each window start costs seconds on CI).

use fantoccini::Locator;
use mpsim_e2e::*;

#[tokio::test(flavor = "multi_thread")]
async fn the_window_runs_the_sample_plugin_project() {
    let driver = Driver::start();
    let sample = workspace().join("assets/sample");
    let c = open(&driver, &sample).await;
    // At 100% the phone is not CSS-scaled, so WebDriver clicks land where elements are.
    wait_for("the zoom select", || async { c.find(Locator::Css("#zoom-select")).await.ok() })
        .await
        .select_by_value("100")
        .await
        .expect("zoom 100%");

    // The host page renders inside its frame.
    wait_for("the sample's host page", || async { page_text(&c).await.contains("mpsim sample").then_some(()) }).await;
    assert!(
        page_text(&c).await.contains("Hello from the plugin, host!"),
        "the plugin component renders in the host page"
    );

    // Page frames get no Tauri IPC: nothing of Tauri is reachable from the frame.
    let ipc = in_top_frame(
        &c,
        "return [typeof window.__TAURI__, typeof window.__TAURI_INTERNALS__, typeof window.__TAURI_IPC__, location.protocol].join(',');",
    )
    .await;
    assert_eq!(ipc.as_ref().and_then(|v| v.as_str()), Some("undefined,undefined,undefined,mpsim:"), "{ipc:?}");

    // A tap inside the plugin component reaches the host's handler.
    assert!(tap(&c, "#greet").await, "the plugin component's button is in the frame");

    wait_for("the host to show the plugin's event", || async {
        page_text(&c).await.contains("plugin says: hello #1").then_some(())
    })
    .await;

    // The plugin logged it: a console row tagged plugin.
    c.enter_parent_frame().await.ok();
    wait_for_console(&c, ".console-row[data-realm=plugin]", "greeting the host").await;

    // Into the plugin page through the navigator, and back with the navigation bar.
    assert!(tap(&c, "#to-plugin-page").await, "the navigator is in the frame");
    wait_for("the plugin page", || async {
        page_text(&c).await.contains("This page lives in the plugin.").then_some(())
    })
    .await;
    assert!(page_text(&c).await.contains("opened with host"), "the query reached the plugin page's onLoad");
    c.enter_parent_frame().await.ok();
    let back = c.find(Locator::Css("#nav-back")).await.expect("a back button in the navigation bar");
    back.click().await.expect("click back");
    wait_for("the host page again", || async { page_text(&c).await.contains("plugin says: hello #1").then_some(()) })
        .await;

    // Every panel reads from the engine: AppData (live data of the page and of the plugin
    // component), WXML (the composed tree), Storage (one partition per appid), Diagnostics.
    for (tab, needle) in [
        ("appdata", "pluginSays"),
        ("appdata", "plugin/components/hello-component/hello-component"),
        ("wxml", "hello-component"),
        ("storage", "wx00000000a55157a7"),
        ("storage", "wx5a3c1e7f9b2d4086"),
        ("diagnostics", ""),
    ] {
        c.enter_parent_frame().await.ok();
        let button = c.find(Locator::Css(&format!("[data-tab={tab}]"))).await.expect("a panel tab");
        button.click().await.expect("open the panel");
        wait_for(&format!("{tab} to show {needle:?}"), || async {
            let text = c.execute("const p = document.querySelector('.panel:not([hidden])'); return p ? p.textContent : document.body.textContent;", vec![]).await.ok()?;
            text.as_str()?.contains(needle).then_some(())
        })
        .await;
    }

    // rpx follows the device: the sample's .section padding is 24rpx.
    let padding = |c: &fantoccini::Client| {
        let c = c.clone();
        async move {
            in_top_frame(
                &c,
                "const s = document.querySelector('wx-view'); return s ? getComputedStyle(s).paddingTop : null;",
            )
            .await
            .and_then(|v| v.as_str().map(str::to_string))
        }
    };
    let before = wait_for("the section's padding", || padding(&c)).await;
    c.enter_parent_frame().await.ok();
    let select = c.find(Locator::Css("#device-select")).await.expect("a device select in the toolbar");
    select.select_by_value("iPhone 14 Pro Max").await.expect("choose a larger device");
    let after = wait_for("the padding to follow the new device width", || async {
        let p = padding(&c).await?;
        (p != before).then_some(p)
    })
    .await;
    assert_ne!(before, after);

    // A screenshot for people to look at.
    c.enter_parent_frame().await.ok();
    let png = c.screenshot().await.expect("a screenshot");
    let dir = workspace().join("out/screenshots");
    std::fs::create_dir_all(&dir).ok();
    std::fs::write(dir.join("window.png"), png).expect("write the screenshot");

    c.close().await.ok();
}
