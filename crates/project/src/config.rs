//! `project.config.json`: what kind of project this is and where its roots are.
//!
//! The developer tools read `compileType` (`miniprogram` or `plugin`), `miniprogramRoot`,
//! `pluginRoot` and `appid`. Without `miniprogramRoot` the mini-program root is the
//! folder of project.config.json (WeChat's npm documentation states this default). A folder
//! with app.json and no project.config.json is a mini-program rooted there.
//!
//! `setting.useCompilerPlugins` ("项目配置文件": `String[]` or `false`; "目前支持编译插件有
//! typescript、less、sass") turns on DevTools' built-in compilers. It shapes the compiled
//! output, so project.private.config.json cannot set it (the same page: settings that affect
//! the compiled result do not take effect there); only project.config.json is read.

use mpsim_base::Span;

use crate::fs::normalize_dir;
use crate::json::JsonValue;
use crate::loader::{Doc, Loader};

pub const CONFIG_FILE: &str = "project.config.json";

/// Whether the opened folder is a mini-program or a plugin project (whose `miniprogram`
/// folder is the debug host).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProjectKind {
    MiniProgram,
    Plugin,
}

/// A compiler DevTools runs when `setting.useCompilerPlugins` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CompilerPlugin {
    TypeScript,
    Less,
    Sass,
}

impl CompilerPlugin {
    pub fn from_name(name: &str) -> Option<CompilerPlugin> {
        match name {
            "typescript" => Some(CompilerPlugin::TypeScript),
            "less" => Some(CompilerPlugin::Less),
            "sass" => Some(CompilerPlugin::Sass),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            CompilerPlugin::TypeScript => "typescript",
            CompilerPlugin::Less => "less",
            CompilerPlugin::Sass => "sass",
        }
    }
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
    pub compiler_plugins: Vec<CompilerPlugin>,
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
        compiler_plugins: Vec::new(),
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
    if let Some(setting) = root.get("setting") {
        let setting = &setting.value;
        if loader.expect_object(&doc, setting, "setting", CODE).is_some() {
            if let Some(m) = setting.get("useCompilerPlugins") {
                config.compiler_plugins = compiler_plugins(loader, &doc, &m.value);
            }
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

/// `useCompilerPlugins`: `false`, or an array of plugin names. An entry may also be a
/// `[name, options]` pair; the options are not used by mpsim. Unknown names are warnings.
fn compiler_plugins(loader: &mut Loader, doc: &Doc, v: &JsonValue) -> Vec<CompilerPlugin> {
    if v.as_bool() == Some(false) {
        return Vec::new();
    }
    let Some(items) = loader.expect_array(doc, v, "useCompilerPlugins", CODE) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let name = item.as_str().or_else(|| item.as_array().and_then(|pair| pair.first()).and_then(JsonValue::as_str));
        match name.map(|n| (n, CompilerPlugin::from_name(n))) {
            Some((_, Some(p))) => {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
            Some((n, None)) => loader.warning(
                &doc.path,
                item.span,
                CODE,
                format!("unknown compiler plugin \"{n}\"; DevTools supports typescript, less and sass"),
            ),
            None => loader.warning(&doc.path, item.span, CODE, "a compiler plugin must be named by a string"),
        }
    }
    out
}
