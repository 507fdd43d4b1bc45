"""schema.org ClaimReview JSON-LD: one object per reviewed claim, for publishing fact checks.

Fields follow schema.org's ClaimReview and Google's fact-check markup documentation:
required claimReviewed, reviewRating.alternateName and url; recommended author,
datePublished, itemReviewed (a Claim with author, datePublished and appearance) and the
numeric rating with bestRating and worstRating.
"""

from __future__ import annotations

from typing import Any

from workbench.core.models import Verdict
from workbench.core.report.json_report import compact
from workbench.core.report.model import Report, ReportClaim, ReportDocument, ReportError
from workbench.core.report.text import safe_url, speaker_type

CONTEXT = "https://schema.org"


def _creative_work(doc: ReportDocument) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork"}
    url = safe_url(doc.url)
    if url:
        work["url"] = url
    if doc.title or not url:
        work["headline"] = doc.title or "Untitled article"
    if doc.published:
        work["datePublished"] = doc.published
    if doc.author:
        work["author"] = {"@type": "Person", "name": doc.author}
    if doc.source:
        work["publisher"] = {"@type": "Organization", "name": doc.source}
    return work


def claim_review(
    report: Report, claim: ReportClaim, docs: dict[int, ReportDocument]
) -> dict[str, Any]:
    settings = report.settings
    url = settings.review_url(claim.id)
    if url is None:
        raise ReportError(
            "ClaimReview needs your organisation's web address; set `url` in the [report] "
            "table of the config file."
        )
    source = docs.get(claim.document_id, ReportDocument(claim.document_id))
    appearances = [_creative_work(source)]
    seen = {claim.document_id}
    for e in claim.stance("supports"):
        if e.document_id not in seen:
            seen.add(e.document_id)
            appearances.append(
                _creative_work(docs.get(e.document_id, ReportDocument(e.document_id)))
            )
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.speaker:
        item["author"] = {"@type": speaker_type(claim.speaker), "name": claim.speaker}
    if source.published:
        item["datePublished"] = source.published
    item["appearance"] = appearances
    rating: dict[str, Any] = {"@type": "Rating"}
    value = settings.rating.value_of(claim.status)
    if value is not None:
        rating["ratingValue"] = value
        rating["bestRating"] = settings.rating.best
        rating["worstRating"] = settings.rating.worst
    rating["alternateName"] = claim.status.label
    author: dict[str, Any] = {"@type": "Organization", "name": settings.organisation_name}
    if settings.url:
        author["url"] = settings.url
    review: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.text,
        "author": author,
    }
    review["datePublished"] = claim.reviewed_at or report.generated_at
    review["reviewRating"] = rating
    review["itemReviewed"] = item
    return review


def claim_reviews(report: Report) -> list[dict[str, Any]]:
    """One ClaimReview per reviewed claim; unreviewed claims have no rating to publish."""
    docs = report.document_index()
    return [
        claim_review(report, c, docs) for c in report.claims if c.status is not Verdict.UNREVIEWED
    ]


def render_claimreview(report: Report) -> str:
    """JSON-LD text, one review per line; <, > and & are written as \\u escapes so it can sit in a <script> tag."""
    reviews = claim_reviews(report)
    text = "[\n" + ",\n".join(f"  {compact(r)}" for r in reviews) + "\n]" if reviews else "[]"
    for char, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escaped)
    return text + "\n"
