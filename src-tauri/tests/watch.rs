//! `mpsim render --watch` through the real watcher: a storm of 1,000 saves across 50 files
//! ends with the correct final render, and the process keeps serving afterwards.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

const GENEROUS_TIMEOUT_FOR_CI: Duration = Duration::from_secs(30);

#[test]
fn a_storm_of_saves_ends_with_the_final_render() {
    let dir = std::env::temp_dir().join(format!("mpsim-watch-storm-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("pages/a/parts")).unwrap();
    std::fs::write(dir.join("app.json"), r#"{"pages":["pages/a/a"]}"#).unwrap();
    std::fs::write(dir.join("pages/a/a.js"), "Page({ data: { n: 7 } })").unwrap();
    let includes: String = (0..50).map(|i| format!("<include src=\"parts/p{i}.wxml\"/>")).collect();
    std::fs::write(dir.join("pages/a/a.wxml"), includes).unwrap();
    for i in 0..50 {
        std::fs::write(dir.join(format!("pages/a/parts/p{i}.wxml")), format!("<text>{i}:start</text>")).unwrap();
    }

    let mut child = Command::new(env!("CARGO_BIN_EXE_mpsim"))
        .arg("render")
        .arg(&dir)
        .args(["--page", "pages/a/a", "--watch"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (tx, rx) = channel::<serde_json::Value>();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Ok(v) = serde_json::from_str(&line) {
                let _ = tx.send(v);
            }
        }
    });
    let first = rx.recv_timeout(GENEROUS_TIMEOUT_FOR_CI).expect("the first render");
    assert!(first["html"].as_str().unwrap().starts_with("<wx-text>0:start</wx-text>"));

    for n in 0..1000 {
        let f = n % 50;
        std::fs::write(dir.join(format!("pages/a/parts/p{f}.wxml")), format!("<text>{f}:{n}{{{{n}}}}</text>")).unwrap();
    }
    let want: String = (0..50).map(|i| format!("<wx-text>{i}:{}7</wx-text>", 950 + i)).collect();
    let deadline = Instant::now() + GENEROUS_TIMEOUT_FOR_CI;
    let mut last = String::new();
    while last != want {
        let left = deadline.saturating_duration_since(Instant::now());
        let v = rx.recv_timeout(left).unwrap_or_else(|_| panic!("no final render; last:\n{last}"));
        last = v["html"].as_str().unwrap_or_default().to_string();
        assert!(v["ms"].as_f64().is_some() && v["changed"].is_array());
    }

    // Still serving: one more save is rendered.
    std::fs::write(dir.join("pages/a/parts/p0.wxml"), "<text>after</text>").unwrap();
    let deadline = Instant::now() + GENEROUS_TIMEOUT_FOR_CI;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let v = rx.recv_timeout(left).expect("a render after the storm");
        if v["html"].as_str().unwrap_or_default().starts_with("<wx-text>after</wx-text>") {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
}
