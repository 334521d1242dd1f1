"""whosaid inside Spark: extract_many in a mapInPandas stage, local mode."""

import json
import os
import sys

import pytest

import whosaid

pyspark = pytest.importorskip("pyspark")
pytest.importorskip("pandas")
pytest.importorskip("pyarrow")


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    s = (
        SparkSession.builder.master("local[2]")
        .appName("whosaid-pytest")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


def extract_batches(batches):
    """mapInPandas function: (id, text, date) batches -> (id, attributions JSON)."""
    import pandas as pd

    import whosaid as ws

    for b in batches:
        dates = [d if isinstance(d, str) else None for d in b["date"]]
        recs = ws.extract_many(list(b["text"]), dates, threads=1)
        yield pd.DataFrame({"id": b["id"], "attributions": [json.dumps(r) for r in recs]})


def test_map_in_pandas(spark, docs):
    df = spark.createDataFrame(docs, "id STRING, text STRING, date STRING").repartition(2)
    out = df.mapInPandas(extract_batches, "id STRING, attributions STRING").collect()
    got = {row["id"]: json.loads(row["attributions"]) for row in out}
    assert len(got) == len(docs)
    for doc_id, text, date in docs:
        assert got[doc_id] == whosaid.extract(text, date), doc_id
