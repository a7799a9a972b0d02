//! `compile_styles` end to end on projects on disk: which file is a stylesheet's source,
//! Less / SCSS / Sass through the WXSS pipeline, and compile errors as diagnostics at the
//! original file's line:col.

use std::path::{Path, PathBuf};

use mpsim_wxss::{compile_styles, scope_prefix, WxssOptions};
use proptest::prelude::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
}

/// The CSS and diagnostics of `owner` in the project at `dir`, scoped as the window does.
fn styles_of(dir: &Path, owner: &str, component: bool) -> String {
    let (project, _) = mpsim_project::load(dir);
    let opts = WxssOptions { scope: Some(scope_prefix(owner)), component, ..WxssOptions::new(375.0) };
    match compile_styles(&project, owner, &project.miniprogram_root, &opts) {
        Some((style, diags)) => {
            let mut out = style.css;
            for d in diags {
                out.push_str(&format!("\n/* {d} */"));
            }
            out.push_str(&format!("\n/* deps: {} */", style.deps.join(", ")));
            out
        }
        None => "(no stylesheet)".to_string(),
    }
}

#[test]
fn less_page_with_variables_nesting_mixins_and_imports() {
    // index.less wins over the stale index.wxss beside it ("如果存在同名的 ts 和 js 文件，
    // 则优先使用 ts 文件" … "less 文件同理"); @brand comes from app.less.
    insta::assert_snapshot!(styles_of(&fixture("style-less"), "pages/index/index", false));
}

#[test]
fn scss_component_with_partial_import_and_mixin() {
    insta::assert_snapshot!(styles_of(&fixture("style-less"), "components/card/card", true));
}

#[test]
fn app_less_is_the_global_stylesheet() {
    insta::assert_snapshot!(styles_of(&fixture("style-less"), "app", false));
}

/// A scratch project with the compiler plugins `plugins` and `files`.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str, plugins: &str, files: &[(&str, &str)]) -> Scratch {
        let dir = std::env::temp_dir().join(format!("mpsim-wxss-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        let config = format!(r#"{{"compileType":"miniprogram","setting":{{"useCompilerPlugins":{plugins}}}}}"#);
        std::fs::write(dir.join("project.config.json"), config).expect("write config");
        std::fs::write(dir.join("app.json"), r#"{"pages":[]}"#).expect("write app.json");
        for (path, text) in files {
            let p = dir.join(path);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, text).expect("write file");
        }
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The diagnostics of owner `x` (one per line) in a project holding `files`.
fn findings(name: &str, plugins: &str, files: &[(&str, &str)]) -> String {
    let scratch = Scratch::new(name, plugins, files);
    let (project, _) = mpsim_project::load(&scratch.0);
    let Some((_, diags)) = compile_styles(&project, "x", "", &WxssOptions::default()) else {
        return "(no stylesheet)".to_string();
    };
    diags.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

/// A case: its name, `useCompilerPlugins`, the project's files, and what is expected.
type Case = (&'static str, &'static str, &'static [(&'static str, &'static str)], &'static str);

#[test]
fn which_file_is_the_source() {
    let cases: &[Case] = &[
        // The compiled file wins over x.wxss; a .wxss diagnostic would show otherwise.
        ("less-wins", r#"["less"]"#, &[("x.less", ".a{}"), ("x.wxss", "}")], ""),
        ("scss-wins", r#"["sass"]"#, &[("x.scss", ".a{}"), ("x.wxss", "}")], ""),
        ("sass-indented", r#"["sass"]"#, &[("x.sass", ".a\n  color: red\n")], ""),
        // Without the plugin the .wxss is used and the .less ignored.
        ("plugin-off-wxss", "[]", &[("x.less", "}"), ("x.wxss", ".a{}")], ""),
        (
            "plugin-off-only-less",
            "false",
            &[("x.less", ".a{}")],
            "x.less:1:1: warning: not compiled: add \"less\" to setting.useCompilerPlugins in project.config.json to use .less files [wxss-compiler-plugin-off]",
        ),
        ("nothing", r#"["less"]"#, &[], "(no stylesheet)"),
    ];
    for (name, plugins, files, want) in cases {
        assert_eq!(findings(name, plugins, files), *want, "case {name}");
    }
}

#[test]
fn malformed_sources_are_diagnostics_at_the_original_line() {
    let cases: &[Case] = &[
        (
            "less-extra-brace",
            r#"["less"]"#,
            &[("x.less", ".a { color: red; }\n\n.b { color: red; } }\n")],
            "x.less:3:20:",
        ),
        ("less-undefined", r#"["less"]"#, &[("x.less", ".a { color: red; }\n.b { color: @nope; }\n")], "x.less:2:13:"),
        ("less-no-mixin", r#"["less"]"#, &[("x.less", ".a { .missing(); }\n")], "x.less:1:6:"),
        (
            "less-bad-import",
            r#"["less"]"#,
            &[("x.less", ".a{}\n@import 'missing.less';\n")],
            "x.less:1:1: error: @import not found: missing.less (from x.less) [less-missing-import]",
        ),
        ("less-first-line", r#"["less"]"#, &[("x.less", "}")], "x.less:1:"),
        ("scss-bad-expr", r#"["sass"]"#, &[("x.scss", ".a {\n  width: 1px + ;\n}\n")], "x.scss:2:"),
        ("scss-undefined", r#"["sass"]"#, &[("x.scss", "\n\n.a { width: $nope; }\n")], "x.scss:3:"),
        (
            "scss-partial",
            r#"["sass"]"#,
            &[("x.scss", "@import 'p';\n"), ("_p.scss", "\n.p { color: red;\n")],
            "_p.scss:",
        ),
        ("scss-outside", r#"["sass"]"#, &[("x.scss", "@import '../../../../../etc/hosts';\n")], "x.scss:1:"),
        ("sass-undefined", r#"["sass"]"#, &[("x.sass", ".a\n  color: red\n  width: $nope\n")], "x.sass:3:10:"),
    ];
    for (name, plugins, files, want) in cases {
        let got = findings(name, plugins, files);
        assert!(got.starts_with(want) && got.contains(": error: "), "case {name}: {got}");
        assert!(
            ["[less-syntax]", "[less-missing-import]", "[scss-syntax]"].iter().any(|c| got.contains(c)),
            "case {name}: {got}"
        );
    }
}

#[test]
fn a_less_import_outside_the_project_is_refused() {
    let outside = Scratch::new("outside-target", "[]", &[("secret.less", ".secret { color: red; }")]);
    let target = outside.0.join("secret.less");
    let source = format!(".a {{}}\n@import '{}';\n", target.display());
    let got = findings("outside-import", r#"["less"]"#, &[("x.less", &source)]);
    assert!(got.contains("[less-import-outside]"), "{got}");
}

#[test]
fn bom_and_crlf_keep_lines_and_columns() {
    let got =
        findings("bom-crlf", r#"["sass"]"#, &[("x.scss", "\u{feff}.a {\r\n  color: red;\r\n  width: $w;\r\n}\r\n")]);
    assert!(got.starts_with("x.scss:3:10: error: "), "{got}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// Whatever the text, compiling never panics and failure is a diagnostic.
    #[test]
    fn preprocessors_never_panic(text in "[{}();:@$&.#a-z0-9 \n*+/-]{0,80}", scss in any::<bool>()) {
        let (name, file) = if scss { ("prop-scss", "x.scss") } else { ("prop-less", "x.less") };
        let scratch = Scratch::new(name, r#"["less","sass"]"#, &[(file, &text)]);
        let (project, _) = mpsim_project::load(&scratch.0);
        let result = compile_styles(&project, "x", "", &WxssOptions::default());
        prop_assert!(result.is_some());
    }
}

/// A WXSS-stage finding in CSS a preprocessor produced is reported on the source file, with
/// the line of the compiled CSS in its message (positions there mean nothing in the source).
#[test]
fn wxss_findings_in_compiled_css_name_the_source_file() {
    let scratch = Scratch::new("relocate", r#"["sass"]"#, &[("x.scss", ".a {\n  view { color: red; }\n}\n")]);
    let (project, _) = mpsim_project::load(&scratch.0);
    let opts = WxssOptions { component: true, ..WxssOptions::default() };
    let (_, diags) = compile_styles(&project, "x", "", &opts).expect("a stylesheet");
    let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(
        shown[0].starts_with("x.scss:1:1: warning: ")
            && shown[0].contains("(line 1 of the CSS compiled from this file)"),
        "{shown:?}"
    );
    assert!(shown[0].ends_with("[wxss-selector-not-allowed]"), "{shown:?}");
}
