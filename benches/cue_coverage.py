#!/usr/bin/env python3
"""How much of a corpus a cue/quote pre-filter could skip.

Reads JSON Lines with a "text" field (e.g. /tmp/polnear_text.jsonl from
benches/corpus.sh) and prints the share of text bytes in sentences, and in
paragraphs, that contain a quotation mark or a cue form of
src/lexicon/cues.txt (one-word forms by word, longer ones by substring;
sentences split naively after . ! ?). Those bytes would still need full
tokenizing and parsing.

    python3 benches/cue_coverage.py /tmp/polnear_text.jsonl
"""

import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QUOTE = re.compile("[\"“”‘’«»]")
WORD = re.compile(r"[A-Za-z']+")


def cue_forms():
    forms = set()
    with open(os.path.join(ROOT, "src", "lexicon", "cues.txt"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                forms.add(line.split("\t")[0].lower())
    return {c for c in forms if " " not in c}, [c for c in forms if " " in c]


def main(path):
    single, multi = cue_forms()

    def has_cue(s):
        low = s.lower()
        return bool(QUOTE.search(s)) or bool(set(WORD.findall(low)) & single) or any(m in low for m in multi)

    sent = [0, 0]
    para = [0, 0]
    with open(path, encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            for p in re.split(r"\n\s*\n|\n", text):
                if not p.strip():
                    continue
                para[0] += len(p.encode())
                para[1] += len(p.encode()) if has_cue(p) else 0
                for s in re.split(r"(?<=[.!?])\s+", p):
                    sent[0] += len(s.encode())
                    sent[1] += len(s.encode()) if has_cue(s) else 0
    print(f"bytes in sentences with a quotation mark or cue: {sent[1] / sent[0]:.1%}")
    print(f"bytes in paragraphs with a quotation mark or cue: {para[1] / para[0]:.1%}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/polnear_text.jsonl")
