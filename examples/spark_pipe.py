#!/usr/bin/env python3
"""Run whosaid over a JSON Lines corpus with Spark, through ``RDD.pipe``.

The ``whosaid extract --jsonl`` contract is line in, line out, in order: one
``{"id", "text", "date"?}`` line in gives one ``{"id", "attributions": [...]}``
line (or an error record ``{"id"?, "line", "error": {...}}``) out. That is
exactly what ``RDD.pipe`` (and a Hadoop Streaming mapper) needs: each
partition's lines go to one ``whosaid`` process's stdin and its stdout lines
become the partition's output.

This program

1. reads the corpus (text files or folders of JSON Lines, ``.gz`` too),
2. pipes each partition through ``whosaid extract --jsonl --offsets chars``,
3. writes the output records as JSON Lines to ``OUTPUT/records/``,
4. explodes them into a DataFrame with one row per attribution and writes it
   to ``OUTPUT/attributions/`` (Parquet, or JSON with ``--format json``), and
   the error records, if any, to ``OUTPUT/errors/``.

Usage::

    spark-submit examples/spark_pipe.py corpus.jsonl out/ --whosaid target/release/whosaid
    WHOSAID_BIN=/opt/whosaid python3 examples/spark_pipe.py corpus.jsonl out/ --master 'local[2]'

The binary must exist at the given path on every worker (on YARN,
``spark-submit --files /path/to/whosaid`` ships it into each container's
working directory; then pass ``--whosaid ./whosaid``).

Offsets are in characters (code points), as Python indexes strings. Java
strings, and so Spark SQL's ``substring``, index by UTF-16 unit: pass
``--offsets utf16`` to slice texts that have characters outside the Basic
Multilingual Plane on the JVM side.
"""

import argparse
import os
import shlex
import shutil
import sys

# One output record, as written by `whosaid extract --jsonl`. Fields not
# listed (segments, quoted fragments, antecedents) stay in the raw records.
RECORD_SCHEMA_DDL = """
    id STRING,
    line BIGINT,
    error STRUCT<kind: STRING, message: STRING>,
    attributions ARRAY<STRUCT<
        kind: STRING,
        content: STRUCT<start: BIGINT, `end`: BIGINT, text: STRING>,
        speaker: STRUCT<start: BIGINT, `end`: BIGINT, text: STRING, name: STRING, kind: STRING, role: STRING>,
        cue: STRUCT<start: BIGINT, `end`: BIGINT, text: STRING, lemma: STRING>,
        date: STRUCT<start: BIGINT, `end`: BIGINT, text: STRING, resolved: STRING, granularity: STRING,
                     status: STRING>,
        rule: STRING,
        confidence: DOUBLE
    >>
"""


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="JSON Lines corpus: file, folder or glob ({id, text, date?} per line)")
    p.add_argument("output", help="output folder (must not exist)")
    p.add_argument(
        "--whosaid",
        default=os.environ.get("WHOSAID_BIN", "whosaid"),
        help="path of the whosaid binary on the workers (default: $WHOSAID_BIN, else whosaid on PATH)",
    )
    p.add_argument("--master", default=None, help="Spark master, e.g. local[2] (default: spark-submit's)")
    p.add_argument("--partitions", type=int, default=None, help="repartition the corpus into N partitions")
    p.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads per whosaid process (default 1: Spark already runs one process per task slot)",
    )
    p.add_argument("--offsets", default="chars", choices=["bytes", "chars", "utf16"])
    p.add_argument("--date", default=None, help="publication date for lines without one (YYYY-MM-DD)")
    p.add_argument("--format", default="parquet", choices=["parquet", "json"], help="attribution table format")
    p.add_argument("--show", type=int, default=0, help="print the first N attribution rows")
    p.add_argument("--quiet", action="store_true", help="no progress bars, only Spark's errors")
    return p.parse_args(argv)


def whosaid_command(args):
    """The pipe command: a JSONL filter that keeps error records as data.

    `--max-errors` is raised so that a bad input line gives an error record,
    not a non-zero exit; a non-zero exit (crash, bad flag) fails the task.
    """
    binary = args.whosaid
    if os.sep not in binary:
        # PySpark starts the pipe with an empty environment (no PATH): look
        # a bare name up here, on the driver.
        binary = shutil.which(binary) or binary
    cmd = [
        binary,
        "extract",
        "--jsonl",
        "--offsets",
        args.offsets,
        "--threads",
        str(args.threads),
        "--max-errors",
        str(2**63),
    ]
    if args.date:
        cmd += ["--date", args.date]
    return shlex.join(cmd)


def pipe_records(lines, command):
    """RDD of JSONL input lines -> RDD of whosaid output lines, same order."""
    # checkCode: a whosaid process that exits non-zero fails its task (and
    # Spark retries it) instead of silently losing the partition's tail.
    # PySpark hands the command to shlex.split.
    return lines.pipe(command, checkCode=True)


def explode_attributions(spark, records):
    """RDD of output lines -> (attributions DataFrame, errors DataFrame)."""
    from pyspark.sql import functions as F

    raw = spark.createDataFrame(records.map(lambda s: (s,)), "json STRING")
    parsed = raw.select(F.from_json("json", RECORD_SCHEMA_DDL).alias("r")).select("r.*")
    errors = parsed.where(F.col("error").isNotNull()).select(
        "id", "line", F.col("error.kind").alias("error_kind"), F.col("error.message").alias("error_message")
    )
    a = F.col("a")
    attributions = (
        parsed.where(F.col("error").isNull())
        .select(F.col("id").alias("doc_id"), F.posexplode("attributions").alias("n", "a"))
        .select(
            "doc_id",
            "n",
            a.kind.alias("kind"),
            a.content.start.alias("content_start"),
            a.content["end"].alias("content_end"),
            a.content.text.alias("content_text"),
            a.speaker.text.alias("speaker_text"),
            a.speaker["name"].alias("speaker_name"),
            a.speaker.kind.alias("speaker_kind"),
            a.cue.text.alias("cue_text"),
            a.cue.lemma.alias("cue_lemma"),
            a.date.text.alias("date_text"),
            a.date.resolved.alias("date_resolved"),
            a.rule.alias("rule"),
            a.confidence.alias("confidence"),
        )
    )
    return attributions, errors


def main(argv=None):
    args = parse_args(argv)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("whosaid-spark-pipe")
    if args.master:
        builder = builder.master(args.master)
    if args.quiet:
        builder = builder.config("spark.ui.showConsoleProgress", "false")
    spark = builder.getOrCreate()
    try:
        sc = spark.sparkContext
        if args.quiet:
            sc.setLogLevel("ERROR")
        lines = sc.textFile(args.input)
        if args.partitions:
            # repartition shuffles, which loses the input order across
            # partitions; ids are what ties output to input.
            lines = lines.repartition(args.partitions)
        records = pipe_records(lines, whosaid_command(args))
        # Computed once: the raw records and the table both read it.
        records.cache()
        records.saveAsTextFile(os.path.join(args.output, "records"))

        attributions, errors = explode_attributions(spark, records)
        table = os.path.join(args.output, "attributions")
        if args.format == "parquet":
            attributions.write.parquet(table)
        else:
            attributions.write.json(table)
        n_errors = errors.count()
        if n_errors:
            errors.write.json(os.path.join(args.output, "errors"))
        n_docs = records.count()
        n_attr = attributions.count()
        print(
            f"whosaid spark pipe: {n_docs} documents, {n_attr} attributions, {n_errors} error records -> {args.output}",
            file=sys.stderr,
        )
        if args.show:
            attributions.show(args.show, truncate=60)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
