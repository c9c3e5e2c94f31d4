"""stance.train and stance.evaluate mirror the CLI: same model bytes, same scores."""

import json
import subprocess

import pytest

import stance

TRAIN_ARGS = ["--validation", "0", "--cv", "3", "--min-count", "1", "--seed", "7"]


def test_train_writes_the_cli_model_and_evaluate_its_scores(tmp_path, repo, stance_bin):
    data = repo / "tests" / "data" / "small.csv"
    cli_model = tmp_path / "cli.json"
    subprocess.run(
        [str(stance_bin), "train", "--data", str(data), "--out", str(cli_model), *TRAIN_ARGS],
        check=True,
        capture_output=True,
    )
    py_model = tmp_path / "py.json"
    summary = stance.train(data, py_model, validation=0, cv=3, min_count=1, seed=7)
    assert summary["rows"] == 15 and sum(summary["label_counts"].values()) == 15
    assert summary["held_out"] and summary["options"]["seed"] == 7

    def drop_time(path):
        model = json.loads(path.read_text())
        model.get("training", {}).pop("seconds", None)
        return model

    assert drop_time(py_model) == drop_time(cli_model)

    cli_eval = subprocess.run(
        [str(stance_bin), "evaluate", "--data", str(data), "--model", str(py_model),
         "--format", "json"],
        check=True,
        capture_output=True,
    )
    assert stance.evaluate(data, model=py_model) == json.loads(cli_eval.stdout)
    clf = stance.Classifier(model=py_model, sentiment=False)
    assert clf.classify("Peru vetoed the inquiry.")["actors"][0]["actor"] == "Peru"


def test_evaluate_articles_scores_pairs(tmp_path):
    (tmp_path / "one.txt").write_text("Norway welcomed the inquiry. Egypt rejected it.")
    (tmp_path / "gold.csv").write_text("article,actor,stance\none,Norway,supports\n")
    scores = stance.evaluate(articles=tmp_path)
    assert scores["gold"] == 1 and 0.0 <= scores["f1"] <= 1.0


def test_bad_training_data_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("text,actor,stance\n\"unclosed,X,supports\n")
    with pytest.raises(ValueError, match="bad.csv"):
        stance.train(bad, tmp_path / "m.json")
    assert not (tmp_path / "m.json").exists()
    with pytest.raises(OSError, match="missing.csv"):
        stance.train(tmp_path / "missing.csv", tmp_path / "m.json")
    with pytest.raises(ValueError, match="weighting"):
        stance.train(bad, tmp_path / "m.json", weighting="bm25")
    with pytest.raises(ValueError, match="not both"):
        stance.evaluate(bad, articles=tmp_path)
    with pytest.raises(TypeError):
        stance.train(bad, tmp_path / "m.json", no_such_option=1)
