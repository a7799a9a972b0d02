//! The lookups the runtime uses: tags in templates, routes, plugin pages, and file reads.

use std::path::Path;

use mpsim_project::{load, ComponentRef, PluginPageError, Project, ProjectKind, Realm};

fn fixture(name: &str) -> Project {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    load(&dir).0
}

fn local(path: &str) -> ComponentRef {
    ComponentRef::Local(path.to_string())
}

/// app.json usingComponents are global: pages and components see them, their own
/// declarations take precedence, and unknown tags are not components.
#[test]
fn component_for_tag_applies_own_then_global() {
    let p = fixture("good-miniprogram");
    assert_eq!(p.component_for_tag("pages/index/index", "tree"), Some(&local("components/tree/tree")));
    assert_eq!(p.component_for_tag("pages/index/index", "g-card"), Some(&local("components/card/card")));
    assert_eq!(p.component_for_tag("components/tree/leaf/leaf", "g-card"), Some(&local("components/card/card")));
    assert_eq!(p.component_for_tag("components/tree/tree", "tree"), Some(&local("components/tree/tree")));
    assert_eq!(p.component_for_tag("pages/index/index", "view"), None);
    assert_eq!(p.component_for_tag("no/such/owner", "tree"), None);
}

#[test]
fn plugin_components_do_not_see_host_globals() {
    let p = fixture("good-plugin");
    let (_, realm) = p.config_of("plugin/components/hello/hello").expect("loaded");
    assert_eq!(realm, Realm::Plugin);
    assert_eq!(
        p.component_for_tag("plugin/components/hello/hello", "inner"),
        Some(&local("plugin/components/inner/inner"))
    );
    assert_eq!(p.component_for_tag("plugin/pages/hello-page", "hello"), Some(&local("plugin/components/hello/hello")));
    assert_eq!(
        p.component_for_tag("miniprogram/pages/index/index", "hello-component"),
        Some(&ComponentRef::Plugin {
            reference: "myPlugin".into(),
            name: "hello-component".into(),
            path: Some("plugin/components/hello/hello".into()),
        })
    );
}

#[test]
fn routes_and_plugin_pages() {
    let p = fixture("good-plugin");
    assert_eq!(p.kind, ProjectKind::Plugin);
    let page = p.page_by_route("/sub/pages/remote/remote").expect("subpackage page");
    assert_eq!(page.package.as_deref(), Some("sub"));
    assert_eq!(p.route_path("pages/index/index"), "miniprogram/pages/index/index");
    assert_eq!(p.plugin_page("myPlugin", "hello-page").map(|pg| pg.path.as_str()), Ok("plugin/pages/hello-page"));
    assert_eq!(
        p.plugin_page("myPlugin", "nope"),
        Err(PluginPageError::UnknownPage { reference: "myPlugin".into(), page: "nope".into() })
    );
    assert_eq!(p.plugin_page("remote", "x"), Err(PluginPageError::NotSimulated("remote".into())));
    assert_eq!(p.plugin_page("ghost", "x"), Err(PluginPageError::UnknownReference("ghost".into())));
    // A subpackage's plugin is visible from that subpackage only.
    assert!(p.plugin_declaration("miniprogram/sub/pages/remote/remote", "remote").is_some());
    assert!(p.plugin_declaration("miniprogram/pages/index/index", "remote").is_none());
}

#[test]
fn read_text_stays_inside_the_project() {
    let p = fixture("good-plugin");
    assert!(p.read_text("doc/README.md").is_some());
    assert_eq!(p.read_text("../good-miniprogram/app.json"), None);
    assert_eq!(p.read_text("/etc/hostname"), None);
}

/// A missing folder is a diagnostic, not a panic.
#[test]
fn missing_folder_is_a_diagnostic() {
    let (p, diags) = load(Path::new("/nonexistent/mpsim/project"));
    assert!(p.pages.is_empty());
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].code, "project-missing-app-json");
}

fn scratch_project(name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("mpsim-project-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    for (path, text) in files {
        std::fs::write(dir.join(path), text).expect("write file");
    }
    dir
}

/// Files saved by Windows editors: a BOM is dropped where files become text, and CRLF
/// keeps every line:col (the second comma sits at line 3, column 9 as an editor shows it).
#[test]
fn bom_and_crlf_files_load_with_editor_positions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/files-bom-crlf");
    let (p, diags) = load(&dir);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(p.pages.len(), 2);
    assert_eq!(p.read_text("app.js").as_deref(), Some("App({\r\n  onLaunch() {},\r\n});\r\n"));

    let dir =
        scratch_project("bom-json", &[("app.json", "\u{feff}{\r\n  \"pages\": [\r\n    \"a\",,\r\n  ]\r\n}\r\n")]);
    let (_, diags) = load(&dir);
    let shown: Vec<String> = diags.iter().map(|d| format!("{}:{}:{} [{}]", d.path, d.line, d.col, d.code)).collect();
    assert_eq!(shown, ["app.json:3:9 [json-syntax]"]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// `setting.useCompilerPlugins` is `String[]` or `false` (DevTools' project configuration
/// page); unknown names are warnings at the entry.
#[test]
fn compiler_plugins_from_project_config() {
    use mpsim_project::CompilerPlugin::{Less, Sass, TypeScript};
    let cases: &[(&str, &[mpsim_project::CompilerPlugin], &[&str])] = &[
        (r#"["typescript", "less"]"#, &[TypeScript, Less], &[]),
        (r#"["sass", ["less", {}], "sass"]"#, &[Sass, Less], &[]),
        ("false", &[], &[]),
        (r#"["stylus"]"#, &[], &["project.config.json:1:63 [project-invalid-field]"]),
        (r#""less""#, &[], &["project.config.json:1:62 [project-invalid-field]"]),
    ];
    for (i, (value, want, want_diags)) in cases.iter().enumerate() {
        let config = format!(r#"{{"compileType":"miniprogram","setting":{{"useCompilerPlugins":{value}}}}}"#);
        let dir = scratch_project(
            &format!("plugins-{i}"),
            &[("project.config.json", &config), ("app.json", "{\"pages\":[]}")],
        );
        let (p, diags) = load(&dir);
        let shown: Vec<String> = diags
            .iter()
            .filter(|d| d.path == "project.config.json")
            .map(|d| format!("{}:{}:{} [{}]", d.path, d.line, d.col, d.code))
            .collect();
        assert_eq!(p.compiler_plugins, *want, "{value}");
        assert_eq!(shown, *want_diags, "{value}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
