//! `vitae serve`: the real binary started on an ephemeral port, driven over loopback with a
//! minimal HTTP/1.1 client (no client library: one request per connection, `Connection:
//! close`). Every endpoint, every limit, bad input, and renders that match the CLI's bytes.
#![cfg(feature = "serve")]

mod common;
use common::TempDir;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The `SOURCE_DATE_EPOCH` of both the server and the CLI runs compared with it.
const EPOCH: &str = "1700000000";

/// The two-page sample the load test renders too.
const SAMPLE: &str = "samples/indradhanush-gupta.yaml";

/// How long a test waits for the server to start or for a condition, at most.
const PATIENCE: Duration = Duration::from_secs(60);

/// A running server, killed when dropped.
struct Server {
    child: Child,
    addr: String,
    /// Every line the server wrote on standard error so far.
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts `vitae serve --bind 127.0.0.1:0 ARGS` and waits for its `listening` line.
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vitae"))
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(args)
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .stderr(Stdio::piped())
            .spawn()
            .expect("start vitae serve");
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let stderr = child.stderr.take().expect("stderr is piped");
        let lines = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if line.contains("\"event\":\"listening\"") {
                    let _ = tx.send(line.clone());
                }
                lines.lock().unwrap().push(line);
            }
        });
        let line = rx.recv_timeout(PATIENCE).expect("the server logs `listening`");
        let json: serde_json::Value = serde_json::from_str(&line).expect("a JSON log line");
        let addr = json["addr"].as_str().expect("the address in the log").to_owned();
        Server { child, addr, log }
    }

    /// Sends one request and reads the whole answer.
    fn send(&self, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
        request(&self.addr, method, target, headers, body)
    }

    /// POSTs a profile to `target`.
    fn post(&self, target: &str, body: &[u8]) -> Answer {
        self.send("POST", target, &[], body)
    }

    /// Returns the value of a metric line (name with labels, exactly as exposed).
    fn metric(&self, series: &str) -> Option<f64> {
        let text = self.send("GET", "/metrics", &[], b"").text();
        text.lines().find_map(|l| l.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
    }

    /// Waits until `done` holds, failing after [`PATIENCE`].
    fn wait_for(&self, what: &str, done: impl Fn(&Server) -> bool) {
        let start = Instant::now();
        while !done(self) {
            assert!(start.elapsed() < PATIENCE, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Returns the server's log lines so far.
    fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
#[derive(Debug)]
struct Answer {
    status: u16,
    /// Header names in lower case.
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

impl Answer {
    /// The body as text.
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON.
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    /// A header's value.
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
}

/// Sends one HTTP/1.1 request on a new connection and reads the answer to its end.
fn request(addr: &str, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(addr).expect("connect to the server");
    let mut head = format!(
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).expect("send the head");
    // The server may answer (413) before reading the whole body and close: not an error here.
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read the answer");
    parse_answer(&raw)
}

/// Parses a raw HTTP answer with a `Content-Length` body.
fn parse_answer(raw: &[u8]) -> Answer {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("an HTTP head");
    let head = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers: BTreeMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    assert_ne!(
        headers.get("transfer-encoding").map(String::as_str),
        Some("chunked"),
        "answers have a length"
    );
    Answer { status, headers, body: raw[end + 4..].to_vec() }
}

/// Renders a file with the CLI, as `vitae render FILE -o OUT` in `dir`, and returns the bytes.
fn cli_render(dir: &TempDir, file: &str, args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_vitae"))
        .args(["render", file, "-o", "out.bin", "--quiet"])
        .args(args)
        .current_dir(&dir.path)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .expect("run vitae render");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::read(dir.join("out.bin")).expect("the CLI's output")
}

/// Returns a repository file's bytes.
fn read(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("read a repository file")
}

#[test]
fn concurrent_renders_are_byte_identical_to_the_cli() {
    let dir = TempDir::new();
    dir.write("cv.yaml", read(SAMPLE));
    dir.write("resume.json", read("tests/fixtures/import/jsonresume-sample.json"));
    let yaml_cli = cli_render(&dir, "cv.yaml", &[]);
    let letter_cli =
        cli_render(&dir, "cv.yaml", &["--paper", "letter", "--layout", "sidebar", "--pages", "1"]);
    let json_cli = cli_render(&dir, "resume.json", &[]);
    let server = Server::start(&["--max-concurrent", "4"]);
    let yaml = Arc::new(read(SAMPLE));
    let json = Arc::new(read("tests/fixtures/import/jsonresume-sample.json"));
    let threads: Vec<_> = (0..9)
        .map(|i| {
            let (addr, yaml, json) = (server.addr.clone(), yaml.clone(), json.clone());
            std::thread::spawn(move || match i % 3 {
                0 => request(&addr, "POST", "/render?name=cv.yaml", &[], &yaml),
                1 => request(
                    &addr,
                    "POST",
                    "/render?name=cv.yaml&paper=letter&layout=sidebar&pages=1",
                    &[],
                    &yaml,
                ),
                _ => request(
                    &addr,
                    "POST",
                    "/render?name=resume.json",
                    &[("Content-Type", "application/json")],
                    &json,
                ),
            })
        })
        .collect();
    for (i, t) in threads.into_iter().enumerate() {
        let answer = t.join().expect("the client thread");
        assert_eq!(answer.status, 200, "{}", answer.text());
        assert_eq!(answer.header("content-type"), Some("application/pdf"));
        let expected = [&yaml_cli, &letter_cli, &json_cli][i % 3];
        assert!(answer.body == *expected, "request {i}: the server's PDF differs from the CLI's");
    }
    assert_eq!(server.metric("vitae_http_requests_total{endpoint=\"/render\",status=\"200\"}"), Some(9.0));
}

#[test]
fn every_output_and_the_envelope() {
    let server = Server::start(&[]);
    let sample = read(SAMPLE);
    let pdf = server.post("/render", &sample);
    assert_eq!((pdf.status, pdf.header("x-vitae-pages")), (200, Some("2")));
    assert_eq!(pdf.header("x-vitae-warnings"), Some("[]"));
    assert!(pdf.body.starts_with(b"%PDF-"));
    let png = server.post("/render?output=png&page=2&dpi=20", &sample);
    assert_eq!((png.status, png.header("content-type")), (200, Some("image/png")), "{}", png.text());
    assert!(png.body.starts_with(b"\x89PNG\r\n\x1a\n"));
    let past = server.post("/render?output=png&page=3&dpi=20", &sample);
    assert_eq!(past.status, 422, "{}", past.text());
    let txt = server.post("/render?output=txt", &sample);
    assert_eq!(txt.header("content-type"), Some("text/plain; charset=utf-8"));
    assert!(txt.text().contains("Indradhanush Gupta"), "{}", txt.text());
    let envelope = server.post("/render?envelope=json", &sample).json();
    assert_eq!(
        (envelope["pages"].as_u64(), envelope["content_type"].as_str()),
        (Some(2), Some("application/pdf"))
    );
    let accept = server.send("POST", "/render", &[("Accept", "application/json")], &sample).json();
    assert_eq!(
        accept["body_base64"], envelope["body_base64"],
        "Accept: application/json asks for the envelope too"
    );
    use base64::Engine as _;
    let decoded =
        base64::engine::general_purpose::STANDARD.decode(envelope["body_base64"].as_str().unwrap()).unwrap();
    assert!(decoded == pdf.body, "the envelope carries the same PDF");
}

#[test]
fn warnings_travel_in_a_header_and_the_envelope() {
    let server = Server::start(&[]);
    // A JSON Resume key vitae does not know is left out with a warning, placed in the file.
    let json = br#"{"basics": {"name": "Jane Doe", "label": "Engineer"}, "hobbies": ["chess"]}"#;
    let answer = server.send("POST", "/render?name=jane.json", &[("Content-Type", "application/json")], json);
    assert_eq!(answer.status, 200, "{}", answer.text());
    let warnings: Vec<String> = serde_json::from_str(answer.header("x-vitae-warnings").unwrap()).unwrap();
    assert_eq!(answer.header("x-vitae-warning-count"), Some("1"));
    assert!(warnings[0].starts_with("jane.json:1:") && warnings[0].contains("hobbies"), "{warnings:?}");
    let envelope = server
        .send("POST", "/render?name=jane.json&envelope=json", &[("Content-Type", "application/json")], json)
        .json();
    assert_eq!(envelope["warnings"][0].as_str(), Some(warnings[0].as_str()));
}

#[test]
fn formats_come_from_the_content_type_or_the_query() {
    let server = Server::start(&[]);
    let markdown = b"# Jane Doe\n\nEngineer\n\n## Experience\n\n### Acme\n\nBuilt things.\n";
    for (target, headers) in
        [("/check", vec![("Content-Type", "text/markdown")]), ("/check?format=markdown", vec![])]
    {
        let answer = server.send("POST", target, &headers, markdown);
        assert_eq!(answer.status, 200, "{target}: {}", answer.text());
    }
    // Read as YAML, the Markdown is one string, not a profile.
    let as_yaml = server.post("/check?format=vitae", markdown);
    assert_eq!(as_yaml.status, 422, "{}", as_yaml.text());
    let rendercv = server.post("/render?output=txt", &read("tests/fixtures/import/rendercv-john-doe.yaml"));
    assert_eq!(rendercv.status, 200, "RenderCV is told by its keys: {}", rendercv.text());
}

#[test]
fn check_answers_ok_or_the_located_error() {
    let server = Server::start(&[]);
    let ok = server.post("/check", &read(SAMPLE));
    assert_eq!((ok.status, ok.json()["ok"].as_bool()), (200, Some(true)), "{}", ok.text());
    let bad = server.post("/check?name=jane.yaml", b"name: Jane\nsections:\n  - title: X\n    entries: [\n");
    assert_eq!(bad.status, 422);
    let error = &bad.json()["error"];
    assert_eq!((error["kind"].as_str(), error["line"].as_u64()), (Some("profile"), Some(4)), "{error}");
    assert!(error["message"].as_str().unwrap().contains("jane.yaml:4:"), "{error}");
}

#[test]
fn bad_input_is_refused_with_its_reason() {
    let server = Server::start(&[]);
    let cases: [(&str, &[u8], u16, &str); 8] = [
        ("/render", b"name: Jane\nsections: [\n", 422, "profile.yaml:2:11"),
        ("/render", b"name: Jane\nphoto: /etc/hostname\n", 422, "names a file"),
        ("/render", b"name: Jane\nlayout: ../../etc/layout.yaml\n", 422, "not a bundled layout"),
        ("/render?layout=/tmp/x.yaml", b"name: Jane\n", 422, "no bundled layout"),
        ("/render", b"name: \xff\n", 422, "not valid UTF-8"),
        ("/render?pages=0", b"name: Jane\n", 400, "pages=0"),
        ("/render?colour=red", b"name: Jane\n", 400, "unknown query parameter"),
        ("/render", b"", 422, "profile"),
    ];
    for (target, body, status, needle) in cases {
        let answer = server.post(target, body);
        assert_eq!(answer.status, status, "{target} {:?}: {}", String::from_utf8_lossy(body), answer.text());
        assert!(answer.text().contains(needle), "{target}: `{needle}` not in {}", answer.text());
    }
    let photo = server.post("/render", b"name: Jane\nphoto: /etc/hostname\n").json();
    assert_eq!((photo["error"]["line"].as_u64(), photo["error"]["column"].as_u64()), (Some(2), Some(8)));
    assert_eq!(server.send("GET", "/render", &[], b"").status, 405);
    assert_eq!(server.send("GET", "/nowhere", &[], b"").status, 404);
    assert_eq!(server.metric("vitae_http_requests_total{endpoint=\"other\",status=\"404\"}"), Some(1.0));
    assert_eq!(
        server.metric("vitae_errors_total{kind=\"profile\"}"),
        Some(5.0),
        "bad YAML, photo (twice), UTF-8, empty"
    );
}

#[test]
fn a_photo_comes_only_inside_the_request() {
    use base64::Engine as _;
    let server = Server::start(&[]);
    let plain = server.post("/render", b"name: Jane Doe\n");
    let png = base64::engine::general_purpose::STANDARD.encode(read("tests/fixtures/photo/portrait.png"));
    let with_photo =
        server.post("/render", format!("name: Jane Doe\nphoto: data:image/png;base64,{png}\n").as_bytes());
    assert_eq!(with_photo.status, 200, "{}", with_photo.text());
    assert!(with_photo.body.len() > plain.body.len() + 1000, "the photo is embedded");
    let cut = base64::engine::general_purpose::STANDARD.encode(read("tests/fixtures/photo/truncated.png"));
    let damaged =
        server.post("/render", format!("name: Jane Doe\nphoto: data:image/png;base64,{cut}\n").as_bytes());
    assert_eq!(damaged.status, 422);
    assert!(damaged.text().contains("damaged"), "{}", damaged.text());
    // A JSON Resume's image is read the same way: a data URL is taken, a file name refused.
    let json = format!(r#"{{"basics": {{"name": "Jane", "image": "data:image/png;base64,{png}"}}}}"#);
    let json_ok = server.send("POST", "/render", &[("Content-Type", "application/json")], json.as_bytes());
    assert_eq!(json_ok.status, 200, "{}", json_ok.text());
    let by_path = br#"{"basics": {"name": "Jane", "image": "portrait.png"}}"#;
    let refused = server.send("POST", "/render", &[("Content-Type", "application/json")], by_path);
    assert_eq!(
        (refused.status, refused.json()["error"]["line"].as_u64()),
        (422, Some(1)),
        "{}",
        refused.text()
    );
}

#[test]
fn a_body_past_the_limit_is_413() {
    let server = Server::start(&["--max-body-bytes", "1000"]);
    let answer = server.post("/render", &vec![b'#'; 5000]);
    assert_eq!(answer.status, 413, "{}", answer.text());
    assert_eq!(answer.json()["error"]["kind"].as_str(), Some("too_large"));
    assert_eq!(server.post("/check", &vec![b'#'; 5000]).status, 413, "/check has the same limit");
    assert_eq!(server.post("/render", b"name: Jane\n").status, 200, "a small body still renders");
    assert_eq!(server.metric("vitae_errors_total{kind=\"too_large\"}"), Some(2.0));
}

/// A request that keeps a render slot busy for a while in a debug build: two pages rasterised
/// at a high resolution.
const SLOW: &str = "/render?output=png&page=2&dpi=72";

#[test]
fn past_the_concurrency_limit_a_request_gets_503_at_once() {
    let server = Server::start(&["--max-concurrent", "1", "--queue", "0"]);
    let (addr, sample) = (server.addr.clone(), read(SAMPLE));
    let slow = std::thread::spawn(move || request(&addr, "POST", SLOW, &[], &sample));
    server.wait_for("the slow render to start", |s| s.metric("vitae_renders_running") == Some(1.0));
    let start = Instant::now();
    let refused = server.post("/render", b"name: Jane\n");
    assert_eq!(refused.status, 503, "{}", refused.text());
    assert_eq!(refused.header("retry-after"), Some("1"));
    assert_eq!(refused.json()["error"]["kind"].as_str(), Some("overloaded"));
    assert!(start.elapsed() < Duration::from_secs(2), "refused at once, not queued");
    assert_eq!(slow.join().unwrap().status, 200, "the render in flight is not disturbed");
    assert_eq!(server.post("/render", b"name: Jane\n").status, 200, "a slot is free again");
    assert_eq!(server.metric("vitae_http_requests_total{endpoint=\"/render\",status=\"503\"}"), Some(1.0));
}

#[test]
fn a_queue_holds_requests_until_a_slot_frees() {
    let server = Server::start(&["--max-concurrent", "1", "--queue", "1"]);
    let (addr, sample) = (server.addr.clone(), read(SAMPLE));
    let slow = std::thread::spawn(move || request(&addr, "POST", SLOW, &[], &sample));
    server.wait_for("the slow render to start", |s| s.metric("vitae_renders_running") == Some(1.0));
    let addr = server.addr.clone();
    let queued = std::thread::spawn(move || request(&addr, "POST", "/render", &[], b"name: Jane\n"));
    server.wait_for("the second request to wait", |s| s.metric("vitae_http_requests_in_flight") == Some(3.0));
    assert_eq!(server.post("/render", b"name: Jane\n").status, 503, "one rendering, one waiting: full");
    assert_eq!(slow.join().unwrap().status, 200);
    assert_eq!(queued.join().unwrap().status, 200, "the waiting request is served, not lost");
}

#[test]
fn a_render_past_its_budget_is_503_and_still_finishes() {
    let server = Server::start(&["--render-timeout-ms", "50", "--max-concurrent", "1", "--queue", "0"]);
    let answer = server.post(SLOW, &read(SAMPLE));
    assert_eq!(answer.status, 503, "{}", answer.text());
    assert_eq!(answer.json()["error"]["kind"].as_str(), Some("render_timeout"));
    assert_eq!(answer.header("retry-after"), Some("1"));
    // The render cannot be stopped: it runs on, holding its slot, so the limit stays true.
    if server.metric("vitae_renders_running") == Some(1.0) {
        assert_eq!(server.post("/render", b"name: Jane\n").status, 503, "its slot is still taken");
    }
    server.wait_for("the render to end", |s| s.metric("vitae_renders_running") == Some(0.0));
    assert_eq!(server.metric("vitae_render_duration_seconds_count"), Some(1.0), "it ran to its end");
    assert_eq!(server.post("/check", b"name: Jane\n").status, 200, "the server is well");
}

#[test]
fn health_and_metrics_answer() {
    let server = Server::start(&[]);
    let health = server.send("GET", "/healthz", &[], b"");
    assert_eq!((health.status, health.text().as_str()), (200, "ok\n"));
    assert_eq!(server.post("/render", &read(SAMPLE)).status, 200);
    let metrics = server.send("GET", "/metrics", &[], b"");
    assert_eq!(metrics.header("content-type"), Some("text/plain; version=0.0.4; charset=utf-8"));
    let text = metrics.text();
    for family in [
        "# TYPE vitae_http_requests_total counter",
        "# TYPE vitae_http_request_duration_seconds histogram",
        "# TYPE vitae_render_duration_seconds histogram",
        "# TYPE vitae_errors_total counter",
        "# TYPE vitae_http_requests_in_flight gauge",
        "vitae_http_requests_total{endpoint=\"/healthz\",status=\"200\"} 1",
        "vitae_http_request_duration_seconds_count{endpoint=\"/render\"} 1",
        "vitae_render_duration_seconds_count 1",
        "vitae_http_requests_in_flight 1",
    ] {
        assert!(text.contains(family), "`{family}` missing from\n{text}");
    }
    // One JSON line per request, on standard error.
    server.wait_for("three request lines", |s| {
        s.log().iter().filter(|l| l.contains("\"event\":\"request\"")).count() >= 3
    });
    let lines: Vec<serde_json::Value> =
        server.log().iter().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    let render = lines.iter().find(|l| l["path"] == "/render").expect("the render's line");
    assert_eq!((render["status"].as_u64(), render["pages"].as_u64()), (Some(200), Some(2)), "{render}");
}

#[test]
fn sigterm_finishes_the_render_in_flight_then_exits() {
    let mut server = Server::start(&[]);
    let (addr, sample) = (server.addr.clone(), read(SAMPLE));
    let slow = std::thread::spawn(move || request(&addr, "POST", SLOW, &[], &sample));
    server.wait_for("the slow render to start", |s| s.metric("vitae_renders_running") == Some(1.0));
    let pid = server.child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let answer = slow.join().unwrap();
    assert_eq!(answer.status, 200, "the render in flight is answered");
    assert!(answer.body.starts_with(b"\x89PNG"));
    let status = server.child.wait().expect("the server exits");
    assert_eq!(status.code(), Some(0));
    std::thread::sleep(Duration::from_millis(100));
    let log = server.log();
    assert!(log.iter().any(|l| l.contains("\"event\":\"shutdown\"") && l.contains("SIGTERM")), "{log:?}");
    assert!(log.last().is_some_and(|l| l.contains("\"event\":\"stopped\"")), "{log:?}");
}
