//! `mpsim check DIR`: load and compile everything, print every finding, exit 1 on errors.

use mpsim_base::Diagnostic;
use mpsim_runtime::{has_errors, Engine, Options};
use std::path::PathBuf;
use std::process::ExitCode;
use std::rc::Rc;

pub fn run(dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let dir = super::project_dir(dir)?;
    let diags = check(&dir)?;
    for d in &diags {
        println!("{d}");
    }
    Ok(if has_errors(&diags) { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Every diagnostic of the project at `dir`: configuration, templates, styles and code.
pub fn check(dir: &std::path::Path) -> anyhow::Result<Vec<Diagnostic>> {
    let (project, mut diags) = mpsim_project::load(dir);
    let project = Rc::new(project);
    diags.extend(styles(&project));
    let engine = Engine::new(project.clone(), Options::default()).map_err(anyhow::Error::msg)?;
    engine.load_all();
    // A plugin's documentation, when it has a doc/ folder, is checked by the platform's
    // upload rules (`mpsim doc` also reports a missing one).
    if project.kind == mpsim_project::ProjectKind::Plugin && project.dir.join(super::doc::DOC_DIR).is_dir() {
        diags.extend(super::doc::findings(&project, &engine));
    }
    Ok(engine.diagnostics_sorted(diags))
}

/// Compiles the styles of the app and of every page and component (`.wxss`, or `.less`,
/// `.scss`, `.sass` under DevTools' compiler plugins).
fn styles(project: &mpsim_project::Project) -> Vec<Diagnostic> {
    let mut owners: Vec<(String, String, bool)> = Vec::new();
    let host = project.miniprogram_root.clone();
    owners.push((mpsim_project::join_path(&host, "app").unwrap_or_default(), host.clone(), false));
    for p in &project.pages {
        owners.push((p.path.clone(), host.clone(), p.config.is_component));
    }
    for (path, c) in &project.components {
        let root = match c.realm {
            mpsim_project::Realm::Plugin => project.plugin_root.clone().unwrap_or_default(),
            mpsim_project::Realm::Host => host.clone(),
        };
        owners.push((path.clone(), root, true));
    }
    let mut out = Vec::new();
    for (owner, root, component) in owners {
        let opts = mpsim_wxss::WxssOptions { component, ..mpsim_wxss::WxssOptions::default() };
        if let Some((_, diags)) = mpsim_wxss::compile_styles(project, &owner, &root, &opts) {
            out.extend(diags);
        }
    }
    out
}
