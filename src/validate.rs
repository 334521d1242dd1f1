//! Consistency checks on records, for tests and fuzzers.
//!
//! [`check`] verifies what every record promises about its text: each span
//! (content, segments, quoted fragments, speaker, antecedent, cue, date) is
//! in bounds, on `char` boundaries, and its `text` is exactly
//! `&input[start..end]`; segments lie in order inside the content;
//! confidences are in `0..=1`; and records are sorted by content start.
//!
//! ```
//! let text = "“We had very good talks,” Trump wrote.";
//! let recs = whosaid::Extractor::new().extract(text);
//! whosaid::validate::check(text, &recs).unwrap();
//! ```

use crate::record::Attribution;

fn span(text: &str, what: &str, start: usize, end: usize, s: &str) -> Result<(), String> {
    if start > end || end > text.len() {
        return Err(format!("{what}: span {start}..{end} out of bounds (text is {} bytes)", text.len()));
    }
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return Err(format!("{what}: span {start}..{end} not on char boundaries"));
    }
    if &text[start..end] != s {
        return Err(format!("{what}: text {s:?} is not input[{start}..{end}] = {:?}", &text[start..end]));
    }
    Ok(())
}

/// Checks the records `recs` extracted from `text` (with byte offsets).
///
/// # Errors
/// A description of the first inconsistency found.
pub fn check(text: &str, recs: &[Attribution]) -> Result<(), String> {
    let mut prev_start = 0;
    for (k, a) in recs.iter().enumerate() {
        let c = &a.content;
        span(text, &format!("record {k} content"), c.start, c.end, &c.text)?;
        if c.start < prev_start {
            return Err(format!("record {k}: not sorted by content start"));
        }
        prev_start = c.start;
        if c.segments.is_empty() {
            return Err(format!("record {k}: no segments"));
        }
        let mut after = c.start;
        for (j, s) in c.segments.iter().enumerate() {
            span(text, &format!("record {k} segment {j}"), s.start, s.end, &s.text)?;
            if s.start < after || s.end > c.end {
                return Err(format!(
                    "record {k} segment {j}: {}..{} out of order or outside the content",
                    s.start, s.end
                ));
            }
            after = s.end;
        }
        if c.segments[0].start != c.start || c.segments[c.segments.len() - 1].end != c.end {
            return Err(format!("record {k}: content is not the hull of its segments"));
        }
        for (j, q) in c.quoted.iter().enumerate() {
            span(text, &format!("record {k} quoted {j}"), q.start, q.end, &q.text)?;
        }
        if let Some(s) = &a.speaker {
            span(text, &format!("record {k} speaker"), s.start, s.end, &s.text)?;
            if let Some(an) = &s.antecedent {
                span(text, &format!("record {k} antecedent"), an.start, an.end, &an.text)?;
            }
        }
        if let Some(cue) = &a.cue {
            span(text, &format!("record {k} cue"), cue.start, cue.end, &cue.text)?;
        }
        if let Some(d) = &a.date {
            span(text, &format!("record {k} date"), d.start, d.end, &d.text)?;
        }
        if !(0.0..=1.0).contains(&a.confidence) {
            return Err(format!("record {k}: confidence {} outside 0..=1", a.confidence));
        }
    }
    Ok(())
}
