//! `indirect/speaker_colon`: SPEAKER: CLAIM at the start of a paragraph.

use crate::record::{Kind, SpeakerKind};
use crate::rules::{Candidate, Context, Example, ParagraphRole, Rule};
use crate::tokenize::TokenKind;

/// Headings that are labels, not speakers.
const LABELS: &[&str] = &[
    "Correction",
    "Corrections",
    "Contributing",
    "Twitter",
    "Facebook",
    "Instagram",
    "Source",
    "Sources",
    "Wow",
    "Update",
    "Note",
    "Related",
    "Editor",
    "Photo",
    "Video",
    "Watch",
    "Read",
    "Listen",
    "Live",
    "Breaking",
    "Exclusive",
    "Opinion",
    "Analysis",
    "Review",
    "Interview",
    "Poll",
    "Latest",
    "Daily",
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Georgia",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "Hampshire",
    "Jersey",
    "Mexico",
    "York",
    "Carolina",
    "Dakota",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Island",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "Washington",
    "Wisconsin",
    "Wyoming",
    "Daily",
];

/// Sanders: Endorsements prove Clinton is the establishment candidate. — a
/// headline or round-up line that opens with a named speaker (optionally
/// with an affiliation: “Howard Kurtz, Fox News:”) and a colon; the rest of
/// the paragraph is what they said (a direct quote when it is one
/// quotation).
pub struct SpeakerColon;

impl Rule for SpeakerColon {
    fn id(&self) -> &'static str {
        "indirect/speaker_colon"
    }
    fn description(&self) -> &'static str {
        "a paragraph opening with a named speaker and a colon: the rest of the paragraph is theirs"
    }
    fn examples(&self) -> &'static [Example] {
        const EXAMPLES: &[Example] = &[
            Example::fires(
                "Sanders: Endorsements prove the establishment backs Clinton\n\nText.",
                "Endorsements prove",
                "Sanders",
            ),
            Example::fires(
                "Howard Kurtz, Fox News: “It was his strongest debate.”\n\nText.",
                "It was his strongest debate.",
                "Howard Kurtz",
            ),
            Example::ignores("Picture: AFP\n\nText."),
            Example::ignores("NEW YORK: Markets fell.\n\nText."),
            Example::ignores("The plan has two parts: a tax and a rebate."),
            // A transcript: each turn is its own record.
            Example::fires("Bo Lund: “We won the vote.” Ann Berg: “We lost it.”\n\nText.", "We lost it.", "Ann Berg"),
        ];
        EXAMPLES
    }
    fn apply(&self, ctx: &Context<'_>, _found: &[Candidate], out: &mut Vec<Candidate>) {
        for p in &ctx.tokens.paragraphs {
            let first = p.first as usize;
            let end = p.end as usize;
            if ctx.paragraph_role(first) == ParagraphRole::Skip || end <= first + 2 {
                continue;
            }
            // Each turn's content runs to the next turn (“Bo Lund: … Ann
            // Berg: …”, a transcript) or to the paragraph end.
            let mut turn = speaker_turn(ctx, first, end);
            while let Some((m, k)) = turn {
                let next = (k + 1..end)
                    .filter(|&j| ctx.sentence_start(j) == j)
                    .find_map(|j| speaker_turn(ctx, j, end).map(|t| (j, t)));
                let stop = next.as_ref().map_or(end, |&(j, _)| j);
                turn = next.map(|(_, t)| t);
                let Some(content) = ctx.content_between(k + 1, stop) else { continue };
                let ctext = &ctx.text[content.range()];
                let words = ctext.split_whitespace().count();
                let commas = ctext.matches(',').count();
                // A list of names ("Iowa: Tim Albrecht, Brad Anderson, …") says nothing.
                if words < 3 || (commas >= 3 && words <= 4 * (commas + 1)) {
                    continue;
                }
                let first = m.first as usize;
                let mut c = Candidate::claim(ctx, content, self.id(), 0.6).speaker(m).clause(ctx.span_of(first, k + 1));
                // One quotation covering the content: a direct quote.
                if c.quotes.len() == 1 {
                    let q = &ctx.quotes[c.quotes[0] as usize];
                    let bare = ctx.text[content.range()].trim_matches(|ch: char| !ch.is_alphanumeric());
                    if bare.len() <= q.inner.len() + 1 {
                        c.kind = Kind::Direct;
                        c.segments = crate::quotes::Segments::from_slice(q.segments());
                        c.quoted.clear();
                    }
                }
                out.push(c);
            }
        }
    }
}

/// A speaker turn opening at token `first`: a named person or organisation
/// (optionally with a short affiliation: “Howard Kurtz, Fox News”) and a
/// colon, before `end`. Returns the mention and the colon's token.
fn speaker_turn(ctx: &Context<'_>, first: usize, end: usize) -> Option<(crate::speakers::Mention, usize)> {
    let limit = end.min(first + 12);
    let m = ctx.mention_at(first, limit)?;
    if !matches!(m.kind, SpeakerKind::Person | SpeakerKind::Organization) {
        return None;
    }
    // Not an all-caps dateline, not a label ("Correction:", "The
    // Latest:"), not a place heading a list.
    let mtext = &ctx.text[m.span.range()];
    if mtext.chars().all(|c| !c.is_lowercase()) || LABELS.iter().any(|l| mtext.ends_with(l)) {
        return None;
    }
    let mut k = m.end as usize;
    // "Howard Kurtz, Fox News:" — a short affiliation.
    if ctx.is_punct(k, ",") {
        let c = (k + 1..limit).find(|&j| ctx.is_punct(j, ":"))?;
        if !(k + 1..c).all(|j| ctx.toks()[j].kind == TokenKind::Word || ctx.is_punct(j, ".")) {
            return None;
        }
        k = c;
    }
    ctx.is_punct(k, ":").then_some((m, k))
}
