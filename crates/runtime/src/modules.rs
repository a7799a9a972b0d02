//! CommonJS module resolution and compilation for project JavaScript.
//!
//! `require` resolves relative paths against the requiring file, `/x` against the realm's
//! root, bare paths against the requiring folder and then the realm's root, then
//! `miniprogram_npm` folders upward; it tries the path as written, `.js`, `.json` and
//! `/index.js`. Nothing outside the realm's root can be required, so a plugin cannot
//! load host files and vice versa. Caching and cycles are the framework's job (JS side).

use mpsim_project::Project;
use rquickjs::{Ctx, Function};

/// Whether `path` (project-relative) lies inside the realm rooted at `root`.
pub fn in_realm(root: &str, path: &str) -> bool {
    mpsim_project::is_within(path, root)
}

pub use mpsim_project::{join_path as join, parent_dir as dirname};

/// The file `request` names when required from `from`, or `None`.
pub fn resolve(project: &Project, root: &str, from: &str, request: &str) -> Option<String> {
    let dir = dirname(from);
    let mut bases = Vec::new();
    if let Some(abs) = request.strip_prefix('/') {
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
        for candidate in [base.clone(), format!("{base}.js"), format!("{base}.json"), format!("{base}/index.js")] {
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

/// Compiles a module's source into `function (exports, require, module, __filename,
/// __dirname)`. The wrapper shares the first line, so line numbers in stacks are the
/// file's own.
pub fn compile<'js>(ctx: &Ctx<'js>, path: &str, source: &str) -> rquickjs::Result<Function<'js>> {
    let wrapped = format!("(function (exports, require, module, __filename, __dirname) {{{source}\n}})");
    let mut opts = rquickjs::context::EvalOptions::default();
    opts.strict = false;
    opts.filename = Some(path.to_string());
    ctx.eval_with_options(wrapped, opts)
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
