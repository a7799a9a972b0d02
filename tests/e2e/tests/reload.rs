//! Hot reload in the real window: editing files of an open project on disk updates the
//! phone without losing state — a WXML edit keeps the counter, a WXSS edit only restyles,
//! a plugin component's WXML edit updates it inside the host page — and the status bar
//! shows the reload's latency.

use fantoccini::Locator;
use mpsim_e2e::*;
use std::path::{Path, PathBuf};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        let dest = to.join(e.file_name());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).unwrap();
        }
    }
}

fn edit(dir: &Path, rel: &str, from: &str, to: &str) {
    let path = dir.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has {from:?}");
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn saving_files_updates_the_window_and_keeps_state() {
    let project: PathBuf = std::env::temp_dir().join(format!("mpsim-e2e-reload-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&project);
    copy_dir(&workspace().join("assets/sample"), &project);

    let driver = Driver::start();
    let c = open(&driver, &project).await;
    wait_for("the zoom select", || async { c.find(Locator::Css("#zoom-select")).await.ok() })
        .await
        .select_by_value("100")
        .await
        .expect("zoom 100%");
    wait_for("the host page", || async { page_text(&c).await.contains("mpsim sample").then_some(()) }).await;

    // Tap the counter three times: total 6.
    for _ in 0..3 {
        assert!(tap(&c, "#inc").await, "the counter button");
    }
    wait_for("total: 6", || async { page_text(&c).await.contains("total: 6").then_some(()) }).await;

    // WXML edit: new markup, the counter still at 6.
    edit(&project, "miniprogram/pages/index/index.wxml", "total: {{total}}", "sum so far: {{total}}");
    wait_for("the edited markup with the state kept", || async {
        page_text(&c).await.contains("sum so far: 6").then_some(())
    })
    .await;

    // WXSS edit: the title turns red without a reload (the counter stays).
    edit(
        &project,
        "miniprogram/pages/index/index.wxss",
        ".title { font-weight: bold; }",
        ".title { font-weight: bold; color: rgb(255, 0, 0); }",
    );
    wait_for("the title to turn red", || async {
        let color = in_top_frame(
            &c,
            "const t = document.querySelector('wx-text'); return t ? getComputedStyle(t).color : null;",
        )
        .await?;
        (color.as_str()? == "rgb(255, 0, 0)").then_some(())
    })
    .await;
    assert!(page_text(&c).await.contains("sum so far: 6"));

    // A plugin component's WXML: it updates inside the host page.
    edit(
        &project,
        "plugin/components/hello-component/hello-component.wxml",
        "Hello from the plugin",
        "Hi from the edited plugin",
    );
    wait_for("the plugin component to update", || async {
        page_text(&c).await.contains("Hi from the edited plugin, host!").then_some(())
    })
    .await;
    assert!(page_text(&c).await.contains("sum so far: 6"), "host state kept across a plugin edit");

    // The status bar says what was reloaded and how long it took.
    c.enter_parent_frame().await.ok();
    let status = wait_for("the reload status", || async { c.find(Locator::Css("#last-reload")).await.ok() }).await;
    let text = status.text().await.unwrap_or_default();
    assert!(text.contains("templates") && text.contains(" ms"), "{text}");

    // The Doc tab shows the plugin's README with its local picture; saving a README with a
    // bad link shows the linter's finding within a second.
    c.find(Locator::Css("[data-tab=doc]")).await.expect("the doc tab").click().await.expect("open the doc tab");
    wait_for("the README with its picture", || async {
        let v = c
            .execute(
                "const p = document.querySelector('#doc-page'); const img = p && p.querySelector('img'); return p ? [p.textContent.includes('Public component'), !!img && img.complete && img.naturalWidth > 0] : null;",
                vec![],
            )
            .await
            .ok()?;
        (v == serde_json::json!([true, true])).then_some(())
    })
    .await;
    let readme = project.join("doc/README.md");
    let text = std::fs::read_to_string(&readme).unwrap();
    std::fs::write(&readme, format!("{text}\nSee [elsewhere](https://example.com/page).\n")).unwrap();
    let saved = std::time::Instant::now();
    wait_for("the doc-link-host finding", || async {
        let t = c
            .execute("const f = document.querySelector('.doc-findings'); return f ? f.textContent : '';", vec![])
            .await
            .ok()?;
        t.as_str()?.contains("doc-link-host").then_some(())
    })
    .await;
    assert!(saved.elapsed() < std::time::Duration::from_secs(5), "the finding took {:?}", saved.elapsed());
    assert!(page_text(&c).await.contains("sum so far: 6"), "a doc change does not touch the page");

    c.close().await.ok();
    let _ = std::fs::remove_dir_all(&project);
}
