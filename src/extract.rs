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

use std::collections::HashSet;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use crate::dates;
use crate::lexicon::{Gender, Lexicon, LexiconError, LexiconKind, LexiconSources};
use crate::quotes;
use crate::record::{Attribution, Content, Cue, DateRef, Speaker, SpeakerKind, TextSpan};
use crate::rules::{self, Candidate, Context, CueTok, ParagraphRole, Rule};
use crate::span::Span;
use crate::speakers::{Entities, Mention};
use crate::tokenize::{self, TokenKind, Tokens};

/// The default maximum document size for [`Extractor::try_extract`]: 16 MiB.
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 16 << 20;

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
}

impl core::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Extractor")
            .field("rules", &self.rules.iter().map(|r| r.id()).collect::<Vec<_>>())
            .field("max_document_bytes", &self.max_document_bytes)
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

    /// Extracts all attributions, sorted by content start. Total on any
    /// input: never panics, no size limit (see [`Extractor::try_extract`]).
    pub fn extract<'t>(&self, input: impl Into<Input<'t>>) -> Vec<Attribution> {
        let input = input.into();
        self.run(input.text, input.date).0
    }

    /// Like [`Extractor::extract`], but refuses a document over the size
    /// limit with an error (kind `too_large`) rather than a truncated
    /// answer.
    pub fn try_extract<'t>(&self, input: impl Into<Input<'t>>) -> Result<Vec<Attribution>, Error> {
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

    /// The full run; also returns the candidates of each phase before
    /// resolution (for `explain`).
    pub(crate) fn run(&self, text: &str, date: Option<jiff::civil::Date>) -> (Vec<Attribution>, Trace) {
        let lex = self.lexicon.get();
        let toks = tokenize::tokenize(text, lex);
        let quotes = quotes::pair(text, &toks);
        let mut raw = Vec::new();
        lex.find_cues(text, &mut raw);
        let mut cues = Vec::with_capacity(raw.len());
        let mut cue_start = vec![u32::MAX; toks.tokens.len()];
        for m in raw {
            let first = toks.tokens.partition_point(|t| t.span.start < m.span.start);
            let end = toks.tokens.partition_point(|t| t.span.end <= m.span.end);
            if first < toks.tokens.len()
                && toks.tokens[first].span.start == m.span.start
                && end > first
                && toks.tokens[end - 1].span.end == m.span.end
            {
                cue_start[first] = cues.len() as u32;
                cues.push(CueTok { span: m.span, first: first as u32, end: end as u32, form: m.form });
            }
        }
        let roles = paragraph_roles(text, &toks);
        let mut marks = vec![false; toks.tokens.len()];
        let mut quoted = vec![false; toks.tokens.len()];
        for q in &quotes {
            marks[q.open as usize] = true;
            if let Some(c) = q.close {
                marks[c as usize] = true;
            }
            if q.depth == 0 {
                let end =
                    q.close.map_or_else(|| toks.tokens.partition_point(|t| t.span.start < q.inner.end), |c| c as usize);
                for f in &mut quoted[q.open as usize + 1..end.max(q.open as usize + 1)] {
                    *f = true;
                }
            }
        }
        let ctx = Context {
            text,
            tokens: &toks,
            quotes: &quotes,
            cues: &cues,
            lexicon: lex,
            paragraphs: &roles,
            cue_start: &cue_start,
            marks: &marks,
            quoted: &quoted,
        };
        let mut trace = Trace::default();
        let mut cands = Vec::new();
        for r in self.rules.iter().filter(|r| r.phase() == 0) {
            r.apply(&ctx, &[], &mut cands);
        }
        trace.candidates.extend(cands.iter().cloned());
        let order = |id: &str| self.rules.iter().position(|r| r.id() == id).unwrap_or(usize::MAX);
        let mut accepted = resolve(Vec::new(), cands, &order);
        let mut later = Vec::new();
        for r in self.rules.iter().filter(|r| r.phase() >= 1) {
            r.apply(&ctx, &accepted, &mut later);
        }
        trace.candidates.extend(later.iter().cloned());
        accepted = resolve(accepted, later, &order);
        merge_continuations(&mut accepted);
        if accepted.is_empty() {
            return (Vec::new(), trace);
        }
        let mut entities = Entities::build(text, &toks, lex);
        for c in &accepted {
            if let Some(m) = c.speaker.as_ref().filter(|m| m.kind == SpeakerKind::Person) {
                entities.mark_speaker(m.first as usize);
            }
        }
        let date = date.or_else(|| dates::dateline(text).map(|(_, d)| d));
        let mut out: Vec<Attribution> = Vec::with_capacity(accepted.len());
        let mut dates_of: Vec<Option<DateRef>> = Vec::with_capacity(accepted.len());
        for c in &accepted {
            let mut date_ref = c
                .clause
                .and_then(|cl| link_date(text, cl, c.cue.map(|k| k.span), date))
                .or_else(|| c.fallback.and_then(|l| link_date(text, l, None, date)));
            if date_ref.is_none() {
                if let Some(root) = c.continues {
                    date_ref = dates_of.get(root).cloned().flatten().map(|mut d| {
                        d.inherited = true;
                        d
                    });
                }
            }
            dates_of.push(date_ref.clone());
            out.push(self.record(&ctx, &entities, c, date_ref, &out, &accepted));
        }
        out.sort_by_key(|a| (a.content.start, a.content.end));
        (out, trace)
    }

    fn record(
        &self,
        ctx: &Context<'_>,
        entities: &Entities,
        c: &Candidate,
        date: Option<DateRef>,
        _prev: &[Attribution],
        _all: &[Candidate],
    ) -> Attribution {
        let text = ctx.text;
        let segments: Vec<TextSpan> = c.segments.iter().map(|s| TextSpan::of(text, *s)).collect();
        let hull = c.content_span();
        let content = Content {
            start: hull.start,
            end: hull.end,
            text: text[hull.range()].to_owned(),
            segments,
            quoted: c.quoted.iter().map(|s| TextSpan::of(text, *s)).collect(),
            unclosed: c.unclosed,
        };
        let speaker = c.speaker.as_ref().map(|m| speaker_record(ctx, entities, m));
        // A continuation speaks under the cue of the record it continues.
        let cue_tok = c.cue.or_else(|| c.continues.and_then(|r| _all.get(r)).and_then(|r| r.cue));
        let cue = cue_tok.map(|k| Cue {
            start: k.span.start,
            end: k.span.end,
            text: text[k.span.range()].to_owned(),
            lemma: ctx.form(&k).map_or_else(|| text[k.span.range()].to_lowercase(), |f| f.lemma.clone()),
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
            rule: c.rule.to_owned(),
            confidence: (confidence * 100.0).round() / 100.0,
        }
    }
}

/// Candidates before resolution, for `explain`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Trace {
    pub candidates: Vec<Candidate>,
}

/// Accepts candidates by confidence (then rule order, then position): a
/// quotation belongs to one record; contents do not overlap.
fn resolve(mut accepted: Vec<Candidate>, mut cands: Vec<Candidate>, order: &dyn Fn(&str) -> usize) -> Vec<Candidate> {
    cands.sort_by(|a, b| {
        b.confidence
            .partial_cmp(&a.confidence)
            .unwrap_or(core::cmp::Ordering::Equal)
            .then_with(|| order(a.rule).cmp(&order(b.rule)))
            .then_with(|| a.content_span().start.cmp(&b.content_span().start))
            .then_with(|| a.content_span().end.cmp(&b.content_span().end))
    });
    let mut claimed: HashSet<u32> = accepted.iter().flat_map(|c| c.quotes.iter().copied()).collect();
    let mut spans: Vec<Span> = accepted.iter().flat_map(|c| c.segments.iter().copied()).collect();
    for c in cands {
        if c.quotes.iter().any(|q| claimed.contains(q)) {
            continue;
        }
        if c.segments.iter().any(|s| spans.iter().any(|a| a.overlaps(*s))) {
            continue;
        }
        claimed.extend(c.quotes.iter().copied());
        spans.extend(c.segments.iter().copied());
        accepted.push(c);
    }
    accepted
}

/// Folds same-paragraph continuations into the record they continue, as
/// further segments (in text order).
fn merge_continuations(accepted: &mut Vec<Candidate>) {
    if !accepted.iter().any(|c| c.merge) {
        return;
    }
    let mut keep = Vec::with_capacity(accepted.len());
    let mut remap = vec![usize::MAX; accepted.len()];
    for (k, c) in accepted.iter().enumerate() {
        if !(c.merge && c.continues.is_some()) {
            remap[k] = keep.len();
            keep.push(k);
        }
    }
    let mut merged: Vec<Candidate> = keep.iter().map(|&k| accepted[k].clone()).collect();
    for c in accepted.iter() {
        if let (true, Some(root)) = (c.merge, c.continues) {
            if let Some(r) = merged.get_mut(remap[root]) {
                r.segments.extend(c.segments.iter().copied());
                r.segments.sort_by_key(|s| s.start);
                r.quotes.extend(c.quotes.iter().copied());
                r.unclosed |= c.unclosed;
            }
        }
    }
    for c in &mut merged {
        c.continues = c.continues.map(|k| remap[k]).filter(|&k| k != usize::MAX);
    }
    *accepted = merged;
}

/// The time expression of an attribution: inside its clause, nearest the cue.
fn link_date(text: &str, clause: Span, cue: Option<Span>, publication: Option<jiff::civil::Date>) -> Option<DateRef> {
    let found = dates::scan(text, clause);
    let anchor = cue.map_or(clause.start, |c| c.start);
    let best =
        found
            .iter()
            .min_by_key(|e| if e.span.start >= anchor { e.span.start - anchor } else { anchor - e.span.end })?;
    Some(dates::resolve(best, text, publication))
}

fn speaker_record(ctx: &Context<'_>, entities: &Entities, m: &Mention) -> Speaker {
    let text = ctx.text;
    let (mut name, mut role, mut antecedent) = (None, None, None);
    if let Some(ante) = &m.antecedent {
        let (n, r, _) = entities.resolve(text, ante);
        return Speaker {
            start: m.span.start,
            end: m.span.end,
            text: text[m.span.range()].to_owned(),
            name: n.or_else(|| ante.name.clone()),
            kind: m.kind,
            role: r.or_else(|| ante.role.clone()),
            antecedent: Some(TextSpan::of(text, ante.span)),
        };
    }
    match m.kind {
        SpeakerKind::Pronoun if m.gender == Gender::Neuter && !m.plural => {
            // "it said": the organisation named last.
            if let Some(e) = entities.last_org(m.first as usize) {
                name = Some(e.name.clone());
                antecedent = Some(TextSpan::of(text, e.introduced));
            }
        }
        SpeakerKind::Pronoun => {
            if !m.plural && m.gender != Gender::Neuter {
                if let Some(e) = entities.antecedent(m.first as usize, m.gender) {
                    name = Some(e.name.clone());
                    role.clone_from(&e.role);
                    antecedent = Some(TextSpan::of(text, e.introduced));
                }
            }
        }
        _ => {
            let (n, r, a) = entities.resolve(text, m);
            name = n;
            role = r;
            antecedent = a;
        }
    }
    if role.is_none() && m.kind == SpeakerKind::Person {
        role = crate::speakers::appositive_role(text, ctx.tokens, ctx.lexicon, m.end as usize);
    }
    Speaker {
        start: m.span.start,
        end: m.span.end,
        text: text[m.span.range()].to_owned(),
        name,
        kind: m.kind,
        role,
        antecedent,
    }
}

/// Marks captions, repeated lines and footers as `Skip`, headlines as
/// `Headline`.
fn paragraph_roles(text: &str, toks: &Tokens) -> Vec<ParagraphRole> {
    static MARKERS: OnceLock<AhoCorasick> = OnceLock::new();
    let markers = MARKERS.get_or_init(|| {
        AhoCorasick::new([
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
        ])
        .expect("static patterns")
    });
    let paras = &toks.paragraphs;
    let mut roles = vec![ParagraphRole::Body; paras.len()];
    if paras.is_empty() {
        return roles;
    }
    for m in markers.find_iter(text) {
        let p = paras.partition_point(|p| p.span.end <= m.start());
        if p < paras.len() && paras[p].span.start <= m.start() {
            roles[p] = ParagraphRole::Skip;
        }
    }
    for (k, p) in paras.iter().enumerate() {
        if roles[k] == ParagraphRole::Skip {
            continue;
        }
        let body = &text[p.span.range()];
        if k > 0 && body == &text[paras[k - 1].span.range()] {
            roles[k] = ParagraphRole::Skip;
            continue;
        }
        let words = (p.first..p.end).filter(|&i| toks.tokens[i as usize].kind == TokenKind::Word).count();
        let last = body.trim_end().chars().next_back().unwrap_or('.');
        let terminal = matches!(last, '.' | '!' | '?' | '”' | '’' | '"' | '\'' | '…' | ')' | ':' | '»');
        if (!terminal && words < 40) || words <= 3 {
            roles[k] = ParagraphRole::Headline;
        }
        if body.starts_with("By ") && words <= 8 && !terminal {
            roles[k] = ParagraphRole::Skip;
        }
    }
    roles
}
