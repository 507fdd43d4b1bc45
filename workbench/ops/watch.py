"""Noticing that another program changed the database, for views that stay open."""

from __future__ import annotations

import sqlite3

from workbench.ops.queries import DbPath
from workbench.store.db import open_db
from workbench.store.review import data_version


class ChangeWatcher:
    """One long-lived read connection; SQLite bumps its data_version when others commit.

    The connection belongs to the thread that creates the watcher (SQLite connections are bound
    to their thread), so create, poll and close it in one worker.
    """

    def __init__(self, db_path: DbPath) -> None:
        self._db = open_db(db_path, migrate=False)
        self._seen = data_version(self._db)

    def changed(self) -> bool:
        """True once for each batch of commits by other connections since the last call."""
        try:
            version = data_version(self._db)
        except sqlite3.Error:
            return False  # busy for a moment: the next poll asks again
        if version == self._seen:
            return False
        self._seen = version
        return True

    def close(self) -> None:
        self._db.close()
