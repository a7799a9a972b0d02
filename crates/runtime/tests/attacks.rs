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

mod common;

use common::engine;
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
    common::write_project(&format!("attacks-{name}"), &files)
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

// ================================================================== host attacks plugin

/// The legitimate path works: reading, calling (in the plugin realm), by ref and appid.
/// [roots] [rp-view]
#[test]
fn host_legit_require_plugin_works() {
    let body = format!(
        "const p = requirePlugin('myPlugin'); const q = requirePlugin('{APPID}');\n\
         return [p.answer, p.nested.deep.v, p.list.join('+'), p.inc(), q.inc(), p.token(), p.call((x) => x * 2, 4)].join(',');"
    );
    let (_e, r) = host_probe("h-legit", &body, &[]);
    assert_eq!(r, "42,d,1+2+3,1,2,PLUGIN_SECRET,8");
}

/// Prototype walking on the requirePlugin view: __proto__, constructor,
/// Object.getPrototypeOf, Reflect.getPrototypeOf, and constructor.constructor('return
/// this')() must never yield the plugin's global. [no-route]
#[test]
fn host_view_prototype_walk_finds_no_plugin_global() {
    let body = r#"
const p = requirePlugin('myPlugin');
for (const [n, v] of [['root', p], ['nested', p.nested], ['deep', p.nested.deep]]) {
  check(n + '.__proto__', () => v.__proto__ !== undefined && Object.getPrototypeOf(v) !== Object.prototype);
  check(n + '.constructor', () => v.constructor !== undefined);
  check(n + '.ctor.ctor', () => isPluginGlobal(v.constructor.constructor('return this')()));
  check(n + '.getProto', () => Object.getPrototypeOf(v) !== Object.prototype);
  check(n + '.reflectProto', () => Reflect.getPrototypeOf(v) !== Object.prototype);
  check(n + '.protoCtor', () => isPluginGlobal(Object.getPrototypeOf(v).constructor('return this')()));
  check(n + '.hasOwnProperty', () => typeof v.hasOwnProperty === 'function' && isPluginGlobal(v.hasOwnProperty.constructor('return this')()));
  check(n + '.lookupGetter', () => v.__lookupGetter__ !== undefined);
  check(n + '.desc', () => { const d = Object.getOwnPropertyDescriptor(v, 'constructor'); return d && d.value; });
}
check('keys', () => Reflect.ownKeys(p).some((k) => k === 'constructor' || k === '__proto__'));
check('globalThis.pluginGlobal', () => globalThis.pluginGlobal);
return verdict();
"#;
    let (_e, r) = host_probe("h-proto", body, &[]);
    assert_eq!(r, "blocked");
}

/// Function wrappers from the view: their constructor and constructor.constructor are the
/// host's Function, so 'return this' gives the host global, never the plugin's. [no-route]
#[test]
fn host_function_wrapper_constructor_is_not_plugin_function() {
    let body = r#"
const p = requirePlugin('myPlugin');
const fns = [['inc', p.inc], ['made', p.makeFn()], ['echoFn', p.echo(p.makeFn())]];
for (const [n, f] of fns) {
  if (typeof f !== 'function') continue;
  check(n + '.ctor', () => isPluginGlobal(f.constructor('return this')()));
  check(n + '.ctor.ctor', () => isPluginGlobal(f.constructor.constructor('return this')()));
  check(n + '.proto', () => isPluginGlobal(Object.getPrototypeOf(f).constructor('return this')()));
  check(n + '.prototype', () => f.prototype && isPluginGlobal(f.prototype.constructor.constructor('return this')()));
  check(n + '.bind', () => isPluginGlobal(f.bind(null).constructor('return this')()));
  check(n + '.caller', () => { try { return f.caller && isPluginGlobal(f.caller.constructor('return this')()); } catch (e) { return false; } });
  check(n + '.toString', () => /PLUGIN|counter/.test(Function.prototype.toString.call(f)));
}
check('made-call', () => p.makeFn()() !== 'inner');
return verdict();
"#;
    let (_e, r) = host_probe("h-fnctor", body, &[]);
    assert_eq!(r, "blocked");
}

/// Values returned by plugin functions are copies built in the host realm: their
/// prototypes are the host's built-ins. [copies] [no-route]
#[test]
fn host_returned_values_have_host_prototypes() {
    let body = r#"
const p = requirePlugin('myPlugin');
const o = p.echo({ a: { b: 1 } });
const a = p.echo([1, [2]]);
check('obj.proto', () => Object.getPrototypeOf(o) !== Object.prototype);
check('obj.inner.proto', () => Object.getPrototypeOf(o.a) !== Object.prototype);
check('arr.proto', () => Object.getPrototypeOf(a) !== Array.prototype);
check('arr.inner', () => !Array.isArray(a[1]) || Object.getPrototypeOf(a[1]) !== Array.prototype);
check('ctor.global', () => isPluginGlobal(o.constructor.constructor('return this')()));
check('list.proto', () => Object.getPrototypeOf(p.list) !== Array.prototype);
check('list.push', () => { const l = p.list; l.push(4); return p.list.length !== 3; });
check('kept-internal', () => p.isInternal(p.nested));
return verdict();
"#;
    let (_e, r) = host_probe("h-retproto", body, &[]);
    assert_eq!(r, "blocked");
}

/// Assigning through the view (plain set, nested set, strict-mode set) does not change the
/// plugin's module. [rp-view]
#[test]
fn host_cannot_assign_through_plugin_view() {
    let body = r#"
const p = requirePlugin('myPlugin');
try { p.answer = 1; } catch (e) {}
try { p.nested.deep.v = 'X'; } catch (e) {}
try { p.inc = function () { return 'HIJACKED'; }; } catch (e) {}
try { p.newKey = 'N'; } catch (e) {}
try { (function () { 'use strict'; p.token = () => 'HIJACKED'; })(); } catch (e) {}
try { p.nested.__proto__ = { polluted: 1 }; } catch (e) {}
check('answer', () => p.answer !== 42);
check('deep', () => p.nested.deep.v !== 'd');
check('inc', () => p.inc() === 'HIJACKED');
check('newKey', () => p.newKey !== undefined);
check('token', () => p.token() !== 'PLUGIN_SECRET');
check('plugin-proto', () => p.echo({}).polluted !== undefined);
return verdict();
"#;
    let (_e, r) = host_probe("h-assign", body, &[]);
    assert_eq!(r, "blocked");
}

/// defineProperty / Reflect.defineProperty / __defineGetter__ on the view. [rp-view]
#[test]
fn host_cannot_define_properties_on_plugin_view() {
    let body = r#"
const p = requirePlugin('myPlugin');
try { Object.defineProperty(p, 'answer', { value: 1 }); } catch (e) {}
try { Object.defineProperty(p.nested, 'deep', { get() { return 'X'; } }); } catch (e) {}
check('reflectDefine', () => Reflect.defineProperty(p, 'token', { value: () => 'X' }));
try { Object.defineProperties(p, { count: { value: () => -1 } }); } catch (e) {}
try { Object.prototype.__defineGetter__.call(p, 'answer', () => 7); } catch (e) {}
check('answer', () => p.answer !== 42);
check('deep', () => typeof p.nested.deep !== 'object' || p.nested.deep.v !== 'd');
check('count', () => p.count() === -1);
return verdict();
"#;
    let (_e, r) = host_probe("h-define", body, &[]);
    assert_eq!(r, "blocked");
}

/// delete on the view. [rp-view]
#[test]
fn host_cannot_delete_from_plugin_view() {
    let body = r#"
const p = requirePlugin('myPlugin');
check('delete-ok', () => delete p.answer);
try { delete p.nested.deep; } catch (e) {}
check('reflectDelete', () => Reflect.deleteProperty(p, 'inc'));
check('answer', () => p.answer !== 42);
check('deep', () => p.nested.deep === undefined);
check('inc', () => typeof p.inc !== 'function');
return verdict();
"#;
    let (_e, r) = host_probe("h-delete", body, &[]);
    assert_eq!(r, "blocked");
}

/// setPrototypeOf / __proto__ assignment on the view cannot re-parent the plugin's exports.
/// [rp-view]
#[test]
fn host_cannot_set_prototype_of_plugin_view() {
    let body = r#"
const p = requirePlugin('myPlugin');
try { Object.setPrototypeOf(p, { evil: 1 }); } catch (e) {}
check('reflectSetProto', () => Reflect.setPrototypeOf(p.nested, { evil: 1 }));
try { p.__proto__ = { evil: 1 }; } catch (e) {}
check('evil', () => p.evil !== undefined || p.nested.evil !== undefined);
check('plugin-side', () => p.echo({}).evil !== undefined);
return verdict();
"#;
    let (_e, r) = host_probe("h-setproto", body, &[]);
    assert_eq!(r, "blocked");
}

/// Object.assign / freeze / seal / preventExtensions on the view: no effect on the plugin,
/// whose own code keeps working. [rp-view]
#[test]
fn host_cannot_assign_or_freeze_plugin_view() {
    let body = r#"
const p = requirePlugin('myPlugin');
try { Object.assign(p, { answer: 0, inc: () => 'X' }); } catch (e) {}
try { Object.freeze(p); } catch (e) {}
try { Object.seal(p.nested); } catch (e) {}
try { Object.preventExtensions(p.nested.deep); } catch (e) {}
check('answer', () => p.answer !== 42);
check('inc', () => typeof p.inc() !== 'number');
check('frozen', () => Object.isFrozen(p) && Object.keys(p).length > 0);
const before = p.count();
p.inc();
check('state', () => p.count() !== before + 1);
return verdict();
"#;
    let (_e, r) = host_probe("h-freeze", body, &[]);
    assert_eq!(r, "blocked");
}

/// A host callback called by the plugin: its `this`, `arguments.callee.caller` and
/// `cb.caller` must not lead into the plugin realm. [no-route]
#[test]
fn host_callback_caller_chain_stays_in_host() {
    let body = r#"
const p = requirePlugin('myPlugin');
let seen = [];
p.call(function cb(x) {
  check('this', () => isPluginGlobal(this) || (this && this.token === 'PLUGIN_SECRET'));
  check('caller', () => { const c = cb.caller; return typeof c === 'function' && isPluginGlobal(c.constructor('return this')()); });
  check('callee.caller', () => { const c = arguments.callee.caller; return typeof c === 'function' && (isPluginGlobal(c.constructor('return this')()) || /module\.exports|counter/.test(String(c))); });
  check('caller.caller', () => { let c = cb.caller; for (let i = 0; i < 10 && c; i++) { if (/fn\(arg\)|counter|PLUGIN/.test(String(c))) return 'plugin-source'; c = c.caller; } return false; });
  check('arg', () => x !== 5);
  seen.push('ran');
}, 5);
p.callWithThis(function () {
  check('callWithThis.this', () => this && (this.token === 'PLUGIN_SECRET' || isPluginGlobal(this)));
  seen.push('ran2');
});
check('ran', () => seen.join() !== 'ran,ran2');
return verdict();
"#;
    let (_e, r) = host_probe("h-caller", body, &[]);
    assert_eq!(r, "blocked");
}

/// Arguments are copied when they cross: mutating an object after passing it does not
/// change what the plugin kept; getters run once, in the host, at the crossing. [copies]
#[test]
fn host_arguments_are_copied_not_shared() {
    let body = r#"
const p = requirePlugin('myPlugin');
const o = { a: 1, list: [1], get g() { return 'G:' + typeof globalThis.hostGlobal; } };
p.keep(o);
o.a = 2; o.list.push(2);
const k = p.kept();
check('mutation', () => k.a !== 1 || k.list.length !== 1);
check('getter', () => k.g !== 'G:string');
check('getter-kept', () => { const back = p.kept(); return Object.getOwnPropertyDescriptor(back, 'g').get !== undefined; });
check('same', () => p.kept() === o);
return verdict();
"#;
    let (_e, r) = host_probe("h-copy", body, &[]);
    assert_eq!(r, "blocked");
}

/// toString / valueOf / Symbol.toPrimitive on an argument: the plugin's String(x) may only
/// call them as host functions with no plugin object as `this`. [copies] [no-route]
#[test]
fn host_to_primitive_tricks_do_not_reach_plugin_objects() {
    let body = r#"
const p = requirePlugin('myPlugin');
let got = [];
const arg = {
  toString() { got.push(this); return 'S'; },
  valueOf() { got.push(this); return 1; },
  [Symbol.toPrimitive]() { got.push(this); return 'P'; },
};
let s;
try { s = p.str(arg); } catch (e) { s = 'threw'; }
for (const t of got) {
  check('this-global', () => isPluginGlobal(t));
  check('this-ctor', () => t && isPluginGlobal(t.constructor.constructor('return this')()));
}
check('view.toString', () => typeof requirePlugin('myPlugin').toString === 'function');
check('String(view)', () => { try { return /PLUGIN/.test(String(p)); } catch (e) { return false; } });
return verdict();
"#;
    let (_e, r) = host_probe("h-toprim", body, &[]);
    assert_eq!(r, "blocked");
}

/// Walking the host's own globalThis finds nothing of the plugin (its globals, its wx,
/// requireMiniProgram). [realms]
#[test]
fn host_global_walk_finds_no_plugin_objects() {
    let body = r#"
const p = requirePlugin('myPlugin');
p.inc();
const names = Object.getOwnPropertyNames(globalThis);
check('pluginGlobal', () => names.includes('pluginGlobal') || globalThis.pluginGlobal);
check('requireMiniProgram', () => typeof requireMiniProgram !== 'undefined');
check('natives', () => names.filter((n) => /native|hooks|membrane|handles|realm/i.test(n)).join('+'));
for (const n of names) {
  let v;
  try { v = globalThis[n]; } catch (e) { continue; }
  if (v && (typeof v === 'object' || typeof v === 'function')) {
    check('g.' + n, () => isPluginGlobal(v) || (typeof v === 'function' && v.constructor && isPluginGlobal(v.constructor('return this')())));
  }
}
return verdict();
"#;
    let (_e, r) = host_probe("h-globals", body, &[]);
    assert_eq!(r, "blocked");
}

/// Storage is partitioned: a key the plugin wrote is invisible to the host (get, info,
/// async get), and the host's clearStorageSync does not clear the plugin's. [realms]
#[test]
fn host_cannot_read_or_clear_plugin_storage() {
    let plugin_index = format!("wx.setStorageSync('pk', 'PLUGIN_STORE');\n{PLUGIN_INDEX_JS}\nmodule.exports.readStore = () => wx.getStorageSync('pk');");
    let body = r#"
const p = requirePlugin('myPlugin');
check('get', () => wx.getStorageSync('pk'));
check('info', () => wx.getStorageInfoSync().keys.includes('pk'));
wx.clearStorageSync();
wx.removeStorageSync('pk');
check('cleared', () => p.readStore() !== 'PLUGIN_STORE');
return verdict();
"#;
    let (_e, r) = host_probe("h-storage", body, &[("plugin/index.js", &plugin_index)]);
    assert_eq!(r, "blocked");
}

/// clearTimeout / clearInterval of every plausible id from the host does not cancel a
/// plugin timer. [realms]
#[test]
fn host_cannot_clear_plugin_timers() {
    let comp = plugin_comp_js("setTimeout(() => this.setData({ r: 'fired' }), 100); return 'waiting';");
    let body = "for (let i = 0; i < 2000; i++) { clearTimeout(i); clearInterval(i); } return 'cleared';";
    let (e, r) = host_probe("h-timers", body, &[("plugin/components/pc/pc.js", &comp)]);
    assert_eq!(r, "cleared");
    e.advance(200.0);
    assert_eq!(pr(&e), "fired");
}

/// A host page's selectComponent / selectAllComponents never return the plugin
/// component instance (by id, class or tag). [select]
#[test]
fn host_select_component_does_not_return_plugin_instance() {
    let body = r#"
for (const sel of ['#pc', '.pcc', 'pc']) {
  check('one' + sel, () => this.selectComponent(sel) !== null);
  check('all' + sel, () => this.selectAllComponents(sel).length);
}
check('inner', () => this.selectComponent('#pc >>> #pr'));
return verdict();
"#;
    let (_e, r) = host_probe("h-select", body, &[]);
    assert_eq!(r, "blocked");
}

/// createSelectorQuery (page-scoped and wx-scoped) with and without `>>>` finds no node
/// inside the plugin component. [select]
#[test]
fn host_selector_query_does_not_pierce_plugin_component() {
    let body = r#"
const self = this;
const out = [];
const q = this.createSelectorQuery();
q.select('#pc >>> #pr').fields({ id: true, dataset: true });
q.selectAll('#pr').fields({ id: true, dataset: true });
q.selectAll('.pcc >>> .ps').fields({ id: true, dataset: true });
q.exec((res) => {
  const q2 = wx.createSelectorQuery();
  q2.select('#pc >>> #pr').fields({ dataset: true });
  q2.selectAll('.ps').fields({ dataset: true });
  q2.exec((res2) => {
    const s = JSON.stringify([res, res2]);
    self.setData({ r: /PLUGIN_DOM_SECRET|"pr"/.test(s) ? 'LEAKED:' + s.replace(/[^\w]/g, '_') : 'blocked' });
  });
});
return 'pending';
"#;
    let (_e, r) = host_probe("h-query", body, &[]);
    assert_eq!(r, "blocked");
}

/// Forged instance: calling the framework's setData with `this` = `{__id: N}` for the
/// ids around the page's own must not write into the plugin component's data. [rp-view]
/// (the host cannot rewrite the plugin's internal state) [select]
#[test]
fn host_forged_instance_set_data_does_not_reach_plugin_component() {
    let body = r#"
const own = this.__id;
for (let id = 1; id < 50; id++) {
  if (id === own) continue;
  try { this.setData.call({ __id: id, __def: this.__def, data: {} }, { r: 'PWNED' }); } catch (e) {}
}
return 'tried';
"#;
    let (e, r) = host_probe("h-forge-setdata", body, &[]);
    assert_eq!(r, "tried");
    assert_eq!(pr(&e), "idle", "{}", e.page_html());
}

/// Forged scope: createSelectorQuery().in({__id: N}) must not read nodes (attributes,
/// datasets) of the plugin component's tree. [select]
#[test]
fn host_forged_selector_scope_does_not_read_plugin_nodes() {
    let body = r#"
const self = this;
const res = [];
for (let id = 1; id < 50; id++) {
  // One query per forged scope (a query has a single scope, read at exec time).
  this.createSelectorQuery().in({ __id: id }).selectAll('#pr').fields({ id: true, dataset: true, properties: ['class'] }, (r) => res.push(r)).exec();
}
setTimeout(() => {
  const s = JSON.stringify(res);
  self.setData({ r: /PLUGIN_DOM_SECRET/.test(s) ? 'LEAKED:forged-scope' : 'blocked' });
}, 0);
return 'pending';
"#;
    let (_e, r) = host_probe("h-forge-scope", body, &[]);
    assert_eq!(r, "blocked");
}

/// require() of a plugin file from host code, by relative, absolute and bare paths.
/// [roots]
#[test]
fn host_cannot_require_plugin_files() {
    let body = r#"
for (const path of ['../../../plugin/index.js', '../../../plugin/index', '/../plugin/index.js', 'plugin/index', '../../../plugin/components/pc/pc']) {
  check(path, () => { const m = require(path); return m && (m.answer === 42 || typeof m.inc === 'function' || Object.keys(m).length > 0); });
}
return verdict();
"#;
    let (_e, r) = host_probe("h-require", body, &[]);
    assert_eq!(r, "blocked");
}

/// Robustness of the same attack: require() of a path outside the realm throws "is not
/// defined" every time (not a TypeError, and not an empty module on later calls). [roots]
#[test]
fn host_require_outside_realm_throws_not_defined() {
    let body = r#"
const out = [];
for (const path of ['../../../plugin/index.js', '../../../plugin/index', '/../plugin/index.js']) {
  try { require(path); out.push('returned'); } catch (e) { out.push(/is not defined/.test(e.message) ? 'ok' : 'other-error'); }
}
return out.join(',');
"#;
    let (_e, r) = host_probe("h-require-msg", body, &[]);
    assert_eq!(r, "ok,ok,ok");
}

/// A host template importing or including a plugin template must not render plugin
/// template content. [roots]
#[test]
fn host_template_cannot_include_plugin_templates() {
    let dir = project(
        "h-include",
        &[
            (
                "plugin/secret.wxml",
                r#"<template name="sec"><text>PLUGIN_TEMPLATE_SECRET</text></template><text>PLUGIN_INCLUDED_SECRET</text>"#,
            ),
            (
                "miniprogram/pages/index/index.wxml",
                r#"<import src="../../../plugin/secret.wxml"/><include src="../../../plugin/secret.wxml"/><template is="sec"/><view id="hr">{{r}}</view>"#,
            ),
        ],
    );
    let (e, _) = engine_lax(&dir, Options::default());
    let _ = e.launch("pages/index/index", "");
    let html = e.page_html();
    assert!(!html.contains("PLUGIN_TEMPLATE_SECRET") && !html.contains("PLUGIN_INCLUDED_SECRET"), "{html}");
}

/// A host wxs module must not `require` a plugin wxs module. [roots]
#[test]
fn host_wxs_cannot_require_plugin_wxs() {
    let dir = project(
        "h-wxs-require",
        &[
            ("plugin/secret.wxs", "module.exports = { s: 'PLUGIN_WXS_SECRET' };"),
            (
                "miniprogram/pages/index/index.wxml",
                r#"<wxs module="m">var s = ''; try { s = require('../../../plugin/secret.wxs').s; } catch (e) { s = 'blocked'; } module.exports = { s: s };</wxs><view id="hr">{{m.s}}</view>"#,
            ),
        ],
    );
    let (e, _) = engine_lax(&dir, Options::default());
    let _ = e.launch("pages/index/index", "");
    let html = e.page_html();
    assert!(!html.contains("PLUGIN_WXS_SECRET"), "{html}");
}

/// wxs globals are per side: a global or built-in prototype change made by a plugin wxs
/// module is not seen by host wxs. [realms]
#[test]
fn host_wxs_does_not_see_plugin_wxs_globals() {
    let dir = project(
        "h-wxs-globals",
        &[
            (
                "plugin/components/pc/pc.wxml",
                r#"<wxs module="pw">globalThis.wxsLeak = 'PLUGIN_WXS_GLOBAL'; Array.prototype.join = function () { return 'POISONED'; }; module.exports = { x: 1 };</wxs><view id="pr">{{pw.x}}</view>"#,
            ),
            (
                "miniprogram/pages/index/index.wxml",
                r#"<pc id="pc"></pc><wxs module="hw">module.exports = { f: function () { return (typeof wxsLeak === 'undefined' ? 'clean' : 'LEAKED:' + wxsLeak) + '/' + [1, 2].join('-'); } };</wxs><view id="hr">{{hw.f()}}</view>"#,
            ),
        ],
    );
    let e = engine(&dir);
    e.launch("pages/index/index", "").unwrap();
    assert_eq!(hr(&e), "clean/1-2", "{}", e.page_html());
}

/// Event details from a plugin component arrive as host-realm copies: no plugin
/// functions, no plugin prototypes. [copies] [no-route]
#[test]
fn host_event_detail_is_a_host_copy() {
    let comp = plugin_comp_js(
        "this.triggerEvent('ping', { n: 1, fn: function () { return globalThis; }, nested: { fn() {}, arr: [function () {}] } }); return 'sent';",
    );
    let page = host_page_js("return undefined;").replace(
        "onPing(e) { this.setData({ r: 'ping:' + JSON.stringify(e.detail) }); }",
        "onPing(e) { const d = e.detail; const bad = []; \
         if (typeof d.fn !== 'undefined') bad.push('fn'); \
         if (d.nested && typeof d.nested.fn !== 'undefined') bad.push('nested.fn'); \
         if (d.nested && d.nested.arr && typeof d.nested.arr[0] === 'function') bad.push('arr'); \
         if (Object.getPrototypeOf(d) !== Object.prototype) bad.push('proto'); \
         try { if (d.constructor.constructor('return this')().pluginGlobal) bad.push('global'); } catch (x) {} \
         this.setData({ r: bad.length ? 'LEAKED:' + bad.join('+') : 'blocked:' + d.n }); }",
    );
    let e = launched("h-detail", &[("plugin/components/pc/pc.js", &comp), ("miniprogram/pages/index/index.js", &page)]);
    assert_eq!(hr(&e), "blocked:1", "{}", e.page_html());
}

/// Property values cannot carry host functions into the plugin: a function nested in page
/// data is dropped and the plugin sees plain data with plugin prototypes. [copies]
#[test]
fn host_property_values_carry_no_functions() {
    let comp = format!(
        "globalThis.pluginGlobal = 'PLUGIN_GLOBAL';\n\
         Component({{ properties: {{ cfg: {{ type: Object, value: null, observer(c) {{ {PRELUDE}\n\
           if (!c) return;\n\
           check('fn', () => typeof c.fn !== 'undefined');\n\
           check('deep', () => c.deep && typeof c.deep.fn !== 'undefined');\n\
           check('proto', () => Object.getPrototypeOf(c) !== Object.prototype);\n\
           check('global', () => isHostGlobal(c.constructor.constructor('return this')()));\n\
           this.setData({{ r: verdict() + ':' + c.n }});\n\
         }} }} }}, data: {{ r: 'unset' }} }});\n"
    );
    let page = host_page_js(
        "this.setData({ cfg: { n: 7, fn: function () { return globalThis; }, deep: { fn() {} } } }); return 'set';",
    );
    let e = launched(
        "h-props",
        &[
            ("plugin/components/pc/pc.js", &comp),
            ("miniprogram/pages/index/index.js", &page),
            ("miniprogram/pages/index/index.wxml", r#"<view id="hr">{{r}}</view><pc id="pc" cfg="{{cfg}}"></pc>"#),
            ("plugin/components/pc/pc.wxml", r#"<view id="pr">{{r}}</view>"#),
        ],
    );
    assert_eq!(pr(&e), "blocked:7", "{}", e.page_html());
}

/// An Error thrown by a plugin function reaches the host as a host-realm error carrying
/// only the message: no plugin functions, objects or Function constructor. [no-route]
#[test]
fn host_plugin_exceptions_carry_nothing_of_the_plugin() {
    let body = r#"
const p = requirePlugin('myPlugin');
try { p.thrower(); return 'no-throw'; } catch (e) {
  check('fn', () => typeof e.fn === 'function' && isPluginGlobal(e.fn()));
  check('obj', () => e.obj && e.obj.token);
  check('ctor', () => isPluginGlobal(e.constructor.constructor('return this')()));
  check('proto', () => e instanceof Error === false);
  check('message', () => !/plugin-error/.test(String(e && e.message)));
}
return verdict();
"#;
    let (_e, r) = host_probe("h-throw", body, &[]);
    assert_eq!(r, "blocked");
}

/// A promise returned by a plugin function crosses as data, not as a plugin Promise whose
/// then() would run host callbacks in the plugin's job queue with plugin values. [copies]
#[test]
fn host_plugin_promises_cross_as_data() {
    let body = r#"
const p = requirePlugin('myPlugin');
const r = p.promise();
check('then', () => r && typeof r.then === 'function' && Object.getPrototypeOf(r) !== Promise.prototype);
check('ctor', () => r && isPluginGlobal(r.constructor.constructor('return this')()));
return verdict();
"#;
    let (_e, r) = host_probe("h-promise", body, &[]);
    assert_eq!(r, "blocked");
}

/// A thenable from the plugin arrives as a Promise of the host realm (DESIGN §2,
/// asynchrony): its prototype, `then` and constructors are the host's, never the plugin's.
/// [no-route]
#[test]
fn host_plugin_promise_is_a_host_promise() {
    let body = r#"
const p = requirePlugin('myPlugin');
const r = p.promise();
check('proto', () => Object.getPrototypeOf(r) !== Promise.prototype);
check('then', () => r.then !== Promise.prototype.then);
check('then-ctor', () => isPluginGlobal(r.then.constructor('return this')()));
check('ctor', () => isPluginGlobal(r.constructor.constructor('return this')()));
return verdict();
"#;
    let (_e, r) = host_probe("h-promise-host", body, &[]);
    assert_eq!(r, "blocked");
}

/// Passing a view back into the plugin gives the plugin a copy, never its own internal
/// object (so host-held references cannot be used as capabilities). [copies]
#[test]
fn host_view_passed_back_is_a_copy() {
    let body = r#"
const p = requirePlugin('myPlugin');
check('same', () => p.isInternal(p.nested));
p.keep(p.nested);
check('kept-internal', () => p.kept() === p.nested);
return verdict();
"#;
    let (_e, r) = host_probe("h-viewback", body, &[]);
    assert_eq!(r, "blocked");
}

/// Methods inherited from the plugin realm's built-in prototypes (here Map.prototype via an
/// exported Map) must not let the host mutate the plugin's internal state:
/// "the host cannot rewrite the plugin's module or its internal state" and no route to
/// the plugin's built-in prototypes. [rp-view] [no-route]
#[test]
fn host_cannot_mutate_plugin_state_through_builtin_prototype_methods() {
    let body = r#"
const p = requirePlugin('myPlugin');
try { p.registry.clear(); } catch (e) {}
try { p.registry.set('k', 'HIJACKED'); } catch (e) {}
check('lookup', () => p.lookup('k') !== 'v' && p.lookup('k'));
return verdict();
"#;
    let (_e, r) = host_probe("h-builtin-methods", body, &[]);
    assert_eq!(r, "blocked");
}

/// getCurrentPages() in host code while a plugin page is shown gives the plugin page by
/// route only: no data, no setData, no methods. [select] [realms]
#[test]
fn host_get_current_pages_hides_plugin_page_instance() {
    let page = host_page_js("return 'idle';").replace(
        "go() { this.setData({ g: 'went' }); },",
        "go() { wx.navigateTo({ url: 'plugin://myPlugin/pp' }); setTimeout(() => { const ps = getCurrentPages(); const top = ps[ps.length - 1]; \
         const bad = []; if (top.data) bad.push('data'); if (typeof top.setData === 'function') bad.push('setData'); \
         try { top.data.r = 'PWNED'; } catch (e) {} try { top.setData({ r: 'PWNED' }); } catch (e) {} \
         if (JSON.stringify(ps).includes('PLUGIN_PAGE_SECRET')) bad.push('secret'); \
         console.log('PAGES:' + (bad.length ? 'LEAKED:' + bad.join('+') : 'blocked') + ':' + top.route); }, 10); },",
    );
    let e = launched("h-pages", &[("miniprogram/pages/index/index.js", &page)]);
    e.tap("#go").unwrap();
    e.advance(50.0);
    let c = console_text(&e);
    assert!(c.contains("PAGES:blocked:plugin-private://"), "{c}");
    assert_eq!(text_of(&e.page_html(), "ppr").as_deref(), Some("plugin-page"));
}

/// Host code running while a plugin page is shown: wx.createSelectorQuery() must not read
/// the plugin page's nodes. [select]
#[test]
fn host_wx_selector_query_does_not_read_plugin_page() {
    let page = host_page_js("return 'idle';").replace(
        "go() { this.setData({ g: 'went' }); },",
        "go() { wx.navigateTo({ url: 'plugin://myPlugin/pp' }); setTimeout(() => { \
         wx.createSelectorQuery().selectAll('#ppsecret').fields({ id: true, dataset: true }).exec((res) => console.log('QUERY:' + JSON.stringify(res))); }, 10); },",
    );
    let e = launched(
        "h-query-plugin-page",
        &[
            ("miniprogram/pages/index/index.js", &page),
            (
                "plugin/pages/pp/pp.wxml",
                r#"<view id="ppr">{{r}}</view><view id="ppsecret" data-secret="PLUGIN_PAGE_DOM_SECRET">x</view>"#,
            ),
        ],
    );
    e.tap("#go").unwrap();
    e.advance(50.0);
    let c = console_text(&e);
    assert!(c.contains("QUERY:"), "{c}");
    assert!(!c.contains("PLUGIN_PAGE_DOM_SECRET"), "{c}");
}

/// A runaway loop in a plugin function called by the host is stopped with a js-timeout
/// naming the plugin file, and the host keeps working. [limits]
#[test]
fn host_calls_runaway_plugin_function_and_survives() {
    let page = host_page_js("return 'idle';").replace(
        "go() { this.setData({ g: 'went' }); },",
        "go() { this.setData({ g: 'went' }); },\n spin() { requirePlugin('myPlugin').spin(); this.setData({ r: 'after-spin' }); },\n ask() { this.setData({ r: 'answer:' + requirePlugin('myPlugin').answer + ':' + requirePlugin('myPlugin').inc() }); },",
    );
    let e = launched(
        "h-spin",
        &[
            ("miniprogram/pages/index/index.js", &page),
            (
                "miniprogram/pages/index/index.wxml",
                r#"<view id="hr">{{r}}</view><view id="go" bindtap="go">{{g}}</view><view id="spin" bindtap="spin">s</view><view id="ask" bindtap="ask">a</view>"#,
            ),
        ],
    );
    let started = std::time::Instant::now();
    e.tap("#spin").unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    let diags = e.take_diagnostics();
    assert!(diags.iter().any(|d| d.code == "js-timeout" && d.path == "plugin/index.js"), "{diags:?}");
    e.tap("#go").unwrap();
    assert_eq!(text_of(&e.page_html(), "go").as_deref(), Some("went"));
    e.tap("#ask").unwrap();
    assert_eq!(hr(&e), "answer:42:1");
}

// ================================================================== plugin attacks host

/// The legitimate path works: requireMiniProgram() reads, calls (in the host realm) and
/// writes data that the host sees as a copy. [roots] [mp-view]
#[test]
fn plugin_legit_require_mini_program_works() {
    let body = r#"
const mp = requireMiniProgram();
const o = { a: 1 };
mp.shared = o;
o.a = 2;
return [mp.greeting, mp.data.inner.s, mp.callMe((x) => x + 1, 4), mp.globalOf(), mp.shared.a].join(',');
"#;
    let (e, r) = plugin_probe("p-legit", body, &[]);
    assert_eq!(r, "hello-from-host,x,5,string,1");
    // The host sees the write (as a copy).
    let _ = e;
}

/// Walking the plugin's globalThis: no host globals, no host App/page objects, no natives.
/// [realms]
#[test]
fn plugin_global_walk_finds_no_host_objects() {
    let body = r#"
const names = Object.getOwnPropertyNames(globalThis);
check('hostGlobal', () => names.includes('hostGlobal') || typeof hostGlobal !== 'undefined');
check('natives', () => names.filter((n) => /native|hooks|membrane|handles|realm|__wx/i.test(n)).join('+'));
for (const n of names) {
  let v;
  try { v = globalThis[n]; } catch (e) { continue; }
  if (v && (typeof v === 'object' || typeof v === 'function')) {
    check('g.' + n, () => isHostGlobal(v) || (typeof v === 'function' && isHostGlobal(v.constructor('return this')())));
    if (v && typeof v === 'object') {
      for (const k of Object.getOwnPropertyNames(v)) {
        check(n + '.' + k, () => { const w = v[k]; return isHostGlobal(w) || (typeof w === 'function' && isHostGlobal(w.constructor('return this')())); });
      }
    }
  }
}
check('eval', () => (0, eval)('typeof hostGlobal') !== 'undefined');
check('Function', () => new Function('return typeof hostGlobal')() !== 'undefined');
return verdict();
"#;
    let (_e, r) = plugin_probe("p-globals", body, &[]);
    assert_eq!(r, "blocked");
}

/// getApp() in plugin code is not the host's App (no host globalData). [pages]
#[test]
fn plugin_get_app_is_not_the_hosts() {
    let body = r#"
const a = getApp();
check('app', () => a && JSON.stringify(a).includes('HOST_APP_SECRET'));
check('globalData', () => a && a.globalData && a.globalData.secret);
return verdict();
"#;
    let (_e, r) = plugin_probe("p-getapp", body, &[]);
    assert_eq!(r, "blocked");
}

/// getCurrentPages() in plugin code on a host page: no host page instances (no data, no
/// setData). [pages]
#[test]
fn plugin_get_current_pages_has_no_host_page() {
    let body = r#"
const ps = getCurrentPages();
check('data', () => JSON.stringify(ps.map((p) => p && p.data)).includes('HOST_PAGE_SECRET'));
check('setData', () => ps.some((p) => p && typeof p.setData === 'function' && (p.setData({ r: 'PWNED' }), true)));
check('route', () => ps.some((p) => p && p.route === 'pages/index/index' && p.data));
return verdict();
"#;
    let (e, r) = plugin_probe("p-pages", body, &[]);
    assert_eq!(r, "blocked");
    assert_ne!(hr(&e), "PWNED");
}

/// Prototype walking on the requireMiniProgram view and on what its functions return:
/// __proto__, constructor, getPrototypeOf, constructor.constructor('return this')().
/// [no-route]
#[test]
fn plugin_view_prototype_walk_finds_no_host_global() {
    let body = r#"
const mp = requireMiniProgram();
for (const [n, v] of [['root', mp], ['data', mp.data], ['inner', mp.data.inner], ['ret', mp.echo({ a: 1 })], ['retArr', mp.echo([1])]]) {
  check(n + '.__proto__', () => v.__proto__ !== undefined && v.__proto__ !== Object.prototype && v.__proto__ !== Array.prototype);
  check(n + '.ctor.ctor', () => isHostGlobal(v.constructor.constructor('return this')()));
  check(n + '.protoCtor', () => isHostGlobal(Object.getPrototypeOf(v).constructor.constructor('return this')()));
  check(n + '.reflect', () => { const pr = Reflect.getPrototypeOf(v); return pr !== Object.prototype && pr !== Array.prototype; });
}
for (const [n, f] of [['callMe', mp.callMe], ['echo', mp.echo], ['retFn', mp.echo(function () {})]]) {
  if (typeof f !== 'function') continue;
  check(n + '.ctor', () => isHostGlobal(f.constructor('return this')()));
  check(n + '.ctor.ctor', () => isHostGlobal(f.constructor.constructor('return this')()));
  check(n + '.bind', () => isHostGlobal(f.bind(null).constructor('return this')()));
  check(n + '.src', () => /kept|HOST|module\.exports/.test(Function.prototype.toString.call(f)));
}
return verdict();
"#;
    let (_e, r) = plugin_probe("p-proto", body, &[]);
    assert_eq!(r, "blocked");
}

/// Writes through the live view cannot re-parent the host's export object or pollute the
/// host's Object.prototype (__proto__, constructor, setPrototypeOf, defineProperty).
/// Observed from host code afterwards. [mp-view] [no-route]
#[test]
fn plugin_cannot_pollute_host_prototypes_through_view() {
    let comp = plugin_comp_js(
        r#"
const mp = requireMiniProgram();
try { mp.__proto__ = { polluted: 'P' }; } catch (e) {}
try { mp['__proto__'] = { polluted: 'P' }; } catch (e) {}
try { mp.data.__proto__.polluted = 'P'; } catch (e) {}
try { mp.constructor = 'X'; } catch (e) {}
try { mp.constructor.prototype.polluted = 'P'; } catch (e) {}
try { Object.setPrototypeOf(mp, { polluted: 'P' }); } catch (e) {}
try { Object.defineProperty(mp, 'greeting', { get() { return globalThis; } }); } catch (e) {}
try { mp.__defineGetter__('greeting', () => 'G'); } catch (e) {}
try { mp.data.inner = JSON.parse('{"__proto__": {"polluted": "P"}}'); } catch (e) {}
return 'tried';
"#,
    );
    let page = host_page_js("return undefined;").replace(
        "go() { this.setData({ g: 'went' }); },",
        "go() { const ex = require('../../exportToPlugin.js'); const bad = []; \
         if (({}).polluted !== undefined) bad.push('Object.prototype'); \
         if (Object.getPrototypeOf(ex) !== Object.prototype) bad.push('exports.proto'); \
         if (ex.polluted !== undefined || ex.data.polluted !== undefined || (ex.data.inner && ex.data.inner.polluted !== undefined)) bad.push('polluted'); \
         if (typeof ex.greeting !== 'string') bad.push('greeting'); \
         this.setData({ g: bad.length ? 'LEAKED:' + bad.join('+') : 'blocked' }); },",
    );
    let e =
        launched("p-pollute", &[("plugin/components/pc/pc.js", &comp), ("miniprogram/pages/index/index.js", &page)]);
    assert_eq!(pr(&e), "tried");
    e.tap("#go").unwrap();
    assert_eq!(text_of(&e.page_html(), "go").as_deref(), Some("blocked"));
}

/// A plugin callback called by host code: `this`, `cb.caller`, `arguments.callee.caller`
/// must not lead into the host realm. [no-route]
#[test]
fn plugin_callback_caller_chain_stays_in_plugin() {
    let body = r#"
const mp = requireMiniProgram();
let ran = 0;
mp.callMe(function cb(x) {
  ran++;
  check('this', () => isHostGlobal(this) || (this && this.greeting === 'hello-from-host'));
  check('caller', () => { const c = cb.caller; return typeof c === 'function' && (isHostGlobal(c.constructor('return this')()) || /kept|cb\(arg\)/.test(String(c))); });
  check('callee.caller', () => { const c = arguments.callee.caller; return typeof c === 'function' && (isHostGlobal(c.constructor('return this')()) || /kept|cb\(arg\)/.test(String(c))); });
  check('chain', () => { let c = cb.caller; for (let i = 0; i < 10 && c; i++) { if (/cb\(arg\)|HOST|kept/.test(String(c))) return 'host-source'; c = c.caller; } return false; });
}, 1);
check('ran', () => ran !== 1);
return verdict();
"#;
    let (_e, r) = plugin_probe("p-caller", body, &[]);
    assert_eq!(r, "blocked");
}

/// Getters on objects the plugin passes run in the plugin, once, at the crossing; the host
/// keeps data, not live getters. Mutations after passing are not seen. [copies]
#[test]
fn plugin_arguments_are_copied_not_shared() {
    let body = r#"
const mp = requireMiniProgram();
let calls = 0;
const o = { a: 1, list: [1], get g() { calls++; return typeof hostGlobal; } };
mp.keep(o);
o.a = 2; o.list.push(2);
const k = mp.kept();
check('mutation', () => k.a !== 1 || k.list.length !== 1);
check('getter-realm', () => k.g !== 'undefined');
check('getter-live', () => { mp.kept(); mp.kept(); return calls !== 1; });
check('same', () => mp.kept() === o);
return verdict();
"#;
    let (_e, r) = plugin_probe("p-copy", body, &[]);
    assert_eq!(r, "blocked");
}

/// toString / valueOf / Symbol.toPrimitive of a plugin object handed to host code run as
/// plugin functions and never get a host object as `this`. [copies] [no-route]
#[test]
fn plugin_to_primitive_tricks_do_not_reach_host_objects() {
    let body = r#"
const mp = requireMiniProgram();
const got = [];
const arg = { toString() { got.push(this); return 'S'; }, valueOf() { got.push(this); return 1; } };
try { mp.echo(arg); mp.callMe((x) => String(x), arg); } catch (e) {}
for (const t of got) {
  check('this', () => isHostGlobal(t) || (t && isHostGlobal(t.constructor.constructor('return this')())));
}
check('String(view)', () => { try { return /host/.test(String(mp)); } catch (e) { return false; } });
check('view.toString', () => typeof mp.toString === 'function');
return verdict();
"#;
    let (_e, r) = plugin_probe("p-toprim", body, &[]);
    assert_eq!(r, "blocked");
}

/// An Error thrown by a host export function reaches the plugin as a plugin-realm error
/// with the message only: no host function, no host Function constructor. [no-route]
#[test]
fn plugin_host_exceptions_carry_nothing_of_the_host() {
    let body = r#"
const mp = requireMiniProgram();
try { mp.thrower(); return 'no-throw'; } catch (e) {
  check('fn', () => typeof e.fn === 'function' && isHostGlobal(e.fn()));
  check('ctor', () => isHostGlobal(e.constructor.constructor('return this')()));
}
return verdict();
"#;
    let (_e, r) = plugin_probe("p-throw", body, &[]);
    assert_eq!(r, "blocked");
}

/// Storage is partitioned: the host's key is invisible to the plugin; the plugin writing
/// the same key does not change the host's value. [realms]
#[test]
fn plugin_cannot_read_or_overwrite_host_storage() {
    let comp = plugin_comp_js(
        r#"
check('get', () => wx.getStorageSync('hk'));
wx.setStorageSync('hk', 'PLUGIN_OVERWRITE');
wx.removeStorageSync('hk');
wx.setStorageSync('hk', 'PLUGIN_OVERWRITE');
return verdict();
"#,
    );
    let page = host_page_js("return undefined;")
        .replace("go() { this.setData({ g: 'went' }); },", "go() { this.setData({ g: String(wx.getStorageSync('hk')) + ':' + wx.getStorageInfoSync().keys.join('+') }); },");
    let e =
        launched("p-storage", &[("plugin/components/pc/pc.js", &comp), ("miniprogram/pages/index/index.js", &page)]);
    assert_eq!(pr(&e), "blocked");
    e.tap("#go").unwrap();
    assert_eq!(text_of(&e.page_html(), "go").as_deref(), Some("HOST_STORE:hk"));
}

/// wx in plugin code has no storage-info / clear APIs (absent, as on a phone), and canIUse
/// agrees. [api]
#[test]
fn plugin_wx_lacks_host_only_storage_apis() {
    let body = r#"
for (const n of ['getStorageInfoSync', 'getStorageInfo', 'clearStorageSync', 'clearStorage']) {
  check(n, () => typeof wx[n] !== 'undefined' || n in wx);
  check('canIUse.' + n, () => wx.canIUse(n));
}
return verdict();
"#;
    let (_e, r) = plugin_probe("p-absent", body, &[]);
    assert_eq!(r, "blocked");
}

/// Patching the plugin's own wx and built-in prototypes does not affect host code. [realms]
#[test]
fn plugin_patching_its_wx_and_prototypes_does_not_touch_host() {
    let comp = plugin_comp_js(
        r#"
wx.getStorageSync = () => 'HIJACKED';
wx.showToast = () => 'HIJACKED';
Object.prototype.polluted = 'P';
Array.prototype.join = function () { return 'POISONED'; };
String.prototype.toUpperCase = function () { return 'POISONED'; };
return 'patched';
"#,
    );
    let page = host_page_js("return undefined;").replace(
        "go() { this.setData({ g: 'went' }); },",
        "go() { const bad = []; if (wx.getStorageSync('hk') !== 'HOST_STORE') bad.push('wx'); if (({}).polluted) bad.push('Object'); \
         if ([1, 2].join('-') !== '1-2') bad.push('Array'); if ('a'.toUpperCase() !== 'A') bad.push('String'); if (JSON.stringify(1) !== '1') bad.push('JSON'); \
         this.setData({ g: bad.length ? 'LEAKED:' + bad.join('+') : 'blocked' }); },",
    );
    let e = launched("p-patch", &[("plugin/components/pc/pc.js", &comp), ("miniprogram/pages/index/index.js", &page)]);
    assert_eq!(pr(&e), "patched");
    e.tap("#go").unwrap();
    assert_eq!(text_of(&e.page_html(), "go").as_deref(), Some("blocked"));
}

/// clearTimeout / clearInterval of every plausible id from the plugin does not cancel a
/// host timer. [realms]
#[test]
fn plugin_cannot_clear_host_timers() {
    let comp = plugin_comp_js("return 'waiting';").replace(
        "methods: {",
        "methods: { clearAll() { for (let i = 0; i < 2000; i++) { clearTimeout(i); clearInterval(i); } this.setData({ t: 'cleared' }); },",
    );
    let page = host_page_js("setTimeout(() => this.setData({ r: 'fired' }), 100); return 'waiting';");
    let e = launched(
        "p-timers",
        &[
            ("plugin/components/pc/pc.js", &comp),
            ("miniprogram/pages/index/index.js", &page),
            (
                "plugin/components/pc/pc.wxml",
                r#"<view id="pr">{{r}}</view><view id="clear" bindtap="clearAll">{{t}}</view>"#,
            ),
        ],
    );
    e.tap("#pc >>> #clear").unwrap();
    assert_eq!(text_of(&e.page_html(), "clear").as_deref(), Some("cleared"));
    e.advance(200.0);
    assert_eq!(hr(&e), "fired");
}

/// Page-only APIs called from a plugin component on a host page fail with an errMsg and
/// have no effect (no navigation, no title change). [api]
#[test]
fn plugin_page_only_apis_fail_on_host_page() {
    let comp = plugin_comp_js(
        r#"
const self = this;
const msgs = [];
const done = (e) => { msgs.push(e.errMsg); if (msgs.length === 3) self.setData({ r: msgs.join('|') }); };
wx.setNavigationBarTitle({ title: 'PWNED', success: done, fail: done });
wx.navigateTo({ url: 'plugin-private://wx5a3c1e7f9b2d4086/pages/pp/pp', success: done, fail: done });
wx.redirectTo({ url: '/pages/index/index', success: done, fail: done });
return 'pending';
"#,
    );
    let e = launched("p-pageonly", &[("plugin/components/pc/pc.js", &comp)]);
    let r = pr(&e);
    let parts: Vec<&str> = r.split('|').collect();
    assert_eq!(parts.len(), 3, "{r}");
    assert!(parts.iter().all(|m| m.contains(":fail")), "{r}");
    assert!(text_of(&e.page_html(), "hr").is_some(), "still on the host page: {}", e.page_html());
    assert!(!console_text(&e).contains("PWNED"));
}

/// require() of host files from plugin code by relative, absolute and bare paths. [roots]
#[test]
fn plugin_cannot_require_host_files() {
    let body = r#"
for (const path of ['../../../miniprogram/app.js', '../../../miniprogram/exportToPlugin', '/../miniprogram/app.js', 'miniprogram/exportToPlugin', '../../../miniprogram/pages/index/index']) {
  check(path, () => { const m = require(path); return m && (m.greeting || Object.keys(m).length > 0); });
}
check('hostGlobal', () => typeof hostGlobal !== 'undefined');
return verdict();
"#;
    let (_e, r) = plugin_probe("p-require", body, &[]);
    assert_eq!(r, "blocked");
}

/// requirePlugin at the top of a plugin file returns undefined; later it gives nothing of
/// the host either. [roots]
#[test]
fn plugin_require_plugin_at_top_is_undefined() {
    let comp = plugin_comp_js(
        "check('own', () => { try { return requirePlugin('myPlugin') !== undefined; } catch (e) { return false; } }); \
         check('appid', () => { try { return requirePlugin('wx5a3c1e7f9b2d4086') !== undefined; } catch (e) { return false; } }); \
         return verdict() + ':' + topA + ':' + topB;",
    );
    let comp = format!(
        "const topA = typeof requirePlugin('myPlugin');\nconst topB = typeof requirePlugin('{APPID}');\n{comp}"
    );
    let e = launched("p-reqplugin", &[("plugin/components/pc/pc.js", &comp)]);
    assert_eq!(pr(&e), "blocked:undefined:undefined", "{:?}", e.take_diagnostics());
}

/// wx.createSelectorQuery() in a plugin component on a host page must not read host page
/// nodes (ids, datasets, attributes), with or without `>>>`. [select] [no-route]
#[test]
fn plugin_wx_selector_query_does_not_read_host_page() {
    let comp = plugin_comp_js(
        r#"
const self = this;
const q = wx.createSelectorQuery();
q.select('#hsecret').fields({ id: true, dataset: true, properties: ['class'] });
q.selectAll('.hs').fields({ dataset: true });
q.exec((res) => {
  const s = JSON.stringify(res);
  self.setData({ r: /HOST_DOM_SECRET|hsecret/.test(s) ? 'LEAKED:' + s.replace(/[^\w]/g, '_') : 'blocked' });
});
return 'pending';
"#,
    );
    let e = launched("p-wxquery", &[("plugin/components/pc/pc.js", &comp)]);
    assert_eq!(pr(&e), "blocked");
}

/// this.createSelectorQuery().in({__id: pageId}) with a forged scope must not read host
/// page nodes. [select] [no-route]
#[test]
fn plugin_forged_selector_scope_does_not_read_host_page() {
    let comp = plugin_comp_js(
        r#"
const self = this;
const page = Number(this.getPageId().split(':')[1]);
const res = [];
// One query per forged scope (a query has a single scope, read at exec time).
this.createSelectorQuery().in({ __id: page }).select('#hsecret').fields({ id: true, dataset: true }, (r) => res.push(r)).exec();
for (let id = 1; id < 30; id++) this.createSelectorQuery().in({ __id: id }).selectAll('.hs').fields({ dataset: true }, (r) => res.push(r)).exec();
setTimeout(() => {
  const s = JSON.stringify(res);
  self.setData({ r: /HOST_DOM_SECRET/.test(s) ? 'LEAKED:forged-scope' : 'blocked' });
}, 0);
return 'pending';
"#,
    );
    let e = launched("p-forge-scope", &[("plugin/components/pc/pc.js", &comp)]);
    assert_eq!(pr(&e), "blocked");
}

/// setData with a forged `this` ({__id: the host page's id}) must not write host page
/// data. [no-route] [roots]
#[test]
fn plugin_forged_set_data_does_not_write_host_page() {
    let comp = plugin_comp_js(
        r#"
const page = Number(this.getPageId().split(':')[1]);
const own = this.__id;
try { this.setData.call({ __id: page, __def: this.__def, data: {} }, { r: 'PWNED', hostSecret: 'PWNED' }); } catch (e) {}
for (let id = 1; id < 30; id++) {
  if (id === own) continue;
  try { Object.getPrototypeOf(Object.getPrototypeOf(this)).setData.call({ __id: id, __def: this.__def, data: {} }, { r: 'PWNED' }); } catch (e) {}
}
return 'tried';
"#,
    );
    let page = host_page_js("return undefined;");
    let e = launched(
        "p-forge-setdata",
        &[("plugin/components/pc/pc.js", &comp), ("miniprogram/pages/index/index.js", &page)],
    );
    assert_eq!(pr(&e), "tried");
    assert_ne!(hr(&e), "PWNED", "{}", e.page_html());
}

/// triggerEvent with a forged `this` ({__id: a host component's id}) must not fire events
/// that host handlers receive as if from the host's own component. [roots]
#[test]
fn plugin_forged_trigger_event_does_not_reach_host_handlers() {
    let comp = plugin_comp_js(
        r#"
const own = this.__id;
for (let id = 1; id < 30; id++) {
  if (id === own) continue;
  try { this.triggerEvent.call({ __id: id }, 'evil', { x: 'PWNED' }, { bubbles: true, composed: true }); } catch (e) {}
}
return 'tried';
"#,
    );
    let page = host_page_js("return undefined;")
        .replace("go() {", "onEvil(e) { this.setData({ r: 'evil:' + e.detail.x }); },\n go() {");
    let e = launched(
        "p-forge-event",
        &[
            ("plugin/components/pc/pc.js", &comp),
            ("miniprogram/pages/index/index.js", &page),
            (
                "miniprogram/pages/index/index.json",
                r#"{"usingComponents":{"pc":"plugin://myPlugin/pc","hc":"/components/hc/hc"}}"#,
            ),
            (
                "miniprogram/pages/index/index.wxml",
                r#"<view id="hr">{{r}}</view><hc id="hc" bind:evil="onEvil"></hc><pc id="pc"></pc>"#,
            ),
            ("miniprogram/components/hc/hc.json", r#"{"component":true}"#),
            ("miniprogram/components/hc/hc.wxml", "<view>hc</view>"),
            ("miniprogram/components/hc/hc.js", "Component({})"),
        ],
    );
    assert_eq!(pr(&e), "tried");
    assert_ne!(hr(&e), "evil:PWNED", "{}", e.page_html());
}

/// selectOwnerComponent from a plugin component on a host page does not return the host
/// page instance. [pages] [select]
#[test]
fn plugin_select_owner_component_is_not_host_page() {
    let body = r#"
const o = this.selectOwnerComponent();
check('owner', () => o && (o.data || o.setData));
return verdict();
"#;
    let (_e, r) = plugin_probe("p-owner", body, &[]);
    assert_eq!(r, "blocked");
}

/// Event details sent to the host lose their functions (and toJSON runs in the plugin,
/// once); the host handler never holds a plugin function. [copies]
#[test]
fn plugin_event_detail_cannot_smuggle_functions() {
    let comp = plugin_comp_js(
        "this.triggerEvent('ping', { fn: function () { return globalThis; }, list: [function () {}], n: 1 }); return 'sent';",
    );
    let page = host_page_js("return undefined;").replace(
        "onPing(e) { this.setData({ r: 'ping:' + JSON.stringify(e.detail) }); }",
        "onPing(e) { const d = e.detail; this.setData({ r: (typeof d.fn === 'function' || (d.list && typeof d.list[0] === 'function')) ? 'LEAKED:fn' : 'blocked:' + d.n }); }",
    );
    let e = launched("p-detail", &[("plugin/components/pc/pc.js", &comp), ("miniprogram/pages/index/index.js", &page)]);
    assert_eq!(hr(&e), "blocked:1", "{}", e.page_html());
}

/// A plugin template including or importing a host template must not render host template
/// content. [roots]
#[test]
fn plugin_template_cannot_include_host_templates() {
    let dir = project(
        "p-include",
        &[
            (
                "miniprogram/secret.wxml",
                r#"<template name="sec"><text>HOST_TEMPLATE_SECRET</text></template><text>HOST_INCLUDED_SECRET</text>"#,
            ),
            (
                "plugin/components/pc/pc.wxml",
                r#"<import src="../../../miniprogram/secret.wxml"/><include src="../../../miniprogram/secret.wxml"/><template is="sec"/><view id="pr">{{r}}</view>"#,
            ),
        ],
    );
    let (e, _) = engine_lax(&dir, Options::default());
    let _ = e.launch("pages/index/index", "");
    let html = e.page_html();
    assert!(!html.contains("HOST_TEMPLATE_SECRET") && !html.contains("HOST_INCLUDED_SECRET"), "{html}");
}

/// A plugin wxs module must not require a host wxs module — in particular not get the
/// host's cached module object and rewrite what host templates render. [roots] [realms]
#[test]
fn plugin_wxs_cannot_require_or_rewrite_host_wxs() {
    let dir = project(
        "p-wxs-require",
        &[
            (
                "miniprogram/utils/fmt.wxs",
                "module.exports = { secret: 'HOST_WXS_SECRET', fmt: function (s) { return 'host:' + s; } };",
            ),
            (
                "miniprogram/pages/index/index.wxml",
                r#"<wxs src="../../utils/fmt.wxs" module="f"/><view id="hr">{{f.fmt('x')}}</view><pc id="pc"></pc>"#,
            ),
            (
                "plugin/components/pc/pc.wxml",
                r#"<wxs module="pw">var s = 'blocked'; try { var h = require('../../../miniprogram/utils/fmt.wxs'); s = 'LEAKED:' + h.secret; h.fmt = function () { return 'PWNED'; }; } catch (e) {} module.exports = { s: s };</wxs><view id="pr">{{pw.s}}</view>"#,
            ),
        ],
    );
    let (e, _) = engine_lax(&dir, Options::default());
    e.launch("pages/index/index", "").unwrap();
    // Render the host page again after the plugin's wxs ran.
    e.set_data(None, &serde_json::json!({"r": 1})).unwrap();
    let html = e.page_html();
    assert_eq!(pr(&e), "blocked", "{html}");
    assert_eq!(hr(&e), "host:x", "{html}");
}

/// A plugin component must not use a host component through a path in usingComponents
/// (the host component's code would run for the plugin). [roots]
#[test]
fn plugin_cannot_use_host_component_by_path() {
    let dir = project(
        "p-using-host",
        &[
            ("miniprogram/components/hc/hc.json", r#"{"component":true}"#),
            ("miniprogram/components/hc/hc.wxml", "<text>HOST_COMPONENT_RENDERED</text>"),
            (
                "miniprogram/components/hc/hc.js",
                "Component({ lifetimes: { attached() { console.log('HOST_COMPONENT_CODE_RAN'); } } })",
            ),
            (
                "plugin/components/pc/pc.json",
                r#"{"component":true,"usingComponents":{"hc":"../../../miniprogram/components/hc/hc"}}"#,
            ),
            ("plugin/components/pc/pc.wxml", r#"<view id="pr">{{r}}</view><hc></hc>"#),
        ],
    );
    let (e, diags) = engine_lax(&dir, Options::default());
    assert!(diags.iter().any(|d| d.is_error() && d.path.starts_with("plugin/")), "{diags:?}");
    let _ = e.launch("pages/index/index", "");
    let html = e.page_html();
    assert!(!html.contains("HOST_COMPONENT_RENDERED"), "{html}");
    assert!(!console_text(&e).contains("HOST_COMPONENT_CODE_RAN"));
}

/// Plugin pages navigate only with plugin-private:// to listed pages: host routes, relative
/// climbs and `..` inside plugin-private URLs all fail. [roots] [api]
#[test]
fn plugin_page_cannot_navigate_to_host_pages() {
    let pp = format!(
        "Page({{ data: {{ r: '' }}, go() {{ const self = this; const msgs = []; \
         const done = (e) => {{ msgs.push(e.errMsg.indexOf(':fail') >= 0 ? 'fail' : 'OK'); if (msgs.length === 3) self.setData({{ r: msgs.join(',') }}); }}; \
         wx.navigateTo({{ url: '/pages/index/index', success: done, fail: done }}); \
         wx.navigateTo({{ url: '../../../miniprogram/pages/index/index', success: done, fail: done }}); \
         wx.navigateTo({{ url: 'plugin-private://{APPID}/../miniprogram/pages/index/index', success: done, fail: done }}); }} }});"
    );
    let e = launched(
        "p-navigate",
        &[("plugin/pages/pp/pp.js", &pp), ("plugin/pages/pp/pp.wxml", r#"<view id="ppr" bindtap="go">{{r}}</view>"#)],
    );
    e.launch("plugin://myPlugin/pp", "").unwrap();
    e.tap("#ppr").unwrap();
    assert_eq!(text_of(&e.page_html(), "ppr").as_deref(), Some("fail,fail,fail"), "{}", e.page_html());
}

/// A runaway loop in a plugin component handler is stopped with a js-timeout naming the
/// plugin file, and the host page keeps working. [limits]
#[test]
fn plugin_runaway_loop_is_stopped_and_host_keeps_working() {
    let comp = plugin_comp_js("return 'idle';")
        .replace("tapped() { this.setData({ t: 'tapped' }); }", "tapped() {\n while (true) {}\n }");
    let e = launched("p-loop", &[("plugin/components/pc/pc.js", &comp)]);
    let started = std::time::Instant::now();
    e.tap("#pc >>> #ptap").unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    let diags = e.take_diagnostics();
    assert!(diags.iter().any(|d| d.code == "js-timeout" && d.path == "plugin/components/pc/pc.js"), "{diags:?}");
    e.tap("#go").unwrap();
    assert_eq!(text_of(&e.page_html(), "go").as_deref(), Some("went"));
}

/// A 1 GB allocation in plugin code is refused with a clear error naming the plugin file,
/// and the host keeps working. [limits]
#[test]
fn plugin_one_gigabyte_allocation_is_stopped() {
    let comp = plugin_comp_js("return 'idle';").replace(
        "tapped() { this.setData({ t: 'tapped' }); }",
        "tapped() {\n globalThis.big = new ArrayBuffer(1024 * 1024 * 1024);\n this.setData({ t: 'ALLOCATED' });\n }",
    );
    let e = launched("p-1gb", &[("plugin/components/pc/pc.js", &comp)]);
    e.tap("#pc >>> #ptap").unwrap();
    assert!(!e.page_html().contains("ALLOCATED"));
    let diags = e.take_diagnostics();
    assert!(
        diags
            .iter()
            .any(|d| (d.code == "js-out-of-memory" || d.code == "js-exception")
                && d.path == "plugin/components/pc/pc.js"),
        "{diags:?}"
    );
    e.tap("#go").unwrap();
    assert_eq!(text_of(&e.page_html(), "go").as_deref(), Some("went"));
}

/// Plugin code that grows a global until the runtime's memory runs out, keeping it alive,
/// must not leave the host unable to run. [limits]
#[test]
fn plugin_memory_hog_does_not_starve_host() {
    let comp = plugin_comp_js("return 'idle';").replace(
        "tapped() { this.setData({ t: 'tapped' }); }",
        "tapped() {\n globalThis.hog = []; for (;;) globalThis.hog.push(new Array(1 << 18).fill(7));\n }",
    );
    let page = host_page_js("return undefined;")
        .replace("go() { this.setData({ g: 'went' }); },", "go() { const a = []; for (let i = 0; i < 2000; i++) a.push({ i, s: 'x' + i }); this.setData({ g: 'went:' + a.length }); },");
    let dir = project("p-hog", &[("plugin/components/pc/pc.js", &comp), ("miniprogram/pages/index/index.js", &page)]);
    let (e, _) = engine_lax(
        &dir,
        Options { memory_limit: 64 << 20, script_budget: std::time::Duration::from_secs(5), ..Options::default() },
    );
    e.launch("pages/index/index", "").unwrap();
    e.tap("#pc >>> #ptap").unwrap();
    let diags = e.take_diagnostics();
    assert!(diags.iter().any(|d| d.code == "js-out-of-memory"), "{diags:?}");
    e.tap("#go").unwrap();
    assert_eq!(text_of(&e.page_html(), "go").as_deref(), Some("went:2000"), "{:?}", e.take_diagnostics());
}
