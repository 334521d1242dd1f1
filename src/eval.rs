//! Scoring attributions against annotated gold data.
//!
//! A faithful port of the project's reference scorer (`score.py`): the same
//! gold and system JSON Lines formats, the same matching rules and the same
//! JSON report keys, plus two extensions: per-rule figures (`per_rule`) and
//! date accuracy (`date`).
//!
//! All offsets here are **character** (Unicode scalar value) offsets, as
//! Python indexes strings; [`sys_quotes_from`] converts whosaid's byte
//! offsets.
//!
//! # Rules
//!
//! * Tokens are maximal runs of word characters (Python's `\w`: Unicode
//!   letters, numbers and `_`). A span's token set is the tokens lying wholly
//!   inside its range(s): its fragments if given, else `[start, end)`.
//! * **exact**: predicted `(start, end)` equals gold `(start, end)`;
//!   **exact_norm**: the same after trimming whitespace, quotation marks and
//!   `. , ; : ! ? - – — …` at both ends of both spans; **overlap**: shared
//!   tokens are at least half of the longer span's tokens (spans without
//!   tokens fall back to character ranges), matched one-to-one greedily by
//!   descending overlap. Each is matched one-to-one.
//! * **speaker**: on overlap-matched pairs whose gold quote has a speaker,
//!   correct when a normalised predicted string (mention text or name) equals
//!   a normalised gold string, or either contains the other's last token.
//! * **date** (extension): on overlap-matched pairs whose gold quote has a
//!   `date`, correct when the predicted resolved date equals it; gold `-`
//!   requires no predicted date.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::io::BufRead;
use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::offsets::OffsetMap;
use crate::record::Attribution;

/// Overlap threshold for matching.
pub const THRESHOLD: f64 = 0.5;

/// Characters trimmed at both ends of spans for `exact_norm`.
const TRIM: &[char] = &[
    ' ', '\t', '\r', '\n', '\u{a0}', '"', '\'', '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}', '\u{ab}', '\u{bb}',
    '\u{201e}', '\u{201a}', '.', ',', ';', ':', '!', '?', '-', '\u{2013}', '\u{2014}', '\u{2026}',
];

/// Context characters on each side of an error sample.
const CONTEXT: usize = 80;

/// A speaker in gold or system data: the mention and/or canonical name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldSpeaker {
    /// The mention as written.
    #[serde(default)]
    pub text: Option<String>,
    /// Character offset of the mention.
    #[serde(default)]
    pub start: Option<usize>,
    /// Character offset one past the mention.
    #[serde(default)]
    pub end: Option<usize>,
    /// The canonical name, when annotated or resolved.
    #[serde(default)]
    pub name: Option<String>,
}

/// A speech cue in gold data.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldCue {
    /// The cue as written.
    #[serde(default)]
    pub text: Option<String>,
    /// Character offset of the cue.
    #[serde(default)]
    pub start: Option<usize>,
    /// Character offset one past the cue.
    #[serde(default)]
    pub end: Option<usize>,
}

/// One annotated quote or claim.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldQuote {
    /// Character offset of the content (hull of its fragments).
    pub start: usize,
    /// Character offset one past the content.
    pub end: usize,
    /// The content text.
    #[serde(default)]
    pub text: Option<String>,
    /// `direct`, `indirect`, `mixed` or `partial`.
    #[serde(default)]
    pub kind: Option<String>,
    /// The pieces of a discontinuous quote, as `[start, end]` pairs.
    #[serde(default)]
    pub fragments: Option<Vec<[usize; 2]>>,
    /// Who said it.
    #[serde(default)]
    pub speaker: Option<GoldSpeaker>,
    /// The speech cue.
    #[serde(default)]
    pub cue: Option<GoldCue>,
    /// Extension: the resolved date of the speech (`2025-03-14`, `2025-02`,
    /// `2025`), or `-` for none; absent when not annotated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// One annotated document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldDoc {
    /// Document id, shared with the system file.
    pub id: String,
    /// The document text.
    pub text: String,
    /// Publication date, `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// The annotated quotes.
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
}

/// One predicted quote, in the system file format.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SysQuote {
    /// Character offset of the content.
    pub start: usize,
    /// Character offset one past the content.
    pub end: usize,
    /// Predicted kind.
    #[serde(default)]
    pub kind: Option<String>,
    /// The pieces of a discontinuous quote, as `[start, end]` pairs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fragments: Option<Vec<[usize; 2]>>,
    /// Predicted speaker.
    #[serde(default)]
    pub speaker: Option<GoldSpeaker>,
    /// Extension: the id of the rule that produced the quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// Extension: the resolved date of the speech, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

impl SysQuote {
    /// A prediction identical to a gold quote (for self-checks).
    pub fn from_gold(g: &GoldQuote) -> SysQuote {
        SysQuote {
            start: g.start,
            end: g.end,
            kind: g.kind.clone(),
            fragments: g.fragments.clone(),
            speaker: g.speaker.clone(),
            rule: None,
            date: g.date.clone().filter(|d| d != "-"),
        }
    }
}

/// One line of a system file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SysDoc {
    /// Document id.
    pub id: String,
    /// Predicted quotes.
    #[serde(default)]
    pub quotes: Vec<SysQuote>,
}

/// Converts whosaid records (byte offsets into `text`) to system quotes with
/// character offsets.
///
/// Fragments are the content segments when there are several; the speaker
/// carries the mention text, offsets and name; the date is the resolved date.
pub fn sys_quotes_from(text: &str, attrs: &[Attribution]) -> Vec<SysQuote> {
    let map = OffsetMap::new(text);
    let c = |b: usize| map.to_chars(b);
    attrs
        .iter()
        .map(|a| SysQuote {
            start: c(a.content.start),
            end: c(a.content.end),
            kind: Some(a.kind.as_str().to_owned()),
            fragments: (a.content.segments.len() > 1)
                .then(|| a.content.segments.iter().map(|s| [c(s.start), c(s.end)]).collect()),
            speaker: a.speaker.as_ref().map(|s| GoldSpeaker {
                text: Some(s.text.to_string()),
                start: Some(c(s.start)),
                end: Some(c(s.end)),
                name: s.name.as_deref().map(str::to_owned),
            }),
            rule: Some(a.rule.to_string()),
            date: a.date.as_ref().and_then(|d| d.resolved.clone()),
        })
        .collect()
}

/// Reads a gold JSON Lines file (blank lines skipped, unknown fields
/// ignored).
pub fn read_gold<R: BufRead>(reader: R) -> Result<Vec<GoldDoc>, String> {
    let mut out = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| format!("line {}: {e}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        out.push(serde_json::from_str(&line).map_err(|e| format!("line {}: {e}", n + 1))?);
    }
    Ok(out)
}

/// Reads a system JSON Lines file into a map from document id to quotes. A
/// repeated id replaces the earlier line, as in `score.py`.
pub fn read_system<R: BufRead>(reader: R) -> Result<HashMap<String, Vec<SysQuote>>, String> {
    let mut out = HashMap::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| format!("line {}: {e}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let d: SysDoc = serde_json::from_str(&line).map_err(|e| format!("line {}: {e}", n + 1))?;
        out.insert(d.id, d.quotes);
    }
    Ok(out)
}

/// System ids that have no gold document (ignored by [`score`]), sorted.
pub fn unknown_ids(gold: &[GoldDoc], system: &HashMap<String, Vec<SysQuote>>) -> Vec<String> {
    let ids: HashSet<&str> = gold.iter().map(|d| d.id.as_str()).collect();
    let mut out: Vec<String> = system.keys().filter(|k| !ids.contains(k.as_str())).cloned().collect();
    out.sort();
    out
}

/// Precision, recall, F1 and match count for quote detection.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Detection {
    /// matched / predicted.
    #[serde(rename = "P")]
    pub p: f64,
    /// matched / gold.
    #[serde(rename = "R")]
    pub r: f64,
    /// Harmonic mean of P and R.
    #[serde(rename = "F1")]
    pub f1: f64,
    /// Number of matched pairs.
    pub matched: usize,
}

/// Precision, recall and F1.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Prf {
    /// Precision.
    #[serde(rename = "P")]
    pub p: f64,
    /// Recall.
    #[serde(rename = "R")]
    pub r: f64,
    /// Harmonic mean of P and R.
    #[serde(rename = "F1")]
    pub f1: f64,
}

/// Speaker figures on overlap-matched pairs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SpeakerReport {
    /// Matched pairs whose gold quote has a speaker.
    pub evaluated: usize,
    /// Of those, pairs with the right predicted speaker.
    pub correct: usize,
    /// correct / evaluated.
    pub accuracy: Option<f64>,
    /// End-to-end attribution: correct / predicted (leaving out those matched
    /// to a speakerless gold quote), correct / gold quotes with a speaker.
    pub attribution: Prf,
    /// Share of evaluated pairs with gold mention offsets where the predicted
    /// speaker span overlaps the gold mention.
    pub mention_overlap: Option<f64>,
}

/// Figures for one kind (overlap matching).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KindReport {
    /// Gold quotes of this kind.
    pub gold: usize,
    /// Predicted quotes labelled with this kind.
    pub pred: usize,
    /// Recall over gold quotes of this kind.
    #[serde(rename = "overlap_R")]
    pub overlap_r: Option<f64>,
    /// Precision over predicted quotes of this kind.
    #[serde(rename = "overlap_P")]
    pub overlap_p: Option<f64>,
    /// F1 of the two.
    #[serde(rename = "overlap_F1")]
    pub overlap_f1: Option<f64>,
    /// Matched gold quotes of this kind with a speaker.
    pub speaker_evaluated: usize,
    /// Speaker accuracy on those.
    pub speaker_accuracy: Option<f64>,
}

/// Figures for one rule id (extension).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RuleReport {
    /// Quotes the rule predicted.
    pub pred: usize,
    /// Of those, overlap-matched to a gold quote.
    pub matched: usize,
    /// matched / pred.
    pub precision: f64,
    /// Matched quotes whose gold quote has a speaker.
    pub speaker_evaluated: usize,
    /// Of those, with the right speaker.
    pub speaker_correct: usize,
}

/// Date figures on overlap-matched pairs whose gold quote has a date
/// (extension).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DateReport {
    /// Pairs evaluated.
    pub evaluated: usize,
    /// Pairs whose predicted date equals the gold date (gold `-`: no date).
    pub correct: usize,
    /// correct / evaluated.
    pub accuracy: Option<f64>,
    /// Pairs with a predicted date.
    pub predicted: usize,
    /// Pairs with a gold date other than `-`.
    pub gold: usize,
    /// Correct predicted dates / predicted dates.
    #[serde(rename = "P")]
    pub p: Option<f64>,
    /// Correct predicted dates / gold dates other than `-`.
    #[serde(rename = "R")]
    pub r: Option<f64>,
    /// Harmonic mean of P and R.
    #[serde(rename = "F1")]
    pub f1: Option<f64>,
}

/// The scores, serialising to the same JSON as `score.py --json` plus the
/// `per_rule` and `date` keys.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Number of gold documents.
    pub docs: usize,
    /// Number of gold quotes.
    pub gold_quotes: usize,
    /// Number of predicted quotes (in gold documents).
    pub pred_quotes: usize,
    /// Exact span matching.
    pub exact: Detection,
    /// Exact matching after trimming marks and punctuation.
    pub exact_norm: Detection,
    /// Token-overlap matching.
    pub overlap: Detection,
    /// Share of overlap-matched pairs with a predicted kind where it equals
    /// the gold kind.
    pub kind_accuracy: Option<f64>,
    /// Speaker figures.
    pub speaker: SpeakerReport,
    /// Per gold/predicted kind (`none` for gold quotes without one).
    pub per_kind: BTreeMap<String, KindReport>,
    /// Per rule id of the system quotes.
    #[serde(default)]
    pub per_rule: BTreeMap<String, RuleReport>,
    /// Date figures.
    #[serde(default)]
    pub date: DateReport,
}

fn word_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // Python's `\w` on str is exactly letters, numbers and underscore (the
    // regex crate's `\w` also takes combining marks).
    RE.get_or_init(|| Regex::new(r"[\p{L}\p{N}_]+").expect("valid regex"))
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    let mut buf = [0u8; 4];
    word_re().is_match(c.encode_utf8(&mut buf))
}

/// Speaker-name normalisation of `score.py`: lower-case, drop a possessive
/// `'s`/`’s` at the end of a word, turn every run of characters outside
/// `[0-9a-z\u{c0}-\u{ffff}]` into one space, trim.
pub fn norm(s: &str) -> String {
    let chars: Vec<char> = s.to_lowercase().chars().collect();
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c == '\'' || c == '\u{2019}')
            && chars.get(i + 1) == Some(&'s')
            && !chars.get(i + 2).is_some_and(|&n| is_word_char(n))
        {
            i += 2;
            continue;
        }
        if c.is_ascii_digit() || c.is_ascii_lowercase() || ('\u{c0}'..='\u{ffff}').contains(&c) {
            out.push(c);
        } else {
            out.push(' ');
        }
        i += 1;
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn speaker_strings(sp: Option<&GoldSpeaker>) -> Vec<String> {
    let Some(sp) = sp else { return Vec::new() };
    [&sp.text, &sp.name].into_iter().map(|s| norm(s.as_deref().unwrap_or(""))).filter(|s| !s.is_empty()).collect()
}

/// Whether the predicted speaker is right for the gold speaker (see the
/// module documentation).
pub fn speaker_correct(gold: Option<&GoldSpeaker>, pred: Option<&GoldSpeaker>) -> bool {
    let (gs, ps) = (speaker_strings(gold), speaker_strings(pred));
    for g in &gs {
        let gt: Vec<&str> = g.split(' ').collect();
        for p in &ps {
            let pt: Vec<&str> = p.split(' ').collect();
            let (gl, pl) = (gt[gt.len() - 1], pt[pt.len() - 1]);
            if g == p || pt.contains(&gl) || gt.contains(&pl) {
                return true;
            }
        }
    }
    false
}

fn prf(m_p: usize, n_p: usize, m_r: usize, n_r: usize) -> Prf {
    let p = if n_p > 0 { m_p as f64 / n_p as f64 } else { 0.0 };
    let r = if n_r > 0 { m_r as f64 / n_r as f64 } else { 0.0 };
    let f1 = if p + r != 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    Prf { p, r, f1 }
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// A document's characters and word tokens (character offsets).
struct DocIndex {
    chars: Vec<char>,
    ts: Vec<usize>,
    te: Vec<usize>,
}

impl DocIndex {
    fn new(text: &str) -> DocIndex {
        let map = OffsetMap::new(text);
        let (mut ts, mut te) = (Vec::new(), Vec::new());
        for m in word_re().find_iter(text) {
            ts.push(map.to_chars(m.start()));
            te.push(map.to_chars(m.end()));
        }
        DocIndex { chars: text.chars().collect(), ts, te }
    }

    /// Indices of the tokens wholly inside the ranges, sorted.
    fn token_set(&self, ranges: &[(usize, usize)]) -> Vec<usize> {
        let mut out = Vec::new();
        for &(s, e) in ranges {
            let mut i = self.ts.partition_point(|&t| t < s);
            while i < self.ts.len() && self.te[i] <= e {
                out.push(i);
                i += 1;
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    fn trimmed(&self, s: usize, e: usize) -> (usize, usize) {
        let (mut s, mut e) = (s, e.min(self.chars.len()));
        while s < e && TRIM.contains(&self.chars[s]) {
            s += 1;
        }
        while e > s && TRIM.contains(&self.chars[e - 1]) {
            e -= 1;
        }
        (s, e)
    }

    fn slice(&self, s: usize, e: usize) -> String {
        let e = e.min(self.chars.len());
        self.chars[s.min(e)..e].iter().collect()
    }
}

fn ranges(start: usize, end: usize, fragments: &Option<Vec<[usize; 2]>>) -> Vec<(usize, usize)> {
    match fragments {
        Some(f) if !f.is_empty() => f.iter().map(|x| (x[0], x[1])).collect(),
        _ => vec![(start, end)],
    }
}

fn intersection(a: &[usize], b: &[usize]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Token overlap of two spans (`score.py`'s `overlap`).
fn overlap(gt: &[usize], pt: &[usize], g: (usize, usize), p: (usize, usize)) -> f64 {
    if !gt.is_empty() && !pt.is_empty() {
        return intersection(gt, pt) as f64 / gt.len().max(pt.len()) as f64;
    }
    if !gt.is_empty() || !pt.is_empty() {
        return 0.0;
    }
    let (gs, ge, ps, pe) = (g.0 as i64, g.1 as i64, p.0 as i64, p.1 as i64);
    let inter = (ge.min(pe) - gs.max(ps)).max(0);
    inter as f64 / (ge - gs).max(pe - ps).max(1) as f64
}

/// Overlap-matched pairs `(gold index, system index)` in greedy order.
fn match_overlap(ix: &DocIndex, gold: &[GoldQuote], sys: &[SysQuote]) -> Vec<(usize, usize)> {
    let gtok: Vec<Vec<usize>> = gold.iter().map(|q| ix.token_set(&ranges(q.start, q.end, &q.fragments))).collect();
    let ptok: Vec<Vec<usize>> = sys.iter().map(|q| ix.token_set(&ranges(q.start, q.end, &q.fragments))).collect();
    let mut cand: Vec<(f64, usize, usize)> = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        for (j, p) in sys.iter().enumerate() {
            if p.end <= g.start || g.end <= p.start {
                continue;
            }
            let o = overlap(&gtok[i], &ptok[j], (g.start, g.end), (p.start, p.end));
            if o >= THRESHOLD {
                cand.push((o, i, j));
            }
        }
    }
    // Python sorts (-o, i, j) tuples.
    cand.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut ug, mut up) = (vec![false; gold.len()], vec![false; sys.len()]);
    let mut out = Vec::new();
    for (_, i, j) in cand {
        if ug[i] || up[j] {
            continue;
        }
        ug[i] = true;
        up[j] = true;
        out.push((i, j));
    }
    out
}

fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.is_empty())
}

fn gold_kind(q: &GoldQuote) -> &str {
    nonempty(&q.kind).unwrap_or("none")
}

/// A predicted date, with empty strings and `-` meaning none.
fn pred_date(q: &SysQuote) -> Option<&str> {
    nonempty(&q.date).filter(|d| *d != "-")
}

/// The gold documents in order, keeping only the last of repeated ids (as
/// `score.py`'s loader does).
fn unique_docs(gold: &[GoldDoc]) -> Vec<&GoldDoc> {
    let mut last: HashMap<&str, usize> = HashMap::new();
    for (i, d) in gold.iter().enumerate() {
        last.insert(&d.id, i);
    }
    gold.iter().enumerate().filter(|(i, d)| last[d.id.as_str()] == *i).map(|(_, d)| d).collect()
}

#[derive(Default)]
struct KindCounts {
    gold: usize,
    pred: usize,
    match_gold: usize,
    match_pred: usize,
    spk_eval: usize,
    spk_ok: usize,
}

/// Scores system quotes (by document id) against gold documents, with the
/// rules of `score.py`. Gold documents without system quotes count as having
/// no predictions; system ids not in gold are ignored (see [`unknown_ids`]).
pub fn score(gold: &[GoldDoc], system: &HashMap<String, Vec<SysQuote>>) -> Report {
    let docs = unique_docs(gold);
    let (mut n_gold, mut n_pred, mut exact, mut exact_norm, mut n_overlap) = (0, 0, 0, 0, 0);
    let (mut kind_pairs, mut kind_ok) = (0, 0);
    let (mut pred_on_speakerless, mut spk_eval, mut spk_ok) = (0, 0, 0);
    let (mut span_eval, mut span_ok, mut gold_with_speaker) = (0, 0, 0);
    let mut date = DateReport::default();
    let mut date_hits = 0;
    let mut kinds: BTreeMap<String, KindCounts> = BTreeMap::new();
    let mut rules: BTreeMap<String, RuleReport> = BTreeMap::new();
    let empty = Vec::new();
    for gd in docs.iter().copied() {
        let ix = DocIndex::new(&gd.text);
        let g_q = &gd.quotes;
        let p_q = system.get(&gd.id).unwrap_or(&empty);
        n_gold += g_q.len();
        n_pred += p_q.len();
        for g in g_q {
            kinds.entry(gold_kind(g).to_owned()).or_default().gold += 1;
        }
        for p in p_q {
            if let Some(k) = nonempty(&p.kind) {
                kinds.entry(k.to_owned()).or_default().pred += 1;
            }
            if let Some(r) = &p.rule {
                rules.entry(r.clone()).or_default().pred += 1;
            }
        }
        let mut gex: HashMap<(usize, usize), usize> = HashMap::new();
        for g in g_q {
            *gex.entry((g.start, g.end)).or_default() += 1;
        }
        for p in p_q {
            if let Some(c) = gex.get_mut(&(p.start, p.end)).filter(|c| **c > 0) {
                *c -= 1;
                exact += 1;
            }
        }
        let mut gno: HashMap<(usize, usize), usize> = HashMap::new();
        for g in g_q {
            *gno.entry(ix.trimmed(g.start, g.end)).or_default() += 1;
        }
        for p in p_q {
            if let Some(c) = gno.get_mut(&ix.trimmed(p.start, p.end)).filter(|c| **c > 0) {
                *c -= 1;
                exact_norm += 1;
            }
        }
        for (i, j) in match_overlap(&ix, g_q, p_q) {
            let (g, p) = (&g_q[i], &p_q[j]);
            n_overlap += 1;
            let gk = gold_kind(g);
            kinds.entry(gk.to_owned()).or_default().match_gold += 1;
            if let Some(pk) = nonempty(&p.kind) {
                kinds.entry(pk.to_owned()).or_default().match_pred += 1;
                kind_pairs += 1;
                kind_ok += usize::from(pk == gk);
            }
            let mut rule = p.rule.as_ref().and_then(|r| rules.get_mut(r));
            if let Some(r) = &mut rule {
                r.matched += 1;
            }
            if speaker_strings(g.speaker.as_ref()).is_empty() {
                pred_on_speakerless += 1;
            } else {
                spk_eval += 1;
                let ok = speaker_correct(g.speaker.as_ref(), p.speaker.as_ref());
                let kc = kinds.entry(gk.to_owned()).or_default();
                kc.spk_eval += 1;
                kc.spk_ok += usize::from(ok);
                spk_ok += usize::from(ok);
                if let Some(r) = &mut rule {
                    r.speaker_evaluated += 1;
                    r.speaker_correct += usize::from(ok);
                }
                let gsp = g.speaker.as_ref().expect("speaker strings");
                if let Some(gs) = gsp.start {
                    span_eval += 1;
                    let psp = p.speaker.as_ref();
                    if let (Some(ps), Some(pe)) = (psp.and_then(|s| s.start), psp.and_then(|s| s.end)) {
                        if gsp.end.is_some_and(|ge| ps < ge) && gs < pe {
                            span_ok += 1;
                        }
                    }
                }
            }
            if let Some(gdate) = nonempty(&g.date) {
                date.evaluated += 1;
                let pd = pred_date(p);
                let ok = if gdate == "-" { pd.is_none() } else { pd == Some(gdate) };
                date.correct += usize::from(ok);
                date_hits += usize::from(ok && gdate != "-");
                date.predicted += usize::from(pd.is_some());
                date.gold += usize::from(gdate != "-");
            }
        }
        for g in g_q {
            if !speaker_strings(g.speaker.as_ref()).is_empty() {
                gold_with_speaker += 1;
            }
        }
    }
    let det = |m: usize| {
        let f = prf(m, n_pred, m, n_gold);
        Detection { p: f.p, r: f.r, f1: f.f1, matched: m }
    };
    date.accuracy = ratio(date.correct, date.evaluated);
    date.p = ratio(date_hits, date.predicted);
    date.r = ratio(date_hits, date.gold);
    date.f1 = match (date.p, date.r) {
        (Some(p), Some(r)) if p + r != 0.0 => Some(2.0 * p * r / (p + r)),
        (Some(_), Some(_)) => Some(0.0),
        _ => None,
    };
    for r in rules.values_mut() {
        r.precision = r.matched as f64 / r.pred as f64;
    }
    Report {
        docs: docs.len(),
        gold_quotes: n_gold,
        pred_quotes: n_pred,
        exact: det(exact),
        exact_norm: det(exact_norm),
        overlap: det(n_overlap),
        kind_accuracy: ratio(kind_ok, kind_pairs),
        speaker: SpeakerReport {
            evaluated: spk_eval,
            correct: spk_ok,
            accuracy: ratio(spk_ok, spk_eval),
            attribution: prf(spk_ok, n_pred - pred_on_speakerless, spk_ok, gold_with_speaker),
            mention_overlap: ratio(span_ok, span_eval),
        },
        per_kind: kinds
            .into_iter()
            .map(|(k, v)| {
                let r = ratio(v.match_gold, v.gold);
                let p = ratio(v.match_pred, v.pred);
                let f = match (p, r) {
                    (Some(p), Some(r)) if p + r != 0.0 => Some(2.0 * p * r / (p + r)),
                    (Some(_), Some(_)) => Some(0.0),
                    _ => None,
                };
                let kr = KindReport {
                    gold: v.gold,
                    pred: v.pred,
                    overlap_r: r,
                    overlap_p: p,
                    overlap_f1: f,
                    speaker_evaluated: v.spk_eval,
                    speaker_accuracy: ratio(v.spk_ok, v.spk_eval),
                };
                (k, kr)
            })
            .collect(),
        per_rule: rules,
        date,
    }
}

fn fmt3(x: Option<f64>) -> String {
    match x {
        Some(x) => format!("{x:.3}"),
        None => "  n/a".to_owned(),
    }
}

/// A compact human-readable table of a report (`score.py`'s text output
/// plus per-rule and date lines).
pub fn format_table(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "docs {}   gold quotes {}   predicted quotes {}", r.docs, r.gold_quotes, r.pred_quotes);
    let _ = writeln!(o, "(a) quote span detection        P      R      F1");
    for (m, d) in [("exact", &r.exact), ("exact_norm", &r.exact_norm), ("overlap", &r.overlap)] {
        let _ = writeln!(o, "    {m:<26} {}  {}  {}", fmt3(Some(d.p)), fmt3(Some(d.r)), fmt3(Some(d.f1)));
    }
    let _ = writeln!(o, "    kind accuracy on matched pairs: {}", fmt3(r.kind_accuracy));
    let s = &r.speaker;
    let _ = writeln!(
        o,
        "(b) speaker accuracy on overlap-matched quotes: {}  ({}/{})",
        fmt3(s.accuracy),
        s.correct,
        s.evaluated
    );
    let a = &s.attribution;
    let _ =
        writeln!(o, "    end-to-end attribution P {}  R {}  F1 {}", fmt3(Some(a.p)), fmt3(Some(a.r)), fmt3(Some(a.f1)));
    let _ = writeln!(o, "    speaker mention span overlap: {}", fmt3(s.mention_overlap));
    let d = &r.date;
    if d.evaluated > 0 {
        let _ = writeln!(
            o,
            "(c) date accuracy on matched quotes with a gold date: {}  ({}/{})   P {}  R {}  F1 {}",
            fmt3(d.accuracy),
            d.correct,
            d.evaluated,
            fmt3(d.p),
            fmt3(d.r),
            fmt3(d.f1)
        );
    }
    let _ = writeln!(o, "per kind (overlap matching)   gold   pred  R      P      F1     spk_acc");
    for (k, v) in &r.per_kind {
        let _ = writeln!(
            o,
            "    {k:<24} {:>6} {:>6}  {}  {}  {}  {}",
            v.gold,
            v.pred,
            fmt3(v.overlap_r),
            fmt3(v.overlap_p),
            fmt3(v.overlap_f1),
            fmt3(v.speaker_accuracy)
        );
    }
    if !r.per_rule.is_empty() {
        let _ = writeln!(o, "per rule                        pred matched  P      spk_acc");
        for (k, v) in &r.per_rule {
            let _ = writeln!(
                o,
                "    {k:<26} {:>6} {:>6}  {}  {}",
                v.pred,
                v.matched,
                fmt3(Some(v.precision)),
                fmt3(ratio(v.speaker_correct, v.speaker_evaluated))
            );
        }
    }
    o
}

/// The category of an [`ErrorSample`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCategory {
    /// A gold quote no system quote was overlap-matched to.
    Miss,
    /// A system quote not matched to any gold quote.
    FalsePositive,
    /// A matched pair whose predicted speaker is wrong.
    WrongSpeaker,
}

impl ErrorCategory {
    /// A short label: `miss`, `false positive`, `wrong speaker`.
    pub fn label(self) -> &'static str {
        match self {
            ErrorCategory::Miss => "miss",
            ErrorCategory::FalsePositive => "false positive",
            ErrorCategory::WrongSpeaker => "wrong speaker",
        }
    }
}

/// One scoring error, with context, for inspection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorSample {
    /// What went wrong.
    pub category: ErrorCategory,
    /// The document id.
    pub doc: String,
    /// The gold kind (misses, wrong speakers) or predicted kind (false
    /// positives).
    pub kind: Option<String>,
    /// Character offset of the span (the gold quote's, except for false
    /// positives).
    pub start: usize,
    /// Character offset one past the span.
    pub end: usize,
    /// The span's text.
    pub text: String,
    /// Up to 80 characters before the span.
    pub before: String,
    /// Up to 80 characters after the span.
    pub after: String,
    /// The rule of the system quote involved, if any.
    pub rule: Option<String>,
    /// The gold speaker (`name (mention)`), if any.
    pub gold_speaker: Option<String>,
    /// The predicted speaker (`name (mention)`), if any.
    pub system_speaker: Option<String>,
}

fn speaker_label(sp: Option<&GoldSpeaker>) -> Option<String> {
    let sp = sp?;
    let text = sp.text.as_deref().filter(|s| !s.is_empty());
    let name = sp.name.as_deref().filter(|s| !s.is_empty());
    match (name, text) {
        (Some(n), Some(t)) if n != t => Some(format!("{n} ({t})")),
        (Some(n), _) => Some(n.to_owned()),
        (None, Some(t)) => Some(t.to_owned()),
        (None, None) => None,
    }
}

/// Up to `n` misses, `n` false positives and `n` wrong-speaker pairs (in that
/// order), each in document order then by offset.
pub fn errors(gold: &[GoldDoc], system: &HashMap<String, Vec<SysQuote>>, n: usize) -> Vec<ErrorSample> {
    let mut cats: [Vec<(usize, usize, ErrorSample)>; 3] = Default::default();
    let empty = Vec::new();
    for (d, gd) in unique_docs(gold).into_iter().enumerate() {
        if cats.iter().all(|c| c.len() >= n) {
            break;
        }
        let ix = DocIndex::new(&gd.text);
        let p_q = system.get(&gd.id).unwrap_or(&empty);
        let pairs = match_overlap(&ix, &gd.quotes, p_q);
        let mut gm: Vec<Option<usize>> = vec![None; gd.quotes.len()];
        let mut pm = vec![false; p_q.len()];
        for &(i, j) in &pairs {
            gm[i] = Some(j);
            pm[j] = true;
        }
        let sample = |cat, s: usize, e: usize, kind: &Option<String>| ErrorSample {
            category: cat,
            doc: gd.id.clone(),
            kind: kind.clone(),
            start: s,
            end: e,
            text: ix.slice(s, e),
            before: ix.slice(s.saturating_sub(CONTEXT), s),
            after: ix.slice(e, e + CONTEXT),
            rule: None,
            gold_speaker: None,
            system_speaker: None,
        };
        let mut doc_cats: [Vec<(usize, usize, ErrorSample)>; 3] = Default::default();
        for (i, g) in gd.quotes.iter().enumerate() {
            match gm[i] {
                None => {
                    let mut e = sample(ErrorCategory::Miss, g.start, g.end, &g.kind);
                    e.gold_speaker = speaker_label(g.speaker.as_ref());
                    doc_cats[0].push((g.start, i, e));
                }
                Some(j) => {
                    let p = &p_q[j];
                    if !speaker_strings(g.speaker.as_ref()).is_empty()
                        && !speaker_correct(g.speaker.as_ref(), p.speaker.as_ref())
                    {
                        let mut e = sample(ErrorCategory::WrongSpeaker, g.start, g.end, &g.kind);
                        e.rule = p.rule.clone();
                        e.gold_speaker = speaker_label(g.speaker.as_ref());
                        e.system_speaker = speaker_label(p.speaker.as_ref());
                        doc_cats[2].push((g.start, i, e));
                    }
                }
            }
        }
        for (j, p) in p_q.iter().enumerate() {
            if !pm[j] {
                let mut e = sample(ErrorCategory::FalsePositive, p.start, p.end, &p.kind);
                e.rule = p.rule.clone();
                e.system_speaker = speaker_label(p.speaker.as_ref());
                doc_cats[1].push((p.start, j, e));
            }
        }
        for (c, mut dc) in doc_cats.into_iter().enumerate() {
            dc.sort_by_key(|x| (x.0, x.1));
            for x in dc {
                if cats[c].len() < n {
                    cats[c].push((d, x.0, x.2));
                }
            }
        }
    }
    cats.into_iter().flatten().map(|x| x.2).collect()
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Formats error samples for a terminal: one block per sample with the span
/// bracketed in its context.
pub fn format_errors(samples: &[ErrorSample]) -> String {
    let mut o = String::new();
    let mut last = None;
    for e in samples {
        if last != Some(e.category) {
            let _ = writeln!(o, "== {}", e.category.label());
            last = Some(e.category);
        }
        let _ = write!(o, "{} [{}..{}] {}", e.doc, e.start, e.end, e.kind.as_deref().unwrap_or("-"));
        if let Some(r) = &e.rule {
            let _ = write!(o, " rule={r}");
        }
        if e.gold_speaker.is_some() || e.system_speaker.is_some() {
            let _ = write!(
                o,
                " gold_speaker={:?} system_speaker={:?}",
                e.gold_speaker.as_deref().unwrap_or("-"),
                e.system_speaker.as_deref().unwrap_or("-")
            );
        }
        let _ = writeln!(o);
        let _ = writeln!(o, "    …{} [[{}]] {}…", one_line(&e.before), one_line(&e.text), one_line(&e.after));
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, text: &str, quotes: Vec<GoldQuote>) -> GoldDoc {
        GoldDoc { id: id.into(), text: text.into(), date: None, quotes }
    }

    /// A gold quote over the first occurrence of `s` (char offsets).
    fn gq(text: &str, s: &str, kind: &str, speaker: Option<&str>) -> GoldQuote {
        let b = text.find(s).unwrap_or_else(|| panic!("{s} not in text"));
        let start = text[..b].chars().count();
        GoldQuote {
            start,
            end: start + s.chars().count(),
            text: Some(s.into()),
            kind: Some(kind.into()),
            speaker: speaker.map(|n| GoldSpeaker { text: Some(n.into()), ..Default::default() }),
            ..Default::default()
        }
    }

    fn sq(start: usize, end: usize, kind: Option<&str>, speaker: Option<&str>) -> SysQuote {
        SysQuote {
            start,
            end,
            kind: kind.map(Into::into),
            speaker: speaker.map(|n| GoldSpeaker { text: Some(n.into()), ..Default::default() }),
            ..Default::default()
        }
    }

    fn sys(id: &str, q: Vec<SysQuote>) -> HashMap<String, Vec<SysQuote>> {
        HashMap::from([(id.to_owned(), q)])
    }

    const TEXT: &str =
        "“We will win,” said Jane Smith. Officials said the budget would be balanced next year. He added: “No.”";

    #[test]
    fn self_score_is_perfect() {
        let mut g = doc(
            "d",
            TEXT,
            vec![
                gq(TEXT, "“We will win,”", "direct", Some("Jane Smith")),
                gq(TEXT, "the budget would be balanced next year", "indirect", Some("Officials")),
                gq(TEXT, "“No.”", "direct", Some("He")),
            ],
        );
        g.quotes[0].date = Some("2025-03-14".into());
        g.quotes[1].date = Some("-".into());
        g.quotes[2].speaker.as_mut().unwrap().start = Some(91);
        g.quotes[2].speaker.as_mut().unwrap().end = Some(93);
        let s = sys("d", g.quotes.iter().map(SysQuote::from_gold).collect());
        let r = score(&[g], &s);
        for d in [&r.exact, &r.exact_norm, &r.overlap] {
            assert_eq!((d.p, d.r, d.f1, d.matched), (1.0, 1.0, 1.0, 3));
        }
        assert_eq!(r.kind_accuracy, Some(1.0));
        assert_eq!(r.speaker.accuracy, Some(1.0));
        assert_eq!(r.speaker.attribution, Prf { p: 1.0, r: 1.0, f1: 1.0 });
        assert_eq!(r.speaker.mention_overlap, Some(1.0));
        for k in r.per_kind.values() {
            assert_eq!(k.overlap_f1, Some(1.0));
            assert_eq!(k.speaker_accuracy, Some(1.0));
        }
        assert_eq!(r.date.accuracy, Some(1.0));
        assert_eq!((r.date.p, r.date.r), (Some(1.0), Some(1.0)));
        assert!(errors(&[doc("d", TEXT, vec![])], &HashMap::new(), 5).is_empty());
    }

    #[test]
    fn exact_and_exact_norm() {
        let g = doc("d", TEXT, vec![gq(TEXT, "“We will win,”", "direct", None)]);
        // Without marks and comma: not exact, but exact_norm.
        let inner = gq(TEXT, "We will win", "direct", None);
        let r = score(std::slice::from_ref(&g), &sys("d", vec![sq(inner.start, inner.end, None, None)]));
        assert_eq!(r.exact.matched, 0);
        assert_eq!(r.exact_norm.matched, 1);
        assert_eq!(r.overlap.matched, 1);
        // Exact offsets: both.
        let q = &g.quotes[0];
        let r = score(std::slice::from_ref(&g), &sys("d", vec![sq(q.start, q.end, None, None)]));
        assert_eq!((r.exact.matched, r.exact_norm.matched), (1, 1));
        // Exact is one-to-one: a duplicate prediction matches once.
        let two = vec![sq(q.start, q.end, None, None), sq(q.start, q.end, None, None)];
        let r = score(std::slice::from_ref(&g), &sys("d", two));
        assert_eq!((r.exact.matched, r.exact.p, r.exact.r), (1, 0.5, 1.0));
        // Losing a word is not a trim.
        let r = score(&[g], &sys("d", vec![sq(inner.start, inner.end - 4, None, None)]));
        assert_eq!(r.exact_norm.matched, 0);
    }

    #[test]
    fn overlap_threshold() {
        let t = "one two three four five six seven eight nine ten";
        let g = doc("d", t, vec![gq(t, "one two three four", "indirect", None)]);
        // "three four five six": shares 2 of 4 tokens = 0.5 → match.
        let p = gq(t, "three four five six", "indirect", None);
        let r = score(std::slice::from_ref(&g), &sys("d", vec![sq(p.start, p.end, None, None)]));
        assert_eq!(r.overlap.matched, 1);
        // "four five six seven": 1 of 4 → no match.
        let p = gq(t, "four five six seven", "indirect", None);
        let r = score(std::slice::from_ref(&g), &sys("d", vec![sq(p.start, p.end, None, None)]));
        assert_eq!(r.overlap.matched, 0);
        // A partial token does not count: "ne two three fo" holds only two
        // whole tokens of the four.
        let r = score(std::slice::from_ref(&g), &sys("d", vec![sq(1, 15, None, None)]));
        assert_eq!(r.overlap.matched, 1);
        let r = score(std::slice::from_ref(&g), &sys("d", vec![sq(5, 15, None, None)]));
        assert_eq!(r.overlap.matched, 0);
        // Spans without tokens fall back to character ranges.
        let t2 = "“…” — !";
        let g2 = doc("e", t2, vec![GoldQuote { start: 0, end: 3, ..Default::default() }]);
        let r = score(std::slice::from_ref(&g2), &sys("e", vec![sq(1, 3, None, None)]));
        assert_eq!(r.overlap.matched, 1);
        let r = score(&[g2], &sys("e", vec![sq(2, 6, None, None)]));
        assert_eq!(r.overlap.matched, 0);
    }

    #[test]
    fn overlap_greedy_one_to_one() {
        let t = "a b c d e f g h";
        // Gold: [a b c d] and [e f g h]. Prediction X = [a b c d e] overlaps
        // gold 0 by 4/5; prediction Y = [c d] overlaps gold 0 by 2/4.
        let g = doc("d", t, vec![gq(t, "a b c d", "direct", None), gq(t, "e f g h", "direct", None)]);
        let x = sq(0, 9, None, None);
        let y = sq(4, 7, None, None);
        let r = score(std::slice::from_ref(&g), &sys("d", vec![y.clone(), x.clone()]));
        assert_eq!(r.overlap.matched, 1);
        let pairs = match_overlap(&DocIndex::new(t), &g.quotes, &[y, x]);
        assert_eq!(pairs, vec![(0, 1)]);
        // Ties go to the lower gold index, then the lower system index.
        let g = doc(
            "d",
            "a b a b",
            vec![
                GoldQuote { start: 0, end: 3, ..Default::default() },
                GoldQuote { start: 0, end: 3, ..Default::default() },
            ],
        );
        let pairs = match_overlap(&DocIndex::new("a b a b"), &g.quotes, &[sq(0, 3, None, None), sq(0, 3, None, None)]);
        assert_eq!(pairs, vec![(0, 0), (1, 1)]);
    }

    #[test]
    fn per_kind_and_kind_accuracy() {
        let g = doc(
            "d",
            TEXT,
            vec![
                gq(TEXT, "“We will win,”", "direct", None),
                gq(TEXT, "the budget would be balanced next year", "indirect", None),
                gq(TEXT, "“No.”", "direct", None),
            ],
        );
        let q = &g.quotes;
        let s = sys(
            "d",
            vec![
                sq(q[0].start, q[0].end, Some("direct"), None),
                sq(q[1].start, q[1].end, Some("direct"), None),
                sq(0, 1, Some("indirect"), None),
            ],
        );
        let r = score(&[g], &s);
        let d = &r.per_kind["direct"];
        assert_eq!((d.gold, d.pred), (2, 2));
        assert_eq!(d.overlap_r, Some(0.5));
        assert_eq!(d.overlap_p, Some(1.0));
        let i = &r.per_kind["indirect"];
        assert_eq!((i.gold, i.pred, i.overlap_r, i.overlap_p), (1, 1, Some(1.0), Some(0.0)));
        assert_eq!(r.kind_accuracy, Some(0.5));
        // No predicted kinds: precision n/a.
        let g = doc("d", TEXT, vec![gq(TEXT, "“No.”", "direct", None)]);
        let r = score(std::slice::from_ref(&g), &sys("d", vec![SysQuote::from_gold(&g.quotes[0])]));
        assert_eq!(r.per_kind["direct"].overlap_p, Some(1.0));
        let mut s = SysQuote::from_gold(&g.quotes[0]);
        s.kind = None;
        let r = score(&[g], &sys("d", vec![s]));
        assert_eq!(r.per_kind["direct"].overlap_p, None);
        assert_eq!(r.per_kind["direct"].overlap_f1, None);
        assert_eq!(r.kind_accuracy, None);
    }

    #[test]
    fn speaker_normalisation() {
        assert_eq!(norm("Trump’s"), "trump");
        assert_eq!(norm("The President's aides"), "the president aides");
        assert_eq!(norm("O'Sullivan"), "o sullivan");
        assert_eq!(norm("Jean-Claude  Juncker,"), "jean claude juncker");
        assert_eq!(norm("José ÁLVAREZ"), "josé álvarez");
        assert_eq!(norm("it'sy"), "it sy");
        let sp = |t: &str| GoldSpeaker { text: Some(t.into()), ..Default::default() };
        let ok = |g: &str, p: &str| speaker_correct(Some(&sp(g)), Some(&sp(p)));
        assert!(ok("Donald Trump", "donald trump"));
        assert!(ok("Donald Trump", "Trump"));
        assert!(ok("Trump", "President Donald Trump’s"));
        assert!(ok("Mr. Trump", "Donald J. Trump"));
        assert!(ok("Donald Trump", "Donald")); // "donald" is a token of the gold
        assert!(!ok("Donald Trump", "Melania Knauss"));
        assert!(!ok("Trump", "Trumpet"));
        assert!(!ok("he", "she"));
        assert!(!speaker_correct(Some(&sp("he")), None));
        // Name or mention: either may match.
        let g = GoldSpeaker { text: Some("he".into()), name: Some("Emma Woodhouse".into()), ..Default::default() };
        assert!(speaker_correct(Some(&g), Some(&sp("Emma"))));
        assert!(speaker_correct(Some(&g), Some(&sp("He"))));
        assert!(!speaker_correct(Some(&g), Some(&sp("she"))));
    }

    #[test]
    fn attribution_prf_and_mention_overlap() {
        let g = doc(
            "d",
            TEXT,
            vec![
                gq(TEXT, "“We will win,”", "direct", Some("Jane Smith")),
                gq(TEXT, "the budget would be balanced next year", "indirect", None),
                gq(TEXT, "“No.”", "direct", Some("He")),
            ],
        );
        let q = &g.quotes;
        let mut right = sq(q[0].start, q[0].end, None, Some("Smith"));
        right.speaker.as_mut().unwrap().start = Some(20);
        right.speaker.as_mut().unwrap().end = Some(24);
        let s = sys(
            "d",
            vec![
                right,
                sq(q[1].start, q[1].end, None, Some("officials")), // gold has no speaker
                sq(q[2].start, q[2].end, None, Some("Jane")),      // wrong
                sq(0, 1, None, Some("x")),                         // false positive
            ],
        );
        let mut g = g;
        g.quotes[0].speaker.as_mut().unwrap().start = Some(20);
        g.quotes[0].speaker.as_mut().unwrap().end = Some(30);
        let r = score(std::slice::from_ref(&g), &s);
        assert_eq!((r.speaker.evaluated, r.speaker.correct), (2, 1));
        assert_eq!(r.speaker.accuracy, Some(0.5));
        // P = 1 / (4 predicted - 1 on speakerless gold); R = 1 / 2.
        assert_eq!(r.speaker.attribution.p, 1.0 / 3.0);
        assert_eq!(r.speaker.attribution.r, 0.5);
        assert_eq!(r.speaker.mention_overlap, Some(1.0));
        let errs = errors(&[g], &s, 10);
        let cats: Vec<_> = errs.iter().map(|e| e.category).collect();
        assert_eq!(cats, vec![ErrorCategory::FalsePositive, ErrorCategory::WrongSpeaker]);
        assert_eq!(errs[1].text, "“No.”");
        assert_eq!(errs[1].system_speaker.as_deref(), Some("Jane"));
        assert!(format_errors(&errs).contains("wrong speaker"));
    }

    #[test]
    fn date_accuracy() {
        let mut g = doc(
            "d",
            TEXT,
            vec![
                gq(TEXT, "“We will win,”", "direct", None),
                gq(TEXT, "the budget would be balanced next year", "indirect", None),
                gq(TEXT, "“No.”", "direct", None),
                gq(TEXT, "said Jane Smith", "direct", None),
            ],
        );
        g.quotes[0].date = Some("2025-03-14".into());
        g.quotes[1].date = Some("-".into());
        g.quotes[2].date = Some("2025-03".into());
        // quote 3 has no gold date: not evaluated
        let mut s: Vec<SysQuote> = g.quotes.iter().map(SysQuote::from_gold).collect();
        s[0].date = Some("2025-03-14".into()); // right
        s[1].date = Some("2025-03-13".into()); // wrong: gold says none
        s[2].date = None; // wrong: missing
        s[3].date = Some("2020".into());
        let r = score(&[g], &sys("d", s));
        assert_eq!((r.date.evaluated, r.date.correct), (3, 1));
        assert_eq!(r.date.accuracy, Some(1.0 / 3.0));
        assert_eq!(r.date.p, Some(0.5)); // 1 of 2 predicted dates
        assert_eq!(r.date.r, Some(0.5)); // 1 of 2 gold dates
    }

    #[test]
    fn per_rule_and_table() {
        let g = doc("d", TEXT, vec![gq(TEXT, "“We will win,”", "direct", Some("Jane Smith"))]);
        let q = &g.quotes[0];
        let mut a = sq(q.start, q.end, Some("direct"), Some("Jane Smith"));
        a.rule = Some("direct/said".into());
        let mut b = sq(0, 1, Some("direct"), None);
        b.rule = Some("direct/said".into());
        let mut c = sq(40, 50, Some("indirect"), None);
        c.rule = Some("indirect/that".into());
        let r = score(&[g], &sys("d", vec![a, b, c]));
        let d = &r.per_rule["direct/said"];
        assert_eq!((d.pred, d.matched, d.precision), (2, 1, 0.5));
        assert_eq!((d.speaker_evaluated, d.speaker_correct), (1, 1));
        assert_eq!(r.per_rule["indirect/that"].matched, 0);
        let t = format_table(&r);
        assert!(t.contains("direct/said"));
        assert!(t.contains("    overlap                    0.333  1.000  0.500"));
        let j = serde_json::to_value(&r).unwrap();
        for k in ["exact", "exact_norm", "overlap", "speaker", "per_kind", "per_rule", "date"] {
            assert!(j.get(k).is_some(), "{k}");
        }
        assert!(j["speaker"]["attribution"].get("F1").is_some());
        assert!(j["per_kind"]["direct"].get("overlap_R").is_some());
    }

    #[test]
    fn readers_and_conversion() {
        let gold = r#"{"id":"a","source":"x","text":"“Hi,” he said.","date":null,"quotes":[{"start":0,"end":5,"text":"“Hi,”","kind":"direct","fragments":null,"speaker":{"text":"he","start":6,"end":8,"name":null},"cue":{"text":"said","start":9,"end":13},"source_id":"s1"}],"meta":{}}

"#;
        let g = read_gold(gold.as_bytes()).unwrap();
        assert_eq!(g[0].quotes[0].cue.as_ref().unwrap().text.as_deref(), Some("said"));
        assert!(read_gold("{".as_bytes()).unwrap_err().starts_with("line 1"));
        let s = read_system(
            r#"{"id":"a","quotes":[{"start":0,"end":5}]}
{"id":"b","quotes":[]}"#
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(s["a"][0].end, 5);
        assert_eq!(unknown_ids(&g, &s), vec!["b".to_owned()]);
        let r = score(&g, &s);
        assert_eq!(r.exact.matched, 1);
        assert_eq!(r.speaker.correct, 0);
    }
}
