"""Opening databases: new, upgraded, refused, and never damaged when refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from workbench.store.db import StoreError, open_db
from workbench.store.schema import MIGRATIONS


def test_new_database_is_created_with_wal_and_foreign_keys(db_path: Path) -> None:
    db = open_db(db_path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert {"documents", "sentences", "claims", "notes", "history", "evidence"} <= set(
        db.table_names()
    )
    db.close()


def test_older_database_is_upgraded(db_path: Path) -> None:
    db = open_db(db_path, migrate=False)
    MIGRATIONS.apply(db, stop_before=MIGRATIONS._migrations[-1].name)
    db.close()
    if len(MIGRATIONS._migrations) == 1:
        # Only one step so far: an empty file is the "older" database.
        assert "documents" not in open_db(db_path, migrate=False).table_names()
    upgraded = open_db(db_path)
    assert not MIGRATIONS.pending(upgraded)
    assert "claims" in upgraded.table_names()


def test_non_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not an SQLite file"):
        open_db(path)
    assert path.read_bytes() == before
    assert not Path(str(path) + "-wal").exists()


def test_newer_database_is_refused_and_left_untouched(db_path: Path) -> None:
    open_db(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('workbench', 'm999_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="newer version"):
        open_db(db_path)
    assert db_path.read_bytes() == before


def test_corrupt_database_gives_a_plain_sentence(db_path: Path) -> None:
    open_db(db_path).close()
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    db_path.write_bytes(bytes(data))
    with pytest.raises(StoreError) as caught:
        open_db(db_path)
    message = str(caught.value)
    assert "damaged" in message or "not" in message
    assert "\n" not in message


def test_missing_folder_is_explained(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_db(tmp_path / "nowhere" / "claims.db")


def test_sentences_left_unindexed_by_a_crash_are_indexed_on_next_open(db_path: Path) -> None:
    from workbench.core.models import Article, Paragraph, Sentence
    from workbench.store.documents import insert_document

    text = "The harbour reopened after 40 days."
    db = open_db(db_path)
    insert_document(
        db,
        Article(text, text, (Paragraph(0, len(text)),)),
        content_hash="h1",
        sentences=[Sentence(0, 0, len(text), text)],
        claims=[],
        extractor_version="test",
        imported_at="t",
        index=False,  # as a bulk import does, then "crashes" before its index batch
    )
    found = "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'harbour'"
    assert db.execute(found).fetchone()[0] == 0
    db.close()
    reopened = open_db(db_path)
    assert reopened.execute(found).fetchone()[0] == 1
