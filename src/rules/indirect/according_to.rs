//! `indirect/according_to`: according to SPEAKER, CLAIM / CLAIM, according to SPEAKER.

use crate::lexicon::CueClass;
use crate::record::SpeakerKind;
use crate::rules::{Candidate, Context, Example, Rule};
use crate::span::Span;
use crate::tokenize::TokenKind;

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
            Example::ignores("That’s according to members of a panel of strategists, activists and operatives."),
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
            if ctx.in_quote(i) || !super::in_body(ctx, i) {
                continue;
            }
            let s0 = ctx.sentence_start(i);
            let send = ctx.sentence_end(i);
            let ce = cue.end as usize;
            // The source runs to the next comma or the end of the sentence
            // ("according to the average of recent polls compiled by Real
            // Clear Politics"); its parsed head gives the speaker's kind.
            let src_end = (ce..send.min(ce + 30))
                .find(|&k| {
                    ctx.is_punct(k, ",")
                        || ctx.is_punct(k, ";")
                        || ctx.is_punct(k, ":")
                        || ctx.is_mark(k)
                        || ctx.toks()[k].is_break()
                })
                .unwrap_or(send);
            let src_end = if src_end == send {
                ctx.content_between(ce, send).map_or(send, |sp| ctx.toks().partition_point(|t| t.span().end <= sp.end))
            } else {
                src_end
            };
            if src_end <= ce {
                continue;
            }
            let Some(mut m) = ctx.mention_at(ce, src_end) else { continue };
            // "according to plan": a bare singular noun is not a source.
            let bare = matches!(m.kind, SpeakerKind::Nominal | SpeakerKind::Document)
                && !m.plural
                && !matches!(
                    ctx.word(ce).map(str::to_ascii_lowercase).as_deref(),
                    Some("the" | "a" | "an" | "one" | "his" | "her" | "their" | "its")
                );
            if bare {
                continue;
            }
            if (m.end as usize) < src_end && matches!(m.kind, SpeakerKind::Nominal | SpeakerKind::Document) {
                // Keep the whole noun phrase for an unnamed source.
                // (The name stays the head: "analysts polled by the FT" →
                // "analysts".)
                m.span = Span::new(m.span.start, ctx.toks()[src_end - 1].span().end);
                m.end = src_end as u32;
            }
            let me = src_end;
            let lead_only = ctx.skip_adjuncts(s0, i) == i
                || (i > s0
                    && ctx.toks()[s0..i].iter().all(|t| {
                        t.kind != TokenKind::Word || matches!(t.text(ctx.text), "But" | "And" | "Yet" | "So")
                    }));
            let clause = ctx.span_of(i, me);
            let mut segments = Vec::new();
            if lead_only {
                // According to X, CLAIM. (or "According to X: “…”")
                if !ctx.is_punct(me, ",") && !ctx.is_punct(me, ":") {
                    continue;
                }
                let e = super::clause_end(ctx, me + 1, send);
                segments.extend(ctx.content_between(me + 1, e));
            } else {
                // CLAIM, according to X[, CLAIM continued].
                let end = if ctx.is_punct(i - 1, ",") { i - 1 } else { i };
                let before = ctx.content_between(s0, end);
                // "That’s according to X": the claim is the sentence before,
                // which this rule cannot take; "That’s" is no claim.
                let pointer = before.is_some_and(|sp| {
                    let w = ctx.text[sp.range()].to_lowercase().replace('’', "'");
                    matches!(w.as_str(), "that's" | "that is" | "this is" | "it's" | "it is" | "that was" | "this was")
                });
                if pointer {
                    continue;
                }
                segments.extend(before);
                // The claim resumes after the source, unless an appositive
                // follows it (", according to Eurostat, the EU’s statistics office.").
                let resumes = ctx.word(me + 1).is_some_and(|w| {
                    w.chars().next().is_some_and(char::is_lowercase)
                        && !matches!(w, "the" | "a" | "an" | "which" | "who")
                        && !ctx.lexicon.is_title(w)
                });
                if ctx.is_punct(me, ",") && resumes {
                    let e = super::clause_end(ctx, me + 1, send);
                    segments.extend(ctx.content_between(me + 1, e));
                }
            }
            let Some(&first) = segments.first() else { continue };
            let mut c = Candidate::claim(ctx, first, self.id(), 0.8).speaker(m).cue(*cue).clause(clause);
            for seg in segments.into_iter().skip(1) {
                let extra = Candidate::claim(ctx, seg, self.id(), 0.0);
                c.quoted.extend(extra.quoted);
                c.quotes.extend(extra.quotes);
                c.segments.push(seg);
            }
            if !c.quoted.is_empty() {
                c.kind = crate::record::Kind::Mixed;
            }
            out.push(c);
        }
    }
}
