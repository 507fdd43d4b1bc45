"""JSON: the whole report as data, versioned, and loadable back into the same dataclasses.

Each document and each claim sits on one line. Layout (version 1): {"format": "claim-workbench-report", "version": 1, "generated_at",
"settings", "filters", "summary", "documents": [...], "claims": [...]}. "summary" is derived
from the claims, written for readers' convenience and ignored on load. New keys may be added
within a version; anything that changes or removes a key bumps the version.
"""

from __future__ import annotations

import json
from typing import Any

from workbench.core.models import EvidenceLink, NoteRecord, Quantity, Verdict
from workbench.core.report.model import (
    ContextSentence,
    RatingScale,
    Report,
    ReportClaim,
    ReportDocument,
    ReportError,
    ReportFilters,
    ReportSettings,
)
from workbench.core.report.summary import summarize

FORMAT = "claim-workbench-report"
VERSION = 1


def _plain(obj: Any) -> dict[str, Any]:
    """A dataclass's fields in declaration order (vars() is several times faster than asdict)."""
    return dict(vars(obj))


def _settings(s: ReportSettings) -> dict[str, Any]:
    return {
        "organisation": s.organisation,
        "organisation_name": s.organisation_name,
        "url": s.url,
        "title": s.title,
        "claim_url": s.claim_url,
        "rating": {
            "best": s.rating.best,
            "worst": s.rating.worst,
            "values": {str(v): n for v, n in s.rating.values},
        },
    }


def _claim(c: ReportClaim) -> dict[str, Any]:
    return {
        "id": c.id,
        "document_id": c.document_id,
        "sentence_id": c.sentence_id,
        "text": c.text,
        "span": [c.span_start, c.span_end],
        "kind": c.kind,
        "type": c.type,
        "checkworthiness": c.checkworthiness,
        "speaker": c.speaker,
        "verdict": str(c.status),
        "verdict_label": c.status.label,
        "reviewed_by": c.reviewed_by,
        "reviewed_at": c.reviewed_at,
        "reviewers": list(c.reviewers),
        "quantities": [_plain(q) for q in c.quantities],
        "context": [
            {"id": s.id, "position": s.position, "text": s.text, "is_claim": s.id == c.sentence_id}
            for s in c.context
        ],
        "notes": [_plain(n) for n in c.notes],
        "evidence": [_plain(e) for e in c.evidence],
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    summary = summarize(report)
    f = report.filters
    return {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": report.generated_at,
        "settings": _settings(report.settings),
        "filters": {
            "statuses": [str(s) for s in f.statuses],
            "sources": list(f.sources),
            "document_ids": list(f.document_ids),
            "since": f.since,
            "reviewer": f.reviewer,
        },
        "summary": {
            "claims": summary.claims,
            "by_verdict": [_plain(c) for c in summary.by_verdict],
            "by_source": [_plain(c) for c in summary.by_source],
            "by_document": [_plain(c) for c in summary.by_document],
            "reviewed": {"first": summary.first_review, "last": summary.last_review},
            "published": {"first": summary.first_published, "last": summary.last_published},
            "reviewers": list(summary.reviewers),
        },
        "documents": [_plain(d) for d in report.documents],
        "claims": [_claim(c) for c in report.claims],
    }


def compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def dumps_by_record(data: dict[str, Any], records: tuple[str, ...]) -> str:
    """Pretty top level, one line per record in the `records` lists.

    A changed claim changes one line, so reports diff cleanly, and the C encoder writes each
    line (an indented dump of 10,000 claims runs in pure Python and takes seconds).
    """
    lines = ["{"]
    last = len(data) - 1
    for i, (key, value) in enumerate(data.items()):
        comma = "," if i < last else ""
        if key in records and isinstance(value, list) and value:
            lines.append(f"  {compact(key)}: [")
            lines.append(",\n".join(f"    {compact(item)}" for item in value))
            lines.append(f"  ]{comma}")
        else:
            body = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            lines.append(f"  {compact(key)}: {body}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_json(report: Report) -> str:
    return dumps_by_record(report_to_dict(report), ("documents", "claims"))


# --- Loading ----------------------------------------------------------------------------------


def _verdict(value: str) -> Verdict:
    try:
        return Verdict(value)
    except ValueError:
        raise ReportError(f"Unknown verdict {value!r} in the report file.") from None


def _load_claim(d: dict[str, Any]) -> ReportClaim:
    return ReportClaim(
        id=d["id"],
        document_id=d["document_id"],
        sentence_id=d["sentence_id"],
        text=d["text"],
        span_start=d["span"][0],
        span_end=d["span"][1],
        kind=d["kind"],
        type=d["type"],
        checkworthiness=d["checkworthiness"],
        speaker=d["speaker"],
        status=_verdict(d["verdict"]),
        reviewed_by=d["reviewed_by"],
        reviewed_at=d["reviewed_at"],
        quantities=tuple(Quantity(**q) for q in d["quantities"]),
        context=tuple(ContextSentence(s["id"], s["position"], s["text"]) for s in d["context"]),
        notes=tuple(NoteRecord(**n) for n in d["notes"]),
        evidence=tuple(EvidenceLink(**e) for e in d["evidence"]),
    )


def report_from_json(text: str) -> Report:
    """Load a report written by render_json; refuses other files and other versions."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportError(f"This is not a JSON report ({exc}).") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ReportError(f'This JSON is not a Claim Workbench report (no "format": "{FORMAT}").')
    if data.get("version") != VERSION:
        raise ReportError(
            f"This report is version {data.get('version')!r}; this workbench reads version {VERSION}."
        )
    try:
        s, f = data["settings"], data["filters"]
        rating = s["rating"]
        settings = ReportSettings(
            organisation=s["organisation"],
            url=s["url"],
            title=s["title"],
            claim_url=s["claim_url"],
            rating=RatingScale(
                best=rating["best"],
                worst=rating["worst"],
                values=tuple((_verdict(k), v) for k, v in rating["values"].items()),
            ),
        )
        filters = ReportFilters(
            statuses=tuple(_verdict(v) for v in f["statuses"]),
            sources=tuple(f["sources"]),
            document_ids=tuple(f["document_ids"]),
            since=f["since"],
            reviewer=f["reviewer"],
        )
        return Report(
            generated_at=data["generated_at"],
            settings=settings,
            filters=filters,
            documents=tuple(ReportDocument(**d) for d in data["documents"]),
            claims=tuple(_load_claim(c) for c in data["claims"]),
        )
    except (KeyError, TypeError, IndexError) as exc:
        raise ReportError(f"The report file is incomplete or damaged ({exc!r}).") from None
