//! Times the extractor on pathological inputs at growing sizes and prints
//! the 10×-size / 1×-size time ratios (the bar: at most 12).
//!
//! ```text
//! cargo run --release --example pathological -- [SIZE_MB ...] [--only SUBSTRING]
//! ```
//!
//! Default sizes: 1 and 10 MB. Each case at each size runs once (sizes of
//! 1 MB and below take the best of 3).

use std::time::Instant;

#[path = "../tests/pathological/cases.rs"]
#[allow(dead_code)]
mod cases;

fn main() {
    let mut sizes: Vec<f64> = Vec::new();
    let mut only: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--only" {
            only = args.next();
        } else {
            sizes.push(a.parse().expect("sizes in MB"));
        }
    }
    if sizes.is_empty() {
        sizes = vec![1.0, 10.0];
    }
    let ex = whosaid::Extractor::new();
    print!("| case |");
    for s in &sizes {
        print!(" {s} MB |");
    }
    for w in sizes.windows(2) {
        print!(" {}→{} ratio |", w[0], w[1]);
    }
    println!(" records at {} MB |", sizes[sizes.len() - 1]);
    print!("|---|");
    for _ in 0..sizes.len() * 2 {
        print!("---|");
    }
    println!();
    for case in cases::CASES {
        if only.as_deref().is_some_and(|o| !case.name.contains(o)) {
            continue;
        }
        let mut times = Vec::new();
        let mut last_recs = 0;
        for &mb in &sizes {
            let text = cases::build(case, (mb * 1e6) as usize);
            let reps = if mb <= 1.0 { 3 } else { 1 };
            let mut best = f64::MAX;
            for _ in 0..reps {
                let t = Instant::now();
                let recs = ex.extract(text.as_str());
                best = best.min(t.elapsed().as_secs_f64());
                last_recs = recs.len();
            }
            times.push(best);
        }
        print!("| {} |", case.name.replace('|', "\\|"));
        for t in &times {
            print!(" {t:.3} s |");
        }
        for w in times.windows(2) {
            let r = w[1] / w[0].max(1e-9);
            print!(" {r:.1}{} |", if r > 12.0 { " ✗" } else { "" });
        }
        println!(" {last_recs} |");
    }
}
