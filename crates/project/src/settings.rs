//! `mpsim.json`: the simulator's own per-project settings, kept at the project root.
//!
//! Every key is optional. `assistantAppid` is the appid the host mini-program runs under
//! (on a phone, the "plugin development assistant", whose appid differs from the
//! plugin's); `pluginToken` signs plugin requests; `functionalPages` chooses how simulated
//! functional pages (`wx.login`, `requestPayment`...) end. Unknown keys are kept raw for
//! later features.

use std::collections::BTreeMap;

use crate::loader::Loader;

/// The appid the simulated host runs under unless `mpsim.json` says otherwise. It has
/// WeChat's form ("wx" and 16 lowercase hex digits) and belongs to no real account.
pub const DEFAULT_ASSISTANT_APPID: &str = "wx00000000a55157a7";

/// The settings file's name, at the project root.
pub const SETTINGS_FILE: &str = "mpsim.json";

/// How a simulated functional page ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunctionalOutcome {
    Success,
    Fail,
    Cancel,
}

impl FunctionalOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            FunctionalOutcome::Success => "success",
            FunctionalOutcome::Fail => "fail",
            FunctionalOutcome::Cancel => "cancel",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// `mpsim.json` when the file exists.
    pub file: Option<String>,
    pub assistant_appid: String,
    pub plugin_token: Option<String>,
    /// API name (e.g. `requestPayment`) → outcome.
    pub functional_pages: BTreeMap<String, FunctionalOutcome>,
    /// The whole file, including keys mpsim does not model yet.
    pub raw: serde_json::Map<String, serde_json::Value>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            file: None,
            assistant_appid: DEFAULT_ASSISTANT_APPID.to_string(),
            plugin_token: None,
            functional_pages: BTreeMap::new(),
            raw: serde_json::Map::new(),
        }
    }
}

/// Whether `appid` has the form of a WeChat appid: "wx" and 16 lowercase hex digits.
pub fn is_wechat_appid(appid: &str) -> bool {
    appid.len() == 18
        && appid.starts_with("wx")
        && appid[2..].bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

const CODE: &str = "project-settings-invalid-field";

/// Loads mpsim.json; also returns the span of `assistantAppid` for later checks.
pub(crate) fn load(loader: &mut Loader) -> (Settings, Option<mpsim_base::Span>) {
    let mut settings = Settings::default();
    let mut assistant_span = None;
    let Some(doc) = loader.read_doc(SETTINGS_FILE) else {
        return (settings, None);
    };
    settings.file = Some(doc.path.clone());
    if let serde_json::Value::Object(map) = doc.root.to_serde() {
        settings.raw = map;
    }
    if let Some((appid, span)) = loader.str_field(&doc, &doc.root, "assistantAppid", CODE) {
        if !is_wechat_appid(appid) {
            loader.warning(
                &doc.path,
                span,
                "project-settings-invalid-appid",
                format!("\"{appid}\" does not look like a WeChat appid (\"wx\" and 16 lowercase hex digits)"),
            );
        }
        settings.assistant_appid = appid.to_string();
        assistant_span = Some(span);
    }
    if let Some((token, _)) = loader.str_field(&doc, &doc.root, "pluginToken", CODE) {
        settings.plugin_token = Some(token.to_string());
    }
    if let Some(m) = doc.root.get("functionalPages") {
        if let Some(members) = loader.expect_object(&doc, &m.value, "functionalPages", CODE) {
            for member in members {
                let what = format!("functionalPages.{}", member.key);
                let Some(s) = loader.expect_str(&doc, &member.value, &what, CODE) else {
                    continue;
                };
                let outcome = match s {
                    "success" => FunctionalOutcome::Success,
                    "fail" => FunctionalOutcome::Fail,
                    "cancel" => FunctionalOutcome::Cancel,
                    other => {
                        loader.error(
                            &doc.path,
                            member.value.span,
                            CODE,
                            format!("`{what}` must be \"success\", \"fail\" or \"cancel\", found \"{other}\""),
                        );
                        continue;
                    }
                };
                settings.functional_pages.insert(member.key.clone(), outcome);
            }
        }
    }
    (settings, assistant_span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_assistant_appid_has_wechat_form() {
        assert!(is_wechat_appid(DEFAULT_ASSISTANT_APPID));
        assert!(!is_wechat_appid("wx00000000A55157A7"));
        assert!(!is_wechat_appid("tt00000000a55157a7"));
        assert!(!is_wechat_appid("wx1"));
    }
}
