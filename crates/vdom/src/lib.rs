//! The virtual tree: what a rendered template is ([`VNode`]), the mounted tree that gives
//! every node a stable id ([`Mounted`]), the keyed diff that turns a new render into
//! [`Patch`]es, and the HTML serialization `mpsim render` prints (with the sanitized
//! content of `<rich-text nodes>`).
//!
//! Each component instance renders its own tree (its shadow tree, with the light children
//! it passes to its child components kept under their [`ComponentNode`]); trees are
//! composed only when serialized. Nothing here evaluates templates or runs JavaScript.

mod diff;
mod html;
mod node;
pub mod rich_text;

pub use diff::{diff_children, mount_children, ComponentChange, IdGen};
pub use html::{is_boolean_attribute, write_html, ShadowTrees};
pub use node::{ComponentNode, Element, Key, Listener, ListenerKind, Mounted, NodeId, NodeRef, Patch, SlotNode, VNode};
