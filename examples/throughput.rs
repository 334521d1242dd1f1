//! Library throughput: extract from every document of a JSON Lines corpus
//! (`{"id", "text", "date"?}` per line) held in memory, on N threads.
//!
//! ```text
//! cargo run --release --example throughput -- CORPUS.jsonl [--threads N] [--repeat R]
//! ```
//!
//! Reading and parsing the corpus is not timed; extraction is, with records
//! built but not serialised (what a Rust caller of the library pays).
//! Throughput is given in documents/s and in MB/s of the corpus file.

use std::time::Instant;

use rayon::prelude::*;
use whosaid::{Extractor, Input};

#[derive(serde::Deserialize)]
struct Doc {
    text: String,
    date: Option<String>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut threads = None;
    let mut repeat = 3usize;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--threads" => threads = Some(args.next().ok_or("--threads N")?.parse::<usize>()?),
            "--repeat" => repeat = args.next().ok_or("--repeat R")?.parse::<usize>()?.max(1),
            _ => path = Some(a),
        }
    }
    let path = path.ok_or("usage: throughput CORPUS.jsonl [--threads N] [--repeat R]")?;
    let raw = std::fs::read_to_string(&path)?;
    let docs: Vec<(String, Option<jiff::civil::Date>)> = raw
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let d: Doc = serde_json::from_str(l)?;
            let date = d.date.and_then(|s| s.parse().ok());
            Ok((d.text, date))
        })
        .collect::<Result<_, serde_json::Error>>()?;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads.unwrap_or(0)).build()?;
    let ex = Extractor::new();
    // Warm-up: builds the lexicons and touches the code once.
    let _ = ex.extract(Input::new(&docs[0].0));
    let mut best = f64::INFINITY;
    let mut records = 0usize;
    for _ in 0..repeat {
        let t = Instant::now();
        records = pool.install(|| {
            docs.par_iter()
                .map(|(text, date)| {
                    let mut input = Input::new(text);
                    if let Some(d) = date {
                        input = input.date(*d);
                    }
                    ex.extract(input).len()
                })
                .sum()
        });
        best = best.min(t.elapsed().as_secs_f64());
    }
    let mb = raw.len() as f64 / 1e6;
    println!(
        "library: {} docs, {:.2} MB, {} records, {} threads, best of {repeat}: {:.3} s, {:.0} docs/s, {:.2} MB/s",
        docs.len(),
        mb,
        records,
        pool.current_num_threads(),
        best,
        docs.len() as f64 / best,
        mb / best
    );
    Ok(())
}
