//! Watching a project folder for hot reload.
//!
//! Editors save in many ways — writing in place, writing a temporary file and renaming it
//! over the original, deleting and recreating — and in bursts. [`watch`] turns all of that
//! into [`Batch`]es: each the set of project-relative files that changed, with the time the
//! first change was seen (for save → render latency). Events are debounced briefly, bursts
//! that arrive while a batch is being handled are merged into the next one, and a folder
//! that appears is scanned (files written right after `mkdir` can otherwise be missed).
//! node_modules, `.git`, editor swap files and the simulator's own files are ignored.
//!
//! Nothing here knows what a file means; the engine decides that.

use notify::event::{EventKind, ModifyKind};
use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// How long the watcher waits for a burst of events to end.
pub const DEBOUNCE: Duration = Duration::from_millis(15);

/// Changed files, project-relative and `/`-separated, sorted and unique.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Batch {
    pub paths: Vec<String>,
    /// When the first change of the batch was observed.
    pub first_seen: Instant,
}

/// A running watch; dropping it stops watching.
pub struct Watch {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
}

/// Whether a changed path is of interest (not dependencies, VCS data, editor droppings).
pub fn is_relevant(rel: &str) -> bool {
    if rel.is_empty() {
        return false;
    }
    let ignored_dir =
        |s: &str| matches!(s, "node_modules" | ".git" | ".svn" | ".hg" | ".mpsim" | ".idea" | ".vscode" | "out");
    let mut parts = rel.split('/').peekable();
    while let Some(part) = parts.next() {
        if parts.peek().is_some() && ignored_dir(part) {
            return false;
        }
        if parts.peek().is_none() {
            let swap = part.ends_with('~')
                || part.ends_with(".swp")
                || part.ends_with(".swx")
                || part.ends_with(".tmp")
                || part.starts_with(".#")
                || part.starts_with(".goutputstream")
                || part == "4913"
                || part == ".DS_Store";
            if swap || ignored_dir(part) {
                return false;
            }
        }
    }
    true
}

fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let s: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    Some(s.join("/"))
}

/// Every file below `dir`, for a folder that just appeared.
fn scan(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        match e.file_type() {
            Ok(t) if t.is_dir() => scan(&p, out),
            Ok(t) if t.is_file() => out.push(p),
            _ => {}
        }
    }
}

fn paths_of(root: &Path, events: &[DebouncedEvent], into: &mut BTreeSet<String>) {
    for ev in events {
        if matches!(ev.kind, EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))) {
            continue;
        }
        for p in &ev.paths {
            let mut paths = vec![p.clone()];
            if p.is_dir() {
                scan(p, &mut paths);
            }
            for p in paths {
                if let Some(rel) = relative(root, &p) {
                    if is_relevant(&rel) && !p.is_dir() {
                        into.insert(rel);
                    }
                }
            }
        }
    }
}

/// Starts watching `dir` (recursively). Batches arrive on the receiver until the [`Watch`]
/// is dropped.
pub fn watch(dir: &Path) -> notify::Result<(Watch, Receiver<Batch>)> {
    let root = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let (raw_tx, raw_rx) = channel::<(Instant, Vec<DebouncedEvent>)>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        if let Ok(events) = result {
            let first = events.iter().map(|e| e.time).min().unwrap_or_else(Instant::now);
            let _ = raw_tx.send((first, events));
        }
    })?;
    debouncer.watch(&root, RecursiveMode::Recursive)?;
    let (tx, rx) = channel::<Batch>();
    std::thread::Builder::new()
        .name("mpsim-watch".into())
        .spawn(move || merge(root, raw_rx, tx))
        .map_err(notify::Error::io)?;
    Ok((Watch { _debouncer: debouncer }, rx))
}

/// Turns debounced event lists into batches, merging those that arrive close together.
fn merge(root: PathBuf, raw: Receiver<(Instant, Vec<DebouncedEvent>)>, out: Sender<Batch>) {
    while let Ok((first, events)) = raw.recv() {
        let mut first_seen = first;
        let mut paths = BTreeSet::new();
        paths_of(&root, &events, &mut paths);
        // A burst (a storm of saves, a branch switch) keeps coming: take what is already
        // queued before reporting.
        loop {
            match raw.recv_timeout(Duration::from_millis(2)) {
                Ok((f, more)) => {
                    first_seen = first_seen.min(f);
                    paths_of(&root, &more, &mut paths);
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        if paths.is_empty() {
            continue;
        }
        if out.send(Batch { paths: paths.into_iter().collect(), first_seen }).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relevance() {
        for p in ["pages/a/a.wxml", "app.json", "doc/README.md", "plugin/index.js"] {
            assert!(is_relevant(p), "{p}");
        }
        for p in [
            "node_modules/x/index.js",
            ".git/HEAD",
            "pages/a/.a.wxml.swp",
            "pages/a/a.wxml~",
            "pages/.#a.js",
            "4913",
            "",
        ] {
            assert!(!is_relevant(p), "{p}");
        }
    }
}
