"""Plain data shared by every layer: what the core produces and the store hands back."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Role(enum.StrEnum):
    """Why a stretch of cleaned text is there: article body or a photo caption."""

    BODY = "body"
    CAPTION = "caption"


class Verdict(enum.StrEnum):
    """A reviewer's decision on a claim. UNREVIEWED is the starting state."""

    UNREVIEWED = "unreviewed"
    VERIFIED = "verified"
    FALSE = "false"
    MISLEADING = "misleading"
    UNVERIFIABLE = "unverifiable"
    NEEDS_CONTEXT = "needs_context"

    @property
    def label(self) -> str:
        return _VERDICT_LABELS[self]


_VERDICT_LABELS = {
    Verdict.UNREVIEWED: "Unreviewed",
    Verdict.VERIFIED: "Verified (true)",
    Verdict.FALSE: "False",
    Verdict.MISLEADING: "Misleading",
    Verdict.UNVERIFIABLE: "Unverifiable",
    Verdict.NEEDS_CONTEXT: "Needs context",
}


@dataclass(frozen=True)
class Paragraph:
    """A block of cleaned text; sentences never cross a paragraph boundary."""

    start: int
    end: int
    role: Role = Role.BODY


@dataclass(frozen=True)
class Article:
    """One input article after reading and cleaning, before it is stored."""

    raw_text: str
    cleaned_text: str
    paragraphs: tuple[Paragraph, ...]
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    external_id: str | None = None
    origin: str | None = None
    format: str = "txt"


@dataclass(frozen=True)
class Sentence:
    """A sentence with exact offsets: cleaned_text[start:end] == text."""

    position: int
    start: int
    end: int
    text: str
    role: Role = Role.BODY


@dataclass(frozen=True)
class Quantity:
    """One normalized number in a claim. Offsets are relative to the analysed text."""

    raw: str
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    scope: str | None = None
    start: int = 0
    end: int = 0
    # count | percent | money | measure | duration | age | fraction | year | period | date | time
    kind: str = "count"


@dataclass(frozen=True)
class Claim:
    """A checkable statement found in a text. Offsets are relative to the analysed text."""

    text: str
    start: int
    end: int
    kind: str  # "numeric" | "factual"
    type: str
    checkworthiness: float
    reasons: tuple[str, ...] = ()
    speaker: str | None = None
    quantities: tuple[Quantity, ...] = field(default_factory=tuple)


# --- What the store hands back ------------------------------------------------------------


@dataclass(frozen=True)
class StoredDocument:
    id: int
    external_id: str | None
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    author: str | None
    origin: str | None
    format: str
    content_hash: str
    imported_at: str
    sentence_count: int = 0
    claim_count: int = 0


@dataclass(frozen=True)
class StoredSentence:
    id: int
    document_id: int
    position: int
    start: int
    end: int
    text: str
    role: Role


@dataclass(frozen=True)
class ClaimRecord:
    """A stored claim with its review state and where it comes from."""

    id: int
    document_id: int
    sentence_id: int
    start: int
    end: int
    text: str
    kind: str
    type: str
    checkworthiness: float
    reasons: tuple[str, ...]
    speaker: str | None
    quantities: tuple[Quantity, ...]
    status: Verdict
    version: int
    reviewed_by: str | None
    reviewed_at: str | None
    stale: bool
    sentence_text: str = ""
    sentence_start: int = 0
    document_title: str | None = None
    document_source: str | None = None
    external_id: str | None = None


@dataclass(frozen=True)
class NoteRecord:
    id: int
    claim_id: int
    body: str
    author: str
    created_at: str


@dataclass(frozen=True)
class HistoryEntry:
    """One row of the append-only audit log."""

    id: int
    claim_id: int
    action: str  # verdict | note | evidence | undo
    field: str
    old_value: str | None
    new_value: str | None
    reviewer: str
    at: str
    ref_id: int | None = None
    undoes: int | None = None


@dataclass(frozen=True)
class EvidenceLink:
    id: int
    claim_id: int
    sentence_id: int
    stance: str  # supports | contradicts
    relation: str  # agrees | conflicts | related
    score: float | None
    reviewer: str
    created_at: str
    sentence_text: str = ""
    document_id: int = 0
    document_title: str | None = None
    document_source: str | None = None
    document_url: str | None = None
    external_id: str | None = None


class SortOrder(enum.StrEnum):
    SCORE = "score"
    DOCUMENT = "document"
    SOURCE = "source"
    STATUS = "status"


@dataclass(frozen=True)
class ClaimQuery:
    """What the claims list shows: filters, search and order. The default shows everything."""

    statuses: tuple[Verdict, ...] = ()
    types: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    min_score: float = 0.0
    search: str = ""
    document_id: int | None = None
    conflicts_only: bool = False
    include_stale: bool = False
    sort: SortOrder = SortOrder.SCORE
