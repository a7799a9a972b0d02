//! Tauri commands: each turns a window request into a runtime [`Input`] (one line each),
//! except the few that are the shell's own business (dialogs, the system editor).

use super::runtime::Input;
use super::Shell;
use serde_json::Value as Json;
use tauri::State;

fn send(shell: &State<'_, Shell>, input: Input) -> Result<(), String> {
    shell.inputs.send(input).map_err(|_| "the runtime has stopped".to_string())
}

#[tauri::command]
pub fn shell_ready(shell: State<'_, Shell>) -> Result<(), String> {
    send(&shell, Input::ShellReady)
}

#[tauri::command]
pub fn ui_event(shell: State<'_, Shell>, node: u64, r#type: String, detail: Option<Json>) -> Result<(), String> {
    send(&shell, Input::Event { node, kind: r#type, detail: detail.unwrap_or(Json::Object(Default::default())) })
}

#[tauri::command]
pub fn navigate_back(shell: State<'_, Shell>) -> Result<(), String> {
    send(&shell, Input::Back)
}

#[tauri::command]
pub fn reload(shell: State<'_, Shell>, route: Option<String>, query: Option<String>) -> Result<(), String> {
    send(&shell, Input::Reload { route: route.filter(|r| !r.is_empty()), query })
}

/// A tab of the tabBar.
/// The Diagnostics panel's "Build npm" button (shown for `component-npm-not-built`).
#[tauri::command]
pub fn build_npm(shell: State<'_, Shell>) -> Result<(), String> {
    send(&shell, Input::BuildNpm)
}

#[tauri::command]
pub fn switch_tab(shell: State<'_, Shell>, url: String) -> Result<(), String> {
    send(&shell, Input::SwitchTab(url))
}

#[tauri::command]
pub fn set_device(shell: State<'_, Shell>, name: String) -> Result<(), String> {
    send(&shell, Input::SetDevice(name))
}

#[tauri::command]
pub fn set_data(shell: State<'_, Shell>, instance: u32, path: String, value: Json) -> Result<(), String> {
    send(&shell, Input::SetData { instance, path, value })
}

#[tauri::command]
pub fn set_storage(shell: State<'_, Shell>, realm: String, key: String, value: Option<Json>) -> Result<(), String> {
    send(&shell, Input::SetStorage { realm, key, value })
}

#[tauri::command]
pub fn set_settings(
    shell: State<'_, Shell>,
    assistant_appid: Option<String>,
    functional_pages: Option<std::collections::BTreeMap<String, String>>,
) -> Result<(), String> {
    let functional_pages = functional_pages.unwrap_or_default().into_iter().collect();
    send(&shell, Input::SetSettings { assistant_appid: assistant_appid.filter(|a| !a.is_empty()), functional_pages })
}

/// File → Open Folder: a native folder dialog, then the runtime reopens.
#[tauri::command]
pub async fn open_project(app: tauri::AppHandle, shell: State<'_, Shell>, dir: Option<String>) -> Result<(), String> {
    use tauri_plugin_dialog::DialogExt;
    let dir = match dir {
        Some(d) => std::path::PathBuf::from(d),
        None => match app.dialog().file().blocking_pick_folder() {
            Some(p) => p.into_path().map_err(|e| e.to_string())?,
            None => return Ok(()),
        },
    };
    if let Ok(mut d) = shell.project_dir.write() {
        *d = dir.clone();
    }
    if let Some(w) = tauri::Manager::get_webview_window(&app, "main") {
        let _ = w.set_title(&super::window_title(&dir));
    }
    send(&shell, Input::OpenProject(dir))
}

/// Opens `path:line:col` (project-relative) in the system editor.
#[tauri::command]
pub fn open_in_editor(shell: State<'_, Shell>, location: String) -> Result<(), String> {
    let dir = shell.project_dir.read().map(|d| d.clone()).map_err(|e| e.to_string())?;
    let rel = location.split(':').next().unwrap_or("");
    let path = mpsim_project::resolve_inside(&dir, rel).ok_or("not a project file")?;
    let editor = std::env::var("VISUAL").or_else(|_| std::env::var("EDITOR")).ok();
    let result = match editor {
        Some(e) => std::process::Command::new(e).arg(&path).spawn(),
        None => std::process::Command::new("xdg-open").arg(&path).spawn(),
    };
    result.map(|_| ()).map_err(|e| e.to_string())
}

/// Opens a documentation link in the system browser (http, https and mailto only).
#[tauri::command]
pub fn open_url(url: String) -> Result<(), String> {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")) {
        return Err("only http, https and mailto links open outside".into());
    }
    std::process::Command::new("xdg-open").arg(&url).spawn().map(|_| ()).map_err(|e| e.to_string())
}

/// The shell reports the first painted page (`--bench-startup`).
#[tauri::command]
pub fn painted(shell: State<'_, Shell>) -> Result<(), String> {
    if shell.bench_startup {
        let ms = shell.started.elapsed().as_secs_f64() * 1000.0;
        println!("startup: first page painted {ms:.1} ms after process start");
        println!("startup: rss {} MiB", crate::app::rss_mib());
    }
    Ok(())
}
