//! Arbitrary text through `Extractor::extract`: every span valid, and the
//! output deterministic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use whosaid::Extractor;

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(Extractor::new)
}

fuzz_target!(|text: &str| {
    let ex = extractor();
    let recs = ex.extract(text);
    if let Err(e) = whosaid::validate::check(text, &recs) {
        panic!("{e}\ninput: {text:?}\nrecords: {recs:#?}");
    }
    let again = ex.extract(text);
    assert_eq!(recs, again, "not deterministic on {text:?}");
});
