"""What a report holds: every renderer reads these and nothing else, so formats agree."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.core.models import EvidenceLink, NoteRecord, Quantity, Verdict


class ReportError(ValueError):
    """A report cannot be made as asked; str() is one plain sentence saying what to change."""


REVIEWED = tuple(v for v in Verdict if v is not Verdict.UNREVIEWED)


@dataclass(frozen=True)
class RatingScale:
    """How verdicts map onto ClaimReview's numeric rating (Google's 1 = false ... 5 = true)."""

    best: int | float = 5
    worst: int | float = 1
    values: tuple[tuple[Verdict, int | float], ...] = (
        (Verdict.VERIFIED, 5),
        (Verdict.NEEDS_CONTEXT, 4),
        (Verdict.UNVERIFIABLE, 3),
        (Verdict.MISLEADING, 2),
        (Verdict.FALSE, 1),
    )

    def value_of(self, verdict: Verdict) -> int | float | None:
        return dict(self.values).get(verdict)


@dataclass(frozen=True)
class ReportSettings:
    """Who publishes the report: from the [report] table of the config file."""

    organisation: str | None = None
    url: str | None = None
    title: str = "Verified-claim report"
    claim_url: str = "{url}#claim-{id}"
    rating: RatingScale = field(default_factory=RatingScale)

    @property
    def organisation_name(self) -> str:
        """The name to print: the configured one, else the web site's host, else a generic one."""
        if self.organisation:
            return self.organisation
        if self.url:
            host = self.url.split("://", 1)[-1].split("/", 1)[0]
            if host:
                return host
        return "Claim Workbench"

    def review_url(self, claim_id: int) -> str | None:
        if not self.url:
            return None
        return self.claim_url.format(url=self.url.rstrip("/"), id=claim_id)


@dataclass(frozen=True)
class ReportFilters:
    """The scope a report was made with, printed in its header so readers know what is left out."""

    statuses: tuple[Verdict, ...] = ()  # empty: every reviewed verdict
    sources: tuple[str, ...] = ()
    document_ids: tuple[int, ...] = ()
    since: str | None = None
    reviewer: str | None = None

    @property
    def effective_statuses(self) -> tuple[Verdict, ...]:
        return self.statuses or REVIEWED


@dataclass(frozen=True)
class ReportDocument:
    """A source document as readers need it: no import bookkeeping, so reports stay stable."""

    id: int
    title: str | None = None
    source: str | None = None  # the publisher
    url: str | None = None
    published: str | None = None
    author: str | None = None
    external_id: str | None = None


@dataclass(frozen=True)
class ContextSentence:
    """A sentence shown around a claim; the claim's own one has the claim's sentence_id."""

    id: int
    position: int
    text: str


@dataclass(frozen=True)
class ReportClaim:
    """One claim with its verdict, where it was said, and what the reviewers found."""

    id: int
    document_id: int
    sentence_id: int
    text: str
    span_start: int  # the claim's span inside its sentence
    span_end: int
    kind: str
    type: str
    checkworthiness: float
    speaker: str | None
    status: Verdict
    reviewed_by: str | None
    reviewed_at: str | None
    quantities: tuple[Quantity, ...] = ()
    context: tuple[ContextSentence, ...] = ()
    notes: tuple[NoteRecord, ...] = ()
    evidence: tuple[EvidenceLink, ...] = ()

    @property
    def sentence(self) -> str:
        for s in self.context:
            if s.id == self.sentence_id:
                return s.text
        return self.text

    @property
    def reviewers(self) -> tuple[str, ...]:
        """Everyone whose work still stands on this claim: verdict, notes, evidence."""
        names = {n.author for n in self.notes} | {e.reviewer for e in self.evidence}
        if self.reviewed_by:
            names.add(self.reviewed_by)
        return tuple(sorted(names, key=lambda n: (n.casefold(), n)))

    def stance(self, stance: str) -> tuple[EvidenceLink, ...]:
        return tuple(e for e in self.evidence if e.stance == stance)


@dataclass(frozen=True)
class Report:
    generated_at: str
    settings: ReportSettings
    filters: ReportFilters
    documents: tuple[ReportDocument, ...]
    claims: tuple[ReportClaim, ...]

    def document(self, document_id: int) -> ReportDocument:
        for doc in self.documents:
            if doc.id == document_id:
                return doc
        return ReportDocument(document_id)

    def document_index(self) -> dict[int, ReportDocument]:
        return {d.id: d for d in self.documents}
