//! `mpsim doc DIR [--html OUT.html]`: the documentation linter (the platform's upload rules
//! for doc/README.md and its images), printed like `mpsim check`, and optionally a
//! self-contained HTML preview for review or CI artifacts.

use mpsim_base::Diagnostic;
use mpsim_project::Project;
use mpsim_runtime::{has_errors, Engine, Options};
use std::path::PathBuf;
use std::process::ExitCode;
use std::rc::Rc;

/// The folder of the plugin's documentation, project-relative.
pub const DOC_DIR: &str = "doc";

#[derive(clap::Args)]
pub struct DocArgs {
    /// The project folder (default: the bundled sample project).
    pub dir: Option<PathBuf>,
    /// Also write a self-contained HTML preview (images inlined) to this file.
    #[arg(long)]
    pub html: Option<PathBuf>,
}

/// What the plugin exposes and the README should mention: public components, pages, and
/// the main file's exports.
pub fn names(project: &Project, engine: &Engine) -> mpsim_doc::Names {
    let Some(plugin) = &project.plugin else { return mpsim_doc::Names::default() };
    mpsim_doc::Names {
        components: plugin.public_components.iter().map(|c| c.name.clone()).collect(),
        pages: plugin.pages.iter().map(|p| p.name.clone()).collect(),
        interface: engine.plugin_interface_names(),
    }
}

/// The linter's findings for `project`.
pub fn findings(project: &Project, engine: &Engine) -> Vec<Diagnostic> {
    mpsim_doc::lint_with_names(&project.dir, DOC_DIR, &names(project, engine))
}

pub fn run(args: DocArgs) -> anyhow::Result<ExitCode> {
    let dir = super::project_dir(args.dir)?;
    let (project, _) = mpsim_project::load(&dir);
    let project = Rc::new(project);
    let engine = Engine::new(project.clone(), Options::default()).map_err(anyhow::Error::msg)?;
    let mut diags = findings(&project, &engine);
    diags.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
    for d in &diags {
        println!("{d}");
    }
    // Every image that decodes, with its format and size (stderr: stdout is the findings).
    for i in mpsim_doc::images(&dir, DOC_DIR) {
        eprintln!("{}: {} {}×{}, {} bytes", i.path, i.format, i.width, i.height, i.bytes);
    }
    if let Some(out) = args.html {
        std::fs::write(&out, mpsim_doc::export_html(&dir, DOC_DIR))
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", out.display()))?;
    }
    Ok(if has_errors(&diags) { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
