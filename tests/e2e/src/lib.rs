//! Driving the real mpsim window: start tauri-driver (which starts WebKitWebDriver), open
//! the built `mpsim` binary on a project, and talk WebDriver to it.
//!
//! Run under Xvfb after building the app: `xvfb-run -a cargo test -p mpsim-e2e`. The
//! binary is `$MPSIM_BIN`, else `$CARGO_TARGET_DIR/debug/mpsim`, else `target/debug/mpsim`.

use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Generous waits: CI machines are slow and the first paint includes QuickJS start-up.
pub const WAIT: Duration = Duration::from_secs(20);

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn binary() -> PathBuf {
    if let Some(b) = std::env::var_os("MPSIM_BIN") {
        return PathBuf::from(b);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| workspace().join("target"));
    target.join("debug/mpsim")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).unwrap_or(4444)
}

/// A running tauri-driver; stopped with SIGTERM on drop (a killed driver orphans
/// WebKitWebDriver on its port).
pub struct Driver {
    child: Child,
    pub port: u16,
}

impl Driver {
    pub fn start() -> Driver {
        let port = free_port();
        let native = free_port();
        let driver = std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into());
        // A fresh home for the app's remembered state (WebKit storage, recent projects), so
        // every run starts from the same defaults.
        let home = std::env::temp_dir().join(format!("mpsim-e2e-home-{port}"));
        let _ = std::fs::remove_dir_all(&home);
        let child = Command::new(&driver)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {driver} (cargo install tauri-driver): {e}"));
        let deadline = Instant::now() + WAIT;
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not listen on {port}");
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
    }
}

/// The window on `project` with `args` after `open DIR`.
pub async fn open(driver: &Driver, project: &Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), "wry".into());
    caps.insert(
        "tauri:options".into(),
        serde_json::json!({
            "application": binary(),
            "args": ["open", project],
        }),
    );
    // The driver may accept connections a moment before it can start sessions.
    let mut last_error = String::new();
    for _ in 0..5 {
        let builder = ClientBuilder::rustls().expect("a WebDriver client");
        let mut builder = builder;
        match builder.capabilities(caps.clone()).connect(&format!("http://127.0.0.1:{}", driver.port)).await {
            Ok(c) => return c,
            Err(e) => last_error = e.to_string(),
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    panic!("no WebDriver session with the mpsim window: {last_error}");
}

/// Polls `f` until it returns `Some`, or fails after [`WAIT`] with `what`.
pub async fn wait_for<T, F, Fut>(what: &str, mut f: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(v) = f().await {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// Opens the Console tab and waits for a row matching `rows` (a CSS selector such as
/// `.console-row` or `.console-row[data-realm=plugin]`) whose text contains `text`.
pub async fn wait_for_console(c: &Client, rows: &str, text: &str) {
    c.find(Locator::Css("[data-tab=console]")).await.expect("the console tab").click().await.expect("open the console");
    wait_for(&format!("a console line {rows} with {text:?}"), || async {
        for r in c.find_all(Locator::Css(rows)).await.ok()? {
            if r.text().await.ok()?.contains(text) {
                return Some(());
            }
        }
        None
    })
    .await
}

/// Runs `script` (a function body receiving `arguments`) in the top page's frame and
/// returns its JSON result. Frames are cross-origin, so this enters the frame first.
pub async fn in_top_frame(c: &Client, script: &str) -> Option<serde_json::Value> {
    c.enter_parent_frame().await.ok()?;
    let frames = c.find_all(Locator::Css("iframe.page-frame:not(.covered)")).await.ok()?;
    let frame = frames.into_iter().last()?;
    frame.enter_frame().await.ok()?;
    let r = c.execute(script, vec![]).await.ok();
    let _ = c.enter_parent_frame().await;
    r
}

/// The text of the top page (its body's textContent).
pub async fn page_text(c: &Client) -> String {
    in_top_frame(c, "return document.body ? document.body.textContent : '';")
        .await
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Waits until the top page frame has stopped moving (pages slide in when pushed): the
/// same rectangle twice in a row, no transform left. Then a click lands where WebDriver
/// computed it.
pub async fn frame_settled(c: &Client) {
    let script = "const f = [...document.querySelectorAll('iframe.page-frame:not(.covered)')].pop(); if (!f || f.classList.contains('entering') || getComputedStyle(f).transform !== 'none') return null; const r = f.getBoundingClientRect(); return [r.x, r.y, r.width, r.height].join(',');";
    let deadline = Instant::now() + WAIT;
    let mut previous: Option<String> = None;
    while Instant::now() < deadline {
        let _ = c.enter_parent_frame().await;
        let now = c.execute(script, vec![]).await.ok().and_then(|v| v.as_str().map(str::to_string));
        if now.is_some() && now == previous {
            return;
        }
        previous = now;
        tokio::time::sleep(Duration::from_millis(120)).await;
    }
    panic!("the page frame never stopped moving");
}

/// Clicks the element `selector` in the top page frame (a real WebDriver click).
pub async fn tap(c: &Client, selector: &str) -> bool {
    frame_settled(c).await;
    let _ = c.enter_parent_frame().await;
    let Ok(frames) = c.find_all(Locator::Css("iframe.page-frame:not(.covered)")).await else { return false };
    let Some(frame) = frames.into_iter().last() else { return false };
    if frame.enter_frame().await.is_err() {
        return false;
    }
    let ok = match c.find(Locator::Css(selector)).await {
        Ok(e) => e.click().await.is_ok(),
        Err(_) => false,
    };
    let _ = c.enter_parent_frame().await;
    ok
}
