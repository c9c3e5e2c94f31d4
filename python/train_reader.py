#!/usr/bin/env python3
"""Fine-tune a contextual reader for `stance classify --reader DIR`.

The reader is a BERT sequence classifier that reads each (sentence, actor) pair as
"ACTOR [SEP] SENTENCE" and gives a probability per stance label; `stance` blends them with its
bag-of-words model's (weight --blend). This script fine-tunes a pretrained sentence-transformers
encoder (e.g. all-MiniLM-L6-v2: config.json, tokenizer.json, model.safetensors) on labelled CSV
in stance's training format (columns text, actor and the label column) and writes DIR:
config.json (with id2label), tokenizer.json, model.safetensors and stance-reader.json.

    pip install torch transformers safetensors
    python3 python/train_reader.py --data training-data/stance.csv \
        --encoder path/to/all-MiniLM-L6-v2 --out models/reader

The recipe (shuffled batches of 32, AdamW at 5e-5 with weight decay 0.01, 6% linear warm-up then
linear decay, gradient norm clipped at 1, inputs cut to 128 tokens, the sentence cut first) is
fixed by the seed: the same data, encoder, options, seed, thread count and library versions give
the same weights. On two CPU cores one epoch over the 17,824 rows of training-data/stance.csv
takes about 13 minutes.

Bad input stops with a message naming the file and line, before any training.
"""
import argparse
import csv
import json
import math
import os
import random
import sys
import time

DEFAULT_LABELS = "supports,opposes,regrets,neutral"


def read_rows(paths, label_column, labels):
    """(actor, text, label index) for every row of every file; exits naming file:line on a bad row."""
    rows = []
    for path in paths:
        try:
            with open(path, newline="", encoding="utf-8") as f:
                reader = csv.DictReader(f)
                missing = [c for c in ("text", "actor", label_column) if c not in (reader.fieldnames or [])]
                if missing:
                    sys.exit(f"train_reader: {path}:1: no column {missing[0]!r}")
                for row in reader:
                    line = reader.line_num
                    text, actor, label = row["text"] or "", row["actor"] or "", row[label_column] or ""
                    if not text.strip() or not actor.strip():
                        sys.exit(f"train_reader: {path}:{line}: empty text or actor")
                    if label not in labels:
                        sys.exit(f"train_reader: {path}:{line}: label {label!r} is not one of {', '.join(labels)}")
                    rows.append((actor, text, labels.index(label)))
        except (OSError, UnicodeDecodeError, csv.Error) as e:
            sys.exit(f"train_reader: {path}: {e}")
    if not rows:
        sys.exit("train_reader: no rows to train on")
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", action="append", required=True, help="labelled CSV; repeatable")
    ap.add_argument("--encoder", required=True, help="pretrained sentence-transformers BERT directory")
    ap.add_argument("--out", required=True, help="directory to write the reader into")
    ap.add_argument("--label", default="stance", help="label column (default: stance)")
    ap.add_argument("--labels", default=DEFAULT_LABELS, help=f"label order (default: {DEFAULT_LABELS})")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--max-tokens", type=int, default=128)
    ap.add_argument("--blend", type=float, default=0.5, help="the reader's weight in stance's blend (0 to 1)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--threads", type=int, default=2, help="CPU threads (part of what fixes the result)")
    args = ap.parse_args()
    if not 0.0 <= args.blend <= 1.0:
        sys.exit(f"train_reader: --blend {args.blend}: must be between 0 and 1")
    if args.epochs < 1 or args.batch < 1 or args.max_tokens < 4:
        sys.exit("train_reader: --epochs and --batch must be at least 1, --max-tokens at least 4")
    labels = args.labels.split(",")
    train = read_rows(args.data, args.label, labels)

    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    tok = AutoTokenizer.from_pretrained(args.encoder)
    model = AutoModelForSequenceClassification.from_pretrained(
        args.encoder,
        num_labels=len(labels),
        id2label=dict(enumerate(labels)),
        label2id={l: i for i, l in enumerate(labels)},
    )

    def encode(batch):
        return tok([b[0] for b in batch], [b[1] for b in batch], truncation="only_second",
                   max_length=args.max_tokens, padding=True, return_tensors="pt")

    per_epoch = math.ceil(len(train) / args.batch)
    steps = args.epochs * per_epoch
    warm = max(1, int(0.06 * steps))
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))))
    model.train()
    start, step = time.time(), 0
    for epoch in range(args.epochs):
        random.shuffle(train)
        total = 0.0
        for i in range(0, len(train), args.batch):
            batch = train[i:i + args.batch]
            loss = torch.nn.functional.cross_entropy(model(**encode(batch)).logits,
                                                     torch.tensor([b[2] for b in batch]))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            total += loss.item()
            if step % 50 == 0:
                done = step - epoch * per_epoch
                print(f"epoch {epoch + 1}/{args.epochs} step {step}/{steps} loss {total / done:.3f} "
                      f"{time.time() - start:.0f}s", file=sys.stderr, flush=True)

    tmp = args.out.rstrip("/") + ".partial"
    model.save_pretrained(tmp)
    tok.save_pretrained(tmp)
    with open(os.path.join(tmp, "stance-reader.json"), "w") as f:
        json.dump({"blend": args.blend, "max_tokens": args.max_tokens}, f)
    if os.path.isdir(args.out):
        import shutil
        shutil.rmtree(args.out)
    os.replace(tmp, args.out)  # the directory appears whole or not at all
    print(f"train_reader: {len(train)} rows, {args.epochs} epochs, {time.time() - start:.0f}s -> {args.out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
