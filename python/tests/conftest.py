"""Shared fixtures: the fixture corpus and the CLI's records for it."""

import json
import os
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from fixture_corpus import fixture_docs  # noqa: E402  (shared with tests/spark/check.py)


def whosaid_binary():
    """$WHOSAID_BIN, else the release CLI under the cargo target folder
    (built here when missing)."""
    env = os.environ.get("WHOSAID_BIN")
    if env:
        return env
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
    binary = os.path.join(target, "release", "whosaid")
    if not os.path.exists(binary):
        cargo = shutil.which("cargo")
        if cargo is None:
            pytest.skip("no whosaid CLI: set WHOSAID_BIN or install cargo")
        subprocess.run([cargo, "build", "--release", "--bin", "whosaid"], cwd=ROOT, check=True)
    return binary


@pytest.fixture(scope="session")
def docs():
    d = fixture_docs()
    assert len(d) > 50, "fixtures not found"
    return d


@pytest.fixture(scope="session")
def cli_records(docs, tmp_path_factory):
    """{id: attributions} from one `whosaid extract --jsonl --offsets chars` run."""
    corpus = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    with open(corpus, "w", encoding="utf-8") as f:
        for doc_id, text, date in docs:
            f.write(json.dumps({"id": doc_id, "text": text, "date": date}) + "\n")
    out = subprocess.run(
        [whosaid_binary(), "extract", "--jsonl", "--offsets", "chars", str(corpus)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    recs = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in recs] == [d[0] for d in docs]
    return {r["id"]: r["attributions"] for r in recs}
