"""Measure extract_claims throughput (sentences/s, one process) on generated news-like sentences.

.venv/bin/python bench/extract.py              # 20,000 sentences, best of 3 runs
.venv/bin/python bench/extract.py --n 100000
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.core.extract import extract_claims  # noqa: E402

_SUBJECTS = [
    "The ministry",
    "Police",
    "Ukraine",
    "The company",
    "Officials",
    "The World Bank",
    "Local health authorities",
    "The mayor's office",
    "Kirby",
    "Rescue workers",
]
_VERBS = ["said", "says", "told reporters", "reported", "announced", "estimated"]
_NUMBERS = [
    "24 soldiers",
    "1,032 patients",
    "$3bn",
    "about 1.5 million people",
    "more than 300 homes",
    "eight civilians",
    "12 per cent",
    "between 5 and 7 villages",
    "up to 50 ships",
    "nearly twenty-four thousand refugees",
    "hundreds of workers",
    "a dozen journalists",
    "£45m",
    "20-30 families",
]
_SCOPES = [
    "this year",
    "in the past two weeks",
    "in 2014",
    "since 2019",
    "last month",
    "on Tuesday",
    "",
]
_FACTS = [
    "{s} {v} the talks had been postponed until next week.",
    "{s} {v} the bridge was closed after the storm.",
    "Russia seized the Crimean Peninsula from Ukraine in 2014.",
    "The council approved the new housing plan on Monday.",
    "We are strong supporters of them.",
    "What happens next is anyone's guess?",
    "Thank you all for coming.",
    "The talks will resume in Geneva, the spokesman added.",
    "Forces were arrayed along the border with Ukraine, in Crimea specifically.",
]


def make_sentences(n: int, seed: int = 7) -> list[str]:
    """Half numeric statements, half plain factual or non-claim sentences."""
    rng = random.Random(seed)
    out: list[str] = []
    for i in range(n):
        s, v = rng.choice(_SUBJECTS), rng.choice(_VERBS)
        if i % 2 == 0:
            scope = rng.choice(_SCOPES)
            tail = f" {scope}" if scope else ""
            out.append(f"{s} {v} the shelling has affected {rng.choice(_NUMBERS)}{tail}.")
        else:
            out.append(rng.choice(_FACTS).format(s=s, v=v))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sentences = make_sentences(args.n)
    best = float("inf")
    claims = 0
    for _ in range(args.runs):
        start = time.perf_counter()
        claims = sum(len(extract_claims(s)) for s in sentences)
        best = min(best, time.perf_counter() - start)
    print(
        f"extract_claims: {args.n:,} sentences in {best:.2f} s -> {args.n / best:,.0f} sentences/s "
        f"(one process, best of {args.runs}); {claims:,} claims"
    )


if __name__ == "__main__":
    main()
