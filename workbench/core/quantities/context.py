"""What a quantity takes from its neighbours: a unit carried over ("and eight in ...") and
the time expression that scopes it."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from workbench.core.models import Quantity
from workbench.core.quantities.times import TimeSpan

_LINK_RE = re.compile(r"\b(?:and|or|but|while|with|including|of\s+whom|to|than|from|versus|vs)\b|,")
_STOP_PUNCT_RE = re.compile(r"[.;:]")


def carry_units(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """'24 soldiers this year and eight in the past two weeks': the eight are soldiers too; in
    'four years in prison, two of them suspended' the two are years."""
    out: list[Quantity] = []
    for q in quantities:
        if q.kind == "count" and q.unit is None and out:
            prev = out[-1]
            if (
                prev.kind in ("count", "duration", "age")  # "aged 23 and 25"
                and prev.unit
                and q.start - prev.end < 80
                and _LINK_RE.search(between := text[prev.end : q.start])
                and not _STOP_PUNCT_RE.search(between)
            ):
                # "four years in prison, two of them suspended": two years
                q = replace(q, unit=prev.unit, kind=prev.kind)
        out.append(q)
    return out


def carry_of(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """'3 of the 27 member states', '11 of its last 12 games': the part takes the whole's noun."""
    out = list(quantities)
    for i in range(len(out) - 1):
        q, nxt = out[i], out[i + 1]
        if (
            q.unit is None
            and q.kind in ("count", "fraction")  # "one in four of the region's 600 schools"
            and nxt.unit
            and nxt.kind == "count"
            and _OF_BETWEEN_RE.fullmatch(text, q.end, max(q.end, nxt.start))
        ):
            out[i] = replace(q, unit=nxt.unit)
    return out


_OF_BETWEEN_RE = re.compile(
    r"\s++of\s++(?:the|its|their|his|her|our|these|those)?\s*+"
    r"(?:[a-z]+['’]s\s++)?"
    r"(?:last|first|next)?\s*+"
)
# What stops a time expression from scoping a number: the patterns are searched in the text
# between the two, looking after the number, then before it, then further after it.
_AFTER_STOP_RE = re.compile(r"[;:]|\.\s")
_BEFORE_STOP_RE = re.compile(r"[;]|\.\s")
_BEFORE_STOP_WORD_RE = re.compile(r"now|currently|today")  # as whole words
_WORD_EDGE_RE = re.compile(r"\b")
_LATER_STOP_RE = re.compile(r",\s|;|\.\s")


class _Stops:
    """Where the stop patterns occur in a text, so "is there a stop between a and b" is a
    bisection instead of a search of the gap (a long sentence has long gaps)."""

    def __init__(self, text: str, pattern: re.Pattern[str]) -> None:
        # one or two characters, never overlapping: sorted by start is sorted by end too
        spans = [m.span() for m in pattern.finditer(text)]
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def between(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, start)
        return i < len(self._ends) and self._ends[i] <= end

    def last_start(self, end: int) -> int:
        """The start of the last stop that ends by `end`, or -1."""
        i = bisect_right(self._ends, end)
        return self._starts[i - 1] if i else -1


class _StopWords:
    """Whole-word "now", "currently", "today", read as re.search reads them in `text[a:b]`: the
    slice edges count as word boundaries, which the whole text may not have there."""

    def __init__(self, text: str) -> None:
        self._text = text
        self.by_start: dict[int, int] = {}
        self.by_end: dict[int, int] = {}
        self._left_ok: set[int] = set()  # starts with a word boundary before them in `text`
        whole: list[tuple[int, int]] = []  # boundaries on both sides in `text`
        for m in _BEFORE_STOP_WORD_RE.finditer(text):
            s, e = m.span()
            self.by_start[s] = e
            self.by_end[e] = s
            left = _WORD_EDGE_RE.match(text, s) is not None
            if left:
                self._left_ok.add(s)
                if _WORD_EDGE_RE.match(text, e) is not None:
                    whole.append((s, e))
        self._whole_starts = [s for s, _ in whole]
        self._whole_ends = [e for _, e in whole]

    def last_start(self, end: int) -> int:
        """The start of the last word that stops every slice ending at `end` that holds it."""
        i = bisect_right(self._whole_ends, end)
        last = self._whole_starts[i - 1] if i else -1
        s = self.by_end.get(end, -1)  # at the slice end a boundary is implied
        return s if s > last and s in self._left_ok else last

    def at(self, start: int, end: int) -> bool:
        """Does a word that stops `text[start:end]` begin at `start` (a boundary is implied)?"""
        e = self.by_start.get(start)
        return (
            e is not None
            and e <= end
            and (e == end or _WORD_EDGE_RE.match(self._text, e) is not None)
        )


class _ScopeStops:
    """The stop indexes `attach_scopes` needs, built on first use: most numbers take the time
    expression right after them and never need one."""

    def __init__(self, text: str, times: list[TimeSpan]) -> None:
        self._text = text
        self._times = times
        self._after: _Stops | None = None
        self._later: _Stops | None = None
        self._before: tuple[_Stops, _StopWords, list[int]] | None = None

    def after(self, start: int, end: int) -> bool:
        if self._after is None:
            self._after = _Stops(self._text, _AFTER_STOP_RE)
        return self._after.between(start, end)

    def later(self, start: int, end: int) -> bool:
        if self._later is None:
            self._later = _Stops(self._text, _LATER_STOP_RE)
        return self._later.between(start, end)

    def before(self) -> tuple[_Stops, _StopWords, list[int]]:
        """Stops, stop words, and free[k]: the last time span at or before k whose end no stop
        word starts at with room left before the next span (so the word lies wholly before
        any number after that span)."""
        if self._before is None:
            text, times = self._text, self._times
            stop_words = _StopWords(text)
            free: list[int] = []
            for k, t in enumerate(times):
                e = stop_words.by_start.get(t.end)
                blocked = (
                    e is not None
                    and k + 1 < len(times)
                    and e <= times[k + 1].start
                    and _WORD_EDGE_RE.match(text, e) is not None
                )
                free.append((free[k - 1] if k else -1) if blocked else k)
            self._before = (_Stops(text, _BEFORE_STOP_RE), stop_words, free)
        return self._before


def attach_scopes(text: str, quantities: list[Quantity], times: list[TimeSpan]) -> list[Quantity]:
    """Give each number the time expression that qualifies it: the next one before the next
    number, else the last one before it, else the next one in the same clause.

    Time spans are disjoint and in order, so each choice is a bisection plus a stop test.
    """
    times = [t for t in times if not _is_record(text, t) and not _is_reporting_day(text, t)]
    if not times:
        return quantities
    starts = [t.start for t in times]
    ends = [t.end for t in times]
    numeric_starts = [q.start for q in quantities if q.kind != "time"]
    stops = _ScopeStops(text, times)
    out: list[Quantity] = []
    for q in quantities:
        if q.kind == "time" or q.scope or _ends_a_compound_duration(text, q, times, ends):
            out.append(q)
            continue
        n = bisect_right(numeric_starts, q.start)
        next_start = numeric_starts[n] if n < len(numeric_starts) else None
        first_after = bisect_left(starts, q.end)
        chosen: TimeSpan | None = None
        if first_after < len(times):
            t = times[first_after]
            if (
                (next_start is None or t.end <= next_start)
                and not stops.after(q.end, t.start)
                and not _across_relative_clause(text, q.start, q.end, t.start)
            ):
                chosen = t
        if chosen is None and ends[0] <= q.start:
            chosen = _scope_before(text, q.start, times, ends, *stops.before())
        if chosen is None and first_after < len(times):
            t = times[first_after]
            if (
                not stops.later(q.end, t.start) or _closes_a_list(text, q.end, t, numeric_starts)
            ) and not _across_relative_clause(text, q.start, q.end, t.start):
                chosen = t
        if chosen is not None:
            chosen.used = True
            q = replace(q, scope=chosen.scope)
        out.append(q)
    return out


def _ends_a_compound_duration(
    text: str, q: Quantity, times: list[TimeSpan], ends: list[int]
) -> bool:
    """ "in 54 minutes and 30 seconds" is one time taken, not 30 seconds within 54 minutes."""
    if q.kind != "duration":
        return False
    k = bisect_right(ends, q.start) - 1
    return k >= 0 and text[times[k].end : q.start].strip() == "and"


def _scope_before(
    text: str,
    pos: int,
    times: list[TimeSpan],
    ends: list[int],
    stops: _Stops,
    stop_words: _StopWords,
    free: list[int],
) -> TimeSpan | None:
    """The last time span ending by `pos` with no stop (`;`, a full stop, "now") after it."""
    barrier = max(stops.last_start(pos), stop_words.last_start(pos))
    k = bisect_right(ends, pos) - 1
    while k >= 0:
        t = times[k]
        if t.end <= barrier:
            return None
        if not stop_words.at(t.end, pos) and not _is_aside(text, t):
            return t
        k = free[k - 1] if k else -1
    return None


# A superlative, but not a noun that merely ends like one ("protest", "interest", "forest").
_RECORD_BEFORE_RE = re.compile(
    r"\b(?:(?!(?:prot|inter|for|t|requ|w|gu|cont|ch|n|qu|harv|arr|b|r|z|l|v|p|conqu|dig|man)"
    r"est\b)\w+est|most|least|fewest|worst|best|first|only)\s++(?:\w+\s++){0,3}$",
    re.I,
)


# "officials said on Monday": the day of the telling, not of what is told.
_SAID_BEFORE_RE = re.compile(
    r"\b(?:said|says|told\s+\w+(?:\s+\w+)?|announced|reported|confirmed|added|stated|wrote|"
    r"tweeted|posted)(?:\s+in\s+a\s+statement)?\s+(?:late\s+|early\s+)?$"
)
_DAY_SCOPE_RE = re.compile(
    r"(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|yesterday|today"
)


def _is_reporting_day(text: str, t: TimeSpan) -> bool:
    return bool(_DAY_SCOPE_RE.match(t.scope)) and bool(
        _SAID_BEFORE_RE.search(text, max(0, t.start - 40), t.start)
    )


def _is_record(text: str, t: TimeSpan) -> bool:
    """ "the highest level since 1966", "the biggest attendance since 1920": the time measures
    the record, not the number before it."""
    return text.startswith("since", t.start) and bool(
        _RECORD_BEFORE_RE.search(text, max(0, t.start - 60), t.start)
    )


_CLAUSE_START_RE = re.compile(r"[,;:(]|\.\s")
_RELATIVE_OPEN_RE = re.compile(r",\s++(?:who|which|whose|where)\b")


def _across_relative_clause(text: str, q_start: int, q_end: int, t_start: int) -> bool:
    """A relative clause keeps its time to itself and the sentence's time out: in "The
    72-year-old, who has been in custody since March, denies ..." the age has no scope, nor do
    the vehicles in "The bridge, which carries 40,000 vehicles a day, will close on March 3"."""
    gap = text[q_end:t_start]
    if "," not in gap:
        return False
    if _RELATIVE_OPEN_RE.search(gap):
        return True  # the number before the clause, the time inside it
    opened = text.rfind(",", max(0, q_start - 120), q_start)
    return opened >= 0 and _RELATIVE_OPEN_RE.match(text, opened) is not None


def _is_aside(text: str, t: TimeSpan) -> bool:
    """A time inside a clause set off by commas ("The retailer, founded in 1902, will close 45
    stores") dates that clause, not the numbers after it. A fronted one ("In 2019, it sold 300
    cars"; "By contrast, in 2019, ...") has nothing between the comma and itself."""
    if not text[t.end : t.end + 2].lstrip().startswith(","):
        return False
    window = text[max(0, t.start - 80) : t.start]
    openers = _CLAUSE_START_RE.findall(window)
    if not openers or openers[-1] != ",":
        return False
    return bool(window[window.rindex(",") + 1 :].strip())


_LIST_COMMA_RE = re.compile(r",\s")
_COMPARED_RE = re.compile(r"\b(?:from|compared\s+(?:with|to)|against|versus|than)\b")
_LIST_SPAN = 240


def _closes_a_list(text: str, end: int, t: TimeSpan, numeric_starts: list[int]) -> bool:
    """ "killed 12 people, injured 40 and left 300 homeless over the weekend": a time after a
    list of numbers joined by commas scopes each of them. Every comma between the number and
    the time must open an item with a number in it, and no stronger stop may come between."""
    if t.start - end > _LIST_SPAN:
        return False  # a real list is short; this also keeps long input linear
    gap = text[end : t.start]
    if _AFTER_STOP_RE.search(gap) or _COMPARED_RE.search(gap):
        return False  # "61.3 per cent, down from 67.4 per cent in 2019": the time is the other's
    commas = [end + m.start() for m in _LIST_COMMA_RE.finditer(gap)]
    if not commas:
        return False
    bounds = [*commas, t.start]
    for a, b in zip(bounds, bounds[1:], strict=False):
        if not text[a + 1 : b].strip():
            continue  # the comma closing an aside right before the time: "..., on Thursday"
        i = bisect_left(numeric_starts, a)
        if i >= len(numeric_starts) or numeric_starts[i] >= b:
            return False
    return True
