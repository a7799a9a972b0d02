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
    pub route: String,
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

/// Validates and queues a routing call from JS.
pub fn request(sh: &Shared, _realm: usize, kind: &str, url: &str, delta: u32) -> Result<(), String> {
    let current = sh.state.borrow().stack.last().map(|p| p.route.clone());
    let kind = match kind {
        "navigateTo" => NavKind::NavigateTo,
        "redirectTo" => NavKind::RedirectTo,
        "reLaunch" => NavKind::ReLaunch,
        "switchTab" => NavKind::SwitchTab,
        "navigateBack" => NavKind::NavigateBack(delta.max(1)),
        other => return Err(format!("unknown routing API {other}")),
    };
    let (route, query) = if let NavKind::NavigateBack(_) = kind {
        (String::new(), Vec::new())
    } else {
        let (route, query) = parse_url(current.as_deref(), url).ok_or_else(|| format!("url \"{url}\" is not valid"))?;
        if sh.project.page_by_route(&route).is_none() {
            return Err(format!("page \"{route}\" is not found"));
        }
        let tab = sh.project.app.tab_bar.as_ref().is_some_and(|t| t.list.iter().any(|i| i.page_path == route));
        if kind == NavKind::SwitchTab && !tab {
            return Err(format!("can not switch to no-tabBar page \"{route}\""));
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
        (route, query)
    };
    sh.state.borrow_mut().nav_queue.push(NavRequest { kind, route, query });
    Ok(())
}

/// Runs the app's launch (once) and opens the first page.
pub fn launch(sh: &Shared, ctx: &Ctx<'_>, route: &str, query: &[(String, String)]) -> Result<InstanceId, Diagnostic> {
    let route = route.trim_start_matches('/');
    if sh.project.page_by_route(route).is_none() {
        return Err(Diagnostic::file(
            format!("{}app.json", prefix(&sh.project.miniprogram_root)),
            Severity::Error,
            "route-not-found",
            format!("page \"{route}\" is not in app.json"),
        ));
    }
    if !sh.state.borrow().app_launched {
        sh.state.borrow_mut().app_launched = true;
        let app_js = format!("{}app.js", prefix(&sh.project.miniprogram_root));
        if mpsim_project::resolve_inside(&sh.project.dir, &app_js).is_some_and(|p| p.is_file()) {
            sh.hook_reported::<_, ()>(ctx, HOST, "loadModule", (app_js.clone(),), &app_js);
        }
        let options = launch_options(route, query);
        app_hook(sh, ctx, "onLaunch", &options);
        app_hook(sh, ctx, "onShow", &options);
        sh.settle(ctx);
    }
    open_page(sh, ctx, route, query).ok_or_else(|| {
        let path = sh.project.route_path(route);
        Diagnostic::file(
            format!("{path}.js"),
            Severity::Error,
            "page-failed",
            format!("page \"{route}\" could not be created"),
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
        "scene": 1001,
        "referrerInfo": {},
    }))
}

fn app_hook(sh: &Shared, ctx: &Ctx<'_>, name: &str, arg: &Value) {
    let rctx = sh.realm_ctx(ctx, HOST);
    let Ok(arg) = rctx.json_parse(arg.to_json().to_string()) else {
        return;
    };
    let file = format!("{}app.js", prefix(&sh.project.miniprogram_root));
    sh.hook_reported::<_, ()>(ctx, HOST, "appHook", (name.to_string(), arg), &file);
}

/// Creates a page and runs it to its first settled render, in WeChat's order: the
/// initial render (components created, then attached), onLoad(query), onShow, the
/// components' ready, onReady.
pub fn open_page(sh: &Shared, ctx: &Ctx<'_>, route: &str, query: &[(String, String)]) -> Option<InstanceId> {
    let id = sh.create_page(ctx, route, query)?;
    sh.state.borrow_mut().stack.push(PageEntry { instance: id, route: route.to_string(), query: query.to_vec() });
    let attach = std::mem::take(&mut sh.state.borrow_mut().to_attach);
    for c in &attach {
        sh.lifetime(ctx, *c, "attached");
    }
    for c in &attach {
        crate::relations::link_upward(sh, ctx, *c);
    }
    sh.state.borrow_mut().to_ready.extend(attach);
    let q = Value::from_json(&serde_json::Value::Object(
        query.iter().map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone()))).collect(),
    ));
    sh.page_hook(ctx, id, "onLoad", q);
    sh.page_hook(ctx, id, "onShow", Value::Undefined);
    sh.page_lifetime(ctx, id, "show");
    sh.settle(ctx);
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

/// Carries out queued routing calls; true when any ran.
pub fn process(sh: &Shared, ctx: &Ctx<'_>) -> bool {
    let queue = std::mem::take(&mut sh.state.borrow_mut().nav_queue);
    let ran = !queue.is_empty();
    for req in queue {
        match req.kind {
            NavKind::NavigateTo => {
                hide_top(sh, ctx);
                open_page(sh, ctx, &req.route, &req.query);
            }
            NavKind::RedirectTo => {
                unload_top(sh, ctx);
                open_page(sh, ctx, &req.route, &req.query);
            }
            NavKind::ReLaunch | NavKind::SwitchTab => {
                while !sh.state.borrow().stack.is_empty() {
                    unload_top(sh, ctx);
                }
                open_page(sh, ctx, &req.route, &req.query);
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
