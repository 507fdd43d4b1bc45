"""Documents and their sentences: storing an article in one transaction, and reading it back."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from sqlite_utils import Database

from workbench.core.models import Article, Claim, Sentence, StoredDocument, StoredSentence
from workbench.store.codec import (
    DOCUMENT_COLUMNS,
    document_from_row,
    quantities_to_json,
    sentence_from_row,
)
from workbench.store.db import write

SentenceClaims = Sequence[tuple[int, Claim]]
"""(sentence position, claim with offsets relative to that sentence)."""


def find_by_hash(db: Database, content_hash: str) -> int | None:
    row = db.execute("SELECT id FROM documents WHERE content_hash = ?", [content_hash]).fetchone()
    return None if row is None else int(row[0])


def insert_document(
    db: Database,
    article: Article,
    *,
    content_hash: str,
    sentences: Sequence[Sentence],
    claims: SentenceClaims,
    extractor_version: str,
    imported_at: str,
    index: bool = True,
) -> int | None:
    """Store one article with its sentences and claims atomically; None if already stored.

    index=False leaves the sentences for a later index_pending() batch (bulk imports).
    """
    with write(db):
        if find_by_hash(db, content_hash) is not None:
            return None
        cur = db.conn.execute(
            """INSERT INTO documents (external_id, title, source, url, published, author, origin,
                   format, raw_text, cleaned_text, content_hash, imported_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                article.external_id,
                article.title,
                article.source,
                article.url,
                article.published,
                article.author,
                article.origin,
                article.format,
                article.raw_text,
                article.cleaned_text,
                content_hash,
                imported_at,
            ],
        )
        document_id = int(cur.lastrowid or 0)
        sentence_ids = _insert_sentences(db, document_id, sentences)
        by_position = {s.position: s for s in sentences}
        insert_claims(
            db,
            document_id,
            [
                (sentence_ids[pos], by_position[pos].start, claim)
                for pos, claim in claims
                if pos in sentence_ids
            ],
            extractor_version=extractor_version,
        )
        bump_corpus_version(db)
        if index:
            index_pending(db)
    return document_id


def pending_index(db: Database) -> bool:
    row = db.execute(
        "SELECT (SELECT coalesce(max(id), 0) FROM sentences) > "
        "(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'fts_indexed_upto')"
    ).fetchone()
    return bool(row and row[0])


def index_pending(db: Database) -> int:
    """Add sentences not yet in the full-text index, in one statement; returns how many."""
    with write(db):
        upto = int(
            db.execute("SELECT value FROM meta WHERE key = 'fts_indexed_upto'").fetchone()[0]
        )
        top = int(db.execute("SELECT coalesce(max(id), 0) FROM sentences").fetchone()[0])
        if top <= upto:
            return 0
        db.conn.execute(
            "INSERT INTO sentences_fts (rowid, text) SELECT id, text FROM sentences "
            "WHERE id > ? ORDER BY id",
            [upto],
        )
        db.conn.execute("UPDATE meta SET value = ? WHERE key = 'fts_indexed_upto'", [str(top)])
        return top - upto


def _insert_sentences(
    db: Database, document_id: int, sentences: Sequence[Sentence]
) -> dict[int, int]:
    """Insert with ids assigned here: one executemany instead of a round trip per row.

    Safe because the caller holds the write lock (an IMMEDIATE transaction).
    """
    first = int(db.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM sentences").fetchone()[0])
    ids = {s.position: first + i for i, s in enumerate(sentences)}
    db.conn.executemany(
        """INSERT INTO sentences (id, document_id, position, start_char, end_char, text, role)
           VALUES (?, ?, ?, ?, ?, ?, ?)""",
        [
            (ids[s.position], document_id, s.position, s.start, s.end, s.text, str(s.role))
            for s in sentences
        ],
    )
    return ids


def insert_claims(
    db: Database,
    document_id: int,
    rows: Iterable[tuple[int, int, Claim]],
    *,
    extractor_version: str,
) -> None:
    """Insert claims given (sentence id, sentence start offset, sentence-relative claim)."""
    db.conn.executemany(
        """INSERT INTO claims (document_id, sentence_id, start_char, end_char, text, kind, type,
               checkworthiness, reasons, speaker, quantities, extractor_version)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            [
                document_id,
                sentence_id,
                offset + c.start,
                offset + c.end,
                c.text,
                c.kind,
                c.type,
                c.checkworthiness,
                json.dumps(list(c.reasons), ensure_ascii=False),
                c.speaker,
                quantities_to_json(c.quantities),
                extractor_version,
            ]
            for sentence_id, offset, c in rows
        ],
    )


def bump_corpus_version(db: Database) -> None:
    """New text invalidates cached matches: they are keyed on this counter."""
    db.conn.execute(
        "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'corpus_version'"
    )


def corpus_version(db: Database) -> int:
    row = db.execute("SELECT value FROM meta WHERE key = 'corpus_version'").fetchone()
    return int(row[0]) if row else 0


def list_documents(db: Database) -> list[StoredDocument]:
    rows = db.query(f"SELECT {DOCUMENT_COLUMNS} FROM documents d ORDER BY d.id")
    return [document_from_row(r) for r in rows]


def get_document(db: Database, document_id: int) -> StoredDocument | None:
    rows = list(
        db.query(f"SELECT {DOCUMENT_COLUMNS} FROM documents d WHERE d.id = ?", [document_id])
    )
    return document_from_row(rows[0]) if rows else None


def find_document(db: Database, ref: str) -> StoredDocument | None:
    """A document by numeric id, or else by the external id given at ingest."""
    if ref.isdigit():
        found = get_document(db, int(ref))
        if found is not None:
            return found
    rows = list(
        db.query(
            f"SELECT {DOCUMENT_COLUMNS} FROM documents d WHERE d.external_id = ? ORDER BY d.id",
            [ref],
        )
    )
    return document_from_row(rows[0]) if rows else None


def document_texts(db: Database, document_id: int) -> tuple[str, str]:
    """(raw text, cleaned text) of a document."""
    row = db.execute(
        "SELECT raw_text, cleaned_text FROM documents WHERE id = ?", [document_id]
    ).fetchone()
    if row is None:
        raise KeyError(document_id)
    return str(row[0]), str(row[1])


def sentences_of(db: Database, document_id: int) -> list[StoredSentence]:
    rows = db.query(
        "SELECT * FROM sentences WHERE document_id = ? ORDER BY position", [document_id]
    )
    return [sentence_from_row(r) for r in rows]


def sentences_around(
    db: Database, document_id: int, position: int, radius: int = 2
) -> list[StoredSentence]:
    rows = db.query(
        """SELECT * FROM sentences WHERE document_id = ? AND position BETWEEN ? AND ?
           ORDER BY position""",
        [document_id, position - radius, position + radius],
    )
    return [sentence_from_row(r) for r in rows]


def get_sentence(db: Database, sentence_id: int) -> StoredSentence | None:
    rows = list(db.query("SELECT * FROM sentences WHERE id = ?", [sentence_id]))
    return sentence_from_row(rows[0]) if rows else None


def stats(db: Database) -> dict[str, object]:
    """Counts for `workbench stats` and the UI header."""
    one = lambda sql: int(db.execute(sql).fetchone()[0])  # noqa: E731
    by_status = {
        str(r[0]): int(r[1])
        for r in db.execute(
            "SELECT status, count(*) FROM claims WHERE stale = 0 GROUP BY status ORDER BY status"
        )
    }
    by_source = {
        str(r[0] or "(unknown)"): {"documents": int(r[1]), "claims": int(r[2])}
        for r in db.execute(
            """SELECT d.source, count(DISTINCT d.id),
                      (SELECT count(*) FROM claims c JOIN documents d2 ON d2.id = c.document_id
                       WHERE c.stale = 0 AND d2.source IS d.source)
               FROM documents d GROUP BY d.source ORDER BY d.source"""
        )
    }
    return {
        "documents": one("SELECT count(*) FROM documents"),
        "sentences": one("SELECT count(*) FROM sentences"),
        "claims": one("SELECT count(*) FROM claims WHERE stale = 0"),
        "claims_by_status": by_status,
        "by_source": by_source,
    }
