"""stance.Classifier: the CLI's JSON shape, parallel classification, clean errors."""

import json
import subprocess
import threading

import pytest

import stance


@pytest.fixture(scope="module")
def clf():
    return stance.Classifier()


def test_classify_matches_the_cli_json(clf, repo, stance_bin):
    path = repo / "examples" / "lavrov-tillerson.txt"
    cli = subprocess.run(
        [str(stance_bin), "classify", "--format", "json", str(path)],
        check=True,
        capture_output=True,
    )
    expected = json.loads(cli.stdout)
    got = clf.classify(path.read_text(encoding="utf-8"), id=str(path))
    assert got == expected
    assert got["actors"] and got["actors"][0]["stance"] in clf.labels


def test_ids_default_and_are_written_as_text(clf):
    assert clf.classify("Norway welcomed the inquiry.")["id"] == "-"
    record = clf.classify("Norway welcomed the inquiry.", id=17)
    assert record["id"] == "17" and record["article"] == "17"
    assert [a["actor"] for a in record["actors"]] == ["Norway"]
    assert clf.classify("", id="empty")["actors"] == []


def test_classify_many_equals_classify_in_order(clf, articles):
    texts = [t for _, t in articles[:40]]
    ids = [n for n, _ in articles[:40]]
    one_by_one = [clf.classify(t, id=i) for t, i in zip(texts, ids)]
    assert clf.classify_many(texts, ids=ids) == one_by_one
    assert clf.classify_many(texts, ids=ids, threads=1) == one_by_one
    positions = clf.classify_many(texts[:3])
    assert [r["id"] for r in positions] == ["0", "1", "2"]


def test_classify_many_releases_the_gil(clf, articles):
    texts = [t for _, t in articles] * 6
    started = threading.Event()
    done = []

    def work():
        started.set()
        done.append(clf.classify_many(texts))

    worker = threading.Thread(target=work)
    worker.start()
    started.wait()
    ticks = 0
    while worker.is_alive():
        ticks += 1
    worker.join()
    assert len(done[0]) == len(texts)
    # With the GIL held for the whole call this thread could not have run meanwhile.
    assert ticks > 1000, ticks


@pytest.mark.parametrize(
    "call, error, needle",
    [
        (lambda c: c.classify(None), TypeError, None),
        (lambda c: c.classify(b"bytes"), TypeError, None),
        (lambda c: c.classify("\ud800 lone surrogate"), ValueError, None),
        (lambda c: c.classify_many("not a list"), TypeError, None),
        (lambda c: c.classify_many(["ok", 3]), TypeError, None),
        (lambda c: c.classify_many(["a", "b"], ids=["x"]), ValueError, "1 ids for 2 texts"),
        (lambda c: c.classify_many(["a"], threads=0), ValueError, "threads"),
    ],
)
def test_bad_input_raises_a_clear_exception(clf, call, error, needle):
    with pytest.raises(error, match=needle):
        call(clf)


def test_bad_models_raise_os_or_value_errors(tmp_path):
    with pytest.raises(OSError, match="no/such/model.bin"):
        stance.Classifier(model="/no/such/model.bin")
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not a model")
    with pytest.raises(ValueError, match="garbage.json"):
        stance.Classifier(model=garbage)
    with pytest.raises(ValueError, match="min_confidence"):
        stance.Classifier(min_confidence=2.0)


def test_without_sentiment_there_is_no_sentiment_key():
    clf = stance.Classifier(sentiment=False)
    assert not clf.has_sentiment
    actor = clf.classify("Norway welcomed the inquiry.")["actors"][0]
    assert "sentiment" not in actor
