//! The page stack: launching the app, opening pages with their lifecycle order, and the
//! routing APIs (`navigateTo`, `redirectTo`, `navigateBack`, `reLaunch`, `switchTab`).
//!
//! Routing calls from JS are validated at once and carried out after the current call
//! returns, as on a phone (the API's callbacks run after the new page is shown).

use crate::engine::{InstanceId, PageEntry, Shared, HOST};
use mpsim_base::{Diagnostic, Severity, Value};
use rquickjs::Ctx;

/// WeChat keeps at most ten pages in the stack.
pub const MAX_STACK: usize = 10;

#[derive(Clone, Debug, PartialEq)]
pub enum NavKind {
    NavigateTo,
    RedirectTo,
    NavigateBack(u32),
    ReLaunch,
    SwitchTab,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NavRequest {
    pub kind: NavKind,
    pub target: Target,
}

/// A page to open: its route as the stack shows it, its definition path, its query.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Target {
    /// `pages/a/a` for host pages, `plugin-private://APPID/pages/x` for plugin pages.
    pub route: String,
    /// Project-relative path of the page's files, without extension.
    pub path: String,
    pub query: Vec<(String, String)>,
}

/// `a=1&b=2` → pairs, as written (WeChat does not decode them).
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|kv| match kv.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (kv.to_string(), String::new()),
        })
        .collect()
}

/// A page URL (absolute `/pages/a/a?x=1`, or relative to the current page) as a route
/// and a query.
pub fn parse_url(current_route: Option<&str>, url: &str) -> Option<(String, Vec<(String, String)>)> {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let route = if let Some(abs) = path.strip_prefix('/') {
        crate::modules::join("", abs)?
    } else {
        let dir = current_route.map(crate::modules::dirname).unwrap_or("");
        crate::modules::join(dir, path)?
    };
    Some((route, parse_query(query)))
}

/// Who is asking to open a URL; decides which URL forms are allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Caller {
    /// Host code: host routes and `plugin://REF/PAGE`.
    Host,
    /// Plugin code: only `plugin-private://APPID/PATH` (a phone rejects anything else).
    Plugin,
    /// The test driver and the command line: every form.
    Driver,
}

/// Resolves a page URL to the page it opens.
pub fn resolve(sh: &Shared, caller: Caller, url: &str) -> Result<Target, String> {
    let project = &sh.project;
    let (url_path, query) = url.split_once('?').unwrap_or((url, ""));
    let query = parse_query(query);
    let appid = project.appid.clone().unwrap_or_default();
    let plugin_root = project.plugin_root.clone().unwrap_or_default();
    if let Some(rest) = url_path.strip_prefix("plugin://") {
        if caller == Caller::Plugin {
            return Err(format!(
                "\"{url}\": a plugin cannot use plugin:// URLs; use plugin-private://{appid}/PATH (as on a phone)"
            ));
        }
        let (reference, page) = rest.split_once('/').ok_or_else(|| format!("url \"{url}\" names no plugin page"))?;
        let page = project.plugin_page(reference, page).map_err(|e| e.to_string())?;
        let rel = page.path.strip_prefix(&format!("{plugin_root}/")).unwrap_or(&page.path).to_string();
        return Ok(Target { route: format!("plugin-private://{appid}/{rel}"), path: page.path.clone(), query });
    }
    if let Some(rest) = url_path.strip_prefix("plugin-private://") {
        if caller == Caller::Host {
            return Err(format!(
                "\"{url}\": plugin-private:// URLs are for plugin code; the host uses plugin://REF/PAGE"
            ));
        }
        let (id, rel) = rest.split_once('/').ok_or_else(|| format!("url \"{url}\" names no page"))?;
        if id != appid || project.plugin.is_none() {
            return Err(format!("plugin \"{id}\" is not the plugin of this project"));
        }
        let rel = crate::modules::join("", rel).ok_or_else(|| format!("url \"{url}\" is not valid"))?;
        let path = crate::modules::join(&plugin_root, &rel).unwrap_or_default();
        let listed = project.plugin.as_ref().is_some_and(|p| p.pages.iter().any(|pg| pg.path == path));
        if !listed {
            return Err(format!("page \"{rel}\" is not listed in plugin.json pages"));
        }
        return Ok(Target { route: format!("plugin-private://{appid}/{rel}"), path, query });
    }
    if caller == Caller::Plugin {
        return Err(format!(
            "\"{url}\": plugin code navigates with plugin-private://{appid}/PATH; relative and host URLs are rejected on a phone"
        ));
    }
    let current = sh
        .state
        .borrow()
        .stack
        .iter()
        .rev()
        .find(|p| !p.route.starts_with("plugin-private://"))
        .map(|p| p.route.clone());
    let (route, _) = parse_url(current.as_deref(), url_path).ok_or_else(|| format!("url \"{url}\" is not valid"))?;
    if project.page_by_route(&route).is_none() {
        return Err(format!("page \"{route}\" is not found"));
    }
    Ok(Target { path: project.route_path(&route), route, query })
}

fn is_tab(sh: &Shared, route: &str) -> bool {
    sh.project.app.tab_bar.as_ref().is_some_and(|t| t.list.iter().any(|i| i.page_path == route))
}

/// Validates and queues a routing call from JS in `realm`.
pub fn request(sh: &Shared, realm: usize, kind: &str, url: &str, delta: u32) -> Result<(), String> {
    let kind = match kind {
        "navigateTo" => NavKind::NavigateTo,
        "redirectTo" => NavKind::RedirectTo,
        "reLaunch" => NavKind::ReLaunch,
        "switchTab" => NavKind::SwitchTab,
        "navigateBack" => NavKind::NavigateBack(delta.max(1)),
        other => return Err(format!("unknown routing API {other}")),
    };
    let caller = if realm == HOST { Caller::Host } else { Caller::Plugin };
    if caller == Caller::Plugin {
        // Routing is a page-only API in a plugin: it works only while a plugin page is shown.
        let top_is_plugin = {
            let st = sh.state.borrow();
            st.stack.last().and_then(|p| st.instances.get(&p.instance)).is_some_and(|i| i.realm == realm)
        };
        if !top_is_plugin {
            return Err(crate::plugin_api::PAGE_ONLY_ERROR.into());
        }
        if matches!(kind, NavKind::ReLaunch | NavKind::SwitchTab) {
            return Err("not available in plugin code".into());
        }
    }
    let target = if let NavKind::NavigateBack(_) = kind {
        Target::default()
    } else {
        let target = resolve(sh, caller, url)?;
        let tab = is_tab(sh, &target.route);
        if kind == NavKind::SwitchTab && !tab {
            return Err(format!("can not switch to no-tabBar page \"{}\"", target.route));
        }
        if matches!(kind, NavKind::NavigateTo | NavKind::RedirectTo) && tab {
            return Err(format!(
                "can not {} a tabbar page",
                if kind == NavKind::NavigateTo { "navigateTo" } else { "redirectTo" }
            ));
        }
        if kind == NavKind::NavigateTo && sh.state.borrow().stack.len() >= MAX_STACK {
            return Err("webview count limit exceed".into());
        }
        target
    };
    sh.state.borrow_mut().nav_queue.push(NavRequest { kind, target });
    Ok(())
}

/// Runs the app's launch (once) and opens the page `url` names (a host route, or a
/// plugin page as `plugin://REF/PAGE` or `plugin-private://APPID/PATH`).
pub fn launch(sh: &Shared, ctx: &Ctx<'_>, url: &str, query: &[(String, String)]) -> Result<InstanceId, Diagnostic> {
    let app_json = format!("{}app.json", prefix(&sh.project.miniprogram_root));
    let url = if url.contains("://") { url.to_string() } else { format!("/{}", url.trim_start_matches('/')) };
    let mut target = resolve(sh, Caller::Driver, &url)
        .map_err(|e| Diagnostic::file(app_json.clone(), Severity::Error, "route-not-found", e))?;
    target.query.extend(query.iter().cloned());
    if !sh.state.borrow().app_launched {
        let options = launch_options(&target.route, &target.query);
        // wx.getLaunchOptionsSync / getEnterOptionsSync answer these (app.js may ask at load).
        sh.state.borrow_mut().launch_options = Some(options.to_json().to_string());
        load_app_script(sh, ctx);
        app_hook(sh, ctx, "onLaunch", &options);
        app_hook(sh, ctx, "onShow", &options);
        sh.settle(ctx);
    }
    open_page(sh, ctx, &target).ok_or_else(|| {
        Diagnostic::file(
            format!("{}.js", target.path),
            Severity::Error,
            "page-failed",
            format!("page \"{}\" could not be created", target.route),
        )
    })
}

fn prefix(root: &str) -> String {
    if root.is_empty() {
        String::new()
    } else {
        format!("{root}/")
    }
}

fn launch_options(route: &str, query: &[(String, String)]) -> Value {
    Value::from_json(&serde_json::json!({
        "path": route,
        "query": query.iter().map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone()))).collect::<serde_json::Map<_, _>>(),
        // 1001 (发现页小程序「最近使用」列表) is what DevTools reports by default. The scene
        // list (reference/scene-list) has no value for a plugin preview, so a plugin
        // project's host launches with 1001 too.
        "scene": 1001,
        "referrerInfo": {},
    }))
}

fn app_hook(sh: &Shared, ctx: &Ctx<'_>, name: &str, arg: &Value) {
    let rctx = sh.realm_ctx(ctx, HOST);
    let Ok(arg) = rctx.json_parse(arg.to_json().to_string()) else {
        return;
    };
    let file = app_script(sh).unwrap_or_else(|| format!("{}app.js", prefix(&sh.project.miniprogram_root)));
    sh.hook_reported::<_, ()>(ctx, HOST, "appHook", (name.to_string(), arg), &file);
}

/// The host's app script (`app.js`, or `app.ts`), if the project has one.
pub fn app_script(sh: &Shared) -> Option<String> {
    sh.project.script_file(&format!("{}app", prefix(&sh.project.miniprogram_root)))
}

/// Runs the app script (its `App()` registers the app), once per engine.
pub fn load_app_script(sh: &Shared, ctx: &Ctx<'_>) {
    sh.state.borrow_mut().app_launched = true;
    if let Some(file) = app_script(sh) {
        sh.hook_reported::<_, ()>(ctx, HOST, "loadModule", (file.clone(),), &file);
    }
}

/// Creates a page on top of the stack and runs it to its first settled render (see
/// [`place_page`]).
pub fn open_page(sh: &Shared, ctx: &Ctx<'_>, target: &Target) -> Option<InstanceId> {
    place_page(sh, ctx, target, None, None)
}

/// Re-creates the page at `index` of the stack (its definition changed): a new instance
/// with the same route and query takes its place, gets `carried` data, and runs its
/// lifecycle.
pub fn recreate_page(sh: &Shared, ctx: &Ctx<'_>, target: &Target, index: usize, carried: &Value) -> Option<InstanceId> {
    place_page(sh, ctx, target, Some(index), Some(carried))
}

/// Creates a page, pushes it (or puts it at `replace`), gives it `carried` data, and runs
/// it to its first settled render in WeChat's order: the initial render (components
/// created, then attached and linked), onLoad(query), onShow when on top, the
/// components' ready, onReady.
fn place_page(
    sh: &Shared,
    ctx: &Ctx<'_>,
    target: &Target,
    replace: Option<usize>,
    carried: Option<&Value>,
) -> Option<InstanceId> {
    let id = sh.create_page(ctx, &target.route, &target.path, &target.query)?;
    {
        let mut st = sh.state.borrow_mut();
        let entry = PageEntry { instance: id, route: target.route.clone(), query: target.query.clone() };
        match replace {
            Some(i) if i < st.stack.len() => st.stack[i] = entry,
            _ => st.stack.push(entry),
        }
    }
    if let Some(data) = carried {
        let realm = sh.state.borrow().instances.get(&id).map(|i| i.realm).unwrap_or(HOST);
        sh.carry_data(ctx, realm, id, data);
    }
    let attach = std::mem::take(&mut sh.state.borrow_mut().to_attach);
    for c in &attach {
        sh.lifetime(ctx, *c, "attached");
    }
    for c in &attach {
        crate::relations::link_upward(sh, ctx, *c);
    }
    sh.state.borrow_mut().to_ready.extend(attach);
    // A page built with Component() also has component lifetimes.
    sh.lifetime(ctx, id, "attached");
    let q = Value::from_json(&serde_json::Value::Object(
        target.query.iter().map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone()))).collect(),
    ));
    sh.page_hook(ctx, id, "onLoad", q);
    if sh.state.borrow().stack.last().map(|p| p.instance) == Some(id) {
        sh.page_hook(ctx, id, "onShow", Value::Undefined);
        sh.page_lifetime(ctx, id, "show");
    }
    sh.settle(ctx);
    sh.lifetime(ctx, id, "ready");
    sh.page_hook(ctx, id, "onReady", Value::Undefined);
    sh.settle(ctx);
    Some(id)
}

fn hide_top(sh: &Shared, ctx: &Ctx<'_>) {
    let top = sh.state.borrow().stack.last().map(|p| p.instance);
    if let Some(id) = top {
        sh.page_hook(ctx, id, "onHide", Value::Undefined);
        sh.page_lifetime(ctx, id, "hide");
    }
}

fn unload_top(sh: &Shared, ctx: &Ctx<'_>) {
    let top = sh.state.borrow_mut().stack.pop();
    if let Some(p) = top {
        sh.page_hook(ctx, p.instance, "onUnload", Value::Undefined);
        sh.destroy_instance(ctx, p.instance);
    }
}

/// Opens `target` on top of the current page (navigateTo).
pub fn push(sh: &Shared, ctx: &Ctx<'_>, target: &Target) {
    hide_top(sh, ctx);
    open_page(sh, ctx, target);
}

/// Carries out queued routing calls; true when any ran.
pub fn process(sh: &Shared, ctx: &Ctx<'_>) -> bool {
    let queue = std::mem::take(&mut sh.state.borrow_mut().nav_queue);
    let ran = !queue.is_empty();
    for req in queue {
        match req.kind {
            NavKind::NavigateTo => push(sh, ctx, &req.target),
            NavKind::RedirectTo => {
                unload_top(sh, ctx);
                open_page(sh, ctx, &req.target);
            }
            NavKind::ReLaunch | NavKind::SwitchTab => {
                while !sh.state.borrow().stack.is_empty() {
                    unload_top(sh, ctx);
                }
                open_page(sh, ctx, &req.target);
            }
            NavKind::NavigateBack(delta) => {
                let len = sh.state.borrow().stack.len();
                let n = (delta as usize).min(len.saturating_sub(1));
                for _ in 0..n {
                    unload_top(sh, ctx);
                }
                let top = sh.state.borrow().stack.last().map(|p| p.instance);
                if let (Some(id), true) = (top, n > 0) {
                    sh.page_hook(ctx, id, "onShow", Value::Undefined);
                    sh.page_lifetime(ctx, id, "show");
                }
            }
        }
        sh.settle(ctx);
    }
    ran
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_resolve_against_the_current_page() {
        assert_eq!(
            parse_url(Some("pages/a/a"), "../b/b?x=1&y").unwrap(),
            ("pages/b/b".into(), vec![("x".into(), "1".into()), ("y".into(), "".into())])
        );
        assert_eq!(parse_url(Some("pages/a/a"), "/pages/c/c").unwrap().0, "pages/c/c");
        assert_eq!(parse_url(None, "../../x"), None);
    }
}
