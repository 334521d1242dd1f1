//! The project's fixture format: an article with its expected attributions.
//!
//! ```text
//! # title: Council approves school plan
//! # date: 2025-03-15
//! # note: free text, repeatable
//! # expect: direct | We will rebuild every school. | Jane Smith | said | 2025-03-12
//! # expect: indirect | the budget would be balanced | officials | said | -
//! # expect-none: so-called
//! ---
//! <article text>
//! ```
//!
//! Header lines are `# key: value` (blank lines allowed) up to a line `---`;
//! the text is everything after that line. Keys: `title`, `date` (publication
//! date, `YYYY-MM-DD`), `note`, `expect` and `expect-none` (the last three
//! repeatable).
//!
//! An `expect` line has 4 or 5 fields separated by ` | `: KIND (`direct`,
//! `partial`, `mixed`, `indirect`), CONTENT (copied from the text; the
//! segments of a split or multi-paragraph quote joined with ` // `), SPEAKER
//! (the canonical expected name), CUE (as written) and optionally DATE
//! (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or `-` for none; absent = not checked).
//! SPEAKER or CUE `-` expects the record to have none. Fields cannot
//! contain `|`.
//!
//! An `expect-none` snippet must not occur in any record's content.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::eval::{GoldCue, GoldDoc, GoldQuote, GoldSpeaker};
use crate::offsets::OffsetMap;
use crate::record::{Attribution, Kind};
use crate::span::Span;

/// A fixture: article text with its header of expectations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fixture {
    /// The file it was loaded from, if any.
    pub path: Option<PathBuf>,
    /// The `title` header.
    pub title: Option<String>,
    /// The publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The `note` headers, in order.
    pub notes: Vec<String>,
    /// The `expect` headers, in order.
    pub expects: Vec<Expect>,
    /// The `expect-none` snippets.
    pub expect_none: Vec<String>,
    /// The article text.
    pub text: String,
    /// Byte offset of the text in the file.
    pub text_offset: usize,
}

/// One expected attribution (an `expect` header line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expect {
    /// The expected kind.
    pub kind: Kind,
    /// The content as written in the text: one segment, or the pieces of a
    /// split quote in order.
    pub segments: Vec<String>,
    /// The canonical speaker name, or `-` for no speaker.
    pub speaker: String,
    /// The cue as written, or `-` for no cue.
    pub cue: String,
    /// The expected resolved date, `-` for none; `None` = not checked.
    pub date: Option<String>,
    /// 1-based line number of the header line.
    pub line: usize,
}

impl Expect {
    /// The expectation as a header line, `# expect: …`.
    pub fn to_line(&self) -> String {
        let mut s = format!(
            "# expect: {} | {} | {} | {}",
            self.kind.as_str(),
            self.segments.join(" // "),
            self.speaker,
            self.cue
        );
        if let Some(d) = &self.date {
            s.push_str(" | ");
            s.push_str(d);
        }
        s
    }
}

/// An expectation located in the fixture text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocatedExpect {
    /// Index into [`Fixture::expects`].
    pub index: usize,
    /// Byte span covering all segments.
    pub span: Span,
    /// Byte span of each segment.
    pub segments: Vec<Span>,
}

/// An error reading, parsing or locating a fixture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixtureError {
    /// The fixture file, when known.
    pub path: Option<PathBuf>,
    /// 1-based line number in the file, when the error has one.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl FixtureError {
    fn at(line: usize, message: impl Into<String>) -> FixtureError {
        FixtureError { path: None, line: Some(line), message: message.into() }
    }
}

impl fmt::Display for FixtureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = &self.path {
            write!(f, "{}:", p.display())?;
        }
        if let Some(l) = self.line {
            write!(f, "{l}:")?;
        }
        if self.path.is_some() || self.line.is_some() {
            f.write_str(" ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for FixtureError {}

fn valid_date(s: &str, full_only: bool) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let in_range = |p: &str, hi: u32| p.parse::<u32>().is_ok_and(|v| (1..=hi).contains(&v));
    match parts.as_slice() {
        [y] => !full_only && digits(y, 4),
        [y, m] => !full_only && digits(y, 4) && digits(m, 2) && in_range(m, 12),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2) && in_range(m, 12) && in_range(d, 31),
        _ => false,
    }
}

fn parse_expect(value: &str, line: usize) -> Result<Expect, FixtureError> {
    // Fields are separated by ` | `; a bare `|` separates too, so that an
    // empty field (`a | | b`) is reported as empty rather than miscounted.
    let fields: Vec<&str> = value.split('|').map(str::trim).collect();
    if !(4..=5).contains(&fields.len()) {
        return Err(FixtureError::at(
            line,
            format!(
                "expect needs 4 or 5 fields separated by ` | ` \
                 (KIND | CONTENT | SPEAKER | CUE [| DATE]), found {}",
                fields.len()
            ),
        ));
    }
    let kind = Kind::parse(fields[0]).ok_or_else(|| {
        FixtureError::at(line, format!("unknown kind {:?} (expected direct, partial, mixed or indirect)", fields[0]))
    })?;
    let segments: Vec<String> = fields[1].split(" // ").map(|s| s.trim().to_owned()).collect();
    let f1 = fields[1];
    if segments.iter().any(String::is_empty) || f1 == "//" || f1.starts_with("// ") || f1.ends_with(" //") {
        return Err(FixtureError::at(line, "expect has an empty content segment"));
    }
    for (name, v) in [("speaker", fields[2]), ("cue", fields[3])] {
        if v.is_empty() {
            return Err(FixtureError::at(line, format!("expect has an empty {name} (use `-`)")));
        }
    }
    let date = match fields.get(4) {
        None => None,
        Some(&d) if d == "-" || valid_date(d, false) => Some(d.to_owned()),
        Some(d) => {
            return Err(FixtureError::at(
                line,
                format!("bad expect date {d:?} (expected YYYY-MM-DD, YYYY-MM, YYYY or -)"),
            ))
        }
    };
    Ok(Expect { kind, segments, speaker: fields[2].to_owned(), cue: fields[3].to_owned(), date, line })
}

/// Parses a fixture file's contents.
pub fn parse(src: &str) -> Result<Fixture, FixtureError> {
    let mut fx = Fixture::default();
    let mut offset = 0;
    let mut line_no = 0;
    for raw in src.split_inclusive('\n') {
        line_no += 1;
        let line_start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        if line.trim_end() == "---" {
            fx.text_offset = offset;
            fx.text = src[offset..].to_owned();
            return Ok(fx);
        }
        if line.trim().is_empty() {
            continue;
        }
        let Some(rest) = line.strip_prefix('#') else {
            return Err(FixtureError::at(
                line_no,
                format!(
                    "expected a `# key: value` header line or `---` (byte {line_start}), \
                     found {line:?}"
                ),
            ));
        };
        let Some((key, value)) = rest.split_once(':') else {
            return Err(FixtureError::at(line_no, format!("header line without `key:`: {line:?}")));
        };
        let (key, value) = (key.trim(), value.trim());
        let once = |slot: &Option<String>| {
            if slot.is_some() {
                Err(FixtureError::at(line_no, format!("repeated `{key}` header")))
            } else {
                Ok(Some(value.to_owned()))
            }
        };
        match key {
            "title" => fx.title = once(&fx.title)?,
            "date" => {
                if !valid_date(value, true) {
                    return Err(FixtureError::at(
                        line_no,
                        format!("bad publication date {value:?} (expected YYYY-MM-DD)"),
                    ));
                }
                fx.date = once(&fx.date)?;
            }
            "note" => fx.notes.push(value.to_owned()),
            "expect" => fx.expects.push(parse_expect(value, line_no)?),
            "expect-none" => {
                if value.is_empty() {
                    return Err(FixtureError::at(line_no, "empty expect-none snippet"));
                }
                fx.expect_none.push(value.to_owned());
            }
            _ => {
                return Err(FixtureError::at(
                    line_no,
                    format!(
                        "unknown header key {key:?} \
                         (expected title, date, note, expect or expect-none)"
                    ),
                ))
            }
        }
    }
    Err(FixtureError::at(line_no + 1, "missing `---` line between the header and the text"))
}

/// Trimmed at both ends of content segments before comparing.
fn is_content_trim(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '“' | '”'
                | '‘'
                | '’'
                | '"'
                | '\''
                | '«'
                | '»'
                | '„'
                | '‹'
                | '›'
                | '.'
                | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | '-'
                | '–'
                | '—'
                | '…'
        )
}

/// The first occurrence of `needle` in `hay` at or after byte `from` that
/// is not part of a longer word: “No” in “No,” she said, not in “Not
/// again”.
fn find_whole(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let rest = hay.get(from..)?;
    rest.match_indices(needle).map(|(p, _)| p + from).find(|&p| {
        let before = hay[..p].chars().next_back();
        let after = hay[p + needle.len()..].chars().next();
        let joins_before = word(needle.chars().next()) && word(before);
        let joins_after = word(needle.chars().next_back()) && word(after);
        !joins_before && !joins_after
    })
}

/// Normalises content segments for comparison: each trimmed of whitespace,
/// quote marks and end punctuation, joined by one space, internal whitespace
/// collapsed.
pub fn normalize_content<S: AsRef<str>>(segments: &[S]) -> String {
    let mut out = String::new();
    for s in segments {
        for w in s.as_ref().trim_matches(is_content_trim).split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

fn norm_speaker(s: &str) -> String {
    let s = s.trim().to_lowercase();
    match s.strip_prefix("the ") {
        Some(rest) => rest.trim_start().to_owned(),
        None => s,
    }
}

/// Whether `needle` occurs in `hay` as whole words.
fn contains_words(hay: &str, needle: &str) -> bool {
    let is_w = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    hay.match_indices(needle)
        .any(|(i, m)| !is_w(hay[..i].chars().next_back()) && !is_w(hay[i + m.len()..].chars().next()))
}

/// Which fields of a record agree with an expectation.
#[derive(Clone, Copy, Debug, Default)]
struct FieldMatch {
    kind: bool,
    content: bool,
    speaker: bool,
    cue: bool,
    date: bool,
}

impl FieldMatch {
    fn all(&self) -> bool {
        self.kind && self.content && self.speaker && self.cue && self.date
    }

    fn count(&self) -> usize {
        [self.kind, self.content, self.speaker, self.cue, self.date].iter().filter(|&&b| b).count()
    }
}

fn compare(e: &Expect, a: &Attribution) -> FieldMatch {
    let want = normalize_content(&e.segments);
    let segs: Vec<&str> = a.content.segments.iter().map(|s| &*s.text).collect();
    let content =
        want == normalize_content(&segs) || (e.segments.len() == 1 && want == normalize_content(&[&a.content.text]));
    let speaker = if e.speaker == "-" {
        a.speaker.is_none()
    } else {
        let w = norm_speaker(&e.speaker);
        a.speaker
            .as_ref()
            .is_some_and(|s| norm_speaker(&s.text) == w || s.name.as_deref().is_some_and(|n| norm_speaker(n) == w))
    };
    let cue = if e.cue == "-" {
        a.cue.is_none()
    } else {
        let w = e.cue.trim().to_lowercase();
        a.cue.as_ref().is_some_and(|c| contains_words(&c.text.to_lowercase(), &w))
    };
    let date = match e.date.as_deref() {
        None => true,
        Some("-") => a.date.as_ref().is_none_or(|x| x.resolved.is_none()),
        Some(d) => a.date.as_ref().and_then(|x| x.resolved.as_deref()) == Some(d),
    };
    FieldMatch { kind: a.kind == e.kind, content, speaker, cue, date }
}

fn words(s: &str) -> Vec<String> {
    let mut w: Vec<String> =
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    w.sort();
    w.dedup();
    w
}

fn similarity(a: &[String], b: &[String]) -> f64 {
    let inter = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

fn describe(a: &Attribution) -> String {
    let speaker = match &a.speaker {
        Some(s) => match &s.name {
            Some(n) if *n != s.text => format!("{n} ({})", s.text),
            _ => s.text.to_string(),
        },
        None => "-".into(),
    };
    let date = match &a.date {
        Some(d) => d.resolved.clone().unwrap_or_else(|| format!("unresolved {:?}", d.text)),
        None => "-".into(),
    };
    let segs: Vec<&str> = a.content.segments.iter().map(|s| &*s.text).collect();
    let content = if segs.len() > 1 { segs.join(" // ") } else { a.content.text.to_string() };
    format!(
        "{} | {} | {} | {} | {} (rule {})",
        a.kind.as_str(),
        content,
        speaker,
        a.cue.as_ref().map_or("-", |c| &*c.text),
        date,
        a.rule
    )
}

/// Kuhn's augmenting-path step for the expect/record assignment.
fn augment(e: usize, ok: &[Vec<usize>], seen: &mut [bool], owner: &mut [Option<usize>]) -> bool {
    for &a in &ok[e] {
        if seen[a] {
            continue;
        }
        seen[a] = true;
        let free = match owner[a] {
            None => true,
            Some(o) => augment(o, ok, seen, owner),
        };
        if free {
            owner[a] = Some(e);
            return true;
        }
    }
    false
}

impl Fixture {
    /// Reads and parses a fixture file.
    pub fn load(path: impl AsRef<Path>) -> Result<Fixture, FixtureError> {
        let path = path.as_ref();
        let with_path = |mut e: FixtureError| {
            e.path = Some(path.to_owned());
            e
        };
        let src = std::fs::read_to_string(path)
            .map_err(|e| with_path(FixtureError { path: None, line: None, message: e.to_string() }))?;
        let mut fx = parse(&src).map_err(with_path)?;
        fx.path = Some(path.to_owned());
        Ok(fx)
    }

    fn err(&self, line: usize, message: String) -> FixtureError {
        FixtureError { path: self.path.clone(), line: Some(line), message }
    }

    fn prefix(&self, line: usize) -> String {
        match &self.path {
            Some(p) => format!("{}:{line}: ", p.display()),
            None => format!("line {line}: "),
        }
    }

    /// Finds each expectation's segments in the text (byte spans).
    ///
    /// The first segment is searched from the start of the previous
    /// expectation, each later segment after the one before it; a failed
    /// search is retried from the start of the text.
    pub fn locate(&self) -> Result<Vec<LocatedExpect>, FixtureError> {
        let t = &self.text;
        let mut out = Vec::with_capacity(self.expects.len());
        let mut prev_start = 0;
        for (index, e) in self.expects.iter().enumerate() {
            let mut from = prev_start;
            let mut segments = Vec::with_capacity(e.segments.len());
            for seg in &e.segments {
                // Trailing or leading punctuation is not compared (see
                // `check`), so it need not match the text either.
                let seg = seg.trim_matches(|c: char| {
                    c.is_whitespace() || ".,;:!?-–—…".contains(c) || crate::tokenize::is_quote_char(c)
                });
                if seg.is_empty() {
                    return Err(self.err(e.line, "empty content segment".to_owned()));
                }
                let pos = find_whole(t, seg, from)
                    .or_else(|| find_whole(t, seg, 0))
                    .or_else(|| t.get(from..).and_then(|rest| rest.find(seg)).map(|p| p + from))
                    .or_else(|| t.find(seg))
                    .ok_or_else(|| self.err(e.line, format!("expected content {seg:?} not found in the text")))?;
                segments.push(Span::new(pos, pos + seg.len()));
                from = pos + seg.len();
            }
            let span = segments.iter().copied().reduce(Span::cover).unwrap_or_default();
            prev_start = span.start;
            out.push(LocatedExpect { index, span, segments });
        }
        Ok(out)
    }

    /// Checks extracted records against the expectations. Returns one
    /// message per failure: an `expect` no record matches (each record
    /// matches at most one expectation), or an `expect-none` snippet found in
    /// a record's content. Empty when all is well.
    pub fn check(&self, attrs: &[Attribution]) -> Vec<String> {
        let cmp: Vec<Vec<FieldMatch>> =
            self.expects.iter().map(|e| attrs.iter().map(|a| compare(e, a)).collect()).collect();
        let ok: Vec<Vec<usize>> =
            cmp.iter().map(|row| row.iter().enumerate().filter(|(_, m)| m.all()).map(|(i, _)| i).collect()).collect();
        let mut owner: Vec<Option<usize>> = vec![None; attrs.len()];
        let matched: Vec<bool> =
            (0..self.expects.len()).map(|e| augment(e, &ok, &mut vec![false; attrs.len()], &mut owner)).collect();
        let mut out = Vec::new();
        for (ei, e) in self.expects.iter().enumerate() {
            if matched[ei] {
                continue;
            }
            let mut msg = format!("{}no record matches `{}`", self.prefix(e.line), e.to_line());
            let want = words(&e.segments.join(" "));
            let best = attrs
                .iter()
                .enumerate()
                .map(|(ai, a)| {
                    let m = cmp[ei][ai];
                    let sim = if m.content { 2.0 } else { similarity(&want, &words(&a.content.text)) };
                    (ai, m, sim)
                })
                .filter(|x| x.2 > 0.0)
                .max_by(|x, y| x.2.total_cmp(&y.2).then(x.1.count().cmp(&y.1.count())).then(y.0.cmp(&x.0)));
            match best {
                None => msg.push_str("\n    no record has similar content"),
                Some((ai, m, _)) => {
                    let a = &attrs[ai];
                    msg.push_str(&format!("\n    closest record: {}", describe(a)));
                    let mut diffs = Vec::new();
                    if !m.kind {
                        diffs.push(format!("kind {} ≠ expected {}", a.kind.as_str(), e.kind.as_str()));
                    }
                    if !m.content {
                        diffs.push("content differs".to_owned());
                    }
                    if !m.speaker {
                        diffs.push(format!("speaker ≠ expected {:?}", e.speaker));
                    }
                    if !m.cue {
                        diffs.push(format!("cue ≠ expected {:?}", e.cue));
                    }
                    if !m.date {
                        diffs.push(format!("date ≠ expected {:?}", e.date.as_deref().unwrap_or("-")));
                    }
                    if diffs.is_empty() {
                        let other = owner[ai].map_or(0, |o| self.expects[o].line);
                        diffs.push(format!("it is already matched to the expect on line {other}"));
                    }
                    msg.push_str(&format!("\n    differs: {}", diffs.join("; ")));
                }
            }
            out.push(msg);
        }
        for snip in &self.expect_none {
            for a in attrs.iter().filter(|a| a.content.text.contains(snip.as_str())) {
                out.push(format!(
                    "{}expect-none {snip:?} found in record: {}",
                    self.path.as_ref().map_or(String::new(), |p| format!("{}: ", p.display())),
                    describe(a)
                ));
            }
        }
        out
    }

    /// The expectations as a gold document for [`crate::eval`], with
    /// character offsets (hull, fragments of multi-segment expectations,
    /// speaker name, cue text, date).
    pub fn to_gold(&self, id: &str) -> Result<GoldDoc, FixtureError> {
        let located = self.locate()?;
        let map = OffsetMap::new(&self.text);
        let c = |b: usize| map.to_chars(b);
        let quotes = located
            .iter()
            .map(|l| {
                let e = &self.expects[l.index];
                GoldQuote {
                    start: c(l.span.start),
                    end: c(l.span.end),
                    text: Some(self.text[l.span.range()].to_owned()),
                    kind: Some(e.kind.as_str().to_owned()),
                    fragments: (l.segments.len() > 1)
                        .then(|| l.segments.iter().map(|s| [c(s.start), c(s.end)]).collect()),
                    speaker: (e.speaker != "-")
                        .then(|| GoldSpeaker { name: Some(e.speaker.clone()), ..GoldSpeaker::default() }),
                    cue: (e.cue != "-").then(|| GoldCue { text: Some(e.cue.clone()), ..GoldCue::default() }),
                    date: e.date.clone(),
                }
            })
            .collect();
        Ok(GoldDoc { id: id.to_owned(), text: self.text.clone(), date: self.date.clone(), quotes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Content, Cue, DateRef, DateStatus, Speaker, SpeakerKind, TextSpan};

    const GOOD: &str = "# title: Council approves plan
# date: 2025-03-15
# note: first note
# note: second note

# expect: direct | We will rebuild every school. | Jane Smith | said | 2025-03-12
# expect: indirect | the budget would be balanced | officials | said | -
# expect: direct | Never, // ever. | Bob Ng | added
# expect-none: so-called
---
“We will rebuild every school.” Mayor Jane Smith said on Wednesday. Officials said the budget would be balanced.
“Never,” Ng added, “ever.” A so-called plan.
";

    fn fx() -> Fixture {
        parse(GOOD).unwrap()
    }

    fn ts(text: &str, s: &str) -> TextSpan<'static> {
        let start = text.find(s).unwrap();
        TextSpan { start, end: start + s.len(), text: s.to_owned().into() }
    }

    fn rec(
        text: &str,
        kind: Kind,
        segs: &[&str],
        speaker: &str,
        cue: &str,
        date: Option<&str>,
    ) -> Attribution<'static> {
        let segments: Vec<TextSpan> = segs.iter().map(|s| ts(text, s)).collect();
        let (start, end) = (segments[0].start, segments[segments.len() - 1].end);
        let sp = ts(text, speaker);
        let cu = ts(text, cue);
        Attribution {
            kind,
            content: Content {
                start,
                end,
                text: text[start..end].to_owned().into(),
                segments,
                quoted: vec![],
                unclosed: false,
            },
            speaker: Some(Speaker {
                start: sp.start,
                end: sp.end,
                text: sp.text,
                name: None,
                kind: SpeakerKind::Person,
                role: None,
                antecedent: None,
            }),
            cue: Some(Cue { start: cu.start, end: cu.end, text: cu.text, lemma: "say".into() }),
            date: date.map(|d| DateRef {
                start: 0,
                end: 0,
                text: "on Wednesday".into(),
                resolved: (d != "?").then(|| d.to_owned()),
                granularity: None,
                status: DateStatus::Relative,
                inherited: false,
            }),
            rule: "test/rule".into(),
            confidence: 1.0,
        }
    }

    fn good_records(f: &Fixture) -> Vec<Attribution<'_>> {
        let t = &f.text;
        let mut a =
            rec(t, Kind::Direct, &["We will rebuild every school."], "Mayor Jane Smith", "said", Some("2025-03-12"));
        a.speaker.as_mut().unwrap().name = Some("Jane Smith".into());
        let b = rec(t, Kind::Indirect, &["the budget would be balanced."], "Officials", "said", None);
        let mut c = rec(t, Kind::Direct, &["“Never,”", "“ever.”"], "Ng", "added", None);
        c.speaker.as_mut().unwrap().name = Some("Bob Ng".into());
        vec![c, b, a]
    }

    #[test]
    fn parses_good_file() {
        let f = fx();
        assert_eq!(f.title.as_deref(), Some("Council approves plan"));
        assert_eq!(f.date.as_deref(), Some("2025-03-15"));
        assert_eq!(f.notes, vec!["first note", "second note"]);
        assert_eq!(f.expects.len(), 3);
        let e = &f.expects[0];
        assert_eq!((e.kind, e.speaker.as_str(), e.cue.as_str()), (Kind::Direct, "Jane Smith", "said"));
        assert_eq!(e.segments, vec!["We will rebuild every school."]);
        assert_eq!(e.date.as_deref(), Some("2025-03-12"));
        assert_eq!(e.line, 6);
        assert_eq!(f.expects[1].date.as_deref(), Some("-"));
        assert_eq!(f.expects[2].segments, vec!["Never,", "ever."]);
        assert_eq!(f.expects[2].date, None);
        assert_eq!(f.expect_none, vec!["so-called"]);
        assert!(f.text.starts_with("“We will"));
        assert_eq!(&GOOD[f.text_offset..], f.text);
        assert_eq!(e.to_line(), "# expect: direct | We will rebuild every school. | Jane Smith | said | 2025-03-12");
        // CRLF and an empty text.
        let f = parse("# title: x\r\n---\r\n").unwrap();
        assert_eq!(f.text, "");
        assert_eq!(f.text_offset, 17);
    }

    #[test]
    fn malformed_files() {
        let bad = |src: &str, line: usize, needle: &str| {
            let e = parse(src).unwrap_err();
            assert_eq!(e.line, Some(line), "{src:?}: {e}");
            assert!(e.message.contains(needle), "{src:?}: {e}");
        };
        bad("# title: x\ntext\n", 2, "header line");
        bad("# title: x\n", 2, "missing `---`");
        bad("# titel: x\n---\n", 1, "unknown header key");
        bad("# no colon here\n---\n", 1, "without `key:`");
        bad("# title: a\n# title: b\n---\n", 2, "repeated");
        bad("# date: 2025-3-15\n---\n", 1, "publication date");
        bad("# date: 2025-03\n---\n", 1, "publication date");
        bad("# expect: direct | x | y\n---\n", 1, "4 or 5 fields");
        bad("# expect: direct | x | y | said | 2025 | extra\n---\n", 1, "4 or 5 fields");
        bad("# expect: quoted | x | y | said\n---\n", 1, "unknown kind");
        bad("# expect: direct | x //  | y | said\n---\n", 1, "empty content");
        bad("# expect: direct | x | | said\n---\n", 1, "empty speaker");
        bad("# expect: direct | x | y | said | 2025-13-01\n---\n", 1, "bad expect date");
        bad("# expect: direct | x | y | said | March\n---\n", 1, "bad expect date");
        bad("# expect-none:\n---\n", 1, "empty expect-none");
        let ok =
            parse("# expect: direct | x | y | said | 2025-03\n# expect: mixed | x | y | said | 2025\n---\nx").unwrap();
        assert_eq!(ok.expects[1].kind, Kind::Mixed);
        let e = FixtureError { path: Some("f.txt".into()), line: Some(3), message: "m".into() };
        assert_eq!(e.to_string(), "f.txt:3: m");
    }

    #[test]
    fn locates_segments() {
        let f = fx();
        let l = f.locate().unwrap();
        assert_eq!(l.len(), 3);
        // Located spans leave out the end punctuation the checker ignores.
        assert_eq!(&f.text[l[0].span.range()], "We will rebuild every school");
        assert_eq!(&f.text[l[1].span.range()], "the budget would be balanced");
        assert_eq!(l[2].segments.len(), 2);
        assert_eq!(&f.text[l[2].segments[1].range()], "ever");
        assert_eq!(&f.text[l[2].span.range()], "Never,” Ng added, “ever");
        // Repeated content is found in order; an out-of-order expect falls
        // back to a search from the start.
        let f = parse("# expect: direct | Yes. | A | said\n# expect: direct | Yes. | B | said\n# expect: direct | first | C | said\n---\nfirst: Yes. Then: Yes.").unwrap();
        let l = f.locate().unwrap();
        assert_eq!((l[0].span.start, l[1].span.start, l[2].span.start), (7, 7, 0));
        // (The second "Yes." search starts at the previous expect's start,
        // so both land on the same occurrence.) Later segments of one expect
        // are searched after the earlier ones:
        let f = parse("# expect: direct | Yes. // Yes. | A | said\n---\nYes. x Yes.").unwrap();
        assert_eq!(f.locate().unwrap()[0].segments, vec![Span::new(0, 3), Span::new(7, 10)]);
        // Content is found as whole words: “No,” is not the start of “Not”.
        let f = parse("# expect: direct | No, | A | said\n---\n“Not again”\n\n“No,” A said.").unwrap();
        assert_eq!(f.locate().unwrap()[0].span, Span::new(20, 22));
        // (A part of a word is still found when there is nothing better.)
        let f = parse("# expect: direct | eve | A | said\n---\nNever").unwrap();
        assert_eq!(f.locate().unwrap()[0].span, Span::new(1, 4));
        let f = parse("# expect: direct | absent | A | said\n---\ntext").unwrap();
        let e = f.locate().unwrap_err();
        assert_eq!(e.line, Some(1));
        assert!(e.message.contains("not found"));
    }

    #[test]
    fn check_passes_on_good_records() {
        let f = fx();
        let recs = good_records(&f);
        assert_eq!(f.check(&recs), Vec::<String>::new());
        // Cue containment and "the" on speakers.
        let mut r = recs.clone();
        r[1].cue.as_mut().unwrap().text = "said in a statement".into();
        r[1].speaker.as_mut().unwrap().text = "the officials".into();
        assert_eq!(f.check(&r), Vec::<String>::new());
        // Single-segment expect against the whole content text.
        let g = parse("# expect: direct | A,” he said, “B. | X | said\n---\n“A,” he said, “B.”").unwrap();
        let t = &g.text;
        let rec2 = rec(t, Kind::Direct, &["A,", "B."], "he", "said", None);
        let mut rec2 = rec2;
        rec2.speaker.as_mut().unwrap().name = Some("X".into());
        assert_eq!(g.check(&[rec2]), Vec::<String>::new());
    }

    #[test]
    fn check_reports_each_field() {
        let f = fx();
        let fails = |edit: &dyn Fn(&mut Vec<Attribution>)| {
            let mut r = good_records(&f);
            edit(&mut r);
            f.check(&r)
        };
        let m = fails(&|r| r[2].kind = Kind::Partial);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].contains("line 6") && m[0].contains("kind partial ≠ expected direct"), "{}", m[0]);
        let m = fails(&|r| {
            let t = r[1].content.text.replace("balanced", "fixed");
            r[1].content.text = t.clone().into();
            r[1].content.segments[0].text = t.into();
        });
        assert!(m.len() == 1 && m[0].contains("content differs") && m[0].contains("line 7"), "{m:?}");
        let m = fails(&|r| r[2].speaker.as_mut().unwrap().name = Some("Jane Doe".into()));
        assert!(m.len() == 1 && m[0].contains("speaker ≠ expected \"Jane Smith\""), "{m:?}");
        let m = fails(&|r| r[0].speaker = None);
        assert!(m.len() == 1 && m[0].contains("speaker"), "{m:?}");
        let m = fails(&|r| r[1].cue.as_mut().unwrap().text = "claimed".into());
        assert!(m.len() == 1 && m[0].contains("cue ≠ expected \"said\""), "{m:?}");
        let m = fails(&|r| r[1].cue.as_mut().unwrap().text = "unsaid".into());
        assert!(m.len() == 1 && m[0].contains("cue"), "{m:?}");
        let m = fails(&|r| r[2].date.as_mut().unwrap().resolved = Some("2025-03-13".into()));
        assert!(m.len() == 1 && m[0].contains("date ≠ expected \"2025-03-12\""), "{m:?}");
        // "-" accepts an unresolved date but not a resolved one.
        let unresolved = rec(&f.text, Kind::Direct, &["Never"], "Mayor", "said", Some("?")).date;
        assert!(fails(&|r| r[1].date = unresolved.clone()).is_empty());
        let m = fails(&|r| r[1].date = r[2].date.clone());
        assert!(m.len() == 1 && m[0].contains("date ≠ expected \"-\""), "{m:?}");
        // Missing record, duplicate expects need two records.
        let m = fails(&|r| {
            r.remove(0);
        });
        assert!(m.len() == 1 && m[0].contains("Never"), "{m:?}");
        assert!(m[0].contains("no record has similar content") || m[0].contains("closest"));
        // expect-none.
        let m = fails(&|r| {
            let t = f.text.clone();
            r.push(rec(&t, Kind::Indirect, &["A so-called plan."], "Ng", "added", None));
        });
        assert!(m.len() == 1 && m[0].contains("expect-none \"so-called\""), "{m:?}");
    }

    #[test]
    fn each_record_matches_one_expect() {
        let f = parse(
            "# expect: direct | Yes. | A | said\n# expect: direct | Yes. | A | said\n---\nYes, A said. “Yes.” A said.",
        )
        .unwrap();
        let t = &f.text;
        let one = rec(t, Kind::Direct, &["“Yes.”"], "A", "said", None);
        let m = f.check(std::slice::from_ref(&one));
        assert_eq!(m.len(), 1);
        assert!(m[0].contains("already matched to the expect on line 1"), "{}", m[0]);
        assert!(f.check(&[one.clone(), one]).is_empty());
    }

    #[test]
    fn to_gold_uses_char_offsets() {
        let src = "# date: 2025-03-15\n# expect: direct | Ça va, // très bien 😀. | Zoë | said | 2025-03-14\n# expect: indirect | it was fine | Zoë | told | -\n---\n“Ça va,” Zoë said, “très bien 😀.” She told me it was fine.";
        let f = parse(src).unwrap();
        let g = f.to_gold("fx:1").unwrap();
        assert_eq!(g.id, "fx:1");
        assert_eq!(g.date.as_deref(), Some("2025-03-15"));
        let chars: Vec<char> = f.text.chars().collect();
        let sl = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
        let q = &g.quotes[0];
        assert_eq!((q.start, q.end), (1, 31));
        assert_eq!(sl(q.start, q.end), "Ça va,” Zoë said, “très bien 😀");
        let fr = q.fragments.as_ref().unwrap();
        assert_eq!(sl(fr[0][0], fr[0][1]), "Ça va");
        assert_eq!(sl(fr[1][0], fr[1][1]), "très bien 😀");
        assert_eq!(q.kind.as_deref(), Some("direct"));
        assert_eq!(q.speaker.as_ref().unwrap().name.as_deref(), Some("Zoë"));
        assert_eq!(q.cue.as_ref().unwrap().text.as_deref(), Some("said"));
        assert_eq!(q.date.as_deref(), Some("2025-03-14"));
        let q = &g.quotes[1];
        assert_eq!(sl(q.start, q.end), "it was fine");
        assert_eq!(q.fragments, None);
        assert_eq!(q.date.as_deref(), Some("-"));
    }
}
