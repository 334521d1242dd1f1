//! Reported speech without (or with some) quotation marks.

pub mod according_to;
pub mod claim_comma_speaker_cue;
pub mod participial;
pub mod speaker_cue_that;

use super::{Context, CueTok, ParagraphRole};
use crate::lexicon::{CueClass, Frames};
use crate::record::SpeakerKind;
use crate::speakers::Mention;
use crate::tokenize::TokenKind;

/// Words after which a subject may start a clause.
const CLAUSE_OPENERS: &[&str] = &[
    "and",
    "but",
    "as",
    "while",
    "because",
    "that",
    "when",
    "after",
    "before",
    "since",
    "although",
    "though",
    "so",
    "where",
    "whereas",
    "yet",
    "But",
    "And",
    "As",
    "While",
    "When",
    "After",
    "Before",
    "Since",
    "Although",
    "Though",
    "So",
    "Yet",
    "Meanwhile",
    "However",
    "Still",
    "Instead",
    "Later",
    "Earlier",
    "Now",
    "Then",
    "Also",
    "Separately",
    "Finally",
    "also",
];

/// The speaker whose mention ends right before token `end`, as the subject
/// of a clause: at the start of the sentence or after a clause opener or
/// punctuation, not after a preposition. Skips a relative clause or
/// appositive set off by commas (“Peskov, the Kremlin’s spokesman, said”;
/// “Smith, who leads the party, said”).
pub fn subject_before(ctx: &Context<'_>, end: usize, floor: usize) -> Option<Mention> {
    let mut end = end;
    if end > floor + 1 && ctx.is_punct(end - 1, ",") {
        // Find the comma opening the appositive or relative clause.
        let mut k = end - 1;
        let mut steps = 0;
        while k > floor && steps < 30 {
            k -= 1;
            steps += 1;
            if ctx.is_punct(k, ",") {
                let next = ctx.word(k + 1).unwrap_or("");
                let lower = next.to_ascii_lowercase();
                if matches!(
                    lower.as_str(),
                    "who"
                        | "whose"
                        | "which"
                        | "the"
                        | "a"
                        | "an"
                        | "its"
                        | "his"
                        | "her"
                        | "their"
                        | "also"
                        | "himself"
                        | "herself"
                ) || ctx.lexicon.is_title(&lower)
                    || ctx.lexicon.demonym(next).is_some()
                {
                    end = k;
                }
                break;
            }
            let t = ctx.toks()[k];
            if t.kind == TokenKind::Quote || t.is_break() || ctx.cue_at(k).is_some() && ctx.is_finite(&ctx.cue_at(k)?) {
                return None;
            }
        }
        if end == 0 || ctx.is_punct(end - 1, ",") {
            return None;
        }
    }
    let m = ctx.mention_before(end, floor)?;
    let first = m.first as usize;
    if first > floor {
        let prev = ctx.toks()[first - 1];
        let ok = match prev.kind {
            TokenKind::Punct => matches!(prev.text(ctx.text), "," | ";" | ":" | "—" | "–" | "(" | "-" | "--"),
            TokenKind::Quote | TokenKind::LineBreak | TokenKind::ParagraphBreak => true,
            TokenKind::Word => {
                let w = prev.text(ctx.text);
                // "talks between Trump and Putin underscores": a conjunct of a
                // prepositional object is not a subject.
                CLAUSE_OPENERS.contains(&w)
                    && !(matches!(w, "and" | "or")
                        && ctx
                            .mention_before(first - 1, floor)
                            .is_some_and(|p| ctx.after_preposition(p.first as usize)))
            }
            TokenKind::Number => false,
        };
        if !ok {
            return None;
        }
    }
    // "I" and "we" outside quotes are the writer, not a source we report.
    if m.kind == SpeakerKind::Pronoun
        && matches!(ctx.word(first), Some("I" | "we" | "We" | "you" | "You" | "it" | "It"))
    {
        return None;
    }
    Some(m)
}

/// Where the content of a reported clause starts after a cue: past an
/// object for tell-type cues, past adjuncts (“Thursday”), past “that”.
/// Returns `(start token, had_that)`, or `None` when what follows is not a
/// clause (“said so”, “called off”, “asked whether”).
pub fn content_start(ctx: &Context<'_>, cue: &CueTok, limit: usize) -> Option<(usize, bool)> {
    let mut k = cue.end as usize;
    if ctx.has_frame(cue, Frames::OBJ) {
        let w = ctx.word(k).unwrap_or("");
        if matches!(
            w,
            "him" | "her" | "them" | "me" | "us" | "you" | "reporters" | "journalists" | "lawmakers" | "supporters"
        ) {
            k += 1;
        } else if let Some(m) = ctx.mention_at(k, limit) {
            k = m.end as usize;
        }
    }
    k = ctx.skip_adjuncts(k, limit);
    // "in a statement", "in an interview", "on Twitter" — a short PP before "that".
    if matches!(ctx.word(k), Some("in" | "on" | "during" | "at")) {
        let mut j = k + 1;
        while j < limit && j < k + 7 && ctx.word(j) != Some("that") && !ctx.is_punct(j, ",") {
            j += 1;
        }
        if ctx.word(j) == Some("that") {
            k = j;
        }
    }
    if ctx.is_punct(k, ",") && ctx.word(k + 1) == Some("that") {
        k += 1;
    }
    let had_that = ctx.word(k) == Some("that");
    if had_that {
        k += 1;
    }
    if k >= limit {
        return None;
    }
    let t = ctx.toks()[k];
    if !had_that {
        match t.kind {
            TokenKind::Word => {
                let w = t.text(ctx.text);
                let lower = w.to_ascii_lowercase();
                if matches!(
                    lower.as_str(),
                    "to" | "for"
                        | "off"
                        | "on"
                        | "up"
                        | "out"
                        | "in"
                        | "by"
                        | "at"
                        | "whether"
                        | "if"
                        | "about"
                        | "so"
                        | "no"
                        | "yes"
                        | "nothing"
                        | "something"
                        | "anything"
                        | "much"
                        | "little"
                        | "more"
                        | "goodbye"
                        | "hello"
                        | "thanks"
                        | "sorry"
                        | "with"
                        | "from"
                        | "of"
                        | "how"
                        | "what"
                        | "why"
                        | "when"
                        | "where"
                        | "who"
                        | "which"
                        | "into"
                        | "over"
                        | "after"
                        | "before"
                        | "as"
                ) {
                    return None;
                }
                // A verb right after the cue is not a clause start ("said hit").
                if lower.ends_with("ing") && !w.chars().next().is_some_and(char::is_uppercase) {
                    return None;
                }
            }
            TokenKind::Number | TokenKind::Quote => {}
            _ => return None,
        }
    }
    Some((k, had_that))
}

/// The end (exclusive token) of a reported clause starting at `k`: the end
/// of the sentence, or a participial continuation (“, adding that”), “,
/// according to”, or a semicolon.
pub fn clause_end(ctx: &Context<'_>, k: usize, limit: usize) -> usize {
    let mut j = k;
    while j < limit {
        let t = ctx.toks()[j];
        if t.is_break() {
            return j;
        }
        if t.kind == TokenKind::Punct && matches!(t.text(ctx.text), ";") {
            return j;
        }
        if ctx.is_punct(j, ",") {
            if let Some(c) = ctx.cue_at(j + 1) {
                let class = ctx.form(&c).map(|f| f.class);
                if matches!(class, Some(CueClass::Gerund | CueClass::Preposition)) {
                    return j;
                }
                // ", he said" / ", officials said" — a trailing attribution.
            }
            if let Some(m) = ctx.mention_at(j + 1, limit) {
                let after = ctx.skip_adjuncts(m.end as usize, limit);
                if ctx.cue_at(after).is_some_and(|c| ctx.is_finite(&c)) {
                    let e = ctx.skip_adjuncts(ctx.cue_at(after).map_or(after, |c| c.end as usize), limit);
                    if e >= limit || ctx.is_punct(e, ".") || ctx.is_punct(e, ",") {
                        return j;
                    }
                }
            }
        }
        j += 1;
    }
    limit
}

/// Whether reported clauses may be taken from the paragraph of token `i`.
pub fn in_body(ctx: &Context<'_>, i: usize) -> bool {
    ctx.paragraph_role(i) == ParagraphRole::Body
}
