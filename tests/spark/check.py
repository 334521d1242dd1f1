#!/usr/bin/env python3
"""Checks examples/spark_pipe.py against the single-process CLI.

Builds a JSON Lines corpus from the fixtures (`fixtures/*/*.txt`: the text
after the `---` line, the `# date:` header when present), plus two lines
that must give error records, runs `whosaid extract --jsonl --offsets chars`
on it in one process and the Spark example in `local[2]` mode, and compares
the two document by document (parsed JSON per id). Also checks the exploded
attribution table against the records. Exits non-zero on any mismatch.
"""

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from fixture_corpus import fixture_docs  # noqa: E402  (shared with python/tests/conftest.py)


def write_corpus(path):
    docs = fixture_docs()
    with open(path, "w", encoding="utf-8") as f:
        for doc_id, text, date in docs:
            rec = {"id": doc_id, "text": text}
            if date:
                rec["date"] = date
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        # Error records travel through the pipe as data.
        f.write(json.dumps({"id": "error/bad-date", "text": "“Yes,” she said.", "date": "15 March"}) + "\n")
        f.write(json.dumps({"id": "error/no-text"}) + "\n")
    return len(docs) + 2


def read_lines(paths):
    out = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            out.extend(line for line in f.read().splitlines() if line)
    return out


def comparable(rec):
    # `line` counts lines of the process's own input: of the partition under
    # Spark, of the whole file in one process.
    return {k: v for k, v in rec.items() if k != "line"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--whosaid", required=True)
    ap.add_argument("--work", default=None, help="work folder (default: a temporary one)")
    args = ap.parse_args()
    whosaid = os.path.abspath(args.whosaid)
    work = args.work or tempfile.mkdtemp(prefix="whosaid-spark-")
    corpus = os.path.join(work, "corpus.jsonl")
    n_in = write_corpus(corpus)
    failures = []

    # 1. single process
    t = time.time()
    cli = subprocess.run(
        [whosaid, "extract", "--jsonl", "--offsets", "chars", "--max-errors", "100", corpus],
        check=True,
        capture_output=True,
        text=True,
    )
    want_lines = cli.stdout.splitlines()
    want = [json.loads(line) for line in want_lines]
    print(f"cli: {len(want)} records in {time.time() - t:.2f}s")

    # 2. Spark, local[2]
    out = os.path.join(work, "spark-out")
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    t = time.time()
    subprocess.run(
        [
            sys.executable,
            os.path.join(ROOT, "examples", "spark_pipe.py"),
            corpus,
            out,
            "--whosaid",
            whosaid,
            "--master",
            "local[2]",
            "--format",
            "json",
            "--quiet",
        ],
        check=True,
        env=env,
    )
    print(f"spark: done in {time.time() - t:.2f}s")
    parts = sorted(glob.glob(os.path.join(out, "records", "part-*")))
    got = [json.loads(line) for line in read_lines(parts)]
    print(f"spark: {len(got)} records in {len(parts)} partitions")
    if len(parts) < 2:
        failures.append(f"expected at least 2 partitions, got {len(parts)}")

    # 3. document by document
    if len(want) != n_in:
        failures.append(f"cli wrote {len(want)} records for {n_in} input lines")
    if len(got) != len(want):
        failures.append(f"spark wrote {len(got)} records, the cli {len(want)}")
    want_by_id = {r["id"]: r for r in want}
    got_by_id = {}
    for r in got:
        if r.get("id") in got_by_id:
            failures.append(f"duplicate id in spark output: {r.get('id')}")
        got_by_id[r.get("id")] = r
    if len(want_by_id) != len(want):
        failures.append("duplicate ids in the cli output")
    for doc_id in sorted(set(want_by_id) | set(got_by_id), key=str):
        w, g = want_by_id.get(doc_id), got_by_id.get(doc_id)
        if w is None or g is None:
            failures.append(f"{doc_id}: only in {'spark' if w is None else 'cli'} output")
        elif comparable(w) != comparable(g):
            failures.append(f"{doc_id}: spark and cli records differ")
    if [r.get("id") for r in got] != [r.get("id") for r in want]:
        failures.append("spark output is not in input order")
    errors = [r for r in want if "error" in r]
    if sorted(r["error"]["kind"] for r in errors) != ["bad_date", "missing_text"]:
        failures.append(f"unexpected error records: {errors}")
    n_attr = sum(len(r.get("attributions", [])) for r in want)
    if n_attr == 0:
        failures.append("no attributions at all")

    # 4. the exploded table: one row per attribution, fields as in the records
    rows = [json.loads(line) for line in read_lines(sorted(glob.glob(os.path.join(out, "attributions", "part-*"))))]
    if len(rows) != n_attr:
        failures.append(f"attribution table has {len(rows)} rows, records have {n_attr} attributions")
    for row in rows:
        rec = want_by_id[row["doc_id"]]["attributions"][row["n"]]
        expect = {
            "kind": rec["kind"],
            "content_start": rec["content"]["start"],
            "content_end": rec["content"]["end"],
            "content_text": rec["content"]["text"],
            "speaker_text": (rec["speaker"] or {}).get("text"),
            "speaker_name": (rec["speaker"] or {}).get("name"),
            "speaker_kind": (rec["speaker"] or {}).get("kind"),
            "cue_text": (rec["cue"] or {}).get("text"),
            "cue_lemma": (rec["cue"] or {}).get("lemma"),
            "date_resolved": (rec["date"] or {}).get("resolved"),
            "rule": rec["rule"],
        }
        # Spark's JSON writer leaves out null fields.
        actual = {k: row.get(k) for k in expect}
        if actual != expect or abs(row["confidence"] - rec["confidence"]) > 1e-6:
            failures.append(f"{row['doc_id']}#{row['n']}: table row {row} differs from record")
            break
    err_rows = read_lines(sorted(glob.glob(os.path.join(out, "errors", "part-*"))))
    if len(err_rows) != len(errors):
        failures.append(f"errors table has {len(err_rows)} rows, expected {len(errors)}")

    docs = len(want) - len(errors)
    if failures:
        for f in failures[:50]:
            print("FAIL:", f)
        print(f"spark pipe: {len(failures)} failed checks")
        return 1
    print(f"spark pipe: {docs} documents, {len(errors)} error records, {n_attr} attributions match the cli")
    return 0


if __name__ == "__main__":
    sys.exit(main())
