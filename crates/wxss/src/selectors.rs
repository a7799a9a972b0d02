//! Selector rewriting: tag names, scoped classes, `:host`, and component warnings.
//!
//! A selector is rewritten token by token as it is read: a type selector of a built-in
//! component becomes its webview element (`view` → `wx-view`, see `tags.rs`), a class
//! selector `.a` becomes `.p--a` when the file is scoped with prefix `p`, and `:host` /
//! `:host(sel)` become the host selector of `scope.rs`. The same applies inside the selector
//! arguments of `:not()`, `:is()`, `:where()`, `:has()` and friends; other functional
//! pseudo-classes (`:nth-child(2n+1)`) and attribute selectors are kept verbatim.

use cssparser::{serialize_identifier, Parser, SourcePosition, Token};
use mpsim_base::SourceFile;

use crate::compile::{Compiler, RuleMode};
use crate::scope::{host_selector, scoped_class};
use crate::tags::element_name;

/// Functional pseudo-classes whose argument is a selector list.
const SELECTOR_FUNCTIONS: &[&str] =
    &["not", "is", "where", "has", "matches", "-webkit-any", "-moz-any", "host-context"];

const NOT_ALLOWED: &str = "wxss-selector-not-allowed";

impl Compiler<'_> {
    /// Reads a rule prelude whose first token was just read, writing the rewritten selector
    /// to `out`. Returns the offset of the `{` that opens the rule's block (the caller then
    /// descends into it), or `None` when the rule is dropped (reported here).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn selector_prelude(
        &mut self,
        p: &mut Parser<'_>,
        f: &SourceFile,
        first: Token<'_>,
        start: SourcePosition,
        mode: RuleMode,
        depth: u32,
        out: &mut String,
    ) -> Option<usize> {
        let rule_start = start.byte_index();
        let mut next = Some((first, start));
        let mut at_start = true;
        loop {
            let (token, start) = match next.take() {
                Some(t) => t,
                None => {
                    let start = p.position();
                    match p.next_including_whitespace_and_comments() {
                        Ok(t) => (t.clone(), start),
                        Err(_) => {
                            self.error(f, rule_start, "wxss-expected-block", "expected '{' after the selector".into());
                            return None;
                        }
                    }
                }
            };
            let off = start.byte_index();
            match token {
                Token::CurlyBracketBlock => return Some(off),
                Token::Semicolon => {
                    self.error(f, off, "wxss-bad-token", "unexpected ';' in a selector; the rule is dropped".into());
                    return None;
                }
                Token::CloseCurlyBracket => {
                    self.error(f, off, "wxss-unbalanced-brace", "unexpected '}' without a matching '{'".into());
                    return None;
                }
                token if mode == RuleMode::Keyframes => {
                    self.value_token(p, f, &token, start, depth, false, out);
                }
                token => self.selector_token(p, f, token, start, depth, &mut at_start, out),
            }
        }
    }

    /// Rewrites the selector list inside a block or function (`:not(...)`).
    fn selector_tokens(&mut self, p: &mut Parser<'_>, f: &SourceFile, depth: u32, out: &mut String) {
        let mut at_start = true;
        loop {
            let start = p.position();
            let token = match p.next_including_whitespace_and_comments() {
                Ok(t) => t.clone(),
                Err(_) => return,
            };
            self.selector_token(p, f, token, start, depth, &mut at_start, out);
        }
    }

    /// Rewrites one selector token; `at_start` tells whether an identifier here would be a
    /// type selector (start of a compound selector).
    #[allow(clippy::too_many_arguments)]
    fn selector_token(
        &mut self,
        p: &mut Parser<'_>,
        f: &SourceFile,
        token: Token<'_>,
        start: SourcePosition,
        depth: u32,
        at_start: &mut bool,
        out: &mut String,
    ) {
        let off = start.byte_index();
        let was_start = std::mem::replace(at_start, false);
        match token {
            Token::WhiteSpace(_) | Token::Comma | Token::Delim('>' | '+' | '~') => {
                out.push_str(p.slice_from(start));
                *at_start = true;
            }
            Token::Comment(_) => {
                out.push_str(p.slice_from(start));
                *at_start = was_start;
            }
            Token::Ident(name) if was_start => {
                if self.opts.component {
                    self.warn(
                        f,
                        off,
                        NOT_ALLOWED,
                        format!(
                            "tag name selector '{name}' should not be used in component WXSS; use a class selector"
                        ),
                    );
                }
                match element_name(&name) {
                    Some(el) => out.push_str(&el),
                    None => out.push_str(p.slice_from(start)),
                }
            }
            Token::Delim('.') => {
                let state = p.state();
                match p.next_including_whitespace_and_comments() {
                    Ok(Token::Ident(name)) => {
                        let name = name.clone();
                        self.write_class(&name, out);
                    }
                    _ => {
                        p.reset(&state);
                        self.error(f, off, "wxss-bad-token", "expected a class name after '.'".into());
                        out.push('.');
                    }
                }
            }
            Token::IDHash(_) | Token::Hash(_) => {
                if self.opts.component {
                    self.warn(
                        f,
                        off,
                        NOT_ALLOWED,
                        "id selectors should not be used in component WXSS; use a class selector".into(),
                    );
                }
                out.push_str(p.slice_from(start));
            }
            Token::SquareBracketBlock => {
                if self.opts.component {
                    self.warn(
                        f,
                        off,
                        NOT_ALLOWED,
                        "attribute selectors should not be used in component WXSS; use a class selector".into(),
                    );
                }
                self.value_token(p, f, &Token::SquareBracketBlock, start, depth, false, out);
            }
            Token::Colon => self.pseudo(p, f, off, depth, out),
            token => {
                self.value_token(p, f, &token, start, depth, false, out);
            }
        }
    }

    /// Writes `.name`, scoped when the file has a scope.
    fn write_class(&self, name: &str, out: &mut String) {
        out.push('.');
        let class = match &self.opts.scope {
            Some(prefix) => scoped_class(prefix, name),
            None => name.to_string(),
        };
        let _ = serialize_identifier(&class, out);
    }

    /// A pseudo-class or pseudo-element after its first ':' was read.
    fn pseudo(&mut self, p: &mut Parser<'_>, f: &SourceFile, colon: usize, depth: u32, out: &mut String) {
        let state = p.state();
        let start = p.position();
        let token = match p.next_including_whitespace_and_comments() {
            Ok(t) => t.clone(),
            Err(_) => {
                self.error(f, colon, "wxss-bad-token", "expected a pseudo-class after ':'".into());
                out.push(':');
                return;
            }
        };
        match token {
            Token::Colon => {
                // A pseudo-element: kept as written, arguments included.
                out.push(':');
                let inner = p.position();
                match p.next_including_whitespace_and_comments() {
                    Ok(t) => {
                        let t = t.clone();
                        out.push(':');
                        self.value_token(p, f, &t, inner, depth, false, out);
                    }
                    Err(_) => {
                        out.push(':');
                        self.error(f, colon, "wxss-bad-token", "expected a pseudo-element after '::'".into());
                    }
                }
            }
            Token::Ident(name) if name.eq_ignore_ascii_case("host") => {
                out.push_str(&host_selector(self.opts.scope.as_deref()));
            }
            Token::Ident(_) => {
                out.push(':');
                out.push_str(p.slice_from(start));
            }
            Token::Function(name) if name.eq_ignore_ascii_case("host") => {
                out.push_str(&host_selector(self.opts.scope.as_deref()));
                let mut inner = String::new();
                self.block(p, f, start.byte_index(), depth, |c, p, d| c.selector_tokens(p, f, d, &mut inner));
                out.push_str(inner.trim());
            }
            Token::Function(name) => {
                out.push(':');
                out.push_str(p.slice_from(start));
                let lower = name.to_ascii_lowercase();
                if SELECTOR_FUNCTIONS.contains(&lower.as_str()) {
                    self.block(p, f, start.byte_index(), depth, |c, p, d| c.selector_tokens(p, f, d, out));
                } else {
                    self.block(p, f, start.byte_index(), depth, |c, p, d| {
                        c.value_tokens(p, f, d, false, out);
                    });
                }
                out.push(')');
            }
            _ => {
                p.reset(&state);
                self.error(f, colon, "wxss-bad-token", "expected a pseudo-class after ':'".into());
                out.push(':');
            }
        }
    }
}
