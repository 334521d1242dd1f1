//! Direct quotes: quoted words with a speaker and cue next to them.

pub mod continuation;
pub mod quote_comma_cue_speaker;
pub mod quote_comma_speaker_cue;
pub mod speaker_cue_colon_quote;
pub mod speaker_cue_quote;
pub mod split_quote;

use super::{Context, CueTok, ParagraphRole};
use crate::quotes::Quote;
use crate::record::SpeakerKind;
use crate::span::Span;
use crate::speakers::Mention;
use crate::tokenize::TokenKind;

/// Whether a quotation can carry a direct-quote record: top level, in body
/// text, not empty.
pub(crate) fn quotable(ctx: &Context<'_>, q: &Quote) -> bool {
    q.depth == 0 && !q.inner.is_empty() && ctx.paragraph_role(q.open as usize) == ParagraphRole::Body
}

/// The candidate for quotation `qi` when a cue after it attributes it:
/// direct, unless the quotation opens inside a sentence whose words before
/// it are reported speech too. “The plan was “dead on arrival,” Lee said.”
/// reports the whole clause, so that is a mixed record whose content runs
/// from the sentence start (past a dateline) to the closing mark.
///
/// The words before the quotation are not part of it when they are one
/// word (“But “…,” she said”), a lead-in ending in a colon or dash, an
/// “Asked …” clause, or words with a cue of their own (“telling reporters,
/// “…,” he said”; a split quote).
///
/// `None` for a quoted title after a preposition or possessive (“On ABC's
/// “This Week,” Rubio said …”): the cue's words are elsewhere.
pub(crate) fn quote_or_mixed(
    ctx: &Context<'_>,
    qi: usize,
    rule: &'static str,
    confidence: f32,
) -> Option<super::Candidate> {
    let q = &ctx.quotes[qi];
    if names_a_title(ctx, q) {
        return None;
    }
    Some(match lead_in(ctx, q) {
        Some(content) => super::Candidate::claim(ctx, content, rule, confidence),
        None => super::Candidate::quote(ctx, qi, rule, confidence),
    })
}

/// A short quotation of capitalised words right after a preposition or a
/// possessive: the name of a show, a book or a chant (“on “Morning Joe,””,
/// “ABC News's “This Week,””, “chants of “Marco! Marco!,””).
fn names_a_title(ctx: &Context<'_>, q: &Quote) -> bool {
    let open = q.open as usize;
    let Some(prev) = open.checked_sub(1).and_then(|k| ctx.word(k)) else { return false };
    let governed = matches!(prev, "on" | "in" | "at" | "of" | "from" | "to" | "with" | "by" | "for")
        || prev.ends_with("'s")
        || prev.ends_with("’s");
    if !governed {
        return false;
    }
    let inner = &ctx.text[q.inner.range()];
    let words: Vec<&str> = inner.split_whitespace().take(7).collect();
    !words.is_empty()
        && words.len() <= 6
        && words.iter().all(|w| {
            w.chars().find(|c| c.is_alphanumeric()).is_none_or(|c| c.is_uppercase() || c.is_ascii_digit())
                || matches!(*w, "of" | "the" | "and" | "a" | "an" | "to" | "in" | "on" | "for" | "with")
        })
}

/// The longest lead-in of a mixed record, in tokens (see [`quote_or_mixed`]).
const MAX_LEAD_IN_TOKENS: usize = 60;

/// The content of [`quote_or_mixed`]'s mixed record, if there is one.
fn lead_in(ctx: &Context<'_>, q: &Quote) -> Option<Span> {
    let open = q.open as usize;
    q.close?;
    if q.segments().len() > 1 || open == 0 {
        return None;
    }
    let para = ctx.tokens.paragraph(open).map_or(0, |p| p.first as usize);
    let first = ctx.sentence_start(open).max(para);
    let before = ctx.toks()[open - 1];
    if first >= open
        || before.is_break()
        || matches!(before.text(ctx.text), ":" | "—" | "–" | "-" | "--" | "(" | "[")
        || matches!(ctx.word(first), Some("Asked" | "Pressed" | "Questioned" | "When" | "Responding" | "Speaking"))
    {
        return None;
    }
    // A lead-in is a clause, not a whole page: past 60 tokens the quote
    // stays direct (and a huge sentence of quotes costs no more than its
    // length per quote).
    if open - first > MAX_LEAD_IN_TOKENS {
        return None;
    }
    let (mut words, mut cues) = (0, false);
    for k in first..open {
        words += usize::from(ctx.toks()[k].kind == TokenKind::Word);
        cues |= ctx.cue_at(k).is_some();
    }
    // A cue before the quotation makes an attribution of its own (“He
    // lambasted the deal, which he noted was “…,” …”) or governs the
    // quotation (“telling Mic in an interview, “But …,” he said”).
    if words < 2 || cues {
        return None;
    }
    let lead = ctx.content_between(first, open)?;
    Some(Span::new(lead.start, q.outer.end))
}

/// The first token after a closed quotation, past a comma (“A”, he said)
/// or a dash, and the limit for its attribution clause.
pub(crate) fn after_close(ctx: &Context<'_>, q: &Quote) -> Option<(usize, usize)> {
    let close = q.close? as usize;
    let mut i = close + 1;
    // The quote must end a clause: “…,” “…?” “…!” “…—” or “…”, (UK style).
    // (Past any nested closing mark: “… ‘after the election,’”.)
    let last_inner =
        ctx.text[q.inner.range()].trim_end_matches(|c: char| crate::tokenize::is_quote_char(c)).chars().next_back()?;
    let comma_after = ctx.is_punct(i, ",") || ctx.is_punct(i, "—") || ctx.is_punct(i, "–");
    if !(matches!(last_inner, ',' | '?' | '!' | '—' | '–' | '-' | '…' | '.') || comma_after) {
        return None;
    }
    if comma_after {
        i += 1;
    }
    let limit = ctx.paragraph_end(i.min(ctx.toks().len().saturating_sub(1))).min(i + 40);
    Some((i, limit))
}

/// SPEAKER [adjuncts] CUE starting at token `i`: the speaker, the cue, and
/// the end of the clause (after trailing adjuncts like “Friday”).
pub(crate) fn speaker_then_cue(ctx: &Context<'_>, i: usize, limit: usize) -> Option<(Mention, CueTok, usize)> {
    let m = ctx.mention_at(i, limit)?;
    let mut j = ctx.skip_adjuncts(m.end as usize, limit);
    // A short postmodifier: "the EU’s special envoy for the region, …",
    // "a passenger on the last train said".
    if matches!(ctx.word(j), Some("for" | "of" | "at" | "in" | "from" | "with" | "on" | "near" | "outside" | "inside"))
    {
        if let Some(k) = (j + 1..limit.min(j + 6)).find(|&k| ctx.is_punct(k, ",") || ctx.cue_at(k).is_some()) {
            if (j + 1..k).all(|x| ctx.toks()[x].kind == TokenKind::Word) {
                j = k;
            }
        }
    }
    // An appositive or relative clause between speaker and cue:
    // “…,” an official, who was not authorized to speak, told Fox News.
    if ctx.is_punct(j, ",") && ctx.cue_at(j + 1).is_none() {
        let stop = (j + 1..limit.min(j + 35)).find(|&k| {
            ctx.is_mark(k)
                || ctx.toks()[k].is_break()
                || ctx.is_punct(k, ",")
                || (ctx.is_punct(k, ".") && !glued_abbreviation(ctx, k))
        });
        if let Some(k) = stop.filter(|&k| ctx.is_punct(k, ",")) {
            let after = ctx.skip_adjuncts(k + 1, limit);
            if ctx.cue_at(after).is_some() {
                // "the group’s lawyer, Mariam Haddad, told": the name is the speaker.
                if m.kind != SpeakerKind::Person {
                    if let Some(mut name) =
                        ctx.mention_at(j + 1, k).filter(|n| n.end as usize == k && n.kind == SpeakerKind::Person)
                    {
                        if name.role.is_none() {
                            name.role = Some(crate::speakers::description_role(&ctx.text[m.span.range()]));
                        }
                        let cue = ctx.cue_at(after)?;
                        let end = ctx.skip_adjuncts(cue.end as usize, limit);
                        return Some((name, cue, end));
                    }
                }
                j = after;
            }
        }
    }
    let cue = ctx.cue_at(j)?;
    if !ctx.is_finite(&cue) || ctx.negated(&cue) && j > m.end as usize {
        return None;
    }
    let end = ctx.skip_adjuncts(cue.end as usize, limit);
    Some((m, cue, end))
}

/// CUE [adjuncts] SPEAKER starting at token `i`.
pub(crate) fn cue_then_speaker(ctx: &Context<'_>, i: usize, limit: usize) -> Option<(Mention, CueTok, usize)> {
    let cue = ctx.cue_at(i)?;
    if !ctx.is_finite(&cue) {
        return None;
    }
    let j = ctx.skip_adjuncts(cue.end as usize, limit);
    let m = ctx.mention_at(j, limit)?;
    if m.kind == SpeakerKind::Pronoun && !matches!(ctx.word(j), Some("he" | "she")) {
        return None;
    }
    let end = ctx.skip_adjuncts(m.end as usize, limit);
    Some((m, cue, end))
}

/// The cue and speaker before token `end` (exclusive) in the same sentence:
/// SPEAKER [adjuncts] CUE [up to `gap` tokens]. Returns the speaker, the
/// cue and the first token of the clause.
pub(crate) fn speaker_cue_before(ctx: &Context<'_>, end: usize, gap: usize) -> Option<(Mention, CueTok, usize)> {
    let floor = ctx.sentence_start(end.saturating_sub(1)).min(end);
    let floor = floor.max(ctx.tokens.paragraph(end.saturating_sub(1)).map_or(0, |p| p.first as usize));
    // Nearest cue ending within `gap` tokens before `end`.
    let mut k = end;
    let mut steps = 0;
    while k > floor && steps <= gap {
        if let Some(cue) = ctx.cue_ending_at(k) {
            if ctx.is_finite(&cue) && !ctx.negated(&cue) {
                let b = ctx.skip_adjuncts_back(cue.first as usize, floor);
                let m = super::indirect::subject_before(ctx, b, floor)?;
                let first = m.first as usize;
                return Some((m, cue, first));
            }
            return None;
        }
        let t = ctx.toks()[k - 1];
        if ctx.is_mark(k - 1) || t.is_break() {
            return None;
        }
        k -= 1;
        steps += 1;
    }
    None
}

/// The end of an attribution clause after a quote: the first quote mark,
/// break, sentence-final punctuation or comma at or after `end` (so
/// “Trump wrote in a post on Friday.” keeps “on Friday”), and, when that
/// comma opens a relative clause or appositive (“said Élodie Marchetti, who
/// leads the delegation, on Tuesday”), the rest of the attribution after it
/// as a fallback window for the date. A participial phrase (“, recalling a
/// bout in 2011”) is not part of the attribution.
pub(crate) fn clause_tail(ctx: &Context<'_>, end: usize, limit: usize) -> (usize, Option<Span>) {
    let send = ctx.sentence_end(end.saturating_sub(1)).min(limit);
    let stop = |k: usize| {
        let t = ctx.toks()[k];
        ctx.is_mark(k)
            || t.is_break()
            || matches!(t.text(ctx.text), "!" | "?" | ";" | ",")
            || (t.text(ctx.text) == "." && !glued_abbreviation(ctx, k))
    };
    let mut k = end;
    while k < send && !stop(k) {
        k += 1;
    }
    let mut tail = None;
    if k < send && ctx.is_punct(k, ",") && matches!(ctx.word(k + 1), Some("who" | "which" | "a" | "an" | "the")) {
        // Skip the relative clause or appositive to its closing comma.
        let close =
            (k + 1..send.min(k + 30)).find(|&j| ctx.is_punct(j, ",") || ctx.is_mark(j) || ctx.toks()[j].is_break());
        if let Some(c) = close.filter(|&c| ctx.is_punct(c, ",")) {
            let mut e = c + 1;
            while e < send && !stop(e) {
                e += 1;
            }
            if e > c + 1 {
                tail = Some(ctx.span_of(c + 1, e));
            }
        }
    }
    (k, tail)
}

/// Whether the "." at token `k` ends an abbreviation glued to its word
/// (“D-Calif.”, “St.”) rather than a sentence.
pub(crate) fn glued_abbreviation(ctx: &Context<'_>, k: usize) -> bool {
    if k == 0 {
        return false;
    }
    let prev = ctx.toks()[k - 1];
    prev.kind == TokenKind::Word
        && prev.span().end == ctx.toks()[k].span().start
        && (ctx.lexicon.abbreviation(&ctx.text[prev.span().start..ctx.toks()[k].span().end]).is_some()
            || prev.text(ctx.text).contains('-')
            || prev.span().len() == 1)
}
