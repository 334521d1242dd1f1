//! A complete user-rule example: a custom rule plus an extra lexicon entry,
//! run over this folder's fixtures.
//!
//! ```text
//! cargo run --example custom_rule               # the fixtures next to this file
//! cargo run --example custom_rule -- FILE.txt   # your own article
//! ```

#[path = "rule.rs"]
mod rule;

use std::path::{Path, PathBuf};

use whosaid::fixture::Fixture;
use whosaid::{render, Extractor, Input};

/// The extra lexicon entry: a cue form the built-in `cues.txt` lacks
/// (columns: form, lemma, class — the format of `src/lexicon/cues.txt`).
pub const EXTRA_CUES: &str = "deadpanned\tdeadpan\tpast\n";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let ex = Extractor::builder().rule(rule::SpeakerTeamColonQuote).lexicon("cues", EXTRA_CUES, false).build()?;
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let files = if args.is_empty() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/custom_rule/fixtures");
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        v.sort();
        v
    } else {
        args
    };
    for f in files {
        // A fixture (header, `---`, article) or a plain article.
        let (text, date) = match Fixture::load(&f) {
            Ok(fx) => (fx.text.clone(), fx.date.clone()),
            Err(_) => (std::fs::read_to_string(&f)?, None),
        };
        let mut input = Input::new(&text);
        if let Some(d) = date.as_deref() {
            input = input.date(d.parse()?);
        }
        let recs = ex.extract(input);
        println!("== {}", f.display());
        print!("{}", render::pretty(&recs));
    }
    Ok(())
}
