"""stance.classify_frame: one row per (id, actor), the same labels as classify_many."""

import math

import pandas as pd
import pytest

import stance


def test_rows_are_the_actors_of_each_article(articles):
    df = pd.DataFrame(
        {"id": list(range(30)) + [99], "text": [t for _, t in articles[:30]] + [""]}
    )
    frame = stance.classify_frame(df)
    assert list(frame.columns) == stance.FRAME_COLUMNS
    records = stance.default_classifier().classify_many(list(df["text"]))
    expected = [
        (i, a["actor"], a["stance"], a["confidence"], len(a["evidence"]))
        for i, r in zip(df["id"], records)
        for a in r["actors"]
    ]
    got = list(
        frame[["id", "actor", "stance", "confidence", "evidence_count"]].itertuples(
            index=False, name=None
        )
    )
    assert got == expected and len(got) > 30
    assert 99 not in set(frame["id"])  # no actors, no rows
    assert frame["id"].dtype == "int64"
    assert frame["confidence"].between(0, 1).all()
    assert set(frame["sentiment"]) <= {"positive", "negative", "neutral"}


def test_custom_columns_and_the_index_as_id():
    df = pd.DataFrame({"body": ["Chile called for an inquiry."]}, index=["c1"])
    frame = stance.classify_frame(df, text="body", id=None)
    assert list(frame["id"]) == ["c1"] and list(frame["actor"]) == ["Chile"]


def test_missing_columns_and_null_texts_are_value_errors():
    with pytest.raises(ValueError, match="no column 'text'"):
        stance.classify_frame(pd.DataFrame({"id": [1], "body": ["x"]}))
    with pytest.raises(ValueError, match="no column 'id'"):
        stance.classify_frame(pd.DataFrame({"text": ["x"]}))
    bad = pd.DataFrame({"id": [1, 2], "text": ["Peru spoke.", math.nan]})
    with pytest.raises(ValueError, match=r"row 1 \(id 2\)"):
        stance.classify_frame(bad)


def test_an_empty_frame_gives_an_empty_frame():
    frame = stance.classify_frame(pd.DataFrame({"id": [], "text": []}))
    assert frame.empty and list(frame.columns) == stance.FRAME_COLUMNS
