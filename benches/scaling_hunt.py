#!/usr/bin/env python3
"""Hunts for super-linear steps: builds one document per template at two
sizes and counts the instructions of extracting it (callgrind, so the count
is deterministic and shared-machine noise cannot move it).

    cargo build --release --example profile
    python3 benches/scaling_hunt.py [--sizes 0.25 0.5] [--only NAME] [--jobs 2]

Each template is a short news-like unit; `{}` is replaced by a counter
spelled in letters (a, b, …, ba, …), so names, organisations and roles are
distinct across units (the second `{}` of a unit gets a different counter
than the first). A linear pipeline executes about LARGE/SMALL times the
instructions; the table flags ratios more than 10 % above that. A flag is
not always a super-linear step: when the small document has no record and
the large one has some (a generated name can make a cue), only the large
one pays for entity building, a step; the records column shows it, and a
rerun at other sizes (`--sizes 0.5 1`) tells the two apart.

The templates complement `tests/pathological/cases.rs` (the scaling table of
the README): they cover each rule family and each speaker-resolution path
(surnames, first names, pronouns, role nominals, organisations, "it"),
where a look-up that scans earlier entities or records would be quadratic.
Written for this project; the text is invented.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

TEMPLATES = {
    "distinct speakers": "“We won,” said Anna Q{}. ",
    "role nominal": "Anna Q{}, the Q{} spokesman, met us. The spokesman said that it rained. ",
    "role nominal, no holder": "Anna Q{} met us. The spokesman said that it rained. ",
    "the agency said": "The Q{} Agency met. The agency said that it rained. ",
    "it said, organisations": "The Q{} Agency met. It said that it rained. ",
    "it said, no organisation": "“a,” Bo Q{} said. It said that it rained. ",
    "pronoun, no antecedent": "“We won,” he said. ",
    "she after men": "Mr. Tom Q{} spoke. “We won,” she said. ",
    "continuations": "“We won,” Bo Q{} said.\n\n“We left.”\n\n",
    "continuations, no speaker": "“We won.”\n\n“We left.”\n\n",
    "dates": "Bo Q{} said on Monday that it rained last month. ",
    "datelines": "WASHINGTON (Reuters) - Bo Q{} said that it rained.\n\n",
    "according to": "According to Bo Q{}, it rained. ",
    "told": "Bo Q{} told Anna Q{} that it rained. ",
    "split quotes": "“We won,” Bo Q{} said, “and we left.” ",
    "long names": "Anna Bo Cy Dee Q{} said it rained. ",
    "abbreviations": "U.S. Sen. Bo Q{} said it rained. ",
    "called": "Bo Q{} called the plan “highly predictable.” ",
    "mixed": "Bo Q{} said there were reasons to be “cautiously optimistic.” ",
    "colon turns": "Bo Q{}: “We won.” ",
    "organisations speak": "The Q{} Ministry said that it rained. ",
    "surname after full name": "Anna Q{} spoke. Q{} said that it rained. ",
    "surname before full name": "Q{} said that it rained. Anna Q{} spoke. ",
    "captions": "Photo: Bo Q{}/Reuters\n\n",
    "unclosed quote per paragraph": "“We won, Bo Q{} said.\n\n",
    "quote in quote": "“He said ‘we won’ today,” Bo Q{} said. ",
    "parenthetical": "Bo Q{} (a Q{} spokesman) said that it rained. ",
    "negation": "Bo Q{} did not say that it rained. ",
    "speaker lists": "Bo Q{}, Anna Q{} and Cy Q{} said that it rained. ",
    "pronoun chain": "Bo Q{} spoke. He said that it rained. She said it snowed. They said no. ",
    "gendered surname": "Mr. Q{} spoke. Ms. Anna Berg met. “a,” Berg said. ",
    "same surname": "Anna Berg{} met. Tom Berg spoke. “a,” Berg said. ",
    "the minister": "The Q{} minister met. The minister said that it rained. ",
    "shared first name": "Anna Q{} spoke. “We won,” Anna said. ",
}


def spell(n):
    s = ""
    while True:
        s = "abcdefghijklmnopqrstuvwxyz"[n % 26] + s
        n //= 26
        if n == 0:
            return s


def build(unit, size):
    out, n, k = [], 0, 0
    while n < size:
        s = unit.replace("{}", spell(k), 1).replace("{}", spell(k + 7))
        out.append(s)
        n += len(s.encode())
        k += 1
    return "".join(out)


def instructions(exe, text):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        f.write(json.dumps({"id": "hunt", "text": text}) + "\n")
        path = f.name
    try:
        r = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
             "--toggle-collect=profile::measured", exe, path, "1"],
            capture_output=True, text=True, check=False)
    finally:
        os.unlink(path)
    m = re.search(r"Collected : (\d+)", r.stderr)
    recs = re.search(r": (\d+) attributions", r.stdout)
    if not m or not recs:
        sys.exit(f"callgrind failed:\n{r.stderr[-2000:]}")
    return int(m.group(1)), int(recs.group(1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", nargs=2, type=float, default=[0.25, 0.5], metavar=("SMALL_MB", "LARGE_MB"))
    ap.add_argument("--only", help="templates whose name contains this")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--exe", default="target/release/examples/profile")
    args = ap.parse_args()
    if not os.access(args.exe, os.X_OK):
        sys.exit("build first: cargo build --release --example profile")
    names = [n for n in TEMPLATES if not args.only or args.only in n]
    small, large = args.sizes
    jobs = [(n, s) for n in names for s in (small, large)]
    with ThreadPoolExecutor(args.jobs) as pool:
        counts = list(pool.map(lambda j: instructions(args.exe, build(TEMPLATES[j[0]], int(j[1] * 1e6))), jobs))
    got = dict(zip(jobs, counts))
    want = large / small
    print(f"| template | instructions at {small:g} MB | at {large:g} MB | ratio | records at {small:g} / {large:g} MB |")
    print("|---|---|---|---|---|")
    worst = 0.0
    for n in names:
        (a, ra), (b, rb) = got[(n, small)], got[(n, large)]
        r = b / a
        worst = max(worst, r / want)
        flag = " ✗" if r > 1.1 * want else ""
        print(f"| {n} | {a / 1e6:.1f} M | {b / 1e6:.1f} M | {r:.2f}{flag} | {ra} / {rb} |")
    print(f"\nworst ratio / size ratio: {worst:.3f}")


if __name__ == "__main__":
    main()
