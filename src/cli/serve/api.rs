//! The HTTP surface: routes, the query parameters of a render, the limits, and the form of
//! every answer. A failure is JSON `{"error": {"kind", "message", "line", "column", "hint"}}`
//! with its status code; the middleware counts and logs each request once.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine as _;
use serde_json::{Value, json};

use super::State as Shared;
use super::log;
use super::query::{Params, bad_request, content_format};
use super::work::{self, Answer, Failure, Job, Output};

/// The longest `X-Vitae-Warnings` header, in bytes: proxies commonly refuse headers past 8 KiB
/// in all, so the warnings take at most half; `X-Vitae-Warning-Count` says how many there were.
const MAX_WARNINGS_HEADER: usize = 4096;

const RETRY_AFTER_SECONDS: &str = "1";

/// The routes, their limits and the logging middleware.
pub fn router(state: Arc<Shared>) -> Router {
    let max_body = state.max_body;
    Router::new()
        .route("/render", post(render))
        .route("/check", post(check))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(middleware::from_fn_with_state(state.clone(), observe))
        .with_state(state)
}

/// What a handler tells the middleware about its answer, for the log line and the metrics.
#[derive(Debug, Clone, Default)]
struct Outcome {
    /// The failure's kind, when it failed.
    error: Option<&'static str>,
    /// The pages rendered.
    pages: Option<usize>,
    /// How many warnings the render had.
    warnings: usize,
    /// The body's length.
    bytes_out: usize,
}

/// Counts and logs one request around its handler.
async fn observe(State(state): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let start = Instant::now();
    let endpoint = endpoint(request.uri().path());
    let method = request.method().to_string();
    let bytes_in =
        request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    state.metrics.in_flight.fetch_add(1, Ordering::Relaxed);
    let response = next.run(request).await;
    state.metrics.in_flight.fetch_sub(1, Ordering::Relaxed);
    let elapsed = start.elapsed();
    let status = response.status().as_u16();
    let outcome = response.extensions().get::<Outcome>().cloned().unwrap_or_default();
    state.metrics.request(endpoint, status, elapsed);
    if let Some(kind) = outcome.error {
        state.metrics.error(kind);
    }
    let fields = json!({
        "method": method, "path": endpoint, "status": status,
        "ms": (elapsed.as_secs_f64() * 1e4).round() / 10.0,
        "bytes_in": bytes_in, "bytes_out": outcome.bytes_out,
        "pages": outcome.pages, "warnings": outcome.warnings, "error": outcome.error,
    });
    if let Value::Object(fields) = fields {
        log::line("request", fields);
    }
    response
}

/// Returns the metrics label of a path: a route, or `other` (a closed set, so that scanners
/// probing paths cannot grow the metrics).
fn endpoint(path: &str) -> &'static str {
    match path {
        "/render" => "/render",
        "/check" => "/check",
        "/healthz" => "/healthz",
        "/metrics" => "/metrics",
        _ => "other",
    }
}

/// `GET /healthz`: the process answers (the engine was built before the listener opened).
async fn healthz() -> Response {
    text_response(StatusCode::OK, "text/plain; charset=utf-8", "ok\n".into())
}

/// `GET /metrics`: the Prometheus text exposition.
async fn metrics(State(state): State<Arc<Shared>>) -> Response {
    text_response(
        StatusCode::OK,
        "text/plain; version=0.0.4; charset=utf-8",
        state.metrics.exposition().into_bytes(),
    )
}

/// `POST /render`: the profile in the body, the options in the query; answers the output with
/// the warnings in `X-Vitae-Warnings`, or everything in JSON with `envelope=json` or
/// `Accept: application/json`.
async fn render(
    State(state): State<Arc<Shared>>,
    headers: HeaderMap,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let asked = match admit(&state, &headers, query, body, true) {
        Ok(a) => a,
        Err(f) => return failure(&f),
    };
    let envelope = asked.envelope;
    let job = asked.job;
    let output = job.output;
    let engine_state = state.clone();
    match run_blocking(&state, move || work::render(&engine_state.engine, &job)).await {
        Ok(answer) if envelope => envelope_response(&answer, output),
        Ok(answer) => output_response(answer, output),
        Err(f) => failure(&f),
    }
}

/// `POST /check`: loads and checks the profile with its layout, as `vitae check` does.
async fn check(
    State(state): State<Arc<Shared>>,
    headers: HeaderMap,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let job = match admit(&state, &headers, query, body, false) {
        Ok(a) => a.job,
        Err(f) => return failure(&f),
    };
    let checked = run_blocking(&state, move || {
        work::check(&job).map(|(p, _)| p.notes.iter().map(ToString::to_string).collect::<Vec<_>>())
    });
    match checked.await {
        Ok(warnings) => {
            let count = warnings.len();
            let mut response = json_response(StatusCode::OK, &json!({ "ok": true, "warnings": warnings }));
            if let Some(o) = response.extensions_mut().get_mut::<Outcome>() {
                o.warnings = count;
            }
            response
        }
        Err(f) => failure(&f),
    }
}

/// A request read and decided on, before any work.
struct Asked {
    /// The work.
    job: Job,
    /// Whether to answer in a JSON envelope.
    envelope: bool,
}

/// Reads the body and the query into a job: 413 for a body past the limit, 400 for a bad
/// parameter, 422 for a body that is not UTF-8.
fn admit(
    state: &Shared,
    headers: &HeaderMap,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
    render: bool,
) -> Result<Asked, Failure> {
    let body = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => Failure {
            status: 413,
            ..Failure::input(
                "too_large",
                format!("the body is larger than the limit of {} bytes", state.max_body),
                Some("a résumé profile is a few kilobytes; send a smaller photo"),
            )
        },
        status => Failure { status: status.as_u16(), ..Failure::input("bad_request", e.body_text(), None) },
    })?;
    let Query(pairs) = query.map_err(|e| bad_request(e.body_text()))?;
    let text = String::from_utf8(body.to_vec()).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        Failure::input(
            "profile",
            format!("the body is not valid UTF-8 (byte {at})"),
            Some("send the profile as UTF-8"),
        )
    })?;
    let accept_json =
        headers.get(header::ACCEPT).is_some_and(|a| a.as_bytes().starts_with(b"application/json"));
    let mut params = Params::new(content_format(headers), state.creation_date);
    for (key, value) in &pairs {
        params.set(key, value, render)?;
    }
    let envelope = params.envelope || accept_json;
    Ok(Asked { job: params.into_job(text), envelope })
}

/// Runs `work` on the blocking pool under the limits: 503 at once when the renders and the
/// queue are full, else wait for a render slot, then at most the budget. The permits move into
/// the blocking closure, so a render past its budget keeps its slot until it really ends.
async fn run_blocking<T: Send + 'static>(
    state: &Arc<Shared>,
    work: impl FnOnce() -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    let overloaded = |what: &str| Failure {
        status: 503,
        ..Failure::input("overloaded", what.to_owned(), Some("retry after the time in Retry-After"))
    };
    let admitted = state
        .admitted
        .clone()
        .try_acquire_owned()
        .map_err(|_| overloaded("every render slot and queue place is taken"))?;
    let slot =
        state.rendering.clone().acquire_owned().await.map_err(|_| overloaded("the server is stopping"))?;
    let shared = state.clone();
    let task = tokio::task::spawn_blocking(move || {
        let _permits = (admitted, slot);
        shared.metrics.rendering.fetch_add(1, Ordering::Relaxed);
        let start = Instant::now();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
        shared.metrics.render_time(start.elapsed());
        shared.metrics.rendering.fetch_sub(1, Ordering::Relaxed);
        result
    });
    match tokio::time::timeout(state.budget, task).await {
        Ok(Ok(Ok(result))) => result,
        Ok(Ok(Err(_))) | Ok(Err(_)) => Err(Failure {
            status: 500,
            ..Failure::input(
                "panic",
                "the render failed on a bug in vitae",
                Some("please report the profile that caused it"),
            )
        }),
        Err(_elapsed) => Err(Failure {
            status: 503,
            ..Failure::input(
                "render_timeout",
                format!("the render took longer than its budget of {} ms", state.budget.as_millis()),
                Some("a shorter profile, or a server started with a larger --render-timeout-ms"),
            )
        }),
    }
}

/// The output itself, with the warnings in headers.
fn output_response(answer: Answer, output: Output) -> Response {
    let kind = content_type(output);
    let outcome = Outcome {
        error: None,
        pages: Some(answer.pages),
        warnings: answer.warnings.len(),
        bytes_out: answer.body.len(),
    };
    let mut response = (StatusCode::OK, Body::from(answer.body)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert("x-vitae-pages", HeaderValue::from(answer.pages));
    headers.insert("x-vitae-warning-count", HeaderValue::from(answer.warnings.len()));
    if let Ok(value) = HeaderValue::from_str(&warnings_header(&answer.warnings)) {
        headers.insert("x-vitae-warnings", value);
    }
    response.extensions_mut().insert(outcome);
    response
}

/// Everything as JSON: pages, warnings, the content type and the output in base64.
fn envelope_response(answer: &Answer, output: Output) -> Response {
    let body = json!({
        "pages": answer.pages,
        "warnings": answer.warnings,
        "content_type": content_type(output),
        "body_base64": base64::engine::general_purpose::STANDARD.encode(&answer.body),
    });
    let mut response = json_response(StatusCode::OK, &body);
    if let Some(o) = response.extensions_mut().get_mut::<Outcome>() {
        o.pages = Some(answer.pages);
        o.warnings = answer.warnings.len();
    }
    response
}

/// Returns the content type of an output.
fn content_type(output: Output) -> &'static str {
    match output {
        Output::Pdf => "application/pdf",
        Output::Png { .. } => "image/png",
        Output::Txt => "text/plain; charset=utf-8",
    }
}

/// Returns the warnings as a JSON array of strings in ASCII (a header value is ASCII), keeping
/// as many whole warnings, in order, as fit in [`MAX_WARNINGS_HEADER`] bytes.
fn warnings_header(warnings: &[String]) -> String {
    let mut kept: Vec<String> = Vec::new();
    let mut len = 2;
    for w in warnings {
        let encoded = ascii_json(w);
        if len + encoded.len() + 1 > MAX_WARNINGS_HEADER {
            break;
        }
        len += encoded.len() + 1;
        kept.push(encoded);
    }
    format!("[{}]", kept.join(","))
}

/// Encodes a string as a JSON string with every non-ASCII character escaped (`\uXXXX`, in
/// UTF-16 surrogate pairs past the Basic Multilingual Plane).
fn ascii_json(text: &str) -> String {
    let json = Value::from(text).to_string();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

/// A failure's answer: its status, JSON body, and `Retry-After` for a 503.
fn failure(f: &Failure) -> Response {
    let (line, column) = f.at.map_or((None, None), |(l, c)| (Some(l), Some(c)));
    let body = json!({ "error": { "kind": f.kind, "message": f.message, "line": line, "column": column, "hint": f.hint } });
    let status = StatusCode::from_u16(f.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = json_response(status, &body);
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER_SECONDS));
    }
    if let Some(o) = response.extensions_mut().get_mut::<Outcome>() {
        o.error = Some(f.kind);
    }
    response
}

/// A JSON answer.
fn json_response(status: StatusCode, value: &Value) -> Response {
    text_response(status, "application/json", value.to_string().into_bytes())
}

/// An answer of some bytes and a content type, with its outcome for the log.
fn text_response(status: StatusCode, kind: &'static str, body: Vec<u8>) -> Response {
    let outcome = Outcome { bytes_out: body.len(), ..Outcome::default() };
    let mut response = (status, [(header::CONTENT_TYPE, kind)], body).into_response();
    response.extensions_mut().insert(outcome);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_are_ascii_json_and_bounded() {
        let header = warnings_header(&["café – 𝄞".to_owned(), "b\"q".to_owned()]);
        assert_eq!(header, r#"["caf\u00e9 \u2013 \ud834\udd1e","b\"q"]"#);
        let back: Vec<String> = serde_json::from_str(&header).unwrap();
        assert_eq!(back, ["café – 𝄞", "b\"q"]);
        let many: Vec<String> = (0..1000).map(|i| format!("warning number {i}")).collect();
        let bounded = warnings_header(&many);
        assert!(bounded.len() <= MAX_WARNINGS_HEADER, "{}", bounded.len());
        let kept: Vec<String> = serde_json::from_str(&bounded).unwrap();
        assert_eq!(kept, many[..kept.len()], "whole warnings, in order");
        assert_eq!(warnings_header(&[]), "[]");
    }
}
