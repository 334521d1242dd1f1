//! The CLI's JSON Lines path, one input line at a time.
//!
//! [`process_line`] turns one input line (without its `\n`) into exactly one
//! output: the document's records, or one error record
//! `{"id"?, "line": N, "error": {"kind", "message"}}`. It never panics (a
//! panic inside extraction is caught and becomes an `internal_error` record),
//! so a bad line never stops a run. Error kinds:
//!
//! | kind | when |
//! |---|---|
//! | `invalid_utf8` | the line is not UTF-8 (and `lossy` is off) |
//! | `empty_line` | the line is empty or only whitespace |
//! | `invalid_json` | the line does not parse as JSON (truncated, lone surrogate escape `"\ud800"`, raw control characters …) |
//! | `not_an_object` | valid JSON that is not an object (`[1,2]`, `"str"`, `3`) |
//! | `missing_text` | no `text` field |
//! | `bad_text` | `text` is not a string |
//! | `bad_date` | `date` is not a `YYYY-MM-DD` string |
//! | `too_large` | `text` is over the extractor's `max_document_bytes` (the CLI also gives it, through [`error_line`], to a line over `--max-line-bytes`, which it does not read) |
//! | `internal_error` | extraction panicked: a bug in whosaid or in a user rule; the message says where |
//!
//! ```
//! use whosaid::jsonl::{process_line, Options};
//! let ex = whosaid::Extractor::new();
//! let line = r#"{"id": 1, "text": "“We had very good talks,” Trump wrote."}"#;
//! let out = process_line(&ex, line.as_bytes(), 1, &Options::default());
//! assert!(out.error.is_none() && out.attributions == 1);
//! let out = process_line(&ex, b"[1,2]", 2, &Options::default());
//! assert_eq!(out.error, Some("not_an_object"));
//! assert!(out.bytes.starts_with(br#"{"line":2,"error":{"kind":"not_an_object""#));
//! ```

use serde::Serialize;
use serde_json::Value;

use crate::offsets::{convert_attribution, OffsetMap, OffsetUnit};
use crate::record::Attribution;
use crate::{render, Extractor, Input};

/// Output format of a line's records.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Pretty-printed JSON (several output lines per document).
    Json,
    /// One JSON object per line (the default).
    #[default]
    Jsonl,
    /// The readable `pretty` view (several lines per document).
    Pretty,
}

/// How lines are processed.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Publication date for documents without a `date`.
    pub date: Option<jiff::civil::Date>,
    /// Offset unit of the output.
    pub offsets: OffsetUnit,
    /// Repair invalid UTF-8 with U+FFFD instead of an `invalid_utf8` error.
    pub lossy: bool,
    /// Output format.
    pub format: Format,
}

/// One input line's outcome, rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineOutput {
    /// The rendered output, ending in `\n`. With [`Format::Jsonl`] (and for
    /// every error) it is exactly one line.
    pub bytes: Vec<u8>,
    /// The error kind, for an error record.
    pub error: Option<&'static str>,
    /// How many records the document produced.
    pub attributions: usize,
}

#[derive(Serialize)]
struct ErrOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a Value>,
    line: u64,
    error: ErrBody<'a>,
}

#[derive(Serialize)]
struct ErrBody<'a> {
    kind: &'a str,
    message: String,
}

#[derive(Serialize)]
struct OkOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a Value>,
    attributions: &'a [Attribution<'a>],
}

/// An error record for line `line`.
pub fn error_line(id: Option<&Value>, line: u64, kind: &'static str, message: String) -> LineOutput {
    let mut bytes = serde_json::to_vec(&ErrOut { id, line, error: ErrBody { kind, message } }).unwrap_or_default();
    bytes.push(b'\n');
    LineOutput { bytes, error: Some(kind), attributions: 0 }
}

/// Processes one JSON Lines input line (without its `\n`; a trailing `\r` is
/// ignored): exactly one [`LineOutput`], never a panic.
pub fn process_line(ex: &Extractor, raw: &[u8], line: u64, opts: &Options) -> LineOutput {
    let repaired;
    let s = match std::str::from_utf8(raw) {
        Ok(s) => s,
        Err(_) if opts.lossy => {
            repaired = String::from_utf8_lossy(raw).into_owned();
            repaired.as_str()
        }
        Err(e) => {
            return error_line(
                None,
                line,
                "invalid_utf8",
                format!("invalid UTF-8 at byte {} (use --lossy to repair)", e.valid_up_to()),
            )
        }
    };
    let s = s.strip_suffix('\r').unwrap_or(s);
    if s.trim().is_empty() {
        return error_line(None, line, "empty_line", "empty line".to_owned());
    }
    let mut doc = match serde_json::from_str::<Value>(s) {
        Ok(Value::Object(map)) => map,
        Ok(other) => {
            let what = match other {
                Value::Null => "null",
                Value::Bool(_) => "a boolean",
                Value::Number(_) => "a number",
                Value::String(_) => "a string",
                Value::Array(_) => "an array",
                Value::Object(_) => "an object",
            };
            return error_line(None, line, "not_an_object", format!("expected a JSON object, got {what}"));
        }
        Err(e) => return error_line(None, line, "invalid_json", e.to_string()),
    };
    let id = doc.remove("id");
    let id = id.as_ref();
    let text = match doc.remove("text") {
        Some(Value::String(t)) => t,
        Some(_) => return error_line(id, line, "bad_text", "`text` is not a string".to_owned()),
        None => return error_line(id, line, "missing_text", "missing `text`".to_owned()),
    };
    let date = match doc.get("date") {
        None | Some(Value::Null) => opts.date,
        Some(Value::String(d)) => match d.parse::<jiff::civil::Date>() {
            Ok(d) => Some(d),
            Err(e) => return error_line(id, line, "bad_date", format!("`date` {d:?} is not YYYY-MM-DD: {e}")),
        },
        Some(_) => return error_line(id, line, "bad_date", "`date` is not a string".to_owned()),
    };
    let mut input = Input::new(&text);
    if let Some(d) = date {
        input = input.date(d);
    }
    // A panic is a bug, but one document's bug must not take the rest of a
    // run down with it: the document gets an `internal_error` record (the
    // panic message also goes to stderr) and the run goes on. Nothing is
    // shared between documents but the compiled lexicons, which a panic
    // cannot leave half-built (`OnceLock`).
    let mut recs = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| ex.try_extract(input))) {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => return error_line(id, line, e.kind(), e.to_string()),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .copied()
                .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
                .unwrap_or("no message");
            return error_line(
                id,
                line,
                "internal_error",
                format!("whosaid bug: extraction panicked ({msg}); please report this document"),
            );
        }
    };
    convert_offsets(&text, &mut recs, opts.offsets);
    let mut bytes = Vec::with_capacity(256 + recs.len() * 512);
    let n = recs.len();
    match opts.format {
        Format::Pretty => {
            if let Some(id) = id {
                bytes.extend_from_slice(format!("== {}\n", id.as_str().unwrap_or("")).as_bytes());
            }
            bytes.extend_from_slice(render::pretty(&recs).as_bytes());
        }
        Format::Json => {
            let _ = serde_json::to_writer_pretty(&mut bytes, &OkOut { id, attributions: &recs });
            bytes.push(b'\n');
        }
        Format::Jsonl => {
            let _ = serde_json::to_writer(&mut bytes, &OkOut { id, attributions: &recs });
            bytes.push(b'\n');
        }
    }
    LineOutput { bytes, error: None, attributions: n }
}

/// Converts the byte offsets of `recs` (into `text`) to `unit`.
pub fn convert_offsets(text: &str, recs: &mut [Attribution], unit: OffsetUnit) {
    if unit == OffsetUnit::Bytes {
        return;
    }
    let map = OffsetMap::new(text);
    for a in recs {
        convert_attribution(a, &map, unit);
    }
}
