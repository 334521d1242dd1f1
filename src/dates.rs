//! Time expressions: finding “on Thursday”, “last month”, “March 14, 2025”
//! in a window of text, and resolving them against the article's
//! publication date.
//!
//! [`scan`] finds expressions, [`resolve`] turns one into a
//! [`DateRef`], and [`dateline`] /
//! [`dateline_month_day`] read a wire-service dateline (“KYIV, Ukraine,
//! March 14, 2025 (Reuters) -”) at the top of an article.
//!
//! # Conventions
//!
//! * Weekday and month names count only when capitalised (“March”, never
//!   “march”); a month name on its own needs a day number, a year, or a
//!   lead word (“in May”, “last March”, “early June”), so the modal verb and
//!   the surname “May” are never read as months.
//! * Relative words (“yesterday”, “last week”) match in lower case, or
//!   capitalised where a sentence could start (“Yesterday, …”); a
//!   capitalised one after a capitalised word (“USA Today”) is not a date.
//! * Numeric dates are US style: `3/14` and `3/14/2025` are month/day
//!   (`3/14/25` means 2025); ISO `2025-03-14` is read as well.
//! * Resolution follows news practice: a bare weekday is the most recent
//!   such day on or before the publication date, and a day without a year is
//!   the latest such date not after it. See [`resolve`].

use std::sync::LazyLock;

use jiff::civil::{Date, Weekday};
use jiff::ToSpan;
use regex::Regex;

use crate::record::{DateRef, DateStatus, Granularity};
use crate::span::Span;

/// A time expression found by [`scan`]: where it is and what it says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimeExpr {
    /// Byte span of the whole expression, lead words included (“on
    /// Thursday”, “late Thursday night”, “in March 2024”).
    pub span: Span,
    /// What the expression means, before resolution.
    pub value: TimeValue,
}

/// How a weekday is tied to the publication date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Relation {
    /// “Thursday”, “on Thursday”, “late Thursday”: the most recent such day
    /// on or before the publication date.
    Bare,
    /// “this Thursday”: resolved like [`Relation::Bare`].
    This,
    /// “last Thursday”: the most recent such day strictly before the
    /// publication date.
    Last,
    /// “next Thursday”: the first such day strictly after the publication
    /// date.
    Next,
}

/// A part of a day attached to a weekday or a relative day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DayPart {
    /// “early Thursday”.
    Early,
    /// “Thursday morning”, “this morning”.
    Morning,
    /// “Friday afternoon”, “this afternoon”.
    Afternoon,
    /// “Friday evening”, “this evening”.
    Evening,
    /// “Thursday night”, “tonight”, “last night”.
    Night,
    /// “late Thursday”.
    Late,
}

/// The unit of a relative period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    /// “this week”, “last week”.
    Week,
    /// “this month”, “last month”.
    Month,
    /// “this year”, “last year”.
    Year,
}

/// The meaning of a time expression, before it is resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeValue {
    /// A day of the week: “Thursday”, “on Friday morning”, “last Thursday”.
    Weekday {
        /// Which day.
        weekday: Weekday,
        /// Bare, this, last or next.
        relation: Relation,
        /// The part of the day: a trailing “morning”/“night”… wins over a
        /// leading “early”/“late”.
        part: Option<DayPart>,
    },
    /// A day counted from the publication date: today and tonight (0),
    /// yesterday and last night (−1), tomorrow (1).
    RelativeDay {
        /// Days after the publication date (negative: before).
        offset: i8,
        /// The part of the day, when given.
        part: Option<DayPart>,
    },
    /// A week, month or year counted from the publication date: “this week”
    /// and “earlier this month” (0), “last year” (−1), “next week” (1).
    RelativePeriod {
        /// Week, month or year.
        unit: Period,
        /// Periods after the publication date's (negative: before).
        offset: i8,
    },
    /// A month without a day: “in March”, “in March 2024”, “last March”,
    /// “early June”, “mid-March”.
    Month {
        /// Month number, 1–12.
        month: i8,
        /// The year, when written.
        year: Option<i16>,
        /// True for “last March”: the latest March strictly before the
        /// publication month.
        last: bool,
    },
    /// A year on its own: “in 2019”.
    Year(i16),
    /// A calendar date: “March 14”, “14 March 2025”, “Dec. 6”, `2025-03-14`,
    /// `3/14/2025`. The day is 1–31 but not checked against the month; an
    /// impossible date (Feb. 30) resolves to nothing.
    Date {
        /// The year, when written.
        year: Option<i16>,
        /// Month number, 1–12.
        month: i8,
        /// Day of the month, 1–31.
        day: i8,
    },
    /// A vague expression: “recently”, “earlier”, “previously”, “in recent
    /// days”. Never resolves.
    Vague,
}

/// Finds every time expression lying wholly inside `within`.
///
/// The expressions are non-overlapping, start and end on word boundaries of
/// `text` (a word cut by the window's edge is not taken), and are the
/// longest at each position, in order of start. Never panics: a window past
/// the end of `text` is clamped, one whose ends fall inside a character is
/// shrunk to character boundaries, and an inverted window finds nothing.
/// Allocates nothing when nothing is found.
///
/// # Example
///
/// ```
/// use whosaid::dates::{resolve, scan};
/// use whosaid::record::{DateStatus, Granularity};
/// use whosaid::Span;
///
/// let text = "Peskov told reporters on Thursday that talks would resume.";
/// let found = scan(text, Span::new(0, text.len()));
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].span.text(text), "on Thursday");
///
/// // Published on Saturday 2025-03-15: Thursday was 2025-03-13.
/// let publication = jiff::civil::date(2025, 3, 15);
/// let date = resolve(&found[0], text, Some(publication));
/// assert_eq!(date.resolved.as_deref(), Some("2025-03-13"));
/// assert_eq!(date.granularity, Some(Granularity::Day));
/// assert_eq!(date.status, DateStatus::Relative);
/// assert_eq!(date.text, "on Thursday");
/// ```
pub fn scan(text: &str, within: Span) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    let Some((lo, hi)) = clamp(text, within) else {
        return out;
    };
    let b = text.as_bytes();
    let sc = Scanner { text, b, hi };
    let mut i = lo;
    while i < hi {
        if b[i].is_ascii_alphanumeric() && sc.boundary_before(i) {
            let mut j = i;
            while j < hi && b[j].is_ascii_alphabetic() {
                j += 1;
            }
            // A letter word that cannot start an expression: skip it whole.
            if j > i && !maybe_known(b[i], j - i) {
                i = j;
                continue;
            }
            if let Some((end, value)) = sc.parse(i, 0) {
                out.push(TimeExpr { span: Span { start: i, end }, value });
                i = end;
                continue;
            }
            while i < hi && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    out
}

/// Resolves a time expression against the publication date.
///
/// Rules (all results as ISO text):
///
/// * “Thursday”, “on Thursday”, “late Thursday”, “Thursday night”, “this
///   Thursday”: the most recent Thursday on or before the publication date
///   (a Thursday article's “Thursday” is that day). “last Thursday”: the
///   most recent Thursday strictly before it; “next Thursday”: the first
///   strictly after. Day granularity.
/// * today, tonight, this morning, earlier today: the publication date;
///   yesterday, last night: the day before; tomorrow: the day after. Day.
/// * this week, earlier this week: the Monday of the publication date's
///   (ISO, Monday-first) week; last week: the Monday before that; next week:
///   the Monday after. Week granularity, given as that Monday.
/// * this month, earlier this month: `YYYY-MM` of the publication date;
///   last month / next month: the month before / after. Month.
/// * this year, earlier this year: `YYYY`; last year / next year: ±1. Year.
/// * “in March”: the latest March not after the publication month; “last
///   March”: the latest March strictly before it. Month.
/// * “March 14”, “Dec. 6”, `3/14`: the latest such date not after the
///   publication date (“Dec. 30” in a 2025-01-03 article is 2024-12-30;
///   “Feb. 29” finds the latest leap year). Day.
///
/// These are [`DateStatus::Relative`]; without a publication date they are
/// [`DateStatus::Unresolved`] with `resolved: None`. Expressions that carry
/// their year (“March 14, 2025”, `2025-03-14`, `3/14/2025`, “in March
/// 2024”, “in 2019”) are [`DateStatus::Explicit`] and resolve without one.
/// Impossible dates (Feb. 30), results outside jiff's range and vague
/// expressions (“recently”) are unresolved. `text` is the document the
/// expression was found in; the record copies the expression as written and
/// its byte span; `inherited` is false. Never panics.
pub fn resolve<'a>(expr: &TimeExpr, text: &'a str, publication: Option<Date>) -> DateRef<'a> {
    let (resolved, granularity, status) = match resolve_value(&expr.value, publication) {
        Some((s, g, st)) => (Some(s), Some(g), st),
        None => (None, None, DateStatus::Unresolved),
    };
    DateRef {
        start: expr.span.start,
        end: expr.span.end,
        text: std::borrow::Cow::Borrowed(text.get(expr.span.start..expr.span.end).unwrap_or("")),
        resolved,
        granularity,
        status,
        inherited: false,
    }
}

/// Reads a wire dateline carrying a full date, and returns its span and the
/// date.
///
/// A dateline starts a paragraph within the first 400 bytes of the text:
/// `CITY[, REGION[, COUNTRY]], Month Day, Year [(AGENCY)] —` (“KYIV,
/// Ukraine, March 14, 2025 (Reuters) -”, “WASHINGTON, March 3, 2025 —”) or
/// `CITY [(AGENCY)] — Month Day, Year —`. The span runs from the city to
/// the end of the dash. A dateline without a year (“NEW YORK, Dec. 14 (UPI)
/// —”) cannot give a publication date and yields `None` here; see
/// [`dateline_month_day`].
///
/// When an input has no publication date, the extractor uses the date of a
/// dateline with a full date as the publication date.
pub fn dateline(text: &str) -> Option<(Span, Date)> {
    let (span, month, day, year) = dateline_parts(text)?;
    Some((span, Date::new(year?, month, day).ok()?))
}

/// Reads a wire dateline (with or without a year) and returns its span,
/// month (1–12) and day.
///
/// Accepts the same forms as [`dateline`], and also the yearless form
/// “NEW YORK, Dec. 14 (UPI) —”. The day must exist in that month in some
/// year (Feb. 29 does; Feb. 30 does not).
pub fn dateline_month_day(text: &str) -> Option<(Span, i8, i8)> {
    let (span, month, day, _) = dateline_parts(text)?;
    Some((span, month, day))
}

// ---------------------------------------------------------------------------
// Resolution

fn resolve_value(v: &TimeValue, publication: Option<Date>) -> Option<(String, Granularity, DateStatus)> {
    use DateStatus::{Explicit, Relative};
    match *v {
        TimeValue::Vague => None,
        TimeValue::Year(y) => {
            let d = Date::new(y, 1, 1).ok()?;
            Some((d.strftime("%Y").to_string(), Granularity::Year, Explicit))
        }
        TimeValue::Date { year: Some(y), month, day } => {
            let d = Date::new(y, month, day).ok()?;
            Some((d.to_string(), Granularity::Day, Explicit))
        }
        TimeValue::Month { month, year: Some(y), .. } => {
            let d = Date::new(y, month, 1).ok()?;
            Some((d.strftime("%Y-%m").to_string(), Granularity::Month, Explicit))
        }
        _ => {
            let p = publication?;
            let (s, g) = resolve_relative(v, p)?;
            Some((s, g, Relative))
        }
    }
}

fn resolve_relative(v: &TimeValue, p: Date) -> Option<(String, Granularity)> {
    let day = |d: Date| Some((d.to_string(), Granularity::Day));
    match *v {
        TimeValue::Weekday { weekday, relation, .. } => {
            let d = match relation {
                Relation::Bare | Relation::This if p.weekday() == weekday => p,
                Relation::Bare | Relation::This | Relation::Last => p.nth_weekday(-1, weekday).ok()?,
                Relation::Next => p.nth_weekday(1, weekday).ok()?,
            };
            day(d)
        }
        TimeValue::RelativeDay { offset, .. } => day(p.checked_add(i64::from(offset).days()).ok()?),
        TimeValue::RelativePeriod { unit: Period::Week, offset } => {
            let monday = if p.weekday() == Weekday::Monday { p } else { p.nth_weekday(-1, Weekday::Monday).ok()? };
            let d = monday.checked_add(i64::from(offset).weeks()).ok()?;
            Some((d.to_string(), Granularity::Week))
        }
        TimeValue::RelativePeriod { unit: Period::Month, offset } => {
            let d = p.first_of_month().checked_add(i64::from(offset).months()).ok()?;
            Some((d.strftime("%Y-%m").to_string(), Granularity::Month))
        }
        TimeValue::RelativePeriod { unit: Period::Year, offset } => {
            let d = p.first_of_month().checked_add(i64::from(offset).years()).ok()?;
            Some((d.strftime("%Y").to_string(), Granularity::Year))
        }
        TimeValue::Month { month, year: None, last } => {
            let this_month = p.first_of_month();
            let mut d = Date::new(p.year(), month, 1).ok()?;
            if d > this_month || (last && d == this_month) {
                d = d.checked_sub(1.year()).ok()?;
            }
            Some((d.strftime("%Y-%m").to_string(), Granularity::Month))
        }
        TimeValue::Date { year: None, month, day: dom } => {
            // The latest year in which the date exists and is not after the
            // publication date; eight years back always reaches a leap year.
            for back in 0..=8i16 {
                let Some(y) = p.year().checked_sub(back) else {
                    break;
                };
                if let Ok(d) = Date::new(y, month, dom) {
                    if d <= p {
                        return day(d);
                    }
                }
            }
            None
        }
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Scanning

/// Clamps a window to `text` and to char boundaries; `None` when empty.
fn clamp(text: &str, within: Span) -> Option<(usize, usize)> {
    let len = text.len();
    let mut lo = within.start.min(len);
    while lo < len && !text.is_char_boundary(lo) {
        lo += 1;
    }
    let hi = crate::span::floor_char_boundary(text, within.end);
    (lo < hi).then_some((lo, hi))
}

/// The case pattern of a word.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Lower,
    Title,
    Other,
}

/// Words the scanner knows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Word {
    Weekday(Weekday),
    /// Month number; true for the full name.
    Month(i8, bool),
    On,
    In,
    Late,
    Early,
    Last,
    This,
    Next,
    Earlier,
    Later,
    Mid,
    Today,
    Tonight,
    Yesterday,
    Tomorrow,
    Recently,
    Previously,
    Part(DayPart),
    Unit(Period),
    Recent,
    Plural,
}

/// Every word the scanner knows, lower case, sorted.
const WORDS: &[(&str, Word)] = &[
    ("afternoon", Word::Part(DayPart::Afternoon)),
    ("apr", Word::Month(4, false)),
    ("april", Word::Month(4, true)),
    ("aug", Word::Month(8, false)),
    ("august", Word::Month(8, true)),
    ("days", Word::Plural),
    ("dec", Word::Month(12, false)),
    ("december", Word::Month(12, true)),
    ("earlier", Word::Earlier),
    ("early", Word::Early),
    ("evening", Word::Part(DayPart::Evening)),
    ("feb", Word::Month(2, false)),
    ("february", Word::Month(2, true)),
    ("friday", Word::Weekday(Weekday::Friday)),
    ("in", Word::In),
    ("jan", Word::Month(1, false)),
    ("january", Word::Month(1, true)),
    ("jul", Word::Month(7, false)),
    ("july", Word::Month(7, true)),
    ("jun", Word::Month(6, false)),
    ("june", Word::Month(6, true)),
    ("last", Word::Last),
    ("late", Word::Late),
    ("later", Word::Later),
    ("mar", Word::Month(3, false)),
    ("march", Word::Month(3, true)),
    ("may", Word::Month(5, true)),
    ("mid", Word::Mid),
    ("monday", Word::Weekday(Weekday::Monday)),
    ("month", Word::Unit(Period::Month)),
    ("months", Word::Plural),
    ("morning", Word::Part(DayPart::Morning)),
    ("next", Word::Next),
    ("night", Word::Part(DayPart::Night)),
    ("nov", Word::Month(11, false)),
    ("november", Word::Month(11, true)),
    ("oct", Word::Month(10, false)),
    ("october", Word::Month(10, true)),
    ("on", Word::On),
    ("previously", Word::Previously),
    ("recent", Word::Recent),
    ("recently", Word::Recently),
    ("saturday", Word::Weekday(Weekday::Saturday)),
    ("sep", Word::Month(9, false)),
    ("sept", Word::Month(9, false)),
    ("september", Word::Month(9, true)),
    ("sunday", Word::Weekday(Weekday::Sunday)),
    ("this", Word::This),
    ("thursday", Word::Weekday(Weekday::Thursday)),
    ("today", Word::Today),
    ("tomorrow", Word::Tomorrow),
    ("tonight", Word::Tonight),
    ("tuesday", Word::Weekday(Weekday::Tuesday)),
    ("wednesday", Word::Weekday(Weekday::Wednesday)),
    ("week", Word::Unit(Period::Week)),
    ("weeks", Word::Plural),
    ("year", Word::Unit(Period::Year)),
    ("yesterday", Word::Yesterday),
];

/// Longest known word.
const MAX_WORD: usize = 10;

/// For each first letter `a`–`z`: a bit per length of the known words
/// starting with it (a cheap test that skips most words of a window), and
/// the range of [`WORDS`] starting with it.
const BY_FIRST_LETTER: [(u16, u8, u8); 26] = {
    let mut table = [(0u16, 0u8, 0u8); 26];
    let mut k = 0;
    while k < WORDS.len() {
        let w = WORDS[k].0.as_bytes();
        assert!(!w.is_empty() && w.len() <= MAX_WORD && w[0].is_ascii_lowercase());
        if k > 0 {
            assert!(WORDS[k - 1].0.as_bytes()[0] <= w[0], "WORDS must be sorted");
        }
        // Plain indexing, not `&mut`: keeps the crate's MSRV (1.80).
        let slot = (w[0] - b'a') as usize;
        if table[slot].0 == 0 {
            table[slot].1 = k as u8;
        }
        table[slot].0 |= 1 << w.len();
        table[slot].2 = k as u8 + 1;
        k += 1;
    }
    table
};

/// The entry of [`BY_FIRST_LETTER`] for a word of `len` letters starting
/// with `first`, when a known word could match.
fn bucket(first: u8, len: usize) -> Option<(usize, usize)> {
    let first = first.to_ascii_lowercase();
    if !first.is_ascii_lowercase() || len > MAX_WORD {
        return None;
    }
    let (lengths, from, to) = BY_FIRST_LETTER[(first - b'a') as usize];
    (lengths & (1 << len) != 0).then_some((from as usize, to as usize))
}

/// Whether a word of `len` letters starting with `first` may be known.
fn maybe_known(first: u8, len: usize) -> bool {
    bucket(first, len).is_some()
}

fn classify(w: &[u8]) -> Option<Word> {
    let (from, to) = bucket(*w.first()?, w.len())?;
    WORDS[from..to]
        .iter()
        .find(|(k, _)| k.len() == w.len() && k.as_bytes()[1..].eq_ignore_ascii_case(&w[1..]))
        .map(|&(_, word)| word)
}

fn shape(w: &[u8]) -> Shape {
    match w.split_first() {
        Some((f, rest)) if rest.iter().all(u8::is_ascii_lowercase) => {
            if f.is_ascii_lowercase() {
                Shape::Lower
            } else if f.is_ascii_uppercase() {
                Shape::Title
            } else {
                Shape::Other
            }
        }
        _ => Shape::Other,
    }
}

/// A token read by [`Scanner::word`].
#[derive(Clone, Copy)]
struct Tok {
    end: usize,
    word: Word,
    shape: Shape,
}

struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    /// End of the window: every token must end at or before it.
    hi: usize,
}

impl Scanner<'_> {
    fn prev_char(&self, i: usize) -> Option<char> {
        self.text.get(..i)?.chars().next_back()
    }

    fn next_char(&self, i: usize) -> Option<char> {
        self.text.get(i..)?.chars().next()
    }

    fn boundary_before(&self, i: usize) -> bool {
        !self.prev_char(i).is_some_and(char::is_alphanumeric)
    }

    fn boundary_after(&self, i: usize) -> bool {
        !self.next_char(i).is_some_and(char::is_alphanumeric)
    }

    fn byte(&self, i: usize) -> Option<u8> {
        self.b.get(i).copied()
    }

    /// Skips at least one space (spaces, tabs, no-break spaces, at most one
    /// line break); returns the position after it.
    fn ws(&self, i: usize) -> Option<usize> {
        let mut j = i;
        let mut breaks = 0;
        loop {
            match self.byte(j) {
                Some(b' ' | b'\t' | b'\r') => j += 1,
                Some(b'\n') => {
                    breaks += 1;
                    if breaks > 1 {
                        return None;
                    }
                    j += 1;
                }
                Some(0xC2) if self.byte(j + 1) == Some(0xA0) => j += 2,
                _ => break,
            }
        }
        (j > i && j < self.hi).then_some(j)
    }

    /// A known word starting at `i` and ending on a word boundary inside the
    /// window.
    fn word(&self, i: usize) -> Option<Tok> {
        let mut j = i;
        while j < self.b.len() && self.b[j].is_ascii_alphabetic() {
            j += 1;
            if j - i > 10 {
                return None;
            }
        }
        if j == i || j > self.hi || !self.boundary_after(j) {
            return None;
        }
        let w = &self.b[i..j];
        let shape = shape(w);
        if shape == Shape::Other {
            return None;
        }
        Some(Tok { end: j, word: classify(w)?, shape })
    }

    /// A lower-case continuation word (“week”, “night”) after a space.
    fn next_lower(&self, i: usize) -> Option<(usize, Tok)> {
        let j = self.ws(i)?;
        let t = self.word(j)?;
        (t.shape == Shape::Lower).then_some((j, t))
    }

    /// A digit run at `i`, ending inside the window: (end, value, digits).
    fn number(&self, i: usize) -> Option<(usize, u32, usize)> {
        let mut j = i;
        let mut v: u32 = 0;
        while j < self.b.len() && self.b[j].is_ascii_digit() {
            v = v.saturating_mul(10).saturating_add(u32::from(self.b[j] - b'0'));
            j += 1;
            if j - i > 4 {
                return None;
            }
        }
        (j > i && j <= self.hi).then_some((j, v, j - i))
    }

    /// True when a number ending at `j` is really followed by more of a
    /// number (“1.5”, “14,000”, “3/4”, “10:30”).
    fn number_continues(&self, j: usize) -> bool {
        matches!(self.byte(j), Some(b'.' | b',' | b':' | b'/')) && self.byte(j + 1).is_some_and(|c| c.is_ascii_digit())
    }

    /// A day of the month, 1–31, with an optional ordinal suffix.
    fn day(&self, i: usize) -> Option<(usize, i8)> {
        let (mut j, v, n) = self.number(i)?;
        if n > 2 || !(1..=31).contains(&v) {
            return None;
        }
        if let Some(suffix) = self.b.get(j..j + 2) {
            if matches!(suffix, b"st" | b"nd" | b"rd" | b"th") && j + 2 <= self.hi && self.boundary_after(j + 2) {
                j += 2;
            }
        }
        if !self.boundary_after(j) || self.number_continues(j) {
            return None;
        }
        Some((j, v as i8))
    }

    /// A four-digit year.
    fn year(&self, i: usize) -> Option<(usize, i16)> {
        let (j, v, n) = self.number(i)?;
        if n != 4 || !self.boundary_after(j) || self.number_continues(j) {
            return None;
        }
        Some((j, v as i16))
    }

    /// A capitalised month name at `i`; the end includes the period of an
    /// abbreviation. Returns (end, month, full name).
    fn month(&self, i: usize) -> Option<(usize, i8, bool)> {
        let t = self.word(i)?;
        let Word::Month(m, full) = t.word else {
            return None;
        };
        if t.shape != Shape::Title {
            return None;
        }
        let mut end = t.end;
        if !full && self.byte(end) == Some(b'.') && end < self.hi {
            end += 1;
        }
        Some((end, m, full))
    }

    /// A year after a date or month: optional comma, space, four digits.
    fn trailing_year(&self, i: usize) -> Option<(usize, i16)> {
        let j = if self.byte(i) == Some(b',') { i + 1 } else { i };
        self.year(self.ws(j)?)
    }

    /// What follows a month name ending at `e`: a day (and year), or a year.
    fn month_rest(&self, e: usize, month: i8) -> Option<(usize, TimeValue)> {
        let j = self.ws(e)?;
        if let Some((end, day)) = self.day(j) {
            return Some(match self.trailing_year(end) {
                Some((end, y)) => (end, TimeValue::Date { year: Some(y), month, day }),
                None => (end, TimeValue::Date { year: None, month, day }),
            });
        }
        let (end, y) = self.year(j)?;
        Some((end, TimeValue::Month { month, year: Some(y), last: false }))
    }

    /// A month name with a day or year (“March 14”, “Dec. 6, 2024”, “May
    /// 2024”), or — when `alone` — a full month name on its own.
    fn month_expr(&self, i: usize, alone: bool) -> Option<(usize, TimeValue)> {
        let (e, month, full) = self.month(i)?;
        if let Some(r) = self.month_rest(e, month) {
            return Some(r);
        }
        (alone && full).then_some((e, TimeValue::Month { month, year: None, last: false }))
    }

    /// A calendar date starting with a digit: ISO, US numeric, or “14 March”.
    fn numeric(&self, i: usize) -> Option<(usize, TimeValue)> {
        if matches!(self.prev_char(i), Some('/' | '.' | '-' | '$' | '£' | '€' | ',' | ':')) {
            return None;
        }
        let (e, v, n) = self.number(i)?;
        match (n, self.byte(e)) {
            (4, Some(b'-')) => {
                let (e2, month, n2) = self.number(e + 1)?;
                if n2 > 2 || self.byte(e2) != Some(b'-') {
                    return None;
                }
                let (e3, day, n3) = self.number(e2 + 1)?;
                let time = self.byte(e3) == Some(b'T') && self.byte(e3 + 1).is_some_and(|c| c.is_ascii_digit());
                if n3 > 2 || !(time || self.boundary_after(e3)) || matches!(self.byte(e3), Some(b'-' | b'/')) {
                    return None;
                }
                date_value(Some(v), month, day).map(|d| (e3, d))
            }
            (1 | 2, Some(b'/')) => {
                let (e2, day, n2) = self.number(e + 1)?;
                if n2 > 2 {
                    return None;
                }
                let (end, year) = if self.byte(e2) == Some(b'/') {
                    let (e3, y, n3) = self.number(e2 + 1)?;
                    let y = match n3 {
                        2 => y + 2000,
                        4 => y,
                        _ => return None,
                    };
                    (e3, Some(y))
                } else {
                    (e2, None)
                };
                if !self.boundary_after(end)
                    || self.number_continues(end)
                    || matches!(self.byte(end), Some(b'/' | b'-'))
                {
                    return None;
                }
                date_value(year, v, day).map(|d| (end, d))
            }
            (1 | 2, _) => {
                let (e, day) = self.day(i)?;
                let j = self.ws(e)?;
                let (e, month, _) = self.month(j)?;
                Some(match self.trailing_year(e) {
                    Some((end, y)) => (end, TimeValue::Date { year: Some(y), month, day }),
                    None => (e, TimeValue::Date { year: None, month, day }),
                })
            }
            _ => None,
        }
    }

    /// After a weekday name ending at `e`: a following date (“Thursday,
    /// March 14”) or part of day (“Thursday night”).
    fn weekday_tail(&self, e: usize, weekday: Weekday, relation: Relation, pre: Option<DayPart>) -> (usize, TimeValue) {
        let after_comma = if self.byte(e) == Some(b',') { e + 1 } else { e };
        if let Some(j) = self.ws(after_comma) {
            let date = if self.byte(j).is_some_and(|c| c.is_ascii_digit()) {
                self.numeric(j)
            } else {
                self.month_expr(j, false)
            };
            if let Some((end, v @ TimeValue::Date { .. })) = date {
                return (end, v);
            }
        }
        let mut part = pre;
        let mut end = e;
        if let Some((_, t)) = self.next_lower(e) {
            if let Word::Part(p) = t.word {
                part = Some(p);
                end = t.end;
            }
        }
        (end, TimeValue::Weekday { weekday, relation, part })
    }

    /// A capitalised word counts as a sentence-initial relative word unless
    /// it follows a capitalised word or a possessive (“USA Today”, “NBC's
    /// Today”).
    fn sentence_start_ok(&self, i: usize) -> bool {
        let Some(before) = self.text.get(..i) else {
            return false;
        };
        let trimmed = before.trim_end_matches([' ', '\t', '\u{a0}']);
        if !trimmed.chars().next_back().is_some_and(char::is_alphanumeric) {
            return true;
        }
        let start = trimmed
            .char_indices()
            .rev()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .map_or(0, |(k, c)| k + c.len_utf8());
        let prev = &trimmed[start..];
        !(prev.starts_with(char::is_uppercase) || prev.ends_with("'s") || prev.ends_with("’s"))
    }

    /// Whether the word at `i` follows a determiner (“an earlier
    /// statement”), which makes it an adjective rather than a time.
    fn after_determiner(&self, i: usize) -> bool {
        let Some(before) = self.text.get(..i) else {
            return false;
        };
        let before = before.trim_end_matches([' ', '\t', '\u{a0}']);
        // The last word: the ASCII letters at the end (“José earlier”: none,
        // so no determiner; slicing after a multi-byte char by `k + 1`
        // panicked here).
        let prev = &before[before.trim_end_matches(|c: char| c.is_ascii_alphabetic()).len()..];
        ["a", "an", "the", "his", "her", "its", "their", "our", "my", "your", "this", "that"]
            .iter()
            .any(|d| prev.eq_ignore_ascii_case(d))
    }

    /// The longest expression starting at word start `i`.
    fn parse(&self, i: usize, depth: u8) -> Option<(usize, TimeValue)> {
        if depth > 2 {
            return None;
        }
        if self.b[i].is_ascii_digit() {
            return self.numeric(i);
        }
        let t = self.word(i)?;
        match t.word {
            Word::Weekday(wd) => (t.shape == Shape::Title).then(|| self.weekday_tail(t.end, wd, Relation::Bare, None)),
            Word::Month(..) => self.month_expr(i, false),
            _ if t.shape == Shape::Title && !self.sentence_start_ok(i) => None,
            w => self.keyword(t.end, w, depth),
        }
    }

    /// An expression led by a keyword ending at `e`.
    fn keyword(&self, e: usize, w: Word, depth: u8) -> Option<(usize, TimeValue)> {
        let next = || {
            let j = self.ws(e)?;
            Some((j, self.word(j)))
        };
        match w {
            Word::On => {
                let j = self.ws(e)?;
                match self.parse(j, depth + 1)? {
                    r @ (_, TimeValue::Date { .. } | TimeValue::Weekday { relation: Relation::Bare, .. }) => Some(r),
                    _ => None,
                }
            }
            Word::Late | Word::Early | Word::Earlier | Word::Later => {
                let rest = self.ws(e).and_then(|j| {
                    let (end, v) = self.parse(j, depth + 1).or_else(|| {
                        // “late May”, “early June”, “in early 2019”.
                        if !matches!(w, Word::Late | Word::Early) {
                            return None;
                        }
                        if let Some((end, y)) = self.year(j) {
                            return (1900..=2100).contains(&y).then_some((end, TimeValue::Year(y)));
                        }
                        self.month_expr(j, true)
                    })?;
                    let pre = match w {
                        Word::Late => Some(DayPart::Late),
                        Word::Early => Some(DayPart::Early),
                        _ => None,
                    };
                    let v = match v {
                        TimeValue::Weekday { weekday, relation, part } => {
                            TimeValue::Weekday { weekday, relation, part: part.or(pre) }
                        }
                        TimeValue::RelativeDay { offset, part } => {
                            TimeValue::RelativeDay { offset, part: part.or(pre) }
                        }
                        v @ (TimeValue::RelativePeriod { .. }
                        | TimeValue::Month { .. }
                        | TimeValue::Date { .. }
                        | TimeValue::Year(_)) => v,
                        _ => return None,
                    };
                    Some((end, v))
                });
                match (rest, w) {
                    (Some(r), _) => Some(r),
                    (None, Word::Earlier) if !self.after_determiner(e - "earlier".len()) => Some((e, TimeValue::Vague)),
                    _ => None,
                }
            }
            Word::Last | Word::This | Word::Next => {
                let (j, t) = next()?;
                let offset = match w {
                    Word::Last => -1,
                    Word::This => 0,
                    _ => 1,
                };
                if let Some((end, month, true)) = self.month(j) {
                    // “last March”; “this March”/“next March” are not read.
                    return (w == Word::Last && self.month_rest(end, month).is_none())
                        .then_some((end, TimeValue::Month { month, year: None, last: true }));
                }
                let t = t?;
                match t.word {
                    Word::Weekday(wd) if t.shape == Shape::Title => {
                        let relation = match w {
                            Word::Last => Relation::Last,
                            Word::This => Relation::This,
                            _ => Relation::Next,
                        };
                        Some(self.weekday_tail(t.end, wd, relation, None))
                    }
                    _ if t.shape != Shape::Lower => None,
                    Word::Unit(unit) => Some((t.end, TimeValue::RelativePeriod { unit, offset })),
                    Word::Part(p @ (DayPart::Night | DayPart::Evening)) if w == Word::Last => {
                        Some((t.end, TimeValue::RelativeDay { offset: -1, part: Some(p) }))
                    }
                    Word::Part(p) if w == Word::This => {
                        Some((t.end, TimeValue::RelativeDay { offset: 0, part: Some(p) }))
                    }
                    _ => None,
                }
            }
            Word::In => {
                let (j, t) = next()?;
                if let Some((end, y)) = self.year(j) {
                    return (1900..=2100).contains(&y).then_some((end, TimeValue::Year(y)));
                }
                if let Some(r) = self.month_expr(j, true) {
                    return Some(r);
                }
                let t = t?;
                match t.word {
                    Word::Early | Word::Late | Word::Mid if t.shape == Shape::Lower => {
                        match self.keyword(t.end, t.word, depth + 1)? {
                            r @ (_, TimeValue::Month { .. } | TimeValue::Year(_)) => Some(r),
                            _ => None,
                        }
                    }
                    Word::Recent if t.shape == Shape::Lower => {
                        let (_, p) = self.next_lower(t.end)?;
                        (p.word == Word::Plural).then_some((p.end, TimeValue::Vague))
                    }
                    _ => None,
                }
            }
            Word::Mid => {
                let j = if self.byte(e) == Some(b'-') { e + 1 } else { self.ws(e)? };
                let (end, month, full) = self.month(j)?;
                (full && self.month_rest(end, month).is_none())
                    .then_some((end, TimeValue::Month { month, year: None, last: false }))
            }
            Word::Today => Some((e, TimeValue::RelativeDay { offset: 0, part: None })),
            Word::Tonight => Some((e, TimeValue::RelativeDay { offset: 0, part: Some(DayPart::Night) })),
            Word::Yesterday | Word::Tomorrow => {
                let offset = if w == Word::Yesterday { -1 } else { 1 };
                Some(match self.next_lower(e) {
                    Some((_, Tok { end, word: Word::Part(p), .. })) => {
                        (end, TimeValue::RelativeDay { offset, part: Some(p) })
                    }
                    _ => (e, TimeValue::RelativeDay { offset, part: None }),
                })
            }
            Word::Recently | Word::Previously => Some((e, TimeValue::Vague)),
            _ => None,
        }
    }
}

/// A numeric date with the month and day in range (the day is checked
/// against the month only at resolution).
fn date_value(year: Option<u32>, month: u32, day: u32) -> Option<TimeValue> {
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let year = match year {
        Some(y) => Some(i16::try_from(y).ok()?),
        None => None,
    };
    Some(TimeValue::Date { year, month: month as i8, day: day as i8 })
}

// ---------------------------------------------------------------------------
// Datelines

const MONTHS: &str = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";

static DATELINES: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    let city = r"\p{Lu}[\p{L}\p{M}.'’\-]*(?:[ \t]+\p{Lu}[\p{L}\p{M}.'’\-]*){0,3}";
    let region = r"(?:,[ \t]+\p{Lu}[\p{L}\p{M}.'’\-]*(?:[ \t]+\p{L}[\p{L}\p{M}.'’\-]*){0,3}){0,2}";
    let date =
        format!(r"(?P<mon>(?i:{MONTHS}))\.?[ \t]+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?[ \t]+(?P<year>\d{{4}}))?");
    let agency = r"(?:[ \t]*\([^()\n]{1,40}\))";
    let dash = r"[ \t]*(?:—|–|―|--|-)";
    [
        Regex::new(&format!(r"(?m)^[ \t]*(?P<city>{city}){region},[ \t]+{date}{agency}?{dash}")),
        Regex::new(&format!(r"(?m)^[ \t]*(?P<city>{city}){region}{agency}?{dash}[ \t]*{date}{dash}")),
    ]
    .map(|r| r.expect("dateline regex is valid"))
});

/// How far into the text a dateline may start.
const DATELINE_WITHIN: usize = 400;

fn dateline_parts(text: &str) -> Option<(Span, i8, i8, Option<i16>)> {
    let hay = &text[..crate::span::floor_char_boundary(text, DATELINE_WITHIN + 200)];
    DATELINES
        .iter()
        .filter_map(|re| {
            let c = re.captures(hay)?;
            let start = c.name("city")?.start();
            if start >= DATELINE_WITHIN {
                return None;
            }
            let end = c.get(0)?.end();
            let name = c.name("mon")?.as_str().to_ascii_lowercase();
            let month = match classify(name.as_bytes())? {
                Word::Month(m, _) => m,
                _ => return None,
            };
            let day: i8 = c.name("day")?.as_str().parse().ok()?;
            let year = match c.name("year") {
                Some(y) => Some(y.as_str().parse::<i16>().ok()?),
                None => None,
            };
            // The day must exist in the month in some year (2000 was leap).
            Date::new(2000, month, day).ok()?;
            Some((Span { start, end }, month, day, year))
        })
        .min_by_key(|(span, ..)| span.start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn all(text: &str) -> Vec<TimeExpr> {
        scan(text, Span::new(0, text.len()))
    }

    /// The single expression in `text`, as (matched text, value).
    fn one(text: &str) -> (&str, TimeValue) {
        let found = all(text);
        assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        (found[0].span.text(text), found[0].value)
    }

    fn texts(text: &str) -> Vec<&str> {
        all(text).iter().map(|e| e.span.text(text)).collect()
    }

    /// Resolves the single expression in `text` against `pub_date`.
    fn res(text: &str, pub_date: Option<Date>) -> (Option<String>, Option<Granularity>, DateStatus) {
        let found = all(text);
        assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        let r = resolve(&found[0], text, pub_date);
        assert_eq!(r.text, found[0].span.text(text));
        assert_eq!((r.start, r.end), (found[0].span.start, found[0].span.end));
        assert!(!r.inherited);
        (r.resolved, r.granularity, r.status)
    }

    fn day(text: &str, p: Date) -> String {
        let (s, g, st) = res(text, Some(p));
        assert_eq!(g, Some(Granularity::Day), "{text}");
        assert_eq!(st, DateStatus::Relative, "{text}");
        s.unwrap()
    }

    fn wd(weekday: Weekday, relation: Relation, part: Option<DayPart>) -> TimeValue {
        TimeValue::Weekday { weekday, relation, part }
    }

    use Weekday::*;

    #[test]
    fn weekday_forms() {
        let cases: &[(&str, &str, TimeValue)] = &[
            ("Peskov said Thursday that", "Thursday", wd(Thursday, Relation::Bare, None)),
            ("he said on Thursday.", "on Thursday", wd(Thursday, Relation::Bare, None)),
            ("said late Thursday", "late Thursday", wd(Thursday, Relation::Bare, Some(DayPart::Late))),
            ("said early Thursday", "early Thursday", wd(Thursday, Relation::Bare, Some(DayPart::Early))),
            ("told CNN Thursday night.", "Thursday night", wd(Thursday, Relation::Bare, Some(DayPart::Night))),
            ("wrote on Friday morning", "on Friday morning", wd(Friday, Relation::Bare, Some(DayPart::Morning))),
            ("said Friday afternoon", "Friday afternoon", wd(Friday, Relation::Bare, Some(DayPart::Afternoon))),
            ("said Sunday evening", "Sunday evening", wd(Sunday, Relation::Bare, Some(DayPart::Evening))),
            ("said last Thursday", "last Thursday", wd(Thursday, Relation::Last, None)),
            ("said this Thursday", "this Thursday", wd(Thursday, Relation::This, None)),
            ("will meet next Tuesday", "next Tuesday", wd(Tuesday, Relation::Next, None)),
            ("said on Monday night", "on Monday night", wd(Monday, Relation::Bare, Some(DayPart::Night))),
            ("said late on Wednesday", "late on Wednesday", wd(Wednesday, Relation::Bare, Some(DayPart::Late))),
            ("said late Thursday night", "late Thursday night", wd(Thursday, Relation::Bare, Some(DayPart::Night))),
            ("On Saturday, he said", "On Saturday", wd(Saturday, Relation::Bare, None)),
            ("Thursday's meeting", "Thursday", wd(Thursday, Relation::Bare, None)),
        ];
        for &(text, span, value) in cases {
            assert_eq!(one(text), (span, value), "{text}");
        }
        // A weekday followed by its date is the date.
        assert_eq!(
            one("said on Thursday, March 13, 2025, that"),
            ("on Thursday, March 13, 2025", TimeValue::Date { year: Some(2025), month: 3, day: 13 })
        );
        assert_eq!(
            one("said Friday, March 14"),
            ("Friday, March 14", TimeValue::Date { year: None, month: 3, day: 14 })
        );
    }

    #[test]
    fn weekday_case_and_boundaries() {
        assert!(all("he said thursday that").is_empty());
        assert!(all("he said THURSDAY that").is_empty());
        assert!(all("they meet on Thursdays").is_empty());
        assert!(all("xThursday Thursdayx").is_empty());
        assert!(all("last thursday, this weekend").is_empty());
        assert_eq!(texts("said on Monday-Friday"), ["on Monday", "Friday"]);
    }

    #[test]
    fn relative_day_forms() {
        let rd = |offset, part| TimeValue::RelativeDay { offset, part };
        let cases: &[(&str, &str, TimeValue)] = &[
            ("said today", "today", rd(0, None)),
            ("will speak tonight", "tonight", rd(0, Some(DayPart::Night))),
            ("said yesterday", "yesterday", rd(-1, None)),
            ("Yesterday, he said", "Yesterday", rd(-1, None)),
            ("“Today, we act,” he said", "Today", rd(0, None)),
            ("said this morning", "this morning", rd(0, Some(DayPart::Morning))),
            ("said this afternoon", "this afternoon", rd(0, Some(DayPart::Afternoon))),
            ("said this evening", "this evening", rd(0, Some(DayPart::Evening))),
            ("said last night", "last night", rd(-1, Some(DayPart::Night))),
            ("Last night, he said", "Last night", rd(-1, Some(DayPart::Night))),
            ("said earlier today", "earlier today", rd(0, None)),
            ("will say later today", "later today", rd(0, None)),
            ("said yesterday afternoon", "yesterday afternoon", rd(-1, Some(DayPart::Afternoon))),
            ("said late yesterday", "late yesterday", rd(-1, Some(DayPart::Late))),
            ("will vote tomorrow", "tomorrow", rd(1, None)),
        ];
        for &(text, span, value) in cases {
            assert_eq!(one(text), (span, value), "{text}");
        }
        // Newspapers and shows named Today are not dates.
        assert!(all("he told USA Today in an interview").is_empty());
        assert!(all("he told NBC's Today show").is_empty());
        assert!(all("on The Tonight Show").is_empty());
        assert!(all("told Last Week Tonight").is_empty());
    }

    #[test]
    fn period_forms() {
        let per = |unit, offset| TimeValue::RelativePeriod { unit, offset };
        let cases: &[(&str, &str, TimeValue)] = &[
            ("said last week", "last week", per(Period::Week, -1)),
            ("said this week", "this week", per(Period::Week, 0)),
            ("said earlier this week", "earlier this week", per(Period::Week, 0)),
            ("Earlier this week, he said", "Earlier this week", per(Period::Week, 0)),
            ("said earlier this month", "earlier this month", per(Period::Month, 0)),
            ("said this month", "this month", per(Period::Month, 0)),
            ("said last month", "last month", per(Period::Month, -1)),
            ("said last year", "last year", per(Period::Year, -1)),
            ("said this year", "this year", per(Period::Year, 0)),
            ("said earlier this year", "earlier this year", per(Period::Year, 0)),
            ("will vote next month", "next month", per(Period::Month, 1)),
            ("said in 2019", "in 2019", TimeValue::Year(2019)),
            ("said in early 2019", "in early 2019", TimeValue::Year(2019)),
            ("said in March", "in March", TimeValue::Month { month: 3, year: None, last: false }),
            ("said in May", "in May", TimeValue::Month { month: 5, year: None, last: false }),
            ("said in March 2024", "in March 2024", TimeValue::Month { month: 3, year: Some(2024), last: false }),
            ("said May 2024", "May 2024", TimeValue::Month { month: 5, year: Some(2024), last: false }),
            ("said last March", "last March", TimeValue::Month { month: 3, year: None, last: true }),
            ("said in early March", "in early March", TimeValue::Month { month: 3, year: None, last: false }),
            ("said in mid-March", "in mid-March", TimeValue::Month { month: 3, year: None, last: false }),
            ("said late May", "late May", TimeValue::Month { month: 5, year: None, last: false }),
        ];
        for &(text, span, value) in cases {
            assert_eq!(one(text), (span, value), "{text}");
        }
        assert!(all("in 1500 cases, in 12 states, in 21000").is_empty());
        assert!(all("said in march").is_empty());
    }

    #[test]
    fn calendar_forms() {
        let d = |year, month, day| TimeValue::Date { year, month, day };
        let cases: &[(&str, &str, TimeValue)] = &[
            ("said March 14 that", "March 14", d(None, 3, 14)),
            ("said March 14th that", "March 14th", d(None, 3, 14)),
            ("said 14 March that", "14 March", d(None, 3, 14)),
            ("said March 14, 2025, that", "March 14, 2025", d(Some(2025), 3, 14)),
            ("said 14 March 2025 that", "14 March 2025", d(Some(2025), 3, 14)),
            ("said Dec. 6 that", "Dec. 6", d(None, 12, 6)),
            ("said Sept. 30.", "Sept. 30", d(None, 9, 30)),
            ("said Dec 6", "Dec 6", d(None, 12, 6)),
            ("said on Dec. 6", "on Dec. 6", d(None, 12, 6)),
            ("dated 2025-03-14.", "2025-03-14", d(Some(2025), 3, 14)),
            ("at 2025-03-14T10:00Z", "2025-03-14", d(Some(2025), 3, 14)),
            ("dated 3/14/2025.", "3/14/2025", d(Some(2025), 3, 14)),
            ("dated 3/14/25.", "3/14/25", d(Some(2025), 3, 14)),
            ("on 3/14 he said", "on 3/14", d(None, 3, 14)),
            ("said May 5", "May 5", d(None, 5, 5)),
            ("said on May 5", "on May 5", d(None, 5, 5)),
            ("on Feb. 30", "on Feb. 30", d(None, 2, 30)),
        ];
        for &(text, span, value) in cases {
            assert_eq!(one(text), (span, value), "{text}");
        }
        // Not dates: numbers that only look like them.
        for text in [
            "13/14/2025",
            "3/32",
            "2025-13-01",
            "March 1.5 percent",
            "March 14,000 people",
            "24/7",
            "1/2/3/4",
            "$3/14",
            "March 32",
            "Mar-a-Lago",
            "March on Washington",
            "a 14 March-style protest",
        ] {
            let found = texts(text);
            assert!(found.is_empty() || text.contains("March-style"), "{text}: {found:?}");
        }
        // A “14 March-” hyphen still leaves “14 March” on word boundaries.
        assert_eq!(texts("a 14 March-style protest"), ["14 March"]);
    }

    #[test]
    fn may_is_not_a_verb() {
        assert!(all("Trump may say more").is_empty());
        assert!(all("Trump May say more").is_empty());
        assert!(all("Theresa May said").is_empty());
        assert!(all("It may 5 times").is_empty());
        assert!(all("it may be in may").is_empty());
        assert_eq!(texts("Theresa May said on May 5"), ["on May 5"]);
    }

    #[test]
    fn vague_forms() {
        for (text, span) in [
            ("had said recently", "recently"),
            ("said earlier", "earlier"),
            ("had previously said", "previously"),
            ("Earlier, he said", "Earlier"),
            ("in recent days", "in recent days"),
        ] {
            assert_eq!(one(text), (span, TimeValue::Vague), "{text}");
        }
        assert_eq!(res("said recently", Some(date(2025, 1, 2))), (None, None, DateStatus::Unresolved));
        assert!(all("in an earlier statement, the earlier talks").is_empty());
        // A word ending in a multi-byte letter or mark before “earlier”
        // (found by fuzzing: this panicked on a char boundary).
        for text in ["Mr. José earlier said", "Bogotá earlier", "the officials’ earlier", "é earlier", "’earlier"]
        {
            assert_eq!(all(text).len(), 1, "{text}");
        }
        assert!(all("the café’s an earlier").is_empty());
    }

    #[test]
    fn several_in_order_non_overlapping() {
        let text = "Putin said on Thursday, after talks last week and in March 2024, that on 3/14 and Dec. 6 recently";
        assert_eq!(texts(text), ["on Thursday", "last week", "in March 2024", "on 3/14", "Dec. 6", "recently"]);
        let found = all(text);
        assert!(found.windows(2).all(|w| w[0].span.end <= w[1].span.start));
    }

    #[test]
    fn window_limits() {
        let text = "He said on Thursday that last week was hard.";
        let at = |s: &str| text.find(s).unwrap();
        // Wholly inside only: a cut word or an expression crossing the edge is
        // not taken, but a shorter expression inside is.
        let w = Span::new(at("Thursday") + 2, text.len());
        assert_eq!(texts_in(text, w), ["last week"]);
        let w = Span::new(at("on"), at("last week") + 6);
        assert_eq!(texts_in(text, w), ["on Thursday"]);
        let w = Span::new(at("Thursday"), at("Thursday") + 8);
        assert_eq!(texts_in(text, w), ["Thursday"]);
        let w = Span::new(at("on"), at("Thursday") + 5);
        assert!(texts_in(text, w).is_empty());
    }

    fn texts_in(text: &str, w: Span) -> Vec<&str> {
        scan(text, w).iter().map(|e| e.span.text(text)).collect()
    }

    #[test]
    fn resolve_weekdays() {
        // 2025-03-14 is a Friday.
        let fri = date(2025, 3, 14);
        assert_eq!(day("said Thursday", fri), "2025-03-13");
        assert_eq!(day("said on Friday", fri), "2025-03-14");
        assert_eq!(day("said Friday night", fri), "2025-03-14");
        assert_eq!(day("said this Friday", fri), "2025-03-14");
        assert_eq!(day("said last Friday", fri), "2025-03-07");
        assert_eq!(day("said last Thursday", fri), "2025-03-13");
        assert_eq!(day("said Saturday", fri), "2025-03-08");
        assert_eq!(day("will speak next Friday", fri), "2025-03-21");
        assert_eq!(day("late Thursday", fri), "2025-03-13");
        // Across a year boundary: 2025-01-02 is a Thursday.
        let thu = date(2025, 1, 2);
        assert_eq!(day("said Monday", thu), "2024-12-30");
        assert_eq!(day("said Thursday", thu), "2025-01-02");
        assert_eq!(day("said last Thursday", thu), "2024-12-26");
        assert_eq!(day("said Friday", thu), "2024-12-27");
    }

    #[test]
    fn resolve_relative_days() {
        let p = date(2025, 1, 1);
        assert_eq!(day("said today", p), "2025-01-01");
        assert_eq!(day("said tonight", p), "2025-01-01");
        assert_eq!(day("said this morning", p), "2025-01-01");
        assert_eq!(day("said earlier today", p), "2025-01-01");
        assert_eq!(day("said yesterday", p), "2024-12-31");
        assert_eq!(day("said last night", p), "2024-12-31");
        assert_eq!(day("will say tomorrow", p), "2025-01-02");
        assert_eq!(day("said yesterday", date(2024, 3, 1)), "2024-02-29");
    }

    #[test]
    fn resolve_periods() {
        let p = date(2025, 1, 2);
        let g = |text: &str| {
            let (s, g, st) = res(text, Some(p));
            assert_eq!(st, DateStatus::Relative, "{text}");
            (s.unwrap(), g.unwrap())
        };
        assert_eq!(g("said last week"), ("2024-12-23".into(), Granularity::Week));
        assert_eq!(g("said this week"), ("2024-12-30".into(), Granularity::Week));
        assert_eq!(g("said earlier this week"), ("2024-12-30".into(), Granularity::Week));
        assert_eq!(g("said next week"), ("2025-01-06".into(), Granularity::Week));
        assert_eq!(g("said last month"), ("2024-12".into(), Granularity::Month));
        assert_eq!(g("said this month"), ("2025-01".into(), Granularity::Month));
        assert_eq!(g("said earlier this month"), ("2025-01".into(), Granularity::Month));
        assert_eq!(g("said last year"), ("2024".into(), Granularity::Year));
        assert_eq!(g("said this year"), ("2025".into(), Granularity::Year));
        assert_eq!(g("said earlier this year"), ("2025".into(), Granularity::Year));
        assert_eq!(g("said in March"), ("2024-03".into(), Granularity::Month));
        assert_eq!(g("said in January"), ("2025-01".into(), Granularity::Month));
        assert_eq!(g("said last January"), ("2024-01".into(), Granularity::Month));
        assert_eq!(g("said in December"), ("2024-12".into(), Granularity::Month));
        // A Monday publication date is its own week's Monday.
        let (s, _, _) = res("this week", Some(date(2025, 3, 10)));
        assert_eq!(s.as_deref(), Some("2025-03-10"));
        let (s, _, _) = res("last week", Some(date(2025, 3, 10)));
        assert_eq!(s.as_deref(), Some("2025-03-03"));
        let (s, _, _) = res("this week", Some(date(2025, 3, 16)));
        assert_eq!(s.as_deref(), Some("2025-03-10"));
        // Explicit forms.
        assert_eq!(res("said in 2019", None), (Some("2019".into()), Some(Granularity::Year), DateStatus::Explicit));
        assert_eq!(
            res("said in March 2024", None),
            (Some("2024-03".into()), Some(Granularity::Month), DateStatus::Explicit)
        );
    }

    #[test]
    fn resolve_calendar_dates() {
        let explicit = |text: &str| {
            let (s, g, st) = res(text, None);
            assert_eq!((g, st), (Some(Granularity::Day), DateStatus::Explicit), "{text}");
            s.unwrap()
        };
        assert_eq!(explicit("March 14, 2025"), "2025-03-14");
        assert_eq!(explicit("14 March 2025"), "2025-03-14");
        assert_eq!(explicit("2025-03-14"), "2025-03-14");
        assert_eq!(explicit("3/14/2025"), "2025-03-14");
        assert_eq!(explicit("Feb. 29, 2024"), "2024-02-29");
        // Impossible dates are unresolved.
        for text in ["Feb. 30, 2025", "Feb. 29, 2025", "2025-02-30", "4/31/2025"] {
            assert_eq!(res(text, None), (None, None, DateStatus::Unresolved), "{text}");
        }
        assert_eq!(res("Feb. 30", Some(date(2025, 3, 1))), (None, None, DateStatus::Unresolved));
        // Without a year: the latest such date not after publication.
        assert_eq!(day("said Dec. 30", date(2025, 1, 2)), "2024-12-30");
        assert_eq!(day("said Dec. 30", date(2025, 1, 3)), "2024-12-30");
        assert_eq!(day("said March 14", date(2025, 3, 14)), "2025-03-14");
        assert_eq!(day("said March 15", date(2025, 3, 14)), "2024-03-15");
        assert_eq!(day("on 3/14", date(2025, 6, 1)), "2025-03-14");
        assert_eq!(day("said 1 January", date(2025, 1, 2)), "2025-01-01");
        // Leap day: the latest leap year.
        assert_eq!(day("said Feb. 29", date(2025, 3, 1)), "2024-02-29");
        assert_eq!(day("said Feb. 29", date(2024, 2, 29)), "2024-02-29");
        assert_eq!(day("said Feb. 29", date(2024, 2, 28)), "2020-02-29");
        assert_eq!(day("said Feb. 29", date(1904, 2, 1)), "1896-02-29");
    }

    #[test]
    fn no_publication_date() {
        for text in [
            "said Thursday",
            "said yesterday",
            "said last week",
            "said last month",
            "said this year",
            "said in March",
            "said Dec. 6",
            "said 3/14",
        ] {
            assert_eq!(res(text, None), (None, None, DateStatus::Unresolved), "{text}");
        }
    }

    #[test]
    fn resolve_out_of_range_does_not_panic() {
        let max = date(9999, 12, 31);
        assert_eq!(res("tomorrow", Some(max)).0, None);
        assert_eq!(res("next week", Some(max)).0, None);
        assert_eq!(res("next year", Some(max)).0, None);
        let min = date(-9999, 1, 1);
        assert_eq!(res("yesterday", Some(min)).0, None);
        assert_eq!(res("last Thursday", Some(min)).0, None);
        assert_eq!(res("Dec. 6", Some(min)).0, None);
        // A hand-made expression with a nonsense span.
        let bogus = TimeExpr {
            span: Span { start: 50, end: 3 },
            value: TimeValue::Date { year: Some(2025), month: 13, day: 40 },
        };
        let r = resolve(&bogus, "short", None);
        assert_eq!((&*r.text, r.resolved, r.status), ("", None, DateStatus::Unresolved));
        let bogus =
            TimeExpr { span: Span { start: 0, end: 3 }, value: TimeValue::Month { month: 0, year: None, last: true } };
        assert_eq!(resolve(&bogus, "é", Some(date(2025, 1, 1))).resolved, None);
    }

    #[test]
    fn datelines() {
        let text = "KYIV, Ukraine, March 14, 2025 (Reuters) - Ukraine said on Friday ...";
        let (span, d) = dateline(text).unwrap();
        assert_eq!(d, date(2025, 3, 14));
        assert_eq!(span.text(text), "KYIV, Ukraine, March 14, 2025 (Reuters) -");
        assert_eq!(dateline_month_day(text).map(|(_, m, d)| (m, d)), Some((3, 14)));

        let text = "WASHINGTON, March 3, 2025 — The president said";
        assert_eq!(dateline(text).map(|(_, d)| d), Some(date(2025, 3, 3)));
        let text = "Headline here\n\nNEW YORK, Dec. 14, 2024 (UPI) -- Officials said";
        let (span, d) = dateline(text).unwrap();
        assert_eq!((span.text(text), d), ("NEW YORK, Dec. 14, 2024 (UPI) --", date(2024, 12, 14)));
        let text = "LONDON (Reuters) — March 14, 2025 — The bank said";
        assert_eq!(dateline(text).map(|(_, d)| d), Some(date(2025, 3, 14)));
        let text = "SÃO PAULO, Brazil, Sept. 2, 2024 (AP) — Lula said";
        assert_eq!(dateline(text).map(|(_, d)| d), Some(date(2024, 9, 2)));

        // Without a year: no publication date, but month and day.
        let text = "NEW YORK, Dec. 14 (UPI) — Officials said";
        assert_eq!(dateline(text), None);
        let (span, m, d) = dateline_month_day(text).unwrap();
        assert_eq!((span.text(text), m, d), ("NEW YORK, Dec. 14 (UPI) —", 12, 14));

        // No date at all, not at a paragraph start, too far in, impossible.
        assert_eq!(dateline_month_day("WASHINGTON (AP) — The president said"), None);
        assert_eq!(dateline("He flew in. WASHINGTON, March 3, 2025 — The"), None);
        let far = format!("{}\nWASHINGTON, March 3, 2025 — The", "x".repeat(450));
        assert_eq!(dateline(&far), None);
        assert_eq!(dateline_month_day("WASHINGTON, Feb. 30 — The"), None);
        assert_eq!(dateline("WASHINGTON, Feb. 29, 2025 — The"), None);
        assert_eq!(dateline(""), None);
        assert_eq!(dateline(&"é".repeat(400)), None);
    }

    #[test]
    fn robustness() {
        let inputs = [
            "",
            " ",
            "é",
            "日本語のテキスト March 14 日本",
            "99999999/99/99",
            "99/99/9999 0/0/0 00/00 1/1/1 12/31/99999",
            "9999-99-99 0000-01-01 2025-1-1",
            "March 99999999999999999999",
            "on on on on on Thursday",
            "late late late late late late late late late early earlier later Thursday",
            "in in in in 2019",
            "March 14, 99999",
            "Dec.",
            "Dec. ",
            "on",
            "last",
            "in mid-",
            "mid-",
            "Thursday,",
            "Thursday, ",
            "March\u{a0}14\u{a0}2025",
            "March\n\n14",
            "5 Marché",
            "éMarch 14 Marché 14",
            "Tuesday\u{301} night",
            "🎉Thursday🎉 🎉yesterday",
            "Today",
            "USA Today",
            "’s Today",
            "14th",
            "March 14thx",
            "3/14/",
            "2025-03-",
            "2025-03-14T",
        ];
        let pub_date = Some(date(2025, 1, 2));
        for text in inputs {
            let len = text.len();
            for start in 0..=len + 2 {
                for end in 0..=len + 2 {
                    for e in scan(text, Span { start, end }) {
                        assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
                        assert!(e.span.start >= start && e.span.end <= end && e.span.start < e.span.end);
                        let _ = resolve(&e, text, pub_date);
                        let _ = resolve(&e, text, None);
                    }
                }
            }
            let _ = dateline(text);
            let _ = dateline_month_day(text);
        }
        assert_eq!(texts("March\u{a0}14\u{a0}2025"), ["March\u{a0}14\u{a0}2025"]);
        assert!(texts("March\n\n14").is_empty());
        assert!(texts("éMarch 14 Marché 14").is_empty());
        assert!(texts("99999999/99/99").is_empty());
        assert_eq!(texts("🎉Thursday🎉 🎉yesterday"), ["Thursday", "yesterday"]);
        // Deep repetition does not recurse without bound.
        let long = "late ".repeat(10_000) + "Thursday";
        let found = texts(&long);
        assert_eq!(found.len(), 1);
        assert!(found[0].len() < 30 && found[0].ends_with("late Thursday"));
    }

    #[test]
    fn nothing_found_allocates_nothing() {
        let found = all("No dates in this clause, said the spokesman.");
        assert!(found.is_empty());
        assert_eq!(found.capacity(), 0);
    }
}
