"""Several reviewers (real processes) and an import on one database: no lost update, no lock crash."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from reliability_workload import run_workload, verify

from workbench.core.models import Verdict
from workbench.ops import maintenance
from workbench.ops.ingest import ingest
from workbench.store import review
from workbench.store.db import ConflictError, open_db


@pytest.fixture
def seeded(db_path: Path, samples_dir: Path) -> Path:
    report = ingest(db_path, [str(samples_dir)])
    assert report.count("stored") >= 4
    return db_path


def _documents(db_path: Path) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    finally:
        conn.close()


def _run_and_verify(seeded: Path, tmp_path: Path, *, changes: int, documents: int) -> None:
    before = _documents(seeded)
    result, records = run_workload(
        seeded, tmp_path, writers=4, changes=changes, ingest_documents=documents
    )
    print(result.summary())
    assert result.errors == []  # no "database is locked", no crash: only accepted or conflict
    assert result.attempted == 4 * changes
    assert result.conflicts > 0  # stale views really happened, and each was reported
    assert all(r["by"] and r["what"] for r in records if r["result"] == "conflict")
    assert verify(seeded, records) == []
    assert _documents(seeded) == before + documents
    assert maintenance.check(seeded).ok


def test_four_reviewers_and_an_import_lose_nothing(seeded: Path, tmp_path: Path) -> None:
    _run_and_verify(seeded, tmp_path, changes=150, documents=150)


@pytest.mark.stress
def test_four_reviewers_and_an_import_lose_nothing_full_size(seeded: Path, tmp_path: Path) -> None:
    _run_and_verify(seeded, tmp_path, changes=2_500, documents=2_000)


def test_the_checker_catches_a_change_applied_on_an_out_of_date_view(seeded: Path) -> None:
    """The proof above must be able to fail: a blind write (no version check) is a lost update."""
    db = open_db(seeded)
    claim_id = int(db.execute("SELECT min(id) FROM claims").fetchone()[0])
    review.set_verdict(db, claim_id, Verdict.FALSE, reviewer="writer-0", at="writer-0#0")
    review.set_verdict(db, claim_id, Verdict.VERIFIED, reviewer="writer-1", at="writer-1#0")
    db.close()
    records = [
        {"at": "writer-0#0", "op": "verdict", "claim": claim_id, "expected": 0, "version": 1},
        # writer-1 had loaded version 0 too, but its change went through anyway
        {"at": "writer-1#0", "op": "verdict", "claim": claim_id, "expected": 0, "version": 2},
    ]
    for r in records:
        r["result"] = "accepted"
    problems = verify(seeded, records)
    assert any("out-of-date view was applied" in p for p in problems), problems


def test_the_checker_catches_a_change_reported_as_refused_but_saved(seeded: Path) -> None:
    db = open_db(seeded)
    claim_id = int(db.execute("SELECT min(id) FROM claims").fetchone()[0])
    review.add_note(db, claim_id, "kept", reviewer="writer-0", at="writer-0#0")
    db.close()
    refused = {"at": "writer-0#0", "op": "note", "claim": claim_id, "result": "conflict"}
    assert any("refused change" in p for p in verify(seeded, [refused]))


def test_a_conflict_tells_the_reviewer_who_changed_what(seeded: Path) -> None:
    ana, ben = open_db(seeded), open_db(seeded)
    claim_id = int(ana.execute("SELECT min(id) FROM claims").fetchone()[0])
    seen = int(ben.execute("SELECT version FROM claims WHERE id = ?", [claim_id]).fetchone()[0])
    review.set_verdict(ana, claim_id, Verdict.MISLEADING, reviewer="ana", at="t1")
    with pytest.raises(ConflictError) as caught:
        review.add_note(ben, claim_id, "looks fine", reviewer="ben", at="t2", expected_version=seen)
    assert caught.value.by == "ana" and "misleading" in (caught.value.what or "")
    assert "ana" in str(caught.value) and "\n" not in str(caught.value)
    # Ben reloads, sees version+1, and his note then lands on top of Ana's verdict.
    fresh = int(ben.execute("SELECT version FROM claims WHERE id = ?", [claim_id]).fetchone()[0])
    assert fresh == seen + 1
    review.add_note(ben, claim_id, "looks fine", reviewer="ben", at="t3", expected_version=fresh)
    assert [h.reviewer for h in review.history(ben, claim_id)] == ["ana", "ben"]
    ana.close()
    ben.close()


def test_notes_with_sql_looking_text_are_stored_as_typed(seeded: Path) -> None:
    body = "\"; DROP TABLE claims; -- 100% _sure_ 'quoted' ✓"
    db = open_db(seeded)
    claim_id = int(db.execute("SELECT min(id) FROM claims").fetchone()[0])
    review.add_note(db, claim_id, body, reviewer="ana", at="t1")
    assert [n.body for n in review.notes(db, claim_id)] == [body]
    assert review.history(db, claim_id)[-1].new_value == body
    db.close()
