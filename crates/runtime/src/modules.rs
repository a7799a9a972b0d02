//! CommonJS module resolution and compilation for project JavaScript.
//!
//! `require` resolves relative paths against the requiring file, `/x` against the realm's
//! root, bare paths against the requiring folder and then the realm's root, then
//! `miniprogram_npm` folders upward (app.json `resolveAlias` prefixes come first, in the
//! host). It tries the path as written, `.js`, `.ts`, `.json`, `/index.js` and `/index.ts`
//! (a `.ts` file is found where there is no `.js`, as DevTools' TypeScript compile does).
//! Nothing outside the realm's root can be required, so a plugin cannot load host files
//! and vice versa. Caching and cycles are the framework's job (JS side).

use crate::engine::Shared;
use mpsim_project::Project;
use mpsim_script::Lang;
use rquickjs::{Ctx, Exception, Function};

/// Whether `path` (project-relative) lies inside the realm rooted at `root`.
pub fn in_realm(root: &str, path: &str) -> bool {
    mpsim_project::is_within(path, root)
}

pub use mpsim_project::{join_path as join, parent_dir as dirname};

/// The file `request` names when required from `from`, or `None`.
pub fn resolve(project: &Project, root: &str, from: &str, request: &str) -> Option<String> {
    let dir = dirname(from);
    let mut bases = Vec::new();
    // app.json resolveAlias maps host requests (`@/utils/x` → `utils/x` under the root).
    let aliased = (root == project.miniprogram_root).then(|| project.app.resolve_alias(request)).flatten();
    if let Some(path) = aliased {
        bases.push(join(root, &path)?);
    } else if let Some(abs) = request.strip_prefix('/') {
        bases.push(join(root, abs)?);
    } else if request.starts_with("./") || request.starts_with("../") {
        bases.push(join(dir, request)?);
    } else {
        bases.extend(join(dir, request));
        bases.extend(join(root, request));
        let mut d = dir.to_string();
        loop {
            bases.extend(join(&d, &format!("miniprogram_npm/{request}")));
            if d.len() <= root.len() || d.is_empty() {
                break;
            }
            d = dirname(&d).to_string();
        }
    }
    for base in bases {
        let candidates = [
            base.clone(),
            format!("{base}.js"),
            format!("{base}.ts"),
            format!("{base}.json"),
            format!("{base}/index.js"),
            format!("{base}/index.ts"),
        ];
        for candidate in candidates {
            if in_realm(root, &candidate) && is_file(project, &candidate) {
                return Some(candidate);
            }
        }
    }
    None
}

fn is_file(project: &Project, rel: &str) -> bool {
    mpsim_project::resolve_inside(&project.dir, rel).is_some_and(|p| p.is_file())
}

/// The head of the wrapper every module is compiled in; it shares the module's first line,
/// so line numbers in stacks are the file's own (columns on line 1 are shifted by its length).
pub const WRAPPER_HEAD: &str = "(function (exports, require, module, __filename, __dirname) {";

/// Compiles the module at `path` (ES modules and TypeScript first become CommonJS, see
/// `mpsim_script`) into `function (exports, require, module, __filename, __dirname)`,
/// recording how its stack positions map back to the source. A syntax error found by the
/// script compiler is thrown as a `SyntaxError` whose stack names the original position.
pub fn compile<'js>(ctx: &Ctx<'js>, sh: &Shared, path: &str, source: &str) -> rquickjs::Result<Function<'js>> {
    let lang = Lang::of(path);
    let compiled = match mpsim_script::cache::compile_cached(path, source, lang) {
        Ok(compiled) => compiled,
        Err(e) => {
            // swc parses module syntax strictly; sloppy-mode script code that merely mentions
            // `import` (a bundle, a `with` statement) still runs as it always did.
            if lang == Lang::JavaScript {
                if let Ok(f) = eval_wrapped(ctx, path, source) {
                    sh.source_maps.borrow_mut().insert(path.to_string(), None);
                    return Ok(f);
                }
            }
            sh.source_maps.borrow_mut().remove(path);
            let error = Exception::from_message(ctx.clone(), &e.message)?;
            error.set("name", "SyntaxError")?;
            error.set("stack", format!("    at {path}:{}:{}\n", e.line, e.col))?;
            return Err(ctx.throw(error.into_value()));
        }
    };
    sh.source_maps.borrow_mut().insert(path.to_string(), compiled.map.clone());
    eval_wrapped(ctx, path, &compiled.code)
}

fn eval_wrapped<'js>(ctx: &Ctx<'js>, path: &str, code: &str) -> rquickjs::Result<Function<'js>> {
    let wrapped = format!("{WRAPPER_HEAD}{code}\n}})");
    let mut opts = rquickjs::context::EvalOptions::default();
    opts.strict = false;
    opts.filename = Some(path.to_string());
    ctx.eval_with_options(wrapped, opts)
}

/// The position in the file as written of `line`:`col` of the running code of module
/// `file`, or `None` for files that are not modules.
pub fn original_position(sh: &Shared, file: &str, line: u32, col: u32) -> Option<(u32, u32)> {
    let maps = sh.source_maps.borrow();
    let map = maps.get(file)?;
    let col = if line == 1 { col.saturating_sub(WRAPPER_HEAD.len() as u32).max(1) } else { col };
    Some(match map {
        Some(map) => map.original(line, col).unwrap_or((line, col)),
        None => (line, col),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_normalises_and_refuses_to_climb_out() {
        assert_eq!(join("a/b", "../c/./d").as_deref(), Some("a/c/d"));
        assert_eq!(join("a", "../../x"), None);
        assert!(in_realm("plugin", "plugin/index.js"));
        assert!(!in_realm("plugin", "pluginx/index.js"));
        assert!(!in_realm("plugin", "miniprogram/app.js"));
    }
}
