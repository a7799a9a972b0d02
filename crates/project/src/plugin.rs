//! The plugin of a plugin project (`pluginRoot/plugin.json`) and the host's plugin
//! declarations that mount it.
//!
//! plugin.json lists `publicComponents` (name → path), `pages` (name → path) and `main`
//! (the JS interface file); paths are relative to the plugin root, or absolute from it
//! with a leading `/`. Only what plugin.json lists is reachable from the host.
//!
//! Rules for the host's `plugins` declarations (app.json and subpackages):
//! - version "dev" mounts the plugin developed in this project, so it is only meaningful in
//!   a plugin project, and its provider must be the project's appid;
//! - WeChat's subpackage rules: a plugin declared in a subpackage can be used only there,
//!   and the same plugin cannot be declared by several subpackages (nor by the main
//!   package and a subpackage: the developer tools reject two declarations with the same
//!   provider);
//! - the `export` file (relative to the package root) must exist, since on a phone
//!   `requireMiniProgram()` reads it.

use std::collections::HashMap;

use mpsim_base::Span;

use crate::app::{DeclSource, PluginDeclaration};
use crate::component::{read_config, ComponentConfig, Resolver};
use crate::fs::{join, under};
use crate::loader::{Doc, Loader};

/// The plugin developed in this project.
#[derive(Clone, Debug, PartialEq)]
pub struct Plugin {
    /// The plugin root, project-relative.
    pub root: String,
    /// Project-relative path of plugin.json.
    pub file: String,
    /// Project-relative path of the `main` file, when it is set.
    pub main: Option<String>,
    pub public_components: Vec<PublicComponent>,
    pub pages: Vec<PluginPage>,
    pub raw: serde_json::Value,
}

impl Plugin {
    pub fn public_component(&self, name: &str) -> Option<&PublicComponent> {
        self.public_components.iter().find(|c| c.name == name)
    }

    pub fn page(&self, name: &str) -> Option<&PluginPage> {
        self.pages.iter().find(|p| p.name == name)
    }
}

/// A `publicComponents` entry.
#[derive(Clone, Debug, PartialEq)]
pub struct PublicComponent {
    pub name: String,
    /// The path as written in plugin.json.
    pub spec: String,
    /// The component's project-relative path; `None` when it could not be resolved.
    pub path: Option<String>,
    pub span: Span,
}

/// A `pages` entry whose `.js` and `.wxml` exist.
#[derive(Clone, Debug, PartialEq)]
pub struct PluginPage {
    pub name: String,
    /// Project-relative path without extension.
    pub path: String,
    pub config: ComponentConfig,
    pub span: Span,
}

/// Why [`crate::Project::plugin_page`] found no page.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PluginPageError {
    #[error("no plugin named \"{0}\" is declared in app.json `plugins`")]
    UnknownReference(String),
    #[error("plugin \"{0}\" is not the plugin developed in this project (version \"dev\"), so it cannot be simulated")]
    NotSimulated(String),
    #[error("\"{page}\" is not in the `pages` of plugin \"{reference}\"")]
    UnknownPage { reference: String, page: String },
}

const CODE: &str = "plugin-invalid-field";

/// Reads plugin.json (already parsed as `doc`) and checks that every listed file exists.
pub(crate) fn load(resolver: &mut Resolver, doc: &Doc, root: &str) -> Plugin {
    let mut plugin = Plugin {
        root: root.to_string(),
        file: doc.path.clone(),
        main: None,
        public_components: Vec::new(),
        pages: Vec::new(),
        raw: doc.root.to_serde(),
    };
    let plugin_json = doc.path.clone();
    if let Some((main, span)) = resolver.loader.str_field(doc, &doc.root, "main", CODE) {
        let path = join(root, main.trim_start_matches('/'));
        match path.as_deref().and_then(|p| crate::fs::configured_script(&resolver.loader.dir, p)) {
            Some(found) => plugin.main = Some(found),
            None => resolver.loader.error(
                &doc.path,
                span,
                "plugin-missing-file",
                format!("the plugin's main file {} does not exist", path.unwrap_or_else(|| main.to_string())),
            ),
        }
    }

    for (name, spec, span) in entries(resolver.loader, doc, "publicComponents") {
        let path = match resolver.locate(&plugin_json, crate::component::Realm::Plugin, &as_root_path(&spec)) {
            Err(tried) => {
                let msg = if tried.is_empty() {
                    format!("public component \"{name}\" leaves the plugin root")
                } else {
                    format!("public component \"{name}\" not found (looked for {})", tried.join(", "))
                };
                resolver.loader.error(&doc.path, span, "plugin-missing-file", msg);
                None
            }
            Ok(found) => match resolver.check_listed(&found) {
                Ok(()) => Some(found),
                Err((code, why)) => {
                    resolver.loader.error(
                        &doc.path,
                        span,
                        code,
                        format!("public component \"{name}\" ({found}): {why}"),
                    );
                    None
                }
            },
        };
        resolver.public_components.insert(name.clone(), path.clone());
        plugin.public_components.push(PublicComponent { name, spec, path, span });
    }

    for (name, spec, span) in entries(resolver.loader, doc, "pages") {
        let Some(path) = join(root, spec.trim_start_matches('/')).filter(|p| !p.is_empty()) else {
            resolver.loader.error(
                &doc.path,
                span,
                "plugin-missing-file",
                format!("plugin page \"{name}\" leaves the plugin root"),
            );
            continue;
        };
        let missing = resolver.loader.missing_page_files(&path);
        if !missing.is_empty() {
            resolver.loader.error(
                &doc.path,
                span,
                "plugin-missing-file",
                format!("plugin page \"{name}\" is missing {}", missing.join(" and ")),
            );
            continue;
        }
        let mut config = read_config(resolver.loader, &path, "page-invalid-field");
        let file = config.file.clone();
        resolver.resolve_list(&file, &mut config.using_components);
        resolver.resolve_generics(&file, &mut config.generics);
        plugin.pages.push(PluginPage { name, path, config, span });
    }
    plugin
}

/// plugin.json paths are relative to the plugin root; plugin.json sits in that root, so a
/// relative path is already relative to its folder.
fn as_root_path(spec: &str) -> String {
    if spec.starts_with('/') || spec.starts_with("./") || spec.starts_with("../") {
        spec.to_string()
    } else {
        format!("./{spec}")
    }
}

/// The `name: path` string entries of the object field `key`.
fn entries(loader: &mut Loader, doc: &Doc, key: &str) -> Vec<(String, String, Span)> {
    let mut out = Vec::new();
    let Some(m) = doc.root.get(key) else {
        return out;
    };
    let Some(members) = loader.expect_object(doc, &m.value, key, CODE) else {
        return out;
    };
    for member in members {
        let what = format!("{key}.{}", member.key);
        if let Some(s) = loader.expect_str(doc, &member.value, &what, CODE) {
            out.push((member.key.clone(), s.to_string(), member.value.span));
        }
    }
    out
}

/// What the declaration checks need to know about the project.
pub(crate) struct DeclContext<'a> {
    pub is_plugin_project: bool,
    pub appid: Option<&'a str>,
    pub plugin: Option<&'a Plugin>,
    pub app_file: &'a str,
}

/// Checks the host's plugin declarations (the main package's, then each subpackage's, in
/// the order of `sources`).
pub(crate) fn check_declarations<'d>(
    loader: &mut Loader,
    cx: &DeclContext,
    decls: impl Iterator<Item = &'d PluginDeclaration>,
    sources: &[DeclSource],
) {
    let mut by_provider: HashMap<&str, &PluginDeclaration> = HashMap::new();
    let mut by_reference: HashMap<&str, &PluginDeclaration> = HashMap::new();
    for (decl, src) in decls.zip(sources) {
        let file = cx.app_file;
        if decl.is_dev() {
            if !cx.is_plugin_project {
                loader.error(
                    file,
                    src.version_span,
                    "plugin-dev-outside-plugin-project",
                    format!(
                        "plugin \"{}\" has version \"dev\", which mounts the plugin of a plugin project, but this project's compileType is not \"plugin\"",
                        decl.reference
                    ),
                );
            } else if let Some(appid) = cx.appid {
                if decl.provider != appid {
                    loader.error(
                        file,
                        src.provider_span,
                        "plugin-provider-mismatch",
                        format!(
                            "plugin \"{}\" is the dev plugin, so its provider must be this project's appid \"{appid}\", found \"{}\"",
                            decl.reference, decl.provider
                        ),
                    );
                }
            }
        }
        let where_ = |d: &PluginDeclaration| match &d.package {
            Some(p) => format!("subpackage \"{p}\""),
            None => "the main package".to_string(),
        };
        if let Some(prev) = by_provider.get(decl.provider.as_str()) {
            loader.error(
                file,
                decl.span,
                "plugin-declared-twice",
                format!(
                    "plugin {} is already declared in {} as \"{}\"; WeChat does not allow the same plugin in several packages",
                    decl.provider,
                    where_(prev),
                    prev.reference
                ),
            );
        } else if let Some(prev) = by_reference.get(decl.reference.as_str()) {
            loader.error(
                file,
                decl.span,
                "plugin-declared-twice",
                format!("the name \"{}\" is already used for a plugin in {}", decl.reference, where_(prev)),
            );
        }
        by_provider.entry(&decl.provider).or_insert(decl);
        by_reference.entry(&decl.reference).or_insert(decl);

        if let Some(span) = src.export_span {
            let exists = decl.export.as_deref().is_some_and(|p| loader.is_file(p));
            if !exists {
                loader.error(
                    file,
                    span,
                    "plugin-export-not-found",
                    format!(
                        "the export file {} does not exist (it is relative to {}); on a phone the plugin's requireMiniProgram() would fail",
                        decl.export.as_deref().unwrap_or("(outside the package)"),
                        match &decl.package {
                            Some(p) => format!("the subpackage root \"{p}\""),
                            None => "the mini-program root".to_string(),
                        }
                    ),
                );
            }
        }

        if let (true, Some(plugin)) = (decl.is_dev() && cx.is_plugin_project, cx.plugin) {
            let mut seen_pages = Vec::new();
            for g in &decl.generics_implementation {
                if plugin.page(&g.page).is_none() && !seen_pages.contains(&g.page) {
                    seen_pages.push(g.page.clone());
                    loader.error(
                        file,
                        g.span,
                        "plugin-unknown-page",
                        format!("genericsImplementation names \"{}\", which is not in the plugin's `pages`", g.page),
                    );
                }
            }
        }
    }
}

/// The folder a declaration's paths (export, genericsImplementation) are relative to.
pub(crate) fn package_dir(mp_root: &str, decl: &PluginDeclaration) -> String {
    match &decl.package {
        Some(p) => under(mp_root, p),
        None => mp_root.to_string(),
    }
}
