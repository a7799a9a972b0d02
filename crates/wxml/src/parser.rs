//! The WXML parser: one file's text to a [`Document`] plus diagnostics. It never fails
//! and never panics; a broken file yields what could be parsed.
//!
//! Parsing runs in two steps: the lexer's tokens are assembled into a raw element tree
//! (recovering from unclosed and stray tags), then the tree is lowered into the IR:
//! `{{ }}` split into interpolations, directives applied (`wx:if` chains grouped over
//! siblings, `wx:for` wrapped around its element with any `wx:if` on the same element
//! applied per item), events separated from attributes, and `<template name>`,
//! `<import>` and `<wxs>` hoisted into the document. Resolving other files is the
//! linker's job; nothing is evaluated here.

use crate::expr::{BinaryOp, Expr, ExprKind};
use crate::expr_parser::{parse_expr, parse_object_body};
use crate::free_vars::free_vars_of;
use crate::ir::{
    Attr, Branch, Document, Element, EventAttr, EventKind, ForKey, ForNode, Import, Interp, Node, Part, TemplateCall,
    TemplateDef, WxsDecl, WxsSource,
};
use crate::lexer::{find_interp_close, lex, RawAttr, StartTag, Token};
use mpsim_base::{Diagnostic, SourceFile, Span};
use std::rc::Rc;

/// Parses one .wxml file. `file.path` is project-relative; `root` is the mini-program
/// (or plugin) root folder relative to the project (`""` for the project root), against
/// which absolute `src="/…"` paths resolve.
pub fn parse(file: &SourceFile, root: &str) -> (Document, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let tokens = lex(file, &mut diags);
    let raw = build_tree(file, tokens, &mut diags);
    let mut p =
        Lower { file, src: &file.text, root, diags, templates: Vec::new(), imports: Vec::new(), wxs: Vec::new() };
    let nodes = p.children(raw);
    let doc = Document { path: Rc::from(&*file.path), nodes, templates: p.templates, imports: p.imports, wxs: p.wxs };
    (doc, p.diags)
}

/// Resolves a `src` written in `from_file` to a project-relative path: `/x` is relative
/// to `root`, anything else to the folder of `from_file`; `.` and `..` are normalised
/// (`..` never climbs above the project), and `.{ext}` is appended when missing.
pub fn resolve_src(from_file: &str, root: &str, src: &str, ext: &str) -> String {
    let mut segs: Vec<&str> = Vec::new();
    let base = match src.strip_prefix('/') {
        Some(_) => root,
        None => from_file.rsplit_once('/').map_or("", |(dir, _)| dir),
    };
    for seg in base.split('/').chain(src.split('/')) {
        match seg {
            "" | "." => {}
            ".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    let mut out = segs.join("/");
    let suffix = format!(".{ext}");
    if !out.ends_with(&suffix) {
        out.push_str(&suffix);
    }
    out
}

/// A raw element: the start tag and children, before lowering.
struct RawEl {
    tag: StartTag,
    children: Vec<Raw>,
}

enum Raw {
    El(RawEl),
    Text(Span),
    /// Inline wxs code.
    Code(Span),
}

fn text_of(src: &str, span: Span) -> &str {
    src.get(span.start as usize..span.end as usize).unwrap_or("")
}

fn build_tree(file: &SourceFile, tokens: Vec<Token>, diags: &mut Vec<Diagnostic>) -> Vec<Raw> {
    let src: &str = &file.text;
    let mut root: Vec<Raw> = Vec::new();
    let mut stack: Vec<RawEl> = Vec::new();
    fn attach(stack: &mut [RawEl], root: &mut Vec<Raw>, raw: Raw) {
        match stack.last_mut() {
            Some(top) => top.children.push(raw),
            None => root.push(raw),
        }
    }
    for tok in tokens {
        match tok {
            Token::Start(tag) => {
                if tag.self_closing {
                    let el = RawEl { tag, children: Vec::new() };
                    attach(&mut stack, &mut root, Raw::El(el));
                } else {
                    stack.push(RawEl { tag, children: Vec::new() });
                }
            }
            Token::End { name, span } => {
                let name_text = text_of(src, name);
                let found = stack.iter().rposition(|el| text_of(src, el.tag.name) == name_text);
                match found {
                    Some(k) => {
                        if k + 1 != stack.len() {
                            let top = stack.last().map_or("", |el| text_of(src, el.tag.name));
                            diags.push(file.error(
                                span,
                                "wxml-mismatched-close",
                                format!("expected `</{top}>`, found `</{name_text}>`"),
                            ));
                        }
                        while stack.len() > k {
                            if let Some(el) = stack.pop() {
                                attach(&mut stack, &mut root, Raw::El(el));
                            }
                        }
                    }
                    None => diags.push(file.error(
                        span,
                        "wxml-unexpected-close",
                        format!("`</{name_text}>` closes no open element"),
                    )),
                }
            }
            Token::Text(span) => attach(&mut stack, &mut root, Raw::Text(span)),
            Token::RawText(span) => attach(&mut stack, &mut root, Raw::Code(span)),
        }
    }
    while let Some(el) = stack.pop() {
        diags.push(file.error(
            el.tag.name,
            "wxml-unclosed-tag",
            format!("`<{}>` is never closed", text_of(src, el.tag.name)),
        ));
        attach(&mut stack, &mut root, Raw::El(el));
    }
    root
}

/// The conditional directive an element carries, for grouping with its siblings.
enum Cond {
    None,
    If(Expr),
    Elif(Expr, Span),
    Else(Span),
}

/// The directive attributes of one element.
#[derive(Default)]
struct Directives {
    cond: Option<(Span, &'static str, Option<Span>)>,
    for_list: Option<(Span, Option<Span>)>,
    for_items: Option<(Span, Option<Span>)>,
    item: Option<(Span, Option<Span>)>,
    index: Option<(Span, Option<Span>)>,
    key: Option<(Span, Option<Span>)>,
}

struct Lower<'a> {
    file: &'a SourceFile,
    src: &'a str,
    root: &'a str,
    diags: Vec<Diagnostic>,
    templates: Vec<Rc<TemplateDef>>,
    imports: Vec<Import>,
    wxs: Vec<WxsDecl>,
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c == '_' || c == '$' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c == '$' || c.is_alphanumeric())
}

impl<'a> Lower<'a> {
    fn text(&self, span: Span) -> &'a str {
        text_of(self.src, span)
    }

    fn error(&mut self, span: Span, code: &'static str, msg: impl Into<String>) {
        self.diags.push(self.file.error(span, code, msg));
    }

    fn warning(&mut self, span: Span, code: &'static str, msg: impl Into<String>) {
        self.diags.push(self.file.warning(span, code, msg));
    }

    /// Splits a value or text into literal parts and parsed `{{ }}` expressions.
    fn interp(&mut self, span: Span) -> Interp {
        let (start, end) = (span.start as usize, span.end as usize);
        let mut parts = Vec::new();
        let mut i = start;
        let mut lit_start = start;
        while let Some(p) = self.src.get(i..end).and_then(|s| s.find("{{")) {
            let open = i + p;
            let Some(close) = find_interp_close(self.src, open + 2, end) else {
                self.error(
                    Span::new(open, open + 2),
                    "wxml-unterminated-interpolation",
                    "`{{` is not closed with `}}`",
                );
                break;
            };
            if open > lit_start {
                parts.push(Part::Text(Rc::from(&self.src[lit_start..open])));
            }
            parts.push(Part::Expr(self.expr(open + 2, close)));
            i = close + 2;
            lit_start = i;
        }
        if lit_start < end {
            parts.push(Part::Text(Rc::from(&self.src[lit_start..end])));
        }
        Interp { parts, span }
    }

    /// Parses the expression in `[start, end)`; a syntax error becomes a diagnostic and
    /// an `undefined` expression.
    fn expr(&mut self, start: usize, end: usize) -> Expr {
        let text = &self.src[start..end];
        match parse_expr(text, start) {
            Ok(e) => e,
            Err(err) => {
                self.error(err.span, "wxml-expr-syntax", err.message);
                Expr { kind: ExprKind::Undefined, span: Span::new(start, end) }
            }
        }
    }

    fn children(&mut self, raws: Vec<Raw>) -> Vec<Node> {
        let mut out = Vec::new();
        let mut chain: Option<Vec<Branch>> = None;
        fn flush(chain: &mut Option<Vec<Branch>>, out: &mut Vec<Node>) {
            if let Some(branches) = chain.take() {
                out.push(Node::If(branches));
            }
        }
        for raw in raws {
            match raw {
                Raw::Text(span) => {
                    let t = self.text(span);
                    if t.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')) {
                        continue;
                    }
                    flush(&mut chain, &mut out);
                    let interp = self.interp(span);
                    out.push(Node::Text(interp));
                }
                Raw::Code(span) => {
                    // Raw code outside a wxs element cannot happen; keep it as text.
                    flush(&mut chain, &mut out);
                    out.push(Node::Text(Interp::literal(self.text(span), span)));
                }
                Raw::El(el) => {
                    let Some((node, cond)) = self.element(el) else {
                        continue;
                    };
                    match cond {
                        Cond::None => {
                            flush(&mut chain, &mut out);
                            out.push(node);
                        }
                        Cond::If(c) => {
                            flush(&mut chain, &mut out);
                            chain = Some(vec![Branch { cond: Some(c), node }]);
                        }
                        Cond::Elif(c, span) => match &mut chain {
                            Some(branches) => branches.push(Branch { cond: Some(c), node }),
                            None => {
                                self.error(
                                    span,
                                    "wxml-elif-without-if",
                                    "`wx:elif` must follow an element with `wx:if` or `wx:elif`",
                                );
                                chain = Some(vec![Branch { cond: Some(c), node }]);
                            }
                        },
                        Cond::Else(span) => match chain.take() {
                            Some(mut branches) => {
                                branches.push(Branch { cond: None, node });
                                out.push(Node::If(branches));
                            }
                            None => {
                                self.error(
                                    span,
                                    "wxml-else-without-if",
                                    "`wx:else` must follow an element with `wx:if` or `wx:elif`",
                                );
                                out.push(node);
                            }
                        },
                    }
                }
            }
        }
        flush(&mut chain, &mut out);
        out
    }

    /// Lowers one element. `None` when it produced no node (hoisted or dropped).
    fn element(&mut self, el: RawEl) -> Option<(Node, Cond)> {
        let RawEl { mut tag, children } = el;
        let raw_attrs = std::mem::take(&mut tag.attrs);
        let tag_name = self.text(tag.name).to_string();
        let mut dirs = Directives::default();
        let mut rest: Vec<RawAttr> = Vec::new();
        for a in raw_attrs {
            let name = self.text(a.name);
            let slot = match name {
                "wx:if" => {
                    self.set_cond(&mut dirs, &a, "wx:if");
                    continue;
                }
                "wx:elif" => {
                    self.set_cond(&mut dirs, &a, "wx:elif");
                    continue;
                }
                "wx:else" => {
                    self.set_cond(&mut dirs, &a, "wx:else");
                    continue;
                }
                "wx:for" => &mut dirs.for_list,
                "wx:for-items" => &mut dirs.for_items,
                "wx:for-item" => &mut dirs.item,
                "wx:for-index" => &mut dirs.index,
                "wx:key" => &mut dirs.key,
                _ => {
                    if rest.iter().any(|r| text_of(self.src, r.name) == name) {
                        let msg = format!("duplicate attribute `{name}`; the first one is used");
                        self.warning(a.name, "wxml-duplicate-attribute", msg);
                        continue;
                    }
                    rest.push(a);
                    continue;
                }
            };
            if slot.is_some() {
                let msg = format!("duplicate attribute `{name}`; the first one is used");
                self.diags.push(self.file.warning(a.name, "wxml-duplicate-attribute", msg));
            } else {
                *slot = Some((a.span, a.value));
            }
        }

        let hoisted = matches!(tag_name.as_str(), "import" | "wxs")
            || (tag_name == "template" && !rest.iter().any(|a| self.text(a.name) == "is"));
        if hoisted {
            if let Some((span, _, _)) = dirs.cond {
                self.warning(span, "wxml-directive-ignored", format!("directives have no effect on `<{tag_name}>`"));
            } else if let Some((span, _)) = dirs.for_list.or(dirs.for_items) {
                self.warning(span, "wxml-directive-ignored", format!("directives have no effect on `<{tag_name}>`"));
            }
        }

        let node = match tag_name.as_str() {
            "template" => {
                if rest.iter().any(|a| self.text(a.name) == "is") {
                    Node::TemplateCall(self.template_call(&tag, &rest))
                } else {
                    self.template_def(&tag, &rest, children);
                    return None;
                }
            }
            "import" => {
                if let Some((src, path, span)) = self.src_attr(&tag, &rest, "wxml") {
                    self.imports.push(Import { src, path, span });
                }
                return None;
            }
            "include" => {
                let (_, path, span) = self.src_attr(&tag, &rest, "wxml")?;
                Node::Include(path, span)
            }
            "wxs" => {
                self.wxs_decl(&tag, &rest, children);
                return None;
            }
            "block" => {
                self.attrs_ignored(&tag_name, &rest);
                let kids = self.children(children);
                Node::Block(kids, tag.name)
            }
            _ => {
                let mut attrs = Vec::new();
                let mut events = Vec::new();
                for a in rest {
                    self.attribute(a, &mut attrs, &mut events);
                }
                let kids = self.children(children);
                Node::Element(Element {
                    tag: Rc::from(tag_name.as_str()),
                    attrs,
                    events,
                    children: kids,
                    span: tag.name,
                })
            }
        };
        Some(self.apply_directives(node, dirs))
    }

    fn set_cond(&mut self, dirs: &mut Directives, a: &RawAttr, which: &'static str) {
        if let Some((_, prev, _)) = dirs.cond {
            let msg = format!("`{which}` conflicts with `{prev}` on the same element");
            self.error(a.name, "wxml-conflicting-directives", msg);
            return;
        }
        dirs.cond = Some((a.span, which, a.value));
    }

    /// Attributes on `<block>` other than directives do nothing.
    fn attrs_ignored(&mut self, tag: &str, rest: &[RawAttr]) {
        for a in rest {
            let name = self.text(a.name).to_string();
            self.warning(a.name, "wxml-attribute-ignored", format!("`<{tag}>` ignores the attribute `{name}`"));
        }
    }

    /// An `Expr` for a directive value: the lone expression, or the value as a string
    /// (text and expressions concatenated), as WeChat evaluates `wx:if="{{a}} "`.
    fn value_expr(&mut self, value: Option<Span>, at: Span) -> Expr {
        let Some(span) = value else {
            return Expr { kind: ExprKind::Bool(true), span: at };
        };
        let interp = self.interp(span);
        if let Some(e) = interp.single_expr() {
            return e.clone();
        }
        let mut acc = Expr { kind: ExprKind::String(Rc::from("")), span };
        for part in interp.parts {
            let rhs = match part {
                Part::Text(t) => Expr { kind: ExprKind::String(t), span },
                Part::Expr(e) => e,
            };
            acc = if matches!(&acc.kind, ExprKind::String(s) if s.is_empty()) {
                match rhs.kind {
                    ExprKind::String(_) => rhs,
                    _ => Expr { kind: ExprKind::Binary(BinaryOp::Add, Box::new(acc), Box::new(rhs)), span },
                }
            } else {
                Expr { kind: ExprKind::Binary(BinaryOp::Add, Box::new(acc), Box::new(rhs)), span }
            };
        }
        acc
    }

    /// Wraps a lowered node in its directives.
    ///
    /// When `wx:for` and `wx:if` are on the same element, the loop is outermost and the
    /// condition is evaluated for each item (so it can read `item`), as WeChat does; such
    /// an element does not start a `wx:if` chain, so a following `wx:else` is an error.
    fn apply_directives(&mut self, node: Node, dirs: Directives) -> (Node, Cond) {
        let cond = match dirs.cond {
            None => Cond::None,
            Some((span, "wx:if", value)) => Cond::If(self.value_expr(value, span)),
            Some((span, "wx:elif", value)) => Cond::Elif(self.value_expr(value, span), span),
            Some((span, _, _)) => Cond::Else(span),
        };
        let for_attr = match (dirs.for_list, dirs.for_items) {
            (Some(f), Some((items_span, _))) => {
                self.warning(
                    items_span,
                    "wxml-duplicate-attribute",
                    "`wx:for-items` is ignored because `wx:for` is present",
                );
                Some(f)
            }
            (f, items) => f.or(items),
        };
        let Some((for_span, list_value)) = for_attr else {
            for (d, name) in [(dirs.item, "wx:for-item"), (dirs.index, "wx:for-index"), (dirs.key, "wx:key")] {
                if let Some((span, _)) = d {
                    self.warning(span, "wxml-for-attr-without-for", format!("`{name}` has no effect without `wx:for`"));
                }
            }
            return (node, cond);
        };
        let list = match list_value {
            Some(v) => self.interp(v),
            None => {
                self.error(for_span, "wxml-bad-directive", "`wx:for` needs a value");
                Interp::literal("", for_span)
            }
        };
        let item = self.loop_name(dirs.item, "wx:for-item", "item");
        let index = self.loop_name(dirs.index, "wx:for-index", "index");
        let key = self.for_key(dirs.key);
        let body = match cond {
            Cond::None => node,
            Cond::If(c) => Node::If(vec![Branch { cond: Some(c), node }]),
            Cond::Elif(c, span) => {
                self.error(
                    span,
                    "wxml-elif-without-if",
                    "`wx:elif` on an element with `wx:for` applies per item and follows no `wx:if`",
                );
                Node::If(vec![Branch { cond: Some(c), node }])
            }
            Cond::Else(span) => {
                self.error(
                    span,
                    "wxml-else-without-if",
                    "`wx:else` on an element with `wx:for` applies per item and follows no `wx:if`",
                );
                node
            }
        };
        let free_vars = free_vars_of(&body);
        let for_node = ForNode { list, item, index, key, body: Box::new(body), free_vars, span: for_span };
        (Node::For(for_node), Cond::None)
    }

    fn loop_name(&mut self, attr: Option<(Span, Option<Span>)>, which: &str, default: &str) -> Rc<str> {
        let Some((span, value)) = attr else {
            return Rc::from(default);
        };
        let text = value.map(|v| self.text(v).trim().to_string());
        match text {
            Some(t) if is_identifier(&t) => Rc::from(t.as_str()),
            _ => {
                self.error(
                    span,
                    "wxml-bad-directive",
                    format!("`{which}` must be a plain variable name; using `{default}`"),
                );
                Rc::from(default)
            }
        }
    }

    fn for_key(&mut self, attr: Option<(Span, Option<Span>)>) -> ForKey {
        let Some((span, Some(value))) = attr else {
            if let Some((span, None)) = attr {
                self.warning(span, "wxml-bad-key", "`wx:key` without a value is ignored");
            }
            return ForKey::None;
        };
        let raw = self.text(value).trim().to_string();
        if raw.is_empty() {
            return ForKey::None;
        }
        if raw == "*this" {
            return ForKey::This;
        }
        if !raw.contains("{{") {
            return ForKey::Field(Rc::from(raw.as_str()));
        }
        let interp = self.interp(value);
        if let Some(Expr { kind: ExprKind::Ident(name), .. }) = interp.single_expr() {
            return ForKey::Field(name.clone());
        }
        self.warning(
            span,
            "wxml-bad-key",
            "`wx:key` must name a property of the item (`wx:key=\"id\"`) or be `*this`; ignored",
        );
        ForKey::None
    }

    fn attribute(&mut self, a: RawAttr, attrs: &mut Vec<Attr>, events: &mut Vec<EventAttr>) {
        let name = self.text(a.name);
        // Longest prefixes first so `capture-bind:` is not read as `capture-bind` + `:x`.
        const PREFIXES: [(&str, EventKind, bool); 10] = [
            ("capture-bind:", EventKind::Bind, true),
            ("capture-catch:", EventKind::Catch, true),
            ("mut-bind:", EventKind::MutBind, false),
            ("capture-bind", EventKind::Bind, true),
            ("capture-catch", EventKind::Catch, true),
            ("mut-bind", EventKind::MutBind, false),
            ("bind:", EventKind::Bind, false),
            ("catch:", EventKind::Catch, false),
            ("bind", EventKind::Bind, false),
            ("catch", EventKind::Catch, false),
        ];
        for (prefix, kind, capture) in PREFIXES {
            if let Some(event) = name.strip_prefix(prefix) {
                if event.is_empty() {
                    break;
                }
                let event: Rc<str> = Rc::from(event);
                let handler = match a.value {
                    Some(v) => self.interp(v),
                    None => {
                        let msg = format!("event binding `{name}` has no handler");
                        self.warning(a.name, "wxml-empty-handler", msg);
                        Interp::literal("", a.name)
                    }
                };
                events.push(EventAttr { event, kind, capture, handler, span: a.span });
                return;
            }
        }
        if name.starts_with("wx:") {
            let msg = format!("unknown directive `{name}`");
            self.warning(a.name, "wxml-unknown-directive", msg);
        }
        let name: Rc<str> = Rc::from(name);
        let value = a.value.map(|v| self.interp(v));
        attrs.push(Attr { name, value, span: a.span });
    }

    fn find<'r>(&self, rest: &'r [RawAttr], name: &str) -> Option<&'r RawAttr> {
        rest.iter().find(|a| self.text(a.name) == name)
    }

    /// The literal value of attribute `name` (an error if it uses `{{ }}`).
    fn literal_attr(&mut self, rest: &[RawAttr], name: &str, tag: &str) -> Option<(String, Span)> {
        let a = self.find(rest, name)?;
        let (span, value) = (a.span, a.value);
        let text = value.map_or("", |v| self.text(v)).to_string();
        if text.contains("{{") {
            self.error(
                span,
                "wxml-dynamic-attribute",
                format!("`{name}` of `<{tag}>` must be a literal, not a `{{{{ }}}}` expression"),
            );
            return None;
        }
        Some((text, span))
    }

    /// The `src` of `<import>` / `<include>` / `<wxs>`: as written, resolved, and the
    /// attribute's span.
    fn src_attr(&mut self, tag: &StartTag, rest: &[RawAttr], ext: &str) -> Option<(Rc<str>, Rc<str>, Span)> {
        let tag_name = self.text(tag.name).to_string();
        match self.literal_attr(rest, "src", &tag_name) {
            Some((src, span)) if !src.trim().is_empty() => {
                let src = src.trim();
                let path = resolve_src(&self.file.path, self.root, src, ext);
                Some((Rc::from(src), Rc::from(path.as_str()), span))
            }
            Some((_, span)) => {
                self.error(span, "wxml-missing-src", format!("`<{tag_name}>` has an empty `src`"));
                None
            }
            None => {
                if self.find(rest, "src").is_none() {
                    self.error(tag.name, "wxml-missing-src", format!("`<{tag_name}>` needs a `src` attribute"));
                }
                None
            }
        }
    }

    fn template_def(&mut self, tag: &StartTag, rest: &[RawAttr], children: Vec<Raw>) {
        let name = self.literal_attr(rest, "name", "template");
        let kids = self.children(children);
        match name {
            Some((name, _)) if !name.trim().is_empty() => {
                let name = name.trim();
                if self.templates.iter().any(|t| &*t.name == name) {
                    self.warning(
                        tag.name,
                        "wxml-duplicate-template",
                        format!("template `{name}` is defined more than once; the first is used"),
                    );
                }
                self.templates.push(Rc::new(TemplateDef {
                    name: Rc::from(name),
                    children: kids,
                    file: Rc::from(&*self.file.path),
                    span: tag.name,
                }));
            }
            // A `{{ }}` name was already reported as a dynamic attribute.
            None if self.find(rest, "name").is_some() => {}
            _ => self.error(
                tag.name,
                "wxml-template-without-name",
                "`<template>` needs a `name` (to define) or an `is` (to use)",
            ),
        }
    }

    fn template_call(&mut self, tag: &StartTag, rest: &[RawAttr]) -> TemplateCall {
        let is_attr = self.find(rest, "is").map(|a| (a.span, a.value));
        let is = match is_attr {
            Some((_, Some(v))) => self.interp(v),
            Some((span, None)) => {
                self.error(span, "wxml-template-without-name", "`is` needs a template name");
                Interp::literal("", span)
            }
            None => Interp::literal("", tag.name),
        };
        let data = match self.find(rest, "data").map(|a| (a.span, a.value)) {
            None => None,
            Some((span, value)) => self.template_data(span, value),
        };
        for a in rest {
            let n = self.text(a.name);
            if n != "is" && n != "data" {
                let msg = format!("`<template is>` ignores the attribute `{n}`");
                self.warning(a.name, "wxml-attribute-ignored", msg);
            }
        }
        TemplateCall { is, data, span: tag.name }
    }

    /// `data="{{a, b: 1, ...c}}"`: an object literal without its braces.
    fn template_data(&mut self, attr: Span, value: Option<Span>) -> Option<Expr> {
        let bad = |p: &mut Self| {
            p.error(
                attr,
                "wxml-bad-template-data",
                "`data` must be one `{{ }}` holding an object body, like `{{a, b: 1, ...c}}`",
            );
            None
        };
        let Some(v) = value else { return bad(self) };
        let (start, end) = (v.start as usize, v.end as usize);
        let text = self.text(v);
        let lead = text.len() - text.trim_start().len();
        let trail = text.len() - text.trim_end().len();
        let (s, e) = (start + lead, end - trail);
        if !self.src[s..e].starts_with("{{") {
            return bad(self);
        }
        let Some(close) = find_interp_close(self.src, s + 2, e) else {
            self.error(Span::new(s, s + 2), "wxml-unterminated-interpolation", "`{{` is not closed with `}}`");
            return None;
        };
        if close + 2 != e {
            return bad(self);
        }
        match parse_object_body(&self.src[s + 2..close], s + 2) {
            Ok(e) => Some(e),
            Err(err) => {
                self.error(err.span, "wxml-expr-syntax", err.message);
                None
            }
        }
    }

    fn wxs_decl(&mut self, tag: &StartTag, rest: &[RawAttr], children: Vec<Raw>) {
        let module = match self.literal_attr(rest, "module", "wxs") {
            Some((m, span)) => {
                let m = m.trim().to_string();
                if !is_identifier(&m) {
                    self.error(span, "wxml-bad-wxs-module", format!("wxs module name `{m}` is not a valid identifier"));
                    return;
                }
                Rc::from(m.as_str())
            }
            None => {
                if self.find(rest, "module").is_none() {
                    self.error(tag.name, "wxml-wxs-without-module", "`<wxs>` needs a `module` attribute");
                }
                return;
            }
        };
        if self.wxs.iter().any(|w| w.module == module) {
            self.error(
                tag.name,
                "wxml-duplicate-wxs-module",
                format!("wxs module `{module}` is declared more than once"),
            );
            return;
        }
        let code = children.into_iter().find_map(|c| match c {
            Raw::Code(span) => Some(span),
            _ => None,
        });
        let has_code = code.is_some_and(|c| !self.text(c).trim().is_empty());
        let source = if self.find(rest, "src").is_some() {
            let Some((src, path, _)) = self.src_attr(tag, rest, "wxs") else {
                return;
            };
            if has_code {
                self.warning(
                    tag.name,
                    "wxml-wxs-src-and-code",
                    "`<wxs>` has both `src` and inline code; the code is ignored",
                );
            }
            WxsSource::File { src, path }
        } else {
            let span = code.unwrap_or(Span::at(tag.span.end as usize));
            WxsSource::Inline { code: Rc::from(self.text(span)), offset: span.start }
        };
        self.wxs.push(WxsDecl { module, source, span: tag.name });
    }
}
