//! The diff is checked by applying its patches to a small DOM model and comparing the
//! result with the new tree: whatever the change, the patched DOM must equal a fresh mount.

use mpsim_base::Value;
use mpsim_vdom::*;
use std::collections::HashMap;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
struct DomNode {
    label: String,
    attrs: Vec<(String, String)>,
    children: Vec<NodeId>,
}

#[derive(Default)]
struct Dom {
    nodes: HashMap<NodeId, DomNode>,
    parent: HashMap<NodeId, NodeId>,
}

const ROOT: NodeId = 0;

impl Dom {
    fn insert_tree(&mut self, m: &Mounted) {
        let label = match &*m.vnode {
            VNode::Text(t) => format!("#{t}"),
            VNode::Element(e) => e.tag.to_string(),
            VNode::Component(c) => format!("<{}>", c.tag),
            VNode::Slot(s) => format!("slot:{}", s.name),
        };
        let attrs = m.vnode.attrs().iter().map(|(n, v)| (n.to_string(), v.to_text())).collect();
        self.nodes.insert(m.id, DomNode { label, attrs, children: m.children.iter().map(|c| c.id).collect() });
        for c in &m.children {
            self.parent.insert(c.id, m.id);
            self.insert_tree(c);
        }
    }

    fn detach(&mut self, id: NodeId) {
        if let Some(p) = self.parent.remove(&id) {
            self.nodes.get_mut(&p).unwrap().children.retain(|c| *c != id);
        }
    }

    fn place(&mut self, parent: NodeId, id: NodeId, before: Option<NodeId>) {
        let kids = &mut self.nodes.get_mut(&parent).unwrap().children;
        let at = before.map(|b| kids.iter().position(|c| *c == b).expect("anchor is a child")).unwrap_or(kids.len());
        kids.insert(at, id);
        self.parent.insert(id, parent);
    }

    fn apply(&mut self, patch: &Patch) {
        match patch {
            Patch::Insert { parent, before, node } => {
                self.insert_tree(node);
                self.place(*parent, node.id, *before);
            }
            Patch::Remove { id } => self.detach(*id),
            Patch::Move { parent, id, before } => {
                self.detach(*id);
                self.place(*parent, *id, *before);
            }
            Patch::SetAttr { id, name, value } => {
                let attrs = &mut self.nodes.get_mut(id).unwrap().attrs;
                match attrs.iter_mut().find(|(n, _)| **n == **name) {
                    Some(a) => a.1 = value.to_text(),
                    None => attrs.push((name.to_string(), value.to_text())),
                }
            }
            Patch::RemoveAttr { id, name } => self.nodes.get_mut(id).unwrap().attrs.retain(|(n, _)| **n != **name),
            Patch::SetText { id, text } => self.nodes.get_mut(id).unwrap().label = format!("#{text}"),
            Patch::SetListeners { .. } => {}
        }
    }

    /// The tree below `id` as text; attributes sorted (the DOM does not order them).
    fn dump(&self, id: NodeId, out: &mut String) {
        let n = &self.nodes[&id];
        let mut attrs = n.attrs.clone();
        attrs.sort();
        out.push_str(&n.label);
        for (k, v) in attrs {
            out.push_str(&format!(" {k}={v}"));
        }
        out.push('(');
        for c in &n.children {
            self.dump(*c, out);
            out.push(',');
        }
        out.push(')');
    }
}

fn el(tag: &str, key: Option<&str>, attrs: &[(&str, &str)], children: Vec<NodeRef>) -> NodeRef {
    Rc::new(VNode::Element(Element {
        tag: tag.into(),
        attrs: attrs.iter().map(|(n, v)| (Rc::from(*n), Value::str(v))).collect(),
        listeners: vec![],
        marks: vec![],
        slot: None,
        key: key.map(Rc::from),
        children,
    }))
}

fn text(t: &str) -> NodeRef {
    Rc::new(VNode::Text(t.into()))
}

fn root_dom(mounted: &[Mounted]) -> Dom {
    let mut dom = Dom::default();
    dom.nodes.insert(ROOT, DomNode { label: "root".into(), attrs: vec![], children: vec![] });
    for m in mounted {
        dom.insert_tree(m);
        dom.place(ROOT, m.id, None);
    }
    dom
}

/// Mounts `a`, diffs to `b`, applies the patches and checks the DOM equals a fresh mount
/// of `b`. Returns the patches for further assertions.
fn check(a: Vec<NodeRef>, b: Vec<NodeRef>) -> Vec<Patch> {
    let mut ids = IdGen::default();
    let mut comps = vec![];
    let mut mounted = mount_children(&a, &mut ids, &mut comps);
    let mut dom = root_dom(&mounted);
    let mut patches = vec![];
    diff_children(ROOT, &mut mounted, &b, &mut ids, &mut patches, &mut comps);
    for p in &patches {
        dom.apply(p);
    }
    let mut got = String::new();
    dom.dump(ROOT, &mut got);
    let fresh = root_dom(&mount_children(&b, &mut IdGen::default(), &mut vec![]));
    let mut want = String::new();
    fresh.dump(ROOT, &mut want);
    assert_eq!(got, want);
    // The mounted tree is the new tree.
    assert_eq!(mounted.len(), b.len());
    for (m, n) in mounted.iter().zip(&b) {
        assert!(Rc::ptr_eq(&m.vnode, n));
    }
    patches
}

fn rows(keys: &[&str]) -> Vec<NodeRef> {
    keys.iter().map(|k| el("view", Some(k), &[("class", k)], vec![text(k)])).collect()
}

#[test]
fn unchanged_tree_yields_no_patches() {
    let a = rows(&["a", "b", "c"]);
    assert!(check(a.clone(), a).is_empty());
}

#[test]
fn attribute_and_text_changes_patch_in_place() {
    let p = check(
        vec![el("view", None, &[("id", "x"), ("class", "a")], vec![text("hi")])],
        vec![el("view", None, &[("id", "x"), ("style", "color:red")], vec![text("ho")])],
    );
    assert_eq!(p.len(), 3, "{p:?}");
}

#[test]
fn keyed_reorders_move_only_what_must_move() {
    let p = check(rows(&["a", "b", "c", "d", "e"]), rows(&["a", "c", "d", "e", "b"]));
    let moves = p.iter().filter(|p| matches!(p, Patch::Move { .. })).count();
    assert_eq!(moves, 1, "{p:?}");
    check(rows(&["a", "b", "c", "d"]), rows(&["d", "c", "b", "a"]));
}

#[test]
fn keyed_insert_and_remove_keep_other_nodes() {
    let p = check(rows(&["a", "b", "c"]), rows(&["a", "x", "c", "y"]));
    let inserts = p.iter().filter(|p| matches!(p, Patch::Insert { .. })).count();
    let removes = p.iter().filter(|p| matches!(p, Patch::Remove { .. })).count();
    assert_eq!((inserts, removes), (2, 1), "{p:?}");
    check(rows(&["a", "b", "c"]), vec![]);
    check(vec![], rows(&["a", "b"]));
}

#[test]
fn type_change_replaces_the_node() {
    let p = check(vec![el("view", None, &[], vec![])], vec![el("text", None, &[], vec![])]);
    assert!(matches!(p[0], Patch::Remove { .. }));
    check(vec![text("a")], vec![el("view", None, &[], vec![text("a")])]);
}

#[test]
fn mixed_keyed_and_unkeyed_siblings() {
    let mut a = vec![text("head")];
    a.extend(rows(&["a", "b"]));
    a.push(el("view", None, &[("id", "tail")], vec![]));
    let mut b = vec![text("head!")];
    b.extend(rows(&["b", "z", "a"]));
    b.push(el("view", None, &[("id", "tail")], vec![]));
    check(a, b);
}

#[test]
fn duplicate_keys_do_not_lose_nodes() {
    check(rows(&["a", "a", "b"]), rows(&["b", "a", "a", "a"]));
}

#[test]
fn component_nodes_report_lifecycle_changes() {
    let comp = |key: &str, prop: &str| {
        Rc::new(VNode::Component(ComponentNode {
            tag: "card".into(),
            component: "components/card/card".into(),
            attrs: vec![],
            props: vec![("title".into(), Value::str(prop))],
            generics: vec![],
            listeners: vec![],
            marks: vec![],
            slot: None,
            key: Some(key.into()),
            children: vec![],
        }))
    };
    let mut ids = IdGen::default();
    let mut comps = vec![];
    let mut mounted = mount_children(&[comp("1", "a"), comp("2", "b")], &mut ids, &mut comps);
    assert_eq!(comps.len(), 2);
    comps.clear();
    diff_children(0, &mut mounted, &[comp("2", "B"), comp("3", "c")], &mut ids, &mut vec![], &mut comps);
    let kinds: Vec<&str> = comps
        .iter()
        .map(|c| match c {
            ComponentChange::Mounted { .. } => "mounted",
            ComponentChange::Updated { .. } => "updated",
            ComponentChange::Unmounted { .. } => "unmounted",
        })
        .collect();
    assert_eq!(kinds, ["unmounted", "updated", "mounted"]);
}

/// A pseudo-random sweep over list edits (a fixed seed: the run is reproducible).
#[test]
fn random_list_edits_always_converge() {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut rand = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let pool = ["a", "b", "c", "d", "e", "f", "g", "h"];
    for _ in 0..500 {
        let pick = |rand: &mut dyn FnMut(u64) -> u64| -> Vec<NodeRef> {
            let len = rand(7) as usize;
            let mut keys: Vec<&str> = pool.to_vec();
            for i in (1..keys.len()).rev() {
                keys.swap(i, rand(i as u64 + 1) as usize);
            }
            keys.truncate(len);
            let mut nodes: Vec<NodeRef> = keys
                .iter()
                .map(|k| {
                    let attrs: &[(&str, &str)] = if rand(2) == 0 { &[("class", "x")] } else { &[] };
                    el("view", Some(k), attrs, vec![text(k)])
                })
                .collect();
            if rand(3) == 0 {
                nodes.insert(0, text("t"));
            }
            if rand(3) == 0 {
                nodes.push(el("text", None, &[], vec![]));
            }
            nodes
        };
        let a = pick(&mut rand);
        let b = pick(&mut rand);
        check(a, b);
    }
}
