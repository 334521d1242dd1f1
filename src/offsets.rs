//! Converting byte offsets to character or UTF-16 offsets.
//!
//! whosaid computes every span in bytes. Consumers in other languages index
//! strings differently: Python by code point ([`OffsetUnit::Chars`]),
//! JavaScript and Java by UTF-16 code unit ([`OffsetUnit::Utf16`]). An
//! [`OffsetMap`] is built once per text and converts offsets in O(1) for
//! ASCII text and in a short bounded scan (at most 63 bytes) otherwise.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::record::{Attribution, TextSpan};

/// The unit in which offsets are expressed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OffsetUnit {
    /// UTF-8 bytes (Rust, Go, C): whosaid's native unit.
    #[default]
    Bytes,
    /// Unicode scalar values (Python `str` indexing).
    Chars,
    /// UTF-16 code units (JavaScript, Java, C#).
    Utf16,
}

impl OffsetUnit {
    /// The lower-case name: `bytes`, `chars` or `utf16`.
    pub fn as_str(self) -> &'static str {
        match self {
            OffsetUnit::Bytes => "bytes",
            OffsetUnit::Chars => "chars",
            OffsetUnit::Utf16 => "utf16",
        }
    }
}

impl fmt::Display for OffsetUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error returned when parsing an unknown [`OffsetUnit`] name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseOffsetUnitError(pub String);

impl fmt::Display for ParseOffsetUnitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown offset unit {:?} (expected bytes, chars or utf16)", self.0)
    }
}

impl std::error::Error for ParseOffsetUnitError {}

impl FromStr for OffsetUnit {
    type Err = ParseOffsetUnitError;

    fn from_str(s: &str) -> Result<OffsetUnit, ParseOffsetUnitError> {
        match s {
            "bytes" => Ok(OffsetUnit::Bytes),
            "chars" => Ok(OffsetUnit::Chars),
            "utf16" => Ok(OffsetUnit::Utf16),
            _ => Err(ParseOffsetUnitError(s.to_owned())),
        }
    }
}

/// Distance in bytes between checkpoints.
const BLOCK: usize = 64;

/// Converts byte offsets of one text to [`OffsetUnit::Chars`] or
/// [`OffsetUnit::Utf16`] offsets (and back).
///
/// Built in one pass over the text. For ASCII text conversion is the
/// identity; otherwise the map keeps, every 64 bytes, the number of chars and
/// UTF-16 units that start before that byte, and finishes a conversion with a
/// scan of at most 63 bytes.
#[derive(Clone, Debug)]
pub struct OffsetMap {
    len: usize,
    /// `None` for ASCII text. Otherwise `(chars, utf16)` counts of the
    /// characters starting before byte `k * BLOCK`, for each `k` up to and
    /// including `len / BLOCK`.
    checkpoints: Option<Vec<(usize, usize)>>,
    /// The text's bytes (needed for the scan), empty for ASCII text.
    bytes: Box<[u8]>,
}

#[inline]
fn is_lead(b: u8) -> bool {
    // Not a continuation byte (0b10xx_xxxx).
    (b as i8) >= -0x40
}

#[inline]
fn utf16_units(lead: u8) -> usize {
    if lead >= 0xF0 {
        2
    } else {
        1
    }
}

impl OffsetMap {
    /// Builds the map for `text`.
    pub fn new(text: &str) -> OffsetMap {
        let bytes = text.as_bytes();
        if text.is_ascii() {
            return OffsetMap { len: bytes.len(), checkpoints: None, bytes: Box::default() };
        }
        let mut cps = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let (mut chars, mut units) = (0usize, 0usize);
        for block in bytes.chunks(BLOCK) {
            cps.push((chars, units));
            for &b in block {
                if is_lead(b) {
                    chars += 1;
                    units += utf16_units(b);
                }
            }
        }
        if bytes.len() % BLOCK == 0 {
            cps.push((chars, units));
        }
        OffsetMap { len: bytes.len(), checkpoints: Some(cps), bytes: bytes.into() }
    }

    /// Whether the text is ASCII only (all units agree).
    pub fn is_ascii(&self) -> bool {
        self.checkpoints.is_none()
    }

    /// Length of the text in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Length of the text in `unit`.
    pub fn len_in(&self, unit: OffsetUnit) -> usize {
        self.convert(self.len, unit)
    }

    /// Converts the byte offset `byte` to `unit`.
    ///
    /// `byte` should lie on a char boundary; otherwise the result counts the
    /// character that contains it as lying before it. Offsets past the end of
    /// the text are clamped to the end.
    pub fn convert(&self, byte: usize, unit: OffsetUnit) -> usize {
        let byte = byte.min(self.len);
        let Some(cps) = &self.checkpoints else {
            return byte;
        };
        if unit == OffsetUnit::Bytes {
            return byte;
        }
        let k = byte / BLOCK;
        let (mut chars, mut units) = cps[k];
        for &b in &self.bytes[k * BLOCK..byte] {
            if is_lead(b) {
                chars += 1;
                units += utf16_units(b);
            }
        }
        match unit {
            OffsetUnit::Chars => chars,
            OffsetUnit::Utf16 => units,
            OffsetUnit::Bytes => byte,
        }
    }

    /// Converts a byte offset to a character (code point) offset.
    pub fn to_chars(&self, byte: usize) -> usize {
        self.convert(byte, OffsetUnit::Chars)
    }

    /// Converts a byte offset to a UTF-16 offset.
    pub fn to_utf16(&self, byte: usize) -> usize {
        self.convert(byte, OffsetUnit::Utf16)
    }

    /// Converts an offset in `unit` back to a byte offset.
    ///
    /// An offset inside a character (the second unit of a UTF-16 surrogate
    /// pair) maps to the start of the next character. Offsets past the end
    /// are clamped to the end of the text.
    pub fn to_bytes(&self, offset: usize, unit: OffsetUnit) -> usize {
        let Some(cps) = &self.checkpoints else {
            return offset.min(self.len);
        };
        let pick = |c: &(usize, usize)| match unit {
            OffsetUnit::Chars => c.0,
            OffsetUnit::Utf16 => c.1,
            OffsetUnit::Bytes => unreachable!(),
        };
        if unit == OffsetUnit::Bytes {
            return offset.min(self.len);
        }
        // Last checkpoint whose count is <= offset.
        let k = cps.partition_point(|c| pick(c) <= offset).saturating_sub(1);
        let mut count = pick(&cps[k]);
        let mut pos = k * BLOCK;
        // Skip continuation bytes of a character that started in the
        // previous block.
        while pos < self.len && !is_lead(self.bytes[pos]) {
            pos += 1;
        }
        while pos < self.len && count < offset {
            let b = self.bytes[pos];
            count += if unit == OffsetUnit::Utf16 { utf16_units(b) } else { 1 };
            pos += 1;
            while pos < self.len && !is_lead(self.bytes[pos]) {
                pos += 1;
            }
        }
        pos
    }
}

/// Applies `f` to every offset in `a`: content, its segments and quoted
/// fragments, speaker and its antecedent, cue, date.
pub(crate) fn map_offsets(a: &mut Attribution, f: impl Fn(usize) -> usize) {
    let span = |s: &mut TextSpan| {
        s.start = f(s.start);
        s.end = f(s.end);
    };
    let c = &mut a.content;
    c.start = f(c.start);
    c.end = f(c.end);
    c.segments.iter_mut().chain(c.quoted.iter_mut()).for_each(span);
    if let Some(sp) = &mut a.speaker {
        sp.start = f(sp.start);
        sp.end = f(sp.end);
        if let Some(ant) = &mut sp.antecedent {
            span(ant);
        }
    }
    if let Some(cue) = &mut a.cue {
        cue.start = f(cue.start);
        cue.end = f(cue.end);
    }
    if let Some(d) = &mut a.date {
        d.start = f(d.start);
        d.end = f(d.end);
    }
}

/// Converts every offset in `a` (content, its segments and quoted
/// fragments, speaker and its antecedent, cue, date) from bytes to `unit`.
///
/// `map` must be built from the text the record was extracted from, and `a`
/// must still hold byte offsets. [`OffsetUnit::Bytes`] leaves it unchanged.
pub fn convert_attribution(a: &mut Attribution, map: &OffsetMap, unit: OffsetUnit) {
    if unit == OffsetUnit::Bytes || map.is_ascii() {
        return;
    }
    map_offsets(a, |x| map.convert(x, unit));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Content, Cue, DateRef, DateStatus, Kind, Speaker, SpeakerKind};

    fn naive(text: &str, byte: usize, unit: OffsetUnit) -> usize {
        let pre = &text[..byte];
        match unit {
            OffsetUnit::Bytes => byte,
            OffsetUnit::Chars => pre.chars().count(),
            OffsetUnit::Utf16 => pre.encode_utf16().count(),
        }
    }

    #[test]
    fn parse_units() {
        assert_eq!("bytes".parse::<OffsetUnit>(), Ok(OffsetUnit::Bytes));
        assert_eq!("chars".parse::<OffsetUnit>(), Ok(OffsetUnit::Chars));
        assert_eq!("utf16".parse::<OffsetUnit>(), Ok(OffsetUnit::Utf16));
        assert!("UTF-16".parse::<OffsetUnit>().is_err());
        assert_eq!(serde_json::to_string(&OffsetUnit::Utf16).unwrap(), "\"utf16\"");
        let u: OffsetUnit = serde_json::from_str("\"chars\"").unwrap();
        assert_eq!(u, OffsetUnit::Chars);
        assert_eq!(OffsetUnit::Chars.to_string(), "chars");
    }

    #[test]
    fn ascii_is_identity() {
        let m = OffsetMap::new("plain text");
        assert!(m.is_ascii());
        assert_eq!(m.to_chars(5), 5);
        assert_eq!(m.to_utf16(10), 10);
        assert_eq!(m.to_bytes(3, OffsetUnit::Utf16), 3);
        assert_eq!(m.to_chars(99), 10);
    }

    #[test]
    fn curly_quotes_and_emoji() {
        // “ is 3 bytes / 1 char / 1 unit; 😀 is 4 bytes / 1 char / 2 units.
        let t = "“Hi 😀,” she said.";
        let m = OffsetMap::new(t);
        assert!(!m.is_ascii());
        let said = t.find("said").unwrap();
        assert_eq!(said, 19);
        assert_eq!(m.to_chars(said), 12);
        assert_eq!(m.to_utf16(said), 13);
        let emoji = t.find('😀').unwrap();
        assert_eq!(m.to_chars(emoji), 4);
        assert_eq!(m.to_utf16(emoji + 4), 6);
        assert_eq!(m.len_in(OffsetUnit::Chars), t.chars().count());
        assert_eq!(m.len_in(OffsetUnit::Utf16), t.encode_utf16().count());
        assert_eq!(m.to_bytes(12, OffsetUnit::Chars), said);
        assert_eq!(m.to_bytes(13, OffsetUnit::Utf16), said);
    }

    #[test]
    fn every_boundary_matches_naive_count() {
        let mut t = String::new();
        for i in 0..400 {
            t.push_str(match i % 7 {
                0 => "ab ",
                1 => "é",
                2 => "“q”",
                3 => "😀",
                4 => "x",
                5 => "中文",
                _ => "\n",
            });
        }
        let m = OffsetMap::new(&t);
        for (b, _) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
            for unit in [OffsetUnit::Bytes, OffsetUnit::Chars, OffsetUnit::Utf16] {
                let o = naive(&t, b, unit);
                assert_eq!(m.convert(b, unit), o, "byte {b} {unit}");
                assert_eq!(m.to_bytes(o, unit), b, "back {o} {unit}");
            }
        }
    }

    #[test]
    fn block_aligned_length() {
        let t = "é".repeat(64); // 128 bytes: a multiple of the block size
        let m = OffsetMap::new(&t);
        assert_eq!(m.to_chars(128), 64);
        assert_eq!(m.to_utf16(64), 32);
        assert_eq!(m.to_bytes(64, OffsetUnit::Chars), 128);
    }

    #[test]
    fn converts_whole_record() {
        let t = "“We’ll win 😀,” said Zoë Ng on Friday.";
        let span = |s: &str| {
            let start = t.find(s).unwrap();
            TextSpan { start, end: start + s.len(), text: s.to_owned().into() }
        };
        let content = span("We’ll win 😀,");
        let mut a = Attribution {
            kind: Kind::Direct,
            content: Content {
                start: content.start,
                end: content.end,
                text: content.text.clone(),
                segments: vec![content.clone()],
                quoted: vec![span("win")],
                unclosed: false,
            },
            speaker: Some(Speaker {
                start: span("Zoë Ng").start,
                end: span("Zoë Ng").end,
                text: "Zoë Ng".into(),
                name: None,
                kind: SpeakerKind::Person,
                role: None,
                antecedent: Some(span("Ng")),
            }),
            cue: Some(Cue {
                start: span("said").start,
                end: span("said").end,
                text: "said".into(),
                lemma: "say".into(),
            }),
            date: Some(DateRef {
                start: span("on Friday").start,
                end: span("on Friday").end,
                text: "on Friday".into(),
                resolved: None,
                granularity: None,
                status: DateStatus::Unresolved,
                inherited: false,
            }),
            rule: "test/x".into(),
            confidence: 1.0,
        };
        let orig = a.clone();
        let m = OffsetMap::new(t);
        convert_attribution(&mut a, &m, OffsetUnit::Bytes);
        assert_eq!(a, orig);
        let mut u = a.clone();
        convert_attribution(&mut a, &m, OffsetUnit::Chars);
        convert_attribution(&mut u, &m, OffsetUnit::Utf16);
        let chars: Vec<char> = t.chars().collect();
        let sl = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
        assert_eq!(sl(a.content.start, a.content.end), "We’ll win 😀,");
        assert_eq!((a.content.start, a.content.end), (1, 13));
        assert_eq!((u.content.start, u.content.end), (1, 14));
        assert_eq!(sl(a.content.segments[0].start, a.content.segments[0].end), "We’ll win 😀,");
        assert_eq!(sl(a.content.quoted[0].start, a.content.quoted[0].end), "win");
        let sp = a.speaker.as_ref().unwrap();
        assert_eq!(sl(sp.start, sp.end), "Zoë Ng");
        let ant = sp.antecedent.as_ref().unwrap();
        assert_eq!(sl(ant.start, ant.end), "Ng");
        let cue = a.cue.as_ref().unwrap();
        assert_eq!(sl(cue.start, cue.end), "said");
        let d = a.date.as_ref().unwrap();
        assert_eq!(sl(d.start, d.end), "on Friday");
        let utf16: Vec<u16> = t.encode_utf16().collect();
        let cu = u.cue.as_ref().unwrap();
        assert_eq!(String::from_utf16(&utf16[cu.start..cu.end]).unwrap(), "said");
    }
}
