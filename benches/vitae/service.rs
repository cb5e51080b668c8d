//! The service path: [`vitae::render`] called again and again in one long-lived process, as a
//! server calls it, over distinct documents parsed from memory (no file is read or written per
//! document). Reports the heap allocations per document, counted by the bench binary's global
//! allocator (`stats_alloc` wrapping the system allocator, so the figures are glibc's own
//! workload), and the p50 and p99 time of one call.

use std::alloc::System;
use std::time::Duration;

use stats_alloc::{Region, StatsAlloc};

use crate::corpus::variant;
use crate::stages::timed;

/// What the service run measured.
pub struct ServiceStats {
    /// Documents rendered (after the warm-up).
    pub docs: usize,
    /// Heap allocations per document (parse + render), mean over the run.
    pub allocations: f64,
    /// Bytes allocated per document, mean over the run.
    pub bytes: f64,
    /// Median time of one document (parse + render).
    pub p50: Duration,
    /// 99th percentile of the same.
    pub p99: Duration,
    /// Mean PDF size in bytes.
    pub pdf_bytes: f64,
}

/// Variant numbers of the warm-up documents, far from those measured, so the warm-up fills
/// the caches with the sample's words without rendering any measured document first.
const WARMUP_BASE: u64 = 2_000_000;

/// Documents rendered before measuring: the first render builds the shared engine (fonts,
/// shape plans) once; a service pays that at start-up, not per request.
const WARMUP: u64 = 5;

/// Parses and renders `docs` distinct variants of `text` through [`vitae::render`], one after
/// another, and returns the allocation counts and time percentiles.
pub fn measure(alloc: &'static StatsAlloc<System>, text: &str, docs: u64) -> ServiceStats {
    let options = vitae::RenderOptions::default();
    for n in 0..WARMUP {
        render(&variant(text, WARMUP_BASE + n), &options);
    }
    // The variants' texts are made before counting, so their own allocations are left out.
    let texts: Vec<String> = (1..=docs).map(|n| variant(text, n)).collect();
    let mut times = Vec::with_capacity(texts.len());
    let mut pdf_bytes = 0usize;
    let region = Region::new(alloc);
    for source in &texts {
        let (size, took) = timed(|| render(source, &options));
        pdf_bytes += size;
        times.push(took);
    }
    let change = region.change();
    times.sort();
    let n = texts.len().max(1) as f64;
    ServiceStats {
        docs: texts.len(),
        allocations: change.allocations as f64 / n,
        bytes: change.bytes_allocated as f64 / n,
        p50: percentile(&times, 50),
        p99: percentile(&times, 99),
        pdf_bytes: pdf_bytes as f64 / n,
    }
}

/// Parses a profile from memory and renders it as [`vitae::render`] does; returns the PDF's
/// size.
fn render(source: &str, options: &vitae::RenderOptions) -> usize {
    let profile = vitae::profile::parse(source, "cv.yaml").expect("a variant parses");
    vitae::render(&profile, options).expect("a variant renders").pdf.len()
}

/// Returns the `p`th percentile of sorted durations (nearest rank), or zero for none.
fn percentile(sorted: &[Duration], p: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (p * sorted.len()).div_ceil(100).clamp(1, sorted.len());
    sorted[rank - 1]
}
