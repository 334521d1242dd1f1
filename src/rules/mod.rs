//! Rules: each turns the document's tokens, quotes, cues and speaker
//! mentions into candidate attributions.
//!
//! One rule per file, grouped by family (`direct/`, `indirect/`,
//! `partial/`); its id is `family/file_stem`, and every record says which
//! rule produced it. Rules run in two phases: phase 0 rules see only the
//! document; phase 1 rules (continuations, participial clauses) also see the
//! candidates accepted in phase 0. Between phases the extractor resolves
//! conflicts: a quote belongs to one record (the most confident), and
//! indirect claims do not overlap.
//!
//! # Adding a rule
//!
//! 1. Write `src/rules/<family>/<name>.rs` with a unit struct implementing
//!    [`Rule`]; give it positive and negative [`Example`]s.
//! 2. Add it to [`builtin`] (one line, alphabetical).
//! 3. `cargo test --test rules` runs every rule's examples.
//! 4. Add a fixture under `fixtures/` and review its snapshot with
//!    `cargo insta review`.
//!
//! Users can implement [`Rule`] for their own types and pass them to
//! [`crate::ExtractorBuilder::rule`]:
//!
//! ```
//! use whosaid::rules::{Candidate, Context, Example, Rule};
//! use whosaid::{Extractor, Kind};
//!
//! /// “…,” harrumphed SPEAKER — a cue the built-in lexicon lacks.
//! struct Harrumphed;
//!
//! impl Rule for Harrumphed {
//!     fn id(&self) -> &'static str { "custom/harrumphed" }
//!     fn description(&self) -> &'static str { "a quote followed by “harrumphed” and a speaker" }
//!     fn apply(&self, ctx: &Context<'_>, _found: &[Candidate], out: &mut Vec<Candidate>) {
//!         for (qi, q) in ctx.quotes.iter().enumerate() {
//!             let Some(close) = q.close else { continue };
//!             let mut i = ctx.skip_punct(close as usize + 1, ",");
//!             if ctx.word(i) != Some("harrumphed") { continue; }
//!             i += 1;
//!             if let Some(m) = ctx.mention_at(i, ctx.sentence_end(i)) {
//!                 out.push(Candidate::quote(ctx, qi, self.id(), 0.9).speaker(m).cue_tokens(ctx, i - 1, i));
//!             }
//!         }
//!     }
//! }
//!
//! let ex = Extractor::builder().rule(Harrumphed).build()?;
//! let recs = ex.extract("“Never on a Sunday,” harrumphed Ada Lovelace.");
//! assert_eq!(recs[0].rule, "custom/harrumphed");
//! assert_eq!(recs[0].speaker.as_ref().unwrap().text, "Ada Lovelace");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::lexicon::{CueClass, CueForm, Frames, Lexicon};
use crate::quotes::Quote;
use crate::record::Kind;
use crate::span::Span;
use crate::speakers::{self, Mention};
use crate::tokenize::{Sentence, Token, TokenKind, Tokens};

pub mod direct;
pub mod indirect;
pub mod partial;

/// A rule.
pub trait Rule: Send + Sync {
    /// Stable id `family/name`.
    fn id(&self) -> &'static str;
    /// One line saying what the rule matches.
    fn description(&self) -> &'static str;
    /// Positive and negative examples, run by `tests/rules.rs`.
    fn examples(&self) -> &'static [Example] {
        &[]
    }
    /// 0 for rules that need only the document; 1 for rules that build on
    /// the candidates accepted in phase 0.
    fn phase(&self) -> u8 {
        0
    }
    /// Emits candidates into `out`. `found` holds the accepted candidates of
    /// earlier phases (empty in phase 0).
    fn apply(&self, ctx: &Context<'_>, found: &[Candidate], out: &mut Vec<Candidate>);
}

/// An example a rule must handle.
#[derive(Clone, Copy, Debug)]
pub struct Example {
    /// The text.
    pub text: &'static str,
    /// For a positive example: (a snippet of the content, the speaker
    /// mention as written). `None` for a negative example: the rule must not
    /// fire.
    pub expect: Option<(&'static str, &'static str)>,
}

impl Example {
    /// The rule must fire on `text`, with content containing `content` and
    /// this speaker mention.
    pub const fn fires(text: &'static str, content: &'static str, speaker: &'static str) -> Example {
        Example { text, expect: Some((content, speaker)) }
    }
    /// The rule must not fire on `text`.
    pub const fn ignores(text: &'static str) -> Example {
        Example { text, expect: None }
    }
}

/// A cue found in the document, with its token range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CueTok {
    /// Bytes of the cue.
    pub span: Span,
    /// First token.
    pub first: u32,
    /// One past the last token.
    pub end: u32,
    /// Index into [`Lexicon::cue_forms`].
    pub form: u32,
}

/// What a paragraph is, for rules that must skip layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParagraphRole {
    /// Running text.
    Body,
    /// A headline, standfirst or other short line without final punctuation.
    Headline,
    /// A photo caption, a repeated line, a footer or a byline: no records.
    Skip,
}

/// Everything a rule can look at.
pub struct Context<'a> {
    /// The text.
    pub text: &'a str,
    /// Tokens, sentences, paragraphs.
    pub tokens: &'a Tokens,
    /// Quotations, sorted by start.
    pub quotes: &'a [Quote],
    /// Cues, sorted by start.
    pub cues: &'a [CueTok],
    /// The lexicon.
    pub lexicon: &'a Lexicon,
    /// Per paragraph: body, headline or skip.
    pub paragraphs: &'a [ParagraphRole],
    /// Per token: 1 + the index into `cues` of the cue starting there, 0 for
    /// none (so the array starts as lazily zeroed memory).
    pub(crate) cue_start: &'a [u32],
    /// Per token: whether it is a quote mark that opens or closes a
    /// quotation (unpaired marks, like the apostrophe of “farmers’ union”,
    /// are not).
    pub(crate) marks: &'a [bool],
    /// Per token: whether it lies inside a top-level quotation.
    pub(crate) quoted: &'a [bool],
}

/// The quotations a [`Candidate`] claims, as indices into
/// [`Context::quotes`].
pub type QuoteIds = smallvec::SmallVec<[u32; 2]>;

/// A candidate attribution, before speaker resolution and date linking.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// Kind.
    pub kind: Kind,
    /// Content pieces (one inline: most contents are a single piece, and
    /// a candidate then allocates nothing for them).
    pub segments: crate::quotes::Segments,
    /// Quoted fragments inside a mixed or partial content.
    pub quoted: Vec<Span>,
    /// Indices of the quotations the candidate claims (two inline, in the
    /// room a `Vec` would take).
    pub quotes: QuoteIds,
    /// Whether its quotation was never closed.
    pub unclosed: bool,
    /// The speaker mention.
    pub speaker: Option<Mention>,
    /// The cue.
    pub cue: Option<CueTok>,
    /// The attribution clause (outside the content), where its date is
    /// looked for.
    pub clause: Option<Span>,
    /// A second window searched for the date when the clause has none: a
    /// sentence-initial adverbial (“On Tuesday, the ministry said …”) or the
    /// rest of an attribution after an appositive (“said Élodie Marchetti,
    /// who leads the delegation, on Tuesday”).
    pub fallback: Option<Span>,
    /// Index (in the accepted list) of the candidate whose speaker and date
    /// this one continues.
    pub continues: Option<usize>,
    /// Whether this candidate is a further segment of the candidate it
    /// continues (a continuation in the same paragraph) rather than a
    /// record of its own.
    pub merge: bool,
    /// The rule id.
    pub rule: &'static str,
    /// Confidence in 0..=1.
    pub confidence: f32,
}

impl Candidate {
    /// A direct-quote candidate for quotation `qi`.
    pub fn quote(ctx: &Context<'_>, qi: usize, rule: &'static str, confidence: f32) -> Candidate {
        let q = &ctx.quotes[qi];
        let mut c = Candidate::new(Kind::Direct, crate::quotes::Segments::from_slice(q.segments()), rule, confidence);
        c.quotes.push(qi as u32);
        c.unclosed = q.unclosed;
        c
    }

    /// A candidate of `kind` with these content pieces and nothing else:
    /// no speaker, cue, clause, claimed quotation or quoted fragment (the
    /// builder methods and fields add them).
    pub fn new(kind: Kind, segments: crate::quotes::Segments, rule: &'static str, confidence: f32) -> Candidate {
        Candidate {
            kind,
            segments,
            quoted: Vec::new(),
            quotes: QuoteIds::new(),
            unclosed: false,
            speaker: None,
            cue: None,
            clause: None,
            fallback: None,
            continues: None,
            merge: false,
            rule,
            confidence,
        }
    }

    /// A claim candidate with content `content`, kind decided by the quotes
    /// inside it (none: indirect; some: mixed; all of it: direct).
    pub fn claim(ctx: &Context<'_>, content: Span, rule: &'static str, confidence: f32) -> Candidate {
        let mut c = Candidate::new(Kind::Indirect, smallvec::smallvec![content], rule, confidence);
        // Quotes are sorted by start, and their inner starts follow the same
        // order: only those starting inside the content can be in it.
        let from = ctx.quotes.partition_point(|q| q.inner.start < content.start);
        for (qi, q) in ctx.quotes.iter().enumerate().skip(from).take_while(|(_, q)| q.outer.start <= content.end) {
            if q.depth == 0 && content.contains(q.inner) && !q.inner.is_empty() {
                c.quoted.push(q.inner);
                c.quotes.push(qi as u32);
            }
        }
        if !c.quoted.is_empty() {
            c.kind = Kind::Mixed;
        }
        c
    }

    /// Sets the speaker.
    pub fn speaker(mut self, m: Mention) -> Candidate {
        self.speaker = Some(m);
        self
    }

    /// Sets the cue from a cue match.
    pub fn cue(mut self, cue: CueTok) -> Candidate {
        self.cue = Some(cue);
        self
    }

    /// Sets the cue to the tokens `first..end` (for custom rules whose cue is
    /// not in the lexicon).
    pub fn cue_tokens(mut self, ctx: &Context<'_>, first: usize, end: usize) -> Candidate {
        let t = &ctx.tokens.tokens;
        if first < end && end <= t.len() {
            let span = Span::new(t[first].span().start, t[end - 1].span().end);
            let form = ctx.cues.iter().find(|c| c.span == span).map_or(u32::MAX, |c| c.form);
            self.cue = Some(CueTok { span, first: first as u32, end: end as u32, form });
        }
        self
    }

    /// Sets the attribution clause.
    pub fn clause(mut self, clause: Span) -> Candidate {
        self.clause = Some(clause);
        self
    }

    /// Sets the fallback date window (see [`Candidate::fallback`]).
    pub fn fallback(mut self, window: Option<Span>) -> Candidate {
        self.fallback = window;
        self
    }

    /// The hull of the content.
    pub fn content_span(&self) -> Span {
        let s = self.segments.first().map_or(0, |s| s.start);
        let e = self.segments.last().map_or(s, |s| s.end);
        Span::new(s, e.max(s))
    }
}

/// `w` in ASCII lower case, written into `buf` (`None` when it does not
/// fit): a word checked against a list costs no allocation. ASCII only,
/// like the `to_ascii_lowercase` it stands in for (speakers' `LowerBuf`
/// also lower-cases non-ASCII letters, which would change what matches).
#[inline]
fn ascii_lower<'b>(w: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    let out = buf.get_mut(..w.len())?;
    out.copy_from_slice(w.as_bytes());
    out.make_ascii_lowercase();
    // ASCII case mapping keeps UTF-8 valid.
    core::str::from_utf8(out).ok()
}

/// Words that may stand between a speaker and a cue, or after a cue before
/// its content: adverbs, auxiliaries, time words.
const ADJUNCTS: &[&str] = &[
    "also",
    "later",
    "then",
    "again",
    "previously",
    "recently",
    "earlier",
    "further",
    "has",
    "have",
    "had",
    "once",
    "repeatedly",
    "publicly",
    "privately",
    "only",
    "simply",
    "quickly",
    "flatly",
    "firmly",
    "separately",
    "now",
    "often",
    "already",
    "since",
    "yesterday",
    "today",
    "tonight",
    "still",
    "first",
    "subsequently",
    "initially",
    "ultimately",
    "afterward",
    "afterwards",
    "sometimes",
    "has",
    "personally",
    "reportedly",
    "allegedly",
    "apparently",
    "angrily",
    "bluntly",
    "openly",
    "directly",
    "on",
    "late",
    "early",
    "last",
    "this",
    "that",
];

const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
];
const TIME_NOUNS: &[&str] =
    &["week", "month", "year", "night", "morning", "afternoon", "evening", "weekend", "day", "time"];
const PREPOSITIONS: &[&str] = &[
    "with", "of", "to", "for", "by", "from", "about", "at", "in", "on", "into", "against", "between", "among", "than",
    "like", "over", "under",
];

impl<'a> Context<'a> {
    /// All tokens.
    #[inline]
    pub fn toks(&self) -> &'a [Token] {
        &self.tokens.tokens
    }

    /// The word at token `i`, if it is a word.
    #[inline]
    pub fn word(&self, i: usize) -> Option<&'a str> {
        let t = self.tokens.tokens.get(i)?;
        matches!(t.kind, TokenKind::Word | TokenKind::Number).then(|| t.text(self.text))
    }

    /// The text of token `i` (empty past the end).
    #[inline]
    pub fn tok_text(&self, i: usize) -> &'a str {
        self.tokens.tokens.get(i).map_or("", |t| t.text(self.text))
    }

    /// Whether token `i` is the punctuation `p`.
    #[inline]
    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        self.tokens.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Punct && t.text(self.text) == p)
    }

    /// Skips token `i` if it is the punctuation `p`.
    #[inline]
    pub fn skip_punct(&self, i: usize, p: &str) -> usize {
        if self.is_punct(i, p) {
            i + 1
        } else {
            i
        }
    }

    /// The sentence of token `i`.
    pub fn sentence(&self, i: usize) -> Option<&'a Sentence> {
        let t = self.tokens.tokens.get(i)?;
        self.tokens.sentences.get(t.sentence as usize)
    }

    /// One past the last token of the sentence of token `i`.
    pub fn sentence_end(&self, i: usize) -> usize {
        self.sentence(i).map_or(self.tokens.tokens.len(), |s| s.end as usize)
    }

    /// First token of the sentence of token `i`.
    pub fn sentence_start(&self, i: usize) -> usize {
        self.sentence(i).map_or(0, |s| s.first as usize)
    }

    /// One past the last token of the paragraph of token `i`.
    pub fn paragraph_end(&self, i: usize) -> usize {
        self.tokens.paragraph(i).map_or(self.tokens.tokens.len(), |p| p.end as usize)
    }

    /// The role of the paragraph holding token `i`.
    pub fn paragraph_role(&self, i: usize) -> ParagraphRole {
        self.tokens
            .paragraph_of(i)
            .and_then(|p| self.paragraphs.get(p as usize))
            .copied()
            .unwrap_or(ParagraphRole::Body)
    }

    /// The cue starting at token `i`.
    #[inline]
    pub fn cue_at(&self, i: usize) -> Option<CueTok> {
        let c = *self.cue_start.get(i)?;
        c.checked_sub(1).map(|c| self.cues[c as usize])
    }

    /// The cue whose last token is `end - 1`.
    pub fn cue_ending_at(&self, end: usize) -> Option<CueTok> {
        let k = self.cues.partition_point(|c| (c.end as usize) < end);
        self.cues.get(k).filter(|c| c.end as usize == end).copied()
    }

    /// A cue's lexicon entry.
    pub fn form(&self, cue: &CueTok) -> Option<&'a CueForm> {
        self.lexicon.cue_forms().get(cue.form as usize)
    }

    /// Whether the cue is a finite speech verb usable as a clause head
    /// (said, says, told, has said …), not a gerund or preposition.
    pub fn is_finite(&self, cue: &CueTok) -> bool {
        self.form(cue).is_some_and(|f| {
            matches!(f.class, CueClass::Past | CueClass::ThirdSingular | CueClass::Phrase | CueClass::Base)
        }) || cue.form == u32::MAX
    }

    /// Whether the cue's lemma has `frames`.
    pub fn has_frame(&self, cue: &CueTok, frames: Frames) -> bool {
        self.form(cue).is_some_and(|f| f.frames.has(frames))
    }

    /// A speaker mention starting at token `i`, ending at or before `limit`.
    pub fn mention_at(&self, i: usize, limit: usize) -> Option<Mention> {
        speakers::mention_at(self.text, self.tokens, self.lexicon, i, limit)
    }

    /// A speaker mention ending right before token `end`, starting at or
    /// after `floor`.
    pub fn mention_before(&self, end: usize, floor: usize) -> Option<Mention> {
        speakers::mention_before(self.text, self.tokens, self.lexicon, end, floor)
    }

    /// Whether token `i` is a time word (weekday, month, “yesterday”, “week”).
    pub fn is_time_word(&self, i: usize) -> bool {
        let Some(w) = self.word(i) else { return false };
        WEEKDAYS.contains(&w)
            || MONTHS.contains(&w.trim_end_matches('.'))
            || TIME_NOUNS.contains(&w)
            || matches!(w, "yesterday" | "today" | "tonight" | "Yesterday" | "Today")
            // A year, or a day number after a month ("Dec. 30").
            || (self.toks()[i].kind == TokenKind::Number
                && ((w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
                    || (w.len() <= 2 && i > 0 && (self.is_time_word(i - 1) || self.is_punct(i - 1, ".")))))
    }

    /// Whether token `i` is a month abbreviation glued to a following "."
    /// (“Dec.”).
    pub fn is_month_abbrev(&self, i: usize) -> bool {
        let glued = self.toks().get(i + 1).is_some_and(|d| d.span().start == self.toks()[i].span().end);
        glued && self.word(i).is_some_and(|w| w.len() <= 4 && MONTHS.contains(&w))
    }

    /// Skips adjuncts (adverbs, auxiliaries, time expressions) forward from
    /// `i`, not past `limit`.
    pub fn skip_adjuncts(&self, mut i: usize, limit: usize) -> usize {
        let start = i;
        while i < limit {
            let Some(w) = self.word(i) else {
                // "." of "Dec." inside a date
                if self.is_punct(i, ".") && i > start && self.is_month_abbrev(i - 1) {
                    i += 1;
                    continue;
                }
                // "Thursday, March 13," — a comma between date parts.
                if self.is_punct(i, ",") && i > start && self.is_time_word(i - 1) && self.is_time_word(i + 1) {
                    i += 1;
                    continue;
                }
                break;
            };
            let lower_ok = ADJUNCTS.contains(&w)
                || (w.ends_with("ly") && w.len() > 4 && w.chars().next().is_some_and(char::is_lowercase));
            if lower_ok || self.is_time_word(i) {
                // "on"/"last"/"this"/"that" only before a time word.
                if matches!(w, "on" | "late" | "early" | "last" | "this" | "that")
                    && !self.is_time_word(i + 1)
                    && !matches!(self.word(i + 1), Some("late" | "early"))
                {
                    break;
                }
                i += 1;
                continue;
            }
            break;
        }
        i
    }

    /// Skips adjuncts backward: returns the smallest `j <= end` such that
    /// `j..end` are adjuncts, not before `floor`.
    pub fn skip_adjuncts_back(&self, end: usize, floor: usize) -> usize {
        let mut j = end;
        while j > floor {
            // A parenthetical: "Sen. Rand Paul (R-Ky.) said".
            if self.is_punct(j - 1, ")") {
                let open = (j.saturating_sub(10).max(floor)..j - 1).rev().find(|&k| self.is_punct(k, "("));
                if let Some(k) = open {
                    j = k;
                    continue;
                }
                break;
            }
            let Some(w) = self.word(j - 1) else {
                if self.is_punct(j - 1, ".") && j >= 2 && self.is_month_abbrev(j - 2) {
                    j -= 1;
                    continue;
                }
                break;
            };
            let adj = matches!(
                w,
                "also"
                    | "later"
                    | "then"
                    | "again"
                    | "previously"
                    | "recently"
                    | "earlier"
                    | "has"
                    | "have"
                    | "had"
                    | "once"
                    | "repeatedly"
                    | "publicly"
                    | "privately"
                    | "further"
                    | "separately"
                    | "first"
                    | "initially"
                    | "reportedly"
                    | "now"
                    | "often"
                    | "already"
                    | "still"
                    | "on"
                    | "late"
                    | "early"
                    | "last"
                    | "this"
            ) || (w.ends_with("ly")
                && w.len() > 4
                && w.chars().next().is_some_and(char::is_lowercase)
                && w != "Reilly")
                || WEEKDAYS.contains(&w)
                || matches!(
                    w,
                    "yesterday"
                        | "today"
                        | "tonight"
                        | "week"
                        | "month"
                        | "year"
                        | "night"
                        | "morning"
                        | "afternoon"
                        | "evening"
                );
            if !adj {
                break;
            }
            j -= 1;
        }
        j
    }

    /// Whether the token before `i` makes a mention at `i` the object of a
    /// preposition (“talks with Putin said” is not Putin speaking).
    pub fn after_preposition(&self, i: usize) -> bool {
        i > 0 && self.word(i - 1).is_some_and(|w| PREPOSITIONS.contains(&w))
    }

    /// Whether the cue at `cue` is negated or hypothetical: “did not say”,
    /// “would say”, “declined to say”.
    pub fn negated(&self, cue: &CueTok) -> bool {
        let i = cue.first as usize;
        let mut k = i;
        let mut looked = 0;
        while k > 0 && looked < 3 {
            k -= 1;
            looked += 1;
            let Some(w) = self.word(k) else { break };
            let mut buf = [0u8; 32];
            let owned;
            let lw = match ascii_lower(w, &mut buf) {
                Some(l) => l,
                None => {
                    owned = w.to_ascii_lowercase();
                    owned.as_str()
                }
            };
            if matches!(
                lw,
                "not"
                    | "never"
                    | "would"
                    | "could"
                    | "might"
                    | "should"
                    | "may"
                    | "to"
                    | "didn’t"
                    | "didn't"
                    | "won’t"
                    | "won't"
                    | "wouldn’t"
                    | "wouldn't"
                    | "cannot"
                    | "can’t"
                    | "can't"
                    | "doesn’t"
                    | "doesn't"
                    | "don’t"
                    | "don't"
                    | "if"
                    | "nor"
                    | "neither"
            ) || lw.ends_with("n’t")
                || lw.ends_with("n't")
            {
                return true;
            }
            if !(ADJUNCTS.contains(&lw) || lw.ends_with("ly") && lw.len() > 4) {
                break;
            }
        }
        false
    }

    /// The sentence-initial adverbial ending in a comma right before token
    /// `first` (“On Tuesday,” / “In a notice dated 2025-03-14,”), if any.
    pub fn lead_before(&self, first: usize) -> Option<Span> {
        let s0 = self.sentence_start(first);
        (first > s0 + 1 && first - s0 <= 12 && self.is_punct(first - 1, ",")).then(|| self.span_of(s0, first - 1))
    }

    /// Whether token `i` lies inside a top-level quotation (a cue there is
    /// the quoted speaker's, not the article's).
    #[inline]
    pub fn in_quote(&self, i: usize) -> bool {
        self.quoted.get(i).copied().unwrap_or(false)
    }

    /// Whether token `i` is a quote mark that opens or closes a quotation.
    #[inline]
    pub fn is_mark(&self, i: usize) -> bool {
        self.marks.get(i).copied().unwrap_or(false)
    }

    /// The quotation whose opening mark is token `i`.
    pub fn quote_opening_at(&self, i: usize) -> Option<usize> {
        let k = self.quotes.partition_point(|q| (q.open as usize) < i);
        (k < self.quotes.len() && self.quotes[k].open as usize == i).then_some(k)
    }

    /// Byte span from the start of token `a` to the end of token `b - 1`.
    pub fn span_of(&self, a: usize, b: usize) -> Span {
        let t = &self.tokens.tokens;
        if a >= b || b > t.len() {
            let at = t.get(a).map_or(self.text.len(), |x| x.span().start);
            return Span::new(at, at);
        }
        Span::new(t[a].span().start, t[b - 1].span().end)
    }

    /// The span from token `a` up to token `b` (exclusive), trimmed of
    /// trailing punctuation (`, . ; :`) and quote-free leading “that”.
    pub fn content_between(&self, mut a: usize, mut b: usize) -> Option<Span> {
        while b > a
            && (self.toks()[b - 1].kind == TokenKind::Punct
                && matches!(self.tok_text(b - 1), "," | "." | ";" | ":" | "—" | "–" | "-" | "--")
                || self.toks()[b - 1].is_break())
        {
            b -= 1;
        }
        while a < b && self.toks()[a].is_break() {
            a += 1;
        }
        a = indirect::skip_dateline(self, a).min(b);
        (a < b).then(|| self.span_of(a, b))
    }
}

/// The built-in rules, in a fixed order (ties in confidence go to the
/// earlier rule).
pub fn builtin() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(direct::quote_comma_speaker_cue::QuoteCommaSpeakerCue),
        Box::new(direct::quote_comma_cue_speaker::QuoteCommaCueSpeaker),
        Box::new(direct::speaker_cue_colon_quote::SpeakerCueColonQuote),
        Box::new(direct::speaker_cue_quote::SpeakerCueQuote),
        Box::new(direct::split_quote::SplitQuote),
        Box::new(direct::continuation::Continuation),
        Box::new(indirect::according_to::AccordingTo),
        Box::new(indirect::claim_comma_speaker_cue::ClaimCommaSpeakerCue),
        Box::new(indirect::participial::Participial),
        Box::new(indirect::speaker_colon::SpeakerColon),
        Box::new(indirect::speaker_cue_object::SpeakerCueObject),
        Box::new(indirect::speaker_cue_that::SpeakerCueThat),
        Box::new(partial::called_quote::CalledQuote),
    ]
}
