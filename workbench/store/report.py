"""The rows a report is made of, gathered in one read snapshot with a handful of set queries.

A report of 10,000 claims must take a second or two, so nothing here runs a query per claim:
the chosen claim ids go to SQLite once as a JSON array and every related table joins on it.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from workbench.core.models import (
    ClaimRecord,
    EvidenceLink,
    NoteRecord,
    StoredDocument,
    StoredSentence,
    Verdict,
)
from workbench.store.codec import (
    CLAIM_COLUMNS,
    CLAIM_FROM,
    claim_from_row,
    evidence_from_row,
    note_from_row,
    sentence_from_row,
)

_IDS = "(SELECT value FROM json_each(?))"


@dataclass(frozen=True)
class ReportScope:
    """Which claims a report covers. Empty tuples mean "no restriction"."""

    statuses: tuple[Verdict, ...] = ()
    sources: tuple[str, ...] = ()
    document_ids: tuple[int, ...] = ()
    since: str | None = None  # reviewed at or after this ISO date or time
    reviewer: str | None = None  # gave the verdict, or added a live note or evidence link


@dataclass(frozen=True)
class ReportRows:
    """Everything a report shows, keyed by claim id; claims are in report order."""

    claims: list[ClaimRecord]
    context: dict[int, list[StoredSentence]] = field(default_factory=dict)
    claim_positions: dict[int, int] = field(default_factory=dict)
    notes: dict[int, list[NoteRecord]] = field(default_factory=dict)
    evidence: dict[int, list[EvidenceLink]] = field(default_factory=dict)
    documents: dict[int, StoredDocument] = field(default_factory=dict)


@contextlib.contextmanager
def _snapshot(db: Database) -> Iterator[None]:
    """One read transaction, so a reviewer saving mid-export cannot tear the report."""
    conn = db.conn
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        conn.rollback()


def _where(scope: ReportScope) -> tuple[str, list[Any]]:
    statuses = [str(s) for s in scope.statuses] or [
        str(v) for v in Verdict if v is not Verdict.UNREVIEWED
    ]
    clauses = [f"c.status IN ({', '.join('?' * len(statuses))})"]
    params: list[Any] = list(statuses)
    if scope.sources:
        clauses.append(f"d.source IN ({', '.join('?' * len(scope.sources))})")
        params.extend(scope.sources)
    if scope.document_ids:
        clauses.append(f"c.document_id IN ({', '.join('?' * len(scope.document_ids))})")
        params.extend(scope.document_ids)
    if scope.since:
        clauses.append("c.reviewed_at >= ?")
        params.append(scope.since)
    if scope.reviewer:
        clauses.append(
            """(c.reviewed_by = ?
                OR EXISTS (SELECT 1 FROM notes n
                           WHERE n.claim_id = c.id AND n.deleted = 0 AND n.author = ?)
                OR EXISTS (SELECT 1 FROM evidence e
                           WHERE e.claim_id = c.id AND e.removed = 0 AND e.reviewer = ?))"""
        )
        params.extend([scope.reviewer] * 3)
    return " WHERE " + " AND ".join(clauses), params


def report_rows(db: Database, scope: ReportScope, *, radius: int = 1) -> ReportRows:
    """The claims in scope (by document, then position in it, then id) and all they refer to."""
    with _snapshot(db):
        where, params = _where(scope)
        rows = db.query(
            f"SELECT {CLAIM_COLUMNS}, s.position AS sentence_position FROM {CLAIM_FROM}{where}"
            " ORDER BY c.document_id, c.start_char, c.id",
            params,
        )
        claims: list[ClaimRecord] = []
        positions: dict[int, int] = {}
        for row in rows:
            record = claim_from_row(row)
            claims.append(record)
            positions[record.id] = int(row["sentence_position"])
        ids = json.dumps([c.id for c in claims])
        evidence = _evidence(db, ids)
        document_ids = {c.document_id for c in claims} | {
            e.document_id for links in evidence.values() for e in links
        }
        return ReportRows(
            claims=claims,
            context=_context(db, ids, radius),
            claim_positions=positions,
            notes=_notes(db, ids),
            evidence=evidence,
            documents=_documents(db, sorted(document_ids)),
        )


def _context(db: Database, ids: str, radius: int) -> dict[int, list[StoredSentence]]:
    found: dict[int, list[StoredSentence]] = {}
    rows = db.query(
        f"""SELECT c.id AS claim_id, n.* FROM claims c
            JOIN sentences s ON s.id = c.sentence_id
            JOIN sentences n ON n.document_id = s.document_id
                 AND n.position BETWEEN s.position - ? AND s.position + ?
            WHERE c.id IN {_IDS} ORDER BY c.id, n.position""",
        [radius, radius, ids],
    )
    for row in rows:
        found.setdefault(int(row["claim_id"]), []).append(sentence_from_row(row))
    return found


def _notes(db: Database, ids: str) -> dict[int, list[NoteRecord]]:
    found: dict[int, list[NoteRecord]] = {}
    rows = db.query(
        f"SELECT * FROM notes WHERE deleted = 0 AND claim_id IN {_IDS} ORDER BY claim_id, id",
        [ids],
    )
    for row in rows:
        note = note_from_row(row)
        found.setdefault(note.claim_id, []).append(note)
    return found


def _evidence(db: Database, ids: str) -> dict[int, list[EvidenceLink]]:
    found: dict[int, list[EvidenceLink]] = {}
    rows = db.query(
        f"""SELECT e.id, e.claim_id, e.sentence_id, e.stance, e.relation, e.score, e.reviewer,
                   e.created_at, s.text AS sentence_text, s.document_id,
                   d.title AS document_title, d.source AS document_source,
                   d.url AS document_url, d.external_id
            FROM evidence e JOIN sentences s ON s.id = e.sentence_id
            JOIN documents d ON d.id = s.document_id
            WHERE e.removed = 0 AND e.claim_id IN {_IDS} ORDER BY e.claim_id, e.id""",
        [ids],
    )
    for row in rows:
        link = evidence_from_row(row)
        found.setdefault(link.claim_id, []).append(link)
    return found


def _documents(db: Database, ids: Sequence[int]) -> dict[int, StoredDocument]:
    rows = db.query(
        f"""SELECT id, external_id, title, source, url, published, author, origin, format,
                   content_hash, imported_at
            FROM documents WHERE id IN {_IDS} ORDER BY id""",
        [json.dumps(list(ids))],
    )
    return {int(row["id"]): StoredDocument(**row) for row in rows}
