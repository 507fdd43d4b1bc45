"""`backup` and `check`: a copy that is safe to take while reviewers work, and a health report."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from workbench.store import maintenance
from workbench.store.db import StoreError, connect, explain, resolve_db_path
from workbench.store.maintenance import HealthReport

DbPath = str | os.PathLike[str] | None
PARTIAL_SUFFIX = ".partial"


@dataclass(frozen=True)
class BackupResult:
    path: Path
    bytes: int
    documents: int
    claims: int


def _existing_db(db_path: DbPath, doing: str) -> Path:
    """The database must already exist: opening a missing one would create an empty one."""
    path = resolve_db_path(db_path)
    if not path.exists():
        raise StoreError(f"There is no database at {path}; nothing to {doing}.")
    return path


def _check_target(source: Path, target: Path, force: bool) -> None:
    if target.is_dir():
        raise StoreError(f"{target} is a folder; give a file name for the backup.")
    if not target.parent.exists():
        raise StoreError(f"The folder {target.parent} does not exist; create it first.")
    if target.exists():
        if os.path.samefile(source, target):
            raise StoreError(f"{target} is the database itself; choose another backup path.")
        if not force:
            raise StoreError(f"{target} already exists; pass --force to overwrite it.")


def backup(db_path: DbPath, target: str | os.PathLike[str], *, force: bool = False) -> BackupResult:
    """Copy the database to target with SQLite's online backup API.

    The copy is written next to target under a temporary name, checked, then renamed over it,
    so a crash or a full disk never leaves a half-written file under the backup's name.
    """
    source = _existing_db(db_path, "back up")
    final = Path(target)
    _check_target(source, final, force)
    partial = final.with_name(final.name + PARTIAL_SUFFIX)
    try:
        partial.unlink(missing_ok=True)
        with connect(source) as db:
            documents = int(db.execute("SELECT count(*) FROM documents").fetchone()[0])
            claims = int(db.execute("SELECT count(*) FROM claims").fetchone()[0])
            maintenance.backup_to(db, partial)
        if not maintenance.quick_check(partial):
            raise StoreError(
                f"The copy at {partial} failed its integrity check; run `workbench check`."
            )
        os.replace(partial, final)
    except sqlite3.Error as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise StoreError(explain(exc, final)) from exc
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise StoreError(f"Cannot write the backup {final}: {exc.strerror or exc}.") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise
    return BackupResult(final, final.stat().st_size, documents, claims)


def check(db_path: DbPath) -> HealthReport:
    """Integrity, search index and orphan rows; read-only apart from a rolled-back FTS probe."""
    with connect(_existing_db(db_path, "check")) as db:
        return maintenance.health(db)


def prepare(db_path: DbPath) -> None:
    """Create or upgrade the database now, so a bad path fails in one sentence before a UI starts."""
    with connect(db_path):
        pass
