//! vitae's benchmarks: `cargo bench` prints the tables of `docs/performance.md` (Markdown).
//!
//! 1. Stages: per-stage times in process for each sample (distinct variants, one engine).
//! 2. Single render: whole-process wall, CPU, peak memory and (with valgrind) instructions of
//!    `vitae render` per sample, and the Typst peers (the Typst CLI when `typst` is on `PATH`
//!    and typst-py in a fresh Python process when Python can import it; each with and without
//!    ignoring system fonts) alternated with vitae.
//! 3. Batch: 1,000 distinct variants of the two-page sample with `--jobs 1` and `--jobs 2`, and
//!    (with valgrind) the instructions per document of 50 of them.
//! 4. Growth: the two-page sample 1×, 10× and 100× as long, in process.
//! 5. Service: `vitae::render` over 1,000 distinct documents in this process: allocations per
//!    document and p50/p99 time.
//!
//! `cargo bench -- --quick` runs smaller versions of each part (for trying the benchmark out);
//! `cargo bench -- batch` (or `stages`, `process`, `growth`, `service`) runs only the parts
//! named.

mod corpus;
mod instructions;
mod process;
mod service;
mod stages;

use std::path::Path;
use std::time::Duration;

use corpus::TempDir;
use process::Stats;
use stats_alloc::{INSTRUMENTED_SYSTEM, StatsAlloc};

/// Counts the bench's heap allocations (the service part reports them per document); it
/// forwards every call to the system allocator, so what is measured is glibc's workload.
#[global_allocator]
static ALLOCATOR: &StatsAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

/// The samples, the two-page résumé of the peers first.
const SAMPLES: &[&str] = &[
    "indradhanush-gupta.yaml",
    "anurag-mohanty.yaml",
    "devops-platform-engineer.yaml",
    "distributed-systems-engineer.yaml",
    "tweet-backend-engineer.yaml",
];
/// The two-page sample: the same résumé as the peers' inputs in `../shared/peers/`.
const TWO_PAGE: &str = "indradhanush-gupta.yaml";
/// The Typst peer's input, relative to the package root.
const PEER_TYPST: &str = "../shared/peers/resume.typ";

/// One part of the benchmark: prints its table.
type Part = fn(&Path, &Sizes);

/// How much work each part does.
struct Sizes {
    stage_variants: u64,
    process_rounds: usize,
    batch: u64,
    batch_rounds: usize,
    growth: &'static [u64],
    service: u64,
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let sizes = if quick {
        Sizes {
            stage_variants: 5,
            process_rounds: 3,
            batch: 100,
            batch_rounds: 1,
            growth: &[1, 10],
            service: 100,
        }
    } else {
        Sizes {
            stage_variants: 30,
            process_rounds: 10,
            batch: 1000,
            batch_rounds: 5,
            growth: &[1, 10, 100],
            service: 1000,
        }
    };
    // `cargo bench -- batch growth` runs only the parts named (cargo itself passes `--bench`).
    let named: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let wanted = |part: &str| named.is_empty() || named.iter().any(|n| n == part);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    print_machine();
    let parts: [(&str, Part); 5] = [
        ("stages", stage_table),
        ("process", process_table),
        ("batch", batch_table),
        ("growth", growth_table),
        ("service", service_table),
    ];
    for (name, part) in parts {
        if wanted(name) {
            part(root, &sizes);
        }
    }
}

/// Prints the date and the machine.
fn print_machine() {
    let date =
        std::process::Command::new("date").output().map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
    let cpu = std::fs::read_to_string("/proc/cpuinfo").ok().and_then(|s| {
        s.lines()
            .find(|l| l.starts_with("model name"))
            .and_then(|l| l.split(':').nth(1))
            .map(|m| m.trim().to_string())
    });
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!("date: {}", date.unwrap_or_default().trim());
    println!("machine: {cores} cores, {}\n", cpu.unwrap_or_else(|| "unknown CPU".into()));
}

/// Prints the per-stage table.
fn stage_table(root: &Path, sizes: &Sizes) {
    println!(
        "### Stages, in process (ms, median of {} distinct variants, one engine)\n",
        sizes.stage_variants
    );
    println!("| sample | words | pages | parse | content | inline | pages | PDF | sum | render() |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let engine = vitae::Engine::new();
    for name in SAMPLES {
        let t = stages::measure(&engine, &corpus::sample(root, name), sizes.stage_variants);
        let sum = t.parse + t.content + t.inline + t.pages + t.pdf;
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            name.trim_end_matches(".yaml"),
            t.words,
            t.page_count,
            ms(t.parse),
            ms(t.content),
            ms(t.inline),
            ms(t.pages),
            ms(t.pdf),
            ms(sum),
            ms(t.render)
        );
    }
    println!();
}

/// Prints whole-process figures for each sample and the Typst peers, run alternately, with
/// each command's instructions under callgrind when valgrind is there.
fn process_table(root: &Path, sizes: &Sizes) {
    let dir = TempDir::new("process");
    let mut commands: Vec<process::Cmd> = SAMPLES
        .iter()
        .map(|name| {
            let input = dir.write(name, &corpus::sample(root, name));
            let input = input.display().to_string();
            process::vitae(name.trim_end_matches(".yaml"), &["render", &input, "-o", "out.pdf"], &dir.0)
        })
        .collect();
    let typ = root.join(PEER_TYPST);
    let peers = if typ.exists() { process::typst_peers(&typ, &dir.0) } else { Vec::new() };
    let first_peer = commands.len();
    commands.extend(peers);
    println!("### Single render, whole process (median of {} runs after a warm-up)\n", sizes.process_rounds);
    let Some(stats) = process::measure(&commands, 1, sizes.process_rounds) else {
        println!("(not measured: python3 is needed to run the commands)\n");
        return;
    };
    let counted = instructions::available();
    println!("| command | wall ms | CPU ms | peak MiB | instructions (M) |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    for (c, s) in commands.iter().zip(&stats) {
        let count = counted.then(|| instructions::count(&c.argv, &c.cwd)).flatten();
        let (wall, cpu, rss, ir) = (secs_ms(s.wall), secs_ms(s.cpu), mib(s), instructions::millions(count));
        println!("| {} | {wall} | {cpu} | {rss} | {ir} |", c.name);
    }
    println!();
    for (c, s) in commands.iter().zip(&stats).skip(first_peer) {
        println!("{} / vitae ({TWO_PAGE}): {:.1}× the CPU time", c.name, s.cpu / stats[0].cpu);
    }
    let peers = &commands[first_peer..];
    if !peers.iter().any(|c| c.name.starts_with("Typst CLI")) {
        println!("(the Typst CLI not measured: `typst` is not on PATH)");
    }
    if !peers.iter().any(|c| c.name.starts_with("typst-py")) {
        println!("(typst-py not measured: `python3 -c \"import typst\"` fails; `pip install typst`)");
    }
    if !counted {
        println!("(instructions not counted: valgrind is not on PATH)");
    }
    println!();
}

/// Prints the batch throughput on one and on all cores, with the machine's own parallel
/// speed-up as a yardstick: the two halves of the batch in two independent processes at once.
fn batch_table(root: &Path, sizes: &Sizes) {
    let dir = TempDir::new("batch");
    let text = corpus::sample(root, TWO_PAGE);
    for n in 0..sizes.batch {
        let half = if n < sizes.batch / 2 { "a" } else { "b" };
        dir.write(&format!("in/{half}/cv{n:05}.yaml"), &corpus::variant(&text, n + 1));
    }
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let run = |jobs: usize| {
        let jobs = jobs.to_string();
        let args = ["render", "in/a", "in/b", "--out-dir", "out", "--quiet", "--jobs", &jobs];
        process::vitae(&format!("vitae render --jobs {jobs}"), &args, &dir.0)
    };
    let halves = process::halves_at_once(&dir.0);
    let commands = vec![run(1), run(cores), halves];
    println!(
        "### Batch: {} distinct variants of {TWO_PAGE}, whole process (median of {} runs)\n",
        sizes.batch, sizes.batch_rounds
    );
    let Some(stats) = process::measure(&commands, 1, sizes.batch_rounds) else {
        println!("(not measured: python3 is needed to run the commands)\n");
        return;
    };
    println!("| command | wall s | CPU s | docs/s | CPU ms/doc | peak MiB | all written |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
    let n = sizes.batch as f64;
    for (c, s) in commands.iter().zip(&stats) {
        let (wall, cpu, rate, per_doc) = (s.wall, s.cpu, n / s.wall, s.cpu / n * 1e3);
        let ok = if s.ok { "yes" } else { "no" };
        println!("| {} | {wall:.2} | {cpu:.2} | {rate:.0} | {per_doc:.2} | {} | {ok} |", c.name, mib(s));
    }
    println!(
        "\nspeed-up 1 → {cores} threads: {:.2}×; two independent processes: {:.2}×\n",
        stats[0].wall / stats[1].wall,
        stats[0].wall / stats[2].wall
    );
    batch_instructions(&dir, &text);
}

/// Documents of the batch counted under callgrind: enough that start-up is a small share of
/// each, few enough to run in about a minute at callgrind's slowdown.
const COUNTED_BATCH: u64 = 50;

/// Prints the instructions per document of a `--jobs 1` batch of [`COUNTED_BATCH`] distinct
/// variants (start-up included, spread over the documents), when valgrind is there.
fn batch_instructions(dir: &TempDir, text: &str) {
    if !instructions::available() {
        println!("(instructions per document not counted: valgrind is not on PATH)\n");
        return;
    }
    for n in 0..COUNTED_BATCH {
        dir.write(&format!("counted/cv{n:05}.yaml"), &corpus::variant(text, n + 1));
    }
    let args = ["render", "counted", "--out-dir", "counted-out", "--quiet", "--jobs", "1"];
    let count = instructions::count(&process::vitae("counted", &args, &dir.0).argv, &dir.0);
    let per_doc = count.map(|n| n / COUNTED_BATCH);
    println!(
        "instructions per document, {COUNTED_BATCH} distinct variants with --jobs 1 (callgrind): {} M\n",
        instructions::millions(per_doc)
    );
}

/// Prints how the time of one render grows with the profile's length.
fn growth_table(root: &Path, sizes: &Sizes) {
    let text = corpus::sample(root, TWO_PAGE);
    let engine = vitae::Engine::new();
    println!("### Growth: {TWO_PAGE} repeated with varied text, in process (ms, median of 3 variants)\n");
    println!(
        "| length | words | pages | parse | content | inline | pages | PDF | render() | render() per 1× |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut base = None;
    for &times in sizes.growth {
        let t = stages::measure(&engine, &corpus::lengthened(&text, times), 3);
        let per = t.render.as_secs_f64() / times as f64;
        let base = *base.get_or_insert(per);
        println!(
            "| {times}× | {} | {} | {} | {} | {} | {} | {} | {} | {:.2} ({:.2}× the 1× figure) |",
            t.words,
            t.page_count,
            ms(t.parse),
            ms(t.content),
            ms(t.inline),
            ms(t.pages),
            ms(t.pdf),
            ms(t.render),
            per * 1e3,
            per / base
        );
    }
    println!();
}

/// Prints the service path: `vitae::render` over distinct documents in this process.
fn service_table(root: &Path, sizes: &Sizes) {
    let text = corpus::sample(root, TWO_PAGE);
    let s = service::measure(ALLOCATOR, &text, sizes.service);
    println!("### Service: vitae::render over {} distinct variants of {TWO_PAGE}, one process\n", s.docs);
    println!("| allocations/doc | MiB allocated/doc | p50 ms | p99 ms | KiB/PDF |");
    println!("| ---: | ---: | ---: | ---: | ---: |");
    println!(
        "| {:.0} | {:.2} | {} | {} | {:.1} |\n",
        s.allocations,
        s.bytes / (1024.0 * 1024.0),
        ms(s.p50),
        ms(s.p99),
        s.pdf_bytes / 1024.0
    );
}

/// Formats a duration in milliseconds.
fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1e3)
}

/// Formats seconds as milliseconds.
fn secs_ms(s: f64) -> String {
    format!("{:.1}", s * 1e3)
}

/// Formats the peak memory, or a dash.
fn mib(s: &Stats) -> String {
    s.rss_mib.map_or("–".into(), |m| format!("{m:.1}"))
}
