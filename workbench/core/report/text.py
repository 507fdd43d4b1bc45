"""Text helpers every renderer shares: highlight spans, quantity wording, speaker kind."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from workbench.core.models import Quantity
from workbench.core.report.model import Report, ReportClaim, ReportDocument


@dataclass(frozen=True)
class Segment:
    """A stretch of the claim's sentence, and whether it is in the claim or in a number."""

    text: str
    in_claim: bool
    in_number: bool


def quantity_span(sentence: str, q: Quantity) -> tuple[int, int] | None:
    """Where a quantity sits in its sentence: its stored offsets, else the first match of its text."""
    if q.raw and 0 <= q.start < q.end <= len(sentence) and sentence[q.start : q.end] == q.raw:
        return q.start, q.end
    if q.raw:
        found = sentence.find(q.raw)
        if found >= 0:
            return found, found + len(q.raw)
    return None


def segments(claim: ReportClaim) -> list[Segment]:
    """The claim's sentence cut at the claim's span and each number, in order."""
    sentence = claim.sentence
    n = len(sentence)
    span = (max(0, min(claim.span_start, n)), max(0, min(claim.span_end, n)))
    numbers = [s for q in claim.quantities if (s := quantity_span(sentence, q)) is not None]
    cuts = sorted({0, n, *span, *(i for s in numbers for i in s)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        in_claim = span[0] <= a and b <= span[1]
        in_number = any(s <= a and b <= e for s, e in numbers)
        if out and out[-1].in_claim == in_claim and out[-1].in_number == in_number:
            out[-1] = Segment(out[-1].text + sentence[a:b], in_claim, in_number)
        else:
            out.append(Segment(sentence[a:b], in_claim, in_number))
    return out


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.6g}"


_CALENDAR_KINDS = frozenset({"year", "date", "time", "period"})


def describe_quantity(q: Quantity) -> str:
    """One reader-facing line: the text as written, then what it was read as."""
    if q.kind in _CALENDAR_KINDS:
        value = ""
    elif q.low is not None and q.high is not None and q.low != q.high:
        value = f"{_number(q.low)}–{_number(q.high)}"
    elif q.value is not None:
        value = _number(q.value)
    else:
        value = ""
    reading = " ".join(x for x in (value, q.unit or "") if x)
    extras = ", ".join(x for x in (q.kind, q.qualifier, q.scope) if x)
    return f"“{q.raw}”" + (f" = {reading}" if reading else "") + (f" ({extras})" if extras else "")


_ORG_WORDS = re.compile(
    r"\b(ministry|ministries|government|kremlin|pentagon|white house|office|department|agency|"
    r"army|forces|military|police|council|commission|committee|party|union|nations|alliance|"
    r"nato|bank|company|group|inc|ltd|corp|corporation|university|institute|organi[sz]ation|"
    r"parliament|senate|congress|court|embassy|authorities|administration|service|command|"
    r"staff|bureau|press|news|media|team|association|federation|foundation)\b",
    re.IGNORECASE,
)


def speaker_type(speaker: str) -> str:
    """schema.org type for a speaker: "Person" for a full name, else "Organization".

    A best guess from the words alone: a single word ("Kyiv", "Pentagon") is far more often a
    government or institution standing for its officials than a bare surname.
    """
    words = speaker.split()
    if _ORG_WORDS.search(speaker) or len(words) < 2:
        return "Organization"
    if all(w[:1].isupper() for w in words if w[:1].isalpha()) and not speaker.isupper():
        return "Person"
    return "Organization"


_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def safe_url(url: str | None) -> str | None:
    """A URL fit for a link, or None: only http(s), so "javascript:" never becomes clickable."""
    if not url:
        return None
    url = url.strip()
    if not url.lower().startswith(("https://", "http://")) or _CONTROL.search(url):
        return None
    return url


def scope_lines(report: Report) -> list[tuple[str, str]]:
    """The filters a report was made with, as (label, value) pairs for its header."""
    f = report.filters
    return [
        ("Verdicts", ", ".join(v.label for v in f.effective_statuses)),
        ("Sources", ", ".join(f.sources) if f.sources else "all"),
        ("Documents", ", ".join(str(d) for d in f.document_ids) if f.document_ids else "all"),
        ("Reviewed since", f.since or "any date"),
        ("Reviewer", f.reviewer or "anyone"),
    ]


def date_range(first: str | None, last: str | None) -> str:
    if not first:
        return "none"
    return first if first == last else f"{first} to {last}"


def score(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def source_line(
    doc: ReportDocument,
    *,
    escape: Callable[[str], str],
    link: Callable[[str, str | None], str],
) -> str:
    """Where a claim comes from, in the same words in every format; markup is the caller's."""
    parts = [link(doc.title or f"Document {doc.id}", doc.url)]
    if doc.source:
        parts.append(escape(doc.source))
    if doc.author:
        parts.append(f"by {escape(doc.author)}")
    if doc.published:
        parts.append(f"published {escape(doc.published)}")
    if doc.external_id:
        parts.append(f"id {escape(doc.external_id)}")
    parts.append(f"document {doc.id}")
    return ", ".join(parts)
