//! WXS source made to behave as WeChat's compiler (wcc) makes it behave, before QuickJS
//! runs it:
//!
//! - String escapes: wcc keeps a backslash before any character but `n`, `t`, `r`, a quote,
//!   a backslash or a line break (`'\d'` is the two characters `\` `d`, observed with wcc
//!   from the npm package miniprogram-compiler 0.2.3, which writes it as `'\x5cd'`), so
//!   `getRegExp('^\d+$')` written with one backslash matches digits, as component libraries
//!   expect (Vant's add-unit.wxs). Such escapes get their backslash doubled.
//! - `constructor`: in WXS, `x.constructor` is a string naming the type ("Number",
//!   "String", "Boolean", "Object", "Function", "Array", "Date", "RegExp" — the WXS data-type
//!   reference), and libraries test it (`val.constructor === 'Array'`). QuickJS's is the
//!   constructor function, and it cannot be swapped for a string on the prototypes (built-in
//!   methods such as `Array.prototype.map` read it to build their results), so each read
//!   `E.constructor` / `E['constructor']` becomes `__wxsConstructor(E)`.
//!
//! The rewrite splices the source text at the positions the parser found, adding no line
//! breaks, so line numbers in wxs errors stay the file's own. A file that does not parse is
//! returned unchanged and QuickJS reports the error.

use swc_core::common::{sync::Lrc, BytePos, FileName, SourceMap, Spanned};
use swc_core::ecma::ast::{AssignExpr, AssignTarget, Expr, Lit, MemberExpr, MemberProp, SimpleAssignTarget};
use swc_core::ecma::parser::{EsSyntax, Parser, StringInput, Syntax};
use swc_core::ecma::visit::{Visit, VisitWith};

/// The name of the function the rewritten code calls; the wxs realm defines it.
pub const WXS_CONSTRUCTOR_FN: &str = "__wxsConstructor";

/// `source` with every read of `.constructor` going through [`WXS_CONSTRUCTOR_FN`] and
/// string escapes as wcc reads them.
pub fn compile_wxs(source: &str) -> std::borrow::Cow<'_, str> {
    if !source.contains("constructor") && !source.contains('\\') {
        return source.into();
    }
    let cm: Lrc<SourceMap> = Default::default();
    let fm = cm.new_source_file(Lrc::new(FileName::Anon), source.to_string());
    let mut parser = Parser::new(Syntax::Es(EsSyntax::default()), StringInput::from(&*fm), None);
    let Ok(script) = parser.parse_script() else { return source.into() };
    if !parser.take_errors().is_empty() {
        return source.into();
    }
    let mut finder = Reads { base: fm.start_pos, found: Vec::new(), strings: Vec::new() };
    script.visit_with(&mut finder);
    // Edits as (position, replaced length, text), applied from the end so earlier
    // positions stay valid. An object that is itself a rewritten read shares its start.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for (start, object_end, end) in finder.found {
        edits.push((start, 0, format!("{WXS_CONSTRUCTOR_FN}(")));
        edits.push((object_end, end - object_end, ")".to_string()));
    }
    for (start, end) in finder.strings {
        let raw = &source[start..end];
        if let Some(fixed) = wcc_escapes(raw) {
            edits.push((start, end - start, fixed));
        }
    }
    if edits.is_empty() {
        return source.into();
    }
    edits.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    let mut out = source.to_string();
    for (at, len, text) in edits {
        out.replace_range(at..at + len, &text);
    }
    out.into()
}

/// A string literal's source text with the backslash doubled before every character wcc
/// does not treat as an escape, or `None` when there is none.
fn wcc_escapes(raw: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len() + 4);
    let mut changed = false;
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        out.push(c);
        if c != '\\' {
            continue;
        }
        match chars.next() {
            Some(next @ ('n' | 't' | 'r' | '\\' | '\'' | '"' | '\n' | '\r' | '\u{2028}' | '\u{2029}')) => {
                out.push(next)
            }
            Some(next) => {
                out.push('\\');
                out.push(next);
                changed = true;
            }
            None => {}
        }
    }
    changed.then_some(out)
}

/// Byte ranges of `constructor` reads (start of the object, end of the object, end) and of
/// string literals.
struct Reads {
    base: BytePos,
    found: Vec<(usize, usize, usize)>,
    strings: Vec<(usize, usize)>,
}

impl Reads {
    fn offset(&self, pos: BytePos) -> usize {
        (pos.0 - self.base.0) as usize
    }
}

fn is_constructor(prop: &MemberProp) -> bool {
    match prop {
        MemberProp::Ident(name) => &*name.sym == "constructor",
        MemberProp::Computed(c) => matches!(&*c.expr, Expr::Lit(Lit::Str(s)) if s.value == *"constructor"),
        MemberProp::PrivateName(_) => false,
    }
}

impl Visit for Reads {
    fn visit_str(&mut self, s: &swc_core::ecma::ast::Str) {
        if s.raw.as_ref().is_some_and(|r| r.contains('\\')) {
            self.strings.push((self.offset(s.span.lo), self.offset(s.span.hi)));
        }
    }

    fn visit_member_expr(&mut self, m: &MemberExpr) {
        m.visit_children_with(self);
        if is_constructor(&m.prop) {
            let span = m.span();
            self.found.push((self.offset(span.lo), self.offset(m.obj.span().hi), self.offset(span.hi)));
        }
    }

    fn visit_assign_expr(&mut self, a: &AssignExpr) {
        // A write `x.constructor = v` stays a write; only its object and value are visited.
        if let AssignTarget::Simple(SimpleAssignTarget::Member(m)) = &a.left {
            if is_constructor(&m.prop) {
                m.obj.visit_with(self);
                a.right.visit_with(self);
                return;
            }
        }
        a.visit_children_with(self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expect: &str) {
        assert_eq!(compile_wxs(input), expect);
    }

    #[test]
    fn constructor_reads_become_calls() {
        check("var t = val.constructor;", "var t = __wxsConstructor(val);");
        check("if (a.b['constructor'] === 'Array') {}", "if (__wxsConstructor(a.b) === 'Array') {}");
        check("x.constructor.constructor", "__wxsConstructor(__wxsConstructor(x))");
        check("f(x).constructor", "__wxsConstructor(f(x))");
        check(
            "[1].constructor === 'Array'\n;({}).constructor",
            "__wxsConstructor([1]) === 'Array'\n;__wxsConstructor(({}))",
        );
    }

    #[test]
    fn unknown_escapes_keep_their_backslash_as_wcc_compiles_them() {
        // wcc 0.2.3: '\d' → '\x5cd', '\.' → '\x5c.', '\x41' → '\x5cx41'; '\n', '\t', '\r' stay escapes.
        check(r"var r = getRegExp('^-?\d+(\.\d+)?$')", r"var r = getRegExp('^-?\\d+(\\.\\d+)?$')");
        check(r"var s = 'a\x41\u0041'", r"var s = 'a\\x41\\u0041'");
        check(r#"var s = 'line\n\ttab\r\\ \' \"'"#, r#"var s = 'line\n\ttab\r\\ \' \"'"#);
        check(r"var s = 'no escapes'", r"var s = 'no escapes'");
    }

    #[test]
    fn other_code_is_left_alone() {
        check(
            "var constructor = 1; o.constructorName; o.constructor = 2;",
            "var constructor = 1; o.constructorName; o.constructor = 2;",
        );
        check("var s = 'a.constructor'", "var s = 'a.constructor'");
        check("broken ( x.constructor", "broken ( x.constructor");
    }
}
