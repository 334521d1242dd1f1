//! Public-API behaviour: the record schema, span invariants on arbitrary
//! input (property test), determinism, builder options and limits.

use proptest::prelude::*;
use whosaid::offsets::{convert_attribution, OffsetMap, OffsetUnit};
use whosaid::{Attribution, Extractor, Input, Kind};

const ARTICLE: &str = "GENEVA — Talks ended on Thursday without a deal.\n\n\
“We have narrowed the gaps,” Foreign Minister Petra Kallas told reporters on Thursday. “What remains is political.”\n\n\
Kallas said that her government was ready to accept arbitration, adding that the satellite data would be shared.\n\n\
The ministry called the proposal “premature”.";

/// Every span of a record slices the input to its text, on char boundaries.
fn check_spans(text: &str, a: &Attribution) -> Result<(), String> {
    let mut spans = vec![(a.content.start, a.content.end, &*a.content.text)];
    spans.extend(a.content.segments.iter().map(|s| (s.start, s.end, &*s.text)));
    spans.extend(a.content.quoted.iter().map(|s| (s.start, s.end, &*s.text)));
    if let Some(s) = &a.speaker {
        spans.push((s.start, s.end, &*s.text));
        if let Some(ant) = &s.antecedent {
            spans.push((ant.start, ant.end, &*ant.text));
        }
    }
    if let Some(c) = &a.cue {
        spans.push((c.start, c.end, &*c.text));
    }
    if let Some(d) = &a.date {
        spans.push((d.start, d.end, &*d.text));
    }
    for (s, e, t) in spans {
        if s > e || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            return Err(format!("bad span {s}..{e} in {} bytes", text.len()));
        }
        if &text[s..e] != t {
            return Err(format!("span {s}..{e} is {:?}, record says {t:?}", &text[s..e]));
        }
    }
    if !(0.0..=1.0).contains(&a.confidence) {
        return Err(format!("confidence {} out of range", a.confidence));
    }
    Ok(())
}

#[test]
fn record_schema_is_stable() {
    let recs = Extractor::new().extract(Input::new(ARTICLE).date("2025-03-15".parse().unwrap()));
    insta::assert_json_snapshot!(recs);
}

#[test]
fn records_on_the_example_article() {
    let recs = Extractor::new().extract(Input::new(ARTICLE).date("2025-03-15".parse().unwrap()));
    for a in &recs {
        check_spans(ARTICLE, a).unwrap();
    }
    let direct = recs.iter().find(|r| r.kind == Kind::Direct).expect("a direct quote");
    assert_eq!(direct.content.segments.len(), 2, "the continuation is a second segment");
    let sp = direct.speaker.as_ref().unwrap();
    assert_eq!((sp.name.as_deref(), sp.role.as_deref()), (Some("Petra Kallas"), Some("Foreign Minister")));
    assert_eq!(direct.date.as_ref().unwrap().resolved.as_deref(), Some("2025-03-13"));
    let claim = recs.iter().find(|r| r.kind == Kind::Indirect).expect("an indirect claim");
    assert_eq!(claim.content.text, "her government was ready to accept arbitration");
    assert_eq!(claim.speaker.as_ref().unwrap().name.as_deref(), Some("Petra Kallas"));
    let partial = recs.iter().find(|r| r.kind == Kind::Partial).expect("a partial quote");
    assert_eq!(partial.content.text, "premature");
}

#[test]
fn deterministic_output() {
    let ex = Extractor::new();
    let a = serde_json::to_string(&ex.extract(ARTICLE)).unwrap();
    let b = serde_json::to_string(&Extractor::new().extract(ARTICLE)).unwrap();
    assert_eq!(a, b);
}

/// Records borrow their text from the input: content, speaker, cue, its
/// lemma and the rule id are not copies; `into_owned` makes a `'static`
/// record equal to the borrowed one.
#[test]
fn records_borrow_from_the_input_and_into_owned_keeps_them() {
    use std::borrow::Cow;
    let borrowed = |c: &Cow<'_, str>| matches!(c, Cow::Borrowed(_));
    let text = String::from(ARTICLE);
    let ex = Extractor::new();
    let recs = ex.extract(text.as_str());
    let r =
        recs.iter().find(|r| r.speaker.as_ref().is_some_and(|s| s.text == "Foreign Minister Petra Kallas")).unwrap();
    assert!(borrowed(&r.content.text) && r.content.segments.iter().all(|s| borrowed(&s.text)));
    let s = r.speaker.as_ref().unwrap();
    assert!(borrowed(&s.text));
    assert!(s.name.as_ref().is_some_and(|n| n == "Petra Kallas" && borrowed(n)), "{:?}", s.name);
    assert!(s.role.as_ref().is_some_and(|n| n == "Foreign Minister" && borrowed(n)), "{:?}", s.role);
    let cue = r.cue.as_ref().unwrap();
    assert!(borrowed(&cue.text) && borrowed(&cue.lemma) && cue.lemma == "tell");
    assert!(borrowed(&r.rule));
    assert!(r.date.as_ref().is_some_and(|d| borrowed(&d.text)));
    // A custom lexicon's lemma is owned (the extractor, not the program,
    // holds it), and still right.
    let custom = Extractor::builder().lexicon("cues", "posited\tposit\tpast\n", false).build().unwrap();
    let recs2 = custom.extract("“Time is a flat circle,” posited Rust Cohle.");
    assert!(matches!(recs2[0].cue.as_ref().unwrap().lemma, Cow::Owned(_)));
    // Owned copies outlive the text and compare equal.
    let owned: Vec<Attribution<'static>> = recs.iter().cloned().map(Attribution::into_owned).collect();
    drop(recs);
    drop(text);
    let again = ex.extract(ARTICLE);
    assert_eq!(owned, again);
    assert!(!owned.is_empty() && owned.iter().all(|r| !borrowed(&r.content.text) && !borrowed(&r.rule)));
}

#[test]
fn builder_options_and_errors() {
    let ex = Extractor::builder().disable("indirect").build().unwrap();
    assert!(ex.extract(ARTICLE).iter().all(|r| !r.rule.starts_with("indirect/")));
    assert!(ex.rules().all(|r| !r.id().starts_with("indirect/")));
    let err = Extractor::builder().disable("nope/missing").build().unwrap_err();
    assert_eq!(err.kind(), "unknown_rule");
    let err = Extractor::builder().lexicon("colours", "red\n", false).build().unwrap_err();
    assert_eq!(err.kind(), "lexicon");
    let err = Extractor::builder().lexicon("cues", "posited\tposit\tnonsense\n", false).build().unwrap_err();
    assert_eq!(err.kind(), "lexicon");
    let ex = Extractor::builder().lexicon("cues", "posited\tposit\tpast\n", false).build().unwrap();
    let recs = ex.extract("“Time is a flat circle,” posited Rust Cohle.");
    assert_eq!(recs[0].cue.as_ref().unwrap().lemma, "posit");
}

#[test]
fn size_limit_is_an_error_not_a_truncation() {
    let ex = Extractor::builder().max_document_bytes(10).build().unwrap();
    let err = ex.try_extract("“Hello there,” she said.").unwrap_err();
    assert_eq!(err.kind(), "too_large");
    assert!(ex.try_extract("short").unwrap().is_empty());
}

#[test]
fn char_and_utf16_offsets() {
    let text = "“Ça va 😀,” Zoë said.";
    let recs = Extractor::new().extract(text);
    let map = OffsetMap::new(text);
    let mut a = recs[0].clone();
    convert_attribution(&mut a, &map, OffsetUnit::Chars);
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(chars[a.content.start..a.content.end].iter().collect::<String>(), a.content.text);
    let mut b = recs[0].clone();
    convert_attribution(&mut b, &map, OffsetUnit::Utf16);
    let units: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(String::from_utf16(&units[b.content.start..b.content.end]).unwrap(), b.content.text);
}

#[test]
fn empty_and_odd_inputs() {
    let ex = Extractor::new();
    for t in ["", " ", "\n\n\n", "“", "”", "\"", "'", "said", "“”", "\u{feff}", "\0\0", "Mr.", "“A,” said"]
    {
        for a in ex.extract(t) {
            check_spans(t, &a).unwrap();
        }
    }
}

fn doc_strategy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("“".to_owned()),
        Just("”".to_owned()),
        Just("‘".to_owned()),
        Just("’".to_owned()),
        Just("\"".to_owned()),
        Just("'".to_owned()),
        Just("«".to_owned()),
        Just("»".to_owned()),
        Just("''".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just(", ".to_owned()),
        Just(". ".to_owned()),
        Just(" said ".to_owned()),
        Just(" told reporters ".to_owned()),
        Just(" according to ".to_owned()),
        Just(" Mr. ".to_owned()),
        Just(" Kremlin spokesman Dmitry Peskov ".to_owned()),
        Just(" he ".to_owned()),
        Just(" on Thursday ".to_owned()),
        Just(" that ".to_owned()),
        "[a-zA-Z ]{1,12}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn spans_are_valid_on_any_input(text in doc_strategy()) {
        let ex = Extractor::new();
        let recs = ex.extract(Input::new(&text).date("2025-03-15".parse().unwrap()));
        for a in &recs {
            prop_assert!(check_spans(&text, a).is_ok(), "{:?}", check_spans(&text, a));
        }
        let again = ex.extract(Input::new(&text).date("2025-03-15".parse().unwrap()));
        prop_assert_eq!(recs, again);
    }

    #[test]
    fn spans_are_valid_on_arbitrary_strings(text in any::<String>()) {
        for a in Extractor::new().extract(text.as_str()) {
            prop_assert!(check_spans(&text, &a).is_ok());
        }
    }
}
