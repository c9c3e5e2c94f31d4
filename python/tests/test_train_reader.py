"""python/train_reader.py: bad training data stops it before any training, naming file and line."""

import subprocess
import sys


def run(repo, *args):
    return subprocess.run(
        [sys.executable, str(repo / "python" / "train_reader.py"), *args],
        capture_output=True,
        text=True,
    )


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_bad_rows_are_refused_naming_file_and_line(repo, tmp_path):
    out = str(tmp_path / "reader")
    cases = [
        ("no-actor.csv", "text,stance\nRussia backed it.,supports\n", "no-actor.csv:1: no column 'actor'"),
        (
            "bad-label.csv",
            "text,actor,stance\nRussia backed it.,Russia,supports\nIran balked.,Iran,maybe\n",
            "bad-label.csv:3: label 'maybe' is not one of supports, opposes, regrets, neutral",
        ),
        (
            "empty-actor.csv",
            "text,actor,stance\nRussia backed it.,,supports\n",
            "empty-actor.csv:2: empty text or actor",
        ),
        ("empty.csv", "text,actor,stance\n", "no rows to train on"),
    ]
    for name, body, message in cases:
        p = run(repo, "--data", write(tmp_path / name, body), "--encoder", str(tmp_path), "--out", out)
        assert p.returncode != 0, name
        assert message in p.stderr, (name, p.stderr)
    p = run(repo, "--data", str(tmp_path / "absent.csv"), "--encoder", str(tmp_path), "--out", out)
    assert p.returncode != 0 and "absent.csv" in p.stderr, p.stderr
    ok = write(tmp_path / "ok.csv", "text,actor,stance\nRussia backed it.,Russia,supports\n")
    p = run(repo, "--data", ok, "--encoder", str(tmp_path), "--out", out, "--blend", "1.5")
    assert p.returncode != 0 and "--blend 1.5" in p.stderr, p.stderr
    assert not (tmp_path / "reader").exists()
