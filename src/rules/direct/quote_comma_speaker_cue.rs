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
            Example::fires("The plan was “dead on arrival,” Lee said.", "The plan was “dead on arrival,”", "Lee"),
            Example::ignores("The film “Dune” opened Friday, Smith said."),
            Example::ignores("On ABC's “This Week,” Rubio said the plan had failed."),
            Example::ignores("“It is over,” the crowd chanted."),
            Example::ignores("He wrote: “The door is open.” He later told the radio that the offer was final."),
            Example::ignores("“The door is open.” He added: “We will wait.”"),
            Example::ignores("Citing “family reasons,” his spokeswoman told reporters that he would not run."),
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
                // “The door is open.” He later told RTP that …: a quote that
                // ends its sentence, then a cue with a clause of its own
                // (“… said the phrase had been misquoted”, “He added: “…””,
                // “He pledged to …”), is not that cue's quote. (“…” Smith
                // told the BBC. has none.) Nor is any quote whose cue has a
                // that-clause of its own: “Citing “obligations in
                // Tennessee,” his spokeswoman told POLITICO that Gore …”.
                let send = ctx.sentence_end(cue.first as usize).min(limit);
                // (Counted up to 3: a huge sentence costs no more per quote.)
                let words_from = |k: usize| {
                    ctx.content_between(k, send).map_or(0, |c| ctx.text[c.range()].split_whitespace().take(3).count())
                };
                let after = crate::rules::indirect::content_start(ctx, &cue, send);
                if after.is_some_and(|(k, had_that)| had_that && words_from(k) >= 3) {
                    continue;
                }
                let full_stop = ctx.text[q.inner.range()]
                    .trim_end_matches(|c: char| crate::tokenize::is_quote_char(c) || c.is_whitespace())
                    .ends_with('.');
                if full_stop {
                    let j = ctx.skip_adjuncts(cue.end as usize, limit);
                    let opens = ctx.is_punct(j, ":") || (ctx.word(j) == Some("to") && ctx.word(j + 1).is_some());
                    let own_clause =
                        opens || after.is_some_and(|(k, had_that)| had_that || (k < send && words_from(k) >= 2));
                    if own_clause {
                        continue;
                    }
                }
                let (tail_end, tail) = super::clause_tail(ctx, end, limit);
                let clause = ctx.span_of(i, tail_end);
                let Some(c) = super::quote_or_mixed(ctx, qi, self.id(), 0.9) else { continue };
                out.push(c.speaker(m).cue(cue).clause(clause).fallback(tail));
            }
        }
    }
}
