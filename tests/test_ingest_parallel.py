"""Big imports analyse in worker processes; the stored result must not depend on that."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workbench.ops.ingest import ingest


def _contents(db: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT d.origin, s.position, s.start_char, s.end_char, s.text, s.role, "
            "(SELECT group_concat(c.text, '|') FROM claims c WHERE c.sentence_id = s.id) "
            "FROM sentences s JOIN documents d ON d.id = s.document_id "
            "ORDER BY d.origin, s.position"
        ).fetchall()
    finally:
        conn.close()


def test_worker_processes_store_exactly_what_one_process_stores(
    tmp_path: Path, samples_dir: Path
) -> None:
    inputs = [
        str(p)
        for p in sorted(samples_dir.iterdir())
        if p.suffix in {".txt", ".md", ".html", ".jsonl"}
    ]
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    inputs.append(str(tmp_path / "bad.txt"))
    one = ingest(tmp_path / "one.db", inputs, workers=1)
    two = ingest(tmp_path / "two.db", inputs, workers=2)
    assert [o.status for o in one.outcomes] == [o.status for o in two.outcomes]
    assert two.count("skipped") == 1 and two.count("stored") >= 5
    assert _contents(tmp_path / "one.db") == _contents(tmp_path / "two.db")
