"""Matcher speed over 1,000,000 generated news-like sentences: per-claim latency, match --all rate.

The corpus has a Zipf-shaped vocabulary of 60,000 words, function words, names and numbers, so
term frequencies look like news text (a template corpus with a few hundred words would make every
term common). It is written with raw executemany plus one FTS5 rebuild into a temporary folder,
which is deleted afterwards. Usage:

    .venv/bin/python bench/match.py [--sentences 1000000] [--claims 300] [--all-claims 1000]
        [--keep corpus.db]   # build the corpus once into this file, reuse it on later runs
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from workbench.core.quantities import parse_quantities  # noqa: E402
from workbench.ops import match as match_ops  # noqa: E402
from workbench.store.db import open_db  # noqa: E402

FUNCTION_WORDS = (
    "the of to and a in that is was for on with as by at from has have had it said were are "
    "be this which after their about would also been will its than more over into who new"
).split()
NOUNS = "soldiers civilians refugees workers patients students homes jobs tanks flights".split()
SYLLABLES = "ka ro mi ten sol ar vi na pe lu dor gra shi bel mon ter vas qui zan el".split()
SENTENCES_PER_DOC = 25


def vocabulary(rng: np.random.Generator, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        parts = rng.integers(0, len(SYLLABLES), size=rng.integers(2, 5))
        words.add("".join(SYLLABLES[p] for p in parts))
    return sorted(words)


def generate(n: int, seed: int = 5) -> list[str]:
    """n sentences of 12-30 words: ~40% function words, Zipf content words, names, numbers."""
    rng = np.random.default_rng(seed)
    vocab = vocabulary(rng, 60_000)
    names = [w.capitalize() for w in vocabulary(rng, 5_000)]
    ranks = np.arange(1, len(vocab) + 1)
    zipf = 1.0 / ranks**1.05
    zipf /= zipf.sum()
    lengths = rng.integers(12, 31, size=n)
    total = int(lengths.sum())
    content = rng.choice(len(vocab), size=total, p=zipf)
    kinds = rng.random(total)
    function = rng.integers(0, len(FUNCTION_WORDS), size=total)
    name_ids = rng.integers(0, len(names), size=total)
    numbers = rng.integers(2, 5000, size=total)
    out: list[str] = []
    pos = 0
    for length in lengths:
        tokens: list[str] = []
        for i in range(pos, pos + int(length)):
            k = kinds[i]
            if k < 0.40:
                tokens.append(FUNCTION_WORDS[function[i]])
            elif k < 0.47:
                tokens.append(names[name_ids[i]])
            elif k < 0.50:
                tokens.append(f"{numbers[i]} {NOUNS[numbers[i] % len(NOUNS)]}")
            else:
                tokens.append(vocab[content[i]])
        pos += int(length)
        sentence = " ".join(tokens)
        out.append(sentence[0].upper() + sentence[1:] + ".")
    return out


def build(db_path: Path, n: int, claims: int) -> None:
    db = open_db(db_path)  # creates the schema
    db.close()
    import sqlite3

    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    started = time.perf_counter()
    sentences = generate(n)
    generated = time.perf_counter()
    docs = (n + SENTENCES_PER_DOC - 1) // SENTENCES_PER_DOC
    with conn:
        conn.executemany(
            """INSERT INTO documents (id, external_id, title, source, format, raw_text,
                   cleaned_text, content_hash, imported_at)
               VALUES (?, ?, ?, 'Bench Wire', 'txt', '', '', ?, '2024-01-01T00:00:00Z')""",
            ((d + 1, f"doc-{d + 1}", f"Report {d + 1}", f"h{d + 1}") for d in range(docs)),
        )
        conn.executemany(
            """INSERT INTO sentences (id, document_id, position, start_char, end_char, text)
               VALUES (?, ?, ?, 0, ?, ?)""",
            (
                (i + 1, i // SENTENCES_PER_DOC + 1, i % SENTENCES_PER_DOC, len(s), s)
                for i, s in enumerate(sentences)
            ),
        )
        step = max(1, n // claims)
        conn.executemany(
            """INSERT INTO claims (document_id, sentence_id, start_char, end_char, text, kind,
                   type, checkworthiness, extractor_version)
               VALUES (?, ?, 0, ?, ?, 'numeric', 'quantity', 0.9, 'bench')""",
            (
                (i // SENTENCES_PER_DOC + 1, i + 1, len(sentences[i]), sentences[i])
                for i in range(0, step * claims, step)
            ),
        )
    inserted = time.perf_counter()
    with conn:
        conn.execute("INSERT INTO sentences_fts (sentences_fts) VALUES ('rebuild')")
        conn.execute("UPDATE meta SET value = ? WHERE key = 'fts_indexed_upto'", [str(n)])
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'corpus_version'")
    conn.close()
    print(
        f"corpus: {n:,} sentences generated in {generated - started:.1f} s, inserted in "
        f"{inserted - generated:.1f} s, FTS5 rebuilt in {time.perf_counter() - inserted:.1f} s"
    )


def latency(db_path: Path, count: int) -> list[float]:
    """Per-claim time of retrieval + rerank + relation, on a warm connection."""
    db = open_db(db_path)
    matcher = match_ops.Matcher(db)
    rows = db.execute(
        "SELECT text, document_id FROM claims ORDER BY id LIMIT ?", [count]
    ).fetchall()
    times: list[float] = []
    for text, document_id in rows:
        started = time.perf_counter()
        matcher.matches(
            text, top=10, exclude_document=document_id, quantities=parse_quantities(text)
        )
        times.append((time.perf_counter() - started) * 1000)
    db.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=1_000_000)
    parser.add_argument("--claims", type=int, default=300, help="Claims timed one by one.")
    parser.add_argument("--all-claims", type=int, default=1_000, help="Claims for match --all.")
    parser.add_argument(
        "--keep", type=Path, help="Corpus file to build once and reuse (not deleted)."
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="workbench-match-bench-"))
    try:
        db_path = args.keep or folder / "bench.db"
        if not db_path.exists():
            build(db_path, args.sentences, max(args.claims, args.all_claims))
        else:
            print(f"corpus: reusing {db_path}")
        times = latency(db_path, args.claims)
        times.sort()
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(
            f"one claim ({len(times)} claims): median {statistics.median(times):.1f} ms, "
            f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms"
        )
        summary = match_ops.match_all(db_path, refresh=True)
        print(
            f"match --all: {summary.matched} claims in {summary.seconds:.1f} s "
            f"({summary.per_second:.0f} claims/s)"
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
