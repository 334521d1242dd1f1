//! Why each quotation and cue did or did not become a record.
//!
//! [`explain`] reruns the extractor with tracing on and lists, for every
//! quotation and every speech cue of the document, the candidates the rules
//! produced there, which one was accepted and why the others were rejected
//! (the quotation was already claimed by a more confident candidate, or the
//! content overlaps an accepted record). For a quotation or cue with no
//! candidate at all it gives the reason the likely rules did not fire, as far
//! as it is cheaply knowable: a caption paragraph, a nested quote, no cue in
//! the attribution window, a negated cue, no speaker mention.
//!
//! ```
//! use whosaid::{explain::explain, Extractor, Input};
//! let ex = Extractor::new();
//! let e = explain(&ex, Input::new("Smith did not say that taxes would rise."));
//! assert!(e.to_string().contains("negated"));
//! ```

use core::fmt;

use crate::extract::{Outcome, Trace};
use crate::lexicon::CueClass;
use crate::quotes;
use crate::record::{Attribution, Kind};
use crate::render;
use crate::rules::{Candidate, Context, CueTok, ParagraphRole};
use crate::span::Span;
use crate::{Extractor, Input};

/// Tokens searched for a cue after a closing mark or before an opening one.
pub const ATTRIBUTION_WINDOW: usize = 10;

/// What an explained item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A quotation (its outer span, marks included).
    Quote,
    /// A speech cue from the lexicon.
    Cue,
}

/// One candidate a rule produced, and its fate.
#[derive(Clone, Debug, PartialEq)]
pub struct CandidateNote {
    /// The rule id.
    pub rule: String,
    /// Its kind.
    pub kind: Kind,
    /// The content as written (segments joined by ` … `).
    pub content: String,
    /// The speaker mention as written.
    pub speaker: Option<String>,
    /// Its confidence before speaker resolution.
    pub confidence: f32,
    /// 0 or 1 (see [`crate::rules::Rule::phase`]).
    pub phase: u8,
    /// The record it became (or was merged into), when accepted.
    pub record: Option<usize>,
    /// Why it was not accepted; `None` when accepted.
    pub rejected: Option<String>,
}

impl CandidateNote {
    /// Whether resolution accepted it.
    pub fn accepted(&self) -> bool {
        self.rejected.is_none()
    }
}

/// A quotation or a cue, with the candidates made there.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Quotation or cue.
    pub target: Target,
    /// Its byte span.
    pub span: Span,
    /// Its text.
    pub text: String,
    /// Candidates whose quotations include it (for a quotation) or whose cue
    /// it is (for a cue), best first.
    pub candidates: Vec<CandidateNote>,
    /// With no candidate: why the likely rules did not fire. Otherwise
    /// notes, possibly empty.
    pub reasons: Vec<String>,
}

/// The explanation of one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation<'t> {
    /// The records, as [`Extractor::extract`] returns them.
    pub records: Vec<Attribution<'t>>,
    /// Every quotation and cue, in text order.
    pub items: Vec<Item>,
    /// Candidates at neither a quotation nor a lexicon cue (a user rule's own
    /// cue, an indirect claim without one).
    pub other: Vec<CandidateNote>,
}

/// Explains the extraction of `input` (see the module docs). Unlike
/// [`Extractor::extract`], it reads one piece only: at most
/// [`MAX_TOKENIZED_BYTES`](crate::tokenize::MAX_TOKENIZED_BYTES) (4 GiB − 1)
/// of the text.
pub fn explain<'t>(ex: &Extractor, input: impl Into<Input<'t>>) -> Explanation<'t> {
    let input = input.into();
    let text = input.text;
    let mut trace = Trace::default();
    let records = ex.run(text, input.date, Some(&mut trace));
    let prep = ex.prepare(text);
    let ctx = prep.context(text, ex.lexicon());

    let notes: Vec<(CandidateNote, &Candidate)> =
        trace.decisions.iter().map(|d| (note(text, &records, d), &d.candidate)).collect();
    let mut used = vec![false; notes.len()];
    let mut items = Vec::new();

    for (qi, q) in ctx.quotes.iter().enumerate() {
        let mut cands = Vec::new();
        for (k, (n, c)) in notes.iter().enumerate() {
            if c.quotes.contains(&(qi as u32)) {
                cands.push(n.clone());
                used[k] = true;
            }
        }
        let reasons = if cands.is_empty() { quote_reasons(&ctx, qi, &records) } else { Vec::new() };
        items.push(Item {
            target: Target::Quote,
            span: q.outer,
            text: text[q.outer.range()].to_owned(),
            candidates: cands,
            reasons,
        });
    }
    // Quotations the rules never saw: over the length limit.
    for q in quotes::pair(text, &prep.toks).into_iter().filter(|q| q.inner.len() > ex.max_quote_bytes()) {
        items.push(Item {
            target: Target::Quote,
            span: q.outer,
            text: text[q.outer.range()].to_owned(),
            candidates: Vec::new(),
            reasons: vec![format!(
                "quotation is {} bytes, over the {}-byte limit (usually a stray mark): ignored by the rules",
                q.inner.len(),
                ex.max_quote_bytes()
            )],
        });
    }
    for cue in ctx.cues {
        let mut cands = Vec::new();
        for (k, (n, c)) in notes.iter().enumerate() {
            if c.cue.is_some_and(|cc| cc.span == cue.span) {
                cands.push(n.clone());
                used[k] = true;
            }
        }
        let reasons = if cands.is_empty() { cue_reasons(&ctx, cue, &records) } else { Vec::new() };
        items.push(Item {
            target: Target::Cue,
            span: cue.span,
            text: text[cue.span.range()].to_owned(),
            candidates: cands,
            reasons,
        });
    }
    items.sort_by_key(|it| (it.span.start, it.target == Target::Cue, it.span.end));
    let other = notes.into_iter().zip(used).filter(|(_, u)| !u).map(|((n, _), _)| n).collect();
    Explanation { records, items, other }
}

/// The record holding candidate content `s`.
fn record_of(records: &[Attribution], s: Span) -> Option<usize> {
    records.iter().position(|r| r.content.segments.iter().any(|g| g.start <= s.start && s.end <= g.end))
}

fn describe(records: &[Attribution], by: &Candidate) -> String {
    let rec = by.segments.first().and_then(|s| record_of(records, *s));
    match rec {
        Some(k) => format!("record #{k} ({} {:.2})", by.rule, by.confidence),
        None => format!("{} ({:.2})", by.rule, by.confidence),
    }
}

fn note(text: &str, records: &[Attribution], d: &crate::extract::Decision) -> CandidateNote {
    let c = &d.candidate;
    let content: Vec<&str> = c.segments.iter().map(|s| &text[s.range()]).collect();
    let rejected = match &d.outcome {
        Outcome::Accepted => None,
        Outcome::Claimed { by, .. } => Some(format!(
            "quotation already claimed by {} ({:.2}){}",
            by.rule,
            by.confidence,
            by.segments
                .first()
                .and_then(|s| record_of(records, *s))
                .map_or(String::new(), |k| format!(", record #{k}"))
        )),
        Outcome::Overlaps { by } => Some(format!("content overlaps accepted {}", describe(records, by))),
        Outcome::CueTaken { by } => Some(format!("its cue introduces accepted {}", describe(records, by))),
    };
    let record = if rejected.is_none() { c.segments.first().and_then(|s| record_of(records, *s)) } else { None };
    CandidateNote {
        rule: c.rule.to_owned(),
        kind: c.kind,
        content: content.join(" … "),
        speaker: c.speaker.as_ref().map(|m| text[m.span.range()].to_owned()),
        confidence: c.confidence,
        phase: d.phase,
        record,
        rejected,
    }
}

fn role_reason(ctx: &Context<'_>, tok: usize) -> Option<String> {
    match ctx.paragraph_role(tok) {
        ParagraphRole::Skip => Some("paragraph is a caption, byline, footer or repeated line (skipped)".to_owned()),
        ParagraphRole::Headline => {
            Some("paragraph is a headline or standfirst (skipped except for partial quotes)".to_owned())
        }
        ParagraphRole::Body => None,
    }
}

fn cue_name(ctx: &Context<'_>, c: &CueTok) -> String {
    format!("“{}”", &ctx.text[c.span.range()])
}

/// The speaker mention next to a cue: before it (skipping adverbs) or after it.
fn mention_near(ctx: &Context<'_>, c: &CueTok) -> Option<String> {
    let first = c.first as usize;
    let s0 = ctx.sentence_start(first);
    let se = ctx.sentence_end(first);
    let back = ctx.skip_adjuncts_back(first, s0);
    let fwd = ctx.skip_adjuncts(c.end as usize, se);
    // After the cue only for an inverted finite cue (“said Smith”): after a
    // participle (“calling the plan …”) a mention is its object.
    let inverted = ctx.form(c).is_some_and(|f| matches!(f.class, CueClass::Past | CueClass::ThirdSingular));
    ctx.mention_before(back, s0)
        .or_else(|| inverted.then(|| ctx.mention_at(fwd, se)).flatten())
        .map(|m| ctx.text[m.span.range()].to_owned())
}

fn quote_reasons(ctx: &Context<'_>, qi: usize, records: &[Attribution]) -> Vec<String> {
    let q = &ctx.quotes[qi];
    let open = q.open as usize;
    let mut out = Vec::new();
    if q.depth > 0 {
        out.push("quote is nested inside another quotation (only top-level quotations are attributed)".to_owned());
        return out;
    }
    if let Some(r) = role_reason(ctx, open) {
        out.push(r);
        return out;
    }
    if let Some(k) = records.iter().position(|r| r.content.start <= q.inner.start && q.inner.end <= r.content.end) {
        out.push(format!("quotation lies inside the content of record #{k} (a quoted fragment of a claim)"));
        return out;
    }
    if q.unclosed {
        out.push("quotation is never closed (it runs to the end of its paragraph)".to_owned());
    }
    let para_end = ctx.paragraph_end(open);
    let after_from = q.close.map_or(para_end, |c| c as usize + 1);
    let after = after_from..(after_from + ATTRIBUTION_WINDOW).min(para_end);
    let para_start = ctx.tokens.paragraph(open).map_or(0, |p| p.first as usize);
    let before = open.saturating_sub(ATTRIBUTION_WINDOW).max(para_start)..open;
    let near: Vec<&CueTok> = ctx
        .cues
        .iter()
        .filter(|c| {
            let f = c.first as usize;
            (after.contains(&f) || before.contains(&f)) && !ctx.in_quote(f)
        })
        .collect();
    if near.is_empty() {
        let words = ctx.text[q.inner.range()].split_whitespace().count();
        out.push(format!(
            "no speech cue within the attribution window ({ATTRIBUTION_WINDOW} tokens) after the closing mark or before the opening mark"
        ));
        if words <= 3 {
            out.push(format!("short quotation ({words} words): a scare quote, title or nickname?"));
        }
        return out;
    }
    for c in near {
        if ctx.negated(c) {
            out.push(format!("cue {} is negated/hypothetical", cue_name(ctx, c)));
        } else if let Some(m) = mention_near(ctx, c) {
            out.push(format!(
                "cue {} and speaker “{m}” found, but no rule's layout matched (words between the quotation and the attribution?)",
                cue_name(ctx, c)
            ));
        } else {
            out.push(format!("no speaker mention next to the cue {}", cue_name(ctx, c)));
        }
    }
    out
}

fn cue_reasons(ctx: &Context<'_>, c: &CueTok, records: &[Attribution]) -> Vec<String> {
    let first = c.first as usize;
    if ctx.in_quote(first) {
        return vec!["cue inside a quotation (the quoted speaker's words, not an attribution)".to_owned()];
    }
    if let Some(r) = role_reason(ctx, first) {
        return vec![r];
    }
    if let Some(k) =
        records.iter().position(|r| r.content.segments.iter().any(|g| g.start <= c.span.start && c.span.end <= g.end))
    {
        return vec![format!("cue lies inside the content of record #{k}")];
    }
    if ctx.negated(c) {
        return vec!["cue is negated/hypothetical (“did not say”, “would say”, “declined to say”)".to_owned()];
    }
    let mut out = Vec::new();
    match ctx.form(c).map(|f| f.class) {
        Some(CueClass::Gerund | CueClass::Participle) => out.push(
            "cue is a participle: only participial and continuation rules use it, after an accepted attribution in the same sentence"
                .to_owned(),
        ),
        Some(CueClass::Preposition) => {
            out.push("“according to” needs a source mention right after it and a claim around it".to_owned())
        }
        _ => {}
    }
    match mention_near(ctx, c) {
        None => out.push("no speaker mention before the cue (or right after it)".to_owned()),
        Some(m) => out.push(format!(
            "speaker “{m}” found, but no content: no adjacent quotation and no that-clause or object the indirect rules accept"
        )),
    }
    out
}

fn clip(s: &str, n: usize) -> String {
    let s = s.replace('\n', "⏎");
    if s.chars().count() <= n {
        s
    } else {
        let mut t: String = s.chars().take(n).collect();
        t.push('…');
        t
    }
}

impl fmt::Display for CandidateNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {:.2} speaker={} “{}”",
            self.rule,
            self.kind.as_str(),
            self.confidence,
            self.speaker.as_deref().map_or("-".to_owned(), |s| format!("“{s}”")),
            clip(&self.content, 60)
        )?;
        if self.phase > 0 {
            f.write_str(" [phase 1]")?;
        }
        match (&self.rejected, self.record) {
            (Some(why), _) => write!(f, "\n      rejected: {why}"),
            (None, Some(k)) => write!(f, "\n      ACCEPTED → record #{k}"),
            (None, None) => f.write_str("\n      ACCEPTED"),
        }
    }
}

impl fmt::Display for Explanation<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "== records ({})", self.records.len())?;
        f.write_str(&render::pretty(&self.records))?;
        writeln!(f, "\n== quotations and cues")?;
        for it in &self.items {
            let what = match it.target {
                Target::Quote => "quote",
                Target::Cue => "cue",
            };
            writeln!(f, "{what} {}..{} {}", it.span.start, it.span.end, clip(&it.text, 70))?;
            for c in &it.candidates {
                writeln!(f, "    {c}")?;
            }
            if it.candidates.is_empty() {
                writeln!(f, "    no candidate:")?;
            }
            for r in &it.reasons {
                writeln!(f, "      - {r}")?;
            }
        }
        if !self.other.is_empty() {
            writeln!(f, "\n== other candidates")?;
            for c in &self.other {
                writeln!(f, "    {c}")?;
            }
        }
        Ok(())
    }
}
