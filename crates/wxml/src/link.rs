//! The linker: builds a [`CompiledTemplate`] from an entry .wxml file by inlining its
//! `<include>`s and collecting the templates it can call.
//!
//! The rules are those of WeChat's "WXML 语法参考 / 引用" page:
//! - `<include src>` copies the target file's code to the include's place, *except* its
//!   `<template/>` and `<wxs/>` definitions. Its `<import>`s come along with the copied
//!   code, so they apply to the including file.
//! - `<import src>` makes the target file's own templates callable, but not those the
//!   target itself imports ("C import B, B import A: C can use B's templates, not A's").
//!   Own definitions win over imported ones.
//!
//! Each file reached through imports gets its own [`FileScope`]: a template body is
//! resolved in its defining file, so it calls what *that* file defines and imports and
//! uses that file's wxs modules ("WXS 模块: template 中只能使用定义该 template 的 WXML
//! 文件中定义的 wxs 模块").
//! Nothing here evaluates expressions or decides what a tag is.

use crate::free_vars;
use crate::ir::{CompiledTemplate, Document, Element, FileScope, ForNode, Node, TemplateDef};
use crate::parser::parse;
use mpsim_base::{Diagnostic, Severity, SourceFile, Span};
use std::collections::{HashMap, HashSet, VecDeque};
use std::rc::Rc;

/// Links the template at `entry` (a project-relative path). `load` returns a file's text,
/// or `None` when it does not exist; each file is loaded and parsed at most once per call.
/// `root` is the mini-program (or plugin) root folder, for absolute `src` paths.
pub fn link(
    entry: &str,
    root: &str,
    load: &mut dyn FnMut(&str) -> Option<String>,
) -> (CompiledTemplate, Vec<Diagnostic>) {
    let entry: Rc<str> = Rc::from(entry);
    let mut l =
        Linker { root, load, files: HashMap::new(), contexts: HashMap::new(), diags: Vec::new(), deps: Vec::new() };
    let Some(main) = l.context(&entry) else {
        l.diags.push(Diagnostic::file(
            entry.to_string(),
            Severity::Error,
            "wxml-missing-file",
            format!("template file `{entry}` does not exist"),
        ));
        let compiled = CompiledTemplate { path: entry, deps: l.deps, ..CompiledTemplate::default() };
        return (compiled, l.diags);
    };

    // Breadth first over imports: every file reached gets its own scope.
    let mut scopes: HashMap<Rc<str>, FileScope> = HashMap::new();
    let mut queue = VecDeque::from([entry.clone()]);
    let mut visited: HashSet<Rc<str>> = HashSet::from([entry.clone()]);
    while let Some(path) = queue.pop_front() {
        let Some(ctx) = l.context(&path) else {
            continue;
        };
        let mut visible: HashSet<Rc<str>> = ctx.own.iter().map(|t| t.name.clone()).collect();
        let mut scope = FileScope { templates: HashMap::new(), wxs: ctx.doc.doc.wxs.clone() };
        for t in &ctx.own {
            scope.templates.entry(t.name.clone()).or_insert_with(|| t.clone());
        }
        for imp in &ctx.imports {
            let Some(target) = l.context(&imp.path) else {
                l.diags.push(imp.from.file.error(
                    imp.span,
                    "wxml-missing-file",
                    format!("imported file `{}` does not exist", imp.path),
                ));
                continue;
            };
            for t in &target.own {
                visible.insert(t.name.clone());
                scope.templates.entry(t.name.clone()).or_insert_with(|| t.clone());
            }
            if visited.insert(imp.path.clone()) {
                queue.push_back(imp.path.clone());
            }
        }
        // Calls in the rendered nodes are checked for the entry only; calls in template
        // bodies are checked for every file whose templates may be rendered.
        let node_calls = if path == entry { &ctx.node_calls[..] } else { &[] };
        for call in node_calls.iter().chain(ctx.template_calls.iter()) {
            if !visible.contains(&call.name) {
                l.diags.push(call.from.file.warning(
                    call.span,
                    "wxml-unknown-template",
                    format!(
                        "no template named `{}` is visible here (a file sees its own templates and those of files it imports directly)",
                        call.name
                    ),
                ));
            }
        }
        scopes.insert(path.clone(), scope);
    }

    let compiled = CompiledTemplate {
        path: entry.clone(),
        nodes: main.nodes.clone(),
        templates: scopes.get(&entry).map(|s| s.templates.clone()).unwrap_or_default(),
        wxs: main.doc.doc.wxs.clone(),
        scopes,
        deps: l.deps,
    };
    (compiled, l.diags)
}

/// A loaded, parsed file.
struct Loaded {
    file: SourceFile,
    doc: Document,
}

/// An import statement: the resolved path, and where it was written.
struct ImportRef {
    path: Rc<str>,
    span: Span,
    from: Rc<Loaded>,
}

/// A `<template is="literal">`, and where it was written.
struct CallRef {
    name: Rc<str>,
    span: Span,
    from: Rc<Loaded>,
}

/// One file as a template namespace: its nodes and own templates with includes inlined,
/// and its imports (its own plus those its includes bring).
struct Ctx {
    doc: Rc<Loaded>,
    nodes: Vec<Node>,
    own: Vec<Rc<TemplateDef>>,
    imports: Vec<ImportRef>,
    node_calls: Vec<CallRef>,
    template_calls: Vec<CallRef>,
}

struct Linker<'l> {
    root: &'l str,
    load: &'l mut dyn FnMut(&str) -> Option<String>,
    files: HashMap<Rc<str>, Option<Rc<Loaded>>>,
    contexts: HashMap<Rc<str>, Option<Rc<Ctx>>>,
    diags: Vec<Diagnostic>,
    deps: Vec<Rc<str>>,
}

impl Linker<'_> {
    /// Loads and parses a file once; every attempted path becomes a dependency (a
    /// missing file may appear later, which should trigger a rebuild).
    fn file(&mut self, path: &Rc<str>) -> Option<Rc<Loaded>> {
        if let Some(f) = self.files.get(path) {
            return f.clone();
        }
        self.deps.push(path.clone());
        let loaded = (self.load)(path).map(|text| {
            let file = SourceFile::new(&**path, text);
            let (doc, diags) = parse(&file, self.root);
            self.diags.extend(diags);
            Rc::new(Loaded { file, doc })
        });
        self.files.insert(path.clone(), loaded.clone());
        loaded
    }

    fn context(&mut self, path: &Rc<str>) -> Option<Rc<Ctx>> {
        if let Some(c) = self.contexts.get(path) {
            return c.clone();
        }
        // Insert a placeholder first so a file reaching itself through imports while
        // being built sees "nothing" rather than recursing.
        self.contexts.insert(path.clone(), None);
        let ctx = self.build_context(path).map(Rc::new);
        self.contexts.insert(path.clone(), ctx.clone());
        ctx
    }

    fn build_context(&mut self, path: &Rc<str>) -> Option<Ctx> {
        let loaded = self.file(path)?;
        let mut imports: Vec<ImportRef> = loaded
            .doc
            .imports
            .iter()
            .map(|i| ImportRef { path: i.path.clone(), span: i.span, from: loaded.clone() })
            .collect();
        let mut stack = vec![path.clone()];
        let mut node_calls = Vec::new();
        let mut nodes = self.inline(&loaded.doc.nodes, &loaded, &mut stack, &mut imports, &mut node_calls);
        free_vars::refresh(&mut nodes);
        let mut template_calls = Vec::new();
        let mut own = Vec::with_capacity(loaded.doc.templates.len());
        for t in &loaded.doc.templates {
            let mut children = self.inline(&t.children, &loaded, &mut stack, &mut imports, &mut template_calls);
            free_vars::refresh(&mut children);
            own.push(Rc::new(TemplateDef { name: t.name.clone(), children, file: t.file.clone(), span: t.span }));
        }
        Some(Ctx { doc: loaded, nodes, own, imports, node_calls, template_calls })
    }

    /// Copies `nodes` (written in `from`) with every include replaced by the included
    /// file's nodes. `stack` holds the files being included, for cycle detection.
    fn inline(
        &mut self,
        nodes: &[Node],
        from: &Rc<Loaded>,
        stack: &mut Vec<Rc<str>>,
        imports: &mut Vec<ImportRef>,
        calls: &mut Vec<CallRef>,
    ) -> Vec<Node> {
        let mut out = Vec::with_capacity(nodes.len());
        for n in nodes {
            match n {
                Node::Include(path, span) => {
                    out.extend(self.include(path, *span, from, stack, imports, calls));
                }
                other => out.push(self.inline_one(other, from, stack, imports, calls)),
            }
        }
        out
    }

    fn inline_one(
        &mut self,
        node: &Node,
        from: &Rc<Loaded>,
        stack: &mut Vec<Rc<str>>,
        imports: &mut Vec<ImportRef>,
        calls: &mut Vec<CallRef>,
    ) -> Node {
        match node {
            Node::Element(e) => Node::Element(Element {
                tag: e.tag.clone(),
                attrs: e.attrs.clone(),
                events: e.events.clone(),
                children: self.inline(&e.children, from, stack, imports, calls),
                span: e.span,
            }),
            Node::Block(children, span) => Node::Block(self.inline(children, from, stack, imports, calls), *span),
            Node::If(branches) => Node::If(
                branches
                    .iter()
                    .map(|b| crate::ir::Branch {
                        cond: b.cond.clone(),
                        node: self.inline_one(&b.node, from, stack, imports, calls),
                    })
                    .collect(),
            ),
            Node::For(f) => Node::For(ForNode {
                list: f.list.clone(),
                item: f.item.clone(),
                index: f.index.clone(),
                key: f.key.clone(),
                body: Box::new(self.inline_one(&f.body, from, stack, imports, calls)),
                free_vars: f.free_vars.clone(),
                span: f.span,
            }),
            Node::Include(path, span) => {
                let nodes = self.include(path, *span, from, stack, imports, calls);
                Node::Block(nodes, *span)
            }
            Node::TemplateCall(c) => {
                if let Some(name) = c.is.as_literal() {
                    calls.push(CallRef { name: Rc::from(name.trim()), span: c.span, from: from.clone() });
                }
                node.clone()
            }
            Node::Text(_) => node.clone(),
        }
    }

    fn include(
        &mut self,
        path: &Rc<str>,
        span: Span,
        from: &Rc<Loaded>,
        stack: &mut Vec<Rc<str>>,
        imports: &mut Vec<ImportRef>,
        calls: &mut Vec<CallRef>,
    ) -> Vec<Node> {
        if stack.contains(path) {
            let chain: Vec<&str> = stack.iter().map(|p| &**p).collect();
            self.diags.push(from.file.error(
                span,
                "wxml-include-cycle",
                format!("including `{path}` here forms a cycle: {} -> {path}", chain.join(" -> ")),
            ));
            return Vec::new();
        }
        let Some(target) = self.file(path) else {
            self.diags.push(from.file.error(
                span,
                "wxml-missing-file",
                format!("included file `{path}` does not exist"),
            ));
            return Vec::new();
        };
        // The included file's imports come along with its code; its templates and wxs
        // modules do not.
        imports.extend(target.doc.imports.iter().map(|i| ImportRef {
            path: i.path.clone(),
            span: i.span,
            from: target.clone(),
        }));
        stack.push(path.clone());
        let nodes = self.inline(&target.doc.nodes, &target, stack, imports, calls);
        stack.pop();
        nodes
    }
}
