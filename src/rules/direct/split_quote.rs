//! `direct/split_quote`: “…,” SPEAKER CUE, “…” — one record, two segments.

use crate::rules::{Candidate, Context, Example, Rule};

/// “We had talks,” Trump said, “and they went well.” — a quote interrupted
/// by its attribution and resumed after a comma: one record whose content
/// keeps both segments.
pub struct SplitQuote;

impl Rule for SplitQuote {
    fn id(&self) -> &'static str {
        "direct/split_quote"
    }
    fn description(&self) -> &'static str {
        "“A,” SPEAKER CUE, “B” — one record with segments A and B"
    }
    fn examples(&self) -> &'static [Example] {
        const EXAMPLES: &[Example] = &[
            Example::fires("“We had talks,” Trump said, “and they went well.”", "and they went well", "Trump"),
            Example::fires("“We had talks,” said Anna Berg, “but not enough.”", "but not enough", "Anna Berg"),
            Example::ignores("“We had talks,” Trump said. “They went well.”"),
        ];
        EXAMPLES
    }
    fn apply(&self, ctx: &Context<'_>, _found: &[Candidate], out: &mut Vec<Candidate>) {
        for (qi, q) in ctx.quotes.iter().enumerate() {
            if !super::quotable(ctx, q) {
                continue;
            }
            let Some((i, limit)) = super::after_close(ctx, q) else { continue };
            let Some((m, cue, end)) =
                super::speaker_then_cue(ctx, i, limit).or_else(|| super::cue_then_speaker(ctx, i, limit))
            else {
                continue;
            };
            // ", “B" after the clause (an appositive or adjunct may come first).
            let Some(comma) = (end..limit.min(end + 16)).find(|&k| {
                ctx.is_punct(k, ",") && ctx.quote_opening_at(k + 1).is_some() || ctx.is_mark(k) || ctx.is_punct(k, ".")
            }) else {
                continue;
            };
            if !ctx.is_punct(comma, ",") {
                continue;
            }
            let gap = comma > end;
            let end = comma;
            let Some(bi) = ctx.quote_opening_at(end + 1) else { continue };
            let b = &ctx.quotes[bi];
            if !super::quotable(ctx, b) {
                continue;
            }
            // After an appositive or adjunct, the second piece must go on with
            // the sentence (“…, said X, a lawyer, “but …”), not be a title
            // (“…, where a quartet played his song, “Blue Monday”).
            let lower_start = ctx.text[b.inner.range()].chars().next().is_some_and(char::is_lowercase);
            if gap && !lower_start {
                continue;
            }
            let mut c = Candidate::quote(ctx, qi, self.id(), 0.95).speaker(m).cue(cue).clause(ctx.span_of(i, end));
            c.segments.extend(b.segments().iter().copied());
            c.quotes.push(bi as u32);
            c.unclosed |= b.unclosed;
            out.push(c);
        }
    }
}
