//! Structure-aware fuzzing: documents built from the things whosaid looks
//! at — quote marks of every family, cue verbs, names with titles and
//! honorifics, abbreviations, weekdays and dates, line and paragraph breaks —
//! and the things that trip tokenizers: NBSP, bidi controls, NUL, BOM,
//! CRLF. Checks the same invariants as `extract`.
#![no_main]

use std::sync::OnceLock;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use whosaid::{Extractor, Input};

const MARKS: &[&str] = &["“", "”", "‘", "’", "\"", "'", "«", "»", "„", "‹", "›", "''", "``", "‚", "‟"];
const CUES: &[&str] = &[
    "said",
    "says",
    "told",
    "told reporters",
    "wrote",
    "added",
    "asked",
    "according to",
    "adding that",
    "saying",
    "called",
    "said in a statement",
    "has said",
    "did not say",
    "claimed",
    "denied",
    "warned",
];
const NAMES: &[&str] = &[
    "Trump",
    "Dmitry Peskov",
    "Ursula von der Leyen",
    "George W. Bush",
    "Martin O’Malley",
    "Anna Berg",
    "Berg",
    "Bo",
    "Jane Doe",
    "Peskov",
    "Zelensky",
    "Maria Lopez",
];
const TITLES: &[&str] = &[
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Sen.",
    "Gov.",
    "Gen.",
    "Rep.",
    "Kremlin spokesman",
    "President",
    "former",
    "the",
    "a senior official",
    "U.S.",
    "Ukrainian President",
    "Prof.",
];
const WORDS: &[&str] = &[
    "the",
    "talks",
    "went",
    "well",
    "we",
    "are",
    "ready",
    "he",
    "she",
    "they",
    "it",
    "that",
    "officials",
    "police",
    "the Kremlin",
    "Moscow",
    "the ministry",
    "U.S.",
    "D.C.",
    "e.g.",
    "Inc.",
    "St.",
    "No.",
    "don’t",
    "it's",
    "’90s",
    "Joneses’",
    "cease-fire",
    "3.5",
    "1,000",
    "and",
    "but",
    "who",
    "—",
    "–",
    "-",
    "--",
    "...",
    "…",
    "(R-Ky.)",
    "D-Calif.",
    "Picture:",
    "By",
    "©",
];
const DATES: &[&str] = &[
    "Monday",
    "on Tuesday",
    "last week",
    "Friday",
    "March 14, 2025",
    "2025-03-14",
    "yesterday",
    "last month",
    "Thursday, March 13,",
    "Dec.",
    "in 2024",
    "this year",
    "3/14/2025",
    "WASHINGTON —",
    "KYIV, Ukraine, March 14 (Reuters) -",
];
const ODD: &[&str] = &[
    "\u{a0}", "\u{202e}", "\u{202a}", "\u{2066}", "\u{2069}", "\u{200f}", "\u{200b}", "\0", "\u{feff}", "\r\n", "\r",
    "\u{2028}", "\u{301}", "\t", "\u{85}", "\u{fffd}",
];

#[derive(Arbitrary, Debug)]
enum Piece {
    Mark(u8),
    Cue(u8),
    Name(u8),
    Title(u8),
    Word(u8),
    Date(u8),
    Odd(u8),
    Punct(u8),
    Space,
    LineBreak,
    ParagraphBreak,
    /// A small well-formed attribution: “WORDS,” NAME CUE.
    Quote {
        open: u8,
        close: u8,
        words: Vec<u8>,
        name: u8,
        cue: u8,
    },
    /// Free text.
    Raw(String),
}

#[derive(Arbitrary, Debug)]
struct Doc {
    pieces: Vec<Piece>,
    date: Option<(u8, u8)>,
}

fn pick<'a>(list: &[&'a str], k: u8) -> &'a str {
    list[k as usize % list.len()]
}

fn render(doc: &Doc) -> String {
    let mut s = String::new();
    for p in &doc.pieces {
        match p {
            Piece::Mark(k) => s.push_str(pick(MARKS, *k)),
            Piece::Cue(k) => s.push_str(pick(CUES, *k)),
            Piece::Name(k) => s.push_str(pick(NAMES, *k)),
            Piece::Title(k) => s.push_str(pick(TITLES, *k)),
            Piece::Word(k) => s.push_str(pick(WORDS, *k)),
            Piece::Date(k) => s.push_str(pick(DATES, *k)),
            Piece::Odd(k) => s.push_str(pick(ODD, *k)),
            Piece::Punct(k) => s.push_str(pick(&[".", ",", ":", ";", "?", "!", "(", ")", " "], *k)),
            Piece::Space => s.push(' '),
            Piece::LineBreak => s.push('\n'),
            Piece::ParagraphBreak => s.push_str("\n\n"),
            Piece::Quote { open, close, words, name, cue } => {
                s.push_str(pick(MARKS, *open));
                for (j, w) in words.iter().enumerate() {
                    if j > 0 {
                        s.push(' ');
                    }
                    s.push_str(pick(WORDS, *w));
                }
                s.push(',');
                s.push_str(pick(MARKS, *close));
                s.push(' ');
                s.push_str(pick(NAMES, *name));
                s.push(' ');
                s.push_str(pick(CUES, *cue));
                s.push('.');
            }
            Piece::Raw(r) => s.push_str(r),
        }
        s.push(' ');
    }
    s
}

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(Extractor::new)
}

fuzz_target!(|doc: Doc| {
    let text = render(&doc);
    let mut input = Input::new(&text);
    if let Some((m, d)) = doc.date {
        if let Ok(date) = jiff::civil::Date::new(2025, (m % 12 + 1) as i8, (d % 28 + 1) as i8) {
            input = input.date(date);
        }
    }
    let ex = extractor();
    let recs = ex.extract(input);
    if let Err(e) = whosaid::validate::check(&text, &recs) {
        panic!("{e}\ninput: {text:?}\nrecords: {recs:#?}");
    }
    assert_eq!(recs, ex.extract(input), "not deterministic on {text:?}");
});
