//! The compiler: one pass over cssparser's tokens of each file, writing CSS as it goes.
//!
//! Tokens are copied verbatim from the source (whitespace and comments included) except
//! for the rewrites this crate exists for: rpx dimensions in declarations and at-rule
//! preludes (also inside `calc()` and other functions), `@import` (inlined in place), and
//! selectors (see `selectors.rs`). Problems become diagnostics with the exact line:col and
//! compilation goes on with the next declaration or rule, as a browser would.

use std::collections::HashSet;

use cssparser::{Parser, SourcePosition, Token};
use mpsim_base::{Diagnostic, Severity, SourceFile, Span};

use crate::import::resolve_import;
use crate::rpx::{format_px, rpx_to_px, rpx_value, DEFAULT_HAIRLINE_PX};

/// Blocks nested deeper than this are skipped with a diagnostic (cssparser refuses 75).
const MAX_DEPTH: u32 = 48;

/// How one WXSS file is compiled.
#[derive(Clone, Debug, PartialEq)]
pub struct WxssOptions {
    /// Width of the simulated screen in CSS px (375, 390, 414…): 750rpx is this wide.
    pub screen_width: f64,
    /// What a non-zero rpx length that floors to 0 becomes (see [`crate::hairline_px`]).
    pub hairline_px: f64,
    /// The owner's scope prefix: `Some(p)` rewrites every class selector `.a` into `.p--a`
    /// and `:host` into `[wx-host="p"]`; `None` (app.wxss) keeps classes global.
    pub scope: Option<String>,
    /// Whether this is a component's WXSS: tag, id and attribute selectors then get a
    /// `wxss-selector-not-allowed` warning, as WeChat's compiler gives.
    pub component: bool,
}

impl WxssOptions {
    /// Options for an unscoped, non-component file on a screen `screen_width` px wide.
    pub fn new(screen_width: f64) -> WxssOptions {
        WxssOptions { screen_width, hairline_px: DEFAULT_HAIRLINE_PX, scope: None, component: false }
    }
}

impl Default for WxssOptions {
    fn default() -> Self {
        WxssOptions::new(375.0)
    }
}

/// The result of [`compile`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompiledStyle {
    /// The CSS for the webview.
    pub css: String,
    /// Every project-relative path the compilation tried to read, the entry first, missing
    /// imports included (so that creating one can trigger a hot reload).
    pub deps: Vec<String>,
}

/// Compiles the WXSS file `entry` (project-relative) with its imports into CSS. `root` is the
/// mini-program root folder for absolute imports; `load` reads a project-relative path.
pub fn compile(
    entry: &str,
    root: &str,
    load: &mut dyn FnMut(&str) -> Option<String>,
    opts: &WxssOptions,
) -> (CompiledStyle, Vec<Diagnostic>) {
    let mut c = Compiler {
        root,
        load,
        opts,
        diags: Vec::new(),
        deps: vec![entry.to_string()],
        stack: Vec::new(),
        done: HashSet::new(),
    };
    let mut css = String::new();
    match (c.load)(entry) {
        Some(text) => c.file(entry, text, &mut css),
        None => {
            c.diags.push(Diagnostic::file(entry, Severity::Error, "wxss-missing-file", format!("cannot read {entry}")))
        }
    }
    let deps = c.deps;
    (CompiledStyle { css, deps }, c.diags)
}

/// Whether a rule list holds style rules or keyframe rules.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum RuleMode {
    Style,
    Keyframes,
}

/// How an at-rule prelude ended.
enum PreludeEnd {
    Semicolon,
    Block(usize),
    End,
}

/// The state of a declaration being read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Decl {
    Start,
    Name,
    Value,
    Bad,
}

pub(crate) struct Compiler<'a> {
    root: &'a str,
    load: &'a mut dyn FnMut(&str) -> Option<String>,
    pub(crate) opts: &'a WxssOptions,
    diags: Vec<Diagnostic>,
    deps: Vec<String>,
    /// Files being compiled, outermost first, for cycle detection.
    stack: Vec<String>,
    /// Files already inlined in this compilation.
    done: HashSet<String>,
}

impl Compiler<'_> {
    pub(crate) fn error(&mut self, f: &SourceFile, offset: usize, code: &'static str, msg: String) {
        self.diags.push(f.error(Span::at(offset), code, msg));
    }

    pub(crate) fn warn(&mut self, f: &SourceFile, offset: usize, code: &'static str, msg: String) {
        self.diags.push(f.warning(Span::at(offset), code, msg));
    }

    fn file(&mut self, path: &str, text: String, out: &mut String) {
        self.stack.push(path.to_string());
        self.done.insert(path.to_string());
        let f = SourceFile::new(path, text);
        let text = f.text.clone();
        let mut p = Parser::new(&text);
        self.rule_list(&mut p, &f, RuleMode::Style, 0, out);
        self.stack.pop();
    }

    /// Descends into the block whose opening token was just read, running `body` on its
    /// contents; returns whether the block had its closing token. A block nested too deeply
    /// is skipped (cssparser skips it when the next token is read) with a diagnostic.
    pub(crate) fn block(
        &mut self,
        p: &mut Parser<'_>,
        f: &SourceFile,
        open: usize,
        depth: u32,
        body: impl FnOnce(&mut Self, &mut Parser<'_>, u32),
    ) -> bool {
        if depth >= MAX_DEPTH {
            self.error(f, open, "wxss-too-deep", "blocks are nested too deeply; this block is skipped".into());
            Self::skip_block(p);
            return true;
        }
        let len = f.text.len();
        let mut closed = false;
        let _ = p.parse_nested_block::<_, (), ()>(|p| {
            body(self, p, depth + 1);
            closed = p.position().byte_index() < len;
            Ok(())
        });
        if !closed {
            let (code, what) = match f.text.as_bytes().get(open) {
                Some(b'{') => ("wxss-unbalanced-brace", "'{'"),
                Some(b'[') => ("wxss-unclosed-bracket", "'['"),
                _ => ("wxss-unclosed-bracket", "'('"),
            };
            self.error(f, open, code, format!("{what} is never closed"));
        }
        closed
    }

    /// Consumes the block whose opening token was just read without looking inside. (Leaving
    /// it to cssparser's next read would make that token's source slice include the block.)
    pub(crate) fn skip_block(p: &mut Parser<'_>) {
        let _ = p.parse_nested_block::<_, (), ()>(|p| {
            while p.next_including_whitespace_and_comments().is_ok() {}
            Ok(())
        });
    }

    /// Skips an at-rule's prelude and its block, if any.
    fn skip_at_rule(&mut self, p: &mut Parser<'_>, f: &SourceFile, depth: u32) {
        if let PreludeEnd::Block(_) = self.at_prelude(p, f, depth, false, &mut String::new()) {
            Self::skip_block(p);
        }
    }

    /// A list of rules: the whole file, or the body of `@media` and the like.
    fn rule_list(&mut self, p: &mut Parser<'_>, f: &SourceFile, mode: RuleMode, depth: u32, out: &mut String) {
        loop {
            let start = p.position();
            let token = match p.next_including_whitespace_and_comments() {
                Ok(t) => t.clone(),
                Err(_) => return,
            };
            let off = start.byte_index();
            match token {
                Token::WhiteSpace(_) | Token::Comment(_) => out.push_str(p.slice_from(start)),
                Token::CDO | Token::CDC | Token::Semicolon => {}
                Token::AtKeyword(name) => self.at_rule(p, f, &name, start, mode, depth, out),
                Token::CloseCurlyBracket => {
                    self.error(f, off, "wxss-unbalanced-brace", "unexpected '}' without a matching '{'".into())
                }
                token => self.qualified_rule(p, f, token, start, mode, depth, out),
            }
        }
    }

    /// A style rule (or keyframe rule) whose first token was just read.
    #[allow(clippy::too_many_arguments)]
    fn qualified_rule(
        &mut self,
        p: &mut Parser<'_>,
        f: &SourceFile,
        first: Token<'_>,
        start: SourcePosition,
        mode: RuleMode,
        depth: u32,
        out: &mut String,
    ) {
        let mut prelude = String::new();
        // A dropped rule was reported by `selector_prelude` and writes nothing.
        if let Some(open) = self.selector_prelude(p, f, first, start, mode, depth, &mut prelude) {
            out.push_str(&prelude);
            out.push('{');
            self.block(p, f, open, depth, |c, p, d| c.declarations(p, f, d, out));
            out.push('}');
        }
    }

    /// The declarations of a style rule (or `@font-face`, a keyframe…). Each declaration is
    /// buffered and written only when it is well-formed; a broken one is dropped with a
    /// `wxss-bad-declaration` diagnostic.
    fn declarations(&mut self, p: &mut Parser<'_>, f: &SourceFile, depth: u32, out: &mut String) {
        let mut buf = String::new();
        let mut state = Decl::Start;
        let mut custom = false;
        let mut problem: Option<(usize, String)> = None;
        let mut name_end = 0;
        let mut decl_start = 0;
        loop {
            let start = p.position();
            let token = match p.next_including_whitespace_and_comments() {
                Ok(t) => t.clone(),
                Err(_) => break,
            };
            let off = start.byte_index();
            match (state, token) {
                (Decl::Start, Token::WhiteSpace(_) | Token::Comment(_)) => out.push_str(p.slice_from(start)),
                (_, Token::Semicolon) => {
                    if state == Decl::Name {
                        problem = Some((name_end, "expected ':' after the property name".into()));
                    }
                    if self.finish_declaration(f, state, &mut buf, &mut problem, out) {
                        out.push(';');
                    }
                    state = Decl::Start;
                }
                (Decl::Bad | Decl::Name, Token::CurlyBracketBlock) => {
                    // A nested rule: it ends here, since no ';' follows its block.
                    Self::skip_block(p);
                    problem = Some((decl_start, "nested rules are not supported in WXSS; the rule is dropped".into()));
                    self.finish_declaration(f, state, &mut buf, &mut problem, out);
                    state = Decl::Start;
                }
                (Decl::Bad, token) => {
                    if is_block(&token) {
                        Self::skip_block(p);
                    }
                }
                (_, Token::WhiteSpace(_) | Token::Comment(_)) => buf.push_str(p.slice_from(start)),
                (Decl::Start, Token::Ident(name)) => {
                    decl_start = off;
                    custom = name.starts_with("--");
                    buf.push_str(p.slice_from(start));
                    name_end = p.position().byte_index();
                    state = Decl::Name;
                }
                (Decl::Start, Token::CurlyBracketBlock) => {
                    Self::skip_block(p);
                    self.error(
                        f,
                        off,
                        "wxss-bad-declaration",
                        "unexpected '{': nested rules are not supported in WXSS".into(),
                    );
                }
                (Decl::Start, Token::AtKeyword(name)) => {
                    problem = Some((off, format!("at-rule @{name} is not allowed inside a declaration block")));
                    decl_start = off;
                    state = Decl::Bad;
                }
                (Decl::Start, token) => {
                    if is_block(&token) {
                        Self::skip_block(p);
                    }
                    problem = Some((off, "expected a property name".into()));
                    decl_start = off;
                    state = Decl::Bad;
                }
                (Decl::Name, Token::Colon) => {
                    buf.push(':');
                    state = Decl::Value;
                }
                (Decl::Name, token) => {
                    if is_block(&token) {
                        Self::skip_block(p);
                    }
                    problem = Some((off, "expected ':' after the property name".into()));
                    state = Decl::Bad;
                }
                (Decl::Value, Token::CurlyBracketBlock) if !custom => {
                    Self::skip_block(p);
                    problem = Some((
                        off,
                        "unexpected '{' in a declaration value (nested rules are not supported in WXSS)".into(),
                    ));
                    self.finish_declaration(f, Decl::Bad, &mut buf, &mut problem, out);
                    state = Decl::Start;
                }
                (Decl::Value, token) => {
                    if !self.value_token(p, f, &token, start, depth, true, &mut buf) {
                        state = Decl::Bad;
                    }
                }
            }
        }
        if state == Decl::Name {
            problem = Some((name_end, "expected ':' after the property name".into()));
        }
        self.finish_declaration(f, state, &mut buf, &mut problem, out);
    }

    /// Writes or drops the buffered declaration; returns whether a terminating ';' should be
    /// written (the declaration was kept, or there was none).
    fn finish_declaration(
        &mut self,
        f: &SourceFile,
        state: Decl,
        buf: &mut String,
        problem: &mut Option<(usize, String)>,
        out: &mut String,
    ) -> bool {
        let keep = match state {
            Decl::Start => true,
            Decl::Value => {
                out.push_str(buf);
                true
            }
            Decl::Name | Decl::Bad => false,
        };
        if let Some((off, msg)) = problem.take() {
            self.error(f, off, "wxss-bad-declaration", msg);
        }
        buf.clear();
        keep
    }

    /// Copies one token of a value (declaration value, at-rule prelude), converting rpx when
    /// `rpx` is set and descending into functions and blocks. Returns false, after reporting
    /// it, when the token makes the value invalid.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn value_token(
        &mut self,
        p: &mut Parser<'_>,
        f: &SourceFile,
        token: &Token<'_>,
        start: SourcePosition,
        depth: u32,
        rpx: bool,
        out: &mut String,
    ) -> bool {
        let text = p.slice_from(start);
        let off = start.byte_index();
        if rpx {
            if let Some(n) = rpx_value(token, text) {
                format_px(rpx_to_px(n, self.opts.screen_width, self.opts.hairline_px), out);
                return true;
            }
        }
        let close = match token {
            Token::Function(_) | Token::ParenthesisBlock => ')',
            Token::SquareBracketBlock => ']',
            Token::CurlyBracketBlock => '}',
            Token::BadUrl(_) => {
                self.error(
                    f,
                    off,
                    "wxss-bad-token",
                    "malformed url(): it may not contain quotes, spaces or parentheses unless quoted".into(),
                );
                return false;
            }
            Token::BadString(_) => {
                self.error(f, off, "wxss-bad-token", "unterminated string".into());
                return false;
            }
            Token::CloseParenthesis | Token::CloseSquareBracket | Token::CloseCurlyBracket => {
                self.error(f, off, "wxss-bad-token", format!("unmatched '{text}'"));
                return false;
            }
            _ => {
                out.push_str(text);
                return true;
            }
        };
        out.push_str(text);
        let mut ok = true;
        self.block(p, f, off, depth, |c, p, d| ok = c.value_tokens(p, f, d, rpx, out));
        out.push(close);
        ok
    }

    /// Copies the rest of a block as value tokens; returns false when one was invalid.
    pub(crate) fn value_tokens(
        &mut self,
        p: &mut Parser<'_>,
        f: &SourceFile,
        depth: u32,
        rpx: bool,
        out: &mut String,
    ) -> bool {
        let mut ok = true;
        loop {
            let start = p.position();
            let token = match p.next_including_whitespace_and_comments() {
                Ok(t) => t.clone(),
                Err(_) => return ok,
            };
            ok &= self.value_token(p, f, &token, start, depth, rpx, out);
        }
    }

    /// Reads an at-rule prelude into `pre` (rpx converted) up to its `;` or block.
    fn at_prelude(
        &mut self,
        p: &mut Parser<'_>,
        f: &SourceFile,
        depth: u32,
        rpx: bool,
        pre: &mut String,
    ) -> PreludeEnd {
        loop {
            let start = p.position();
            let token = match p.next_including_whitespace_and_comments() {
                Ok(t) => t.clone(),
                Err(_) => return PreludeEnd::End,
            };
            match token {
                Token::Semicolon => return PreludeEnd::Semicolon,
                Token::CurlyBracketBlock => return PreludeEnd::Block(start.byte_index()),
                Token::CloseCurlyBracket => {
                    // Only reachable at the top level; the rule list reports the stray brace
                    // when this prelude is abandoned, so report it here the same way.
                    self.error(
                        f,
                        start.byte_index(),
                        "wxss-unbalanced-brace",
                        "unexpected '}' without a matching '{'".into(),
                    );
                    return PreludeEnd::End;
                }
                token => {
                    self.value_token(p, f, &token, start, depth, rpx, pre);
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn at_rule(
        &mut self,
        p: &mut Parser<'_>,
        f: &SourceFile,
        name: &str,
        start: SourcePosition,
        mode: RuleMode,
        depth: u32,
        out: &mut String,
    ) {
        let off = start.byte_index();
        let lower = name.to_ascii_lowercase();
        let mut pre = p.slice_from(start).to_string();
        enum Body {
            Rules(RuleMode),
            Declarations,
            Verbatim,
            Statement,
        }
        let body = match lower.as_str() {
            "import" => return self.import(p, f, off, depth, out),
            "charset" => {
                // Inlined files make @charset meaningless; the webview gets UTF-8 text.
                self.skip_at_rule(p, f, depth);
                return;
            }
            "media" | "supports" | "container" | "document" | "-moz-document" | "layer" | "scope"
            | "starting-style" => Body::Rules(if mode == RuleMode::Keyframes { RuleMode::Style } else { mode }),
            "font-face"
            | "page"
            | "property"
            | "counter-style"
            | "viewport"
            | "-ms-viewport"
            | "font-palette-values"
            | "position-try" => Body::Declarations,
            "keyframes" | "-webkit-keyframes" | "-moz-keyframes" | "-o-keyframes" => Body::Rules(RuleMode::Keyframes),
            "font-feature-values" => Body::Verbatim,
            "namespace" => Body::Statement,
            _ => {
                self.warn(f, off, "wxss-unknown-at-rule", format!("unknown at-rule @{name} is dropped"));
                self.skip_at_rule(p, f, depth);
                return;
            }
        };
        match self.at_prelude(p, f, depth, true, &mut pre) {
            PreludeEnd::Semicolon => {
                if matches!(body, Body::Statement) || lower == "layer" {
                    out.push_str(&pre);
                    out.push(';');
                } else {
                    self.error(f, off, "wxss-expected-block", format!("@{name} needs a {{ }} block"));
                }
            }
            PreludeEnd::End => self.error(f, off, "wxss-expected-block", format!("@{name} needs a {{ }} block")),
            PreludeEnd::Block(open) => {
                if matches!(body, Body::Statement) {
                    self.error(f, open, "wxss-bad-token", format!("@{name} takes no block; the block is dropped"));
                    Self::skip_block(p);
                    return;
                }
                out.push_str(&pre);
                out.push('{');
                self.block(p, f, open, depth, |c, p, d| match body {
                    Body::Rules(m) => c.rule_list(p, f, m, d, out),
                    Body::Declarations => c.declarations(p, f, d, out),
                    _ => {
                        c.value_tokens(p, f, d, true, out);
                    }
                });
                out.push('}');
            }
        }
    }

    /// `@import "path";`: the imported file is compiled in place, once per compilation.
    fn import(&mut self, p: &mut Parser<'_>, f: &SourceFile, off: usize, depth: u32, out: &mut String) {
        let mut target: Option<String> = None;
        let mut extra: Option<usize> = None;
        let end = loop {
            let start = p.position();
            let token = match p.next_including_whitespace_and_comments() {
                Ok(t) => t.clone(),
                Err(_) => break PreludeEnd::End,
            };
            match token {
                Token::WhiteSpace(_) | Token::Comment(_) => {}
                Token::Semicolon => break PreludeEnd::Semicolon,
                Token::CurlyBracketBlock => break PreludeEnd::Block(start.byte_index()),
                Token::QuotedString(s) | Token::UnquotedUrl(s) if target.is_none() && extra.is_none() => {
                    target = Some(s.to_string());
                }
                Token::Function(name) if name.eq_ignore_ascii_case("url") && target.is_none() && extra.is_none() => {
                    let mut inner = None;
                    self.block(p, f, start.byte_index(), depth, |_, p, _| {
                        while let Ok(t) = p.next() {
                            if let Token::QuotedString(s) = t {
                                inner.get_or_insert_with(|| s.to_string());
                            }
                        }
                    });
                    target = inner;
                }
                Token::BadString(_) | Token::BadUrl(_) => {
                    self.value_token(p, f, &token, start, depth, false, &mut String::new());
                    extra.get_or_insert(usize::MAX);
                }
                token => {
                    if is_block(&token) {
                        Self::skip_block(p);
                    }
                    extra.get_or_insert(start.byte_index());
                }
            }
        };
        if let PreludeEnd::Block(open) = end {
            self.error(f, open, "wxss-bad-import", "@import takes no block".into());
            Self::skip_block(p);
            return;
        }
        let Some(target) = target else {
            if extra != Some(usize::MAX) {
                self.error(f, off, "wxss-bad-import", "@import needs a quoted path: @import \"file.wxss\";".into());
            }
            return;
        };
        if let Some(at) = extra.filter(|&e| e != usize::MAX) {
            self.warn(
                f,
                at,
                "wxss-bad-import",
                "media queries on @import are not supported; the file is imported unconditionally".into(),
            );
        }
        let Some(path) = resolve_import(&f.path, self.root, &target) else {
            self.error(f, off, "wxss-missing-import", format!("cannot resolve @import \"{target}\""));
            return;
        };
        if let Some(i) = self.stack.iter().position(|s| *s == path) {
            let mut chain: Vec<&str> = self.stack[i..].iter().map(String::as_str).collect();
            chain.push(&path);
            let msg = format!("@import cycle: {}", chain.join(" -> "));
            self.error(f, off, "wxss-import-cycle", msg);
            return;
        }
        if self.done.contains(&path) {
            return;
        }
        if !self.deps.contains(&path) {
            self.deps.push(path.clone());
        }
        match (self.load)(&path) {
            Some(text) => self.file(&path, text, out),
            None => {
                self.done.insert(path.clone());
                self.error(f, off, "wxss-missing-import", format!("imported file {path} does not exist"));
            }
        }
    }
}

/// Whether a token opens a block (its contents follow as a nested token stream).
fn is_block(token: &Token<'_>) -> bool {
    matches!(token, Token::Function(_) | Token::ParenthesisBlock | Token::SquareBracketBlock | Token::CurlyBracketBlock)
}
