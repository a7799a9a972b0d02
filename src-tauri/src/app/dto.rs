//! What the window receives: engine state and changes shaped as the JSON of
//! `ui/PROTOCOL.md`. The only place that knows the frontend's shapes.
//!
//! Classes are scoped here (the `mpsim_wxss` scheme: each owner's classes get its prefix,
//! plus whatever its style isolation lets in) and rpx in inline styles becomes px for the
//! current device, so the webview does no interpretation of its own.

use super::devices::Device;
use mpsim_base::Value;
use mpsim_runtime::{Change, Instance, InstanceId, InstanceKind, State};
use mpsim_vdom::{is_boolean_attribute, Mounted, NodeId, Patch, VNode};
use mpsim_wxss::{dom_classes, scope_prefix, ScopeInfo, StyleIsolation};
use serde_json::{json, Map, Value as Json};
use std::collections::HashSet;

/// What shaping needs besides the engine state.
pub struct Cx<'a> {
    pub st: &'a State,
    pub project: &'a mpsim_project::Project,
    pub device: Device,
    /// The realm id of the plugin (to tag nodes host/plugin).
    pub plugin_realm: Option<usize>,
    /// Scopes computed so far, by owner (a page has thousands of nodes, a few owners).
    pub scopes: std::cell::RefCell<std::collections::HashMap<InstanceId, std::rc::Rc<ScopeInfo>>>,
}

impl Cx<'_> {
    pub fn realm_name(&self, realm: usize) -> &'static str {
        if Some(realm) == self.plugin_realm {
            "plugin"
        } else {
            "host"
        }
    }

    fn isolation(&self, inst: &Instance) -> StyleIsolation {
        let config = self.project.config_of(&inst.path).map(|(c, _)| c);
        let style = inst.info.style_isolation.clone().or_else(|| config.and_then(|c| c.style_isolation.clone()));
        let global = inst.info.add_global_class || config.and_then(|c| c.add_global_class).unwrap_or(false);
        StyleIsolation::from_options(style.as_deref(), global, inst.kind == InstanceKind::Page)
    }

    /// How classes of nodes owned by `id` are scoped (computed once per owner).
    pub fn scope(&self, id: InstanceId) -> std::rc::Rc<ScopeInfo> {
        if let Some(s) = self.scopes.borrow().get(&id) {
            return s.clone();
        }
        let s = std::rc::Rc::new(self.compute_scope(id));
        self.scopes.borrow_mut().insert(id, s.clone());
        s
    }

    fn compute_scope(&self, id: InstanceId) -> ScopeInfo {
        let Some(inst) = self.st.instances.get(&id) else { return ScopeInfo::page("", StyleIsolation::Shared) };
        let page = self.st.instances.get(&inst.page);
        let page_scope = match page {
            Some(p) => ScopeInfo::page(&scope_prefix(&p.path), self.isolation(p)),
            None => ScopeInfo::page("", StyleIsolation::Shared),
        };
        if inst.kind == InstanceKind::Page {
            return page_scope;
        }
        let mut scope = ScopeInfo::component(&scope_prefix(&inst.path), self.isolation(inst), &page_scope);
        let mut cur = inst.parent;
        while let Some(p) = cur.and_then(|p| self.st.instances.get(&p)) {
            if p.kind == InstanceKind::Page {
                break;
            }
            scope.ancestors.push(scope_prefix(&p.path));
            cur = p.parent;
        }
        scope
    }

    /// The DOM class list of a node owned by `owner` whose rendered class is `class`.
    /// Tokens its owner received through external classes are scoped in the owner's user.
    fn classes(&self, owner: InstanceId, class: &str) -> String {
        let own = self.scope(owner);
        let inst = self.st.instances.get(&owner);
        let external: HashSet<&str> = inst
            .map(|i| i.external_values.iter().flat_map(|(_, v)| v.split_ascii_whitespace()).collect())
            .unwrap_or_default();
        let parent_scope = inst.and_then(|i| i.parent).map(|p| self.scope(p));
        let mut out: Vec<String> = Vec::new();
        for token in class.split_ascii_whitespace() {
            let scope: &ScopeInfo = match (&parent_scope, external.contains(token)) {
                (Some(p), true) => p,
                _ => &own,
            };
            for c in dom_classes(&[token], scope) {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
        out.join(" ")
    }

    fn attrs(&self, owner: InstanceId, vnode: &VNode, builtin: bool) -> Map<String, Json> {
        let mut map = Map::new();
        for (name, value) in vnode.attrs() {
            let text = match &**name {
                "class" => self.classes(owner, &value.to_text()),
                "style" => mpsim_wxss::convert_inline_style(&value.to_text(), self.device.width),
                n if builtin && is_boolean_attribute(n) => {
                    if value.truthy() {
                        String::new()
                    } else {
                        continue;
                    }
                }
                _ => attr_text(value),
            };
            map.insert(name.to_string(), Json::String(text));
        }
        map
    }

    fn events(vnode: &VNode) -> Json {
        let mut names: Vec<&str> = Vec::new();
        for l in vnode.listeners() {
            if !names.contains(&&*l.event) {
                names.push(&l.event);
            }
        }
        json!(names)
    }

    /// A node owned by `owner`, with component shadows when `shadows` (end-state
    /// snapshots) or without (snapshots taken when a patch inserted them).
    pub fn node(&self, owner: InstanceId, m: &Mounted, shadows: bool, covered: &mut HashSet<InstanceId>) -> Json {
        let realm = self.st.instances.get(&owner).map(|i| self.realm_name(i.realm)).unwrap_or("host");
        match &*m.vnode {
            VNode::Text(t) => json!({ "id": m.id, "type": "text", "text": &**t }),
            VNode::Slot(s) => json!({ "id": m.id, "type": "slot", "name": &*s.name }),
            VNode::Element(e) => json!({
                "id": m.id,
                "type": "element",
                "tag": &*e.tag,
                "attrs": self.attrs(owner, &m.vnode, true),
                "events": Self::events(&m.vnode),
                "realm": realm,
                "slot": e.slot.as_deref(),
                "children": m.children.iter().map(|c| self.node(owner, c, shadows, covered)).collect::<Vec<_>>(),
            }),
            VNode::Component(c) => {
                let mut attrs = self.attrs(owner, &m.vnode, false);
                attrs.insert("wx-host".into(), Json::String(scope_prefix(&c.component)));
                let shadow = match self.st.host_of.get(&m.id) {
                    Some(child) if shadows => self.shadow(*child, covered),
                    _ => Json::Null,
                };
                json!({
                    "id": m.id,
                    "type": "component",
                    "tag": &*c.tag,
                    "attrs": attrs,
                    "events": Self::events(&m.vnode),
                    "realm": realm,
                    "slot": c.slot.as_deref(),
                    "shadow": shadow,
                    "children": m.children.iter().map(|ch| self.node(owner, ch, shadows, covered)).collect::<Vec<_>>(),
                })
            }
        }
    }

    /// The shadow tree of component instance `id`, with everything inside it.
    pub fn shadow(&self, id: InstanceId, covered: &mut HashSet<InstanceId>) -> Json {
        let Some(inst) = self.st.instances.get(&id) else { return Json::Null };
        covered.insert(id);
        json!({
            "root": inst.root,
            "realm": self.realm_name(inst.realm),
            "multipleSlots": inst.info.multiple_slots,
            "children": inst.mounted.iter().map(|m| self.node(id, m, true, covered)).collect::<Vec<_>>(),
        })
    }

    /// A whole page: `{kind: "page", id, scope, css, tree}`.
    pub fn page(&self, id: InstanceId, css: String, covered: &mut HashSet<InstanceId>) -> Json {
        let Some(inst) = self.st.instances.get(&id) else { return Json::Null };
        covered.extend(self.st.instances.iter().filter(|(_, i)| i.page == id).map(|(k, _)| *k));
        json!({
            "kind": "page",
            "id": id,
            "root": inst.root,
            "host": scope_prefix(&inst.path),
            "css": css,
            "tree": inst.mounted.iter().map(|m| self.node(id, m, true, covered)).collect::<Vec<_>>(),
        })
    }

    /// One patch of `owner`'s tree as an op.
    pub fn op(&self, owner: InstanceId, patch: &Patch) -> Json {
        let mut none = HashSet::new();
        match patch {
            Patch::Insert { parent, before, node } => {
                json!({ "op": "insert", "parent": parent, "before": before, "node": self.node(owner, node, false, &mut none) })
            }
            Patch::Remove { id } => json!({ "op": "remove", "id": id }),
            Patch::Move { parent, id, before } => json!({ "op": "move", "parent": parent, "id": id, "before": before }),
            Patch::SetAttr { id, name, value } => {
                let builtin = !self.is_component_node(owner, *id);
                let text = match &**name {
                    "class" => Some(self.classes(owner, &value.to_text())),
                    "style" => Some(mpsim_wxss::convert_inline_style(&value.to_text(), self.device.width)),
                    n if builtin && is_boolean_attribute(n) => value.truthy().then(String::new),
                    _ => Some(attr_text(value)),
                };
                json!({ "op": "attr", "id": id, "name": &**name, "value": text })
            }
            Patch::RemoveAttr { id, name } => json!({ "op": "attr", "id": id, "name": &**name, "value": Json::Null }),
            Patch::SetText { id, text } => json!({ "op": "text", "id": id, "text": &**text }),
            Patch::SetListeners { id } => {
                let events = self
                    .st
                    .instances
                    .get(&owner)
                    .and_then(|i| mpsim_runtime::find_mounted(&i.mounted, *id))
                    .map(|m| Self::events(&m.vnode))
                    .unwrap_or(json!([]));
                json!({ "op": "events", "id": id, "events": events })
            }
        }
    }

    fn is_component_node(&self, owner: InstanceId, id: NodeId) -> bool {
        self.st
            .instances
            .get(&owner)
            .and_then(|i| mpsim_runtime::find_mounted(&i.mounted, id))
            .is_some_and(|m| matches!(*m.vnode, VNode::Component(_)))
    }

    /// Ops for one window update from the engine's change log, per page, skipping what
    /// full snapshots (`pages` sent whole, shadows of new components) already contain.
    pub fn ops(&self, changes: &[Change], covered: &mut HashSet<InstanceId>) -> Vec<(InstanceId, Json)> {
        let mut out = Vec::new();
        for change in changes {
            match change {
                Change::Mounted { instance } => {
                    if covered.contains(instance) {
                        continue;
                    }
                    let Some(inst) = self.st.instances.get(instance) else { continue };
                    let Some(host) = inst.host else { continue };
                    let page = inst.page;
                    let shadow = self.shadow(*instance, covered);
                    out.push((page, json!({ "op": "shadow", "host": host, "shadow": shadow })));
                }
                Change::Patch { instance, patch } => {
                    if covered.contains(instance) {
                        continue;
                    }
                    let Some(inst) = self.st.instances.get(instance) else { continue };
                    out.push((inst.page, self.op(*instance, patch)));
                }
            }
        }
        out
    }
}

/// An attribute value as the DOM's setAttribute stringifies it (`undefined` as empty).
fn attr_text(value: &Value) -> String {
    value.to_text()
}
