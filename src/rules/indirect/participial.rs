//! `indirect/participial`: …, adding that CLAUSE / …, saying CLAUSE.

use crate::lexicon::{CueClass, Frames};
use crate::rules::{Candidate, Context, Example, Rule};
use crate::tokenize::TokenKind;

/// Peskov told reporters Friday, adding that much remains to be done. — a
/// gerund cue after a comma continues the speaker of the clause it hangs
/// on: the speaker of an attribution earlier in the sentence, or else the
/// sentence's subject (“Russia has dismissed cease-fires, maintaining that
/// …”).
pub struct Participial;

impl Rule for Participial {
    fn id(&self) -> &'static str {
        "indirect/participial"
    }
    fn description(&self) -> &'static str {
        ", GERUND-CUE [that] CLAUSE — speaker from the sentence's attribution or subject"
    }
    fn phase(&self) -> u8 {
        1
    }
    fn examples(&self) -> &'static [Example] {
        const EXAMPLES: &[Example] = &[
            Example::fires(
                "Peskov spoke to reporters Friday, adding that much remains to be done.",
                "much remains to be done",
                "Peskov",
            ),
            Example::fires(
                "Russia has dismissed cease-fires, maintaining that talks must come first.",
                "talks must come first",
                "Russia",
            ),
            Example::ignores("The bill passed, saving millions."),
        ];
        EXAMPLES
    }
    fn apply(&self, ctx: &Context<'_>, found: &[Candidate], out: &mut Vec<Candidate>) {
        for cue in ctx.cues {
            let i = cue.first as usize;
            if ctx.in_quote(i) {
                continue;
            }
            let Some(form) = ctx.form(cue) else { continue };
            if form.class != CueClass::Gerund
                || !form.frames.has(Frames::THAT)
                || i == 0
                || !ctx.is_punct(i - 1, ",")
                || !super::in_body(ctx, i)
            {
                continue;
            }
            let s0 = ctx.sentence_start(i);
            let send = ctx.sentence_end(i);
            let cue_start = cue.span.start;
            // The attribution earlier in this sentence whose cue is nearest.
            let gov = found
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    c.speaker.is_some() && c.cue.is_some_and(|k| k.span.end <= cue_start && k.first as usize >= s0)
                })
                .max_by_key(|(_, c)| c.cue.map_or(0, |k| k.span.end));
            let (speaker, continues) = match gov {
                Some((k, c)) => (c.speaker.clone(), Some(k)),
                None => {
                    // The sentence subject, followed by a verb-ish word.
                    let mut s = s0;
                    while matches!(ctx.word(s), Some("But" | "And" | "Yet" | "Still" | "Meanwhile"))
                        || ctx.is_punct(s, ",")
                    {
                        s += 1;
                    }
                    let m = ctx.mention_at(s, i).filter(|m| {
                        let after = ctx.toks().get(m.end as usize);
                        after.is_some_and(|t| t.kind == TokenKind::Word && t.first_char(ctx.text).is_lowercase())
                    });
                    (m, None)
                }
            };
            let Some(speaker) = speaker else { continue };
            // ", adding, “…”" / ", saying: “…”": a direct quote.
            let ce = cue.end as usize;
            if (ctx.is_punct(ce, ",") || ctx.is_punct(ce, ":")) && ctx.quote_opening_at(ce + 1).is_some() {
                let qi = ctx.quote_opening_at(ce + 1).unwrap_or(0);
                if ctx.quotes[qi].depth == 0 {
                    let mut c = Candidate::quote(ctx, qi, self.id(), 0.7).speaker(speaker).cue(*cue).clause(cue.span);
                    c.continues = continues;
                    out.push(c);
                }
                continue;
            }
            let Some((k, _)) = super::content_start(ctx, cue, send) else { continue };
            let e = super::clause_end(ctx, k, send);
            let Some(content) = ctx.content_between(k, e) else { continue };
            if e - k < 2 {
                continue;
            }
            let mut c = Candidate::claim(ctx, content, self.id(), 0.65).speaker(speaker).cue(*cue).clause(cue.span);
            // ", saying “…”": the content is one quotation — a direct quote.
            if c.quoted.len() == 1
                && ctx.text[content.range()].trim_matches(|ch: char| !ch.is_alphanumeric()).len()
                    <= c.quoted[0].len() + 2
            {
                c.kind = crate::record::Kind::Direct;
                c.segments = smallvec::smallvec![c.quoted[0]];
                c.quoted.clear();
            }
            c.continues = continues;
            out.push(c);
        }
    }
}
