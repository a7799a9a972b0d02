//! One build: the packages a package.json depends on, from its `node_modules/` into a
//! `miniprogram_npm/` folder.
//!
//! The rules are WeChat DevTools' (its npm documentation, "构建 npm" and "发布 npm 包"):
//! - a **mini-program package** (`miniprogram` in package.json, or a `miniprogram_dist/`
//!   folder, the default name) contributes its build output folder, copied whole ("小程序 npm
//!   包会直接拷贝构建文件生成目录下的所有文件到 miniprogram_npm 中");
//! - **any other package** is entered through `main` (default `index.js`) and packed with the
//!   files it requires ("从入口 js 文件开始走一遍依赖分析和打包过程"). DevTools bundles them
//!   into one `index.js`; here the files keep their layout under `miniprogram_npm/<name>/`
//!   and an `index.js` requiring `main` is added when `main` is another file, so
//!   `require('<name>')` and `require('<name>/file')` both work with the runtime's resolver;
//! - dependencies are found as Node finds them, from the requiring file's folder up to the
//!   package.json's `node_modules/`; a package nested in another's `node_modules/` lands in
//!   that package's own `miniprogram_npm/` (the documented layout
//!   `miniprogram_npm/testa/miniprogram_npm/testb`), where the runtime's upward search finds it;
//! - the `dependencies` of every built package are built too; requests of Node's built-in
//!   modules cannot work in a mini-program and are reported.
//!
//! Nothing is executed: no install scripts, no network. The output is assembled in a
//! staging folder and replaces `miniprogram_npm/` at the end, as DevTools rebuilds it whole.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use mpsim_base::{Diagnostic, Severity, SourceFile, Span};
use mpsim_project::{is_within, join_path, parent_dir};

use crate::manifest::{split_request, Manifest};
use crate::scan;
use crate::targets::{under, Target};
use crate::tree::{Entry, Tree};

/// How a package was built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A mini-program package: its build output folder copied whole.
    Miniprogram,
    /// A JavaScript package: its entry and the files it requires.
    Packed,
}

/// A package written to `miniprogram_npm/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Built {
    /// The package's name as its folder in node_modules names it (`@vant/weapp`).
    pub name: String,
    /// Where it was written, project-relative (`miniprogram_npm/@vant/weapp`).
    pub dest: String,
    pub kind: Kind,
    /// Files written (an added `index.js` included).
    pub files: usize,
}

enum Plan {
    /// Copy the folder (project-relative) whole.
    Copy(String),
    /// Pack the entry (project-relative file) and what it requires.
    Pack(String),
}

struct Package {
    name: String,
    /// The package's folder in node_modules, project-relative.
    dir: String,
    /// Its place relative to the output folder (`a`, `a/miniprogram_npm/b`).
    place: String,
    plan: Plan,
    /// Packed files, project-relative.
    files: BTreeSet<String>,
}

struct Build<'a> {
    tree: &'a Tree,
    target: &'a Target,
    /// `<base>/node_modules`, the prefix every package folder starts with.
    modules: String,
    packages: BTreeMap<String, Package>,
    /// Package folders looked at (built or not), so each is read once.
    seen: BTreeSet<String>,
    /// Files waiting to be scanned: (package folder, file).
    queue: VecDeque<(String, String)>,
    diags: Vec<Diagnostic>,
}

/// Node's built-in modules: a request for one names no npm package.
const NODE_BUILTINS: &str =
    "assert buffer child_process cluster crypto dgram dns events fs http http2 https module net os \
    path perf_hooks process punycode querystring readline stream string_decoder timers tls tty url util v8 vm \
    worker_threads zlib";

/// Builds `target`. Returns the packages written (empty when nothing could be written)
/// and every finding.
pub fn build(tree: &Tree, target: &Target) -> (Vec<Built>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let root = match Manifest::read(tree, &target.package_json, &mut diags) {
        Ok(m) => m,
        Err(d) => {
            diags.push(d);
            return (Vec::new(), diags);
        }
    };
    let mut b = Build {
        tree,
        target,
        modules: under(&target.base, "node_modules"),
        packages: BTreeMap::new(),
        seen: BTreeSet::new(),
        queue: VecDeque::new(),
        diags,
    };
    if !root.dependencies.is_empty() && !tree.is_dir(&b.modules) {
        let span = root.doc.root.get("dependencies").map_or(Span::at(0), |m| m.key_span);
        let at = if target.base.is_empty() { "the project folder".to_string() } else { format!("{}/", target.base) };
        let message = format!("{} does not exist: run `npm install` in {at} before building", b.modules);
        b.diags.push(root.doc.error(span, "npm-not-installed", message));
        return (Vec::new(), b.diags);
    }
    b.dependencies(&root, &target.base, Severity::Error);
    while let Some((package, file)) = b.queue.pop_front() {
        b.scan(&package, &file);
    }
    let built = b.write();
    (built, b.diags)
}

impl Build<'_> {
    /// Queues the declared `dependencies` of `manifest`, looked up from `from`.
    fn dependencies(&mut self, manifest: &Manifest, from: &str, missing: Severity) {
        for dep in &manifest.dependencies {
            match self.find_package(from, &dep.name) {
                Ok(Some(dir)) => {
                    self.add_package(&dir);
                }
                Ok(None) => {
                    let message = format!(
                        "\"{}\" is listed in `dependencies` but is not installed in {}; run `npm install`",
                        dep.name, self.modules
                    );
                    self.diags.push(manifest.doc.file.diagnostic(dep.span, missing, "npm-package-missing", message));
                }
                Err(d) => self.diags.push(d),
            }
        }
    }

    /// The folder of package `name` as Node finds it from the folder `from`: in
    /// `node_modules/` there, then in each folder above, up to the target's base.
    fn find_package(&self, from: &str, name: &str) -> Result<Option<String>, Diagnostic> {
        let mut dir = from.to_string();
        loop {
            // Node never looks in `node_modules/node_modules`.
            if dir != "node_modules" && !dir.ends_with("/node_modules") {
                let candidate = under(&under(&dir, "node_modules"), name);
                match self.tree.entry(&candidate) {
                    Entry::Dir if self.tree.is_file(&under(&candidate, "package.json")) => return Ok(Some(candidate)),
                    Entry::Outside => {
                        return Err(Diagnostic::file(
                            candidate.as_str(),
                            Severity::Error,
                            "npm-outside-project",
                            format!("{candidate} leads outside the project (a link); build-npm copies only files inside the project"),
                        ))
                    }
                    _ => {}
                }
            }
            if dir == self.target.base || !is_within(&dir, &self.target.base) || dir.is_empty() {
                return Ok(None);
            }
            dir = parent_dir(&dir).to_string();
        }
    }

    /// Reads the package at `dir` once, plans how it travels and queues its entry and
    /// dependencies. Returns whether it is (being) built.
    fn add_package(&mut self, dir: &str) -> bool {
        if !self.seen.insert(dir.to_string()) {
            return self.packages.contains_key(dir);
        }
        let package_json = under(dir, "package.json");
        let manifest = match Manifest::read(self.tree, &package_json, &mut self.diags) {
            Ok(m) => m,
            Err(d) => {
                self.diags.push(d);
                return false;
            }
        };
        let name = format!("/{dir}").rsplit_once("/node_modules/").map_or(dir.to_string(), |(_, n)| n.to_string());
        let place = dir
            .strip_prefix(&format!("{}/", self.modules))
            .unwrap_or(&name)
            .replace("/node_modules/", "/miniprogram_npm/");
        let Some(plan) = self.plan(dir, &manifest) else {
            return false;
        };
        if let Plan::Pack(entry) = &plan {
            self.queue.push_back((dir.to_string(), entry.clone()));
        }
        self.packages
            .insert(dir.to_string(), Package { name, dir: dir.to_string(), place, plan, files: BTreeSet::new() });
        self.dependencies(&manifest, dir, Severity::Warning);
        true
    }

    fn plan(&mut self, dir: &str, manifest: &Manifest) -> Option<Plan> {
        let doc = &manifest.doc;
        if let Some((raw, span)) = &manifest.miniprogram {
            let folder = join_path(dir, raw).filter(|f| is_within(f, dir) && !raw.starts_with('/'));
            return match folder {
                Some(f) if self.tree.is_dir(&f) => Some(Plan::Copy(f)),
                _ => {
                    let message = format!("`miniprogram` names \"{raw}\", which is not a folder of the package");
                    self.diags.push(doc.error(*span, "npm-missing-miniprogram-dir", message));
                    None
                }
            };
        }
        let dist = under(dir, "miniprogram_dist");
        if self.tree.is_dir(&dist) {
            return Some(Plan::Copy(dist));
        }
        let (main, span) = manifest.main.clone().map_or(("index.js".to_string(), None), |(m, s)| (m, Some(s)));
        let entry = join_path(dir, &main).filter(|f| is_within(f, dir)).and_then(|f| self.resolve_file(&f, dir));
        match entry {
            Some(e) if e.ends_with(".js") || e.ends_with(".json") => Some(Plan::Pack(e)),
            found => {
                let why = match found {
                    Some(e) => format!("its entry {e} is not JavaScript"),
                    None if span.is_some() => format!("its `main` \"{main}\" names no file"),
                    None => "it has no `main` and no index.js".to_string(),
                };
                let code = "npm-missing-entry";
                let message = format!("package {} was not built: {why}", manifest.name.as_deref().unwrap_or(dir));
                self.diags.push(match span {
                    Some(s) => doc.warning(s, code, message),
                    None => Diagnostic::file(doc.file.path.to_string(), Severity::Warning, code, message),
                });
                None
            }
        }
    }

    /// The file a path names as Node resolves it: itself, with `.js` or `.json`, or as a
    /// folder (its package.json `main`, then `index.js`); only inside `package`.
    fn resolve_file(&self, path: &str, package: &str) -> Option<String> {
        let inside = |p: &String| is_within(p, package) && self.tree.is_file(p);
        let direct = [path.to_string(), format!("{path}.js"), format!("{path}.json")];
        if let Some(found) = direct.into_iter().find(inside) {
            return Some(found);
        }
        if self.tree.is_dir(path) && path != package {
            let main = self
                .tree
                .read(&under(path, "package.json"))
                .and_then(|t| mpsim_project::json::parse(&t).ok())
                .and_then(|v| v.get("main").and_then(|m| m.value.as_str().map(str::to_string)));
            if let Some(main) = main.and_then(|m| join_path(path, &m)) {
                if let Some(found) =
                    [main.clone(), format!("{main}.js"), under(&main, "index.js")].into_iter().find(inside)
                {
                    return Some(found);
                }
            }
        }
        [under(path, "index.js"), under(path, "index.json")].into_iter().find(inside)
    }

    /// Adds `file` to package `package` and follows what it requires.
    fn scan(&mut self, package: &str, file: &str) {
        let Some(p) = self.packages.get_mut(package) else {
            return;
        };
        if !p.files.insert(file.to_string()) || !file.ends_with(".js") {
            return;
        }
        let Some(text) = self.tree.read(file) else {
            return;
        };
        let source = SourceFile::new(file, text);
        let dir = parent_dir(file).to_string();
        for request in scan::requests(&source.text) {
            let span = Span::at(request.offset);
            let spec = request.spec.as_str();
            if spec.starts_with("./") || spec.starts_with("../") || spec == "." || spec == ".." {
                match join_path(&dir, spec).and_then(|p| self.resolve_file(&p, package)) {
                    Some(found) => self.queue.push_back((package.to_string(), found)),
                    None => self.diags.push(source.warning(
                        span,
                        "npm-unresolved-require",
                        format!("\"{spec}\" names no file inside package {}", self.packages[package].name),
                    )),
                }
                continue;
            }
            let builtin = spec.strip_prefix("node:").unwrap_or(spec);
            let builtin = builtin.split('/').next().unwrap_or(builtin);
            if NODE_BUILTINS.split_whitespace().any(|b| b == builtin) || spec.starts_with("node:") {
                let message = format!(
                    "\"{spec}\" is a Node.js built-in module, which a mini-program does not have; \
                     install a pure-JavaScript replacement as a dependency"
                );
                self.diags.push(source.warning(span, "npm-node-builtin", message));
                continue;
            }
            let Some((name, sub)) = split_request(spec) else {
                self.diags.push(source.warning(
                    span,
                    "npm-unresolved-require",
                    format!("\"{spec}\" cannot be packed: only relative paths and npm package names can be"),
                ));
                continue;
            };
            match self.find_package(&dir, name) {
                Ok(Some(found)) => {
                    if !self.add_package(&found) || sub.is_empty() {
                        continue;
                    }
                    if let Some(Plan::Pack(_)) = self.packages.get(&found).map(|p| &p.plan) {
                        match join_path(&found, sub).and_then(|p| self.resolve_file(&p, &found)) {
                            Some(f) => self.queue.push_back((found, f)),
                            None => self.diags.push(source.warning(
                                span,
                                "npm-unresolved-require",
                                format!("\"{spec}\": package {name} has no file \"{sub}\""),
                            )),
                        }
                    }
                }
                Ok(None) => self.diags.push(source.warning(
                    span,
                    "npm-unresolved-require",
                    format!("\"{spec}\": package {name} is not installed in {}", self.modules),
                )),
                Err(d) => self.diags.push(d),
            }
        }
    }

    /// Writes every planned package into a staging folder and puts it in place of the
    /// output folder.
    fn write(&mut self) -> Vec<Built> {
        let out = self.target.out.clone();
        if self.tree.entry(parent_dir(&out)) == Entry::Outside {
            self.diags.push(Diagnostic::file(
                parent_dir(&out),
                Severity::Error,
                "npm-outside-project",
                format!("{} leads outside the project (a link); nothing was written", parent_dir(&out)),
            ));
            return Vec::new();
        }
        // A package.json with nothing to build leaves no empty folder behind (a previous
        // build is still replaced: the output always matches the dependencies).
        if self.packages.is_empty() && self.tree.entry(&out) == Entry::Missing {
            return Vec::new();
        }
        let staging = format!("{out}.mpsim-building");
        self.tree.remove_dir(&staging);
        let mut built = Vec::new();
        let packages = std::mem::take(&mut self.packages);
        for p in packages.values() {
            let dest = under(&staging, &p.place);
            let written = match &p.plan {
                Plan::Copy(folder) => self.copy_folder(folder, &dest),
                Plan::Pack(entry) => self.pack(p, entry, &dest),
            };
            match written {
                Ok(files) => built.push(Built {
                    name: p.name.clone(),
                    dest: under(&out, &p.place),
                    kind: if matches!(p.plan, Plan::Copy(_)) { Kind::Miniprogram } else { Kind::Packed },
                    files,
                }),
                Err(e) => self.io_error(&p.dir, &e),
            }
        }
        if let Err(e) = self.tree.replace_dir(&staging, &out) {
            self.io_error(&out, &e);
            self.tree.remove_dir(&staging);
            return Vec::new();
        }
        built
    }

    fn copy_folder(&mut self, folder: &str, dest: &str) -> std::io::Result<usize> {
        let (files, outside) = self.tree.files_below(folder);
        for o in outside {
            self.diags.push(Diagnostic::file(
                o.as_str(),
                Severity::Error,
                "npm-outside-project",
                format!("{o} leads outside the project (a link); it was not copied"),
            ));
        }
        for f in &files {
            let rel = f.strip_prefix(folder).unwrap_or(f).trim_start_matches('/');
            self.tree.copy(f, &under(dest, rel))?;
        }
        Ok(files.len())
    }

    fn pack(&mut self, p: &Package, entry: &str, dest: &str) -> std::io::Result<usize> {
        let rel = |f: &str| f.strip_prefix(&p.dir).unwrap_or(f).trim_start_matches('/').to_string();
        for f in &p.files {
            self.tree.copy(f, &under(dest, &rel(f)))?;
        }
        let main = rel(entry);
        if main == "index.js" {
            return Ok(p.files.len());
        }
        if p.files.contains(&under(&p.dir, "index.js")) {
            let message = format!(
                "package {} has its own index.js besides its entry {main}; `require('{}')` loads index.js",
                p.name, p.name
            );
            self.diags.push(Diagnostic::file(
                under(&p.dir, "package.json"),
                Severity::Warning,
                "npm-index-conflict",
                message,
            ));
            return Ok(p.files.len());
        }
        let shim = format!("// Written by `mpsim build-npm`: the entry (`main`) of {} is {main}.\nmodule.exports = require('./{main}');\n", p.name);
        self.tree.write(&under(dest, "index.js"), &shim)?;
        Ok(p.files.len() + 1)
    }

    fn io_error(&mut self, path: &str, e: &std::io::Error) {
        self.diags.push(Diagnostic::file(
            path,
            Severity::Error,
            "npm-write-failed",
            format!("cannot write the build: {e}"),
        ));
    }
}
