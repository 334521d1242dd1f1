//! `direct/quote_comma_cue_speaker`: “…,” CUE SPEAKER.

use crate::rules::{Candidate, Context, Example, Rule};

/// “The talks went well,” said Jane Doe, a spokeswoman. — the cue before
/// the speaker.
pub struct QuoteCommaCueSpeaker;

impl Rule for QuoteCommaCueSpeaker {
    fn id(&self) -> &'static str {
        "direct/quote_comma_cue_speaker"
    }
    fn description(&self) -> &'static str {
        "a closed quote ending in , ? ! followed by CUE [adjuncts] SPEAKER"
    }
    fn examples(&self) -> &'static [Example] {
        const EXAMPLES: &[Example] = &[
            Example::fires("“The talks went well,” said Jane Doe, a spokeswoman.", "The talks went well", "Jane Doe"),
            Example::fires("“We are ready,” added Gen. Mark Milley.", "We are ready", "Gen. Mark Milley"),
            Example::fires(
                "The new timetable is “a recipe for missed connections,” said Irene Castell.",
                "The new timetable is “a recipe",
                "Irene Castell",
            ),
            Example::ignores("“We are ready,” said nothing at all."),
            Example::ignores("In an interview on “Morning Wire,” said to be his last, Ribas said no."),
        ];
        EXAMPLES
    }
    fn apply(&self, ctx: &Context<'_>, _found: &[Candidate], out: &mut Vec<Candidate>) {
        for (qi, q) in ctx.quotes.iter().enumerate() {
            if !super::quotable(ctx, q) {
                continue;
            }
            let Some((i, limit)) = super::after_close(ctx, q) else { continue };
            if let Some((m, cue, end)) = super::cue_then_speaker(ctx, i, limit) {
                let (tail_end, tail) = super::clause_tail(ctx, end, limit);
                let clause = ctx.span_of(i, tail_end);
                let Some(c) = super::quote_or_mixed(ctx, qi, self.id(), 0.9) else { continue };
                out.push(c.speaker(m).cue(cue).clause(clause).fallback(tail));
            }
        }
    }
}
