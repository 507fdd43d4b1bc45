"""One plain sentence for any error a worker raised: the store's own, SQLite's, or anything else.

Worker.StateChanged does not bubble, so each screen that starts workers forwards its errors here.
"""

from __future__ import annotations

import sqlite3

from workbench.store.db import StoreError, explain


def error_sentence(error: BaseException | None, db_path: str) -> str:
    if isinstance(error, StoreError):
        return str(error)
    if isinstance(error, sqlite3.Error):
        return explain(error, db_path)
    return f"Something went wrong: {error}"
