#!/usr/bin/env python3
"""scikit-learn reference baseline for benches/accuracy/run (runs inside benches/accuracy/.venv).

TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True) + LogisticRegression(C=10, max_iter=2000),
everything else at scikit-learn defaults, on the very CSV files the stance run uses.

  tweeteval: one model per target (the `actor` column), trained on train+val, predictions of the
             five targets pooled, F_avg = mean(F1(favor), F1(against)) over all test tweets.
             Also (`svm`): the same with word 1-3 + char 2-5 TF-IDF and LinearSVC, the features
             of the SemEval-2016 organisers' SVM (published 68.98), for a paired comparison.
  folds:     the project's corpus, on the folds of stance's own cross-validation (the `fold`
             column of its out-of-fold predictions), the sentence text as is.
  newsmtsc:  one model on the sentence text as is (no target marking), one row per target,
             macro-F1 over negative/neutral/positive on each test set.
  sentences: the same for any label column (`--label`): one model on the sentence text of every
             `--train` file, macro-F1 over the labels present in the training rows on each
             test set (the project's held-out articles: stance and sentiment per sentence).

Fit time = wall-clock seconds of vectorizer.fit_transform + classifier.fit (summed over targets).
Prints one JSON object on stdout, with every test row's predicted label in the test file's row
order (`predictions`), for the paired bootstrap in benches/accuracy/run.
"""
import argparse
import csv
import json
import sys
import time

import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import make_scorer
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC
from sklearn.metrics import f1_score


def read_rows(path, label):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit(f"sklearn_baseline: {path}: no rows")
    for i, r in enumerate(rows):
        if not r.get("text") or not r.get("actor") or not r.get(label):
            sys.exit(f"sklearn_baseline: {path}: row {i + 2} lacks text/actor/{label}")
    return rows


def fit(texts, labels, recipe="lr"):
    """lr: the baseline of the table. svm: the SemEval-2016 organisers' strong linear baseline
    (Mohammad et al. 2016: word 1-3 + character 2-5 n-grams, linear SVM), as word(1,3) and
    char_wb(2,5) TF-IDF blocks + LinearSVC, its C chosen like stance's options: by 5-fold CV
    F_avg on the training rows only (the fit time includes that search)."""
    t0 = time.perf_counter()
    if recipe == "svm":
        pipe = Pipeline([
            ("vec", FeatureUnion([
                ("words", TfidfVectorizer(ngram_range=(1, 3), sublinear_tf=True)),
                ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
            ])),
            ("clf", LinearSVC()),
        ])
        f_avg = make_scorer(f1_score, labels=["favor", "against"], average="macro", zero_division=0)
        search = GridSearchCV(pipe, {"clf__C": [0.1, 0.3, 1, 3]}, scoring=f_avg,
                              cv=StratifiedKFold(5, shuffle=True, random_state=42))
        search.fit(texts, labels)
        best = search.best_estimator_
        return best.named_steps["vec"], best.named_steps["clf"], time.perf_counter() - t0
    else:
        vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
        clf = LogisticRegression(C=10, max_iter=2000)
    x = vec.fit_transform(texts)
    clf.fit(x, labels)
    return vec, clf, time.perf_counter() - t0


def tweeteval(train_path, test_path, recipe="lr"):
    train, test = read_rows(train_path, "stance"), read_rows(test_path, "stance")
    targets = sorted({r["actor"] for r in train})
    if sorted({r["actor"] for r in test}) != targets:
        sys.exit("sklearn_baseline: train and test targets differ")
    gold, pred, fit_s, per_target = [], [], 0.0, {}
    in_file_order = [None] * len(test)
    for t in targets:
        tr = [r for r in train if r["actor"] == t]
        rows = [i for i, r in enumerate(test) if r["actor"] == t]
        te = [test[i] for i in rows]
        vec, clf, s = fit([r["text"] for r in tr], [r["stance"] for r in tr], recipe)
        fit_s += s
        p = [str(x) for x in clf.predict(vec.transform([r["text"] for r in te]))]
        for i, x in zip(rows, p):
            in_file_order[i] = x
        g = [r["stance"] for r in te]
        f = f1_score(g, p, labels=["favor", "against"], average=None, zero_division=0)
        per_target[t] = {"n": len(te), "f_avg": float(f.mean()), "fit_s": s, "C": float(clf.C)}
        gold += g
        pred += p
    f = f1_score(gold, pred, labels=["favor", "against"], average=None, zero_division=0)
    return {
        "n": len(gold),
        "f1_favor": float(f[0]),
        "f1_against": float(f[1]),
        "f_avg": float(f.mean()),
        "fit_s": fit_s,
        "per_target": per_target,
        "predictions": in_file_order,
    }


def sentences(train_paths, tests, label, labels=None):
    """One model on the text of all `train_paths`, scored on each (name, path) of `tests` by
    macro-F1 over `labels` (default: the labels of the training rows)."""
    train = [r for path in train_paths for r in read_rows(path, label)]
    vec, clf, s = fit([r["text"] for r in train], [r[label] for r in train])
    labels = labels or sorted({r[label] for r in train})
    out = {"fit_s": s, "tests": {}}
    for name, path in tests:
        te = read_rows(path, label)
        p = [str(x) for x in clf.predict(vec.transform([r["text"] for r in te]))]
        g = [r[label] for r in te]
        out["tests"][name] = {
            "n": len(te),
            "predictions": p,
            "macro_f1": float(f1_score(g, p, labels=labels, average="macro", zero_division=0)),
        }
    return out


def folds(predictions_path):
    """Cross-validation on stance's own folds: reads an `evaluate --cv --predictions` file
    (text, truth, fold per row), trains on the other folds' rows and predicts each fold's rows,
    so both tools are scored on exactly the same splits. Fit time = one fit on all rows."""
    with open(predictions_path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if not rows or not all(r.get("text") and r.get("truth") and r.get("fold") for r in rows):
        sys.exit(f"sklearn_baseline: {predictions_path}: needs text, truth and fold in every row")
    pred = [None] * len(rows)
    for k in sorted({r["fold"] for r in rows}):
        train = [r for r in rows if r["fold"] != k]
        held = [i for i, r in enumerate(rows) if r["fold"] == k]
        vec, clf, _ = fit([r["text"] for r in train], [r["truth"] for r in train])
        for i, p in zip(held, clf.predict(vec.transform([rows[i]["text"] for i in held]))):
            pred[i] = str(p)
    _, _, fit_s = fit([r["text"] for r in rows], [r["truth"] for r in rows])
    gold = [r["truth"] for r in rows]
    return {
        "n": len(rows),
        "macro_f1": float(f1_score(gold, pred, labels=sorted(set(gold)), average="macro",
                                   zero_division=0)),
        "fit_s": fit_s,
        "predictions": pred,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("task", choices=["tweeteval", "newsmtsc", "sentences", "folds"])
    ap.add_argument("--train", action="append", help="training CSV; repeatable for sentences")
    ap.add_argument("--label", default="sentiment", help="sentences: the label column")
    ap.add_argument("--test", action="append", help="FILE, or NAME=FILE (newsmtsc, sentences)")
    ap.add_argument("--predictions", help="folds: stance's `evaluate --cv --predictions` file")
    a = ap.parse_args()
    if a.task == "folds":
        if not a.predictions:
            sys.exit("sklearn_baseline: folds needs --predictions")
        res = folds(a.predictions)
    elif not a.train or not a.test:
        sys.exit(f"sklearn_baseline: {a.task} needs --train and --test")
    elif a.task == "tweeteval":
        if len(a.test) != 1 or len(a.train) != 1:
            sys.exit("sklearn_baseline: tweeteval takes one --train and one --test")
        res = tweeteval(a.train[0], a.test[0])
        res["svm"] = tweeteval(a.train[0], a.test[0], "svm")
    else:
        tests = [t.split("=", 1) if "=" in t else (t, t) for t in a.test]
        if a.task == "newsmtsc":
            res = sentences(a.train, tests, "sentiment", ["negative", "neutral", "positive"])
        else:
            res = sentences(a.train, tests, a.label)
    res["sklearn_version"] = sklearn.__version__
    print(json.dumps(res, sort_keys=True))


if __name__ == "__main__":
    main()
