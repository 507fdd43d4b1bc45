"""HTML: one self-contained page to send or print. Inline CSS only: no scripts, no external assets.

Every piece of article and note text goes through html.escape, links are only ever http(s),
and a Content-Security-Policy forbids scripts outright, so a hostile article injects nothing.
"""

from __future__ import annotations

from html import escape

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

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

STYLE = """
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --rule: #d0d4d9; --mark: #fff1a8;
  --num: #ffd27a; --verified: #1e7b34; --false: #b3261e; --misleading: #b35c00;
  --unverifiable: #5f6368; --needs_context: #1a5fb4; --unreviewed: #5f6368; }
* { box-sizing: border-box; }
body { font: 16px/1.55 Georgia, "Times New Roman", serif; color: var(--ink); margin: 0 auto;
  max-width: 52rem; padding: 2rem 1.25rem 4rem; }
h1, h2, h3, th, .meta, .badge, dt { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { font-size: 1.05rem; margin: 0 0 .5rem; }
a { color: #1a5fb4; overflow-wrap: anywhere; }
.meta { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; margin: .75rem 0 1.25rem; min-width: 18rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .3rem .75rem .3rem 0; text-align: left;
  vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.tables { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 0 2.5rem; }
dl.scope { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; font-size: .9rem; }
dl.scope dt { color: var(--muted); }
dl.scope dd { margin: 0; }
article.claim { border: 1px solid var(--rule); border-left: 6px solid var(--rule); border-radius: 4px;
  padding: 1rem 1.25rem; margin: 1.25rem 0; }
article.verified { border-left-color: var(--verified); }
article.false { border-left-color: var(--false); }
article.misleading { border-left-color: var(--misleading); }
article.unverifiable { border-left-color: var(--unverifiable); }
article.needs_context { border-left-color: var(--needs_context); }
.badge { display: inline-block; font-size: .8rem; font-weight: 600; color: #fff; border-radius: 3px;
  padding: .05rem .45rem; vertical-align: middle; background: var(--unreviewed); }
.badge.verified { background: var(--verified); }
.badge.false { background: var(--false); }
.badge.misleading { background: var(--misleading); }
.badge.needs_context { background: var(--needs_context); }
blockquote.claim-text { font-size: 1.15rem; margin: .25rem 0 .75rem; padding-left: .9rem;
  border-left: 3px solid var(--rule); }
.context { background: #f6f7f9; padding: .6rem .8rem; border-radius: 4px; }
.context .around { color: var(--muted); }
mark { background: var(--mark); color: inherit; padding: 0 .05em; }
mark.num { background: var(--num); font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .75rem 0; }
dl.facts dt { color: var(--muted); font-size: .9rem; }
dl.facts dd { margin: 0; }
ul { padding-left: 1.2rem; margin: .25rem 0; }
li { margin: .2rem 0; }
.note-body { white-space: pre-wrap; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: 8.5pt; color: #444; }
  article.claim { break-inside: avoid; page-break-inside: avoid; border-color: #999; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .context { background: none; border: 1px solid #ccc; }
  mark, mark.num, .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  @page { margin: 16mm 14mm; }
}
"""


def esc(text: str | None) -> str:
    return escape(text or "", quote=True)


def link(text: str, url: str | None) -> str:
    safe = safe_url(url)
    if safe is None:
        return esc(text)
    return f'<a href="{esc(safe)}" rel="noopener noreferrer">{esc(text)}</a>'


def _table(title: str, rows: tuple[Count, ...]) -> str:
    if not rows:
        return ""
    body = "".join(f'<tr><td>{esc(r.label)}</td><td class="n">{r.count}</td></tr>' for r in rows)
    return (
        f'<table><thead><tr><th>{esc(title)}</th><th class="n">Claims</th></tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def _source(doc: ReportDocument) -> str:
    return source_line(doc, escape=esc, link=link)


def highlighted(claim: ReportClaim) -> str:
    """The claim's sentence with the claim's span and its numbers in <mark>, all text escaped."""
    out: list[str] = []
    open_claim = False
    for seg in segments(claim):
        if seg.in_claim != open_claim:
            out.append('<mark class="span">' if seg.in_claim else "</mark>")
            open_claim = seg.in_claim
        text = esc(seg.text)
        out.append(f'<mark class="num">{text}</mark>' if seg.in_number else text)
    if open_claim:
        out.append("</mark>")
    return "".join(out)


def _context(claim: ReportClaim) -> str:
    parts = [
        highlighted(claim)
        if s.id == claim.sentence_id
        else f'<span class="around">{esc(s.text)}</span>'
        for s in claim.context
    ]
    return f'<p class="context">{" ".join(parts)}</p>'


def _evidence(e: EvidenceLink, doc: ReportDocument) -> str:
    how = e.relation + (f", score {score(e.score)}" if e.score is not None else "")
    return (
        f"<li>“{esc(e.sentence_text)}” — {_source(doc)} "
        f'<span class="meta">({esc(how)}; added by {esc(e.reviewer)} at {esc(e.created_at)})</span></li>'
    )


def _claim(claim: ReportClaim, docs: dict[int, ReportDocument]) -> str:
    doc = docs.get(claim.document_id, ReportDocument(claim.document_id))
    status = esc(str(claim.status))
    verdict = f'<span class="badge {status}">{esc(claim.status.label)}</span>'
    decided = " ".join(
        x
        for x in (
            f"by {esc(claim.reviewed_by)}" if claim.reviewed_by else "",
            f"at {esc(claim.reviewed_at)}" if claim.reviewed_at else "",
        )
        if x
    )
    facts = [
        ("Verdict", f"{verdict} {decided}".strip()),
        ("Reviewers", esc(", ".join(claim.reviewers)) or "none"),
    ]
    if claim.speaker:
        facts.append(("Speaker", esc(claim.speaker)))
    facts.append(("Source", _source(doc)))
    facts.append(
        (
            "Kind",
            f"{esc(claim.kind)} / {esc(claim.type)}, check-worthiness {score(claim.checkworthiness)}",
        )
    )
    if claim.quantities:
        items = "".join(f"<li>{esc(describe_quantity(q))}</li>" for q in claim.quantities)
        facts.append(("Numbers", f"<ul>{items}</ul>"))
    if claim.notes:
        items = "".join(
            f'<li><span class="meta">{esc(n.author)} at {esc(n.created_at)}:</span> '
            f'<span class="note-body">{esc(n.body)}</span></li>'
            for n in claim.notes
        )
        facts.append(("Notes", f"<ul>{items}</ul>"))
    for stance, title in (("supports", "Supported by"), ("contradicts", "Contradicted by")):
        found = claim.stance(stance)
        if found:
            items = "".join(
                _evidence(e, docs.get(e.document_id, ReportDocument(e.document_id))) for e in found
            )
            facts.append((title, f"<ul>{items}</ul>"))
    rows = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in facts)
    return (
        f'<article class="claim {status}" id="claim-{claim.id}">'
        f"<h3>Claim {claim.id} {verdict}</h3>"
        f'<blockquote class="claim-text">{esc(claim.text)}</blockquote>'
        f"{_context(claim)}"
        f'<dl class="facts">{rows}</dl>'
        "</article>\n"
    )


def render_html(report: Report) -> str:
    summary = summarize(report)
    settings = report.settings
    docs = report.document_index()
    scope = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in scope_lines(report))
    tables = (
        _table("Verdict", summary.by_verdict)
        + _table("Source", summary.by_source)
        + _table("Document", summary.by_document)
    )
    claims = "".join(_claim(c, docs) for c in report.claims) or (
        "<p>No claims match this report's scope.</p>"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(settings.title)} · {esc(settings.organisation_name)}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<header><h1>{esc(settings.title)}</h1>"
        f'<p class="meta">{link(settings.organisation_name, settings.url)} · generated '
        f"{esc(report.generated_at)}</p>"
        f'<dl class="scope">{scope}</dl></header>\n'
        "<section><h2>Summary</h2>"
        f'<dl class="facts"><dt>Claims</dt><dd>{summary.claims}</dd>'
        f"<dt>Reviewed</dt><dd>{esc(date_range(summary.first_review, summary.last_review))}</dd>"
        "<dt>Sources published</dt>"
        f"<dd>{esc(date_range(summary.first_published, summary.last_published))}</dd>"
        f"<dt>Reviewers</dt><dd>{esc(', '.join(summary.reviewers)) or 'none'}</dd></dl>"
        f'<div class="tables">{tables}</div></section>\n'
        f"<section><h2>Claims</h2>\n{claims}</section>\n"
        "</body>\n</html>\n"
    )
