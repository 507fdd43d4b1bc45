"""kill -9 of an import at a random moment: the database opens, no document is partial, a re-run
completes it without duplicates."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reliability_workload import write_corpus

from workbench.ops import maintenance
from workbench.ops.ingest import ingest
from workbench.store.db import open_db


def fingerprints(db_path: Path) -> dict[str, str]:
    """content hash -> digest of the document's sentences and claims, as stored."""
    conn = sqlite3.connect(db_path)
    try:
        found: dict[str, str] = {}
        for doc_id, content_hash in conn.execute("SELECT id, content_hash FROM documents"):
            digest = hashlib.sha256()
            for row in conn.execute(
                "SELECT position, start_char, end_char, text, role FROM sentences "
                "WHERE document_id = ? ORDER BY position",
                [doc_id],
            ):
                digest.update(repr(row).encode())
            digest.update(b"|claims|")
            for row in conn.execute(
                "SELECT s.position, c.start_char, c.end_char, c.text, c.type FROM claims c "
                "JOIN sentences s ON s.id = c.sentence_id WHERE c.document_id = ? "
                "ORDER BY c.start_char, c.id",
                [doc_id],
            ):
                digest.update(repr(row).encode())
            found[str(content_hash)] = digest.hexdigest()
        return found
    finally:
        conn.close()


def duplicates(db_path: Path) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return int(
            conn.execute(
                "SELECT count(*) FROM (SELECT external_id FROM documents "
                "GROUP BY external_id HAVING count(*) > 1)"
            ).fetchone()[0]
        )
    finally:
        conn.close()


def count_documents(conn: sqlite3.Connection) -> int:
    try:
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet, or busy for a moment
        return 0


def start_ingest(db_path: Path, corpus: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "workbench", "--db", str(db_path), "ingest", "-q", str(corpus)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the kill takes any workers with it
    )


def kill_midway(db_path: Path, corpus: Path, total: int, rng: random.Random) -> int | None:
    """Start an import and SIGKILL it once it has stored a random number of new documents.

    Returns how many documents were stored at the kill, or None if it finished first.
    """
    conn = sqlite3.connect(db_path, timeout=5) if db_path.exists() else None
    start = count_documents(conn) if conn else 0
    target = start + rng.randint(1, max(1, (total - start) * 3 // 4))
    proc = start_ingest(db_path, corpus)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if conn is None and db_path.exists():
                conn = sqlite3.connect(db_path, timeout=5)
            if conn is not None and count_documents(conn) >= target:
                time.sleep(rng.random() * 0.03)  # land anywhere in the next article
                break
            time.sleep(0.01)
        if proc.poll() is not None:
            return None
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return target
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        if conn is not None:
            conn.close()


def crash_repeatedly(tmp_path: Path, *, documents: int, kills: int, seed: int) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", documents, seed=seed)
    reference_db = tmp_path / "reference.db"
    assert ingest(reference_db, [str(corpus)]).count("stored") == documents
    reference = fingerprints(reference_db)

    db_path = tmp_path / "killed.db"
    rng = random.Random(seed)
    killed_at: list[int] = []
    for _ in range(kills):
        at = kill_midway(db_path, corpus, documents, rng)
        if at is None:
            break
        killed_at.append(at)
        open_db(db_path).close()  # opens cleanly, and finishes any interrupted indexing
        report = maintenance.check(db_path)
        assert report.ok, [r.detail for r in report.problems]
        stored = fingerprints(db_path)
        assert stored, "the kill came before anything was stored"
        partial = [h for h, digest in stored.items() if reference.get(h) != digest]
        assert partial == [], f"{len(partial)} documents differ from a clean import"
    print(f"killed an import of {documents} documents {len(killed_at)} times, at {killed_at}")
    assert killed_at, "every import finished before it could be killed"

    proc = start_ingest(db_path, corpus)
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    assert fingerprints(db_path) == reference  # complete, each document exactly as a clean run
    assert duplicates(db_path) == 0
    assert maintenance.check(db_path).ok


def test_an_import_killed_three_times_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    crash_repeatedly(tmp_path, documents=500, kills=3, seed=int(time.time()) % 1000)


@pytest.mark.stress
def test_an_import_killed_many_times_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    crash_repeatedly(tmp_path, documents=3_000, kills=10, seed=int(time.time()) % 1000)
