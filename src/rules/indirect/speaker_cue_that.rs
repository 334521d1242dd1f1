//! `indirect/speaker_cue_that`: SPEAKER \[ADV\] CUE \[that\] CLAUSE.

use crate::lexicon::{CueClass, Frames};
use crate::rules::{Candidate, Context, Example, Rule};

/// Putin said that any pause would be in Ukraine’s interest. — a subject,
/// a speech cue, an optional “that”, and the reported clause up to the end
/// of the sentence (or a participial continuation).
pub struct SpeakerCueThat;

impl Rule for SpeakerCueThat {
    fn id(&self) -> &'static str {
        "indirect/speaker_cue_that"
    }
    fn description(&self) -> &'static str {
        "SPEAKER [adjuncts] CUE [object] [adjuncts] [that] CLAUSE"
    }
    fn examples(&self) -> &'static [Example] {
        const EXAMPLES: &[Example] = &[
            Example::fires("Putin said that any pause would help Ukraine.", "any pause would help Ukraine", "Putin"),
            Example::fires("Trump said Thursday that he planned to call.", "he planned to call", "Trump"),
            Example::fires("Trump also said he appealed to Putin.", "he appealed to Putin", "Trump"),
            Example::fires(
                "Peskov, the Kremlin’s spokesman, told reporters the talks were useful.",
                "the talks were useful",
                "Peskov",
            ),
            Example::fires("Moscow has demanded that Kyiv withdraw.", "Kyiv withdraw", "Moscow"),
            Example::fires(
                "People with direct knowledge of the talks said the deal was close.",
                "the deal was close",
                "People with direct knowledge of the talks",
            ),
            Example::ignores("Supporters of the club have been told that a takeover is close."),
            Example::ignores("Smith did not say whether he would run."),
            Example::ignores("The coach called off the match."),
            Example::ignores("The group claimed responsibility for the attack on Friday."),
            Example::ignores("Marsh told a packed council meeting."),
            Example::ignores("She asked whether the vote was fair."),
            Example::ignores("He would say that, wouldn’t he."),
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
            if !matches!(
                form.class,
                CueClass::Past | CueClass::ThirdSingular | CueClass::Phrase | CueClass::Base | CueClass::Participle
            ) || !form.frames.has(Frames::THAT)
                || ctx.negated(cue)
                || !super::in_body(ctx, i)
            {
                continue;
            }
            let s0 = ctx.sentence_start(i);
            let send = ctx.sentence_end(i);
            let b = ctx.skip_adjuncts_back(i, s0);
            // A core speech verb may take a long noun phrase as its subject.
            let loose = || {
                let core = matches!(
                    form.form.as_str(),
                    "said"
                        | "says"
                        | "say"
                        | "told"
                        | "tell"
                        | "added"
                        | "wrote"
                        | "argued"
                        | "claimed"
                        | "warned"
                        | "insisted"
                        | "explained"
                        | "stressed"
                        | "acknowledged"
                        | "reported"
                        | "predicted"
                        | "contended"
                        | "asserted"
                ) || form.class == CueClass::Phrase;
                let lower_cue = ctx.text[cue.span.range()].chars().next().is_some_and(char::is_lowercase);
                (core && lower_cue).then(|| super::loose_subject(ctx, b, s0)).flatten()
            };
            let (m, loose_used) = match super::subject_before(ctx, b, s0) {
                Some(m) => (m, false),
                None => match loose() {
                    Some(m) => (m, true),
                    None => continue,
                },
            };
            let Some((k, had_that)) = super::content_start(ctx, cue, send) else { continue };
            // "…, said an American official who …": the words after the cue are
            // the speaker of an inverted attribution, not a claim.
            if !had_that && ctx.is_punct(b.saturating_sub(1), ",") {
                let inverted = ctx.mention_at(k, send).is_some_and(|n| {
                    let a = n.end as usize;
                    a + 1 >= send || ctx.is_punct(a, ".") || ctx.is_punct(a, ",") || ctx.word(a) == Some("who")
                });
                if inverted {
                    continue;
                }
            }
            // find / show: a person who "found ways" reports nothing; documents
            // and groups find that …
            if matches!(form.lemma.as_str(), "find" | "show")
                && !had_that
                && matches!(m.kind, crate::record::SpeakerKind::Person | crate::record::SpeakerKind::Pronoun)
            {
                continue;
            }
            // "claimed responsibility", "claimed victory", "claimed the
            // lives of": an object, not a claim ("claimed the vote was
            // rigged" is one).
            if form.lemma == "claim"
                && !had_that
                && (matches!(ctx.word(k), Some("responsibility" | "credit" | "victory" | "lives"))
                    || (ctx.word(k) == Some("the") && matches!(ctx.word(k + 1), Some("lives" | "life" | "title"))))
            {
                continue;
            }
            let e = super::clause_end(ctx, k, send);
            let Some(content) = ctx.content_between(k, e) else { continue };
            // A clause has a subject and a verb: one word is not a claim
            // (“Marsh told a packed council meeting.”).
            let words = (k..e).filter(|&j| ctx.word(j).is_some()).count();
            if e - k < 2 || words < 2 {
                continue;
            }
            let mut conf = if form.frames.has(Frames::WEAK) {
                0.5
            } else if loose_used {
                0.6
            } else {
                0.7
            };
            if had_that {
                conf += 0.05;
            }
            // The clause for dates: the cue with its adjuncts — not a
            // relative clause inside the subject ("Demir, who resigned last
            // month, said").
            let clause = ctx.span_of(if m.end as usize == b { m.first as usize } else { b }, k);
            let lead = ctx.lead_before(m.first as usize);
            out.push(
                Candidate::claim(ctx, content, self.id(), conf).speaker(m).cue(*cue).clause(clause).fallback(lead),
            );
        }
    }
}
