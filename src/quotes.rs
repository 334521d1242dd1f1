//! Quote pairing: turns quote-mark tokens into quotations.
//!
//! Handles curly “ ” and ‘ ’, straight " and ', guillemets « » and » «,
//! „ “ (German), ‹ ›; apostrophes inside words never reach this module (the
//! tokenizer keeps them in the word). Marks nest when their families differ
//! (“… ‘…’ …”). An opening mark that is never closed closes at the end of its
//! paragraph and is reported `unclosed` — it never swallows the document —
//! except for the news convention where a quotation runs over several
//! paragraphs: each paragraph reopens with the same mark and only the last
//! one closes. One pass over the tokens, with a stack of at most
//! [`MAX_DEPTH`] open marks: linear time.

use crate::span::Span;
use crate::tokenize::{TokenKind, Tokens};

/// How deep quotations may nest before further openers are ignored.
pub const MAX_DEPTH: usize = 6;

/// A family of quote marks: closers only close openers of their family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// “ ” „ "
    Double,
    /// ‘ ’ ‚ '
    Single,
    /// « » (either direction)
    Guillemet,
    /// ‹ › (either direction)
    SingleGuillemet,
}

/// One quotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// Token index of the opening mark.
    pub open: u32,
    /// Token index of the closing mark (`None` when unclosed).
    pub close: Option<u32>,
    /// The whole quotation including its marks.
    pub outer: Span,
    /// The words inside the marks, trimmed of whitespace; for a quote over
    /// several paragraphs, from the first word to the last.
    pub inner: Span,
    /// The paragraph pieces of `inner` when there are several (a quote
    /// over several paragraphs); read them with [`Quote::segments`]. One
    /// pointer, null for the usual single piece: a document of millions of
    /// quote marks holds millions of quotations, and this keeps each at 56
    /// bytes (an inline piece made it 80) with no allocation per quote.
    more: Option<Box<Segments>>,
    /// The mark family.
    pub family: Family,
    /// 0 for a top-level quotation, 1 inside another, …
    pub depth: u8,
    /// Whether the opening mark was never closed.
    pub unclosed: bool,
}

impl Quote {
    /// The paragraph pieces of [`Quote::inner`]: `inner` alone, unless the
    /// quotation runs over several paragraphs.
    #[inline]
    pub fn segments(&self) -> &[Span] {
        self.more.as_deref().map_or(core::slice::from_ref(&self.inner), |m| m.as_slice())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

fn classify(c: char) -> (Family, Role) {
    match c {
        '\u{201C}' | '\u{201E}' | '\u{201F}' => (Family::Double, Role::Open),
        '\u{201D}' => (Family::Double, Role::Close),
        '"' => (Family::Double, Role::Either),
        '\u{2018}' | '\u{201A}' | '\u{201B}' => (Family::Single, Role::Open),
        '\u{2019}' => (Family::Single, Role::Close),
        '\'' => (Family::Single, Role::Either),
        '\u{00AB}' | '\u{00BB}' => (Family::Guillemet, Role::Either),
        _ => (Family::SingleGuillemet, Role::Either),
    }
}

struct Open {
    tok: usize,
    family: Family,
    glyph: char,
    /// Start of the current paragraph piece.
    piece_start: usize,
    /// Byte offset of the opening mark.
    mark_start: usize,
    segments: Segments,
}

/// The segments of a quotation: one inline, more on the heap.
pub type Segments = smallvec::SmallVec<[Span; 1]>;

/// The mark a quote token stands for: `''` is a straight double mark and
/// ``` `` ``` an opening one.
fn mark_char(text: &str, t: &crate::tokenize::Token) -> char {
    match t.text(text) {
        "''" => '"',
        "``" => '\u{201C}',
        _ => t.first_char(text),
    }
}

/// Pairs the quote marks of a tokenized text.
pub fn pair(text: &str, toks: &Tokens) -> Vec<Quote> {
    let tokens = &toks.tokens;
    // Every quotation opens at a quote-mark token, so on a long document
    // their count sizes the output once (growing by doubling would copy the
    // quotations several times over); an article's few grow as usual.
    let marks = if tokens.len() >= crate::bigvec::PRESIZE_MIN_TOKENS { toks.quote_marks } else { 0 };
    let mut out: Vec<Quote> = crate::bigvec::with_capacity(marks);
    let mut stack: Vec<Open> = Vec::new();
    let n = tokens.len();
    let mut i = 0;
    while i < n {
        let t = tokens[i];
        if t.kind == TokenKind::ParagraphBreak {
            // Paragraph end: continue a multi-paragraph quote, or close as unclosed.
            let last_content = last_content_token(toks, i);
            let next_para_open = (i + 1 < n && tokens[i + 1].kind == TokenKind::Quote).then(|| tokens[i + 1]);
            let mut carried = None;
            if stack.len() == 1 {
                if let Some(nt) = next_para_open {
                    let c = mark_char(text, &nt);
                    let (fam, role) = classify(c);
                    let top = &stack[0];
                    let reopens = fam == top.family
                        && (c == top.glyph || role != Role::Close)
                        && tokens.get(i + 2).is_some_and(|a| !a.space_before || a.kind == TokenKind::Word);
                    if reopens {
                        carried = stack.pop();
                    }
                }
            }
            while let Some(o) = stack.pop() {
                let end = last_content
                    .map_or(tokens[o.tok].span().end, |k| tokens[k].span().end)
                    .max(tokens[o.tok].span().end);
                push_quote(&mut out, text, o, None, end, stack.len());
            }
            if let Some(mut o) = carried {
                let end = last_content.map_or(o.piece_start, |k| tokens[k].span().end);
                if end > o.piece_start {
                    o.segments.push(Span::new(o.piece_start, end));
                }
                // Skip the reopening mark.
                i += 1;
                o.piece_start = tokens[i].span().end;
                stack.push(o);
            }
            i += 1;
            continue;
        }
        if t.kind != TokenKind::Quote {
            i += 1;
            continue;
        }
        let c = mark_char(text, &t);
        let (family, role) = classify(c);
        // “ closes a German „ quotation.
        let role = if c == '\u{201C}'
            && stack.iter().rev().find(|o| o.family == Family::Double).is_some_and(|o| o.glyph == '\u{201E}')
        {
            Role::Close
        } else {
            role
        };
        let role = match role {
            Role::Either => resolve_either(text, toks, i, family, c, &stack),
            r => r,
        };
        match role {
            Role::Open => {
                if stack.len() < MAX_DEPTH {
                    stack.push(Open {
                        tok: i,
                        family,
                        glyph: c,
                        piece_start: t.span().end,
                        segments: Segments::new(),
                        mark_start: t.span().start,
                    });
                }
            }
            Role::Close if family == Family::Single && plural_possessive(text, toks, i) => {
                // ‘The members’ vote was clear,’ — an apostrophe, not the close.
            }
            Role::Close => {
                if let Some(pos) = stack.iter().rposition(|o| o.family == family) {
                    // Openers above it were never closed: they end here.
                    while stack.len() > pos + 1 {
                        let o = stack.pop().expect("non-empty");
                        push_quote(&mut out, text, o, None, t.span().start, stack.len());
                    }
                    let o = stack.pop().expect("non-empty");
                    push_quote(&mut out, text, o, Some(i), t.span().start, stack.len());
                }
                // A closer with no opener: a stray mark or an apostrophe (the
                // Joneses' house); ignored.
            }
            Role::Either => {}
        }
        i += 1;
    }
    let last = last_content_token(toks, n);
    while let Some(o) = stack.pop() {
        let end = last.map_or(tokens[o.tok].span().end, |k| tokens[k].span().end).max(tokens[o.tok].span().end);
        push_quote(&mut out, text, o, None, end, stack.len());
    }
    // Quotations are pushed as they close, so a nested one comes before
    // the one around it; documents without nesting are in order already,
    // and skip the scratch a stable sort allocates (half the quotations).
    if !out.is_sorted_by_key(|q| (q.outer.start, q.depth)) {
        out.sort_by_key(|q| (q.outer.start, q.depth));
    }
    out
}

/// Whether the closing single mark at `i` is more likely the apostrophe of
/// a plural possessive (“the members’ vote”): glued to a word ending in s,
/// followed by a lower-case word, with a better closing mark later in the
/// paragraph (looked for within 80 tokens).
fn plural_possessive(text: &str, toks: &Tokens, i: usize) -> bool {
    let tokens = &toks.tokens;
    let t = tokens[i];
    let prev_s =
        i > 0 && tokens[i - 1].kind == TokenKind::Word && !t.space_before && tokens[i - 1].text(text).ends_with('s');
    let next_lower = tokens
        .get(i + 1)
        .is_some_and(|n| n.kind == TokenKind::Word && n.space_before && n.first_char(text).is_lowercase());
    if !(prev_s && next_lower) {
        return false;
    }
    for k in i + 1..tokens.len().min(i + 80) {
        let u = tokens[k];
        if u.kind == TokenKind::ParagraphBreak {
            return false;
        }
        if u.kind == TokenKind::Quote && matches!(u.first_char(text), '\u{2019}' | '\'') && !u.space_before {
            let after = tokens.get(k + 1);
            if after.is_none_or(|a| a.space_before || a.is_break() || a.kind != TokenKind::Word) {
                return true;
            }
        }
    }
    false
}

/// The last non-break token before index `i`.
fn last_content_token(toks: &Tokens, i: usize) -> Option<usize> {
    let mut k = i;
    while k > 0 {
        k -= 1;
        if !toks.tokens[k].is_break() {
            return Some(k);
        }
    }
    None
}

/// Decides whether a straight or direction-free mark opens or closes.
fn resolve_either(text: &str, toks: &Tokens, i: usize, family: Family, c: char, stack: &[Open]) -> Role {
    let tokens = &toks.tokens;
    let t = tokens[i];
    let prev = i.checked_sub(1).map(|k| tokens[k]);
    let next = tokens.get(i + 1);
    let space_before = t.space_before || prev.is_none_or(|p| p.is_break());
    let space_after = next.is_none_or(|n| n.space_before || n.is_break());
    let prev_opening = prev.is_some_and(|p| {
        !t.space_before
            && (matches!(p.text(text), "(" | "[" | "—" | "–")
                || (p.kind == TokenKind::Quote && p.first_char(text) != c))
    });
    let next_closing_punct = next.is_some_and(|n| {
        !n.space_before
            && n.kind == TokenKind::Punct
            && matches!(n.text(text), "." | "," | ";" | ":" | "!" | "?" | ")" | "…")
    });
    let open_on_stack = stack.iter().any(|o| o.family == family && (o.glyph == c || matches!(c, '"' | '\'')));
    match family {
        Family::Guillemet | Family::SingleGuillemet => {
            // « » is French/Italian; » « is German/Danish. The first mark
            // seen decides, by its glyph and what follows.
            let opener = if family == Family::Guillemet { '\u{00AB}' } else { '\u{2039}' };
            if let Some(o) = stack.iter().rev().find(|o| o.family == family) {
                if o.glyph != c {
                    return Role::Close;
                }
                return Role::Open;
            }
            if c == opener || !space_after {
                Role::Open
            } else {
                Role::Close
            }
        }
        _ => {
            if (space_before || prev_opening) && !space_after {
                Role::Open
            } else if !space_before && (space_after || next_closing_punct) {
                if open_on_stack {
                    Role::Close
                } else if family == Family::Single {
                    // Apostrophe after a plural: the Joneses' house.
                    Role::Either
                } else {
                    Role::Close
                }
            } else if open_on_stack {
                Role::Close
            } else {
                Role::Open
            }
        }
    }
}

fn push_quote(out: &mut Vec<Quote>, text: &str, mut o: Open, close: Option<usize>, end: usize, depth: usize) {
    let start_tok = o.tok;
    let close_tok = close;
    let end = end.max(o.piece_start);
    o.segments.push(Span::new(o.piece_start, end));
    // Trim whitespace inside each segment; drop empty ones.
    let mut segments: Segments = o
        .segments
        .iter()
        .filter_map(|s| {
            let piece = &text[s.range()];
            let lead = piece.len() - piece.trim_start().len();
            let trail = piece.len() - piece.trim_end().len();
            (s.len() > lead + trail).then(|| Span::new(s.start + lead, s.end - trail))
        })
        .collect();
    let open_span_start = o.mark_start;
    if segments.is_empty() {
        segments.push(Span::new(o.piece_start, o.piece_start));
    }
    let inner = Span::new(segments[0].start, segments[segments.len() - 1].end);
    let outer_end = match close_tok {
        Some(_) if text[end..].starts_with("''") => end + 2,
        Some(_) => text[end..].chars().next().map_or(end, |ch| end + ch.len_utf8()),
        None => end,
    };
    crate::bigvec::push(
        out,
        Quote {
            open: start_tok as u32,
            close: close_tok.map(|c| c as u32),
            outer: Span::new(open_span_start, outer_end.max(inner.end)),
            inner,
            more: (segments.len() > 1).then(|| Box::new(segments)),
            family: o.family,
            depth: depth as u8,
            unclosed: close_tok.is_none(),
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::tokenize::tokenize;

    #[test]
    fn a_quotation_stays_small() {
        // Documents of millions of quote marks hold millions of these.
        assert!(size_of::<Quote>() <= 56, "Quote is {} bytes", size_of::<Quote>());
    }

    fn quotes(text: &str) -> Vec<(String, bool, u8)> {
        let toks = tokenize(text, Lexicon::builtin());
        pair(text, &toks).into_iter().map(|q| (q.inner.text(text).to_owned(), q.unclosed, q.depth)).collect()
    }

    fn inner(text: &str) -> Vec<String> {
        quotes(text).into_iter().map(|q| q.0).collect()
    }

    #[test]
    fn curly_straight_guillemets() {
        assert_eq!(inner("“Hello,” he said. ‘Hi,’ she said."), ["Hello,", "Hi,"]);
        assert_eq!(inner("\"Hello,\" he said, \"and goodbye.\""), ["Hello,", "and goodbye."]);
        assert_eq!(inner("«Bonjour», dit-il. »Hallo«, sagte er. „Ja“, sagte sie."), ["Bonjour", "Hallo", "Ja"]);
        assert_eq!(inner("'Hello,' he said."), ["Hello,"]);
        assert_eq!(inner("''Wow, a great idea,'' she said. ``Yes,'' he said."), ["Wow, a great idea,", "Yes,"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(inner("Don’t touch Russia’s ’90s O’Brien stuff, the Joneses’ house."), Vec::<String>::new());
        assert_eq!(inner("“It’s the Joneses’ house,” he said."), ["It’s the Joneses’ house,"]);
        assert_eq!(inner("'It's fine,' he said."), ["It's fine,"]);
    }

    #[test]
    fn nested_quotes() {
        let q = quotes("“He told me ‘never again’ twice,” she said.");
        assert_eq!(q, [("He told me ‘never again’ twice,".to_owned(), false, 0), ("never again".to_owned(), false, 1)]);
    }

    #[test]
    fn unclosed_closes_at_paragraph_end() {
        let q = quotes("He called it ‘highly predictable. Picture: AFP\n\nNext “paragraph” here.");
        assert_eq!(q, [("highly predictable. Picture: AFP".to_owned(), true, 0), ("paragraph".to_owned(), false, 0)]);
    }

    #[test]
    fn multi_paragraph_quote() {
        let text = "“First part.\n\n“Second part.\n\n“Last part,” he said.\n\nAfter.";
        let toks = tokenize(text, Lexicon::builtin());
        let qs = pair(text, &toks);
        assert_eq!(qs.len(), 1);
        let segs: Vec<&str> = qs[0].segments().iter().map(|s| s.text(text)).collect();
        assert_eq!(segs, ["First part.", "Second part.", "Last part,"]);
        assert!(!qs[0].unclosed);
    }

    #[test]
    fn unclosed_without_reopening_does_not_continue() {
        let q = quotes("“First part.\n\nA new paragraph with “a quote” in it.");
        assert_eq!(q[0], ("First part.".to_owned(), true, 0));
        assert_eq!(q[1], ("a quote".to_owned(), false, 0));
    }

    #[test]
    fn pathological_marks_are_linear_and_safe() {
        let text = "“".repeat(10_000) + &"\"".repeat(10_000) + &"'".repeat(1000) + &"«»‹›„‚".repeat(1000);
        let toks = tokenize(&text, Lexicon::builtin());
        let qs = pair(&text, &toks);
        for q in qs {
            assert!(text.is_char_boundary(q.inner.start) && text.is_char_boundary(q.inner.end));
            assert!(q.inner.start <= q.inner.end && q.inner.end <= text.len());
        }
    }
}
