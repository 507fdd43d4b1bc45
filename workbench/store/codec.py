"""Row <-> dataclass conversions, kept in one place so every query maps rows the same way."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from typing import Any

from workbench.core.models import (
    ClaimRecord,
    EvidenceLink,
    HistoryEntry,
    NoteRecord,
    Quantity,
    Role,
    StoredDocument,
    StoredSentence,
    Verdict,
)

_QUANTITY_FIELDS = {f.name for f in dataclasses.fields(Quantity)}


def quantities_to_json(quantities: tuple[Quantity, ...] | list[Quantity]) -> str:
    return json.dumps([dataclasses.asdict(q) for q in quantities], ensure_ascii=False)


def quantities_from_json(text: str | None) -> tuple[Quantity, ...]:
    if not text:
        return ()
    return tuple(
        Quantity(**{k: v for k, v in item.items() if k in _QUANTITY_FIELDS})
        for item in json.loads(text)
    )


def _verdict(value: str) -> Verdict:
    try:
        return Verdict(value)
    except ValueError:
        return Verdict.UNREVIEWED


CLAIM_COLUMNS = """
    c.id, c.document_id, c.sentence_id, c.start_char, c.end_char, c.text, c.kind, c.type,
    c.checkworthiness, c.reasons, c.speaker, c.quantities, c.status, c.version, c.reviewed_by,
    c.reviewed_at, c.stale, s.text AS sentence_text, s.start_char AS sentence_start,
    d.title AS document_title, d.source AS document_source, d.external_id
"""
CLAIM_FROM = """
    claims c JOIN sentences s ON s.id = c.sentence_id JOIN documents d ON d.id = c.document_id
"""


def claim_from_row(row: sqlite3.Row | dict[str, Any]) -> ClaimRecord:
    return ClaimRecord(
        id=row["id"],
        document_id=row["document_id"],
        sentence_id=row["sentence_id"],
        start=row["start_char"],
        end=row["end_char"],
        text=row["text"],
        kind=row["kind"],
        type=row["type"],
        checkworthiness=row["checkworthiness"],
        reasons=tuple(json.loads(row["reasons"] or "[]")),
        speaker=row["speaker"],
        quantities=quantities_from_json(row["quantities"]),
        status=_verdict(row["status"]),
        version=row["version"],
        reviewed_by=row["reviewed_by"],
        reviewed_at=row["reviewed_at"],
        stale=bool(row["stale"]),
        sentence_text=row["sentence_text"],
        sentence_start=row["sentence_start"],
        document_title=row["document_title"],
        document_source=row["document_source"],
        external_id=row["external_id"],
    )


DOCUMENT_COLUMNS = """
    d.id, d.external_id, d.title, d.source, d.url, d.published, d.author, d.origin, d.format,
    d.content_hash, d.imported_at,
    (SELECT count(*) FROM sentences s WHERE s.document_id = d.id) AS sentence_count,
    (SELECT count(*) FROM claims c WHERE c.document_id = d.id AND c.stale = 0) AS claim_count
"""


def document_from_row(row: dict[str, Any]) -> StoredDocument:
    return StoredDocument(**{f.name: row[f.name] for f in dataclasses.fields(StoredDocument)})


def sentence_from_row(row: dict[str, Any]) -> StoredSentence:
    return StoredSentence(
        id=row["id"],
        document_id=row["document_id"],
        position=row["position"],
        start=row["start_char"],
        end=row["end_char"],
        text=row["text"],
        role=Role(row["role"]),
    )


def note_from_row(row: dict[str, Any]) -> NoteRecord:
    return NoteRecord(
        id=row["id"],
        claim_id=row["claim_id"],
        body=row["body"],
        author=row["author"],
        created_at=row["created_at"],
    )


def history_from_row(row: dict[str, Any]) -> HistoryEntry:
    return HistoryEntry(**{f.name: row[f.name] for f in dataclasses.fields(HistoryEntry)})


def evidence_from_row(row: dict[str, Any]) -> EvidenceLink:
    return EvidenceLink(**{f.name: row[f.name] for f in dataclasses.fields(EvidenceLink)})
