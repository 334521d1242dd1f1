//! The `whosaid` command-line tool.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use serde::Serialize;

use whosaid::offsets::OffsetUnit;
use whosaid::{eval, fixture, jsonl, render, Attribution, Extractor, Input};

#[derive(Parser)]
#[command(name = "whosaid", version, about = "Who said what, and when: quote and claim attribution for news text")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Pretty-printed JSON, one object per input.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// A readable view: speaker — cue — date — quote.
    Pretty,
}

#[derive(clap::Args)]
struct ExtractorArgs {
    /// Disable a rule by id or a whole family (repeatable).
    #[arg(long = "disable", value_name = "RULE")]
    disable: Vec<String>,
    /// Add entries to a lexicon: KIND=FILE, KIND one of cues, titles,
    /// organizations, abbreviations (repeatable).
    #[arg(long = "lexicon", value_name = "KIND=FILE")]
    lexicon: Vec<String>,
    /// Maximum document size in bytes; larger documents get an error record.
    #[arg(long, default_value_t = whosaid::DEFAULT_MAX_DOCUMENT_BYTES)]
    max_doc_bytes: usize,
    /// Maximum quotation length in bytes; longer quotations (usually a
    /// stray mark) yield no direct or partial record.
    #[arg(long, default_value_t = whosaid::DEFAULT_MAX_QUOTE_BYTES)]
    max_quote_bytes: usize,
}

impl ExtractorArgs {
    fn build(&self) -> Result<Extractor, String> {
        let mut b = Extractor::builder();
        b.max_document_bytes(self.max_doc_bytes);
        b.max_quote_bytes(self.max_quote_bytes);
        for d in &self.disable {
            b.disable(d);
        }
        for l in &self.lexicon {
            let (kind, file) = l.split_once('=').ok_or_else(|| format!("--lexicon expects KIND=FILE, got {l:?}"))?;
            let src = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
            b.lexicon(kind, &src, false);
        }
        b.build().map_err(|e| e.to_string())
    }
}

#[derive(Subcommand)]
enum Command {
    /// Extract attributions from plain-text files (or `-` for stdin), or
    /// from JSON Lines with --jsonl.
    Extract {
        /// Input files; `-` or nothing reads stdin. `.gz` files are decompressed.
        files: Vec<PathBuf>,
        /// Inputs are JSON Lines: {"id", "text", "date"?} per line.
        #[arg(long)]
        jsonl: bool,
        /// Output format (default: json for text files, jsonl with --jsonl).
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Publication date (YYYY-MM-DD) for plain-text inputs, and for
        /// JSONL lines without one.
        #[arg(long)]
        date: Option<String>,
        /// Offsets in the output: bytes (default), chars (code points, as
        /// Python), utf16 (as the JVM and JavaScript).
        #[arg(long, default_value = "bytes")]
        offsets: OffsetUnit,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
        /// Replace invalid UTF-8 with U+FFFD instead of reporting an error
        /// (offsets then refer to the repaired text).
        #[arg(long)]
        lossy: bool,
        /// Exit non-zero when more than this many input lines had errors.
        #[arg(long, default_value_t = 0)]
        max_errors: u64,
        /// With --jsonl, lines longer than this (bytes) get a `too_large`
        /// record without being held in memory. Never below what a document
        /// of --max-doc-bytes can take as JSON (6 bytes per text byte, plus
        /// 1 MiB for the other fields).
        #[arg(long, default_value_t = DEFAULT_MAX_LINE_BYTES)]
        max_line_bytes: usize,
        #[command(flatten)]
        ex: ExtractorArgs,
    },
    /// Score whosaid against gold annotations: a JSON Lines gold file (the
    /// format of shared/eval) or a fixtures folder or file.
    Eval {
        /// Gold file (.jsonl) or fixture folder/file.
        gold: PathBuf,
        /// Print the figures as one JSON object.
        #[arg(long)]
        json: bool,
        /// Print N sample misses, false positives and wrong speakers.
        #[arg(long, value_name = "N")]
        errors: Option<usize>,
        /// Write the system output (score.py's format) to this file.
        #[arg(long, value_name = "FILE")]
        system_out: Option<PathBuf>,
        #[command(flatten)]
        ex: ExtractorArgs,
    },
    /// List every rule with its id, description and examples.
    Rules,
    /// Write a self-contained HTML review page for one article: highlighted
    /// spans with tooltips and a table of records; with --gold, missed gold
    /// spans and false positives are marked.
    Render {
        /// A plain-text article, or a fixture file (header, `---`, article).
        file: PathBuf,
        /// Output HTML file.
        #[arg(long, value_name = "OUT.html")]
        html: PathBuf,
        /// Publication date (YYYY-MM-DD); default: the fixture's date.
        #[arg(long)]
        date: Option<String>,
        /// Gold: a JSONL file in the shared/eval format (the document whose
        /// id is FILE's path, name or stem, or its only document), or a
        /// fixture file.
        #[arg(long, value_name = "GOLD")]
        gold: Option<PathBuf>,
        #[command(flatten)]
        ex: ExtractorArgs,
    },
    /// Explain one article: for every quotation and cue, the candidates each
    /// rule produced, which was accepted, why the others were rejected, and
    /// why nothing fired where nothing did.
    Explain {
        /// A plain-text article, or a fixture file (header, `---`, article).
        file: PathBuf,
        /// Publication date (YYYY-MM-DD); default: the fixture's date.
        #[arg(long)]
        date: Option<String>,
        #[command(flatten)]
        ex: ExtractorArgs,
    },
}

/// Default of `--max-line-bytes`: 256 MiB.
const DEFAULT_MAX_LINE_BYTES: usize = 256 << 20;

fn main() -> ExitCode {
    // A reader that goes away (`whosaid rules | head -1`) ends whosaid the
    // way it ends `cat`: by SIGPIPE, with no message. The Rust runtime
    // ignores SIGPIPE, which turns that into write errors, and `print!`
    // panics on those.
    #[cfg(unix)]
    // SAFETY: sets the default disposition of one signal, before any thread
    // is started; no handler runs Rust code.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("whosaid: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Extract { files, jsonl, format, date, offsets, threads, lossy, max_errors, max_line_bytes, ex } => {
            let extractor = ex.build()?;
            let date =
                date.map(|d| d.parse::<jiff::civil::Date>().map_err(|e| format!("--date {d:?}: {e}"))).transpose()?;
            if let Some(n) = threads {
                rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global().map_err(|e| e.to_string())?;
            }
            if jsonl {
                let format = format.unwrap_or(Format::Jsonl);
                let format = match format {
                    Format::Json => jsonl::Format::Json,
                    Format::Jsonl => jsonl::Format::Jsonl,
                    Format::Pretty => jsonl::Format::Pretty,
                };
                let opts = jsonl::Options { date, offsets, lossy, format };
                // A document within --max-doc-bytes is never refused for
                // its line's length: JSON spells a text byte in at most 6
                // (`\u0000`).
                let line_cap =
                    max_line_bytes.max(extractor.max_document_bytes().saturating_mul(6).saturating_add(1 << 20));
                let errors = extract_jsonl(&extractor, &files, &opts, line_cap)?;
                return Ok(if errors > max_errors { ExitCode::from(1) } else { ExitCode::SUCCESS });
            }
            let format = format.unwrap_or(Format::Json);
            let files = if files.is_empty() { vec![PathBuf::from("-")] } else { files };
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            // A file that cannot be read or extracted is reported and
            // skipped; the others still get their output, and the exit code
            // says something went wrong.
            let mut failed = 0usize;
            for f in &files {
                match article_output(&extractor, f, date, lossy, offsets, format) {
                    Ok(bytes) => out.write_all(&bytes).map_err(|e| e.to_string())?,
                    Err(e) => {
                        eprintln!("whosaid: {}: {e}", f.display());
                        failed += 1;
                    }
                }
            }
            out.flush().map_err(|e| e.to_string())?;
            if failed > 0 {
                return Err(format!("{failed} of {} inputs not extracted (see above)", files.len()));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { gold, json, errors, system_out, ex } => {
            let extractor = ex.build()?;
            let docs = load_gold(&gold)?;
            let mut system = std::collections::HashMap::new();
            let outs: Vec<(String, Vec<eval::SysQuote>)> = docs
                .par_iter()
                .map(|d| {
                    let mut input = Input::new(&d.text);
                    if let Some(date) = d.date.as_deref().and_then(|s| s.parse().ok()) {
                        input = input.date(date);
                    }
                    let recs = extractor.extract(input);
                    (d.id.clone(), eval::sys_quotes_from(&d.text, &recs))
                })
                .collect();
            if let Some(path) = system_out {
                let mut w = BufWriter::new(File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?);
                for (id, q) in &outs {
                    serde_json::to_writer(&mut w, &serde_json::json!({"id": id, "quotes": q}))
                        .map_err(|e| e.to_string())?;
                    w.write_all(b"\n").map_err(|e| e.to_string())?;
                }
            }
            for (id, q) in outs {
                system.insert(id, q);
            }
            let report = eval::score(&docs, &system);
            if json {
                println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?);
            } else {
                print!("{}", eval::format_table(&report));
            }
            if let Some(n) = errors {
                print!("{}", eval::format_errors(&eval::errors(&docs, &system, n)));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Render { file, html, date, gold, ex } => {
            let extractor = ex.build()?;
            let (text, date) = read_article(&file, date)?;
            let gold = gold.map(|g| gold_for(&g, &file, &text)).transpose()?;
            let mut input = Input::new(&text);
            if let Some(d) = date {
                input = input.date(d);
            }
            let recs = extractor.extract(input);
            let title = file.display().to_string();
            let page = whosaid::html::page(&title, &text, &recs, gold.as_deref());
            std::fs::write(&html, page).map_err(|e| format!("{}: {e}", html.display()))?;
            eprintln!("whosaid: {} records, wrote {}", recs.len(), html.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { file, date, ex } => {
            let extractor = ex.build()?;
            let (text, date) = read_article(&file, date)?;
            let mut input = Input::new(&text);
            if let Some(d) = date {
                input = input.date(d);
            }
            print!("{}", whosaid::explain::explain(&extractor, input));
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules => {
            let ex = Extractor::new();
            for r in ex.rules() {
                println!("{}\n    {}", r.id(), r.description());
                for e in r.examples() {
                    match e.expect {
                        Some((content, speaker)) => {
                            println!("    + {}   [{speaker} — {content}]", e.text.replace('\n', "⏎"))
                        }
                        None => println!("    - {}", e.text.replace('\n', "⏎")),
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Reads one article: a fixture file (its text and date) or plain text. An
/// explicit `--date` wins over the fixture's.
fn read_article(path: &Path, date: Option<String>) -> Result<(String, Option<jiff::civil::Date>), String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (text, fx_date) = if raw.starts_with("# title:") {
        let fx = fixture::parse(&raw).map_err(|e| format!("{}: {e}", path.display()))?;
        (fx.text, fx.date)
    } else {
        (raw, None)
    };
    let date =
        date.or(fx_date).map(|d| d.parse::<jiff::civil::Date>().map_err(|e| format!("date {d:?}: {e}"))).transpose()?;
    Ok((text, date))
}

/// The gold quotes for `file` (whose article text is `text`) from a fixture
/// or a JSONL gold file.
fn gold_for(gold: &Path, file: &Path, text: &str) -> Result<Vec<eval::GoldQuote>, String> {
    let doc = if gold.extension().is_some_and(|e| e == "txt") {
        let fx = fixture::Fixture::load(gold).map_err(|e| e.to_string())?;
        fx.to_gold(&gold.display().to_string()).map_err(|e| e.to_string())?
    } else {
        let docs = load_gold(gold)?;
        let names = [
            file.display().to_string(),
            file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            file.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        ];
        let only = docs.len() == 1;
        docs.into_iter()
            .enumerate()
            .find(|(_, d)| names.contains(&d.id) || only)
            .map(|(_, d)| d)
            .ok_or_else(|| format!("{}: no document with id {:?} (or {:?})", gold.display(), names[1], names[2]))?
    };
    if doc.text != text {
        return Err(format!("{}: the gold document's text differs from {}", gold.display(), file.display()));
    }
    Ok(doc.quotes)
}

/// Loads gold documents from a JSONL file, a fixture file, or a folder of fixtures.
fn load_gold(path: &Path) -> Result<Vec<eval::GoldDoc>, String> {
    if path.is_dir() || path.extension().is_some_and(|e| e == "txt") {
        let mut files = Vec::new();
        collect_fixtures(path, &mut files).map_err(|e| format!("{}: {e}", path.display()))?;
        files.sort();
        let mut docs = Vec::new();
        for f in files {
            let fx = fixture::Fixture::load(&f).map_err(|e| e.to_string())?;
            docs.push(fx.to_gold(&f.display().to_string()).map_err(|e| e.to_string())?);
        }
        return Ok(docs);
    }
    let r = BufReader::new(File::open(path).map_err(|e| format!("{}: {e}", path.display()))?);
    eval::read_gold(r)
}

fn collect_fixtures(path: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    if path.is_file() {
        out.push(path.to_owned());
        return Ok(());
    }
    for entry in std::fs::read_dir(path)? {
        let p = entry?.path();
        if p.is_dir() {
            collect_fixtures(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "txt")
            && p.parent() != Some(Path::new("fixtures"))
            && p.file_name().is_some_and(|n| n != "example.txt")
        {
            out.push(p);
        }
    }
    Ok(())
}

/// One plain-text article's rendered output; the error (without the file
/// name) when it cannot be read, is not UTF-8 (without `lossy`) or is over
/// the document size limit. An article is never read further than one byte
/// past that limit, so a 10 GB file given by mistake is refused without
/// being read into memory first.
fn article_output(
    ex: &Extractor,
    path: &Path,
    date: Option<jiff::civil::Date>,
    lossy: bool,
    offsets: OffsetUnit,
    format: Format,
) -> Result<Vec<u8>, String> {
    let limit = ex.max_document_bytes();
    let mut bytes = Vec::new();
    open_input(path)
        .and_then(|r| r.take((limit as u64).saturating_add(1)).read_to_end(&mut bytes))
        .map_err(|e| e.to_string())?;
    if bytes.len() > limit {
        return Err(format!("document is over the limit of {limit} bytes (--max-doc-bytes); not read further"));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) if lossy => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        Err(e) => {
            return Err(format!("invalid UTF-8 at byte {} (use --lossy to repair)", e.utf8_error().valid_up_to()))
        }
    };
    let mut input = Input::new(&text);
    if let Some(d) = date {
        input = input.date(d);
    }
    let mut recs = ex.try_extract(input).map_err(|e| e.to_string())?;
    convert_all(&text, &mut recs, offsets);
    let mut out = Vec::new();
    write_doc(&mut out, format, Some(&path.display().to_string()), &recs).map_err(|e| e.to_string())?;
    Ok(out)
}

fn open_input(path: &Path) -> io::Result<Box<dyn BufRead + Send>> {
    let raw: Box<dyn Read + Send> =
        if path == Path::new("-") { Box::new(io::stdin()) } else { Box::new(File::open(path)?) };
    if path.extension().is_some_and(|e| e == "gz") {
        Ok(Box::new(BufReader::with_capacity(1 << 20, flate2::read::MultiGzDecoder::new(raw))))
    } else {
        Ok(Box::new(BufReader::with_capacity(1 << 20, raw)))
    }
}

fn convert_all(text: &str, recs: &mut [Attribution], unit: OffsetUnit) {
    jsonl::convert_offsets(text, recs, unit);
}

#[derive(Serialize)]
struct DocOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    attributions: &'a [Attribution<'a>],
}

fn write_doc(out: &mut impl Write, format: Format, id: Option<&str>, recs: &[Attribution]) -> io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &DocOut { id, attributions: recs })?;
            out.write_all(b"\n")
        }
        Format::Jsonl => {
            serde_json::to_writer(&mut *out, &DocOut { id, attributions: recs })?;
            out.write_all(b"\n")
        }
        Format::Pretty => {
            if let Some(id) = id {
                writeln!(out, "== {id}")?;
            }
            out.write_all(render::pretty(recs).as_bytes())
        }
    }
}

/// Streams JSON Lines through the extractor on all cores, in input order,
/// with a bounded window of in-flight documents. Returns the error count.
///
/// Three stages overlap: a reader thread cuts the input into batches, the
/// calling thread runs each batch on the rayon pool (parsing, extraction
/// and JSON rendering happen in the workers), and a writer thread writes
/// the rendered batch while the next one is processed. The channels hold
/// one batch each, so at most four batches are alive at once.
fn extract_jsonl(ex: &Extractor, files: &[PathBuf], opts: &jsonl::Options, line_cap: usize) -> Result<u64, String> {
    const WINDOW_DOCS: usize = 4096;
    const WINDOW_BYTES: usize = 32 << 20;
    type Batch = Vec<(u64, Line)>;
    let files: Vec<PathBuf> = if files.is_empty() { vec![PathBuf::from("-")] } else { files.to_vec() };
    let total_bytes: Option<u64> = files.iter().try_fold(0u64, |acc, f| {
        if f == Path::new("-") || f.extension().is_some_and(|e| e == "gz") {
            None
        } else {
            std::fs::metadata(f).ok().map(|m| acc + m.len())
        }
    });
    let progress = Progress::new(total_bytes);
    let mut stats = Stats::default();
    let mut input_errors = 0usize;
    std::thread::scope(|scope| -> Result<(), String> {
        let (batch_tx, batch_rx) = std::sync::mpsc::sync_channel::<Result<Batch, String>>(1);
        let (out_tx, out_rx) = std::sync::mpsc::sync_channel::<Vec<jsonl::LineOutput>>(1);
        let reader = scope.spawn(move || {
            let mut line_no = 0u64;
            let mut batch: Batch = Vec::with_capacity(WINDOW_DOCS);
            let mut batch_bytes = 0usize;
            // Sends the lines read so far; false once the consumer stopped.
            let send = |batch: &mut Batch, batch_bytes: &mut usize| {
                *batch_bytes = 0;
                batch.is_empty() || batch_tx.send(Ok(std::mem::replace(batch, Vec::with_capacity(WINDOW_DOCS)))).is_ok()
            };
            for f in &files {
                let mut reader = match open_input(f) {
                    Ok(r) => r,
                    Err(e) => {
                        // Earlier files' lines go out first, then the error;
                        // the next file is read all the same.
                        if !send(&mut batch, &mut batch_bytes)
                            || batch_tx.send(Err(format!("{}: {e}", f.display()))).is_err()
                        {
                            return;
                        }
                        continue;
                    }
                };
                loop {
                    // On an error (a corrupt or truncated `.gz`), the line
                    // holds what was read of it: it is a line too, and gets
                    // its record (an error record when it is cut short).
                    let (line, n, failed) = read_line(&mut reader, line_cap);
                    if n > 0 {
                        line_no += 1;
                        batch_bytes += match &line {
                            Line::Read(b) => b.len(),
                            Line::TooLong(_) => 0,
                        };
                        batch.push((line_no, line));
                        if (batch.len() >= WINDOW_DOCS || batch_bytes >= WINDOW_BYTES)
                            && !send(&mut batch, &mut batch_bytes)
                        {
                            return;
                        }
                    }
                    if let Some(e) = failed {
                        let message = format!("{}: {e} (after input line {line_no})", f.display());
                        if !send(&mut batch, &mut batch_bytes) || batch_tx.send(Err(message)).is_err() {
                            return;
                        }
                        break;
                    }
                    if n == 0 {
                        break;
                    }
                }
            }
            send(&mut batch, &mut batch_bytes);
        });
        let writer = scope.spawn(move || -> Result<(), String> {
            let stdout = io::stdout();
            let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
            for results in out_rx {
                for r in &results {
                    out.write_all(&r.bytes).map_err(|e| e.to_string())?;
                }
            }
            out.flush().map_err(|e| e.to_string())
        });
        for batch in batch_rx {
            let batch = match batch {
                Ok(b) => b,
                Err(e) => {
                    // An input that cannot be read (in full): reported now,
                    // counted, and the run goes on with the next file.
                    progress.clear();
                    eprintln!("whosaid: {e}");
                    input_errors += 1;
                    continue;
                }
            };
            let results: Vec<jsonl::LineOutput> = batch
                .par_iter()
                .map(|(n, line)| match line {
                    Line::Read(raw) => jsonl::process_line(ex, raw, *n, opts),
                    Line::TooLong(len) => jsonl::error_line(
                        None,
                        *n,
                        "too_large",
                        format!(
                            "line is {len} bytes, over the line limit of {line_cap} bytes (--max-line-bytes); not read"
                        ),
                    ),
                })
                .collect();
            for (r, (_, line)) in results.iter().zip(batch.iter()) {
                stats.docs += 1;
                stats.errors += r.error.is_some() as u64;
                stats.attributions += r.attributions as u64;
                stats.bytes += line.len() + 1;
            }
            drop(batch);
            if out_tx.send(results).is_err() {
                break;
            }
            progress.update(&stats);
        }
        drop(out_tx);
        let written = writer.join().map_err(|_| "writer thread panicked".to_owned())?;
        // A failed writer stops the loop above; the reader then sees its
        // channel closed and stops too.
        reader.join().map_err(|_| "reader thread panicked".to_owned())?;
        written
    })?;
    progress.finish(&stats);
    if input_errors > 0 {
        return Err(format!(
            "{input_errors} input file(s) not read in full (see above); every line read has its output"
        ));
    }
    Ok(stats.errors)
}

/// One input line of `--jsonl`.
enum Line {
    /// Its bytes, without the `\n`.
    Read(Vec<u8>),
    /// A line over the line limit, skipped unread: its length in bytes.
    TooLong(u64),
}

impl Line {
    /// Its length in bytes, without the `\n`.
    fn len(&self) -> u64 {
        match self {
            Line::Read(b) => b.len() as u64,
            Line::TooLong(n) => *n,
        }
    }
}

/// Reads one line (up to and including `\n`, which is dropped) without
/// holding more than `cap` bytes of it: a longer line is consumed to its end
/// and comes back as [`Line::TooLong`]. Returns the line, the bytes consumed
/// (0 at the end of the input) and the error that stopped the read, if one
/// did (the line then holds what was read of it).
fn read_line(reader: &mut dyn BufRead, cap: usize) -> (Line, usize, Option<io::Error>) {
    let mut buf = Vec::new();
    let mut len = 0usize; // bytes of the line, read or skipped
    let mut consumed = 0usize;
    let mut failed = None;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                failed = Some(e);
                break;
            }
        };
        if chunk.is_empty() {
            break;
        }
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        if len + take <= cap {
            buf.extend_from_slice(&chunk[..take]);
        } else {
            // Over the cap: keep nothing more of it.
            buf = Vec::new();
        }
        len += take;
        let used = take + done as usize;
        reader.consume(used);
        consumed += used;
        if done {
            break;
        }
    }
    let line = if len > cap { Line::TooLong(len as u64) } else { Line::Read(buf) };
    (line, consumed, failed)
}

#[derive(Default)]
struct Stats {
    docs: u64,
    errors: u64,
    attributions: u64,
    bytes: u64,
}

struct Progress {
    start: Instant,
    total: Option<u64>,
    tty: bool,
}

impl Progress {
    fn new(total: Option<u64>) -> Progress {
        Progress { start: Instant::now(), total, tty: io::stderr().is_terminal() }
    }

    fn update(&self, s: &Stats) {
        if !self.tty {
            return;
        }
        let secs = self.start.elapsed().as_secs_f64().max(1e-9);
        let mbs = s.bytes as f64 / 1e6 / secs;
        let eta = match self.total {
            Some(t) if s.bytes > 0 && mbs > 0.0 => {
                format!(", ETA {:.0}s", (t.saturating_sub(s.bytes)) as f64 / 1e6 / mbs)
            }
            _ => String::new(),
        };
        let pct = self.total.map_or(String::new(), |t| format!(" {:.1}%", 100.0 * s.bytes as f64 / t.max(1) as f64));
        eprint!("\r\x1b[2K{} docs, {:.1} MB{pct}, {:.1} MB/s{eta}", s.docs, s.bytes as f64 / 1e6, mbs);
    }

    /// Clears the progress line (before another message on stderr).
    fn clear(&self) {
        if self.tty {
            eprint!("\r\x1b[2K");
        }
    }

    fn finish(&self, s: &Stats) {
        let secs = self.start.elapsed().as_secs_f64();
        if self.tty {
            eprint!("\r\x1b[2K");
        }
        eprintln!(
            "whosaid: {} documents, {} errors, {} attributions, {:.2} s, {:.1} MB/s",
            s.docs,
            s.errors,
            s.attributions,
            secs,
            s.bytes as f64 / 1e6 / secs.max(1e-9)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_line_keeps_lines_up_to_the_cap_and_skips_longer_ones_across_chunks() {
        // A 3-byte buffer: every line spans several chunks.
        let mut r = BufReader::with_capacity(3, &b"ab\nabcdefgh\n\nabcde\nxy"[..]);
        let mut got = Vec::new();
        loop {
            let (line, n, failed) = read_line(&mut r, 5);
            assert!(failed.is_none());
            if n == 0 {
                break;
            }
            got.push(match line {
                Line::Read(b) => String::from_utf8(b).expect("UTF-8"),
                Line::TooLong(len) => format!("<{len} bytes>"),
            });
        }
        assert_eq!(got, ["ab", "<8 bytes>", "", "abcde", "xy"]);
    }
}
