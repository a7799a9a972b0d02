//! Free-variable analysis for `wx:for` bodies: which root identifiers a repeated node
//! reads from its scope, so the renderer can skip rows whose inputs did not change.
//!
//! The rules are those documented on [`crate::ir::ForNode::free_vars`]: names bound by
//! loops nested inside the body are excluded (within those loops only), identifiers
//! inside template bodies are not visible here (a call only contributes its `is` and
//! `data`), and the loop's own `item` / `index` names count like any other name. Nothing
//! here evaluates or resolves anything.

use crate::expr::{ArrayItem, Expr, ExprKind, ObjectItem};
use crate::ir::{ForNode, Interp, Node, Part};
use std::collections::BTreeSet;
use std::rc::Rc;

/// The sorted, unique root identifiers `body` reads.
pub fn free_vars_of(body: &Node) -> Vec<Rc<str>> {
    let mut c = Collector { bound: Vec::new(), out: BTreeSet::new() };
    c.node(body);
    c.out.into_iter().collect()
}

/// Recomputes `free_vars` of every loop in `nodes` (needed after includes were inlined
/// into loop bodies).
pub fn refresh(nodes: &mut [Node]) {
    for n in nodes {
        refresh_node(n);
    }
}

fn refresh_node(node: &mut Node) {
    match node {
        Node::Element(e) => refresh(&mut e.children),
        Node::Block(children, _) => refresh(children),
        Node::If(branches) => {
            for b in branches {
                refresh_node(&mut b.node);
            }
        }
        Node::For(f) => {
            refresh_node(&mut f.body);
            f.free_vars = free_vars_of(&f.body);
        }
        Node::Text(_) | Node::TemplateCall(_) | Node::Include(..) => {}
    }
}

struct Collector<'a> {
    /// Names bound by loops nested inside the analysed body, innermost last.
    bound: Vec<&'a str>,
    out: BTreeSet<Rc<str>>,
}

impl<'a> Collector<'a> {
    fn node(&mut self, node: &'a Node) {
        match node {
            Node::Element(e) => {
                for a in &e.attrs {
                    if let Some(v) = &a.value {
                        self.interp(v);
                    }
                }
                for ev in &e.events {
                    self.interp(&ev.handler);
                }
                for c in &e.children {
                    self.node(c);
                }
            }
            Node::Text(t) => self.interp(t),
            Node::Block(children, _) => {
                for c in children {
                    self.node(c);
                }
            }
            Node::TemplateCall(call) => {
                self.interp(&call.is);
                if let Some(d) = &call.data {
                    self.expr(d);
                }
            }
            Node::If(branches) => {
                for b in branches {
                    if let Some(c) = &b.cond {
                        self.expr(c);
                    }
                    self.node(&b.node);
                }
            }
            Node::For(f) => self.nested_for(f),
            Node::Include(..) => {}
        }
    }

    fn nested_for(&mut self, f: &'a ForNode) {
        // The list is read in the enclosing scope; the body sees item and index bound.
        self.interp(&f.list);
        let depth = self.bound.len();
        self.bound.push(&f.item);
        self.bound.push(&f.index);
        self.node(&f.body);
        self.bound.truncate(depth);
    }

    fn interp(&mut self, i: &'a Interp) {
        for p in &i.parts {
            if let Part::Expr(e) = p {
                self.expr(e);
            }
        }
    }

    fn expr(&mut self, e: &'a Expr) {
        match &e.kind {
            ExprKind::Ident(name) => {
                if !self.bound.iter().any(|b| *b == &**name) && !self.out.contains(name) {
                    self.out.insert(name.clone());
                }
            }
            ExprKind::Member(obj, _) => self.expr(obj),
            ExprKind::Index(obj, key) => {
                self.expr(obj);
                self.expr(key);
            }
            ExprKind::Call(callee, args) => {
                self.expr(callee);
                for a in args {
                    self.expr(a);
                }
            }
            ExprKind::Unary(_, x) => self.expr(x),
            ExprKind::Binary(_, l, r) | ExprKind::Logical(_, l, r) => {
                self.expr(l);
                self.expr(r);
            }
            ExprKind::Conditional(t, y, n) => {
                self.expr(t);
                self.expr(y);
                self.expr(n);
            }
            ExprKind::Array(items) => {
                for it in items {
                    match it {
                        ArrayItem::Item(x) | ArrayItem::Spread(x) => self.expr(x),
                    }
                }
            }
            ExprKind::Object(items) => {
                for it in items {
                    match it {
                        ObjectItem::Property(_, x) | ObjectItem::Spread(x) => self.expr(x),
                    }
                }
            }
            ExprKind::Undefined | ExprKind::Null | ExprKind::Bool(_) | ExprKind::Number(_) | ExprKind::String(_) => {}
        }
    }
}
