//! The module requests a JavaScript file makes: `require('x')`, `import … from 'x'`,
//! `import 'x'`, `export … from 'x'` and `import('x')` with a literal specifier.
//!
//! This is dependency analysis for packing, not a compiler: it only decides which files of
//! an npm package travel into `miniprogram_npm/`, and never rewrites code (the runtime
//! compiles modules). A small lexer skips comments, strings, template literals and regular
//! expressions so that text inside them is never taken for a request; a `/` starts a
//! regular expression where an operand is expected (after an operator, an opening bracket
//! or a keyword such as `return`), the usual rule of JavaScript tokenizers. Requests whose
//! specifier is computed (`require(name)`) cannot be followed and are not reported.

/// A literal specifier and the byte offset of its string literal in the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub spec: String,
    pub offset: usize,
}

#[derive(Clone, Debug, PartialEq)]
enum Token<'a> {
    Word(&'a str),
    /// A string literal (or a template literal without substitutions): its value.
    Str(String),
    Punct(u8),
    /// A number, regular expression or template literal with substitutions.
    Operand,
}

/// Every request of `source`, in source order.
pub fn requests(source: &str) -> Vec<Request> {
    let tokens = tokenize(source);
    let mut out = Vec::new();
    let word = |i: usize, w: &str| matches!(tokens.get(i), Some((Token::Word(x), _)) if *x == w);
    let punct = |i: usize, c: u8| matches!(tokens.get(i), Some((Token::Punct(x), _)) if *x == c);
    let string = |i: usize| match tokens.get(i) {
        Some((Token::Str(s), offset)) => Some(Request { spec: s.clone(), offset: *offset }),
        _ => None,
    };
    for i in 0..tokens.len() {
        // `obj.require(…)` and `obj.import` are property accesses, not module requests.
        if i > 0 && punct(i - 1, b'.') {
            continue;
        }
        let found = if word(i, "require") || word(i, "import") {
            // require('x') and import('x'), with nothing after the literal but `)`.
            let call = (punct(i + 1, b'(') && punct(i + 3, b')')).then(|| string(i + 2)).flatten();
            // import 'x' (a side-effect import).
            call.or_else(|| if word(i, "import") { string(i + 1) } else { None })
        } else if word(i, "from") {
            // import … from 'x' and export … from 'x'.
            string(i + 1)
        } else {
            None
        };
        out.extend(found);
    }
    out
}

/// Keywords after which a `/` starts a regular expression rather than a division.
const OPERAND_KEYWORDS: &[&str] = &[
    "return",
    "typeof",
    "instanceof",
    "in",
    "of",
    "new",
    "delete",
    "void",
    "throw",
    "case",
    "do",
    "else",
    "yield",
    "await",
];

fn tokenize(source: &str) -> Vec<(Token<'_>, usize)> {
    let mut lexer = Lexer { src: source.as_bytes(), text: source, pos: 0, tokens: Vec::new(), braces: Vec::new() };
    lexer.run();
    lexer.tokens
}

struct Lexer<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
    tokens: Vec<(Token<'a>, usize)>,
    /// For each open `{`: whether it is a template literal's `${` (whose `}` resumes the template).
    braces: Vec<bool>,
}

impl<'a> Lexer<'a> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.src.get(self.pos + ahead).copied()
    }

    fn push(&mut self, token: Token<'a>, start: usize) {
        self.tokens.push((token, start));
    }

    /// Whether a `/` here starts a regular expression: the previous token cannot end an operand.
    fn regex_allowed(&self) -> bool {
        match self.tokens.last() {
            None => true,
            Some((Token::Punct(c), _)) => !matches!(c, b')' | b']' | b'}'),
            Some((Token::Word(w), _)) => OPERAND_KEYWORDS.contains(w),
            Some((Token::Str(_) | Token::Operand, _)) => false,
        }
    }

    fn run(&mut self) {
        while let Some(c) = self.peek(0) {
            let start = self.pos;
            match c {
                b'/' if self.peek(1) == Some(b'/') => self.skip_line(),
                b'/' if self.peek(1) == Some(b'*') => self.skip_block_comment(),
                b'/' if self.regex_allowed() => {
                    self.skip_regex();
                    self.push(Token::Operand, start);
                }
                b'\'' | b'"' => {
                    let value = self.string(c);
                    self.push(Token::Str(value), start);
                }
                b'`' => {
                    self.pos += 1;
                    self.template(start);
                }
                b'{' => {
                    self.braces.push(false);
                    self.pos += 1;
                    self.push(Token::Punct(c), start);
                }
                b'}' => {
                    self.pos += 1;
                    if self.braces.pop() == Some(true) {
                        // The end of a `${…}` substitution: the template literal goes on.
                        self.template(start);
                    } else {
                        self.push(Token::Punct(c), start);
                    }
                }
                c if c.is_ascii_whitespace() => self.pos += 1,
                c if c.is_ascii_digit() => {
                    while self.peek(0).is_some_and(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'_') {
                        self.pos += 1;
                    }
                    self.push(Token::Operand, start);
                }
                c if c == b'_' || c == b'$' || c.is_ascii_alphabetic() || c >= 0x80 => {
                    while self.peek(0).is_some_and(|c| c == b'_' || c == b'$' || c.is_ascii_alphanumeric() || c >= 0x80)
                    {
                        self.pos += 1;
                    }
                    self.push(Token::Word(&self.text[start..self.pos]), start);
                }
                _ => {
                    self.pos += 1;
                    self.push(Token::Punct(c), start);
                }
            }
        }
    }

    fn skip_line(&mut self) {
        while self.peek(0).is_some_and(|c| c != b'\n') {
            self.pos += 1;
        }
    }

    fn skip_block_comment(&mut self) {
        self.pos += 2;
        while self.pos < self.src.len() && !(self.peek(0) == Some(b'*') && self.peek(1) == Some(b'/')) {
            self.pos += 1;
        }
        self.pos = (self.pos + 2).min(self.src.len());
    }

    /// A quoted string starting at `pos`; stops at the closing quote or the end of the line
    /// (an unterminated string ends there, so a lexing mistake cannot swallow the file).
    fn string(&mut self, quote: u8) -> String {
        self.pos += 1;
        let mut value = Vec::new();
        while let Some(c) = self.peek(0) {
            match c {
                b'\\' => {
                    if let Some(next) = self.peek(1) {
                        value.push(next);
                    }
                    self.pos += 2;
                }
                b'\n' => break,
                c if c == quote => {
                    self.pos += 1;
                    break;
                }
                c => {
                    value.push(c);
                    self.pos += 1;
                }
            }
        }
        self.pos = self.pos.min(self.src.len());
        String::from_utf8_lossy(&value).into_owned()
    }

    /// The rest of a template literal from `pos` (just after "`" or the `}` of a
    /// substitution) up to its end or its next `${`.
    fn template(&mut self, start: usize) {
        let begins = self.src.get(start) == Some(&b'`');
        let text_start = self.pos;
        while let Some(c) = self.peek(0) {
            match c {
                b'\\' => self.pos += 2,
                b'`' => {
                    let text = &self.text[text_start..self.pos];
                    self.pos += 1;
                    // A whole template without substitutions is a plain string.
                    let token = if begins { Token::Str(text.to_string()) } else { Token::Operand };
                    self.push(token, start);
                    return;
                }
                b'$' if self.peek(1) == Some(b'{') => {
                    self.pos += 2;
                    self.braces.push(true);
                    self.push(Token::Operand, start);
                    return;
                }
                _ => self.pos += 1,
            }
        }
        self.pos = self.src.len();
    }

    fn skip_regex(&mut self) {
        self.pos += 1;
        let mut in_class = false;
        while let Some(c) = self.peek(0) {
            match c {
                b'\\' => self.pos += 2,
                b'\n' => return,
                b'[' => {
                    in_class = true;
                    self.pos += 1;
                }
                b']' => {
                    in_class = false;
                    self.pos += 1;
                }
                b'/' if !in_class => {
                    self.pos += 1;
                    while self.peek(0).is_some_and(|c| c.is_ascii_alphabetic()) {
                        self.pos += 1;
                    }
                    return;
                }
                _ => self.pos += 1,
            }
        }
        self.pos = self.pos.min(self.src.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `source` yields exactly the specifiers `expect`, in order.
    fn check(source: &str, expect: &[&str]) {
        let got: Vec<String> = requests(source).into_iter().map(|r| r.spec).collect();
        assert_eq!(got, expect, "requests of {source:?}");
    }

    #[test]
    fn commonjs_and_module_forms() {
        check("const a = require('a'); var b = require(\"b/c\")", &["a", "b/c"]);
        check("module.exports = require(`./t`)", &["./t"]);
        check("import x from './x'; import {y} from \"y\"; import * as z from 'z'", &["./x", "y", "z"]);
        check(
            "import 'side-effect'; export { a } from './re'; export * from './all'",
            &["side-effect", "./re", "./all"],
        );
        check("const m = import('./lazy')", &["./lazy"]);
        // Minified code: no spaces, regex literals next to requires.
        check(
            "var V=/^\\s/,t=require(\"rfdc\")(),e=/['\"]/.test(x);require('fast-deep-equal')",
            &["rfdc", "fast-deep-equal"],
        );
    }

    #[test]
    fn text_that_only_looks_like_a_request() {
        check("// require('commented')\n/* import 'x' */ 'require(\"in string\")'", &[]);
        check("const s = `require('in-template')`; const t = `${require('./inside')}`", &["./inside"]);
        check("x = a / b; y = /require('in-regex')/; z = c / d", &[]);
        check("if (/[/]require('x')/.test(s)) {}", &[]);
        check("obj.require('not-a-module'); wx.import('x')", &[]);
        // Computed specifiers cannot be followed.
        check("require(name); require('a' + b); require(`./${x}`)", &[]);
    }

    #[test]
    fn offsets_point_at_the_literal() {
        let r = requests("let a = require('pkg')");
        assert_eq!(r, vec![Request { spec: "pkg".into(), offset: 16 }]);
    }
}
