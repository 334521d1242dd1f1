//! The typed attribution records whosaid produces.
//!
//! Records own their text (a copy of each span's slice), so they are
//! `'static`, `Send` and serialise on their own. Offsets are bytes into the
//! input text unless converted with [`crate::offsets`].

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
pub struct TextSpan {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The covered text, `&input[start..end]`.
    pub text: String,
}

impl TextSpan {
    /// Copies `span` out of `text`.
    pub fn of(text: &str, span: Span) -> TextSpan {
        TextSpan { start: span.start, end: span.end, text: text[span.range()].to_owned() }
    }

    /// The byte span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// The content of an attribution: what was said.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Content {
    /// Start of the whole content (first segment).
    pub start: usize,
    /// End of the whole content (last segment).
    pub end: usize,
    /// The text from `start` to `end`, including any attribution clause
    /// between split segments.
    pub text: String,
    /// The pieces of the content, in order. One for a continuous quote or
    /// claim; several for a split quote (“A,” she said, “B.”) or a quote that
    /// runs over several paragraphs.
    pub segments: Vec<TextSpan>,
    /// For `mixed` and `partial` records: the quoted fragments inside the
    /// content, without their marks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quoted: Vec<TextSpan>,
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
pub struct Speaker {
    /// Byte offset of the mention as written.
    pub start: usize,
    /// End of the mention.
    pub end: usize,
    /// The mention as written: “Kremlin spokesman Dmitry Peskov”, “he”.
    pub text: String,
    /// The canonical name of the entity the mention refers to, when known:
    /// “Dmitry Peskov”, “the Kremlin”.
    pub name: Option<String>,
    /// What sort of speaker this is (of the mention as written).
    pub kind: SpeakerKind,
    /// The entity's title or role when known: “Kremlin spokesman”.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// For pronouns, surnames and role nominals: the earlier mention that
    /// resolved this one to its entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub antecedent: Option<TextSpan>,
}

/// The speech cue: said, told, wrote, according to …
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cue {
    /// Byte offset of the cue.
    pub start: usize,
    /// End of the cue.
    pub end: usize,
    /// The cue as written: “told”, “said in a statement”.
    pub text: String,
    /// Its dictionary form: “tell”, “say”.
    pub lemma: String,
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
pub struct DateRef {
    /// Byte offset of the time expression.
    pub start: usize,
    /// End of the time expression.
    pub end: usize,
    /// The expression as written: “on Friday”, “last month”.
    pub text: String,
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
pub struct Attribution {
    /// Direct, partial, mixed or indirect.
    pub kind: Kind,
    /// What was said.
    pub content: Content,
    /// Who said it, when found.
    pub speaker: Option<Speaker>,
    /// The speech cue, when there is one.
    pub cue: Option<Cue>,
    /// When it was said, when the text says so.
    pub date: Option<DateRef>,
    /// The id of the rule that produced the record: `family/name`.
    pub rule: String,
    /// Confidence in the record, between 0 and 1.
    pub confidence: f32,
}
