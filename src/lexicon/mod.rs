//! Lexicons: word lists as sorted text files, embedded with `include_str!`,
//! parsed once and compiled into aho-corasick automata and hash tables.
//!
//! Each file has `#` comment lines at the top, then one entry per line with
//! TAB-separated columns, sorted in byte order without duplicates (checked
//! by the `lexicon_files_are_sorted_and_well_formed` test). The files:
//!
//! | file | columns | used for |
//! |---|---|---|
//! | `cues.txt` | form, lemma, class | speech cues (said, told reporters, according to) |
//! | `cue_frames.txt` | lemma, flags | what a cue takes: `quote`, `that`, `obj`, `name`, `weak`, `question`, `doc`, `topic` |
//! | `titles.txt` | title | roles before or after names (spokesman, Sen.) |
//! | `organizations.txt` | name, kind | institutions that speak (Kremlin, Reuters) |
//! | `places.txt` | place, country | countries and capitals as governments |
//! | `demonyms.txt` | demonym, country | Ukrainian, Russian — for parsing titles |
//! | `pronouns.txt` | pronoun, gender, number, case | pronoun speakers |
//! | `abbreviations.txt` | abbreviation | periods that do not end a sentence |
//! | `given_names.txt` | name, gender | gender hints for pronoun resolution |
//! | `nominals.txt` | head, kind | unnamed speakers (officials, the poll) |
//! | `function_words.txt` | word | capitalised words that never start a name |

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::span::Span;

mod phrases;
pub(crate) use phrases::Phrases;

/// A lexicon file's name and its embedded contents.
pub const FILES: &[(&str, &str)] = &[
    ("abbreviations.txt", include_str!("abbreviations.txt")),
    ("cue_frames.txt", include_str!("cue_frames.txt")),
    ("cues.txt", include_str!("cues.txt")),
    ("demonyms.txt", include_str!("demonyms.txt")),
    ("function_words.txt", include_str!("function_words.txt")),
    ("given_names.txt", include_str!("given_names.txt")),
    ("nominals.txt", include_str!("nominals.txt")),
    ("organizations.txt", include_str!("organizations.txt")),
    ("places.txt", include_str!("places.txt")),
    ("pronouns.txt", include_str!("pronouns.txt")),
    ("titles.txt", include_str!("titles.txt")),
];

fn builtin_file(name: &str) -> &'static str {
    FILES.iter().find(|(n, _)| *n == name).map(|(_, s)| *s).unwrap_or("")
}

/// The grammatical class of a cue form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CueClass {
    /// say
    Base,
    /// says
    ThirdSingular,
    /// said (simple past, often also the participle)
    Past,
    /// written (participle only)
    Participle,
    /// saying
    Gerund,
    /// told reporters, said in a statement
    Phrase,
    /// according to
    Preposition,
}

impl CueClass {
    fn parse(s: &str) -> Option<CueClass> {
        Some(match s {
            "base" => CueClass::Base,
            "3sg" => CueClass::ThirdSingular,
            "past" => CueClass::Past,
            "pp" => CueClass::Participle,
            "ing" => CueClass::Gerund,
            "phrase" => CueClass::Phrase,
            "prep" => CueClass::Preposition,
            _ => return None,
        })
    }
}

/// What a cue lemma takes (from `cue_frames.txt`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Frames(u8);

impl Frames {
    /// Commonly introduces a direct quote.
    pub const QUOTE: Frames = Frames(1);
    /// Takes a reported clause.
    pub const THAT: Frames = Frames(2);
    /// Takes a person object before its content (tell, ask).
    pub const OBJ: Frames = Frames(4);
    /// Labels an object with quoted words (call, describe).
    pub const NAME: Frames = Frames(8);
    /// A mental state rather than speech (believe, think).
    pub const WEAK: Frames = Frames(16);
    /// A question (ask, wonder).
    pub const QUESTION: Frames = Frames(32);
    /// Typical of documents and polls (find, show).
    pub const DOC: Frames = Frames(64);
    /// The object or a to-infinitive is the content (criticized the plan;
    /// vowed to resign).
    pub const TOPIC: Frames = Frames(128);

    /// Whether all flags of `other` are set.
    #[inline]
    pub fn has(self, other: Frames) -> bool {
        self.0 & other.0 == other.0
    }

    fn parse(s: &str) -> Option<Frames> {
        let mut f = 0;
        for part in s.split(',').filter(|p| !p.is_empty()) {
            f |= match part {
                "quote" => 1,
                "that" => 2,
                "obj" => 4,
                "name" => 8,
                "weak" => 16,
                "question" => 32,
                "doc" => 64,
                "topic" => 128,
                _ => return None,
            };
        }
        Some(Frames(f))
    }
}

/// One cue form.
#[derive(Clone, Debug)]
pub struct CueForm {
    /// The form, lower case: “said in a statement”.
    pub form: String,
    /// Its lemma: “say”.
    pub lemma: String,
    /// Its class.
    pub class: CueClass,
    /// The lemma's frames.
    pub frames: Frames,
}

/// A cue found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CueMatch {
    /// Bytes of the cue.
    pub span: Span,
    /// Index into [`Lexicon::cue_forms`].
    pub form: u32,
}

/// Grammatical gender hint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    /// Masculine (he).
    Male,
    /// Feminine (she).
    Female,
    /// Neuter (it).
    Neuter,
    /// Unknown or either (they, I, we).
    Unknown,
}

/// A pronoun's features.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pronoun {
    /// Gender.
    pub gender: Gender,
    /// Plural.
    pub plural: bool,
    /// Can be a subject (he, she, they), not him or his.
    pub subject: bool,
}

/// Kind of an organisation entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgKind {
    /// A body: company, agency, ministry, party, newspaper.
    Org,
    /// A seat of government standing for it: the Kremlin.
    Government,
}

/// Kind of a nominal speaker head.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NominalKind {
    /// People or groups: officials, analysts.
    People,
    /// Documents: report, poll.
    Document,
}

/// An error in a lexicon file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexiconError {
    /// The file.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

impl core::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.reason)
    }
}

impl std::error::Error for LexiconError {}

/// The lexicon kinds a user can extend or replace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LexiconKind {
    /// `cues.txt`
    Cues,
    /// `titles.txt`
    Titles,
    /// `organizations.txt`
    Organizations,
    /// `abbreviations.txt`
    Abbreviations,
}

impl LexiconKind {
    /// Parses `cues`, `titles`, `organizations`, `abbreviations`.
    pub fn parse(s: &str) -> Option<LexiconKind> {
        Some(match s {
            "cues" => LexiconKind::Cues,
            "titles" => LexiconKind::Titles,
            "organizations" | "organisations" | "orgs" => LexiconKind::Organizations,
            "abbreviations" => LexiconKind::Abbreviations,
            _ => return None,
        })
    }
}

/// A fast non-cryptographic hasher (the Fx hash of rustc) for the lexicon
/// tables: their keys are fixed when the lexicon is built, so lookups of
/// document words cannot be steered into collisions that grow the tables.
#[derive(Clone, Copy, Default)]
pub(crate) struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b) ^ ((rest.len() as u64) << 59));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub(crate) type FxSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// Every prefix of `entry` that ends right before an ASCII space or control
/// byte, and `entry` itself: what a word-by-word lookup may pass through on
/// its way to a full entry.
fn word_prefixes(entry: &str) -> impl Iterator<Item = &str> {
    entry
        .bytes()
        .enumerate()
        .filter(|(_, b)| b.is_ascii_whitespace() || b.is_ascii_control())
        .map(|(k, _)| &entry[..k])
        .chain(std::iter::once(entry))
}

/// All word lists, compiled.
#[derive(Debug)]
pub struct Lexicon {
    cue_forms: Vec<CueForm>,
    /// The cue forms (ASCII case folded), tried at word starts.
    cues: Phrases,
    titles: FxSet<String>,
    /// Titles and their word prefixes: `true` for a whole title.
    title_prefixes: FxMap<String, bool>,
    max_title_words: usize,
    orgs: FxMap<String, OrgKind>,
    /// Organisation names and their word prefixes: the kind for a whole name.
    org_prefixes: FxMap<String, Option<OrgKind>>,
    max_org_words: usize,
    places: FxMap<String, String>,
    demonyms: FxMap<String, String>,
    pronouns: FxMap<String, Pronoun>,
    /// The longest pronoun, in bytes.
    max_pronoun_len: usize,
    /// Whether a pronoun key has an upper-case letter.
    pronouns_mixed_case: bool,
    abbreviations: FxMap<String, bool>,
    given: FxMap<String, Gender>,
    nominals: FxMap<String, NominalKind>,
    function_words: FxSet<String>,
    /// Word classes by lower-cased word (see [`class`]).
    classes: FxMap<String, u16>,
}

/// Bits of [`Lexicon::word_classes`]: what a lower-cased word may be, so
/// that speaker parsing asks one hash table per token instead of one per
/// list. `STOP`, `PARTICLE`, `MODIFIER` and `NOMINAL` are exact for the
/// lower-cased word; the others are filters: a clear bit means the
/// (case-sensitive) lookup cannot succeed, a set bit means it may.
pub(crate) mod class {
    /// A pronoun (`Lexicon::pronoun`).
    pub const PRONOUN: u16 = 1;
    /// A demonym (`Lexicon::demonym`).
    pub const DEMONYM: u16 = 1 << 1;
    /// A name particle (de, van, bin).
    pub const PARTICLE: u16 = 1 << 2;
    /// A nominal head (`Lexicon::nominal`).
    pub const NOMINAL: u16 = 1 << 3;
    /// A speaker-noun modifier (former, senior).
    pub const MODIFIER: u16 = 1 << 4;
    /// A word that never modifies a speaker noun (and, said, the).
    pub const STOP: u16 = 1 << 5;
    /// The first word of a title, alone or before a dot (Sen + .).
    pub const TITLE_START: u16 = 1 << 6;
    /// The first word of an organisation name.
    pub const ORG_START: u16 = 1 << 7;
    /// A capitalised function word (`Lexicon::is_function_word`).
    pub const FUNCTION: u16 = 1 << 8;
    /// An abbreviation, alone or before a dot.
    pub const ABBREV: u16 = 1 << 9;
    /// How many bits are used.
    pub const WIDTH: u32 = 10;
}

/// Iterates the entry lines of a lexicon file: `(line number, columns)`.
fn entries<'a>(src: &'a str) -> impl Iterator<Item = (usize, Vec<&'a str>)> + 'a {
    src.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').map(str::trim).collect()))
}

fn err(file: &str, line: usize, reason: impl Into<String>) -> LexiconError {
    LexiconError { file: file.to_owned(), line, reason: reason.into() }
}

/// Extra or replacement lexicon sources, by kind.
#[derive(Clone, Debug, Default)]
pub struct LexiconSources {
    /// `(kind, contents, replace)`: contents in the built-in file's format.
    pub extra: Vec<(LexiconKind, String, bool)>,
}

impl Lexicon {
    /// The built-in lexicon, compiled once per process.
    pub fn builtin() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| Lexicon::build(&LexiconSources::default()).expect("built-in lexicons are valid"))
    }

    /// Builds a lexicon from the built-in files plus `sources`.
    pub fn build(sources: &LexiconSources) -> Result<Lexicon, LexiconError> {
        let pick = |kind: LexiconKind, builtin: &'static str| -> Vec<(String, String)> {
            let mut v = Vec::new();
            let replaced = sources.extra.iter().any(|(k, _, r)| *k == kind && *r);
            if !replaced {
                v.push((builtin.to_owned(), builtin_name(kind).to_owned()));
            }
            for (k, s, _) in &sources.extra {
                if *k == kind {
                    v.push((s.clone(), format!("user {}", builtin_name(kind))));
                }
            }
            v
        };
        // Cue frames.
        let mut frames: HashMap<String, Frames> = HashMap::new();
        for (line, cols) in entries(builtin_file("cue_frames.txt")) {
            let f = Frames::parse(cols.get(1).copied().unwrap_or(""))
                .ok_or_else(|| err("cue_frames.txt", line, "unknown frame flag"))?;
            frames.insert(cols[0].to_owned(), f);
        }
        let mut cue_forms = Vec::new();
        for (src, name) in pick(LexiconKind::Cues, builtin_file("cues.txt")) {
            for (line, cols) in entries(&src) {
                if cols.len() < 2 {
                    return Err(err(&name, line, "expected form<TAB>lemma[<TAB>class]"));
                }
                let class = match cols.get(2) {
                    Some(c) => {
                        CueClass::parse(c).ok_or_else(|| err(&name, line, format!("unknown cue class {c:?}")))?
                    }
                    None if cols[0].contains(' ') => CueClass::Phrase,
                    None => CueClass::Past,
                };
                let lemma = cols[1].to_owned();
                let fr = frames.get(&lemma).copied().unwrap_or(Frames(Frames::QUOTE.0 | Frames::THAT.0));
                cue_forms.push(CueForm { form: cols[0].to_lowercase(), lemma, class, frames: fr });
            }
        }
        // Later sources override earlier forms.
        let mut seen = HashSet::new();
        let mut dedup = Vec::new();
        for f in cue_forms.into_iter().rev() {
            if seen.insert(f.form.clone()) {
                dedup.push(f);
            }
        }
        dedup.reverse();
        let cue_forms = dedup;
        let cues = Phrases::new(cue_forms.iter().map(|f| f.form.as_str()), true)
            .map_err(|e| err("cues.txt", 0, e.to_string()))?;

        let mut titles = FxSet::default();
        for (src, _) in pick(LexiconKind::Titles, builtin_file("titles.txt")) {
            for (_, cols) in entries(&src) {
                titles.insert(cols[0].to_lowercase());
            }
        }
        let max_title_words = titles.iter().map(|t| t.split(' ').count()).max().unwrap_or(1);
        let mut title_prefixes = FxMap::default();
        for t in &titles {
            for p in word_prefixes(t) {
                title_prefixes.entry(p.to_owned()).or_insert(false);
            }
            title_prefixes.insert(t.clone(), true);
        }
        let mut orgs = FxMap::default();
        for (src, name) in pick(LexiconKind::Organizations, builtin_file("organizations.txt")) {
            for (line, cols) in entries(&src) {
                let kind = match cols.get(1).copied().unwrap_or("org") {
                    "org" => OrgKind::Org,
                    "gov" => OrgKind::Government,
                    k => return Err(err(&name, line, format!("unknown organisation kind {k:?}"))),
                };
                orgs.insert(cols[0].to_owned(), kind);
            }
        }
        let max_org_words = orgs.keys().map(|t| t.split(' ').count()).max().unwrap_or(1);
        let mut org_prefixes = FxMap::default();
        for (o, k) in &orgs {
            for p in word_prefixes(o) {
                org_prefixes.entry(p.to_owned()).or_insert(None);
            }
            org_prefixes.insert(o.clone(), Some(*k));
        }
        let two_col = |file: &str| -> FxMap<String, String> {
            entries(builtin_file(file)).map(|(_, c)| (c[0].to_owned(), c.get(1).unwrap_or(&c[0]).to_string())).collect()
        };
        let places = two_col("places.txt");
        let demonyms = two_col("demonyms.txt");
        let mut pronouns = FxMap::default();
        for (line, cols) in entries(builtin_file("pronouns.txt")) {
            if cols.len() < 4 {
                return Err(err("pronouns.txt", line, "expected 4 columns"));
            }
            let gender = match cols[1] {
                "m" => Gender::Male,
                "f" => Gender::Female,
                "n" => Gender::Neuter,
                _ => Gender::Unknown,
            };
            pronouns
                .insert(cols[0].to_owned(), Pronoun { gender, plural: cols[2] == "pl", subject: cols[3] == "subj" });
        }
        let max_pronoun_len = pronouns.keys().map(String::len).max().unwrap_or(0);
        let pronouns_mixed_case = pronouns.keys().any(|k| k.bytes().any(|b| b.is_ascii_uppercase()));
        let honorifics = ["mr.", "mrs.", "ms.", "dr.", "prof.", "rev.", "hon.", "messrs.", "mme.", "mlle.", "st."];
        let mut abbreviations = FxMap::default();
        for (src, _) in pick(LexiconKind::Abbreviations, builtin_file("abbreviations.txt")) {
            for (_, cols) in entries(&src) {
                let lower = cols[0].to_lowercase();
                let title = honorifics.contains(&lower.as_str()) || titles.contains(&lower);
                abbreviations.insert(cols[0].to_owned(), title);
            }
        }
        let given = entries(builtin_file("given_names.txt"))
            .map(|(_, c)| {
                let g = match c.get(1).copied() {
                    Some("m") => Gender::Male,
                    Some("f") => Gender::Female,
                    _ => Gender::Unknown,
                };
                (c[0].to_owned(), g)
            })
            .collect();
        let nominals: FxMap<String, NominalKind> = entries(builtin_file("nominals.txt"))
            .map(|(_, c)| {
                let k = if c.get(1) == Some(&"document") { NominalKind::Document } else { NominalKind::People };
                (c[0].to_owned(), k)
            })
            .collect();
        let function_words: FxSet<String> =
            entries(builtin_file("function_words.txt")).map(|(_, c)| c[0].to_owned()).collect();
        let mut classes: FxMap<String, u16> = FxMap::default();
        let mut add = |w: &str, bit: u16| *classes.entry(w.to_owned()).or_default() |= bit;
        for p in pronouns.keys() {
            add(&p.to_lowercase(), class::PRONOUN);
        }
        for d in demonyms.keys() {
            add(&d.to_lowercase(), class::DEMONYM);
        }
        for (list, bit) in [
            (crate::speakers::PARTICLES, class::PARTICLE),
            (crate::speakers::MODIFIERS, class::MODIFIER),
            (crate::speakers::STOP, class::STOP),
        ] {
            list.iter().for_each(|w| add(w, bit));
        }
        for n in nominals.keys() {
            add(n, class::NOMINAL);
        }
        // A title's first word may be a word plus the next token's dot.
        for t in title_prefixes.keys() {
            add(t, class::TITLE_START);
            if let Some(bare) = t.strip_suffix('.') {
                add(bare, class::TITLE_START);
            }
        }
        for o in org_prefixes.keys() {
            add(&o.to_lowercase(), class::ORG_START);
        }
        for f in &function_words {
            add(&f.to_lowercase(), class::FUNCTION);
        }
        for a in abbreviations.keys() {
            let lower = a.to_lowercase();
            add(&lower, class::ABBREV);
            if let Some(bare) = lower.strip_suffix('.') {
                add(bare, class::ABBREV);
            }
        }
        Ok(Lexicon {
            cue_forms,
            cues,
            titles,
            title_prefixes,
            max_title_words,
            orgs,
            org_prefixes,
            max_org_words,
            places,
            demonyms,
            pronouns,
            max_pronoun_len,
            pronouns_mixed_case,
            abbreviations,
            given,
            nominals,
            function_words,
            classes,
        })
    }

    /// All cue forms, indexed by [`CueMatch::form`].
    pub fn cue_forms(&self) -> &[CueForm] {
        &self.cue_forms
    }

    /// Finds cues in `text` at word boundaries, in order, non-overlapping:
    /// at each word start (a byte not preceded by a letter, digit, `_` or
    /// `-`), the longest cue form starting there, kept when it also ends at
    /// a word boundary; the search goes on after it.
    ///
    /// Only word starts whose first two bytes (ASCII case folded) begin some
    /// cue form are tried, each with one anchored search.
    pub fn find_cues(&self, text: &str, out: &mut Vec<CueMatch>) {
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut i = 0;
        // Whether the character before `i` is a letter, digit, `_` or `-`.
        let mut after_word = false;
        while i < n {
            let b = bytes[i];
            if !after_word && self.cues.may_start(bytes, i) {
                if let Some((e, form)) = self.cue_at(text, i) {
                    out.push(CueMatch { span: Span::new(i, e), form });
                    after_word = text[..e].chars().next_back().is_some_and(is_word_char);
                    i = e;
                    continue;
                }
            }
            if b < 0x80 {
                after_word = WORD_BYTE[b as usize];
                i += 1;
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                after_word = is_word_char(c);
                i += c.len_utf8();
            }
        }
    }

    /// [`Lexicon::find_cues`] driven by the document's tokens: a cue must
    /// start where a token starts and end where a token ends, so only token
    /// starts are tried. Calls `found(match, first token, end token)` in
    /// text order.
    #[cfg(test)]
    pub(crate) fn find_cues_in_tokens(
        &self,
        text: &str,
        tokens: &[crate::tokenize::Token],
        found: impl FnMut(CueMatch, usize, usize),
    ) {
        self.find_cues_visiting_tokens(text, tokens, found, |_| {});
    }

    /// [`Lexicon::find_cues_in_tokens`] that also calls `visit(k)` for
    /// every token index `k`, in increasing order (before `found` for a cue
    /// starting there): for per-token work that would otherwise take a pass
    /// of its own over a token array far out of cache.
    pub(crate) fn find_cues_visiting_tokens(
        &self,
        text: &str,
        tokens: &[crate::tokenize::Token],
        mut found: impl FnMut(CueMatch, usize, usize),
        mut visit: impl FnMut(usize),
    ) {
        let bytes = text.as_bytes();
        let mut k = 0;
        while k < tokens.len() {
            visit(k);
            let s = tokens[k].span().start;
            if !self.cues.may_start(bytes, s) || after_word(text, s) {
                k += 1;
                continue;
            }
            // The longest cue form ending where a token ends, at a word
            // boundary.
            let mut j = k;
            let at_token_end = |e: usize| {
                while j < tokens.len() && tokens[j].span().end < e {
                    j += 1;
                }
                tokens.get(j).is_some_and(|t| t.span().end == e) && ends_word(text, e)
            };
            let Some((e, form)) = self.cues.longest_at_where(bytes, s, at_token_end) else {
                k += 1;
                continue;
            };
            let mut end = k + 1;
            while end < tokens.len() && tokens[end].span().end <= e {
                end += 1;
            }
            if tokens[end - 1].span().end == e {
                found(CueMatch { span: Span::new(s, e), form }, k, end);
                (k + 1..end).for_each(&mut visit);
                k = end;
            } else {
                // A cue ending inside a token is no cue; the next token
                // start may begin one.
                k += 1;
            }
        }
    }

    /// The longest cue form starting at byte `s`, as (end, form), when it
    /// ends at a word boundary.
    #[inline]
    pub(crate) fn cue_at(&self, text: &str, s: usize) -> Option<(usize, u32)> {
        let (e, form) = self.cues.longest_at(text.as_bytes(), s)?;
        ends_word(text, e).then_some((e, form))
    }

    /// Whether `s` (lower case, words separated by one space) is a title.
    pub fn is_title(&self, lower: &str) -> bool {
        self.titles.contains(lower)
    }

    /// Whether `lower` (lower case, words separated by one space) is a title
    /// (`Some(true)`) or the first words of one (`Some(false)`).
    #[inline]
    pub(crate) fn title_prefix(&self, lower: &str) -> Option<bool> {
        self.title_prefixes.get(lower).copied()
    }

    /// Whether `name` is an organisation (`Some(Some(kind))`) or the first
    /// words of one (`Some(None)`).
    #[inline]
    pub(crate) fn org_prefix(&self, name: &str) -> Option<Option<OrgKind>> {
        self.org_prefixes.get(name).copied()
    }

    /// The longest title count of words.
    pub fn max_title_words(&self) -> usize {
        self.max_title_words
    }

    /// The organisation kind for an exact name (“Kremlin”, “State Department”).
    pub fn organization(&self, name: &str) -> Option<OrgKind> {
        self.orgs.get(name).copied()
    }

    /// The longest organisation name in words.
    pub fn max_org_words(&self) -> usize {
        self.max_org_words
    }

    /// The country a place stands for (“Moscow” → “Russia”).
    pub fn place(&self, name: &str) -> Option<&str> {
        self.places.get(name).map(String::as_str)
    }

    /// The country of a demonym (“Ukrainian” → “Ukraine”).
    pub fn demonym(&self, word: &str) -> Option<&str> {
        self.demonyms.get(word).map(String::as_str)
    }

    /// A pronoun's features (lower-case lookup).
    pub fn pronoun(&self, word: &str) -> Option<Pronoun> {
        // ASCII lower-casing keeps the length: longer words are no pronoun.
        if word.len() > self.max_pronoun_len {
            return None;
        }
        let upper = word.bytes().any(|b| b.is_ascii_uppercase());
        // The keys are lower case (see `Lexicon::build`): a word with an
        // upper-case letter is only found lower-cased.
        if !upper || self.pronouns_mixed_case {
            if let Some(p) = self.pronouns.get(word) {
                return Some(*p);
            }
        }
        if upper {
            let mut buf = [0u8; 32];
            if word.len() <= buf.len() {
                for (d, b) in buf.iter_mut().zip(word.bytes()) {
                    *d = b.to_ascii_lowercase();
                }
                // ASCII case changes keep the bytes valid UTF-8.
                let lower = core::str::from_utf8(&buf[..word.len()]).unwrap_or("");
                return self.pronouns.get(lower).copied();
            }
            return self.pronouns.get(&word.to_ascii_lowercase()).copied();
        }
        None
    }

    /// `Some(true)` for a title abbreviation (Mr., Sen.), `Some(false)` for
    /// another known abbreviation (U.S., Jan.), `None` otherwise.
    pub fn abbreviation(&self, with_dot: &str) -> Option<bool> {
        self.abbreviations.get(with_dot).copied()
    }

    /// The gender hint of a given name.
    pub fn given_name(&self, name: &str) -> Option<Gender> {
        self.given.get(name).copied()
    }

    /// The kind of a nominal head (“officials”, “poll”).
    pub fn nominal(&self, lower: &str) -> Option<NominalKind> {
        self.nominals.get(lower).copied()
    }

    /// The [`class`] bits of a lower-cased word (`str::to_lowercase`).
    #[inline]
    pub(crate) fn word_classes(&self, lower: &str) -> u16 {
        self.classes.get(lower).copied().unwrap_or(0)
    }

    /// Whether a capitalised word is a function word (The, But, However).
    pub fn is_function_word(&self, word: &str) -> bool {
        self.function_words.contains(word)
    }
}

fn builtin_name(kind: LexiconKind) -> &'static str {
    match kind {
        LexiconKind::Cues => "cues.txt",
        LexiconKind::Titles => "titles.txt",
        LexiconKind::Organizations => "organizations.txt",
        LexiconKind::Abbreviations => "abbreviations.txt",
    }
}

/// ASCII bytes that continue a word (letters, digits, `_`, `-`).
static WORD_BYTE: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_' || c == b'-';
        b += 1;
    }
    t
};

/// Whether the character before byte `s` joins a cue starting there to a
/// word.
#[inline]
fn after_word(text: &str, s: usize) -> bool {
    match text.as_bytes()[..s].last() {
        None => false,
        Some(&b) if b < 0x80 => WORD_BYTE[b as usize],
        Some(_) => text[..s].chars().next_back().is_some_and(is_word_char),
    }
}

/// Whether a character before a cue joins it to a word: then the cue does
/// not start there (“unsaid”, “well-said”).
#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// Whether a word ends at byte `i`: the end of the text, or no letter,
/// digit or `_` after it.
#[inline]
fn ends_word(text: &str, i: usize) -> bool {
    !text[i..].chars().next().is_some_and(|c| c.is_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lint: every file sorted, deduplicated, well-formed.
    #[test]
    fn lexicon_files_are_sorted_and_well_formed() {
        for (name, src) in FILES {
            let mut prev: Option<&str> = None;
            let mut in_header = true;
            for (i, line) in src.lines().enumerate() {
                let n = i + 1;
                if line.starts_with('#') {
                    assert!(in_header, "{name}:{n}: comment after the first entry");
                    continue;
                }
                in_header = false;
                assert!(!line.trim().is_empty(), "{name}:{n}: blank line");
                assert_eq!(line, line.trim_end(), "{name}:{n}: trailing whitespace");
                assert!(!line.contains("  "), "{name}:{n}: double space");
                if let Some(p) = prev {
                    assert!(p < line, "{name}:{n}: not sorted or duplicated: {p:?} then {line:?}");
                }
                prev = Some(line);
            }
            assert!(prev.is_some(), "{name}: no entries");
        }
    }

    #[test]
    fn builtin_lexicon_builds_and_has_enough_cues() {
        let lx = Lexicon::builtin();
        assert!(lx.cue_forms().len() >= 150, "only {} cue forms", lx.cue_forms().len());
        for form in ["said", "says", "told", "wrote", "adding", "according to", "told reporters"] {
            assert!(lx.cue_forms().iter().any(|f| f.form == form), "missing cue {form}");
        }
        // Every cue lemma has frames.
        let frames: HashSet<&str> = entries(builtin_file("cue_frames.txt")).map(|(_, c)| c[0]).collect();
        for f in lx.cue_forms() {
            assert!(frames.contains(f.lemma.as_str()), "lemma {} of {} has no frames", f.lemma, f.form);
        }
        assert!(lx.is_title("spokesman") && lx.is_title("prime minister"));
        assert_eq!(lx.place("Moscow"), Some("Russia"));
        assert_eq!(lx.organization("Kremlin"), Some(OrgKind::Government));
        assert_eq!(lx.pronoun("she").map(|p| p.gender), Some(Gender::Female));
        assert_eq!(lx.abbreviation("Mr."), Some(true));
        assert_eq!(lx.abbreviation("U.S."), Some(false));
        assert_eq!(lx.given_name("Mary"), Some(Gender::Female));
    }

    #[test]
    fn token_driven_cues_match_the_text_scan() {
        let lx = Lexicon::builtin();
        let text = "“No,” she said. Officials told reporters — according to AFP — that it was well-said; \
                    he SAID, adding: “fine”. Unsaid things, Saidov said-so, she told Agence France-Presse.";
        let mut by_text = Vec::new();
        lx.find_cues(text, &mut by_text);
        let toks = crate::tokenize::tokenize(text, lx);
        let mut by_tokens = Vec::new();
        lx.find_cues_in_tokens(text, &toks.tokens, |m, first, end| {
            assert_eq!(toks.tokens[first].span().start, m.span.start);
            assert_eq!(toks.tokens[end - 1].span().end, m.span.end);
            by_tokens.push(m);
        });
        // The text scan also finds "said" in the token "said-so"; the token
        // scan keeps only cues made of whole tokens.
        let aligned = |m: &CueMatch| {
            toks.tokens.iter().any(|t| t.span().start == m.span.start)
                && toks.tokens.iter().any(|t| t.span().end == m.span.end)
        };
        assert_eq!(by_text.len(), by_tokens.len() + 1);
        by_text.retain(aligned);
        assert_eq!(by_text, by_tokens);
        let found: Vec<&str> = by_tokens.iter().map(|m| m.span.text(text)).collect();
        assert_eq!(found, ["said", "told reporters", "according to", "SAID", "adding", "told Agence France-Presse"]);
    }

    #[test]
    fn cues_at_word_boundaries_only() {
        let lx = Lexicon::builtin();
        let text = "He said it; the saidy unsaid thing. She told reporters Friday.";
        let mut out = Vec::new();
        lx.find_cues(text, &mut out);
        let found: Vec<&str> = out.iter().map(|m| m.span.text(text)).collect();
        assert_eq!(found, ["said", "told reporters"]);
    }
}
