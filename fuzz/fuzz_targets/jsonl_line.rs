//! Arbitrary bytes through the CLI's JSON Lines line path: exactly one
//! output line, never a panic; records valid against the decoded text.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use whosaid::jsonl::{process_line, Format, Options};
use whosaid::offsets::OffsetUnit;
use whosaid::Extractor;

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    // A small limit so that `too_large` is reachable.
    EX.get_or_init(|| Extractor::builder().max_document_bytes(4096).build().expect("builds"))
}

fuzz_target!(|data: &[u8]| {
    // The CLI splits on '\n': a line never contains one.
    let Some((&flags, rest)) = data.split_first() else { return };
    let raw: Vec<u8> = rest.iter().copied().filter(|&b| b != b'\n').collect();
    let opts = Options {
        date: (flags & 1 != 0).then(|| jiff::civil::date(2025, 3, 15)),
        offsets: [OffsetUnit::Bytes, OffsetUnit::Chars, OffsetUnit::Utf16][(flags as usize >> 1) % 3],
        lossy: flags & 8 != 0,
        format: Format::Jsonl,
    };
    let out = process_line(extractor(), &raw, 7, &opts);
    assert_eq!(out.bytes.last(), Some(&b'\n'), "output must end in a newline");
    assert_eq!(out.bytes.iter().filter(|&&b| b == b'\n').count(), 1, "exactly one output line");
    let v: serde_json::Value = serde_json::from_slice(&out.bytes).expect("output is JSON");
    match out.error {
        Some(kind) => {
            // process_line catches a panic as an error record: still a bug.
            assert_ne!(kind, "internal_error", "extraction panicked: {v}");
            assert_eq!(v["line"], 7);
            assert_eq!(v["error"]["kind"], kind);
            assert_eq!(out.attributions, 0);
        }
        None => {
            let recs = v["attributions"].as_array().expect("attributions");
            assert_eq!(recs.len(), out.attributions);
            if opts.offsets == OffsetUnit::Bytes {
                // Records are valid against the decoded (or repaired) text.
                let s = if opts.lossy {
                    String::from_utf8_lossy(&raw).into_owned()
                } else {
                    String::from_utf8(raw).unwrap()
                };
                let s = s.strip_suffix('\r').unwrap_or(&s);
                let doc: serde_json::Value = serde_json::from_str(s).expect("it parsed once");
                let text = doc["text"].as_str().expect("text");
                let recs: Vec<whosaid::Attribution> =
                    serde_json::from_value(v["attributions"].clone()).expect("records deserialize");
                if let Err(e) = whosaid::validate::check(text, &recs) {
                    panic!("{e}");
                }
            }
        }
    }
});
