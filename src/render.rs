//! Human-readable views of records: the one-line-per-record `pretty`
//! format of the CLI, and the underlined rendering used by the snapshot
//! tests (reusable for your own fixtures).

use std::fmt::Write as _;

use crate::record::{Attribution, Speaker};

/// A speaker as the views show it: the mention, “→ name” when that differs,
/// “(role)” when known.
pub(crate) fn speaker_label(s: &Speaker) -> String {
    let mut v = s.text.to_string();
    if let Some(n) = s.name.as_deref().filter(|n| *n != s.text) {
        let _ = write!(v, " → {n}");
    }
    if let Some(r) = &s.role {
        let _ = write!(v, " ({r})");
    }
    v
}

/// One block per record: `speaker — cue — date — “content”` plus the rule
/// and confidence.
///
/// ```
/// let recs = whosaid::Extractor::new().extract("“We won,” Smith said.");
/// let out = whosaid::render::pretty(&recs);
/// assert!(out.contains("Smith — said"));
/// ```
pub fn pretty(recs: &[Attribution]) -> String {
    let mut out = String::new();
    for (k, a) in recs.iter().enumerate() {
        let speaker = a.speaker.as_ref().map_or("?".to_owned(), speaker_label);
        let cue = a.cue.as_ref().map_or("-", |c| &*c.text);
        let date = match &a.date {
            Some(d) => format!("{} = {}", d.text, d.resolved.as_deref().unwrap_or("?")),
            None => "-".to_owned(),
        };
        let content: Vec<&str> = a.content.segments.iter().map(|s| &*s.text).collect();
        let _ = writeln!(
            out,
            "#{k} [{}] {speaker} — {cue} — {date}\n    “{}”\n    {} {:.2}",
            a.kind.as_str(),
            content.join(" … "),
            a.rule,
            a.confidence
        );
    }
    out
}

/// Renders records against their text for review: each record as a header
/// line, then the lines of text it touches with `^` under the content, `s`
/// under the speaker, `c` under the cue and `d` under the date.
pub fn underline(text: &str, recs: &[Attribution]) -> String {
    let mut out = String::new();
    for (k, a) in recs.iter().enumerate() {
        let _ = writeln!(out, "#{k} {} {} confidence={:.2}", a.rule, a.kind.as_str(), a.confidence);
        if let Some(s) = &a.speaker {
            let _ = write!(out, "  speaker: {:?} {:?}", s.text, s.kind);
            if let Some(n) = &s.name {
                let _ = write!(out, " name={n:?}");
            }
            if let Some(r) = &s.role {
                let _ = write!(out, " role={r:?}");
            }
            if let Some(ant) = &s.antecedent {
                let _ = write!(out, " via={:?}", ant.text);
            }
            out.push('\n');
        }
        if let Some(c) = &a.cue {
            let _ = writeln!(out, "  cue: {:?} lemma={}", c.text, c.lemma);
        }
        if let Some(d) = &a.date {
            let _ = writeln!(
                out,
                "  date: {:?} -> {} ({:?}{})",
                d.text,
                d.resolved.as_deref().unwrap_or("?"),
                d.status,
                if d.inherited { ", inherited" } else { "" }
            );
        }
        // Marks per byte.
        let mut marks: Vec<(usize, usize, char)> = Vec::new();
        for s in &a.content.segments {
            marks.push((s.start, s.end, '^'));
        }
        if let Some(s) = &a.speaker {
            marks.push((s.start, s.end, 's'));
        }
        if let Some(c) = &a.cue {
            marks.push((c.start, c.end, 'c'));
        }
        if let Some(d) = &a.date {
            marks.push((d.start, d.end, 'd'));
        }
        let lo = marks.iter().map(|m| m.0).min().unwrap_or(0);
        let hi = marks.iter().map(|m| m.1).max().unwrap_or(0);
        // The lines of text covering lo..hi.
        let line_start = text[..lo].rfind('\n').map_or(0, |i| i + 1);
        let mut pos = line_start;
        for line in text[line_start..].split_inclusive('\n') {
            if pos > hi || (pos == hi && hi > lo) {
                break;
            }
            let body = line.trim_end_matches(['\n', '\r']);
            let mut under = String::new();
            let mut any = false;
            for (off, ch) in body.char_indices() {
                let b = pos + off;
                let m = marks.iter().rev().find(|m| m.0 <= b && b < m.1).map(|m| m.2);
                let w = if ch == '\t' { 1 } else { display_width(ch) };
                let c = m.unwrap_or(' ');
                any |= m.is_some();
                for _ in 0..w {
                    under.push(c);
                }
            }
            if any {
                let _ = writeln!(out, "  | {body}");
                let _ = writeln!(out, "  | {}", under.trim_end());
            }
            pos += line.len();
        }
    }
    out
}

fn display_width(c: char) -> usize {
    if c.is_control() || ('\u{0300}'..='\u{036F}').contains(&c) {
        0
    } else {
        1
    }
}
