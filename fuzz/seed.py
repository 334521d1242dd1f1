#!/usr/bin/env python3
"""Builds the fuzz targets' seed corpora from the fixtures, into fuzz/seeds/.

    python3 fuzz/seed.py            # from the repository root
    cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -O jsonl_line corpus/jsonl_line seeds/jsonl_line -- ...

libFuzzer writes what it finds to the first directory and reads the others,
so the seeds stay apart from the corpus it grows.

- `extract`: every fixture's article text (the part after `---`), and the
  bundled example article.
- `jsonl_line`: every fixture as one JSON line (`id`, `text`, and `date` when
  the header has one), each behind the flag byte that the target reads first
  (bit 0: `--date`, bits 1-2: offset unit, bit 3: `--lossy`), once per offset
  unit; then the malformed lines of tests/cli_faults.rs, behind the same
  flags. Without the flag byte a seed's `{` is taken as the flags and the
  rest of the line is no longer JSON, so no seed would reach extraction.

Texts are cut at a paragraph break so that a line stays under the 8 KB
`-max_len` of the README's runs (a longer seed would be truncated, and its
JSON broken).
"""

import json
import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "seeds"
MAX_LEN = 8000

# Malformed lines, as in tests/cli_faults.rs (bad_lines).
BAD = [
    b'{"id": "u", "text": "caf\xe9 \xff"}',
    rb'{"id": "s", "text": "\ud800 lone"}',
    b'{"id": "n", "text": "raw\x00nul"}',
    b"",
    b"   \r",
    b"[1,2]",
    b'"str"',
    b"3",
    b"null",
    b'{"id": "m"}',
    b'{"id": "t", "text": 42}',
    b'{"id": "d", "text": "Hi.", "date": "March 14"}',
    b'{"id": "d2", "text": "Hi.", "date": 20250314}',
    '{"id": "cut", "text": "\u201cWe had very'.encode(),
    # Invalid UTF-8 before a quotation: an error, or repaired with --lossy.
    b'{"id": "l", "text": "\xff\xfe \xe2\x80\x9cWe had very good talks,\xe2\x80\x9d Trump wrote."}',
]


def fixtures():
    """(name, header fields, text) of every fixture, in path order."""
    for path in sorted((ROOT / "fixtures").rglob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        # The bundled example.txt is a plain article with no header.
        head, text = raw.split("\n---\n", 1) if "\n---\n" in raw else ("", raw)
        fields = {}
        for line in head.splitlines():
            if line.startswith("# ") and ":" in line:
                k, v = line[2:].split(":", 1)
                fields.setdefault(k.strip(), v.strip())
        yield path.relative_to(ROOT / "fixtures").with_suffix("").as_posix(), fields, text


def cut(text, room):
    """The longest prefix of `text` ending at a paragraph break whose UTF-8
    JSON encoding fits in `room` bytes (the whole text if it fits)."""
    while len(json.dumps(text, ensure_ascii=False).encode()) > room:
        at = text.rfind("\n\n", 0, len(text) - 1)
        if at <= 0:
            return text[: room // 8]
        text = text[:at]
    return text


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    (OUT / "extract").mkdir(parents=True)
    (OUT / "jsonl_line").mkdir(parents=True)
    n = 0
    for name, fields, text in fixtures():
        stem = name.replace("/", "-")
        (OUT / "extract" / stem).write_text(text, encoding="utf-8")
        doc = {"id": name, "text": ""}
        if "date" in fields:
            doc["date"] = fields["date"]
        room = MAX_LEN - len(json.dumps(doc, ensure_ascii=False).encode())
        doc["text"] = cut(text, room)
        line = json.dumps(doc, ensure_ascii=False).encode()
        # What the target parses after the flag byte: a document it extracts.
        assert json.loads(line)["text"] and len(line) < MAX_LEN, name
        for unit in range(3):
            flags = unit << 1 | (n & 1)  # alternate the --date flag
            (OUT / "jsonl_line" / f"{stem}-{unit}").write_bytes(bytes([flags]) + line)
        n += 1
    for k, line in enumerate(BAD):
        for flags in (0, 8):  # without and with --lossy
            (OUT / "jsonl_line" / f"bad-{k}-{flags}").write_bytes(bytes([flags]) + line)
    print(f"{n} fixtures -> {OUT}/extract and {OUT}/jsonl_line ({3 * n + 2 * len(BAD)} lines)")


if __name__ == "__main__":
    main()
