//! The runtime thread: owns the engine (QuickJS is single-threaded), takes [`Input`]s from
//! the window's commands, lets virtual time follow real time so timers fire, and after
//! every input sends the window what changed.

use super::devices::{self, Device};
use super::dto::Cx;
use mpsim_base::Diagnostic;
use mpsim_runtime::reload::ReloadKind;
use mpsim_runtime::{ConsoleLine, Engine, InstanceId, Options};
use serde_json::{json, Value as Json};
use std::collections::HashSet;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};
use tauri::{AppHandle, Emitter};

/// Everything the window can ask of the engine.
#[derive(Debug)]
pub enum Input {
    /// The shell is listening: send it everything.
    ShellReady,
    Event {
        node: u64,
        kind: String,
        detail: Json,
    },
    Back,
    Reload {
        route: Option<String>,
        query: Option<String>,
    },
    SetDevice(String),
    SetData {
        instance: u32,
        path: String,
        value: Json,
    },
    SetStorage {
        realm: String,
        key: String,
        value: Option<Json>,
    },
    SetSettings {
        assistant_appid: Option<String>,
        functional_pages: Vec<(String, String)>,
    },
    OpenProject(PathBuf),
    SwitchTab(String),
    /// "Build npm" from the Diagnostics panel: `mpsim_npm::build`, then a reload.
    BuildNpm,
    /// Project files changed on disk (hot reload).
    Files(mpsim_watch::Batch),
}

pub const EVENT: &str = "mpsim:update";

/// One open project: the engine and what the window has been told.
struct Session {
    app: AppHandle,
    dir: PathBuf,
    engine: Engine,
    project: Rc<mpsim_project::Project>,
    device: Device,
    route: Option<String>,
    query: String,
    options: Options,
    assistant_appid: Option<String>,
    /// Page ids the window has frames for.
    sent_pages: Vec<InstanceId>,
    diagnostics: Vec<Diagnostic>,
    sent_diagnostics: usize,
    console: Vec<Json>,
    sent_storage: String,
    /// The watch on the project folder; its batches come back as [`Input::Files`].
    _watch: Option<mpsim_watch::Watch>,
    inputs: Sender<Input>,
}

/// How to open a project: where, on which device, at which page(s), with which settings.
#[derive(Clone)]
struct Launch {
    dir: PathBuf,
    device: Device,
    route: Option<String>,
    query: String,
    options: Options,
    assistant_appid: Option<String>,
    /// A page stack to restore (after a full reload) instead of the launch page.
    stack: Option<Vec<(String, String)>>,
}

/// Watches `dir`, forwarding batches of changed files to the runtime as inputs.
fn start_watch(dir: &std::path::Path, inputs: &Sender<Input>) -> Option<mpsim_watch::Watch> {
    let (watch, batches) = mpsim_watch::watch(dir).ok()?;
    let inputs = inputs.clone();
    std::thread::Builder::new()
        .name("mpsim-watch-forward".into())
        .spawn(move || {
            for batch in batches {
                if inputs.send(Input::Files(batch)).is_err() {
                    return;
                }
            }
        })
        .ok()?;
    Some(watch)
}

fn emit(app: &AppHandle, payload: Json) {
    let _ = app.emit(EVENT, payload);
}

impl Session {
    fn open(app: AppHandle, inputs: Sender<Input>, launch: Launch) -> Session {
        let Launch { dir, device, route, query, options, assistant_appid, stack } = launch;
        let (mut project, diagnostics) = mpsim_project::load(&dir);
        if let Some(a) = &assistant_appid {
            project.settings.assistant_appid = a.clone();
        }
        let project = Rc::new(project);
        let mut options = options;
        options.device = device;
        options.storage_dir = super::prefs::storage_dir(&dir);
        let engine = Engine::new(project.clone(), options.clone()).unwrap_or_else(|e| {
            eprintln!("mpsim: the engine cannot start: {e}");
            std::process::exit(1)
        });
        let watch = start_watch(&dir, &inputs);
        let mut s = Session {
            app,
            dir,
            engine,
            project,
            device,
            route,
            query,
            options,
            assistant_appid,
            sent_pages: Vec::new(),
            diagnostics,
            sent_diagnostics: usize::MAX,
            console: Vec::new(),
            sent_storage: String::new(),
            _watch: watch,
            inputs,
        };
        let launched = match stack.filter(|s| !s.is_empty()) {
            Some(stack) => s.engine.restore_stack(&stack),
            None => match s.route.clone().or_else(|| s.project.app.launch_page().map(str::to_string)) {
                Some(route) => s.engine.launch(&route, &s.query).map(|_| ()),
                None => Ok(()),
            },
        };
        if let Err(d) = launched {
            s.diagnostics.push(d);
        }
        s
    }

    fn launch(&self) -> Launch {
        Launch {
            dir: self.dir.clone(),
            device: self.device,
            route: self.route.clone(),
            query: self.query.clone(),
            options: self.options.clone(),
            assistant_appid: self.assistant_appid.clone(),
            stack: None,
        }
    }

    fn plugin_realm(&self) -> Option<usize> {
        (0..2).find(|r| self.engine.realm_kind(*r) == mpsim_project::Realm::Plugin)
    }

    /// The window: project, stack, pages, console history, diagnostics, data.
    /// With `console`, the console history too (a shell that just loaded has none; a
    /// reopened project keeps the lines the shell already shows).
    fn send_all(&mut self, console: bool) {
        emit(&self.app, self.project_message());
        if self.project.kind == mpsim_project::ProjectKind::Plugin {
            emit(&self.app, self.doc_message());
        }
        self.sent_pages.clear();
        self.sent_diagnostics = usize::MAX;
        self.sent_storage.clear();
        if console && !self.console.is_empty() {
            emit(&self.app, json!({ "kind": "console", "lines": self.console }));
        }
        self.flush();
    }

    /// A console line from the shell itself (not from project code): kept for later
    /// windows and shown at once.
    fn shell_line(&mut self, level: &str, text: String) {
        let line = json!({ "level": level, "text": text, "location": null, "realm": "host" });
        self.console.push(line.clone());
        emit(&self.app, json!({ "kind": "console", "lines": [line] }));
    }

    /// The Doc tab: README.md rendered with its images from the project, the linter's
    /// findings, and the images' formats and sizes.
    fn doc_message(&self) -> Json {
        let doc = crate::cli::doc::DOC_DIR;
        let readme = self.project.read_text(&format!("{doc}/README.md")).unwrap_or_default();
        let html = mpsim_doc::render(&readme, &|rel: &str| Some(format!("mpsim://localhost/project/{doc}/{rel}")));
        let findings: Vec<Json> = crate::cli::doc::findings(&self.project, &self.engine)
            .iter()
            .map(|d| json!({ "path": d.path, "line": d.line, "col": d.col, "severity": d.severity.as_str(), "message": d.message, "code": d.code }))
            .collect();
        let images = mpsim_doc::images(&self.dir, doc);
        let total: u64 = std::fs::read_dir(self.dir.join(doc))
            .map(|rd| rd.flatten().filter_map(|e| e.metadata().ok()).filter(|m| m.is_file()).map(|m| m.len()).sum())
            .unwrap_or(0);
        json!({
            "kind": "doc",
            "html": html,
            "findings": findings,
            "images": images.iter().map(|i| json!({ "path": i.path, "format": i.format, "width": i.width, "height": i.height, "bytes": i.bytes })).collect::<Vec<_>>(),
            "totalBytes": total,
        })
    }

    fn project_message(&self) -> Json {
        let p = &self.project;
        let tab_bar = p.app.tab_bar.as_ref().map(|t| {
            json!({ "list": t.list.iter().map(|i| json!({ "pagePath": i.page_path, "text": i.text })).collect::<Vec<_>>() })
        });
        json!({
            "kind": "project",
            "name": self.dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            "dir": self.dir.to_string_lossy(),
            "appid": mpsim_runtime::host_appid(p),
            "pluginAppid": if p.plugin.is_some() { p.appid.clone() } else { None },
            "assistantAppid": p.settings.assistant_appid,
            "device": { "name": self.device.name, "width": self.device.width, "height": self.device.height, "pixelRatio": self.device.pixel_ratio },
            "devices": devices::DEVICES.iter().map(|d| json!({ "name": d.name, "width": d.width, "height": d.height })).collect::<Vec<_>>(),
            "recent": super::prefs::recent(),
            "routes": p.pages.iter().map(|pg| pg.route.clone()).chain(p.plugin.iter().flat_map(|pl| {
                p.app.all_plugins().filter(|d| d.is_dev()).flat_map(|d| pl.pages.iter().map(move |pg| format!("plugin://{}/{}", d.reference, pg.name)))
            })).collect::<Vec<_>>(),
            "tabBar": tab_bar,
            "compileMode": { "route": self.route, "query": self.query },
        })
    }

    /// The page's window settings: app.json `window` under the page's own json.
    fn window_of(&self, path: &str) -> Json {
        let mut w = self.project.app.window.clone();
        if let Some(own) = self.project.config_of(path).and_then(|(c, _)| c.raw.as_object().cloned()) {
            for (k, v) in own {
                if k.starts_with("navigationBar") || k.starts_with("background") || k == "navigationStyle" {
                    w.insert(k, v);
                }
            }
        }
        Json::Object(w)
    }

    /// Compiled CSS for a page: app.wxss (global), the page's and each component's WXSS,
    /// each under its own scope.
    fn css(&self, page: InstanceId) -> String {
        let st = self.engine.state();
        let mut paths: Vec<(String, bool, String)> = Vec::new();
        let root_of = |realm: usize| -> String {
            if Some(realm) == self.plugin_realm() {
                self.project.plugin_root.clone().unwrap_or_default()
            } else {
                self.project.miniprogram_root.clone()
            }
        };
        if let Some(p) = st.instances.get(&page) {
            paths.push((p.path.to_string(), false, root_of(p.realm)));
        }
        let mut comps: Vec<(String, String)> = st
            .instances
            .values()
            .filter(|i| i.page == page && i.kind == mpsim_runtime::InstanceKind::Component)
            .map(|i| (i.path.to_string(), root_of(i.realm)))
            .collect();
        comps.sort();
        comps.dedup();
        paths.extend(comps.into_iter().map(|(p, r)| (p, true, r)));
        let project = &self.project;
        let mut opts = mpsim_wxss::WxssOptions::new(self.device.width);
        opts.hairline_px = mpsim_wxss::hairline_px(self.device.ios, self.device.pixel_ratio);
        let mut css = String::new();
        let app = mpsim_project::join_path(&project.miniprogram_root, "app").unwrap_or_default();
        if let Some((c, _)) = mpsim_wxss::compile_styles(project, &app, &project.miniprogram_root, &opts) {
            css.push_str(&c.css);
        }
        for (path, component, root) in paths {
            let mut o = opts.clone();
            o.scope = Some(mpsim_wxss::scope_prefix(&path));
            o.component = component;
            let Some((c, _)) = mpsim_wxss::compile_styles(project, &path, &root, &o) else { continue };
            css.push('\n');
            css.push_str(&c.css);
        }
        css
    }

    /// Sends what changed since the last flush.
    fn flush(&mut self) {
        let changes = self.engine.take_changes();
        let plugin_realm = self.plugin_realm();
        let stack: Vec<(InstanceId, String, String, usize)> = {
            let st = self.engine.state();
            st.stack
                .iter()
                .filter_map(|p| {
                    st.instances.get(&p.instance).map(|i| (p.instance, p.route.clone(), i.path.to_string(), i.realm))
                })
                .collect()
        };
        let ids: Vec<InstanceId> = stack.iter().map(|s| s.0).collect();
        let mut covered: HashSet<InstanceId> = HashSet::new();
        let mut messages = Vec::new();
        if ids != self.sent_pages {
            let pages: Vec<Json> = stack
                .iter()
                .map(|(id, route, path, realm)| {
                    json!({ "id": id, "route": route, "realm": if Some(*realm) == plugin_realm { "plugin" } else { "host" }, "window": self.window_of(path) })
                })
                .collect();
            messages.push(json!({ "kind": "stack", "pages": pages }));
            let new_pages: Vec<InstanceId> = ids.iter().copied().filter(|id| !self.sent_pages.contains(id)).collect();
            for id in new_pages {
                let css = self.css(id);
                let st = self.engine.state();
                let cx = Cx {
                    st: &st,
                    project: &self.project,
                    device: self.device,
                    plugin_realm,
                    scopes: Default::default(),
                };
                messages.push(cx.page(id, css, &mut covered));
            }
            self.sent_pages = ids;
        }
        {
            let st = self.engine.state();
            let cx =
                Cx { st: &st, project: &self.project, device: self.device, plugin_realm, scopes: Default::default() };
            let mut by_page: Vec<(InstanceId, Vec<Json>)> = Vec::new();
            for (page, op) in cx.ops(&changes, &mut covered) {
                match by_page.iter_mut().find(|(p, _)| *p == page) {
                    Some((_, ops)) => ops.push(op),
                    None => by_page.push((page, vec![op])),
                }
            }
            for (page, ops) in by_page {
                messages.push(json!({ "kind": "patches", "page": page, "ops": ops }));
            }
        }
        let lines: Vec<Json> = self.engine.take_console().into_iter().map(|l| console_json(&l, plugin_realm)).collect();
        if !lines.is_empty() {
            self.console.extend(lines.iter().cloned());
            let excess = self.console.len().saturating_sub(2000);
            self.console.drain(..excess);
            messages.push(json!({ "kind": "console", "lines": lines }));
        }
        for d in self.engine.take_diagnostics() {
            if !self.diagnostics.contains(&d) {
                self.diagnostics.push(d);
            }
        }
        if self.sent_diagnostics != self.diagnostics.len() {
            self.sent_diagnostics = self.diagnostics.len();
            let items: Vec<Json> = self
                .diagnostics
                .iter()
                .map(|d| json!({ "path": d.path, "line": d.line, "col": d.col, "severity": d.severity.as_str(), "message": d.message, "code": d.code }))
                .collect();
            messages.push(json!({ "kind": "diagnostics", "items": items }));
        }
        let top = self.sent_pages.last().copied();
        for call in self.engine.take_ui_calls() {
            let options: Json = serde_json::from_str(&call.options).unwrap_or(Json::Null);
            messages.push(json!({ "kind": "ui", "api": call.api, "page": top, "options": options }));
        }
        if let (Some(page), false) = (top, changes.is_empty() && messages.is_empty()) {
            messages.push(self.appdata(page, plugin_realm));
        }
        let storage = self.storage_message(plugin_realm);
        let text = storage.to_string();
        if text != self.sent_storage {
            self.sent_storage = text;
            messages.push(storage);
        }
        for m in messages {
            emit(&self.app, m);
        }
    }

    fn appdata(&self, page: InstanceId, plugin_realm: Option<usize>) -> Json {
        let st = self.engine.state();
        let mut ids: Vec<InstanceId> = st.instances.iter().filter(|(_, i)| i.page == page).map(|(id, _)| *id).collect();
        ids.sort();
        let instances: Vec<Json> = ids
            .iter()
            .filter_map(|id| {
                let i = st.instances.get(id)?;
                let tag = i.host.and_then(|h| {
                    let owner = st.instances.get(&i.parent?)?;
                    let m = mpsim_runtime::find_mounted(&owner.mounted, h)?;
                    match &*m.vnode {
                        mpsim_vdom::VNode::Component(c) => Some(c.tag.to_string()),
                        _ => None,
                    }
                });
                Some(json!({
                    "id": id,
                    "path": &*i.path,
                    "realm": if Some(i.realm) == plugin_realm { "plugin" } else { "host" },
                    "tag": tag,
                    "data": i.data.to_json(),
                }))
            })
            .collect();
        json!({ "kind": "appdata", "page": page, "instances": instances })
    }

    fn storage_message(&self, plugin_realm: Option<usize>) -> Json {
        let host_appid = mpsim_runtime::host_appid(&self.project);
        let mut partitions = vec![(0usize, Vec::new())];
        if let Some(p) = plugin_realm {
            partitions.push((p, Vec::new()));
        }
        for (realm, items) in self.engine.storage() {
            if let Some(slot) = partitions.iter_mut().find(|(r, _)| *r == realm) {
                slot.1 = items;
            }
        }
        let partitions: Vec<Json> = partitions
            .into_iter()
            .map(|(realm, items)| {
                let plugin = Some(realm) == plugin_realm;
                json!({
                    "appid": if plugin { self.project.appid.clone().unwrap_or_default() } else { host_appid.clone() },
                    "realm": if plugin { "plugin" } else { "host" },
                    "items": items.iter().map(|(k, v)| {
                        let value = serde_json::from_str::<Json>(v).ok().and_then(|j| j.get("data").cloned()).unwrap_or(Json::Null);
                        json!({ "key": k, "value": value })
                    }).collect::<Vec<_>>(),
                })
            })
            .collect();
        json!({ "kind": "storage", "partitions": partitions })
    }

    fn handle(&mut self, input: Input) -> Option<Session> {
        match input {
            Input::ShellReady => self.send_all(true),
            Input::Event { node, kind, detail } => {
                if let Err(e) = self.engine.dispatch_node(node, &kind, detail) {
                    self.shell_line("warn", e);
                }
                self.flush();
            }
            Input::Back => {
                let _ = self.engine.navigate_back();
                self.flush();
            }
            Input::SetData { instance, path, value } => {
                let _ = self.engine.set_instance_data(instance, &path, value);
                self.flush();
            }
            Input::SetStorage { realm, key, value } => {
                let r = if realm == "plugin" { self.plugin_realm().unwrap_or(0) } else { 0 };
                self.engine.set_storage(r, &key, value);
                self.flush();
            }
            Input::Reload { route, query } => {
                let mut launch = self.launch();
                launch.route = route.or(launch.route);
                launch.query = query.unwrap_or(launch.query);
                super::prefs::save_compile_mode(&self.dir, launch.route.as_deref(), &launch.query);
                return Some(self.reopen(launch));
            }
            Input::SetDevice(name) => {
                // The device decides rpx: the pages are built again, the stack kept.
                let mut launch = self.launch();
                launch.device = devices::by_name(&name);
                launch.stack = Some(self.engine.stack_urls());
                return Some(self.reopen(launch));
            }
            Input::SetSettings { assistant_appid, functional_pages } => {
                let mut launch = self.launch();
                launch.options.functional_pages.extend(functional_pages);
                launch.assistant_appid = assistant_appid.or(launch.assistant_appid);
                return Some(self.reopen(launch));
            }
            Input::OpenProject(dir) => {
                super::prefs::remember(&dir);
                let (route, query) = super::prefs::compile_mode(&dir);
                return Some(self.reopen(Launch {
                    dir,
                    device: self.device,
                    route,
                    query,
                    options: Options::default(),
                    assistant_appid: None,
                    stack: None,
                }));
            }
            Input::Files(batch) => return self.files_changed(batch),
            Input::BuildNpm => {
                let report = mpsim_npm::build(&self.dir);
                let built: usize = report.outputs.iter().map(|o| o.packages.len()).sum();
                let mut launch = self.launch();
                launch.stack = Some(self.engine.stack_urls());
                let mut next = self.reopen(launch);
                let level = if mpsim_runtime::has_errors(&report.diagnostics) { "warn" } else { "log" };
                next.shell_line(
                    level,
                    format!("build npm: {built} package{} built", if built == 1 { "" } else { "s" }),
                );
                next.diagnostics.extend(report.diagnostics);
                next.flush();
                return Some(next);
            }
            Input::SwitchTab(url) => {
                if let Err(e) = self.engine.switch_tab(&url) {
                    self.shell_line("warn", e);
                }
                self.flush();
            }
        }
        None
    }

    fn reopen(&self, launch: Launch) -> Session {
        let mut s = Session::open(self.app.clone(), self.inputs.clone(), launch);
        s.console = self.console.clone();
        s.send_all(false);
        s
    }

    /// Files changed on disk: the least reload that is correct, then what changed goes out
    /// with the save → patches latency.
    fn files_changed(&mut self, batch: mpsim_watch::Batch) -> Option<Session> {
        let kind = self.engine.apply_changes(&batch.paths);
        let what = format!("{}: {}", kind.as_str(), batch.paths.join(", "));
        // Diagnostics of the changed files are found again.
        self.diagnostics.retain(|d| !batch.paths.contains(&d.path));
        self.sent_diagnostics = usize::MAX;
        let mut next = None;
        match kind {
            ReloadKind::Full => {
                let mut launch = self.launch();
                launch.stack = Some(self.engine.stack_urls());
                next = Some(self.reopen(launch));
            }
            ReloadKind::Styles | ReloadKind::Templates | ReloadKind::Scripts => {
                if kind == ReloadKind::Styles || batch.paths.iter().any(|p| mpsim_wxss::StyleLang::of_path(p).is_some())
                {
                    for page in self.sent_pages.clone() {
                        let css = self.css(page);
                        emit(&self.app, json!({ "kind": "css", "page": page, "css": css }));
                    }
                }
                self.flush();
            }
            ReloadKind::Doc => {
                emit(&self.app, self.doc_message());
                self.flush();
            }
            ReloadKind::Nothing => self.flush(),
        }
        let ms = batch.first_seen.elapsed().as_secs_f64() * 1000.0;
        emit(&self.app, json!({ "kind": "reload", "ms": ms, "what": what }));
        next
    }
}

fn console_json(l: &ConsoleLine, plugin_realm: Option<usize>) -> Json {
    json!({
        "level": l.level,
        "text": l.text,
        "location": l.location,
        "realm": if Some(l.realm) == plugin_realm { "plugin" } else { "host" },
    })
}

/// Starts the runtime thread on the project at `dir`.
pub fn spawn(app: AppHandle, dir: PathBuf) -> Sender<Input> {
    let (tx, rx) = channel::<Input>();
    let inputs = tx.clone();
    std::thread::Builder::new()
        .name("mpsim-runtime".into())
        .spawn(move || {
            super::prefs::remember(&dir);
            let (route, query) = super::prefs::compile_mode(&dir);
            let launch = Launch {
                dir,
                device: devices::by_name(""),
                route,
                query,
                options: Options::default(),
                assistant_appid: None,
                stack: None,
            };
            let mut session = Session::open(app, inputs, launch);
            let mut last = Instant::now();
            loop {
                // Wake for the next timer (real time drives the virtual clock), or at least
                // every second.
                let wait = session
                    .engine
                    .next_timer_in()
                    .map(|ms| Duration::from_secs_f64(ms / 1000.0))
                    .unwrap_or(Duration::from_secs(1));
                // While requests are in flight, look for their results often.
                let wait =
                    if session.engine.pending_requests() > 0 { wait.min(Duration::from_millis(15)) } else { wait };
                let received = rx.recv_timeout(wait.min(Duration::from_secs(1)));
                let elapsed = last.elapsed();
                last = Instant::now();
                session.engine.advance(elapsed.as_secs_f64() * 1000.0);
                match received {
                    Ok(input) => {
                        if let Some(next) = session.handle(input) {
                            session = next;
                        }
                    }
                    Err(RecvTimeoutError::Timeout) => {
                        session.engine.poll_network();
                        session.flush();
                    }
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            }
        })
        .unwrap_or_else(|e| {
            eprintln!("mpsim: cannot start the runtime thread: {e}");
            std::process::exit(1)
        });
    tx
}
