//! Rendering: snapshots of the HTML the detail page shows (and of the HTML export), and
//! sanitizer tests proving that script, event attributes, style and script URLs never
//! survive, whatever the Markdown holds.

use std::path::Path;

use mpsim_doc::{export_html, render};

/// The window's mapping: a doc/ file to the project protocol.
fn window(rel: &str) -> Option<String> {
    Some(format!("mpsim://localhost/project/doc/{rel}"))
}

fn fixture(case: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(case)
}

#[test]
fn renders_the_good_fixture() {
    let md = std::fs::read_to_string(fixture("good/doc/README.md")).expect("fixture");
    insta::assert_snapshot!(render(&md, &window));
}

#[test]
fn renders_the_bundled_sample() {
    let md = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/sample/doc/README.md"))
        .expect("sample README");
    insta::assert_snapshot!(render(&md, &window));
}

const FEATURES: &str = r#"# Title *em* **strong** ~~gone~~

| left | center | right |
| :--- | :----: | ----: |
| a | `b` | c |

- [x] done
- [ ] todo

1. one
2. two

> [!NOTE]
> An alert.

```json
{"name": "hello", "count": 2, "ok": true, "none": null}
```

```css
.a { color: #fff; margin: 10rpx 2px; } /* c */
@media (max-width: 100px) { .b { width: 50% } }
```

```wxml
<!-- c --><view wx:if="{{show}}" bindtap="onTap">{{ msg }}</view>
```

```unknown-lang extra words
<b>not highlighted</b>
```

    indented code

<https://github.com/a> and [mail](mailto:a@b.c "Mail me") and [top](#title).

![missing](https://example.com/remote.png) ![local](img/a%20b.png "T")

Line one  
line two

---
"#;

#[test]
fn renders_gfm_features() {
    insta::assert_snapshot!(render(FEATURES, &window));
}

#[test]
fn image_url_decides_which_images_show() {
    let html =
        render("![a](a.png) ![b](../b.png) ![c](http://x/c.png) <img src=\"./a.png\" width=\"10\">", &|rel: &str| {
            (rel == "a.png").then(|| "data:image/png;base64,AAAA".to_string())
        });
    insta::assert_snapshot!(html);
}

const ATTACKS: &str = r#"<script>alert(1)</script>
<img src=x onerror="alert(2)">
<img src="a.png" onerror="alert(3)">
[x](javascript:alert(4))
[y](JaVaScRiPt:alert(5))
[z](java&#x09;script:alert(6))
<a href="javascript:alert(7)">a</a>
<a href="jav&#x0A;ascript:alert(8)">b</a>
<iframe src="https://github.com/" srcdoc="<script>alert(9)</script>"></iframe>
<style>body { display: none }</style>
<p style="position: fixed; top: 0">styled</p>
<a href="data:text/html,<script>alert(10)</script>">d</a>
[e](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMSk8L3NjcmlwdD4=)
![f](data:text/html,<script>alert(12)</script>)
<img src="data:text/html,alert(13)">
<svg><script>alert(14)</script></svg>
<object data="x.swf"></object><embed src="x.swf">
<form action="javascript:alert(15)"><button formaction="javascript:alert(16)">b</button></form>
<div onmouseover="alert(18)">hover</div>
<a href="https://github.com/" target="_top" rel="opener">t</a>
<input type="text" value="x" onfocus="alert(19)" autofocus>
<meta http-equiv="refresh" content="0;url=javascript:alert(20)">
<base href="javascript:alert(21)//">
<link rel="stylesheet" href="https://evil.example/x.css">
<math><mtext><table><mglyph><style><img src=x onerror=alert(17)>
"#;

#[test]
fn sanitizer_removes_every_attack() {
    // The window mapper, and one that (wrongly) hands out script and HTML URLs.
    let evil = |rel: &str| -> Option<String> {
        Some(if rel.ends_with(".png") { "javascript:alert(99)".to_string() } else { "data:text/html,x".to_string() })
    };
    // Each attack its own block (no attack hides inside another's raw-HTML block).
    let separate = ATTACKS.lines().collect::<Vec<_>>().join("\n\n");
    for mapper in [&window as &dyn Fn(&str) -> Option<String>, &evil] {
        // Run together, some lines end up as inert text inside an HTML block: no attribute
        // may still carry a script or HTML URL.
        let together = render(ATTACKS, mapper).to_ascii_lowercase();
        for needle in
            ["<script", "<iframe", "<style", "style=", "=\"javascript:", "=\"data:text", " onerror=", " onmouseover="]
        {
            assert!(!together.contains(needle), "`{needle}` survived in:\n{together}");
        }
        let html = render(&separate, mapper);
        let lower = html.to_ascii_lowercase();
        for needle in [
            "<script",
            "</script",
            "<iframe",
            "<style",
            "style=",
            "<svg",
            "<math",
            "<object",
            "<embed",
            "<form",
            "<button",
            "<meta",
            "<base",
            "<link",
            "onerror",
            "onmouseover",
            "onfocus",
            "javascript:",
            "data:text",
            "srcdoc",
            "target=\"_top\"",
            "rel=\"opener\"",
            "formaction",
            "autofocus",
        ] {
            assert!(!lower.contains(needle), "`{needle}` survived in:\n{html}");
        }
        // Whatever text remains is inert: no alert() call is inside an attribute or tag.
        assert!(!lower.contains("=\"alert"), "{html}");
    }
    insta::assert_snapshot!(render(&separate, &window));
}

#[test]
fn each_attack_alone_is_removed() {
    for line in ATTACKS.lines() {
        let html = render(line, &window).to_ascii_lowercase();
        for needle in ["<script", "<iframe", "<style", "style=", " on", "javascript:", "data:text"] {
            assert!(!html.contains(needle), "`{needle}` survived from `{line}`:\n{html}");
        }
    }
}

#[test]
fn links_open_outside_and_keep_safe_schemes() {
    let html = render("[a](https://github.com/x) [b](mailto:a@b.c) [c](#top) [d](ftp://github.com/)", &window);
    assert_eq!(
        html,
        "<p><a href=\"https://github.com/x\" target=\"_blank\" rel=\"noopener\">a</a> \
         <a href=\"mailto:a@b.c\" target=\"_blank\" rel=\"noopener\">b</a> \
         <a href=\"#top\" target=\"_blank\" rel=\"noopener\">c</a> \
         <a target=\"_blank\" rel=\"noopener\">d</a></p>\n"
    );
}

#[test]
fn code_blocks_carry_a_language_class() {
    let html = render("```JS {linenos}\nlet a = 1\n```\n", &window);
    assert_eq!(
        html,
        "<pre><code class=\"language-js\"><span class=\"tok-kw\">let</span> a = <span class=\"tok-num\">1</span>\n</code></pre>\n"
    );
    // A hostile language name cannot break out of the class.
    let html = render("```\"><script>x\nbody\n```\n", &window);
    assert!(!html.contains("<script"), "{html}");
}

#[test]
fn exports_a_self_contained_page() {
    let page = export_html(&fixture("good"), "doc");
    assert!(page.contains("<title>myPlugin</title>"));
    assert!(page.contains("Content-Security-Policy"));
    assert!(page.contains("src=\"data:image/png;base64,"));
    assert!(page.contains("src=\"data:image/jpeg;base64,"));
    assert!(!page.contains("mpsim://"));
    insta::assert_snapshot!(page);
}

#[test]
fn exports_a_page_for_a_missing_readme() {
    let page = export_html(&fixture("no-doc"), "doc");
    assert!(page.contains("doc/README.md not found."), "{page}");
    // Images outside doc/ are never inlined.
    let page = export_html(&fixture("image-outside"), "doc");
    assert!(!page.contains("data:image"), "{page}");
}
