//! Events as WeChat dispatches them: a path through the composed tree (light children
//! pass through the slots they are placed in, a shadow tree's top nodes continue at their
//! component's host), a capture phase from the root down and a bubble phase back up,
//! `catch` stopping propagation, `mut-bind` handlers excluding each other, and each
//! handler run by the instance whose template declared it.
//!
//! The event object is built here: `type`, `timeStamp`, `target` and `currentTarget`
//! (`id`, `dataset`), `detail`, `touches`/`changedTouches` for touch-like events, and
//! `mark` (the marks of the nodes from the target up to the handler's node).

use crate::engine::{dataset, InstanceId, Shared, State};
use mpsim_vdom::{ListenerKind, Mounted, NodeId, NodeRef, VNode};
use rquickjs::Ctx;
use serde_json::{json, Map, Value as Json};
use std::collections::HashMap;

#[derive(Clone, Copy, Debug)]
pub struct Flags {
    pub bubbles: bool,
    pub composed: bool,
    pub capture: bool,
}

/// Flags of the built-in touch events (tap, longpress, touchstart…): they bubble and
/// cross component boundaries.
pub const TOUCH: Flags = Flags { bubbles: true, composed: true, capture: true };

/// One node on an event path.
#[derive(Clone)]
pub struct PathNode {
    pub id: NodeId,
    pub owner: InstanceId,
    pub vnode: NodeRef,
}

struct Located {
    parent: Option<NodeId>,
    owner: InstanceId,
    vnode: NodeRef,
}

/// Where every node of the page `page` sits in the composed tree.
fn index(st: &State, page: InstanceId) -> HashMap<NodeId, Located> {
    let mut map = HashMap::new();
    let instances: Vec<_> = st.instances.iter().filter(|(_, i)| i.page == page).collect();
    for (id, inst) in &instances {
        for m in &inst.mounted {
            walk(m, inst.host, **id, &mut map);
        }
    }
    // Light children passed to a component get their composed parents from its slots.
    for (_, inst) in &instances {
        let (Some(host), Some(owner)) = (inst.host, inst.parent.and_then(|p| st.instances.get(&p))) else {
            continue;
        };
        let multiple = inst.info.multiple_slots;
        let mut slots: HashMap<String, Option<NodeId>> = HashMap::new();
        collect_slots(&inst.mounted, Some(host), &mut slots, multiple);
        let Some(h) = owner.mounted.iter().find_map(|m| m.find(host)) else {
            continue;
        };
        for child in &h.children {
            let name = if multiple { child.vnode.slot().unwrap_or("").to_string() } else { String::new() };
            let parent = slots.get(&name).copied().flatten().or(Some(host));
            if let Some(l) = map.get_mut(&child.id) {
                l.parent = parent;
            }
        }
    }
    map
}

fn collect_slots(nodes: &[Mounted], parent: Option<NodeId>, out: &mut HashMap<String, Option<NodeId>>, multiple: bool) {
    for m in nodes {
        if let VNode::Slot(s) = &*m.vnode {
            let name = if multiple { s.name.to_string() } else { String::new() };
            out.entry(name).or_insert(parent);
        }
        if !matches!(*m.vnode, VNode::Component(_)) {
            collect_slots(&m.children, Some(m.id), out, multiple);
        }
    }
}

fn walk(m: &Mounted, parent: Option<NodeId>, owner: InstanceId, map: &mut HashMap<NodeId, Located>) {
    map.insert(m.id, Located { parent, owner, vnode: m.vnode.clone() });
    for c in &m.children {
        walk(c, Some(m.id), owner, map);
    }
}

/// The composed path from `target` up to the page root.
pub fn composed_path(st: &State, page: InstanceId, target: NodeId) -> Vec<PathNode> {
    let map = index(st, page);
    let mut out = Vec::new();
    let mut cur = Some(target);
    while let Some(id) = cur {
        let Some(l) = map.get(&id) else { break };
        out.push(PathNode { id, owner: l.owner, vnode: l.vnode.clone() });
        cur = l.parent;
        if out.len() > 100_000 {
            break;
        }
    }
    out
}

fn id_and_dataset(v: &NodeRef) -> (Json, Json) {
    let id = v.attr("id").map(|v| v.to_text()).unwrap_or_default();
    (Json::String(id), dataset(v.attrs()))
}

/// Dispatches an event of `kind` starting at `path[0]`. Handlers run in order; the
/// event stops at the first `catch`.
pub fn dispatch(sh: &Shared, ctx: &Ctx<'_>, path: &[PathNode], kind: &str, detail: Json, flags: Flags, touch: bool) {
    let Some(target) = path.first() else { return };
    let origin_owner = target.owner;
    // A non-composed event stays in the tree that holds its target.
    let path: Vec<&PathNode> = path.iter().filter(|p| flags.composed || p.owner == origin_owner).collect();
    let time = sh.state.borrow().timers.now_ms();
    let touches = if touch {
        json!([{ "identifier": 0, "pageX": detail.get("x").cloned().unwrap_or(json!(0)), "pageY": detail.get("y").cloned().unwrap_or(json!(0)), "clientX": detail.get("x").cloned().unwrap_or(json!(0)), "clientY": detail.get("y").cloned().unwrap_or(json!(0)) }])
    } else {
        Json::Null
    };
    let mut calls: Vec<(usize, InstanceId, String, bool)> = Vec::new(); // (path index, owner, handler, catch)
    if flags.capture {
        for (i, p) in path.iter().enumerate().rev() {
            for l in p.vnode.listeners().iter().filter(|l| l.capture && *l.event == *kind) {
                calls.push((i, p.owner, l.handler.to_string(), l.kind == ListenerKind::Catch));
            }
        }
    }
    let bubble_len = if flags.bubbles { path.len() } else { 1.min(path.len()) };
    let mut mut_bound = false;
    for (i, p) in path.iter().enumerate().take(bubble_len) {
        for l in p.vnode.listeners().iter().filter(|l| !l.capture && *l.event == *kind) {
            if l.kind == ListenerKind::MutBind {
                if mut_bound {
                    continue;
                }
                mut_bound = true;
            }
            calls.push((i, p.owner, l.handler.to_string(), l.kind == ListenerKind::Catch));
        }
    }
    for (i, owner, handler, catch) in calls {
        // The target as the handler's tree sees it: the first node on the path in that tree.
        let seen_target = path.iter().find(|p| p.owner == owner).map(|p| &p.vnode).unwrap_or(&target.vnode);
        let (tid, tds) = id_and_dataset(seen_target);
        let (cid, cds) = id_and_dataset(&path[i].vnode);
        let mut mark = Map::new();
        for p in &path[..=i] {
            for (k, v) in p.vnode.marks() {
                mark.entry(k.to_string()).or_insert(v.to_json());
            }
        }
        let mut event = json!({
            "type": kind,
            "timeStamp": time,
            "target": { "id": tid, "dataset": tds, "offsetLeft": 0, "offsetTop": 0 },
            "currentTarget": { "id": cid, "dataset": cds, "offsetLeft": 0, "offsetTop": 0 },
            "detail": detail,
            "mark": mark,
        });
        if touch {
            event["touches"] = touches.clone();
            event["changedTouches"] = touches.clone();
        }
        call_handler(sh, ctx, owner, &handler, &event);
        if catch {
            break;
        }
    }
}

fn call_handler(sh: &Shared, ctx: &Ctx<'_>, owner: InstanceId, handler: &str, event: &Json) {
    let Some((realm, path)) = sh.state.borrow().instances.get(&owner).map(|i| (i.realm, i.path.clone())) else {
        return;
    };
    let rctx = sh.realm_ctx(ctx, realm);
    let Ok(ev) = rctx.json_parse(event.to_string()) else {
        return;
    };
    sh.hook_reported::<_, ()>(ctx, realm, "handleEvent", (owner, handler.to_string(), ev), &format!("{path}.js"));
}

/// `this.triggerEvent(name, detail, options)` from component `id`: starts at its host node.
pub fn trigger(sh: &Shared, ctx: &Ctx<'_>, id: InstanceId, name: &str, detail: Json, flags: Flags) {
    let (page, host) = {
        let st = sh.state.borrow();
        let Some(inst) = st.instances.get(&id) else {
            return;
        };
        let Some(host) = inst.host else { return };
        (inst.page, host)
    };
    let path = composed_path(&sh.state.borrow(), page, host);
    dispatch(sh, ctx, &path, name, detail, flags, false);
}
