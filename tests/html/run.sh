#!/usr/bin/env bash
# Browser check of the HTML review page (`whosaid render --html`):
#   1. installs Debian's chromium if it is missing;
#   2. builds the CLI with the `iter` profile;
#   3. renders a fixture with --gold, loads the page in headless chromium
#      (scripts run), and checks the DOM: one `tr.record` row per record the
#      CLI extracts, and per class (content, speaker, cue, date) as many
#      highlighted spans as the records have; missed-gold and
#      false-positive counts as the static page has them;
#   4. focuses record 0 (`page.html#focus-0`) and checks its tooltip shows;
#   5. saves screenshots (page, tooltip) and the page into target/html-artifacts/.
# Usage: tests/html/run.sh [FIXTURE...]   (exit 1 on a mismatch)
# Default fixtures: a corpus fixture with a false positive, and
# tests/html/review-sample.txt (a miss, a false positive, a split and a
# nested quote, text needing escaping).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
if [ $# -gt 0 ]; then FIXTURES=("$@"); else FIXTURES=(fixtures/claims/headline-partial.txt tests/html/review-sample.txt); fi
ART="$CARGO_TARGET_DIR/html-artifacts"
mkdir -p "$ART"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if ! command -v chromium >/dev/null 2>&1; then
    echo "== installing chromium"
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
chromium --version

echo "== building the CLI (iter profile)"
cargo build --profile iter --bin whosaid -q
BIN="$CARGO_TARGET_DIR/iter/whosaid"

chrome() {
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$(mktemp -d -p "$WORK")" "$@" 2>>"$WORK/chromium.log"
}

FAILED=0
for FIXTURE in "${FIXTURES[@]}"; do
    NAME="$(basename "$FIXTURE" .txt)"
    PAGE="/tmp/whosaid-$NAME.html"
    "$BIN" render "$FIXTURE" --gold "$FIXTURE" --html "$PAGE"

    # What the CLI extracts from the same article (the fixture's text after the
    # `---` line, with its date).
    sed '1,/^---$/d' "$FIXTURE" >"$WORK/article.txt"
    DATE="$(sed -n 's/^# date: //p' "$FIXTURE" | head -1)"
    "$BIN" extract "$WORK/article.txt" --format jsonl ${DATE:+--date "$DATE"} >"$WORK/records.jsonl"

    chrome --dump-dom "file://$PAGE" >"$WORK/dom.html"
    # `#focus-0` focuses record 0's first span: its tooltip must show.
    chrome --dump-dom "file://$PAGE#focus-0" >"$WORK/dom-focus.html"
    chrome --screenshot="$ART/$NAME-tooltip.png" --window-size=1200,700 "file://$PAGE#focus-0" >/dev/null
    chrome --screenshot="$ART/$NAME.png" --window-size=1200,2000 "file://$PAGE" >/dev/null
    cp "$PAGE" "$ART/$NAME.html"

    python3 - "$WORK/records.jsonl" "$WORK/dom.html" "$PAGE" "$WORK/dom-focus.html" <<'PY' || FAILED=1
import json, re, sys
from html.parser import HTMLParser

recs = json.loads(open(sys.argv[1], encoding="utf-8").readline())["attributions"]
expected = {
    "records": len(recs),
    "content": sum(len(r["content"]["segments"]) for r in recs),
    "speaker": sum(r.get("speaker") is not None for r in recs),
    "cue": sum(r.get("cue") is not None for r in recs),
    "date": sum(r.get("date") is not None for r in recs),
}

class Dom(HTMLParser):
    """Counts, in the DOM chromium dumped, record rows and the first piece
    of each highlighted span per class inside the article."""
    def __init__(self):
        super().__init__()
        self.depth = 0          # inside <article id="text">
        self.rows = 0
        self.spans = {}
        self.summary = {}
        self.titles_left = 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "article" and a.get("id") == "text":
            self.depth = 1
        elif self.depth and tag == "span":
            if "hl" in cls and a.get("data-part") != "cont":
                for c in cls:
                    self.spans[c] = self.spans.get(c, 0) + 1
            if "title" in a:
                self.titles_left += 1
        if tag == "tr" and "record" in cls:
            self.rows += 1
        if a.get("id") == "summary":
            self.summary = {k[5:]: v for k, v in a.items() if k.startswith("data-")}
    def handle_endtag(self, tag):
        if tag == "article":
            self.depth = 0

dom = Dom()
dom.feed(open(sys.argv[2], encoding="utf-8").read())
static = open(sys.argv[3], encoding="utf-8").read()
art = static[static.index("<article"):static.index("</article>")]
static_miss = len(re.findall(r'<span class="hl miss"', art))
static_fp = len(re.findall(r'<span class="hl content fp"(?![^>]*data-part="cont")', art))

errors = []
def check(what, got, want):
    status = "ok" if str(got) == str(want) else "MISMATCH"
    print(f"  {what:<22} dom={got!s:<4} expected={want}  {status}")
    if status != "ok":
        errors.append(what)

print(f"== DOM checks ({expected['records']} records)")
check("scripts ran", dom.summary.get("ready"), "1")
check("tr.record rows", dom.rows, expected["records"])
for c in ("content", "speaker", "cue", "date"):
    check(f"span.{c}", dom.spans.get(c, 0), expected[c])
    check(f"summary data-{c}", dom.summary.get(c), expected[c])
check("span.miss", dom.spans.get("miss", 0), static_miss)
check("span.fp", dom.spans.get("fp", 0), static_fp)
check("summary data-records", dom.summary.get("records"), expected["records"])
check("native titles moved", dom.titles_left, 0)
# The tooltip of record 0, shown by focusing its first span.
if recs:
    focus = open(sys.argv[4], encoding="utf-8").read()
    tip = re.search(r'<div id="tip"([^>]*)>(.*?)</div>', focus, re.S)
    check("tooltip shown", bool(tip) and "hidden" not in tip.group(1), True)
    check("tooltip names the rule", bool(tip) and recs[0]["rule"] in tip.group(2), True)
if errors:
    print("FAILED:", ", ".join(errors))
    sys.exit(1)
print("all DOM checks passed")
PY
    echo "== screenshot: $ART/$NAME.png  page: $ART/$NAME.html"
done
exit "$FAILED"
