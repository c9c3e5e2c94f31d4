"""The Spark example in local mode: its Parquet rows equal the CLI's JSON Lines output."""

import json
import pathlib
import subprocess
import sys

import pandas as pd

REPO = pathlib.Path(__file__).resolve().parents[2]
SPARK = REPO / "examples" / "spark"
sys.path.insert(0, str(SPARK))

from make_corpus import write_corpus  # noqa: E402

COLUMNS = ["id", "actor", "kind", "affiliation", "stance", "confidence", "sentiment"]


def cli_rows(stance_bin, corpus):
    out = subprocess.run(
        [str(stance_bin), "classify", "--quiet", "--format", "json", str(corpus)],
        check=True,
        capture_output=True,
    ).stdout
    rows = []
    for line in out.decode().splitlines():
        record = json.loads(line)
        for a in record["actors"]:
            rows.append((record["id"],) + tuple(a.get(c) for c in COLUMNS[1:]))
    return rows


def test_spark_job_rows_equal_the_cli(tmp_path, stance_bin):
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, 200)
    out = tmp_path / "out"
    subprocess.run(
        [sys.executable, str(SPARK / "classify_corpus.py"), "--input", str(corpus),
         "--output", str(out), "--master", "local[2]", "--partitions", "4"],
        check=True,
        timeout=600,
    )
    frame = pd.read_parquet(out)
    assert list(frame.columns) == COLUMNS
    assert frame["id"].nunique() > 150
    spark_rows = [
        tuple(None if pd.isna(v) else v for v in row)
        for row in frame.itertuples(index=False, name=None)
    ]
    expected = cli_rows(stance_bin, corpus)
    assert len(expected) > 200
    assert sorted(spark_rows, key=repr) == sorted(expected, key=repr)
