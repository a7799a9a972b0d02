//! The bundled sample plugin project through the real binary: the embedded default (no
//! DIR), `mpsim new`, and `mpsim check` with no findings.

use std::path::Path;
use std::process::Command;

fn mpsim() -> Command {
    Command::new(env!("CARGO_BIN_EXE_mpsim"))
}

fn here(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(rel)
}

/// Taps through the sample: the host counter, a plugin component's button reaching a host
/// handler, a list row, into the plugin page (via `plugin://`) and back.
#[test]
fn embedded_sample_renders_the_expected_steps() {
    let cache = std::env::temp_dir().join(format!("mpsim-sample-cache-{}", std::process::id()));
    let out = mpsim()
        .env("XDG_CACHE_HOME", &cache)
        .args(["render", "--steps"])
        .arg(here("sample/steps.json"))
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&cache);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let want = std::fs::read_to_string(here("sample/expected.jsonl")).unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), want);
    // The plugin component logs its greeting; nothing else is reported.
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "console.log: greeting the host 1 (plugin/components/hello-component/hello-component.js:10:40)\n"
    );
}

#[test]
fn new_scaffolds_a_project_that_checks_clean_and_renders_like_the_sample() {
    let dir = std::env::temp_dir().join(format!("mpsim-new-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let created = mpsim().arg("new").arg(&dir).output().unwrap();
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    for f in [
        "project.config.json",
        "miniprogram/app.json",
        "plugin/plugin.json",
        "plugin/index.js",
        "doc/README.md",
        "doc/picture.png",
    ] {
        assert!(dir.join(f).is_file(), "{f} missing");
    }
    let check = mpsim().arg("check").arg(&dir).output().unwrap();
    assert_eq!(check.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&check.stdout), "", "findings in a new project");

    let render = mpsim().arg("render").arg(&dir).arg("--steps").arg(here("sample/steps.json")).output().unwrap();
    let want = std::fs::read_to_string(here("sample/expected.jsonl")).unwrap();
    assert_eq!(String::from_utf8_lossy(&render.stdout), want);

    // A second `new` into the now non-empty folder refuses and changes nothing.
    let again = mpsim().arg("new").arg(&dir).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn plugin_pages_render_directly_by_either_url_form() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/sample");
    for page in ["plugin://myPlugin/hello-page", "plugin-private://wx5a3c1e7f9b2d4086/pages/hello-page/hello-page"] {
        let out = mpsim().arg("render").arg(&sample).args(["--page", page, "--query", "from=cli"]).output().unwrap();
        assert!(out.status.success(), "{page}: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "<wx-view class=\"page\"><wx-text>This page lives in the plugin.</wx-text><wx-text class=\"from\">opened with cli</wx-text><wx-text class=\"host\">the mpsim sample host</wx-text><wx-button id=\"back\" size=\"mini\">Back</wx-button></wx-view>\n"
        );
    }
    let bad = mpsim().arg("render").arg(&sample).args(["--page", "plugin://myPlugin/nope"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(bad.stdout.is_empty());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("route-not-found"));
}
