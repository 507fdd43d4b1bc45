"""Measure claim extraction quality: check-worthiness on ClaimBuster, quantities on our gold set.

Check-worthiness: grouped 5-fold cross-validation BY DEBATE (File_id) on the ClaimBuster crowdsourced
sentences (check-worthy = CFS). For each fold the model is trained, and its threshold tuned, on the
other folds only; the held-out debates are then scored by the shipped runtime code. The shipped model
itself is trained on every debate, so it is never reported on here.

Quantities: tests/data/quantities.jsonl, hand-written news-like sentences with the expected value,
unit, qualifier and scope of each quantity.

    .venv/bin/python bench/extract_quality.py                # both parts (one to three minutes)
    .venv/bin/python bench/extract_quality.py --skip-model   # quantities only (instant)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from workbench.core.models import Quantity  # noqa: E402
from workbench.core.quantities import parse_quantities  # noqa: E402

GOLD_PATH = ROOT / "tests" / "data" / "quantities.jsonl"


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-3 * max(1.0, abs(b))


def _matches(gold: dict[str, object], q: Quantity) -> bool:
    if gold["value"] is None:
        return _same(q.low, gold.get("low")) and _same(q.high, gold.get("high"))  # type: ignore[arg-type]
    return _same(q.value, gold["value"])  # type: ignore[arg-type]


def _norm(text: object) -> str | None:
    return None if text is None else str(text).strip().lower()


def quantity_scores(path: Path = GOLD_PATH, *, verbose: bool = False) -> dict[str, float]:
    """Accuracy of value, unit, qualifier and scope over every gold quantity, and precision."""
    totals = {"value": 0, "unit": 0, "qualifier": 0, "scope": 0}
    n_gold = 0
    n_pred = 0
    n_matched = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        text = item["text"]
        predicted = parse_quantities(text)
        n_pred += len(predicted)
        unused = list(predicted)
        for gold in item["quantities"]:
            n_gold += 1
            hit = next((q for q in unused if _matches(gold, q)), None)
            if hit is None:
                if verbose:
                    print(f"MISS {gold} in: {text}")
                continue
            unused.remove(hit)
            n_matched += 1
            totals["value"] += 1
            checks = {
                "unit": _norm(hit.unit) == _norm(gold["unit"]),
                "qualifier": hit.qualifier == gold["qualifier"],
                "scope": _norm(hit.scope) == _norm(gold["scope"]),
            }
            for key, ok in checks.items():
                totals[key] += ok
                if verbose and not ok:
                    print(f"{key.upper()} got {getattr(hit, key)!r} want {gold[key]!r} in: {text}")
        if verbose:
            for q in unused:
                print(f"EXTRA {q.raw!r} ({q.kind}) in: {text}")
    scores = {f"{k} accuracy": v / n_gold for k, v in totals.items()}
    scores["precision"] = n_matched / n_pred if n_pred else 0.0
    scores["gold quantities"] = float(n_gold)
    return scores


def average_precision(scores: Sequence[float], labels: Sequence[int]) -> float:
    """Area under the precision-recall curve as a step function (ties broken pessimistically)."""
    pairs = sorted(zip(scores, labels, strict=True), key=lambda p: (-p[0], p[1]))
    positives = sum(labels)
    tp = 0
    total = 0.0
    for i, (_, y) in enumerate(pairs, start=1):
        if y:
            tp += 1
            total += tp / i
    return total / positives if positives else 0.0


def model_scores(data: Path, folds: int) -> dict[str, float]:
    """Grouped k-fold precision, recall, F1 of the default decision and AP of the score."""
    import train_checkworthiness as train

    texts, labels, groups = train.load_claimbuster(data)
    all_scores: list[float] = []
    all_labels: list[int] = []
    tp = fp = fn = 0
    for fold in train.grouped_folds(groups, folds):
        held = set(fold)
        rows = [i for i in range(len(texts)) if i not in held]
        model = train.train_model(
            [texts[i] for i in rows], [labels[i] for i in rows], [groups[i] for i in rows]
        )
        scores = train.runtime_scores(model, [texts[i] for i in fold])
        for s, i in zip(scores, fold, strict=True):
            predicted = s >= model.threshold
            tp += predicted and labels[i] == 1
            fp += predicted and labels[i] == 0
            fn += (not predicted) and labels[i] == 1
        all_scores.extend(scores)
        all_labels.extend(labels[i] for i in fold)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "F1": f1,
        "average precision": average_precision(all_scores, all_labels),
        "sentences": float(len(texts)),
        "debates": float(len(set(groups))),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / ".." / "shared" / "data")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--skip-model", action="store_true", help="only the quantity gold set")
    parser.add_argument("--verbose", action="store_true", help="print each quantity error")
    args = parser.parse_args()

    q = quantity_scores(verbose=args.verbose)
    print(f"Quantities ({GOLD_PATH.relative_to(ROOT)}, {int(q['gold quantities'])} quantities)")
    for key in (
        "value accuracy",
        "unit accuracy",
        "qualifier accuracy",
        "scope accuracy",
        "precision",
    ):
        print(f"  {key:<20} {q[key]:.3f}")
    if args.skip_model:
        return
    start = time.perf_counter()
    m = model_scores(args.data.resolve(), args.folds)
    print(
        f"Check-worthiness (ClaimBuster crowdsourced, CFS = check-worthy, {int(m['sentences'])} "
        f"sentences, {args.folds}-fold CV grouped by debate over {int(m['debates'])} debates)"
    )
    for key in ("precision", "recall", "F1", "average precision"):
        print(f"  {key:<20} {m[key]:.3f}")
    print(f"  ({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
