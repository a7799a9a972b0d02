//! The watcher on a real folder: in-place writes, atomic renames, delete and recreate, new
//! folders, and a storm of saves. Waits are generous (CI machines are slow); nothing sleeps
//! to assert.

use mpsim_watch::{watch, Batch};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

const GENEROUS_TIMEOUT_FOR_CI: Duration = Duration::from_secs(10);

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mpsim-watch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("pages/a")).unwrap();
    std::fs::write(dir.join("pages/a/a.wxml"), "<view/>").unwrap();
    std::fs::write(dir.join("app.json"), "{}").unwrap();
    dir
}

/// Collects batches until every path in `want` was reported (or fails after the timeout).
fn expect(rx: &Receiver<Batch>, want: &[&str]) -> BTreeSet<String> {
    let deadline = Instant::now() + GENEROUS_TIMEOUT_FOR_CI;
    let mut seen = BTreeSet::new();
    while !want.iter().all(|w| seen.contains(*w)) {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(b) => seen.extend(b.paths),
            Err(_) => panic!("timed out; saw {seen:?}, wanted {want:?}"),
        }
    }
    seen
}

fn settle(rx: &Receiver<Batch>) {
    while rx.recv_timeout(Duration::from_millis(300)).is_ok() {}
}

#[test]
fn in_place_writes_are_reported() {
    let dir = folder("write");
    let (_w, rx) = watch(&dir).unwrap();
    std::fs::write(dir.join("pages/a/a.wxml"), "<view>1</view>").unwrap();
    expect(&rx, &["pages/a/a.wxml"]);
}

#[test]
fn atomic_saves_through_a_rename_are_reported_as_the_target() {
    let dir = folder("rename");
    let (_w, rx) = watch(&dir).unwrap();
    std::fs::write(dir.join("pages/a/.a.wxml.swp"), "<view>2</view>").unwrap();
    std::fs::rename(dir.join("pages/a/.a.wxml.swp"), dir.join("pages/a/a.wxml")).unwrap();
    let seen = expect(&rx, &["pages/a/a.wxml"]);
    assert!(!seen.iter().any(|p| p.ends_with(".swp")), "swap files are not reported: {seen:?}");
}

#[test]
fn delete_and_recreate_keeps_watching() {
    let dir = folder("recreate");
    let (_w, rx) = watch(&dir).unwrap();
    std::fs::remove_file(dir.join("app.json")).unwrap();
    expect(&rx, &["app.json"]);
    std::fs::write(dir.join("app.json"), "{\"pages\":[]}").unwrap();
    expect(&rx, &["app.json"]);
    std::fs::write(dir.join("app.json"), "{\"pages\":[1]}").unwrap();
    expect(&rx, &["app.json"]);
}

#[test]
fn files_in_a_new_folder_are_reported_and_ignored_folders_are_not() {
    let dir = folder("newdir");
    let (_w, rx) = watch(&dir).unwrap();
    std::fs::create_dir_all(dir.join("components/card")).unwrap();
    std::fs::write(dir.join("components/card/card.wxml"), "<view/>").unwrap();
    std::fs::write(dir.join("components/card/card.js"), "Component({})").unwrap();
    std::fs::create_dir_all(dir.join("node_modules/x")).unwrap();
    std::fs::write(dir.join("node_modules/x/index.js"), "").unwrap();
    let seen = expect(&rx, &["components/card/card.wxml", "components/card/card.js"]);
    settle(&rx);
    assert!(!seen.iter().any(|p| p.starts_with("node_modules")), "{seen:?}");
}

/// A storm of 1,000 saves across 50 files: every file is reported, the last content is on
/// disk when the last batch arrives, and the watcher keeps working afterwards.
#[test]
fn a_storm_of_saves_across_many_files_converges() {
    let dir = folder("storm");
    for i in 0..50 {
        std::fs::write(dir.join(format!("pages/a/f{i}.wxml")), "").unwrap();
    }
    let (_w, rx) = watch(&dir).unwrap();
    for n in 0..1000 {
        let f = n % 50;
        std::fs::write(dir.join(format!("pages/a/f{f}.wxml")), format!("<view>{n}</view>")).unwrap();
    }
    let names: Vec<String> = (0..50).map(|i| format!("pages/a/f{i}.wxml")).collect();
    let want: Vec<&str> = names.iter().map(String::as_str).collect();
    expect(&rx, &want);
    settle(&rx);
    for i in 0..50 {
        let text = std::fs::read_to_string(dir.join(format!("pages/a/f{i}.wxml"))).unwrap();
        assert_eq!(text, format!("<view>{}</view>", 950 + i));
    }
    std::fs::write(dir.join("pages/a/a.wxml"), "<view>after</view>").unwrap();
    expect(&rx, &["pages/a/a.wxml"]);
}
