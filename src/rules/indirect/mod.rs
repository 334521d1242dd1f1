//! Reported speech without (or with some) quotation marks.

pub mod according_to;
pub mod claim_comma_speaker_cue;
pub mod participial;
pub mod speaker_colon;
pub mod speaker_cue_object;
pub mod speaker_cue_that;

use super::{Context, CueTok, ParagraphRole};
use crate::lexicon::{CueClass, Frames};
use crate::record::SpeakerKind;
use crate::span::Span;
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

/// Whether tokens `a..b` are one or two lower-case words set off by commas
/// between a subject and its cue: “Clinton, exasperated, responded”, “The
/// minister, visibly angry, said”.
fn short_parenthetical(ctx: &Context<'_>, a: usize, b: usize) -> bool {
    a < b
        && b - a <= 2
        && (a..b).all(|x| ctx.word(x).is_some_and(|w| w.chars().all(char::is_lowercase)) && ctx.cue_at(x).is_none())
}

/// The speaker whose mention ends right before token `end`, as the subject
/// of a clause: at the start of the sentence or after a clause opener or
/// punctuation, not after a preposition. Handles a name in apposition
/// (“Another ally, Agriculture Secretary Tom Vilsack, told”), an appositive
/// or relative clause set off by commas (“Peskov, the Kremlin’s spokesman,
/// said”; “Smith, who leads the party, said”), a party label (“Sen. Maria
/// Lopez, D-Calif., said”), a relative pronoun (“Podesta, who said …”) and
/// a coordinated verb (“Clinton stressed her record and said …”).
pub fn subject_before(ctx: &Context<'_>, end: usize, floor: usize) -> Option<Mention> {
    // A relative clause or appositive between dashes: "The union — which
    // represents 12,000 nurses — said".
    if end > floor + 2 {
        if let Some(dash) = ["—", "–"].into_iter().find(|d| ctx.is_punct(end - 1, d)) {
            let open = (floor.max(end.saturating_sub(30))..end - 1).rev().find(|&k| ctx.is_punct(k, dash));
            if let Some(o) = open.filter(|&o| o > floor && matches!(ctx.word(o + 1), Some("who" | "which" | "whose"))) {
                return plain_subject(ctx, o, floor);
            }
        }
    }
    if end > floor + 1 && ctx.is_punct(end - 1, ",") {
        // A name set off by commas is itself the speaker, and a description
        // before it its role: “The finance minister, Oleksandr Marchenko,
        // said”.
        if let Some(mut m) = ctx.mention_before(end - 1, floor) {
            let f = m.first as usize;
            if m.kind == SpeakerKind::Person
                && f > floor
                && ctx.is_punct(f - 1, ",")
                && m.name.as_deref().is_some_and(|n| n.contains(' '))
            {
                if m.role.is_none() {
                    // A definite or possessive description opening the
                    // clause (“In Kyiv, the finance minister, …”; not “Another
                    // ally, …”).
                    let described = ctx.mention_before(f - 1, floor).filter(|d| {
                        let (df, dt) = (d.first as usize, &ctx.text[d.span.range()]);
                        d.kind == SpeakerKind::Nominal
                            && (df <= floor || df == ctx.sentence_start(f) || ctx.is_punct(df - 1, ","))
                            && (dt.starts_with("the ")
                                || dt.starts_with("The ")
                                || dt.contains("’s ")
                                || dt.contains("'s "))
                    });
                    if let Some(d) = described {
                        m.role = Some(crate::speakers::description_role(&ctx.text[d.span.range()]));
                    }
                }
                return Some(m);
            }
        }
        // Find the comma opening the appositive or relative clause.
        let mut k = end - 1;
        let mut steps = 0;
        let mut opened = None;
        while k > floor && steps < 40 {
            k -= 1;
            steps += 1;
            if ctx.is_punct(k, ",") {
                let next = ctx.word(k + 1).unwrap_or("");
                let lower = next.to_ascii_lowercase();
                let party =
                    (next.starts_with("D-") || next.starts_with("R-") || next.starts_with("I-")) && k + 3 >= end - 1;
                if party
                    || matches!(
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
                            | "one"
                            | "both"
                            | "in"
                            | "on"
                            | "at"
                            | "during"
                            | "after"
                            | "before"
                            | "speaking"
                            | "writing"
                            | "like"
                            | "unlike"
                            | "meanwhile"
                            | "however"
                            | "too"
                            | "for"
                            | "with"
                            | "now"
                    )
                    || ctx.lexicon.is_title(&lower)
                    || ctx.lexicon.demonym(next).is_some()
                    || next.chars().next().is_some_and(|c| c.is_ascii_digit())
                    || short_parenthetical(ctx, k + 1, end - 1)
                {
                    opened = Some(k);
                }
                break;
            }
            let t = ctx.toks()[k];
            if ctx.is_mark(k) || t.is_break() {
                return None;
            }
        }
        let k = opened?;
        return plain_subject(ctx, k, floor);
    }
    // "Podesta, who said": the relative pronoun stands for the name before it.
    // (Also without the comma: "officials who said …", "a man who told …".)
    if end > floor + 1 && matches!(ctx.word(end - 1), Some("who")) {
        let ante_end = if ctx.is_punct(end - 2, ",") { end - 2 } else { end - 1 };
        let ante = ctx.mention_before(ante_end, floor)?;
        if !matches!(
            ante.kind,
            SpeakerKind::Person | SpeakerKind::Organization | SpeakerKind::Nominal | SpeakerKind::Place
        ) {
            return None;
        }
        let t = ctx.toks()[end - 1];
        return Some(Mention {
            span: t.span(),
            first: end as u32 - 1,
            end: end as u32,
            kind: SpeakerKind::Pronoun,
            name: ante.name.clone(),
            role: ante.role.clone(),
            gender: ante.gender,
            plural: ante.plural,
            antecedent: Some(Box::new(ante)),
        });
    }
    // "Clinton stressed her support … and said": the sentence's subject.
    if end > floor + 3 && matches!(ctx.word(end - 1), Some("and" | "but")) {
        let mut s = floor;
        while matches!(ctx.word(s), Some("But" | "And" | "Yet" | "Still" | "Meanwhile" | "Instead"))
            || ctx.is_punct(s, ",")
        {
            s += 1;
        }
        // Past an introductory time phrase: "Eight years ago, he supported
        // Obama and said".
        let mut intro = false;
        if let Some(c) = (s..end.min(s + 6)).find(|&k| ctx.is_punct(k, ",")) {
            if (s..c).any(|k| ctx.is_time_word(k) || ctx.word(k) == Some("ago")) {
                s = c + 1;
                intro = true;
            }
        }
        let m = ctx.mention_at(s, end)?;
        let after = ctx.skip_adjuncts(m.end as usize, end);
        let verb =
            ctx.toks().get(after).is_some_and(|t| t.kind == TokenKind::Word && t.first_char(ctx.text).is_lowercase());
        let pronoun_ok =
            matches!(ctx.word(s), Some("He" | "She")) || (intro && matches!(ctx.word(s), Some("he" | "she")));
        return (verb && (m.kind != SpeakerKind::Pronoun || pronoun_ok)).then_some(m);
    }
    // "A poll released Monday found …": a participle after a document or
    // group (the time adjunct was skipped by the caller).
    if end > floor + 1
        && ctx.word(end - 1).is_some_and(|w| w.ends_with("ed") && w.chars().all(|c| c.is_ascii_lowercase()))
    {
        if let Some(m) = plain_subject(ctx, end - 1, floor) {
            if matches!(m.kind, SpeakerKind::Document | SpeakerKind::Nominal) {
                return Some(m);
            }
        }
    }
    // "Several said …", "Many told …": a quantifier standing for people.
    if end > floor {
        let w = ctx.word(end - 1).unwrap_or("");
        let lower = w.to_ascii_lowercase();
        if matches!(
            lower.as_str(),
            "several" | "many" | "some" | "others" | "most" | "both" | "few" | "all" | "another" | "one"
        ) && (end - 1 == floor || boundary_before(ctx, end - 1))
        {
            let t = ctx.toks()[end - 1];
            return Some(Mention {
                span: t.span(),
                first: end as u32 - 1,
                end: end as u32,
                kind: SpeakerKind::Nominal,
                name: Some(w.to_owned()),
                role: None,
                gender: crate::lexicon::Gender::Unknown,
                plural: lower != "another" && lower != "one",
                antecedent: None,
            });
        }
    }
    plain_subject(ctx, end, floor)
}

fn plain_subject(ctx: &Context<'_>, end: usize, floor: usize) -> Option<Mention> {
    let mut m = ctx.mention_before(end, floor)?;
    let mut first = m.first as usize;
    // "Law enforcement experts": nouns before a nominal head.
    if m.kind == SpeakerKind::Nominal && first > floor {
        let mut k = first;
        while k > floor && first - k < 4 {
            let Some(w) = ctx.word(k - 1) else { break };
            let lower = w.to_ascii_lowercase();
            if CLAUSE_OPENERS.contains(&w)
                || PREPOSITION_LIKE.contains(&lower.as_str())
                || ctx.cue_at(k - 1).is_some()
                || lower.ends_with("ed")
            {
                break;
            }
            k -= 1;
        }
        if k < first && (k == floor || boundary_before(ctx, k)) {
            m.span = Span::new(ctx.toks()[k].span().start, m.span.end);
            m.first = k as u32;
            first = k;
        }
    }
    // "Gov. Tim Walz of Minnesota", "a spokesperson for the operator": a
    // postmodifier after the real head.
    if first > floor + 1
        && !boundary_before(ctx, first)
        && matches!(ctx.word(first - 1), Some("of" | "for" | "at" | "from" | "by"))
    {
        if let Some(head) = ctx.mention_before(first - 1, floor) {
            let hf = head.first as usize;
            let head_ok = matches!(head.kind, SpeakerKind::Person | SpeakerKind::Nominal | SpeakerKind::Document)
                && (hf == floor || boundary_before(ctx, hf));
            if head_ok {
                let mut h = head;
                if h.kind == SpeakerKind::Nominal {
                    h.span = Span::new(h.span.start, m.span.end);
                    h.name = Some(ctx.text[h.span.range()].to_owned());
                    h.end = m.end;
                }
                return Some(h);
            }
        }
    }
    if first > floor && !boundary_before(ctx, first) {
        return None;
    }
    // "I" and "we" outside quotes are the writer, not a source we report.
    if m.kind == SpeakerKind::Pronoun && matches!(ctx.word(first), Some("I" | "we" | "We" | "you" | "You")) {
        return None;
    }
    Some(m)
}

const PREPOSITION_LIKE: &[&str] = &[
    "with", "of", "to", "for", "by", "from", "about", "at", "in", "on", "into", "against", "between", "among", "than",
    "like", "over", "under", "is", "are", "was", "were", "be", "been", "that", "which", "who", "the", "a", "an", "and",
    "or", "but", "not", "many", "some",
];

/// Whether a clause may start at token `first`: after punctuation, a quote,
/// a break or a clause opener — not after a preposition or a conjunct of
/// one (“talks between Trump and Putin”).
fn boundary_before(ctx: &Context<'_>, first: usize) -> bool {
    let prev = ctx.toks()[first - 1];
    match prev.kind {
        TokenKind::Punct => matches!(prev.text(ctx.text), "," | ";" | ":" | "—" | "–" | "(" | "-" | "--"),
        TokenKind::Quote | TokenKind::LineBreak | TokenKind::ParagraphBreak => true,
        TokenKind::Word => {
            let w = prev.text(ctx.text);
            CLAUSE_OPENERS.contains(&w)
                && !(matches!(w, "and" | "or")
                    && ctx.mention_before(first - 1, 0).is_some_and(|p| ctx.after_preposition(p.first as usize)))
        }
        TokenKind::Number => false,
    }
}

/// Where the content of a reported clause starts after a cue: past an
/// object for tell-type cues, past adjuncts (“Thursday”), past “that”.
/// Returns `(start token, had_that)`, or `None` when what follows is not a
/// clause (“said so”, “called off”, “asked whether”).
pub fn content_start(ctx: &Context<'_>, cue: &CueTok, limit: usize) -> Option<(usize, bool)> {
    let mut k = cue.end as usize;
    let phrase = ctx.form(cue).is_some_and(|f| f.class == CueClass::Phrase);
    if ctx.has_frame(cue, Frames::OBJ) && !phrase {
        let w = ctx.word(k).unwrap_or("");
        if matches!(
            w,
            "him" | "her" | "them" | "me" | "us" | "you" | "reporters" | "journalists" | "lawmakers" | "supporters"
        ) {
            k += 1;
        } else if let Some(m) = ctx.mention_at(k, limit).filter(|m| m.kind != SpeakerKind::Pronoun) {
            k = m.end as usize;
        }
    }
    k = ctx.skip_adjuncts(k, limit);
    // An object or prepositional phrase before "that": "told shareholders on
    // Dec. 6 that", "said in a filing on 3/17/2025 that".
    if ctx.word(k) != Some("that") {
        let mut j = k;
        while j < limit && j < k + 20 {
            let t = ctx.toks()[j];
            let ok = match t.kind {
                TokenKind::Word => {
                    // A participle cue inside the phrase is fine: "in a video
                    // posted online that".
                    let participle = ctx.cue_at(j).is_some_and(|c| {
                        ctx.form(&c).is_some_and(|f| {
                            matches!(f.class, CueClass::Past | CueClass::Participle | CueClass::Phrase)
                        }) && ctx.word(j - 1).is_some_and(|p| ctx.lexicon.pronoun(p).is_none())
                            && j > k
                    });
                    (ctx.cue_at(j).is_none() || participle)
                        && !matches!(t.text(ctx.text), "and" | "but" | "which" | "who")
                }
                TokenKind::Number => true,
                TokenKind::Punct => {
                    (t.text(ctx.text) == "." && j > 0 && ctx.toks()[j - 1].span().end == t.span().start)
                        // "at a stop in Toledo, Ohio, that"
                        || (t.text(ctx.text) == "," && j > k)
                }
                _ => false,
            };
            if !ok {
                break;
            }
            if matches!(t.text(ctx.text), "so" | "such") {
                // "worries so much about X that …": a result clause.
                break;
            }
            if t.text(ctx.text) == "that" {
                // Not "that" as a determiner ("said that day") or a relative
                // pronoun after the object ("a provision that prohibits …"):
                // a reported clause starts with its subject.
                let subject_like = ctx.toks().get(j + 1).is_some_and(|n| match n.kind {
                    TokenKind::Word => {
                        let w = n.text(ctx.text);
                        w.chars().next().is_some_and(char::is_uppercase)
                            || ctx.lexicon.pronoun(w).is_some_and(|p| p.subject)
                            || matches!(
                                w,
                                "the"
                                    | "a"
                                    | "an"
                                    | "this"
                                    | "these"
                                    | "those"
                                    | "his"
                                    | "her"
                                    | "their"
                                    | "its"
                                    | "our"
                                    | "my"
                                    | "some"
                                    | "no"
                                    | "all"
                                    | "any"
                                    | "many"
                                    | "most"
                                    | "each"
                                    | "every"
                                    | "there"
                                    | "one"
                                    | "more"
                                    | "fewer"
                                    | "several"
                                    | "both"
                                    | "such"
                                    | "if"
                                    | "when"
                                    | "while"
                                    | "because"
                                    | "although"
                                    | "unless"
                                    | "once"
                                    | "after"
                                    | "before"
                            )
                    }
                    TokenKind::Number | TokenKind::Quote => true,
                    _ => false,
                });
                if j == k || subject_like {
                    k = j;
                }
                break;
            }
            j += 1;
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
    // "said no." is an answer; "said no one knew" is a clause.
    if !had_that && ctx.word(k) == Some("no") && ctx.word(k + 1).is_none() {
        return None;
    }
    let t = ctx.toks()[k];
    if !had_that {
        match t.kind {
            TokenKind::Word => {
                let w = t.text(ctx.text);
                let lower = w.to_ascii_lowercase();
                // "says if people think …, they …", "says despite all that, Obama
                // wasn't …": an adverbial clause, then the reported clause.
                if ADVERBIAL_STARTS.contains(&lower.as_str()) {
                    let comma = (k + 1..limit.min(k + 25)).find(|&j| ctx.is_punct(j, ","));
                    return comma.filter(|&c| ctx.word(c + 1).is_some()).map(|_| (k, false));
                }
                if NOT_CLAUSE_STARTS.contains(&lower.as_str()) {
                    return None;
                }
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
            }
            TokenKind::Number | TokenKind::Quote => {}
            _ => return None,
        }
    }
    Some((k, had_that))
}

/// The longest reported clause, in tokens (see [`clause_end`]).
pub const MAX_CLAUSE_TOKENS: usize = 250;

/// The end (exclusive token) of a reported clause starting at `k`: the end
/// of the sentence, or a participial continuation (“, adding that”), “,
/// according to”, or a semicolon.
///
/// A reported clause is at most [`MAX_CLAUSE_TOKENS`] tokens long: when no
/// end is found within them, the result is `k` (no clause), so that a huge
/// unpunctuated “sentence” with many cues is not rescanned for every cue.
pub fn clause_end(ctx: &Context<'_>, k: usize, limit: usize) -> usize {
    let mut j = k;
    while j < limit {
        if j >= k + MAX_CLAUSE_TOKENS {
            return k;
        }
        let t = ctx.toks()[j];
        if t.is_break() {
            return j;
        }
        if t.kind == TokenKind::Punct && matches!(t.text(ctx.text), ";") {
            return j;
        }
        // A coordinated cue starts its own record: "announced that A, and
        // stressed that B"; "acknowledged A but denied that B".
        if matches!(ctx.word(j), Some("and" | "but")) && j > k {
            let c = ctx.skip_adjuncts(j + 1, limit);
            let coordinated = ctx.cue_at(c).is_some_and(|q| {
                ctx.is_finite(&q)
                    && ctx.form(&q).is_some_and(|f| f.frames.has(Frames::THAT) || f.frames.has(Frames::TOPIC))
                    // "inspected and found safe" is not a second claim.
                    && ctx.word(q.end as usize).is_some_and(|n| {
                        matches!(n, "that" | "the" | "a" | "an" | "he" | "she" | "they" | "it" | "his" | "her" | "their" | "its")
                            || n.chars().next().is_some_and(char::is_uppercase)
                    })
            });
            if coordinated {
                return if ctx.is_punct(j - 1, ",") { j - 1 } else { j };
            }
        }
        // ", speaking on condition of anonymity", ", citing …": an adjunct
        // about the speaker, not part of the claim.
        if ctx.is_punct(j, ",")
            && matches!(
                ctx.word(j + 1),
                Some("speaking" | "citing" | "referring" | "declining" | "requesting" | "asking" | "who")
            )
        {
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

/// Words that start an adverbial clause or phrase before a reported clause.
const ADVERBIAL_STARTS: &[&str] = &[
    "if", "when", "while", "although", "though", "because", "despite", "unless", "once", "since", "after", "before",
    "during",
];

/// Words that cannot start a reported clause right after a cue (“told
/// reporters outside the palace”).
const NOT_CLAUSE_STARTS: &[&str] = &[
    // “said and quickly left the room”: a second verb phrase, no clause.
    "and",
    "but",
    "or",
    "nor",
    "outside",
    "inside",
    "near",
    "following",
    "amid",
    "via",
    "through",
    "across",
    "behind",
    "beside",
    "under",
    "later",
    "shortly",
    "afterwards",
    "upon",
    "while",
    "onto",
    "toward",
    "towards",
    "around",
    "within",
    "without",
    "alongside",
];

/// Whether reported clauses may be taken from the paragraph of token `i`.
pub fn in_body(ctx: &Context<'_>, i: usize) -> bool {
    ctx.paragraph_role(i) == ParagraphRole::Body
}

/// Skips a wire dateline at the start of a paragraph (“FRANKFURT —”,
/// “KYIV, Ukraine, March 14 (Reuters) -”): returns the first token after
/// its dash, or `s0` when there is none.
pub fn skip_dateline(ctx: &Context<'_>, s0: usize) -> usize {
    let at_para_start = s0 == 0 || ctx.toks()[s0 - 1].is_break();
    if !at_para_start {
        return s0;
    }
    let first_caps = ctx.word(s0).is_some_and(|w| w.len() > 1 && w.chars().all(|c| !c.is_lowercase()));
    if !first_caps {
        return s0;
    }
    let mut k = s0;
    while k < ctx.toks().len() && k < s0 + 16 {
        let t = ctx.toks()[k];
        if t.is_break() || t.kind == TokenKind::Quote {
            return s0;
        }
        if t.kind == TokenKind::Punct && matches!(t.text(ctx.text), "—" | "–" | "--" | "-") && t.space_before {
            return k + 1;
        }
        k += 1;
    }
    s0
}

/// A last-resort subject: the whole noun phrase from the start of the
/// clause to the cue, when no mention parses there (“People with direct
/// knowledge of Gates' work said”, “Nine in 10 Democratic voters say”,
/// “Staff for the House Select Committee on Benghazi said”). At most 25
/// tokens, no quotation mark, cue or clause punctuation inside; an
/// introductory adverbial (“In 2015, …”) is cut off at its comma.
pub fn loose_subject(ctx: &Context<'_>, end: usize, floor: usize) -> Option<Mention> {
    if end <= floor {
        return None;
    }
    let mut s = end;
    while s > floor && end - s < 25 {
        let t = ctx.toks()[s - 1];
        let stop = ctx.is_mark(s - 1)
            || t.is_break()
            || (t.kind == TokenKind::Punct
                && matches!(t.text(ctx.text), ";" | ":" | "—" | "–" | "(" | ")" | "\"" | "?" | "!"))
            || ctx.cue_at(s - 1).is_some();
        if stop {
            break;
        }
        s -= 1;
    }
    if s > floor && end - s >= 25 {
        return None;
    }
    // Leading clause openers; an introductory phrase up to its comma.
    while s < end && ctx.word(s).is_some_and(|w| CLAUSE_OPENERS.contains(&w)) || ctx.is_punct(s, ",") {
        s += 1;
    }
    let first = ctx.word(s)?;
    let lower = first.to_ascii_lowercase();
    if ADVERBIAL_STARTS.contains(&lower.as_str())
        || matches!(lower.as_str(), "in" | "at" | "on" | "with" | "for" | "after" | "before" | "during" | "by" | "from")
    {
        let comma = (s..end).find(|&k| ctx.is_punct(k, ","))?;
        s = comma + 1;
    }
    let mut e = end;
    while e > s && ctx.is_punct(e - 1, ",") {
        e -= 1;
    }
    if e <= s || (s..e).any(|k| ctx.is_punct(k, ",") && ctx.word(k + 1).is_some_and(|w| matches!(w, "which" | "that")))
    {
        return None;
    }
    let first = ctx.word(s)?;
    // It must read as a noun phrase: a capital, a number, or a determiner,
    // and not a pronoun (those parse as mentions already).
    let starts_np = first.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        || matches!(first, "the" | "a" | "an" | "some" | "many" | "most" | "several" | "two" | "three" | "both");
    if !starts_np
        || ctx.lexicon.pronoun(first).is_some()
        || ctx.lexicon.is_function_word(first)
            && !matches!(first, "The" | "A" | "An" | "Some" | "Many" | "Most" | "Several" | "Both")
    {
        return None;
    }
    // No auxiliary or verb-like word inside, and a noun-like last word.
    let bad_inside = (s..e).any(|k| {
        ctx.word(k).is_some_and(|w| {
            matches!(
                w,
                "is" | "are"
                    | "was"
                    | "were"
                    | "be"
                    | "been"
                    | "being"
                    | "has"
                    | "have"
                    | "had"
                    | "will"
                    | "would"
                    | "can"
                    | "could"
                    | "should"
                    | "may"
                    | "might"
                    | "must"
                    | "do"
                    | "does"
                    | "did"
                    | "not"
                    | "to"
            )
        })
    });
    let last = ctx.word(e - 1).unwrap_or("");
    if bad_inside
        || PREPOSITION_LIKE.contains(&last.to_ascii_lowercase().as_str())
        || last.ends_with("ly")
        || ctx.is_punct(e - 1, ",")
        || ctx.lexicon.pronoun(last).is_some()
    {
        return None;
    }
    let span = ctx.span_of(s, e);
    let head = ctx.mention_at(s, e);
    Some(Mention {
        span,
        first: s as u32,
        end: e as u32,
        kind: head.as_ref().map_or(SpeakerKind::Nominal, |h| {
            if h.kind == SpeakerKind::Pronoun {
                SpeakerKind::Nominal
            } else {
                h.kind
            }
        }),
        name: Some(ctx.text[span.range()].to_owned()),
        role: None,
        gender: crate::lexicon::Gender::Unknown,
        plural: true,
        antecedent: None,
    })
}
