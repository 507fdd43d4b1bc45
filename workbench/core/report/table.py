"""CSV: one row per claim for spreadsheets. UTF-8, RFC 4180 quoting, CRLF line ends.

A cell that a spreadsheet would read as a formula (it begins with =, +, -, @, tab or CR)
gets a leading single quote, so an article cannot smuggle a formula into someone's sheet.
"""

from __future__ import annotations

import csv
import io

from workbench.core.report.model import Report, ReportClaim, ReportDocument
from workbench.core.report.text import describe_quantity, score

COLUMNS = (
    "claim_id",
    "verdict",
    "verdict_label",
    "claim",
    "sentence",
    "context",
    "speaker",
    "kind",
    "type",
    "checkworthiness",
    "numbers",
    "reviewed_by",
    "reviewed_at",
    "reviewers",
    "document_id",
    "document_title",
    "publisher",
    "document_url",
    "published",
    "external_id",
    "notes",
    "supporting_evidence",
    "contradicting_evidence",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """Defuse spreadsheet formula injection (OWASP's advice: prefix a single quote)."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _evidence(claim: ReportClaim, stance: str, docs: dict[int, ReportDocument]) -> str:
    lines = []
    for e in claim.stance(stance):
        doc = docs.get(e.document_id, ReportDocument(e.document_id))
        where = ", ".join(x for x in (doc.title, doc.source, doc.url) if x) or f"document {doc.id}"
        lines.append(f"{' '.join(e.sentence_text.split())} [{where}; {e.relation}]")
    return "\n".join(lines)


def _row(claim: ReportClaim, docs: dict[int, ReportDocument]) -> list[str]:
    doc = docs.get(claim.document_id, ReportDocument(claim.document_id))
    return [
        str(claim.id),
        str(claim.status),
        claim.status.label,
        claim.text,
        claim.sentence,
        " ".join(s.text for s in claim.context),
        claim.speaker or "",
        claim.kind,
        claim.type,
        score(claim.checkworthiness),
        "; ".join(describe_quantity(q) for q in claim.quantities),
        claim.reviewed_by or "",
        claim.reviewed_at or "",
        ", ".join(claim.reviewers),
        str(doc.id),
        doc.title or "",
        doc.source or "",
        doc.url or "",
        doc.published or "",
        doc.external_id or "",
        "\n".join(f"{n.author} at {n.created_at}: {n.body}" for n in claim.notes),
        _evidence(claim, "supports", docs),
        _evidence(claim, "contradicts", docs),
    ]


def render_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    docs = report.document_index()
    for claim in report.claims:
        writer.writerow([neutralise(cell) for cell in _row(claim, docs)])
    return out.getvalue()
