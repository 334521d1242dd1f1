//! `direct/speaker_cue_quote`: SPEAKER CUE[,] “…”.

use crate::rules::{Candidate, Context, Example, Rule};

/// She said, “We will not back down.” — the cue right before the quote
/// (a comma, “that”, or a time adjunct may stand between).
pub struct SpeakerCueQuote;

impl Rule for SpeakerCueQuote {
    fn id(&self) -> &'static str {
        "direct/speaker_cue_quote"
    }
    fn description(&self) -> &'static str {
        "SPEAKER CUE [adjuncts][,] “QUOTE”"
    }
    fn examples(&self) -> &'static [Example] {
        const EXAMPLES: &[Example] = &[
            Example::fires("Maria Lopez said, “We will not back down.”", "We will not back down.", "Maria Lopez"),
            Example::fires("The mayor told reporters Monday “the water is safe.”", "the water is safe.", "The mayor"),
            Example::ignores("The crowd said nothing. “We will not back down.”"),
        ];
        EXAMPLES
    }
    fn apply(&self, ctx: &Context<'_>, _found: &[Candidate], out: &mut Vec<Candidate>) {
        for (qi, q) in ctx.quotes.iter().enumerate() {
            let o = q.open as usize;
            if !super::quotable(ctx, q) || o == 0 {
                continue;
            }
            let mut k = ctx.skip_punct(o, "");
            if ctx.is_punct(k - 1, ",") {
                k -= 1;
            }
            if ctx.word(k.wrapping_sub(1)) == Some("that") {
                k -= 1;
            }
            if let Some((m, cue, first)) = super::speaker_cue_before(ctx, k, 4) {
                // Only adjuncts between the cue and the quote.
                if ctx.skip_adjuncts(cue.end as usize, k) != k {
                    continue;
                }
                let clause = ctx.span_of(first, k);
                let lead = ctx.lead_before(first);
                out.push(Candidate::quote(ctx, qi, self.id(), 0.8).speaker(m).cue(cue).clause(clause).fallback(lead));
            }
        }
    }
}
