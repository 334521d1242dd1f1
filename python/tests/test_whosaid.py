"""The Python package against the CLI, and its own contract."""

import datetime

import pytest

import whosaid


def spans(rec):
    """Every (start, end, text) span of a record."""
    c = rec["content"]
    yield c["start"], c["end"], c["text"]
    for s in c["segments"] + c.get("quoted", []):
        yield s["start"], s["end"], s["text"]
    for key in ("speaker", "cue", "date"):
        part = rec[key]
        if part:
            yield part["start"], part["end"], part["text"]
            if "antecedent" in part:
                a = part["antecedent"]
                yield a["start"], a["end"], a["text"]


def test_module():
    assert isinstance(whosaid.__version__, str)
    assert whosaid.extract("") == []
    assert whosaid.extract_many([]) == []


def test_simple_record():
    recs = whosaid.extract("“We had very good talks,” Trump wrote.")
    assert len(recs) == 1
    r = recs[0]
    assert r["kind"] == "direct"
    assert r["content"]["text"] == "We had very good talks,"
    assert r["speaker"]["text"] == "Trump"
    assert r["cue"]["lemma"] == "write"
    assert set(r) == {"kind", "content", "speaker", "cue", "date", "rule", "confidence"}


def test_matches_cli_on_all_fixtures(docs, cli_records):
    mismatched = [doc_id for doc_id, text, date in docs if whosaid.extract(text, date) != cli_records[doc_id]]
    assert mismatched == []
    assert sum(len(v) for v in cli_records.values()) > 100


def test_char_offsets_slice_the_string(docs):
    n = 0
    for doc_id, text, date in docs:
        for rec in whosaid.extract(text, date=date):
            for start, end, span_text in spans(rec):
                assert text[start:end] == span_text, (doc_id, start, end)
                n += 1
    assert n > 300


def test_astral_characters():
    # Outside the BMP: a char offset differs from a UTF-16 offset.
    text = "🎉🎉 Party news.\n\n“We won 🎉 again,” Jane Smith said on Friday. “Très bien 🎉.”"
    recs = whosaid.extract(text, "2025-03-15")
    assert recs
    for rec in recs:
        for start, end, span_text in spans(rec):
            assert text[start:end] == span_text
    assert recs[0]["date"]["resolved"] == "2025-03-14"


def test_date_forms():
    text = "“Yes,” Peskov said on Friday."
    by_str = whosaid.extract(text, "2025-03-15")
    assert by_str[0]["date"]["resolved"] == "2025-03-14"
    assert whosaid.extract(text, datetime.date(2025, 3, 15)) == by_str
    assert whosaid.extract(text, date=datetime.datetime(2025, 3, 15, 23, 59)) == by_str
    assert whosaid.extract(text, None)[0]["date"]["resolved"] is None
    with pytest.raises(ValueError):
        whosaid.extract(text, "15 March 2025")
    with pytest.raises(TypeError):
        whosaid.extract(text, 20250315)


def test_extract_many_equals_loop(docs):
    texts = [t for _, t, _ in docs]
    dates = [d for _, _, d in docs]
    loop = [whosaid.extract(t, d) for t, d in zip(texts, dates)]
    assert whosaid.extract_many(texts, dates) == loop
    assert whosaid.extract_many(texts, dates, threads=1) == loop
    assert whosaid.extract_many(texts, dates=dates, threads=3) == loop
    # Order follows the input, whatever the scheduling.
    assert whosaid.extract_many(texts[::-1], dates[::-1]) == loop[::-1]
    # Without dates: as extract without a date.
    assert whosaid.extract_many(texts[:10]) == [whosaid.extract(t) for t in texts[:10]]


def test_extract_many_errors():
    with pytest.raises(ValueError):
        whosaid.extract_many(["a", "b"], ["2025-01-01"])
    with pytest.raises(ValueError):
        whosaid.extract_many(["a"], threads=0)
    with pytest.raises(ValueError, match=r"texts\[1\]|date"):
        whosaid.extract_many(["a", "b"], [None, "not a date"])
    with pytest.raises(TypeError):
        whosaid.extract_many("a string is not a list of texts")
