//! The project model: project.config.json, app.json, page and component json, routes.
//!
//! [`load`] reads a project folder and returns the [`Project`] with every diagnostic found
//! on the way; it never fails. Paths in the model are project-relative and `/`-separated;
//! pages and components are named by their path without extension
//! (`miniprogram/components/card/card`), routes by their path inside the mini-program root
//! (`pages/index/index`).
//!
//! Modules, one concept each: `json` (the spanned JSON parser), `fs` (the path guard and
//! path arithmetic), `config` (project.config.json), `app` (app.json), `component` (pages,
//! components and `usingComponents` resolution), `plugin` (plugin.json and plugin
//! declarations), `settings` (mpsim.json).

mod app;
mod component;
mod config;
mod fs;
pub mod json;
mod loader;
mod plugin;
mod settings;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use mpsim_base::Diagnostic;

pub use app::{AppConfig, GenericsImplementation, PluginDeclaration, Subpackage, TabBar, TabBarItem};
pub use component::{Component, ComponentConfig, ComponentRef, Generic, Page, Realm, UsingComponent};
pub use config::CompilerPlugin;
pub use config::ProjectKind;
pub use fs::{
    decode_text, is_within, join as join_path, parent as parent_dir, resolve_inside, script_file, SCRIPT_EXTENSIONS,
};
pub use plugin::{Plugin, PluginPage, PluginPageError, PublicComponent};
pub use settings::{FunctionalOutcome, Settings, DEFAULT_ASSISTANT_APPID, SETTINGS_FILE};

use component::Resolver;
use fs::under;
use loader::Loader;

/// A loaded project.
#[derive(Clone, Debug, PartialEq)]
pub struct Project {
    /// The folder that was opened.
    pub dir: PathBuf,
    pub kind: ProjectKind,
    /// `appid` of project.config.json (the plugin's appid in a plugin project).
    pub appid: Option<String>,
    /// The mini-program root, project-relative (`""` for the project folder itself).
    pub miniprogram_root: String,
    /// The plugin root of a plugin project, project-relative.
    pub plugin_root: Option<String>,
    pub app: AppConfig,
    /// Pages whose `.js` and `.wxml` exist, main package first, in app.json order.
    pub pages: Vec<Page>,
    /// Every component reached from a `usingComponents`, a generic default or plugin.json.
    pub components: BTreeMap<String, Component>,
    pub plugin: Option<Plugin>,
    pub settings: Settings,
    /// project.config.json `setting.useCompilerPlugins`: the DevTools compilers turned on.
    pub compiler_plugins: Vec<CompilerPlugin>,
}

impl Project {
    pub fn page_by_route(&self, route: &str) -> Option<&Page> {
        let route = route.trim_start_matches('/');
        self.pages.iter().find(|p| p.route == route)
    }

    /// The configuration of the page, plugin page or component at `path`, and its realm.
    pub fn config_of(&self, path: &str) -> Option<(&ComponentConfig, Realm)> {
        if let Some(c) = self.components.get(path) {
            return Some((&c.config, c.realm));
        }
        if let Some(p) = self.pages.iter().find(|p| p.path == path) {
            return Some((&p.config, Realm::Host));
        }
        let plugin = self.plugin.as_ref()?;
        let p = plugin.pages.iter().find(|p| p.path == path)?;
        Some((&p.config, Realm::Plugin))
    }

    /// What `<tag>` means in the template of the page or component at `owner_path`: its
    /// own `usingComponents` first, then app.json's global ones (host pages and components
    /// only; a plugin does not see the host's global components).
    pub fn component_for_tag(&self, owner_path: &str, tag: &str) -> Option<&ComponentRef> {
        let (config, realm) = self.config_of(owner_path)?;
        if let Some(u) = config.using(tag) {
            return Some(&u.target);
        }
        if realm == Realm::Host {
            return self.app.using_components.iter().rev().find(|u| u.tag == tag).map(|u| &u.target);
        }
        None
    }

    /// The plugin declaration named `reference`, as seen from the host page or component
    /// at `owner_path` (main-package declarations, plus its own subpackage's).
    pub fn plugin_declaration(&self, owner_path: &str, reference: &str) -> Option<&PluginDeclaration> {
        let package =
            self.app.subpackages.iter().find(|s| fs::is_within(owner_path, &under(&self.miniprogram_root, &s.root)));
        self.app
            .plugins
            .iter()
            .chain(package.iter().flat_map(|s| s.plugins.iter()))
            .rev()
            .find(|d| d.reference == reference)
    }

    /// The plugin page a host `plugin://REF/PAGE` URL names. `reference` is looked up in
    /// every declaration (main package and subpackages); callers that know the calling page
    /// can check its scope with [`Project::plugin_declaration`].
    pub fn plugin_page(&self, reference: &str, page: &str) -> Result<&PluginPage, PluginPageError> {
        let decl = self
            .app
            .all_plugins()
            .find(|d| d.reference == reference)
            .ok_or_else(|| PluginPageError::UnknownReference(reference.to_string()))?;
        let ours = decl.is_dev()
            && self.kind == ProjectKind::Plugin
            && self.appid.as_deref().is_none_or(|a| a == decl.provider);
        let plugin = match (&self.plugin, ours) {
            (Some(plugin), true) => plugin,
            _ => return Err(PluginPageError::NotSimulated(reference.to_string())),
        };
        plugin
            .page(page)
            .ok_or_else(|| PluginPageError::UnknownPage { reference: reference.to_string(), page: page.to_string() })
    }

    /// The text of a project file (a leading BOM removed, see [`decode_text`]), refusing
    /// paths that leave the project.
    pub fn read_text(&self, rel: &str) -> Option<String> {
        let path = resolve_inside(&self.dir, rel)?;
        decode_text(std::fs::read(path).ok()?).ok()
    }

    /// Whether `setting.useCompilerPlugins` turns on `plugin`.
    pub fn uses_compiler_plugin(&self, plugin: CompilerPlugin) -> bool {
        self.compiler_plugins.contains(&plugin)
    }

    /// The script of a page or component `base` (`base.js`, else `base.ts`).
    pub fn script_file(&self, base: &str) -> Option<String> {
        script_file(&self.dir, base)
    }

    /// Project-relative path of a route (`pages/a/a` → `miniprogram/pages/a/a`).
    pub fn route_path(&self, route: &str) -> String {
        under(&self.miniprogram_root, route.trim_start_matches('/'))
    }
}

/// Loads the project in `dir`. Never fails: every problem is a diagnostic, sorted by file
/// and position.
pub fn load(dir: &Path) -> (Project, Vec<Diagnostic>) {
    let mut loader = Loader::new(dir);
    let (settings, assistant_span) = settings::load(&mut loader);
    let cfg = config::load(&mut loader);
    let mp_root = cfg.miniprogram_root.clone();
    let app_path = under(&mp_root, "app.json");

    let app_doc = loader.read_doc(&app_path);
    if app_doc.is_none() {
        let msg = format!("{app_path} not found");
        match (cfg.exists, cfg.miniprogram_root_span) {
            (true, Some(span)) => loader.error(
                config::CONFIG_FILE,
                span,
                "project-missing-app-json",
                format!("{msg}: miniprogramRoot must hold the mini-program's app.json"),
            ),
            (true, None) => loader.error(
                config::CONFIG_FILE,
                mpsim_base::Span::at(0),
                "project-missing-app-json",
                format!("{msg}: without miniprogramRoot the mini-program is the project folder"),
            ),
            (false, _) => loader.diags.push(Diagnostic::file(
                "app.json",
                mpsim_base::Severity::Error,
                "project-missing-app-json",
                "not a mini-program project: neither project.config.json nor app.json is here",
            )),
        }
    }
    let app_load = app_doc.as_ref().map(|doc| app::load(&mut loader, doc, &mp_root));
    let (mut app, entries, decl_sources) = match app_load {
        Some(a) => (a.config, a.entries, a.decl_sources),
        None => (
            AppConfig {
                file: app_path.clone(),
                raw: serde_json::Value::Object(serde_json::Map::new()),
                ..AppConfig::default()
            },
            Vec::new(),
            Vec::new(),
        ),
    };

    let is_plugin_project = cfg.kind == ProjectKind::Plugin;
    let mut resolver = Resolver::new(&mut loader, mp_root.clone(), cfg.plugin_root.clone());
    resolver.is_plugin_project = is_plugin_project;
    resolver.plugin_appid = cfg.appid.clone();
    resolver.app_plugins = app.plugins.clone();
    resolver.subpackages = app.subpackages.clone();

    // The plugin first, so that host `plugin://` references can be checked against it.
    let mut plugin = None;
    if let Some(root) = cfg.plugin_root.clone() {
        let plugin_json = under(&root, "plugin.json");
        match resolver.loader.read_doc(&plugin_json) {
            Some(doc) => plugin = Some(plugin::load(&mut resolver, &doc, &root)),
            None => {
                let msg = format!("{plugin_json} not found: a plugin project needs a plugin.json in its pluginRoot");
                match cfg.plugin_root_span {
                    Some(span) => resolver.loader.error(config::CONFIG_FILE, span, "project-missing-plugin-json", msg),
                    None => resolver.loader.diags.push(Diagnostic::file(
                        plugin_json.clone(),
                        mpsim_base::Severity::Error,
                        "project-missing-plugin-json",
                        msg,
                    )),
                }
            }
        }
    }

    let app_file = app.file.clone();
    resolver.resolve_list(&app_file, &mut app.using_components);

    let mut pages = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for entry in &entries {
        if !seen.insert(entry.route.clone()) {
            continue;
        }
        let path = under(&mp_root, &entry.route);
        let missing = resolver.loader.missing_page_files(&path);
        if !missing.is_empty() {
            resolver.loader.error(
                &app_file,
                entry.span,
                "page-missing-file",
                format!("page \"{}\" is missing {}", entry.route, missing.join(" and ")),
            );
            continue;
        }
        let mut config = component::read_config(resolver.loader, &path, "page-invalid-field");
        let file = config.file.clone();
        resolver.resolve_list(&file, &mut config.using_components);
        resolver.resolve_generics(&file, &mut config.generics);
        pages.push(Page { route: entry.route.clone(), path, package: entry.package.clone(), config });
    }

    // genericsImplementation paths are relative to the declaring package's root.
    let resolve_impls = |resolver: &mut Resolver, decls: &mut [PluginDeclaration]| {
        for decl in decls.iter_mut() {
            let base = under(&plugin::package_dir(&mp_root, decl), "app.json");
            for g in decl.generics_implementation.iter_mut() {
                g.target = resolver.resolve_from(&app_file, &base, &g.spec, g.span);
            }
        }
    };
    resolve_impls(&mut resolver, &mut app.plugins);
    for sub in app.subpackages.iter_mut() {
        resolve_impls(&mut resolver, &mut sub.plugins);
    }
    resolver.drain();
    let components = std::mem::take(&mut resolver.components);
    drop(resolver);

    let cx = plugin::DeclContext {
        is_plugin_project,
        appid: cfg.appid.as_deref(),
        plugin: plugin.as_ref(),
        app_file: &app_file,
    };
    plugin::check_declarations(&mut loader, &cx, app.all_plugins(), &decl_sources);

    // On a phone the host runs as the plugin development assistant, never as the plugin.
    if is_plugin_project && cfg.appid.as_deref() == Some(settings.assistant_appid.as_str()) {
        let msg = format!(
            "the assistant appid {} is the plugin's own appid; the host must run under a different appid",
            settings.assistant_appid
        );
        match assistant_span {
            Some(span) => loader.error(SETTINGS_FILE, span, "project-assistant-appid-conflict", msg),
            None => loader.error(config::CONFIG_FILE, mpsim_base::Span::at(0), "project-assistant-appid-conflict", msg),
        }
    }

    let project = Project {
        dir: dir.to_path_buf(),
        kind: cfg.kind,
        appid: cfg.appid,
        miniprogram_root: mp_root,
        plugin_root: cfg.plugin_root,
        app,
        pages,
        components,
        plugin,
        settings,
        compiler_plugins: cfg.compiler_plugins,
    };
    let mut diags = loader.diags;
    diags.sort_by(|a, b| (&a.path, a.line, a.col, a.code).cmp(&(&b.path, b.line, b.col, b.code)));
    diags.dedup();
    (project, diags)
}
