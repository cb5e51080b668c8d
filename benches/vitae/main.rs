//! vitae's benchmarks: `cargo bench` prints the tables of `docs/performance.md`.

mod corpus;
mod stages;

use std::path::Path;

/// The samples, in the order of the tables.
const SAMPLES: &[&str] = &[
    "indradhanush-gupta.yaml",
    "anurag-mohanty.yaml",
    "devops-platform-engineer.yaml",
    "distributed-systems-engineer.yaml",
    "tweet-backend-engineer.yaml",
];

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let engine = vitae::Engine::new();
    println!("| sample | words | pages | parse | content | inline | pages | PDF | render() |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for name in SAMPLES {
        let text = corpus::sample(root, name);
        let t = stages::measure(&engine, &text, 30);
        let ms = |d: std::time::Duration| format!("{:.2}", d.as_secs_f64() * 1e3);
        println!(
            "| {name} | {} | {} | {} | {} | {} | {} | {} | {} |",
            t.words,
            t.page_count,
            ms(t.parse),
            ms(t.content),
            ms(t.inline),
            ms(t.pages),
            ms(t.pdf),
            ms(t.render)
        );
    }
}
