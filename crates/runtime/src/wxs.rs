//! The wxs realm and the bridge templates use to reach it.
//!
//! wxs modules run in their own QuickJS context, apart from page and component code, as
//! on a phone. A module is evaluated once (keyed by its file, or by the declaring .wxml
//! and module name for inline code); templates call its functions with data copied in
//! and out as JSON.

use crate::engine::{RealmId, Shared};
use crate::js_error::JsFailure;
use crate::modules;
use crate::render::WxsHost;
use mpsim_base::{Diagnostic, Severity, Span, Value};
use mpsim_project::Project;
use mpsim_wxml::ir::{CompiledTemplate, WxsSource};
use rquickjs::{Ctx, Function, Object, Persistent};
use std::ptr::NonNull;
use std::rc::Rc;

const PRELUDE: &str = include_str!("js/wxs.js");

pub struct WxsRealm {
    raw: NonNull<rquickjs::qjs::JSContext>,
    hooks: Persistent<Object<'static>>,
}

impl WxsRealm {
    /// Sets up the wxs context; `require` between .wxs files reads them from `project`.
    pub fn new<'js>(
        ctx: &Ctx<'js>,
        raw: NonNull<rquickjs::qjs::JSContext>,
        project: Rc<Project>,
        root: String,
    ) -> Result<WxsRealm, JsFailure> {
        let fail = |e| JsFailure::from_error(ctx, e);
        let mut opts = rquickjs::context::EvalOptions::default();
        opts.strict = false;
        opts.filename = Some("<mpsim>/wxs.js".into());
        let prelude: Function = ctx.eval_with_options(PRELUDE, opts).map_err(fail)?;
        let native = Object::new(ctx.clone()).map_err(fail)?;
        let p = project.clone();
        let resolve = Function::new(ctx.clone(), move |from: String, request: String| -> Option<String> {
            // wxs `require` takes relative paths to .wxs files only.
            if !(request.starts_with("./") || request.starts_with("../")) {
                return None;
            }
            let mut path = modules::join(modules::dirname(&from), &request)?;
            if !path.ends_with(".wxs") {
                path.push_str(".wxs");
            }
            // A realm's wxs reaches only .wxs files in the realm's folder.
            if !modules::in_realm(&root, &path) {
                return None;
            }
            mpsim_project::resolve_inside(&p.dir, &path).filter(|f| f.is_file()).map(|_| path)
        })
        .map_err(fail)?;
        native.set("resolve", resolve).map_err(fail)?;
        let compile_fn =
            Function::new(ctx.clone(), move |ctx: Ctx<'js>, path: String| -> rquickjs::Result<Function<'js>> {
                let code = project
                    .read_text(&path)
                    .ok_or_else(|| rquickjs::Exception::throw_message(&ctx, &format!("cannot read {path}")))?;
                compile(&ctx, &path, &code, 0)
            })
            .map_err(fail)?;
        native.set("compile", compile_fn).map_err(fail)?;
        let hooks: Object = prelude.call((native,)).map_err(fail)?;
        Ok(WxsRealm { raw, hooks: Persistent::save(ctx, hooks) })
    }
}

impl WxsRealm {
    /// Forgets every evaluated module (after a .wxs file changed).
    pub fn reset(&self, locked: &Ctx<'_>) {
        // SAFETY: the wxs context belongs to the runtime `locked` proves is locked.
        let wctx: Ctx<'_> = unsafe { Ctx::from_raw(self.raw) };
        let _ = locked;
        if let Ok(hooks) = self.hooks.clone().restore(&wctx) {
            if let Ok(f) = hooks.get::<_, Function>("reset") {
                let _ = f.call::<_, ()>(());
            }
        }
    }
}

/// Compiles wxs source as `function (module, exports, require)`, keeping line numbers:
/// inline code is preceded by as many newlines as precede it in its .wxml file. Reads of
/// `constructor` give WXS's type-name strings and string escapes are read as wcc reads
/// them (`mpsim_script::compile_wxs`).
fn compile<'js>(ctx: &Ctx<'js>, file: &str, code: &str, line_offset: usize) -> rquickjs::Result<Function<'js>> {
    let code = mpsim_script::compile_wxs(code);
    let wrapped = format!("{}(function (module, exports, require) {{{code}\n}})", "\n".repeat(line_offset));
    let mut opts = rquickjs::context::EvalOptions::default();
    opts.strict = false;
    opts.filename = Some(file.to_string());
    ctx.eval_with_options(wrapped, opts)
}

/// The wxs modules one template sees.
pub struct TemplateWxs<'a, 'js> {
    pub shared: &'a Shared,
    /// Proof that the runtime is locked for `'js` (the wxs context is reached from it).
    #[allow(dead_code)]
    pub ctx: &'a Ctx<'js>,
    pub template: &'a CompiledTemplate,
    pub realm: RealmId,
}

impl<'js> TemplateWxs<'_, 'js> {
    /// The wxs context and its hooks, with module `module` defined. Returns the cache key
    /// and the file it is evaluated as.
    fn prepare(&self, file: &str, module: &str) -> Option<(Ctx<'js>, Object<'js>, String, String)> {
        let decl = self.decls(file).iter().rev().find(|w| &*w.module == module)?;
        let wxs = self.shared.wxs.borrow();
        let wxs = wxs.get(self.realm)?;
        // SAFETY: the wxs context belongs to the runtime `self.ctx` has locked.
        let wctx: Ctx<'js> = unsafe { Ctx::from_raw(wxs.raw) };
        let hooks = wxs.hooks.clone().restore(&wctx).ok()?;
        let root = self.shared.realm_root(self.realm);
        let (key, file) = match &decl.source {
            WxsSource::File { path, .. } => (path.to_string(), path.to_string()),
            WxsSource::Inline { .. } => (format!("{file}#{module}"), file.to_string()),
        };
        let defined: bool = hooks.get::<_, Function>("isDefined").ok()?.call((key.clone(),)).unwrap_or(false);
        if !defined {
            let compiled = match &decl.source {
                WxsSource::File { path, .. } => {
                    if !modules::in_realm(&root, path) {
                        return None;
                    }
                    let code = self.shared.project.read_text(path)?;
                    compile(&wctx, path, &code, 0)
                }
                WxsSource::Inline { code, offset } => {
                    let text = self.shared.project.read_text(&file).unwrap_or_default();
                    let line = text.get(..*offset as usize).map(|t| t.matches('\n').count()).unwrap_or(0);
                    compile(&wctx, &file, code, line)
                }
            };
            match compiled {
                Ok(f) => {
                    let _ = hooks.get::<_, Function>("define").ok()?.call::<_, ()>((key.clone(), f));
                }
                Err(e) => {
                    self.fail(&JsFailure::from_error(&wctx, e), &file);
                    return None;
                }
            }
        }
        Some((wctx, hooks, key, file))
    }

    /// The wxs modules declared in `file` (the template's own file, or the file that
    /// defines the template being rendered).
    fn decls(&self, file: &str) -> &[mpsim_wxml::ir::WxsDecl] {
        match self.template.scopes.get(file) {
            Some(scope) => &scope.wxs,
            None => &self.template.wxs,
        }
    }

    fn fail(&self, failure: &JsFailure, file: &str) {
        let mut d = failure.diagnostic(file);
        if d.code == "js-exception" {
            d.code = "wxs-exception";
        }
        self.shared.state.borrow_mut().report(d);
    }

    fn json_value(json: Option<String>) -> Value {
        json.and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
            .map(|v| Value::from_json(&v))
            .unwrap_or(Value::Undefined)
    }
}

impl WxsHost for TemplateWxs<'_, '_> {
    fn module_value(&self, file: &str, module: &str) -> Option<Value> {
        if !self.decls(file).iter().any(|w| &*w.module == module) {
            return None;
        }
        let (wctx, hooks, key, file) = self.prepare(file, module)?;
        let f: Function = hooks.get("value").ok()?;
        match self.shared.guarded(|| f.call::<_, Option<String>>((key, file.clone()))) {
            Ok(json) => Some(Self::json_value(json)),
            Err(e) => {
                self.fail(&JsFailure::from_error(&wctx, e), &file);
                Some(Value::Undefined)
            }
        }
    }

    fn call(&self, file: &str, module: &str, path: &[Value], args: Vec<Value>, span: Span) -> Value {
        let Some((wctx, hooks, key, file)) = self.prepare(file, module) else {
            let (line, col) = self
                .shared
                .project
                .read_text(&self.template.path)
                .map(|t| mpsim_base::LineIndex::new(&t).line_col(&t, span.start))
                .unwrap_or((1, 1));
            self.shared.state.borrow_mut().report(Diagnostic {
                path: self.template.path.to_string(),
                line,
                col,
                severity: Severity::Error,
                message: format!("\"{module}\" is not a wxs module of this template; only wxs functions can be called"),
                code: "wxml-call-not-wxs",
            });
            return Value::Undefined;
        };
        let path_json =
            serde_json::Value::Array(path.iter().map(|v| serde_json::Value::String(v.to_js_string())).collect())
                .to_string();
        let args_json = serde_json::Value::Array(args.iter().map(Value::to_json).collect()).to_string();
        let Ok(f) = hooks.get::<_, Function>("call") else {
            return Value::Undefined;
        };
        match self.shared.guarded(|| f.call::<_, Option<String>>((key, file.clone(), path_json, args_json))) {
            Ok(json) => Self::json_value(json),
            Err(e) => {
                self.fail(&JsFailure::from_error(&wctx, e), &file);
                Value::Undefined
            }
        }
    }
}
