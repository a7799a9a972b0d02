//! Who the code runs as: the host runs under the simulated "plugin development
//! assistant" appid in a plugin project (never the plugin's own appid), and plugin code
//! also learns its plugin appid and version, as `wx.getAccountInfoSync()` reports them.

use crate::engine::{RealmId, HOST};
use mpsim_project::{Project, ProjectKind};
use serde_json::{json, Value};

/// The appid the host mini-program runs under.
pub fn host_appid(project: &Project) -> String {
    match project.kind {
        ProjectKind::Plugin => project.settings.assistant_appid.clone(),
        _ => project.appid.clone().unwrap_or_else(|| "touristappid".to_string()),
    }
}

/// `wx.getAccountInfoSync()` as seen from `realm`.
pub fn account_info(project: &Project, realm: RealmId) -> Value {
    let mini_program = json!({ "appId": host_appid(project), "envVersion": "develop", "version": "" });
    if realm == HOST {
        json!({ "miniProgram": mini_program })
    } else {
        json!({
            "miniProgram": mini_program,
            "plugin": { "appId": project.appid.clone().unwrap_or_default(), "version": "dev" },
        })
    }
}
