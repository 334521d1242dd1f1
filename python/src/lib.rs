//! Python bindings for whosaid.
//!
//! `whosaid.extract(text, date=None)` returns the attribution records of one
//! text as a list of dicts, with the fields of the CLI's JSON records and
//! offsets in characters (code points), so that `text[r["content"]["start"]:
//! r["content"]["end"]] == r["content"]["text"]`. `whosaid.extract_many`
//! does the same for a list of texts on all cores, with the GIL released.
//!
//! Records are converted through JSON (serde_json in Rust, `json.loads` in
//! Python), which keeps the dicts identical to the CLI's output by
//! construction.

use std::sync::OnceLock;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};
use rayon::prelude::*;

use whosaid_core::offsets::{convert_attribution, OffsetMap, OffsetUnit};
use whosaid_core::{Extractor, Input};

/// The extractor, built on first use and shared by all threads.
fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::new)
}

/// A publication date given as `"YYYY-MM-DD"`, a `datetime.date` (or
/// `datetime.datetime`, whose time is ignored) or `None`.
fn parse_date(date: Option<&Bound<'_, PyAny>>) -> PyResult<Option<jiff::civil::Date>> {
    let Some(d) = date else { return Ok(None) };
    if d.is_none() {
        return Ok(None);
    }
    if let Ok(s) = d.cast::<PyString>() {
        let s = s.to_cow()?;
        return s
            .parse::<jiff::civil::Date>()
            .map(Some)
            .map_err(|e| PyValueError::new_err(format!("date {s:?} is not YYYY-MM-DD: {e}")));
    }
    let part = |name: &str| -> PyResult<i64> {
        d.getattr(name)
            .and_then(|v| v.extract::<i64>())
            .map_err(|_| PyTypeError::new_err("date must be a str (YYYY-MM-DD), a datetime.date or None"))
    };
    let (y, m, day) = (part("year")?, part("month")?, part("day")?);
    let bad = || PyValueError::new_err(format!("date {y}-{m}-{day} is out of range"));
    let y = i16::try_from(y).map_err(|_| bad())?;
    let m = i8::try_from(m).map_err(|_| bad())?;
    let day = i8::try_from(day).map_err(|_| bad())?;
    jiff::civil::Date::new(y, m, day).map(Some).map_err(|_| bad())
}

/// Extracts from one document and renders its records as a JSON array with
/// character offsets. Runs without the GIL.
fn extract_json(text: &str, date: Option<jiff::civil::Date>) -> Result<String, String> {
    let mut input = Input::new(text);
    if let Some(d) = date {
        input = input.date(d);
    }
    let mut recs = extractor().try_extract(input).map_err(|e| format!("{}: {e}", e.kind()))?;
    if !text.is_ascii() {
        let map = OffsetMap::new(text);
        for a in &mut recs {
            convert_attribution(a, &map, OffsetUnit::Chars);
        }
    }
    serde_json::to_string(&recs).map_err(|e| e.to_string())
}

fn loads<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.getattr("loads")?.call1((json,))
}

/// Extracts the attributions of one text.
///
/// Returns a list of dicts with the fields of the CLI's JSON records
/// (`kind`, `content`, `speaker`, `cue`, `date`, `rule`, `confidence`), with
/// offsets in characters: Python string indexes.
#[pyfunction]
#[pyo3(signature = (text, date=None))]
fn extract<'py>(py: Python<'py>, text: &str, date: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
    let date = parse_date(date)?;
    let json = py.detach(|| extract_json(text, date)).map_err(PyValueError::new_err)?;
    loads(py, &json)
}

/// Extracts the attributions of many texts on all cores (or on a dedicated
/// pool of `threads` threads), with the GIL released.
///
/// Returns one list of records per text, in the order of `texts`. `dates`,
/// when given, has one date (or `None`) per text.
#[pyfunction]
#[pyo3(signature = (texts, dates=None, threads=None))]
fn extract_many<'py>(
    py: Python<'py>,
    texts: Vec<String>,
    dates: Option<Vec<Option<Bound<'py, PyAny>>>>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    let dates: Vec<Option<jiff::civil::Date>> = match dates {
        None => vec![None; texts.len()],
        Some(ds) => {
            if ds.len() != texts.len() {
                return Err(PyValueError::new_err(format!(
                    "dates has {} items but texts has {}",
                    ds.len(),
                    texts.len()
                )));
            }
            ds.iter().map(|d| parse_date(d.as_ref())).collect::<PyResult<_>>()?
        }
    };
    if threads == Some(0) {
        return Err(PyValueError::new_err("threads must be at least 1"));
    }
    let run = || -> Vec<Result<String, String>> {
        texts.par_iter().zip(dates.par_iter()).map(|(t, d)| extract_json(t, *d)).collect()
    };
    let outs = py
        .detach(|| match threads {
            None => Ok(run()),
            Some(n) => rayon::ThreadPoolBuilder::new().num_threads(n).build().map(|pool| pool.install(run)),
        })
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    let json_loads = py.import("json")?.getattr("loads")?;
    let list = PyList::empty(py);
    for (i, out) in outs.into_iter().enumerate() {
        let json = out.map_err(|e| PyValueError::new_err(format!("texts[{i}]: {e}")))?;
        list.append(json_loads.call1((json,))?)?;
    }
    Ok(list)
}

/// Who said what, and when: rule-based quote and claim attribution for news
/// text.
#[pymodule]
fn whosaid(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
