//! Data-driven parser tests: every `tests/parser-inputs/*.wxml` is parsed as if it were
//! `miniprogram/pages/index/<name>.wxml` in a project whose mini-program root is
//! `miniprogram`, and the snapshot holds the dumped document and the rendered
//! diagnostics. Files named `err_*` must produce at least one error; the others none.

mod common;

use mpsim_base::SourceFile;
use mpsim_wxml::dump::dump_document;
use mpsim_wxml::parse;

#[test]
fn parser_inputs() {
    insta::glob!("parser-inputs/*.wxml", |path| {
        let text = std::fs::read_to_string(path).expect("test input is readable");
        let name = path.file_name().and_then(|n| n.to_str()).expect("test input has a UTF-8 name");
        let file = SourceFile::new(format!("miniprogram/pages/index/{name}"), text);
        let (doc, diags) = parse(&file, "miniprogram");
        let has_errors = diags.iter().any(|d| d.is_error());
        if name.starts_with("err_") {
            assert!(has_errors, "{name} should produce an error");
        } else {
            assert!(!has_errors, "{name} should parse cleanly: {diags:#?}");
        }
        let out = format!(
            "{}\n--- diagnostics ---\n{}\n",
            dump_document(&doc, Some(&file)),
            common::render_diags(&diags, &file)
        );
        insta::assert_snapshot!(out);
    });
}
