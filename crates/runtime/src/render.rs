//! Render: a compiled template plus an instance's data → the instance's virtual tree.
//!
//! Directives are applied here (`wx:if` chains, `wx:for` over arrays, objects, numbers and
//! strings, `<template is>` calls, `<block>`), attributes are evaluated, classes resolved
//! against external classes, and custom-component tags become [`ComponentNode`]s whose
//! light children are rendered in the owner's scope. What a component renders inside is
//! its own instance's business, not this pass's.
//!
//! `wx:for` rows are memoized: a row whose free variables (see `ForNode::free_vars`) are
//! the same values as in the previous render reuses the previous nodes, so the diff can
//! skip it by pointer. This is what keeps a one-row update of a long list cheap.

use mpsim_base::{Span, Value};
use mpsim_vdom::{ComponentNode, Element, Key, Listener, ListenerKind, NodeRef, SlotNode, VNode};
use mpsim_wxml::ir::{CompiledTemplate, EventKind, ForKey, ForNode, Interp, Node, TemplateCall};
use mpsim_wxml::{eval, eval_interp, Env};
use std::collections::HashMap;
use std::rc::Rc;

/// Calls into wxs modules on behalf of templates.
pub trait WxsHost {
    /// The exported value of module `module` declared in `file` (for `{{m.CONST}}`), or
    /// `None` when no such module is declared there.
    fn module_value(&self, file: &str, module: &str) -> Option<Value>;
    /// Calls `module.path…(args)`.
    fn call(&self, file: &str, module: &str, path: &[Value], args: Vec<Value>, span: Span) -> Value;
}

/// A wxs host for templates that declare no modules.
pub struct NoWxs;

impl WxsHost for NoWxs {
    fn module_value(&self, _: &str, _: &str) -> Option<Value> {
        None
    }
    fn call(&self, _: &str, _: &str, _: &[Value], _: Vec<Value>, _: Span) -> Value {
        Value::Undefined
    }
}

/// Rows rendered last time, per `wx:for` node (by address) and per visit of that node
/// within one render (an inner loop is visited once per outer row): each row's key, the
/// free-variable values it was rendered with, and the nodes it produced.
#[derive(Default)]
pub struct Memo {
    loops: HashMap<usize, Vec<Vec<Row>>>,
}

struct Row {
    key: RowKey,
    free: Vec<Value>,
    nodes: Option<Rc<[NodeRef]>>,
}

/// A row's identity: its `wx:key` value (numbers and strings kept apart from each other
/// only by value, as keys are compared after ToString) or its index.
#[derive(Clone, PartialEq, Eq, Hash)]
enum RowKey {
    Index(usize),
    Number(u64),
    Str(Rc<str>),
}

impl RowKey {
    fn of(key: &ForKey, item: &Value, index: usize) -> RowKey {
        let v = match key {
            ForKey::None => return RowKey::Index(index),
            ForKey::This => item.clone(),
            ForKey::Field(name) => item.get(name),
        };
        match v {
            // Integral numbers stand for their decimal string without formatting it.
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => RowKey::Number((n as i64) as u64),
            Value::String(s) => match s.parse::<i64>() {
                Ok(n) if n.to_string() == *s => RowKey::Number(n as u64),
                _ => RowKey::Str(s),
            },
            other => RowKey::Str(Rc::from(other.to_js_string())),
        }
    }

    fn to_key(&self) -> Option<Key> {
        match self {
            RowKey::Index(_) => None,
            RowKey::Number(n) => Some(Rc::from((*n as i64).to_string())),
            RowKey::Str(s) => Some(s.clone()),
        }
    }
}

/// Everything one render of one instance needs.
pub struct RenderCx<'a> {
    pub template: &'a CompiledTemplate,
    /// The custom component a tag names for this instance (usingComponents, generics).
    pub resolve_tag: &'a dyn Fn(&str) -> Option<Rc<str>>,
    /// External classes of this instance and the classes its owner passed for each.
    pub external_classes: &'a [(Rc<str>, String)],
    /// Whether `<slot>` elements are slots (true for components, false for pages).
    pub is_component: bool,
    pub wxs: &'a dyn WxsHost,
    /// Last render's rows; taken and replaced by this render's.
    pub memo: &'a mut Memo,
}

struct Renderer<'a, 'b> {
    cx: &'b RenderCx<'a>,
    /// Last render's rows, per loop node, visits in order (consumed from the front).
    old: HashMap<usize, std::collections::VecDeque<Vec<Row>>>,
    new: HashMap<usize, Vec<Vec<Row>>>,
}

/// Variables visible to an expression: loop and template locals over the data.
struct Scope<'s> {
    data: &'s Value,
    locals: Vec<(Rc<str>, Value)>,
    /// The file whose wxs modules are visible.
    file: &'s str,
    wxs: &'s dyn WxsHost,
}

impl Env for Scope<'_> {
    fn lookup(&self, name: &str) -> Value {
        if let Some((_, v)) = self.locals.iter().rev().find(|(n, _)| &**n == name) {
            return v.clone();
        }
        if let Some(v) = self.wxs.module_value(self.file, name) {
            return v;
        }
        self.data.get(name)
    }

    fn call(&self, root: &str, path: &[Value], args: Vec<Value>, span: Span) -> Value {
        self.wxs.call(self.file, root, path, args, span)
    }
}

/// Renders the instance's template with `data`.
pub fn render(cx: &mut RenderCx<'_>, data: &Value) -> Vec<NodeRef> {
    let old = std::mem::take(&mut cx.memo.loops).into_iter().map(|(k, v)| (k, v.into())).collect();
    let mut r = Renderer { cx, old, new: HashMap::new() };
    let mut scope = Scope { data, locals: Vec::new(), file: &r.cx.template.path, wxs: r.cx.wxs };
    let mut out = Vec::new();
    r.nodes(&r.cx.template.nodes, &mut scope, &mut out, 0);
    let loops = std::mem::take(&mut r.new);
    cx.memo.loops = loops;
    out
}

/// How deep template calls may nest (a template that calls itself forever stops here).
const MAX_TEMPLATE_DEPTH: usize = 64;

impl Renderer<'_, '_> {
    fn nodes(&mut self, nodes: &[Node], scope: &mut Scope, out: &mut Vec<NodeRef>, depth: usize) {
        for node in nodes {
            self.node(node, scope, out, depth);
        }
    }

    fn node(&mut self, node: &Node, scope: &mut Scope, out: &mut Vec<NodeRef>, depth: usize) {
        match node {
            Node::Text(interp) => {
                let text = interp_text(interp, scope);
                out.push(Rc::new(VNode::Text(Rc::from(text))));
            }
            Node::Element(el) => self.element(el, scope, out, depth),
            Node::Block(children, _) => self.nodes(children, scope, out, depth),
            Node::If(branches) => {
                // What a branch renders is keyed by the chain and the branch, so the diff
                // never confuses it with a sibling: when an earlier `wx:if` turns false, the
                // nodes after it keep their identity (and their component instances).
                let chain = branches.as_ptr() as usize;
                for (i, b) in branches.iter().enumerate() {
                    let taken = match &b.cond {
                        Some(c) => eval(c, scope).truthy(),
                        None => true,
                    };
                    if taken {
                        let start = out.len();
                        self.node(&b.node, scope, out, depth);
                        let many = out.len() - start > 1;
                        for (j, n) in out[start..].iter_mut().enumerate() {
                            if n.key().is_none() && !matches!(**n, VNode::Text(_)) {
                                let k = if many {
                                    format!("\u{1}{chain:x}:{i}:{j}")
                                } else {
                                    format!("\u{1}{chain:x}:{i}")
                                };
                                *n = with_key(n, Rc::from(k));
                            }
                        }
                        break;
                    }
                }
            }
            Node::For(f) => self.for_node(f, scope, out, depth),
            Node::TemplateCall(call) => self.template_call(call, scope, out, depth),
            // The linker inlines includes; one left here named a missing file.
            Node::Include(..) => {}
        }
    }

    fn for_node(&mut self, f: &ForNode, scope: &mut Scope, out: &mut Vec<NodeRef>, depth: usize) {
        let list = eval_interp(&f.list, scope);
        let items: Vec<(Value, Value)> = match &list {
            Value::Array(items) => {
                items.iter().enumerate().map(|(i, v)| (v.clone(), Value::Number(i as f64))).collect()
            }
            Value::Object(map) => map.iter().map(|(k, v)| (v.clone(), Value::String(k.clone()))).collect(),
            Value::Number(n) if *n > 0.0 && n.is_finite() => {
                (0..(*n as usize).min(1_000_000)).map(|i| (Value::Number(i as f64), Value::Number(i as f64))).collect()
            }
            Value::String(s) => s
                .chars()
                .enumerate()
                .map(|(i, c)| (Value::String(Rc::from(c.to_string())), Value::Number(i as f64)))
                .collect(),
            _ => Vec::new(),
        };
        let node_addr = f as *const ForNode as usize;
        let mut previous: Vec<Row> = self.old.get_mut(&node_addr).and_then(|v| v.pop_front()).unwrap_or_default();
        // Rows are looked up by position first (the common case: nothing moved), by key
        // through this index only when positions disagree.
        let mut by_key: Option<HashMap<RowKey, usize>> = None;
        let mut rows_out: Vec<Row> = Vec::with_capacity(items.len());
        for (i, (item, index)) in items.into_iter().enumerate() {
            let key = RowKey::of(&f.key, &item, i);
            scope.locals.push((f.item.clone(), item));
            scope.locals.push((f.index.clone(), index));
            let at = if previous.get(i).is_some_and(|r| r.key == key) {
                Some(i)
            } else {
                let map = by_key
                    .get_or_insert_with(|| previous.iter().enumerate().map(|(j, r)| (r.key.clone(), j)).collect());
                map.get(&key).copied()
            };
            // Reuse the previous row when every free variable is the same value; compare
            // in place so a hit allocates nothing.
            let reused = at.and_then(|j| previous.get_mut(j)).filter(|r| {
                r.nodes.is_some()
                    && r.free.len() == f.free_vars.len()
                    && f.free_vars.iter().zip(&r.free).all(|(name, old)| scope.lookup(name).same(old))
            });
            let (free, nodes) = match reused {
                // Taken, so a duplicate key cannot reuse the same row twice.
                Some(r) => (std::mem::take(&mut r.free), r.nodes.take().unwrap_or_else(|| Rc::from(Vec::new()))),
                None => {
                    let free: Vec<Value> = f.free_vars.iter().map(|v| scope.lookup(v)).collect();
                    let mut row = Vec::new();
                    self.node(&f.body, scope, &mut row, depth);
                    if let Some(k) = key.to_key() {
                        let many = row.len() > 1;
                        for (j, n) in row.iter_mut().enumerate() {
                            let k: Key = if many { Rc::from(format!("{k}\u{0}{j}")) } else { k.clone() };
                            *n = with_key(n, k);
                        }
                    }
                    (free, Rc::from(row))
                }
            };
            scope.locals.truncate(scope.locals.len() - 2);
            out.extend(nodes.iter().cloned());
            rows_out.push(Row { key, free, nodes: Some(nodes) });
        }
        self.new.entry(node_addr).or_default().push(rows_out);
    }

    fn template_call(&mut self, call: &TemplateCall, scope: &mut Scope, out: &mut Vec<NodeRef>, depth: usize) {
        if depth >= MAX_TEMPLATE_DEPTH {
            return;
        }
        let name = eval_interp(&call.is, scope).to_text();
        // A call sees the templates of the file it is written in.
        let visible = match self.cx.template.scopes.get(scope.file) {
            Some(s) => &s.templates,
            None => &self.cx.template.templates,
        };
        let Some(def) = visible.get(name.as_str()) else { return };
        let data = match &call.data {
            Some(e) => eval(e, scope),
            None => Value::empty_object(),
        };
        // The body runs in its defining file: its templates and its wxs modules.
        let mut inner = Scope { data: &data, locals: Vec::new(), file: &def.file, wxs: scope.wxs };
        self.nodes(&def.children, &mut inner, out, depth + 1);
    }

    fn element(&mut self, el: &mpsim_wxml::ir::Element, scope: &mut Scope, out: &mut Vec<NodeRef>, depth: usize) {
        if &*el.tag == "slot" && self.cx.is_component {
            let name =
                el.attr("name").and_then(|a| a.value.as_ref()).map(|v| interp_text(v, scope)).unwrap_or_default();
            out.push(Rc::new(VNode::Slot(SlotNode { name: Rc::from(name), key: None })));
            return;
        }
        let component = (self.cx.resolve_tag)(&el.tag);
        let mut attrs = Vec::new();
        let mut props = Vec::new();
        let mut marks = Vec::new();
        let mut generics = Vec::new();
        let mut slot = None;
        for a in &el.attrs {
            let name: &str = &a.name;
            let value = match &a.value {
                Some(v) => eval_interp(v, scope),
                None => Value::Bool(true),
            };
            if name == "slot" {
                slot = Some(Rc::from(value.to_text()));
            } else if let Some(m) = name.strip_prefix("mark:") {
                marks.push((Rc::from(m), value));
            } else if let Some(g) = name.strip_prefix("generic:") {
                if let Some(path) = (self.cx.resolve_tag)(&value.to_text()) {
                    generics.push((Rc::from(g), path));
                }
            } else if name.starts_with("wx:") {
                // Directives were applied by the parser; a stray one renders nothing.
            } else if name == "class" {
                attrs.push((a.name.clone(), Value::from(self.resolve_classes(&value.to_text()))));
            } else if let Some(bound) = name.strip_prefix("model:") {
                // Two-way binding renders as the plain attribute.
                push_attr(component.is_some(), &mut attrs, &mut props, Rc::from(bound), value);
            } else {
                push_attr(component.is_some(), &mut attrs, &mut props, a.name.clone(), value);
            }
        }
        let listeners = el
            .events
            .iter()
            .filter_map(|e| {
                let handler = interp_text(&e.handler, scope);
                (!handler.is_empty()).then(|| Listener {
                    event: e.event.clone(),
                    handler: Rc::from(handler),
                    kind: match e.kind {
                        EventKind::Bind => ListenerKind::Bind,
                        EventKind::Catch => ListenerKind::Catch,
                        EventKind::MutBind => ListenerKind::MutBind,
                    },
                    capture: e.capture,
                })
            })
            .collect();
        let mut children = Vec::new();
        self.nodes(&el.children, scope, &mut children, depth);
        let node = match component {
            Some(path) => VNode::Component(ComponentNode {
                tag: el.tag.clone(),
                component: path,
                attrs,
                props,
                generics,
                listeners,
                marks,
                slot,
                key: None,
                children,
            }),
            None => VNode::Element(Element { tag: el.tag.clone(), attrs, listeners, marks, slot, key: None, children }),
        };
        out.push(Rc::new(node));
    }

    /// The class list as rendered: white space collapsed, external classes replaced by
    /// what the owner passed for them.
    fn resolve_classes(&self, class: &str) -> String {
        let mut out = String::new();
        for token in class.split_ascii_whitespace() {
            let replaced = self.cx.external_classes.iter().find(|(n, _)| &**n == token).map(|(_, v)| v.as_str());
            for t in replaced.map(|r| r.split_ascii_whitespace().collect::<Vec<_>>()).unwrap_or_else(|| vec![token]) {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(t);
            }
        }
        out
    }
}

/// Host-element attributes of a custom component are only id, class, style and data-*;
/// everything else is a property (or external class) for the component.
fn push_attr(
    is_component: bool,
    attrs: &mut Vec<(Rc<str>, Value)>,
    props: &mut Vec<(Rc<str>, Value)>,
    name: Rc<str>,
    value: Value,
) {
    if !is_component || matches!(&*name, "id" | "style") || name.starts_with("data-") {
        attrs.push((name, value));
    } else {
        props.push((name, value));
    }
}

fn interp_text(interp: &Interp, scope: &Scope) -> String {
    eval_interp(interp, scope).to_text()
}

fn with_key(node: &NodeRef, key: Key) -> NodeRef {
    let mut n = (**node).clone();
    match &mut n {
        VNode::Element(e) => e.key = Some(key),
        VNode::Component(c) => c.key = Some(key),
        VNode::Slot(s) => s.key = Some(key),
        VNode::Text(_) => return node.clone(),
    }
    Rc::new(n)
}
