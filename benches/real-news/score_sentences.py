#!/usr/bin/env python3
"""Per-(sentence, actor) scores of `stance classify` on real news, against labels kept without text.

usage: score_sentences.py DIR [--labels FILE] [--bin PATH] [--model M] [--reader R] [--json]

DIR holds the articles (DIR/<article>.txt; e.g. ../shared/datasets/real-news-dev). FILE (default:
sentence-labels.csv beside this script) has the columns article,sentence,actor,stance,sentiment:
one row per (sentence, actor) pair that stance's sentence splitter and actor finder produced, keyed
by the article's name, the sentence's 0-based index and the actor's canonical name, with the
human label (`notactor` where the finder's mention is not an actor). Prints the macro-F1 of
stance (four labels) and sentiment (three) over the pairs found in both, with a 95% interval
resampling whole articles, the stance confusion table, and how many keys matched: a change to
the splitter or the finder that renumbers sentences or renames actors shows up as unmatched keys.
Standard library only.
"""
import argparse
import collections
import csv
import json
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
STANCES = ["supports", "opposes", "regrets", "neutral"]
SENTIMENTS = ["positive", "negative", "neutral"]


def macro_f1(pairs, labels):
    """Macro-F1 over `labels` of (truth, predicted) pairs; a label neither side uses is left
    out of the mean."""
    scores = []
    for label in labels:
        tp = sum(1 for t, p in pairs if t == label and p == label)
        n_true = sum(1 for t, _ in pairs if t == label)
        n_pred = sum(1 for _, p in pairs if p == label)
        if n_true + n_pred:
            scores.append(2 * tp / (n_true + n_pred))
    return sum(scores) / len(scores) if scores else 0.0


def interval(by_article, labels, resamples=1000, seed=42):
    """95% percentile interval of the macro-F1 over bootstrap resamples of whole articles."""
    arts = sorted(by_article)
    rng = random.Random(seed)
    draws = []
    for _ in range(resamples):
        pairs = [p for _ in arts for p in by_article[arts[rng.randrange(len(arts))]]]
        draws.append(macro_f1(pairs, labels))
    draws.sort()
    return draws[int(0.025 * resamples)], draws[int(0.975 * resamples) - 1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--labels", default=os.path.join(HERE, "sentence-labels.csv"))
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "..", "target", "release", "stance"))
    ap.add_argument("--model")
    ap.add_argument("--reader", help="blend this contextual reader (classify --reader; needs a build with the embeddings feature, see --bin)")
    ap.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    args = ap.parse_args()
    with open(args.labels, newline="", encoding="utf-8") as f:
        labels = {(r["article"], int(r["sentence"]), r["actor"]): r for r in csv.DictReader(f)}
    articles = sorted({k[0] for k in labels})
    paths = [os.path.join(args.dir, f"{a}.txt") for a in articles]
    missing = [p for p in paths if not os.path.isfile(p)]
    if missing:
        sys.exit(f"score_sentences: {missing[0]}: no such article ({len(missing)} missing)")
    cmd = [args.bin, "classify", "--format", "json", *(["--model", args.model] if args.model else []),
           *(["--reader", args.reader] if args.reader else []), *paths]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"score_sentences: {' '.join(cmd[:4])} … failed: {out.stderr.strip()}")
    stance_pairs = collections.defaultdict(list)
    sentiment_pairs = collections.defaultdict(list)
    seen, unlabelled, notactor_given_stance = set(), 0, 0
    for line in out.stdout.splitlines():
        result = json.loads(line)
        art = os.path.splitext(os.path.basename(result["article"]))[0]
        for actor in result["actors"]:
            for e in actor["evidence"]:
                key = (art, e["sentence"], actor["actor"])
                row = labels.get(key)
                if row is None:
                    unlabelled += 1
                    continue
                seen.add(key)
                if row["stance"] == "notactor":
                    notactor_given_stance += e["stance"] != "neutral"
                    continue
                stance_pairs[art].append((row["stance"], e["stance"]))
                if "sentiment" in e:
                    sentiment_pairs[art].append((row["sentiment"], e["sentiment"]))
    flat = [p for ps in stance_pairs.values() for p in ps]
    report = {
        "labelled_keys": len(labels),
        "matched_keys": len(seen),
        "predicted_pairs_without_label": unlabelled,
        "notactor_rows": sum(1 for r in labels.values() if r["stance"] == "notactor"),
        "notactor_given_a_stance": notactor_given_stance,
        "stance_rows": len(flat),
        "stance_macro_f1": macro_f1(flat, STANCES),
        "stance_interval": interval(stance_pairs, STANCES),
        "stance_confusion": {t: {p: sum(1 for x in flat if x == (t, p)) for p in STANCES} for t in STANCES},
    }
    sflat = [p for ps in sentiment_pairs.values() for p in ps]
    if sflat:
        report["sentiment_macro_f1"] = macro_f1(sflat, SENTIMENTS)
        report["sentiment_interval"] = interval(sentiment_pairs, SENTIMENTS)
    if args.json:
        print(json.dumps(report))
        return
    lo, hi = report["stance_interval"]
    print(f"keys matched {report['matched_keys']} of {report['labelled_keys']} "
          f"({report['predicted_pairs_without_label']} predicted pairs have no label)")
    print(f"stance macro-F1 {report['stance_macro_f1']:.3f} ({lo:.3f}–{hi:.3f}, resampling "
          f"articles) over {len(flat)} rows; {report['notactor_given_a_stance']} of "
          f"{report['notactor_rows']} non-actor mentions given a stance")
    if sflat:
        lo, hi = report["sentiment_interval"]
        print(f"sentiment macro-F1 {report['sentiment_macro_f1']:.3f} ({lo:.3f}–{hi:.3f})")
    print("stance confusion (rows: label, columns: predicted " + " / ".join(STANCES) + ")")
    for t in STANCES:
        print(f"  {t:9} " + " ".join(f"{report['stance_confusion'][t][p]:4}" for p in STANCES))


if __name__ == "__main__":
    main()
