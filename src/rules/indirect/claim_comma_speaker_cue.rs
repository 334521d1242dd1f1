//! `indirect/claim_comma_speaker_cue`: CLAIM, SPEAKER CUE. / CLAIM, CUE SPEAKER.

use crate::rules::{Candidate, Context, Example, Rule};
use crate::tokenize::TokenKind;

/// Words after ", SPEAKER said," that start a new clause rather than resume
/// the claim.
const CONTINUATIONS: &[&str] = &[
    "as",
    "adding",
    "saying",
    "and",
    "but",
    "while",
    "although",
    "though",
    "noting",
    "according",
    "in",
    "on",
    "at",
    "after",
    "before",
    "when",
    "citing",
    "because",
    "since",
    "even",
    "who",
    "which",
    "where",
    "than",
];

/// The talks were productive, President Trump said. — the claim first, the
/// attribution at the end of the sentence (or before “, as …”).
pub struct ClaimCommaSpeakerCue;

impl Rule for ClaimCommaSpeakerCue {
    fn id(&self) -> &'static str {
        "indirect/claim_comma_speaker_cue"
    }
    fn description(&self) -> &'static str {
        "CLAIM, SPEAKER CUE [adjuncts]. or CLAIM, CUE SPEAKER."
    }
    fn examples(&self) -> &'static [Example] {
        const EXAMPLES: &[Example] = &[
            Example::fires(
                "The talks were productive, President Trump said.",
                "The talks were productive",
                "President Trump",
            ),
            Example::fires(
                "The border will reopen next week, officials said on Monday.",
                "The border will reopen next week",
                "officials",
            ),
            Example::fires(
                "The plan is dead, said Jane Doe, a spokeswoman for the ministry.",
                "The plan is dead",
                "Jane Doe",
            ),
            Example::ignores("“The plan is dead,” said Jane Doe."),
            Example::ignores("In Paris, Smith said nothing."),
        ];
        EXAMPLES
    }
    fn apply(&self, ctx: &Context<'_>, _found: &[Candidate], out: &mut Vec<Candidate>) {
        for cue in ctx.cues {
            let i = cue.first as usize;
            if ctx.in_quote(i) {
                continue;
            }
            if !ctx.is_finite(cue) || ctx.negated(cue) || !super::in_body(ctx, i) {
                continue;
            }
            let s0 = ctx.sentence_start(i);
            let send = ctx.sentence_end(i);
            // Form A: ", SPEAKER CUE"; form B: ", CUE SPEAKER".
            let (comma, m, after) = {
                let b = ctx.skip_adjuncts_back(i, s0);
                // (With a postmodifier: ", a spokeswoman for the mayor's
                // office said".)
                let set_off =
                    |m: &crate::speakers::Mention| m.first as usize > s0 + 1 && ctx.is_punct(m.first as usize - 1, ",");
                // (Only looked for when a comma comes in the few words before
                // the cue: the source must be set off by one.)
                let postmodified = || (b.saturating_sub(10).max(s0)..b).any(|k| ctx.is_punct(k, ","));
                let a = ctx.mention_before(b, s0).filter(set_off).or_else(|| {
                    postmodified()
                        .then(|| super::subject_before(ctx, b, s0))
                        .flatten()
                        .filter(|m| m.kind == crate::record::SpeakerKind::Nominal && set_off(m))
                });
                match a {
                    Some(m) => {
                        // "…, Sen. Graham told The Huffington Post." — the object
                        // of a tell-type cue belongs to the attribution.
                        let mut after = cue.end as usize;
                        if ctx.has_frame(cue, crate::lexicon::Frames::OBJ) {
                            if let Some(o) = ctx.mention_at(after, send) {
                                after = o.end as usize;
                            }
                        }
                        (m.first as usize - 1, m, after)
                    }
                    None => {
                        if b <= s0 + 1 || !ctx.is_punct(b - 1, ",") {
                            continue;
                        }
                        let j = ctx.skip_adjuncts(cue.end as usize, send);
                        let Some(m) = ctx.mention_at(j, send) else { continue };
                        if m.kind == crate::record::SpeakerKind::Pronoun && !matches!(ctx.word(j), Some("he" | "she")) {
                            continue;
                        }
                        let mut e = m.end as usize;
                        // An appositive: ", a spokeswoman for the ministry".
                        if ctx.is_punct(e, ",") && matches!(ctx.word(e + 1), Some("a" | "an" | "the" | "who")) {
                            while e < send && !matches!(ctx.tok_text(e), "." | ";") {
                                e += 1;
                            }
                        }
                        (b - 1, m, e)
                    }
                }
            };
            // The attribution must end the sentence or a clause.
            let k = ctx.skip_adjuncts(after, send);
            let ends = k >= send
                || matches!(ctx.tok_text(k), "." | "!" | "?" | ";")
                || ctx.is_punct(k, ",") && ctx.word(k + 1).is_none_or(|w| w != "that")
                || ctx.toks()[k].kind == TokenKind::Quote && ctx.toks()[k].is_break();
            if !ends {
                continue;
            }
            let Some(content) = ctx.content_between(s0, comma) else { continue };
            if comma - s0 < 2 {
                continue;
            }
            // A content that is one closed quotation is a direct quote: leave it
            // to the direct rules.
            let first = ctx.toks()[s0];
            if first.kind == TokenKind::Quote {
                if let Some(qi) = ctx.quote_opening_at(s0) {
                    let q = &ctx.quotes[qi];
                    if q.close.is_some_and(|c| c as usize + 1 >= comma) {
                        continue;
                    }
                }
            }
            let clause = ctx.span_of(comma + 1, k.min(send));
            let mut c = Candidate::claim(ctx, content, self.id(), 0.75).speaker(m).cue(*cue).clause(clause);
            // A parenthetical attribution: "The crossing, the minister said,
            // would open in May." — the claim resumes after the comma.
            if ctx.is_punct(k, ",")
                && ctx
                    .word(k + 1)
                    .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase) && !CONTINUATIONS.contains(&w))
            {
                let e = super::clause_end(ctx, k + 1, send);
                if let Some(rest) = ctx.content_between(k + 1, e) {
                    c.segments.push(rest);
                    c.quoted.extend(Candidate::claim(ctx, rest, self.id(), 0.0).quoted);
                    if !c.quoted.is_empty() {
                        c.kind = crate::record::Kind::Mixed;
                    }
                }
            }
            out.push(c);
        }
    }
}
