"""Reviewer actions on claims: the same path for the TUI keys and the CLI commands."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from workbench.core.models import (
    ClaimRecord,
    EvidenceLink,
    HistoryEntry,
    NoteRecord,
    Verdict,
)
from workbench.ops.clock import now_iso
from workbench.store import claims as claim_store
from workbench.store import review as review_store
from workbench.store.db import StoreError, connect

DbPath = str | os.PathLike[str] | None

VERDICT_ALIASES = {
    "true": Verdict.VERIFIED,
    "verified": Verdict.VERIFIED,
    "false": Verdict.FALSE,
    "misleading": Verdict.MISLEADING,
    "unverifiable": Verdict.UNVERIFIABLE,
    "needs_context": Verdict.NEEDS_CONTEXT,
    "needs-context": Verdict.NEEDS_CONTEXT,
    "context": Verdict.NEEDS_CONTEXT,
    "unreviewed": Verdict.UNREVIEWED,
}


def parse_verdict(text: str) -> Verdict:
    try:
        return VERDICT_ALIASES[text.strip().lower()]
    except KeyError:
        choices = ", ".join(sorted({str(v) for v in Verdict}))
        raise StoreError(f"Unknown verdict {text!r}; use one of: {choices}.") from None


@dataclass(frozen=True)
class ClaimDetail:
    """Everything the side panels show for one claim."""

    claim: ClaimRecord
    notes: tuple[NoteRecord, ...]
    history: tuple[HistoryEntry, ...]
    evidence: tuple[EvidenceLink, ...]


def _claim_or_error(db: Database, claim_id: int) -> ClaimRecord:
    found = claim_store.get_claim(db, claim_id)
    if found is None:
        raise StoreError(f"There is no claim {claim_id}; list claims with `workbench claims`.")
    return found


def set_verdict(
    db_path: DbPath,
    claim_id: int,
    verdict: Verdict,
    *,
    reviewer: str,
    expected_version: int | None = None,
    note: str | None = None,
) -> ClaimRecord:
    with connect(db_path) as db:
        review_store.set_verdict(
            db,
            claim_id,
            verdict,
            reviewer=reviewer,
            at=now_iso(),
            expected_version=expected_version,
            note=note,
        )
        return _claim_or_error(db, claim_id)


def set_verdicts(
    db_path: DbPath,
    claim_ids: Sequence[int],
    verdict: Verdict,
    *,
    reviewer: str,
    expected_versions: dict[int, int] | None = None,
) -> int:
    with connect(db_path) as db:
        return review_store.set_verdicts(
            db,
            claim_ids,
            verdict,
            reviewer=reviewer,
            at=now_iso(),
            expected_versions=expected_versions,
        )


def add_note(
    db_path: DbPath,
    claim_id: int,
    body: str,
    *,
    reviewer: str,
    expected_version: int | None = None,
) -> NoteRecord:
    if not body.strip():
        raise StoreError("The note is empty; type some text to save it.")
    with connect(db_path) as db:
        _claim_or_error(db, claim_id)
        note_id = review_store.add_note(
            db, claim_id, body, reviewer=reviewer, at=now_iso(), expected_version=expected_version
        )
        return next(n for n in review_store.notes(db, claim_id) if n.id == note_id)


def add_evidence(
    db_path: DbPath,
    claim_id: int,
    sentence_id: int,
    *,
    stance: str,
    relation: str,
    score: float | None,
    reviewer: str,
) -> int:
    if stance not in ("supports", "contradicts"):
        raise StoreError(f"Unknown stance {stance!r}; use supports or contradicts.")
    with connect(db_path) as db:
        return review_store.add_evidence(
            db,
            claim_id,
            sentence_id,
            stance=stance,
            relation=relation,
            score=score,
            reviewer=reviewer,
            at=now_iso(),
        )


def undo(db_path: DbPath, *, reviewer: str) -> HistoryEntry | None:
    with connect(db_path) as db:
        return review_store.undo_last(db, reviewer=reviewer, at=now_iso())


def history(db_path: DbPath, claim_id: int) -> list[HistoryEntry]:
    with connect(db_path) as db:
        _claim_or_error(db, claim_id)
        return review_store.history(db, claim_id)


def detail(db_path: DbPath, claim_id: int) -> ClaimDetail:
    with connect(db_path) as db:
        return ClaimDetail(
            claim=_claim_or_error(db, claim_id),
            notes=tuple(review_store.notes(db, claim_id)),
            history=tuple(review_store.history(db, claim_id)),
            evidence=tuple(review_store.evidence(db, claim_id)),
        )
