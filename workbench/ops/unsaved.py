"""A note the database refused (read-only file, full disk) is kept in a plain file, never dropped.

The file sits beside the config file, outside the database that just failed, and is only ever
appended to, so a reviewer can copy the text back once the database takes writes again.
"""

from __future__ import annotations

import os
from pathlib import Path

from workbench.ops.clock import now_iso
from workbench.ops.config import config_path
from workbench.ops.queries import DbPath


def unsaved_notes_path() -> Path:
    return config_path().with_name("unsaved-notes.md")


def keep_unsaved_note(
    db_path: DbPath, claim_id: int, body: str, *, reviewer: str | None, reason: str
) -> Path | None:
    """Append the note with where it belonged; None if even this file cannot be written."""
    path = unsaved_notes_path()
    entry = (
        f"## Claim {claim_id} in {os.fspath(db_path or 'claims.db')} "
        f"({reviewer or 'unknown reviewer'}, {now_iso()})\n\n"
        f"Not saved: {reason or 'the database refused the change.'}\n\n{body.strip()}\n\n"
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(entry)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError:
        return None
    return path
