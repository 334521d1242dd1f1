//! `direct/quote_comma_speaker_cue`: “…,” SPEAKER CUE.

use crate::rules::{Candidate, Context, Example, Rule};

/// “We had very good talks,” Trump wrote. — the quote, then the speaker,
/// then the cue (adjuncts such as “also” or “on Friday” may stand between).
pub struct QuoteCommaSpeakerCue;

impl Rule for QuoteCommaSpeakerCue {
    fn id(&self) -> &'static str {
        "direct/quote_comma_speaker_cue"
    }
    fn description(&self) -> &'static str {
        "a closed quote ending in , ? ! followed by SPEAKER [adjuncts] CUE"
    }
    fn examples(&self) -> &'static [Example] {
        const EXAMPLES: &[Example] = &[
            Example::fires("“We had very good talks,” Trump wrote.", "We had very good talks", "Trump"),
            Example::fires("“Is this fair?” she asked on Friday.", "Is this fair?", "she"),
            Example::fires(
                "“Putin transmitted signals,” Kremlin spokesman Dmitry Peskov told reporters Friday.",
                "Putin transmitted signals",
                "Kremlin spokesman Dmitry Peskov",
            ),
            Example::fires("‘It is over’, the White House said.", "It is over", "the White House"),
            Example::ignores("The film “Dune” opened Friday, Smith said."),
            Example::ignores("“It is over,” the crowd chanted."),
        ];
        EXAMPLES
    }
    fn apply(&self, ctx: &Context<'_>, _found: &[Candidate], out: &mut Vec<Candidate>) {
        for (qi, q) in ctx.quotes.iter().enumerate() {
            if !super::quotable(ctx, q) {
                continue;
            }
            let Some((i, limit)) = super::after_close(ctx, q) else { continue };
            if let Some((m, cue, end)) = super::speaker_then_cue(ctx, i, limit) {
                let (tail_end, tail) = super::clause_tail(ctx, end, limit);
                let clause = ctx.span_of(i, tail_end);
                out.push(Candidate::quote(ctx, qi, self.id(), 0.9).speaker(m).cue(cue).clause(clause).fallback(tail));
            }
        }
    }
}
