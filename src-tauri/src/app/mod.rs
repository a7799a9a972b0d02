//! The desktop window: a thin Tauri shell around the engine.
//!
//! The engine lives on its own thread ([`runtime`]), fed a closed set of [`runtime::Input`]s
//! by Tauri commands ([`commands`]); after each input it sends the window what changed as
//! `mpsim:update` events shaped by [`dto`]. Page frames load from the `mpsim://` protocol
//! ([`protocol`]), which serves only the frame's own files and files inside the project.
//! Nothing here renders or runs project code.

pub mod commands;
pub mod devices;
pub mod dto;
pub mod prefs;
pub mod protocol;
pub mod runtime;

use anyhow::Context;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, RwLock};
use std::time::Instant;
use tauri::{Manager, WebviewUrl, WebviewWindowBuilder};

/// State the commands and the protocol share.
pub struct Shell {
    pub inputs: std::sync::mpsc::Sender<runtime::Input>,
    /// The open project's folder (the protocol serves files from it).
    pub project_dir: Arc<RwLock<PathBuf>>,
    /// When the process started, for `--bench-startup`.
    pub started: Instant,
    pub bench_startup: bool,
}

/// Opens the window on the project at `dir`.
pub fn run(dir: PathBuf, bench_startup: bool, started: Instant) -> anyhow::Result<ExitCode> {
    let project_dir = Arc::new(RwLock::new(dir.clone()));
    let protocol_dir = project_dir.clone();
    let title = window_title(&dir);
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .register_uri_scheme_protocol("mpsim", move |ctx, request| {
            let dir = protocol_dir.read().map(|d| d.clone()).unwrap_or_default();
            protocol::respond(ctx.app_handle(), &dir, request.uri().path())
        })
        .invoke_handler(tauri::generate_handler![
            commands::ui_event,
            commands::navigate_back,
            commands::reload,
            commands::set_device,
            commands::set_data,
            commands::set_storage,
            commands::set_settings,
            commands::open_project,
            commands::switch_tab,
            commands::build_npm,
            commands::open_in_editor,
            commands::open_url,
            commands::painted,
            commands::shell_ready,
        ])
        .setup(move |app| {
            let inputs = runtime::spawn(app.handle().clone(), dir.clone());
            app.manage(Shell { inputs, project_dir: project_dir.clone(), started, bench_startup });
            WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
                .title(&title)
                .inner_size(1280.0, 860.0)
                .min_inner_size(900.0, 640.0)
                .build()?;
            Ok(())
        })
        .run(tauri::generate_context!())
        .context("the window failed")?;
    Ok(ExitCode::SUCCESS)
}

/// Resident memory of this process in MiB (VmRSS).
pub fn rss_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .map(|kb| kb / 1024)
        .unwrap_or(0)
}

/// `mpsim — NAME (plugin APPID)`.
pub fn window_title(dir: &std::path::Path) -> String {
    let (project, _) = mpsim_project::load(dir);
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    match (&project.kind, &project.appid) {
        (mpsim_project::ProjectKind::Plugin, Some(appid)) => format!("mpsim — {name} (plugin {appid})"),
        _ => format!("mpsim — {name}"),
    }
}
