//! `indirect/speaker_cue_object`: SPEAKER CUE OBJECT / SPEAKER CUE to VERB.

use crate::lexicon::{CueClass, Frames};
use crate::rules::{Candidate, Context, Example, Rule};
use crate::tokenize::TokenKind;

/// Clinton criticized the president’s foreign policy. / Trump vowed to
/// repeal the law. — a cue whose object (or to-infinitive) is what was said
/// (`topic` in `cue_frames.txt`: criticize, endorse, deny, urge, promise,
/// call for …). Lower confidence than a that-clause: the content is a noun
/// phrase or an intention, not a reported statement.
pub struct SpeakerCueObject;

impl Rule for SpeakerCueObject {
    fn id(&self) -> &'static str {
        "indirect/speaker_cue_object"
    }
    fn description(&self) -> &'static str {
        "SPEAKER TOPIC-CUE OBJECT-or-to-VERB (criticized the plan; vowed to resign)"
    }
    fn examples(&self) -> &'static [Example] {
        const EXAMPLES: &[Example] = &[
            Example::fires(
                "Senator Ruth Okafor criticized the president’s foreign policy.",
                "the president’s foreign policy",
                "Senator Ruth Okafor",
            ),
            Example::fires(
                "The mayor vowed to rebuild every school by 2027.",
                "to rebuild every school by 2027",
                "The mayor",
            ),
            Example::fires(
                "Ortiz called for a special prosecutor to investigate.",
                "a special prosecutor to investigate",
                "Ortiz",
            ),
            Example::ignores("Ortiz did not criticize anyone."),
            Example::ignores("The criticized plan was dropped."),
        ];
        EXAMPLES
    }
    fn apply(&self, ctx: &Context<'_>, _found: &[Candidate], out: &mut Vec<Candidate>) {
        for cue in ctx.cues {
            let i = cue.first as usize;
            if ctx.in_quote(i) {
                continue;
            }
            let Some(form) = ctx.form(cue) else { continue };
            if !matches!(form.class, CueClass::Past | CueClass::ThirdSingular | CueClass::Phrase | CueClass::Base)
                || !form.frames.has(Frames::TOPIC)
                || ctx.negated(cue)
                || !super::in_body(ctx, i)
            {
                continue;
            }
            let s0 = ctx.sentence_start(i);
            let send = ctx.sentence_end(i);
            let b = ctx.skip_adjuncts_back(i, s0);
            let Some(m) = super::subject_before(ctx, b, s0) else { continue };
            let k = ctx.skip_adjuncts(cue.end as usize, send);
            if k >= send {
                continue;
            }
            let t = ctx.toks()[k];
            let ok_start = match t.kind {
                TokenKind::Word => !matches!(
                    t.text(ctx.text),
                    "that"
                        | "and"
                        | "or"
                        | "but"
                        | "as"
                        | "by"
                        | "in"
                        | "on"
                        | "at"
                        | "with"
                        | "from"
                        | "of"
                        | "about"
                        | "off"
                        | "up"
                        | "out"
                        | "back"
                        | "it"
                        | "so"
                        | "which"
                        | "who"
                        | "whether"
                        | "if"
                ),
                TokenKind::Number | TokenKind::Quote => true,
                _ => false,
            };
            if !ok_start {
                continue;
            }
            let e = super::clause_end(ctx, k, send);
            if e < k + 2 {
                continue;
            }
            let Some(content) = ctx.content_between(k, e) else { continue };
            let clause = ctx.span_of(if m.end as usize == b { m.first as usize } else { b }, k);
            let lead = ctx.lead_before(m.first as usize);
            out.push(
                Candidate::claim(ctx, content, self.id(), 0.55).speaker(m).cue(*cue).clause(clause).fallback(lead),
            );
        }
    }
}
