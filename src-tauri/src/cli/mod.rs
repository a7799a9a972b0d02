//! The subcommands. Each parses its arguments and delegates to the engine crates.

pub mod bench;
pub mod build_npm;
pub mod check;
pub mod doc;
pub mod render;

use mpsim_base::Diagnostic;
use std::path::PathBuf;

/// The project folder: the one given, or the bundled sample.
pub fn project_dir(dir: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    match dir {
        Some(d) => Ok(d),
        None => crate::sample::dir(),
    }
}

pub fn print_diagnostics(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
}
