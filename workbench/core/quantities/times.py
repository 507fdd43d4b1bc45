"""Time expressions: found before the numbers so that a year is never counted, classified as
year, date or period, and normalised into the scope a quantity carries."""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.core.quantities.lexicon import (
    DAY,
    MONTH,
    MONTH_FULL,
    MONTH_NAMES,
    SEASON,
    SMALL_ALT,
    STOP,
    WEEKDAY,
    YEAR,
)
from workbench.core.quantities.nouns import is_counted
from workbench.core.quantities.scanning import DIGIT_RE

_UNIT_T = (
    r"(?:years?|months?|weeks?|days?|hours?|decades?|quarters?|centuries|century|"
    r"nights?|sessions?|seasons?|terms?|minutes?|fortnights?)"
)
_NUMW = rf"(?:\d+|{SMALL_ALT}|few|several|a\s+few|a\s+couple\s+of|couple\s+of)"

_ABS_CORE = (
    rf"(?:{MONTH}\s+{DAY}(?:,?\s+{YEAR})?(?!\d)"
    rf"|{DAY}\s+{MONTH}(?:,?\s+{YEAR})?(?!\d)"
    rf"|(?:{MONTH}|(?:early|late|mid)[-\s]{MONTH}|{SEASON})\s+(?:of\s+)?{YEAR}(?!\d)"
    rf"|(?:the\s+)?(?:mid-|early\s+|late\s+)?(?:\d\d)?\d0s\b"
    rf"|(?:fiscal\s+(?:year\s+)?|FY\s?|financial\s+year\s+|the\s+year\s+)?{YEAR}"
    rf"(?:\s*(?:-|–|—|/)\s*(?:{YEAR}|\d\d)(?!\d))?(?![\d,.]\d)"
    rf"(?:\s+(?:(?:fiscal|financial|tax|school|academic)\s+year|season|campaign))?"
    rf"|\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}"
    rf"|(?:the\s+)?(?:first|second|third|fourth|last|final)\s+(?:quarter|half)(?:\s+of\s+(?:{YEAR}|the\s+year|this\s+year|last\s+year))?"
    rf"|(?:Q[1-4]|H[12])\s+{YEAR}"
    rf"|(?:the\s+)?(?-i:{MONTH_FULL})\s+(?:quarter|half)\b"
    rf"|(?:(?<=in\s)|(?<=by\s)|(?<=on\s)|(?<=since\s)|(?<=until\s)|(?<=during\s)|(?<=last\s)"
    rf"|(?<=this\s)|(?<=next\s)|(?<=from\s))(?:early\s+|late\s+|mid-)?(?-i:{MONTH_FULL})\b)"
)
_REL_CORE = (
    rf"(?:(?:so\s+far\s+|earlier\s+|later\s+)?(?:this|last|next|past|previous|coming|current|same|that)\s+"
    rf"(?:calendar\s+|financial\s+|fiscal\s+|school\s+|academic\s+)?(?:year|month|week|decade|quarter|season|century|weekend|term|session|semester|{SEASON}|{WEEKDAY})\b"
    rf"|(?:the\s+)?(?:past|last|previous|next|first|coming|preceding|following|final)\s+(?:{_NUMW}\s+)?{_UNIT_T}\b"
    rf"(?:\s+of\s+(?:{YEAR}(?![\d,.]\d)|the\s+year|this\s+year|last\s+year))?"
    rf"|(?:{_NUMW}|a|an)\s+{_UNIT_T}\s+(?:ago|earlier|later)\b"
    rf"|(?:(?<=in\s)|(?<=within\s)|(?<=over\s)|(?<=in\sjust\s)|(?<=in\sonly\s)|(?<=within\sjust\s)"
    rf"|(?<=over\sjust\s))(?:{_NUMW}|a|an)\s+{_UNIT_T}\b"
    rf"|(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+(?:the|this|next|last)\s+"
    rf"(?:year|month|week|decade|quarter|century|season|term)\b"
    rf"|(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+(?-i:{MONTH_FULL})(?:\s+{YEAR})?\b"
    rf"|(?:the\s+)?(?:year|month|week)\s+(?:to\s+date|before|after|earlier)\b"
    rf"|year[-\s]to[-\s]date|to\s+date|so\s+far|yesterday|today|tonight|last\s+night"
    rf"|(?:the\s+)?(?:week|month|year|quarter|{_NUMW}\s+{_UNIT_T})\s+(?:to|ending|ended)\s+"
    rf"(?:{WEEKDAY}|(?:{DAY}\s+)?{MONTH}(?:\s+{DAY}(?!\d))?(?:,?\s+{YEAR})?"
    rf"|\d{{1,2}}(?:[.:]\d\d)?\s*(?:am|pm)\b)"  # "in the 24 hours to 9am"
    rf"|the\s+weekend\b"
    rf"|(?:(?<=over\s)|(?<=during\s)|(?<=across\s))the\s+(?:decade|year|quarter)\b"
    rf"|(?:this|yesterday)\s+(?:morning|afternoon|evening)"
    rf"|(?:last\s+|this\s+|next\s+)?{WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?"
    rf"|annually|a\s+year\s+earlier|a\s+year\s+ago)"
)
_PREP = (
    r"(?:in|since|by|from|during|until|till|through|throughout|before|after|as\s+of|on|over|"
    r"for|within|of|at|across|between|starting|beginning|ending|at\s+the\s+(?:end|start|"
    r"beginning|height)\s+of|in\s+the\s+(?:first|last|same|whole|course)\s+(?:\w+\s+)?of)"
)
_FIRST_WORDS = (
    r"in|since|by|from|during|until|till|through|throughout|before|after|as|on|over|for|within|of|"
    r"at|across|between|starting|beginning|ending|just|only|the|early|late|mid|all|so|earlier|"
    r"later|this|last|next|past|previous|coming|current|same|that|first|preceding|following|"
    r"final|a|an|year|month|week|to|yesterday|today|tonight|annually|fiscal|FY|financial|"
    r"second|third|fourth|Q[1-4]|H[12]|few|several|couple|"
    r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|"
    r"July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|spring|summer|autumn|fall|winter|mid-\w+|"
    rf"{SMALL_ALT}"
)
_FILLER = r"(?:(?:just|only|the|early|late|mid|all\s+of)\s+)"
_TIME_RE = re.compile(
    rf"\b(?=(?:{_FIRST_WORDS})\b|\d)(?<![\w$£€¥.,\-])(?<!\bto\s)(?<!\bwill\s)(?<!\bwould\s)(?<!\bcould\s)(?<!\bcan\s)(?<!\bmay\s)(?<!\bnot\s)"
    rf"(?<![\w$£€¥.,])(?:(?P<prep>{_PREP})\s+)?(?P<fill>{_FILLER}*)"
    rf"(?P<core>(?:between\s+)?{_ABS_CORE}(?:\s+(?:and|to)\s+{_ABS_CORE})?|{_REL_CORE})",
    re.I,
)
CLOCK_RE = re.compile(
    r"(?<![\w.,:])(?P<h>[01]?\d|2[0-3])(?:(?P<sep>[.:])(?P<m>[0-5]\d))?\s*"
    r"(?P<ap>a\.m\.?|p\.m\.?|am|pm)(?!\w)|(?<![\w.,:])(?P<h2>[01]?\d|2[0-3]):(?P<m2>[0-5]\d)(?![\d:])",
    re.I,
)

_DROP_FILLER_RE = re.compile(r"\b(?:just|only|all\s+of)\s+", re.I)


@dataclass(slots=True)
class TimeSpan:
    start: int
    end: int
    scope: str
    kind: str | None  # year | period | date for absolute spans with digits; None for relative
    value: float | None
    low: float | None
    high: float | None
    raw_start: int
    raw_end: int
    used: bool = False


_TIME_FIRST = frozenset(w.lower() for w in _FIRST_WORDS.split("|") if w.isalpha()) | frozenset(
    {"q", "h", "mid", "fy"}
)

_TIME_CORE_WORDS = frozenset(
    """year years month months week weeks day days decade decades quarter quarters century
    centuries weekend term session semester season seasons summer winter spring autumn fall
    yesterday today tonight far date annually night nights morning afternoon evening hour hours
    minute minutes half q h fy monday tuesday wednesday thursday friday saturday sunday jan feb
    mar apr may jun jul aug sep sept oct nov dec january february march april june july august
    september october november december fortnight fortnights""".split()
)


def _time_starts(toks: list[tuple[int, str]]) -> list[int]:
    """Token indices where a time expression may start: up to six tokens before a core word."""
    keep: set[int] = set()
    for k, (_, tok) in enumerate(toks):
        if tok[0].isdigit() or tok in _TIME_CORE_WORDS:
            keep.update(range(max(0, k - 6), k + 1))
    return sorted(keep)


_MONTH_TOKENS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec".split()
) | frozenset(MONTH_NAMES)
_TIME_GLUE = frozenset(
    """and to of the s st nd rd th ago earlier later before after fiscal financial calendar
    school academic end start beginning height course whole same tax""".split()
)


def _may_start_time(text: str, toks: list[tuple[int, str]], k: int) -> bool:
    """Cheap pre-check so the big time pattern runs only where it can match."""
    start, tok = toks[k]
    if tok[0].isdigit():
        if len(tok) == 4:
            return True
        nxt = toks[k + 1][1] if k + 1 < len(toks) else ""
        prev = toks[k - 1][1] if k else ""
        end = start + len(tok)
        return (
            nxt in _TIME_CORE_WORDS
            or nxt in {"s", "st", "nd", "rd", "th"}
            or prev in _MONTH_TOKENS
            or text[end : end + 1] in {"/", "-"}
        )
    if tok not in _TIME_FIRST:
        return False
    for _, later in toks[k : k + 8]:
        if later[0].isdigit() or later in _TIME_CORE_WORDS:
            return True
        if later not in _TIME_FIRST and later not in _TIME_GLUE:
            return False
    return False


def find_times(text: str, toks: list[tuple[int, str]]) -> list[TimeSpan]:
    spans: list[TimeSpan] = []
    pos = 0
    for k in _time_starts(toks):
        start, tok = toks[k]
        if start < pos or not _may_start_time(text, toks, k):
            continue
        m = _TIME_RE.match(text, start)
        if m is None or m.end() == start:
            continue
        pos = m.end()
        core = m.group("core")
        core_start = m.start("core")
        if core[:1].isdigit() and is_counted(text, m.end()):
            # "2000 people", "in 1990 cases": a count, not a year
            continue
        prep = m.group("prep") or ""
        # a bare month abbreviation or "May" alone is never matched; a weekday alone is a time
        kind, value, low, high = _classify_time(core)
        start = m.start() if prep or m.group("fill") else core_start
        scope_text = text[start : m.end()]
        scope = _normalize_scope(scope_text)
        if text.startswith(("'s", "’s"), m.end()) and _WEEKDAY_RE.fullmatch(core.strip()):
            scope = "on " + core.strip()  # "in Tuesday's strike" happened on Tuesday
        spans.append(
            TimeSpan(
                start=start,
                end=m.end(),
                scope=scope,
                kind=kind,
                value=value,
                low=low,
                high=high,
                raw_start=core_start + (len(core) - len(core.lstrip())),
                raw_end=m.end(),
            )
        )
    return spans


_WEEKDAY_RE = re.compile(WEEKDAY)
_YEAR_IN_RE = re.compile(rf"(?<!\d){YEAR}(?!\d)")
_DECADE_RE = re.compile(r"(?<!\d)(\d\d)?(\d)0s\b")
_PERIOD_RE = re.compile(rf"({YEAR})\s*(?:-|–|—|/|to|and)\s*({YEAR}|\d\d)(?!\d)", re.I)

_MONTH_RE = re.compile(MONTH)

_NUMERIC_DATE_RE = re.compile(r"\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{2,4}")
_FOUR_DIGITS_RE = re.compile(r"\d{4}")
_PART_OF_YEAR_RE = re.compile(r"quarter|half|Q[1-4]|H[12]")


def _classify_time(core: str) -> tuple[str | None, float | None, float | None, float | None]:
    lowered = core.lower()
    period = _PERIOD_RE.search(core)
    if period:
        low = int(period.group(1))
        tail = period.group(2)
        high = int(tail) if len(tail) == 4 else (low // 100) * 100 + int(tail)
        if high < low and len(tail) == 2:
            high += 100
        return "period", float(low), float(low), float(high)
    decade = _DECADE_RE.search(core)
    if decade and not _YEAR_IN_RE.search(core):
        century = int(decade.group(1)) if decade.group(1) else 19
        low = century * 100 + int(decade.group(2)) * 10
        return "period", float(low), float(low), float(low + 9)
    years = _YEAR_IN_RE.findall(core)
    month = _MONTH_RE.search(core) is not None
    has_month = month and not lowered.startswith(("may ",))
    has_day = DIGIT_RE.search(_YEAR_IN_RE.sub("", core)) is not None
    if month and has_day:
        return "date", (float(years[0]) if years else None), None, None
    if _NUMERIC_DATE_RE.match(core):
        year = _FOUR_DIGITS_RE.search(core)
        return "date", (float(year.group(0)) if year else None), None, None
    if years:
        if has_month or _PART_OF_YEAR_RE.search(core):
            return "date", float(years[0]), None, None
        return "year", float(years[0]), None, None
    return None, None, None, None


_LEADING_THE_RE = re.compile(r"^[Tt]he\s+(?=\d{4})")
_SPACES_RE = re.compile(r"\s+")


def _normalize_scope(scope: str) -> str:
    scope = _DROP_FILLER_RE.sub("", scope)
    scope = _LEADING_THE_RE.sub("", scope)
    scope = _SPACES_RE.sub(" ", scope).strip()
    first, _, rest = scope.partition(" ")
    lowered = first.lower()
    if lowered in STOP or lowered in {"so", "earlier", "later", "throughout"}:
        scope = lowered + (" " + rest if rest else "")
    return scope


def clock_value(m: re.Match[str]) -> tuple[float, float]:
    if m.group("h2") is not None:
        return float(m.group("h2")), float(m.group("m2"))
    hours = float(m.group("h"))
    minutes = float(m.group("m") or 0)
    ap = m.group("ap").lower()
    if ap.startswith("p") and hours < 12:
        hours += 12
    if ap.startswith("a") and hours == 12:
        hours = 0
    return hours, minutes
