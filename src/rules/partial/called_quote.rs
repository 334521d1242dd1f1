//! `partial/called_quote`: SPEAKER called X “…” [and “…”].

use crate::lexicon::Frames;
use crate::record::Kind;
use crate::rules::{Candidate, Context, Example, ParagraphRole, Rule};
use crate::tokenize::TokenKind;

/// Zelensky called Putin’s response “highly predictable” and “manipulative
/// words”. — a naming cue (call, describe, label, dub …) governing quoted
/// words without a full clause. Each quoted phrase is its own `partial`
/// record (same speaker and cue), so every fragment keeps its own span. Also
/// in headlines (“Trump calls talks ‘productive’”).
pub struct CalledQuote;

impl Rule for CalledQuote {
    fn id(&self) -> &'static str {
        "partial/called_quote"
    }
    fn description(&self) -> &'static str {
        "SPEAKER NAMING-CUE [object] “WORDS” [and “WORDS”]"
    }
    fn examples(&self) -> &'static [Example] {
        const EXAMPLES: &[Example] = &[
            Example::fires(
                "Zelensky called Putin’s response “highly predictable” and “manipulative words”.",
                "manipulative words",
                "Zelensky",
            ),
            Example::fires("Trump calls US talks with Russia ‘productive’", "productive", "Trump"),
            Example::ignores("The so-called “experts” called back."),
            Example::ignores("Beck criticized voters for not backing Cruz, declaring that “real Christians” would."),
        ];
        EXAMPLES
    }
    fn apply(&self, ctx: &Context<'_>, _found: &[Candidate], out: &mut Vec<Candidate>) {
        for cue in ctx.cues {
            let i = cue.first as usize;
            if ctx.in_quote(i) {
                continue;
            }
            if !ctx.has_frame(cue, Frames::NAME) || ctx.negated(cue) || ctx.paragraph_role(i) == ParagraphRole::Skip {
                continue;
            }
            let s0 = ctx.sentence_start(i);
            let send = ctx.sentence_end(i);
            let b = ctx.skip_adjuncts_back(i, s0);
            let Some(m) = crate::rules::indirect::subject_before(ctx, b, s0) else { continue };
            // Quotes after the cue: the first within 12 tokens, later ones
            // joined by "and", "or", ",".
            let mut k = cue.end as usize;
            let mut budget = 12;
            while k < send && budget > 0 {
                let t = ctx.toks()[k];
                if t.kind == TokenKind::Quote {
                    if let Some(qi) = ctx.quote_opening_at(k) {
                        let q = &ctx.quotes[qi];
                        if q.depth == 0 && !q.inner.is_empty() {
                            let mut c = Candidate::quote(ctx, qi, self.id(), 0.8)
                                .speaker(m.clone())
                                .cue(*cue)
                                .clause(ctx.span_of(m.first as usize, cue.end as usize));
                            c.kind = Kind::Partial;
                            out.push(c);
                            k = q.close.map_or(send, |c| c as usize + 1);
                            // Only "and"/"or"/"," may lead to the next fragment.
                            budget = 3;
                            continue;
                        }
                    }
                }
                // A second verb phrase governs what follows it (“criticized
                // voters for …, declaring that “real Christians” …”).
                let new_verb = ctx.cue_at(k).is_some() && (ctx.is_punct(k - 1, ",") || ctx.word(k - 1) == Some("and"));
                if (t.kind == TokenKind::Punct && matches!(t.text(ctx.text), "." | ";" | ":")) || new_verb {
                    break;
                }
                k += 1;
                budget -= 1;
            }
        }
    }
}
