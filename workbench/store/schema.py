"""The versioned schema. Each change is a new mNNN_ function; never edit an applied one."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("workbench")


@MIGRATIONS()
def m001_initial(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            external_id TEXT,
            title TEXT,
            source TEXT,
            url TEXT,
            published TEXT,
            author TEXT,
            origin TEXT,
            format TEXT NOT NULL,
            raw_text TEXT NOT NULL,
            cleaned_text TEXT NOT NULL,
            content_hash TEXT NOT NULL UNIQUE,
            imported_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX idx_documents_source ON documents(source)")
    db.execute("CREATE INDEX idx_documents_external_id ON documents(external_id)")
    db.execute(
        """
        CREATE TABLE sentences (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT 'body'
        )"""
    )
    db.execute("CREATE UNIQUE INDEX idx_sentences_doc_pos ON sentences(document_id, position)")
    db.table("sentences").enable_fts(
        ["text"],
        fts_version="FTS5",
        tokenize="porter unicode61 remove_diacritics 2",
        create_triggers=True,
    )
    db.execute(
        """
        CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            type TEXT NOT NULL,
            checkworthiness REAL NOT NULL,
            reasons TEXT NOT NULL DEFAULT '[]',
            speaker TEXT,
            quantities TEXT NOT NULL DEFAULT '[]',
            extractor_version TEXT NOT NULL,
            stale INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'unreviewed',
            version INTEGER NOT NULL DEFAULT 0,
            reviewed_by TEXT,
            reviewed_at TEXT
        )"""
    )
    db.execute("CREATE INDEX idx_claims_sentence ON claims(sentence_id)")
    db.execute("CREATE INDEX idx_claims_document ON claims(document_id, start_char)")
    db.execute("CREATE INDEX idx_claims_status ON claims(status)")
    db.execute("CREATE INDEX idx_claims_score ON claims(checkworthiness DESC)")
    db.execute(
        """
        CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            body TEXT NOT NULL,
            author TEXT NOT NULL,
            created_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX idx_notes_claim ON notes(claim_id)")
    db.execute(
        """
        CREATE TABLE evidence (
            id INTEGER PRIMARY KEY,
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
            stance TEXT NOT NULL,
            relation TEXT NOT NULL,
            score REAL,
            reviewer TEXT NOT NULL,
            created_at TEXT NOT NULL,
            removed INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX idx_evidence_claim ON evidence(claim_id)")
    # The audit log: append-only. Nothing ever updates or deletes a row here.
    db.execute(
        """
        CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            claim_id INTEGER NOT NULL,
            action TEXT NOT NULL,
            field TEXT NOT NULL,
            old_value TEXT,
            new_value TEXT,
            reviewer TEXT NOT NULL,
            at TEXT NOT NULL,
            ref_id INTEGER,
            undoes INTEGER REFERENCES history(id)
        )"""
    )
    db.execute("CREATE INDEX idx_history_claim ON history(claim_id, id)")
    db.execute("CREATE INDEX idx_history_reviewer ON history(reviewer, id)")
    db.execute("CREATE INDEX idx_history_undoes ON history(undoes)")
    db.execute(
        """CREATE TRIGGER history_append_only_update BEFORE UPDATE ON history
        BEGIN SELECT RAISE(ABORT, 'history is append-only'); END"""
    )
    db.execute(
        """CREATE TRIGGER history_append_only_delete BEFORE DELETE ON history
        BEGIN SELECT RAISE(ABORT, 'history is append-only'); END"""
    )
    db.execute(
        """
        CREATE TABLE match_cache (
            claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
            corpus_version INTEGER NOT NULL,
            computed_at TEXT NOT NULL,
            results TEXT NOT NULL
        )"""
    )
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("INSERT INTO meta (key, value) VALUES ('corpus_version', '0')")


@MIGRATIONS()
def m002_sentence_vocabulary(db: Database) -> None:
    """Per-term sentence counts, so the matcher can ask FTS5 for the rarest words of a claim."""
    db.execute("CREATE VIRTUAL TABLE sentences_vocab USING fts5vocab(sentences_fts, 'row')")


@MIGRATIONS()
def m002_deferred_sentence_index(db: Database) -> None:
    """Index new sentences in batches instead of by trigger: a bulk FTS5 insert is ~4x faster.

    `fts_indexed_upto` is the highest sentence id in the index; anything above it is indexed
    by the next ingest batch or, after a crash, when the database is next opened.
    """
    db.execute("DROP TRIGGER IF EXISTS sentences_ai")
    db.execute(
        "INSERT INTO meta (key, value) SELECT 'fts_indexed_upto', "
        "CAST(coalesce(max(id), 0) AS TEXT) FROM sentences"
    )


@MIGRATIONS()
def m003_claim_list_indexes(db: Database) -> None:
    """Covering indexes for the claim list's orders: 100,000 ids in well under a second."""
    db.execute("DROP INDEX IF EXISTS idx_claims_score")
    db.execute("CREATE INDEX idx_claims_list_score ON claims(stale, checkworthiness DESC, id)")
    db.execute(
        "CREATE INDEX idx_claims_list_document ON claims(stale, document_id, start_char, id)"
    )
