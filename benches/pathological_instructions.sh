#!/usr/bin/env bash
# Instruction counts of the pathological cases at two sizes, under
# callgrind: a deterministic check of linear scaling that shared-machine
# noise (page-fault and cache costs) cannot move.
#
#   cargo build --release --example pathological
#   benches/pathological_instructions.sh [SMALL_MB LARGE_MB [JOBS]]   # default 1 10 2
#
# Counts the instructions of the timed extract of the child mode of
# examples/pathological.rs (`--child CASE MB`, function `measured`), after
# its warm-up. Prints a Markdown table with the ratio large/small; linear
# work gives about LARGE/SMALL.
set -euo pipefail
small=${1:-1}
large=${2:-10}
jobs=${3:-2}
exe=target/release/examples/pathological
[ -x "$exe" ] || { echo "build first: cargo build --release --example pathological" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 2; }
n=$("$exe" --list | wc -l)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for ((c = 0; c < n; c++)); do
    for mb in "$small" "$large"; do
        echo "$c $mb"
    done
done | EXE="$exe" OUT="$tmp" xargs -P "$jobs" -n 2 sh -c '
    valgrind --tool=callgrind --callgrind-out-file=/dev/null --toggle-collect="*pathological*measured*" \
        "$EXE" --child "$0" "$1" 2>&1 >/dev/null | sed -n "s/.*Collected : \([0-9]*\).*/\1/p" > "$OUT/$0-$1"
'
echo "| case | instructions at $small MB | at $large MB | ratio |"
echo "|---|---|---|---|"
c=0
while IFS= read -r name; do
    a=$(cat "$tmp/$c-$small" 2>/dev/null || echo 0)
    b=$(cat "$tmp/$c-$large" 2>/dev/null || echo 0)
    NAME="$name" awk -v a="$a" -v b="$b" 'BEGIN { printf "| %s | %.1f M | %.1f M | %.2f |\n", ENVIRON["NAME"], a / 1e6, b / 1e6, (a > 0 ? b / a : 0) }'
    c=$((c + 1))
done < <("$exe" --list)
