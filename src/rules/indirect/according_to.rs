//! `indirect/according_to`: according to SPEAKER, CLAIM / CLAIM, according to SPEAKER.

use crate::lexicon::CueClass;
use crate::record::SpeakerKind;
use crate::rules::{Candidate, Context, Example, Rule};

/// According to the ministry, 40 people were hurt. / 40 people were hurt,
/// according to the ministry.
pub struct AccordingTo;

impl Rule for AccordingTo {
    fn id(&self) -> &'static str {
        "indirect/according_to"
    }
    fn description(&self) -> &'static str {
        "according to SPEAKER, CLAIM — or — CLAIM, according to SPEAKER"
    }
    fn examples(&self) -> &'static [Example] {
        const EXAMPLES: &[Example] = &[
            Example::fires("According to the ministry, 40 people were hurt.", "40 people were hurt", "the ministry"),
            Example::fires("Forty people were hurt, according to police.", "Forty people were hurt", "police"),
            Example::ignores("According to plan, the bridge opened."),
        ];
        EXAMPLES
    }
    fn apply(&self, ctx: &Context<'_>, _found: &[Candidate], out: &mut Vec<Candidate>) {
        for cue in ctx.cues {
            if ctx.form(cue).map(|f| f.class) != Some(CueClass::Preposition) {
                continue;
            }
            let i = cue.first as usize;
            if ctx.in_quote(i) {
                continue;
            }
            if !super::in_body(ctx, i) {
                continue;
            }
            let s0 = ctx.sentence_start(i);
            let send = ctx.sentence_end(i);
            let Some(m) = ctx.mention_at(cue.end as usize, send) else { continue };
            // "according to plan": a bare singular noun is not a source.
            let bare = matches!(m.kind, SpeakerKind::Nominal | SpeakerKind::Document)
                && !m.plural
                && !matches!(
                    ctx.word(cue.end as usize).map(str::to_ascii_lowercase).as_deref(),
                    Some("the" | "a" | "an" | "one" | "his" | "her" | "their" | "its")
                );
            if bare {
                continue;
            }
            let me = m.end as usize;
            let (content, clause) = if ctx.skip_adjuncts(s0, i) == i
                || (i > s0
                    && ctx.toks()[s0..i].iter().all(|t| {
                        t.kind != crate::tokenize::TokenKind::Word
                            || matches!(t.text(ctx.text), "But" | "And" | "Yet" | "So")
                    })) {
                // According to X, CLAIM.
                if !ctx.is_punct(me, ",") {
                    continue;
                }
                let e = super::clause_end(ctx, me + 1, send);
                (ctx.content_between(me + 1, e), ctx.span_of(i, me))
            } else {
                // CLAIM, according to X.
                let end = if ctx.is_punct(i - 1, ",") { i - 1 } else { i };
                (ctx.content_between(s0, end), ctx.span_of(i, me))
            };
            let Some(content) = content else { continue };
            out.push(Candidate::claim(ctx, content, self.id(), 0.8).speaker(m).cue(*cue).clause(clause));
        }
    }
}
