"""Read-only views for the CLI and the TUI: stats, documents, claim lists and context."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.core.models import (
    ClaimQuery,
    ClaimRecord,
    StoredDocument,
    StoredSentence,
)
from workbench.store import claims as claim_store
from workbench.store import documents
from workbench.store.db import StoreError, connect

DbPath = str | os.PathLike[str] | None


def stats(db_path: DbPath) -> dict[str, object]:
    with connect(db_path) as db:
        return documents.stats(db)


def list_documents(db_path: DbPath) -> list[StoredDocument]:
    with connect(db_path) as db:
        return documents.list_documents(db)


@dataclass(frozen=True)
class DocumentView:
    document: StoredDocument
    cleaned_text: str
    sentences: tuple[StoredSentence, ...]
    claims: tuple[ClaimRecord, ...]


def show_document(db_path: DbPath, ref: str) -> DocumentView:
    with connect(db_path) as db:
        doc = documents.find_document(db, ref)
        if doc is None:
            raise StoreError(f"There is no document {ref!r}; list them with `workbench documents`.")
        _raw, cleaned = documents.document_texts(db, doc.id)
        return DocumentView(
            doc,
            cleaned,
            tuple(documents.sentences_of(db, doc.id)),
            tuple(claim_store.claims_of_document(db, doc.id)),
        )


def claim_ids(db_path: DbPath, query: ClaimQuery) -> list[int]:
    with connect(db_path) as db:
        return claim_store.claim_ids(db, query)


def fetch_claims(db_path: DbPath, ids: Sequence[int]) -> list[ClaimRecord]:
    with connect(db_path) as db:
        return claim_store.fetch_claims(db, ids)


def list_claims(db_path: DbPath, query: ClaimQuery, limit: int | None = None) -> list[ClaimRecord]:
    with connect(db_path) as db:
        return claim_store.list_claims(db, query, limit)


@dataclass(frozen=True)
class ClaimContext:
    """The claim's sentence with its neighbours, and its document, for the source panel."""

    claim: ClaimRecord
    document: StoredDocument
    sentences: tuple[StoredSentence, ...]
    sentence_id: int


def claim_context(db_path: DbPath, claim_id: int, radius: int = 2) -> ClaimContext:
    with connect(db_path) as db:
        claim = claim_store.get_claim(db, claim_id)
        if claim is None:
            raise StoreError(f"There is no claim {claim_id}.")
        doc = documents.get_document(db, claim.document_id)
        sentence = documents.get_sentence(db, claim.sentence_id)
        assert doc is not None and sentence is not None
        around = documents.sentences_around(db, claim.document_id, sentence.position, radius)
        return ClaimContext(claim, doc, tuple(around), sentence.id)


def status_counts(db_path: DbPath) -> dict[str, int]:
    with connect(db_path) as db:
        return claim_store.status_counts(db)


def filter_choices(db_path: DbPath) -> dict[str, list[str]]:
    with connect(db_path) as db:
        return {k: claim_store.distinct_values(db, k) for k in ("type", "kind", "source")}
