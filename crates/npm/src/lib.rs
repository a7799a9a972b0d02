//! Build npm: `miniprogram_npm/` from `node_modules/`, as WeChat DevTools' "Tools → Build
//! npm" (and its CLI `cli build-npm --project DIR`) makes it.
//!
//! [`build`] finds what the project asks to build (`targets`: every package.json inside
//! the mini-program and plugin roots, or `setting.packNpmRelationList`), then builds each
//! (`pack`: mini-program packages copied, other packages packed from their entry). It
//! reads only the project folder, runs nothing and never touches the network; every
//! problem is a diagnostic (`npm-*` codes) and the build goes on with what it can.
//!
//! Modules: `targets` (which package.json, which output folder), `manifest` (package.json),
//! `pack` (one build), `scan` (the requests a JavaScript file makes), `tree` (file access
//! that stays inside the project).

mod manifest;
mod pack;
mod scan;
mod targets;
mod tree;

use std::path::Path;

use mpsim_base::Diagnostic;

pub use pack::{Built, Kind};
pub use targets::Target;

/// One package.json built: where from, where to, and what was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    pub target: Target,
    pub packages: Vec<Built>,
}

/// What a build did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub outputs: Vec<Output>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Builds every `miniprogram_npm/` the project at `dir` asks for.
pub fn build(dir: &Path) -> Report {
    let tree = tree::Tree::new(dir);
    let mut report = Report::default();
    for target in targets::find(&tree, &mut report.diagnostics) {
        let (packages, diags) = pack::build(&tree, &target);
        report.diagnostics.extend(diags);
        report.outputs.push(Output { target, packages });
    }
    report
}
