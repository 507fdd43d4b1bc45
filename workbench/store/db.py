"""Opening the database: checks, pragmas, migrations and write transactions with retries."""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from sqlite_utils import Database

from workbench.store.schema import MIGRATIONS

DEFAULT_DB = "claims.db"
BUSY_TIMEOUT_MS = 5_000
T = TypeVar("T")


class StoreError(Exception):
    """A database problem the user can act on; str() is one plain sentence."""


class ConflictError(StoreError):
    """A change was made on an out-of-date view of a claim: someone else changed it first."""

    def __init__(self, message: str, *, claim_id: int, by: str | None, what: str | None) -> None:
        super().__init__(message)
        self.claim_id = claim_id
        self.by = by
        self.what = what


def resolve_db_path(path: str | os.PathLike[str] | None) -> Path:
    """--db wins, then WORKBENCH_DB, then claims.db in the current directory."""
    if path:
        return Path(path)
    return Path(os.environ.get("WORKBENCH_DB") or DEFAULT_DB)


def open_db(path: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Database:
    """Open (creating if needed) and upgrade a workbench database, or raise StoreError.

    A file that is not SQLite, or one written by a newer version, is refused before anything
    writes to it, so it stays byte-identical.
    """
    db_path = resolve_db_path(path)
    _check_file(db_path)
    writable = _writable(db_path)
    try:
        conn = _connect(db_path, writable=writable)
    except sqlite3.Error as exc:
        raise StoreError(
            f"Cannot open {db_path}: {exc}; check the path and its permissions."
        ) from exc
    db = Database(conn)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _refuse_foreign(conn, db_path)
        _refuse_newer(db, db_path)
        conn.execute("PRAGMA foreign_keys = ON")
        if migrate and writable:
            _set_wal(conn, db_path)
            retry_locked(lambda: MIGRATIONS.apply(db))
            _finish_interrupted_indexing(db)
        elif migrate and MIGRATIONS.pending(db):
            raise StoreError(
                f"{db_path} needs an upgrade but is read-only; make it writable and try again."
            )
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(explain(exc, db_path)) from exc
    except BaseException:
        conn.close()
        raise
    return db


@contextlib.contextmanager
def connect(path: str | os.PathLike[str] | None = None) -> Iterator[Database]:
    """A short-lived connection for one unit of work (connections are bound to their thread)."""
    db = open_db(path)
    try:
        yield db
    finally:
        db.close()


def _connect(db_path: Path, *, writable: bool) -> sqlite3.Connection:
    """A connection; read-only when the file or its folder cannot be written.

    In a read-only folder SQLite cannot create the WAL index (-shm) a plain open needs, so
    reading would fail with a misleading "read-only" write error. A read-only open works when
    the WAL files exist; when they do not, nobody can be writing, and the file is opened as
    immutable.
    """
    timeout = BUSY_TIMEOUT_MS / 1000
    if writable or not db_path.exists():
        return sqlite3.connect(str(db_path), timeout=timeout, check_same_thread=True)
    uri = db_path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout, check_same_thread=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        conn.close()
        conn = sqlite3.connect(
            f"{uri}?mode=ro&immutable=1", uri=True, timeout=timeout, check_same_thread=True
        )
    return conn


def _finish_interrupted_indexing(db: Database) -> None:
    """An import killed between storing sentences and indexing them is completed here."""
    from workbench.store.documents import index_pending, pending_index

    if pending_index(db):
        index_pending(db)


def _check_file(db_path: Path) -> None:
    if db_path.is_dir():
        raise StoreError(f"{db_path} is a folder, not a database file; give a file path with --db.")
    if not db_path.exists():
        if not db_path.parent.exists():
            raise StoreError(
                f"The folder {db_path.parent} does not exist; create it or choose another --db path."
            )
        return
    if not os.access(db_path, os.R_OK):
        raise StoreError(f"Cannot read {db_path}; check its permissions.")


def _refuse_foreign(conn: sqlite3.Connection, db_path: Path) -> None:
    """Let SQLite read the header: a file that is not SQLite is refused before any write.

    The header is not read with open() here: closing any descriptor of the file drops every
    POSIX lock this process holds on it, including those of its other SQLite connections, and
    another process may then checkpoint the WAL under their feet (disk I/O errors, damage).
    """
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as exc:
        if "not a database" not in str(exc).lower():
            raise
        raise StoreError(
            f"{db_path} is not a Claim Workbench database (it is not an SQLite file); "
            "choose another --db path."
        ) from exc


def _refuse_newer(db: Database, db_path: Path) -> None:
    applied = {m.name for m in MIGRATIONS.applied(db)}
    known = {m.name for m in MIGRATIONS._migrations}
    unknown = applied - known
    if unknown:
        raise StoreError(
            f"{db_path} was written by a newer version of Claim Workbench "
            f"(schema step {sorted(unknown)[-1]}); upgrade the workbench to open it."
        )


def _writable(db_path: Path) -> bool:
    if db_path.exists():
        return os.access(db_path, os.W_OK) and os.access(db_path.parent, os.W_OK)
    return os.access(db_path.parent, os.W_OK)


def _set_wal(conn: sqlite3.Connection, db_path: Path) -> None:
    mode = retry_locked(lambda: conn.execute("PRAGMA journal_mode").fetchone()[0])
    if str(mode).lower() != "wal":
        retry_locked(lambda: conn.execute("PRAGMA journal_mode = WAL"))
    conn.execute("PRAGMA synchronous = NORMAL")


def is_read_only(exc: BaseException | str) -> bool:
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text


def is_disk_full(exc: BaseException | str) -> bool:
    return "disk is full" in str(exc).lower()


def cannot_write(exc: BaseException | str) -> bool:
    """The database can still be read, but nothing can be written to it right now."""
    return is_read_only(exc) or is_disk_full(exc)


def explain(exc: sqlite3.Error, db_path: Path | str = "the database") -> str:
    """Turn an SQLite error into one plain sentence that says what to do."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return f"{db_path} is busy with another program's change; try again in a moment."
    if is_read_only(exc):
        return f"{db_path} is read-only; make it writable to save changes."
    if is_disk_full(exc):
        return "The disk is full; free some space and try again (nothing was saved)."
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return (
            f"{db_path} is damaged or not a workbench database ({exc}); "
            "restore it from a backup or choose another --db path."
        )
    if "unable to open" in text:
        return f"Cannot open {db_path}; check the path and its permissions."
    return f"Database error on {db_path}: {exc}."


def _is_locked(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def retry_locked(fn: Callable[[], T], *, attempts: int = 8) -> T:
    """Run fn, retrying with jittered backoff while another writer holds the lock."""
    delay = 0.02
    for attempt in range(attempts):
        try:
            return fn()
        except sqlite3.OperationalError as exc:
            if not _is_locked(exc) or attempt == attempts - 1:
                raise
            time.sleep(delay + random.random() * delay)
            delay = min(delay * 2, 1.0)
    raise AssertionError("unreachable")


@contextlib.contextmanager
def write(db: Database) -> Iterator[Database]:
    """One IMMEDIATE write transaction: everything inside lands together or not at all.

    IMMEDIATE takes the write lock up front, so two writers queue on the busy timeout instead
    of failing halfway through a read-then-write.
    """
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    retry_locked(lambda: conn.execute("BEGIN IMMEDIATE"))
    try:
        yield db
    except BaseException:
        conn.rollback()
        raise
    else:
        try:
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
