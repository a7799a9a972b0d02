//! `mpsim doc` and `mpsim check` report the same documentation findings (the window's Doc
//! tab calls the same function), and `--html` writes a self-contained preview.

use std::path::Path;
use std::process::Command;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn doc_and_check_agree_on_documentation_findings() {
    let dir = std::env::temp_dir().join(format!("mpsim-doc-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/sample"), &dir);
    let readme = dir.join("doc/README.md");
    let text = std::fs::read_to_string(&readme).unwrap();
    std::fs::write(&readme, format!("{text}\nSee [x](https://example.com) and ![n](https://a.com/x.png).\n")).unwrap();
    std::fs::write(dir.join("doc/notes.txt"), "not an image").unwrap();

    let doc = Command::new(env!("CARGO_BIN_EXE_mpsim"))
        .arg("doc")
        .arg(&dir)
        .arg("--html")
        .arg(dir.join("preview.html"))
        .output()
        .unwrap();
    let check = Command::new(env!("CARGO_BIN_EXE_mpsim")).arg("check").arg(&dir).output().unwrap();
    assert_eq!(doc.status.code(), Some(1));
    assert_eq!(check.status.code(), Some(1));
    let doc_lines: Vec<String> = String::from_utf8_lossy(&doc.stdout).lines().map(str::to_string).collect();
    let check_doc_lines: Vec<String> =
        String::from_utf8_lossy(&check.stdout).lines().filter(|l| l.starts_with("doc/")).map(str::to_string).collect();
    assert_eq!(doc_lines, check_doc_lines);
    let codes: Vec<&str> = doc_lines.iter().filter_map(|l| l.rsplit('[').next()).collect();
    assert_eq!(codes, ["doc-link-host]", "doc-image-network]", "doc-stray-file]"], "{doc_lines:?}");
    assert!(doc_lines[0].starts_with(&format!("doc/README.md:{}:", text.lines().count() + 2)), "{doc_lines:?}");

    let html = std::fs::read_to_string(dir.join("preview.html")).unwrap();
    assert!(html.contains("data:image/png;base64,"), "the picture is inlined");
    assert!(!html.contains("<script"), "no scripts in the preview");
    let _ = std::fs::remove_dir_all(&dir);
}
