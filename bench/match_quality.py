"""Claim-retrieval quality on CLEF CheckThat! 2022 Task 2A (English): MAP@5, MRR, recall@10.

Each verified claim becomes one document (its claim text, then its title); each tweet is a query
run through the same code path as `workbench match --queries`. Documents are ranked by their best
sentence (one match per document). Usage:

    .venv/bin/python bench/match_quality.py [--split dev|train] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from workbench.ops import ingest as ingest_ops  # noqa: E402
from workbench.ops import match as match_ops  # noqa: E402

TASK = "checkthat2022-task2a"


def write_documents(vclaims: Path, out: Path, *, with_title: bool = True) -> int:
    """vclaims.jsonl as workbench JSON Lines: id, title, and text = claim (+ title)."""
    n = 0
    with vclaims.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            if not line.strip():
                continue
            record = json.loads(line)
            claim = (record.get("vclaim") or "").strip()
            title = (record.get("title") or "").strip()
            text = f"{claim}\n\n{title}" if with_title and title and title != claim else claim
            if not text:
                continue
            dst.write(
                json.dumps({"id": record["vclaim_id"], "title": title or None, "text": text}) + "\n"
            )
            n += 1
    return n


def read_qrels(path: Path) -> dict[str, set[str]]:
    gold: dict[str, set[str]] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if len(row) >= 4 and row[3].strip() != "0":
                gold.setdefault(row[0], set()).add(row[2])
    return gold


def read_queries(path: Path, wanted: Iterable[str]) -> list[tuple[str, str]]:
    keep = set(wanted)
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            (row[0], row[1]) for row in csv.reader(fh, delimiter="\t") if row and row[0] in keep
        ]


def scores(ranked: dict[str, list[str]], gold: dict[str, set[str]]) -> dict[str, float]:
    """MAP@5, MRR (first relevant anywhere in the list) and recall@10 over the gold queries."""
    ap5 = rr = rec10 = 0.0
    for qid, relevant in gold.items():
        docs = ranked.get(qid, [])
        hits, precision_sum = 0, 0.0
        for rank, doc in enumerate(docs[:5], start=1):
            if doc in relevant:
                hits += 1
                precision_sum += hits / rank
        ap5 += precision_sum / min(len(relevant), 5)
        first = next((i for i, d in enumerate(docs, start=1) if d in relevant), None)
        rr += 1 / first if first else 0.0
        rec10 += len(relevant & set(docs[:10])) / len(relevant)
    n = max(1, len(gold))
    return {"map@5": ap5 / n, "mrr": rr / n, "recall@10": rec10 / n}


def run_queries(db: Path, queries: Sequence[tuple[str, str]], top: int) -> dict[str, list[str]]:
    lines = (json.dumps({"id": qid, "text": text}) for qid, text in queries)
    ranked: dict[str, list[str]] = {}
    for result in match_ops.match_queries(db, lines, top=top):
        if result.error:
            print(result.error, file=sys.stderr)
            continue
        seen: list[str] = []
        for m in result.matches:
            ext = str(m["external_id"])
            if ext not in seen:
                seen.append(ext)
        ranked[str(result.id)] = seen
    return ranked


def build_db(data: Path, folder: Path, *, with_title: bool = True) -> tuple[Path, float]:
    docs = folder / "vclaims-docs.jsonl"
    write_documents(data / TASK / "vclaims.jsonl", docs, with_title=with_title)
    db = folder / "checkthat.db"
    started = time.perf_counter()
    report = ingest_ops.ingest(db, [str(docs)])
    seconds = time.perf_counter() - started
    if report.failed:
        print(f"{report.count('skipped')} documents skipped", file=sys.stderr)
    return db, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO / ".." / "shared" / "data")
    parser.add_argument("--split", choices=["dev", "train"], default="dev")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--no-title", action="store_true", help="Index the claim text only.")
    args = parser.parse_args()
    folder = args.data / TASK
    qrels = folder / (
        "CT2022-Task2A-EN-Dev_QRELs.tsv"
        if args.split == "dev"
        else "CT2022-Task2A-EN-Train_QRELs.tsv"
    )
    gold = read_qrels(qrels)
    queries = read_queries(folder / "CT2022-Task2A-EN-Train-Dev_Queries.tsv", gold)
    with tempfile.TemporaryDirectory() as tmp:
        db, ingest_s = build_db(args.data, Path(tmp), with_title=not args.no_title)
        print(f"ingest: {ingest_s:.1f} s")
        started = time.perf_counter()
        ranked = run_queries(db, queries, args.top)
        match_s = time.perf_counter() - started
    result = scores(ranked, gold)
    print(
        f"{args.split}: {len(queries)} queries, {match_s:.1f} s ({len(queries) / match_s:.0f} queries/s)"
    )
    print("  ".join(f"{k} {v:.4f}" for k, v in result.items()))


if __name__ == "__main__":
    main()
