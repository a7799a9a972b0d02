//! Snapshot tests of the documentation lint: one fixture project per rule under
//! tests/fixtures/<case>/ (good and bad), each finding rendered with its source line and
//! a caret.

use std::path::{Path, PathBuf};

use mpsim_doc::{images, lint, lint_with_names, Diagnostic, Names};

fn fixture(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(case)
}

/// Each diagnostic as `mpsim check` prints it, plus the README line and a caret.
fn render(project: &Path, diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&d.to_string());
        out.push('\n');
        if d.path.ends_with("README.md") {
            let bytes = std::fs::read(project.join(&d.path)).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes);
            if let Some(line) = text.lines().nth(d.line as usize - 1) {
                let n = d.line.to_string();
                out.push_str(&format!("{n} | {line}\n"));
                let pad: String =
                    line.chars().take(d.col as usize - 1).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
                out.push_str(&format!("{} | {pad}^\n", " ".repeat(n.len())));
            }
        }
    }
    if diags.is_empty() {
        out.push_str("(no findings)\n");
    }
    out
}

fn check(case: &str) -> String {
    let project = fixture(case);
    render(&project, &lint(&project, "doc"))
}

macro_rules! lint_cases {
    ($($name:ident => $case:literal,)*) => {
        $(
            #[test]
            fn $name() {
                insta::assert_snapshot!(check($case));
            }
        )*
        const CASES: &[&str] = &[$($case),*];
    };
}

lint_cases! {
    good => "good",
    network_image => "network-image",
    image_outside => "image-outside",
    image_missing => "image-missing",
    link_hosts => "link-hosts",
    stray_files => "stray-files",
    corrupt_image => "corrupt-image",
    too_large => "too-large",
    large_image => "large-image",
    missing_readme => "missing-readme",
    no_doc => "no-doc",
    raw_html => "raw-html",
    empty_readme => "empty-readme",
    bad_encoding => "bad-encoding",
    undocumented_without_names => "undocumented",
}

#[test]
fn every_fixture_has_a_test() {
    let mut dirs: Vec<String> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
        .expect("fixtures folder")
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    for d in dirs {
        assert!(CASES.contains(&d.as_str()), "fixture {d} has no lint test");
    }
}

fn names(components: &[&str], pages: &[&str], interface: &[&str]) -> Names {
    let v = |s: &[&str]| s.iter().map(|s| s.to_string()).collect();
    Names { components: v(components), pages: v(pages), interface: v(interface) }
}

#[test]
fn undocumented_names() {
    let project = fixture("undocumented");
    let n = names(
        &["hello-component", "list", "hello"],
        &["hello-page", "detail-page"],
        &["sayHello", "sayHelloWorld", "answer", "getData"],
    );
    insta::assert_snapshot!(render(&project, &lint_with_names(&project, "doc", &n)));
}

#[test]
fn good_fixture_mentions_every_name() {
    let project = fixture("good");
    let n = names(&["hello-component"], &["hello-page"], &["sayHello", "answer"]);
    assert_eq!(lint_with_names(&project, "doc", &n), vec![]);
    assert_eq!(lint_with_names(&project, "./doc/", &n), vec![]);
}

#[test]
fn the_bundled_sample_is_clean() {
    let project = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/sample");
    let n = names(&["hello-component"], &["hello-page"], &["sayHello", "answer"]);
    assert_eq!(lint_with_names(&project, "doc", &n), vec![]);
}

#[test]
fn image_infos() {
    let mut out = String::new();
    for case in ["good", "corrupt-image", "too-large", "large-image"] {
        for i in images(&fixture(case), "doc") {
            out.push_str(&format!("{} {} {}x{} {} bytes\n", i.path, i.format, i.width, i.height, i.bytes));
        }
    }
    insta::assert_snapshot!(out);
}

#[test]
fn codes_all_start_with_doc() {
    for case in CASES {
        for d in lint(&fixture(case), "doc") {
            assert!(d.code.starts_with("doc-"), "{d}");
        }
    }
}
