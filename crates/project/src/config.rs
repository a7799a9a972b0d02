//! `project.config.json`: what kind of project this is and where its roots are.
//!
//! The developer tools read `compileType` (`miniprogram` or `plugin`), `miniprogramRoot`,
//! `pluginRoot` and `appid`. Without `miniprogramRoot` the mini-program root is the
//! folder of project.config.json (WeChat's npm documentation states this default). A folder
//! with app.json and no project.config.json is a mini-program rooted there.

use mpsim_base::Span;

use crate::fs::normalize_dir;
use crate::loader::Loader;

pub const CONFIG_FILE: &str = "project.config.json";

/// Whether the opened folder is a mini-program or a plugin project (whose `miniprogram`
/// folder is the debug host).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProjectKind {
    MiniProgram,
    Plugin,
}

/// The settings of project.config.json, normalised.
pub(crate) struct ProjectConfig {
    pub exists: bool,
    pub kind: ProjectKind,
    pub appid: Option<String>,
    pub miniprogram_root: String,
    /// The span of the `miniprogramRoot` value, to point at when app.json is missing.
    pub miniprogram_root_span: Option<Span>,
    pub plugin_root: Option<String>,
    pub plugin_root_span: Option<Span>,
}

const CODE: &str = "project-invalid-field";

pub(crate) fn load(loader: &mut Loader) -> ProjectConfig {
    let mut config = ProjectConfig {
        exists: false,
        kind: ProjectKind::MiniProgram,
        appid: None,
        miniprogram_root: String::new(),
        miniprogram_root_span: None,
        plugin_root: None,
        plugin_root_span: None,
    };
    let Some(doc) = loader.read_doc(CONFIG_FILE) else {
        return config;
    };
    config.exists = true;
    let root = &doc.root;
    let mut compile_type_span = None;
    if let Some((ty, span)) = loader.str_field(&doc, root, "compileType", CODE) {
        compile_type_span = Some(span);
        match ty {
            "miniprogram" => {}
            "plugin" => config.kind = ProjectKind::Plugin,
            other => loader.error(
                &doc.path,
                span,
                "project-invalid-compile-type",
                format!("compileType \"{other}\" is not supported; expected \"miniprogram\" or \"plugin\""),
            ),
        }
    }
    if let Some((appid, span)) = loader.str_field(&doc, root, "appid", CODE) {
        if !appid.is_empty() {
            config.appid = Some(appid.to_string());
        } else {
            loader.warning(&doc.path, span, CODE, "`appid` is empty");
        }
    }
    for key in ["miniprogramRoot", "pluginRoot"] {
        let Some((raw, span)) = loader.str_field(&doc, root, key, CODE) else {
            continue;
        };
        let Some(dir) = normalize_dir(raw) else {
            loader.error(
                &doc.path,
                span,
                "project-invalid-root",
                format!("`{key}` must be a folder inside the project, found \"{raw}\""),
            );
            continue;
        };
        if key == "miniprogramRoot" {
            config.miniprogram_root = dir;
            config.miniprogram_root_span = Some(span);
        } else {
            config.plugin_root = Some(dir);
            config.plugin_root_span = Some(span);
        }
    }
    if config.kind == ProjectKind::Plugin && config.plugin_root.is_none() {
        loader.error(
            &doc.path,
            compile_type_span.unwrap_or(root.span),
            "project-missing-plugin-root",
            "a plugin project needs `pluginRoot` (the folder holding plugin.json); assuming \"plugin\"",
        );
        config.plugin_root = Some("plugin".to_string());
    }
    if config.kind == ProjectKind::MiniProgram {
        // A plugin root is meaningless outside a plugin project; ignore it.
        config.plugin_root = None;
        config.plugin_root_span = None;
    }
    config
}
