//! Pathological inputs at a small size (about 100 KB; `WHOSAID_PATHO_KB`
//! overrides): no panic, every span valid, a sane number of records, no
//! record longer than its case allows, no direct quote over the quote limit.
//! The scaling benchmark over the same cases is `examples/pathological.rs`.

#[path = "pathological/cases.rs"]
mod cases;

use whosaid::{Extractor, Kind};

fn size() -> usize {
    std::env::var("WHOSAID_PATHO_KB").ok().and_then(|s| s.parse().ok()).unwrap_or(100) * 1000
}

#[test]
fn pathological_inputs_are_sane() {
    let ex = Extractor::new();
    let limit = ex.max_quote_bytes();
    let mut failures = Vec::new();
    for case in cases::CASES {
        let text = cases::build(case, size());
        let recs = ex.extract(text.as_str());
        if let Err(e) = whosaid::validate::check(&text, &recs) {
            failures.push(format!("{}: {e}", case.name));
            continue;
        }
        // A record needs at least a few bytes of its own.
        if recs.len() > text.len() / 4 + 1 {
            failures.push(format!("{}: {} records for {} bytes", case.name, recs.len(), text.len()));
        }
        for r in &recs {
            let len = r.content.end - r.content.start;
            if case.max_record.is_some_and(|m| len > m) {
                failures.push(format!("{}: record of {len} bytes: {:?}", case.name, r.content.text));
                break;
            }
            if r.kind == Kind::Direct && r.content.segments.iter().any(|s| s.end - s.start > limit) {
                failures.push(format!("{}: direct quote segment over {limit} bytes", case.name));
                break;
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A deterministic check on one case at two sizes: the records of the small
/// input repeat in the large one (nothing is lost or invented as the input
/// grows).
#[test]
fn repeated_units_give_repeated_records() {
    let ex = Extractor::new();
    let case = cases::CASES.iter().find(|c| c.name.starts_with("“a,” Jane Doe")).expect("case");
    let small = cases::build(case, 3000);
    let large = cases::build(case, 30_000);
    let units = |s: &str| s.matches(case.unit).count();
    let (a, b) = (ex.extract(small.as_str()), ex.extract(large.as_str()));
    assert_eq!(a.len(), units(&small));
    assert_eq!(b.len(), units(&large));
}
