//! Fixture projects run end to end through the real `mpsim` binary.
//!
//! Every folder under `tests/fixtures/` is a project; its `expect/*.json` files are cases:
//!
//! ```json
//! { "command": "render", "page": "pages/a/a", "query": "x=1", "device": "iPhone 14", "steps": [ … ],
//!   "stdout": "…exact output…", "stderr_contains": ["…"], "exit": 0,
//!   "rule": "which WeChat rule this pins down" }
//! ```
//!
//! `command` is `render` (default) or `check`. With `steps`, stdout is the JSON Lines the
//! driver prints. `MPSIM_BLESS=1` rewrites `stdout`/`exit` from the current output, for a
//! person to review with `git diff` before committing.

use serde_json::Value as Json;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn cases() -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    let Ok(dirs) = std::fs::read_dir(fixtures_root()) else {
        return out;
    };
    let mut dirs: Vec<_> = dirs.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    for dir in dirs {
        let Ok(files) = std::fs::read_dir(dir.join("expect")) else {
            continue;
        };
        let mut files: Vec<_> =
            files.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "json")).collect();
        files.sort();
        for f in files {
            out.push((dir.clone(), f));
        }
    }
    out
}

struct Outcome {
    stdout: String,
    stderr: String,
    exit: i32,
}

fn run_case(project: &Path, case: &Json, scratch: &Path) -> Outcome {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mpsim"));
    match case["command"].as_str().unwrap_or("render") {
        "check" => {
            cmd.arg("check").arg(project);
        }
        _ => {
            cmd.arg("render").arg(project);
            if let Some(p) = case["page"].as_str() {
                cmd.args(["--page", p]);
            }
            if let Some(q) = case["query"].as_str() {
                cmd.args(["--query", q]);
            }
            if let Some(w) = case["width"].as_f64() {
                cmd.args(["--width", &w.to_string()]);
            }
            if let Some(d) = case["device"].as_str() {
                cmd.args(["--device", d]);
            }
            if let Some(steps) = case.get("steps") {
                std::fs::write(scratch, steps.to_string()).expect("write steps");
                cmd.arg("--steps").arg(scratch);
            }
        }
    }
    let out = cmd.output().expect("run mpsim");
    Outcome {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        exit: out.status.code().unwrap_or(-1),
    }
}

#[test]
fn fixture_projects_render_as_expected() {
    let bless = std::env::var_os("MPSIM_BLESS").is_some();
    let scratch_dir = std::env::temp_dir().join(format!("mpsim-fixtures-{}", std::process::id()));
    std::fs::create_dir_all(&scratch_dir).unwrap();
    let all = cases();
    assert!(!all.is_empty(), "no fixture cases found under {}", fixtures_root().display());
    let mut failures = Vec::new();
    for (i, (project, file)) in all.iter().enumerate() {
        let text = std::fs::read_to_string(file).unwrap();
        let mut case: Json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let got = run_case(project, &case, &scratch_dir.join(format!("steps-{i}.json")));
        let name = format!(
            "{}/{}",
            project.file_name().unwrap().to_string_lossy(),
            file.file_name().unwrap().to_string_lossy()
        );
        if bless {
            case["stdout"] = Json::String(got.stdout.clone());
            case["exit"] = Json::from(got.exit);
            std::fs::write(file, serde_json::to_string_pretty(&case).unwrap() + "\n").unwrap();
            continue;
        }
        let mut problems = Vec::new();
        if let Some(want) = case["stdout"].as_str() {
            if want != got.stdout {
                problems.push(format!("stdout differs\n--- want\n{want}\n--- got\n{}", got.stdout));
            }
        }
        let want_exit = case["exit"].as_i64().unwrap_or(0) as i32;
        if want_exit != got.exit {
            problems.push(format!("exit {} (want {want_exit})", got.exit));
        }
        for needle in case["stderr_contains"].as_array().into_iter().flatten().filter_map(Json::as_str) {
            if !got.stderr.contains(needle) {
                problems.push(format!("stderr lacks {needle:?}"));
            }
        }
        if !problems.is_empty() {
            failures.push(format!("{name}:\n{}\n--- stderr\n{}", problems.join("\n"), got.stderr));
        }
    }
    let _ = std::fs::remove_dir_all(&scratch_dir);
    assert!(
        failures.is_empty(),
        "{} of {} fixture cases failed:\n\n{}",
        failures.len(),
        all.len(),
        failures.join("\n\n")
    );
    println!("{} fixture cases passed", all.len());
}
