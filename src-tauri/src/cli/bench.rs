//! `mpsim bench …`: performance figures, printed (never asserted in tests).
//!
//! `mpsim bench render` builds a project with a `wx:for` list of N rows (each a view with
//! two text children and a bound class), renders it, then changes one row with setData,
//! and prints engine times and peak memory.

use mpsim_runtime::{Engine, Options};
use std::path::Path;
use std::process::ExitCode;
use std::rc::Rc;
use std::time::Instant;

#[derive(clap::Subcommand)]
pub enum BenchKind {
    /// Edit the sample project's index page WXML, WXSS and JS on disk N times each and
    /// measure save → patches latency through the real watcher.
    Reload {
        /// Saves per kind.
        #[arg(long, default_value_t = 30)]
        saves: usize,
    },
    /// Render 1,000- and 10,000-row lists and update one row.
    Render {
        /// Row counts to measure.
        #[arg(long, value_delimiter = ',', default_values_t = vec![1000, 10000])]
        rows: Vec<usize>,
        /// Repetitions of the one-row update (the median is printed).
        #[arg(long, default_value_t = 50)]
        updates: usize,
    },
}

pub fn run(kind: BenchKind) -> anyhow::Result<ExitCode> {
    match kind {
        BenchKind::Reload { saves } => reload(saves)?,
        BenchKind::Render { rows, updates } => {
            for n in rows {
                render_list(n, updates)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn write_list_project(dir: &Path, rows: usize) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("pages/list"))?;
    std::fs::write(dir.join("app.json"), r#"{"pages":["pages/list/list"]}"#)?;
    std::fs::write(dir.join("app.js"), "App({})")?;
    std::fs::write(
        dir.join("pages/list/list.wxml"),
        r#"<view class="list"><view wx:for="{{rows}}" wx:key="id" class="row {{item.odd ? 'odd' : 'even'}}"><text>{{item.title}}</text><text>{{index}}</text></view></view>"#,
    )?;
    std::fs::write(
        dir.join("pages/list/list.js"),
        format!(
            "Page({{ data: {{ rows: [] }}, onLoad() {{ const rows = []; for (let i = 0; i < {rows}; i++) rows.push({{ id: i, title: 'Row ' + i, odd: i % 2 === 1 }}); this.setData({{ rows }}); }} }})"
        ),
    )?;
    Ok(())
}

fn render_list(rows: usize, updates: usize) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("mpsim-bench-{}-{rows}", std::process::id()));
    write_list_project(&dir, rows)?;
    let (project, _) = mpsim_project::load(&dir);
    let engine = Engine::new(Rc::new(project), Options::default()).map_err(anyhow::Error::msg)?;
    let t = Instant::now();
    engine.launch("pages/list/list", "").map_err(|d| anyhow::anyhow!("{d}"))?;
    let create = t.elapsed();
    let html_len = engine.page_html().len();
    let mut times = Vec::new();
    for i in 0..updates {
        let row = (i * 7919) % rows;
        let data = serde_json::json!({ format!("rows[{row}].title"): format!("Changed {i}") });
        let t = Instant::now();
        engine.set_data(None, &data).map_err(anyhow::Error::msg)?;
        times.push(t.elapsed());
    }
    times.sort();
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    let patches = engine.take_patches().len();
    println!(
        "render {rows:>6} rows: create {:>8.2} ms  one-row update median {:>6.3} ms (min {:.3}, max {:.3}; {updates} runs, {patches} patches)  html {html_len} bytes  peak RSS {} MiB",
        create.as_secs_f64() * 1e3,
        median.as_secs_f64() * 1e3,
        times.first().map(|d| d.as_secs_f64() * 1e3).unwrap_or(0.0),
        times.last().map(|d| d.as_secs_f64() * 1e3).unwrap_or(0.0),
        peak_rss_mib()
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// Peak resident memory of this process (VmHWM), in MiB.
fn peak_rss_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .map(|kb| kb / 1024)
        .unwrap_or(0)
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let dest = to.join(e.file_name());
        if e.file_type()?.is_dir() {
            copy_dir(&e.path(), &dest)?;
        } else {
            std::fs::copy(e.path(), dest)?;
        }
    }
    Ok(())
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Save → patches through the watcher, per kind of file.
fn reload(saves: usize) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("mpsim-bench-reload-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&crate::sample::dir()?, &dir)?;
    let (project, _) = mpsim_project::load(&dir);
    let project = Rc::new(project);
    let engine = Engine::new(project.clone(), Options::default()).map_err(anyhow::Error::msg)?;
    engine.launch("pages/index/index", "").map_err(|d| anyhow::anyhow!("{d}"))?;
    let (_watch, batches) = mpsim_watch::watch(&dir).map_err(|e| anyhow::anyhow!("{e}"))?;
    let page = "miniprogram/pages/index/index";
    for (kind, file) in
        [("wxml", format!("{page}.wxml")), ("wxss", format!("{page}.wxss")), ("js", format!("{page}.js"))]
    {
        let path = dir.join(&file);
        let original = std::fs::read_to_string(&path)?;
        let mut times = Vec::new();
        for i in 0..saves {
            let text = match kind {
                "wxml" => original.replace("{{title}}", &format!("{{{{title}}}} {i}")),
                "wxss" => format!("{original}\n.bench{i} {{ width: {i}rpx; }}\n"),
                _ => original.replace("total: 0,", &format!("total: 0, bench: {i},")),
            };
            let saved = Instant::now();
            std::fs::write(&path, text)?;
            // Wait for the watcher to report this file, then do what the window does.
            loop {
                let batch = batches.recv_timeout(std::time::Duration::from_secs(10))?;
                if batch.paths.contains(&file) {
                    let reload = engine.apply_changes(&batch.paths);
                    if kind == "wxss" {
                        let opts = mpsim_wxss::WxssOptions::new(375.0);
                        let _ = mpsim_wxss::compile(
                            &file,
                            &project.miniprogram_root,
                            &mut |p: &str| project.read_text(p),
                            &opts,
                        );
                    }
                    let _ = engine.take_changes();
                    let _ = reload;
                    break;
                }
            }
            times.push(saved.elapsed().as_secs_f64() * 1000.0);
        }
        std::fs::write(&path, &original)?;
        while batches.recv_timeout(std::time::Duration::from_millis(200)).is_ok() {}
        engine.apply_changes(std::slice::from_ref(&file));
        times.sort_by(f64::total_cmp);
        println!(
            "reload {kind:>4}: save → patches p50 {:>6.1} ms  p95 {:>6.1} ms  max {:>6.1} ms  ({saves} saves, debounce {} ms included)",
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            times.last().copied().unwrap_or(0.0),
            mpsim_watch::DEBOUNCE.as_millis()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
