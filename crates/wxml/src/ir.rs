//! The template IR: what a parsed and linked WXML file is, and what the renderer walks.
//!
//! The parser turns text into these nodes (directives already grouped: a `wx:if` /
//! `wx:elif` / `wx:else` run of siblings is one [`Node::If`], a `wx:for` element is wrapped
//! in a [`Node::For`]); the linker inlines `<include>`s and collects templates visible to a
//! file (its own plus those of files it imports, not transitively).
//!
//! Not here: evaluation (see `eval`), component resolution (a tag is a custom component
//! when the page's usingComponents says so, which only the runtime knows).

use crate::expr::Expr;
use mpsim_base::Span;
use std::collections::HashMap;
use std::rc::Rc;

/// A text or attribute value: literal text and `{{ }}` expressions.
#[derive(Clone, Debug, PartialEq)]
pub struct Interp {
    pub parts: Vec<Part>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// Literal text, exactly as written (entities are not decoded).
    Text(Rc<str>),
    Expr(Expr),
}

impl Interp {
    /// A value with no `{{ }}`.
    pub fn literal(text: &str, span: Span) -> Interp {
        Interp { parts: vec![Part::Text(Rc::from(text))], span }
    }

    /// `Some(expr)` when the value is exactly one `{{expr}}` with no text around it: such
    /// an attribute passes the expression's value itself (an array stays an array).
    pub fn single_expr(&self) -> Option<&Expr> {
        match self.parts.as_slice() {
            [Part::Expr(e)] => Some(e),
            _ => None,
        }
    }

    /// The literal text when there is no `{{ }}`.
    pub fn as_literal(&self) -> Option<&str> {
        match self.parts.as_slice() {
            [] => Some(""),
            [Part::Text(t)] => Some(t),
            _ => None,
        }
    }
}

/// An attribute other than directives and event bindings: `id`, `class`, `style`,
/// `data-*`, `mark:*`, `slot`, `generic:*`, component properties, built-in attributes…
#[derive(Clone, Debug, PartialEq)]
pub struct Attr {
    /// The name as written (`data-user-id`, `mark:x`, `generic:selectable`).
    pub name: Rc<str>,
    /// `None` for a bare attribute (`<input disabled>`), which WeChat treats as `true`.
    pub value: Option<Interp>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// `bind` / `bind:` — handle and let the event go on bubbling.
    Bind,
    /// `catch` / `catch:` — handle and stop bubbling.
    Catch,
    /// `mut-bind` / `mut-bind:` — among mut-bind handlers on the path only the first runs.
    MutBind,
}

/// `bindtap="onTap"`, `catch:tap`, `capture-bind:touchstart`, `mut-bind:tap`…
#[derive(Clone, Debug, PartialEq)]
pub struct EventAttr {
    /// The event type (`tap`, `myevent`).
    pub event: Rc<str>,
    pub kind: EventKind,
    /// `capture-bind` / `capture-catch`: runs in the capture phase.
    pub capture: bool,
    /// The handler's method name, possibly computed (`bindtap="{{handlerName}}"`).
    pub handler: Interp,
    pub span: Span,
}

/// An element as written: a built-in (`view`), a custom component, `block`, `slot`, or
/// `template is="…"` (see [`Node`] for which is which).
#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    pub tag: Rc<str>,
    pub attrs: Vec<Attr>,
    pub events: Vec<EventAttr>,
    pub children: Vec<Node>,
    /// Span of the tag name in the start tag.
    pub span: Span,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|a| &*a.name == name)
    }
}

/// How wx:for items are keyed.
#[derive(Clone, Debug, PartialEq)]
pub enum ForKey {
    /// No `wx:key`: items are matched by index.
    None,
    /// `wx:key="*this"`: the item itself (a string or number) is the key.
    This,
    /// `wx:key="id"`: the item's property of that name is the key.
    Field(Rc<str>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ForNode {
    /// The `wx:for` value (an array, object, number or string).
    pub list: Interp,
    /// `wx:for-item`, default `item`.
    pub item: Rc<str>,
    /// `wx:for-index`, default `index`.
    pub index: Rc<str>,
    pub key: ForKey,
    /// The repeated node (its own `wx:if`, if any, applies per item).
    pub body: Box<Node>,
    /// Root identifiers the body reads from the enclosing scope, sorted and unique,
    /// including `item` / `index` names and excluding names bound by loops nested inside.
    /// Identifiers inside `<template is>` bodies are not counted (a template sees only its
    /// `data`), but identifiers in the call's `is` and `data` are. The renderer memoizes a
    /// row while these values are unchanged.
    pub free_vars: Vec<Rc<str>>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Branch {
    /// `None` for `wx:else`.
    pub cond: Option<Expr>,
    pub node: Node,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// An element: a built-in, a custom component, or `slot` (the renderer tells which).
    Element(Element),
    /// Text with interpolation. White-space-only text between tags is dropped by the parser.
    Text(Interp),
    /// `<block>`: its children, no element.
    Block(Vec<Node>, Span),
    /// `<template is="…" data="…"/>`.
    TemplateCall(TemplateCall),
    /// A `wx:if` / `wx:elif` / `wx:else` chain of sibling nodes.
    If(Vec<Branch>),
    For(ForNode),
    /// `<include src>` before linking; the linker replaces it with the included nodes.
    Include(Rc<str>, Span),
}

#[derive(Clone, Debug, PartialEq)]
pub struct TemplateCall {
    pub is: Interp,
    /// The `data` attribute: `{{a, b: 1, ...c}}` is an object literal without its braces.
    pub data: Option<Expr>,
    pub span: Span,
}

/// `<template name="x">…</template>`.
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateDef {
    pub name: Rc<str>,
    pub children: Vec<Node>,
    /// The file that defines it (project-relative), for diagnostics and its wxs modules.
    pub file: Rc<str>,
    pub span: Span,
}

/// `<wxs module="m" src="./m.wxs"/>` or inline `<wxs module="m">code</wxs>`.
#[derive(Clone, Debug, PartialEq)]
pub struct WxsDecl {
    pub module: Rc<str>,
    pub source: WxsSource,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum WxsSource {
    /// The `src` attribute as written, and its resolved project-relative path.
    File { src: Rc<str>, path: Rc<str> },
    /// Inline code and the byte offset where it starts in the .wxml file.
    Inline { code: Rc<str>, offset: u32 },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    /// As written.
    pub src: Rc<str>,
    /// Resolved project-relative path (with `.wxml` appended when missing).
    pub path: Rc<str>,
    pub span: Span,
}

/// One parsed .wxml file, before linking.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// Project-relative path of the file.
    pub path: Rc<str>,
    /// The render tree, with `<template name>`, `<import>` and `<wxs>` removed.
    pub nodes: Vec<Node>,
    pub templates: Vec<Rc<TemplateDef>>,
    pub imports: Vec<Import>,
    pub wxs: Vec<WxsDecl>,
}

/// What code written in one file sees: the templates it can call (its own and those of
/// the files it imports directly; own definitions win) and its own wxs modules.
#[derive(Clone, Debug, Default)]
pub struct FileScope {
    pub templates: HashMap<Rc<str>, Rc<TemplateDef>>,
    pub wxs: Vec<WxsDecl>,
}

/// A linked template, ready to render: includes inlined, templates resolved.
#[derive(Clone, Debug, Default)]
pub struct CompiledTemplate {
    pub path: Rc<str>,
    pub nodes: Vec<Node>,
    /// Templates callable from this file by name: its own and those of the files it
    /// imports directly (not transitively). Own definitions win over imported ones.
    pub templates: HashMap<Rc<str>, Rc<TemplateDef>>,
    /// This file's own wxs modules (an included file's are not visible).
    pub wxs: Vec<WxsDecl>,
    /// The scope of every file whose templates may render (the entry and the files reached
    /// through imports): a template body calls templates and wxs modules of its own file.
    pub scopes: HashMap<Rc<str>, FileScope>,
    /// Every file this template was built from (itself, includes, imports), for hot reload.
    pub deps: Vec<Rc<str>>,
}
