//! Drives every fixture under `fixtures/<family>/*.txt`:
//! - `fixtures`: renders the records with underlined spans as an insta
//!   snapshot (review with `cargo insta review`);
//! - `fixture_gold`: checks every `expect:` and `expect-none:` line of every
//!   fixture, independently of the snapshots, so accepting a snapshot can
//!   never hide a lost gold attribution.

use std::path::Path;

use whosaid::fixture::Fixture;
use whosaid::{render, Attribution, Extractor, Input};

fn run<'f>(ex: &Extractor, fx: &'f Fixture) -> Vec<Attribution<'f>> {
    let mut input = Input::new(&fx.text);
    if let Some(d) = fx.date.as_deref() {
        input = input.date(d.parse().expect("fixture date is YYYY-MM-DD"));
    }
    ex.extract(input)
}

#[test]
fn fixtures() {
    let ex = Extractor::new();
    insta::glob!("../fixtures", "*/*.txt", |path| {
        let fx = Fixture::load(path).unwrap_or_else(|e| panic!("{e}"));
        let recs = run(&ex, &fx);
        let mut settings = insta::Settings::clone_current();
        settings.set_description(fx.title.clone().unwrap_or_default());
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!(render::underline(&fx.text, &recs)));
    });
}

#[test]
fn fixture_gold() {
    let ex = Extractor::new();
    let mut failures = Vec::new();
    let mut files = Vec::new();
    for family in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")).unwrap() {
        let family = family.unwrap().path();
        if family.is_dir() {
            for f in std::fs::read_dir(&family).unwrap() {
                let f = f.unwrap().path();
                if f.extension().is_some_and(|e| e == "txt") {
                    files.push(f);
                }
            }
        }
    }
    files.sort();
    assert!(files.len() >= 90, "expected the fixture corpus, found {} files", files.len());
    let mut expects = 0;
    for f in &files {
        let fx = Fixture::load(f).unwrap_or_else(|e| panic!("{e}"));
        expects += fx.expects.len();
        if let Err(e) = fx.to_gold("fixture") {
            failures.push(format!("{}: gold does not locate in the text: {e}", f.display()));
        }
        let recs = run(&ex, &fx);
        for msg in fx.check(&recs) {
            failures.push(format!("{}: {msg}", f.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(f).display()));
        }
    }
    assert!(expects > 250, "only {expects} expect lines");
    assert!(failures.is_empty(), "{} gold failures:\n{}", failures.len(), failures.join("\n"));
}
