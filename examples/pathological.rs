//! Times the extractor on pathological inputs at growing sizes and prints
//! the 10×-size / 1×-size time ratios (the bar: at most 12).
//!
//! ```text
//! cargo run --release --example pathological -- [SIZE_MB ...] [--only SUBSTRING] [--runs N]
//! ```
//!
//! Default sizes: 1 and 10 MB. Every measurement runs in a fresh child
//! process (this program re-run with `--child`), which builds the input,
//! warms the extractor up on a small text (lazily compiled tables), then
//! times one `extract` of the input. So every size starts from the same
//! state: no size gets memory that an earlier run of the same process
//! already faulted in and the allocator kept (which glibc does for blocks
//! under its 32 MB mmap threshold, i.e. at 1 MB but not at 10 MB). Each
//! figure is the best of `--runs` children (default 3; 1 at 100 MB and
//! above).

use std::process::Command;
use std::time::Instant;

#[path = "../tests/pathological/cases.rs"]
#[allow(dead_code)]
mod cases;

fn main() {
    let mut sizes: Vec<f64> = Vec::new();
    let mut only: Option<String> = None;
    let mut runs: Option<usize> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--only" => only = args.next(),
            "--runs" => runs = args.next().map(|n| n.parse().expect("--runs N")),
            "--child" => {
                let case: usize = args.next().and_then(|s| s.parse().ok()).expect("--child CASE MB");
                let mb: f64 = args.next().and_then(|s| s.parse().ok()).expect("--child CASE MB");
                return child(case, mb);
            }
            _ => sizes.push(a.parse().expect("sizes in MB")),
        }
    }
    if sizes.is_empty() {
        sizes = vec![1.0, 10.0];
    }
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
    let exe = std::env::current_exe().expect("own path");
    for (ci, case) in cases::CASES.iter().enumerate() {
        if only.as_deref().is_some_and(|o| !case.name.contains(o)) {
            continue;
        }
        let mut times = Vec::new();
        let mut last_recs = String::new();
        for &mb in &sizes {
            let reps = runs.unwrap_or(if mb < 100.0 { 3 } else { 1 });
            let mut best = f64::MAX;
            for _ in 0..reps {
                let out = Command::new(&exe)
                    .args(["--child", &ci.to_string(), &mb.to_string()])
                    .output()
                    .expect("child runs");
                let line = String::from_utf8_lossy(&out.stdout);
                let mut it = line.split_whitespace();
                let t: f64 = it.next().and_then(|s| s.parse().ok()).expect("child prints its time");
                last_recs = it.next().unwrap_or("?").to_string();
                best = best.min(t);
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

/// One measurement: prints "SECONDS RECORDS".
fn child(case: usize, mb: f64) {
    let case = &cases::CASES[case];
    let text = cases::build(case, (mb * 1e6) as usize);
    let ex = whosaid::Extractor::new();
    // Warm-up on a small text of the same case: compiles the lazy tables.
    std::hint::black_box(ex.extract(cases::build(case, 4096).as_str()));
    let t = Instant::now();
    let recs = ex.extract(text.as_str());
    let secs = t.elapsed().as_secs_f64();
    println!("{secs} {}", recs.len());
}
