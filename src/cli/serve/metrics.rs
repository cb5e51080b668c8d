//! The server's counters and histograms, and their Prometheus text exposition (format 0.0.4,
//! written by hand: a few counters do not need a metrics library).
//!
//! Every label value comes from a closed set (the routes, the status codes the server sends,
//! the error kinds of [`super::work::Failure`]), so the number of series is bounded whatever
//! the requests are.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

/// Upper bounds of the request-latency buckets, in seconds: from a cached health check (well
/// under a millisecond) to a long résumé rendered on a busy machine (seconds).
const LATENCY_BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

/// Upper bounds of the render-time buckets, in seconds: a one-page résumé renders in a few
/// milliseconds in a release build, a long one with fitting in up to a second or two.
const RENDER_BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

/// A cumulative histogram over fixed buckets.
#[derive(Debug, Clone, Default)]
struct Histogram {
    /// Observations at or below each bucket's bound (same order as the bounds).
    counts: Vec<u64>,
    /// The sum of all observations, in seconds.
    sum: f64,
    /// How many observations there were.
    count: u64,
}

impl Histogram {
    /// Records one observation.
    fn observe(&mut self, bounds: &[f64], seconds: f64) {
        self.counts.resize(bounds.len(), 0);
        for (count, bound) in self.counts.iter_mut().zip(bounds) {
            if seconds <= *bound {
                *count += 1;
            }
        }
        self.sum += seconds;
        self.count += 1;
    }

    /// Writes the `_bucket`, `_sum` and `_count` lines, `labels` being `key="value",` pairs.
    fn write(&self, out: &mut String, name: &str, labels: &str, bounds: &[f64]) {
        for (i, bound) in bounds.iter().enumerate() {
            let count = self.counts.get(i).copied().unwrap_or(0);
            let _ = writeln!(out, "{name}_bucket{{{labels}le=\"{bound}\"}} {count}");
        }
        let _ = writeln!(out, "{name}_bucket{{{labels}le=\"+Inf\"}} {}", self.count);
        let bare = labels.trim_end_matches(',');
        let braced = if bare.is_empty() { String::new() } else { format!("{{{bare}}}") };
        let _ = writeln!(out, "{name}_sum{braced} {}", self.sum);
        let _ = writeln!(out, "{name}_count{braced} {}", self.count);
    }
}

/// What is counted under the lock: ordered maps, so the exposition's order never changes.
#[derive(Debug, Default)]
struct Counts {
    /// Requests answered, by endpoint and status code.
    requests: BTreeMap<(&'static str, u16), u64>,
    /// Request latency, by endpoint.
    latency: BTreeMap<&'static str, Histogram>,
    /// Time spent rendering (in the blocking pool), over all renders that finished.
    render: Histogram,
    /// Failed requests, by kind.
    errors: BTreeMap<&'static str, u64>,
}

/// The server's metrics; shared by every request.
#[derive(Debug, Default)]
pub struct Metrics {
    /// The counters and histograms.
    counts: Mutex<Counts>,
    /// Requests being handled now (queued or rendering).
    pub in_flight: AtomicI64,
    /// Renders running now in the blocking pool, including those past their budget whose
    /// answer was already sent.
    pub rendering: AtomicI64,
}

impl Metrics {
    /// Records one answered request.
    pub fn request(&self, endpoint: &'static str, status: u16, elapsed: Duration) {
        let mut c = self.lock();
        *c.requests.entry((endpoint, status)).or_default() += 1;
        c.latency.entry(endpoint).or_default().observe(&LATENCY_BUCKETS, elapsed.as_secs_f64());
    }

    /// Records one failed request by kind.
    pub fn error(&self, kind: &'static str) {
        *self.lock().errors.entry(kind).or_default() += 1;
    }

    /// Records the time one render took.
    pub fn render_time(&self, elapsed: Duration) {
        self.lock().render.observe(&RENDER_BUCKETS, elapsed.as_secs_f64());
    }

    /// Locks the counts; a panic elsewhere while holding the lock leaves counts still usable.
    fn lock(&self) -> std::sync::MutexGuard<'_, Counts> {
        self.counts.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Returns the Prometheus text exposition of every metric.
    pub fn exposition(&self) -> String {
        let c = self.lock();
        let mut out = String::new();
        header(
            &mut out,
            "vitae_http_requests_total",
            "counter",
            "Requests answered, by endpoint and status code.",
        );
        for ((endpoint, status), n) in &c.requests {
            let _ =
                writeln!(out, "vitae_http_requests_total{{endpoint=\"{endpoint}\",status=\"{status}\"}} {n}");
        }
        let name = "vitae_http_request_duration_seconds";
        header(&mut out, name, "histogram", "Time from request to answer, by endpoint.");
        for (endpoint, h) in &c.latency {
            h.write(&mut out, name, &format!("endpoint=\"{endpoint}\","), &LATENCY_BUCKETS);
        }
        let name = "vitae_render_duration_seconds";
        header(&mut out, name, "histogram", "Time one render took in the blocking pool.");
        c.render.write(&mut out, name, "", &RENDER_BUCKETS);
        header(&mut out, "vitae_errors_total", "counter", "Failed requests, by kind.");
        for (kind, n) in &c.errors {
            let _ = writeln!(out, "vitae_errors_total{{kind=\"{kind}\"}} {n}");
        }
        drop(c);
        let gauges = [
            (
                "vitae_http_requests_in_flight",
                "Requests being handled (queued or rendering).",
                &self.in_flight,
            ),
            ("vitae_renders_running", "Renders running, including those past their budget.", &self.rendering),
        ];
        for (name, help, value) in gauges {
            header(&mut out, name, "gauge", help);
            let _ = writeln!(out, "{name} {}", value.load(Ordering::Relaxed));
        }
        out
    }
}

/// Writes a metric's `# HELP` and `# TYPE` lines.
fn header(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_histogram_is_cumulative_and_counts_everything() {
        let mut h = Histogram::default();
        for s in [0.0005, 0.003, 0.003, 20.0] {
            h.observe(&LATENCY_BUCKETS, s);
        }
        assert_eq!(h.counts[0], 1, "≤ 1 ms");
        assert_eq!(h.counts[2], 3, "≤ 5 ms");
        assert_eq!(*h.counts.last().unwrap(), 3, "20 s is only in +Inf");
        let mut out = String::new();
        h.write(&mut out, "x", "endpoint=\"/a\",", &LATENCY_BUCKETS);
        assert!(out.contains("x_bucket{endpoint=\"/a\",le=\"+Inf\"} 4\n"), "{out}");
        assert!(out.contains("x_count{endpoint=\"/a\"} 4\n"), "{out}");
    }

    #[test]
    fn the_exposition_lists_every_family_in_a_stable_order() {
        let m = Metrics::default();
        m.request("/render", 200, Duration::from_millis(30));
        m.request("/healthz", 200, Duration::from_micros(100));
        m.request("/render", 422, Duration::from_millis(2));
        m.error("profile");
        m.render_time(Duration::from_millis(25));
        let text = m.exposition();
        let healthz = text.find("endpoint=\"/healthz\",status=\"200\"").unwrap();
        let render = text.find("endpoint=\"/render\",status=\"200\"").unwrap();
        assert!(healthz < render, "sorted by endpoint");
        assert!(text.contains("vitae_http_requests_total{endpoint=\"/render\",status=\"422\"} 1\n"));
        assert!(text.contains("vitae_errors_total{kind=\"profile\"} 1\n"));
        assert!(text.contains("vitae_render_duration_seconds_count 1\n"));
        assert!(text.contains("vitae_http_requests_in_flight 0\n"));
        assert_eq!(text, m.exposition(), "reading the metrics changes nothing");
    }
}
