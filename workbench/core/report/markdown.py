"""Markdown: for pasting into a newsroom wiki or a pull request; renders safely anywhere.

All text from articles and notes is backslash-escaped, so Markdown or HTML inside an article
shows as the characters it is and never becomes markup, links or raw HTML.
"""

from __future__ import annotations

import re

from workbench.core.models import EvidenceLink
from workbench.core.report.model import Report, ReportClaim, ReportDocument
from workbench.core.report.summary import Count, summarize
from workbench.core.report.text import (
    date_range,
    describe_quantity,
    safe_url,
    scope_lines,
    score,
    segments,
    source_line,
)

_SPECIAL = "\\`*_[]<>|~&#!{}"
_ESCAPES = str.maketrans({c: "\\" + c for c in _SPECIAL})
_NEEDS_ESCAPE = re.compile("[" + re.escape(_SPECIAL) + "]")
_LIST_MARK = re.compile(r"^(\d+)([.)])")


def esc(text: str | None) -> str:
    """Text as inline Markdown: whitespace collapsed, every markup character escaped."""
    if not text:
        return ""
    flat = " ".join(text.split())
    if _NEEDS_ESCAPE.search(flat):
        flat = flat.translate(_ESCAPES)
    if flat[:1] in ("-", "+", "="):
        return "\\" + flat  # would start a list or a heading underline
    if flat[:1].isdigit():
        return _LIST_MARK.sub(r"\1\\\2", flat, count=1)
    return flat


def _url(url: str) -> str:
    return url.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def link(text: str, url: str | None) -> str:
    safe = safe_url(url)
    label = esc(text) or "link"
    return f"[{label}]({_url(safe)})" if safe else label


def _table(title: str, rows: tuple[Count, ...]) -> list[str]:
    if not rows:
        return []
    lines = [f"| {title} | Claims |", "| --- | ---: |"]
    lines += [f"| {esc(r.label)} | {r.count} |" for r in rows]
    return [*lines, ""]


def _source(doc: ReportDocument) -> str:
    return source_line(doc, escape=esc, link=link)


def _context(claim: ReportClaim) -> str:
    out: list[str] = []
    for s in claim.context:
        if s.id != claim.sentence_id:
            out.append(esc(s.text))
            continue
        groups: list[tuple[bool, str]] = []
        for seg in segments(claim):
            if groups and groups[-1][0] == seg.in_claim:
                groups[-1] = (seg.in_claim, groups[-1][1] + seg.text)
            else:
                groups.append((seg.in_claim, seg.text))
        pieces = []
        for in_claim, raw in groups:
            text = esc(raw)
            if in_claim and text:
                text = f"**{text}**"
            lead = " " if raw[:1].isspace() else ""
            trail = " " if raw[-1:].isspace() else ""
            pieces.append(lead + text + trail)
        out.append(" ".join("".join(pieces).split()))
    return " ".join(out)


def _evidence(link_: EvidenceLink, doc: ReportDocument) -> str:
    how = link_.relation + (f", score {score(link_.score)}" if link_.score is not None else "")
    return (
        f"- “{esc(link_.sentence_text)}” — {_source(doc)} "
        f"({esc(how)}; added by {esc(link_.reviewer)} at {esc(link_.created_at)})"
    )


def _claim(claim: ReportClaim, docs: dict[int, ReportDocument]) -> list[str]:
    doc = docs.get(claim.document_id, ReportDocument(claim.document_id))
    verdict = f"**{claim.status.label}**"
    if claim.reviewed_by:
        verdict += f" by {esc(claim.reviewed_by)}"
    if claim.reviewed_at:
        verdict += f" at {esc(claim.reviewed_at)}"
    lines = [
        f'<a id="claim-{claim.id}"></a>',
        f"### Claim {claim.id}: {claim.status.label}",
        "",
        f"> {esc(claim.text)}",
        "",
        f"- **Verdict:** {verdict}",
        f"- **Reviewers:** {esc(', '.join(claim.reviewers)) or 'none'}",
    ]
    if claim.speaker:
        lines.append(f"- **Speaker:** {esc(claim.speaker)}")
    lines += [
        f"- **Source:** {_source(doc)}",
        f"- **Kind:** {esc(claim.kind)} / {esc(claim.type)}, "
        f"check-worthiness {score(claim.checkworthiness)}",
    ]
    if claim.quantities:
        lines.append(
            "- **Numbers:** " + "; ".join(esc(describe_quantity(q)) for q in claim.quantities)
        )
    lines += ["", "**In context:**", "", f"> {_context(claim)}", ""]
    if claim.notes:
        lines += ["**Notes:**", ""]
        lines += [f"- {esc(n.author)} at {esc(n.created_at)}: {esc(n.body)}" for n in claim.notes]
        lines.append("")
    for stance, title in (
        ("supports", "Supporting evidence"),
        ("contradicts", "Contradicting evidence"),
    ):
        found = claim.stance(stance)
        if found:
            lines += [f"**{title}:**", ""]
            lines += [
                _evidence(e, docs.get(e.document_id, ReportDocument(e.document_id))) for e in found
            ]
            lines.append("")
    return lines


def render_markdown(report: Report) -> str:
    summary = summarize(report)
    settings = report.settings
    org = link(settings.organisation_name, settings.url)
    lines = [
        f"# {esc(settings.title)}",
        "",
        f"{org} · generated {esc(report.generated_at)}",
        "",
    ]
    lines += [f"- **{label}:** {esc(value)}" for label, value in scope_lines(report)]
    lines += [
        "",
        "## Summary",
        "",
        f"- **Claims:** {summary.claims}",
        f"- **Reviewed:** {esc(date_range(summary.first_review, summary.last_review))}",
        f"- **Sources published:** {esc(date_range(summary.first_published, summary.last_published))}",
        f"- **Reviewers:** {esc(', '.join(summary.reviewers)) or 'none'}",
        "",
    ]
    lines += _table("Verdict", summary.by_verdict)
    lines += _table("Source", summary.by_source)
    lines += _table("Document", summary.by_document)
    lines += ["## Claims", ""]
    if not report.claims:
        lines += ["No claims match this report's scope.", ""]
    docs = report.document_index()
    for claim in report.claims:
        lines += _claim(claim, docs)
    return "\n".join(lines).rstrip("\n") + "\n"
