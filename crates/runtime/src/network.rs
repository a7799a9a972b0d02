//! `wx.request` for real: requests run on worker threads and their results come back to
//! the engine as inputs (the runtime thread never blocks on the network), in the realm
//! that made them.
//!
//! Requests from plugin code carry the platform's request signature:
//! `X-WECHAT-HOSTSIGN: {"noncestr":…,"timestamp":…,"signature":…}` with
//! `signature = sha1([hostAppid, noncestr, timestamp, pluginToken].sort().join(''))`
//! (JavaScript's default sort, by UTF-16 code units); nonce and timestamp are kept for 10
//! minutes. Every request carries `Referer: https://servicewechat.com/{hostAppid}/devtools/page-frame.html`.

use crate::engine::RealmId;
use serde_json::{json, Value as Json};
use sha1::{Digest, Sha1};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How long a nonce/timestamp pair is used before a new one is made.
pub const HOSTSIGN_ROTATION: Duration = Duration::from_secs(600);

/// The signature of the platform's HostSign for the given parts.
pub fn host_sign(host_appid: &str, noncestr: &str, timestamp: &str, plugin_token: &str) -> String {
    let mut parts = [host_appid, noncestr, timestamp, plugin_token];
    // JavaScript's Array.prototype.sort on strings: by UTF-16 code units.
    parts.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
    let digest = Sha1::digest(parts.concat().as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The `Referer` every request of the host (and its plugin) carries.
pub fn referer(host_appid: &str) -> String {
    format!("https://servicewechat.com/{host_appid}/devtools/page-frame.html")
}

/// A finished request, for the realm that made it.
#[derive(Debug)]
pub struct Done {
    pub id: u32,
    pub realm: RealmId,
    /// `{statusCode, header, data}` or `{errMsg}` as JSON.
    pub result: Json,
}

/// Requests in flight and the signature state.
pub struct Network {
    done_tx: Sender<Done>,
    done_rx: Receiver<Done>,
    next_id: u32,
    pub in_flight: usize,
    sign: Option<(String, u64)>,
    seed: u64,
}

impl Default for Network {
    fn default() -> Self {
        let (done_tx, done_rx) = channel();
        let seed = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(1)
            ^ u64::from(std::process::id());
        Network { done_tx, done_rx, next_id: 0, in_flight: 0, sign: None, seed: seed | 1 }
    }
}

/// What JS asked for (`wx.request` options, already normalised by the framework).
#[derive(Debug, serde::Deserialize)]
pub struct RequestOptions {
    pub url: String,
    #[serde(default = "get")]
    pub method: String,
    #[serde(default)]
    pub header: serde_json::Map<String, Json>,
    /// The body, already a string (JSON or form data), or absent.
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub timeout: Option<u64>,
}

fn get() -> String {
    "GET".into()
}

impl Network {
    fn nonce(&mut self) -> String {
        const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        (0..16)
            .map(|_| {
                self.seed ^= self.seed << 13;
                self.seed ^= self.seed >> 7;
                self.seed ^= self.seed << 17;
                ABC[(self.seed % ABC.len() as u64) as usize] as char
            })
            .collect()
    }

    /// The current (noncestr, timestamp), rotated every ten minutes.
    fn sign_parts(&mut self) -> (String, u64) {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        match &self.sign {
            Some((n, t)) if now.saturating_sub(*t) < HOSTSIGN_ROTATION.as_secs() => (n.clone(), *t),
            _ => {
                let parts = (self.nonce(), now);
                self.sign = Some(parts.clone());
                parts
            }
        }
    }

    /// Starts a request from `realm`; `sign` carries the plugin's HostSign parts
    /// (host appid, plugin token) when the request comes from plugin code.
    pub fn start(
        &mut self,
        realm: RealmId,
        options: RequestOptions,
        host_appid: &str,
        sign: Option<&str>,
    ) -> Result<u32, String> {
        let lower = options.url.to_ascii_lowercase();
        if !(lower.starts_with("https://") || lower.starts_with("http://")) {
            return Err(format!("invalid url \"{}\"", options.url));
        }
        self.next_id += 1;
        let id = self.next_id;
        let mut headers: Vec<(String, String)> = options
            .header
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())))
            .filter(|(k, _)| !k.eq_ignore_ascii_case("referer") && !k.eq_ignore_ascii_case("x-wechat-hostsign"))
            .collect();
        headers.push(("Referer".into(), referer(host_appid)));
        if let Some(token) = sign {
            let (noncestr, timestamp) = self.sign_parts();
            let ts = timestamp.to_string();
            let signature = host_sign(host_appid, &noncestr, &ts, token);
            headers.push((
                "X-WECHAT-HOSTSIGN".into(),
                json!({ "noncestr": noncestr, "timestamp": ts, "signature": signature }).to_string(),
            ));
        }
        let tx = self.done_tx.clone();
        self.in_flight += 1;
        let timeout = Duration::from_millis(options.timeout.unwrap_or(60_000).clamp(1, 600_000));
        let spawned = std::thread::Builder::new().name("mpsim-request".into()).spawn(move || {
            let result = perform(&options.method, &options.url, &headers, options.body.as_deref(), timeout);
            let _ = tx.send(Done { id, realm, result });
        });
        if spawned.is_err() {
            self.in_flight -= 1;
            return Err("cannot start the request".into());
        }
        Ok(id)
    }

    /// A finished request, if any (waiting up to `wait`).
    pub fn next_done(&mut self, wait: Duration) -> Option<Done> {
        let done = if wait.is_zero() { self.done_rx.try_recv().ok() } else { self.done_rx.recv_timeout(wait).ok() };
        if done.is_some() {
            self.in_flight = self.in_flight.saturating_sub(1);
        }
        done
    }
}

/// Performs one request (on a worker thread).
fn perform(method: &str, url: &str, headers: &[(String, String)], body: Option<&str>, timeout: Duration) -> Json {
    let agent: ureq::Agent =
        ureq::Agent::config_builder().timeout_global(Some(timeout)).http_status_as_error(false).build().into();
    let method = method.to_ascii_uppercase();
    let mut builder = ureq::http::Request::builder().method(method.as_str()).uri(url);
    for (k, v) in headers {
        builder = builder.header(k.as_str(), v.as_str());
    }
    let request = match builder.body(body.unwrap_or("").to_string()) {
        Ok(r) => r,
        Err(e) => return json!({ "errMsg": format!("request:fail {e}") }),
    };
    match agent.run(request) {
        Ok(mut response) => {
            let status = response.status().as_u16();
            let header: serde_json::Map<String, Json> = response
                .headers()
                .iter()
                .map(|(k, v)| (k.as_str().to_string(), Json::String(v.to_str().unwrap_or("").to_string())))
                .collect();
            let text = response.body_mut().read_to_string().unwrap_or_default();
            json!({ "statusCode": status, "header": header, "data": text })
        }
        Err(e) => json!({ "errMsg": format!("request:fail {e}") }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_sign_sorts_like_javascript_and_hashes_with_sha1() {
        // sha1 of "1669000000abcdefwx00000000a55157a7wxtoken" — the parts in JS sort order
        // (digits < upper case < lower case, by code unit).
        let s = host_sign("wx00000000a55157a7", "abcdef", "1669000000", "wxtoken");
        let expected = {
            let d = Sha1::digest(b"1669000000abcdefwx00000000a55157a7wxtoken");
            d.iter().map(|b| format!("{b:02x}")).collect::<String>()
        };
        assert_eq!(s, expected);
        assert_eq!(s.len(), 40);
        // UTF-16 order differs from UTF-8 byte order for astral vs. BMP-private characters.
        assert_eq!(host_sign("\u{ff61}", "\u{1f600}", "a", "b"), {
            let d = Sha1::digest("ab\u{1f600}\u{ff61}".as_bytes());
            d.iter().map(|b| format!("{b:02x}")).collect::<String>()
        });
    }
}
