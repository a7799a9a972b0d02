//! `mpsim bench …`: performance figures, printed (never asserted in tests).
//!
//! `mpsim bench render` builds a project with a `wx:for` list of N rows (each a view with
//! two text children and a bound class), renders it, then changes one row with setData,
//! and prints engine times and peak memory. `mpsim bench compile` generates a project of
//! ES-module and TypeScript pages and prints load times with a cold and a warm compile cache.

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
    /// Compile a generated project of ES-module and TypeScript pages: cold (empty cache),
    /// warm (every file cached), and after one saved file.
    Compile {
        /// Pages to generate (half TypeScript, half ES-module JavaScript).
        #[arg(long, default_value_t = 200)]
        pages: usize,
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
        BenchKind::Compile { pages } => compile(pages)?,
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

/// Writes a project of `pages` pages (even ones TypeScript, odd ones ES-module JavaScript),
/// each importing shared modules and a model of its own, plus 20 TypeScript components.
fn write_module_project(dir: &Path, pages: usize) -> std::io::Result<()> {
    let write = |rel: &str, text: String| -> std::io::Result<()> {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("a file has a folder"))?;
        std::fs::write(path, text)
    };
    let routes: Vec<String> = (0..pages).map(|i| format!("\"pages/p{i}/p{i}\"")).collect();
    write("app.json", format!("{{\"pages\":[{}]}}", routes.join(",")))?;
    write("project.config.json", r#"{"setting":{"useCompilerPlugins":["typescript"]}}"#.into())?;
    write(
        "app.ts",
        "import { format } from './utils/u0'\nApp({ globalData: { started: format(1) } as Record<string, string> })\n"
            .into(),
    )?;
    for u in 0..20 {
        let mut text = format!("export interface Item{u} {{ id: number; title: string; tags?: string[] }}\n");
        text.push_str(&format!(
            "export const NAME = 'u{u}'\nexport function format(n: number): string {{ return NAME + ':' + n }}\n"
        ));
        for f in 0..30 {
            text.push_str(&format!(
                "export function helper{f}(items: Item{u}[], limit = {f}): Item{u}[] {{\n  return items.filter((it) => it.id > limit).map((it) => ({{ ...it, title: it.title?.trim() ?? '' }}))\n}}\n"
            ));
        }
        write(&format!("utils/u{u}.ts"), text)?;
    }
    for c in 0..20 {
        write(&format!("components/c{c}/c{c}.json"), r#"{"component":true}"#.into())?;
        write(&format!("components/c{c}/c{c}.wxml"), "<view>{{label}}</view>".into())?;
        write(
            &format!("components/c{c}/c{c}.ts"),
            format!("import {{ format }} from '../../utils/u{c}'\ntype P = {{ n: number }}\nComponent({{ properties: {{ n: Number }}, data: {{ label: '' }}, lifetimes: {{ attached(this: any) {{ this.setData({{ label: format((this.data as P).n) }}) }} }} }})\n"),
        )?;
    }
    for i in 0..pages {
        let (ext, ty) = if i % 2 == 0 { ("ts", ": number") } else { ("js", "") };
        let page = format!("pages/p{i}/p{i}");
        write(
            &format!("{page}.json"),
            format!("{{\"usingComponents\":{{\"c\":\"/components/c{}/c{}\"}}}}", i % 20, i % 20),
        )?;
        write(&format!("{page}.wxml"), "<view>{{title}}</view><c n=\"{{count}}\"/>".into())?;
        let mut model = format!("import {{ helper{} }} from '../../utils/u{}'\n", i % 30, i % 20);
        for f in 0..40 {
            model.push_str(&format!(
                "export function step{f}(x{ty}) {{\n  const list = [x, x + {f}, x * 2]\n  return helper{}(list.map((id) => ({{ id, title: ' t' + id }}))).length\n}}\n",
                i % 30
            ));
        }
        write(&format!("pages/p{i}/model.{ext}"), model)?;
        write(
            &format!("{page}.{ext}"),
            format!(
                "import {{ format }} from '../../utils/u{}'\nimport * as model from './model'\nconst shared = require('../../utils/u{}')\nPage({{\n  data: {{ title: format({i}), count: 0 }},\n  onLoad() {{ this.setData({{ count: model.step0({i}) + shared.NAME.length }}) }},\n}})\n",
                i % 20,
                (i + 1) % 20
            ),
        )?;
    }
    Ok(())
}

/// Loads every page and component as `mpsim check` does; returns the milliseconds taken and
/// the number of files the compile cache gained.
fn load_project(dir: &Path) -> anyhow::Result<(f64, usize)> {
    let before = mpsim_script::cache::len();
    let start = Instant::now();
    let (project, _) = mpsim_project::load(dir);
    let engine = Engine::new(Rc::new(project), Options::default()).map_err(anyhow::Error::msg)?;
    engine.load_all();
    let errors: Vec<_> = engine.take_diagnostics().into_iter().filter(|d| d.is_error()).collect();
    if let Some(e) = errors.first() {
        anyhow::bail!("the generated project has errors, first: {e}");
    }
    Ok((start.elapsed().as_secs_f64() * 1000.0, mpsim_script::cache::len() - before))
}

fn compile(pages: usize) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("mpsim-bench-compile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    write_module_project(&dir, pages)?;
    let files = walk_scripts(&dir);
    let bytes: u64 = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
    println!("compile: {pages} pages, {} script files, {} KiB (ES modules + TypeScript)", files.len(), bytes / 1024);

    // The script compiler alone, every file once.
    mpsim_script::cache::clear();
    let start = Instant::now();
    for f in &files {
        let rel = f.strip_prefix(&dir).unwrap_or(f).to_string_lossy().into_owned();
        let text = std::fs::read_to_string(f)?;
        let _ = mpsim_script::compile(&rel, &text, mpsim_script::Lang::of(&rel));
    }
    let alone = start.elapsed().as_secs_f64() * 1000.0;
    println!("  swc compile of every file:           {alone:8.1} ms ({:.2} ms a file)", alone / files.len() as f64);

    mpsim_script::cache::clear();
    let (cold, compiled_cold) = load_project(&dir)?;
    println!("  load all, cold cache:                {cold:8.1} ms ({compiled_cold} files compiled)");
    let (warm, compiled_warm) = load_project(&dir)?;
    println!("  load all, warm cache:                {warm:8.1} ms ({compiled_warm} files compiled)");
    let saved = dir.join("pages/p2/model.ts");
    let text = std::fs::read_to_string(&saved)?;
    std::fs::write(&saved, format!("{text}export const savedAt = 1\n"))?;
    let (after_save, compiled_save) = load_project(&dir)?;
    println!("  load all after saving one file:      {after_save:8.1} ms ({compiled_save} file compiled)");
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn walk_scripts(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "js" || e == "ts") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
