"""Backups and health checks: what a desk runs before trusting, or after doubting, a database."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from workbench.store.db import is_read_only, retry_locked

OK = "ok"
PROBLEM = "problem"
SKIPPED = "skipped"

# (what is wrong, SQL counting the rows that are wrong). Foreign keys cascade, so any of these means
# a write bypassed the workbench or the file was damaged.
ORPHAN_QUERIES: tuple[tuple[str, str], ...] = (
    (
        "sentences without a document",
        "SELECT count(*) FROM sentences s WHERE NOT EXISTS "
        "(SELECT 1 FROM documents d WHERE d.id = s.document_id)",
    ),
    (
        "claims without a sentence",
        "SELECT count(*) FROM claims c WHERE NOT EXISTS "
        "(SELECT 1 FROM sentences s WHERE s.id = c.sentence_id)",
    ),
    (
        "claims without a document",
        "SELECT count(*) FROM claims c WHERE NOT EXISTS "
        "(SELECT 1 FROM documents d WHERE d.id = c.document_id)",
    ),
    (
        "claims whose sentence is in another document",
        "SELECT count(*) FROM claims c JOIN sentences s ON s.id = c.sentence_id "
        "WHERE s.document_id != c.document_id",
    ),
    (
        "notes without a claim",
        "SELECT count(*) FROM notes n WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = n.claim_id)",
    ),
    (
        "evidence links without a claim",
        "SELECT count(*) FROM evidence e WHERE NOT EXISTS "
        "(SELECT 1 FROM claims c WHERE c.id = e.claim_id)",
    ),
    (
        "evidence links without a sentence",
        "SELECT count(*) FROM evidence e WHERE NOT EXISTS "
        "(SELECT 1 FROM sentences s WHERE s.id = e.sentence_id)",
    ),
    (
        "cached matches without a claim",
        "SELECT count(*) FROM match_cache m WHERE NOT EXISTS "
        "(SELECT 1 FROM claims c WHERE c.id = m.claim_id)",
    ),
)


@dataclass(frozen=True)
class CheckResult:
    """One check: its status (ok, problem or skipped), how many things are wrong, and why."""

    name: str
    status: str
    detail: str
    count: int = 0


@dataclass(frozen=True)
class HealthReport:
    results: tuple[CheckResult, ...]

    @property
    def ok(self) -> bool:
        return all(r.status != PROBLEM for r in self.results)

    @property
    def problems(self) -> tuple[CheckResult, ...]:
        return tuple(r for r in self.results if r.status == PROBLEM)


def integrity(db: Database, limit: int = 20) -> CheckResult:
    """SQLite's own page-level check: b-trees, indexes, free list."""
    try:
        rows = [str(r[0]) for r in db.execute(f"PRAGMA integrity_check({int(limit)})")]
    except sqlite3.DatabaseError as exc:
        return CheckResult("integrity", PROBLEM, f"SQLite cannot check the file: {exc}", 1)
    if rows == ["ok"]:
        return CheckResult("integrity", OK, "the SQLite integrity check passed")
    shown = "; ".join(rows[:3]) + ("; ..." if len(rows) > 3 else "")
    return CheckResult("integrity", PROBLEM, f"SQLite reports damage: {shown}", len(rows))


def search_index(db: Database) -> CheckResult:
    """The full-text index must hold exactly the stored sentences, or search silently misses some.

    FTS5 runs its check as an INSERT, so it runs in a write transaction that is rolled back:
    nothing is written. A read-only file cannot take even that: the check is then skipped.
    """
    conn = db.conn
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'sentences_fts' AND type = 'table'"
    ).fetchone()
    if not exists:
        return CheckResult("search index", PROBLEM, "the full-text index table is missing", 1)
    try:
        retry_locked(lambda: conn.execute("BEGIN IMMEDIATE"))
    except sqlite3.OperationalError as exc:
        why = "read-only" if is_read_only(exc) else "busy with other changes"
        return CheckResult("search index", SKIPPED, f"the file is {why}, so it was not checked")
    try:
        _index_pending_for_check(conn)
        conn.execute("INSERT INTO sentences_fts(sentences_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as exc:
        if is_read_only(exc):
            return CheckResult(
                "search index", SKIPPED, "the file is read-only, so it was not checked"
            )
        return CheckResult(
            "search index",
            PROBLEM,
            f"the full-text index does not match the stored sentences ({exc})",
            1,
        )
    finally:
        conn.rollback()
    return CheckResult("search index", OK, "the full-text index matches the stored sentences")


def _index_pending_for_check(conn: sqlite3.Connection) -> None:
    """An import indexes its sentences in batches: count those still waiting as indexed."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'fts_indexed_upto'").fetchone()
    if row is not None:
        conn.execute(
            "INSERT INTO sentences_fts (rowid, text) SELECT id, text FROM sentences WHERE id > ?",
            [int(row[0])],
        )


def orphans(db: Database) -> list[CheckResult]:
    results = []
    for what, sql in ORPHAN_QUERIES:
        count = int(db.execute(sql).fetchone()[0])
        status = PROBLEM if count else OK
        detail = f"{count} {what}" if count else f"no {what}"
        results.append(CheckResult("orphan rows", status, detail, count))
    return results


def health(db: Database) -> HealthReport:
    """Every check, in the order a person would want to read them."""
    results = [integrity(db)]
    try:
        results.append(search_index(db))
        results.extend(orphans(db))
    except sqlite3.DatabaseError as exc:
        results.append(CheckResult("tables", PROBLEM, f"the tables cannot be read ({exc})", 1))
    return HealthReport(tuple(results))


def backup_to(db: Database, target: Path) -> None:
    """Copy the whole database with SQLite's online backup API.

    The copy is one consistent snapshot even while other workbench processes write: the backup
    runs in a single step under a read transaction, and WAL lets writers carry on meanwhile.
    """
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
        dest.commit()
    finally:
        dest.close()


def quick_check(path: Path) -> bool:
    """True if the file at path opens as SQLite and passes a quick integrity check."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [str(r[0]) for r in conn.execute("PRAGMA quick_check")] == ["ok"]
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()
