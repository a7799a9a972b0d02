//! Hot reload: applying changed project files to a running engine while keeping what a
//! developer is looking at — the page stack, page and component data, input values.
//!
//! Each change is classified and the least correct work is done:
//! - `.wxml` / `.wxs`: templates depending on the file (imports, includes, wxs) are
//!   recompiled and every live instance using one re-renders with its current data, so only
//!   patches go out. A template that no longer compiles keeps the last good one (its
//!   diagnostics say why).
//! - `.wxss`, `.less`, `.scss`, `.sass`: nothing in the engine; the window recompiles styles.
//! - a page's or component's `.js`: the definition is registered again and the instances
//!   using it are re-created in place, carrying their data over: a key the old instance had
//!   keeps its current value (what the developer was looking at wins over the new initial
//!   data), keys only the new definition has get its initial value, and properties come
//!   from the owner as always. Lifetimes run as for a new instance (created, attached,
//!   ready; for a page onLoad(query), onShow, onReady). Other pages are untouched.
//! - `app.js`, any `.json`, other `.js` modules (shared by anything): a full reload, which
//!   the caller does by building a new engine and restoring the page stack.
//! - `doc/`: only the documentation preview.

use crate::engine::{InstanceId, InstanceKind, Shared};
use crate::navigation;
use mpsim_base::Value;
use rquickjs::Ctx;
use std::rc::Rc;

/// What a set of changed files required, from least to most work.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ReloadKind {
    /// Nothing the simulator uses.
    Nothing,
    /// Documentation only.
    Doc,
    /// Styles only (the window recompiles CSS).
    Styles,
    /// Templates re-rendered with current data.
    Templates,
    /// Page or component code re-registered, instances re-created with their data.
    Scripts,
    /// Everything: a new engine with the page stack restored.
    Full,
}

impl ReloadKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReloadKind::Nothing => "nothing",
            ReloadKind::Doc => "doc",
            ReloadKind::Styles => "styles",
            ReloadKind::Templates => "templates",
            ReloadKind::Scripts => "scripts",
            ReloadKind::Full => "full",
        }
    }
}

/// What one changed file needs, given the definitions the engine knows.
fn classify(sh: &Shared, path: &str) -> ReloadKind {
    let root_file = |name: &str| {
        let root = &sh.project.miniprogram_root;
        if root.is_empty() {
            name.to_string()
        } else {
            format!("{root}/{name}")
        }
    };
    if path == "doc" || path.starts_with("doc/") {
        return ReloadKind::Doc;
    }
    if path.ends_with(".json") || path == root_file("app.js") || path == root_file("app.ts") {
        return ReloadKind::Full;
    }
    if mpsim_wxss::StyleLang::of_path(path).is_some() {
        return ReloadKind::Styles;
    }
    if path.ends_with(".wxml") || path.ends_with(".wxs") {
        return ReloadKind::Templates;
    }
    if let Some(def) = script_base(path) {
        let st = sh.state.borrow();
        let is_definition = st.defs.keys().any(|(_, p)| &**p == def);
        return if is_definition { ReloadKind::Scripts } else { ReloadKind::Full };
    }
    ReloadKind::Nothing
}

/// A script's path without its extension (`.js` or `.ts`), or `None` for other files.
fn script_base(path: &str) -> Option<&str> {
    path.strip_suffix(".js").or_else(|| path.strip_suffix(".ts")).filter(|_| !path.ends_with(".d.ts"))
}

/// The work `changed` requires as a whole.
pub fn plan(sh: &Shared, changed: &[String]) -> ReloadKind {
    changed.iter().map(|p| classify(sh, p)).max().unwrap_or(ReloadKind::Nothing)
}

/// Applies `changed` (all of kind Templates or Scripts, or less). A `Full` plan is the
/// caller's to carry out.
pub fn apply(sh: &Shared, ctx: &Ctx<'_>, changed: &[String], kind: ReloadKind) {
    if kind >= ReloadKind::Templates {
        reload_templates(sh, ctx, changed);
    }
    if kind == ReloadKind::Scripts {
        for path in changed {
            if classify(sh, path) == ReloadKind::Scripts {
                reload_definition(sh, ctx, path);
            }
        }
    }
    sh.settle(ctx);
}

fn reload_templates(sh: &Shared, ctx: &Ctx<'_>, changed: &[String]) {
    if changed.iter().any(|p| p.ends_with(".wxs")) {
        for wxs in sh.wxs.borrow().iter() {
            wxs.reset(ctx);
        }
    }
    // Drop compiled templates built from a changed file, then give each live instance its
    // template again: recompiled where needed, the same one otherwise.
    let stale: Vec<Rc<str>> = {
        let st = sh.state.borrow();
        st.templates
            .iter()
            .filter(|(_, t)| {
                t.deps.iter().any(|d| changed.iter().any(|c| **c == **d)) || changed.iter().any(|c| **c == *t.path)
            })
            .map(|(k, _)| k.clone())
            .collect()
    };
    let wxs_changed = changed.iter().any(|p| p.ends_with(".wxs"));
    let previous: Vec<(Rc<str>, Rc<mpsim_wxml::ir::CompiledTemplate>)> = {
        let mut st = sh.state.borrow_mut();
        stale.iter().filter_map(|k| st.templates.remove(k).map(|t| (k.clone(), t))).collect()
    };
    let instances: Vec<(InstanceId, usize, Rc<str>)> = {
        let st = sh.state.borrow();
        st.instances.iter().map(|(id, i)| (*id, i.realm, i.path.clone())).collect()
    };
    for (id, realm, path) in instances {
        let before_errors = sh.state.borrow().diagnostics.len();
        let template = sh.template(realm, &path);
        let file = format!("{path}.wxml");
        let broken = sh.state.borrow().diagnostics[before_errors..].iter().any(|d| d.is_error() && d.path == file);
        let mut st = sh.state.borrow_mut();
        let Some(inst) = st.instances.get_mut(&id) else { continue };
        if broken {
            // Keep the last good template on screen; the diagnostics name the error.
            if let Some((k, old)) = previous.iter().find(|(k, _)| **k == *file) {
                st.templates.insert(k.clone(), old.clone());
            }
            continue;
        }
        if !Rc::ptr_eq(&inst.template, &template) || wxs_changed {
            inst.template = template;
            inst.memo = Default::default();
            st.dirty.insert(id);
        }
    }
}

/// Registers the definition in `file` again and re-creates its live instances.
fn reload_definition(sh: &Shared, ctx: &Ctx<'_>, file: &str) {
    let Some(def) = script_base(file) else { return };
    let realm = sh.realm_of_path(def);
    if sh.hook_reported::<_, ()>(ctx, realm, "reloadModule", (file.to_string(),), file).is_none() {
        // The file does not load: the old definition and instances stay.
        return;
    }
    let ids: Vec<(InstanceId, InstanceKind)> = {
        let st = sh.state.borrow();
        let mut v: Vec<_> = st.instances.iter().filter(|(_, i)| &*i.path == def).map(|(id, i)| (*id, i.kind)).collect();
        v.sort();
        v
    };
    for (id, kind) in ids {
        match kind {
            InstanceKind::Component => sh.recreate_component(ctx, id),
            InstanceKind::Page => recreate_page(sh, ctx, id),
        }
    }
}

/// Re-creates a page of the stack in place with its route, query and data.
fn recreate_page(sh: &Shared, ctx: &Ctx<'_>, id: InstanceId) {
    let (index, entry, data) = {
        let st = sh.state.borrow();
        let Some(index) = st.stack.iter().position(|p| p.instance == id) else { return };
        let Some(inst) = st.instances.get(&id) else { return };
        (index, st.stack[index].clone(), inst.data.clone())
    };
    let path = sh.state.borrow().instances.get(&id).map(|i| i.path.to_string()).unwrap_or_default();
    sh.page_hook(ctx, id, "onUnload", Value::Undefined);
    sh.destroy_instance(ctx, id);
    let target = navigation::Target { route: entry.route.clone(), path, query: entry.query.clone() };
    navigation::recreate_page(sh, ctx, &target, index, &data);
}
