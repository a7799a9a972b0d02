//! The keyed diff: a new render of an instance's tree against its mounted tree yields
//! [`Patch`]es, keeps ids of matched nodes, and reports which custom-component nodes were
//! mounted, updated or unmounted so the runtime can run their lifecycles.
//!
//! Children are matched by `wx:key` when they have one and by position among unkeyed
//! siblings otherwise; a node whose type changed is replaced. Subtrees the renderer
//! reused (the same `Rc`) are skipped without looking inside, which is what makes a
//! one-row update of a 10,000-row list cheap. Moves are minimised with a longest
//! increasing subsequence, as keyed DOM diffing usually does.

use crate::node::{Mounted, NodeId, NodeRef, Patch, VNode};
use std::collections::HashMap;
use std::rc::Rc;

/// Hands out node ids, unique within one page.
#[derive(Debug)]
pub struct IdGen {
    next: NodeId,
}

impl Default for IdGen {
    fn default() -> Self {
        IdGen { next: 1 }
    }
}

impl IdGen {
    /// The next unused id.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> NodeId {
        let id = self.next;
        self.next += 1;
        id
    }
}

/// What happened to custom-component nodes during a diff, in tree order.
#[derive(Clone, Debug, PartialEq)]
pub enum ComponentChange {
    Mounted {
        id: NodeId,
    },
    /// Host attributes, properties or generics may have changed; `old` is the previous node.
    Updated {
        id: NodeId,
        old: NodeRef,
    },
    Unmounted {
        id: NodeId,
    },
}

/// Mounts a fresh list of nodes (first render).
pub fn mount_children(new: &[NodeRef], ids: &mut IdGen, comps: &mut Vec<ComponentChange>) -> Vec<Mounted> {
    new.iter().map(|n| mount(n, ids, comps)).collect()
}

fn mount(vnode: &NodeRef, ids: &mut IdGen, comps: &mut Vec<ComponentChange>) -> Mounted {
    let id = ids.next();
    if matches!(**vnode, VNode::Component(_)) {
        comps.push(ComponentChange::Mounted { id });
    }
    let children = mount_children(vnode.children(), ids, comps);
    Mounted { id, vnode: vnode.clone(), children }
}

fn unmount(m: &Mounted, comps: &mut Vec<ComponentChange>) {
    for c in &m.children {
        unmount(c, comps);
    }
    if matches!(*m.vnode, VNode::Component(_)) {
        comps.push(ComponentChange::Unmounted { id: m.id });
    }
}

/// Diffs `old`, the mounted children of `parent`, against `new`, updating `old` in place.
pub fn diff_children(
    parent: NodeId,
    old: &mut Vec<Mounted>,
    new: &[NodeRef],
    ids: &mut IdGen,
    out: &mut Vec<Patch>,
    comps: &mut Vec<ComponentChange>,
) {
    // Fast path: the same keys and types in the same order (every update that does not
    // add, remove or reorder items).
    if old.len() == new.len() && old.iter().zip(new).all(|(m, n)| m.vnode.key() == n.key() && m.vnode.same_type(n)) {
        for (m, n) in old.iter_mut().zip(new) {
            diff_node(m, n, ids, out, comps);
        }
        return;
    }

    // Match each new node to an old one: by key, or by position among unkeyed nodes.
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    let mut unkeyed: Vec<usize> = Vec::new();
    for (i, m) in old.iter().enumerate() {
        match m.vnode.key() {
            // A duplicate key matches only its first occurrence; later ones are replaced.
            Some(k) => {
                by_key.entry(k).or_insert(i);
            }
            None => unkeyed.push(i),
        }
    }
    let mut next_unkeyed = 0;
    let mut taken = vec![false; old.len()];
    let sources: Vec<Option<usize>> = new
        .iter()
        .map(|n| {
            let candidate = match n.key() {
                Some(k) => by_key.get(&**k).copied(),
                None => {
                    let c = unkeyed.get(next_unkeyed).copied();
                    next_unkeyed += 1;
                    c
                }
            };
            candidate.filter(|&i| !taken[i] && old[i].vnode.same_type(n)).inspect(|&i| taken[i] = true)
        })
        .collect();

    // Remove what is not kept.
    for (i, m) in old.iter().enumerate() {
        if !taken[i] {
            unmount(m, comps);
            out.push(Patch::Remove { id: m.id });
        }
    }

    // Diff the kept nodes; remember which need no move (a longest increasing run of old
    // positions stays where it is).
    let mut slots: Vec<Option<Mounted>> = std::mem::take(old).into_iter().map(Some).collect();
    let stay = longest_increasing(&sources);
    let mut result: Vec<Option<Mounted>> = (0..new.len()).map(|_| None).collect();
    for (j, n) in new.iter().enumerate() {
        if let Some(i) = sources[j] {
            if let Some(mut m) = slots[i].take() {
                diff_node(&mut m, n, ids, out, comps);
                result[j] = Some(m);
            }
        }
    }

    // Mount new nodes in tree order, then place from the end so each anchor is already
    // where it belongs.
    let fresh: Vec<bool> = result.iter().map(Option::is_none).collect();
    for (j, r) in result.iter_mut().enumerate() {
        if r.is_none() {
            *r = Some(mount(&new[j], ids, comps));
        }
    }
    let mut anchor: Option<NodeId> = None;
    for j in (0..new.len()).rev() {
        let Some(m) = &result[j] else { continue };
        if fresh[j] {
            out.push(Patch::Insert { parent, before: anchor, node: m.clone() });
        } else if !stay[j] {
            out.push(Patch::Move { parent, id: m.id, before: anchor });
        }
        anchor = Some(m.id);
    }
    *old = result.into_iter().flatten().collect();
}

/// For each position, whether its source index belongs to one longest strictly
/// increasing subsequence of the sources (those nodes need not move).
fn longest_increasing(sources: &[Option<usize>]) -> Vec<bool> {
    let mut tails: Vec<usize> = Vec::new(); // positions in `sources`
    let mut prev: Vec<Option<usize>> = vec![None; sources.len()];
    for (j, s) in sources.iter().enumerate() {
        let Some(s) = *s else { continue };
        let at = tails.partition_point(|&t| sources[t].is_some_and(|v| v < s));
        if at > 0 {
            prev[j] = Some(tails[at - 1]);
        }
        if at == tails.len() {
            tails.push(j);
        } else {
            tails[at] = j;
        }
    }
    let mut stay = vec![false; sources.len()];
    let mut cur = tails.last().copied();
    while let Some(j) = cur {
        stay[j] = true;
        cur = prev[j];
    }
    stay
}

fn diff_node(m: &mut Mounted, new: &NodeRef, ids: &mut IdGen, out: &mut Vec<Patch>, comps: &mut Vec<ComponentChange>) {
    if Rc::ptr_eq(&m.vnode, new) {
        return;
    }
    match (&*m.vnode, &**new) {
        (VNode::Text(a), VNode::Text(b)) => {
            if a != b {
                out.push(Patch::SetText { id: m.id, text: b.clone() });
            }
        }
        (VNode::Slot(_), VNode::Slot(_)) => {}
        (old_node, new_node) => {
            diff_attrs(m.id, old_node.attrs(), new_node.attrs(), out);
            if old_node.listeners() != new_node.listeners() || old_node.marks() != new_node.marks() {
                out.push(Patch::SetListeners { id: m.id });
            }
            if let (VNode::Component(a), VNode::Component(b)) = (old_node, new_node) {
                if a.attrs != b.attrs || a.props != b.props || a.generics != b.generics {
                    comps.push(ComponentChange::Updated { id: m.id, old: m.vnode.clone() });
                }
            }
            diff_children(m.id, &mut m.children, new.children(), ids, out, comps);
        }
    }
    m.vnode = new.clone();
}

fn diff_attrs(
    id: NodeId,
    old: &[(Rc<str>, mpsim_base::Value)],
    new: &[(Rc<str>, mpsim_base::Value)],
    out: &mut Vec<Patch>,
) {
    for (name, value) in new {
        match old.iter().find(|(n, _)| n == name) {
            Some((_, v)) if v.same(value) || v.deep_eq(value) => {}
            _ => out.push(Patch::SetAttr { id, name: name.clone(), value: value.clone() }),
        }
    }
    for (name, _) in old {
        if !new.iter().any(|(n, _)| n == name) {
            out.push(Patch::RemoveAttr { id, name: name.clone() });
        }
    }
}
