"""Where a claim's numbers sit inside the texts the UI shows.

Quantity offsets are relative to the claim's sentence; the claim's own span is in document
offsets. These functions translate both into offsets of the text being drawn.
"""

from __future__ import annotations

from workbench.core.models import ClaimRecord


def claim_in_sentence(claim: ClaimRecord) -> tuple[int, int]:
    """The claim's span inside its sentence text."""
    start = max(0, claim.start - claim.sentence_start)
    end = max(start, min(len(claim.sentence_text), claim.end - claim.sentence_start))
    return start, end


def number_spans_in_sentence(claim: ClaimRecord) -> list[tuple[int, int]]:
    length = len(claim.sentence_text)
    return [
        (max(0, q.start), min(length, q.end))
        for q in claim.quantities
        if 0 <= q.start < q.end and q.start < length
    ]


def number_spans_in_claim(claim: ClaimRecord) -> list[tuple[int, int]]:
    """Quantity spans shifted into the claim text, clipped to it."""
    offset = claim.start - claim.sentence_start
    length = len(claim.text)
    spans = []
    for start, end in number_spans_in_sentence(claim):
        s, e = max(0, start - offset), min(length, end - offset)
        if s < e:
            spans.append((s, e))
    return spans
