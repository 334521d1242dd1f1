//! A user rule for a sports-page layout the built-in rules do not cover:
//!
//! ```text
//! Marta Ilves (Tallinn Rovers): “We pressed high and it paid off.”
//! ```
//!
//! A paragraph that opens with a speaker, a parenthesised team or affiliation,
//! a colon and a quotation. There is no speech verb, so none of the built-in
//! `direct/*` rules fire; this rule attributes the quotation to the speaker.
//!
//! Shared by `examples/custom_rule/main.rs` and `tests/custom_rule.rs` through
//! `#[path]`, so the example and its test run the same code.

use whosaid::rules::{Candidate, Context, Example, Rule};

/// `SPEAKER (TEAM): “…”` at the start of a paragraph.
pub struct SpeakerTeamColonQuote;

/// The longest parenthetical accepted, in tokens (“(Tallinn Rovers)”,
/// “(Real Sociedad, on loan from Porto)”).
const MAX_PAREN: usize = 12;

const EXAMPLES: &[Example] = &[
    Example::fires(
        "Marta Ilves (Tallinn Rovers): “We pressed high and it paid off.”",
        "We pressed high",
        "Marta Ilves",
    ),
    // The parenthetical must sit between the speaker and the colon.
    Example::ignores("Marta Ilves: (Tallinn Rovers) “We pressed high and it paid off.”"),
    // Not at the start of the paragraph: a mid-sentence aside.
    Example::ignores("The match report quoted Marta Ilves (Tallinn Rovers): “We pressed high.”"),
];

impl Rule for SpeakerTeamColonQuote {
    fn id(&self) -> &'static str {
        "custom/speaker_team_colon_quote"
    }

    fn description(&self) -> &'static str {
        "SPEAKER (TEAM): “…” opening a paragraph (sports-page quote round-ups)"
    }

    fn examples(&self) -> &'static [Example] {
        EXAMPLES
    }

    fn apply(&self, ctx: &Context<'_>, _found: &[Candidate], out: &mut Vec<Candidate>) {
        for (qi, q) in ctx.quotes.iter().enumerate() {
            let open = q.open as usize;
            // Only top-level quotations, opened right after “):”.
            if q.depth != 0 || open < 4 || !ctx.is_punct(open - 1, ":") || !ctx.is_punct(open - 2, ")") {
                continue;
            }
            let close_paren = open - 2;
            let floor = close_paren.saturating_sub(MAX_PAREN);
            let Some(open_paren) = (floor..close_paren).rev().find(|&k| ctx.is_punct(k, "(")) else { continue };
            if open_paren + 1 == close_paren {
                continue; // “()”
            }
            // The speaker must open the paragraph (or the sentence).
            let start = ctx.sentence_start(open_paren);
            let Some(m) = ctx.mention_before(open_paren, start) else { continue };
            if m.first as usize != start {
                continue;
            }
            // The parenthetical is the attribution clause (a date there,
            // “(Rovers, Saturday)”, is the date of the quote).
            let clause = ctx.span_of(open_paren, close_paren + 1);
            out.push(Candidate::quote(ctx, qi, self.id(), 0.85).speaker(m).clause(clause));
        }
    }
}
