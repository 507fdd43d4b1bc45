"""Find and normalize the numbers in a sentence: counts, percentages, money, measures and time.

Compiled regular expressions plus a compact number-word table: libraries that parse quantities
(quantulum3, number-parser) run at a few hundred sentences per second, far below what ingest needs,
and the number words of news English fit in a table of forty entries.

Time expressions ("this year", "in the past two weeks", "in 2014", "2012-13") are found first. They
become the scope of the quantity they qualify, and the numbers inside them are never counted. A year,
date, period or clock time that qualifies no quantity is reported on its own with its time kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from workbench.core.models import Quantity
from workbench.core.quantities.context import attach_scopes, carry_of, carry_units
from workbench.core.quantities.lexicon import (
    CURRENCY_WORDS,
    DURATIONS,
    FRACTIONS,
    NUMBER_WORDS,
    SCALES,
    SMALL,
)
from workbench.core.quantities.nouns import noun_after
from workbench.core.quantities.numbers import (
    FRACTION_RE,
    MANY_RE,
    NUMBER_RE,
    UNIT_AND_HALF_RE,
    fraction,
    number,
    number_starts,
    qualifier_before,
    words_value,
)
from workbench.core.quantities.scanning import DIGIT_RE, LETTERS_RE, Taken, matches_at, scan
from workbench.core.quantities.times import CLOCK_RE, clock_value, find_times

__all__ = ["NUMBER_WORDS", "parse_quantities", "words_value"]

_MANY_CURRENCY = {**CURRENCY_WORDS, "pounds": "GBP"}  # "millions of pounds" is never a weight
_MANY_WORDS = frozenset("dozens scores hundreds thousands millions billions".split())
_FRACTION_WORDS = frozenset(FRACTIONS) | {"thirds", "quarters"}
_GATE_WORDS = frozenset(SMALL) | frozenset(
    """dozen dozens hundred hundreds thousand thousands million millions billion billions
    trillion trillions half third thirds quarter quarters fifth fifths""".split()
)

_HALF_FIRST = frozenset({"a", "an", "one"})
_MANY_FIRST = _MANY_WORDS | {"tens"}
# the first letters of the words a fraction can begin with, and digits
_FRACTION_FIRST = frozenset("aotfhqzsen0123456789")

_CASE_TRAPS = {0x17F: "s", 0x212A: "K", 0x130: "I", 0x131: "i"}
"""Letters that case-insensitive patterns match as ASCII but .lower() does not turn into ASCII
("ſ" matches "s"): mapped one to one, so offsets are unchanged and dictionary lookups succeed."""


_TOOK_RE = re.compile(
    rf"(?P<n>\d+(?:\.\d+)?|{'|'.join(sorted(SMALL, key=len, reverse=True))})\s+(?P<u>{'|'.join(DURATIONS)})",
    re.I,
)


def _took(text: str, start: int, end: int) -> Quantity | None:
    """ "sold out in 20 minutes": with no number to scope, "in 20 minutes" is how long it took."""
    m = _TOOK_RE.fullmatch(text, start, end)
    if m is None:
        return None
    n = m.group("n").lower()
    value = float(n) if n[0].isdigit() else float(SMALL[n])
    unit = DURATIONS[m.group("u").lower()]
    return Quantity(raw=m.group(0), value=value, unit=unit, kind="duration", start=start, end=end)


def parse_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`, in order, with offsets into `text`."""
    original = text
    ascii_only = text.isascii()
    if not ascii_only:
        translated = text.translate(_CASE_TRAPS)
        text = original if translated == original else translated
    lowered = text.lower()
    if (
        ascii_only
        and DIGIT_RE.search(text) is None
        and _GATE_WORDS.isdisjoint(LETTERS_RE.findall(lowered))
    ):
        return []  # the usual sentence without a number, told without building tokens
    toks = scan(text, lowered)
    if not any(t[0].isdigit() or t in _GATE_WORDS for _, t in toks):
        return []
    words = {t for _, t in toks}
    times = find_times(text, toks)
    taken = Taken([(t.start, t.end) for t in times])
    found: list[tuple[Quantity, int]] = []  # quantity and the end of the phrase it consumed

    has_clock = ":" in text or "am" in words or "pm" in words or ("a" in words and "m" in words)
    has_clock = has_clock or ("p" in words and "m" in words)
    # a clock time begins a digit run (its look-behind rules out a digit before it)
    clocks = matches_at(CLOCK_RE, text, [s for s, t in toks if t[0].isdigit()]) if has_clock else ()
    for clock in clocks:
        if taken.overlaps(clock.start(), clock.end()):
            continue
        hours, minutes = clock_value(clock)
        found.append(
            (
                Quantity(
                    raw=clock.group(0),
                    value=round(hours + minutes / 60, 4),
                    qualifier=qualifier_before(text, clock.start()),  # "at about 2.15am"
                    kind="time",
                    start=clock.start(),
                    end=clock.end(),
                ),
                clock.end(),
            )
        )
        taken.add(clock.start(), clock.end())

    taken.freeze()
    halves: Iterable[re.Match[str]] = ()
    if "half" in lowered:
        halves = (
            matches_at(UNIT_AND_HALF_RE, text, [s for s, t in toks if t in _HALF_FIRST])
            if ascii_only
            else UNIT_AND_HALF_RE.finditer(text)
        )
    for half in halves:
        if taken.overlaps(half.start(), half.end()):
            continue
        found.append(
            (
                Quantity(
                    raw=half.group(0),
                    value=1.5,
                    unit=DURATIONS[half.group("u").lower()],
                    kind="duration",
                    start=half.start(),
                    end=half.end(),
                ),
                half.end(),
            )
        )
        taken.add(half.start(), half.end())

    taken.freeze()
    manys: Iterable[re.Match[str]] = ()
    if not words.isdisjoint(_MANY_WORDS):
        manys = (
            matches_at(MANY_RE, text, [s for s, t in toks if t in _MANY_FIRST])
            if ascii_only
            else MANY_RE.finditer(text)
        )
    for many in manys:
        if taken.overlaps(many.start(), many.end()):
            continue
        base = SCALES.get(many.group("base").lower().rstrip("s"), 12)
        if many.group("base").lower() == "scores":
            base = 20
        if many.group("outer"):
            base *= 10 if many.group("outer").lower() == "tens" else 100
        unit, _ = noun_after(text, many.end("base"))
        kind = "count"
        currency = _MANY_CURRENCY.get(unit.lower()) if unit else None
        if currency:  # "millions of dollars" is money, not a count of banknotes
            kind, unit = "money", currency
        raw_end = many.end("base")
        found.append(
            (
                Quantity(
                    raw=text[many.start() : raw_end],
                    value=float(base),
                    low=float(base),
                    high=float(base * 10),
                    unit=unit,
                    qualifier="more than",
                    kind=kind,
                    start=many.start(),
                    end=raw_end,
                ),
                many.end(),
            )
        )
        taken.add(many.start(), many.end())

    taken.freeze()
    has_fraction = not words.isdisjoint(_FRACTION_WORDS) or (
        ("in" in words or "out" in words)
        and sum(1 for _, t in toks if t[0].isdigit() or t in SMALL) >= 2
    )
    fracs: Iterable[re.Match[str]] = ()
    if has_fraction:
        fracs = (
            matches_at(FRACTION_RE, text, [s for s, t in toks if t[0] in _FRACTION_FIRST])
            if ascii_only
            else FRACTION_RE.finditer(text)
        )
    for frac in fracs:
        if taken.overlaps(frac.start(), frac.end()):
            continue
        q = fraction(text, frac)
        if q is not None:
            found.append((q, frac.end()))
            taken.add(frac.start(), frac.end())

    taken.freeze()
    pos = 0
    for candidate in number_starts(text, toks):
        if candidate < pos:
            continue
        m = NUMBER_RE.match(text, candidate)
        if m is None:
            continue
        pos = m.end() if m.end() > m.start() else m.start() + 1
        if m.group("num") is None and m.group("words") is None:
            continue
        if taken.overlaps(m.start(), m.end()):
            # a shorter match may still start after the taken span ("in 2014 24 people")
            continue
        parsed = number(text, m, taken)
        if parsed is None:
            continue
        quantity, consumed = parsed
        found.append((quantity, consumed))
        taken.add(quantity.start, consumed)
        pos = max(pos, consumed)

    found.sort(key=lambda pair: pair[0].start)
    quantities = [q for q, _ in found]
    quantities = carry_of(text, carry_units(text, quantities))
    quantities = attach_scopes(text, quantities, times)
    for t in times:
        if t.used:
            continue  # it is some number's scope
        if t.kind:  # a time that qualifies no number is reported on its own
            quantities.append(
                Quantity(
                    raw=text[t.raw_start : t.raw_end],
                    value=t.value,
                    low=t.low,
                    high=t.high,
                    kind=t.kind,
                    start=t.raw_start,
                    end=t.raw_end,
                )
            )
        elif (took := _took(text, t.raw_start, t.raw_end)) is not None:
            quantities.append(took)
    quantities.sort(key=lambda q: q.start)
    if original is not text:
        quantities = [replace(q, raw=original[q.start : q.end]) for q in quantities]
    return quantities
