"""`workbench backup` and `workbench check` as a desk would use them."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.core.models import Verdict
from workbench.ops.ingest import ingest
from workbench.store import review
from workbench.store.db import open_db


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def stored(db_path: Path, samples_dir: Path) -> Path:
    ingest(db_path, [str(samples_dir)])
    return db_path


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql).fetchall()


def test_backup_copies_everything_and_refuses_to_overwrite(stored: Path, tmp_path: Path) -> None:
    db = open_db(stored)
    review.set_verdict(db, 1, Verdict.FALSE, reviewer="ana", at="t1", note="ministry denied it")
    db.close()
    target = tmp_path / "copy.db"
    code, out, err = run("backup", str(target))
    assert code == 0, err
    assert "Backed up" in out and str(target) in out
    for sql in ("SELECT * FROM claims ORDER BY id", "SELECT * FROM history", "SELECT * FROM notes"):
        assert rows(target, sql) == rows(stored, sql)
    assert run("--db", str(target), "check")[0] == 0

    before = target.read_bytes()
    code, _out, err = run("backup", str(target))
    assert code == 1 and "already exists" in err and "--force" in err
    assert target.read_bytes() == before
    code, _out, err = run("backup", "--force", str(target))
    assert code == 0, err
    assert not (tmp_path / "copy.db.partial").exists()


def test_backup_refuses_a_missing_database_and_itself(tmp_path: Path, stored: Path) -> None:
    code, _out, err = run("--db", str(tmp_path / "none.db"), "backup", str(tmp_path / "b.db"))
    assert code == 1 and "no database" in err
    assert not (tmp_path / "none.db").exists()
    code, _out, err = run("backup", "--force", str(stored))
    assert code == 1 and "database itself" in err


def test_backup_while_another_reviewer_writes_is_a_consistent_snapshot(
    stored: Path, tmp_path: Path
) -> None:
    stop = threading.Event()
    ids = [int(r[0]) for r in rows(stored, "SELECT id FROM claims")]

    def keep_writing() -> None:
        db = open_db(stored)
        i = 0
        while not stop.is_set():
            review.add_note(db, ids[i % len(ids)], f"note {i}", reviewer="ben", at=f"t{i}")
            i += 1
        db.close()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        for n in range(3):
            code, _out, err = run("backup", str(tmp_path / f"b{n}.db"))
            assert code == 0, err
    finally:
        stop.set()
        writer.join()
    for n in range(3):
        copy = tmp_path / f"b{n}.db"
        assert run("--db", str(copy), "check")[0] == 0
        # each note arrived with its history row and version bump, or not at all
        notes = rows(copy, "SELECT count(*) FROM notes")[0][0]
        logged = rows(copy, "SELECT count(*) FROM history WHERE action = 'note'")[0][0]
        versions = rows(copy, "SELECT sum(version) FROM claims")[0][0]
        assert notes == logged == versions


def test_check_passes_on_a_sound_database_and_says_so(stored: Path) -> None:
    code, out, _err = run("check")
    assert code == 0
    assert "All checks passed." in out
    data = json.loads(run("check", "--json")[1])
    assert data["ok"] is True
    assert {c["name"] for c in data["checks"]} == {"integrity", "search index", "orphan rows"}


def damage(path: Path, *statements: str) -> None:
    """Writes that bypass the workbench: what a crash, a bad tool or a bad copy could leave."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("statements", "expected"),
    [
        (
            ["DELETE FROM sentences WHERE id IN (SELECT sentence_id FROM claims LIMIT 2)"],
            "2 claims without a sentence",
        ),
        (
            [
                "INSERT INTO notes (claim_id, body, author, created_at) VALUES (99999, 'x', 'a', 't')"
            ],
            "1 notes without a claim",
        ),
        (
            ["DELETE FROM documents WHERE id = (SELECT min(id) FROM documents)"],
            "sentences without a document",
        ),
        (
            [
                "INSERT INTO evidence (claim_id, sentence_id, stance, relation, reviewer, created_at)"
                " VALUES (1, 99999, 'supports', 'same', 'a', 't')"
            ],
            "1 evidence links without a sentence",
        ),
        (
            [
                "DROP TRIGGER IF EXISTS sentences_au",
                "UPDATE sentences SET text = 'nothing like the indexed words' WHERE id = 3",
            ],
            "full-text index does not match",
        ),
    ],
)
def test_check_finds_damage_and_exits_non_zero(
    stored: Path, statements: list[str], expected: str
) -> None:
    damage(stored, *statements)
    code, out, err = run("check")
    assert code == 1
    assert expected in out and "problem" in err
    assert len(err.strip().splitlines()) == 1
    data = json.loads(run("check", "--json")[1])
    assert data["ok"] is False
    assert any(expected in c["detail"] for c in data["checks"] if c["status"] == "problem")


def test_check_reports_a_damaged_file_in_one_sentence(stored: Path) -> None:
    with contextlib.closing(sqlite3.connect(stored)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
    data = bytearray(stored.read_bytes())
    page = 4096
    data[page * 3 : page * 6] = b"\x13" * (page * 3)  # scribble over three pages
    stored.write_bytes(bytes(data))
    code, out, err = run("check")
    assert code == 1
    assert "Traceback" not in out + err
    assert len(err.strip().splitlines()) == 1
