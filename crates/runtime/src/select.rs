//! Selectors over rendered trees: `#id`, `.class`, `tag` and compounds of them, chained
//! with ` >>> ` to cross into a component's shadow tree.
//!
//! A selector evaluated for an instance sees that instance's own tree (including the
//! light children it passes to components) but not its components' shadow trees; only
//! `>>>` crosses into those. Project code never crosses into another realm (a host
//! page cannot select a plugin component); the test driver (`privileged`) can.

use crate::engine::{dataset, InstanceId, State};
use mpsim_vdom::{Mounted, NodeId, VNode};

#[derive(Clone, Debug, Default, PartialEq)]
struct Compound {
    tag: Option<String>,
    id: Option<String>,
    classes: Vec<String>,
}

fn parse_compound(s: &str) -> Option<Compound> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let mut c = Compound::default();
    let mut rest = s;
    let name_end = |r: &str| r.find(['#', '.']).unwrap_or(r.len());
    if !rest.starts_with(['#', '.']) {
        let end = name_end(rest);
        c.tag = Some(rest[..end].to_string());
        rest = &rest[end..];
    }
    while let Some(first) = rest.chars().next() {
        let body = &rest[1..];
        let end = name_end(body);
        let name = body[..end].to_string();
        if name.is_empty() || name.contains(char::is_whitespace) {
            return None;
        }
        match first {
            '#' => c.id = Some(name),
            '.' => c.classes.push(name),
            _ => return None,
        }
        rest = &body[end..];
    }
    Some(c)
}

/// Parses `#a >>> .b`: one compound per shadow-tree step.
fn parse(selector: &str) -> Option<Vec<Compound>> {
    selector.split(">>>").map(parse_compound).collect()
}

fn matches(m: &Mounted, c: &Compound) -> bool {
    let tag = match &*m.vnode {
        VNode::Element(e) => &e.tag,
        VNode::Component(c) => &c.tag,
        _ => return false,
    };
    if c.tag.as_deref().is_some_and(|t| t != &**tag) {
        return false;
    }
    if let Some(id) = &c.id {
        if m.vnode.attr("id").map(|v| v.to_text()).as_deref() != Some(id.as_str()) {
            return false;
        }
    }
    if !c.classes.is_empty() {
        let class = m.vnode.attr("class").map(|v| v.to_text()).unwrap_or_default();
        let tokens: Vec<&str> = class.split_ascii_whitespace().collect();
        if !c.classes.iter().all(|want| tokens.contains(&want.as_str())) {
            return false;
        }
    }
    true
}

fn collect<'a>(nodes: &'a [Mounted], c: &Compound, out: &mut Vec<&'a Mounted>) {
    for m in nodes {
        if matches(m, c) {
            out.push(m);
        }
        collect(&m.children, c, out);
    }
}

/// Nodes matching `selector` as seen from instance `scope`, in document order, each with
/// the instance whose tree holds it.
pub fn find(st: &State, scope: InstanceId, selector: &str, privileged: bool) -> Vec<(InstanceId, NodeId)> {
    let Some(parts) = parse(selector) else {
        return Vec::new();
    };
    let realm = st.instances.get(&scope).map(|i| i.realm);
    let mut scopes = vec![scope];
    for (i, part) in parts.iter().enumerate() {
        let mut found = Vec::new();
        for s in &scopes {
            let Some(inst) = st.instances.get(s) else {
                continue;
            };
            let mut nodes = Vec::new();
            collect(&inst.mounted, part, &mut nodes);
            found.extend(nodes.into_iter().map(|m| (*s, m.id)));
        }
        if i + 1 == parts.len() {
            return found;
        }
        scopes = found
            .iter()
            .filter_map(|(_, n)| st.host_of.get(n).copied())
            .filter(|c| privileged || st.instances.get(c).map(|i| i.realm) == realm)
            .collect();
    }
    Vec::new()
}

/// Component instances matching `selector` (`selectComponent` / `selectAllComponents`).
pub fn select_components(
    st: &State,
    scope: InstanceId,
    selector: &str,
    all: bool,
    privileged: bool,
) -> Vec<InstanceId> {
    let realm = st.instances.get(&scope).map(|i| i.realm);
    let mut out: Vec<InstanceId> = find(st, scope, selector, privileged)
        .into_iter()
        .filter_map(|(_, n)| st.host_of.get(&n).copied())
        .filter(|c| privileged || st.instances.get(c).map(|i| i.realm) == realm)
        .collect();
    if !all {
        out.truncate(1);
    }
    out
}

/// `createSelectorQuery` results as JSON: id, dataset and attributes of each node.
pub fn query_nodes(st: &State, scope: InstanceId, selector: &str, all: bool) -> String {
    let mut nodes = Vec::new();
    for (owner, id) in find(st, scope, selector, false) {
        let Some(v) = st.instances.get(&owner).and_then(|i| crate::engine::find_node(&i.mounted, id)) else {
            continue;
        };
        let attrs: serde_json::Map<String, serde_json::Value> =
            v.attrs().iter().map(|(k, v)| (k.to_string(), v.to_json())).collect();
        nodes.push(serde_json::json!({
            "id": v.attr("id").map(|v| v.to_text()).unwrap_or_default(),
            "dataset": dataset(v.attrs()),
            "attrs": attrs,
        }));
        if !all {
            break;
        }
    }
    serde_json::Value::Array(nodes).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_parse_into_compounds() {
        let p = parse("view.a.b#x >>> #inner").unwrap();
        assert_eq!(
            p[0],
            Compound { tag: Some("view".into()), id: Some("x".into()), classes: vec!["a".into(), "b".into()] }
        );
        assert_eq!(p[1].id.as_deref(), Some("inner"));
        assert!(parse("#").is_none());
        assert!(parse("a >>> ").is_none());
    }
}
