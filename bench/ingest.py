"""Ingest speed end to end: read, clean, split, extract, store, index.

Generates 20,000 news-like articles (~500,000 sentences) as JSON Lines files, ingests them
through the CLI in a child process, and prints sentences per second and peak memory (the
largest process), once without and once with claim extraction.
Usage: python bench/ingest.py [--articles N] [--only store|full]
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import articles  # noqa: E402


def measure(articles_count: int, per_file: int, extract: bool) -> None:
    """One ingest in a child process; prints one JSON line with the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        handle = None
        for index, (title, text) in enumerate(articles(articles_count)):
            if index % per_file == 0:
                if handle:
                    handle.close()
                handle = (folder / f"part-{index // per_file:04d}.jsonl").open("w")
            assert handle is not None
            handle.write(json.dumps({"id": f"gen-{index}", "title": title, "text": text}) + "\n")
        if handle:
            handle.close()
        db = Path(tmp) / "bench.db"
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "workbench", "--db", str(db), "ingest", "--quiet", str(folder)]
            + ([] if extract else ["--no-extract"]),
            check=True,
        )
        elapsed = time.perf_counter() - started
        conn = sqlite3.connect(db)
        counts = [
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("documents", "sentences", "claims")
        ]
        conn.close()
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(json.dumps({"counts": counts, "elapsed": elapsed, "peak_mb": peak_mb}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--per-file", type=int, default=250)
    parser.add_argument(
        "--only", choices=["store", "full"], help="Run one of the two measurements."
    )
    parser.add_argument("--child", choices=["store", "full"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure(args.articles, args.per_file, extract=args.child == "full")
        return
    print(f"{args.articles:,} generated articles, JSON Lines files of {args.per_file}")
    print(
        f"{'pipeline':<44} {'sentences':>10} {'claims':>9} {'seconds':>8} {'sent/s':>9} {'peak RSS':>9}"
    )
    labels = {
        "store": "clean + split + store + FTS index",
        "full": "the same + claim extraction (the default)",
    }
    for mode in [args.only] if args.only else ["store", "full"]:
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--articles",
                str(args.articles),
                "--per-file",
                str(args.per_file),
                "--child",
                mode,
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        _docs, sentences, claims = r["counts"]
        print(
            f"{labels[mode]:<44} {sentences:>10,} {claims:>9,} {r['elapsed']:>8.1f} "
            f"{sentences / r['elapsed']:>9,.0f} {r['peak_mb']:>6.0f} MB"
        )
    print("targets: >= 20,000 sentences/s for clean + split + store + index; peak RSS < 400 MB")


if __name__ == "__main__":
    main()
