//! Growth of hostile inputs: for each pathological family (one long word, many short words,
//! deep nesting, many entries, many pages) a profile 1×, 10× and 100× as large is loaded and
//! rendered in process, and the time printed beside the ratio to 1×, as the Markdown table of
//! `docs/reliability.md`. Linear work shows ratios near 10 and 100; a quadratic step would show
//! 100 and 10,000. A benchmark reports numbers; it asserts nothing.
//!
//! `cargo bench --bench pathological` (each size is rendered three times, the fastest counted).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The sizes measured, as multiples of a family's base size.
const SCALES: [usize; 3] = [1, 10, 100];
/// Runs per size; the fastest counts, as the least disturbed by the rest of the machine.
const RUNS: usize = 3;

/// A family of hostile profiles: its name, the file extension, and the text at a scale.
struct Family {
    name: &'static str,
    ext: &'static str,
    make: fn(usize) -> String,
}

/// The families, with base sizes chosen so that 100× stays inside vitae's limits.
const FAMILIES: [Family; 5] = [
    Family { name: "one long word (2,000 letters × n)", ext: "yaml", make: long_word },
    Family { name: "many short words (2,000 × n)", ext: "yaml", make: short_words },
    Family { name: "deep Markdown quotes (100 levels × n)", ext: "md", make: deep_quotes },
    Family { name: "many entries (40 × n)", ext: "yaml", make: many_entries },
    Family { name: "many pages (the two-page sample × n)", ext: "yaml", make: many_pages },
];

/// A summary that is one word of `2000 n` letters.
fn long_word(n: usize) -> String {
    format!("name: Long Word\nsummary: \"{}\"\n", "abcdefghij".repeat(200 * n))
}

/// A summary of `2000 n` short words.
fn short_words(n: usize) -> String {
    format!("name: Many Words\nsummary: \"{}\"\n", "lorem ipsum dolor sit amet ".repeat(400 * n))
}

/// A Markdown résumé whose one paragraph is quoted `100 n` levels deep.
fn deep_quotes(n: usize) -> String {
    format!("# Deep Quote\n\n## Notes\n\n{}quoted text\n", "> ".repeat(100 * n))
}

/// `40 n` experience entries with a highlight each.
fn many_entries(n: usize) -> String {
    let mut yaml = String::from("name: Many Entries\nsections:\n  - title: Experience\n    entries:\n");
    for i in 0..40 * n {
        yaml.push_str(&format!(
            "      - position: Engineer {i}\n        organization: Company {i}\n        start: 2020-01\n        highlights:\n          - Shipped feature {i} to production\n"
        ));
    }
    yaml
}

/// The two-page sample with its sections repeated `n` times.
fn many_pages(n: usize) -> String {
    let sample = std::fs::read_to_string(root().join("samples/indradhanush-gupta.yaml")).expect("the sample");
    let (head, sections) = sample.split_once("\nsections:\n").expect("the sample has sections");
    format!("{head}\nsections:\n{}", sections.repeat(n))
}

/// The package root.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Loads and renders a file once; returns the time and the page count.
fn render_once(engine: &vitae::Engine, path: &Path) -> (Duration, usize) {
    let options = vitae::RenderOptions { max_pages: Some(100_000), ..vitae::RenderOptions::default() };
    let start = Instant::now();
    let profile = vitae::load_profile(path).unwrap_or_else(|e| panic!("{}", e.render()));
    let theme = vitae::theme_for(&profile, None).expect("the layout");
    let rendered = engine.render(&profile, &theme, &options).expect("renders");
    (start.elapsed(), rendered.page_count())
}

fn main() {
    let dir = std::env::temp_dir().join(format!("vitae-pathological-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let engine = vitae::Engine::new();
    println!("| family | 1× | 10× | 100× | 10× / 1× | 100× / 1× | pages at 100× |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for family in &FAMILIES {
        let mut times = Vec::new();
        let mut pages = 0;
        for scale in SCALES {
            let path = dir.join(format!("{}-{scale}.{}", family.name.len(), family.ext));
            std::fs::write(&path, (family.make)(scale)).expect("write the profile");
            let runs: Vec<(Duration, usize)> = (0..RUNS).map(|_| render_once(&engine, &path)).collect();
            times.push(runs.iter().map(|r| r.0).min().unwrap_or_default());
            pages = runs[0].1;
        }
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "| {} | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} | {:.1} | {pages} |",
            family.name,
            ms(times[0]),
            ms(times[1]),
            ms(times[2]),
            ms(times[1]) / ms(times[0]),
            ms(times[2]) / ms(times[0]),
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
