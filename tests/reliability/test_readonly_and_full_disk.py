"""A read-only database file or a full disk: one plain sentence, nothing half-saved, reads still work."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.core.models import Verdict
from workbench.ops import ingest as ingest_ops
from workbench.store import db as db_module
from workbench.store import review
from workbench.store.db import open_db

NOBODY = 65534


@pytest.fixture
def readonly_db(samples_dir: Path) -> Iterator[Path]:
    """A stored corpus in a file nobody may write, in a folder anyone can enter."""
    folder = Path(tempfile.mkdtemp(prefix="workbench-ro-"))
    try:
        os.chmod(folder, 0o777)
        path = folder / "claims.db"
        ingest_ops.ingest(path, [str(samples_dir)])
        with contextlib.closing(sqlite3.connect(path)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        os.chmod(path, 0o444)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def unprivileged() -> list[str]:
    """As root, permission bits do not stop writes: run the command as nobody instead."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: cannot make a file read-only")
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]


def workbench(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    env["WORKBENCH_REVIEWER"] = "tester"
    env["WORKBENCH_CONFIG"] = str(db.parent / "config.toml")
    return subprocess.run(
        [*unprivileged(), sys.executable, "-m", "workbench", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=db.parent,
        timeout=60,
    )


def test_read_only_file_refuses_writes_in_one_sentence_and_still_reads(readonly_db: Path) -> None:
    before = readonly_db.read_bytes()
    listed = workbench(readonly_db, "claims", "--limit", "3")
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.splitlines()) == 3
    claim_id = listed.stdout.split()[0]
    for write in (["verdict", claim_id, "false"], ["note", claim_id, "seen it"]):
        result = workbench(readonly_db, *write)
        assert result.returncode == 1, (write, result.stdout)
        message = result.stderr.strip()
        assert "read-only" in message and "Traceback" not in message, message
        assert len(message.splitlines()) == 1
    assert readonly_db.read_bytes() == before
    checked = workbench(readonly_db, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "skipped" in checked.stdout  # the index check needs a writable file


def test_database_in_a_read_only_folder_can_still_be_read(readonly_db: Path) -> None:
    """SQLite cannot create its WAL index there; the workbench still lists and exports."""
    os.chmod(readonly_db.parent, 0o555)
    try:
        before = readonly_db.read_bytes()
        listed = workbench(readonly_db, "claims", "--limit", "3")
        assert listed.returncode == 0, listed.stderr
        assert len(listed.stdout.splitlines()) == 3
        claim_id = listed.stdout.split()[0]
        matched = workbench(readonly_db, "match", "--claim", claim_id, "--json")
        assert matched.returncode == 0, matched.stderr
        assert matched.stdout.strip(), "matching reads the other sources"
        refused = workbench(readonly_db, "verdict", claim_id, "false")
        assert refused.returncode == 1
        assert "read-only" in refused.stderr and "Traceback" not in refused.stderr
        assert readonly_db.read_bytes() == before
        assert sorted(p.name for p in readonly_db.parent.iterdir()) == ["claims.db"]
    finally:
        os.chmod(readonly_db.parent, 0o777)


@contextlib.contextmanager
def disk_full_after_open(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every connection the workbench opens can grow the file by no more than it already is."""
    real_open = db_module.open_db

    def full(path: object = None, **kwargs: object) -> object:
        db = real_open(path, **kwargs)  # type: ignore[arg-type]
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")
        return db

    with monkeypatch.context() as patch:
        patch.setattr(db_module, "open_db", full)
        yield


def test_full_disk_during_ingest_is_one_sentence_and_stores_no_partial_document(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_db(db_path).close()
    big = tmp_path / "big.txt"
    big.write_text(
        "\n\n".join(f"Officials said {n:,} homes were damaged in 2021." for n in range(400))
    )
    with disk_full_after_open(monkeypatch):
        result = CliRunner().invoke(main, ["ingest", str(big)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: The disk is full; free some space and try again (nothing was saved)."
    )
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        counts = [
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "sentences", "claims")
        ]
    assert counts == [0, 0, 0]
    # With space again, the same command stores it whole.
    assert CliRunner().invoke(main, ["ingest", str(big)]).exit_code == 0


def test_full_disk_on_a_verdict_keeps_the_claim_and_history_unchanged(
    db_path: Path, samples_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest_ops.ingest(db_path, [str(samples_dir)])
    db = open_db(db_path)
    claim_id = int(db.execute("SELECT min(id) FROM claims").fetchone()[0])
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    long_note = "source checked: " + "x" * 200_000  # needs new pages
    with pytest.raises(sqlite3.OperationalError, match="full"):
        review.set_verdict(db, claim_id, Verdict.FALSE, reviewer="ana", at="t1", note=long_note)
    assert review.history(db, claim_id) == []
    status = db.execute("SELECT status, version FROM claims WHERE id = ?", [claim_id]).fetchone()
    assert tuple(status) == ("unreviewed", 0)
    db.close()
    with disk_full_after_open(monkeypatch):
        result = CliRunner().invoke(main, ["note", str(claim_id), long_note])
    assert result.exit_code == 1
    assert "disk is full" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    with contextlib.closing(open_db(db_path)) as db:
        assert review.notes(db, claim_id) == []
