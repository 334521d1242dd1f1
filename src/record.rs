//! The typed attribution records whosaid produces.
//!
//! Records borrow their text from the input where they can: a span's
//! text is a slice of the input (`Cow::Borrowed`), as is a speaker's name
//! or role where the mention that gave it spells it out. What the mentions
//! do not contain as written is owned: a canonical name put together from
//! parts, a role taken from an appositive (“Petra Kallas, the foreign
//! minister,”), a resolved date. So an extraction allocates little per
//! record, which matters on a document with millions of them. A record
//! lives as long as the text it came from; [`Attribution::into_owned`]
//! makes a `'static` copy to keep. Records read from JSON own their
//! strings. Offsets are bytes into the input text unless converted with
//! [`crate::offsets`].

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// What kind of attribution a record is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Quoted words given whole: “We had very good talks,” Trump wrote.
    Direct,
    /// Quoted words governed by a speaker and cue without a full clause:
    /// called the response “highly predictable”.
    Partial,
    /// Reported speech that contains quoted words: said there were reasons to
    /// be “cautiously optimistic”.
    Mixed,
    /// Reported speech without quotation marks: Putin said that …
    Indirect,
}

impl Kind {
    /// The lower-case name used in JSON and fixtures.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Partial => "partial",
            Kind::Mixed => "mixed",
            Kind::Indirect => "indirect",
        }
    }

    /// Parses the lower-case name.
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "direct" => Kind::Direct,
            "partial" => Kind::Partial,
            "mixed" => Kind::Mixed,
            "indirect" => Kind::Indirect,
            _ => return None,
        })
    }
}

/// A span of the input with the text it covers.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TextSpan<'a> {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The covered text, `&input[start..end]`.
    pub text: Cow<'a, str>,
}

impl<'a> TextSpan<'a> {
    /// `span` of `text`, borrowing the slice.
    pub fn of(text: &'a str, span: Span) -> TextSpan<'a> {
        TextSpan { start: span.start, end: span.end, text: Cow::Borrowed(&text[span.range()]) }
    }

    /// The byte span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    /// A copy that owns its text.
    pub fn into_owned(self) -> TextSpan<'static> {
        TextSpan { start: self.start, end: self.end, text: owned(self.text) }
    }
}

/// A `Cow` that owns its text.
fn owned(s: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(s.into_owned())
}

/// The content of an attribution: what was said.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Content<'a> {
    /// Start of the whole content (first segment).
    pub start: usize,
    /// End of the whole content (last segment).
    pub end: usize,
    /// The text from `start` to `end`, including any attribution clause
    /// between split segments.
    pub text: Cow<'a, str>,
    /// The pieces of the content, in order. One for a continuous quote or
    /// claim; several for a split quote (“A,” she said, “B.”) or a quote that
    /// runs over several paragraphs.
    pub segments: Vec<TextSpan<'a>>,
    /// For `mixed` and `partial` records: the quoted fragments inside the
    /// content, without their marks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quoted: Vec<TextSpan<'a>>,
    /// True when an opening mark was never closed and the quote was closed at
    /// the end of its paragraph.
    #[serde(default, skip_serializing_if = "is_false")]
    pub unclosed: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// What sort of thing a speaker is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerKind {
    /// A named person: “Dmitry Peskov”, “Peskov”, “Mr. Trump”.
    Person,
    /// An organisation or institution: “the Kremlin”, “Reuters”.
    Organization,
    /// A country or capital standing for its government: “Moscow”, “Russia”.
    Place,
    /// A role or group without a name: “officials”, “the spokesman”.
    Nominal,
    /// A pronoun: “he”, “she”, “they”.
    Pronoun,
    /// A document or poll: “a report”, “the poll”.
    Document,
    /// Could not be classified.
    Unknown,
}

/// Who said it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speaker<'a> {
    /// Byte offset of the mention as written.
    pub start: usize,
    /// End of the mention.
    pub end: usize,
    /// The mention as written: “Kremlin spokesman Dmitry Peskov”, “he”.
    pub text: Cow<'a, str>,
    /// The canonical name of the entity the mention refers to, when known:
    /// “Dmitry Peskov”, “the Kremlin”.
    pub name: Option<Cow<'a, str>>,
    /// What sort of speaker this is (of the mention as written).
    pub kind: SpeakerKind,
    /// The entity's title or role when known: “Kremlin spokesman”.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Cow<'a, str>>,
    /// For pronouns, surnames and role nominals: the earlier mention that
    /// resolved this one to its entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub antecedent: Option<TextSpan<'a>>,
}

/// The speech cue: said, told, wrote, according to …
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cue<'a> {
    /// Byte offset of the cue.
    pub start: usize,
    /// End of the cue.
    pub end: usize,
    /// The cue as written: “told”, “said in a statement”.
    pub text: Cow<'a, str>,
    /// Its dictionary form: “tell”, “say”.
    pub lemma: Cow<'a, str>,
}

/// How a date was obtained.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateStatus {
    /// Written out in full (“March 14, 2025”).
    Explicit,
    /// Resolved against the publication date (“Thursday”, “last month”).
    Relative,
    /// Could not be resolved: no publication date, or a vague expression
    /// (“recently”).
    Unresolved,
}

/// The granularity of a resolved date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// A calendar day: `2025-03-14`.
    Day,
    /// A week, given as its Monday: `2025-03-10`.
    Week,
    /// A month: `2025-03`.
    Month,
    /// A year: `2025`.
    Year,
}

/// When it was said.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRef<'a> {
    /// Byte offset of the time expression.
    pub start: usize,
    /// End of the time expression.
    pub end: usize,
    /// The expression as written: “on Friday”, “last month”.
    pub text: Cow<'a, str>,
    /// The resolved date: `2025-03-14`, `2025-02` (month), `2025` (year);
    /// `None` when unresolved.
    pub resolved: Option<String>,
    /// Granularity of `resolved`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub granularity: Option<Granularity>,
    /// How the date was obtained.
    pub status: DateStatus,
    /// True when the record took the date from the attributed quote it
    /// continues rather than from its own clause.
    #[serde(default, skip_serializing_if = "is_false")]
    pub inherited: bool,
}

/// One attribution: who said what, when, found by which rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attribution<'a> {
    /// Direct, partial, mixed or indirect.
    pub kind: Kind,
    /// What was said.
    pub content: Content<'a>,
    /// Who said it, when found.
    pub speaker: Option<Speaker<'a>>,
    /// The speech cue, when there is one.
    pub cue: Option<Cue<'a>>,
    /// When it was said, when the text says so.
    pub date: Option<DateRef<'a>>,
    /// The id of the rule that produced the record: `family/name`.
    pub rule: Cow<'a, str>,
    /// Confidence in the record, between 0 and 1.
    pub confidence: f32,
}

impl Attribution<'_> {
    /// A copy that owns all its text, to keep after the input is gone.
    ///
    /// ```
    /// let recs: Vec<whosaid::Attribution<'static>> = {
    ///     let text = String::from("“We had very good talks,” Trump wrote.");
    ///     whosaid::Extractor::new().extract(text.as_str()).into_iter().map(|r| r.into_owned()).collect()
    /// };
    /// assert_eq!(recs[0].content.text, "We had very good talks,");
    /// ```
    pub fn into_owned(self) -> Attribution<'static> {
        let Attribution { kind, content, speaker, cue, date, rule, confidence } = self;
        Attribution {
            kind,
            content: Content {
                start: content.start,
                end: content.end,
                text: owned(content.text),
                segments: content.segments.into_iter().map(TextSpan::into_owned).collect(),
                quoted: content.quoted.into_iter().map(TextSpan::into_owned).collect(),
                unclosed: content.unclosed,
            },
            speaker: speaker.map(|s| Speaker {
                start: s.start,
                end: s.end,
                text: owned(s.text),
                name: s.name.map(owned),
                kind: s.kind,
                role: s.role.map(owned),
                antecedent: s.antecedent.map(TextSpan::into_owned),
            }),
            cue: cue.map(|c| Cue { start: c.start, end: c.end, text: owned(c.text), lemma: owned(c.lemma) }),
            date: date.map(|d| DateRef {
                start: d.start,
                end: d.end,
                text: owned(d.text),
                resolved: d.resolved,
                granularity: d.granularity,
                status: d.status,
                inherited: d.inherited,
            }),
            rule: owned(rule),
            confidence,
        }
    }
}
