//! `mpsim build-npm [DIR]` (also `--project DIR`, the shape of DevTools' `cli build-npm
//! --project DIR`): builds `miniprogram_npm/` from `node_modules/` with `mpsim_npm`, prints
//! findings on stderr and a summary of what was built on stdout, exits 1 on errors.

use mpsim_runtime::has_errors;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct BuildNpmArgs {
    /// The project folder (default: the current folder).
    pub dir: Option<PathBuf>,
    /// The project folder, as WeChat DevTools' CLI names it.
    #[arg(long, conflicts_with = "dir")]
    pub project: Option<PathBuf>,
}

pub fn run(args: BuildNpmArgs) -> anyhow::Result<ExitCode> {
    let dir = args.project.or(args.dir).unwrap_or_else(|| PathBuf::from("."));
    if !dir.is_dir() {
        anyhow::bail!("{} is not a folder", dir.display());
    }
    let report = mpsim_npm::build(&dir);
    super::print_diagnostics(&report.diagnostics);
    for o in &report.outputs {
        let count = o.packages.len();
        if count == 0 {
            println!("{}: nothing in `dependencies` to build", o.target.package_json);
            continue;
        }
        println!(
            "{} (from {}): {count} package{}",
            o.target.out,
            o.target.package_json,
            if count == 1 { "" } else { "s" }
        );
        for p in &o.packages {
            let how = match p.kind {
                mpsim_npm::Kind::Miniprogram => "mini-program package, copied",
                mpsim_npm::Kind::Packed => "packed from its entry",
            };
            println!("  {:<28} {how}, {} file{}", p.name, p.files, if p.files == 1 { "" } else { "s" });
        }
    }
    Ok(if has_errors(&report.diagnostics) { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
