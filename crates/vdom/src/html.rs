//! The HTML contract of `mpsim render`: the composed tree as one fragment.
//!
//! Built-ins print as `<wx-NAME>`; a custom component prints as an element named by the
//! tag its owner used, containing its composed shadow tree (its own content, with the
//! owner's light children placed at its slots). Every element is closed explicitly, there
//! is no pretty-printing, text and attribute values are HTML-escaped as a DOM serializer
//! does, and boolean attributes of built-ins are present only when truthy. A
//! `<wx-rich-text>` holds its `nodes` as sanitized HTML ([`crate::rich_text`]) instead of a
//! `nodes` attribute (void HTML elements there, such as `<br>`, have no end tag).

use crate::node::{Mounted, NodeId, VNode};
use crate::rich_text::write_rich_text;
use mpsim_base::Value;
use std::cell::RefCell;
use std::collections::HashSet;

/// Where the serializer finds the shadow tree of each component instance.
pub trait ShadowTrees {
    /// The mounted shadow tree of the component whose host node is `host`.
    fn shadow(&self, host: NodeId) -> Option<&[Mounted]>;
    /// Whether that component set `options.multipleSlots`.
    fn multiple_slots(&self, host: NodeId) -> bool;
}

/// Attributes of built-in components that are booleans: present when truthy, absent when
/// falsy (so `hidden="{{false}}"` and `hidden="false"`… follow JS truthiness of the value).
pub fn is_boolean_attribute(name: &str) -> bool {
    matches!(
        name,
        "hidden"
            | "disabled"
            | "checked"
            | "loading"
            | "plain"
            | "selected"
            | "selectable"
            | "user-select"
            | "decode"
            | "focus"
            | "auto-focus"
            | "password"
            | "auto-height"
            | "fixed"
            | "indicator-dots"
            | "autoplay"
            | "circular"
            | "vertical"
            | "scroll-x"
            | "scroll-y"
            | "scroll-with-animation"
            | "enable-flex"
            | "enable-back-to-top"
            | "show-info"
            | "active"
            | "lazy-load"
            | "show-menu-by-longpress"
            | "webp"
            | "show-value"
            | "controls"
            | "muted"
            | "loop"
            | "hover-stop-propagation"
            | "confirm-hold"
            | "adjust-position"
            | "hold-keyboard"
            | "disable-default-padding"
            | "show-confirm-bar"
            | "catchmove"
    )
}

/// The light children of one component host, and which slots already took them.
struct SlotContext<'a> {
    children: &'a [Mounted],
    multiple: bool,
    used: RefCell<HashSet<String>>,
    /// The context the light children themselves were rendered in.
    parent: Option<&'a SlotContext<'a>>,
}

/// Appends the composed HTML of `nodes` (a page's mounted tree) to `out`.
pub fn write_html(nodes: &[Mounted], trees: &dyn ShadowTrees, out: &mut String) {
    write_nodes(nodes, trees, None, out);
}

fn write_nodes(nodes: &[Mounted], trees: &dyn ShadowTrees, ctx: Option<&SlotContext>, out: &mut String) {
    for m in nodes {
        write_node(m, trees, ctx, out);
    }
}

fn write_node(m: &Mounted, trees: &dyn ShadowTrees, ctx: Option<&SlotContext>, out: &mut String) {
    match &*m.vnode {
        VNode::Text(t) => escape_text(t, out),
        VNode::Element(e) => {
            // rich-text shows its nodes, never its template children.
            let rich_text = &*e.tag == "rich-text";
            out.push_str("<wx-");
            out.push_str(&e.tag);
            for (name, value) in &e.attrs {
                if rich_text && &**name == "nodes" {
                    continue;
                }
                write_attr(name, value, is_boolean_attribute(name), out);
            }
            out.push('>');
            if rich_text {
                write_rich_text(m.vnode.attr("nodes").unwrap_or(&Value::Undefined), out);
            } else {
                write_nodes(&m.children, trees, ctx, out);
            }
            out.push_str("</wx-");
            out.push_str(&e.tag);
            out.push('>');
        }
        VNode::Component(c) => {
            out.push('<');
            out.push_str(&c.tag);
            for (name, value) in &c.attrs {
                write_attr(name, value, false, out);
            }
            out.push('>');
            let inner = SlotContext {
                children: &m.children,
                multiple: trees.multiple_slots(m.id),
                used: RefCell::new(HashSet::new()),
                parent: ctx,
            };
            if let Some(shadow) = trees.shadow(m.id) {
                write_nodes(shadow, trees, Some(&inner), out);
            }
            out.push_str("</");
            out.push_str(&c.tag);
            out.push('>');
        }
        VNode::Slot(s) => {
            let Some(ctx) = ctx else { return };
            let name: &str = if ctx.multiple { &s.name } else { "" };
            // Only the first slot of a name receives its nodes.
            if !ctx.used.borrow_mut().insert(name.to_string()) {
                return;
            }
            for child in ctx.children {
                if slot_of(child, ctx.multiple) == name {
                    write_node(child, trees, ctx.parent, out);
                }
            }
        }
    }
}

/// The slot a light child goes to: its `slot` attribute with multiple slots, else the
/// default slot.
pub(crate) fn slot_of(m: &Mounted, multiple: bool) -> &str {
    if multiple {
        m.vnode.slot().unwrap_or("")
    } else {
        ""
    }
}

fn write_attr(name: &str, value: &Value, boolean: bool, out: &mut String) {
    if boolean {
        if value.truthy() {
            out.push(' ');
            out.push_str(name);
            out.push_str("=\"\"");
        }
        return;
    }
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    escape_attr(&value.to_text(), out);
    out.push('"');
}

pub(crate) fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
}

pub(crate) fn escape_attr(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
}
