//! `mpsim render DIR --page ROUTE [--query Q] [--steps STEPS.json]`: run the app, open a
//! page, print its HTML; with steps, one JSON line per settled state.
//!
//! stdout carries only the result; diagnostics and console lines go to stderr. A run that
//! cannot open the page exits non-zero with nothing on stdout.

use mpsim_runtime::{ConsoleLine, Engine, Options};
use serde_json::Value as Json;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::rc::Rc;

#[derive(clap::Args, Default)]
pub struct RenderArgs {
    /// The project folder (default: the bundled sample project).
    pub dir: Option<PathBuf>,
    /// The route to open (default: the launch page).
    #[arg(long)]
    pub page: Option<String>,
    /// The page's query, as `a=1&b=2`.
    #[arg(long)]
    pub query: Option<String>,
    /// A JSON array of steps to run after the first render.
    #[arg(long)]
    pub steps: Option<PathBuf>,
    /// Width of the simulated screen in CSS pixels (an iPhone SE scaled to it).
    #[arg(long, default_value_t = 375.0)]
    pub width: f64,
    /// A device preset instead ("iPhone SE", "iPhone 14", "iPhone 14 Pro Max", "Pixel 7",
    /// "Android 360"): its screen, status bar and safe area, as the window's device menu.
    #[arg(long, conflicts_with = "width")]
    pub device: Option<String>,
    /// Outcome of a simulated functional page, as API=success|fail|cancel (repeatable;
    /// overrides mpsim.json `functionalPages`).
    #[arg(long = "functional-page", value_parser = parse_outcome)]
    pub functional_pages: Vec<(String, String)>,
    /// The simulated host appid (overrides mpsim.json `assistantAppid`).
    #[arg(long)]
    pub assistant_appid: Option<String>,
    /// Virtual time (ms) a render lets pass for timers before printing, run instantly:
    /// pages that fill their data after a `setTimeout` render filled.
    #[arg(long, default_value_t = 3000.0)]
    pub settle_ms: f64,
    /// Keep running: print `{"html", "changed", "ms"}` as JSON Lines, one for the first render
    /// and one after each change on disk (hot reload), until interrupted.
    #[arg(long, conflicts_with = "steps")]
    pub watch: bool,
}

fn parse_outcome(s: &str) -> Result<(String, String), String> {
    let (api, outcome) = s.split_once('=').ok_or("expected API=success|fail|cancel")?;
    match outcome {
        "success" | "fail" | "cancel" => Ok((api.to_string(), outcome.to_string())),
        _ => Err(format!("unknown outcome \"{outcome}\" (success, fail or cancel)")),
    }
}

/// How long `render` waits for requests in flight before printing.
const NETWORK_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// One driver step.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    SetData { target: Option<String>, data: Json },
    Tap(String),
    Event { target: String, kind: String, detail: Json },
}

/// Parses a steps file; any malformed step is an error naming its index.
pub fn parse_steps(text: &str) -> anyhow::Result<Vec<Step>> {
    let json: Json = serde_json::from_str(text).map_err(|e| anyhow::anyhow!("steps file is not JSON: {e}"))?;
    let Json::Array(items) = json else { anyhow::bail!("steps file must be a JSON array") };
    items
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let bad = |why: &str| anyhow::anyhow!("step {i}: {why}");
            let obj = s.as_object().ok_or_else(|| bad("a step is an object"))?;
            if let Some(data) = obj.get("setData") {
                if !data.is_object() {
                    return Err(bad("setData takes an object"));
                }
                let target = match obj.get("target") {
                    None => None,
                    Some(Json::String(t)) => Some(t.clone()),
                    Some(_) => return Err(bad("target is a selector string")),
                };
                Ok(Step::SetData { target, data: data.clone() })
            } else if let Some(t) = obj.get("tap") {
                Ok(Step::Tap(t.as_str().ok_or_else(|| bad("tap takes a selector string"))?.to_string()))
            } else if let Some(e) = obj.get("event") {
                let target =
                    e.get("target").and_then(Json::as_str).ok_or_else(|| bad("event.target is a selector string"))?;
                let kind = e.get("type").and_then(Json::as_str).ok_or_else(|| bad("event.type is a string"))?;
                Ok(Step::Event {
                    target: target.into(),
                    kind: kind.into(),
                    detail: e.get("detail").cloned().unwrap_or(Json::Object(Default::default())),
                })
            } else {
                Err(bad("expected setData, tap or event"))
            }
        })
        .collect()
}

fn run_step(engine: &Engine, step: &Step) -> Result<(), String> {
    match step {
        Step::SetData { target, data } => engine.set_data(target.as_deref(), data),
        Step::Tap(sel) => engine.tap(sel),
        Step::Event { target, kind, detail } => engine.dispatch(target, kind, detail.clone()),
    }
}

fn print_console(lines: Vec<ConsoleLine>) {
    for l in lines {
        match l.location {
            Some(loc) => eprintln!("console.{}: {} ({loc})", l.level, l.text),
            None => eprintln!("console.{}: {}", l.level, l.text),
        }
    }
}

fn flush_stderr(engine: &Engine) {
    print_console(engine.take_console());
    for call in engine.take_ui_calls() {
        eprintln!("wx.{}({})", call.api, call.options);
    }
    super::print_diagnostics(&engine.diagnostics_sorted(Vec::new()));
}

pub fn run(args: RenderArgs) -> anyhow::Result<ExitCode> {
    let steps = match &args.steps {
        Some(p) => Some(parse_steps(
            &std::fs::read_to_string(p).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", p.display()))?,
        )?),
        None => None,
    };
    let dir = super::project_dir(args.dir)?;
    let (mut project, diags) = mpsim_project::load(&dir);
    if let Some(appid) = &args.assistant_appid {
        project.settings.assistant_appid = appid.clone();
    }
    super::print_diagnostics(&diags);
    let route = match args.page.or_else(|| project.app.launch_page().map(str::to_string)) {
        Some(r) => r,
        None => {
            eprintln!("mpsim: the project has no pages to render");
            return Ok(ExitCode::from(1));
        }
    };
    let device = match &args.device {
        Some(name) => mpsim_runtime::device::DEVICES.iter().copied().find(|d| d.name == name).ok_or_else(|| {
            let names: Vec<&str> = mpsim_runtime::device::DEVICES.iter().map(|d| d.name).collect();
            anyhow::anyhow!("unknown device \"{name}\" (one of: {})", names.join(", "))
        })?,
        None => mpsim_runtime::device::Device::with_width(args.width),
    };
    let options = Options { device, functional_pages: args.functional_pages, ..Options::default() };
    let options_for_reload = (options.clone(), args.assistant_appid.clone());
    let engine = Engine::new(Rc::new(project), options).map_err(anyhow::Error::msg)?;
    let launched = engine.launch(&route, args.query.as_deref().unwrap_or(""));
    if let Err(d) = launched {
        flush_stderr(&engine);
        eprintln!("{d}");
        return Ok(ExitCode::from(1));
    }
    // Requests and timers the page started while loading are done before it is printed.
    engine.settle_time(args.settle_ms, NETWORK_WAIT);
    flush_stderr(&engine);
    if args.watch {
        return watch(engine, &dir, options_for_reload);
    }
    let mut out = std::io::stdout().lock();
    match steps {
        None => writeln!(out, "{}", engine.page_html())?,
        Some(steps) => {
            writeln!(out, "{}", serde_json::json!({ "step": 0, "html": engine.page_html() }))?;
            for (i, step) in steps.iter().enumerate() {
                if let Err(e) = run_step(&engine, step) {
                    eprintln!("step {}: {e}", i + 1);
                }
                engine.settle_time(args.settle_ms, NETWORK_WAIT);
                flush_stderr(&engine);
                writeln!(out, "{}", serde_json::json!({ "step": i + 1, "html": engine.page_html() }))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `render --watch`: hot reload without a window. Each change is applied with the least
/// work that is correct (a full reload builds a new engine and restores the page stack),
/// then the page is printed with the save → render latency.
fn watch(
    mut engine: Engine,
    dir: &std::path::Path,
    (options, appid): (Options, Option<String>),
) -> anyhow::Result<ExitCode> {
    let (_watch, batches) =
        mpsim_watch::watch(dir).map_err(|e| anyhow::anyhow!("cannot watch {}: {e}", dir.display()))?;
    let mut out = std::io::stdout();
    let line = |out: &mut std::io::Stdout, engine: &Engine, changed: &[String], ms: f64| -> std::io::Result<()> {
        writeln!(
            out,
            "{}",
            serde_json::json!({ "html": engine.page_html(), "changed": changed, "ms": (ms * 100.0).round() / 100.0 })
        )?;
        out.flush()
    };
    line(&mut out, &engine, &[], 0.0)?;
    for batch in batches {
        let kind = engine.apply_changes(&batch.paths);
        if kind == mpsim_runtime::reload::ReloadKind::Full {
            let stack = engine.stack_urls();
            let (mut project, diags) = mpsim_project::load(dir);
            if let Some(a) = &appid {
                project.settings.assistant_appid = a.clone();
            }
            super::print_diagnostics(&diags);
            engine = Engine::new(Rc::new(project), options.clone()).map_err(anyhow::Error::msg)?;
            if let Err(d) = engine.restore_stack(&stack) {
                eprintln!("{d}");
            }
        }
        flush_stderr(&engine);
        line(&mut out, &engine, &batch.paths, batch.first_seen.elapsed().as_secs_f64() * 1000.0)?;
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_parse_and_errors_name_the_step() {
        let s = parse_steps(r##"[{"setData":{"a":1}},{"setData":{"b":2},"target":"#c >>> #d"},{"tap":"#x"},{"event":{"target":"#i","type":"input","detail":{"value":"v"}}}]"##).unwrap();
        assert_eq!(s.len(), 4);
        assert_eq!(s[1], Step::SetData { target: Some("#c >>> #d".into()), data: serde_json::json!({"b": 2}) });
        assert!(parse_steps(r#"[{"tap": 3}]"#).unwrap_err().to_string().contains("step 0"));
        assert!(parse_steps(r#"{}"#).is_err());
        assert!(parse_steps(r#"[{"jump": 1}]"#).is_err());
    }
}
