"""Re-running extraction over stored documents, and scanning text without storing it."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from workbench.core.analysis import claims_for
from workbench.core.extract import EXTRACTOR_VERSION, extract_claims
from workbench.core.models import Claim, Role, Sentence
from workbench.store import claims as claim_store
from workbench.store import documents
from workbench.store.db import connect

DbPath = str | os.PathLike[str] | None


@dataclass(frozen=True)
class ExtractReport:
    documents: int
    kept: int
    added: int
    retired: int


def extract_all(
    db_path: DbPath, *, progress: Callable[[int, int], None] | None = None
) -> ExtractReport:
    """Re-extract every document; a claim that still exists keeps its id, verdict and notes."""
    kept = added = retired = 0
    with connect(db_path) as db:
        ids = claim_store.document_ids(db)
        for n, document_id in enumerate(ids, start=1):
            stored = documents.sentences_of(db, document_id)
            sentences = [
                Sentence(s.position, s.start, s.end, s.text, s.role)
                for s in stored
                if s.role is Role.BODY
            ]
            k, a, r = claim_store.reconcile_document_claims(
                db, document_id, claims_for(sentences), extractor_version=EXTRACTOR_VERSION
            )
            kept, added, retired = kept + k, added + a, retired + r
            if progress:
                progress(n, len(ids))
    return ExtractReport(len(ids), kept, added, retired)


def claim_json(claim: Claim) -> dict[str, Any]:
    """The documented `scan` shape of one claim."""
    return {
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "kind": claim.kind,
        "type": claim.type,
        "checkworthiness": round(claim.checkworthiness, 4),
        "reasons": list(claim.reasons),
        "speaker": claim.speaker,
        "quantities": [
            {
                k: v
                for k, v in dataclasses.asdict(q).items()
                if k in ("raw", "value", "low", "high", "unit", "qualifier", "scope")
            }
            for q in claim.quantities
        ],
    }


def scan_lines(lines: Iterable[str], *, threshold: float | None = None) -> Iterator[dict[str, Any]]:
    """One result per input line, in order: the stable interface for pipelines."""
    for number, line in enumerate(lines, start=1):
        text = line.rstrip("\r\n")
        yield {
            "line": number,
            "text": text,
            "claims": [claim_json(c) for c in extract_claims(text, threshold=threshold)],
        }
