//! Static checks of linked templates that need the project model, run by `mpsim check`:
//! components a plugin template may not use (WeChat's plugin component limits), and
//! navigator URLs naming plugin pages the plugin does not list.

use mpsim_base::{Diagnostic, SourceFile, Span};
use mpsim_project::Project;
use mpsim_wxml::ir::{CompiledTemplate, Element, Node};

/// Where the checks report and what they know.
struct Lint<'a> {
    project: &'a Project,
    in_plugin: bool,
    file: SourceFile,
    out: &'a mut Vec<Diagnostic>,
}

/// The nodes of `template` by file: its own, and the `<template>` definitions of each file
/// it imports or includes.
fn nodes_by_file(template: &CompiledTemplate) -> Vec<(&str, Vec<&Node>)> {
    let mut files: Vec<(&str, Vec<&Node>)> = vec![(&template.path, template.nodes.iter().collect())];
    for (path, scope) in &template.scopes {
        for def in scope.templates.values().filter(|d| *d.file == **path) {
            files.push((path, def.children.iter().collect()));
        }
    }
    files
}

/// Every element of `node` and its descendants, in document order.
fn each_element<'n>(node: &'n Node, f: &mut impl FnMut(&'n Element)) {
    match node {
        Node::Element(e) => {
            f(e);
            e.children.iter().for_each(|c| each_element(c, f));
        }
        Node::Block(children, _) => children.iter().for_each(|c| each_element(c, f)),
        Node::If(branches) => branches.iter().for_each(|b| each_element(&b.node, f)),
        Node::For(l) => each_element(&l.body, f),
        Node::Text(_) | Node::TemplateCall(_) | Node::Include(..) => {}
    }
}

/// The tags `template` uses anywhere (its own nodes and the templates it can call).
pub fn used_tags(template: &CompiledTemplate) -> std::collections::BTreeSet<&str> {
    let mut tags = std::collections::BTreeSet::new();
    for (_, nodes) in nodes_by_file(template) {
        for n in nodes {
            each_element(n, &mut |e| {
                tags.insert(&*e.tag);
            });
        }
    }
    tags
}

/// Checks `template` (of a page or component in the plugin realm when `in_plugin`).
pub fn check(project: &Project, template: &CompiledTemplate, in_plugin: bool, out: &mut Vec<Diagnostic>) {
    for (path, nodes) in nodes_by_file(template) {
        let Some(text) = project.read_text(path) else { continue };
        let mut lint = Lint { project, in_plugin, file: SourceFile::new(path, text), out };
        for n in nodes {
            each_element(n, &mut |e| lint.element(e));
        }
    }
}

impl Lint<'_> {
    fn literal<'e>(e: &'e Element, name: &str) -> Option<(&'e str, Span)> {
        let a = e.attr(name)?;
        Some((a.value.as_ref()?.as_literal()?, a.span))
    }

    fn element(&mut self, e: &Element) {
        if self.in_plugin {
            let banned = match &*e.tag {
                "open-data" | "web-view" => Some(format!("<{}> cannot be used in a plugin", e.tag)),
                "button" => match Self::literal(e, "open-type") {
                    Some((t @ ("contact" | "getPhoneNumber" | "getUserInfo"), _)) => {
                        Some(format!("<button open-type=\"{t}\"> cannot be used in a plugin"))
                    }
                    _ => None,
                },
                _ => None,
            };
            if let Some(message) = banned {
                self.out.push(self.file.error(
                    e.span,
                    "plugin-component-not-allowed",
                    format!("{message} (WeChat plugin component limits)"),
                ));
            }
        }
        if &*e.tag == "navigator" {
            if let Some((url, span)) = Self::literal(e, "url") {
                self.navigator_url(url, span);
            }
        }
    }

    fn navigator_url(&mut self, url: &str, span: Span) {
        let path = url.split('?').next().unwrap_or("");
        if let Some(rest) = path.strip_prefix("plugin://") {
            if self.in_plugin {
                self.out.push(self.file.error(
                    span,
                    "plugin-url-in-plugin",
                    format!("\"{url}\": a plugin navigates to its own pages with plugin-private://APPID/PATH, not plugin://"),
                ));
                return;
            }
            let (reference, page) = rest.split_once('/').unwrap_or((rest, ""));
            if let Err(e) = self.project.plugin_page(reference, page) {
                if !matches!(e, mpsim_project::PluginPageError::NotSimulated(_)) {
                    self.out.push(self.file.error(span, "plugin-page-not-public", format!("\"{url}\": {e}")));
                }
            }
        }
    }
}
