#!/usr/bin/env python3
"""Writes a JSON Lines corpus of N articles made from the repository's own training and
held-out articles (training-data/articles, heldout-1, heldout-2), repeated as needed with
distinct ids: ``python examples/spark/make_corpus.py OUT.jsonl N``."""

import json
import pathlib
import sys

REPO = pathlib.Path(__file__).resolve().parents[2]
FOLDERS = ("articles", "heldout-1", "heldout-2")


def repo_articles():
    """(name, text) of the repository's articles, in a fixed order."""
    out = []
    for folder in FOLDERS:
        for p in sorted((REPO / "training-data" / folder).glob("*.txt")):
            out.append((f"{folder}/{p.stem}", p.read_text(encoding="utf-8")))
    return out


def write_corpus(path, n: int) -> int:
    """Writes `n` articles to `path`; returns the bytes of text written."""
    base = repo_articles()
    size = 0
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            name, text = base[i % len(base)]
            f.write(json.dumps({"id": f"{name}#{i // len(base)}", "text": text}) + "\n")
            size += len(text.encode("utf-8"))
    return size


if __name__ == "__main__":
    out, n = sys.argv[1], int(sys.argv[2])
    print(f"{n} articles, {write_corpus(out, n) / 1e6:.2f} MB of text -> {out}")
