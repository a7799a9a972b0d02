//! The node types of the virtual tree, the mounted tree and patches.

use mpsim_base::Value;
use std::rc::Rc;

/// A rendered node, shared: unchanged subtrees are reused by pointer between renders.
pub type NodeRef = Rc<VNode>;

/// A stable node id, unique within one page; assigned when a node is mounted.
pub type NodeId = u64;

/// The key of a `wx:for` item (`wx:key`), as a string.
pub type Key = Rc<str>;

#[derive(Clone, Debug, PartialEq)]
pub enum VNode {
    Element(Element),
    Text(Rc<str>),
    Component(ComponentNode),
    Slot(SlotNode),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListenerKind {
    Bind,
    Catch,
    MutBind,
}

/// An event binding on a rendered node: the owner's method `handler` handles `event`.
#[derive(Clone, Debug, PartialEq)]
pub struct Listener {
    pub event: Rc<str>,
    pub handler: Rc<str>,
    pub kind: ListenerKind,
    pub capture: bool,
}

/// A built-in element (`view`, `button`…).
#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    /// The WXML tag (`view`); serialized as `wx-view`.
    pub tag: Rc<str>,
    /// Rendered attributes in template order (`id`, `class` as the resolved list,
    /// `style`, `data-*`, built-in attributes). Never directives, bindings, `slot`, `mark:`.
    pub attrs: Vec<(Rc<str>, Value)>,
    pub listeners: Vec<Listener>,
    /// `mark:name` values.
    pub marks: Vec<(Rc<str>, Value)>,
    /// The `slot` attribute: which slot of the enclosing component this light child fills.
    pub slot: Option<Rc<str>>,
    pub key: Option<Key>,
    pub children: Vec<NodeRef>,
}

/// A custom component's host node in its owner's tree. Its shadow tree is rendered by
/// the component instance; `children` are the light children the owner passes in.
#[derive(Clone, Debug, PartialEq)]
pub struct ComponentNode {
    /// The tag the template used (`my-card`).
    pub tag: Rc<str>,
    /// The component definition it instantiates (project-relative path, no extension).
    pub component: Rc<str>,
    /// Host-element attributes: only `id`, `class`, `style`, `data-*`.
    pub attrs: Vec<(Rc<str>, Value)>,
    /// Every other attribute, by its name as written (`my-prop`, `item`), for properties
    /// and external classes.
    pub props: Vec<(Rc<str>, Value)>,
    /// `generic:name="impl-tag"` resolved to component paths.
    pub generics: Vec<(Rc<str>, Rc<str>)>,
    pub listeners: Vec<Listener>,
    pub marks: Vec<(Rc<str>, Value)>,
    pub slot: Option<Rc<str>>,
    pub key: Option<Key>,
    pub children: Vec<NodeRef>,
}

/// `<slot name="…">` in a component's own template.
#[derive(Clone, Debug, PartialEq)]
pub struct SlotNode {
    /// `""` for the default slot.
    pub name: Rc<str>,
    pub key: Option<Key>,
}

impl VNode {
    pub fn key(&self) -> Option<&Key> {
        match self {
            VNode::Element(e) => e.key.as_ref(),
            VNode::Component(c) => c.key.as_ref(),
            VNode::Slot(s) => s.key.as_ref(),
            VNode::Text(_) => None,
        }
    }

    pub fn children(&self) -> &[NodeRef] {
        match self {
            VNode::Element(e) => &e.children,
            VNode::Component(c) => &c.children,
            VNode::Text(_) | VNode::Slot(_) => &[],
        }
    }

    pub fn attrs(&self) -> &[(Rc<str>, Value)] {
        match self {
            VNode::Element(e) => &e.attrs,
            VNode::Component(c) => &c.attrs,
            VNode::Text(_) | VNode::Slot(_) => &[],
        }
    }

    pub fn attr(&self, name: &str) -> Option<&Value> {
        self.attrs().iter().find(|(n, _)| &**n == name).map(|(_, v)| v)
    }

    pub fn listeners(&self) -> &[Listener] {
        match self {
            VNode::Element(e) => &e.listeners,
            VNode::Component(c) => &c.listeners,
            VNode::Text(_) | VNode::Slot(_) => &[],
        }
    }

    pub fn marks(&self) -> &[(Rc<str>, Value)] {
        match self {
            VNode::Element(e) => &e.marks,
            VNode::Component(c) => &c.marks,
            VNode::Text(_) | VNode::Slot(_) => &[],
        }
    }

    /// The slot this node fills when it is a light child.
    pub fn slot(&self) -> Option<&str> {
        match self {
            VNode::Element(e) => e.slot.as_deref(),
            VNode::Component(c) => c.slot.as_deref(),
            VNode::Text(_) | VNode::Slot(_) => None,
        }
    }

    /// Whether two nodes can be the same mounted node (same kind and tag/definition).
    pub fn same_type(&self, other: &VNode) -> bool {
        match (self, other) {
            (VNode::Element(a), VNode::Element(b)) => a.tag == b.tag,
            (VNode::Component(a), VNode::Component(b)) => a.tag == b.tag && a.component == b.component,
            (VNode::Text(_), VNode::Text(_)) | (VNode::Slot(_), VNode::Slot(_)) => true,
            _ => false,
        }
    }
}

/// A node as mounted: the rendered node plus a stable id, and mounted children.
#[derive(Clone, Debug)]
pub struct Mounted {
    pub id: NodeId,
    pub vnode: NodeRef,
    pub children: Vec<Mounted>,
}

impl Mounted {
    /// Depth-first search for a mounted node by id.
    pub fn find(&self, id: NodeId) -> Option<&Mounted> {
        if self.id == id {
            return Some(self);
        }
        self.children.iter().find_map(|c| c.find(id))
    }
}

/// One change to apply to a mounted tree (and to the webview's DOM).
///
/// Parents are in the owner instance's tree: a component node's children are its light
/// children, wherever its shadow tree puts them. Positions are anchors, as in the DOM's
/// `insertBefore`: `before: None` appends. Patches apply in order.
#[derive(Clone, Debug)]
pub enum Patch {
    /// A new node with its whole subtree.
    Insert {
        parent: NodeId,
        before: Option<NodeId>,
        node: Mounted,
    },
    Remove {
        id: NodeId,
    },
    /// An existing node moved among its parent's children.
    Move {
        parent: NodeId,
        id: NodeId,
        before: Option<NodeId>,
    },
    SetAttr {
        id: NodeId,
        name: Rc<str>,
        value: Value,
    },
    RemoveAttr {
        id: NodeId,
        name: Rc<str>,
    },
    SetText {
        id: NodeId,
        text: Rc<str>,
    },
    /// Listeners or marks changed (the webview re-reads what it forwards).
    SetListeners {
        id: NodeId,
    },
}
