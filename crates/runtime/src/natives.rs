//! The functions a realm's framework calls on the Rust side, and the one place a realm is
//! set up: natives object → framework.js → the `wx` API areas → hooks kept for Rust.
//!
//! Natives are handed to the framework as an argument and never become globals, so
//! project code cannot reach them. Rust errors become JS exceptions here and nowhere else.

use crate::engine::{ConsoleLine, DefInfo, RealmId, Shared};
use crate::js_error::{frames, JsFailure};
use crate::{events, modules, navigation, plugin, select};
use mpsim_base::{Diagnostic, Severity};
use rquickjs::prelude::Opt;
use rquickjs::{Ctx, Exception, Function, Object, Persistent};
use std::rc::{Rc, Weak};

const FRAMEWORK: &str = include_str!("js/framework.js");

/// The `wx` API areas, installed in order, each `(function (native, wx, framework) {…})`.
const WX_AREAS: &[(&str, &str)] = &[
    ("base", include_str!("js/wx/base.js")),
    ("storage", include_str!("js/wx/storage.js")),
    ("route", include_str!("js/wx/route.js")),
    ("ui", include_str!("js/wx/ui.js")),
    ("account", include_str!("js/wx/account.js")),
    ("network", include_str!("js/wx/network.js")),
    ("device", include_str!("js/wx/device.js")),
    ("animation", include_str!("js/wx/animation.js")),
];

/// Answers every table name no area defined (`NAME:fail not supported in mpsim`); runs
/// after the areas and before the plugin realm is trimmed.
const UNSUPPORTED: &str = include_str!("js/wx/unsupported.js");

/// Trims the plugin realm's `wx` to the plugin API table.
const PLUGIN_LIMITS: &str = include_str!("js/plugin_limits.js");

fn throw(ctx: &Ctx<'_>, message: impl AsRef<str>) -> rquickjs::Error {
    Exception::throw_message(ctx, message.as_ref())
}

/// Whether instance `id` belongs to the caller's realm. Instance ids are plain numbers in
/// JS, so a forged `this` could name the other realm's instances: those are treated exactly
/// like ids that do not exist (nothing happens, nothing is found), which also tells the
/// caller nothing about what exists on the other side.
fn own(sh: &Shared, realm: RealmId, id: u32) -> bool {
    sh.state.borrow().instances.get(&id).is_some_and(|i| i.realm == realm)
}

/// Sets up `realm`'s framework and `wx`, returning the hooks Rust calls.
pub fn install(ctx: &Ctx<'_>, shared: &Rc<Shared>, realm: RealmId) -> Result<Persistent<Object<'static>>, JsFailure> {
    let fail = |e| JsFailure::from_error(ctx, e);
    let native = natives(ctx, Rc::downgrade(shared), realm).map_err(fail)?;
    let opts = |name: &str| {
        let mut o = rquickjs::context::EvalOptions::default();
        o.strict = false;
        o.filename = Some(format!("<mpsim>/{name}"));
        o
    };
    let framework: Function = ctx.eval_with_options(FRAMEWORK, opts("framework.js")).map_err(fail)?;
    let hooks: Object = framework.call((native.clone(),)).map_err(fail)?;
    let wx = Object::new(ctx.clone()).map_err(fail)?;
    for (name, source) in WX_AREAS {
        let area: Function = ctx.eval_with_options(*source, opts(&format!("wx/{name}.js"))).map_err(fail)?;
        area.call::<_, ()>((native.clone(), wx.clone(), hooks.clone())).map_err(fail)?;
    }
    let unsupported: Function = ctx.eval_with_options(UNSUPPORTED, opts("wx/unsupported.js")).map_err(fail)?;
    let filled: String =
        unsupported.call((native.clone(), wx.clone(), hooks.clone(), crate::wx_api::rows_json())).map_err(fail)?;
    let filled: Vec<String> = serde_json::from_str(&filled).unwrap_or_default();
    shared.state.borrow_mut().wx_filled.insert(realm, filled);
    if shared.realms.borrow()[realm].kind == mpsim_project::Realm::Plugin {
        let limits: Function = ctx.eval_with_options(PLUGIN_LIMITS, opts("plugin_limits.js")).map_err(fail)?;
        limits
            .call::<_, ()>((native.clone(), wx.clone(), hooks.clone(), crate::plugin_api::table_json()))
            .map_err(fail)?;
    }
    ctx.globals().set("wx", wx).map_err(fail)?;
    // The app service's `global`: bundled npm code (webpack's `global.btoa`, weui's icon)
    // reads it. It is the realm's own global object, so realms still share nothing.
    ctx.globals().set("global", ctx.globals()).map_err(fail)?;
    Ok(Persistent::save(ctx, hooks))
}

fn natives<'js>(ctx: &Ctx<'js>, shared: Weak<Shared>, realm: RealmId) -> rquickjs::Result<Object<'js>> {
    let native = Object::new(ctx.clone())?;
    macro_rules! native_fn {
        ($name:literal, |$ctx:ident, $sh:ident $(, $arg:ident : $ty:ty)*| $body:expr) => {{
            let weak = shared.clone();
            native.set(
                $name,
                Function::new(ctx.clone(), move |$ctx: Ctx<'js>, $($arg: $ty),*| {
                    let Some($sh) = weak.upgrade() else { return Err(throw(&$ctx, "the simulator has shut down")) };
                    let _ = (&$ctx, &$sh);
                    let result = $body;
                    result
                })?,
            )?;
        }};
    }

    native_fn!("log", |ctx, sh, level: String, text: String, stack: String| {
        let location = frames(&stack).into_iter().next().map(|f| {
            let (line, col) = modules::original_position(&sh, &f.file, f.line, f.col).unwrap_or((f.line, f.col));
            format!("{}:{line}:{col}", f.file)
        });
        sh.state.borrow_mut().console.push(ConsoleLine { realm, level, text, location });
        Ok(())
    });
    native_fn!("reportError", |ctx, sh, message: String, stack: String| {
        sh.report_failure(realm, &JsFailure::new(message, stack), "app.js");
        Ok(())
    });
    // A call of a wx API mpsim does not simulate: one warning per API per run, at the
    // innermost project frame of the caller.
    native_fn!("unsupported", |ctx, sh, name: String, stack: String| {
        if !sh.state.borrow_mut().unsupported_reported.insert(name.clone()) {
            return Ok(());
        }
        let message = format!("wx.{name} is not supported in mpsim: it answers {name}:fail not supported in mpsim");
        let d = match frames(&stack).into_iter().next() {
            Some(f) => {
                let (line, col) = modules::original_position(&sh, &f.file, f.line, f.col).unwrap_or((f.line, f.col));
                Diagnostic { path: f.file, line, col, severity: Severity::Warning, message, code: "wx-unsupported" }
            }
            None => {
                let root = sh.realm_root(realm);
                let file = if root.is_empty() { "app.js".to_string() } else { format!("{root}/app.js") };
                Diagnostic::file(file, Severity::Warning, "wx-unsupported", message)
            }
        };
        sh.state.borrow_mut().report(d);
        Ok(())
    });
    native_fn!("launchOptions", |ctx, sh| Ok(sh.state.borrow().launch_options.clone()));
    native_fn!("setTimer", |ctx, sh, delay: f64, repeat: bool| {
        Ok(sh.state.borrow_mut().timers.add(realm, delay, repeat))
    });
    native_fn!("clearTimer", |ctx, sh, id: u32| {
        sh.state.borrow_mut().timers.clear(id);
        Ok(())
    });
    native_fn!("requestFlush", |ctx, sh| {
        sh.state.borrow_mut().flush_requested = true;
        Ok(())
    });
    native_fn!("resolve", |ctx, sh, from: String, request: String| {
        Ok(modules::resolve(&sh.project, &sh.realm_root(realm), &from, &request))
    });
    native_fn!("join", |ctx, sh, base: String, rel: String| {
        let _ = sh;
        Ok(modules::join(&base, &rel))
    });
    native_fn!("readText", |ctx, sh, path: String| {
        if !modules::in_realm(&sh.realm_root(realm), &path) {
            return Err(throw(&ctx, format!("{path} is outside this realm")));
        }
        sh.project.read_text(&path).ok_or_else(|| throw(&ctx, format!("cannot read {path}")))
    });
    native_fn!("compile", |ctx, sh, path: String| {
        if !modules::in_realm(&sh.realm_root(realm), &path) {
            return Err(throw(&ctx, format!("{path} is outside this realm")));
        }
        let source = sh.project.read_text(&path).ok_or_else(|| throw(&ctx, format!("cannot read {path}")))?;
        modules::compile(&ctx, &sh, &path, &source)
    });
    native_fn!("defined", |ctx, sh, path: String, kind: String, info: String| {
        let v: serde_json::Value = serde_json::from_str(&info).unwrap_or_default();
        let def = DefInfo {
            is_page: kind == "page",
            multiple_slots: v["multipleSlots"].as_bool().unwrap_or(false),
            add_global_class: v["addGlobalClass"].as_bool().unwrap_or(false),
            style_isolation: v["styleIsolation"].as_str().map(str::to_string),
            external_classes: v["externalClasses"]
                .as_array()
                .map(|a| a.iter().filter_map(|c| c.as_str()).map(Rc::from).collect())
                .unwrap_or_default(),
        };
        sh.state.borrow_mut().defs.insert((realm, Rc::from(path.as_str())), Rc::new(def));
        Ok(())
    });
    native_fn!("setData", |ctx, sh, id: u32, payload: String| {
        if !own(&sh, realm, id) {
            return Ok(());
        }
        sh.apply_set_data(id, &payload).map_err(|e| throw(&ctx, e))
    });
    native_fn!("triggerEvent", |ctx,
                                sh,
                                id: u32,
                                name: String,
                                detail: String,
                                bubbles: bool,
                                composed: bool,
                                capture: bool| {
        if !own(&sh, realm, id) {
            return Ok(());
        }
        let detail: serde_json::Value = serde_json::from_str(&detail).unwrap_or_default();
        events::trigger(&sh, &ctx, id, &name, detail, events::Flags { bubbles, composed, capture });
        Ok(())
    });
    native_fn!("selectComponents", |ctx, sh, id: u32, selector: String, all: bool| {
        if !own(&sh, realm, id) {
            return Ok(Vec::new());
        }
        let st = sh.state.borrow();
        Ok(select::select_components(&st, id, &selector, all, false))
    });
    // `wx.createSelectorQuery()` (no component) selects in the current page, and only
    // when that page belongs to the caller's realm.
    native_fn!("queryNodes", |ctx, sh, id: i64, selector: String, all: bool| {
        let st = sh.state.borrow();
        let scope = if id < 0 { st.stack.last().map(|p| p.instance) } else { Some(id as u32) };
        let scope = scope.filter(|s| st.instances.get(s).is_some_and(|i| i.realm == realm));
        Ok(scope.map(|s| select::query_nodes(&st, s, &selector, all)).unwrap_or_else(|| "[]".into()))
    });
    native_fn!("ownerOf", |ctx, sh, id: u32| {
        if !own(&sh, realm, id) {
            return Ok(-1);
        }
        let st = sh.state.borrow();
        // The owner only when it is of the same realm (a plugin component's owner may be a host page).
        Ok(st
            .instances
            .get(&id)
            .and_then(|i| i.parent)
            .filter(|p| st.instances.get(p).is_some_and(|o| o.realm == realm))
            .map(i64::from)
            .unwrap_or(-1))
    });
    native_fn!("pageOf", |ctx, sh, id: u32| {
        if !own(&sh, realm, id) {
            return Ok(0);
        }
        Ok(sh.state.borrow().instances.get(&id).map(|i| i.page).unwrap_or(0))
    });
    // The page stack as [{id, route}]: the host sees every page (plugin pages by route
    // only), a plugin sees its own pages.
    native_fn!("currentPages", |ctx, sh| {
        let st = sh.state.borrow();
        let pages: Vec<serde_json::Value> = st
            .stack
            .iter()
            .filter(|p| st.instances.get(&p.instance).is_some_and(|i| i.realm == realm || realm == crate::engine::HOST))
            .map(|p| serde_json::json!({ "id": p.instance, "route": p.route }))
            .collect();
        Ok(serde_json::Value::Array(pages).to_string())
    });
    native_fn!("onPluginPage", |ctx, sh| {
        let st = sh.state.borrow();
        Ok(st.stack.last().and_then(|p| st.instances.get(&p.instance)).is_some_and(|i| i.realm == realm))
    });
    native_fn!("pageOnlyError", |ctx, sh| Ok(crate::plugin_api::PAGE_ONLY_ERROR));
    native_fn!("functionalPage", |ctx, sh, api: String| {
        Ok(if realm == crate::engine::HOST { "success".to_string() } else { sh.functional_outcome(&api) })
    });
    native_fn!("realmKind", |ctx, sh| {
        Ok(if sh.realms.borrow()[realm].kind == mpsim_project::Realm::Plugin { "plugin" } else { "host" })
    });
    native_fn!("pluginExports", |ctx, sh, name: String, top: bool| {
        plugin::plugin_exports(&sh, &ctx, realm, &name, top)
    });
    native_fn!("hostExports", |ctx, sh| plugin::host_exports(&sh, &ctx, realm));
    native_fn!("foreignGet", |ctx, sh, target: usize, id: u32, key: String| {
        plugin::check_target(&sh, &ctx, realm, target)?;
        sh.hook::<_, String>(&ctx, target, "membraneGet", (id, key)).map_err(|f| throw(&ctx, f.message))
    });
    native_fn!("foreignHas", |ctx, sh, target: usize, id: u32, key: String| {
        plugin::check_target(&sh, &ctx, realm, target)?;
        sh.hook::<_, bool>(&ctx, target, "membraneHas", (id, key)).map_err(|f| throw(&ctx, f.message))
    });
    native_fn!("foreignKeys", |ctx, sh, target: usize, id: u32| {
        plugin::check_target(&sh, &ctx, realm, target)?;
        sh.hook::<_, String>(&ctx, target, "membraneKeys", (id,)).map_err(|f| throw(&ctx, f.message))
    });
    native_fn!("foreignSet", |ctx, sh, target: usize, id: u32, key: String, wire: String| {
        plugin::check_target(&sh, &ctx, realm, target)?;
        sh.hook::<_, ()>(&ctx, target, "membraneSet", (id, key, wire, realm)).map_err(|f| throw(&ctx, f.message))
    });
    native_fn!("foreignCall", |ctx, sh, target: usize, id: u32, this: u32, args: String| {
        plugin::check_target(&sh, &ctx, realm, target)?;
        sh.hook::<_, String>(&ctx, target, "membraneCall", (id, this, args, realm)).map_err(|f| {
            // The failure belongs to the realm whose code failed; the caller gets a copy.
            sh.report_failure(target, &f, "app.js");
            throw(&ctx, f.message)
        })
    });
    native_fn!("storageSet", |ctx, sh, key: String, json: String| {
        sh.state.borrow_mut().storage.set(realm, &key, json).map_err(|e| throw(&ctx, e))
    });
    native_fn!("storageGet", |ctx, sh, key: String| Ok(sh.state.borrow().storage.get(realm, &key)));
    native_fn!("storageRemove", |ctx, sh, key: String| {
        sh.state.borrow_mut().storage.remove(realm, &key);
        Ok(())
    });
    native_fn!("storageClear", |ctx, sh| {
        sh.state.borrow_mut().storage.clear(realm);
        Ok(())
    });
    native_fn!("storageKeys", |ctx, sh| Ok(sh.state.borrow().storage.keys(realm)));
    native_fn!("storageSize", |ctx, sh| Ok(sh.state.borrow().storage.size(realm) as f64));
    native_fn!("navigate", |ctx, sh, kind: String, url: String, delta: Opt<u32>| {
        Ok(navigation::request(&sh, realm, &kind, &url, delta.0.unwrap_or(1)).err().unwrap_or_default())
    });
    // wx.request: starts the request on a worker thread; the result comes back through
    // the framework's `httpDone` hook when the engine settles.
    native_fn!("httpStart", |ctx, sh, options: String| {
        let options: crate::network::RequestOptions =
            serde_json::from_str(&options).map_err(|e| throw(&ctx, format!("request:fail {e}")))?;
        let host_appid = crate::identity::host_appid(&sh.project);
        let token = (sh.realms.borrow()[realm].kind == mpsim_project::Realm::Plugin)
            .then(|| sh.project.settings.plugin_token.clone().unwrap_or_default());
        sh.network
            .borrow_mut()
            .start(realm, options, &host_appid, token.as_deref())
            .map_err(|e| throw(&ctx, format!("request:fail {e}")))
    });
    native_fn!("ui", |ctx, sh, kind: String, json: String| {
        sh.state.borrow_mut().ui_calls.push(crate::engine::UiCall { realm, api: kind, options: json });
        Ok(())
    });
    native_fn!("systemInfo", |ctx, sh| {
        let custom = sh.project.app.window.get("navigationStyle").and_then(|v| v.as_str()) == Some("custom");
        Ok(sh.options.device.system_info(custom).to_string())
    });
    native_fn!("accountInfo", |ctx, sh| { Ok(crate::identity::account_info(&sh.project, realm).to_string()) });
    Ok(native)
}
