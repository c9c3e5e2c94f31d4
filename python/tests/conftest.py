"""Shared fixtures: the repository, the `stance` binary (built when missing) and sample texts."""

import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def repo() -> pathlib.Path:
    return REPO


@pytest.fixture(scope="session")
def stance_bin() -> pathlib.Path:
    """The CLI binary: $STANCE_BIN, else target/release/stance (built if missing)."""
    path = pathlib.Path(os.environ.get("STANCE_BIN", REPO / "target" / "release" / "stance"))
    if not path.exists():
        subprocess.run(
            ["cargo", "build", "--release", "--bin", "stance"], cwd=REPO, check=True
        )
    return path


@pytest.fixture(scope="session")
def articles(repo) -> list:
    """(name, text) of the repository's own training and held-out articles, sorted."""
    out = []
    for folder in ("articles", "heldout-1", "heldout-2"):
        for p in sorted((repo / "training-data" / folder).glob("*.txt")):
            out.append((f"{folder}/{p.stem}", p.read_text(encoding="utf-8")))
    assert len(out) > 100
    return out
