#!/usr/bin/env python3
"""Classify a corpus of news articles on Spark with the `stance` Python package.

Reads JSON Lines (or Parquet) of articles with an id and a text, classifies them on the
executors through ``mapInPandas`` (each Python worker loads the shipped models once) and
writes Parquet with one row per (article, actor) and the columns
``id, actor, kind, affiliation, stance, confidence, sentiment``.

    python examples/spark/classify_corpus.py --input corpus.jsonl --output out/ --master 'local[2]'

On a cluster the executors need the `stance` package. It holds a compiled extension, so it
cannot be imported from a zip given to ``--py-files``: build a wheel for the executors' platform
(``pip wheel ./python``) and install it on every node, or ship a packed virtual environment that
has it with ``--archives env.tar.gz#env`` and ``spark.pyspark.python=./env/bin/python``; then
run this script with ``spark-submit``.
A text that is null stops the job with a ValueError naming the row: filter such rows first.
"""

from __future__ import annotations

import argparse
import os
import sys

COLUMNS = ["id", "actor", "kind", "affiliation", "stance", "confidence", "sentiment"]
SCHEMA = (
    "id string, actor string, kind string, affiliation string, stance string, "
    "confidence double, sentiment string"
)


def classify_batches(batches):
    """mapInPandas function: each pandas batch of (id, text) → one row per (id, actor).

    A task classifies with as many threads as it has cores (``spark.task.cpus``, 1 by
    default): Spark runs one task per core, so the cores are used once, not oversubscribed.
    """
    import stance
    from pyspark import TaskContext

    context = TaskContext.get()
    threads = context.cpus() if context is not None else 1
    for batch in batches:
        frame = stance.classify_frame(batch, text="text", id="id", threads=threads)
        yield frame[COLUMNS]


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", required=True, help="JSON Lines file(s) or Parquet (file or folder)")
    p.add_argument("--output", required=True, help="folder to write Parquet into")
    p.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's)")
    p.add_argument("--input-format", choices=["jsonl", "parquet"],
                   help="default: parquet when the path ends in .parquet, else jsonl")
    p.add_argument("--id-field", default="id")
    p.add_argument("--text-field", default="text")
    p.add_argument("--partitions", type=int, help="repartition the input into this many parts")
    p.add_argument("--overwrite", action="store_true", help="replace an existing output folder")
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    # Local workers run this interpreter, which has the `stance` package.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    builder = SparkSession.builder.appName("stance classify_corpus")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.config("spark.ui.enabled", "false").getOrCreate()
    try:
        fmt = args.input_format or (
            "parquet" if args.input.rstrip("/").endswith(".parquet") else "jsonl"
        )
        reader = spark.read
        articles = reader.parquet(args.input) if fmt == "parquet" else reader.json(args.input)
        for field in (args.id_field, args.text_field):
            if field not in articles.columns:
                raise SystemExit(
                    f"{args.input}: no {field!r} field (fields: {', '.join(articles.columns)})"
                )
        articles = articles.select(
            F.col(args.id_field).cast("string").alias("id"),
            F.col(args.text_field).cast("string").alias("text"),
        )
        if args.partitions:
            articles = articles.repartition(args.partitions)
        rows = articles.mapInPandas(classify_batches, schema=SCHEMA)
        rows.write.mode("overwrite" if args.overwrite else "errorifexists").parquet(args.output)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
