//! Which `package.json` files are built, and where each one's `miniprogram_npm/` goes.
//!
//! WeChat DevTools has two ways (its npm documentation, "构建 npm"):
//! - by default, every package.json inside `miniprogramRoot` (the folder of
//!   project.config.json when that field is absent) is built, and the result is written to
//!   `miniprogram_npm/` next to it ("为每一个 package.json 对应的 node_modules 构建一份
//!   miniprogram_npm，并放置在对应 package.json 所在目录的子目录中"); a package.json
//!   outside `miniprogramRoot` is not built. In a plugin project the plugin root is built
//!   the same way, so the plugin gets its own `miniprogram_npm/`.
//! - with `setting.packNpmManually: true`, only the pairs of `setting.packNpmRelationList`
//!   are built: `packageJsonPath` names a package.json and `miniprogramNpmDistDir` the
//!   folder that receives `miniprogram_npm/`, both relative to the project folder.

use mpsim_base::{Diagnostic, Severity, Span};
use mpsim_project::json::JsonValue;
use mpsim_project::{join_path, parent_dir};

use crate::manifest::JsonDoc;
use crate::tree::{Entry, Tree};

pub const CONFIG_FILE: &str = "project.config.json";

/// One build: a package.json, the `node_modules/` next to it, and the output folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The package.json, project-relative.
    pub package_json: String,
    /// The folder holding package.json and its `node_modules/`.
    pub base: String,
    /// The `miniprogram_npm` folder written, project-relative.
    pub out: String,
}

/// The builds the project asks for. When there is none, a finding says why.
pub fn find(tree: &Tree, diags: &mut Vec<Diagnostic>) -> Vec<Target> {
    let config = match tree.entry(CONFIG_FILE) {
        Entry::Missing => None,
        _ => match JsonDoc::read(tree, CONFIG_FILE, "npm-invalid-project-config") {
            Ok(doc) => Some(doc),
            Err(d) => {
                diags.push(d);
                return Vec::new();
            }
        },
    };
    let setting = config.as_ref().and_then(|c| c.root.get("setting")).map(|m| &m.value);
    if let (Some(doc), Some(setting)) = (&config, setting) {
        if setting.get("packNpmManually").and_then(|m| m.value.as_bool()) == Some(true) {
            let targets = manual(tree, doc, setting, diags);
            if targets.is_empty() && !diags.iter().any(Diagnostic::is_error) {
                let span = setting.get("packNpmManually").map_or(setting.span, |m| m.key_span);
                diags.push(doc.error(
                    span,
                    "npm-nothing-to-build",
                    "packNpmManually is true but packNpmRelationList names no package.json to build",
                ));
            }
            return targets;
        }
    }
    let mut roots = Vec::new();
    if let Some(doc) = &config {
        let plugin = doc.root.get("compileType").and_then(|m| m.value.as_str()) == Some("plugin");
        for key in ["miniprogramRoot", "pluginRoot"] {
            if key == "pluginRoot" && !plugin {
                continue;
            }
            match doc.string(&doc.root, key, "npm-invalid-project-config") {
                Ok(Some((raw, span))) => match project_path(raw) {
                    Some(dir) => roots.push(dir),
                    None => diags.push(doc.error(
                        span,
                        "npm-outside-project",
                        format!("`{key}` must be a folder inside the project, found \"{raw}\""),
                    )),
                },
                Ok(None) if key == "miniprogramRoot" => roots.push(String::new()),
                Ok(None) => {}
                Err(d) => diags.push(d),
            }
        }
    } else {
        roots.push(String::new());
    }
    let mut targets: Vec<Target> = Vec::new();
    for root in &roots {
        for package_json in package_jsons(tree, root) {
            if targets.iter().any(|t| t.package_json == package_json) {
                continue;
            }
            let base = parent_dir(&package_json).to_string();
            targets.push(Target { out: under(&base, "miniprogram_npm"), package_json, base });
        }
    }
    if targets.is_empty() {
        let roots: Vec<String> =
            roots.iter().map(|r| if r.is_empty() { "the project folder".into() } else { format!("{r}/") }).collect();
        let mut message =
            format!("no package.json to build: DevTools builds the package.json files inside {}", roots.join(" and "));
        if !roots.is_empty() && tree.is_file("package.json") && !roots.iter().any(|r| r == "the project folder") {
            message.push_str(
                "; package.json at the project root is outside them: set `setting.packNpmManually: true` and \
                 `setting.packNpmRelationList: [{\"packageJsonPath\": \"./package.json\", \"miniprogramNpmDistDir\": \
                 \"./miniprogram/\"}]` in project.config.json",
            );
        }
        let at = if config.is_some() { CONFIG_FILE } else { "" };
        diags.push(Diagnostic::file(at, Severity::Error, "npm-nothing-to-build", message));
    }
    targets
}

/// The pairs of `packNpmRelationList`.
fn manual(tree: &Tree, doc: &JsonDoc, setting: &JsonValue, diags: &mut Vec<Diagnostic>) -> Vec<Target> {
    let code = "npm-invalid-relation";
    let Some(list) = setting.get("packNpmRelationList") else {
        return Vec::new();
    };
    let Some(items) = list.value.as_array() else {
        diags.push(doc.error(
            list.value.span,
            code,
            format!("`packNpmRelationList` must be an array, found {}", list.value.type_name()),
        ));
        return Vec::new();
    };
    let mut targets = Vec::new();
    for item in items {
        let mut path = |key: &str| -> Option<(String, Span)> {
            match doc.string(item, key, code) {
                Ok(Some((raw, span))) => match project_path(raw) {
                    Some(p) => Some((p, span)),
                    None => {
                        diags.push(doc.error(
                            span,
                            "npm-outside-project",
                            format!("`{key}` must stay inside the project folder, found \"{raw}\""),
                        ));
                        None
                    }
                },
                Ok(None) => {
                    diags.push(doc.error(item.span, code, format!("a packNpmRelationList entry needs `{key}`")));
                    None
                }
                Err(d) => {
                    diags.push(d);
                    None
                }
            }
        };
        let (Some((package_json, json_span)), Some((dist, _))) =
            (path("packageJsonPath"), path("miniprogramNpmDistDir"))
        else {
            continue;
        };
        if !tree.is_file(&package_json) {
            diags.push(doc.error(
                json_span,
                code,
                format!("packageJsonPath: {package_json} is not a file in the project"),
            ));
            continue;
        }
        let base = parent_dir(&package_json).to_string();
        targets.push(Target { package_json, base, out: under(&dist, "miniprogram_npm") });
    }
    targets
}

/// The package.json files inside `root` (not inside `node_modules`, `miniprogram_npm` or
/// hidden folders), sorted.
fn package_jsons(tree: &Tree, root: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_string()];
    while let Some(dir) = stack.pop() {
        let Ok(read) = std::fs::read_dir(tree.path(&dir)) else {
            continue;
        };
        for e in read.flatten() {
            let Ok(name) = e.file_name().into_string() else {
                continue;
            };
            let child = under(&dir, &name);
            // Links are not followed while searching: a linked folder is somebody else's tree.
            let Ok(kind) = e.file_type() else {
                continue;
            };
            if kind.is_dir() && !name.starts_with('.') && name != "node_modules" && name != "miniprogram_npm" {
                stack.push(child);
            } else if kind.is_file() && name == "package.json" {
                found.push(child);
            }
        }
    }
    found.sort();
    found
}

/// A folder or file setting of project.config.json in project-relative form (`./a/` →
/// `a`), or `None` when it is absolute or climbs out of the project.
pub fn project_path(raw: &str) -> Option<String> {
    if raw.starts_with('/') || raw.contains('\\') || raw.split('/').any(|s| s == "..") {
        return None;
    }
    join_path("", raw)
}

/// `root` and `rel` joined with a `/` unless `root` is the project folder itself.
pub fn under(root: &str, rel: &str) -> String {
    if root.is_empty() {
        rel.to_string()
    } else {
        format!("{root}/{rel}")
    }
}
