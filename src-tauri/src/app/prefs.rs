//! The window's remembered preferences: recent projects and each project's compile mode
//! (launch page and query), in `$XDG_CONFIG_HOME/mpsim/prefs.json` (or `~/.config/…`).
//! A missing or unreadable file means defaults; nothing here is essential.

use serde_json::{json, Value as Json};
use std::path::{Path, PathBuf};

const MAX_RECENT: usize = 10;

fn file() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("mpsim/prefs.json"))
}

fn load() -> Json {
    file()
        .and_then(|f| std::fs::read_to_string(f).ok())
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(json!({}))
}

fn store(prefs: &Json) {
    let Some(f) = file() else { return };
    if let Some(dir) = f.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = std::fs::write(f, prefs.to_string());
}

/// Recent project folders, newest first.
pub fn recent() -> Vec<String> {
    load()["recent"]
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

/// Puts `dir` first in the recent list.
pub fn remember(dir: &Path) {
    let mut prefs = load();
    let dir = dir.to_string_lossy().into_owned();
    let mut list = recent();
    list.retain(|d| *d != dir);
    list.insert(0, dir);
    list.truncate(MAX_RECENT);
    prefs["recent"] = json!(list);
    store(&prefs);
}

/// The compile mode saved for `dir`: (route, query).
pub fn compile_mode(dir: &Path) -> (Option<String>, String) {
    let prefs = load();
    let entry = &prefs["compile"][dir.to_string_lossy().as_ref()];
    (entry["route"].as_str().map(str::to_string), entry["query"].as_str().unwrap_or("").to_string())
}

pub fn save_compile_mode(dir: &Path, route: Option<&str>, query: &str) {
    let mut prefs = load();
    if !prefs["compile"].is_object() {
        prefs["compile"] = json!({});
    }
    prefs["compile"][dir.to_string_lossy().as_ref()] = json!({ "route": route, "query": query });
    store(&prefs);
}

/// Where the window keeps `wx` storage for the project at `dir` (one folder per project,
/// one file per appid), so it survives reloads and restarts.
pub fn storage_dir(dir: &Path) -> Option<PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
    let key = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.to_string_lossy().bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Some(base.join("mpsim/storage").join(format!("{name}-{h:016x}")))
}
