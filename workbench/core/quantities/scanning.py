"""Where a pattern may start and which text is already read: the passes over a sentence try
their patterns only at candidate tokens and skip what an earlier pass consumed."""

from __future__ import annotations

import re
from bisect import bisect_left

_SCAN_RE = re.compile(r"[A-Za-z]+|\d+|[$£€¥₹₦]")
DIGIT_RE = re.compile(r"\d")
LETTERS_RE = re.compile(r"[A-Za-z]+")


def scan(text: str, lowered: str) -> list[tuple[int, str]]:
    """Lower-cased word, digit-run and currency-sign tokens with their offsets (ASCII letters
    only, so lower-casing never changes a length): where a match may start."""
    if text.isascii():  # lower-casing the whole text keeps every offset
        return [(m.start(), m.group()) for m in _SCAN_RE.finditer(lowered)]
    return [(m.start(), m.group().lower()) for m in _SCAN_RE.finditer(text)]


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """What `pattern.finditer(text)` finds, trying only `starts` (ascending), for a pattern that
    never matches empty and can begin only there: a full scan runs the pattern at every offset."""
    found: list[re.Match[str]] = []
    pos = 0
    for start in starts:
        if start < pos:
            continue
        m = pattern.match(text, start)
        if m is not None:
            found.append(m)
            pos = m.end()
    return found


class Taken:
    """Spans already read, for overlap tests in logarithmic time (a sentence can hold thousands).

    Spans added during a pass are seen by the next pass, after `freeze()`: within one pass the
    matches come in text order and never reach back into a span added before them.
    """

    __slots__ = ("_spans", "_starts", "_reach", "_added")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._spans = spans
        self._starts: list[int] = []
        self._reach: list[int] = []  # the furthest end among the spans up to this one
        self._added = True
        self.freeze()

    def add(self, start: int, end: int) -> None:
        self._spans.append((start, end))
        self._added = True

    def freeze(self) -> None:
        if not self._added:
            return
        self._added = False
        self._spans.sort()
        self._starts = [s for s, _ in self._spans]
        reach, furthest = [], -1
        for _, e in self._spans:
            furthest = e if e > furthest else furthest
            reach.append(furthest)
        self._reach = reach

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, end)
        return i > 0 and self._reach[i - 1] > start
