//! `mpsim`: the simulator's single binary. Today the command line (`check`, `render`,
//! `bench`); the desktop window joins it later. Commands are thin: they parse arguments
//! and call the engine crates.

mod app;
mod cli;
mod sample;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "mpsim", version, about = "A simulator for mini-program plugin developers")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Print how long the window took to paint its first page (and memory), then keep running.
    #[arg(long, global = true)]
    bench_startup: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Open the simulator window on a project folder.
    Open { dir: PathBuf },
    /// Load and compile the whole project; print diagnostics as `path:line:col: severity: message [code]`.
    Check {
        /// The project folder (default: the bundled sample project).
        dir: Option<PathBuf>,
    },
    /// Run the app, open a page and print its rendered tree as one HTML fragment.
    Render(cli::render::RenderArgs),
    /// Create a plugin project (host mini-program, plugin with a public component, a page
    /// and an interface, and its doc/README.md) in DIR.
    New { dir: PathBuf },
    /// Lint the plugin's documentation (doc/README.md and its images) by the platform's
    /// upload rules; optionally write a self-contained HTML preview.
    Doc(cli::doc::DocArgs),
    /// Build miniprogram_npm/ from node_modules/ as WeChat DevTools' "Build npm" does.
    BuildNpm(cli::build_npm::BuildNpmArgs),
    /// Print performance figures.
    Bench {
        #[command(subcommand)]
        what: cli::bench::BenchKind,
    },
}

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Open { dir }) => app::run(dir, cli.bench_startup, started),
        Some(Command::Check { dir }) => cli::check::run(dir),
        Some(Command::Render(args)) => cli::render::run(args),
        Some(Command::Bench { what }) => cli::bench::run(what),
        Some(Command::Doc(args)) => cli::doc::run(args),
        Some(Command::BuildNpm(args)) => cli::build_npm::run(args),
        Some(Command::New { dir }) => sample::scaffold(&dir).map(|()| {
            println!("created a plugin project in {}; try `mpsim render {}`", dir.display(), dir.display());
            ExitCode::SUCCESS
        }),
        None => sample::dir().and_then(|dir| app::run(dir, cli.bench_startup, started)),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("mpsim: {e:#}");
            ExitCode::from(2)
        }
    }
}
