"""The fixture corpus as (id, text, date) documents, for the Python and Spark checks.

Each `fixtures/*/*.txt` is a small header (`# key: value` lines), a `---`
line, then the article text; the id is the path under `fixtures/`.
Shared by `python/tests/conftest.py` and `tests/spark/check.py`.
"""

import glob
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fixture_docs(root=ROOT):
    """(id, text, date) for every fixtures/*/*.txt, sorted by path."""
    docs = []
    for path in sorted(glob.glob(os.path.join(root, "fixtures", "*", "*.txt"))):
        with open(path, encoding="utf-8", newline="") as f:
            src = f.read()
        date, pos = None, 0
        for line in src.splitlines(keepends=True):
            pos += len(line)
            bare = line.rstrip("\r\n")
            if bare.rstrip() == "---":
                break
            if bare.startswith("#") and ":" in bare:
                key, value = bare[1:].split(":", 1)
                if key.strip() == "date":
                    date = value.strip()
        else:
            raise ValueError(f"{path}: no `---` line")
        docs.append((os.path.relpath(path, os.path.join(root, "fixtures")), src[pos:], date))
    return docs
