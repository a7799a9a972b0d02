//! Pages, custom components, their `.json` configuration, and how a `usingComponents`
//! path resolves to a component.
//!
//! Resolution follows WeChat's documented rules:
//! - `/x/y` is absolute from the mini-program root (from the plugin root inside a plugin);
//! - `./x` and `../x` are relative to the folder of the referencing `.json` file;
//! - a bare `x/y` is tried relative to that folder first, then as an npm component in
//!   `miniprogram_npm/x/y`, looked up from the referencing file's folder upward to the root
//!   (WeChat's npm docs: "从依赖 npm 包的文件所在目录开始逐层往外找，直到找到可用的 npm 包或是
//!   小程序根目录为止");
//! - a path naming a folder resolves to `folder/index` (the npm docs: a bare package name
//!   "默认寻找包名下的 index.js 文件或者 index 组件"); when the package is in a
//!   `node_modules/` folder but was never built into `miniprogram_npm/`, the finding says
//!   to build it (`component-npm-not-built`: the mini-program never reads node_modules);
//! - `plugin://REF/NAME` names a public component of a declared plugin, and inside a
//!   plugin `plugin-private://APPID/PATH` names one of its own (or another plugin's)
//!   components.
//!
//! A component is a `.json` declaring `"component": true`, plus `.js` and `.wxml`
//! (`.wxss` is optional). References may be recursive or cyclic: WeChat accepts a
//! component that lists itself in its own `usingComponents` (the usual way to write a
//! tree), and component A using B using A, so neither is diagnosed; only rendering
//! bounds the depth. The resolver visits each component once, so cycles terminate.

use std::collections::{BTreeMap, HashMap, VecDeque};

use mpsim_base::Span;

use crate::app::{PluginDeclaration, Subpackage};
use crate::fs::{is_within, join, parent, under};
use crate::json::JsonValue;
use crate::loader::{Doc, Loader};

/// What a `usingComponents` entry (or a generic's default) points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ComponentRef {
    /// A component of this project, by project-relative path without extension.
    Local(String),
    /// A plugin component. `path` is set when the plugin is the one developed in this
    /// project (version "dev"); a released plugin cannot be simulated, so it stays `None`.
    Plugin { reference: String, name: String, path: Option<String> },
    /// The entry could not be resolved (a diagnostic says why); keeps the written path.
    Missing(String),
}

/// One `tag: path` entry of `usingComponents`.
#[derive(Clone, Debug, PartialEq)]
pub struct UsingComponent {
    pub tag: String,
    /// The path as written.
    pub spec: String,
    pub target: ComponentRef,
    /// The span of the path value in the declaring `.json` file.
    pub span: Span,
}

/// An abstract node from `componentGenerics`.
#[derive(Clone, Debug, PartialEq)]
pub struct Generic {
    pub name: String,
    pub default: Option<ComponentRef>,
    pub default_spec: Option<String>,
    pub span: Span,
}

/// Which JavaScript realm a page or component belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Realm {
    Host,
    Plugin,
}

/// The `.json` file of a page or component. A page without a `.json` has a default config.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ComponentConfig {
    /// Project-relative path of the `.json` file (which may not exist for a page).
    pub file: String,
    /// `"component": true`: a component, or a page built with `Component()`.
    pub is_component: bool,
    pub using_components: Vec<UsingComponent>,
    pub generics: Vec<Generic>,
    pub style_isolation: Option<String>,
    pub add_global_class: Option<bool>,
    /// The whole file as JSON (`{}` when absent), including window fields of a page.
    pub raw: serde_json::Value,
}

impl ComponentConfig {
    /// The entry for `tag` in this file's own `usingComponents`.
    pub fn using(&self, tag: &str) -> Option<&UsingComponent> {
        self.using_components.iter().rev().find(|u| u.tag == tag)
    }

    /// A page's `navigationBarTitleText`.
    pub fn navigation_bar_title(&self) -> Option<&str> {
        self.raw.get("navigationBarTitleText")?.as_str()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Component {
    /// Project-relative path without extension.
    pub path: String,
    pub realm: Realm,
    pub config: ComponentConfig,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// Route relative to the mini-program root.
    pub route: String,
    /// Project-relative path without extension.
    pub path: String,
    /// The subpackage root (relative to the mini-program root) for subpackage pages.
    pub package: Option<String>,
    pub config: ComponentConfig,
}

/// Parses a `usingComponents` object; targets are resolved later by the [`Resolver`].
pub(crate) fn parse_using_components(
    loader: &mut Loader,
    doc: &Doc,
    v: &JsonValue,
    code: &'static str,
) -> Vec<UsingComponent> {
    let mut out = Vec::new();
    let Some(members) = loader.expect_object(doc, v, "usingComponents", code) else {
        return out;
    };
    for m in members {
        let what = format!("usingComponents.{}", m.key);
        if let Some(spec) = loader.expect_str(doc, &m.value, &what, code) {
            out.push(UsingComponent {
                tag: m.key.clone(),
                spec: spec.to_string(),
                target: ComponentRef::Missing(spec.to_string()),
                span: m.value.span,
            });
        }
    }
    out
}

/// Reads the `.json` of a page or component at `path` (without extension).
pub(crate) fn read_config(loader: &mut Loader, path: &str, code: &'static str) -> ComponentConfig {
    let file = format!("{path}.json");
    let mut config = ComponentConfig {
        file: file.clone(),
        raw: serde_json::Value::Object(serde_json::Map::new()),
        ..ComponentConfig::default()
    };
    let Some(doc) = loader.read_doc(&file) else {
        return config;
    };
    let root = &doc.root;
    config.raw = root.to_serde();
    config.is_component = loader.bool_field(&doc, root, "component", code).unwrap_or(false);
    if let Some(m) = root.get("usingComponents") {
        config.using_components = parse_using_components(loader, &doc, &m.value, code);
    }
    if let Some((s, _)) = loader.str_field(&doc, root, "styleIsolation", code) {
        config.style_isolation = Some(s.to_string());
    }
    config.add_global_class = loader.bool_field(&doc, root, "addGlobalClass", code);
    if let Some(m) = root.get("componentGenerics") {
        if let Some(members) = loader.expect_object(&doc, &m.value, "componentGenerics", code) {
            for g in members {
                let what = format!("componentGenerics.{}", g.key);
                let default_spec = match &g.value.kind {
                    crate::json::JsonKind::Bool(true) => None,
                    crate::json::JsonKind::Object(_) => match g.value.get("default") {
                        Some(d) => {
                            loader.expect_str(&doc, &d.value, &format!("{what}.default"), code).map(str::to_string)
                        }
                        None => None,
                    },
                    _ => {
                        loader.error(
                            &doc.path,
                            g.value.span,
                            code,
                            format!("`{what}` must be true or an object with `default`, found {}", g.value.type_name()),
                        );
                        continue;
                    }
                };
                let span = g.value.get("default").map_or(g.value.span, |d| d.value.span);
                config.generics.push(Generic { name: g.key.clone(), default: None, default_spec, span });
            }
        }
    }
    config
}

/// Why a found path is not a usable component.
#[derive(Clone, Debug)]
enum Problem {
    NotAComponent(String),
    MissingFiles(Vec<String>),
}

/// Resolves `usingComponents` paths, loading each component it reaches once.
pub(crate) struct Resolver<'l> {
    pub loader: &'l mut Loader,
    pub mp_root: String,
    pub plugin_root: Option<String>,
    /// The project's appid when it is a plugin project (the plugin's appid).
    pub plugin_appid: Option<String>,
    pub is_plugin_project: bool,
    pub app_plugins: Vec<PluginDeclaration>,
    pub subpackages: Vec<Subpackage>,
    /// The plugin's public components: name → resolved path (`None` when broken).
    pub public_components: BTreeMap<String, Option<String>>,
    pub components: BTreeMap<String, Component>,
    status: HashMap<String, Result<(), Problem>>,
    queue: VecDeque<String>,
}

impl<'l> Resolver<'l> {
    pub fn new(loader: &'l mut Loader, mp_root: String, plugin_root: Option<String>) -> Self {
        Resolver {
            loader,
            mp_root,
            plugin_root,
            plugin_appid: None,
            is_plugin_project: false,
            app_plugins: Vec::new(),
            subpackages: Vec::new(),
            public_components: BTreeMap::new(),
            components: BTreeMap::new(),
            status: HashMap::new(),
            queue: VecDeque::new(),
        }
    }

    pub fn realm_of(&self, path: &str) -> Realm {
        match &self.plugin_root {
            Some(root) if is_within(path, root) => Realm::Plugin,
            _ => Realm::Host,
        }
    }

    /// The subpackage (root relative to the mini-program root) `path` lies in.
    pub fn package_of(&self, path: &str) -> Option<&Subpackage> {
        self.subpackages.iter().find(|s| is_within(path, &under(&self.mp_root, &s.root)))
    }

    fn root_of(&self, realm: Realm) -> &str {
        match (realm, &self.plugin_root) {
            (Realm::Plugin, Some(root)) => root,
            _ => &self.mp_root,
        }
    }

    /// Resolves every entry of `list`, declared in the `.json` file `owner_file`.
    pub fn resolve_list(&mut self, owner_file: &str, list: &mut [UsingComponent]) {
        for u in list.iter_mut() {
            u.target = self.resolve(owner_file, &u.spec, u.span);
        }
    }

    /// Resolves the defaults of `componentGenerics`.
    pub fn resolve_generics(&mut self, owner_file: &str, generics: &mut [Generic]) {
        for g in generics.iter_mut() {
            if let Some(spec) = g.default_spec.clone() {
                g.default = Some(self.resolve(owner_file, &spec, g.span));
            }
        }
    }

    /// Resolves one path written in `owner_file`, reporting at `span` when it fails.
    pub fn resolve(&mut self, owner_file: &str, spec: &str, span: Span) -> ComponentRef {
        self.resolve_from(owner_file, owner_file, spec, span)
    }

    /// Resolves `spec` as if written in `base_file` (which decides the folder, realm and
    /// subpackage), reporting problems at `span` of `report_file`.
    pub fn resolve_from(&mut self, report_file: &str, base_file: &str, spec: &str, span: Span) -> ComponentRef {
        let realm = self.realm_of(base_file);
        if let Some(rest) = spec.strip_prefix("plugin://") {
            return self.resolve_plugin_uri(report_file, base_file, realm, spec, rest, span);
        }
        if let Some(rest) = spec.strip_prefix("plugin-private://") {
            let (appid, path) = rest.split_once('/').unwrap_or((rest, ""));
            if realm == Realm::Host {
                self.loader.error(
                    report_file,
                    span,
                    "component-not-found",
                    format!("\"{spec}\": plugin-private:// can only be used inside a plugin"),
                );
                return ComponentRef::Missing(spec.to_string());
            }
            if self.plugin_appid.as_deref() != Some(appid) {
                // Another plugin's component: allowed by WeChat, not simulated here.
                return ComponentRef::Plugin { reference: appid.to_string(), name: path.to_string(), path: None };
            }
            return self.resolve_local(report_file, base_file, realm, &format!("/{path}"), spec, span);
        }
        self.resolve_local(report_file, base_file, realm, spec, spec, span)
    }

    fn resolve_plugin_uri(
        &mut self,
        owner_file: &str,
        base_file: &str,
        realm: Realm,
        spec: &str,
        rest: &str,
        span: Span,
    ) -> ComponentRef {
        let missing = ComponentRef::Missing(spec.to_string());
        if realm == Realm::Plugin {
            // WeChat: inside a plugin, use plugin-private://APPID/... ("暂不能使用 plugin://").
            self.loader.error(
                owner_file,
                span,
                "plugin-uri-in-plugin",
                format!("\"{spec}\": a plugin cannot use plugin:// URLs; use plugin-private://APPID/PATH"),
            );
            return missing;
        }
        let Some((reference, name)) = rest.split_once('/').filter(|(r, n)| !r.is_empty() && !n.is_empty()) else {
            self.loader.error(
                owner_file,
                span,
                "plugin-invalid-url",
                format!("\"{spec}\" is not of the form plugin://REF/COMPONENT"),
            );
            return missing;
        };
        // A plugin declared in a subpackage can be used only inside that subpackage.
        let package = self.package_of(base_file).cloned();
        let decl = self
            .app_plugins
            .iter()
            .chain(package.iter().flat_map(|p| p.plugins.iter()))
            .rev()
            .find(|d| d.reference == reference)
            .cloned();
        let Some(decl) = decl else {
            let elsewhere = self.subpackages.iter().any(|s| s.plugins.iter().any(|d| d.reference == reference));
            let hint = if elsewhere {
                " (it is declared only for a subpackage, and a subpackage's plugin can be used only inside that subpackage)"
            } else {
                ""
            };
            self.loader.error(
                owner_file,
                span,
                "plugin-unknown-ref",
                format!("\"{spec}\": no plugin named \"{reference}\" is declared in app.json `plugins`{hint}"),
            );
            return missing;
        };
        let is_ours =
            decl.is_dev() && self.is_plugin_project && self.plugin_appid.as_deref().is_none_or(|a| a == decl.provider);
        if !is_ours {
            return ComponentRef::Plugin { reference: reference.to_string(), name: name.to_string(), path: None };
        }
        match self.public_components.get(name) {
            Some(Some(path)) => ComponentRef::Plugin {
                reference: reference.to_string(),
                name: name.to_string(),
                path: Some(path.clone()),
            },
            // Listed but broken: plugin.json already carries the diagnostic.
            Some(None) => missing,
            None => {
                let public: Vec<&str> = self.public_components.keys().map(String::as_str).collect();
                self.loader.error(
                    owner_file,
                    span,
                    "plugin-component-not-public",
                    format!(
                        "\"{name}\" is not in the plugin's publicComponents (public: {})",
                        if public.is_empty() { "none".to_string() } else { public.join(", ") }
                    ),
                );
                missing
            }
        }
    }

    fn resolve_local(
        &mut self,
        owner_file: &str,
        base_file: &str,
        realm: Realm,
        path: &str,
        spec: &str,
        span: Span,
    ) -> ComponentRef {
        match self.locate(base_file, realm, path) {
            Err(tried) => {
                let msg = if tried.is_empty() {
                    format!(
                        "component \"{spec}\" not found: the path leaves the {}",
                        match realm {
                            Realm::Plugin => "plugin root",
                            Realm::Host => "mini-program root",
                        }
                    )
                } else {
                    format!("component \"{spec}\" not found (looked for {})", tried.join(", "))
                };
                if let Some(installed) = self.installed_not_built(base_file, path) {
                    let msg = format!(
                        "component \"{spec}\" not found: package {installed} is installed but not built into \
                         miniprogram_npm/; run `mpsim build-npm` (DevTools: Tools → Build npm)"
                    );
                    self.loader.error(owner_file, span, "component-npm-not-built", msg);
                    return ComponentRef::Missing(spec.to_string());
                }
                self.loader.error(owner_file, span, "component-not-found", msg);
                ComponentRef::Missing(spec.to_string())
            }
            Ok(found) => match self.check(&found) {
                Ok(()) => ComponentRef::Local(found),
                Err(Problem::NotAComponent(why)) => {
                    self.loader.error(
                        owner_file,
                        span,
                        "component-not-a-component",
                        format!("\"{spec}\" resolves to {found}, which is not a component: {why}"),
                    );
                    ComponentRef::Missing(spec.to_string())
                }
                Err(Problem::MissingFiles(files)) => {
                    self.loader.error(
                        owner_file,
                        span,
                        "component-missing-file",
                        format!("component {found} is missing {}", files.join(" and ")),
                    );
                    ComponentRef::Missing(spec.to_string())
                }
            },
        }
    }

    /// For a bare path naming an npm package (`pkg/x`, `@scope/pkg/x`) that is in a
    /// `node_modules/` folder from `owner_file`'s folder up to the project folder: that
    /// `node_modules/pkg` folder. The mini-program only sees `miniprogram_npm/`, which
    /// "Build npm" makes from it.
    fn installed_not_built(&self, owner_file: &str, spec: &str) -> Option<String> {
        if spec.starts_with(['/', '.']) {
            return None;
        }
        let segments = if spec.starts_with('@') { 2 } else { 1 };
        let name: Vec<&str> = spec.split('/').take(segments).collect();
        if name.len() < segments || name.iter().any(|s| s.is_empty()) {
            return None;
        }
        let mut folder = parent(owner_file).to_string();
        loop {
            let candidate = under(&under(&folder, "node_modules"), &name.join("/"));
            if self.loader.is_dir(&candidate) {
                return Some(candidate);
            }
            if folder.is_empty() {
                return None;
            }
            folder = parent(&folder).to_string();
        }
    }

    /// Whether `path` (without extension) has any of a component's files.
    fn has_files(&self, path: &str) -> bool {
        ["json", "js", "wxml"].iter().any(|ext| self.loader.is_file(&format!("{path}.{ext}")))
    }

    /// Finds the component files a path names: the candidates in WeChat's order, each as
    /// itself or as `folder/index`. On failure returns the candidates tried.
    pub fn locate(&self, owner_file: &str, realm: Realm, spec: &str) -> Result<String, Vec<String>> {
        let root = self.root_of(realm).to_string();
        let dir = parent(owner_file);
        let mut candidates = Vec::new();
        if let Some(abs) = spec.strip_prefix('/') {
            candidates.push(join(&root, abs));
        } else if spec.starts_with("./") || spec.starts_with("../") || spec == "." || spec == ".." {
            candidates.push(join(dir, spec));
        } else {
            candidates.push(join(dir, spec));
            let mut folder = dir.to_string();
            loop {
                candidates.push(join(&under(&folder, "miniprogram_npm"), spec));
                if folder == root || !is_within(&folder, &root) || folder.is_empty() {
                    break;
                }
                folder = parent(&folder).to_string();
            }
        }
        let mut tried = Vec::new();
        for candidate in candidates {
            // A path climbing out of its root is never found, as in WeChat.
            let Some(c) = candidate.filter(|c| is_within(c, &root) && !c.is_empty()) else {
                continue;
            };
            if tried.contains(&c) {
                continue;
            }
            if self.has_files(&c) {
                return Ok(c);
            }
            let index = under(&c, "index");
            if self.loader.is_dir(&c) && self.has_files(&index) {
                return Ok(index);
            }
            tried.push(c);
        }
        Err(tried)
    }

    /// Checks (once) that `path` is a complete component, loading it on first sight.
    fn check(&mut self, path: &str) -> Result<(), Problem> {
        if let Some(status) = self.status.get(path) {
            return status.clone();
        }
        let code = "component-invalid-field";
        let json_exists = self.loader.is_file(&format!("{path}.json"));
        let config = read_config(self.loader, path, code);
        let result = if !json_exists {
            Err(Problem::NotAComponent(format!("it has no {path}.json declaring \"component\": true")))
        } else if !config.is_component {
            Err(Problem::NotAComponent(format!("{path}.json does not declare \"component\": true")))
        } else {
            let missing = self.loader.missing_page_files(path);
            if missing.is_empty() {
                Ok(())
            } else {
                Err(Problem::MissingFiles(missing))
            }
        };
        if result.is_ok() {
            self.components
                .insert(path.to_string(), Component { path: path.to_string(), realm: self.realm_of(path), config });
            self.queue.push_back(path.to_string());
        }
        self.status.insert(path.to_string(), result.clone());
        result
    }

    /// Checks a component listed by path (plugin.json `publicComponents`), for callers that
    /// report problems themselves. Returns the problem as a message.
    pub fn check_listed(&mut self, path: &str) -> Result<(), (&'static str, String)> {
        match self.check(path) {
            Ok(()) => Ok(()),
            Err(Problem::NotAComponent(why)) => Err(("component-not-a-component", why)),
            Err(Problem::MissingFiles(files)) => {
                Err(("plugin-missing-file", format!("missing {}", files.join(" and "))))
            }
        }
    }

    /// Resolves the references of every component loaded so far, and of those they reach.
    pub fn drain(&mut self) {
        while let Some(path) = self.queue.pop_front() {
            let Some(component) = self.components.get_mut(&path) else {
                continue;
            };
            let file = component.config.file.clone();
            let mut using = std::mem::take(&mut component.config.using_components);
            let mut generics = std::mem::take(&mut component.config.generics);
            self.resolve_list(&file, &mut using);
            self.resolve_generics(&file, &mut generics);
            if let Some(component) = self.components.get_mut(&path) {
                component.config.using_components = using;
                component.config.generics = generics;
            }
        }
    }
}
