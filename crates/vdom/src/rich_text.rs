//! `<rich-text nodes>`: the content `mpsim render` prints inside `<wx-rich-text>`.
//!
//! WeChat's rich-text documentation (组件 › rich-text) takes `nodes` as a node list
//! (`[{name, attrs, children}, {type: 'text', text}]`) or an HTML string, which the
//! component turns into a node list first. Only the trusted HTML elements of [`TRUSTED`]
//! survive, with `class`, `style` and their own listed attributes; an untrusted element is
//! removed with all its children, text is text. The result is printed as plain HTML
//! elements (not `wx-` prefixed): it is HTML, not WXML.
//!
//! The window's sanitizer (ui/sanitize.js) applies the same rules to the same forms; a test
//! here checks that its table of trusted elements is this one. This module is not a general
//! HTML sanitizer: it never passes markup through, it rebuilds it from the whitelist.

use crate::html::{escape_attr, escape_text};
use mpsim_base::Value;

/// 受信任的HTML节点及属性: every trusted element with the attributes it accepts besides the
/// global `class` and `style` (`id` is not supported).
pub const TRUSTED: &[(&str, &[&str])] = &[
    ("a", &[]),
    ("abbr", &[]),
    ("address", &[]),
    ("article", &[]),
    ("aside", &[]),
    ("b", &[]),
    ("bdi", &[]),
    ("bdo", &["dir"]),
    ("big", &[]),
    ("blockquote", &[]),
    ("br", &[]),
    ("caption", &[]),
    ("center", &[]),
    ("cite", &[]),
    ("code", &[]),
    ("col", &["span", "width"]),
    ("colgroup", &["span", "width"]),
    ("dd", &[]),
    ("del", &[]),
    ("div", &[]),
    ("dl", &[]),
    ("dt", &[]),
    ("em", &[]),
    ("fieldset", &[]),
    ("font", &[]),
    ("footer", &[]),
    ("h1", &[]),
    ("h2", &[]),
    ("h3", &[]),
    ("h4", &[]),
    ("h5", &[]),
    ("h6", &[]),
    ("header", &[]),
    ("hr", &[]),
    ("i", &[]),
    ("img", &["alt", "src", "height", "width"]),
    ("ins", &[]),
    ("label", &[]),
    ("legend", &[]),
    ("li", &[]),
    ("mark", &[]),
    ("nav", &[]),
    ("ol", &["start", "type"]),
    ("p", &[]),
    ("pre", &[]),
    ("q", &[]),
    ("rt", &[]),
    ("ruby", &[]),
    ("s", &[]),
    ("section", &[]),
    ("small", &[]),
    ("span", &[]),
    ("strong", &[]),
    ("sub", &[]),
    ("sup", &[]),
    ("table", &["width"]),
    ("tbody", &[]),
    ("td", &["colspan", "height", "rowspan", "width"]),
    ("tfoot", &[]),
    ("th", &["colspan", "height", "rowspan", "width"]),
    ("thead", &[]),
    ("tr", &["colspan", "height", "rowspan", "width"]),
    ("tt", &[]),
    ("u", &[]),
    ("ul", &[]),
];

/// Attributes every trusted element accepts.
const GLOBAL_ATTRS: &[&str] = &["class", "style"];

/// Trusted elements that have no content and no end tag in HTML.
const VOID_TRUSTED: &[&str] = &["br", "hr", "img", "col"];

/// Deeper nodes are dropped (as the window does), so hostile nesting cannot exhaust the stack.
const MAX_DEPTH: usize = 64;

/// Appends the sanitized content of a rich-text `nodes` value to `out`: a node list, one
/// node, an HTML string, or a JSON string of a node list. Anything else prints nothing.
pub fn write_rich_text(nodes: &Value, out: &mut String) {
    match nodes {
        Value::Array(list) => write_list(list, 0, out),
        Value::Object(_) => write_list(std::slice::from_ref(nodes), 0, out),
        Value::String(s) => {
            let list = node_list_from_string(s);
            if let Some(list) = list.as_array() {
                write_list(list, 0, out);
            }
        }
        _ => {}
    }
}

/// A string is a JSON node list when it parses as one, else HTML.
fn node_list_from_string(s: &str) -> Value {
    if s.trim_start().starts_with('[') {
        if let Ok(json) = serde_json::from_str::<serde_json::Value>(s) {
            return Value::from_json(&json);
        }
    }
    Value::array(parse_html(s))
}

fn write_list(list: &[Value], depth: usize, out: &mut String) {
    if depth > MAX_DEPTH {
        return;
    }
    for node in list {
        write_node(node, depth, out);
    }
}

fn write_node(node: &Value, depth: usize, out: &mut String) {
    let obj = match node {
        Value::String(s) => return escape_text(&decode_entities(s), out),
        Value::Object(obj) => obj,
        _ => return,
    };
    if obj.get("type").and_then(Value::as_str) == Some("text") {
        let text = obj.get("text").map(attr_text).unwrap_or_default();
        return escape_text(&decode_entities(&text), out);
    }
    let name = obj.get("name").filter(|n| n.truthy()).map(Value::to_text).unwrap_or_default().to_ascii_lowercase();
    // An untrusted element goes with all its children.
    let Some(&(name, own_attrs)) = TRUSTED.iter().find(|(n, _)| *n == name) else { return };
    out.push('<');
    out.push_str(name);
    for (key, value) in allowed_attrs(obj.get("attrs"), own_attrs) {
        out.push(' ');
        out.push_str(key);
        out.push_str("=\"");
        escape_attr(&value, out);
        out.push('"');
    }
    out.push('>');
    if VOID_TRUSTED.contains(&name) {
        return;
    }
    if let Some(children) = obj.get("children").and_then(Value::as_array) {
        write_list(children, depth + 1, out);
    }
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// The attributes of `attrs` an element keeps, in their order; names are case-insensitive
/// and a later duplicate replaces the value of the first.
fn allowed_attrs(attrs: Option<&Value>, own: &'static [&'static str]) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let Some(attrs) = attrs.and_then(Value::as_object) else { return out };
    for (raw_key, raw_value) in attrs {
        let key = raw_key.to_ascii_lowercase();
        let Some(key) = GLOBAL_ATTRS.iter().chain(own).copied().find(|k| *k == key) else { continue };
        let value = attr_text(raw_value);
        if (key == "src" && !safe_url(&value)) || (key == "style" && !safe_style(&value)) {
            continue;
        }
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => out.push((key, value)),
        }
    }
    out
}

/// `String(v ?? '')`.
fn attr_text(v: &Value) -> String {
    if v.is_nullish() {
        String::new()
    } else {
        v.to_text()
    }
}

/// Whether an `img src` can be kept: a relative path, http(s), the window's `mpsim:`, or a
/// `data:image/…` of a raster type. Whitespace and control characters inside a scheme are
/// ignored by browsers, so they are removed before looking.
fn safe_url(url: &str) -> bool {
    let u: String = url
        .chars()
        .filter(|&c| !(c <= '\u{20}' || ('\u{7f}'..='\u{9f}').contains(&c)))
        .collect::<String>()
        .to_lowercase();
    let scheme_len = u.find(':').filter(|&i| {
        let s = &u[..i];
        s.starts_with(|c: char| c.is_ascii_lowercase())
            && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '+' | '.' | '-'))
    });
    let Some(i) = scheme_len else { return true };
    match &u[..i] {
        "http" | "https" | "mpsim" => true,
        "data" => ["png", "jpg", "jpeg", "gif", "webp", "bmp"].iter().any(|t| {
            u[i + 1..].strip_prefix("image/").and_then(|r| r.strip_prefix(t)).is_some_and(|r| r.starts_with(';'))
        }),
        _ => false,
    }
}

/// Whether an inline style can be kept: none of the CSS that loads or runs something
/// (`url(`, `expression(`, `javascript:`, `@import`, `behavior:`…), after removing escapes,
/// comments and whitespace.
fn safe_style(style: &str) -> bool {
    let mut s = style.replace('\\', "");
    while let Some(start) = s.find("/*") {
        let Some(len) = s[start + 2..].find("*/") else { break };
        s.replace_range(start..start + 2 + len + 2, "");
    }
    let s: String = s.to_lowercase().chars().filter(|c| !c.is_whitespace()).collect();
    !["url(", "expression(", "javascript:", "vbscript:", "@import", "behavior:", "-moz-binding"]
        .iter()
        .any(|bad| s.contains(bad))
}

/// Named entities decoded in text (besides numeric references); others stay as written.
const ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", "\u{a0}"),
    ("ensp", "\u{2002}"),
    ("emsp", "\u{2003}"),
    ("thinsp", "\u{2009}"),
    ("copy", "\u{a9}"),
    ("reg", "\u{ae}"),
    ("trade", "\u{2122}"),
    ("hellip", "\u{2026}"),
    ("mdash", "\u{2014}"),
    ("ndash", "\u{2013}"),
    ("middot", "\u{b7}"),
    ("laquo", "\u{ab}"),
    ("raquo", "\u{bb}"),
    ("yen", "\u{a5}"),
    ("times", "\u{d7}"),
    ("divide", "\u{f7}"),
];

/// Decodes `&name;`, `&#N;` and `&#xH;` (text nodes "support entities").
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match decode_one(rest) {
            Some((decoded, len)) => {
                out.push_str(&decoded);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The entity at the start of `s` (which starts with `&`) and its length.
fn decode_one(s: &str) -> Option<(String, usize)> {
    let semi = s.find(';')?;
    let body = &s[1..semi];
    if body.is_empty() {
        return None;
    }
    let decoded = if let Some(num) = body.strip_prefix('#') {
        let cp = match num.strip_prefix(['x', 'X']) {
            Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                u32::from_str_radix(hex, 16).ok()?
            }
            Some(_) => return None,
            None if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) => num.parse().ok()?,
            None => return None,
        };
        char::from_u32(cp).filter(|&c| c != '\0')?.to_string()
    } else {
        if !body.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        let name = body.to_ascii_lowercase();
        ENTITIES.iter().find(|(n, _)| *n == name)?.1.to_string()
    };
    Some((decoded, semi + 1))
}

/// Elements that never have content in HTML (an HTML string never opens them).
const VOID: &[&str] =
    &["br", "hr", "img", "col", "wbr", "input", "meta", "link", "area", "base", "source", "track", "param", "embed"];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"];

/// An element being parsed: name, attributes, children so far.
type Open = (String, mpsim_base::Map, Vec<Value>);

/// A forgiving HTML parser into WeChat's node list, as the component converts a string
/// before rendering it; nothing is sanitized here. Text keeps its entities (text nodes
/// decode them); attribute values are decoded. Nodes nested deeper than the sanitizer
/// looks are not kept.
fn parse_html(src: &str) -> Vec<Value> {
    let mut stack: Vec<Open> = vec![(String::new(), Default::default(), Vec::new())];
    let bytes = src.as_bytes();
    let mut i = 0;
    while i < src.len() {
        let Some(lt) = src[i..].find('<').map(|p| p + i) else {
            push_text(&mut stack, &src[i..]);
            break;
        };
        push_text(&mut stack, &src[i..lt]);
        i = lt;
        let rest = &src[i..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            i = comment.find("-->").map_or(src.len(), |e| i + 4 + e + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            i = rest.find('>').map_or(src.len(), |e| i + e + 1);
            continue;
        }
        if let Some(name) = rest.strip_prefix("</").and_then(tag_name) {
            if let Some(gt) = rest.find('>') {
                let name = name.to_ascii_lowercase();
                if let Some(k) = stack.iter().rposition(|(n, _, _)| *n == name).filter(|&k| k > 0) {
                    while stack.len() > k {
                        close(&mut stack);
                    }
                }
                i += gt + 1;
                continue;
            }
        }
        let Some(name) = tag_name(&rest[1..]) else {
            push_text(&mut stack, "<");
            i += 1;
            continue;
        };
        i += 1 + name.len();
        let name = name.to_ascii_lowercase();
        let (attrs, self_close, end) = parse_attrs(src, i);
        i = end;
        if RAW_TEXT.contains(&name.as_str()) {
            let close_at = find_ascii_ci(bytes, i, format!("</{name}").as_bytes());
            let body = &src[i..close_at.unwrap_or(src.len())];
            let mut children = Vec::new();
            if !body.is_empty() {
                children.push(text_node(body));
            }
            attach(&mut stack, element(&name, attrs, children));
            i = close_at.and_then(|c| src[c..].find('>').map(|g| c + g + 1)).unwrap_or(src.len());
            continue;
        }
        if self_close || VOID.contains(&name.as_str()) {
            attach(&mut stack, element(&name, attrs, Vec::new()));
        } else {
            stack.push((name, attrs, Vec::new()));
        }
    }
    while stack.len() > 1 {
        close(&mut stack);
    }
    stack.pop().map(|(_, _, children)| children).unwrap_or_default()
}

/// `[a-zA-Z][\w:-]*` at the start of `s`.
fn tag_name(s: &str) -> Option<&str> {
    if !s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let len = s.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '-'))).unwrap_or(s.len());
    Some(&s[..len])
}

/// The attributes of a start tag from `i` (just after its name): the first value of each
/// name wins. Returns them, whether the tag ended with `/>`, and where it ended.
fn parse_attrs(src: &str, mut i: usize) -> (mpsim_base::Map, bool, usize) {
    let mut attrs = mpsim_base::Map::new();
    loop {
        let rest = &src[i..];
        let trimmed = rest.trim_start();
        i += rest.len() - trimmed.len();
        if trimmed.is_empty() {
            return (attrs, false, src.len());
        }
        if trimmed.starts_with('>') {
            return (attrs, false, i + 1);
        }
        if trimmed.starts_with("/>") {
            return (attrs, true, i + 2);
        }
        let key_len = trimmed
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '/' | '='))
            .unwrap_or(trimmed.len());
        if key_len == 0 {
            i += trimmed.chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let key = trimmed[..key_len].to_ascii_lowercase();
        i += key_len;
        let mut value = String::new();
        let after = &src[i..];
        let after_ws = after.trim_start();
        if let Some(v) = after_ws.strip_prefix('=') {
            let v_ws = v.trim_start();
            let start = i + (after.len() - v_ws.len());
            let quoted = v_ws.chars().next().filter(|c| matches!(c, '"' | '\''));
            let parsed = match quoted {
                Some(q) => v_ws[1..].find(q).map(|end| (&v_ws[1..1 + end], start + end + 2)),
                None => {
                    let len = v_ws.find(|c: char| c.is_whitespace() || c == '>').unwrap_or(v_ws.len());
                    (len > 0).then(|| (&v_ws[..len], start + len))
                }
            };
            // An `=` with no usable value leaves the attribute empty, the rest to the loop.
            if let Some((raw, end)) = parsed {
                value = decode_entities(raw);
                i = end;
            }
        }
        attrs.entry(key.into()).or_insert_with(|| Value::str(&value));
    }
}

/// Where `needle` (lowercase ASCII) starts in `hay` from `from`, ignoring ASCII case.
fn find_ascii_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    (from..=hay.len().checked_sub(needle.len())?).find(|&p| hay[p..p + needle.len()].eq_ignore_ascii_case(needle))
}

fn text_node(text: &str) -> Value {
    let mut map = mpsim_base::Map::new();
    map.insert("type".into(), Value::str("text"));
    map.insert("text".into(), Value::str(text));
    Value::object(map)
}

fn element(name: &str, attrs: mpsim_base::Map, children: Vec<Value>) -> Value {
    let mut map = mpsim_base::Map::new();
    map.insert("name".into(), Value::str(name));
    map.insert("attrs".into(), Value::object(attrs));
    map.insert("children".into(), Value::array(children));
    Value::object(map)
}

fn push_text(stack: &mut [Open], text: &str) {
    if !text.is_empty() {
        attach(stack, text_node(text));
    }
}

/// Adds a node to the innermost open element, unless it is deeper than the sanitizer looks.
fn attach(stack: &mut [Open], node: Value) {
    if stack.len() - 1 <= MAX_DEPTH {
        if let Some(top) = stack.last_mut() {
            top.2.push(node);
        }
    }
}

fn close(stack: &mut Vec<Open>) {
    if let Some((name, attrs, children)) = stack.pop() {
        attach(stack, element(&name, attrs, children));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(s: &str) -> Value {
        Value::from_json(&serde_json::from_str(s).expect("test JSON"))
    }

    #[track_caller]
    fn check(nodes: Value, expect: &str) {
        let mut out = String::new();
        write_rich_text(&nodes, &mut out);
        assert_eq!(out, expect);
    }

    #[test]
    fn node_lists() {
        // rich-text › nodes: element nodes {name, attrs, children}, text nodes {type: 'text'}.
        check(
            json(
                r#"[{"name":"div","attrs":{"class":"x","style":"color: red;"},"children":[{"type":"text","text":"Hello"}]}]"#,
            ),
            r#"<div class="x" style="color: red;">Hello</div>"#,
        );
        check(json(r#"[{"type":"node","name":"P","children":[{"name":"b","children":["x"]}]}]"#), "<p><b>x</b></p>");
        // One node on its own is a list of one, as the window takes it.
        check(json(r#"{"name":"span","children":[{"type":"text","text":"s"}]}"#), "<span>s</span>");
        check(json(r#"[{"name":"div"}, null, 3, true]"#), "<div></div>");
        check(Value::Undefined, "");
        check(json("5"), "");
    }

    #[test]
    fn text_supports_entities_and_stays_text() {
        // rich-text › 文本节点: text "支持entities".
        check(
            json(r#"[{"type":"text","text":"Hello&nbsp;World &lt;b&gt; &#x4e2d;&#25991; &bogus; &"}]"#),
            "Hello&nbsp;World &lt;b&gt; 中文 &amp;bogus; &amp;",
        );
        check(json(r#"[{"type":"text","text":"<script>alert(1)</script>"}]"#), "&lt;script&gt;alert(1)&lt;/script&gt;");
        check(json(r#"[{"type":"text"}]"#), "");
    }

    #[test]
    fn trusted_attributes_only() {
        // 受信任的HTML节点及属性: class and style everywhere, id never, the element's own list.
        check(
            json(
                r#"[{"name":"img","attrs":{"src":"https://a/b.png","alt":"b","width":"10","height":2,"id":"i","data-x":"1","onerror":"x()"}}]"#,
            ),
            r#"<img src="https://a/b.png" alt="b" width="10" height="2">"#,
        );
        check(
            json(r#"[{"name":"a","attrs":{"href":"https://x","target":"_blank","class":"l"},"children":["l"]}]"#),
            r#"<a class="l">l</a>"#,
        );
        check(
            json(r#"[{"name":"td","attrs":{"colspan":2,"align":"left"}},{"name":"bdo","attrs":{"dir":"rtl"}}]"#),
            r#"<td colspan="2"></td><bdo dir="rtl"></bdo>"#,
        );
        check(
            json(r#"[{"name":"div","attrs":{"CLASS":"a","class":"b","style":null}}]"#),
            r#"<div class="b" style=""></div>"#,
        );
        check(json(r#"[{"name":"p","attrs":{"class":"a\"><script>"}}]"#), r#"<p class="a&quot;><script>"></p>"#);
    }

    #[test]
    fn untrusted_elements_go_with_their_children() {
        // Bug & Tip: "如果使用了不受信任的HTML节点，该节点及其所有子节点将会被移除".
        check(json(r#"[{"name":"h11","children":["gone"]},{"name":"h3","children":["kept"]}]"#), "<h3>kept</h3>");
        check(json(r#"[{"name":"script","children":["alert(1)"]},"x"]"#), "x");
        check(Value::str("<h11>你好</h11><h3>ffff</h3>"), "<h3>ffff</h3>");
        check(Value::str("<blink><i>k</i></blink>ok"), "ok");
    }

    #[test]
    fn hostile_input() {
        check(Value::str("a<script>alert('</div>')</script>b<style>*{}</style>c<iframe src=x>d</iframe>e"), "abce");
        check(Value::str("<SCRIPT>alert(1)</SCRIPT >ok"), "ok");
        check(Value::str(r#"<div onclick="x()" ONMOUSEOVER=y>t</div>"#), "<div>t</div>");
        check(Value::str(r#"<a href="javascript:alert(1)">l</a>"#), "<a>l</a>");
        check(Value::str(r#"<img src="javascript:alert(1)" onerror="alert(1)">"#), "<img>");
        check(Value::str("<img src=\" jav&#x09;ascript:alert(1)\">"), "<img>");
        check(Value::str(r#"<img src="data:text/html,<script>">"#), "<img>");
        check(Value::str(r#"<img src="data:image/png;base64,AAAA">"#), r#"<img src="data:image/png;base64,AAAA">"#);
        check(Value::str(r#"<span style="background:u\rl(javascript:x)">s</span>"#), "<span>s</span>");
        check(Value::str(r#"<span style="color:red;/**/expr/**/ession(x)">s</span>"#), "<span>s</span>");
        check(Value::str("<svg><script>x</script></svg>z"), "z");
        check(Value::str(&"<div>".repeat(100_000)), &format!("{}{}", "<div>".repeat(65), "</div>".repeat(65)));
    }

    #[test]
    fn html_strings() {
        // rich-text › nodes: "节点列表/HTML String".
        check(
            Value::str(r#"<div class="a" style='color:red'><p>hi <b>there</b></p><br><img src="x.png" alt=x/></div>"#),
            r#"<div class="a" style="color:red"><p>hi <b>there</b></p><br><img src="x.png" alt="x/"></div>"#,
        );
        check(
            Value::str("<table><tr><td colspan=\"2\">c</td></tr></table>"),
            r#"<table><tr><td colspan="2">c</td></tr></table>"#,
        );
        check(Value::str("a &amp; b &lt;i&gt; <!-- c --><!doctype html>1 < 2"), "a &amp; b &lt;i&gt; 1 &lt; 2");
        check(Value::str("<p title=\"&quot;q&quot;\" class=\"&amp;\">x</i></p>y"), r#"<p class="&amp;">x</p>y"#);
        check(Value::str("<ul><li>one<li>two</ul>"), "<ul><li>one<li>two</li></li></ul>");
        check(Value::str("<p>unclosed"), "<p>unclosed</p>");
    }

    #[test]
    fn json_strings() {
        // The window accepts a JSON string of a node list; a string that is not one is HTML.
        check(Value::str(r#" [{"name":"p","children":[{"type":"text","text":"j"}]}]"#), "<p>j</p>");
        check(Value::str("[not json]"), "[not json]");
    }

    #[test]
    fn window_trusts_the_same_elements() {
        // ui/sanitize.js renders rich-text in the window; its table must be this one.
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ui/sanitize.js");
        let js = std::fs::read_to_string(path).expect("ui/sanitize.js");
        let table = js.split("export const TRUSTED = {").nth(1).and_then(|t| t.split("};").next()).expect("TRUSTED");
        let mut window: Vec<(String, Vec<String>)> = Vec::new();
        for entry in table.split("],") {
            let Some((name, attrs)) = entry.split_once(": [") else { continue };
            let attrs = attrs.split(',').map(|a| a.trim().trim_matches('\'').to_string()).filter(|a| !a.is_empty());
            window.push((name.trim().to_string(), attrs.collect()));
        }
        let ours: Vec<(String, Vec<String>)> =
            TRUSTED.iter().map(|(n, a)| (n.to_string(), a.iter().map(|s| s.to_string()).collect())).collect();
        assert_eq!(window, ours);
    }
}
