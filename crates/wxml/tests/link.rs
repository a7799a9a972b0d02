//! Linker tests with in-memory files. The rules come from WeChat's "WXML 语法参考 / 引用"
//! page: include copies everything but `<template/>` and `<wxs/>`; import brings in the
//! target's own templates only, not what the target imports.

use mpsim_base::Diagnostic;
use mpsim_wxml::dump::dump_nodes;
use mpsim_wxml::ir::CompiledTemplate;
use mpsim_wxml::link;
use std::collections::HashMap;

fn link_files(entry: &str, files: &[(&str, &str)]) -> (CompiledTemplate, Vec<Diagnostic>, Vec<String>) {
    let map: HashMap<String, String> = files.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
    let mut loads = Vec::new();
    let (compiled, diags) = link(entry, "mp", &mut |path: &str| {
        loads.push(path.to_string());
        map.get(path).cloned()
    });
    (compiled, diags, loads)
}

fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().map(|d| d.code).collect()
}

fn names(c: &CompiledTemplate) -> Vec<String> {
    let mut v: Vec<String> = c.templates.keys().map(|k| k.to_string()).collect();
    v.sort();
    v
}

#[test]
fn include_copies_nodes_but_not_templates_or_wxs() {
    let (c, diags, _) = link_files(
        "mp/pages/a/a.wxml",
        &[
            ("mp/pages/a/a.wxml", r#"<view>top</view><include src="/parts/header"/><view>bottom</view>"#),
            (
                "mp/parts/header.wxml",
                r#"<template name="hidden"><text>t</text></template>
<wxs module="hm">module.exports = {};</wxs>
<view class="header">{{title}}</view><include src="./logo.wxml"/>"#,
            ),
            ("mp/parts/logo.wxml", r#"<image src="logo.png"/>"#),
        ],
    );
    assert!(diags.is_empty(), "{diags:#?}");
    insta::assert_snapshot!(dump_nodes(&c.nodes, None), @r#"
    <view>
      text "top"
    <view>
      @class = "header"
      text {{title}}
    <image>
      @src = "logo.png"
    <view>
      text "bottom"
    "#);
    assert!(c.templates.is_empty(), "included templates are not visible");
    assert!(c.wxs.is_empty(), "included wxs modules are not visible");
    assert_eq!(
        c.deps.iter().map(|d| &**d).collect::<Vec<_>>(),
        ["mp/pages/a/a.wxml", "mp/parts/header.wxml", "mp/parts/logo.wxml"]
    );
}

#[test]
fn includes_inside_directives_and_loops_are_inlined() {
    let (c, diags, _) = link_files(
        "mp/p.wxml",
        &[
            ("mp/p.wxml", r#"<view wx:for="{{rows}}"><include src="row"/></view><include wx:if="{{x}}" src="row"/>"#),
            ("mp/row.wxml", r#"<text>{{item.name}} {{suffix}}</text>"#),
        ],
    );
    assert!(diags.is_empty(), "{diags:#?}");
    // The loop's free variables are recomputed after inlining: the included row reads
    // `item` and `suffix`.
    insta::assert_snapshot!(dump_nodes(&c.nodes, None), @r#"
    for {{rows}} item=item index=index key=none free=[item, suffix]
      <view>
        <text>
          text {{item.name}} " " {{suffix}}
    if
      when x
        block
          <text>
            text {{item.name}} " " {{suffix}}
    "#);
}

#[test]
fn import_is_not_transitive_and_own_templates_win() {
    // C imports B, B imports A: C can use B's templates but not A's.
    let (c, diags, _) = link_files(
        "mp/c.wxml",
        &[
            (
                "mp/c.wxml",
                r#"<import src="b.wxml"/>
<template name="shared"><text>from c</text></template>
<template is="A"/>
<template is="B"/>
<template is="shared"/>
<template is="{{dynamic}}"/>"#,
            ),
            (
                "mp/b.wxml",
                r#"<import src="a.wxml"/>
<template name="B"><template is="A"/></template>
<template name="shared"><text>from b</text></template>"#,
            ),
            ("mp/a.wxml", r#"<template name="A"><text>A</text></template>"#),
        ],
    );
    assert_eq!(codes(&diags), ["wxml-unknown-template"]);
    assert_eq!(diags[0].line, 3, "reported at the `<template is=\"A\">` in c.wxml");
    assert_eq!(diags[0].path, "mp/c.wxml");
    // C sees B and its own templates; A is visible only in B's scope, where B's body runs.
    assert_eq!(names(&c), ["B", "shared"]);
    assert_eq!(&*c.templates["shared"].file, "mp/c.wxml", "own definitions win");
    assert_eq!(&*c.templates["B"].file, "mp/b.wxml");
    assert!(c.scopes["mp/b.wxml"].templates.contains_key("A"));
    assert!(!c.scopes["mp/a.wxml"].templates.contains_key("B"));
}

#[test]
fn imports_brought_by_an_include_apply_to_the_includer() {
    let (c, diags, _) = link_files(
        "mp/page.wxml",
        &[
            ("mp/page.wxml", r#"<include src="part"/><template is="T"/>"#),
            ("mp/part.wxml", r#"<import src="lib"/><template is="T"/>"#),
            ("mp/lib.wxml", r#"<template name="T"><text>T</text></template>"#),
        ],
    );
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(names(&c), ["T"]);
}

#[test]
fn include_cycles_are_reported_once_and_broken() {
    let (c, diags, _) = link_files(
        "mp/a.wxml",
        &[
            ("mp/a.wxml", r#"<view>a</view><include src="b"/>"#),
            (
                "mp/b.wxml",
                r#"<view>b</view>
<include src="a"/>"#,
            ),
        ],
    );
    assert_eq!(codes(&diags), ["wxml-include-cycle"]);
    assert_eq!((diags[0].path.as_str(), diags[0].line, diags[0].col), ("mp/b.wxml", 2, 10));
    assert_eq!(c.nodes.len(), 2);
    let (_, diags, _) = link_files("mp/s.wxml", &[("mp/s.wxml", r#"<include src="s"/>"#)]);
    assert_eq!(codes(&diags), ["wxml-include-cycle"]);
}

#[test]
fn missing_files_are_reported_at_the_src_attribute() {
    let (c, diags, _) = link_files(
        "mp/p.wxml",
        &[("mp/p.wxml", "<view>x</view>\n  <include src=\"nope\"/>\n<import src='/gone.wxml'/>")],
    );
    assert_eq!(codes(&diags), ["wxml-missing-file", "wxml-missing-file"]);
    assert_eq!((diags[0].line, diags[0].col), (2, 12));
    assert!(diags[0].message.contains("mp/nope.wxml"));
    assert_eq!((diags[1].line, diags[1].col), (3, 9));
    assert_eq!(c.nodes.len(), 1);
    // Missing files are dependencies too: creating them should trigger a rebuild.
    assert!(c.deps.iter().any(|d| &**d == "mp/nope.wxml"));
    assert!(c.deps.iter().any(|d| &**d == "mp/gone.wxml"));

    let (c, diags, _) = link_files("mp/none.wxml", &[]);
    assert_eq!(codes(&diags), ["wxml-missing-file"]);
    assert!(c.nodes.is_empty());
    assert_eq!(&*c.path, "mp/none.wxml");
}

#[test]
fn files_are_loaded_once_per_link() {
    let (_, diags, loads) = link_files(
        "mp/p.wxml",
        &[
            ("mp/p.wxml", r#"<import src="t"/><include src="r"/><include src="r"/><template is="x"/>"#),
            ("mp/r.wxml", r#"<import src="t"/><view/>"#),
            ("mp/t.wxml", r#"<template name="x"/>"#),
        ],
    );
    assert!(diags.is_empty(), "{diags:#?}");
    // Each file once, in the order the linker first needed it.
    assert_eq!(loads, ["mp/p.wxml", "mp/r.wxml", "mp/t.wxml"]);
}

#[test]
fn parse_errors_of_every_file_are_reported_and_wxs_of_the_entry_kept() {
    let (c, diags, _) = link_files(
        "mp/p.wxml",
        &[
            ("mp/p.wxml", r#"<wxs module="u" src="u.wxs"/><include src="bad"/>"#),
            ("mp/bad.wxml", r#"<view>{{ a + }}</view>"#),
        ],
    );
    assert_eq!(codes(&diags), ["wxml-expr-syntax"]);
    assert_eq!(diags[0].path, "mp/bad.wxml");
    assert_eq!(c.wxs.len(), 1);
    assert_eq!(&*c.wxs[0].module, "u");
}

#[test]
fn an_escape_at_the_end_of_an_unclosed_interpolation_does_not_panic() {
    // Found by the property test: a backslash inside a string right at the end.
    let text = "<view>{{ 'a\\";
    let file = mpsim_base::SourceFile::new("mp/x.wxml", text);
    let (_, diags) = mpsim_wxml::parse(&file, "mp");
    assert!(!diags.is_empty());
}
