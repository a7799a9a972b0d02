//! Compiled scripts cached by content: the same path and text compile once per process,
//! so a hot reload or a second engine (a full reload) recompiles only the files that changed.
//!
//! The key is a 64-bit hash of the language, the path (it appears in messages) and the
//! text; a collision would need two different files with the same hash under one path.

use crate::{compile, Compiled, Lang, ScriptError};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Mutex, OnceLock};

type Entry = Result<Compiled, ScriptError>;

fn table() -> &'static Mutex<HashMap<u64, Entry>> {
    static TABLE: OnceLock<Mutex<HashMap<u64, Entry>>> = OnceLock::new();
    TABLE.get_or_init(Default::default)
}

/// [`compile`], answered from the cache when this path and text were compiled before.
pub fn compile_cached(path: &str, source: &str, lang: Lang) -> Entry {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (lang, path, source).hash(&mut h);
    let key = h.finish();
    if let Some(hit) = table().lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return hit.clone();
    }
    let result = compile(path, source, lang);
    table().lock().unwrap_or_else(|e| e.into_inner()).insert(key, result.clone());
    result
}

/// Forgets every compiled file (benchmarks measure cold compiles with it).
pub fn clear() {
    table().lock().unwrap_or_else(|e| e.into_inner()).clear();
}

/// How many files the cache holds.
pub fn len() -> usize {
    table().lock().unwrap_or_else(|e| e.into_inner()).len()
}
