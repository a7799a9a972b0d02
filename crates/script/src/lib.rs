//! Project scripts compiled the way WeChat DevTools compiles them before they run: ES-module
//! syntax (`import`/`export`, freely mixed with `require` and `module.exports`) becomes
//! CommonJS with Babel's interop (`__esModule`; a default import of a CommonJS module is its
//! `module.exports`), and TypeScript loses its types. Everything else QuickJS runs as it is
//! (async/await, classes, optional chaining) is left alone.
//!
//! The compiler is swc (parser, TypeScript strip, CommonJS module transform, codegen).
//! A file that needs no transform is returned as written, so its line numbers are its own;
//! a transformed file comes with a [`LineMap`] that takes a generated line:col back to what
//! the developer wrote. Syntax errors are values ([`ScriptError`]) at the original position.
//!
//! This crate knows nothing of projects or realms: the runtime decides which files to
//! compile and caches the results ([`cache`]).

pub mod cache;
mod line_map;
mod wxs;

pub use line_map::LineMap;
pub use wxs::{compile_wxs, WXS_CONSTRUCTOR_FN};

use mpsim_base::LineIndex;
use std::sync::Arc;
use swc_core::common::comments::SingleThreadedComments;
use swc_core::common::sync::Lrc;
use swc_core::common::{BytePos, FileName, Globals, Mark, SourceMap, Spanned, GLOBALS};
use swc_core::ecma::ast::{EsVersion, Program};
use swc_core::ecma::codegen::{text_writer::JsWriter, Emitter};
use swc_core::ecma::parser::{EsSyntax, Parser, StringInput, Syntax, TsSyntax};
use swc_core::ecma::transforms::base::helpers::{inject_helpers, Helpers, HELPERS};
use swc_core::ecma::transforms::base::{fixer::fixer, hygiene::hygiene, resolver};
use swc_core::ecma::transforms::module::{common_js, path::Resolver, util::Config as ModuleConfig};
use swc_core::ecma::transforms::proposal::decorators::{decorators, Config as DecoratorsConfig};
use swc_core::ecma::transforms::typescript::strip;

/// The language a file is written in, from its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    JavaScript,
    TypeScript,
}

impl Lang {
    /// `.ts` (not `.d.ts`) is TypeScript; everything else is JavaScript.
    pub fn of(path: &str) -> Lang {
        if path.ends_with(".ts") && !path.ends_with(".d.ts") {
            Lang::TypeScript
        } else {
            Lang::JavaScript
        }
    }
}

/// A compiled script: the code to run and, when it differs from the source, the map back.
#[derive(Clone, Debug)]
pub struct Compiled {
    pub code: Arc<str>,
    /// `None` when `code` is the source as written.
    pub map: Option<Arc<LineMap>>,
}

/// A syntax error at a 1-based line and column of the original source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptError {
    pub line: u32,
    pub col: u32,
    pub message: String,
}

/// Compiles one file. `path` is used for messages only.
pub fn compile(path: &str, source: &str, lang: Lang) -> Result<Compiled, ScriptError> {
    if lang == Lang::JavaScript && !mentions_module_syntax(source) {
        return Ok(Compiled { code: Arc::from(source), map: None });
    }
    // A compiler panic on strange input is a diagnostic, never a crash of the simulator.
    let run = std::panic::AssertUnwindSafe(|| GLOBALS.set(&Globals::new(), || transform(path, source, lang)));
    std::panic::catch_unwind(run).unwrap_or_else(|_| {
        Err(ScriptError { line: 1, col: 1, message: "the script compiler failed on this file".to_string() })
    })
}

/// Whether `source` has the words `import` or `export` outside identifiers. A cheap filter:
/// most CommonJS files are returned untouched without being parsed.
fn mentions_module_syntax(source: &str) -> bool {
    let bytes = source.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
    ["import", "export"].iter().any(|word| {
        source.match_indices(word).any(|(i, _)| {
            let before = i.checked_sub(1).map(|j| bytes[j]);
            let after = bytes.get(i + word.len()).copied();
            !before.is_some_and(|b| ident(b) || b == b'.') && !after.is_some_and(ident)
        })
    })
}

fn transform(path: &str, source: &str, lang: Lang) -> Result<Compiled, ScriptError> {
    let cm: Lrc<SourceMap> = Default::default();
    let fm = cm.new_source_file(Lrc::new(FileName::Custom(path.to_string())), source.to_string());
    let base = fm.start_pos;
    let index = LineIndex::new(source);
    let position = |pos: BytePos| {
        let offset = pos.0.saturating_sub(base.0);
        index.line_col(source, offset)
    };
    let syntax = match lang {
        Lang::TypeScript => Syntax::Typescript(TsSyntax { decorators: true, ..Default::default() }),
        Lang::JavaScript => Syntax::Es(EsSyntax { decorators: true, import_attributes: true, ..Default::default() }),
    };
    let comments = SingleThreadedComments::default();
    let mut parser = Parser::new(syntax, StringInput::from(&*fm), Some(&comments));
    let parsed = parser.parse_program();
    let recovered = parser.take_errors();
    let program = match parsed {
        Ok(program) if recovered.is_empty() => program,
        Ok(_) => return Err(syntax_error(&recovered[0], position)),
        Err(e) => return Err(syntax_error(&e, position)),
    };
    if lang == Lang::JavaScript && matches!(program, Program::Script(_)) {
        // The words were there (in a string, a comment, `import()`), the syntax was not.
        return Ok(Compiled { code: Arc::from(source), map: None });
    }

    let unresolved = Mark::new();
    let top_level = Mark::new();
    let module_config = ModuleConfig {
        // Babel's interop, as DevTools' ES6→ES5 compile gives; no "use strict" is added, so
        // sloppy-mode code that ran before still runs.
        strict_mode: false,
        allow_top_level_this: true,
        ..Default::default()
    };
    let program = HELPERS.set(&Helpers::new(false), || {
        let mut program = program.apply(resolver(unresolved, top_level, lang == Lang::TypeScript));
        if lang == Lang::TypeScript {
            // TypeScript's `experimentalDecorators` (legacy decorators), as tsc emits them.
            if source.contains('@') {
                program = program.apply(decorators(DecoratorsConfig {
                    legacy: true,
                    emit_metadata: false,
                    use_define_for_class_fields: false,
                }));
            }
            program = program.apply(strip(unresolved, top_level));
        }
        program
            .apply(common_js(Resolver::Default, unresolved, ModuleConfig { ..module_config }, Default::default()))
            .apply(inject_helpers(unresolved))
            .apply(hygiene())
            .apply(fixer(Some(&comments)))
    });

    let mut buf = Vec::new();
    let mut mappings = Vec::new();
    {
        let mut emitter = Emitter {
            cfg: swc_core::ecma::codegen::Config::default().with_target(EsVersion::EsNext),
            cm: cm.clone(),
            comments: None,
            wr: JsWriter::new(cm.clone(), "\n", &mut buf, Some(&mut mappings)),
        };
        emitter.emit_program(&program).map_err(|e| ScriptError { line: 1, col: 1, message: e.to_string() })?;
    }
    let code = String::from_utf8(buf).map_err(|e| ScriptError { line: 1, col: 1, message: e.to_string() })?;
    let map = LineMap::new(mappings.into_iter().filter(|(pos, _)| pos.0 >= base.0 && !pos.is_dummy()).map(
        |(pos, generated)| {
            let (line, col) = position(pos);
            ((generated.line + 1, generated.col + 1), (line, col))
        },
    ));
    Ok(Compiled { code: Arc::from(code), map: Some(Arc::new(map)) })
}

fn syntax_error(e: &swc_core::ecma::parser::error::Error, position: impl Fn(BytePos) -> (u32, u32)) -> ScriptError {
    let (line, col) = position(e.span().lo);
    ScriptError { line, col, message: e.kind().msg().to_string() }
}

#[cfg(test)]
mod tests;
