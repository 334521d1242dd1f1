//! Speaker mentions and in-document entities.
//!
//! A *mention* is a noun phrase that can say something: a name with its
//! titles (“Kremlin spokesman Dmitry Peskov”), an organisation (“the
//! Kremlin”), a place standing for its government (“Moscow”), a nominal
//! (“a senior official”, “the poll”), or a pronoun. Mentions are parsed from
//! tokens with the lexicons, forwards from a token or backwards from a cue.
//!
//! *Entities* are built in one pass over the document: every full name
//! becomes an entity, and later surnames, first names, honorific + surname
//! (“Mr. Trump”), role nominals (“the spokesman”) and pronouns link back to
//! the entity they most likely mean (see [`Entities::resolve`]).

use std::hash::BuildHasher;
use std::sync::atomic::AtomicU32;
use std::sync::OnceLock;

use crate::lexicon::{class, FxSet, Gender, Lexicon, NominalKind, OrgKind};
use crate::record::{SpeakerKind, TextSpan};
use crate::span::Span;
use crate::tokenize::{memo_get, memo_set, Token, TokenKind, Tokens};

/// How far back (in tokens) a pronoun may look for its antecedent.
pub const PRONOUN_WINDOW: usize = 250;

/// A speaker mention parsed from the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Bytes of the whole mention.
    pub span: Span,
    /// First token.
    pub first: u32,
    /// One past the last token.
    pub end: u32,
    /// What it is.
    pub kind: SpeakerKind,
    /// The name part (“Dmitry Peskov”), org name, country, or nominal text.
    pub name: Option<String>,
    /// The title/role part (“Kremlin spokesman”).
    pub role: Option<String>,
    /// Gender hint.
    pub gender: Gender,
    /// Plural (officials, they).
    pub plural: bool,
    /// For a relative pronoun (“Podesta, who said …”): the mention it
    /// stands for.
    pub antecedent: Option<Box<Mention>>,
}

pub(crate) const PARTICLES: &[&str] = &[
    "al", "bin", "ibn", "da", "de", "del", "della", "der", "di", "du", "la", "le", "van", "von", "ter", "dos", "das",
    "ben", "el", "y",
];
const HONORIFICS: &[&str] = &["Mr.", "Mrs.", "Ms.", "Miss", "Dr.", "Prof.", "Rev.", "Mr", "Mrs", "Ms", "Dr"];
pub(crate) const MODIFIERS: &[&str] = &[
    "former",
    "senior",
    "top",
    "deputy",
    "acting",
    "interim",
    "then",
    "late",
    "longtime",
    "veteran",
    "local",
    "federal",
    "state",
    "foreign",
    "military",
    "western",
    "european",
    "american",
    "two",
    "three",
    "several",
    "many",
    "some",
    "other",
    "other",
    "u.s.",
    "us",
    "white",
    "house",
    "administration",
    "government",
    "campaign",
    "party",
    "police",
    "company",
    "retired",
    "current",
    "outgoing",
    "incoming",
    "chief",
    "high-ranking",
    "ranking",
    "independent",
    "legal",
    "defense",
    "defence",
    "health",
    "election",
    "intelligence",
    "security",
    "israeli",
    "russian",
    "ukrainian",
    "chinese",
    "british",
    "french",
    "german",
    "iranian",
    "european",
    "republican",
    "democratic",
    "conservative",
    "liberal",
    "anonymous",
    "unnamed",
    "new",
    "one",
    "another",
    "both",
    "most",
    "few",
    "all",
    "independent",
    "political",
    "presidential",
    "press",
    "public",
    "union",
    "city",
    "county",
];

/// Last words that make a capitalised name an organisation.
const ORG_HEADS: &[&str] = &[
    "Authority",
    "Ministry",
    "Agency",
    "Company",
    "Council",
    "Commission",
    "Union",
    "Party",
    "Bank",
    "Group",
    "Service",
    "Office",
    "Department",
    "Institute",
    "University",
    "Court",
    "Association",
    "Federation",
    "Corporation",
    "Corp.",
    "Inc.",
    "Ltd",
    "Ltd.",
    "Committee",
    "Board",
    "Foundation",
    "Fund",
    "Organization",
    "Organisation",
    "Administration",
    "Bureau",
    "Police",
    "Army",
    "Navy",
    "Force",
    "Forces",
    "Coalition",
    "Alliance",
    "League",
    "Club",
    "Airlines",
    "Airways",
    "Holdings",
    "Partners",
    "Centre",
    "Center",
    "Network",
    "Times",
    "Post",
    "Journal",
    "News",
    "Press",
    "Review",
    "Parliament",
    "Assembly",
    "Senate",
    "Congress",
];

/// Lower-case words that never modify a speaker noun.
pub(crate) const STOP: &[&str] = &[
    "and", "or", "but", "that", "which", "who", "whom", "whose", "is", "are", "was", "were", "be", "been", "being",
    "has", "have", "had", "will", "would", "can", "could", "should", "may", "might", "must", "to", "of", "in", "on",
    "for", "with", "at", "by", "from", "as", "not", "no", "said", "says", "told", "also", "it", "its", "this", "these",
    "those", "there", "their", "his", "her", "our", "my", "your", "we", "they", "he", "she", "if", "than", "then",
    "when", "while", "after", "before", "about", "into", "over", "under", "up", "out", "so", "very", "more", "most",
    "just", "only", "even", "still", "all", "any", "each", "every", "such", "do", "does", "did", "the", "a", "an",
];

/// Membership in one of the word lists above, through a hash set built on
/// first use (the lists are too long to scan for every word).
fn in_list(set: &'static OnceLock<FxSet<&'static str>>, list: &'static [&'static str], w: &str) -> bool {
    set.get_or_init(|| list.iter().copied().collect()).contains(w)
}

fn is_particle(w: &str) -> bool {
    static SET: OnceLock<FxSet<&'static str>> = OnceLock::new();
    in_list(&SET, PARTICLES, w)
}

/// The longest honorific, in bytes.
const MAX_HONORIFIC_LEN: usize = {
    let (mut k, mut max) = (0, 0);
    while k < HONORIFICS.len() {
        if HONORIFICS[k].len() > max {
            max = HONORIFICS[k].len();
        }
        k += 1;
    }
    max
};

#[inline]
fn is_honorific(w: &str) -> bool {
    // Most words are longer than any honorific: no list scan for them.
    w.len() <= MAX_HONORIFIC_LEN && HONORIFICS.contains(&w)
}

fn is_org_head(w: &str) -> bool {
    static SET: OnceLock<FxSet<&'static str>> = OnceLock::new();
    in_list(&SET, ORG_HEADS, w)
}

/// A cursor over tokens for mention parsing.
struct Words<'a> {
    text: &'a str,
    tokens: &'a [Token],
    lex: &'a Lexicon,
    /// Per-token memo of the lookups below (see `tokenize::Memo`).
    memo: Option<&'a [AtomicU32]>,
}

// Memo slot layout: a `done` bit, then the value.
const ABBREV_DONE: u32 = 1;
const ABBREV_SHIFT: u32 = 1; // 2 bits: token count, 0 for none
const TITLE_DONE: u32 = 1 << 3;
const TITLE_SHIFT: u32 = 4; // 5 bits: token count + 1, 0 for none
const ORG_DONE: u32 = 1 << 9;
const ORG_SHIFT: u32 = 10; // 6 bits: kind, then token count + 1 (0 for none)
const NAME_DONE: u32 = 1 << 16;
const NAME_SHIFT: u32 = 17; // 1 bit
const CLASS_DONE: u32 = 1 << 18;
const CLASS_SHIFT: u32 = 19; // `class::WIDTH` bits: the word's classes

impl<'a> Words<'a> {
    fn new(text: &'a str, toks: &'a Tokens, lex: &'a Lexicon) -> Words<'a> {
        Words { text, tokens: &toks.tokens, lex, memo: toks.memo.slots(text, lex, toks.tokens.len()) }
    }

    #[inline]
    fn slot(&self, i: usize) -> Option<&'a AtomicU32> {
        self.memo.and_then(|m| m.get(i))
    }

    /// The [`class`] bits of token `i` (none for tokens other than words
    /// and numbers): one lexicon lookup per token, memoised.
    #[inline(always)]
    fn classes(&self, i: usize) -> u16 {
        let slot = self.slot(i);
        if let Some(v) = memo_get(slot, CLASS_DONE, CLASS_SHIFT, class::WIDTH) {
            return v as u16;
        }
        self.classes_uncached(slot, i)
    }

    #[inline(never)]
    fn classes_uncached(&self, slot: Option<&AtomicU32>, i: usize) -> u16 {
        let r = match self.tokens.get(i) {
            Some(t) if matches!(t.kind, TokenKind::Word | TokenKind::Number) => {
                self.lex.word_classes(LowerBuf::of(t.text(self.text)).as_str())
            }
            _ => 0,
        };
        memo_set(slot, CLASS_DONE, CLASS_SHIFT, class::WIDTH, u32::from(r));
        r
    }

    /// Whether token `i` has any of the class bits `bits`.
    #[inline(always)]
    fn is(&self, i: usize, bits: u16) -> bool {
        self.classes(i) & bits != 0
    }

    fn word(&self, i: usize) -> Option<&'a str> {
        let t = self.tokens.get(i)?;
        (t.kind == TokenKind::Word).then(|| t.text(self.text))
    }

    /// A word followed directly by "." forming a known abbreviation (Sen.).
    #[inline(always)]
    fn abbrev_len(&self, i: usize) -> Option<(usize, &'a str)> {
        let slot = self.slot(i);
        if let Some(n) = memo_get(slot, ABBREV_DONE, ABBREV_SHIFT, 2) {
            let t = self.tokens[i];
            return match n {
                0 => None,
                1 => Some((1, t.text(self.text))),
                _ => Some((2, &self.text[t.span().start..self.tokens[i + 1].span().end])),
            };
        }
        let r = self.abbrev_len_uncached(i);
        memo_set(slot, ABBREV_DONE, ABBREV_SHIFT, 2, r.map_or(0, |(n, _)| n as u32));
        r
    }

    #[inline(never)]
    fn abbrev_len_uncached(&self, i: usize) -> Option<(usize, &'a str)> {
        let t = self.tokens.get(i)?;
        if t.kind != TokenKind::Word {
            return None;
        }
        let w = t.text(self.text);
        let initial = w.len() == 1 && w.chars().all(char::is_uppercase);
        if !initial && !self.is(i, class::ABBREV) {
            return None;
        }
        if w.ends_with('.') {
            return self.lex.abbreviation(w).map(|_| (1, w));
        }
        let d = self.tokens.get(i + 1)?;
        if d.kind == TokenKind::Punct && d.span().start == t.span().end && d.text(self.text) == "." {
            let with = &self.text[t.span().start..d.span().end];
            if initial || self.lex.abbreviation(with).is_some() {
                return Some((2, with));
            }
        }
        None
    }

    /// Longest title starting at token i: token count.
    #[inline(always)]
    fn title_at(&self, i: usize) -> Option<usize> {
        let slot = self.slot(i);
        if let Some(n) = memo_get(slot, TITLE_DONE, TITLE_SHIFT, 5) {
            return n.checked_sub(1).map(|n| n as usize);
        }
        let r = self.title_at_uncached(i);
        memo_set(slot, TITLE_DONE, TITLE_SHIFT, 5, r.map_or(0, |n| n as u32 + 1));
        r
    }

    #[inline(never)]
    fn title_at_uncached(&self, i: usize) -> Option<usize> {
        if !self.is(i, class::TITLE_START) {
            return None;
        }
        let mut best = None;
        let mut s = LowerBuf::new();
        let mut k = i;
        let mut words = 0;
        while words < self.lex.max_title_words() {
            let (n, w) = match self.abbrev_len(k) {
                Some(x) => x,
                None => match self.word(k) {
                    Some(w) => (1, w),
                    None => break,
                },
            };
            if words > 0 {
                s.push_str(" ");
            }
            s.push_lower(w);
            k += n;
            words += 1;
            // Titles are looked up word by word: stop as soon as the words
            // so far start no title.
            match self.lex.title_prefix(s.as_str()) {
                Some(true) => best = Some(k - i),
                Some(false) => {}
                None => break,
            }
        }
        best
    }

    /// Longest organisation at token i: token count.
    #[inline(always)]
    fn org_at(&self, i: usize) -> Option<(usize, OrgKind)> {
        let slot = self.slot(i);
        if let Some(v) = memo_get(slot, ORG_DONE, ORG_SHIFT, 6) {
            let kind = if v & 1 == 0 { OrgKind::Org } else { OrgKind::Government };
            return (v >> 1).checked_sub(1).map(|n| (n as usize, kind));
        }
        let r = self.org_at_uncached(i);
        let v = r.map_or(0, |(n, kind)| ((n as u32 + 1) << 1) | u32::from(kind == OrgKind::Government));
        memo_set(slot, ORG_DONE, ORG_SHIFT, 6, v);
        r
    }

    #[inline(never)]
    fn org_at_uncached(&self, i: usize) -> Option<(usize, OrgKind)> {
        if !self.is(i, class::ORG_START) {
            return None;
        }
        let mut best = None;
        let mut k = i;
        let start = self.tokens.get(i)?.span().start;
        for _ in 0..self.lex.max_org_words() {
            let Some(t) = self.tokens.get(k) else { break };
            if !matches!(t.kind, TokenKind::Word | TokenKind::Number) {
                break;
            }
            let name = &self.text[start..t.span().end];
            match self.lex.org_prefix(name) {
                Some(Some(kind)) => best = Some((k + 1 - i, kind)),
                Some(None) => {}
                // No organisation name starts with these words.
                None => break,
            }
            k += 1;
            // Only single spaces between the words of a name.
            if self.tokens.get(k).is_some_and(|n| n.span().start != t.span().end + 1) {
                break;
            }
        }
        best
    }

    #[inline(always)]
    /// Whether token `i` is the apostrophe of a plural possessive before
    /// another word: “Seafarers’ Union”, “the players’ union”.
    fn plural_apostrophe(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else { return false };
        t.kind == TokenKind::Quote
            && !t.space_before
            && i > 0
            && self.word(i - 1).is_some_and(|x| x.ends_with('s'))
            && self.tokens.get(i + 1).is_some_and(|n| n.kind == TokenKind::Word && n.space_before)
    }

    fn is_name_word(&self, i: usize) -> bool {
        let slot = self.slot(i);
        if let Some(v) = memo_get(slot, NAME_DONE, NAME_SHIFT, 1) {
            return v == 1;
        }
        let r = self.is_name_word_uncached(i);
        memo_set(slot, NAME_DONE, NAME_SHIFT, 1, u32::from(r));
        r
    }

    #[inline(never)]
    fn is_name_word_uncached(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else { return false };
        if t.kind != TokenKind::Word {
            return false;
        }
        let w = t.text(self.text);
        let c = w.chars().next().unwrap_or(' ');
        if !c.is_uppercase() {
            // al-Sharaa, el-Sisi, bin-Salman
            return ["al-", "el-", "bin-", "ibn-", "abu-", "ad-", "as-", "ash-"]
                .iter()
                .any(|p| w.strip_prefix(p).is_some_and(|r| r.chars().next().is_some_and(char::is_uppercase)));
        }
        let function = if is_possessive(w) {
            self.lex.is_function_word(strip_possessive(w))
        } else {
            self.is(i, class::FUNCTION) && self.lex.is_function_word(w)
        };
        let pronoun = self.is(i, class::PRONOUN) && self.lex.pronoun(w).is_some();
        !function && !pronoun
    }
}

/// A lower-case copy of a few words, on the stack while ASCII and short:
/// what `str::to_lowercase` of each word gives, without allocating.
struct LowerBuf {
    /// Only ASCII bytes are ever written here.
    buf: [u8; 64],
    len: usize,
    heap: Option<String>,
}

impl LowerBuf {
    #[inline]
    fn new() -> LowerBuf {
        LowerBuf { buf: [0; 64], len: 0, heap: None }
    }

    #[inline]
    fn of(w: &str) -> LowerBuf {
        let mut b = LowerBuf::new();
        b.push_lower(w);
        b
    }

    /// Appends `w` as is.
    #[inline]
    fn push_str(&mut self, w: &str) {
        if let Some(h) = &mut self.heap {
            h.push_str(w);
        } else if w.is_ascii() && self.len + w.len() <= self.buf.len() {
            self.buf[self.len..self.len + w.len()].copy_from_slice(w.as_bytes());
            self.len += w.len();
        } else {
            let mut h = String::with_capacity(self.len + w.len() + 32);
            h.push_str(self.stack_str());
            h.push_str(w);
            self.heap = Some(h);
        }
    }

    /// Appends `w.to_lowercase()`.
    #[inline]
    fn push_lower(&mut self, w: &str) {
        if w.is_ascii() && self.heap.is_none() && self.len + w.len() <= self.buf.len() {
            for (d, b) in self.buf[self.len..self.len + w.len()].iter_mut().zip(w.bytes()) {
                *d = b.to_ascii_lowercase();
            }
            self.len += w.len();
        } else {
            self.push_str(&w.to_lowercase());
        }
    }

    #[inline]
    fn stack_str(&self) -> &str {
        debug_assert!(self.buf[..self.len].is_ascii());
        // SAFETY: only ASCII bytes are written to `buf` (see `push_str` and
        // `push_lower`), and ASCII is valid UTF-8.
        unsafe { core::str::from_utf8_unchecked(&self.buf[..self.len]) }
    }

    #[inline]
    fn as_str(&self) -> &str {
        match &self.heap {
            Some(h) => h,
            None => self.stack_str(),
        }
    }
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")).unwrap_or(w)
}

/// Whether a description (without its determiner) has an owner or a name
/// among the words before its head: “players’ union”, “Times newspaper”,
/// not “union” or “social media company”. Such a description names an
/// entity of its own rather than referring back to the last one with that
/// head noun. (A word in capitals, an acronym or all-caps text, says
/// nothing either way and does not count.)
pub(crate) fn is_specific_description(words: &str) -> bool {
    words.split(' ').rev().skip(1).any(|w| {
        let named = w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase);
        named || w.ends_with(['’', '\'']) || is_possessive(w)
    })
}

/// Whether `hay` (a name or role) contains `description`, ignoring case
/// and possessive marks: “RNC chief counsel” contains “RNC’s chief”.
pub(crate) fn contains_description(hay: &str, description: &str) -> bool {
    let norm = |s: &str| s.to_lowercase().replace("’s", "").replace("'s", "").replace(['’', '\''], "");
    norm(hay).contains(&norm(description))
}

fn is_possessive(w: &str) -> bool {
    w.ends_with("’s") || w.ends_with("'s")
}

/// Parses a speaker mention starting at token `i`, not extending past `limit`.
pub fn mention_at(text: &str, toks: &Tokens, lex: &Lexicon, i: usize, limit: usize) -> Option<Mention> {
    mention_in(&Words::new(text, toks, lex), toks, i, limit, &mut Parts::new(), None)
}

/// A piece of a mention being parsed.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Part {
    Title,
    Name,
    Modifier,
    Nominal,
    Org,
    Particle,
    Possessive,
}

/// The parts of a mention phrase: (start token, token count, part kind).
/// A phrase has a handful, kept inline (more spill to the heap).
type Parts = smallvec::SmallVec<[(usize, usize, Part); 8]>;

/// [`mention_at`] with a reusable buffer for the parts of the phrase; with
/// `want_end`, only a mention ending right before that token is built (the
/// others are dropped before their strings are made).
fn mention_in(
    w: &Words<'_>,
    toks: &Tokens,
    i: usize,
    limit: usize,
    parts: &mut Parts,
    want_end: Option<usize>,
) -> Option<Mention> {
    let (text, lex) = (w.text, w.lex);
    let limit = limit.min(toks.tokens.len());
    if i >= limit {
        return None;
    }
    let first_word = w.word(i)?;
    // Other determiners of unnamed speakers: "another commenter", "my father"
    // (`lower` is the word in lower case).
    let other_det = |lower: &str| {
        matches!(lower, "another" | "one" | "each" | "every" | "my" | "his" | "her" | "their" | "our" | "its")
            && w.word(i + 1).is_some_and(|n| n.chars().next().is_some_and(char::is_lowercase))
    };
    // Pronoun. (A possessive one used as a determiner, “their union”, “his
    // wife”, opens a phrase instead.)
    if let Some(p) = w.is(i, class::PRONOUN).then(|| lex.pronoun(first_word)).flatten() {
        if p.subject || !other_det(LowerBuf::of(first_word).as_str()) {
            if !p.subject || want_end.is_some_and(|e| e != i + 1) {
                return None;
            }
            let t = toks.tokens[i];
            return Some(Mention {
                span: t.span(),
                first: i as u32,
                end: i as u32 + 1,
                kind: SpeakerKind::Pronoun,
                name: None,
                role: None,
                gender: p.gender,
                plural: p.plural,
                antecedent: None,
            });
        }
    }
    let mut k = i;
    let lower_first = LowerBuf::of(first_word);
    let has_det = matches!(lower_first.as_str(), "the" | "a" | "an");
    let other_det = !has_det && other_det(lower_first.as_str());
    if has_det || other_det {
        k += 1;
    }
    // Collect the phrase: (start token, token count, part kind).
    parts.clear();
    while k < limit {
        // An organisation name.
        if let Some((n, _)) = w.org_at(k) {
            if k + n <= limit {
                // "Kremlin’s" possessive is handled by the name path below.
                parts.push((k, n, Part::Org));
                k += n;
                continue;
            }
        }
        let honorific_here = w.abbrev_len(k).is_some_and(|(_, ab)| is_honorific(ab));
        if let Some(n) = w.title_at(k).filter(|_| !honorific_here) {
            if k + n <= limit {
                // A capitalised title word followed by a name is a title;
                // alone after "the", it is a nominal ("the President").
                parts.push((k, n, Part::Title));
                k += n;
                continue;
            }
        }
        // A nickname in quotes inside a name: Dwayne “The Rock” Johnson.
        if !parts.is_empty()
            && parts.last().is_some_and(|p| p.2 == Part::Name)
            && toks.tokens[k].kind == TokenKind::Quote
        {
            let mut j = k + 1;
            while j < limit && j < k + 5 && w.word(j).is_some_and(|x| x.chars().next().is_some_and(char::is_uppercase))
            {
                j += 1;
            }
            if j > k + 1 && j + 1 < limit && toks.tokens[j].kind == TokenKind::Quote && w.is_name_word(j + 1) {
                k = j + 1;
                continue;
            }
        }
        // A plural possessive inside an organisation name: Seafarers’ Union.
        if parts.last().is_some_and(|p| p.2 == Part::Name)
            && w.plural_apostrophe(k)
            && w.is_name_word(k + 1)
            && k + 1 < limit
        {
            parts.push((k, 1, Part::Name));
            k += 1;
            continue;
        }
        // “Teachers’ unions said”: a capitalised plural possessive opening
        // the sentence, before a lower-case head noun.
        if parts.len() == 1
            && parts[0].2 == Part::Name
            && parts[0].0 == i
            && (i == 0 || toks.tokens[i - 1].sentence != toks.tokens[i].sentence)
            && k + 1 < limit
            && w.plural_apostrophe(k)
            && w.word(k + 1).is_some_and(|x| x.chars().next().is_some_and(char::is_lowercase))
            && w.is(k + 1, class::NOMINAL)
        {
            parts[0].2 = Part::Modifier;
            parts.push((k, 1, Part::Modifier));
            k += 1;
            continue;
        }
        let Some(word) = w.word(k) else {
            // Initials and honorifics: "W." "Mr."
            break;
        };
        if let Some((n, ab)) = w.abbrev_len(k) {
            let name_like = is_honorific(ab)
                || (ab.len() == 2 && ab.chars().next().is_some_and(char::is_uppercase))
                || matches!(ab, "Jr." | "Sr.");
            if name_like && k + n <= limit {
                parts.push((k, n, Part::Name));
                k += n;
                continue;
            }
        }
        let demonym = w.is(k, class::DEMONYM) && lex.demonym(word).is_some();
        if demonym
            && (w.title_at(k + 1).is_some()
                || w.org_at(k + 1).is_some()
                || w.word(k + 1).is_some_and(|x| x.chars().next().is_some_and(char::is_lowercase)))
        {
            parts.push((k, 1, Part::Modifier));
            k += 1;
            continue;
        }
        if w.is_name_word(k) {
            if is_possessive(word) {
                parts.push((k, 1, Part::Possessive));
                k += 1;
                continue;
            }
            parts.push((k, 1, Part::Name));
            k += 1;
            continue;
        }
        let particle_then_name =
            |k: usize| (k + 1..k + 3).find(|&j| !w.word(j).is_some_and(is_particle)).is_some_and(|j| w.is_name_word(j));
        if w.is(k, class::PARTICLE)
            && !parts.is_empty()
            && particle_then_name(k)
            && word.chars().next().is_some_and(char::is_lowercase)
        {
            parts.push((k, 1, Part::Particle));
            k += 1;
            continue;
        }
        if w.is(k, class::NOMINAL) {
            parts.push((k, 1, Part::Nominal));
            k += 1;
            // A nominal head ends the phrase unless a name ("analyst John
            // Doe") or another role noun ("air force spokesman") follows.
            let role_at = |k: usize| {
                w.word(k).is_some_and(|x| {
                    x.chars().next().is_some_and(char::is_lowercase)
                        && (w.is(k, class::NOMINAL) || w.title_at(k).is_some())
                })
            };
            // “the owners’ group”: a plural possessive before the head.
            if k + 1 < limit && w.plural_apostrophe(k) && role_at(k + 1) {
                if let Some(p) = parts.last_mut() {
                    p.2 = Part::Modifier;
                }
                parts.push((k, 1, Part::Modifier));
                k += 1;
                continue;
            }
            let next_role = role_at(k);
            if !w.is_name_word(k) && !next_role {
                break;
            }
            continue;
        }
        if w.is(k, class::MODIFIER) || demonym {
            parts.push((k, 1, Part::Modifier));
            k += 1;
            continue;
        }
        // Other lower-case words ("the electoral commission", "labour
        // minister Nadia Farouk") only when a nominal or title head follows
        // within four words.
        // (A capitalised first word of a sentence may be an adjective:
        // "Regional tourism chief Carmen Vidal".)
        let sentence_initial_cap = parts.len() == 1
            && parts[0].2 == Part::Name
            && parts[0].0 == i
            && (i == 0 || toks.tokens[i - 1].sentence != toks.tokens[i].sentence);
        let premodifier_zone =
            parts.iter().all(|p| matches!(p.2, Part::Modifier | Part::Title)) || sentence_initial_cap;
        if premodifier_zone && word.chars().next().is_some_and(char::is_lowercase) && !w.is(k, class::STOP) {
            let mut j = k;
            let mut head = None;
            while j < limit && j < k + 4 {
                // The apostrophe of a plural possessive: “the players’ union”.
                if j > k && w.plural_apostrophe(j) {
                    j += 1;
                    continue;
                }
                let Some(wj) = w.word(j) else { break };
                if !wj.chars().next().is_some_and(char::is_lowercase) || w.is(j, class::STOP) {
                    break;
                }
                if w.is(j, class::NOMINAL) || w.title_at(j).is_some() {
                    head = Some(j);
                    break;
                }
                // Role words right before a name: "resident Liam Ferris",
                // "chief engineer Ines Carvalho".
                let opens_phrase = !sentence_initial_cap
                    && premodifier_zone
                    && (i == 0
                        || toks.tokens[i - 1].kind != TokenKind::Word
                        || matches!(w.word(i - 1), Some("the" | "a" | "an" | "and" | "but" | "as" | "while" | "The")));
                if opens_phrase && w.is_name_word(j + 1) && {
                    let lj = LowerBuf::of(wj);
                    let lj = lj.as_str();
                    lj.len() > 2 && !lj.ends_with("ing") && !lj.ends_with("ed")
                } {
                    for x in k..=j {
                        parts.push((x, 1, Part::Title));
                    }
                    k = j + 1;
                    head = None;
                    break;
                }
                j += 1;
            }
            if k > j {
                if sentence_initial_cap {
                    parts[0].2 = Part::Modifier;
                }
                continue;
            }
            if let Some(h) = head.filter(|&h| h > k) {
                if sentence_initial_cap {
                    parts[0].2 = Part::Modifier;
                }
                for x in k..h {
                    parts.push((x, 1, Part::Modifier));
                }
                k = h;
                continue;
            }
        }
        break;
    }
    // Trailing modifiers/particles/possessives are not part of the mention.
    while parts.last().is_some_and(|p| matches!(p.2, Part::Modifier | Part::Particle | Part::Possessive)) {
        parts.pop();
    }
    let last = *parts.last()?;
    let end = last.0 + last.1;
    if want_end.is_some_and(|e| e != end) {
        return None;
    }
    let tokens = &toks.tokens;
    let span = Span::new(tokens[i].span().start, tokens[end - 1].span().end);
    // The name: the trailing run of Name/Particle parts.
    let mut name_start = parts.len();
    while name_start > 0 && matches!(parts[name_start - 1].2, Part::Name | Part::Particle) {
        name_start -= 1;
    }
    let text_of = |a: usize, b: usize| -> String { text[tokens[a].span().start..tokens[b - 1].span().end].to_owned() };
    let mk = |kind, name: Option<String>, role: Option<String>, gender, plural| Mention {
        span,
        first: i as u32,
        end: end as u32,
        kind,
        name,
        role,
        gender,
        plural,
        antecedent: None,
    };
    if name_start < parts.len() {
        let ns = parts[name_start].0;
        // Skip honorifics at the start of the name for the canonical form.
        let mut canon_start = ns;
        let mut gender = Gender::Unknown;
        if let Some((n, ab)) = w.abbrev_len(ns).or_else(|| w.word(ns).filter(|x| is_honorific(x)).map(|x| (1, x))) {
            if is_honorific(ab) {
                gender = match ab.trim_end_matches('.') {
                    "Mr" => Gender::Male,
                    "Mrs" | "Ms" | "Miss" => Gender::Female,
                    _ => Gender::Unknown,
                };
                canon_start = ns + n;
            }
        }
        if canon_start >= end {
            return None;
        }
        // Join the name's parts (a nickname between them is left out).
        let mut name = String::with_capacity(span.len());
        for p in &parts[name_start..] {
            let (ps, pe) = (p.0.max(canon_start), p.0 + p.1);
            if ps >= pe {
                continue;
            }
            if !name.is_empty() && toks.tokens[ps].space_before {
                name.push(' ');
            }
            name.push_str(&text[tokens[ps].span().start..tokens[pe - 1].span().end]);
        }
        name.truncate(name.trim_end_matches([',', ' ']).len());
        if name.is_empty() {
            return None;
        }
        // A given name says something only when a surname follows it.
        if gender == Gender::Unknown && name.contains(' ') {
            if let Some(first) = w.word(canon_start) {
                gender = lex.given_name(first).unwrap_or(Gender::Unknown);
            }
        }
        let role = (name_start > 0).then(|| {
            let rs = parts[0].0;
            let re = parts[name_start - 1].0 + parts[name_start - 1].1;
            text_of(rs, re)
        });
        // A lone capitalised word that is a place stands for its country.
        if name_start == 0 && !has_det {
            if let Some(country) = lex.place(&name) {
                return Some(mk(SpeakerKind::Place, Some(country.to_owned()), None, Gender::Neuter, false));
            }
        }
        // A name ending in an organisation noun is an organisation:
        // "Communications Authority", "Norwegian Seafarers’ Union".
        let last_word = name.rsplit(' ').next().unwrap_or("");
        if name.contains(' ') && is_org_head(last_word) {
            let from = parts.iter().position(|p| p.2 != Part::Nominal).map_or(ns, |x| parts[x].0);
            let org_text = text_of(from.min(ns), end);
            let name = if has_det { format!("the {org_text}") } else { org_text };
            return Some(mk(SpeakerKind::Organization, Some(name), None, Gender::Neuter, false));
        }
        // A lone sentence-initial participle or adjective is not a name
        // ("Conflicting claims emerged").
        if !name.contains(' ')
            && name_start == 0
            && (name.ends_with("ing") || name.ends_with("ed"))
            && lex.given_name(&name).is_none()
        {
            return None;
        }
        return Some(mk(SpeakerKind::Person, Some(name), role, gender, false));
    }
    // No personal name: organisation, nominal, or title-only nominal.
    match last.2 {
        Part::Org => {
            // "the Belarusian Interior Ministry": modifiers stay in the name.
            let from = parts.iter().position(|p| p.2 != Part::Nominal).map_or(last.0, |x| parts[x].0);
            let org_text = text_of(from.min(last.0), end);
            let name = if has_det { format!("the {org_text}") } else { org_text };
            // Modifiers before an org ("Russian Defense Ministry") stay in the mention.
            Some(mk(SpeakerKind::Organization, Some(name), None, Gender::Neuter, false))
        }
        Part::Nominal | Part::Title => {
            let head = w.word(end - 1).unwrap_or("").to_lowercase();
            let kind = match lex.nominal(&head) {
                Some(NominalKind::Document) => SpeakerKind::Document,
                _ => SpeakerKind::Nominal,
            };
            let plural = (head.ends_with('s') && !head.ends_with("ss"))
                || matches!(
                    head.as_str(),
                    "police"
                        | "staff"
                        | "military"
                        | "personnel"
                        | "people"
                        | "media"
                        | "public"
                        | "press"
                        | "data"
                        | "clergy"
                );
            let whole = text_of(i, end);
            // A document is named by its head noun ("a poll released Monday" →
            // "poll").
            let whole = if kind == SpeakerKind::Document { w.word(end - 1).unwrap_or("").to_owned() } else { whole };
            Some(mk(
                kind,
                Some(whole.clone()),
                Some(text_of(if has_det { i + 1 } else { i }, end)),
                Gender::Unknown,
                plural,
            ))
        }
        _ => None,
    }
}

/// Parses the mention that ends right before token `end` (exclusive),
/// starting no earlier than `floor`.
pub fn mention_before(text: &str, toks: &Tokens, lex: &Lexicon, end: usize, floor: usize) -> Option<Mention> {
    if end == 0 || end <= floor {
        return None;
    }
    // Memoised per document (for this text and lexicon only).
    if toks.memo.slots(text, lex, toks.tokens.len()).is_none() || end > u32::MAX as usize {
        return mention_before_uncached(text, toks, lex, end, floor);
    }
    let (e, f, n) = (end as u32, floor.min(u32::MAX as usize) as u32, toks.tokens.len());
    if let Some(m) = toks.memo.before.lock().ok().and_then(|mut c| c.get(e, f, n)) {
        return m;
    }
    let m = mention_before_uncached(text, toks, lex, end, floor);
    if let Ok(mut c) = toks.memo.before.lock() {
        c.put(e, f, n, m.clone());
    }
    m
}

fn mention_before_uncached(text: &str, toks: &Tokens, lex: &Lexicon, end: usize, floor: usize) -> Option<Mention> {
    let tokens = &toks.tokens;
    let w = Words::new(text, toks, lex);
    // Walk left over tokens that can be inside a mention.
    let mut s = end;
    let mut steps = 0;
    while s > floor && steps < 12 {
        let t = tokens[s - 1];
        let ok = match t.kind {
            TokenKind::Word => true,
            TokenKind::Punct => {
                // The dot of "Sen." or "W." glued to its word.
                t.text(text) == "."
                    && s >= 2
                    && tokens[s - 2].span().end == t.span().start
                    && tokens[s - 2].kind == TokenKind::Word
            }
            // The apostrophe of a plural possessive inside a name or a
            // role: Seafarers’ Union, the players’ union.
            TokenKind::Quote => w.plural_apostrophe(s - 1),
            _ => false,
        };
        if !ok {
            break;
        }
        s -= 1;
        steps += 1;
    }
    // Try the longest mention that ends exactly at `end`.
    let mut parts = Parts::new();
    (s..end).find_map(|k| mention_in(&w, toks, k, end, &mut parts, Some(end)))
}

/// One entity: a person, organisation or place the document talks about.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// Canonical name: the fullest name seen (“Dmitry Peskov”).
    pub name: String,
    /// Kind.
    pub kind: SpeakerKind,
    /// Title or role, when one was seen with the name.
    pub role: Option<String>,
    /// Gender hint.
    pub gender: Gender,
    /// The mention that introduced the entity.
    pub introduced: Span,
    /// Whether there is evidence that the entity is a person (a known given
    /// name, an honorific, a title, or speech attributed to it); only such
    /// entities are antecedents of “he” and “she”.
    pub person: bool,
    /// Whether a record has this entity as its speaker (also makes it an
    /// antecedent of “he” and “she”).
    pub spoke: bool,
}

/// A mention of an entity at a token position.
#[derive(Clone, Copy, Debug)]
struct EntityMention {
    token: u32,
    entity: u32,
}

/// The document's entities and where each is mentioned.
#[derive(Clone, Debug, Default)]
pub struct Entities {
    /// All entities.
    pub list: Vec<Entity>,
    /// Person mentions in token order.
    mentions: Vec<EntityMention>,
    /// Organisation mentions in token order.
    orgs: Vec<EntityMention>,
    /// Per entity: the name groups it belongs to.
    member_of: Vec<smallvec::SmallVec<[u32; 3]>>,
    /// Groups of entities sharing a name word, indexed by the maps below.
    groups: Vec<NameGroup>,
    by_surname: NameTable,
    by_first: NameTable,
    by_word: NameTable,
    /// Entity id by canonical name.
    by_name: NameTable,
    /// The hash of all four tables.
    hasher: std::hash::RandomState,
    /// Per entity: whether `by_name` maps its name to it (the first entity
    /// of a name does).
    named: Vec<bool>,
}

/// A table keyed by words of the document, holding only ids (of entities,
/// or of name groups): a key is read where the id points, from the
/// entity's name, so the table stores no copy of it. On a document naming
/// hundreds of thousands of people, the copies (a heap allocation each)
/// and 32-byte slots made the tables a large part of the memory touched.
///
/// Unlike the lexicon's tables (`FxMap`, fixed keys), it hashes with the
/// standard library's keyed SipHash ([`Entities`] holds the key): the Fx
/// hash of names that share their first bytes (“Bo Qa”, “Bo Qb”, …) agrees
/// in its low bits, which pick the bucket, so a document of many such
/// names made every insertion probe a long run and entity building
/// super-linear. The tables are only looked up, never iterated, so the
/// random key does not change any output.
type NameTable = hashbrown::HashTable<u32>;

/// The entities that share one name word (as surname, first name or
/// middle name), for resolving a one-word mention (“Berg”) to one of them.
#[derive(Clone, Debug, Default)]
struct NameGroup {
    /// The word, as (entity, byte offset, length) in the name of the member
    /// that created the group (see [`group_word`]).
    word: (u32, u32, u32),
    /// Members, in order of introduction (most groups have one or two).
    ids: smallvec::SmallVec<[u32; 2]>,
    /// Every mention of a member, in token order.
    mentions: smallvec::SmallVec<[EntityMention; 2]>,
}

/// The word of name group `g`: a slice of the name of the entity that
/// created it (names never change once an entity exists).
fn group_word<'a>(list: &'a [Entity], g: &NameGroup) -> &'a str {
    let (e, at, len) = g.word;
    list.get(e as usize).and_then(|x| x.name.get(at as usize..at as usize + len as usize)).unwrap_or("")
}

/// How many of the latest mentions of a name group a one-word name looks
/// through for a member of compatible gender (and how many members it
/// tries when none was mentioned before it), so that a document naming
/// thousands of people “Anna” stays linear.
pub const NAME_LOOKBACK: usize = 64;

/// Adds entity `id` to the group of `word` in `table`, creating the
/// group; `word` lies at byte `at` of the entity's name.
fn join_group(
    table: &mut NameTable,
    groups: &mut Vec<NameGroup>,
    list: &[Entity],
    hasher: &std::hash::RandomState,
    (word, at): (&str, usize),
    id: u32,
) -> u32 {
    let h = hasher.hash_one(word);
    let g = match table.find(h, |&g| group_word(list, &groups[g as usize]) == word) {
        Some(&g) => g,
        None => {
            groups.push(NameGroup { word: (id, at as u32, word.len() as u32), ..NameGroup::default() });
            let g = groups.len() as u32 - 1;
            table.insert_unique(h, g, |&g| hasher.hash_one(group_word(list, &groups[g as usize])));
            g
        }
    };
    groups[g as usize].ids.push(id);
    g
}

/// How far back (in tokens) a role nominal (“the spokesman”) looks for the
/// entity that held the role.
pub const ROLE_WINDOW: usize = 3000;

/// The words of a name, suffixes (“Jr.”, “III”) left out; a name has a
/// few, kept inline.
fn name_words(name: &str) -> smallvec::SmallVec<[&str; 4]> {
    name.split(' ').filter(|w| !matches!(*w, "Jr." | "Sr." | "Jr" | "Sr" | "II" | "III" | "IV" | ",")).collect()
}

/// The role in an appositive right after a name ending before token `end`:
/// “Dmitry Peskov, the Kremlin’s spokesman,” → “Kremlin spokesman”;
/// “Henrik Dahl, chairman of Nordmælk,” → “chairman of Nordmælk”.
pub fn appositive_role(text: &str, toks: &Tokens, lex: &Lexicon, end: usize) -> Option<String> {
    let tokens = &toks.tokens;
    let is = |i: usize, p: &str| tokens.get(i).is_some_and(|t| t.kind == TokenKind::Punct && t.text(text) == p);
    if !is(end, ",") {
        return None;
    }
    let mut k = end + 1;
    let first = k;
    if tokens.get(k).is_some_and(|t| matches!(t.text(text), "the" | "a" | "an")) {
        k += 1;
    }
    let start = k;
    // An appositive names a role; "who chairs …" is a relative clause.
    if tokens
        .get(k)
        .is_none_or(|t| t.kind != TokenKind::Word || matches!(t.text(text), "who" | "which" | "whose" | "where"))
    {
        return None;
    }
    let mut has_title = false;
    while k < tokens.len() && k < first + 12 {
        let t = tokens[k];
        if t.kind != TokenKind::Word {
            break;
        }
        let lw = LowerBuf::of(t.text(text));
        let w = lw.as_str();
        let head = lex.is_title(w) || lex.is_title(strip_possessive(w)) || lex.nominal(w).is_some();
        if k == start && start == first && !head {
            // A predicate or an adjunct, not an appositive: “, said today
            // the budget …”, “, told The Huffington Post”, “, speaking to
            // …”, “, in a statement …”. (A cue's base form may be a noun:
            // “the state's chief health officer”.)
            let cue = lex.cue_at(text, t.span().start).and_then(|(_, f)| lex.cue_forms().get(f as usize));
            let verb = cue.is_some_and(|f| f.class != crate::lexicon::CueClass::Base) || w.ends_with("ing");
            if verb || matches!(w, "in" | "at" | "on" | "for" | "with" | "by" | "from" | "to" | "after" | "during") {
                return None;
            }
        }
        // A noun we do not know, followed by a relative clause: “pharmacist
        // who advises the consumer federation”.
        if k > start && matches!(w, "who" | "whose") {
            has_title = true;
        }
        // A determiner or “than” before any head, other than after a
        // preposition (“one of the president's aides”): a verb phrase
        // (“Emma, grow up a better woman than your aunt”), not an
        // appositive.
        let after_preposition = tokens[k - 1].text(text).eq_ignore_ascii_case("of")
            || matches!(tokens[k - 1].text(text), "at" | "for" | "in" | "from" | "with");
        if !has_title
            && k > start
            && !after_preposition
            && matches!(w, "a" | "an" | "the" | "than" | "your" | "my" | "our")
        {
            return None;
        }
        has_title |= head;
        k += 1;
    }
    if !has_title || k == start || !(is(k, ",") || is(k, ".")) {
        return None;
    }
    let role = &text[tokens[start].span().start..tokens[k - 1].span().end];
    Some(role.replace("’s", "").replace("'s", ""))
}

impl Entities {
    /// Builds entities from every person name of two or more words and
    /// every organisation name.
    pub fn build(text: &str, toks: &Tokens, lex: &Lexicon) -> Entities {
        let mut e = Entities::default();
        let tokens = &toks.tokens;
        // Room for one entity per two capitalised words (a first name and
        // a surname), so that the name tables of a long document are not
        // rehashed as they grow: a rehash reads every key again, from all
        // over the heap (long documents only: see PRESIZE_MIN_TOKENS).
        if tokens.len() >= crate::bigvec::PRESIZE_MIN_TOKENS {
            let capitalised =
                tokens.iter().filter(|t| t.kind == TokenKind::Word && t.first_char(text).is_uppercase()).count();
            let room = capitalised / 2;
            // Empty tables: nothing to rehash.
            for table in [&mut e.by_name, &mut e.by_surname, &mut e.by_first] {
                table.reserve(room, |_| 0);
            }
        }
        let w = Words::new(text, toks, lex);
        let mut parts = Parts::new();
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            if t.kind != TokenKind::Word || !t.first_char(text).is_uppercase() {
                i += 1;
                continue;
            }
            match mention_in(&w, toks, i, tokens.len(), &mut parts, None) {
                Some(mut m) if m.kind == SpeakerKind::Person => {
                    if m.role.is_none() {
                        m.role = appositive_role(text, toks, lex, m.end as usize);
                    }
                    e.add_person(&m, i);
                    i = m.end as usize;
                }
                Some(m) if m.kind == SpeakerKind::Organization => {
                    e.add_org(&m, i);
                    i = m.end as usize;
                }
                Some(m) => i = (m.end as usize).max(i + 1),
                None => i += 1,
            }
        }
        e
    }

    /// The id of the entity with this canonical name.
    fn entity_named(&self, name: &str) -> Option<usize> {
        let h = self.hasher.hash_one(name);
        self.by_name.find(h, |&id| self.list[id as usize].name == name).map(|&id| id as usize)
    }

    /// The group of `word` in `table`.
    fn group_of(&self, table: &NameTable, word: &str) -> Option<u32> {
        let h = self.hasher.hash_one(word);
        table.find(h, |&g| group_word(&self.list, &self.groups[g as usize]) == word).copied()
    }

    /// [`Entities::entity_named`] for a mention starting at `token`: the
    /// person mentioned there when it is the entity of that name (found by
    /// binary search in the mention list, which records visit in text order,
    /// so in cache), else the name table's answer.
    fn entity_named_at(&self, name: &str, token: usize) -> Option<usize> {
        let k = self.mentions.partition_point(|m| (m.token as usize) < token);
        let here = self.mentions.get(k).filter(|m| m.token as usize == token).map(|m| m.entity as usize);
        match here {
            Some(id) if self.named[id] && self.list[id].name == name => Some(id),
            _ => self.entity_named(name),
        }
    }

    fn push_entity(&mut self, ent: Entity) -> usize {
        let (list, hasher) = (&self.list, &self.hasher);
        let h = hasher.hash_one(ent.name.as_str());
        let entry = self.by_name.entry(
            h,
            |&id| list[id as usize].name == ent.name,
            |&id| hasher.hash_one(list[id as usize].name.as_str()),
        );
        let named = match entry {
            hashbrown::hash_table::Entry::Vacant(v) => {
                v.insert(list.len() as u32);
                true
            }
            hashbrown::hash_table::Entry::Occupied(_) => false,
        };
        self.named.push(named);
        self.list.push(ent);
        self.member_of.push(smallvec::SmallVec::new());
        self.list.len() - 1
    }

    /// Records a mention of entity `id` at `token` in its name groups.
    fn seen(&mut self, id: usize, token: usize) {
        for &g in &self.member_of[id] {
            self.groups[g as usize].mentions.push(EntityMention { token: token as u32, entity: id as u32 });
        }
    }

    fn add_person(&mut self, m: &Mention, token: usize) {
        let Some(name) = m.name.as_deref() else { return };
        let words = name_words(name);
        let id = if words.len() >= 2 {
            match self.entity_named(name) {
                Some(id) => {
                    if self.list[id].role.is_none() {
                        self.list[id].role.clone_from(&m.role);
                    }
                    id
                }
                None => {
                    let id = self.push_entity(Entity {
                        name: name.to_owned(),
                        kind: SpeakerKind::Person,
                        role: m.role.clone(),
                        gender: m.gender,
                        introduced: m.span,
                        person: m.gender != Gender::Unknown || m.role.is_some(),
                        spoke: false,
                    });
                    let (groups, member) = (&mut self.groups, &mut self.member_of[id]);
                    let (list, hasher) = (&self.list, &self.hasher);
                    // Where a word lies in the name (a slice of it).
                    let at = |w: &str| w.as_ptr() as usize - name.as_ptr() as usize;
                    let last = words[words.len() - 1];
                    member.push(join_group(&mut self.by_surname, groups, list, hasher, (last, at(last)), id as u32));
                    member.push(join_group(
                        &mut self.by_first,
                        groups,
                        list,
                        hasher,
                        (words[0], at(words[0])),
                        id as u32,
                    ));
                    for &w in &words[1..words.len() - 1] {
                        if w.chars().next().is_some_and(char::is_uppercase) && w.len() > 2 {
                            member.push(join_group(&mut self.by_word, groups, list, hasher, (w, at(w)), id as u32));
                        }
                    }
                    id
                }
            }
        } else {
            match self.lookup_single(words.first().copied().unwrap_or(""), token, m.gender) {
                Some(id) => {
                    if self.list[id].gender == Gender::Unknown && m.gender != Gender::Unknown {
                        self.list[id].gender = m.gender;
                    }
                    id
                }
                None => return,
            }
        };
        self.seen(id, token);
        self.mentions.push(EntityMention { token: token as u32, entity: id as u32 });
    }

    fn add_org(&mut self, m: &Mention, token: usize) {
        let Some(name) = m.name.as_deref() else { return };
        let bare = name.strip_prefix("the ").unwrap_or(name);
        let known = self
            .entity_named(name)
            .or_else(|| self.entity_named(bare))
            .or_else(|| self.entity_named(&format!("the {bare}")));
        let id = match known.filter(|&id| self.list[id].kind == SpeakerKind::Organization) {
            Some(id) => id,
            None => self.push_entity(Entity {
                name: name.to_owned(),
                kind: SpeakerKind::Organization,
                role: None,
                gender: Gender::Neuter,
                introduced: m.span,
                person: false,
                spoke: false,
            }),
        };
        self.seen(id, token);
        self.orgs.push(EntityMention { token: token as u32, entity: id as u32 });
    }

    /// Marks the entity mentioned at `token` as a speaker (evidence that it
    /// is a person, for pronoun resolution).
    pub fn mark_speaker(&mut self, token: usize) {
        let k = self.mentions.partition_point(|m| (m.token as usize) < token);
        if let Some(m) = self.mentions.get(k).filter(|m| m.token as usize == token) {
            let id = m.entity as usize;
            self.list[id].spoke = true;
        }
    }

    /// The entity a one-word name refers to: among entities with that
    /// surname (else first name, else middle name) and a compatible gender,
    /// the one mentioned most recently before `token`, else the first
    /// (looking through at most [`NAME_LOOKBACK`] mentions, then members).
    fn lookup_single(&self, word: &str, token: usize, gender: Gender) -> Option<usize> {
        let g = self
            .group_of(&self.by_surname, word)
            .or_else(|| self.group_of(&self.by_first, word))
            .or_else(|| self.group_of(&self.by_word, word))?;
        let group = &self.groups[g as usize];
        let ok = |id: u32| gender == Gender::Unknown || gender_compatible(self.list[id as usize].gender, gender);
        let k = group.mentions.partition_point(|x| (x.token as usize) < token);
        let recent = group.mentions[..k].iter().rev().take(NAME_LOOKBACK).map(|x| x.entity).find(|&id| ok(id));
        recent.or_else(|| group.ids.iter().take(NAME_LOOKBACK).copied().find(|&id| ok(id))).map(|id| id as usize)
    }

    /// The organisation named most recently before `token`.
    pub fn last_org(&self, token: usize) -> Option<&Entity> {
        let k = self.orgs.partition_point(|m| (m.token as usize) < token);
        k.checked_sub(1).map(|k| &self.list[self.orgs[k].entity as usize])
    }

    /// Resolves a speaker mention to (canonical name, role, antecedent span).
    pub fn resolve<'t>(&self, text: &'t str, m: &Mention) -> (Option<String>, Option<String>, Option<TextSpan<'t>>) {
        let token = m.first as usize;
        match m.kind {
            SpeakerKind::Person => {
                let Some(name) = m.name.as_deref() else { return (None, m.role.clone(), None) };
                let words = name_words(name);
                if words.len() >= 2 {
                    let role = m
                        .role
                        .clone()
                        .or_else(|| self.entity_named_at(name, token).and_then(|id| self.list[id].role.clone()));
                    return (Some(name.to_owned()), role, None);
                }
                match self.lookup_single(words.first().copied().unwrap_or(""), token, m.gender) {
                    Some(id) => {
                        let e = &self.list[id];
                        let role = m.role.clone().or_else(|| e.role.clone());
                        (Some(e.name.clone()), role, Some(TextSpan::of(text, e.introduced)))
                    }
                    None => (Some(name.to_owned()), m.role.clone(), None),
                }
            }
            SpeakerKind::Nominal => {
                let head = m.role.as_deref().and_then(|r| r.rsplit(' ').next()).unwrap_or("").to_lowercase();
                let det_the = text[m.span.range()].to_lowercase().starts_with("the ");
                // A description with an owner or a name in it (“the players’
                // union”, “the Times newspaper”) names its own entity: it
                // refers back only to one whose name or role contains it.
                let role = m.role.as_deref().unwrap_or("");
                let specific = is_specific_description(role);
                let fits = |name: &str| !specific || contains_description(name, role);
                // "the agency": the organisation named last.
                if det_the && !m.plural && ORG_NOUNS.contains(&head.as_str()) {
                    if let Some(e) = self.last_org(token).filter(|e| fits(&e.name)) {
                        return (Some(e.name.clone()), None, Some(TextSpan::of(text, e.introduced)));
                    }
                    if specific {
                        return (m.name.clone(), m.role.clone(), None);
                    }
                }
                // "the spokesman": the person who last held that role.
                if det_the && !m.plural && !head.is_empty() {
                    let k = self.mentions.partition_point(|x| (x.token as usize) < token);
                    let floor = token.saturating_sub(ROLE_WINDOW);
                    let found = self.mentions[..k].iter().rev().take_while(|x| x.token as usize >= floor).find(|x| {
                        self.list[x.entity as usize]
                            .role
                            .as_deref()
                            .is_some_and(|r| r.to_lowercase().split(' ').any(|w| w == head) && fits(r))
                    });
                    if let Some(x) = found {
                        let e = &self.list[x.entity as usize];
                        return (Some(e.name.clone()), e.role.clone(), Some(TextSpan::of(text, e.introduced)));
                    }
                }
                (m.name.clone(), m.role.clone(), None)
            }
            _ => (m.name.clone(), m.role.clone(), None),
        }
    }

    /// Whether `name` is an entity with evidence of being a person.
    pub fn is_person(&self, name: &str) -> bool {
        self.entity_named(name).is_some_and(|id| self.list[id].person && self.list[id].kind == SpeakerKind::Person)
    }

    /// Whether the entity called `name` may be referred to by a pronoun of
    /// `gender` (unknown entities are compatible with anything).
    pub fn compatible(&self, name: &str, gender: Gender) -> bool {
        match self.entity_named(name).map(|id| &self.list[id]) {
            Some(e) => e.kind == SpeakerKind::Person && gender_compatible(e.gender, gender),
            None => true,
        }
    }

    /// Whether the person `name` is mentioned between tokens `a` and `b`
    /// (exclusive), i.e. whether recency points at it.
    pub fn mentioned_between(&self, name: &str, a: usize, b: usize) -> bool {
        let lo = self.mentions.partition_point(|m| (m.token as usize) <= a);
        let hi = self.mentions.partition_point(|m| (m.token as usize) < b);
        self.mentions[lo.min(hi)..hi].iter().any(|m| self.list[m.entity as usize].name == name)
    }

    /// The most recent person before `token` (within [`PRONOUN_WINDOW`]
    /// tokens) compatible with `gender`.
    pub fn antecedent(&self, token: usize, gender: Gender) -> Option<&Entity> {
        let floor = token.saturating_sub(PRONOUN_WINDOW);
        let k = self.mentions.partition_point(|m| (m.token as usize) < token);
        self.mentions[..k]
            .iter()
            .rev()
            .take_while(|m| (m.token as usize) >= floor)
            .map(|m| &self.list[m.entity as usize])
            .find(|e| (e.person || e.spoke) && gender_compatible(e.gender, gender))
    }
}

/// The role a description gives the name set off after it: “the finance
/// minister, Oleksandr Marchenko,” → “finance minister”.
pub(crate) fn description_role(description: &str) -> String {
    description.trim_start_matches("the ").trim_start_matches("The ").to_owned()
}

/// Nouns that, after “the”, refer back to the last organisation named.
/// Head nouns of institutions: “the ministry”, “the company”.
pub(crate) const ORG_NOUNS: &[&str] = &[
    "agency",
    "company",
    "firm",
    "ministry",
    "department",
    "group",
    "bank",
    "union",
    "party",
    "committee",
    "commission",
    "council",
    "authority",
    "regulator",
    "carrier",
    "airline",
    "club",
    "operator",
    "manufacturer",
    "organization",
    "organisation",
    "institute",
    "broadcaster",
    "newspaper",
    "network",
    "insurer",
    "lender",
    "retailer",
    "charity",
    "federation",
    "association",
    "court",
    "board",
];

/// Whether an entity of gender `e` can be referred to by a pronoun of gender `p`.
pub fn gender_compatible(e: Gender, p: Gender) -> bool {
    match p {
        Gender::Male | Gender::Female => e == p || e == Gender::Unknown,
        Gender::Neuter => false,
        Gender::Unknown => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn parse(text: &str) -> Option<Mention> {
        let lx = Lexicon::builtin();
        let t = tokenize(text, lx);
        mention_at(text, &t, lx, 0, t.tokens.len())
    }

    #[test]
    fn descriptions_with_an_owner_or_a_name_are_specific() {
        for d in ["players’ union", "coaches' union", "company’s board", "Times newspaper"] {
            assert!(is_specific_description(d), "{d}");
        }
        for d in ["union", "social media company", "RNC chief", "THE FORMER POLLSTER", "players’"] {
            assert!(!is_specific_description(d), "{d}");
        }
        assert!(contains_description("RNC chief counsel", "RNC’s chief"));
        assert!(contains_description("The Players’ Union", "players' union"));
        assert!(!contains_description("the players’ union", "coaches' union"));
    }

    #[test]
    fn titles_and_names() {
        let m = parse("Kremlin spokesman Dmitry Peskov told").unwrap();
        assert_eq!(
            (m.kind, m.name.as_deref(), m.role.as_deref()),
            (SpeakerKind::Person, Some("Dmitry Peskov"), Some("Kremlin spokesman"))
        );
        let m = parse("Ukrainian President Volodymyr Zelensky said").unwrap();
        assert_eq!((m.name.as_deref(), m.role.as_deref()), (Some("Volodymyr Zelensky"), Some("Ukrainian President")));
        let m = parse("former Maryland Gov. Martin O’Malley said").unwrap();
        assert_eq!(m.name.as_deref(), Some("Martin O’Malley"));
        let m = parse("Ursula von der Leyen said").unwrap();
        assert_eq!(m.name.as_deref(), Some("Ursula von der Leyen"));
        let m = parse("Mr. Trump said").unwrap();
        assert_eq!((m.name.as_deref(), m.gender), (Some("Trump"), Gender::Male));
        let m = parse("George W. Bush said").unwrap();
        assert_eq!(m.name.as_deref(), Some("George W. Bush"));
    }

    #[test]
    fn organisations_places_nominals_pronouns() {
        let m = parse("the Kremlin said").unwrap();
        assert_eq!((m.kind, m.name.as_deref()), (SpeakerKind::Organization, Some("the Kremlin")));
        let m = parse("Moscow has demanded").unwrap();
        assert_eq!((m.kind, m.name.as_deref()), (SpeakerKind::Place, Some("Russia")));
        let m = parse("a senior official said").unwrap();
        assert_eq!(m.kind, SpeakerKind::Nominal);
        let m = parse("officials said").unwrap();
        assert!(m.plural);
        let m = parse("she said").unwrap();
        assert_eq!((m.kind, m.gender), (SpeakerKind::Pronoun, Gender::Female));
        assert!(parse("The response reflects").is_none());
    }

    #[test]
    fn entities_link_surnames() {
        let text =
            "Kremlin spokesman Dmitry Peskov spoke. Later Peskov said no. Anna Berg and Tom Berg met. Berg said yes.";
        let lx = Lexicon::builtin();
        let t = tokenize(text, lx);
        let e = Entities::build(text, &t, lx);
        let names: Vec<&str> = e.list.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["Dmitry Peskov", "Anna Berg", "Tom Berg"]);
        let i = t.tokens.iter().position(|x| x.text(text) == "Peskov" && x.span().start > 30).unwrap();
        let m = mention_at(text, &t, lx, i, i + 1).unwrap();
        let (name, role, _) = e.resolve(text, &m);
        assert_eq!((name.as_deref(), role.as_deref()), (Some("Dmitry Peskov"), Some("Kremlin spokesman")));
        // Same surname: the most recent.
        let i = t.tokens.iter().rposition(|x| x.text(text) == "Berg").unwrap();
        let m = mention_at(text, &t, lx, i, i + 1).unwrap();
        assert_eq!(e.resolve(text, &m).0.as_deref(), Some("Tom Berg"));
    }

    #[test]
    fn one_word_names_look_back_a_bounded_number_of_mentions() {
        // Many women called Anna, then “Mr. Anna”: no compatible member
        // among the latest NAME_LOOKBACK mentions or the first members, so
        // the name stays unresolved (instead of a scan of every Anna).
        let lx = Lexicon::builtin();
        // Resolves the last mention, “Mr. Anna”.
        let resolve_last = |text: &str| {
            let t = tokenize(text, lx);
            let e = Entities::build(text, &t, lx);
            let i = t.tokens.iter().rposition(|x| x.text(text).starts_with("Mr")).unwrap();
            let m = mention_at(text, &t, lx, i, i + 3).unwrap();
            assert_eq!((m.name.as_deref(), m.gender), (Some("Anna"), Gender::Male));
            e.resolve(text, &m).0
        };
        let women = |from: usize| {
            (from..from + NAME_LOOKBACK)
                .map(|k| {
                    format!("Ms. Anna Q{} spoke. ", char::from(b'a' + (k % 26) as u8).to_string().repeat(k / 26 + 1))
                })
                .collect::<String>()
        };
        // He is the first member: found by the fallback over members.
        let text = format!("Mr. Anna Ek spoke. {}Mr. Anna said no.", women(0));
        assert_eq!(resolve_last(&text).as_deref(), Some("Anna Ek"));
        // Mentioned within the look-back: found by recency.
        let text = format!("{}Mr. Anna Ek spoke. Ms. Anna Qa spoke. Mr. Anna said no.", women(0));
        assert_eq!(resolve_last(&text).as_deref(), Some("Anna Ek"));
        // NAME_LOOKBACK women before him and after him: he is neither among
        // the first members nor among the latest mentions, so “Anna” stays
        // unresolved.
        let text = format!("{}Mr. Anna Ek spoke. {}Mr. Anna said no.", women(0), women(NAME_LOOKBACK));
        assert_eq!(resolve_last(&text).as_deref(), Some("Anna"));
    }
}
