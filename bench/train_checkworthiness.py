"""Train the check-worthiness model offline and write the shipped weights file.

Reads the ClaimBuster crowdsourced debate sentences (check-worthy = CFS, Verdict 1), builds the same
features the runtime uses (workbench.core.checkworthiness.features), fits an L2 logistic regression
with scikit-learn and writes {feature: weight} as gzipped JSON. The decision threshold is tuned for F1
on out-of-fold predictions grouped by debate, so it never sees its own training rows.

    .venv/bin/python bench/train_checkworthiness.py            # writes workbench/core/data/...
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.core.checkworthiness import WEIGHTS_PATH, LinearModel, features  # noqa: E402

DEFAULT_C = 0.3
MIN_COUNT = 2
F1_TOLERANCE = 0.002  # cut-offs this close to the best F1 are as good: take the most precise
WEIGHT_FLOOR = 0.01


def load_claimbuster(data_dir: Path) -> tuple[list[str], list[int], list[str]]:
    """Sentences, labels (1 = check-worthy factual) and debate ids."""
    path = data_dir / "claimbuster" / "crowdsourced.csv"
    texts: list[str] = []
    labels: list[int] = []
    groups: list[str] = []
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            texts.append(row["Text"])
            labels.append(1 if row["Verdict"].strip() == "1" else 0)
            groups.append(row["File_id"])
    return texts, labels, groups


def fit(
    feats: Sequence[dict[str, float]], labels: Sequence[int], c: float = DEFAULT_C
) -> tuple[dict[str, float], float]:
    """Weights by feature name and the bias of a logistic regression."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: Counter[str] = Counter()
    for f in feats:
        counts.update(f.keys())
    kept = [{k: v for k, v in f.items() if counts[k] >= MIN_COUNT} for f in feats]
    vec = DictVectorizer()
    x = vec.fit_transform(kept).tocsr()
    x.indices = x.indices.astype("int32")  # liblinear wants 32-bit indices
    x.indptr = x.indptr.astype("int32")
    clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced", solver="liblinear")
    clf.fit(x, labels)
    names = vec.get_feature_names_out()
    weights = {
        str(name): round(float(w), 4)
        for name, w in zip(names, clf.coef_[0], strict=True)
        if abs(w) >= WEIGHT_FLOOR
    }
    return weights, float(clf.intercept_[0])


def best_threshold(
    scores: Sequence[float], labels: Sequence[int], tolerance: float = F1_TOLERANCE
) -> float:
    """The highest score cut-off whose F1 is within `tolerance` of the best.

    Crowd labels call more sentences check-worthy than experts do, and their F1 is flat over a
    wide band of cut-offs (0.668-0.669 from 0.40 to 0.50): within that band the more precise
    cut-off is taken, since precision is what a reviewer's queue feels.
    """
    pairs = sorted(zip(scores, labels, strict=True), reverse=True)
    positives = sum(labels)
    tp = 0
    cuts: list[tuple[float, float]] = []  # (F1, cut-off) at each distinct score
    for i, (s, y) in enumerate(pairs, start=1):
        tp += y
        if i == len(pairs) or pairs[i][0] < s:
            cuts.append((2 * tp / (i + positives), s if i == len(pairs) else (s + pairs[i][0]) / 2))
    if not cuts:
        return 0.5
    best_f1 = max(f1 for f1, _ in cuts)
    return round(max(t for f1, t in cuts if f1 >= best_f1 - tolerance), 4)


def grouped_folds(groups: Sequence[str], k: int) -> list[list[int]]:
    """Row indices per fold; every debate falls in exactly one fold (round robin by name)."""
    names = sorted(set(groups))
    fold_of = {name: i % k for i, name in enumerate(names)}
    folds: list[list[int]] = [[] for _ in range(k)]
    for i, g in enumerate(groups):
        folds[fold_of[g]].append(i)
    return folds


def runtime_scores(model: LinearModel, texts: Sequence[str]) -> list[float]:
    """Scores exactly as the shipped code computes them (gates included)."""
    from workbench.core.extract import score_sentence_with

    return [score_sentence_with(t, model)[0] for t in texts]


def train_model(
    texts: Sequence[str],
    labels: Sequence[int],
    groups: Sequence[str],
    *,
    c: float = DEFAULT_C,
    inner_folds: int = 3,
    version: str = "",
) -> LinearModel:
    """Fit on every row given; tune the threshold on grouped out-of-fold scores of those rows."""
    feats = [features(t) for t in texts]
    oof_scores: list[float] = []
    oof_labels: list[int] = []
    for fold in grouped_folds(groups, inner_folds):
        held = set(fold)
        train_idx = [i for i in range(len(texts)) if i not in held]
        w, b = fit([feats[i] for i in train_idx], [labels[i] for i in train_idx], c)
        m = LinearModel(weights=w, bias=b, threshold=0.5, version="fold")
        oof_scores.extend(runtime_scores(m, [texts[i] for i in fold]))
        oof_labels.extend(labels[i] for i in fold)
    threshold = best_threshold(oof_scores, oof_labels)
    weights, bias = fit(feats, labels, c)
    return LinearModel(weights=weights, bias=bias, threshold=threshold, version=version)


def save(model: LinearModel, path: Path) -> None:
    payload = {
        "version": model.version,
        "bias": round(model.bias, 4),
        "threshold": model.threshold,
        "weights": dict(sorted(model.weights.items())),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(path, "wb", mtime=0) as fh:
        fh.write(json.dumps(payload, separators=(",", ":")).encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / ".." / "shared" / "data")
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    parser.add_argument("--c", type=float, default=DEFAULT_C)
    args = parser.parse_args()
    texts, labels, groups = load_claimbuster(args.data)
    model = train_model(texts, labels, groups, c=args.c, version=f"claimbuster-lr-c{args.c}")
    save(model, args.out)
    size = args.out.stat().st_size
    print(
        f"{len(texts)} sentences, {len(set(groups))} debates -> {len(model.weights)} weights, "
        f"threshold {model.threshold}, {size / 1024:.0f} KiB at {args.out.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    main()
