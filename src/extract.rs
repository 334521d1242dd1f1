//! The extractor: build once, extract many.
//!
//! The pipeline for one document:
//! 1. [`tokenize`](crate::tokenize::tokenize): tokens, sentences, paragraphs;
//! 2. [`pair`](crate::quotes::pair): quotations;
//! 3. one aho-corasick pass for speech cues, mapped to tokens;
//! 4. paragraph roles (captions, repeated lines and footers are skipped;
//!    headlines only allow partial quotes);
//! 5. phase-0 rules, conflict resolution (a quotation belongs to one
//!    record, claims do not overlap), then phase-1 rules (continuations,
//!    participial clauses) and resolution again;
//! 6. speakers resolved to entities, dates linked from the attribution
//!    clause and resolved against the publication date;
//! 7. records sorted by content start.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use crate::dates;
use crate::lexicon::{Gender, Lexicon, LexiconError, LexiconKind, LexiconSources, Phrases};
use crate::quotes;
use crate::record::{Attribution, Content, Cue, DateRef, Kind, Speaker, SpeakerKind, TextSpan};
use crate::rules::{self, Candidate, Context, CueTok, ParagraphRole, Rule};
use crate::span::Span;
use crate::speakers::{Entities, Mention};
use crate::tokenize::{self, TokenKind, Tokens};

/// The default maximum document size for [`Extractor::try_extract`]: 16 MiB.
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 16 << 20;

/// The default maximum quotation length: 20 KiB (about 3,000 words). A
/// quotation whose inner text is longer — almost always a stray or unpaired
/// mark whose “quote” runs to the end of a huge paragraph — is not a
/// quotation for the rules: no direct or partial record is built on it, and
/// it makes no claim mixed; its words remain available to the indirect
/// rules.
pub const DEFAULT_MAX_QUOTE_BYTES: usize = 20 << 10;

/// One document to extract from: its text, and optionally its id and
/// publication date (used to resolve “Thursday”, “last month”).
///
/// ```
/// use whosaid::{Extractor, Input};
/// let date = "2025-03-15".parse()?;
/// let input = Input::new("“Yes,” Peskov said on Friday.").date(date);
/// let recs = Extractor::new().extract(input);
/// assert_eq!(recs[0].date.as_ref().unwrap().resolved.as_deref(), Some("2025-03-14"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Input<'t> {
    /// The article text.
    pub text: &'t str,
    /// The document id, echoed in CLI output.
    pub id: Option<&'t str>,
    /// The publication date.
    pub date: Option<jiff::civil::Date>,
}

impl<'t> Input<'t> {
    /// An input with text only.
    pub fn new(text: &'t str) -> Input<'t> {
        Input { text, id: None, date: None }
    }
    /// Sets the publication date.
    pub fn date(mut self, date: jiff::civil::Date) -> Input<'t> {
        self.date = Some(date);
        self
    }
    /// Sets the document id.
    pub fn id(mut self, id: &'t str) -> Input<'t> {
        self.id = Some(id);
        self
    }
}

impl<'t> From<&'t str> for Input<'t> {
    fn from(text: &'t str) -> Input<'t> {
        Input::new(text)
    }
}

/// An error from building an extractor or from a document over the limits.
#[derive(Clone, Debug)]
pub struct Error {
    kind: &'static str,
    message: String,
}

impl Error {
    /// A short machine-readable kind: `too_large`, `lexicon`, `unknown_rule`,
    /// `io`.
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    pub(crate) fn new(kind: &'static str, message: impl Into<String>) -> Error {
        Error { kind, message: message.into() }
    }
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<LexiconError> for Error {
    fn from(e: LexiconError) -> Error {
        Error::new("lexicon", e.to_string())
    }
}

enum Lex {
    Builtin,
    Custom(Box<Lexicon>),
}

impl Lex {
    fn get(&self) -> &Lexicon {
        match self {
            Lex::Builtin => Lexicon::builtin(),
            Lex::Custom(l) => l,
        }
    }
}

/// Extracts attributions. Build once (it compiles the lexicons), share
/// across threads, call [`Extractor::extract`] per document.
///
/// ```
/// use whosaid::{Extractor, Kind};
/// let ex = Extractor::new();
/// let recs = ex.extract("“We had very good talks,” Trump wrote.");
/// assert_eq!(recs.len(), 1);
/// assert_eq!(recs[0].kind, Kind::Direct);
/// assert_eq!(recs[0].content.text, "We had very good talks,");
/// assert_eq!(recs[0].speaker.as_ref().unwrap().text, "Trump");
/// assert_eq!(recs[0].cue.as_ref().unwrap().lemma, "write");
/// ```
pub struct Extractor {
    rules: Vec<Box<dyn Rule>>,
    lexicon: Lex,
    max_document_bytes: usize,
    max_quote_bytes: usize,
}

impl core::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Extractor")
            .field("rules", &self.rules.iter().map(|r| r.id()).collect::<Vec<_>>())
            .field("max_document_bytes", &self.max_document_bytes)
            .field("max_quote_bytes", &self.max_quote_bytes)
            .finish()
    }
}

/// Builder for an [`Extractor`]: extra rules, disabled rules, extra or
/// replacement lexicons, limits.
///
/// ```
/// use whosaid::Extractor;
/// let ex = Extractor::builder()
///     .disable("indirect")                       // a whole family
///     .lexicon("cues", "harrumphed\tharrumph\tpast\n", false) // one more cue form
///     .build()?;
/// let recs = ex.extract("“Never on a Sunday,” harrumphed Ada Lovelace. Ada said it rained.");
/// assert_eq!(recs.len(), 1);
/// assert_eq!(recs[0].cue.as_ref().unwrap().lemma, "harrumph");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Default)]
pub struct ExtractorBuilder {
    max_document_bytes: Option<usize>,
    max_quote_bytes: Option<usize>,
    extra_rules: Vec<Box<dyn Rule>>,
    disabled: Vec<String>,
    lexicons: LexiconSources,
    bad_lexicon_kind: Option<String>,
}

impl ExtractorBuilder {
    /// Maximum document size in bytes accepted by [`Extractor::try_extract`]
    /// (default [`DEFAULT_MAX_DOCUMENT_BYTES`]).
    pub fn max_document_bytes(&mut self, n: usize) -> &mut Self {
        self.max_document_bytes = Some(n);
        self
    }

    /// Maximum length in bytes of a quotation's inner text (default
    /// [`DEFAULT_MAX_QUOTE_BYTES`]); longer quotations are ignored by the
    /// rules (see [`DEFAULT_MAX_QUOTE_BYTES`]).
    pub fn max_quote_bytes(&mut self, n: usize) -> &mut Self {
        self.max_quote_bytes = Some(n);
        self
    }

    /// Adds a user rule (runs after the built-in rules of its phase).
    pub fn rule<R: Rule + 'static>(&mut self, rule: R) -> &mut Self {
        self.extra_rules.push(Box::new(rule));
        self
    }

    /// Disables a rule by id (`direct/continuation`) or a whole family
    /// (`indirect`).
    pub fn disable(&mut self, id_or_family: &str) -> &mut Self {
        self.disabled.push(id_or_family.to_owned());
        self
    }

    /// Adds entries to (or, with `replace`, replaces) a lexicon: `kind` is
    /// `cues`, `titles`, `organizations` or `abbreviations`; `contents` is in
    /// the built-in file's format (TAB-separated columns, `#` comments).
    pub fn lexicon(&mut self, kind: &str, contents: &str, replace: bool) -> &mut Self {
        match LexiconKind::parse(kind) {
            Some(k) => self.lexicons.extra.push((k, contents.to_owned(), replace)),
            None => self.bad_lexicon_kind = Some(kind.to_owned()),
        }
        self
    }

    /// Builds the extractor.
    ///
    /// # Errors
    /// An unknown lexicon kind, a malformed lexicon line, or a disabled rule
    /// id that matches no rule.
    pub fn build(&mut self) -> Result<Extractor, Error> {
        if let Some(k) = &self.bad_lexicon_kind {
            return Err(Error::new(
                "lexicon",
                format!("unknown lexicon kind {k:?} (expected cues, titles, organizations, abbreviations)"),
            ));
        }
        let mut all = rules::builtin();
        all.append(&mut self.extra_rules);
        for d in &self.disabled {
            let hits = all.iter().filter(|r| rule_matches(r.id(), d)).count();
            if hits == 0 {
                return Err(Error::new("unknown_rule", format!("no rule or family named {d:?}")));
            }
        }
        let disabled = std::mem::take(&mut self.disabled);
        all.retain(|r| !disabled.iter().any(|d| rule_matches(r.id(), d)));
        let lexicon = if self.lexicons.extra.is_empty() {
            Lex::Builtin
        } else {
            Lex::Custom(Box::new(Lexicon::build(&self.lexicons)?))
        };
        Ok(Extractor {
            rules: all,
            lexicon,
            max_document_bytes: self.max_document_bytes.unwrap_or(DEFAULT_MAX_DOCUMENT_BYTES),
            max_quote_bytes: self.max_quote_bytes.unwrap_or(DEFAULT_MAX_QUOTE_BYTES),
        })
    }
}

fn rule_matches(id: &str, pattern: &str) -> bool {
    id == pattern || id.strip_prefix(pattern).is_some_and(|rest| rest.starts_with('/'))
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl Extractor {
    /// An extractor with the built-in rules and lexicons.
    pub fn new() -> Extractor {
        ExtractorBuilder::default().build().expect("built-in rules and lexicons load")
    }

    /// A builder for custom settings.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// The rules this extractor runs, in order.
    pub fn rules(&self) -> impl Iterator<Item = &dyn Rule> {
        self.rules.iter().map(|r| r.as_ref())
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        self.lexicon.get()
    }

    /// The size limit used by [`Extractor::try_extract`].
    pub fn max_document_bytes(&self) -> usize {
        self.max_document_bytes
    }

    /// The quotation length limit (see [`ExtractorBuilder::max_quote_bytes`]).
    pub fn max_quote_bytes(&self) -> usize {
        self.max_quote_bytes
    }

    /// Extracts all attributions, sorted by content start. Total on any
    /// input: never panics, no size limit (see [`Extractor::try_extract`]).
    ///
    /// A text over [`MAX_TOKENIZED_BYTES`](crate::tokenize::MAX_TOKENIZED_BYTES)
    /// (4 GiB − 1) is read in pieces of at most that size, cut at line
    /// breaks, each extracted on its own (a quote or speaker across a cut
    /// is not linked); offsets still refer to the whole text.
    pub fn extract<'t>(&self, input: impl Into<Input<'t>>) -> Vec<Attribution<'t>> {
        let input = input.into();
        self.extract_in_pieces(input.text, input.date, tokenize::MAX_TOKENIZED_BYTES)
    }

    /// [`Extractor::extract`] with pieces of at most `limit` bytes.
    fn extract_in_pieces<'t>(
        &self,
        text: &'t str,
        date: Option<jiff::civil::Date>,
        limit: usize,
    ) -> Vec<Attribution<'t>> {
        if text.len() <= limit {
            return self.run(text, date, None);
        }
        let mut out = Vec::new();
        let mut start = 0;
        while start < text.len() {
            let end = piece_end(text, start, limit);
            let mut recs = self.run(&text[start..end], date, None);
            for r in &mut recs {
                crate::offsets::map_offsets(r, |x| x + start);
            }
            out.append(&mut recs);
            start = end;
        }
        out
    }

    /// Like [`Extractor::extract`], but refuses a document over the size
    /// limit with an error (kind `too_large`) rather than a truncated
    /// answer.
    pub fn try_extract<'t>(&self, input: impl Into<Input<'t>>) -> Result<Vec<Attribution<'t>>, Error> {
        let input = input.into();
        if input.text.len() > self.max_document_bytes {
            return Err(Error::new(
                "too_large",
                format!("document is {} bytes, over the limit of {} bytes", input.text.len(), self.max_document_bytes),
            ));
        }
        Ok(self.extract(input))
    }

    /// Tokenizes a text with this extractor's lexicon (for benchmarks and
    /// tools).
    pub fn tokenize(&self, text: &str) -> Tokens {
        tokenize::tokenize(text, self.lexicon.get())
    }

    /// Tokens, quotations, cues and paragraph roles of a text: everything
    /// the rules' [`Context`] is made of.
    pub(crate) fn prepare(&self, text: &str) -> Prepared {
        let lex = self.lexicon.get();
        let toks = tokenize::tokenize(text, lex);
        let mut quotes = quotes::pair(text, &toks);
        quotes.retain(|q| q.inner.len() <= self.max_quote_bytes);
        let mut cues = Vec::new();
        // Per token: 1 + the index of the cue starting there, 0 for none.
        let mut cue_start = crate::bigvec::zeroed_u32(toks.tokens.len());
        let mut roles = RoleScan::new(&toks);
        lex.find_cues_visiting_tokens(
            text,
            &toks.tokens,
            |m, first, end| {
                cue_start[first] = cues.len() as u32 + 1;
                crate::bigvec::push(
                    &mut cues,
                    CueTok { span: m.span, first: first as u32, end: end as u32, form: m.form },
                );
            },
            |k| roles.visit(text, &toks, k),
        );
        let roles = roles.finish(text, &toks);
        drop_capitalised_cues(text, &toks, lex, &roles, &mut cues, &mut cue_start);
        let tokens = &toks.tokens;
        let mut marks = crate::bigvec::zeroed_flags(toks.tokens.len());
        let mut quoted = crate::bigvec::zeroed_flags(toks.tokens.len());
        for q in &quotes {
            marks[q.open as usize] = true;
            if let Some(c) = q.close {
                marks[c as usize] = true;
            }
            if q.depth == 0 {
                let end = q.close.map_or_else(
                    || {
                        // An unclosed quote: its content runs to a paragraph
                        // end (tokens are in text order: a binary search,
                        // not a walk over them).
                        let from = q.open as usize + 1;
                        from + tokens[from.min(tokens.len())..].partition_point(|t| t.span().start < q.inner.end)
                    },
                    |c| c as usize,
                );
                for f in &mut quoted[q.open as usize + 1..end.max(q.open as usize + 1)] {
                    *f = true;
                }
            }
        }
        Prepared { toks, quotes, cues, roles, cue_start, marks, quoted }
    }

    /// The full run; with `trace`, also records every candidate of both
    /// phases and what conflict resolution did with it (for `explain`).
    pub(crate) fn run<'t>(
        &self,
        text: &'t str,
        date: Option<jiff::civil::Date>,
        mut trace: Option<&mut Trace>,
    ) -> Vec<Attribution<'t>> {
        let lex = self.lexicon.get();
        let prep = self.prepare(text);
        let ctx = prep.context(text, lex);
        let toks = &prep.toks;
        // Room for about one candidate per cue and quotation; more grow the
        // vector as usual.
        let mut cands = crate::bigvec::with_capacity(prep.cues.len() + prep.quotes.len());
        for r in self.rules.iter().filter(|r| r.phase() == 0) {
            r.apply(&ctx, &[], &mut cands);
        }
        let order = |id: &str| self.rules.iter().position(|r| r.id() == id).unwrap_or(usize::MAX);
        let n_quotes = prep.quotes.len();
        let mut accepted = resolve(Vec::new(), cands, n_quotes, &order, trace.as_deref_mut().map(|t| (t, 0)));
        let mut later = Vec::new();
        for r in self.rules.iter().filter(|r| r.phase() >= 1) {
            r.apply(&ctx, &accepted, &mut later);
        }
        accepted = resolve(accepted, later, n_quotes, &order, trace.map(|t| (t, 1)));
        merge_continuations(&mut accepted);
        if accepted.is_empty() {
            return Vec::new();
        }
        let mut entities = Entities::build(text, toks, lex);
        for c in &accepted {
            if let Some(m) = c.speaker.as_ref().filter(|m| m.kind == SpeakerKind::Person) {
                entities.mark_speaker(m.first as usize);
            }
        }
        let date = date.or_else(|| dates::dateline(text).map(|(_, d)| d));
        // Build records in text order, so that pronouns can prefer the
        // speaker of the attribution just before them.
        let mut order: Vec<usize> = (0..accepted.len()).collect();
        order.sort_by_key(|&k| (accepted[k].content_span().start, accepted[k].content_span().end));
        // Records go straight into the output, in text order; `at[k]` is
        // where candidate `k`'s record is (u32::MAX: not built yet).
        let mut out: Vec<Attribution> = crate::bigvec::with_capacity(accepted.len());
        let mut at: Vec<u32> = vec![u32::MAX; accepted.len()];
        let mut recent: Vec<(usize, usize)> = Vec::new(); // (speaker token, record index) in text order
        for &k in &order {
            let c = &accepted[k];
            let mut date_ref = c
                .clause
                .and_then(|cl| link_date(text, cl, c.cue.map(|k| k.span), date))
                .or_else(|| c.fallback.and_then(|l| link_date(text, l, None, date)));
            if date_ref.is_none() {
                // A continuation, or a coordinated cue sharing its subject
                // ("announced on Thursday that …, and stressed that …"),
                // takes the date of the attribution it goes with.
                let partner = c.continues.or_else(|| {
                    let m = c.speaker.as_ref()?;
                    let sent = ctx.toks().get(m.first as usize)?.sentence;
                    // Only records whose speaker is in this sentence (the
                    // list is in text order: stop at the sentence start).
                    let first = ctx.tokens.sentences.get(sent as usize).map_or(0, |s| s.first as usize);
                    recent.iter().rev().take_while(|&&(tok, _)| tok >= first).map(|&(_, r)| r).find(|&r| {
                        let o = &accepted[r];
                        o.speaker.as_ref().is_some_and(|om| om.span == m.span)
                            && ctx.toks().get(o.cue.map_or(0, |q| q.first as usize)).is_some_and(|t| t.sentence == sent)
                    })
                });
                if let Some(p) = partner {
                    let built = at.get(p).and_then(|&i| out.get(i as usize));
                    date_ref = built.and_then(|r| r.date.clone()).map(|mut d| {
                        d.inherited = true;
                        d
                    });
                }
            }
            let rec = {
                let prev: smallvec::SmallVec<[&Attribution; 4]> =
                    recent.iter().rev().filter_map(|&(_, r)| out.get(at[r] as usize)).take(4).collect();
                self.record(&ctx, text, &entities, c, date_ref, &prev, &accepted)
            };
            if let Some(m) = &c.speaker {
                recent.push((m.first as usize, k));
            }
            at[k] = out.len() as u32;
            out.push(rec);
        }
        // Built in that order already; a stable sort would still allocate
        // scratch for half the records (hundreds of MB on a huge document)
        // before finding that out.
        if !out.is_sorted_by_key(|a| (a.content.start, a.content.end)) {
            out.sort_by_key(|a| (a.content.start, a.content.end));
        }
        out
    }

    /// The cue's lemma: borrowed from the built-in lexicon, which lives as
    /// long as the program; a custom lexicon's is copied.
    fn lemma<'a>(&self, ctx: &Context<'_>, text: &'a str, k: &CueTok) -> Cow<'a, str> {
        let Some(f) = ctx.form(k) else { return Cow::Owned(text[k.span.range()].to_lowercase()) };
        match self.lexicon {
            // The same table as `ctx`'s, seen with the program's lifetime.
            Lex::Builtin => Lexicon::builtin()
                .cue_forms()
                .get(k.form as usize)
                .map_or_else(|| Cow::Owned(f.lemma.clone()), |b| Cow::Borrowed(b.lemma.as_str())),
            Lex::Custom(_) => Cow::Owned(f.lemma.clone()),
        }
    }

    // `text` comes apart from `ctx` because records borrow from the input,
    // which outlives the context (built on this run's token arrays).
    #[allow(clippy::too_many_arguments)]
    fn record<'a>(
        &self,
        ctx: &Context<'_>,
        text: &'a str,
        entities: &Entities,
        c: &Candidate,
        date: Option<DateRef<'a>>,
        prev: &[&Attribution<'a>],
        accepted: &[Candidate],
    ) -> Attribution<'a> {
        let segments: Vec<TextSpan<'a>> = c.segments.iter().map(|s| TextSpan::of(text, *s)).collect();
        let hull = c.content_span();
        let content = Content {
            start: hull.start,
            end: hull.end,
            text: Cow::Borrowed(&text[hull.range()]),
            segments,
            quoted: c.quoted.iter().map(|s| TextSpan::of(text, *s)).collect(),
            unclosed: c.unclosed,
        };
        let speaker = c.speaker.as_ref().map(|m| speaker_record(ctx, text, entities, m, prev));
        // A continuation speaks under the cue of the record it continues.
        let cue_tok = c.cue.or_else(|| c.continues.and_then(|r| accepted.get(r)).and_then(|r| r.cue));
        let cue = cue_tok.map(|k| Cue {
            start: k.span.start,
            end: k.span.end,
            text: Cow::Borrowed(&text[k.span.range()]),
            lemma: self.lemma(ctx, text, &k),
        });
        let mut confidence = c.confidence;
        if speaker.as_ref().is_some_and(|s| s.kind == SpeakerKind::Pronoun && s.name.is_none()) {
            confidence -= 0.1;
        }
        Attribution {
            kind: c.kind,
            content,
            speaker,
            cue,
            date,
            rule: Cow::Borrowed(c.rule),
            confidence: (confidence * 100.0).round() / 100.0,
        }
    }
}

/// The document as the rules see it (see [`Extractor::prepare`]).
pub(crate) struct Prepared {
    pub toks: Tokens,
    pub quotes: Vec<quotes::Quote>,
    pub cues: Vec<CueTok>,
    pub roles: Vec<ParagraphRole>,
    cue_start: Vec<u32>,
    marks: Vec<bool>,
    quoted: Vec<bool>,
}

impl Prepared {
    /// The rules' view of it.
    pub fn context<'a>(&'a self, text: &'a str, lexicon: &'a Lexicon) -> Context<'a> {
        Context {
            text,
            tokens: &self.toks,
            quotes: &self.quotes,
            cues: &self.cues,
            lexicon,
            paragraphs: &self.roles,
            cue_start: &self.cue_start,
            marks: &self.marks,
            quoted: &self.quoted,
        }
    }
}

/// Every candidate of both phases and its fate in conflict resolution, for
/// `explain`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Trace {
    pub decisions: Vec<Decision>,
}

/// One candidate and what resolution did with it.
#[derive(Clone, Debug)]
pub(crate) struct Decision {
    pub candidate: Candidate,
    /// 0 or 1.
    pub phase: u8,
    pub outcome: Outcome,
}

/// Why a candidate was accepted or not.
#[derive(Clone, Debug)]
pub(crate) enum Outcome {
    Accepted,
    /// One of its quotations belongs to an accepted candidate already.
    Claimed {
        by: Candidate,
    },
    /// Its content overlaps an accepted candidate's content.
    Overlaps {
        by: Candidate,
    },
    /// Its cue belongs to an accepted candidate of another rule already.
    CueTaken {
        by: Candidate,
    },
}

/// What stops a candidate in [`resolve`]: a quotation, content or cue that
/// an accepted candidate holds.
#[derive(Clone, Copy)]
enum Blocked {
    Quote,
    Content,
    Cue,
}

/// Accepts candidates by confidence (then rule order, then position): a
/// quotation belongs to one record; contents do not overlap; a cue
/// introduces the records of one rule only (““…,” Clinton said during a
/// panel in Port Washington” is one record: the rest of the sentence is no
/// reported clause of the same “said”; two partial quotes after one
/// “called” are two records of one rule). With `log`, records each
/// candidate's outcome.
fn resolve(
    mut accepted: Vec<Candidate>,
    cands: Vec<Candidate>,
    quotes: usize,
    order: &dyn Fn(&str) -> usize,
    mut log: Option<(&mut Trace, u8)>,
) -> Vec<Candidate> {
    if cands.is_empty() {
        return accepted;
    }
    // Sort keys computed once per candidate (the rule's rank is a look-up
    // by id); the candidates themselves are moved once, in the final order.
    let keys: Vec<(f32, usize, usize, usize)> = cands
        .iter()
        .map(|c| {
            let sp = c.content_span();
            (c.confidence, order(c.rule), sp.start, sp.end)
        })
        .collect();
    let mut idx: Vec<u32> = (0..cands.len() as u32).collect();
    idx.sort_by(|&a, &b| {
        let (a, b) = (&keys[a as usize], &keys[b as usize]);
        b.0.partial_cmp(&a.0)
            .unwrap_or(core::cmp::Ordering::Equal)
            .then_with(|| a.1.cmp(&b.1))
            .then_with(|| a.2.cmp(&b.2))
            .then_with(|| a.3.cmp(&b.3))
    });
    // Quotation -> index of the accepted candidate holding it.
    let mut claimed = Claims::new(quotes);
    // Cue start -> index of the accepted candidate holding that cue.
    let mut cue_of: HashMap<usize, usize> = HashMap::new();
    for (k, c) in accepted.iter().enumerate() {
        for &q in &c.quotes {
            claimed.set(q, k);
        }
        if let Some(cue) = c.cue {
            cue_of.entry(cue.span.start).or_insert(k);
        }
    }
    // Accepted segments do not overlap one another, so the one starting
    // last before a span's end is the only one that can overlap it. Those
    // of the candidates accepted before this call (phase 1 gets all of
    // phase 0's) are sorted once into an array; this call's go into an
    // ordered map as they are accepted. For equal keys the later entry
    // counts, as if all were in one map.
    let mut prior: Vec<((usize, usize), usize)> =
        accepted.iter().enumerate().flat_map(|(k, c)| c.segments.iter().map(move |s| ((s.start, s.end), k))).collect();
    prior.sort_by_key(|e| e.0);
    prior.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 = later.1;
        }
        same
    });
    let mut spans: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let overlapping = |spans: &BTreeMap<(usize, usize), usize>, s: Span| {
        let key = (s.end, 0);
        let old = prior[..prior.partition_point(|e| e.0 < key)].last().map(|&(at, k)| (at, k));
        let new = spans.range(..key).next_back().map(|(&at, &k)| (at, k));
        let last = match (old, new) {
            (Some(o), Some(n)) => Some(if n.0 >= o.0 { n } else { o }),
            (o, n) => n.or(o),
        };
        last.filter(|&((a, b), _)| Span::new(a, b).overlaps(s)).map(|(_, k)| k)
    };
    // Decide first, on borrowed candidates (`taken`: the indices of the
    // newly accepted ones, in order; accepted index `base + j` is
    // `cands[taken[j]]`), then move the winners once.
    let base = accepted.len();
    let mut taken: Vec<u32> = Vec::new();
    for i in idx {
        let c = &cands[i as usize];
        // (claimed?, by which accepted candidate)
        let holder = |k: usize| if k < base { &accepted[k] } else { &cands[taken[k - base] as usize] };
        let blocker = if let Some(k) = c.quotes.iter().find_map(|&q| claimed.get(q)) {
            Some((Blocked::Quote, k))
        } else if let Some(k) = c.segments.iter().find_map(|s| overlapping(&spans, *s)) {
            Some((Blocked::Content, k))
        } else {
            c.cue
                .and_then(|cue| cue_of.get(&cue.span.start).copied())
                .filter(|&k| holder(k).rule != c.rule)
                .map(|k| (Blocked::Cue, k))
        };
        if let Some((trace, phase)) = log.as_mut() {
            let outcome = match blocker {
                None => Outcome::Accepted,
                Some((Blocked::Quote, k)) => Outcome::Claimed { by: holder(k).clone() },
                Some((Blocked::Content, k)) => Outcome::Overlaps { by: holder(k).clone() },
                Some((Blocked::Cue, k)) => Outcome::CueTaken { by: holder(k).clone() },
            };
            trace.decisions.push(Decision { candidate: c.clone(), phase: *phase, outcome });
        }
        if blocker.is_some() {
            continue;
        }
        let k = base + taken.len();
        for &q in &c.quotes {
            claimed.set(q, k);
        }
        if let Some(cue) = c.cue {
            cue_of.entry(cue.span.start).or_insert(k);
        }
        spans.extend(c.segments.iter().map(|s| ((s.start, s.end), k)));
        taken.push(i);
    }
    let mut cands = cands;
    permute_front(&mut cands, &taken);
    if accepted.is_empty() {
        // The winners now fill the front of the candidates' own buffer:
        // no second buffer of candidates (on a document of hundreds of
        // thousands of records, as much fresh memory again as the
        // candidates, which the kernel had to clear).
        return cands;
    }
    crate::bigvec::reserve(&mut accepted, cands.len());
    accepted.append(&mut cands);
    accepted
}

/// Drops cue words written with a capital inside running text: “State”
/// in “the U.S. State Department said”, “Report” in “the Annual Report
/// found”. A verb is capitalised there only as part of a name. At the start
/// of a sentence only the present forms go (“State media said”,
/// “Volunteers at the shelter said”: an imperative or a verb without a
/// subject is no attribution), not “Asked whether …” or “Told of the
/// ruling, …”. Headlines keep theirs (“Erdogan Calls Talks ‘Productive’”),
/// and words in capitals (“HE SAID”) are left alone: case says nothing
/// there.
fn drop_capitalised_cues(
    text: &str,
    toks: &Tokens,
    lex: &Lexicon,
    roles: &[ParagraphRole],
    cues: &mut Vec<CueTok>,
    cue_start: &mut [u32],
) {
    let tokens = &toks.tokens;
    let paras = &toks.paragraphs;
    let capitalised = |k: &CueTok| {
        let w = &text[k.span.range()];
        w.as_bytes()[0].is_ascii_uppercase() && w.bytes().any(|b| b.is_ascii_lowercase())
    };
    let keep = |k: &CueTok| {
        if !capitalised(k) {
            return true;
        }
        let first = k.first as usize;
        let p = paras.partition_point(|p| (p.end as usize) <= first);
        if roles.get(p).is_some_and(|&r| r != ParagraphRole::Body) {
            return true;
        }
        // A headline in title case that was not recognised as one (“Obama
        // Calls On Men To Reflect”): no lower-case word of four letters or
        // more among the six words either side, in the same sentence.
        let sentence = tokens[first].sentence;
        let near = (first.saturating_sub(6)..(first + 7).min(tokens.len()))
            .filter(|&j| j != first && tokens[j].sentence == sentence && tokens[j].kind == TokenKind::Word);
        let title_case = near
            .map(|j| &text[tokens[j].span().range()])
            .all(|w| !(w.len() >= 4 && w.as_bytes()[0].is_ascii_lowercase()));
        if title_case {
            return true;
        }
        let initial = first == 0
            || tokens[first - 1].sentence != tokens[first].sentence
            || tokens[first - 1].kind == TokenKind::Quote;
        // A finite present form has no subject at the start of a sentence
        // (“Volunteers at the shelter said …”).
        let finite = lex.cue_forms().get(k.form as usize).is_some_and(|f| {
            matches!(f.class, crate::lexicon::CueClass::Base | crate::lexicon::CueClass::ThirdSingular)
        });
        initial && !finite
    };
    if cues.iter().all(keep) {
        return;
    }
    for k in cues.iter() {
        cue_start[k.first as usize] = 0;
    }
    cues.retain(keep);
    for (i, k) in cues.iter().enumerate() {
        cue_start[k.first as usize] = i as u32 + 1;
    }
}

/// Which accepted candidate holds each quotation. The document's quotation
/// ids (`0..quotes`) are dense, so they index a zeroed array (1 + the
/// holder, 0 for none; pages never written are never cleared by the
/// kernel) instead of a hash map; an id outside them, which only a faulty
/// custom rule can set, goes to a map, so it costs no huge array either.
struct Claims {
    dense: Vec<usize>,
    other: crate::lexicon::FxMap<u32, usize>,
}

impl Claims {
    fn new(quotes: usize) -> Claims {
        Claims { dense: vec![0; quotes], other: Default::default() }
    }

    fn get(&self, q: u32) -> Option<usize> {
        match self.dense.get(q as usize) {
            Some(&k) => k.checked_sub(1),
            None => self.other.get(&q).copied(),
        }
    }

    fn set(&mut self, q: u32, holder: usize) {
        match self.dense.get_mut(q as usize) {
            Some(k) => *k = holder + 1,
            None => {
                self.other.insert(q, holder);
            }
        }
    }
}

/// Moves `v[order[0]], v[order[1]], …` to the front of `v`, in that order,
/// and drops the rest (`order` holds distinct indices). Linear: it tracks
/// where each element went instead of chasing its moves.
fn permute_front<T>(v: &mut Vec<T>, order: &[u32]) {
    // at[p]: the original index of the element now at p; pos[o]: where the
    // element originally at o is now.
    let mut at: Vec<u32> = (0..v.len() as u32).collect();
    let mut pos = at.clone();
    for (j, &o) in order.iter().enumerate() {
        let p = pos[o as usize] as usize;
        if p != j {
            v.swap(j, p);
            let moved = at[j];
            at[p] = moved;
            pos[moved as usize] = p as u32;
            at[j] = o;
            pos[o as usize] = j as u32;
        }
    }
    v.truncate(order.len());
}

/// Folds same-paragraph continuations into the record they continue, as
/// further segments (in text order). In place: only kept candidates change
/// and only folded ones are read, so nothing is cloned.
fn merge_continuations(accepted: &mut Vec<Candidate>) {
    if !accepted.iter().any(|c| c.merge) {
        return;
    }
    let folded = |c: &Candidate| c.merge && c.continues.is_some();
    let mut remap = vec![usize::MAX; accepted.len()];
    let mut kept = 0;
    for (k, c) in accepted.iter().enumerate() {
        if !folded(c) {
            remap[k] = kept;
            kept += 1;
        }
    }
    for k in 0..accepted.len() {
        let c = &accepted[k];
        let Some(root) = c.continues.filter(|_| folded(c)) else { continue };
        // A root that is itself folded keeps nothing.
        if remap.get(root).is_none_or(|&r| r == usize::MAX) {
            continue;
        }
        let (segments, quotes, unclosed) = (c.segments.clone(), c.quotes.clone(), c.unclosed);
        let r = &mut accepted[root];
        if r.kind == Kind::Mixed {
            // A quotation continuing a mixed record is one of its quoted
            // fragments too.
            r.quoted.extend(segments.iter().copied());
        }
        r.segments.extend(segments);
        r.segments.sort_by_key(|s| s.start);
        r.quotes.extend(quotes);
        r.unclosed |= unclosed;
    }
    accepted.retain(|c| !folded(c));
    for c in accepted.iter_mut() {
        c.continues = c.continues.map(|k| remap[k]).filter(|&k| k != usize::MAX);
    }
}

/// The time expression of an attribution: inside its clause, nearest the cue.
fn link_date(
    text: &str,
    clause: Span,
    cue: Option<Span>,
    publication: Option<jiff::civil::Date>,
) -> Option<DateRef<'_>> {
    let found = dates::scan(text, clause);
    let anchor = cue.map_or(clause.start, |c| c.start);
    let best =
        found
            .iter()
            .min_by_key(|e| if e.span.start >= anchor { e.span.start - anchor } else { anchor - e.span.end })?;
    Some(dates::resolve(best, text, publication))
}

/// How far back (bytes from the end of its mention) an institution that
/// spoke is still what “it” refers to: a paragraph or two.
const IT_WINDOW_BYTES: usize = 600;

/// Builds the speaker record; `prev` are the records just before this one
/// (nearest first), for pronoun salience.
fn speaker_record<'a>(
    ctx: &Context<'_>,
    text: &'a str,
    entities: &Entities,
    m: &Mention,
    prev: &[&Attribution<'a>],
) -> Speaker<'a> {
    // A name or role is borrowed when the mention that gave it (or this
    // mention) spells it out as written: “Foreign Minister Petra Kallas”.
    // An appositive role (“Petra Kallas, the foreign minister,”) is owned.
    let (mut name, mut role, mut antecedent) = (None, None, None);
    if let Some(ante) = &m.antecedent {
        let (n, r, _) = entities.resolve(text, ante);
        let near = [ante.span, m.span];
        return Speaker {
            start: m.span.start,
            end: m.span.end,
            text: Cow::Borrowed(&text[m.span.range()]),
            name: n.or_else(|| ante.name.clone()).map(|n| text_cow(text, &near, n)),
            kind: m.kind,
            role: r.or_else(|| ante.role.clone()).map(|r| text_cow(text, &near, r)),
            antecedent: Some(TextSpan::of(text, ante.span)),
        };
    }
    match m.kind {
        SpeakerKind::Pronoun if m.gender == Gender::Neuter && !m.plural => {
            // "it said": the institution that spoke in the attribution just
            // before (“the ministry said … It added …”), else the
            // organisation named last, else the last speaker that is not a
            // known person.
            let institution = prev.first().and_then(|p| p.speaker.as_ref()).filter(|s| {
                s.kind == SpeakerKind::Nominal
                    && s.text
                        .rsplit(' ')
                        .next()
                        .is_some_and(|h| crate::speakers::ORG_NOUNS.contains(&h.to_lowercase().as_str()))
                    && m.span.start.saturating_sub(s.end) < IT_WINDOW_BYTES
            });
            if let Some(s) = institution {
                name = s.name.clone().or_else(|| Some(s.text.clone()));
                antecedent = Some(TextSpan { start: s.start, end: s.end, text: s.text.clone() });
            } else if let Some(e) = entities.last_org(m.first as usize) {
                name = Some(text_cow(text, &[e.introduced], e.name.clone()));
                antecedent = Some(TextSpan::of(text, e.introduced));
            } else if let Some(p) = prev.iter().filter_map(|p| p.speaker.as_ref()).find(|s| {
                matches!(s.kind, SpeakerKind::Organization | SpeakerKind::Person | SpeakerKind::Place)
                    && s.name.as_deref().is_some_and(|n| !entities.is_person(n))
            }) {
                name.clone_from(&p.name);
                antecedent = Some(TextSpan { start: p.start, end: p.end, text: p.text.clone() });
            }
        }
        SpeakerKind::Pronoun => {
            if !m.plural && m.gender != Gender::Neuter {
                // Salience: the speaker of one of the last two attributions,
                // in the same or the previous paragraph, when compatible and
                // no other compatible person was named since.
                let para = ctx.tokens.paragraph_of(m.first as usize).unwrap_or(0);
                let by_recency = entities.antecedent(m.first as usize, m.gender);
                let salient = prev.iter().take(2).filter_map(|p| p.speaker.as_ref()).find(|s| {
                    let sp = ctx.toks().partition_point(|t| t.span().start < s.start);
                    let p_para = ctx.tokens.paragraph_of(sp).unwrap_or(0);
                    para.saturating_sub(p_para) <= 1
                        && s.name.as_deref().is_some_and(|n| entities.compatible(n, m.gender))
                        && by_recency.is_none_or(|e| {
                            e.name.as_str() == s.name.as_deref().unwrap_or("")
                                || !entities.mentioned_between(&e.name, sp, m.first as usize)
                        })
                });
                if let Some(s) = salient {
                    name.clone_from(&s.name);
                    role.clone_from(&s.role);
                    antecedent = Some(TextSpan { start: s.start, end: s.end, text: s.text.clone() });
                } else if let Some(e) = by_recency {
                    name = Some(text_cow(text, &[e.introduced], e.name.clone()));
                    role = e.role.clone().map(|r| text_cow(text, &[e.introduced], r));
                    antecedent = Some(TextSpan::of(text, e.introduced));
                }
            }
        }
        _ => {
            let (n, r, a) = entities.resolve(text, m);
            let near = [a.as_ref().map_or(m.span, TextSpan::span), m.span];
            name = n.map(|n| text_cow(text, &near, n));
            role = r.map(|r| text_cow(text, &near, r));
            antecedent = a;
            // "the ministry" after "the mining ministry said …", "the agency"
            // after "Eurostat said …": an earlier speaker with that head noun,
            // or for a generic organisation noun the last non-person speaker.
            let mtext = &text[m.span.range()];
            let the = mtext.starts_with("the ") || mtext.starts_with("The ");
            if m.kind == SpeakerKind::Nominal && antecedent.is_none() && the && !m.plural {
                let head = mtext.rsplit(' ').next().unwrap_or("").to_lowercase();
                // “the teachers’ union” is not the players’ union said
                // before: a description with an owner or a name refers back
                // only to one that contains it.
                let described = &mtext[4..];
                let specific = crate::speakers::is_specific_description(described);
                let generic = !specific
                    && matches!(
                        head.as_str(),
                        "agency" | "company" | "firm" | "group" | "organization" | "organisation"
                    );
                let found = prev.iter().filter_map(|p| p.speaker.as_ref()).find(|s| {
                    (s.start != m.span.start
                        && s.text.to_lowercase().ends_with(&format!(" {head}"))
                        && s.text.len() > mtext.len()
                        && (!specific || crate::speakers::contains_description(&s.text, described)))
                        || (generic
                            && matches!(s.kind, SpeakerKind::Organization | SpeakerKind::Person)
                            && s.name.as_deref().is_some_and(|n| !entities.is_person(n)))
                });
                if let Some(s) = found {
                    name = s.name.clone().or_else(|| Some(s.text.clone()));
                    antecedent = Some(TextSpan { start: s.start, end: s.end, text: s.text.clone() });
                }
            }
        }
    }
    if role.is_none() && m.kind == SpeakerKind::Person {
        role = crate::speakers::appositive_role(text, ctx.tokens, ctx.lexicon, m.end as usize).map(Cow::Owned);
    }
    Speaker {
        start: m.span.start,
        end: m.span.end,
        text: Cow::Borrowed(&text[m.span.range()]),
        name,
        kind: m.kind,
        role,
        antecedent,
    }
}

/// `s` borrowed from `text` where it is written within one of the spans
/// `near` (most names and roles are: “Dmitry Peskov” in “Kremlin spokesman
/// Dmitry Peskov”), else owned: a record then holds no copy of it.
fn text_cow<'a>(text: &'a str, near: &[Span], s: String) -> Cow<'a, str> {
    for sp in near {
        let Some(hay) = text.get(sp.range()) else { continue };
        if let Some(k) = memchr::memmem::find(hay.as_bytes(), s.as_bytes()) {
            // A match of a whole UTF-8 string starts and ends on character
            // boundaries; `get` checks it all the same.
            if let Some(b) = hay.get(k..k + s.len()) {
                return Cow::Borrowed(b);
            }
        }
    }
    Cow::Owned(s)
}

/// Where a piece of `text` starting at `start` ends: at most `limit` bytes
/// on, after the last line break within them (else at a character
/// boundary), always past `start`.
fn piece_end(text: &str, start: usize, limit: usize) -> usize {
    let end = crate::span::floor_char_boundary(text, start.saturating_add(limit.max(4)));
    if end == text.len() {
        return end;
    }
    match memchr::memrchr(b'\n', &text.as_bytes()[start..end]) {
        Some(k) if k > 0 => start + k + 1,
        _ => end,
    }
}

/// Marks captions, repeated lines and footers as `Skip`, headlines as
/// `Headline` (token by token through a [`RoleScan`]; `prepare` feeds the
/// scan from the pass that finds cues instead).
#[cfg(test)]
fn paragraph_roles(text: &str, toks: &Tokens) -> Vec<ParagraphRole> {
    let mut scan = RoleScan::new(toks);
    for k in 0..toks.tokens.len() {
        scan.visit(text, toks, k);
    }
    scan.finish(text, toks)
}

/// Phrases that mark a paragraph as a caption, a credit or a footer.
fn caption_markers() -> &'static Phrases {
    static MARKERS: OnceLock<Phrases> = OnceLock::new();
    MARKERS.get_or_init(|| {
        Phrases::new(
            [
                "Picture:",
                "Photo:",
                "Photograph:",
                "Image:",
                "Credit:",
                "Illustration:",
                "Pictured:",
                "(Photo",
                "Getty Images",
                "/ AFP",
                "/AFP",
                "/ Reuters",
                "/Reuters",
                "/ AP",
                "AP Photo",
                "File photo",
                "Photo by",
                "Add your comment",
                "Original URL:",
                "All rights reserved",
                "Join the conversation",
                "Copyright ©",
                "©",
                "Sign up for",
                "Subscribe to",
                "Read more:",
                "Follow us",
            ],
            false,
        )
        .expect("static patterns")
    })
}

/// What paragraph roles are decided from, gathered token by token in text
/// order: which paragraphs hold a caption or footer marker, and how many
/// words each has. A pass of its own over the tokens would cost as much as
/// the cue pass again on a long document, where the token array is far out
/// of cache.
struct RoleScan {
    roles: Vec<ParagraphRole>,
    words: Vec<u32>,
    /// The first paragraph ending after the last token start seen.
    by_byte: usize,
    /// The first paragraph whose tokens end after the last token seen.
    by_token: usize,
}

impl RoleScan {
    fn new(toks: &Tokens) -> RoleScan {
        let n = toks.paragraphs.len();
        RoleScan { roles: vec![ParagraphRole::Body; n], words: vec![0; n], by_byte: 0, by_token: 0 }
    }

    /// Takes token `k` (called for every token, in increasing order).
    #[inline]
    fn visit(&mut self, text: &str, toks: &Tokens, k: usize) {
        let paras = &toks.paragraphs;
        let t = toks.tokens[k];
        if t.kind == TokenKind::Word {
            while self.by_token < paras.len() && paras[self.by_token].end as usize <= k {
                self.by_token += 1;
            }
            if paras.get(self.by_token).is_some_and(|p| p.first as usize <= k) {
                self.words[self.by_token] += 1;
            }
        }
        // Markers are looked for at token starts (“/AFP” is the tokens “/”
        // and “AFP”, “©2024” starts with “©”).
        let s = t.span().start;
        let bytes = text.as_bytes();
        let markers = caption_markers();
        if markers.may_start(bytes, s) && markers.longest_at(bytes, s).is_some() {
            while self.by_byte < paras.len() && paras[self.by_byte].span.end <= s {
                self.by_byte += 1;
            }
            if self.by_byte < paras.len() && paras[self.by_byte].span.start <= s {
                self.roles[self.by_byte] = ParagraphRole::Skip;
            }
        }
    }

    /// The roles, once every token has been visited.
    fn finish(self, text: &str, toks: &Tokens) -> Vec<ParagraphRole> {
        let RoleScan { mut roles, words, .. } = self;
        let paras = &toks.paragraphs;
        let mut seen_body = false;
        for (k, p) in paras.iter().enumerate() {
            if roles[k] == ParagraphRole::Skip {
                continue;
            }
            let body = &text[p.span.range()];
            if k > 0 && body == &text[paras[k - 1].span.range()] {
                roles[k] = ParagraphRole::Skip;
                continue;
            }
            let words = words[k];
            let last = body.trim_end().chars().next_back().unwrap_or('.');
            let terminal = matches!(last, '.' | '!' | '?' | '”' | '’' | '"' | '\'' | '…' | ')' | ':' | '»');
            // Headlines and standfirsts open the article; later, only short lines
            // (a paragraph ending in an unclosed quotation is body text). A
            // line of three words or fewer is a label (“Picture: AFP”,
            // “Related coverage”) unless it is a finished sentence with a
            // quotation in it: the one-line exchange of an interview
            // (“No,” he said.) is body text wherever it stands.
            let exchange = || terminal && body.contains(['“', '"', '‘', '«', '„']);
            if (!terminal && ((!seen_body && k < 3 && words < 40) || words <= 15)) || (words <= 3 && !exchange()) {
                roles[k] = ParagraphRole::Headline;
            } else {
                seen_body = true;
            }
            if body.starts_with("By ") && words <= 8 && !terminal {
                roles[k] = ParagraphRole::Skip;
            }
        }
        roles
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permute_front_moves_the_chosen_elements_to_the_front_in_order() {
        let mut v: Vec<String> = (0..8).map(|k| format!("c{k}")).collect();
        permute_front(&mut v, &[5, 0, 7, 1, 6]);
        assert_eq!(v, ["c5", "c0", "c7", "c1", "c6"]);
        // Reversed and chained orders, the identity, nothing chosen.
        for order in [vec![3u32, 2, 1, 0], vec![1, 2, 3, 0], vec![0, 1, 2, 3], vec![]] {
            let mut v: Vec<u32> = (0..4).collect();
            permute_front(&mut v, &order);
            assert_eq!(v, order);
        }
    }

    /// A candidate for conflict resolution alone.
    fn bare(rule: &'static str, confidence: f32, segments: &[(usize, usize)], quotes: &[u32]) -> Candidate {
        let mut c =
            Candidate::new(Kind::Direct, segments.iter().map(|&(a, b)| Span::new(a, b)).collect(), rule, confidence);
        c.quotes.extend(quotes.iter().copied());
        c
    }

    fn conflict(a: &Candidate, b: &Candidate) -> (bool, bool) {
        let shares_quote = a.quotes.iter().any(|q| b.quotes.contains(q));
        let overlaps = a.segments.iter().any(|s| b.segments.iter().any(|t| s.overlaps(*t)));
        (shares_quote, overlaps)
    }

    #[test]
    fn conflict_resolution_keeps_claims_and_contents_apart_in_both_phases() {
        const RULES: [&str; 3] = ["r/a", "r/b", "r/c"];
        let order = |id: &str| RULES.iter().position(|r| *r == id).unwrap_or(usize::MAX);
        // A fixed case: phase 1 is checked against phase 0's segments (a
        // sorted array) and its own (a map), and a quotation claimed in
        // phase 0 stays claimed.
        let phase0 = vec![bare("r/a", 0.9, &[(10, 20)], &[0]), bare("r/a", 0.9, &[(40, 50)], &[1])];
        let accepted = resolve(Vec::new(), phase0, 3, &order, None);
        assert_eq!(accepted.len(), 2);
        let later = vec![
            bare("r/b", 0.8, &[(15, 25)], &[]),  // overlaps (10, 20)
            bare("r/b", 0.8, &[(60, 70)], &[]),  // free
            bare("r/c", 0.7, &[(65, 75)], &[]),  // overlaps the one just accepted
            bare("r/c", 0.7, &[(80, 90)], &[1]), // quotation 1 is taken
            bare("r/c", 0.6, &[(20, 40)], &[2]), // touches both, overlaps neither
        ];
        let mut trace = Trace::default();
        let accepted = resolve(accepted, later, 3, &order, Some((&mut trace, 1)));
        let spans: Vec<(usize, usize)> = accepted.iter().map(|c| (c.segments[0].start, c.segments[0].end)).collect();
        assert_eq!(spans, [(10, 20), (40, 50), (60, 70), (20, 40)]);
        let by = |d: &Decision| match &d.outcome {
            Outcome::Accepted => None,
            Outcome::Claimed { by } | Outcome::Overlaps { by } | Outcome::CueTaken { by } => Some(by.segments[0].start),
        };
        let blockers: Vec<Option<usize>> = trace.decisions.iter().map(by).collect();
        assert_eq!(blockers, [Some(10), None, Some(60), Some(40), None]);
        assert!(matches!(trace.decisions[3].outcome, Outcome::Claimed { .. }));
        // An empty list of candidates leaves the accepted ones as they are.
        assert_eq!(resolve(accepted.clone(), Vec::new(), 3, &order, None), accepted);

        // Random cases: whatever is accepted shares no quotation and no
        // content with anything else accepted, and everything rejected
        // conflicts with the accepted candidate named as its blocker.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        for _ in 0..300 {
            let mut phases: Vec<Vec<Candidate>> = Vec::new();
            for count in [30, 15] {
                let cands = (0..count)
                    .map(|_| {
                        // One or two pieces, in order and apart, as rules make them.
                        let a = next(200);
                        let mut segments = vec![(a, a + 1 + next(30))];
                        if next(2) == 1 {
                            let b = segments[0].1 + 1 + next(10);
                            segments.push((b, b + 1 + next(30)));
                        }
                        let quotes: Vec<u32> = (0..next(3)).map(|_| next(20) as u32).collect();
                        let confidence = [0.5, 0.7, 0.9][next(3)];
                        let mut c = bare(RULES[next(3)], confidence, &segments, &quotes);
                        // Half of them with one of five cues.
                        if next(2) == 1 {
                            let at = 300 + 10 * next(5);
                            c.cue = Some(CueTok { span: Span::new(at, at + 4), first: 0, end: 1, form: 0 });
                        }
                        c
                    })
                    .collect();
                phases.push(cands);
            }
            // The document's 20 quotation ids in the dense array; or only
            // some of them, or none, with the rest in the map (as a faulty
            // custom rule's ids would be): the same outcome.
            let run = |quotes: usize| {
                let mut trace = Trace::default();
                let mut accepted = Vec::new();
                for (phase, cands) in phases.iter().enumerate() {
                    accepted = resolve(accepted, cands.clone(), quotes, &order, Some((&mut trace, phase as u8)));
                }
                (accepted, trace)
            };
            let (accepted, trace) = run(20);
            for quotes in [7, 0] {
                let (a, t) = run(quotes);
                assert_eq!(a, accepted);
                assert_eq!(format!("{:?}", t.decisions), format!("{:?}", trace.decisions));
            }
            for (k, a) in accepted.iter().enumerate() {
                for b in &accepted[k + 1..] {
                    assert_eq!(conflict(a, b), (false, false), "{a:?} and {b:?} both accepted");
                    let same_cue = a.cue.is_some() && a.cue.map(|c| c.span) == b.cue.map(|c| c.span);
                    assert!(!same_cue || a.rule == b.rule, "{a:?} and {b:?} share a cue");
                }
            }
            for d in &trace.decisions {
                match &d.outcome {
                    Outcome::Accepted => assert!(accepted.contains(&d.candidate)),
                    Outcome::Claimed { by } => {
                        assert!(accepted.contains(by));
                        assert!(conflict(&d.candidate, by).0);
                    }
                    Outcome::Overlaps { by } => {
                        assert!(accepted.contains(by));
                        assert_eq!(conflict(&d.candidate, by), (false, true));
                    }
                    Outcome::CueTaken { by } => {
                        assert!(accepted.contains(by));
                        assert_eq!(conflict(&d.candidate, by), (false, false));
                        assert!(by.cue.is_some_and(|c| Some(c.span) == d.candidate.cue.map(|k| k.span)));
                        assert_ne!(by.rule, d.candidate.rule);
                    }
                }
            }
        }
    }

    #[test]
    fn long_texts_are_read_in_pieces_with_whole_text_offsets() {
        let text: String = (0..40)
            .map(|k| {
                format!("“We had {k} very good talks,” Trump wrote on Friday. Officials said plan {k} would hold.\n\n")
            })
            .collect();
        let ex = Extractor::new();
        let whole = ex.extract_in_pieces(&text, None, usize::MAX);
        // Pieces of about three paragraphs, cut at line breaks.
        let pieces = ex.extract_in_pieces(&text, None, 250);
        assert_eq!(whole.len(), 80);
        assert_eq!(pieces, whole);
        for r in &pieces {
            assert_eq!(&text[r.content.start..r.content.end], r.content.text);
            let cue = r.cue.as_ref().expect("a cue");
            assert_eq!(&text[cue.start..cue.end], cue.text);
        }
        assert_eq!(piece_end("ab\ncd", 0, 4), 3);
        // A cut inside a character moves back to its start, and a piece is
        // never empty, even with a limit below a character's length.
        assert_eq!(piece_end("aééé", 0, 4), 3);
        assert_eq!(piece_end("éééé", 2, 1), 6);
    }

    #[test]
    fn caption_and_footer_markers_skip_their_paragraph() {
        let text = "A long body paragraph says what happened in the city on Friday, and more.\n\n\
                    The minister speaks at the summit. Getty Images/AFP\n\n\
                    Another long body paragraph says what happened in the city on Friday, and more.\n\n\
                    ©2026 The Daily Example. All rights reserved\n\n\
                    A photographer said nothing about Photographs: that is no marker here, and it goes on.";
        let toks = tokenize::tokenize(text, Lexicon::builtin());
        let roles = paragraph_roles(text, &toks);
        assert_eq!(roles.len(), 5);
        assert_eq!(roles[1], ParagraphRole::Skip);
        assert_eq!(roles[3], ParagraphRole::Skip);
        assert_eq!([roles[0], roles[2], roles[4]], [ParagraphRole::Body; 3]);
    }
}
