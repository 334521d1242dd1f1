#!/bin/sh
# Builds the measurement corpora of PERF_NOTES.md in /tmp (never in the repo)
# from ../shared/eval. Usage: benches/corpus.sh [SHARED_DIR] [OUT_DIR]
#   $OUT/polnear_text.jsonl   the polnear dev texts ({"id","text","date"}), 1.35 MB
#   $OUT/corpus_200mb.jsonl   polnear lines repeated with distinct ids, >= 200 MB
#   $OUT/corpus_2gb.jsonl     the same, 10x larger (for the peak-RSS check)
# Set SKIP_2GB=1 to skip the 2 GB file.
set -eu
SHARED=${1:-$(dirname "$0")/../../shared}
OUT=${2:-/tmp}
python3 - "$SHARED/eval/polnear.dev.jsonl" "$OUT" "${SKIP_2GB:-0}" <<'PY'
import json, sys
src, out, skip = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
docs = [json.loads(l) for l in open(src, encoding="utf-8")]
lines = [json.dumps({"id": d["id"], "text": d["text"], "date": d["date"]}) for d in docs]
with open(f"{out}/polnear_text.jsonl", "w", encoding="utf-8") as f:
    for l in lines:
        f.write(l + "\n")
def repeat(path, target):
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        rep = 0
        while n < target:
            for d in docs:
                l = json.dumps({"id": f"{d['id']}#{rep}", "text": d["text"], "date": d["date"]}) + "\n"
                f.write(l)
                n += len(l.encode("utf-8"))
            rep += 1
    print(f"{path}: {n / 1e6:.0f} MB, {rep} copies")
repeat(f"{out}/corpus_200mb.jsonl", 200_000_000)
if not skip:
    repeat(f"{out}/corpus_2gb.jsonl", 2_000_000_000)
PY
