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
    Role,
    StoredDocument,
    StoredSentence,
    Verdict,
)
from workbench.store.codec import quantities_from_json

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
    """Everything a report shows; claims are in report order, sentences cover their documents."""

    claims: list[ClaimRecord]
    sentences: dict[int, dict[int, StoredSentence]] = field(default_factory=dict)
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


_CLAIM_SQL = """
    SELECT c.id, c.document_id, c.sentence_id, c.start_char, c.end_char, c.text, c.kind, c.type,
           c.checkworthiness, NULL, c.speaker, c.quantities, c.status, c.version,
           c.reviewed_by, c.reviewed_at, c.stale, s.text, s.start_char, d.title, d.source,
           d.external_id, s.position
    FROM claims c JOIN sentences s ON s.id = c.sentence_id JOIN documents d ON d.id = c.document_id
"""
_VERDICTS = {str(v): v for v in Verdict}
_ROLES = {str(r): r for r in Role}


def report_rows(db: Database, scope: ReportScope) -> ReportRows:
    """The claims in scope (by document, then position in it, then id) and all they refer to.

    Rows are read as plain tuples: mapping 10,000 of them through dicts costs more than the SQL.
    """
    with _snapshot(db):
        where, params = _where(scope)
        claims: list[ClaimRecord] = []
        positions: dict[int, int] = {}
        for row in db.conn.execute(
            f"{_CLAIM_SQL}{where} ORDER BY c.document_id, c.start_char, c.id", params
        ):
            claims.append(
                ClaimRecord(
                    id=row[0],
                    document_id=row[1],
                    sentence_id=row[2],
                    start=row[3],
                    end=row[4],
                    text=row[5],
                    kind=row[6],
                    type=row[7],
                    checkworthiness=row[8],
                    reasons=(),  # the extractor's reasons are not part of a report
                    speaker=row[10],
                    quantities=quantities_from_json(row[11]),
                    status=_VERDICTS.get(row[12], Verdict.UNREVIEWED),
                    version=row[13],
                    reviewed_by=row[14],
                    reviewed_at=row[15],
                    stale=bool(row[16]),
                    sentence_text=row[17],
                    sentence_start=row[18],
                    document_title=row[19],
                    document_source=row[20],
                    external_id=row[21],
                )
            )
            positions[row[0]] = row[22]
        ids = json.dumps([c.id for c in claims])
        evidence = _evidence(db, ids)
        document_ids = {c.document_id for c in claims} | {
            e.document_id for links in evidence.values() for e in links
        }
        return ReportRows(
            claims=claims,
            sentences=_sentences(db, json.dumps(sorted({c.document_id for c in claims}))),
            claim_positions=positions,
            notes=_notes(db, ids),
            evidence=evidence,
            documents=_documents(db, sorted(document_ids)),
        )


def _sentences(db: Database, document_ids: str) -> dict[int, dict[int, StoredSentence]]:
    """Every sentence of the documents involved, by document then position.

    One plain scan of the documents' sentences is cheaper than a per-claim neighbour join, and
    each sentence object is then shared by every claim that shows it.
    """
    found: dict[int, dict[int, StoredSentence]] = {}
    rows = db.conn.execute(
        f"""SELECT id, document_id, position, start_char, end_char, text, role FROM sentences
            WHERE document_id IN {_IDS}""",
        [document_ids],
    )
    for r in rows:
        found.setdefault(r[1], {})[r[2]] = StoredSentence(
            r[0], r[1], r[2], r[3], r[4], r[5], _ROLES.get(r[6], Role.BODY)
        )
    return found


def _notes(db: Database, ids: str) -> dict[int, list[NoteRecord]]:
    found: dict[int, list[NoteRecord]] = {}
    rows = db.conn.execute(
        f"""SELECT id, claim_id, body, author, created_at FROM notes
            WHERE deleted = 0 AND claim_id IN {_IDS} ORDER BY claim_id, id""",
        [ids],
    )
    for r in rows:
        found.setdefault(r[1], []).append(NoteRecord(*r))
    return found


def _evidence(db: Database, ids: str) -> dict[int, list[EvidenceLink]]:
    found: dict[int, list[EvidenceLink]] = {}
    rows = db.conn.execute(
        f"""SELECT e.id, e.claim_id, e.sentence_id, e.stance, e.relation, e.score, e.reviewer,
                   e.created_at, s.text, s.document_id, d.title, d.source, d.url, d.external_id
            FROM evidence e JOIN sentences s ON s.id = e.sentence_id
            JOIN documents d ON d.id = s.document_id
            WHERE e.removed = 0 AND e.claim_id IN {_IDS} ORDER BY e.claim_id, e.id""",
        [ids],
    )
    for r in rows:
        found.setdefault(r[1], []).append(EvidenceLink(*r))
    return found


def _documents(db: Database, ids: Sequence[int]) -> dict[int, StoredDocument]:
    rows = db.conn.execute(
        f"""SELECT id, external_id, title, source, url, published, author, origin, format,
                   content_hash, imported_at
            FROM documents WHERE id IN {_IDS} ORDER BY id""",
        [json.dumps(list(ids))],
    )
    return {r[0]: StoredDocument(*r) for r in rows}
