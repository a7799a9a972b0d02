//! The runtime: QuickJS realms running project code, component instances, render and
//! events — the mini-program engine with no window.
//!
//! [`Engine`] is the entry point: [`Engine::launch`] opens a page as the app would,
//! [`Engine::set_data`], [`Engine::tap`] and [`Engine::dispatch`] drive it, and
//! [`Engine::page_html`] serializes the current page by the HTML contract of `mpsim
//! render`. Every input settles (ticks, renders, lifetimes, zero-delay timers) before
//! the call returns. See ARCHITECTURE.md for how the modules fit together.

mod data;
pub mod device;
mod engine;
mod events;
mod identity;
mod js_error;
mod lint;
mod modules;
mod natives;
mod navigation;
pub mod network;
mod plugin;
pub mod plugin_api;
mod relations;
pub mod reload;
mod render;
mod select;
pub mod storage;
mod timers;
pub mod wx_api;
mod wxs;

pub use engine::{
    Change, ConsoleLine, DefInfo, Engine, Instance, InstanceId, InstanceKind, Options, PageEntry, RealmId, State,
    UiCall, HOST,
};
pub use identity::host_appid;
pub use js_error::{frames, JsFailure, StackFrame};
pub use navigation::parse_query;
pub use render::{render, Memo, NoWxs, RenderCx, WxsHost};

use engine::Shared;
use mpsim_base::{Diagnostic, Severity};
use mpsim_vdom::{write_html, Mounted, NodeId, ShadowTrees};
use rquickjs::Ctx;

impl ShadowTrees for State {
    fn shadow(&self, host: NodeId) -> Option<&[Mounted]> {
        let id = self.host_of.get(&host)?;
        self.instances.get(id).map(|i| i.mounted.as_slice())
    }

    fn multiple_slots(&self, host: NodeId) -> bool {
        self.host_of.get(&host).and_then(|id| self.instances.get(id)).is_some_and(|i| i.info.multiple_slots)
    }
}

/// A tap inside a `<navigator>` opens its url, as the built-in component does, on behalf
/// of the realm whose template holds the navigator.
fn follow_navigator(sh: &Shared, path: &[events::PathNode]) {
    let Some(nav) = path.iter().find(|p| matches!(&*p.vnode, mpsim_vdom::VNode::Element(e) if &*e.tag == "navigator"))
    else {
        return;
    };
    let attr = |name: &str| nav.vnode.attr(name).map(|v| v.to_text()).unwrap_or_default();
    let kind = match attr("open-type").as_str() {
        "" | "navigate" => "navigateTo",
        "redirect" => "redirectTo",
        "switchTab" => "switchTab",
        "reLaunch" => "reLaunch",
        "navigateBack" => "navigateBack",
        _ => return,
    };
    let realm = sh.state.borrow().instances.get(&nav.owner).map(|i| i.realm).unwrap_or(HOST);
    let delta = attr("delta").parse().unwrap_or(1);
    if let Err(e) = navigation::request(sh, realm, kind, &attr("url"), delta) {
        let owner = sh.state.borrow().instances.get(&nav.owner).map(|i| format!("{}.wxml", i.path)).unwrap_or_default();
        sh.state.borrow_mut().report(Diagnostic::file(
            owner,
            Severity::Error,
            "navigator-failed",
            format!("{kind}:fail {e}"),
        ));
    }
}

/// Settles, then carries out routing calls made meanwhile, until neither has work.
fn settle_all(sh: &Shared, ctx: &Ctx<'_>) {
    for _ in 0..64 {
        sh.settle(ctx);
        if !navigation::process(sh, ctx) {
            return;
        }
    }
}

impl Engine {
    /// Launches the app (once) and opens `route` with `query` (`a=1&b=2`).
    pub fn launch(&self, route: &str, query: &str) -> Result<InstanceId, Diagnostic> {
        self.with(|ctx, sh| {
            let id = navigation::launch(sh, ctx, route, &parse_query(query))?;
            settle_all(sh, ctx);
            Ok(id)
        })
    }

    /// The page on top of the stack.
    pub fn current_page(&self) -> Option<InstanceId> {
        self.state().stack.last().map(|p| p.instance)
    }

    /// The current page as one HTML fragment (the `mpsim render` contract).
    pub fn page_html(&self) -> String {
        let st = self.state();
        let mut out = String::new();
        if let Some(page) = st.stack.last().and_then(|p| st.instances.get(&p.instance)) {
            write_html(&page.mounted, &*st, &mut out);
        }
        out
    }

    /// The instance a driver selector names: the page for `None`, else the component
    /// instance at `#a >>> #b` (the driver may cross into any realm).
    fn driver_instance(&self, selector: Option<&str>) -> Result<InstanceId, String> {
        let page = self.current_page().ok_or("no page is open")?;
        let Some(sel) = selector else { return Ok(page) };
        let st = self.state();
        select::select_components(&st, page, sel, false, true)
            .first()
            .copied()
            .ok_or_else(|| format!("no component matches \"{sel}\""))
    }

    /// `setData(data)` on the page, or on the component instance `target` selects.
    pub fn set_data(&self, target: Option<&str>, data: &serde_json::Value) -> Result<(), String> {
        let id = self.driver_instance(target)?;
        let realm = self.state().instances.get(&id).map(|i| i.realm).unwrap_or(HOST);
        self.with(|ctx, sh| {
            sh.hook_reported::<_, ()>(ctx, realm, "setData", (id, data.to_string()), "app.js");
            settle_all(sh, ctx);
        });
        Ok(())
    }

    /// The node a driver selector names (`#a`, `#comp >>> #inner`) in the current page.
    fn driver_node(&self, selector: &str) -> Result<NodeId, String> {
        let page = self.current_page().ok_or("no page is open")?;
        let st = self.state();
        select::find(&st, page, selector, true)
            .first()
            .map(|(_, n)| *n)
            .ok_or_else(|| format!("no node matches \"{selector}\""))
    }

    /// A bubbling, composed `tap` on the node `selector` names, with detail {x:0, y:0}.
    pub fn tap(&self, selector: &str) -> Result<(), String> {
        self.dispatch(selector, "tap", serde_json::json!({ "x": 0, "y": 0 }))
    }

    /// An event of `kind` with `detail` on the node `selector` names. Touch-like events
    /// bubble and cross component boundaries; others (`input`, `change`…) too, as
    /// built-in components' events do.
    pub fn dispatch(&self, selector: &str, kind: &str, detail: serde_json::Value) -> Result<(), String> {
        let node = self.driver_node(selector)?;
        let page = self.current_page().ok_or("no page is open")?;
        let touch =
            matches!(kind, "tap" | "longpress" | "longtap" | "touchstart" | "touchmove" | "touchend" | "touchcancel");
        self.with(|ctx, sh| {
            let path = events::composed_path(&sh.state.borrow(), page, node);
            events::dispatch(sh, ctx, &path, kind, detail, events::TOUCH, touch);
            if kind == "tap" {
                follow_navigator(sh, &path);
            }
            settle_all(sh, ctx);
        });
        Ok(())
    }

    /// An event from the window on node `node` of the current page (what the user did).
    pub fn dispatch_node(&self, node: NodeId, kind: &str, detail: serde_json::Value) -> Result<(), String> {
        let page = self.current_page().ok_or("no page is open")?;
        let touch =
            matches!(kind, "tap" | "longpress" | "longtap" | "touchstart" | "touchmove" | "touchend" | "touchcancel");
        self.with(|ctx, sh| {
            let path = events::composed_path(&sh.state.borrow(), page, node);
            if path.is_empty() {
                return;
            }
            events::dispatch(sh, ctx, &path, kind, detail, events::TOUCH, touch);
            if kind == "tap" {
                follow_navigator(sh, &path);
            }
            settle_all(sh, ctx);
        });
        Ok(())
    }

    /// The back button of the navigation bar.
    pub fn navigate_back(&self) -> Result<(), String> {
        self.with(|ctx, sh| {
            navigation::request(sh, HOST, "navigateBack", "", 1)?;
            settle_all(sh, ctx);
            Ok(())
        })
    }

    /// Applies changed project files (project-relative paths) and returns what they
    /// required. For [`reload::ReloadKind::Full`] nothing is done here: build a new engine
    /// and call [`Engine::restore_stack`] with [`Engine::stack_urls`] of this one.
    pub fn apply_changes(&self, changed: &[String]) -> reload::ReloadKind {
        self.with(|ctx, sh| {
            let kind = reload::plan(sh, changed);
            if kind != reload::ReloadKind::Full && kind >= reload::ReloadKind::Templates {
                reload::apply(sh, ctx, changed, kind);
                settle_all(sh, ctx);
            }
            kind
        })
    }

    /// The page stack as URLs with queries, bottom first (for restoring after a full reload).
    pub fn stack_urls(&self) -> Vec<(String, String)> {
        self.state()
            .stack
            .iter()
            .map(|p| {
                let url = if p.route.contains("://") { p.route.clone() } else { format!("/{}", p.route) };
                let query = p.query.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&");
                (url, query)
            })
            .collect()
    }

    /// Launches and rebuilds a page stack (after a full reload), stopping at the first
    /// route that no longer exists.
    pub fn restore_stack(&self, stack: &[(String, String)]) -> Result<(), Diagnostic> {
        let Some(((first, query), rest)) = stack.split_first() else { return Ok(()) };
        self.launch(first, query)?;
        self.with(|ctx, sh| {
            for (url, query) in rest {
                let Ok(mut target) = navigation::resolve(sh, navigation::Caller::Driver, url) else { break };
                target.query = parse_query(query);
                navigation::push(sh, ctx, &target);
            }
            settle_all(sh, ctx);
        });
        Ok(())
    }

    /// The names the plugin's main file exports (for the documentation lint), empty when
    /// there is no plugin or its main does not load.
    pub fn plugin_interface_names(&self) -> Vec<String> {
        let main = self.shared.project.plugin.as_ref().and_then(|p| p.main.clone());
        let Some(main) = main else { return Vec::new() };
        self.with(|ctx, sh| {
            let Some(realm) = plugin::plugin_realm(sh) else { return Vec::new() };
            let json: Option<String> = sh.hook_reported(ctx, realm, "exportKeys", (main.clone(),), &main);
            json.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default()
        })
    }

    /// The names on realm `realm`'s global `wx` (what project code sees), sorted.
    pub fn wx_names(&self, realm: RealmId) -> Vec<String> {
        self.with(|ctx, sh| {
            let rctx = sh.realm_ctx(ctx, realm);
            let mut names: Vec<String> = rctx.eval("Object.keys(globalThis.wx)").unwrap_or_default();
            names.sort();
            names
        })
    }

    /// The wx API table's names no area of realm `realm` simulates (they answer fail).
    pub fn wx_unsupported(&self, realm: RealmId) -> Vec<String> {
        self.state().wx_filled.get(&realm).cloned().unwrap_or_default()
    }

    /// The realms, host first.
    pub fn realm_count(&self) -> usize {
        self.shared.realms.borrow().len()
    }

    /// A tap on a tabBar item: `switchTab` to `url`.
    pub fn switch_tab(&self, url: &str) -> Result<(), String> {
        self.with(|ctx, sh| {
            navigation::request(sh, HOST, "switchTab", url, 1)?;
            settle_all(sh, ctx);
            Ok(())
        })
    }

    /// `setData({[path]: value})` on instance `id` (the AppData panel).
    pub fn set_instance_data(&self, id: InstanceId, path: &str, value: serde_json::Value) -> Result<(), String> {
        let realm = self.state().instances.get(&id).map(|i| i.realm).ok_or("no such instance")?;
        let payload = serde_json::json!({ path: value }).to_string();
        self.with(|ctx, sh| {
            sh.hook_reported::<_, ()>(ctx, realm, "setData", (id, payload), "app.js");
            settle_all(sh, ctx);
        });
        Ok(())
    }

    /// Storage partitions, by realm: (realm, key, value JSON text).
    pub fn storage(&self) -> Vec<(RealmId, Vec<(String, String)>)> {
        self.state().storage.all()
    }

    /// Sets (`Some`) or removes (`None`) a storage key of `realm` (the Storage panel).
    /// `value` is the stored JSON (`{"data": …}`).
    pub fn set_storage(&self, realm: RealmId, key: &str, value: Option<serde_json::Value>) {
        let mut st = self.shared.state.borrow_mut();
        match value {
            Some(v) => {
                let _ = st.storage.set(realm, key, serde_json::json!({ "data": v }).to_string());
            }
            None => st.storage.remove(realm, key),
        }
    }

    /// Milliseconds until the next timer is due, if any.
    pub fn next_timer_in(&self) -> Option<f64> {
        self.state().timers.next_due_in()
    }

    /// The project-relative root of each realm (host first).
    pub fn realm_kind(&self, realm: RealmId) -> mpsim_project::Realm {
        self.shared.realms.borrow().get(realm).map(|r| r.kind).unwrap_or(mpsim_project::Realm::Host)
    }

    /// Requests still in flight.
    pub fn pending_requests(&self) -> usize {
        self.shared.network.borrow().in_flight
    }

    /// Waits up to `timeout` for requests in flight, delivering each result and settling.
    pub fn wait_for_network(&self, timeout: std::time::Duration) {
        let deadline = std::time::Instant::now() + timeout;
        while self.pending_requests() > 0 {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return;
            }
            let done = self.shared.network.borrow_mut().next_done(left);
            let Some(done) = done else { return };
            self.with(|ctx, sh| {
                sh.deliver_response(ctx, done);
                settle_all(sh, ctx);
            });
        }
    }

    /// Delivers requests that finished meanwhile (the window polls while some are in flight).
    pub fn poll_network(&self) {
        self.wait_for_network(std::time::Duration::from_millis(1));
    }

    /// Lets virtual time pass, running timers that come due. The clock moves at least a
    /// millisecond per step, so a zero-delay `setInterval` cannot hold it still.
    pub fn advance(&self, ms: f64) {
        self.with(|ctx, sh| {
            let mut left = ms.max(0.0);
            loop {
                settle_all(sh, ctx);
                let next = sh.state.borrow().timers.next_due_in();
                match next {
                    Some(d) if d <= left && left > 0.0 => {
                        let step = d.max(1.0).min(left);
                        sh.state.borrow_mut().timers.advance(step);
                        left -= step;
                    }
                    _ => {
                        sh.state.borrow_mut().timers.advance(left);
                        settle_all(sh, ctx);
                        return;
                    }
                }
            }
        })
    }

    /// Runs the page to rest, as `mpsim render` prints it: requests in flight are answered
    /// (waiting up to `network_wait` of real time for each round) and the virtual clock
    /// moves through due timers, instantly, until nothing is pending or `budget_ms` of
    /// virtual time has passed (a `setInterval` stops it only at the budget). Returns the
    /// virtual milliseconds that passed.
    pub fn settle_time(&self, budget_ms: f64, network_wait: std::time::Duration) -> f64 {
        let mut passed = 0.0;
        loop {
            self.wait_for_network(network_wait);
            let left = budget_ms - passed;
            match self.next_timer_in() {
                Some(d) if d <= left && left > 0.0 => {
                    let step = d.max(1.0).min(left);
                    self.advance(step);
                    passed += step;
                }
                _ => return passed,
            }
        }
    }

    /// Loads every page's and component's code and template, as `mpsim check` does, so
    /// that syntax errors, exceptions at load and template errors become diagnostics.
    pub fn load_all(&self) {
        let project = self.shared.project.clone();
        let mut paths: Vec<String> = project.pages.iter().map(|p| p.path.clone()).collect();
        paths.extend(project.components.keys().cloned());
        if let Some(plugin) = &project.plugin {
            paths.extend(plugin.pages.iter().map(|p| p.path.clone()));
        }
        self.with(|ctx, sh| {
            navigation::load_app_script(sh, ctx);
            let mut found = Vec::new();
            for path in &paths {
                let realm = sh.realm_of_path(path);
                sh.ensure_definition(ctx, realm, path);
                let template = sh.template(realm, path);
                lint::check(&project, &template, realm != HOST, &mut found);
            }
            let unused = unused_components(sh, &project);
            let mut st = sh.state.borrow_mut();
            for d in found {
                st.report(d);
            }
            // DevTools reports problems of code nothing runs as warnings: a component no page
            // reaches cannot break a page.
            for d in st.diagnostics.iter_mut().filter(|d| d.severity == Severity::Error) {
                let base = d.path.rsplit_once('.').map_or(d.path.as_str(), |(b, _)| b);
                if unused.contains(base) {
                    d.severity = Severity::Warning;
                    d.message.push_str(" (in a component no page uses)");
                }
            }
        });
    }

    /// Diagnostics so far, sorted and without repeats, with `extra` merged in.
    pub fn diagnostics_sorted(&self, extra: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let mut all = extra;
        for d in self.take_diagnostics() {
            if !all.contains(&d) {
                all.push(d);
            }
        }
        all.sort_by(|a, b| (&a.path, a.line, a.col, a.severity).cmp(&(&b.path, b.line, b.col, b.severity)));
        all
    }
}

/// Components of the project that no page reaches through the tags of its template and
/// the templates of the components it uses (plugin public components count as reached:
/// the host may use them).
fn unused_components(sh: &Shared, project: &mpsim_project::Project) -> std::collections::BTreeSet<String> {
    let mut reached: std::collections::BTreeSet<String> = project.pages.iter().map(|p| p.path.clone()).collect();
    if let Some(plugin) = &project.plugin {
        reached.extend(plugin.pages.iter().map(|p| p.path.clone()));
        reached.extend(plugin.public_components.iter().filter_map(|c| c.path.clone()));
    }
    let mut queue: Vec<String> = reached.iter().cloned().collect();
    while let Some(owner) = queue.pop() {
        let template = sh.template(sh.realm_of_path(&owner), &owner);
        for tag in lint::used_tags(&template) {
            let target = match project.component_for_tag(&owner, tag) {
                Some(mpsim_project::ComponentRef::Local(p)) => p,
                Some(mpsim_project::ComponentRef::Plugin { path: Some(p), .. }) => p,
                _ => continue,
            };
            if reached.insert(target.clone()) {
                queue.push(target.clone());
            }
        }
    }
    project.components.keys().filter(|c| !reached.contains(*c)).cloned().collect()
}

/// The mounted node `id` among `nodes` and their descendants.
pub fn find_mounted(nodes: &[Mounted], id: NodeId) -> Option<&Mounted> {
    nodes.iter().find_map(|m| m.find(id))
}

/// Whether any diagnostic is an error.
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| d.severity == Severity::Error)
}
