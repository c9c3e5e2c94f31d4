"""Type stubs of the compiled module ``stance._stance``."""

import os
from typing import Any, Optional, Sequence, Tuple, Union

_Path = Union[str, os.PathLike[str]]

class Classifier:
    """Labels the actors of news articles with a stance (and, by default, a sentiment)."""

    def __init__(
        self,
        model: Optional[_Path] = None,
        sentiment_model: Optional[_Path] = None,
        *,
        sentiment: bool = True,
        actors: Optional[Sequence[_Path]] = None,
        min_confidence: float = 0.0,
    ) -> None: ...
    def classify(self, text: str, id: Any = None) -> dict[str, Any]:
        """One article as the CLI's JSON record: ``id``, ``article``, ``actors``."""
    def classify_many(
        self,
        texts: Sequence[str],
        ids: Optional[Sequence[Any]] = None,
        threads: Optional[int] = None,
    ) -> list[dict[str, Any]]:
        """Many articles in parallel (the GIL released), records in input order."""
    @property
    def labels(self) -> list[str]:
        """The stance labels of the model."""
    @property
    def has_sentiment(self) -> bool:
        """Whether a sentiment model is loaded."""

def train(
    data: Sequence[_Path],
    out: _Path,
    label: str = "stance",
    *,
    word_ngrams: Optional[Tuple[int, int]] = None,
    char_ngrams: Optional[Tuple[int, int]] = None,
    window: Optional[int] = None,
    cues: Optional[int] = None,
    min_count: Optional[int] = None,
    weighting: Optional[str] = None,
    l2: Optional[float] = None,
    max_iter: Optional[int] = None,
    balanced: Optional[bool] = None,
    seed: Optional[int] = None,
    negation: Optional[bool] = None,
    speech: Optional[bool] = None,
    actor_features: Optional[bool] = None,
    tune: bool = False,
    cv: Optional[int] = None,
    validation: float = 0.1,
    actors: Optional[Sequence[_Path]] = None,
    lossy: bool = False,
) -> dict[str, Any]: ...
def evaluate(
    data: Optional[Sequence[_Path]] = None,
    *,
    articles: Optional[_Path] = None,
    model: Optional[_Path] = None,
    label: Optional[str] = None,
    cv: Optional[int] = None,
    actors: Optional[Sequence[_Path]] = None,
    lossy: bool = False,
) -> dict[str, Any]: ...
