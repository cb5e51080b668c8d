//! `vitae serve`: the render server. An HTTP/1.1 server (axum on tokio) whose requests carry a
//! whole profile and get back its PDF, a PNG page or the text; see `docs/deploy.md` for the API.
//!
//! The layers, outermost first: `log` (one JSON line per request on standard error, metrics) →
//! `api` (routes, limits, the answer's form; `query` reads the parameters) → `work` (the render, on the
//! blocking pool, knowing nothing of HTTP) → the library, through one shared [`vitae::Engine`].
//! The library itself never sees tokio: this module is the binary's, behind the `serve` feature.
//!
//! Limits: the body's size (413), renders at once and waiting (503 with `Retry-After` when
//! both are full: never an unbounded queue), a time budget per render (503 when past it; the
//! render itself cannot be stopped and runs to its end on its thread, holding its slot, so
//! the concurrency limit stays true), and the library's own (pages, photo size). SIGTERM or
//! Ctrl-C stops accepting connections and waits for every request and render in flight.

mod api;
mod log;
mod metrics;
mod query;
mod work;

use std::net::SocketAddr;
use std::num::NonZeroUsize;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use tokio::sync::Semaphore;

use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE, report_error};

/// Arguments of `vitae serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address and port to listen on (`0.0.0.0:8080` in a container; port 0 picks a free
    /// one, printed in the first log line).
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// Renders run at once [default: the number of cores].
    #[arg(long, value_name = "N")]
    pub max_concurrent: Option<NonZeroUsize>,
    /// Requests that may wait for a render slot; past that (and the renders running) a request
    /// gets 503 with `Retry-After` at once.
    #[arg(long, value_name = "N", default_value_t = 16)]
    pub queue: usize,
    /// The largest request body, in bytes (413 past it) [default: the 2 MiB profile limit].
    #[arg(long, value_name = "BYTES", default_value_t = vitae::limits::MAX_PROFILE_BYTES as usize)]
    pub max_body_bytes: usize,
    /// The time budget of one render, in milliseconds (503 past it).
    #[arg(long, value_name = "MS", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub render_timeout_ms: u64,
}

/// What every request shares.
#[derive(Debug)]
pub struct State {
    /// The one engine: fonts parsed once, shaped words cached across requests.
    pub engine: vitae::Engine,
    /// Slots for requests admitted (rendering or waiting): `max_concurrent + queue`.
    pub admitted: Arc<Semaphore>,
    /// Slots for renders running: `max_concurrent`.
    pub rendering: Arc<Semaphore>,
    /// The render budget.
    pub budget: Duration,
    /// The largest body.
    pub max_body: usize,
    /// `SOURCE_DATE_EPOCH` read at start, as `vitae render` reads it, so that both give the
    /// same bytes.
    pub creation_date: Option<i64>,
    /// The counters and histograms.
    pub metrics: metrics::Metrics,
}

/// Runs the server until SIGTERM or Ctrl-C; returns the exit code.
pub fn run(args: &ServeArgs) -> u8 {
    let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    let concurrent = args.max_concurrent.map_or(cores, NonZeroUsize::get);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            report_error(&format!("cannot start the server's threads: {e}"), None);
            return EXIT_FAILED;
        }
    };
    let state = Arc::new(State {
        engine: vitae::Engine::new(),
        admitted: Arc::new(Semaphore::new(concurrent + args.queue)),
        rendering: Arc::new(Semaphore::new(concurrent)),
        budget: Duration::from_millis(args.render_timeout_ms),
        max_body: args.max_body_bytes,
        creation_date: super::render::source_date_epoch(),
        metrics: metrics::Metrics::default(),
    });
    let code = runtime.block_on(serve(args.bind, state, concurrent, args.queue));
    // Dropping the runtime waits for renders still running past their budget.
    drop(runtime);
    log::event("stopped", &[]);
    code
}

/// Binds, serves until a stop signal, then waits for the requests in flight.
async fn serve(bind: SocketAddr, state: Arc<State>, concurrent: usize, queue: usize) -> u8 {
    let listener = match tokio::net::TcpListener::bind(bind).await {
        Ok(l) => l,
        Err(e) => {
            report_error(
                &format!("cannot listen on {bind}: {e}"),
                Some("choose another --bind address or port"),
            );
            return EXIT_USAGE;
        }
    };
    let addr = listener.local_addr().map_or_else(|_| bind.to_string(), |a| a.to_string());
    let limits =
        [("addr", addr.as_str()), ("max_concurrent", &concurrent.to_string()), ("queue", &queue.to_string())];
    log::event("listening", &limits);
    let app = api::router(state);
    match axum::serve(listener, app).with_graceful_shutdown(stop_signal()).await {
        Ok(()) => EXIT_OK,
        Err(e) => {
            report_error(&format!("the server stopped: {e}"), None);
            EXIT_FAILED
        }
    }
}

/// Waits for SIGTERM (what Kubernetes and `docker stop` send) or Ctrl-C, and logs which.
async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
        "interrupt"
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            // No handler: only Ctrl-C stops the server.
            Err(_) => std::future::pending::<()>().await,
        }
        "SIGTERM"
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<&str>();
    let reason = tokio::select! { r = ctrl_c => r, r = term => r };
    log::event("shutdown", &[("reason", reason)]);
}
