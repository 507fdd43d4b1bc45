"""The summary that opens every report: counts, date ranges and reviewers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from workbench.core.report.model import Report

UNKNOWN_SOURCE = "(unknown source)"


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Summary:
    claims: int
    by_verdict: tuple[Count, ...]
    by_source: tuple[Count, ...]
    by_document: tuple[Count, ...]
    first_review: str | None
    last_review: str | None
    first_published: str | None
    last_published: str | None
    reviewers: tuple[str, ...]


def summarize(report: Report) -> Summary:
    docs = report.document_index()
    verdicts = Counter(c.status for c in report.claims)
    sources = Counter(docs[c.document_id].source or UNKNOWN_SOURCE for c in report.claims)
    per_doc = Counter(c.document_id for c in report.claims)
    reviewed = sorted(c.reviewed_at for c in report.claims if c.reviewed_at)
    published = sorted(
        {p for d in per_doc if (p := docs[d].published if d in docs else None)},
    )
    reviewers = {name for c in report.claims for name in c.reviewers}
    shown = list(report.filters.effective_statuses)
    shown += [v for v in verdicts if v not in shown]
    return Summary(
        claims=len(report.claims),
        by_verdict=tuple(Count(str(v), v.label, verdicts.get(v, 0)) for v in shown),
        by_source=tuple(
            Count(name, name, n) for name, n in sorted(sources.items(), key=lambda i: (-i[1], i[0]))
        ),
        by_document=tuple(
            Count(str(d), _document_label(docs.get(d), d), per_doc[d]) for d in sorted(per_doc)
        ),
        first_review=reviewed[0] if reviewed else None,
        last_review=reviewed[-1] if reviewed else None,
        first_published=published[0] if published else None,
        last_published=published[-1] if published else None,
        reviewers=tuple(sorted(reviewers, key=lambda n: (n.casefold(), n))),
    )


def _document_label(doc: object, document_id: int) -> str:
    title = getattr(doc, "title", None)
    source = getattr(doc, "source", None)
    name = title or f"Document {document_id}"
    return f"{name} ({source})" if source else name
