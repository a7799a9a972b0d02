//! The engine: one QuickJS runtime with a realm (context) per JS world — the host
//! mini-program, each plugin, and wxs — plus the Rust-side state every realm reports to:
//! component instances with their data and mounted trees, the page stack, timers,
//! diagnostics and console lines.
//!
//! Data flows one way: JS calls `setData` → the framework updates `this.data` and sends
//! the changed paths here → the instance is marked dirty → [`Shared::settle`] renders
//! dirty instances (parents first), diffs, and runs the lifecycles of components that
//! appeared, changed or went away. Rust calls into JS only through the framework's hooks
//! ([`Shared::hook`]), each top-level call under the runtime's deadline.
//!
//! The engine is single-threaded: the runtime thread that owns it feeds it inputs.

use crate::js_error::JsFailure;
use crate::natives;
use crate::render::{self, Memo, RenderCx};
use crate::timers::Timers;
use crate::wxs::WxsRealm;
use mpsim_base::{Diagnostic, Severity, Value};
use mpsim_project::{ComponentRef, Project, Realm as ProjectRealm};
use mpsim_vdom::{diff_children, mount_children, ComponentChange, IdGen, Mounted, NodeId, NodeRef, Patch, VNode};
use mpsim_wxml::ir::CompiledTemplate;
use rquickjs::function::IntoArgs;
use rquickjs::{Context, Ctx, FromJs, Function, Object, Persistent, Runtime};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::ptr::NonNull;
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub type InstanceId = u32;
pub type RealmId = usize;

/// The host mini-program's realm.
pub const HOST: RealmId = 0;

/// Engine settings.
#[derive(Clone, Debug)]
pub struct Options {
    /// The simulated phone (screen size for rpx, system information).
    pub device: crate::device::Device,
    /// How long one call into project code may run before it is interrupted.
    pub script_budget: Duration,
    /// Memory limit of the JS runtime, in bytes.
    pub memory_limit: usize,
    /// Outcome of simulated functional pages by API (`login` → `fail`), over mpsim.json.
    pub functional_pages: Vec<(String, String)>,
    /// Where wx storage is kept (one JSON file per appid); `None` keeps it in memory.
    pub storage_dir: Option<std::path::PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            device: crate::device::DEVICES[0],
            script_budget: Duration::from_millis(500),
            memory_limit: 512 << 20,
            functional_pages: Vec::new(),
            storage_dir: None,
        }
    }
}

/// What the component definition registered in JS says about itself.
#[derive(Clone, Debug, Default)]
pub struct DefInfo {
    pub is_page: bool,
    pub multiple_slots: bool,
    pub add_global_class: bool,
    pub style_isolation: Option<String>,
    pub external_classes: Vec<Rc<str>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum InstanceKind {
    Page,
    Component,
}

/// A live page or component instance, as the Rust side knows it.
pub struct Instance {
    pub realm: RealmId,
    pub kind: InstanceKind,
    /// The definition's project-relative path without extension.
    pub path: Rc<str>,
    pub data: Value,
    pub template: Rc<CompiledTemplate>,
    pub mounted: Vec<Mounted>,
    /// The id under which this instance's top-level nodes hang in patches.
    pub root: NodeId,
    /// The host node in the owner's tree (components only).
    pub host: Option<NodeId>,
    pub parent: Option<InstanceId>,
    pub page: InstanceId,
    pub info: Rc<DefInfo>,
    /// External class → the classes the owner passed.
    pub external_values: Vec<(Rc<str>, String)>,
    /// Abstract node name → implementation component path (`generic:` on the host).
    pub generics: Vec<(Rc<str>, Rc<str>)>,
    pub memo: Memo,
    pub rendered: bool,
}

/// A change to rendered trees, for the window.
#[derive(Clone, Debug)]
pub enum Change {
    /// A patch to the tree of `instance`.
    Patch { instance: InstanceId, patch: Patch },
    /// `instance` rendered for the first time (a page, or a component's shadow tree).
    Mounted { instance: InstanceId },
}

/// A wx interface call from project code (`showToast` and friends).
#[derive(Clone, Debug, PartialEq)]
pub struct UiCall {
    pub realm: RealmId,
    pub api: String,
    /// The options object the code passed, as JSON.
    pub options: String,
}

/// A page in the stack.
#[derive(Clone, Debug)]
pub struct PageEntry {
    pub instance: InstanceId,
    pub route: String,
    pub query: Vec<(String, String)>,
}

/// A console line from project code.
#[derive(Clone, Debug, PartialEq)]
pub struct ConsoleLine {
    pub realm: RealmId,
    pub level: String,
    pub text: String,
    /// Project-relative `file:line:col` of the call, when known.
    pub location: Option<String>,
}

#[derive(Default)]
pub struct State {
    pub instances: HashMap<InstanceId, Instance>,
    /// Component host node → the component instance mounted there.
    pub host_of: HashMap<NodeId, InstanceId>,
    pub stack: Vec<PageEntry>,
    pub ids: IdGen,
    pub next_instance: InstanceId,
    pub defs: HashMap<(RealmId, Rc<str>), Rc<DefInfo>>,
    pub templates: HashMap<Rc<str>, Rc<CompiledTemplate>>,
    pub dirty: BTreeSet<InstanceId>,
    pub timers: Timers,
    pub flush_requested: bool,
    pub diagnostics: Vec<Diagnostic>,
    pub console: Vec<ConsoleLine>,
    /// What changed in rendered trees since the window last looked, in order.
    pub changes: Vec<Change>,
    /// wx interface calls (toast, modal, navigation bar…) for the window to show.
    pub ui_calls: Vec<UiCall>,
    pub storage: crate::storage::Storage,
    /// Components created by the current settle, waiting for `attached` / `ready`.
    pub to_attach: Vec<InstanceId>,
    pub to_ready: Vec<InstanceId>,
    pub app_launched: bool,
    pub nav_queue: Vec<crate::navigation::NavRequest>,
    /// `wx.getLaunchOptionsSync()` / `getEnterOptionsSync()` as JSON, set at launch.
    pub launch_options: Option<String>,
    /// wx APIs that already left their `wx-unsupported` warning this run.
    pub unsupported_reported: HashSet<String>,
    /// Per realm, the table's names `js/wx/unsupported.js` had to fill (no area defines them).
    pub wx_filled: HashMap<RealmId, Vec<String>>,
}

impl State {
    pub fn report(&mut self, d: Diagnostic) {
        if !self.diagnostics.contains(&d) {
            self.diagnostics.push(d);
        }
    }
}

pub struct RealmRef {
    pub raw: NonNull<rquickjs::qjs::JSContext>,
    pub hooks: Option<Persistent<Object<'static>>>,
    pub kind: ProjectRealm,
    /// The project-relative folder the realm's code lives in.
    pub root: String,
}

/// State shared by the engine and the natives every realm calls.
pub struct Shared {
    pub project: Rc<Project>,
    pub options: Options,
    pub state: RefCell<State>,
    pub realms: RefCell<Vec<RealmRef>>,
    /// Requests in flight (`wx.request`).
    pub network: RefCell<crate::network::Network>,
    /// One wxs context per realm (index = realm id), so host and plugin wxs share nothing.
    pub wxs: RefCell<Vec<WxsRealm>>,
    /// Every module compiled so far, with the map back to its source when the script
    /// compiler transformed it (ES modules, TypeScript).
    pub source_maps: RefCell<HashMap<String, Option<Arc<mpsim_script::LineMap>>>>,
    deadline: Rc<Cell<Option<Instant>>>,
    depth: Cell<u32>,
}

/// The engine: owns the runtime and its contexts.
pub struct Engine {
    pub(crate) shared: Rc<Shared>,
    contexts: Vec<Context>,
    runtime: Runtime,
}

impl Drop for Engine {
    fn drop(&mut self) {
        // Persistent values must go before the contexts and the runtime they live in.
        for r in self.shared.realms.borrow_mut().iter_mut() {
            r.hooks = None;
        }
        self.shared.wxs.borrow_mut().clear();
        self.contexts.clear();
        self.runtime.run_gc();
    }
}

impl Engine {
    pub fn new(project: Rc<Project>, options: Options) -> Result<Engine, String> {
        let runtime = Runtime::new().map_err(|e| format!("cannot start QuickJS: {e}"))?;
        runtime.set_memory_limit(options.memory_limit);
        runtime.set_max_stack_size(1 << 20);
        let deadline: Rc<Cell<Option<Instant>>> = Rc::new(Cell::new(None));
        let d = deadline.clone();
        runtime.set_interrupt_handler(Some(Box::new(move || d.get().is_some_and(|t| Instant::now() >= t))));
        let shared = Rc::new(Shared {
            project: project.clone(),
            options,
            state: RefCell::new(State::default()),
            realms: RefCell::new(Vec::new()),
            wxs: RefCell::new(Vec::new()),
            network: RefCell::new(Default::default()),
            source_maps: RefCell::new(HashMap::new()),
            deadline,
            depth: Cell::new(0),
        });
        let mut appids = vec![(HOST, crate::identity::host_appid(&project))];
        if project.plugin_root.is_some() {
            appids.push((1, project.appid.clone().unwrap_or_default()));
        }
        shared.state.borrow_mut().storage = crate::storage::Storage::open(shared.options.storage_dir.clone(), appids);
        let mut contexts = Vec::new();
        let mut realms = vec![(ProjectRealm::Host, project.miniprogram_root.clone())];
        if let Some(root) = &project.plugin_root {
            realms.push((ProjectRealm::Plugin, root.clone()));
        }
        for (kind, root) in realms {
            let context = Context::full(&runtime).map_err(|e| format!("cannot create a realm: {e}"))?;
            shared.realms.borrow_mut().push(RealmRef { raw: context.as_raw(), hooks: None, kind, root });
            contexts.push(context);
        }
        for (id, context) in contexts.iter().enumerate() {
            let hooks = context.with(|ctx| natives::install(&ctx, &shared, id));
            let hooks = hooks.map_err(|f| format!("the framework failed to start: {}\n{}", f.message, f.stack))?;
            shared.realms.borrow_mut()[id].hooks = Some(hooks);
        }
        let mut wxs_contexts = Vec::new();
        for realm in 0..contexts.len() {
            let context = Context::full(&runtime).map_err(|e| format!("cannot create a wxs realm: {e}"))?;
            let root = shared.realm_root(realm);
            let wxs = context.with(|ctx| WxsRealm::new(&ctx, context.as_raw(), project.clone(), root));
            shared.wxs.borrow_mut().push(wxs.map_err(|f| format!("the wxs realm failed to start: {}", f.message))?);
            wxs_contexts.push(context);
        }
        contexts.extend(wxs_contexts);
        Ok(Engine { shared, contexts, runtime })
    }

    /// Runs `f` with the runtime locked (the host realm's context as the entry).
    pub(crate) fn with<R>(&self, f: impl FnOnce(&Ctx<'_>, &Rc<Shared>) -> R) -> R {
        self.contexts[HOST].with(|ctx| f(&ctx, &self.shared))
    }

    pub fn project(&self) -> &Project {
        &self.shared.project
    }

    pub fn state(&self) -> std::cell::Ref<'_, State> {
        self.shared.state.borrow()
    }

    pub fn take_diagnostics(&self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.shared.state.borrow_mut().diagnostics)
    }

    pub fn take_console(&self) -> Vec<ConsoleLine> {
        std::mem::take(&mut self.shared.state.borrow_mut().console)
    }

    /// Patches since the last call (first renders are left out).
    pub fn take_patches(&self) -> Vec<Patch> {
        self.take_changes()
            .into_iter()
            .filter_map(|c| match c {
                Change::Patch { patch, .. } => Some(patch),
                Change::Mounted { .. } => None,
            })
            .collect()
    }

    pub fn take_changes(&self) -> Vec<Change> {
        std::mem::take(&mut self.shared.state.borrow_mut().changes)
    }

    pub fn take_ui_calls(&self) -> Vec<UiCall> {
        std::mem::take(&mut self.shared.state.borrow_mut().ui_calls)
    }
}

impl Shared {
    /// The outcome of a functional page for `api`: the option, else mpsim.json, else success.
    pub fn functional_outcome(&self, api: &str) -> String {
        if let Some((_, o)) = self.options.functional_pages.iter().rev().find(|(a, _)| a == api) {
            return o.clone();
        }
        match self.project.settings.functional_pages.get(api) {
            Some(o) => o.as_str().to_string(),
            None => "success".into(),
        }
    }

    /// The context of `realm`, usable while the runtime is locked by `ctx`.
    pub fn realm_ctx<'js>(&self, _locked: &Ctx<'js>, realm: RealmId) -> Ctx<'js> {
        let raw = self.realms.borrow()[realm].raw;
        // SAFETY: every realm is a context of the one runtime `_locked` proves is locked
        // for 'js, and the engine keeps the contexts alive as long as the runtime.
        unsafe { Ctx::from_raw(raw) }
    }

    /// Runs `f` under the script deadline when it is the outermost call into JS.
    pub fn guarded<R>(&self, f: impl FnOnce() -> R) -> R {
        let top = self.depth.get() == 0;
        if top {
            self.deadline.set(Some(Instant::now() + self.options.script_budget));
        }
        self.depth.set(self.depth.get() + 1);
        let r = f();
        self.depth.set(self.depth.get() - 1);
        if top {
            self.deadline.set(None);
        }
        r
    }

    /// Calls the framework hook `name` of `realm`.
    pub fn hook<'js, A, R>(&self, ctx: &Ctx<'js>, realm: RealmId, name: &str, args: A) -> Result<R, JsFailure>
    where
        A: IntoArgs<'js>,
        R: FromJs<'js>,
    {
        let rctx = self.realm_ctx(ctx, realm);
        let hooks = self.realms.borrow()[realm].hooks.clone();
        let hooks = hooks.ok_or_else(|| JsFailure::new("the realm has no framework".into(), String::new()))?;
        let hooks = hooks.restore(&rctx).map_err(|e| JsFailure::from_error(&rctx, e))?;
        let f: Function = hooks.get(name).map_err(|e| JsFailure::from_error(&rctx, e))?;
        self.guarded(|| f.call(args)).map_err(|e| JsFailure::from_error(&rctx, e))
    }

    /// Records a JS failure as a diagnostic and a console error.
    pub fn report_failure(&self, realm: RealmId, failure: &JsFailure, fallback: &str) {
        let failure = &self.remap(failure);
        let d = failure.diagnostic(fallback);
        let mut st = self.state.borrow_mut();
        st.console.push(ConsoleLine {
            realm,
            level: "error".into(),
            text: if failure.stack.is_empty() {
                failure.message.clone()
            } else {
                format!("{}\n{}", failure.message, failure.stack)
            },
            location: Some(format!("{}:{}:{}", d.path, d.line, d.col)),
        });
        st.report(d);
    }

    /// `failure` with its stack positions moved to the files as written (source maps of
    /// compiled modules; the module wrapper's first-line offset).
    pub fn remap(&self, failure: &JsFailure) -> JsFailure {
        let stack = crate::js_error::remap_stack(&failure.stack, |file, line, col| {
            crate::modules::original_position(self, file, line, col)
        });
        JsFailure { stack, ..failure.clone() }
    }

    /// Calls a hook and reports a failure instead of returning it.
    pub fn hook_reported<'js, A, R>(&self, ctx: &Ctx<'js>, realm: RealmId, name: &str, args: A, file: &str) -> Option<R>
    where
        A: IntoArgs<'js>,
        R: FromJs<'js>,
    {
        match self.hook(ctx, realm, name, args) {
            Ok(r) => Some(r),
            Err(f) => {
                self.report_failure(realm, &f, file);
                None
            }
        }
    }

    pub fn realm_of_path(&self, path: &str) -> RealmId {
        let realms = self.realms.borrow();
        realms
            .iter()
            .position(|r| r.kind == ProjectRealm::Plugin && mpsim_project::is_within(path, &r.root))
            .unwrap_or(HOST)
    }

    pub fn realm_root(&self, realm: RealmId) -> String {
        self.realms.borrow()[realm].root.clone()
    }

    // ------------------------------------------------------------ modules and templates

    /// Loads `path`.js (or `path`.ts) in its realm if its definition is not registered yet.
    pub fn ensure_definition(&self, ctx: &Ctx<'_>, realm: RealmId, path: &str) -> Option<Rc<DefInfo>> {
        let key = (realm, Rc::from(path));
        if let Some(info) = self.state.borrow().defs.get(&key) {
            return Some(info.clone());
        }
        let file = self.project.script_file(path).unwrap_or_else(|| format!("{path}.js"));
        self.hook_reported::<_, ()>(ctx, realm, "loadModule", (file.clone(),), &file)?;
        let info = self.state.borrow().defs.get(&key).cloned();
        if info.is_none() {
            let message = format!("{file} did not call Page() or Component()");
            self.state.borrow_mut().report(Diagnostic::file(file, Severity::Error, "js-no-definition", message));
        }
        info
    }

    /// The linked template of `path`.wxml, compiled once.
    pub fn template(&self, realm: RealmId, path: &str) -> Rc<CompiledTemplate> {
        let file: Rc<str> = Rc::from(format!("{path}.wxml"));
        if let Some(t) = self.state.borrow().templates.get(&file) {
            return t.clone();
        }
        let root = self.realm_root(realm);
        let project = &self.project;
        // Imports and includes stay inside the realm's folder: a host template cannot pull
        // in plugin templates, nor the other way round.
        let (template, diags) = mpsim_wxml::link(&file, &root, &mut |p: &str| {
            if crate::modules::in_realm(&root, p) {
                project.read_text(p)
            } else {
                None
            }
        });
        let template = Rc::new(template);
        let mut st = self.state.borrow_mut();
        for d in diags {
            st.report(d);
        }
        st.templates.insert(file, template.clone());
        template
    }

    // ------------------------------------------------------------ instances

    fn new_instance_id(&self) -> InstanceId {
        let mut st = self.state.borrow_mut();
        st.next_instance += 1;
        st.next_instance
    }

    /// Creates a page instance and renders it for the first time (components inside are
    /// created and attached). Returns `None` when the page's code failed to define it.
    pub fn create_page(
        &self,
        ctx: &Ctx<'_>,
        route: &str,
        path: &str,
        query: &[(String, String)],
    ) -> Option<InstanceId> {
        let path = path.to_string();
        let realm = self.realm_of_path(&path);
        let info = self.ensure_definition(ctx, realm, &path)?;
        let id = self.new_instance_id();
        let host = serde_json::json!({
            "route": route,
            "query": query.iter().map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone()))).collect::<serde_json::Map<_, _>>(),
        })
        .to_string();
        let data: String = self.hook_reported(
            ctx,
            realm,
            "createInstance",
            (id, path.clone(), "page", "{}", host),
            &format!("{path}.js"),
        )?;
        let template = self.template(realm, &path);
        let data = parse_data(&data);
        let generics = self.generics_implementation(&path);
        {
            let mut st = self.state.borrow_mut();
            let root = st.ids.next();
            st.instances.insert(
                id,
                Instance {
                    realm,
                    kind: InstanceKind::Page,
                    path: Rc::from(path.as_str()),
                    data,
                    template,
                    mounted: Vec::new(),
                    root,
                    host: None,
                    parent: None,
                    page: id,
                    info,
                    external_values: Vec::new(),
                    generics,
                    memo: Memo::default(),
                    rendered: false,
                },
            );
        }
        self.render_instance(ctx, id);
        Some(id)
    }

    /// The host components app.json's `genericsImplementation` puts into the abstract
    /// nodes of the plugin page at `path`.
    fn generics_implementation(&self, path: &str) -> Vec<(Rc<str>, Rc<str>)> {
        let Some(page) = self.project.plugin.as_ref().and_then(|p| p.pages.iter().find(|pg| pg.path == path)) else {
            return Vec::new();
        };
        self.project
            .app
            .all_plugins()
            .filter(|d| d.is_dev())
            .flat_map(|d| d.generics_implementation.iter())
            .filter(|g| g.page == page.name)
            .filter_map(|g| match &g.target {
                ComponentRef::Local(p) => Some((Rc::from(g.generic.as_str()), Rc::from(p.as_str()))),
                _ => None,
            })
            .collect()
    }

    /// Re-creates component instance `id` in place after its definition changed, carrying
    /// its data over (see `reload`).
    pub fn recreate_component(&self, ctx: &Ctx<'_>, id: InstanceId) {
        let found = {
            let st = self.state.borrow();
            st.instances.get(&id).and_then(|i| {
                let owner = i.parent?;
                let host = i.host?;
                let node = find_node(&st.instances.get(&owner)?.mounted, host)?;
                Some((owner, host, node, i.data.clone(), i.realm))
            })
        };
        let Some((owner, host, node, data, realm)) = found else { return };
        self.destroy_instance(ctx, id);
        self.state.borrow_mut().host_of.remove(&host);
        if let Some(new_id) = self.create_component(ctx, owner, host, &node) {
            self.carry_data(ctx, realm, new_id, &data);
        }
    }

    /// Sets a re-created instance's previous data again.
    pub fn carry_data(&self, ctx: &Ctx<'_>, realm: RealmId, id: InstanceId, data: &Value) {
        self.hook_reported::<_, ()>(ctx, realm, "carryData", (id, data.to_json().to_string()), "app.js");
    }

    /// Creates the component instance for the host node `host` in `owner`'s tree.
    fn create_component(&self, ctx: &Ctx<'_>, owner: InstanceId, host: NodeId, node: &NodeRef) -> Option<InstanceId> {
        let VNode::Component(c) = &**node else { return None };
        let realm = self.realm_of_path(&c.component);
        let info = self.ensure_definition(ctx, realm, &c.component)?;
        let id = self.new_instance_id();
        let (props, externals) = props_json(c, &info);
        let host_info = serde_json::json!({
            "id": c.attrs.iter().find(|(n, _)| &**n == "id").map(|(_, v)| v.to_text()).unwrap_or_default(),
            "dataset": dataset(&c.attrs),
        })
        .to_string();
        let page = self.state.borrow().instances.get(&owner).map(|o| o.page).unwrap_or(owner);
        let file = format!("{}.js", c.component);
        let data = self.hook_reported::<_, String>(
            ctx,
            realm,
            "createInstance",
            (id, c.component.to_string(), "component", props, host_info),
            &file,
        )?;
        let template = self.template(realm, &c.component);
        {
            let mut st = self.state.borrow_mut();
            let root = st.ids.next();
            st.host_of.insert(host, id);
            st.instances.insert(
                id,
                Instance {
                    realm,
                    kind: InstanceKind::Component,
                    path: c.component.clone(),
                    data: parse_data(&data),
                    template,
                    mounted: Vec::new(),
                    root,
                    host: Some(host),
                    parent: Some(owner),
                    page,
                    info,
                    external_values: externals,
                    generics: c.generics.clone(),
                    memo: Memo::default(),
                    rendered: false,
                },
            );
            st.to_attach.push(id);
        }
        self.render_instance(ctx, id);
        Some(id)
    }

    /// New property values for the component at `host`: only the bindings whose value
    /// changed since the owner's last render are sent again (as WeChat does), so a
    /// component's own changes to its other properties survive the owner's setData.
    fn update_component(&self, ctx: &Ctx<'_>, host: NodeId, node: &NodeRef, old: &NodeRef) {
        let VNode::Component(c) = &**node else { return };
        let previous = match &**old {
            VNode::Component(o) => o.props.as_slice(),
            _ => &[],
        };
        let Some(id) = self.state.borrow().host_of.get(&host).copied() else {
            return;
        };
        let (realm, info) = {
            let st = self.state.borrow();
            let Some(inst) = st.instances.get(&id) else {
                return;
            };
            (inst.realm, inst.info.clone())
        };
        let (_, externals) = props_json(c, &info);
        let changed = mpsim_vdom::ComponentNode {
            props: c
                .props
                .iter()
                .filter(|(name, value)| !previous.iter().any(|(n, v)| n == name && v.deep_eq(value)))
                .cloned()
                .collect(),
            ..c.clone()
        };
        let (props, _) = props_json(&changed, &info);
        {
            let mut st = self.state.borrow_mut();
            if let Some(inst) = st.instances.get_mut(&id) {
                if inst.external_values != externals || inst.generics != c.generics {
                    inst.external_values = externals;
                    inst.generics = c.generics.clone();
                    st.dirty.insert(id);
                }
            }
        }
        self.hook_reported::<_, ()>(ctx, realm, "setProperties", (id, props), &format!("{}.js", c.component));
    }

    /// Detaches the component at `host` and everything inside it.
    fn destroy_component(&self, ctx: &Ctx<'_>, host: NodeId) {
        let Some(id) = self.state.borrow_mut().host_of.remove(&host) else {
            return;
        };
        self.destroy_instance(ctx, id);
    }

    pub fn destroy_instance(&self, ctx: &Ctx<'_>, id: InstanceId) {
        let (realm, path, children) = {
            let st = self.state.borrow();
            let Some(inst) = st.instances.get(&id) else {
                return;
            };
            let mut hosts = Vec::new();
            collect_component_hosts(&inst.mounted, &mut hosts);
            (inst.realm, inst.path.clone(), hosts)
        };
        self.hook_reported::<_, ()>(ctx, realm, "lifecycle", (id, "detached"), &format!("{path}.js"));
        for host in children {
            self.destroy_component(ctx, host);
        }
        let mut st = self.state.borrow_mut();
        st.instances.remove(&id);
        st.dirty.remove(&id);
    }

    // ------------------------------------------------------------ render

    /// Renders one instance and reconciles its tree; components that appear are created
    /// (and rendered), changed ones get new properties, removed ones are detached.
    pub fn render_instance(&self, ctx: &Ctx<'_>, id: InstanceId) {
        let taken = {
            let mut st = self.state.borrow_mut();
            st.dirty.remove(&id);
            let Some(inst) = st.instances.get_mut(&id) else {
                return;
            };
            (
                inst.template.clone(),
                inst.data.clone(),
                std::mem::take(&mut inst.memo),
                inst.realm,
                inst.path.clone(),
                inst.kind,
                inst.external_values.clone(),
                inst.generics.clone(),
            )
        };
        let (template, data, mut memo, realm, path, kind, externals, generics) = taken;
        let project = self.project.clone();
        let resolve_tag = |tag: &str| -> Option<Rc<str>> {
            if let Some((_, p)) = generics.iter().find(|(n, _)| &**n == tag) {
                return Some(p.clone());
            }
            // An abstract node the user filled nothing into renders its declared default.
            if let Some(g) = project.config_of(&path).and_then(|(c, _)| c.generics.iter().find(|g| g.name == tag)) {
                return match &g.default {
                    Some(ComponentRef::Local(p)) | Some(ComponentRef::Plugin { path: Some(p), .. }) => {
                        Some(Rc::from(p.as_str()))
                    }
                    _ => None,
                };
            }
            match project.component_for_tag(&path, tag)? {
                ComponentRef::Local(p) => Some(Rc::from(p.as_str())),
                ComponentRef::Plugin { path: Some(p), .. } => Some(Rc::from(p.as_str())),
                _ => None,
            }
        };
        let wxs = crate::wxs::TemplateWxs { shared: self, ctx, template: &template, realm };
        let nodes = {
            let mut cx = RenderCx {
                template: &template,
                resolve_tag: &resolve_tag,
                external_classes: &externals,
                is_component: kind == InstanceKind::Component,
                wxs: &wxs,
                memo: &mut memo,
            };
            render::render(&mut cx, &data)
        };
        let changes = {
            let mut st = self.state.borrow_mut();
            let st = &mut *st;
            let Some(inst) = st.instances.get_mut(&id) else {
                return;
            };
            inst.memo = memo;
            let mut comps = Vec::new();
            if inst.rendered {
                let mut patches = Vec::new();
                diff_children(inst.root, &mut inst.mounted, &nodes, &mut st.ids, &mut patches, &mut comps);
                st.changes.extend(patches.into_iter().map(|patch| Change::Patch { instance: id, patch }));
            } else {
                inst.mounted = mount_children(&nodes, &mut st.ids, &mut comps);
                inst.rendered = true;
                st.changes.push(Change::Mounted { instance: id });
            }
            comps
                .into_iter()
                .map(|c| {
                    let node = match &c {
                        ComponentChange::Mounted { id: n } | ComponentChange::Updated { id: n, .. } => {
                            find_node(&inst.mounted, *n)
                        }
                        ComponentChange::Unmounted { .. } => None,
                    };
                    (c, node)
                })
                .collect::<Vec<_>>()
        };
        for (change, node) in changes {
            match change {
                ComponentChange::Mounted { id: host } => {
                    if let Some(node) = node {
                        let _ = self.create_component(ctx, id, host, &node);
                    }
                }
                ComponentChange::Updated { id: host, old } => {
                    if let Some(node) = node {
                        self.update_component(ctx, host, &node, &old);
                    }
                }
                ComponentChange::Unmounted { id: host } => self.destroy_component(ctx, host),
            }
        }
    }

    /// Runs everything that is due until nothing is: queued ticks and promise jobs,
    /// renders of dirty instances (parents first), `attached` / `ready` lifetimes,
    /// setData callbacks and zero-delay timers.
    pub fn settle(&self, ctx: &Ctx<'_>) {
        const MAX_ROUNDS: usize = 100_000;
        // A zero-delay interval that is never cleared would run forever on a still clock.
        const MAX_TIMER_RUNS: usize = 10_000;
        let mut timer_runs = 0;
        for _ in 0..MAX_ROUNDS {
            if std::mem::take(&mut self.state.borrow_mut().flush_requested) {
                for realm in 0..self.realms.borrow().len() {
                    self.hook_reported::<_, ()>(ctx, realm, "flush", (), "app.js");
                }
                self.run_jobs(ctx);
                continue;
            }
            if self.run_jobs(ctx) {
                continue;
            }
            let next_dirty = self.state.borrow().dirty.iter().next().copied();
            if let Some(id) = next_dirty {
                self.render_instance(ctx, id);
                continue;
            }
            let attach = std::mem::take(&mut self.state.borrow_mut().to_attach);
            if !attach.is_empty() {
                for id in &attach {
                    self.lifetime(ctx, *id, "attached");
                }
                for id in &attach {
                    crate::relations::link_upward(self, ctx, *id);
                }
                self.state.borrow_mut().to_ready.extend(attach);
                continue;
            }
            let ready = std::mem::take(&mut self.state.borrow_mut().to_ready);
            if !ready.is_empty() {
                for id in ready.iter() {
                    self.lifetime(ctx, *id, "ready");
                }
                continue;
            }
            let mut ran_callbacks = false;
            for realm in 0..self.realms.borrow().len() {
                if let Some(true) = self.hook_reported::<_, bool>(ctx, realm, "afterRender", (), "app.js") {
                    ran_callbacks = true;
                }
            }
            if ran_callbacks {
                continue;
            }
            let finished = self.network.borrow_mut().next_done(Duration::ZERO);
            if let Some(done) = finished {
                self.deliver_response(ctx, done);
                continue;
            }
            let due = self.state.borrow_mut().timers.pop_due();
            if let Some(timer) = due {
                timer_runs += 1;
                if timer_runs > MAX_TIMER_RUNS {
                    self.state.borrow_mut().report(Diagnostic::file(
                        "app.js",
                        Severity::Warning,
                        "runtime-timer-storm",
                        format!("more than {MAX_TIMER_RUNS} zero-delay timer runs in one settle; the rest wait"),
                    ));
                    return;
                }
                self.hook_reported::<_, ()>(ctx, timer.realm, "fireTimer", (timer.id,), "app.js");
                continue;
            }
            return;
        }
        self.state.borrow_mut().report(Diagnostic::file(
            "app.js",
            Severity::Error,
            "runtime-no-settle",
            "the page never settled: timers or setData kept scheduling more work",
        ));
    }

    /// Hands a finished request to the realm that made it.
    pub fn deliver_response(&self, ctx: &Ctx<'_>, done: crate::network::Done) {
        self.hook_reported::<_, ()>(ctx, done.realm, "httpDone", (done.id, done.result.to_string()), "app.js");
    }

    /// Runs pending promise jobs; true when any ran.
    fn run_jobs(&self, ctx: &Ctx<'_>) -> bool {
        let mut ran = false;
        loop {
            let mut job_ctx: *mut rquickjs::qjs::JSContext = std::ptr::null_mut();
            // SAFETY: the runtime is locked (we hold `ctx`); JS_ExecutePendingJob is the
            // runtime's own job loop and only needs that.
            let r = self.guarded(|| unsafe {
                rquickjs::qjs::JS_ExecutePendingJob(rquickjs::qjs::JS_GetRuntime(ctx.as_raw().as_ptr()), &mut job_ctx)
            });
            if r == 0 {
                return ran;
            }
            ran = true;
            if r < 0 {
                let err = ctx.catch();
                let message = err
                    .as_exception()
                    .map(|e| (e.message().unwrap_or_default(), e.stack().unwrap_or_default()))
                    .unwrap_or_else(|| (format!("{err:?}"), String::new()));
                self.report_failure(
                    HOST,
                    &JsFailure::new(format!("Uncaught (in promise) {}", message.0), message.1),
                    "app.js",
                );
            }
        }
    }

    pub fn lifetime(&self, ctx: &Ctx<'_>, id: InstanceId, name: &str) {
        let Some((realm, path)) = self.state.borrow().instances.get(&id).map(|i| (i.realm, i.path.clone())) else {
            return;
        };
        self.hook_reported::<_, ()>(ctx, realm, "lifecycle", (id, name.to_string()), &format!("{path}.js"));
    }

    /// Page hook with an argument (onLoad's query).
    pub fn page_hook(&self, ctx: &Ctx<'_>, id: InstanceId, name: &str, arg: Value) {
        let Some((realm, path)) = self.state.borrow().instances.get(&id).map(|i| (i.realm, i.path.clone())) else {
            return;
        };
        let rctx = self.realm_ctx(ctx, realm);
        let arg =
            rctx.json_parse(arg.to_json().to_string()).unwrap_or_else(|_| rquickjs::Value::new_undefined(rctx.clone()));
        self.hook_reported::<_, ()>(ctx, realm, "lifecycle", (id, name.to_string(), arg), &format!("{path}.js"));
    }

    /// Page lifetimes of every component in the page (`show`, `hide`).
    pub fn page_lifetime(&self, ctx: &Ctx<'_>, page: InstanceId, name: &str) {
        let ids: Vec<InstanceId> = {
            let st = self.state.borrow();
            let mut ids: Vec<_> = st
                .instances
                .iter()
                .filter(|(_, i)| i.page == page && i.kind == InstanceKind::Component)
                .map(|(id, _)| *id)
                .collect();
            ids.sort();
            ids
        };
        for id in ids {
            self.lifetime(ctx, id, &format!("page:{name}"));
        }
    }

    /// Applies a `setData` payload (paths → values) to the Rust-side data of `id`.
    pub fn apply_set_data(&self, id: InstanceId, payload: &str) -> Result<(), String> {
        let json: serde_json::Value =
            serde_json::from_str(payload).map_err(|e| format!("setData payload is not JSON: {e}"))?;
        let serde_json::Value::Object(map) = json else {
            return Err("setData expects an object".into());
        };
        let mut st = self.state.borrow_mut();
        let Some(inst) = st.instances.get_mut(&id) else {
            return Ok(());
        };
        for (key, value) in map {
            let path = mpsim_wxml::parse_data_path(&key)?;
            crate::data::set_path(&mut inst.data, &path, Value::from_json(&value));
        }
        st.dirty.insert(id);
        Ok(())
    }
}

fn parse_data(json: &str) -> Value {
    serde_json::from_str::<serde_json::Value>(json)
        .map(|v| Value::from_json(&v))
        .unwrap_or_else(|_| Value::empty_object())
}

/// `data-*` attributes as a dataset: `data-user-id` → `userId` (WeChat lower-cases the
/// rest of the name and camel-cases at hyphens).
pub fn dataset(attrs: &[(Rc<str>, Value)]) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    for (name, value) in attrs {
        if let Some(rest) = name.strip_prefix("data-") {
            map.insert(camel_case(&rest.to_lowercase()), value.to_json());
        }
    }
    serde_json::Value::Object(map)
}

/// `my-prop` → `myProp`.
pub fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '-' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The property values a component node passes (names camel-cased) as JSON, and its
/// external classes' values.
fn props_json(c: &mpsim_vdom::ComponentNode, info: &DefInfo) -> (String, Vec<(Rc<str>, String)>) {
    let mut map = serde_json::Map::new();
    let mut externals = Vec::new();
    for (name, value) in &c.props {
        if info.external_classes.iter().any(|e| e == name) {
            externals.push((name.clone(), value.to_text()));
            continue;
        }
        if let Some(cls) = info.external_classes.iter().find(|e| camel_case(e) == camel_case(name)) {
            externals.push((cls.clone(), value.to_text()));
            continue;
        }
        map.insert(camel_case(name), value.to_json());
    }
    (serde_json::Value::Object(map).to_string(), externals)
}

fn collect_component_hosts(nodes: &[Mounted], out: &mut Vec<NodeId>) {
    for m in nodes {
        if matches!(*m.vnode, VNode::Component(_)) {
            out.push(m.id);
        }
        collect_component_hosts(&m.children, out);
    }
}

pub fn find_node(nodes: &[Mounted], id: NodeId) -> Option<NodeRef> {
    nodes.iter().find_map(|m| m.find(id)).map(|m| m.vnode.clone())
}
