//! `direct/speaker_cue_quote`: SPEAKER CUE\[,\] “…”.

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
            Example::fires(
                "Clinton proclaimed at a press conference, “I did not email any classified material.”",
                "I did not email",
                "Clinton",
            ),
            Example::ignores("The crowd said nothing. “We will not back down.”"),
            Example::ignores("She said she voted in the morning, “before the rush.”"),
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
            if let Some((m, cue, first)) = super::speaker_cue_before(ctx, k, 10) {
                // Only adjuncts between the cue and the quote, or, before a
                // comma, a short place or occasion: “proclaimed at a press
                // conference, “…””, “told reporters at City Hall on Monday,”.
                let j = ctx.skip_adjuncts(cue.end as usize, k);
                if j != k && !occasion(ctx, j, k) {
                    continue;
                }
                let clause = ctx.span_of(first, k);
                let lead = ctx.lead_before(first);
                out.push(Candidate::quote(ctx, qi, self.id(), 0.8).speaker(m).cue(cue).clause(clause).fallback(lead));
            }
        }
    }
}

/// Whether tokens `j..k` are a short prepositional phrase of place or
/// occasion ending at the comma `k` before a quotation.
fn occasion(ctx: &Context<'_>, j: usize, k: usize) -> bool {
    ctx.is_punct(k, ",")
        && k - j <= 7
        && matches!(ctx.word(j), Some("at" | "in" | "during" | "on" | "before" | "after" | "from" | "outside"))
        && (j + 1..k).all(|x| ctx.word(x).is_some() && ctx.cue_at(x).is_none())
}
