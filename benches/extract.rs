//! Criterion benchmarks: tokenizer, quote pairing, the whole pipeline, and
//! extractor construction, with byte throughput.
//!
//! Input: the articles of `fixtures/*/*.txt` (original texts written for this
//! project; the text after the `---` line), concatenated at start. Set
//! `WHOSAID_BENCH_CORPUS` to a JSONL file (a `"text"` field per line) or a
//! plain text file to also run every group on a larger corpus (see
//! `benches/corpus.sh`).
//!
//! Each group first checks what it computes on the committed input against a
//! recorded count, so that a change that gets faster by getting things wrong
//! fails here. The counts change on purpose when rules, lexicons or fixtures
//! change: update them together with the change (the failing assertion
//! prints the new figure).

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use whosaid::Extractor;

/// Tokens in the concatenated fixture articles.
const FIXTURE_TOKENS: usize = 8402;
/// Quotations paired in the concatenated fixture articles.
const FIXTURE_QUOTES: usize = 179;
/// Attributions extracted from the concatenated fixture articles.
const FIXTURE_ATTRIBUTIONS: usize = 301;

/// The fixture articles, in path order, separated by blank lines.
fn fixture_text() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut files = Vec::new();
    for dir in std::fs::read_dir(&root).expect("fixtures/") {
        let dir = dir.expect("fixtures entry").path();
        if dir.is_dir() {
            for f in std::fs::read_dir(&dir).expect("fixture folder") {
                let f = f.expect("fixture entry").path();
                if f.extension().is_some_and(|e| e == "txt") {
                    files.push(f);
                }
            }
        }
    }
    files.sort();
    let mut out = String::new();
    for f in files {
        let src = std::fs::read_to_string(&f).expect("fixture file");
        let Some((_, body)) = src.split_once("\n---\n") else { continue };
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(body.trim_end());
    }
    out
}

/// The documents of `WHOSAID_BENCH_CORPUS`, if set.
fn corpus() -> Option<(String, Vec<String>)> {
    let path = std::env::var_os("WHOSAID_BENCH_CORPUS")?;
    let src = std::fs::read_to_string(&path).expect("WHOSAID_BENCH_CORPUS is readable UTF-8");
    let name = Path::new(&path).file_name().map_or("corpus".to_owned(), |n| n.to_string_lossy().into_owned());
    let jsonl = src.trim_start().starts_with('{');
    let docs = if jsonl {
        src.lines()
            .filter(|l| !l.trim().is_empty())
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_owned))
            .collect()
    } else {
        vec![src]
    };
    Some((name, docs))
}

fn inputs() -> Vec<(String, Vec<String>)> {
    let mut v = vec![("fixtures".to_owned(), vec![fixture_text()])];
    v.extend(corpus());
    v
}

fn bytes(docs: &[String]) -> u64 {
    docs.iter().map(|d| d.len() as u64).sum()
}

/// Checks the recorded counts on the committed input (all three at once, so
/// that one run shows every figure that changed).
fn check(ex: &Extractor, fixtures: &str) {
    let toks = ex.tokenize(fixtures);
    let got = (toks.tokens.len(), whosaid::quotes::pair(fixtures, &toks).len(), ex.extract(fixtures).len());
    assert_eq!(
        got,
        (FIXTURE_TOKENS, FIXTURE_QUOTES, FIXTURE_ATTRIBUTIONS),
        "(tokens, quotes, attributions) on the fixtures changed"
    );
}

fn tokenizer(c: &mut Criterion) {
    let ex = Extractor::new();
    let fixtures = fixture_text();
    check(&ex, &fixtures);
    let mut g = c.benchmark_group("tokenize");
    for (name, docs) in inputs() {
        g.throughput(Throughput::Bytes(bytes(&docs)));
        g.bench_function(BenchmarkId::from_parameter(&name), |b| {
            b.iter(|| docs.iter().map(|d| ex.tokenize(d).tokens.len()).sum::<usize>())
        });
    }
    g.finish();
}

fn quote_pairing(c: &mut Criterion) {
    let ex = Extractor::new();
    let fixtures = fixture_text();
    check(&ex, &fixtures);
    let mut g = c.benchmark_group("quotes_pair");
    for (name, docs) in inputs() {
        let tokenized: Vec<_> = docs.iter().map(|d| ex.tokenize(d)).collect();
        g.throughput(Throughput::Bytes(bytes(&docs)));
        g.bench_function(BenchmarkId::from_parameter(&name), |b| {
            b.iter(|| docs.iter().zip(&tokenized).map(|(d, t)| whosaid::quotes::pair(d, t).len()).sum::<usize>())
        });
    }
    g.finish();
}

fn pipeline(c: &mut Criterion) {
    let ex = Extractor::new();
    let fixtures = fixture_text();
    check(&ex, &fixtures);
    let mut g = c.benchmark_group("extract");
    for (name, docs) in inputs() {
        g.throughput(Throughput::Bytes(bytes(&docs)));
        g.bench_function(BenchmarkId::from_parameter(&name), |b| {
            b.iter(|| docs.iter().map(|d| ex.extract(d.as_str()).len()).sum::<usize>())
        });
    }
    g.finish();
}

fn construction(c: &mut Criterion) {
    let mut g = c.benchmark_group("build");
    // A lexicon extension forces a fresh lexicon build (no shared built-in).
    g.bench_function("fresh_lexicon", |b| {
        b.iter(|| Extractor::builder().lexicon("cues", "", false).build().expect("builds").rules().count())
    });
    g.bench_function("new", |b| b.iter(|| Extractor::new().rules().count()));
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = tokenizer, quote_pairing, pipeline, construction
}
criterion_main!(benches);
