//! The user-rule example (`examples/custom_rule/`): builds the extractor with
//! the example's rule and extra lexicon entry, snapshot-tests its fixtures
//! with the same underlined rendering as `tests/fixtures.rs`, checks their
//! gold lines, and runs the rule's own examples.

#[path = "../examples/custom_rule/rule.rs"]
mod rule;

use std::path::Path;

use whosaid::fixture::Fixture;
use whosaid::rules::Rule;
use whosaid::{render, Attribution, Extractor, Input};

/// Same entry as `EXTRA_CUES` in `examples/custom_rule/main.rs`.
const EXTRA_CUES: &str = "deadpanned\tdeadpan\tpast\n";

fn extractor() -> Extractor {
    Extractor::builder()
        .rule(rule::SpeakerTeamColonQuote)
        .lexicon("cues", EXTRA_CUES, false)
        .build()
        .expect("custom extractor builds")
}

fn run<'f>(ex: &Extractor, fx: &'f Fixture) -> Vec<Attribution<'f>> {
    let mut input = Input::new(&fx.text);
    if let Some(d) = fx.date.as_deref() {
        input = input.date(d.parse().expect("fixture date is YYYY-MM-DD"));
    }
    ex.extract(input)
}

fn fixture_files() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/custom_rule/fixtures");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

#[test]
fn custom_rule_fixtures() {
    let ex = extractor();
    insta::glob!("../examples/custom_rule/fixtures", "*.txt", |path| {
        let fx = Fixture::load(path).unwrap_or_else(|e| panic!("{e}"));
        let recs = run(&ex, &fx);
        let mut settings = insta::Settings::clone_current();
        settings.set_description(fx.title.clone().unwrap_or_default());
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!(render::underline(&fx.text, &recs)));
    });
}

#[test]
fn custom_rule_gold() {
    let ex = extractor();
    let files = fixture_files();
    assert!(files.len() >= 3, "expected the example's fixtures, found {}", files.len());
    let mut failures = Vec::new();
    for f in &files {
        let fx = Fixture::load(f).unwrap_or_else(|e| panic!("{e}"));
        if let Err(e) = fx.to_gold("fixture") {
            failures.push(format!("{}: gold does not locate in the text: {e}", f.display()));
        }
        for msg in fx.check(&run(&ex, &fx)) {
            failures.push(format!("{}: {msg}", f.display()));
        }
    }
    assert!(failures.is_empty(), "{} gold failures:\n{}", failures.len(), failures.join("\n"));
}

/// The layout really is one the built-in rules miss: without the user rule
/// the round-up has no records, and without the extra cue “deadpanned”
/// is not a cue.
#[test]
fn builtins_alone_miss_it() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/custom_rule/fixtures");
    let fx = Fixture::load(dir.join("match-quotes-roundup.txt")).unwrap();
    assert!(run(&Extractor::new(), &fx).is_empty());
    let fx = Fixture::load(dir.join("deadpanned-and-layout.txt")).unwrap();
    let recs = run(&Extractor::new(), &fx);
    assert!(recs.iter().all(|r| r.cue.as_ref().is_none_or(|c| c.text != "deadpanned")));
}

#[test]
fn custom_rule_examples() {
    let r = rule::SpeakerTeamColonQuote;
    let ex = extractor();
    for e in r.examples() {
        let recs: Vec<_> = ex.extract(e.text).into_iter().filter(|a| a.rule == r.id()).collect();
        match e.expect {
            Some((content, speaker)) => assert!(
                recs.iter()
                    .any(|a| a.content.text.contains(content) && a.speaker.as_ref().is_some_and(|s| s.text == speaker)),
                "{}: should fire on {:?}, got {recs:?}",
                r.id(),
                e.text
            ),
            None => assert!(recs.is_empty(), "{}: should ignore {:?}, got {recs:?}", r.id(), e.text),
        }
    }
}
