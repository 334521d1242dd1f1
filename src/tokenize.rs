//! The tokenizer: one pass over `&str` into tokens with byte spans,
//! sentences and paragraphs.
//!
//! Words keep their internal apostrophes and hyphens (don’t, Russia’s,
//! O’Brien, ’90s, cease-fire), dotted abbreviations keep their dots (U.S.,
//! D.C.), quote marks are tokens of their own, and line and paragraph breaks
//! are tokens so that rules can see layout. Sentences are split on `.`, `!`,
//! `?` and `…` unless the period ends a known abbreviation or an initial;
//! paragraphs end at blank lines (or at every line break in a document that
//! has no blank line at all).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};

use crate::lexicon::Lexicon;
use crate::span::Span;
use crate::speakers::Mention;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A word: letters, with internal apostrophes, hyphens and dots.
    Word,
    /// A number, with internal `, . : /` between digits (1,000; 3/14/2025).
    Number,
    /// A single punctuation character.
    Punct,
    /// A quotation mark (not an apostrophe).
    Quote,
    /// A single line break.
    LineBreak,
    /// A paragraph break (a blank line).
    ParagraphBreak,
}

/// One token: its kind, its bytes, and where it sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offsets in the text, as `u32` (16-byte tokens; see
    /// [`MAX_TOKENIZED_BYTES`]): read them with [`Token::span`].
    start: u32,
    end: u32,
    /// Index of the sentence holding the token (its paragraph is the
    /// sentence's: see [`Tokens::paragraph_of`]).
    pub sentence: u32,
    /// What the token is.
    pub kind: TokenKind,
    /// Whether whitespace (or the start of the text) precedes the token.
    pub space_before: bool,
}

/// The most bytes [`tokenize`] reads from one text: token offsets are
/// stored as `u32` (4 GiB − 1), which keeps a token at 16 bytes.
/// [`Extractor::extract`](crate::Extractor::extract) cuts longer texts into
/// pieces of at most this size at line breaks.
pub const MAX_TOKENIZED_BYTES: usize = u32::MAX as usize;

impl Token {
    /// A token over `span` (whose offsets must be at most
    /// [`MAX_TOKENIZED_BYTES`]; larger ones are clamped).
    #[inline]
    pub fn new(span: Span, kind: TokenKind, space_before: bool, sentence: u32) -> Token {
        let clamp = |x: usize| x.min(MAX_TOKENIZED_BYTES) as u32;
        Token { start: clamp(span.start), end: clamp(span.end), sentence, kind, space_before }
    }

    /// Byte span in the text.
    #[inline]
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    /// The token's text.
    #[inline]
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.span().range()]
    }

    /// Whether this is a word starting with an upper-case letter.
    #[inline]
    pub fn is_capitalized(&self, text: &str) -> bool {
        self.kind == TokenKind::Word && text[self.span().range()].chars().next().is_some_and(char::is_uppercase)
    }

    /// The first character of the token.
    #[inline]
    pub fn first_char(&self, text: &str) -> char {
        text[self.span().range()].chars().next().unwrap_or(' ')
    }

    /// Whether the token is a line or paragraph break.
    #[inline]
    pub fn is_break(&self) -> bool {
        matches!(self.kind, TokenKind::LineBreak | TokenKind::ParagraphBreak)
    }
}

/// A sentence: its byte span and its token range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Bytes from the first to the last token of the sentence.
    pub span: Span,
    /// First token index.
    pub first: u32,
    /// One past the last token index.
    pub end: u32,
    /// Index of the paragraph holding the sentence (a sentence never
    /// crosses a paragraph break).
    pub paragraph: u32,
}

/// A paragraph: its byte span and token range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// Bytes from the first to the last token of the paragraph.
    pub span: Span,
    /// First token index.
    pub first: u32,
    /// One past the last token index.
    pub end: u32,
}

/// A tokenized document.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    /// All tokens in text order (whitespace other than breaks is dropped).
    pub tokens: Vec<Token>,
    /// Sentences in order.
    pub sentences: Vec<Sentence>,
    /// Paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
    /// Per-token results of the lexicon lookups of speaker parsing.
    pub(crate) memo: Memo,
    /// How many quote-mark tokens [`tokenize`] made: a capacity hint for
    /// quote pairing on long documents (which would otherwise count them
    /// in a pass of its own over the tokens).
    pub(crate) quote_marks: usize,
}

impl Tokens {
    /// Index of the paragraph holding token `i` (`None` past the end).
    #[inline]
    pub fn paragraph_of(&self, i: usize) -> Option<u32> {
        let t = self.tokens.get(i)?;
        self.sentences.get(t.sentence as usize).map(|s| s.paragraph)
    }

    /// The paragraph holding token `i`.
    #[inline]
    pub fn paragraph(&self, i: usize) -> Option<&Paragraph> {
        self.paragraphs.get(self.paragraph_of(i)? as usize)
    }
}

/// Per-token memo for speaker parsing (`speakers::mention_at` looks up the
/// same titles, organisations and name words from many start tokens): one
/// word of flags per token, filled on first use. It holds for one text and
/// one lexicon, the first it is used with; other calls go without it.
#[derive(Default)]
pub(crate) struct Memo {
    /// (text address, text length, lexicon address, token count).
    key: OnceLock<(usize, usize, usize, usize)>,
    slots: OnceLock<Box<[AtomicU32]>>,
    /// `speakers::mention_before` results by (end, floor): several rules
    /// look for the speaker before the same cue.
    pub(crate) before: Mutex<BeforeCache>,
}

/// A direct-mapped cache of `mention_before` results: slot `end % len`
/// holds the last answer computed for a cue ending there. Its size is fixed
/// when first used (a quarter of the token count, rounded up to a power of
/// two, at most 4,096 slots), so memory and the cost of a look-up do not
/// grow with the document (a hash map of every answer did: at 10 MB it grew
/// to hundreds of MB and each look-up missed the cache). A collision only
/// costs a recomputation.
#[derive(Default)]
pub(crate) struct BeforeCache {
    slots: Vec<Option<(u32, u32, Option<Mention>)>>,
}

impl BeforeCache {
    const MAX_SLOTS: usize = 4096;

    fn slot(&mut self, end: u32, n_tokens: usize) -> &mut Option<(u32, u32, Option<Mention>)> {
        if self.slots.is_empty() {
            let n = (n_tokens / 4).clamp(16, Self::MAX_SLOTS).next_power_of_two();
            self.slots.resize(n, None);
        }
        let k = end as usize & (self.slots.len() - 1);
        &mut self.slots[k]
    }

    /// The cached answer for (`end`, `floor`), if any.
    pub(crate) fn get(&mut self, end: u32, floor: u32, n_tokens: usize) -> Option<Option<Mention>> {
        match self.slot(end, n_tokens) {
            Some((e, f, m)) if *e == end && *f == floor => Some(m.clone()),
            _ => None,
        }
    }

    /// Stores the answer for (`end`, `floor`), replacing the slot's.
    pub(crate) fn put(&mut self, end: u32, floor: u32, n_tokens: usize, m: Option<Mention>) {
        *self.slot(end, n_tokens) = Some((end, floor, m));
    }
}

impl Memo {
    /// The slots, if this memo is for `text`, `lexicon` and `n` tokens.
    #[inline]
    pub(crate) fn slots(&self, text: &str, lexicon: &Lexicon, n: usize) -> Option<&[AtomicU32]> {
        let key = (text.as_ptr() as usize, text.len(), lexicon as *const Lexicon as usize, n);
        if *self.key.get_or_init(|| key) != key {
            return None;
        }
        Some(self.slots.get_or_init(|| crate::bigvec::zeroed_atomic_u32(n)))
    }
}

impl Clone for Memo {
    fn clone(&self) -> Memo {
        Memo::default()
    }
}

impl core::fmt::Debug for Memo {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Memo")
    }
}

/// Reads `width` bits at `shift` of a memo slot, when its `done` bit is set.
#[inline]
pub(crate) fn memo_get(slot: Option<&AtomicU32>, done: u32, shift: u32, width: u32) -> Option<u32> {
    let v = slot?.load(Ordering::Relaxed);
    (v & done != 0).then(|| (v >> shift) & ((1 << width) - 1))
}

/// Stores `value` (which must fit `width` bits) at `shift` and sets `done`.
///
/// A plain load and store, not a locked `fetch_or`: should two threads
/// share the tokens, one may overwrite the other's bits, which only loses
/// memoised answers (a value is always stored with its `done` bit).
#[inline]
pub(crate) fn memo_set(slot: Option<&AtomicU32>, done: u32, shift: u32, width: u32, value: u32) {
    if let Some(s) = slot {
        if value < (1 << width) {
            s.store(s.load(Ordering::Relaxed) | done | (value << shift), Ordering::Relaxed);
        }
    }
}

/// Whether `c` is a quotation mark whitesaid pairs.
#[inline]
pub fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{201C}'
            | '\u{201D}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{201E}'
            | '\u{201A}'
            | '\u{2039}'
            | '\u{203A}'
            | '\u{201F}'
            | '\u{201B}'
    )
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

#[inline]
fn is_word_char(c: char) -> bool {
    is_alnum(c) || c == '_' || is_combining(c)
}

/// `char::is_alphanumeric`, answered without the Unicode tables for the
/// non-ASCII characters news text is made of: Latin-1 and Latin Extended
/// letters, and the General Punctuation block (curly quotes, dashes,
/// ellipses, special spaces), none of which is alphanumeric. A test checks
/// it against the standard library on every character.
#[inline]
fn is_alnum(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        // Latin-1 letters and Latin Extended-A/B, except × and ÷.
        0xC0..=0x24F => !matches!(c, '\u{D7}' | '\u{F7}'),
        0x2000..=0x206F => false,
        _ => c.is_alphanumeric(),
    }
}

#[inline]
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

#[inline]
fn is_hyphen(c: char) -> bool {
    c == '-' || c == '\u{2010}' || c == '\u{2011}'
}

#[inline]
fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// Tokenizes `text`: tokens, then sentences and paragraphs.
///
/// Runs in one pass over the text plus one pass over the tokens; never
/// panics. Reads at most [`MAX_TOKENIZED_BYTES`] of `text` (cut back to a
/// character boundary): token offsets are `u32`.
pub fn tokenize(text: &str, lexicon: &Lexicon) -> Tokens {
    let text = &text[..crate::span::floor_char_boundary(text, MAX_TOKENIZED_BYTES)];
    let mut tokens: Vec<Token> = crate::bigvec::with_capacity(text.len() / 5 + 4);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut space_before = true;
    let mut quote_marks = 0;
    // Does the document separate paragraphs with blank lines?
    let blank_lines = text.contains("\n\n") || text.contains("\n\r\n") || memchr::memchr(b'\n', bytes).is_none();
    while i < bytes.len() {
        let b = bytes[i];
        // Fast ASCII paths.
        if b == b' ' || b == b'\t' {
            i += 1;
            space_before = true;
            continue;
        }
        if b == b'\n' || b == b'\r' {
            // A run of whitespace containing line breaks.
            let start = i;
            let mut newlines = 0;
            let mut j = i;
            while j < bytes.len() {
                match bytes[j] {
                    b'\n' => {
                        newlines += 1;
                        j += 1
                    }
                    b'\r' | b' ' | b'\t' => j += 1,
                    _ => {
                        // Unicode spaces inside the run.
                        match char_at(text, j) {
                            Some(c) if is_space(c) => j += c.len_utf8(),
                            _ => break,
                        }
                    }
                }
            }
            let kind = if newlines >= 2 || (!blank_lines && newlines >= 1) {
                TokenKind::ParagraphBreak
            } else {
                TokenKind::LineBreak
            };
            // A lone '\r' (old Mac) counts as a line break too.
            if newlines > 0 || text[start..j].contains('\r') {
                let end = start + text[start..j].trim_end_matches(|c: char| c != '\n' && c != '\r').len();
                push_token(
                    &mut tokens,
                    Token::new(Span::new(start, end.max(start + 1)), kind, space_before, 0),
                    text.len(),
                );
            }
            i = j;
            space_before = true;
            continue;
        }
        if b.is_ascii_alphabetic() || b == b'_' {
            // An ASCII word start: the common case.
            let end = scan_word(text, i);
            push_token(&mut tokens, Token::new(Span::new(i, end), TokenKind::Word, space_before, 0), text.len());
            space_before = false;
            i = end;
            continue;
        }
        let c = if b.is_ascii() {
            b as char
        } else {
            match char_at(text, i) {
                Some(c) => c,
                None => break,
            }
        };
        if is_space(c) || c.is_control() {
            i += c.len_utf8();
            space_before = true;
            continue;
        }
        let start = i;
        let (end, kind) = if c.is_ascii_digit() {
            (scan_number(text, i), TokenKind::Number)
        } else if is_word_char(c) {
            (scan_word(text, i), TokenKind::Word)
        } else if is_apostrophe(c) && leading_elision(text, i) {
            // ’90s, ’em, 'til
            let after = i + c.len_utf8();
            let first = char_at(text, after).unwrap_or(' ');
            if first.is_ascii_digit() {
                (scan_number(text, after), TokenKind::Number)
            } else {
                (scan_word(text, after), TokenKind::Word)
            }
        } else if (c == '\'' && text[i..].starts_with("''")) || (c == '`' && text[i..].starts_with("``")) {
            // '' and `` stand for a double quotation mark in some archives.
            (i + 2, TokenKind::Quote)
        } else if is_quote_char(c) {
            (i + c.len_utf8(), TokenKind::Quote)
        } else if c == '.' && text[i..].starts_with("...") {
            (i + 3, TokenKind::Punct)
        } else if c == '-' && text[i..].starts_with("--") {
            (i + 2, TokenKind::Punct)
        } else {
            (i + c.len_utf8(), TokenKind::Punct)
        };
        quote_marks += usize::from(kind == TokenKind::Quote);
        push_token(&mut tokens, Token::new(Span::new(start, end), kind, space_before, 0), text.len());
        space_before = false;
        i = end;
    }
    let (sentences, paragraphs) = segment(text, &mut tokens, lexicon);
    Tokens { tokens, sentences, paragraphs, memo: Memo::default(), quote_marks }
}

/// Pushes a token. The token array is sized from an estimate of bytes per
/// token; when that proves short, the final count is projected from the
/// share of the text read so far (plus an eighth), so that token-dense text
/// (a quote mark per byte) grows the array once instead of doubling it
/// several times, each time a copy of the whole array.
#[inline(always)]
fn push_token(tokens: &mut Vec<Token>, t: Token, total: usize) {
    if tokens.len() == tokens.capacity() {
        grow_tokens(tokens, t.span().start, total);
    }
    tokens.push(t);
}

#[cold]
#[inline(never)]
fn grow_tokens(tokens: &mut Vec<Token>, done: usize, total: usize) {
    let n = tokens.len();
    let projected = (n as u64 * total as u64 / done.max(1) as u64) as usize;
    let want = projected.saturating_add(projected / 8).saturating_add(16);
    crate::bigvec::reserve(tokens, want.saturating_sub(n).max(1));
}

/// ’90s, ’em, 'til: an apostrophe at a word start that elides letters.
fn leading_elision(text: &str, i: usize) -> bool {
    let rest = &text[i..];
    let mut cs = rest.chars();
    cs.next();
    let tail: String = cs.take(6).collect();
    let b = tail.as_bytes();
    if b.len() >= 3 && b[0].is_ascii_digit() && b[1].is_ascii_digit() && b[2] == b's' {
        return true;
    }
    let lower = tail.to_ascii_lowercase();
    ["em", "til", "cause", "tis"]
        .iter()
        .any(|w| lower.starts_with(w) && !lower[w.len()..].chars().next().is_some_and(char::is_alphanumeric))
}

fn scan_number(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let b = bytes[i];
        // Digits, separators between digits (1,000; 3/14), and letters
        // (1990s, 3rd, 10am, 5G).
        if b.is_ascii_alphanumeric()
            || (matches!(b, b',' | b'.' | b':' | b'/') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// ASCII letters, digits and `_`: the ASCII bytes `is_word_char` accepts.
static ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    t
};

fn scan_word(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    let mut dotted = false;
    loop {
        // ASCII word characters without decoding.
        while i < bytes.len() && ASCII_WORD[bytes[i] as usize] {
            i += 1;
        }
        // The common end of a word: an ASCII byte that cannot continue it
        // (space, comma, …), decided without decoding.
        if i < bytes.len() && bytes[i] < 0x80 && !matches!(bytes[i], b'\'' | b'-' | b'.') {
            break;
        }
        let Some(c) = char_at(text, i) else { break };
        if is_word_char(c) {
            i += c.len_utf8();
            continue;
        }
        let next_i = i + c.len_utf8();
        let next = char_at(text, next_i);
        if (is_apostrophe(c) || is_hyphen(c)) && next.is_some_and(is_alnum) {
            i = next_i;
            continue;
        }
        if c == '.' && next.is_some_and(|n| n.is_alphabetic()) && !dotted_tail_too_long(text, i) {
            // U.S., D.C., e.g. — a dot followed directly by a letter and a dot.
            let after = next_i + next.map_or(0, char::len_utf8);
            if char_at(text, after) == Some('.') || (dotted && !char_at(text, after).is_some_and(char::is_alphabetic)) {
                dotted = true;
                i = next_i;
                continue;
            }
        }
        if c == '.' && dotted {
            // The final dot of U.S.
            i = next_i;
        }
        break;
    }
    i
}

fn dotted_tail_too_long(text: &str, i: usize) -> bool {
    // Only single letters between dots: "U.S." yes, "end.The" no.
    let before = text[..i].chars().rev().take_while(|c| c.is_alphabetic()).count();
    before > 2
}

/// Assigns sentence and paragraph indices; returns both lists.
fn segment(text: &str, tokens: &mut [Token], lexicon: &Lexicon) -> (Vec<Sentence>, Vec<Paragraph>) {
    let mut sentences = Vec::new();
    let mut paragraphs = Vec::new();
    let mut sent_first = 0usize;
    let mut para_first = 0usize;
    let n = tokens.len();
    let mut i = 0;
    while i < n {
        let t = tokens[i];
        let mut end_sentence_after: Option<usize> = None;
        let mut end_paragraph = false;
        match t.kind {
            TokenKind::ParagraphBreak => {
                end_sentence_after = Some(i);
                end_paragraph = true;
            }
            TokenKind::Word if t.text(text).ends_with('.') => {
                // U.S. at a sentence end: only before a function word or a break.
                match tokens.get(i + 1) {
                    None => {}
                    Some(n) if n.is_break() => end_sentence_after = Some(i),
                    Some(n) if n.kind == TokenKind::Word && lexicon.is_function_word(n.text(text)) => {
                        end_sentence_after = Some(i)
                    }
                    // "… in Santa Monica, Calif. “The reason …"
                    Some(n)
                        if n.kind == TokenKind::Quote
                            && n.space_before
                            && matches!(n.first_char(text), '“' | '"' | '«' | '‘' | '„') =>
                    {
                        end_sentence_after = Some(i)
                    }
                    _ => {}
                }
            }
            TokenKind::Punct => {
                let s = t.text(text);
                if matches!(s, "." | "!" | "?" | "…" | "...") && sentence_ends(text, tokens, i, lexicon) {
                    // Swallow closing quotes and brackets that follow.
                    let mut j = i + 1;
                    while j < n
                        && !tokens[j].space_before
                        && (tokens[j].kind == TokenKind::Quote && is_closing_context(text, tokens, j)
                            || matches!(tokens[j].text(text), ")" | "]" | "!" | "?" | "."))
                    {
                        j += 1;
                    }
                    end_sentence_after = Some(j - 1);
                }
            }
            _ => {}
        }
        if let Some(last) = end_sentence_after {
            let last = last.min(n - 1);
            push_sentence(&mut sentences, tokens, sent_first, last + 1, paragraphs.len());
            sent_first = last + 1;
            i = last;
        }
        if end_paragraph {
            push_paragraph(&mut paragraphs, tokens, para_first, i + 1);
            para_first = i + 1;
        }
        i += 1;
    }
    if sent_first < n {
        push_sentence(&mut sentences, tokens, sent_first, n, paragraphs.len());
    }
    if para_first < n {
        push_paragraph(&mut paragraphs, tokens, para_first, n);
    }
    (sentences, paragraphs)
}

fn push_sentence(out: &mut Vec<Sentence>, tokens: &mut [Token], first: usize, end: usize, paragraph: usize) {
    if first >= end {
        return;
    }
    let idx = out.len() as u32;
    for t in &mut tokens[first..end] {
        t.sentence = idx;
    }
    let (s, e) = content_bounds(tokens, first, end);
    crate::bigvec::push(
        out,
        Sentence { span: Span::new(s, e), first: first as u32, end: end as u32, paragraph: paragraph as u32 },
    );
}

fn push_paragraph(out: &mut Vec<Paragraph>, tokens: &[Token], first: usize, end: usize) {
    if first >= end {
        return;
    }
    let (s, e) = content_bounds(tokens, first, end);
    crate::bigvec::push(out, Paragraph { span: Span::new(s, e), first: first as u32, end: end as u32 });
}

/// Byte bounds of the non-break tokens in `first..end`.
fn content_bounds(tokens: &[Token], first: usize, end: usize) -> (usize, usize) {
    let slice = &tokens[first..end];
    let s = slice.iter().find(|t| !t.is_break()).map_or(slice[0].span().start, |t| t.span().start);
    let e = slice.iter().rev().find(|t| !t.is_break()).map_or(s, |t| t.span().end);
    (s, e.max(s))
}

/// A quote mark at `j` that closes (no space before it, space or end after).
fn is_closing_context(text: &str, tokens: &[Token], j: usize) -> bool {
    let c = tokens[j].first_char(text);
    if matches!(c, '\u{201C}' | '\u{2018}' | '\u{00AB}' | '\u{201E}') {
        return false;
    }
    !tokens[j].space_before && tokens.get(j + 1).is_none_or(|n| n.space_before || n.kind != TokenKind::Word)
}

/// Whether the terminal punctuation at `i` ends a sentence.
fn sentence_ends(text: &str, tokens: &[Token], i: usize, lexicon: &Lexicon) -> bool {
    let t = tokens[i];
    let s = t.text(text);
    // What follows (skipping closing quotes/brackets).
    let mut j = i + 1;
    while j < tokens.len()
        && !tokens[j].space_before
        && (tokens[j].kind == TokenKind::Quote || matches!(tokens[j].text(text), ")" | "]" | "!" | "?" | "."))
    {
        j += 1;
    }
    let next = tokens.get(j);
    let Some(next) = next else { return true };
    if next.is_break() {
        return true;
    }
    if !next.space_before && next.kind == TokenKind::Word && s == "." {
        // "end.The" (no space) — scraped text often glues sentences.
        return next.is_capitalized(text)
            && i > 0
            && tokens[i - 1].kind == TokenKind::Word
            && tokens[i - 1].span().len() > 2;
    }
    // The next real token must be able to start a sentence.
    let starts = match next.kind {
        TokenKind::Word => {
            let c = next.first_char(text);
            c.is_uppercase() || !c.is_alphabetic()
        }
        TokenKind::Number | TokenKind::Quote => true,
        TokenKind::Punct => matches!(next.text(text), "(" | "[" | "—" | "-" | "–"),
        _ => true,
    };
    if !starts {
        return false;
    }
    if s != "." || i == 0 {
        return true;
    }
    let prev = tokens[i - 1];
    if prev.span().end != t.span().start || prev.kind != TokenKind::Word {
        return true;
    }
    let word = prev.text(text);
    // A single capital letter is an initial: "George W. Bush".
    let mut cs = word.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        if c.is_uppercase() {
            return false;
        }
    }
    let with_dot = &text[prev.span().start..t.span().end];
    // "then-Sen." — the abbreviation after a hyphen.
    let with_dot = match with_dot.rfind('-') {
        Some(h) if lexicon.abbreviation(with_dot).is_none() => &with_dot[h + 1..],
        _ => with_dot,
    };
    match lexicon.abbreviation(with_dot) {
        Some(true) => false, // titles never end a sentence (Mr., Sen.)
        Some(false) => {
            // U.S., Inc., Calif.: a sentence ends only if a function word or
            // an opening quotation mark follows.
            (next.kind == TokenKind::Word && lexicon.is_function_word(next.text(text)))
                || (next.kind == TokenKind::Quote
                    && next.space_before
                    && !text[next.span().range()].starts_with('\u{2019}'))
        }
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_alnum_agrees_with_std_on_every_char() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?} U+{:04X}", c as u32);
        }
    }

    fn words(text: &str) -> Vec<&str> {
        let lx = Lexicon::builtin();
        tokenize(text, lx).tokens.iter().filter(|t| !t.is_break()).map(|t| t.text(text)).collect()
    }

    fn sentences(text: &str) -> Vec<&str> {
        let lx = Lexicon::builtin();
        tokenize(text, lx).sentences.iter().map(|s| s.span.text(text)).collect()
    }

    #[test]
    fn apostrophes_stay_in_words() {
        assert_eq!(
            words("don’t Russia’s O’Brien ’90s rock 'n' roll"),
            ["don’t", "Russia’s", "O’Brien", "’90s", "rock", "'", "n", "'", "roll"]
        );
        assert_eq!(words("the Joneses' house"), ["the", "Joneses", "'", "house"]);
    }

    #[test]
    fn hyphens_numbers_dots() {
        assert_eq!(
            words("a cease-fire on 3/14/2025 cost $1,000.50 in the U.S."),
            ["a", "cease-fire", "on", "3/14/2025", "cost", "$", "1,000.50", "in", "the", "U.S."]
        );
        assert_eq!(words("“Yes,” he said."), ["“", "Yes", ",", "”", "he", "said", "."]);
    }

    #[test]
    fn abbreviation_aware_sentences() {
        assert_eq!(sentences("Mr. Smith met Sen. Jones. They talked."), ["Mr. Smith met Sen. Jones.", "They talked."]);
        assert_eq!(sentences("George W. Bush spoke. It rained."), ["George W. Bush spoke.", "It rained."]);
        assert_eq!(sentences("He lives in the U.S. The end."), ["He lives in the U.S.", "The end."]);
        assert_eq!(sentences("Troops in the U.S. Army said no."), ["Troops in the U.S. Army said no."]);
        assert_eq!(sentences("“Go home.” He left."), ["“Go home.”", "He left."]);
        assert_eq!(sentences("It was 3.5 percent. Next."), ["It was 3.5 percent.", "Next."]);
        assert_eq!(
            sentences("He spoke in Santa Monica, Calif. “The reason is simple.”"),
            ["He spoke in Santa Monica, Calif.", "“The reason is simple.”"]
        );
        assert_eq!(
            sentences("Devine argued that then-Sen. Barack Obama won."),
            ["Devine argued that then-Sen. Barack Obama won."]
        );
    }

    #[test]
    fn paragraphs_and_breaks() {
        let text = "One.\n\nTwo\nlines.\n\n\nThree.";
        let t = tokenize(text, Lexicon::builtin());
        let ps: Vec<&str> = t.paragraphs.iter().map(|p| p.span.text(text)).collect();
        assert_eq!(ps, ["One.", "Two\nlines.", "Three."]);
        // Without blank lines, every line is a paragraph.
        let text = "One.\nTwo.";
        let t = tokenize(text, Lexicon::builtin());
        assert_eq!(t.paragraphs.len(), 2);
    }

    #[test]
    fn crlf_nbsp_bom() {
        let text = "\u{FEFF}Hi\u{a0}there.\r\n\r\nNext.";
        let t = tokenize(text, Lexicon::builtin());
        assert_eq!(t.paragraphs.len(), 2);
        assert_eq!(words(text), ["Hi", "there", ".", "Next", "."]);
    }
}
