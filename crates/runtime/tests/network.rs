//! wx.request against a real HTTP server on 127.0.0.1: plugin requests carry the
//! platform's HostSign (checked by recomputing the signature) and the Referer of the
//! assistant appid; host requests carry the Referer only; results come back as data.

mod common;

use common::engine;
use mpsim_runtime::network::host_sign;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A tiny HTTP server: records each request's headers, answers `{"ok":true,"n":N}`.
/// The headers of every request the test server saw, in order.
type SeenHeaders = Arc<Mutex<Vec<Vec<(String, String)>>>>;

fn server() -> (String, SeenHeaders) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for (n, stream) in listener.incoming().take(8).enumerate() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut headers = Vec::new();
            let mut line = String::new();
            let mut length = 0usize;
            while reader.read_line(&mut line).unwrap_or(0) > 0 {
                let l = line.trim_end().to_string();
                line.clear();
                if l.is_empty() {
                    break;
                }
                if let Some((k, v)) = l.split_once(": ") {
                    if k.eq_ignore_ascii_case("content-length") {
                        length = v.parse().unwrap_or(0);
                    }
                    headers.push((k.to_ascii_lowercase(), v.to_string()));
                } else {
                    headers.push((":request".into(), l));
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            headers.push((":body".into(), String::from_utf8_lossy(&body).into_owned()));
            log.lock().unwrap().push(headers);
            let reply = format!("{{\"ok\":true,\"n\":{n}}}");
            let _ = write!(stream, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{reply}", reply.len());
        }
    });
    (addr, seen)
}

fn header<'a>(h: &'a [(String, String)], name: &str) -> Option<&'a str> {
    h.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

#[test]
fn plugin_requests_are_signed_and_host_requests_are_not() {
    let (addr, seen) = server();
    let dir = common::write_project(
        "network",
        &[
            ("project.config.json", r#"{"compileType":"plugin","miniprogramRoot":"miniprogram/","pluginRoot":"plugin/","appid":"wx1111111111111111"}"#),
            ("mpsim.json", r#"{"pluginToken":"tok-123"}"#),
            ("miniprogram/app.json", r#"{"pages":["pages/a/a"],"plugins":{"p":{"version":"dev","provider":"wx1111111111111111"}}}"#),
            ("miniprogram/app.js", "App({})"),
            ("miniprogram/pages/a/a.json", r#"{"usingComponents":{"pc":"plugin://p/pc"}}"#),
            ("miniprogram/pages/a/a.wxml", r#"<view id="h" bindtap="go">{{r}}</view><pc id="pc" url="{{url}}"/>"#),
            (
                "miniprogram/pages/a/a.js",
                &format!("Page({{ data: {{ r: '', url: '{addr}/plugin' }}, go() {{ wx.request({{ url: '{addr}/host', method: 'POST', data: {{ a: 1 }}, success: (res) => this.setData({{ r: 'host ' + res.statusCode + ' ' + res.data.n }}) }}); }} }});"),
            ),
            ("plugin/plugin.json", r#"{"publicComponents":{"pc":"components/pc/pc"}}"#),
            ("plugin/components/pc/pc.json", r#"{"component":true}"#),
            ("plugin/components/pc/pc.wxml", r#"<view id="p" bindtap="go">{{r}}</view>"#),
            (
                "plugin/components/pc/pc.js",
                "Component({ properties: { url: String }, data: { r: '' }, methods: { go() { wx.request({ url: this.data.url }).then((res) => this.setData({ r: 'plugin ' + res.data.ok })); } } });",
            ),
        ],
    );
    let e = engine(&dir);
    e.launch("pages/a/a", "").unwrap();
    e.tap("#h").unwrap();
    e.wait_for_network(Duration::from_secs(10));
    assert!(e.page_html().contains("host 200 0"), "{}", e.page_html());
    e.tap("#pc >>> #p").unwrap();
    e.wait_for_network(Duration::from_secs(10));
    assert!(e.page_html().contains("plugin true"), "{}", e.page_html());

    let seen = seen.lock().unwrap();
    let host = &seen[0];
    assert_eq!(header(host, ":request"), Some("POST /host HTTP/1.1"));
    assert_eq!(header(host, ":body"), Some(r#"{"a":1}"#));
    assert_eq!(header(host, "referer"), Some("https://servicewechat.com/wx00000000a55157a7/devtools/page-frame.html"));
    assert_eq!(header(host, "x-wechat-hostsign"), None, "the host's own requests are not signed");

    let plugin = &seen[1];
    assert_eq!(
        header(plugin, "referer"),
        Some("https://servicewechat.com/wx00000000a55157a7/devtools/page-frame.html")
    );
    let sign: serde_json::Value =
        serde_json::from_str(header(plugin, "x-wechat-hostsign").expect("a HostSign header")).unwrap();
    let nonce = sign["noncestr"].as_str().unwrap();
    let ts = sign["timestamp"].as_str().unwrap();
    assert_eq!(nonce.len(), 16);
    assert_eq!(sign["signature"].as_str().unwrap(), host_sign("wx00000000a55157a7", nonce, ts, "tok-123"));
}
