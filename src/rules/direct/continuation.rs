//! `direct/continuation`: a quote with no attribution of its own that
//! continues an attributed quote.

use crate::record::Kind;
use crate::rules::{Candidate, Context, Example, ParagraphRole, Rule};

/// “A,” Peskov said. “B.” — the second quote has no attribution of its
/// own; it continues the speaker of the attributed quote before it, in the
/// same paragraph or at the start of the next one, when no other speaker or
/// quote intervenes. In the same paragraph it is the same utterance: the
/// extractor folds it into the attributed record as a further segment (as
/// PolNeAR annotates it), so the record keeps the rule that attributed it.
/// At the start of the next paragraph (or of the one after a single
/// narrative paragraph with no quotation and no cue) it is a record of its
/// own with this rule, inheriting the speaker and date.
pub struct Continuation;

impl Rule for Continuation {
    fn id(&self) -> &'static str {
        "direct/continuation"
    }
    fn description(&self) -> &'static str {
        "an unattributed sentence-initial quote after an attributed quote takes its speaker"
    }
    fn phase(&self) -> u8 {
        1
    }
    fn examples(&self) -> &'static [Example] {
        const EXAMPLES: &[Example] = &[
            Example::fires(
                "“We are ready,” Peskov said.\n\n“Much remains to be done.”",
                "Much remains to be done.",
                "Peskov",
            ),
            Example::fires(
                "“We are ready,” Peskov said.\n\nThe weather was cold.\n\n“Much remains to be done.”",
                "Much remains to be done.",
                "Peskov",
            ),
            Example::ignores(
                "“We are ready,” Peskov said.\n\nThe mayor said it was cold.\n\n“Much remains to be done.”",
            ),
            Example::ignores(
                "“We are ready,” Peskov said.\n\nIt was cold.\n\nIt rained.\n\n“Much remains to be done.”",
            ),
            Example::ignores("“We are ready,” Peskov said. The so-called “experts” disagreed."),
        ];
        EXAMPLES
    }
    fn apply(&self, ctx: &Context<'_>, found: &[Candidate], out: &mut Vec<Candidate>) {
        let mut claimed = vec![false; ctx.quotes.len()];
        for &q in found.iter().flat_map(|c| c.quotes.iter()) {
            if let Some(f) = claimed.get_mut(q as usize) {
                *f = true;
            }
        }
        // Accepted records with a speaker, in text order of their content end.
        let mut order: Vec<usize> = (0..found.len()).filter(|&k| found[k].speaker.is_some()).collect();
        order.sort_by_key(|&k| found[k].content_span().end);
        // A continuation follows a record with a speaker: without one,
        // nothing below can fire (and the per-token counts are not needed).
        if order.is_empty() {
            return;
        }
        // (root record, the token holding the last byte of the chain so far)
        let mut last: Option<(usize, usize)> = None;
        // The last token starting before byte `end`.
        let token_before = |end: usize| ctx.toks().partition_point(|t| t.span().start < end).saturating_sub(1);
        let mut next_rec = 0;
        // Quote marks before each token, so that counting the marks between
        // two tokens does not rescan the text in between.
        let mut marks_before = crate::bigvec::with_capacity(ctx.toks().len() + 1);
        marks_before.push(0u32);
        for k in 0..ctx.toks().len() {
            marks_before.push(marks_before[marks_before.len() - 1] + ctx.is_mark(k) as u32);
        }
        for (qi, q) in ctx.quotes.iter().enumerate() {
            if q.depth != 0 {
                continue;
            }
            // Advance over records ending before this quote.
            while next_rec < order.len() && found[order[next_rec]].content_span().end <= q.outer.start {
                let k = order[next_rec];
                let end = found[k].content_span().end.max(found[k].clause.map_or(0, |c| c.end));
                last = Some((k, token_before(end)));
                next_rec += 1;
            }
            if claimed[qi] || ctx.paragraph_role(q.open as usize) != ParagraphRole::Body {
                continue;
            }
            let Some((root, k_prev)) = last else { continue };
            let r = &found[root];
            // A record built on a quotation: direct, or the mixed record of
            // a quote that opens inside its sentence (“The deal “…,” Sanders
            // wrote.”), which a direct rule makes.
            let quote_root = r.kind == Kind::Direct || r.kind == Kind::Mixed && r.rule.starts_with("direct/");
            let o = q.open as usize;
            // Sentence-initial, with a sentence-like content.
            let sentence_initial = ctx.sentence_start(o) == o || (o > 0 && ctx.toks()[o - 1].is_break());
            let inner = &ctx.text[q.inner.range()];
            let words = inner.split_whitespace().count();
            if !sentence_initial
                || words < 2
                || !inner.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            {
                continue;
            }
            // Same paragraph, or the next paragraph (for quotes only).
            let para_q = ctx.tokens.paragraph_of(o).unwrap_or(0);
            let para_r = ctx.tokens.paragraph_of(k_prev).unwrap_or(0);
            // Or two paragraphs on, when the one between is narrative only
            // (no quotation, no cue) and this quote opens its paragraph.
            let narrative_gap = para_q == para_r + 2 && quote_root && {
                let p = &ctx.tokens.paragraphs[para_r as usize + 1];
                (p.first..p.end).all(|k| {
                    !ctx.is_mark(k as usize)
                        && ctx.cue_at(k as usize).is_none_or(|c| ctx.has_frame(&c, crate::lexicon::Frames::WEAK))
                }) && ctx.tokens.paragraphs[para_q as usize].first as usize == o
            };
            if para_q != para_r && !(para_q == para_r + 1 && quote_root) && !narrative_gap {
                continue;
            }
            // Nothing but the rest of the sentence between: no other quote.
            let between = marks_before[o].saturating_sub(marks_before[(k_prev + 1).min(o)]);
            if between > 0 {
                continue;
            }
            let mut c = Candidate::quote(ctx, qi, self.id(), 0.75);
            c.speaker.clone_from(&r.speaker);
            c.continues = Some(root);
            // In the same paragraph it is the same utterance: a further
            // segment of the record it continues.
            c.merge = para_q == para_r && quote_root;
            out.push(c);
            last = Some((root, token_before(q.outer.end)));
        }
    }
}
