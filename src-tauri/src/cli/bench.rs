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
