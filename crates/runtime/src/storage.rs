//! wx storage: one partition per appid (the host runs under the assistant appid, the
//! plugin under its own), with the platform's limits (1 MB per item, 10 MB per partition),
//! optionally persisted as one JSON file per appid so data survives reloads and restarts,
//! as it does in the developer tools.

use crate::engine::RealmId;
use indexmap::IndexMap;
use std::collections::HashMap;
use std::path::PathBuf;

/// Largest item (key + stored JSON), in bytes.
pub const ITEM_LIMIT: usize = 1024 * 1024;
/// Largest partition, in bytes.
pub const PARTITION_LIMIT: usize = 10 * 1024 * 1024;

#[derive(Default)]
pub struct Storage {
    partitions: HashMap<RealmId, IndexMap<String, String>>,
    /// The appid each realm's partition belongs to (its file name).
    appids: HashMap<RealmId, String>,
    dir: Option<PathBuf>,
}

impl Storage {
    /// Storage for realms named by appid, loaded from `dir` when given.
    pub fn open(dir: Option<PathBuf>, appids: Vec<(RealmId, String)>) -> Storage {
        let mut s = Storage { partitions: HashMap::new(), appids: appids.into_iter().collect(), dir };
        let realms: Vec<RealmId> = s.appids.keys().copied().collect();
        for realm in realms {
            if let Some(items) =
                s.file(realm).and_then(|f| std::fs::read_to_string(f).ok()).and_then(|t| serde_json::from_str(&t).ok())
            {
                s.partitions.insert(realm, items);
            }
        }
        s
    }

    fn file(&self, realm: RealmId) -> Option<PathBuf> {
        let appid = self.appids.get(&realm)?;
        let safe: String = appid.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-').collect();
        Some(self.dir.as_ref()?.join(format!("{safe}.json")))
    }

    fn persist(&self, realm: RealmId) {
        let Some(file) = self.file(realm) else { return };
        if let Some(parent) = file.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let items = self.partitions.get(&realm).cloned().unwrap_or_default();
        if let Ok(text) = serde_json::to_string(&items) {
            let _ = std::fs::write(file, text);
        }
    }

    /// Bytes used by a partition (keys and stored JSON).
    pub fn size(&self, realm: RealmId) -> usize {
        self.partitions.get(&realm).map(|p| p.iter().map(|(k, v)| k.len() + v.len()).sum()).unwrap_or(0)
    }

    /// Stores `json` (the `{"data": …}` the framework made) under `key`.
    pub fn set(&mut self, realm: RealmId, key: &str, json: String) -> Result<(), String> {
        let item = key.len() + json.len();
        if item > ITEM_LIMIT {
            return Err(format!("the item is {item} bytes; one item may hold at most 1 MB"));
        }
        let old = self.partitions.get(&realm).and_then(|p| p.get(key)).map(|v| key.len() + v.len()).unwrap_or(0);
        if self.size(realm) - old + item > PARTITION_LIMIT {
            return Err("exceed storage max size 10MB".into());
        }
        self.partitions.entry(realm).or_default().insert(key.to_string(), json);
        self.persist(realm);
        Ok(())
    }

    pub fn get(&self, realm: RealmId, key: &str) -> Option<String> {
        self.partitions.get(&realm)?.get(key).cloned()
    }

    pub fn remove(&mut self, realm: RealmId, key: &str) {
        if let Some(p) = self.partitions.get_mut(&realm) {
            p.shift_remove(key);
        }
        self.persist(realm);
    }

    pub fn clear(&mut self, realm: RealmId) {
        self.partitions.remove(&realm);
        self.persist(realm);
    }

    pub fn keys(&self, realm: RealmId) -> Vec<String> {
        self.partitions.get(&realm).map(|p| p.keys().cloned().collect()).unwrap_or_default()
    }

    /// Every partition with its items (key, stored JSON), by realm.
    pub fn all(&self) -> Vec<(RealmId, Vec<(String, String)>)> {
        let mut out: Vec<_> = self
            .partitions
            .iter()
            .map(|(r, p)| (*r, p.iter().map(|(k, v)| (k.clone(), v.clone())).collect()))
            .collect();
        out.sort_by_key(|(r, _)| *r);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_and_persistence() {
        let dir = std::env::temp_dir().join(format!("mpsim-storage-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let names = vec![(0, "wxhost".to_string()), (1, "wxplugin".to_string())];
        let mut s = Storage::open(Some(dir.clone()), names.clone());
        s.set(0, "k", "{\"data\":1}".into()).unwrap();
        s.set(1, "k", "{\"data\":2}".into()).unwrap();
        assert!(s.set(0, "big", "x".repeat(ITEM_LIMIT)).is_err());
        for i in 0..10 {
            let r = s.set(0, &format!("chunk{i}"), "y".repeat(ITEM_LIMIT - 6));
            assert_eq!(r.is_ok(), i < 9, "chunk {i}");
        }
        let again = Storage::open(Some(dir.clone()), names);
        assert_eq!(again.get(0, "k").as_deref(), Some("{\"data\":1}"));
        assert_eq!(again.get(1, "k").as_deref(), Some("{\"data\":2}"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
