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
