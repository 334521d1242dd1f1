//! Runs every built-in rule's positive and negative examples through the
//! whole extractor and names the failing rule and example.

use whosaid::Extractor;

#[test]
fn every_rule_has_examples_and_they_hold() {
    let ex = Extractor::new();
    let mut failures = Vec::new();
    let mut ids = Vec::new();
    for rule in ex.rules() {
        let id = rule.id();
        ids.push(id);
        assert!(id.contains('/') && id.split('/').all(|p| !p.is_empty()), "rule id {id:?} is not family/name");
        assert!(!rule.description().is_empty(), "{id}: no description");
        let examples = rule.examples();
        assert!(examples.iter().any(|e| e.expect.is_some()), "{id}: no positive example");
        assert!(examples.iter().any(|e| e.expect.is_none()), "{id}: no negative example");
        for e in examples {
            let recs = ex.extract(e.text);
            let mine: Vec<_> = recs.iter().filter(|r| r.rule == id).collect();
            match e.expect {
                Some((content, speaker)) => {
                    let ok = mine.iter().any(|r| {
                        r.content.segments.iter().any(|s| s.text.contains(content))
                            && r.speaker.as_ref().is_some_and(|s| s.text == speaker)
                    });
                    if !ok {
                        failures.push(format!(
                            "{id}: should fire on {:?} with content ⊇ {content:?} and speaker {speaker:?}; got {:#?}",
                            e.text, recs
                        ));
                    }
                }
                None => {
                    if !mine.is_empty() {
                        failures.push(format!("{id}: should not fire on {:?}; got {:#?}", e.text, mine));
                    }
                }
            }
        }
    }
    let mut sorted = ids.clone();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "duplicate rule ids");
    assert!(failures.is_empty(), "{} example failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn rule_ids_match_their_files() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    for rule in Extractor::new().rules() {
        let path = root.join(format!("{}.rs", rule.id()));
        assert!(path.exists(), "rule {} has no file {}", rule.id(), path.display());
    }
}
