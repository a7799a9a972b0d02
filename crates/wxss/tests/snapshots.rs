//! Snapshot tests: each `inputs/*.wxss` compiled to CSS, with its deps and diagnostics.
//!
//! Options come from the file name: `page_*` is a page scoped with prefix `pg`, `comp_*` a
//! component scoped with prefix `cmp`, anything else an unscoped app-level file. Inputs live
//! in the `inputs` folder of a pretend project whose mini-program root is `inputs`.

use std::path::Path;

use mpsim_wxss::{compile, WxssOptions};

fn read(path: &str) -> Option<String> {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(path);
    std::fs::read_to_string(full).ok()
}

/// Renders a diagnostic with its source line and a caret under the column.
fn render(d: &mpsim_base::Diagnostic) -> String {
    let mut s = format!("{d}\n");
    if let Some(text) = read(&d.path) {
        let line = text.lines().nth(d.line as usize - 1).unwrap_or("");
        s.push_str(&format!("  | {line}\n"));
        s.push_str(&format!("  | {}^\n", " ".repeat(d.col as usize - 1)));
    }
    s
}

#[test]
fn compile_inputs() {
    insta::glob!("inputs/*.wxss", |path| {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let entry = format!("inputs/{name}");
        let mut opts = WxssOptions::new(375.0);
        if name.starts_with("page_") {
            opts.scope = Some("pg".into());
        } else if name.starts_with("comp_") {
            opts.scope = Some("cmp".into());
            opts.component = true;
        }
        let (out, diags) = compile(&entry, "inputs", &mut |p| read(p), &opts);
        let mut snap = String::new();
        snap.push_str("--- css ---\n");
        snap.push_str(&out.css);
        snap.push_str("\n--- deps ---\n");
        for d in &out.deps {
            snap.push_str(d);
            snap.push('\n');
        }
        snap.push_str("--- diagnostics ---\n");
        for d in &diags {
            snap.push_str(&render(d));
        }
        insta::assert_snapshot!(snap);
    });
}
