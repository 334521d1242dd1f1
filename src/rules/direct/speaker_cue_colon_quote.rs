//! `direct/speaker_cue_colon_quote`: SPEAKER CUE …: “…”.

use crate::rules::{Candidate, Context, Example, Rule};

/// Trump wrote on Truth Social: “We had good talks.” — a speaker and cue,
/// up to eight more words, a colon, then the quote.
pub struct SpeakerCueColonQuote;

impl Rule for SpeakerCueColonQuote {
    fn id(&self) -> &'static str {
        "direct/speaker_cue_colon_quote"
    }
    fn description(&self) -> &'static str {
        "SPEAKER CUE [up to 8 words]: “QUOTE”"
    }
    fn examples(&self) -> &'static [Example] {
        const EXAMPLES: &[Example] = &[
            Example::fires(
                "Trump wrote on Truth Social on Friday: “We had good talks.”",
                "We had good talks.",
                "Trump",
            ),
            Example::fires("The ministry said in a statement: “No comment.”", "No comment.", "The ministry"),
            Example::ignores("The sign read: “No entry.”"),
        ];
        EXAMPLES
    }
    fn apply(&self, ctx: &Context<'_>, _found: &[Candidate], out: &mut Vec<Candidate>) {
        for (qi, q) in ctx.quotes.iter().enumerate() {
            let o = q.open as usize;
            if !super::quotable(ctx, q) || o < 2 {
                continue;
            }
            // "said:" may end the paragraph before a quote that opens the next.
            let colon = if ctx.toks()[o - 1].is_break() { o - 2 } else { o - 1 };
            if !ctx.is_punct(colon, ":") {
                continue;
            }
            if let Some((m, cue, first)) = super::speaker_cue_before(ctx, colon, 8) {
                let clause = ctx.span_of(first, colon);
                let lead = ctx.lead_before(first);
                out.push(Candidate::quote(ctx, qi, self.id(), 0.85).speaker(m).cue(cue).clause(clause).fallback(lead));
            }
        }
    }
}
