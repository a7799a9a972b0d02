//! Loads every fixture project under `tests/fixtures/` and snapshots a compact summary of
//! the model followed by every diagnostic, rendered with its source line and a caret.
//!
//! The rules the fixtures exercise, from WeChat's documentation:
//! - app.json `pages` must list at least one page; the first is the launch page; a page
//!   is `route.js` + `route.wxml` (+ optional `.json`, `.wxss`); tabBar pages must be
//!   main-package pages and the list has 2 to 5 items (全局配置).
//! - usingComponents: `/x` from the mini-program root, `./x` `../x` from the json's
//!   folder, bare paths relative first and then `miniprogram_npm` upward; a package folder
//!   means its `index` component (自定义组件, npm 支持); a package that is in node_modules
//!   but was never built into miniprogram_npm is reported as such (the mini-program never
//!   reads node_modules: "node_modules 目录不会参与编译、上传和打包").
//! - A component's json declares `"component": true` (自定义组件); a component may use
//!   itself (tree views), so recursion is not a diagnostic.
//! - Plugins: only `publicComponents` are usable from the host; a subpackage's plugin is
//!   usable only in that subpackage, and one plugin cannot be declared by two packages;
//!   inside a plugin `plugin://` is not available (开发插件, 使用插件).

use std::fmt::Write;
use std::path::Path;

use mpsim_project::{load, ComponentConfig, ComponentRef, Project};

fn target(r: &ComponentRef) -> String {
    match r {
        ComponentRef::Local(p) => p.clone(),
        ComponentRef::Plugin { reference, name, path } => {
            format!("plugin {reference}/{name}{}", path.as_ref().map(|p| format!(" = {p}")).unwrap_or_default())
        }
        ComponentRef::Missing(spec) => format!("MISSING ({spec})"),
    }
}

fn config(out: &mut String, indent: &str, c: &ComponentConfig) {
    for u in &c.using_components {
        let _ = writeln!(out, "{indent}<{}> -> {}", u.tag, target(&u.target));
    }
    for g in &c.generics {
        let default = g.default.as_ref().map(target).unwrap_or("-".into());
        let _ = writeln!(out, "{indent}generic <{}> default {default}", g.name);
    }
    if let Some(s) = &c.style_isolation {
        let _ = writeln!(out, "{indent}styleIsolation {s}");
    }
}

fn summary(p: &Project) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "kind {:?}, appid {:?}, miniprogram_root {:?}, plugin_root {:?}",
        p.kind, p.appid, p.miniprogram_root, p.plugin_root
    );
    let s = &p.settings;
    let _ = writeln!(
        out,
        "settings: assistant {}, token {:?}, functional {:?}, raw keys {:?}",
        s.assistant_appid,
        s.plugin_token,
        s.functional_pages.iter().map(|(k, v)| format!("{k}={}", v.as_str())).collect::<Vec<_>>(),
        s.raw.keys().collect::<Vec<_>>()
    );
    let _ = writeln!(out, "launch page {:?}", p.app.launch_page());
    if let Some(bar) = &p.app.tab_bar {
        let tabs: Vec<&str> = bar.list.iter().map(|t| t.page_path.as_str()).collect();
        let _ = writeln!(out, "tabBar {tabs:?}");
    }
    for u in &p.app.using_components {
        let _ = writeln!(out, "global <{}> -> {}", u.tag, target(&u.target));
    }
    for d in p.app.all_plugins() {
        let _ = writeln!(
            out,
            "plugin decl {} version {} provider {} export {:?} package {:?}",
            d.reference, d.version, d.provider, d.export, d.package
        );
        for g in &d.generics_implementation {
            let _ = writeln!(out, "  generics {}.{} -> {}", g.page, g.generic, target(&g.target));
        }
    }
    for page in &p.pages {
        let _ = writeln!(
            out,
            "page {} ({}){}{}{}",
            page.route,
            page.path,
            page.package.as_ref().map(|s| format!(" package {s}")).unwrap_or_default(),
            if page.config.is_component { " component" } else { "" },
            page.config.navigation_bar_title().map(|t| format!(" title {t:?}")).unwrap_or_default()
        );
        config(&mut out, "  ", &page.config);
    }
    for c in p.components.values() {
        let _ = writeln!(out, "component {} ({:?})", c.path, c.realm);
        config(&mut out, "  ", &c.config);
    }
    if let Some(plugin) = &p.plugin {
        let _ = writeln!(out, "plugin root {} main {:?}", plugin.root, plugin.main);
        for c in &plugin.public_components {
            let _ = writeln!(out, "  public {} -> {:?}", c.name, c.path);
        }
        for page in &plugin.pages {
            let _ = writeln!(out, "  page {} -> {}", page.name, page.path);
            config(&mut out, "    ", &page.config);
        }
    }
    out
}

fn render_diagnostics(p: &Project, diags: &[mpsim_base::Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let _ = writeln!(out, "{d}");
        let line = p.read_text(&d.path).and_then(|t| t.lines().nth(d.line as usize - 1).map(str::to_string));
        if let Some(line) = line {
            let _ = writeln!(out, "  | {line}");
            let caret: String =
                line.chars().take(d.col as usize - 1).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
            let _ = writeln!(out, "  | {caret}^");
        }
    }
    out
}

/// One snapshot per fixture folder, named after the folder.
#[test]
fn fixtures() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut cases: Vec<_> = std::fs::read_dir(&base)
        .expect("fixtures folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    assert!(cases.len() > 20, "fixture folders missing: {cases:?}");
    for case in cases {
        let (project, diags) = load(&base.join(&case));
        let text = format!("{}\n--- diagnostics ---\n{}", summary(&project), render_diagnostics(&project, &diags));
        insta::assert_snapshot!(case.as_str(), text);
    }
}

/// The two good fixtures load without a single diagnostic.
#[test]
fn good_fixtures_have_no_diagnostics() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for case in ["good-miniprogram", "good-plugin"] {
        let (_, diags) = load(&base.join(case));
        assert!(diags.is_empty(), "{case}: {diags:#?}");
    }
}
