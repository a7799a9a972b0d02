//! Applying a `setData` path to the Rust-side copy of an instance's data.
//!
//! Containers are copy-on-write: only the spine from the root to the changed field is
//! copied, so everything else keeps its identity and the renderer can reuse rows.

use mpsim_base::{Map, Value};
use mpsim_wxml::PathSeg;
use std::rc::Rc;

/// Sets `path` in `root` to `value`, creating missing objects (for keys) and arrays (for
/// indices) on the way, as WeChat's setData does.
pub fn set_path(root: &mut Value, path: &[PathSeg], value: Value) {
    let Some((first, rest)) = path.split_first() else {
        *root = value;
        return;
    };
    match first {
        PathSeg::Key(k) => {
            if !matches!(root, Value::Object(_)) {
                *root = Value::Object(Rc::new(Map::new()));
            }
            let Value::Object(map) = root else { return };
            let map = Rc::make_mut(map);
            let slot = map.entry(k.clone()).or_insert(Value::Undefined);
            set_path(slot, rest, value);
        }
        PathSeg::Index(i) => {
            if !matches!(root, Value::Array(_) | Value::Object(_)) {
                *root = Value::Array(Rc::new(Vec::new()));
            }
            match root {
                Value::Array(items) => {
                    let items = Rc::make_mut(items);
                    if items.len() <= *i {
                        // Arrays grow with holes, which JSON (and the view) sees as null.
                        items.resize(*i + 1, Value::Null);
                    }
                    set_path(&mut items[*i], rest, value);
                }
                Value::Object(map) => {
                    let map = Rc::make_mut(map);
                    let slot = map.entry(Rc::from(i.to_string())).or_insert(Value::Undefined);
                    set_path(slot, rest, value);
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mpsim_wxml::parse_data_path;

    fn set(data: &mut Value, key: &str, json: &str) {
        let v = Value::from_json(&serde_json::from_str(json).unwrap());
        set_path(data, &parse_data_path(key).unwrap(), v);
    }

    #[test]
    fn paths_create_missing_objects_and_arrays() {
        let mut d = Value::empty_object();
        set(&mut d, "a.b[1].c", "5");
        assert_eq!(d.to_json().to_string(), r#"{"a":{"b":[null,{"c":5}]}}"#);
        set(&mut d, "a.b[0]", "\"x\"");
        assert_eq!(d.to_json().to_string(), r#"{"a":{"b":["x",{"c":5}]}}"#);
    }

    #[test]
    fn unchanged_siblings_keep_their_identity() {
        let mut d = Value::from_json(&serde_json::json!({"list": [{"t": 1}, {"t": 2}]}));
        let before = d.get("list").get("0");
        set(&mut d, "list[1].t", "3");
        assert!(d.get("list").get("0").same(&before));
        assert_eq!(d.get("list").get("1").get("t").to_js_string(), "3");
    }
}
