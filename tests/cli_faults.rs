//! The CLI's JSON Lines path under bad input: one output line per input
//! line, an error record (with its line number and kind) for each bad line,
//! good lines byte-identical to their output when run alone, and output
//! independent of the thread count.

use std::io::Write;
use std::process::{Child, Command, Output, Stdio};

/// Starts the binary with `args`, a thread feeding it `input` on stdin.
fn start(args: &[&str], input: &[u8]) -> (Child, std::thread::JoinHandle<()>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs the binary");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    (child, writer)
}

fn run(args: &[&str], input: &[u8]) -> Output {
    let (child, writer) = start(args, input);
    let out = child.wait_with_output().expect("finishes");
    writer.join().expect("writer");
    out
}

const GOOD: &[&str] = &[
    r#"{"id": "a", "text": "“We had very good talks,” Trump wrote on Friday.", "date": "2025-03-15"}"#,
    r#"{"id": 2, "text": "Putin said that any pause would help Ukraine. “We are ready,” Kremlin spokesman Dmitry Peskov told reporters."}"#,
    r#"{"text": "No quotes here at all."}"#,
    r#"{"id": "nul", "text": "“A\u0000B,” said Jane Doe, a spokeswoman."}"#,
];

/// (line bytes, expected error kind).
fn bad_lines() -> Vec<(Vec<u8>, &'static str)> {
    let huge = format!(r#"{{"id": "huge", "text": "{}"}}"#, "word ".repeat(30_000));
    vec![
        (b"{\"id\": \"u\", \"text\": \"caf\xe9 \xff\"}".to_vec(), "invalid_utf8"),
        (br#"{"id": "s", "text": "\ud800 lone"}"#.to_vec(), "invalid_json"),
        (b"{\"id\": \"n\", \"text\": \"raw\0nul\"}".to_vec(), "invalid_json"),
        (b"".to_vec(), "empty_line"),
        (b"   \r".to_vec(), "empty_line"),
        (b"[1,2]".to_vec(), "not_an_object"),
        (br#""str""#.to_vec(), "not_an_object"),
        (b"3".to_vec(), "not_an_object"),
        (b"null".to_vec(), "not_an_object"),
        (br#"{"id": "m"}"#.to_vec(), "missing_text"),
        (br#"{"id": "t", "text": 42}"#.to_vec(), "bad_text"),
        (br#"{"id": "d", "text": "Hi.", "date": "March 14"}"#.to_vec(), "bad_date"),
        (br#"{"id": "d2", "text": "Hi.", "date": 20250314}"#.to_vec(), "bad_date"),
        (r#"{"id": "cut", "text": "“We had very"#.as_bytes().to_vec(), "invalid_json"),
        (huge.into_bytes(), "too_large"),
    ]
}

const ARGS: &[&str] = &["extract", "--jsonl", "--max-doc-bytes", "100000", "--threads", "2"];

#[test]
fn one_record_per_line_errors_in_place() {
    // Interleave: good, bad, good, bad …; the last line is cut mid-JSON
    // with no trailing newline.
    let bad = bad_lines();
    let mut lines: Vec<(Vec<u8>, Option<&str>)> = Vec::new();
    for (k, (b, kind)) in bad.iter().enumerate() {
        lines.push((GOOD[k % GOOD.len()].as_bytes().to_vec(), None));
        lines.push((b.clone(), Some(*kind)));
    }
    lines.push((br#"{"id": "last", "text": "cut"#.to_vec(), Some("invalid_json")));
    let mut input = Vec::new();
    for (k, (l, _)) in lines.iter().enumerate() {
        input.extend_from_slice(l);
        if k + 1 < lines.len() {
            input.push(b'\n');
        }
    }
    let out = run(ARGS, &input);
    assert_eq!(out.status.code(), Some(1), "errors over --max-errors 0 exit 1");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    let outs: Vec<&str> = stdout.lines().collect();
    assert_eq!(outs.len(), lines.len(), "one output line per input line");
    for (k, ((line, kind), got)) in lines.iter().zip(&outs).enumerate() {
        let n = k as u64 + 1;
        match kind {
            None => {
                let alone = run(ARGS, line);
                assert_eq!(alone.status.code(), Some(0));
                let alone = String::from_utf8(alone.stdout).unwrap();
                assert_eq!(alone.trim_end_matches('\n'), *got, "line {n} differs from its output alone");
            }
            Some(kind) => {
                let v: serde_json::Value = serde_json::from_str(got).expect("JSON");
                assert_eq!(v["line"], n, "line number of {got}");
                assert_eq!(v["error"]["kind"], *kind, "kind on line {n}: {got}");
                assert!(v["error"]["message"].as_str().is_some_and(|m| !m.is_empty()));
            }
        }
    }
    // The ids of bad lines that have one are echoed.
    assert!(outs.iter().any(|l| l.starts_with(r#"{"id":"m","line":"#)));
    // --max-errors: enough allowed errors exit 0.
    let allowed = (lines.len() - bad.len()).to_string();
    let mut args = ARGS.to_vec();
    args.extend(["--max-errors", &allowed]);
    assert_eq!(run(&args, &input).status.code(), Some(0));
}

#[test]
fn lossy_repairs_invalid_utf8() {
    let line = b"{\"id\": \"u\", \"text\": \"\xff\xfe \xe2\x80\x9cWe had very good talks,\xe2\x80\x9d Trump wrote.\"}";
    let out = run(&["extract", "--jsonl", "--lossy"], line);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rec = &v["attributions"][0];
    // Offsets refer to the repaired text: two U+FFFD (3 bytes each) and a space.
    let doc: serde_json::Value = serde_json::from_str(&String::from_utf8_lossy(line)).unwrap();
    let repaired = doc["text"].as_str().unwrap();
    let (s, e) = (rec["content"]["start"].as_u64().unwrap() as usize, rec["content"]["end"].as_u64().unwrap() as usize);
    assert_eq!(&repaired[s..e], rec["content"]["text"].as_str().unwrap());
    assert_eq!(s, "\u{FFFD}\u{FFFD} “".len());
}

#[test]
fn usage_and_io_errors_exit_2() {
    assert_eq!(run(&["extract", "--no-such-flag"], b"").status.code(), Some(2));
    assert_eq!(run(&["extract", "--jsonl", "/no/such/file.jsonl"], b"").status.code(), Some(2));
    assert_eq!(run(&["extract", "--date", "yesterday"], b"").status.code(), Some(2));
}

#[test]
fn output_is_identical_across_thread_counts() {
    let mut input = Vec::new();
    for k in 0..300 {
        let line = match k % 4 {
            0 => format!(
                r#"{{"id": {k}, "text": "“Line {k} went well,” Anna Berg said on Tuesday. Berg added that it rained."}}"#
            ),
            1 => format!(
                r#"{{"id": {k}, "text": "Officials said the border would reopen, according to the ministry. He said “no.”"}}"#
            ),
            2 => "[1,2]".to_owned(),
            _ => format!(r#"{{"id": {k}, "text": "{}"}}"#, "Trump said that talks were productive. ".repeat(k % 17)),
        };
        input.extend_from_slice(line.as_bytes());
        input.push(b'\n');
    }
    let one = run(&["extract", "--jsonl", "--threads", "1", "--max-errors", "1000"], &input);
    let two = run(&["extract", "--jsonl", "--threads", "2", "--max-errors", "1000"], &input);
    assert_eq!(one.status.code(), Some(0));
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.stdout.iter().filter(|&&b| b == b'\n').count(), 300);
}

/// A scratch file for one test, removed when dropped.
struct Scratch(std::path::PathBuf);

impl Scratch {
    fn new(name: &str, bytes: &[u8]) -> Scratch {
        let path = std::env::temp_dir().join(format!("whosaid-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).expect("writes a scratch file");
        Scratch(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().expect("a UTF-8 temp path")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn lines_of(bytes: &[u8]) -> Vec<&[u8]> {
    bytes.split_inclusive(|&b| b == b'\n').collect()
}

/// A `.gz` cut short (a failed download): every line decoded before the
/// cut keeps its output, byte-identical to a clean run; the line the cut
/// falls in is a line too (an error record when it no longer parses); the
/// file is named on stderr and the exit code is 2.
#[test]
fn a_truncated_gzip_keeps_every_line_read_before_the_cut() {
    use std::io::Read;
    let plain: String = (0..400)
        .map(|k| {
            format!(
                r#"{{"id": "d{k}", "text": "“We had {k} very good talks,” Trump wrote on Friday. Officials said plan {k} would hold."}}"#
            ) + "\n"
        })
        .collect();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(plain.as_bytes()).expect("compresses");
    let gz = gz.finish().expect("compresses");
    let cut = &gz[..gz.len() / 2];
    // What a decoder gets out of the cut file before it fails.
    let mut decoded = Vec::new();
    assert!(flate2::read::MultiGzDecoder::new(cut).read_to_end(&mut decoded).is_err());
    let complete = decoded.iter().filter(|&&b| b == b'\n').count();
    let partial = !decoded.is_empty() && decoded.last() != Some(&b'\n');
    assert!(complete > 10 && complete < 400, "{complete} lines before the cut");

    let file = Scratch::new("cut.jsonl.gz", cut);
    let out = run(&["extract", "--jsonl", file.path()], b"");
    let clean = run(&["extract", "--jsonl"], plain.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(file.path()));
    let (got, want) = (lines_of(&out.stdout), lines_of(&clean.stdout));
    assert_eq!(got.len(), complete + partial as usize);
    assert_eq!(got[..complete], want[..complete]);
    if partial {
        let last: serde_json::Value = serde_json::from_slice(got[complete]).expect("JSON");
        assert!(
            got[complete] == want[complete] || last["line"] == complete + 1,
            "the cut line: {}",
            String::from_utf8_lossy(got[complete])
        );
    }
}

/// A file that cannot be opened is reported and skipped; the files after
/// it still run (JSON Lines and plain articles alike); exit code 2.
#[test]
fn an_unreadable_file_is_reported_and_the_others_still_run() {
    let good = Scratch::new("good.jsonl", (GOOD.join("\n") + "\n").as_bytes());
    let missing = "/no/such/dir/file.jsonl";
    let out = run(&["extract", "--jsonl", good.path(), missing, good.path()], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(missing));
    let alone = run(&["extract", "--jsonl", good.path()], b"");
    assert_eq!(lines_of(&alone.stdout).len(), GOOD.len());
    assert_eq!(out.stdout, [alone.stdout.clone(), alone.stdout].concat());

    let article = "“We had very good talks,” Trump wrote on Friday.";
    let (a, bad) = (Scratch::new("a.txt", article.as_bytes()), Scratch::new("bad.txt", b"caf\xe9"));
    let out = run(&["extract", "--format", "jsonl", a.path(), bad.path(), "/no/such.txt", a.path()], b"");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("invalid UTF-8") && stderr.contains("/no/such.txt"), "{stderr}");
    let docs = lines_of(&out.stdout);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0], docs[1]);
    assert!(String::from_utf8_lossy(docs[0]).contains("Trump"));

    // An article over --max-doc-bytes is refused after reading one byte
    // more than the limit, and the others still run.
    let long = Scratch::new("long.txt", article.repeat(40).as_bytes());
    let out = run(&["extract", "--format", "jsonl", "--max-doc-bytes", "1000", long.path(), a.path()], b"");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(long.path()) && stderr.contains("over the limit of 1000 bytes"), "{stderr}");
    assert_eq!(lines_of(&out.stdout), [docs[0]]);
}

/// A reader that goes away (`whosaid … | head -1`) ends whosaid quietly, as
/// it ends `cat`: no panic, no error message, killed by SIGPIPE or done.
#[cfg(unix)]
#[test]
fn a_closed_output_pipe_ends_the_run_quietly() {
    use std::io::Read;
    use std::os::unix::process::ExitStatusExt;
    let quiet = |out: &Output, what: &str| {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success() || out.status.signal() == Some(13), "{what}: {:?} {stderr}", out.status);
        assert!(stderr.is_empty(), "{what}: {stderr}");
    };
    // The pipe closed before the first write.
    for args in [&["rules"][..], &["explain", "fixtures/example.txt"], &["extract", "fixtures/example.txt"]] {
        let (mut child, writer) = start(args, b"");
        drop(child.stdout.take());
        quiet(&child.wait_with_output().expect("finishes"), &args.join(" "));
        writer.join().expect("writer");
    }
    // Closed after the first bytes of a long JSON Lines run.
    let input: String = (0..3000).map(|k| format!(r#"{{"id": {k}, "text": "“Fine,” Jo Ek said."}}"#) + "\n").collect();
    let (mut child, writer) = start(&["extract", "--jsonl", "--format", "pretty"], input.as_bytes());
    let mut first = [0u8; 16];
    child.stdout.take().expect("stdout").read_exact(&mut first).expect("some output");
    let out = child.wait_with_output().expect("finishes");
    writer.join().expect("writer");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.signal() == Some(13) || out.status.success(), "{:?} {stderr}", out.status);
    assert!(!stderr.contains("Broken pipe") && !stderr.contains("panicked"), "{stderr}");
}

/// A line over the line limit is skipped unread (never held whole in
/// memory) and gets a `too_large` record with its line number; the lines
/// around it are untouched. Under the limit, the same line is read and
/// refused by the document limit, with its id.
#[test]
fn a_line_over_the_line_limit_is_skipped_unread() {
    // 1.25 MB: over the line limit that --max-doc-bytes 1000 allows
    // (6 × 1000 bytes + 1 MiB).
    let big = format!(r#"{{"id": "big", "text": "{}"}}"#, "word ".repeat(250_000));
    let input = [GOOD[0], big.as_str(), GOOD[1]].join("\n") + "\n";
    let alone = |line: &str| run(&["extract", "--jsonl"], format!("{line}\n").as_bytes()).stdout;
    for (max_line, id, says) in [("0", None, "line limit"), ("268435456", Some("big"), "document is")] {
        let out =
            run(&["extract", "--jsonl", "--max-doc-bytes", "1000", "--max-line-bytes", max_line], input.as_bytes());
        assert_eq!(out.status.code(), Some(1), "one error line");
        let lines = lines_of(&out.stdout);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0], alone(GOOD[0]));
        assert_eq!(lines[2], alone(GOOD[1]));
        let rec: serde_json::Value = serde_json::from_slice(lines[1]).expect("JSON");
        assert_eq!((&rec["line"], &rec["error"]["kind"]), (&serde_json::json!(2), &serde_json::json!("too_large")));
        assert_eq!(rec["id"].as_str(), id);
        assert!(rec["error"]["message"].as_str().is_some_and(|m| m.contains(says)), "{rec}");
    }
}
