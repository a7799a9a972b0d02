//! Focused parser tests for rules worth pinning down one by one, each citing where the
//! rule comes from.

use mpsim_base::SourceFile;
use mpsim_wxml::expr::ExprKind;
use mpsim_wxml::ir::{Document, ForKey, Node, Part};
use mpsim_wxml::{parse, resolve_src};

fn parse_str(text: &str) -> (Document, Vec<mpsim_base::Diagnostic>) {
    let file = SourceFile::new("mp/pages/p/p.wxml", text);
    parse(&file, "mp")
}

#[test]
fn for_is_applied_before_if_on_the_same_element() {
    // WeChat applies wx:for first and evaluates wx:if on the same element once per item
    // (as Vue does for v-for/v-if); developers report that a `wx:else` after such an
    // element fails to compile ("Bad attr wx"), because the `wx:if` lives inside the loop
    // and starts no sibling chain. See the ir.rs `ForNode::body` doc as well.
    let (doc, diags) =
        parse_str(r#"<view wx:for="{{list}}" wx:if="{{item.ok}}">{{item.name}}</view><view wx:else>x</view>"#);
    let Node::For(f) = &doc.nodes[0] else { panic!("the loop is outermost: {:?}", doc.nodes[0]) };
    let Node::If(branches) = &*f.body else { panic!("the condition is inside the loop: {:?}", f.body) };
    assert_eq!(branches.len(), 1);
    let Some(cond) = &branches[0].cond else { panic!("a wx:if branch has a condition") };
    assert!(matches!(&cond.kind, ExprKind::Member(obj, name)
        if &**name == "ok" && matches!(&obj.kind, ExprKind::Ident(i) if &**i == "item")));
    assert_eq!(f.free_vars.iter().map(|v| &**v).collect::<Vec<_>>(), ["item"]);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].code, "wxml-else-without-if");
}

#[test]
fn wx_key_forms() {
    // 列表渲染 (wx:key): a string names a property of the item; the reserved `*this`
    // means the item itself.
    let key = |attr: &str| {
        let (doc, _) = parse_str(&format!(r#"<view wx:for="{{{{l}}}}" {attr}/>"#));
        match &doc.nodes[0] {
            Node::For(f) => f.key.clone(),
            other => panic!("expected a loop, got {other:?}"),
        }
    };
    assert_eq!(key(""), ForKey::None);
    assert_eq!(key(r#"wx:key="*this""#), ForKey::This);
    assert_eq!(key(r#"wx:key="id""#), ForKey::Field("id".into()));
    assert_eq!(key(r#"wx:key="{{id}}""#), ForKey::Field("id".into()));
    assert_eq!(key(r#"wx:key="{{item.id}}""#), ForKey::None);
}

#[test]
fn braces_and_quotes_with_spaces_make_a_string() {
    // 列表渲染 注意事项: "花括号和引号之间如果有空格，将最终被解析成为字符串":
    // `wx:for="{{[1,2,3]}} "` is the string "1,2,3 " rather than the array.
    let (doc, _) = parse_str(r#"<view wx:for="{{[1,2,3]}} ">{{item}}</view>"#);
    let Node::For(f) = &doc.nodes[0] else { panic!("expected a loop") };
    assert!(f.list.single_expr().is_none());
    assert!(matches!(f.list.parts.last(), Some(Part::Text(t)) if &**t == " "));
}

#[test]
fn white_space_only_text_is_dropped_and_other_text_kept_exactly() {
    let (doc, _) = parse_str("<view>\n  <text> a  &amp; b </text>\n  \t\n</view>");
    let Node::Element(view) = &doc.nodes[0] else { panic!("expected an element") };
    assert_eq!(view.children.len(), 1);
    let Node::Element(text) = &view.children[0] else { panic!("expected an element") };
    let Node::Text(t) = &text.children[0] else { panic!("expected text") };
    assert_eq!(t.as_literal(), Some(" a  &amp; b "));
}

#[test]
fn spans_point_at_the_tag_name_and_attribute() {
    let src = "<view>\n  <text bindtap=\"go\" data-a=\"{{x}}\">hi</text>\n</view>";
    let (doc, _) = parse_str(src);
    let Node::Element(view) = &doc.nodes[0] else { panic!("expected an element") };
    let Node::Element(text) = &view.children[0] else { panic!("expected an element") };
    let at = |s: mpsim_base::Span| &src[s.start as usize..s.end as usize];
    assert_eq!(at(text.span), "text");
    assert_eq!(at(text.events[0].span), "bindtap=\"go\"");
    assert_eq!(at(text.attrs[0].span), "data-a=\"{{x}}\"");
    let Some(Part::Expr(e)) = text.attrs[0].value.as_ref().map(|v| &v.parts[0]) else {
        panic!("expected an expression")
    };
    assert_eq!(at(e.span), "x");
}

#[test]
fn src_resolution() {
    // 引用: `src` is relative to the current file, or to the mini-program root with `/`;
    // the extension may be left out.
    let r = |src: &str| resolve_src("mp/pages/index/index.wxml", "mp", src, "wxml");
    assert_eq!(r("item.wxml"), "mp/pages/index/item.wxml");
    assert_eq!(r("./item"), "mp/pages/index/item.wxml");
    assert_eq!(r("../common/a"), "mp/pages/common/a.wxml");
    assert_eq!(r("/common/a.wxml"), "mp/common/a.wxml");
    assert_eq!(r("../../../../x"), "x.wxml");
    assert_eq!(resolve_src("index.wxml", "", "/a/b", "wxs"), "a/b.wxs");
    assert_eq!(resolve_src("p/index.wxml", "", "a//./b.wxs", "wxs"), "p/a/b.wxs");
}

#[test]
fn inline_wxs_code_is_raw_text() {
    let src = "<wxs module=\"m\">var a = '</view>' ; if (a < b) {}</wxs><view/>";
    let (doc, diags) = parse_str(src);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(doc.nodes.len(), 1);
    match &doc.wxs[0].source {
        mpsim_wxml::ir::WxsSource::Inline { code, offset } => {
            assert_eq!(&**code, "var a = '</view>' ; if (a < b) {}");
            assert_eq!(*offset as usize, src.find("var").unwrap_or(0));
        }
        other => panic!("expected inline code, got {other:?}"),
    }
}
