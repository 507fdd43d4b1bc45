"""Sentence splitting: our splitter against pysbd, side by side, on the labelled news sets.

Run: python bench/split.py [--runs 3] [--megabytes 2]
Prints sentences/s and boundary precision/recall/F1 on the labelled sets, then throughput on a larger
news-like text made by repeating the labelled paragraphs.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.core.sentences import split_spans  # noqa: E402

LABELLED = [
    ROOT / "tests" / "data" / "sentence_boundaries.txt",
    ROOT / "tests" / "data" / "sentence_boundaries.heldout.txt",
    ROOT / "tests" / "data" / "sentence_boundaries.blind.txt",
]

Splitter = Callable[[str], list[int]]  # text -> end offsets of its sentences


def load_paragraphs(path: Path) -> list[list[str]]:
    """Blocks of one-sentence lines separated by blank lines; lines starting '# ' are comments."""
    paragraphs: list[list[str]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            continue
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def ours(text: str) -> list[int]:
    return [e for _, e in split_spans(text)]


def make_pysbd() -> Splitter | None:
    try:
        import pysbd  # type: ignore[import-untyped]
    except ImportError:
        return None
    segmenter = pysbd.Segmenter(language="en", clean=False)

    def split(text: str) -> list[int]:
        ends: list[int] = []
        pos = 0
        for sentence in segmenter.segment(text):
            piece = sentence.strip()
            if not piece:
                continue
            start = text.find(piece, pos)
            if start < 0:  # pysbd changed the text: fall back to its own length
                start = pos
            pos = start + len(piece)
            ends.append(pos)
        return ends

    return split


def score(split: Splitter, paragraphs: list[list[str]]) -> tuple[float, float, float]:
    """Precision, recall and F1 of sentence ends inside paragraphs (paragraph ends are free)."""
    found = correct = gold_total = 0
    for lines in paragraphs:
        text = " ".join(lines)
        gold: set[int] = set()
        offset = 0
        for line in lines[:-1]:
            offset += len(line)
            gold.add(offset)
            offset += 1
        predicted = {e for e in split(text) if e < len(text)}
        found += len(predicted)
        correct += len(predicted & gold)
        gold_total += len(gold)
    precision = correct / found if found else 0.0
    recall = correct / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def throughput(split: Splitter, texts: list[str], runs: int) -> float:
    """Sentences per second, best of `runs` (the machine is shared: the best run is the least noisy)."""
    best = float("inf")
    count = 0
    for _ in range(runs):
        started = time.perf_counter()
        count = sum(len(split(t)) for t in texts)
        best = min(best, time.perf_counter() - started)
    return count / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per figure (best is kept)")
    parser.add_argument("--megabytes", type=float, default=2.0, help="size of the large text")
    args = parser.parse_args()

    splitters: dict[str, Splitter] = {"workbench": ours}
    pysbd_split = make_pysbd()
    if pysbd_split is None:
        print("pysbd is not installed (dependency group 'bench'): showing our splitter only")
    else:
        splitters["pysbd 0.3.4"] = pysbd_split

    sets = {path.name: load_paragraphs(path) for path in LABELLED}
    all_paragraphs = [p for paragraphs in sets.values() for p in paragraphs]
    texts = [" ".join(p) for p in all_paragraphs]
    boundaries = sum(len(p) - 1 for p in all_paragraphs)
    print(
        f"labelled: {len(all_paragraphs)} paragraphs, {len(texts) + boundaries} sentences, "
        f"{boundaries} scored boundaries (sentence ends inside a paragraph)\n"
    )

    header = f"{'splitter':<12} {'text':<34} {'sentences/s':>12} {'P':>6} {'R':>6} {'F1':>6}"
    print(header)
    print("-" * len(header))
    for name, split in splitters.items():
        split(texts[0])  # warm up: the first call compiles patterns and fills caches
        for set_name, paragraphs in sets.items():
            p, r, f = score(split, paragraphs)
            rate = throughput(split, [" ".join(x) for x in paragraphs], args.runs)
            print(f"{name:<12} {set_name:<34} {rate:>12,.0f} {p:>6.3f} {r:>6.3f} {f:>6.3f}")

    article = "\n\n".join(texts)
    repeat = max(1, int(args.megabytes * 1_000_000 / len(article.encode("utf-8"))))
    big = "\n\n".join([article] * repeat)
    size = f"labelled x{repeat} ({len(big.encode('utf-8')) / 1e6:.1f} MB)"
    for name, split in splitters.items():
        if name == "workbench":
            rate = throughput(split, [big], args.runs)  # the whole text in one call
        else:
            rate = throughput(split, texts * repeat, 1)  # paragraph by paragraph: one run is enough
        print(f"{name:<12} {size:<34} {rate:>12,.0f} {'':>6} {'':>6} {'':>6}")


if __name__ == "__main__":
    main()
