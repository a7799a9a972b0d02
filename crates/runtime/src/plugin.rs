//! What connects the host realm and the plugin realm: `requirePlugin` and
//! `requireMiniProgram` roots, and the foreign calls and reads the membrane (in
//! framework.js) makes through Rust. Every crossing carries JSON copies; functions cross
//! as handles, so a call runs in the realm that owns the function.

use crate::engine::{RealmId, Shared, HOST};
use mpsim_project::{Project, ProjectKind, Realm as ProjectRealm};
use rquickjs::{Ctx, Exception};

/// The plugin realm, when this project simulates one.
pub fn plugin_realm(sh: &Shared) -> Option<RealmId> {
    sh.realms.borrow().iter().position(|r| r.kind == ProjectRealm::Plugin)
}

/// Whether `name` (a reference or the provider appid) names the plugin developed in this
/// project, as declared by the host.
fn names_our_plugin(project: &Project, name: &str) -> bool {
    project.kind == ProjectKind::Plugin
        && project.app.all_plugins().any(|d| {
            d.is_dev()
                && (d.reference == name || d.provider == name)
                && project.appid.as_deref().is_none_or(|a| a == d.provider)
        })
}

fn throw(ctx: &Ctx<'_>, message: impl AsRef<str>) -> rquickjs::Error {
    Exception::throw_message(ctx, message.as_ref())
}

/// `requirePlugin(name)` from `caller`: `[realm, wire]` of the plugin's main exports, or
/// `None` for "nothing yet" (another plugin, at the top of a plugin file).
pub fn plugin_exports(
    sh: &Shared,
    ctx: &Ctx<'_>,
    caller: RealmId,
    name: &str,
    at_top_level: bool,
) -> rquickjs::Result<Option<String>> {
    if caller != HOST {
        // A plugin reaches other plugins only once they are initialised; mpsim simulates
        // one plugin, so there is never another to reach.
        if at_top_level {
            return Ok(None);
        }
        return Err(throw(ctx, format!("plugin \"{name}\" is not available to this plugin")));
    }
    if !names_our_plugin(&sh.project, name) {
        return Err(throw(ctx, format!("plugin \"{name}\" is not declared in app.json (requirePlugin takes a reference name or the provider appid)")));
    }
    let Some(realm) = plugin_realm(sh) else { return Err(throw(ctx, "the plugin is not loaded")) };
    let Some(main) = sh.project.plugin.as_ref().and_then(|p| p.main.clone()) else {
        return Ok(Some(format!("[{realm},\"[\\\"u\\\"]\"]")));
    };
    let wire: String = sh
        .hook(ctx, realm, "membraneExports", (main.clone(),))
        .map_err(|f| throw(ctx, format!("the plugin's {main} failed to load: {}", f.message)))?;
    Ok(Some(serde_json::json!([realm, wire]).to_string()))
}

/// `requireMiniProgram()` from the plugin: the wire of the host's export file, or `None`
/// when the declaration names no `export`.
pub fn host_exports(sh: &Shared, ctx: &Ctx<'_>, caller: RealmId) -> rquickjs::Result<Option<String>> {
    if caller == HOST {
        return Err(throw(ctx, "requireMiniProgram is only available in plugin code"));
    }
    let export = sh
        .project
        .app
        .all_plugins()
        .find(|d| d.is_dev() && sh.project.appid.as_deref().is_none_or(|a| a == d.provider))
        .and_then(|d| d.export.clone());
    let Some(export) = export else { return Ok(None) };
    let wire: String = sh
        .hook(ctx, HOST, "membraneExports", (export.clone(),))
        .map_err(|f| throw(ctx, format!("the host's export file {export} failed to load: {}", f.message)))?;
    Ok(Some(wire))
}

/// Checks that `caller` may reach `target` through the membrane (only another realm).
pub fn check_target(sh: &Shared, ctx: &Ctx<'_>, caller: RealmId, target: RealmId) -> rquickjs::Result<()> {
    if target == caller || target >= sh.realms.borrow().len() {
        return Err(throw(ctx, "invalid realm"));
    }
    Ok(())
}
