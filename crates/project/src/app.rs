//! `app.json`, the global configuration of the (host) mini-program.
//!
//! Modelled fields: `pages` (the first is the launch page unless `entryPagePath` says
//! otherwise), `window`, `tabBar`, `usingComponents` (global components), `subpackages`
//! (also spelled `subPackages`; each with `root`, `pages` and `plugins`) and `plugins`.
//! Everything else stays available in `raw`. Page routes are relative to the mini-program
//! root and written without a leading `/` or a file extension.

use mpsim_base::Span;

use crate::component::{parse_using_components, ComponentRef, UsingComponent};
use crate::fs::{normalize_dir, under};
use crate::json::JsonValue;
use crate::loader::{Doc, Loader};

#[derive(Clone, Debug, PartialEq, Default)]
pub struct AppConfig {
    /// Project-relative path of app.json.
    pub file: String,
    /// Routes of the main package, in declaration order.
    pub pages: Vec<String>,
    /// `entryPagePath`, when set.
    pub entry_page: Option<String>,
    pub window: serde_json::Map<String, serde_json::Value>,
    pub tab_bar: Option<TabBar>,
    /// Components every page and host component may use without declaring them.
    pub using_components: Vec<UsingComponent>,
    pub subpackages: Vec<Subpackage>,
    /// Plugins declared for the main package.
    pub plugins: Vec<PluginDeclaration>,
    /// `resolveAlias`: (key prefix, target prefix) with the trailing `*` removed, the target
    /// relative to the mini-program root (`"@/*": "/*"` → `("@/", "")`).
    pub resolve_alias: Vec<(String, String)>,
    /// The whole file as JSON.
    pub raw: serde_json::Value,
}

impl AppConfig {
    /// The page the mini-program opens on: `entryPagePath`, else the first of `pages`.
    pub fn launch_page(&self) -> Option<&str> {
        self.entry_page.as_deref().or_else(|| self.pages.first().map(String::as_str))
    }

    /// `request` with its `resolveAlias` prefix replaced (the longest matching key wins, as
    /// the app.json reference says), as a path relative to the mini-program root.
    pub fn resolve_alias(&self, request: &str) -> Option<String> {
        let (key, target) =
            self.resolve_alias.iter().filter(|(k, _)| request.starts_with(k.as_str())).max_by_key(|(k, _)| k.len())?;
        Some(format!("{target}{}", &request[key.len()..]))
    }

    /// Every plugin declaration: the main package's, then each subpackage's.
    pub fn all_plugins(&self) -> impl Iterator<Item = &PluginDeclaration> {
        self.plugins.iter().chain(self.subpackages.iter().flat_map(|s| s.plugins.iter()))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct TabBar {
    pub list: Vec<TabBarItem>,
    pub raw: serde_json::Value,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TabBarItem {
    pub page_path: String,
    pub text: Option<String>,
    pub icon_path: Option<String>,
    pub selected_icon_path: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Subpackage {
    /// The subpackage's folder, relative to the mini-program root.
    pub root: String,
    pub name: Option<String>,
    /// Full routes (`root/page`).
    pub pages: Vec<String>,
    pub independent: bool,
    /// Plugins declared for this subpackage only.
    pub plugins: Vec<PluginDeclaration>,
}

/// One entry of a `plugins` object: `REF: {version, provider, export?, genericsImplementation?}`.
#[derive(Clone, Debug, PartialEq)]
pub struct PluginDeclaration {
    /// The reference name the host chose (`REF` in `plugin://REF/...`).
    pub reference: String,
    pub version: String,
    /// The plugin's appid.
    pub provider: String,
    /// Project-relative path of the export file, resolved against the package root.
    pub export: Option<String>,
    pub generics_implementation: Vec<GenericsImplementation>,
    /// The subpackage root (relative to the mini-program root) for subpackage declarations.
    pub package: Option<String>,
    /// The span of the reference key in app.json.
    pub span: Span,
}

impl PluginDeclaration {
    /// Whether this declaration mounts the plugin developed in this project.
    pub fn is_dev(&self) -> bool {
        self.version == "dev"
    }
}

/// `genericsImplementation: {PAGE: {GENERIC: componentPath}}`: the host component that
/// fills an abstract node of a plugin page.
#[derive(Clone, Debug, PartialEq)]
pub struct GenericsImplementation {
    pub page: String,
    pub generic: String,
    pub spec: String,
    pub target: ComponentRef,
    pub span: Span,
}

/// A page entry with its position, for the checks that follow parsing.
pub(crate) struct PageEntry {
    pub route: String,
    pub span: Span,
    pub package: Option<String>,
}

/// Spans of a plugin declaration's fields, for the plugin checks.
pub(crate) struct DeclSource {
    pub version_span: Span,
    pub provider_span: Span,
    pub export_span: Option<Span>,
}

pub(crate) struct AppLoad {
    pub config: AppConfig,
    pub entries: Vec<PageEntry>,
    /// Parallel to `config.all_plugins()`.
    pub decl_sources: Vec<DeclSource>,
}

const CODE: &str = "app-invalid-field";

pub(crate) fn load(loader: &mut Loader, doc: &Doc, mp_root: &str) -> AppLoad {
    let root = &doc.root;
    let mut out = AppLoad {
        config: AppConfig { file: doc.path.clone(), raw: root.to_serde(), ..AppConfig::default() },
        entries: Vec::new(),
        decl_sources: Vec::new(),
    };
    let mut main_sources = Vec::new();

    match root.get("pages") {
        None if doc.broken => {}
        None => loader.error(&doc.path, root.span, "app-no-pages", "app.json must list at least one page in `pages`"),
        Some(m) => {
            if let Some(items) = loader.expect_array(doc, &m.value, "pages", CODE) {
                if items.is_empty() {
                    loader.error(
                        &doc.path,
                        m.value.span,
                        "app-no-pages",
                        "app.json must list at least one page in `pages`",
                    );
                }
                for (i, item) in items.iter().enumerate() {
                    if let Some(route) = page_route(loader, doc, item, &format!("pages[{i}]")) {
                        out.config.pages.push(route.clone());
                        out.entries.push(PageEntry { route, span: item.span, package: None });
                    }
                }
            }
        }
    }

    if let Some(m) = root.get("window") {
        if loader.expect_object(doc, &m.value, "window", CODE).is_some() {
            if let serde_json::Value::Object(map) = m.value.to_serde() {
                out.config.window = map;
            }
        }
    }

    if let Some(m) = root.get("usingComponents") {
        out.config.using_components = parse_using_components(loader, doc, &m.value, CODE);
    }

    // resolveAlias: "keys and values must end with /*"; values are relative to the
    // mini-program root whether or not they start with `/`.
    if let Some(m) = root.get("resolveAlias") {
        for member in loader.expect_object(doc, &m.value, "resolveAlias", CODE).unwrap_or_default() {
            let Some(target) = loader.expect_str(doc, &member.value, &format!("resolveAlias.{}", member.key), CODE)
            else {
                continue;
            };
            match (member.key.strip_suffix('*'), target.strip_suffix('*')) {
                (Some(key), Some(target)) if key.ends_with('/') && target.ends_with('/') => {
                    out.config.resolve_alias.push((key.to_string(), target.trim_start_matches('/').to_string()));
                }
                _ => loader.error(
                    &doc.path,
                    member.key_span,
                    "app-invalid-resolve-alias",
                    format!("resolveAlias \"{}\": \"{target}\": keys and values must end with /*", member.key),
                ),
            }
        }
    }

    if let Some(m) = root.get("plugins") {
        for (decl, src) in parse_plugins(loader, doc, &m.value, None, mp_root) {
            out.config.plugins.push(decl);
            main_sources.push(src);
        }
    }
    out.decl_sources = main_sources;

    for key in ["subpackages", "subPackages"] {
        let Some(m) = root.get(key) else { continue };
        let Some(items) = loader.expect_array(doc, &m.value, key, CODE) else {
            continue;
        };
        for (i, item) in items.iter().enumerate() {
            let what = format!("{key}[{i}]");
            if loader.expect_object(doc, item, &what, CODE).is_none() {
                continue;
            }
            let Some((raw_root, root_span)) = loader.str_field(doc, item, "root", CODE) else {
                if item.get("root").is_none() {
                    loader.error(
                        &doc.path,
                        item.span,
                        "app-subpackage-missing-root",
                        format!("`{what}` needs a `root` folder"),
                    );
                }
                continue;
            };
            let Some(sub_root) = normalize_dir(raw_root).filter(|r| !r.is_empty()) else {
                loader.error(
                    &doc.path,
                    root_span,
                    "app-invalid-field",
                    format!("`{what}.root` must be a folder inside the mini-program, found \"{raw_root}\""),
                );
                continue;
            };
            let mut sub = Subpackage {
                root: sub_root.clone(),
                name: item.get("name").and_then(|m| m.value.as_str()).map(str::to_string),
                pages: Vec::new(),
                independent: item.get("independent").and_then(|m| m.value.as_bool()).unwrap_or(false),
                plugins: Vec::new(),
            };
            if let Some(pm) = item.get("pages") {
                if let Some(pages) = loader.expect_array(doc, &pm.value, &format!("{what}.pages"), CODE) {
                    for (j, p) in pages.iter().enumerate() {
                        let Some(route) = page_route(loader, doc, p, &format!("{what}.pages[{j}]")) else {
                            continue;
                        };
                        let route = under(&sub_root, &route);
                        sub.pages.push(route.clone());
                        out.entries.push(PageEntry { route, span: p.span, package: Some(sub_root.clone()) });
                    }
                }
            }
            if let Some(pm) = item.get("plugins") {
                let package_dir = under(mp_root, &sub_root);
                for (decl, src) in parse_plugins(loader, doc, &pm.value, Some(&sub_root), &package_dir) {
                    sub.plugins.push(decl);
                    out.decl_sources.push(src);
                }
            }
            out.config.subpackages.push(sub);
        }
    }

    // WeChat rejects a page listed twice, including across subpackages.
    let mut seen = std::collections::HashSet::new();
    for entry in &out.entries {
        if !seen.insert(entry.route.clone()) {
            loader.error(
                &doc.path,
                entry.span,
                "app-duplicate-page",
                format!("page \"{}\" is listed more than once", entry.route),
            );
        }
    }

    if let Some((entry, span)) = loader.str_field(doc, root, "entryPagePath", CODE) {
        let entry = entry.trim_start_matches('/').to_string();
        if seen.contains(&entry) {
            out.config.entry_page = Some(entry);
        } else {
            // The launch page falls back to the first of `pages`.
            loader.error(
                &doc.path,
                span,
                "app-entry-page-not-found",
                format!("entryPagePath \"{entry}\" is not a page listed in app.json"),
            );
        }
    }

    if let Some(m) = root.get("tabBar") {
        out.config.tab_bar = tab_bar(loader, doc, &m.value, &out.config.pages);
    }
    out
}

/// A page route from a `pages` item, reporting a leading `/` or a file extension, which
/// WeChat's `pages` entries must not have.
fn page_route(loader: &mut Loader, doc: &Doc, item: &JsonValue, what: &str) -> Option<String> {
    let raw = loader.expect_str(doc, item, what, CODE)?;
    let exts = [".js", ".ts", ".wxml", ".json", ".wxss"];
    if raw.starts_with('/') || exts.iter().any(|e| raw.ends_with(e)) || raw.is_empty() {
        loader.error(
            &doc.path,
            item.span,
            "app-invalid-page-path",
            format!(
                "page path \"{raw}\" must be relative to the mini-program root, without a leading `/` or file extension"
            ),
        );
    }
    let trimmed = raw.trim_start_matches('/');
    let route = exts.iter().find_map(|e| trimmed.strip_suffix(e)).unwrap_or(trimmed);
    crate::fs::join("", route).filter(|r| !r.is_empty())
}

fn tab_bar(loader: &mut Loader, doc: &Doc, v: &JsonValue, main_pages: &[String]) -> Option<TabBar> {
    loader.expect_object(doc, v, "tabBar", CODE)?;
    let mut bar = TabBar { list: Vec::new(), raw: v.to_serde() };
    let Some(list_member) = v.get("list") else {
        loader.error(&doc.path, v.span, "app-invalid-tabbar", "`tabBar` needs a `list`");
        return Some(bar);
    };
    let items = loader.expect_array(doc, &list_member.value, "tabBar.list", CODE)?;
    // WeChat: the list has at least 2 and at most 5 items.
    if !(2..=5).contains(&items.len()) {
        loader.error(
            &doc.path,
            list_member.value.span,
            "app-invalid-tabbar",
            format!("`tabBar.list` must have 2 to 5 items, found {}", items.len()),
        );
    }
    for (i, item) in items.iter().enumerate() {
        let what = format!("tabBar.list[{i}]");
        if loader.expect_object(doc, item, &what, CODE).is_none() {
            continue;
        }
        let Some((path, span)) = loader.str_field(doc, item, "pagePath", CODE) else {
            continue;
        };
        let path = path.trim_start_matches('/').to_string();
        // WeChat: tab pages must be pages of the main package.
        if !main_pages.contains(&path) {
            loader.error(
                &doc.path,
                span,
                "app-tabbar-page-not-found",
                format!("tabBar page \"{path}\" is not a page of the main package in `pages`"),
            );
        }
        let text_of = |key: &str| item.get(key).and_then(|m| m.value.as_str()).map(str::to_string);
        bar.list.push(TabBarItem {
            page_path: path,
            text: text_of("text"),
            icon_path: text_of("iconPath"),
            selected_icon_path: text_of("selectedIconPath"),
        });
    }
    Some(bar)
}

/// Parses a `plugins` object. `package_dir` is the project-relative folder the `export`
/// path is relative to (the mini-program root, or the subpackage's folder).
fn parse_plugins(
    loader: &mut Loader,
    doc: &Doc,
    v: &JsonValue,
    package: Option<&str>,
    package_dir: &str,
) -> Vec<(PluginDeclaration, DeclSource)> {
    let mut out = Vec::new();
    let Some(members) = loader.expect_object(doc, v, "plugins", CODE) else {
        return out;
    };
    for m in members {
        let what = format!("plugins.{}", m.key);
        if loader.expect_object(doc, &m.value, &what, CODE).is_none() {
            continue;
        }
        let field = |loader: &mut Loader, key: &str, required: bool| match m.value.get(key) {
            Some(f) => {
                loader.expect_str(doc, &f.value, &format!("{what}.{key}"), CODE).map(|s| (s.to_string(), f.value.span))
            }
            None => {
                if required {
                    loader.error(
                        &doc.path,
                        m.key_span,
                        "plugin-invalid-declaration",
                        format!("plugin declaration \"{}\" needs `{key}`", m.key),
                    );
                }
                None
            }
        };
        let version = field(loader, "version", true);
        let provider = field(loader, "provider", true);
        let export = field(loader, "export", false);
        let (Some((version, version_span)), Some((provider, provider_span))) = (version, provider) else {
            continue;
        };
        let export_path = export
            .as_ref()
            .and_then(|(e, _)| crate::fs::join(package_dir, e.trim_start_matches('/')))
            .map(|p| crate::fs::configured_script(&loader.dir, &p).unwrap_or(p));
        let mut generics = Vec::new();
        if let Some(g) = m.value.get("genericsImplementation") {
            let gwhat = format!("{what}.genericsImplementation");
            if let Some(pages) = loader.expect_object(doc, &g.value, &gwhat, CODE) {
                for page in pages {
                    let pwhat = format!("{gwhat}.{}", page.key);
                    let Some(nodes) = loader.expect_object(doc, &page.value, &pwhat, CODE) else {
                        continue;
                    };
                    for node in nodes {
                        let nwhat = format!("{pwhat}.{}", node.key);
                        if let Some(spec) = loader.expect_str(doc, &node.value, &nwhat, CODE) {
                            generics.push(GenericsImplementation {
                                page: page.key.clone(),
                                generic: node.key.clone(),
                                spec: spec.to_string(),
                                target: ComponentRef::Missing(spec.to_string()),
                                span: node.value.span,
                            });
                        }
                    }
                }
            }
        }
        out.push((
            PluginDeclaration {
                reference: m.key.clone(),
                version,
                provider,
                export: export_path,
                generics_implementation: generics,
                package: package.map(str::to_string),
                span: m.key_span,
            },
            DeclSource { version_span, provider_span, export_span: export.map(|(_, s)| s) },
        ));
    }
    out
}
