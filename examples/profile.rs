//! Profiling harness: extracts every `"text"` of a JSONL file N times on one
//! thread (for `valgrind --tool=callgrind`, see PERF_NOTES.md).
//!
//! `cargo run --release --example profile -- FILE.jsonl [N]`

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: profile FILE.jsonl [N]");
    let n: usize = args.next().map_or(1, |s| s.parse().expect("N is a number"));
    let src = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let docs: Vec<String> = src
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_owned))
        .collect();
    let ex = whosaid::Extractor::new();
    // One warm-up pass builds the lazily compiled tables (regexes, word
    // sets), so that `measured` holds only the per-document work:
    // `valgrind --tool=callgrind --toggle-collect=profile::measured ...`
    run(&ex, &docs);
    let total = measured(&ex, &docs, n);
    println!("{} documents x {n}: {total} attributions", docs.len());
}

fn run(ex: &whosaid::Extractor, docs: &[String]) -> usize {
    docs.iter().map(|d| ex.extract(d.as_str()).len()).sum()
}

#[inline(never)]
fn measured(ex: &whosaid::Extractor, docs: &[String], n: usize) -> usize {
    (0..n).map(|_| run(ex, docs)).sum()
}
