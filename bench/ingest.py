"""Ingest speed end to end: read, clean, split, extract, store, index.

Generates 20,000 news-like articles (~500,000 sentences) as JSON Lines files, ingests them
through the CLI in a child process, and prints sentences per second and peak memory.
Usage: python bench/ingest.py [--articles N]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--per-file", type=int, default=250)
    parser.add_argument(
        "--no-extract", action="store_true", help="Measure clean + split + store + index only."
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        handle = None
        for index, (title, text) in enumerate(articles(args.articles)):
            if index % args.per_file == 0:
                if handle:
                    handle.close()
                handle = (folder / f"part-{index // args.per_file:04d}.jsonl").open("w")
            assert handle is not None
            handle.write(json.dumps({"id": f"gen-{index}", "title": title, "text": text}) + "\n")
        if handle:
            handle.close()
        db = Path(tmp) / "bench.db"
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "workbench", "--db", str(db), "ingest", "--quiet", str(folder)]
            + (["--no-extract"] if args.no_extract else []),
            check=True,
        )
        elapsed = time.perf_counter() - started
        conn = sqlite3.connect(db)
        sentences = conn.execute("SELECT count(*) FROM sentences").fetchone()[0]
        claims = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
        docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        conn.close()
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"articles stored      {docs:>12,}")
        print(f"sentences            {sentences:>12,}")
        print(f"claims               {claims:>12,}")
        print(f"elapsed              {elapsed:>12.1f} s")
        print(f"sentences/s          {sentences / elapsed:>12,.0f}   (target >= 20,000)")
        print(f"peak RSS             {peak_mb:>12.0f} MB (largest process; target < 400 MB)")


if __name__ == "__main__":
    main()
