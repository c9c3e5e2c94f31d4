"""stance: who supports, opposes or regrets a proposal in news text, actor by actor.

The classifier is the Rust library behind the ``stance`` command line, with its shipped
models built in::

    import stance
    clf = stance.Classifier()
    record = clf.classify("Norway welcomed the inquiry.", id="a1")
    record["actors"][0]["stance"]          # 'supports'

Records have the shape of ``stance classify --format json``: ``id``, ``article`` and
``actors`` (each with ``actor``, ``kind``, ``affiliation``, ``mentions``, ``stance``,
``confidence``, ``sentiment`` and per-sentence ``evidence``).

Errors from the library are raised as ``ValueError`` (bad data, model or option) or
``OSError`` (a file that cannot be read or written); wrong argument types as ``TypeError``.
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence, Union

from ._stance import Classifier
from ._stance import evaluate as _evaluate
from ._stance import train as _train

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["Classifier", "FRAME_COLUMNS", "classify_frame", "evaluate", "train"]

PathLike = Union[str, "os.PathLike[str]"]

#: Columns of :func:`classify_frame`'s result, one row per (article, actor).
FRAME_COLUMNS = [
    "id",
    "actor",
    "kind",
    "affiliation",
    "stance",
    "confidence",
    "sentiment",
    "evidence_count",
]


@functools.lru_cache(maxsize=1)
def default_classifier() -> Classifier:
    """The shipped models, loaded once per process (shared by :func:`classify_frame`)."""
    return Classifier()


def records_to_rows(ids: Iterable[Any], records: Iterable[dict]) -> list:
    """Flattens classify records into :data:`FRAME_COLUMNS` rows, one per (id, actor)."""
    rows = []
    for article_id, record in zip(ids, records):
        for a in record["actors"]:
            rows.append(
                (
                    article_id,
                    a["actor"],
                    a["kind"],
                    a["affiliation"],
                    a["stance"],
                    a["confidence"],
                    a.get("sentiment"),
                    len(a["evidence"]),
                )
            )
    return rows


def classify_frame(
    df: "pandas.DataFrame",
    text: str = "text",
    id: Optional[str] = "id",
    *,
    classifier: Optional[Classifier] = None,
    threads: Optional[int] = None,
) -> "pandas.DataFrame":
    """Classifies the articles of a DataFrame, in parallel.

    ``text`` names the column of article texts and ``id`` the column of ids (``None``: the
    index). Returns a DataFrame with one row per (id, actor) and the columns
    :data:`FRAME_COLUMNS`; articles without actors have no rows. Ids keep their type.
    A missing column or a missing (null) or non-string text raises ``ValueError``.
    """
    import pandas as pd

    for column in (text, id):
        if column is not None and column not in df.columns:
            raise ValueError(
                f"no column {column!r} (columns: {', '.join(map(str, df.columns))})"
            )
    ids = list(df.index if id is None else df[id])
    texts = list(df[text])
    for position, (article_id, value) in enumerate(zip(ids, texts)):
        if not isinstance(value, str):
            raise ValueError(
                f"row {position} (id {article_id!r}): column {text!r} holds "
                f"{type(value).__name__} {value!r}, not a string"
            )
    clf = classifier if classifier is not None else default_classifier()
    records = clf.classify_many(texts, ids=[str(i) for i in ids], threads=threads)
    frame = pd.DataFrame(records_to_rows(ids, records), columns=FRAME_COLUMNS)
    return frame.astype({"confidence": "float64", "evidence_count": "int64"})


def _paths(data: Union[PathLike, Sequence[PathLike]]) -> list:
    if isinstance(data, (str, os.PathLike)):
        return [os.fspath(data)]
    return [os.fspath(p) for p in data]


def train(
    data: Union[PathLike, Sequence[PathLike]],
    out: PathLike,
    label: str = "stance",
    **options: Any,
) -> dict:
    """Trains a model on labelled CSV (columns ``text``, ``actor`` and ``label``), as
    ``stance train --data ... --out OUT``; the model file appears only when all went well.

    Options (CLI defaults when not given): ``word_ngrams=(1, 2)``, ``char_ngrams=None``,
    ``window=5``, ``cues=300``, ``min_count=2``, ``weighting="tf-idf"`` (or ``"tf"``),
    ``l2=0.2``, ``max_iter=300``, ``balanced=True``, ``seed=42``, ``negation=False``,
    ``speech=False``, ``actor_features=True``, ``tune=False``, ``cv=None`` (K folds),
    ``validation=0.1``, ``actors=[dictionary CSV files]``, ``lossy=False``.

    Returns the training summary: ``rows``, ``label_counts``, ``vocabulary``, ``seconds``,
    ``held_out`` scores, ``options`` and ``warnings``.
    """
    if "actors" in options and options["actors"] is not None:
        options["actors"] = _paths(options["actors"])
    return _train(_paths(data), os.fspath(out), label, **options)


def evaluate(
    data: Union[PathLike, Sequence[PathLike], None] = None,
    *,
    articles: Optional[PathLike] = None,
    model: Optional[PathLike] = None,
    label: Optional[str] = None,
    cv: Optional[int] = None,
    actors: Optional[Sequence[PathLike]] = None,
    lossy: bool = False,
) -> dict:
    """Scores a model (default: the shipped one), as ``stance evaluate``.

    With labelled CSV ``data``: accuracy, macro-F1, per-label scores and the confusion
    matrix (``cv=K``: K-fold cross-validation of the model's training recipe instead).
    With ``articles=DIR``: classify on ``DIR/*.txt`` scored against ``DIR/gold.csv``
    (precision, recall and F1 of (article, actor, stance) pairs, missed and spurious).
    """
    return _evaluate(
        None if data is None else _paths(data),
        articles=None if articles is None else os.fspath(articles),
        model=None if model is None else os.fspath(model),
        label=label,
        cv=cv,
        actors=None if actors is None else _paths(actors),
        lossy=lossy,
    )
