#!/usr/bin/env python3
"""Cohen's kappa between stance.csv (first pass, as it was before adjudication: see
adjudication.md) and the independent second pass: python3 training-data/agreement/kappa.py"""
import csv, collections, pathlib
here = pathlib.Path(__file__).parent
rows = list(csv.DictReader(open(here.parent / "stance.csv", newline="", encoding="utf-8")))
def kappa(a, b):
    n = len(a); po = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = collections.Counter(a), collections.Counter(b)
    pe = sum(ca[k] * cb[k] for k in set(a) | set(b)) / n / n
    return po, (po - pe) / (1 - pe)
# second-pass.csv: 10% of the first 5,478 rows; second-pass-p11.csv / -p12.csv: 10% of parts
# p11 (rows 5478-5812) and p12 (rows 5813-6197); -p13-p17.csv: 10% of parts p13-p17 (rows
# 6198-9853, real-copy constructions); -p18-p19.csv: 10% of p18-p19 (rows 9854-11251, background);
# -p20-p28.csv: 10% of p20-p28 (rows 11252-17823, real-copy roles, quotes, actions, institutions);
# -p29.csv: 10% of p29 (rows 17824-19082, domestic politics: parties, legislators, votes).
for name in ["second-pass.csv", "second-pass-p11.csv", "second-pass-p12.csv",
             "second-pass-p13-p17.csv", "second-pass-p18-p19.csv", "second-pass-p20-p28.csv",
             "second-pass-p29.csv"]:
    second = list(csv.DictReader(open(here / name, newline="", encoding="utf-8")))
    for col in ["stance", "sentiment"]:
        a = [rows[int(r["id"])][col] for r in second]; b = [r[col] for r in second]
        print(f"{name} {col}: agreement {kappa(a, b)[0]:.3f}, kappa {kappa(a, b)[1]:.3f} "
              f"({len(second)} rows, after adjudication)")
