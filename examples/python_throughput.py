#!/usr/bin/env python3
"""Throughput of the Python package: ``whosaid.extract_many`` over a JSON
Lines corpus (``{"id", "text", "date"?}`` per line) held in memory.

    pip install ./python        # or: maturin build --release -m python/Cargo.toml
    python3 examples/python_throughput.py CORPUS.jsonl [--threads N] [--repeat R] [--loop]

Reading the corpus is not timed; ``extract_many`` is, including the
conversion of every record to Python dicts. ``--loop`` also times a plain
loop of ``whosaid.extract`` (one core). Throughput is given in documents/s
and in MB/s of the corpus file.
"""

import argparse
import json
import os
import time

import whosaid


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--threads", type=int, default=None, help="dedicated pool size (default: all cores)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--loop", action="store_true", help="also time a loop of extract()")
    args = ap.parse_args()
    mb = os.path.getsize(args.corpus) / 1e6
    texts, dates = [], []
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                texts.append(d["text"])
                dates.append(d.get("date"))
    whosaid.extract(texts[0])  # warm-up: builds the lexicons

    def report(what, fn):
        best, n = float("inf"), 0
        for _ in range(max(1, args.repeat)):
            t = time.perf_counter()
            n = fn()
            best = min(best, time.perf_counter() - t)
        print(
            f"{what}: {len(texts)} docs, {mb:.2f} MB, {n} records, best of {args.repeat}: "
            f"{best:.3f} s, {len(texts) / best:.0f} docs/s, {mb / best:.2f} MB/s"
        )

    label = f"extract_many(threads={args.threads})"
    report(label, lambda: sum(map(len, whosaid.extract_many(texts, dates, threads=args.threads))))
    if args.loop:
        report("extract loop", lambda: sum(len(whosaid.extract(t, d)) for t, d in zip(texts, dates)))


if __name__ == "__main__":
    main()
