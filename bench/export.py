"""How long exporting a large reviewed corpus takes, per format (target: <= 2 s for 10,000 claims).

    .venv/bin/python bench/export.py [--claims 10000] [--runs 3] [--check]

Builds a synthetic database (documents of ten sentences, one claim per sentence, every claim
reviewed, a note on every third and an evidence link on every fifth), then times the whole
export (query, report assembly, rendering, writing the file) for each format and prints the
best of --runs (wall clock, and this process's CPU time: on a machine shared with other
work the CPU figure is the steadier one). --check exits non-zero when a format is over the budget.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from workbench.core.export import FORMATS
from workbench.core.models import Article, Claim, Paragraph, Quantity, Sentence, Verdict
from workbench.ops.config import Config
from workbench.ops.export import export_report
from workbench.store.db import connect, write
from workbench.store.documents import insert_document

BUDGET_S = 2.0
SENTENCES_PER_DOC = 10
VERDICTS = [v for v in Verdict if v is not Verdict.UNREVIEWED]
SOURCES = ["Continental Wire", "Voice of America", "The Morning Ledger", "North Sea Broadcasting"]
CONFIG = Config(report={"organisation": "Bench Checks", "url": "https://bench.example.org"})


def _sentence(doc: int, i: int) -> str:
    return (
        f"Officials in region {doc} said {i * 7 + 3} soldiers were wounded near the border "
        f"this week, up from {i + 2} in March, according to a report <{doc}>."
    )


def build(path: Path, claims: int) -> None:
    documents = (claims + SENTENCES_PER_DOC - 1) // SENTENCES_PER_DOC
    with connect(path) as db:
        for d in range(documents):
            texts = [_sentence(d, i) for i in range(SENTENCES_PER_DOC)]
            text = " ".join(texts)
            sentences, pos = [], 0
            for i, s in enumerate(texts):
                sentences.append(Sentence(i, pos, pos + len(s), s))
                pos += len(s) + 1
            found = []
            for s in sentences[: min(SENTENCES_PER_DOC, claims - d * SENTENCES_PER_DOC)]:
                raw = s.text.split(" said ")[1].split(" ")[0]
                at = s.text.index(raw)
                found.append(
                    (
                        s.position,
                        Claim(
                            s.text,
                            0,
                            len(s.text),
                            "numeric",
                            "quantity",
                            0.8,
                            ("has a number",),
                            f"Official {d}",
                            (
                                Quantity(
                                    raw, float(raw), unit="soldiers", start=at, end=at + len(raw)
                                ),
                            ),
                        ),
                    )
                )
            insert_document(
                db,
                Article(
                    raw_text=text,
                    cleaned_text=text,
                    paragraphs=(Paragraph(0, len(text)),),
                    title=f"Report number {d}",
                    source=SOURCES[d % len(SOURCES)],
                    url=f"https://news.example/{d}",
                    published=f"2021-04-{1 + d % 28:02d}",
                    external_id=f"bench-{d}",
                ),
                content_hash=f"bench-{d}",
                sentences=sentences,
                claims=found,
                extractor_version="bench",
                imported_at="2021-05-01T00:00:00Z",
            )
        with write(db):
            ids = [int(r[0]) for r in db.execute("SELECT id FROM claims ORDER BY id")]
            db.conn.executemany(
                "UPDATE claims SET status = ?, reviewed_by = ?, reviewed_at = ? WHERE id = ?",
                [
                    (
                        str(VERDICTS[i % len(VERDICTS)]),
                        f"reviewer{i % 3}",
                        "2021-05-02T10:00:00Z",
                        cid,
                    )
                    for i, cid in enumerate(ids)
                ],
            )
            db.conn.executemany(
                "INSERT INTO notes (claim_id, body, author, created_at) VALUES (?, ?, ?, ?)",
                [
                    (
                        cid,
                        f"Checked with the ministry; note {cid}.",
                        "reviewer0",
                        "2021-05-02T11:00:00Z",
                    )
                    for cid in ids[::3]
                ],
            )
            db.conn.executemany(
                """INSERT INTO evidence (claim_id, sentence_id, stance, relation, score, reviewer,
                       created_at) SELECT ?, sentence_id, 'supports', 'agrees', 0.9, 'reviewer1',
                       '2021-05-02T12:00:00Z' FROM claims WHERE id = ?""",
                [(cid, ids[-1 - i]) for i, cid in enumerate(ids[::5])],
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="fail when over the budget")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        started = time.perf_counter()
        build(db, args.claims)
        print(f"built {args.claims:,} reviewed claims in {time.perf_counter() - started:.1f} s")
        over = []
        for fmt, spec in FORMATS.items():
            best, cpu, size, count = float("inf"), float("inf"), 0, 0
            for _ in range(args.runs):
                out = Path(tmp) / f"report{spec.suffix}"
                t0, c0 = time.perf_counter(), time.process_time()
                result = export_report(
                    db, fmt, output=out, generated_at="2021-06-01T00:00:00Z", config=CONFIG
                )
                best = min(best, time.perf_counter() - t0)
                cpu = min(cpu, time.process_time() - c0)
                size, count = out.stat().st_size, result.claims
            flag = "ok" if best <= BUDGET_S else "OVER BUDGET"
            print(
                f"{fmt:<12} {count:>7,} claims  {best:5.2f} s wall  {cpu:5.2f} s cpu  "
                f"{size / 1e6:5.1f} MB  {flag}"
            )
            if best > BUDGET_S:
                over.append(fmt)
    return 1 if args.check and over else 0


if __name__ == "__main__":
    sys.exit(main())
