//! `whosaid::explain`: rejected candidates, skipped captions, negated cues.

use whosaid::explain::{explain, Target};
use whosaid::{Extractor, Input};

#[test]
fn split_quote_wins_over_plain_rule_and_the_loser_is_shown() {
    let text = "“We will not back down,” Jane Smith said on Monday, “and we will win.”";
    let e = explain(&Extractor::new(), Input::new(text));
    assert_eq!(e.records.len(), 1);
    assert_eq!(e.records[0].rule, "direct/split_quote");
    let first = e.items.iter().find(|i| i.target == Target::Quote).expect("the first quotation");
    let winner = first.candidates.iter().find(|c| c.accepted()).expect("an accepted candidate");
    assert_eq!(winner.rule, "direct/split_quote");
    assert_eq!(winner.record, Some(0));
    let loser = first.candidates.iter().find(|c| c.rule == "direct/quote_comma_speaker_cue").expect("the plain rule");
    assert!(!loser.accepted());
    let why = loser.rejected.as_deref().unwrap();
    assert!(why.contains("quotation already claimed by direct/split_quote"), "{why}");
    let shown = e.to_string();
    assert!(shown.contains("rejected: quotation already claimed by direct/split_quote (0.95)"), "{shown}");
}

#[test]
fn caption_quote_is_reported_as_skipped() {
    let text = "Officials met on Tuesday to review the plan in detail.\n\n\
                Photo: “Victory is near,” said the general at the parade. Getty Images\n\n\
                The review continues next week.";
    let e = explain(&Extractor::new(), Input::new(text));
    assert!(e.records.is_empty(), "{:?}", e.records);
    let q = e.items.iter().find(|i| i.target == Target::Quote).expect("the caption quotation");
    assert!(q.candidates.is_empty());
    assert!(q.reasons.iter().any(|r| r.contains("caption") && r.contains("skipped")), "{:?}", q.reasons);
}

#[test]
fn negated_cue_is_reported() {
    let e = explain(&Extractor::new(), Input::new("Tom Okafor did not say that the budget would be balanced."));
    assert!(e.records.is_empty());
    let cue = e.items.iter().find(|i| i.target == Target::Cue && i.text == "say").expect("the cue");
    assert!(cue.candidates.is_empty());
    assert!(cue.reasons.iter().any(|r| r.contains("negated")), "{:?}", cue.reasons);
}

#[test]
fn nested_quote_and_missing_cue_are_reported() {
    let text = "The report called it “a ‘bold’ step”.\n\nThe mood at the “summit” was tense all week.";
    let e = explain(&Extractor::new(), Input::new(text));
    let nested = e.items.iter().find(|i| i.text == "‘bold’").expect("nested quotation");
    assert!(nested.reasons.iter().any(|r| r.contains("nested")), "{:?}", nested.reasons);
    let scare = e.items.iter().find(|i| i.text == "“summit”").expect("scare quote");
    assert!(
        scare.reasons.iter().any(|r| r.contains("no speech cue within the attribution window")),
        "{:?}",
        scare.reasons
    );
}

#[test]
fn cue_inside_quotation_is_reported() {
    let text = "“They said it could not be done, and we did it,” Jane Smith said.";
    let e = explain(&Extractor::new(), Input::new(text));
    let inner = e.items.iter().find(|i| i.target == Target::Cue && i.span.start < 10).expect("the inner cue");
    assert!(inner.reasons.iter().any(|r| r.contains("inside a quotation")), "{:?}", inner.reasons);
}

#[test]
fn explanation_records_match_extract() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/example.txt")).unwrap();
    let ex = Extractor::new();
    let date = "2025-03-15".parse().unwrap();
    let e = explain(&ex, Input::new(&text).date(date));
    assert_eq!(e.records, ex.extract(Input::new(&text).date(date)));
    // Every record has an accepted candidate pointing at it.
    for k in 0..e.records.len() {
        let hit = e.items.iter().flat_map(|i| &i.candidates).chain(&e.other).any(|c| c.record == Some(k));
        assert!(hit, "record #{k} has no accepted candidate in the explanation");
    }
}

#[test]
fn cli_explain_reads_a_fixture() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["explain", concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/claims/negated-speech.txt")])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("== records"), "{s}");
    assert!(s.contains("negated"), "{s}");
}
