"""Throughput of several reviewers on one database, with an import running alongside.

Starts 4 writer processes making 2,500 verdict/note/undo changes each on 24 overlapping claims
(half of them on an out-of-date view, so conflicts happen), plus `workbench ingest` of 2,000
new articles; then checks that nothing was lost and prints the changes per second.
Usage: python bench/concurrency.py [--writers N] [--changes N] [--documents N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "reliability"))
from reliability_workload import run_workload, verify  # noqa: E402

from workbench.ops.ingest import ingest  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--changes", type=int, default=2_500, help="Changes per writer.")
    parser.add_argument("--documents", type=int, default=2_000, help="Articles ingested alongside.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        ingest(db, [str(ROOT / "workbench" / "samples")])
        result, records = run_workload(
            db,
            Path(tmp),
            writers=args.writers,
            changes=args.changes,
            ingest_documents=args.documents,
        )
        problems = verify(db, records) + result.errors
    print(result.summary())
    print(f"throughput: {result.changes_per_second:,.0f} changes/s")
    if problems:
        print(f"{len(problems)} problems, first: {problems[0]}")
        raise SystemExit(1)
    print("nothing lost: every accepted change is in the history, every conflict was reported")


if __name__ == "__main__":
    main()
