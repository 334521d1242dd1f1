//! Regression inputs: every crash or timeout input the fuzzers found
//! (`tests/regression/*`, raw bytes as found; for `jsonl_line` inputs the
//! first byte is the fuzzer's option flags) plus hand-written edge cases.
//! Each runs through the extractor and the JSON Lines line path, with the
//! checks of the fuzz targets.

use std::path::Path;

use whosaid::jsonl::{process_line, Format, Options};
use whosaid::offsets::OffsetUnit;
use whosaid::{quotes, Extractor};

fn check_text(ex: &Extractor, text: &str) {
    let recs = ex.extract(text);
    if let Err(e) = whosaid::validate::check(text, &recs) {
        panic!("{e}\ninput: {text:?}");
    }
    assert_eq!(recs, ex.extract(text), "not deterministic on {text:?}");
    // Candidate::claim relies on quotations being sorted by inner start too.
    let toks = ex.tokenize(text);
    let qs = quotes::pair(text, &toks);
    assert!(qs.windows(2).all(|w| w[0].inner.start <= w[1].inner.start), "inner starts out of order in {text:?}");
}

fn check_line(ex: &Extractor, raw: &[u8]) {
    for flags in [0u8, 1, 2, 4, 8, 15] {
        let opts = Options {
            date: (flags & 1 != 0).then(|| jiff::civil::date(2025, 3, 15)),
            offsets: [OffsetUnit::Bytes, OffsetUnit::Chars, OffsetUnit::Utf16][(flags as usize >> 1) % 3],
            lossy: flags & 8 != 0,
            format: Format::Jsonl,
        };
        let line: Vec<u8> = raw.iter().copied().filter(|&b| b != b'\n').collect();
        let out = process_line(ex, &line, 3, &opts);
        assert_eq!(out.bytes.iter().filter(|&&b| b == b'\n').count(), 1);
        assert_eq!(out.bytes.last(), Some(&b'\n'));
        let v: serde_json::Value = serde_json::from_slice(&out.bytes).expect("JSON output");
        if let Some(kind) = out.error {
            assert_eq!((v["line"].as_u64(), v["error"]["kind"].as_str()), (Some(3), Some(kind)));
            // A caught panic is still a bug.
            assert_ne!(kind, "internal_error", "extraction panicked: {v}");
        }
    }
}

const INLINE: &[&str] = &[
    "",
    "\0",
    "\u{FEFF}",
    "“",
    "”",
    "''",
    "``",
    "“‘“‘“‘“‘“‘“‘“‘“‘",
    "“a” said Bo. “a” said Bo.",
    "“x” said. “Bb cc.” “x” said. “Bb cc.”",
    "“We won,” said\u{A0}Jane\u{A0}Doe.\r\n\r\n“Again,” he said.",
    "\u{202E}“a,\u{202C}” Bo\u{2066} said.\u{2069}",
    "“We had talks,” Trump said, “",
    "Mr. U.S. Sen. Mr. said that “",
    "“A,” Peskov said.\n\n“B c.\n\n“D e,” he said.",
    "According to the ministry, “",
    "Bo said that it rained and Bo said that it rained",
    "Anna Berg spoke. The spokesman said that it rained. Berg said “no.”",
    "“\0abc,” he said.",
    "«Bonjour», dit-il. »Hallo«, sagte er. „Ja“, sagte sie.",
    "'\u{301}“\u{85}x\r”\u{2028}",
    // “earlier” after a word ending in a multi-byte char (found by fuzzing
    // jsonl_line: a char-boundary panic in the date scanner).
    "Mr. José earlier said the plan would work. The officials’ earlier talks.",
];

#[test]
fn inline_cases() {
    let ex = Extractor::new();
    for text in INLINE {
        check_text(&ex, text);
        check_line(&ex, serde_json::json!({"id": 1, "text": text}).to_string().as_bytes());
        check_line(&ex, text.as_bytes());
    }
}

#[test]
fn fuzzer_findings() {
    let ex = Extractor::new();
    let small = Extractor::builder().max_document_bytes(4096).build().unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regression");
    let Ok(entries) = std::fs::read_dir(&dir) else { return };
    for e in entries {
        let path = e.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("jsonl_line") {
            check_line(&small, bytes.get(1..).unwrap_or(&[]));
        } else {
            check_text(&ex, &String::from_utf8_lossy(&bytes));
        }
    }
}

#[test]
fn long_quotes_are_not_direct_quotes() {
    let ex = Extractor::builder().max_quote_bytes(100).build().unwrap();
    let long = format!("“{},” Smith said.", "we will win ".repeat(20));
    assert!(ex.extract(long.as_str()).iter().all(|r| r.kind != whosaid::Kind::Direct));
    let short = "“We will win,” Smith said.";
    assert_eq!(ex.extract(short)[0].kind, whosaid::Kind::Direct);
    // The default limit keeps ordinary long quotes.
    let ex = Extractor::new();
    let para = format!("“{},” Smith said.", "we will win ".repeat(1000));
    assert_eq!(ex.extract(para.as_str())[0].kind, whosaid::Kind::Direct);
}

#[test]
fn too_large_is_an_error_not_a_truncation() {
    let ex = Extractor::builder().max_document_bytes(10).build().unwrap();
    assert_eq!(ex.try_extract("“We won,” Smith said.").unwrap_err().kind(), "too_large");
    assert!(ex.try_extract("short").is_ok());
}

/// A user rule that panics on one document.
struct PanicsOnBoom;

impl whosaid::rules::Rule for PanicsOnBoom {
    fn id(&self) -> &'static str {
        "test/panics_on_boom"
    }
    fn description(&self) -> &'static str {
        "panics when the text contains BOOM"
    }
    fn apply(
        &self,
        ctx: &whosaid::rules::Context<'_>,
        _: &[whosaid::rules::Candidate],
        _: &mut Vec<whosaid::rules::Candidate>,
    ) {
        assert!(!ctx.text.contains("BOOM"), "the test rule went BOOM");
    }
}

#[test]
fn a_panic_is_one_error_record_and_the_run_goes_on() {
    let ex = Extractor::builder().rule(PanicsOnBoom).build().unwrap();
    let opts = Options::default();
    let good = br#"{"id": "g", "text": "\u201cWe won,\u201d Smith said."}"#;
    let before = process_line(&ex, good, 1, &opts);
    assert_eq!((before.error, before.attributions), (None, 1));
    let out = process_line(&ex, br#"{"id": "b", "text": "BOOM \u201cWe won,\u201d Smith said."}"#, 2, &opts);
    assert_eq!(out.error, Some("internal_error"));
    let v: serde_json::Value = serde_json::from_slice(&out.bytes).unwrap();
    assert_eq!((v["id"].as_str(), v["line"].as_u64()), (Some("b"), Some(2)));
    assert!(v["error"]["message"].as_str().unwrap().contains("the test rule went BOOM"), "{v}");
    // The extractor is still usable, and gives the same answer as before.
    let after = process_line(&ex, good, 1, &opts);
    assert_eq!(after.bytes, before.bytes);
}
