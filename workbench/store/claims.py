"""Reading claims for the list, the detail panes and the CLI; reconciling re-extraction."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

from workbench.core.models import Claim, ClaimQuery, ClaimRecord, SortOrder
from workbench.store.codec import CLAIM_COLUMNS, CLAIM_FROM, claim_from_row, quantities_to_json
from workbench.store.db import write
from workbench.store.documents import insert_claims, sentences_of

_ORDER = {
    SortOrder.SCORE: "c.checkworthiness DESC, c.id",
    SortOrder.DOCUMENT: "c.document_id, c.start_char, c.id",
    SortOrder.SOURCE: "d.source, c.document_id, c.start_char, c.id",
    SortOrder.STATUS: (
        "CASE c.status WHEN 'unreviewed' THEN 0 ELSE 1 END, c.status, c.checkworthiness DESC, c.id"
    ),
}
_WORD = re.compile(r"\w+", re.UNICODE)


def _where(q: ClaimQuery, fts: str | None) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if not q.include_stale:
        clauses.append("c.stale = 0")
    for column, values in (
        ("c.status", [str(s) for s in q.statuses]),
        ("c.type", list(q.types)),
        ("d.source", list(q.sources)),
        ("c.kind", list(q.kinds)),
    ):
        if values:
            clauses.append(f"{column} IN ({', '.join('?' * len(values))})")
            params.extend(values)
    if q.min_score > 0:
        clauses.append("c.checkworthiness >= ?")
        params.append(q.min_score)
    if q.document_id is not None:
        clauses.append("c.document_id = ?")
        params.append(q.document_id)
    if q.conflicts_only:
        clauses.append(
            """c.id IN (SELECT m.claim_id FROM match_cache m
                        WHERE m.corpus_version = (SELECT CAST(value AS INTEGER) FROM meta
                                                  WHERE key = 'corpus_version')
                          AND m.results LIKE '%"relation": "conflicts"%')"""
        )
    if fts is not None:
        clauses.append(
            "c.sentence_id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)"
        )
        params.append(fts)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _fts(q: ClaimQuery) -> str | None:
    """The search box is plain words, never FTS5 syntax: quotes, AND/OR/NOT, `col:` are text.

    Each word must appear (prefix match on the last, so results narrow as the reviewer types).
    """
    words = _WORD.findall(q.search)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def _query(db: Database, q: ClaimQuery, build: Any) -> list[Any]:
    if q.search.strip() and _fts(q) is None:
        return []  # only punctuation was typed: nothing can match
    where, params = _where(q, _fts(q))
    sql, extra = build(where)
    return db.execute(sql, params + extra).fetchall()


def claim_ids(db: Database, q: ClaimQuery, limit: int | None = None) -> list[int]:
    """Ids of the claims a query shows, in order: cheap enough to hold for 100,000 claims.

    The documents table is joined only when the query needs the source, so the common
    orders run straight off a covering index.
    """
    needs_source = bool(q.sources) or q.sort is SortOrder.SOURCE
    source = " JOIN documents d ON d.id = c.document_id" if needs_source else ""
    tail = f" LIMIT {int(limit)}" if limit else ""
    rows = _query(
        db,
        q,
        lambda where: (
            f"SELECT c.id FROM claims c{source}{where} ORDER BY {_ORDER[q.sort]}{tail}",
            [],
        ),
    )
    return [int(r[0]) for r in rows]


def fetch_claims(db: Database, ids: Sequence[int]) -> list[ClaimRecord]:
    """Full rows for a page of ids, returned in the order given."""
    if not ids:
        return []
    found: dict[int, ClaimRecord] = {}
    for chunk_start in range(0, len(ids), 500):
        chunk = list(ids[chunk_start : chunk_start + 500])
        rows = db.query(
            f"SELECT {CLAIM_COLUMNS} FROM {CLAIM_FROM} WHERE c.id IN ({', '.join('?' * len(chunk))})",
            chunk,
        )
        for row in rows:
            record = claim_from_row(row)
            found[record.id] = record
    return [found[i] for i in ids if i in found]


def get_claim(db: Database, claim_id: int) -> ClaimRecord | None:
    got = fetch_claims(db, [claim_id])
    return got[0] if got else None


def list_claims(db: Database, q: ClaimQuery, limit: int | None = None) -> list[ClaimRecord]:
    ids = claim_ids(db, q)
    return fetch_claims(db, ids[:limit] if limit else ids)


def claims_of_document(db: Database, document_id: int) -> list[ClaimRecord]:
    return list_claims(
        db, ClaimQuery(document_id=document_id, sort=SortOrder.DOCUMENT, include_stale=False)
    )


def status_counts(db: Database) -> dict[str, int]:
    return {
        str(r[0]): int(r[1])
        for r in db.execute("SELECT status, count(*) FROM claims WHERE stale = 0 GROUP BY status")
    }


def distinct_values(db: Database, column: str) -> list[str]:
    """Values offered in the filter dialog (types, kinds, sources)."""
    sql = {
        "type": "SELECT DISTINCT type FROM claims ORDER BY type",
        "kind": "SELECT DISTINCT kind FROM claims ORDER BY kind",
        "source": "SELECT DISTINCT source FROM documents WHERE source IS NOT NULL ORDER BY source",
    }[column]
    return [str(r[0]) for r in db.execute(sql)]


def reconcile_document_claims(
    db: Database,
    document_id: int,
    fresh: Sequence[tuple[int, Claim]],
    *,
    extractor_version: str,
) -> tuple[int, int, int]:
    """Replace a document's claims with a fresh extraction, keeping identities.

    A fresh claim that overlaps an existing one in the same sentence updates it in place, so its
    id, verdict, notes and history survive. Old claims no longer found are deleted if nobody
    touched them, and otherwise kept but marked stale. Returns (kept, added, retired).
    """
    sentences = {s.position: s for s in sentences_of(db, document_id)}
    old_rows = db.execute(
        """SELECT c.id, c.sentence_id, c.start_char, c.end_char, c.status,
                  EXISTS(SELECT 1 FROM history h WHERE h.claim_id = c.id) AS touched
           FROM claims c WHERE c.document_id = ?""",
        [document_id],
    ).fetchall()
    old_by_sentence: dict[int, list[tuple[int, int, int, bool]]] = {}
    for cid, sid, start, end, status, touched in old_rows:
        old_by_sentence.setdefault(sid, []).append(
            (cid, start, end, bool(touched) or status != "unreviewed")
        )
    kept = added = 0
    used: set[int] = set()
    new_rows: list[tuple[int, int, Claim]] = []
    with write(db):
        for position, claim in fresh:
            sentence = sentences.get(position)
            if sentence is None:
                continue
            start, end = sentence.start + claim.start, sentence.start + claim.end
            best = _best_overlap(old_by_sentence.get(sentence.id, []), start, end, used)
            if best is None:
                new_rows.append((sentence.id, sentence.start, claim))
                added += 1
                continue
            used.add(best)
            kept += 1
            db.conn.execute(
                """UPDATE claims SET start_char = ?, end_char = ?, text = ?, kind = ?, type = ?,
                       checkworthiness = ?, reasons = ?, speaker = ?, quantities = ?,
                       extractor_version = ?, stale = 0
                   WHERE id = ?""",
                [
                    start,
                    end,
                    claim.text,
                    claim.kind,
                    claim.type,
                    claim.checkworthiness,
                    json.dumps(list(claim.reasons), ensure_ascii=False),
                    claim.speaker,
                    quantities_to_json(claim.quantities),
                    extractor_version,
                    best,
                ],
            )
        insert_claims(db, document_id, new_rows, extractor_version=extractor_version)
        retired = 0
        for group in old_by_sentence.values():
            for cid, _start, _end, touched in group:
                if cid in used:
                    continue
                retired += 1
                if touched:
                    db.conn.execute("UPDATE claims SET stale = 1 WHERE id = ?", [cid])
                else:
                    db.conn.execute("DELETE FROM claims WHERE id = ?", [cid])
    return kept, added, retired


def _best_overlap(
    candidates: list[tuple[int, int, int, bool]], start: int, end: int, used: set[int]
) -> int | None:
    best, best_overlap = None, 0
    for cid, s, e, _touched in candidates:
        if cid in used:
            continue
        overlap = min(e, end) - max(s, start)
        if overlap > best_overlap:
            best, best_overlap = cid, overlap
    return best


def document_ids(db: Database) -> list[int]:
    return [int(r[0]) for r in db.execute("SELECT id FROM documents ORDER BY id")]
