//! Isolation attack suite (DESIGN.md §2 "Isolation", plus the parts of "API limits" that
//! keep plugin code away from the host).
//!
//! Every test builds a small plugin project in a temporary folder (host mini-program in
//! `miniprogram/`, plugin in `plugin/`), lets code on one side try to reach the other side
//! and asserts the attempt fails; where it makes sense it also asserts that the legitimate
//! path (`requirePlugin` / `requireMiniProgram`, properties, events) still works.
//!
//! Tests are named `host_*` when host code attacks the plugin and `plugin_*` when plugin
//! code attacks the host. Attack code reports what it found as a string put into rendered
//! data (`blocked` when everything failed, `LEAKED:…` otherwise), so each test asserts on
//! the rendered HTML; a few look at diagnostics and the console instead.
//!
//! The DESIGN.md §2 rules cited below, by short name:
//! - [realms]   separate globals, built-in prototypes, App/Page/Component registries, storage
//! - [roots]    host reaches the plugin only through requirePlugin, the plugin the host only
//!   through requireMiniProgram
//! - [mp-view]  requireMiniProgram(): a live view, functions run in the host realm
//! - [rp-view]  requirePlugin(): read-only all the way down; cannot rewrite module/state
//! - [copies]   properties, event details, arguments and results cross as copies;
//!   functions dropped (data) or wrapped (calls)
//! - [no-route] from anything received, no route to the other realm's globals, built-in
//!   prototypes, Function constructor, wx, getApp() or storage
//! - [pages]    getApp()/getCurrentPages() are not the host's inside the plugin
//! - [select]   selectComponent / createSelectorQuery >>> do not reach plugin components
//! - [api]      plugin wx has only plugin APIs; page-only APIs fail outside plugin pages
//! - [limits]   (ARCHITECTURE invariants) runaway code / huge allocations are stopped and
//!   the engine keeps serving

use mpsim_base::Diagnostic;
use mpsim_runtime::{Engine, Options};
use std::path::{Path, PathBuf};
use std::rc::Rc;

const APPID: &str = "wx5a3c1e7f9b2d4086";

// ------------------------------------------------------------------ project builder

/// JS helpers every probe body can use: `check(name, fn)` records a leak when `fn`
/// returns something truthy (an exception counts as blocked); `verdict()` is the result.
const PRELUDE: &str = r#"
const __leaks = [];
const check = (name, fn) => {
  try {
    const v = fn();
    if (v) __leaks.push(name + '=' + String(v).slice(0, 40).replace(/[^\w:=.-]/g, '_'));
  } catch (e) {}
};
const verdict = () => (__leaks.length ? 'LEAKED:' + __leaks.join('|') : 'blocked');
const isHostGlobal = (g) => !!g && typeof g === 'object' && g.hostGlobal === 'HOST_GLOBAL';
const isPluginGlobal = (g) => !!g && typeof g === 'object' && g.pluginGlobal === 'PLUGIN_GLOBAL';
"#;

/// A plugin component whose `attached` runs `body` (with [`PRELUDE`]) and renders its
/// return value as `#pr`.
fn plugin_comp_js(body: &str) -> String {
    format!(
        "globalThis.pluginGlobal = 'PLUGIN_GLOBAL';\n\
         Component({{\n\
           properties: {{ cfg: {{ type: Object, value: null }} }},\n\
           data: {{ r: 'unset', t: '' }},\n\
           lifetimes: {{ attached() {{\n\
             let r;\n\
             try {{ r = (function () {{ {PRELUDE}\n{body}\n }}).call(this); }} catch (e) {{ r = 'threw:' + (e && e.message); }}\n\
             if (r !== undefined) this.setData({{ r: String(r) }});\n\
           }} }},\n\
           methods: {{ tapped() {{ this.setData({{ t: 'tapped' }}); }} }},\n\
         }});\n"
    )
}

/// A host page whose `onLoad` runs `body` (with [`PRELUDE`]) and renders its return
/// value as `#hr`.
fn host_page_js(body: &str) -> String {
    format!(
        "globalThis.hostGlobal = 'HOST_GLOBAL';\n\
         Page({{\n\
           data: {{ r: 'unset', g: '', hostSecret: 'HOST_PAGE_SECRET' }},\n\
           onLoad() {{\n\
             let r;\n\
             try {{ r = (function () {{ {PRELUDE}\n{body}\n }}).call(this); }} catch (e) {{ r = 'threw:' + (e && e.message); }}\n\
             if (r !== undefined) this.setData({{ r: String(r) }});\n\
           }},\n\
           go() {{ this.setData({{ g: 'went' }}); }},\n\
           onPing(e) {{ this.setData({{ r: 'ping:' + JSON.stringify(e.detail) }}); }},\n\
         }});\n"
    )
}

const HOST_APP_JS: &str = r#"globalThis.hostGlobal = 'HOST_GLOBAL';
wx.setStorageSync('hk', 'HOST_STORE');
App({ globalData: { secret: 'HOST_APP_SECRET' } });
"#;

const HOST_EXPORT_JS: &str = r#"let kept = null;
module.exports = {
  greeting: 'hello-from-host',
  data: { n: 1, inner: { s: 'x' } },
  callMe(cb, arg) { return cb(arg); },
  echo(x) { return x; },
  keep(x) { kept = x; return true; },
  kept() { return kept; },
  thrower() { const e = new Error('host-error'); e.fn = function () { return globalThis; }; throw e; },
  globalOf() { return typeof globalThis.hostGlobal; },
};
"#;

const PLUGIN_INDEX_JS: &str = r#"globalThis.pluginGlobal = 'PLUGIN_GLOBAL';
let counter = 0;
let kept = null;
const internal = { token: 'PLUGIN_SECRET' };
module.exports = {
  answer: 42,
  nested: { deep: { v: 'd' } },
  list: [1, 2, 3],
  registry: new Map([['k', 'v']]),
  inc() { return ++counter; },
  count() { return counter; },
  echo(x) { return x; },
  isInternal(x) { return x === internal || x === module.exports.nested; },
  call(fn, arg) { return fn(arg); },
  callWithThis(fn) { return fn.call(internal, 1); },
  makeFn() { return function inner() { return 'inner'; }; },
  keep(x) { kept = x; return true; },
  kept() { return kept; },
  token() { return internal.token; },
  lookup(k) { return module.exports.registry.get(k) || 'missing'; },
  str(x) { return String(x); },
  thrower() { const e = new Error('plugin-error'); e.fn = function () { return globalThis; }; e.obj = internal; throw e; },
  promise() { return Promise.resolve(function () { return globalThis; }); },
  spin() { while (true) {} },
};
"#;

/// The base project; `overrides` replace (or add) files by path.
fn project(name: &str, overrides: &[(&str, &str)]) -> PathBuf {
    let project_config = format!(
        r#"{{"compileType":"plugin","miniprogramRoot":"miniprogram/","pluginRoot":"plugin/","appid":"{APPID}","projectname":"attacks","setting":{{"es6":true}}}}"#
    );
    let app_json = format!(
        r#"{{"pages":["pages/index/index"],"plugins":{{"myPlugin":{{"version":"dev","provider":"{APPID}","export":"exportToPlugin.js"}}}}}}"#
    );
    let mut files: Vec<(String, String)> = vec![
        ("project.config.json".into(), project_config),
        ("miniprogram/app.json".into(), app_json),
        ("miniprogram/app.js".into(), HOST_APP_JS.into()),
        ("miniprogram/exportToPlugin.js".into(), HOST_EXPORT_JS.into()),
        ("miniprogram/pages/index/index.json".into(), r#"{"usingComponents":{"pc":"plugin://myPlugin/pc"}}"#.into()),
        (
            "miniprogram/pages/index/index.wxml".into(),
            r#"<view id="hr">{{r}}</view><view id="go" bindtap="go">{{g}}</view><view id="hsecret" data-secret="HOST_DOM_SECRET" class="hs">s</view><pc id="pc" class="pcc" bind:ping="onPing"></pc>"#.into(),
        ),
        ("miniprogram/pages/index/index.js".into(), host_page_js("return 'idle';")),
        (
            "plugin/plugin.json".into(),
            r#"{"publicComponents":{"pc":"components/pc/pc"},"pages":{"pp":"pages/pp/pp"},"main":"index.js"}"#.into(),
        ),
        ("plugin/index.js".into(), PLUGIN_INDEX_JS.into()),
        ("plugin/components/pc/pc.json".into(), r#"{"component":true}"#.into()),
        (
            "plugin/components/pc/pc.wxml".into(),
            r#"<view id="pr" data-secret="PLUGIN_DOM_SECRET" class="ps">{{r}}</view><view id="ptap" bindtap="tapped">{{t}}</view>"#.into(),
        ),
        ("plugin/components/pc/pc.js".into(), plugin_comp_js("return 'idle';")),
        ("plugin/pages/pp/pp.json".into(), "{}".into()),
        ("plugin/pages/pp/pp.wxml".into(), r#"<view id="ppr">{{r}}</view>"#.into()),
        ("plugin/pages/pp/pp.js".into(), "Page({ data: { r: 'plugin-page', pageSecret: 'PLUGIN_PAGE_SECRET' } });".into()),
    ];
    for (path, text) in overrides {
        match files.iter_mut().find(|(p, _)| p == path) {
            Some(f) => f.1 = text.to_string(),
            None => files.push((path.to_string(), text.to_string())),
        }
    }
    let dir = std::env::temp_dir().join(format!("mpsim-attacks-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in &files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

/// An engine for `dir`, requiring a project without load errors.
fn engine(dir: &Path) -> Engine {
    let (project, diags) = mpsim_project::load(dir);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    Engine::new(Rc::new(project), Options::default()).unwrap()
}

/// An engine for `dir` and the project's load diagnostics (errors allowed).
fn engine_lax(dir: &Path, options: Options) -> (Engine, Vec<Diagnostic>) {
    let (project, diags) = mpsim_project::load(dir);
    (Engine::new(Rc::new(project), options).unwrap(), diags)
}

/// The text of the element with `id` in `html`.
fn text_of(html: &str, id: &str) -> Option<String> {
    let at = html.find(&format!(r#"id="{id}""#))?;
    let start = at + html[at..].find('>')? + 1;
    let end = start + html[start..].find('<')?;
    Some(html[start..end].to_string())
}

fn launched(name: &str, overrides: &[(&str, &str)]) -> Engine {
    let e = engine(&project(name, overrides));
    e.launch("pages/index/index", "").unwrap();
    e
}

/// Runs `body` in the plugin component's `attached` (on the host page) and returns `#pr`.
fn plugin_probe(name: &str, body: &str, extra: &[(&str, &str)]) -> (Engine, String) {
    let js = plugin_comp_js(body);
    let mut files = vec![("plugin/components/pc/pc.js", js.as_str())];
    files.extend_from_slice(extra);
    let e = launched(name, &files);
    let html = e.page_html();
    let r = text_of(&html, "pr").unwrap_or_else(|| panic!("no #pr in {html}\n{:?}", e.take_diagnostics()));
    (e, r)
}

/// Runs `body` in the host page's `onLoad` and returns `#hr`.
fn host_probe(name: &str, body: &str, extra: &[(&str, &str)]) -> (Engine, String) {
    let js = host_page_js(body);
    let mut files = vec![("miniprogram/pages/index/index.js", js.as_str())];
    files.extend_from_slice(extra);
    let e = launched(name, &files);
    let html = e.page_html();
    let r = text_of(&html, "hr").unwrap_or_else(|| panic!("no #hr in {html}\n{:?}", e.take_diagnostics()));
    (e, r)
}

fn hr(e: &Engine) -> String {
    text_of(&e.page_html(), "hr").unwrap_or_default()
}

fn pr(e: &Engine) -> String {
    text_of(&e.page_html(), "pr").unwrap_or_default()
}

fn console_text(e: &Engine) -> String {
    e.take_console().iter().map(|l| l.text.clone()).collect::<Vec<_>>().join("\n")
}
