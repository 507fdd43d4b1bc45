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
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace

from workbench.core.models import Quantity

# --- number words ----------------------------------------------------------------------------

_SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
_ABBREV_SCALES = {
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "tn": 1_000_000_000_000,
    "trn": 1_000_000_000_000,
}
_FRACTIONS = {
    "half": 0.5,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 0.25,
    "quarters": 0.25,
    "fifth": 0.2,
    "fifths": 0.2,
}

_SMALL_ALT = "|".join(sorted(_SMALL, key=len, reverse=True))
_WORD = rf"(?:{_SMALL_ALT}|hundred|thousand|million|billion|trillion|dozen)"
_WORD_NUMBER = (
    rf"(?:(?:half\s+)?(?:a|an)\s+(?=(?:hundred|thousand|million|billion|trillion|dozen)\b))?"
    rf"{_WORD}(?:(?:\s*+-\s*+|\s++|\s++and\s++)(?:{_WORD})\b)*"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
_SCALE_WORD = r"(?:hundred|thousand|million|billion|trillion)"
_SCALE_ABBR = r"(?:bn|mn|mln|trn|tn|k|m|b)"

_CURRENCY_PREFIX = {
    "us$": "USD",
    "$": "USD",
    "a$": "AUD",
    "c$": "CAD",
    "hk$": "HKD",
    "nz$": "NZD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "rs": "INR",
    "rs.": "INR",
}
_CURRENCY_WORDS = {
    "dollars": "USD",
    "dollar": "USD",
    "us dollars": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupees": "INR",
    "roubles": "RUB",
    "rubles": "RUB",
    "hryvnias": "UAH",
    "hryvnia": "UAH",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
}

_MEASURES = {
    "km": "km",
    "kms": "km",
    "kilometres": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometer": "km",
    "sq km": "sq km",
    "cubic metres": "m3",
    "cubic meters": "m3",
    "c": "°C",
    "square kilometres": "sq km",
    "square kilometers": "sq km",
    "square miles": "sq miles",
    "miles": "miles",
    "mile": "miles",
    "mi": "miles",
    "metres": "m",
    "meters": "m",
    "metre": "m",
    "meter": "m",
    "cm": "cm",
    "centimetres": "cm",
    "centimeters": "cm",
    "mm": "mm",
    "millimetres": "mm",
    "millimeters": "mm",
    "kg": "kg",
    "kilograms": "kg",
    "kilogrammes": "kg",
    "kilos": "kg",
    "grams": "g",
    "tonnes": "tonnes",
    "tons": "tons",
    "lbs": "lb",
    "lb": "lb",
    "feet": "feet",
    "ft": "feet",
    "foot": "feet",
    "inches": "inches",
    "acres": "acres",
    "hectares": "hectares",
    "litres": "litres",
    "liters": "litres",
    "gallons": "gallons",
    "barrels": "barrels",
    "bpd": "barrels per day",
    "mph": "mph",
    "km/h": "km/h",
    "kph": "km/h",
    "degrees": "degrees",
    "°c": "°C",
    "°f": "°F",
    "mw": "MW",
    "gw": "GW",
    "kw": "kW",
    "kwh": "kWh",
    "gwh": "GWh",
    "twh": "TWh",
    "megawatts": "MW",
    "gigawatts": "GW",
}
_DURATIONS = {
    "seconds": "seconds",
    "second": "seconds",
    "secs": "seconds",
    "minutes": "minutes",
    "minute": "minutes",
    "mins": "minutes",
    "hours": "hours",
    "hour": "hours",
    "hrs": "hours",
    "days": "days",
    "day": "days",
    "weeks": "weeks",
    "week": "weeks",
    "months": "months",
    "month": "months",
    "years": "years",
    "year": "years",
    "decades": "decades",
    "decade": "decades",
    "centuries": "centuries",
    "century": "centuries",
}


def _alt(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


_PERCENT_RE = re.compile(
    r"\s*+(?:(?P<pp>percentage\s+points?)|%|percent\b|per\s*cent\b|pct\b|pc\b(?=\s+(?:of|rise|fall|drop|increase)))",
    re.I,
)
_CURRENCY_SUFFIX_RE = re.compile(rf"\s*+(?P<cur>{_alt(_CURRENCY_WORDS)})\b", re.I)
_CENTS_RE = re.compile(r"\s*+(?:cents?)\b", re.I)
_MEASURE_RE = re.compile(rf"\s*+(?P<u>{_alt(_MEASURES)})(?![\w/])", re.I)
_DURATION_RE = re.compile(rf"(?:\s*+|-)(?P<u>{_alt(_DURATIONS)})\b", re.I)
_AGE_RE = re.compile(r"\s*+-\s*+(?:years?|yr)\s*+-\s*+olds?\b|\s++years?\s++old\b", re.I)

# --- time expressions --------------------------------------------------------------------------

_MONTH_NAMES = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_MONTH_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_UNIT_T = (
    r"(?:years?|months?|weeks?|days?|hours?|decades?|quarters?|centuries|century|"
    r"nights?|sessions?|seasons?|terms?|minutes?)"
)
_NUMW = rf"(?:\d+|{_SMALL_ALT}|few|several|a\s+few|a\s+couple\s+of|couple\s+of)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"

_ABS_CORE = (
    rf"(?:{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?(?!\d)"
    rf"|{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?(?!\d)"
    rf"|(?:{_MONTH}|(?:early|late|mid)[-\s]{_MONTH}|{_SEASON})\s+(?:of\s+)?{_YEAR}(?!\d)"
    rf"|(?:the\s+)?(?:mid-|early\s+|late\s+)?(?:\d\d)?\d0s\b"
    rf"|(?:fiscal\s+(?:year\s+)?|FY\s?|financial\s+year\s+|the\s+year\s+)?{_YEAR}"
    rf"(?:\s*(?:-|–|—|/)\s*(?:{_YEAR}|\d\d)(?!\d))?(?![\d,.]\d)"
    rf"(?:\s+(?:fiscal|financial|tax|school|academic)\s+year)?"
    rf"|\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}"
    rf"|(?:the\s+)?(?:first|second|third|fourth|last|final)\s+(?:quarter|half)(?:\s+of\s+(?:{_YEAR}|the\s+year|this\s+year|last\s+year))?"
    rf"|(?:Q[1-4]|H[12])\s+{_YEAR}"
    rf"|(?:(?<=in\s)|(?<=by\s)|(?<=on\s)|(?<=since\s)|(?<=until\s)|(?<=during\s)|(?<=last\s)"
    rf"|(?<=this\s)|(?<=next\s)|(?<=from\s))(?:early\s+|late\s+|mid-)?(?-i:{_MONTH_FULL})\b)"
)
_REL_CORE = (
    rf"(?:(?:so\s+far\s+|earlier\s+|later\s+)?(?:this|last|next|past|previous|coming|current|same|that)\s+"
    rf"(?:calendar\s+|financial\s+|fiscal\s+|school\s+|academic\s+)?(?:year|month|week|decade|quarter|season|century|weekend|term|session|semester|{_SEASON}|{_WEEKDAY})\b"
    rf"|(?:the\s+)?(?:past|last|previous|next|first|coming|preceding|following|final)\s+(?:{_NUMW}\s+)?{_UNIT_T}\b"
    rf"|(?:{_NUMW}|a|an)\s+{_UNIT_T}\s+(?:ago|earlier|later)\b"
    rf"|(?:(?<=in\s)|(?<=within\s)|(?<=over\s))(?:{_NUMW}|a|an)\s+{_UNIT_T}\b"
    rf"|(?:the\s+)?(?:year|month|week)\s+(?:to\s+date|before|after|earlier)\b"
    rf"|year[-\s]to[-\s]date|to\s+date|so\s+far|yesterday|today|tonight|last\s+night"
    rf"|(?:the\s+)?(?:week|month|year|quarter|12\s+months)\s+(?:to|ending|ended)\s+"
    rf"(?:{_WEEKDAY}|{_MONTH}(?:\s+{_DAY})?(?:,?\s+{_YEAR})?)"
    rf"|the\s+weekend\b"
    rf"|(?:this|yesterday)\s+(?:morning|afternoon|evening)"
    rf"|(?:last\s+|this\s+|next\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?"
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
    rf"{_SMALL_ALT}"
)
_FILLER = r"(?:(?:just|only|the|early|late|mid|all\s+of)\s+)"
_TIME_RE = re.compile(
    rf"\b(?=(?:{_FIRST_WORDS})\b|\d)(?<![\w$£€¥.,\-])(?<!\bto\s)(?<!\bwill\s)(?<!\bwould\s)(?<!\bcould\s)(?<!\bcan\s)(?<!\bmay\s)(?<!\bnot\s)"
    rf"(?<![\w$£€¥.,])(?:(?P<prep>{_PREP})\s+)?(?P<fill>{_FILLER}*)"
    rf"(?P<core>(?:between\s+)?{_ABS_CORE}(?:\s+(?:and|to)\s+{_ABS_CORE})?|{_REL_CORE})",
    re.I,
)
_CLOCK_RE = re.compile(
    r"(?<![\w.,:])(?P<h>[01]?\d|2[0-3])(?:(?P<sep>[.:])(?P<m>[0-5]\d))?\s*"
    r"(?P<ap>a\.?m\.?|p\.?m\.?)(?!\w)|(?<![\w.,:])(?P<h2>[01]?\d|2[0-3]):(?P<m2>[0-5]\d)(?![\d:])",
    re.I,
)
_AND_HALF_RE = re.compile(r"\s++and\s++a\s++half\b", re.I)
_UNIT_AND_HALF_RE = re.compile(
    r"\b(?:an?|one)\s+(?P<u>hour|year|day|week|month|minute)\s+and\s+a\s+half\b", re.I
)
_DROP_FILLER_RE = re.compile(r"\b(?:just|only|all\s+of)\s+", re.I)

# A number candidate: currency, digits or words, and a scale word.
_NUMBER_RE = re.compile(
    rf"(?P<cur>US\$|A\$|C\$|HK\$|NZ\$|[$£€¥₹]|\b(?:USD|EUR|GBP|Rs\.?)\s?)?\s?"
    rf"(?:(?<![\w.,\-/])(?P<num>{_DIGITS})(?![\w])?(?:\s*(?P<mult>{_SCALE_WORD}s?\b)|(?P<abbr>{_SCALE_ABBR})\b)?"
    rf"|(?<![\w\-])(?P<words>{_WORD_NUMBER})\b)",
    re.I,
)
_SECOND_RE = re.compile(
    rf"(?P<cur>US\$|A\$|C\$|HK\$|NZ\$|[$£€¥₹])?"
    rf"(?:(?P<num>{_DIGITS})(?:\s*(?P<mult>{_SCALE_WORD}s?\b)|(?P<abbr>{_SCALE_ABBR})\b)?"
    rf"|(?P<words>{_WORD_NUMBER})\b)",
    re.I,
)
_MANY_RE = re.compile(
    r"\b(?:(?P<outer>tens|hundreds)\s+of\s+)?(?P<base>dozens|scores|hundreds|thousands|millions|billions)"
    r"\s+of\b",
    re.I,
)
_FRACTION_RE = re.compile(
    rf"\b(?P<n>(?:a|an|one|two|three|four)\s*+-?\s*+)?(?P<f>half|thirds?|quarters?|fifths?)\s+of\b"
    rf"|(?<=by\s)(?P<n2>a|one|two|three)\s*+-?\s*+(?P<f2>thirds?|quarters?|fifths?|half)\b"
    rf"|(?:(?<=nearly\s)|(?<=almost\s)|(?<=about\s)|(?<=around\s)|(?<=roughly\s))"
    rf"(?P<n3>a|one|two|three)\s*+-?\s*+(?P<f3>thirds?|quarters?|fifths?)\b(?!\s+of)"
    rf"|\b(?P<a>\d+|{_SMALL_ALT})\s+(?:in|out\s+of)\s+(?P<b>\d+|{_SMALL_ALT})\b",
    re.I,
)

_QUALIFIERS = {
    "about": "about",
    "around": "about",
    "roughly": "about",
    "approximately": "about",
    "approx.": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "circa": "about",
    "~": "about",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "just under": "nearly",
    "not quite": "nearly",
    "more than": "more than",
    "over": "more than",
    "above": "more than",
    "upwards of": "more than",
    "just over": "more than",
    "in excess of": "more than",
    "well over": "more than",
    "at least": "at least",
    "no fewer than": "at least",
    "no less than": "at least",
    "a minimum of": "at least",
    "up to": "up to",
    "as many as": "up to",
    "as much as": "up to",
    "no more than": "up to",
    "at most": "up to",
    "a maximum of": "up to",
    "less than": "less than",
    "fewer than": "less than",
    "under": "less than",
    "below": "less than",
    "exactly": "exactly",
    "precisely": "exactly",
}
_QUAL_RE = re.compile(rf"(?:^|(?<=[^\w.]))(?P<q>{_alt(_QUALIFIERS)})\s*$", re.I)
_POST_QUAL_RE = re.compile(r"(?:\s++or\s++(?P<more>more|so)\b|\s*+-?\s*+(?P<plus>plus\b|\+))", re.I)
_RANGE_SEP_RE = re.compile(r"\s*+(?:-|–|—|to|or)\s*", re.I)
_BETWEEN_RE = re.compile(r"\b(?:between|from)\s+$", re.I)
_IDENT_BEFORE_RE = re.compile(
    r"(?:\b(?:No|Nos|Article|Section|Chapter|Resolution|Flight|Route|Room|Page|Paragraph|Title|"
    r"Proposition|Prop|Highway|Interstate|Apollo|Level|Category|Phase|Stage|Grade|Number|Act|"
    r"Rule|Term|Episode|Season|Windows|iPhone|Covid|COVID|Boeing|Airbus|Su|MiG|Tu|Il|Mi|Ka|"
    r"Amendment|Precinct|District|Ward|Class|Gen|G|Unit|version|v)\.?\s*|#\s*|[A-Za-z]-|[A-Z]{2,}-?)$"
)
_WORD_RE = re.compile(r"\s*+([A-Za-z][A-Za-z'’\-]*)")
_OF_RE = re.compile(
    r"\s+of\s+(?:the\s+|them\s+|those\s+|these\s+|its\s+|their\s+|his\s+|her\s+|our\s+|whom\s+|"
    r"which\s+|all\s+)?",
    re.I,
)

_STOP = frozenset(
    """a an the and or but nor of in on at to for from by with without into onto over under
    this that these those there here than then as per since during until till through across
    was were is are be been being am has have had do does did will would shall should can could
    may might must not no yes it its it's he she they we you i me him her them us our your their
    his who whom whose which what when where why how all any each every some many much few
    also just only even still yet about around nearly almost more less most least up down out
    off again so if because while though although after before between against among within
    per cent percent pct time ago earlier later compared versus vs said says say told
    reported according including include includes included like such other another same
    last first next""".split()
)
_MODIFIERS = frozenset(
    """more additional other new extra further fewer young old small large big major minor
    senior junior former current local foreign key top full total separate different
    unarmed armed wounded injured dead missing registered eligible active retired young
    civilian military federal national international domestic private public""".split()
)
_IRREGULAR_PLURALS = frozenset(
    """people children men women police staff personnel troops cattle sheep fish deer aircraft
    police militia crew""".split()
)
_VERBY_S = frozenset(
    "was is has as his its this thus does says sees goes gets makes takes news plus yes us".split()
)


@dataclass(slots=True)
class _TimeSpan:
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


_MANY_WORDS = frozenset("dozens scores hundreds thousands millions billions".split())
_FRACTION_WORDS = frozenset(_FRACTIONS) | {"thirds", "quarters"}
_SCAN_RE = re.compile(r"[A-Za-z]+|\d+|[$£€¥₹]")
_SCALE_NAMES = frozenset({"hundred", "thousand", "million", "billion", "trillion", "dozen"})
_GATE_WORDS = frozenset(_SMALL) | frozenset(
    """dozen dozens hundred hundreds thousand thousands million millions billion billions
    trillion trillions half third thirds quarter quarters fifth fifths""".split()
)
_NUMBER_FIRST = frozenset(_SMALL) | _SCALE_NAMES | frozenset({"usd", "eur", "gbp", "rs"})
_TIME_FIRST = frozenset(w.lower() for w in _FIRST_WORDS.split("|") if w.isalpha()) | frozenset(
    {"q", "h", "mid", "fy"}
)


def _scan(text: str, lowered: str) -> list[tuple[int, str]]:
    """Lower-cased word, digit-run and currency-sign tokens with their offsets (ASCII letters
    only, so lower-casing never changes a length): where a match may start."""
    if text.isascii():  # lower-casing the whole text keeps every offset
        return [(m.start(), m.group()) for m in _SCAN_RE.finditer(lowered)]
    return [(m.start(), m.group().lower()) for m in _SCAN_RE.finditer(text)]


def _matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
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


def _number_starts(text: str, toks: list[tuple[int, str]]) -> list[int]:
    starts: list[int] = []
    for i, (start, tok) in enumerate(toks):
        low = tok
        nxt = toks[i + 1][1] if i + 1 < len(toks) else ""
        if (
            tok[0].isdigit()
            or tok in "$£€¥₹"
            or low in _NUMBER_FIRST
            or (low in {"a", "an"} and nxt in _SCALE_NAMES)
            or (low == "half" and nxt in {"a", "an"})
            or (low in {"us", "a", "c", "hk", "nz"} and text.startswith("$", start + len(tok)))
        ):
            starts.append(start)
    return starts


_HALF_FIRST = frozenset({"a", "an", "one"})
_MANY_FIRST = _MANY_WORDS | {"tens"}
# the first letters of the words a fraction can begin with, and digits
_FRACTION_FIRST = frozenset("aotfhqzsen0123456789")


_CASE_TRAPS = {0x17F: "s", 0x212A: "K", 0x130: "I", 0x131: "i"}
"""Letters that case-insensitive patterns match as ASCII but .lower() does not turn into ASCII
("ſ" matches "s"): mapped one to one, so offsets are unchanged and dictionary lookups succeed."""


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
        and _DIGIT_RE.search(text) is None
        and _GATE_WORDS.isdisjoint(_LETTERS_RE.findall(lowered))
    ):
        return []  # the usual sentence without a number, told without building tokens
    toks = _scan(text, lowered)
    if not any(t[0].isdigit() or t in _GATE_WORDS for _, t in toks):
        return []
    words = {t for _, t in toks}
    times = _find_times(text, toks)
    taken = _Taken([(t.start, t.end) for t in times])
    found: list[tuple[Quantity, int]] = []  # quantity and the end of the phrase it consumed

    has_clock = ":" in text or "am" in words or "pm" in words or ("a" in words and "m" in words)
    has_clock = has_clock or ("p" in words and "m" in words)
    # a clock time begins a digit run (its look-behind rules out a digit before it)
    clocks = (
        _matches_at(_CLOCK_RE, text, [s for s, t in toks if t[0].isdigit()]) if has_clock else ()
    )
    for clock in clocks:
        if taken.overlaps(clock.start(), clock.end()):
            continue
        hours, minutes = _clock_value(clock)
        found.append(
            (
                Quantity(
                    raw=clock.group(0),
                    value=round(hours + minutes / 60, 4),
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
            _matches_at(_UNIT_AND_HALF_RE, text, [s for s, t in toks if t in _HALF_FIRST])
            if ascii_only
            else _UNIT_AND_HALF_RE.finditer(text)
        )
    for half in halves:
        if taken.overlaps(half.start(), half.end()):
            continue
        found.append(
            (
                Quantity(
                    raw=half.group(0),
                    value=1.5,
                    unit=_DURATIONS[half.group("u").lower()],
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
            _matches_at(_MANY_RE, text, [s for s, t in toks if t in _MANY_FIRST])
            if ascii_only
            else _MANY_RE.finditer(text)
        )
    for many in manys:
        if taken.overlaps(many.start(), many.end()):
            continue
        base = _SCALES.get(many.group("base").lower().rstrip("s"), 12)
        if many.group("base").lower() == "scores":
            base = 20
        if many.group("outer"):
            base *= 10 if many.group("outer").lower() == "tens" else 100
        unit, _ = _noun_after(text, many.end("base"))
        raw_end = many.end() - 3
        found.append(
            (
                Quantity(
                    raw=text[many.start() : raw_end],
                    value=float(base),
                    low=float(base),
                    high=float(base * 10),
                    unit=unit,
                    qualifier="more than",
                    kind="count",
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
        and sum(1 for _, t in toks if t[0].isdigit() or t in _SMALL) >= 2
    )
    fracs: Iterable[re.Match[str]] = ()
    if has_fraction:
        fracs = (
            _matches_at(_FRACTION_RE, text, [s for s, t in toks if t[0] in _FRACTION_FIRST])
            if ascii_only
            else _FRACTION_RE.finditer(text)
        )
    for frac in fracs:
        if taken.overlaps(frac.start(), frac.end()):
            continue
        q = _fraction(text, frac)
        if q is not None:
            found.append((q, frac.end()))
            taken.add(frac.start(), frac.end())

    taken.freeze()
    pos = 0
    for candidate in _number_starts(text, toks):
        if candidate < pos:
            continue
        m = _NUMBER_RE.match(text, candidate)
        if m is None:
            continue
        pos = m.end() if m.end() > m.start() else m.start() + 1
        if m.group("num") is None and m.group("words") is None:
            continue
        if taken.overlaps(m.start(), m.end()):
            # a shorter match may still start after the taken span ("in 2014 24 people")
            continue
        parsed = _number(text, m, taken)
        if parsed is None:
            continue
        quantity, consumed = parsed
        found.append((quantity, consumed))
        taken.add(quantity.start, consumed)
        pos = max(pos, consumed)

    found.sort(key=lambda pair: pair[0].start)
    quantities = [q for q, _ in found]
    quantities = _carry_of(text, _carry_units(text, quantities))
    quantities = _attach_scopes(text, quantities, times)
    for t in times:
        if t.kind and not t.used:
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
    quantities.sort(key=lambda q: q.start)
    if original is not text:
        quantities = [replace(q, raw=original[q.start : q.end]) for q in quantities]
    return quantities


# --- time ----------------------------------------------------------------------------------------


_TIME_CORE_WORDS = frozenset(
    """year years month months week weeks day days decade decades quarter quarters century
    centuries weekend term session semester season seasons summer winter spring autumn fall
    yesterday today tonight far date annually night nights morning afternoon evening hour hours
    minute minutes half q h fy monday tuesday wednesday thursday friday saturday sunday jan feb
    mar apr may jun jul aug sep sept oct nov dec january february march april june july august
    september october november december""".split()
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
) | frozenset(_MONTH_NAMES)
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


def _find_times(text: str, toks: list[tuple[int, str]]) -> list[_TimeSpan]:
    spans: list[_TimeSpan] = []
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
        if core[:1].isdigit() and _is_counted(text, m.end()):
            # "2000 people", "in 1990 cases": a count, not a year
            continue
        prep = m.group("prep") or ""
        # a bare month abbreviation or "May" alone is never matched; a weekday alone is a time
        kind, value, low, high = _classify_time(core)
        start = m.start() if prep or m.group("fill") else core_start
        scope_text = text[start : m.end()]
        scope = _normalize_scope(scope_text)
        spans.append(
            _TimeSpan(
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


_YEAR_IN_RE = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
_DECADE_RE = re.compile(r"(?<!\d)(\d\d)?(\d)0s\b")
_PERIOD_RE = re.compile(rf"({_YEAR})\s*(?:-|–|—|/|to|and)\s*({_YEAR}|\d\d)(?!\d)", re.I)


_MONTH_RE = re.compile(_MONTH)
_DIGIT_RE = re.compile(r"\d")
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
    has_day = _DIGIT_RE.search(_YEAR_IN_RE.sub("", core)) is not None
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
    if lowered in _STOP or lowered in {"so", "earlier", "later", "throughout"}:
        scope = lowered + (" " + rest if rest else "")
    return scope


def _clock_value(m: re.Match[str]) -> tuple[float, float]:
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


# --- numbers --------------------------------------------------------------------------------------


_LETTERS_RE = re.compile(r"[A-Za-z]+")


def _words_value(words: str) -> tuple[float | None, int]:
    """Value of a run of number words and how many characters of it form one number."""
    tokens = _LETTERS_RE.finditer(words)
    total = 0.0
    current = 0.0
    seen = False
    end = 0
    prev = ""
    last_small: float | None = None
    for tok in tokens:
        w = tok.group(0).lower()
        if w in {"a", "an"}:
            if current == 0:
                current = 1.0
            continue
        if w == "half" and not seen:
            current = 0.5
            prev = w
            continue
        if w == "and":
            if prev not in _SCALES:
                break
            prev = w
            continue
        if w in _SMALL:
            v = float(_SMALL[w])
            if last_small is not None and (last_small < 20 or v >= 10 or last_small % 10 != 0):
                break  # "one two", "twenty thirty": two numbers, keep the first
            current += v
            last_small = v
        elif w == "dozen":
            current = max(current, 1.0) * 12
            last_small = None
        elif w == "hundred":
            current = max(current, 1.0) * 100
            last_small = None
        elif w in _SCALES:
            total += (current if current > 0 else 1.0) * _SCALES[w]
            current = 0.0
            last_small = None
        else:
            break
        seen = True
        prev = w
        end = tok.end()
    if not seen:
        return None, 0
    return total + current, end


NUMBER_WORDS: dict[str, int] = _SMALL
"""Number words up to ninety (with common misspellings), shared with the matcher."""


def words_value(words: str) -> float | None:
    """Value of a run of number words ("twenty-four", "two dozen", "a million"), or None."""
    return _words_value(words)[0]


# Matched at an offset of the whole text, never on a copy of its tail: copying the rest of a
# long sentence for every number in it made extraction quadratic.
_SCALE_AFTER_RE = re.compile(rf"\s++(?:a\s++)?({_SCALE_WORD})\b", re.I)
_AND_RE = re.compile(r"\s++and\s+")
_DOLLARS_AFTER_RE = re.compile(r"\s*+(?:million|billion|trillion)?\s*+(?:US\s++)?dollars\b", re.I)
_AGED_RE = re.compile(r"\s*+-?\s*+(?:year|month|week|day)s?\s*+-\s*+old", re.I)
_PENCE_RE = re.compile(r"p\b")
_MINUS_RE = re.compile(r"\b(?:minus|negative)\s+$", re.I)


def _number(text: str, m: re.Match[str], taken: _Taken) -> tuple[Quantity, int] | None:
    cur = m.group("cur")
    if m.group("num") is not None:
        digits = m.group("num")
        num_start = m.start("num")
        num_end = m.end("num")
        if _IDENT_BEFORE_RE.search(text, max(0, num_start - 14), num_start):
            return None
        if num_end < len(text) and (text[num_end].isalpha() and m.group("abbr") is None):
            # "G7", "5G", "2nd", "10am" handled elsewhere; "5km" is a measure
            unit_m = _MEASURE_RE.match(text, num_end)
            pence = _PENCE_RE.match(text[num_end : num_end + 2])
            if unit_m is None and not _PERCENT_RE.match(text, num_end) and not pence:
                return None
        value = float(digits.replace(",", ""))
        end = num_end
        if m.group("mult"):
            value *= _SCALES[m.group("mult").lower().rstrip("s")]
            end = m.end("mult")
        elif m.group("abbr"):
            abbr = m.group("abbr").lower()
            if abbr in {"m", "b"} and not cur:
                # "100m" is metres without a currency sign; "5b" is rarely money without one
                if abbr == "b":
                    return None
                if _is_counted(text, m.end("abbr")):
                    value *= 1_000_000
                    end = m.end("abbr")
            else:
                value *= _ABBREV_SCALES[abbr]
                end = m.end("abbr")
        if not m.group("mult") and _followed_by_scale(text, end):
            scale_m = _SCALE_AFTER_RE.match(text, end)
            if scale_m:
                value *= _SCALES[scale_m.group(1).lower()]
                end = scale_m.end()
    else:
        words = m.group("words")
        num_start = m.start("words")
        parsed, length = _words_value(words)
        if parsed is None:
            return None
        value = parsed
        end = num_start + length
        if words[:length].lower() in {"one"} and _is_idiomatic_one(text, num_start, end):
            return None
        if words[:length].lower() in {"a", "an"}:
            return None
    minus = _MINUS_RE.search(text[max(0, num_start - 9) : num_start])
    if minus and not cur:
        value = -value
    half = _AND_HALF_RE.match(text, end)
    if half:
        value += 0.5
        end = half.end()
    start = m.start("cur") if cur else num_start
    if cur and taken.overlaps(start, start + 1):
        start = num_start
        cur = None
    kind = "count"
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    qualifier = _qualifier_before(text, start)

    # ranges: "20-30", "20 to 30", "between 5 and 7", "five or six"
    is_range = False
    range_m = _range_after(text, end, m.group("num") is not None)
    between = _BETWEEN_RE.search(text, max(0, start - 9), start)
    if range_m is None and between and between.group(0).lower().startswith("between"):
        and_m = _AND_RE.match(text, end)
        if and_m:
            range_m = _second_number(text, and_m.end())
    if range_m is not None:
        second, second_end, second_has_scale = range_m
        from_before = between is not None and between.group(0).lower().startswith("from")
        if not from_before:
            if second_has_scale and value < second and value < 1000:
                scale = second / _unscaled(text, end, second_end)
                value *= scale
            if value <= second:
                low, high = value, second
                end = second_end
                is_range = True
    if cur is None:
        suffix = _CURRENCY_SUFFIX_RE.match(text, end)
        if suffix and not suffix.group("cur").lower().startswith("pounds"):
            cur_code = _CURRENCY_WORDS[suffix.group("cur").lower()]
            kind, unit = "money", cur_code
            end = suffix.end()
        elif _PENCE_RE.match(text[end : end + 2]) and m.group("num") is not None:
            kind, unit = "money", "GBP"
            value /= 100
            end += 1
        elif _CENTS_RE.match(text, end):
            c = _CENTS_RE.match(text, end)
            assert c is not None
            kind, unit = "money", "USD"
            value /= 100
            if low is not None and high is not None:
                low, high = low / 100, high / 100
            end = c.end()
    else:
        kind, unit = "money", _CURRENCY_PREFIX[cur.strip().lower()]
        suffix = _DOLLARS_AFTER_RE.match(text, end)
        if suffix and suffix.group(0).strip().lower() == "dollars":
            end = suffix.end()
    if kind == "count":
        pct = _PERCENT_RE.match(text, end)
        age = _AGE_RE.match(text, end)
        if pct:
            kind, unit = "percent", ("percentage points" if pct.group("pp") else "percent")
            end = pct.end()
        elif age:
            kind, unit = "age", "years old"
            end = age.end()
        else:
            dur = _DURATION_RE.match(text, end)
            meas = _MEASURE_RE.match(text, end)
            if dur and not _AGED_RE.match(text, end):
                kind, unit = "duration", _DURATIONS[dur.group("u").lower()]
                end = dur.end()
            elif meas and _measure_ok(text, end, meas):
                kind, unit = "measure", _MEASURES[meas.group("u").lower()]
                end = meas.end()
            elif m.group("abbr") and m.group("abbr").lower() == "m" and not cur and end == num_end:
                kind, unit = "measure", "m"
                end = m.end("abbr")
    if qualifier is None:
        post = _POST_QUAL_RE.match(text, end)
        if post:
            qualifier = "at least" if post.group("more") == "more" else "more than"
            if post.group("more") == "so":
                qualifier = "about"
            phrase_end = post.end()
        else:
            phrase_end = end
    else:
        phrase_end = end
    if kind == "count" and _looks_like_year(text, start, end, value, m):
        return None  # a year the time scanner declined (e.g. "2014's"): not a count
    if kind in {"count", "percent", "money"}:
        noun, noun_end = _noun_after(text, phrase_end)
        if kind == "count":
            unit = noun
        if noun_end:
            phrase_end = max(phrase_end, noun_end)
    if qualifier in {"more than", "at least"} and low is None:
        low = value
    elif qualifier in {"up to", "less than"} and high is None:
        high = value
    raw = text[start:end]
    number_value: float | None = None if is_range else value
    return (
        Quantity(
            raw=raw,
            value=_tidy(number_value),
            low=_tidy(low),
            high=_tidy(high),
            unit=unit,
            qualifier=qualifier,
            kind=kind,
            start=start,
            end=end,
        ),
        max(end, phrase_end if kind != "count" else end),
    )


def _tidy(value: float | None) -> float | None:
    if value is None:
        return None
    rounded = round(value, 6)
    return float(int(rounded)) if rounded == int(rounded) else rounded


_DIGITS_RE = re.compile(_DIGITS)
_WORD_NUMBER_RE = re.compile(_WORD_NUMBER, re.I)
_SCALE_WORDS_RE = re.compile(rf"\s*{_SCALE_WORD}s?", re.I)
_SCALE_WORD_RE = re.compile(_SCALE_WORD, re.I)


def _unscaled(text: str, start: int, end: int) -> float:
    """Value of the second number of a range without its scale word."""
    m = _DIGITS_RE.search(text[start:end])
    if m:
        return float(m.group(0).replace(",", "")) or 1.0
    words = _WORD_NUMBER_RE.search(text[start:end])
    if words:
        v, _ = _words_value(_SCALE_WORDS_RE.sub("", words.group(0)))
        return v or 1.0
    return 1.0


def _followed_by_scale(text: str, end: int) -> bool:
    return end < len(text) and text[end] == " "


def _range_after(text: str, end: int, digits: bool) -> tuple[float, int, bool] | None:
    sep = _RANGE_SEP_RE.match(text, end)
    if sep is None:
        return None
    sep_text = sep.group(0).strip().lower()
    if sep_text == "or" and digits:
        return None
    if (
        sep_text in {"-", "–", "—"}
        and end < len(text)
        and text[end] == " "
        and text[sep.end() - 1] == " "
    ):
        return None  # a dash used as punctuation: "24 - the highest"
    return _second_number(text, sep.end())


def _second_number(text: str, pos: int) -> tuple[float, int, bool] | None:
    m = _SECOND_RE.match(text, pos)
    if m is None or (m.group("num") is None and m.group("words") is None):
        return None
    if m.group("num") is not None:
        value = float(m.group("num").replace(",", ""))
        end = m.end("num")
        scaled = False
        if m.group("mult"):
            value *= _SCALES[m.group("mult").lower().rstrip("s")]
            end = m.end("mult")
            scaled = True
        elif (
            m.group("abbr")
            and m.group("abbr").lower() not in {"m", "b"}
            or (m.group("abbr") and m.group("cur"))
        ):
            value *= _ABBREV_SCALES[m.group("abbr").lower()]
            end = m.end("abbr")
            scaled = True
        if (
            end < len(text)
            and text[end].isalpha()
            and not scaled
            and not (_MEASURE_RE.match(text, end) or _PERCENT_RE.match(text, end))
        ):
            return None
        return value, end, scaled
    v, length = _words_value(m.group("words"))
    if v is None:
        return None
    scaled = _SCALE_WORD_RE.search(m.group("words")[:length]) is not None
    return v, m.start("words") + length, scaled


def _qualifier_before(text: str, start: int) -> str | None:
    q = _QUAL_RE.search(text, max(0, start - 16), start)
    if q is None:
        return None
    word = q.group("q").lower()
    if word in {"over", "under", "some", "around"}:
        # "over the past", "some of": only a qualifier right before a number
        before = text[max(0, q.start() - 12) : q.start()].lower()
        if word == "some" and _IN_FOR_OF_END_RE.search(before):
            return None
    return _QUALIFIERS[word]


def _measure_ok(text: str, end: int, meas: re.Match[str]) -> bool:
    unit = meas.group("u")
    if unit.lower() == "mi":
        return True
    if unit.lower() in {"m", "g", "c"}:
        return not meas.group(0).startswith(" ")
    return True


_IN_FOR_OF_END_RE = re.compile(r"\b(?:in|for|of)\s*$")
_DETERMINER_END_RE = re.compile(r"\b(?:no|any|every|some|each|the|this|that|which|another)\s*$")
_IDIOM_AFTER_RE = re.compile(
    r"\s+(?:of|another|day|thing|way|time|side|hand|point|must|can|could|would|should|"
    r"might|may|who|that|which|is|was|has|says|said|and|or)\b"
)
_CLAUSE_END_RE = re.compile(r"\s*(?:[,.;:!?)]|$)")


def _is_idiomatic_one(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 8) : start].lower()
    after = text[end : end + 24].lower()
    if _DETERMINER_END_RE.search(before):
        return True
    if _IDIOM_AFTER_RE.match(after):
        return True
    return _CLAUSE_END_RE.match(after) is not None


def _looks_like_year(text: str, start: int, end: int, value: float, m: re.Match[str]) -> bool:
    if m.group("num") is None or m.group("cur"):
        return False
    digits = m.group("num")
    return (
        len(digits) == 4
        and digits.isdigit()
        and 1600 <= value <= 2099
        and not _is_counted(text, end)
    )


def _is_counted(text: str, pos: int) -> bool:
    """Is the word after `pos` a counted noun (so a 4-digit number before it is a count)?"""
    w = _WORD_RE.match(text, pos)
    if w is None or w.start(1) - pos > 1:
        return False
    word = w.group(1)
    lw = word.lower()
    if lw in _IRREGULAR_PLURALS or lw in _MODIFIERS:
        return True
    if lw in _MEASURES or lw in _CURRENCY_WORDS or lw in {"percent", "per"}:
        return True
    return (
        word.islower()
        and len(word) > 3
        and lw.endswith("s")
        and not lw.endswith("ss")
        and lw not in _VERBY_S
        and lw not in _STOP
    )


def _noun_after(text: str, pos: int) -> tuple[str | None, int]:
    """The counted noun after a number: '24 Ukrainian soldiers' -> 'soldiers'."""
    of = _OF_RE.match(text, pos)
    if of is not None:
        pos = of.end()
    candidate: str | None = None
    for _ in range(4):
        w = _WORD_RE.match(text, pos)
        if w is None or "\n" in text[pos : w.start(1)]:
            break
        word = w.group(1).rstrip("'’-")
        lw = word.lower()
        if lw in _MODIFIERS:
            pos = w.end()
            continue
        if lw in _STOP or lw in _MONTH_NAMES or lw in _SMALL or lw in _SCALES:
            break
        if lw.endswith(("'s", "’s")):
            pos = w.end()
            continue
        following = _WORD_RE.match(text, w.end())
        next_word = following.group(1) if following and following.start(1) - w.end() <= 1 else ""
        next_is_noun = bool(next_word) and next_word.islower() and next_word.lower() not in _STOP
        if word[0].isupper():
            if next_is_noun:
                pos = w.end()
                continue
            if lw.endswith("s") and not lw.endswith("ss"):
                candidate = word
                return candidate, w.end()
            break
        if (
            lw.endswith(("ed", "ing", "ly"))
            or "-" in lw
            or lw.endswith(("ian", "ese", "ish", "al", "ive", "ous", "ful", "ic"))
        ):
            if next_is_noun and lw.endswith(("ian", "ese", "ish", "al", "ive", "ous", "ful", "ic")):
                if _is_plural(next_word) and lw.endswith(("ive", "ic")):
                    return lw + " " + next_word.lower(), following.end() if following else w.end()
                pos = w.end()
                continue
            if next_is_noun:
                pos = w.end()
                continue
            if lw.endswith(("ed", "ing", "ly")) or "-" in lw:
                break
        if (
            next_is_noun
            and not lw.endswith(("ed", "ing", "ly"))
            and (lw in _IRREGULAR_PLURALS or not lw.endswith("s"))
            and _is_plural(next_word)
        ):
            return lw + " " + next_word.lower(), following.end() if following else w.end()
        return lw, w.end()
    return candidate, 0


def _is_plural(word: str) -> bool:
    lw = word.lower()
    if lw in _IRREGULAR_PLURALS:
        return True
    return (
        len(lw) > 3
        and lw.endswith("s")
        and not lw.endswith(("ss", "us", "is"))
        and lw not in _VERBY_S
        and lw not in _STOP
    )


def _fraction(text: str, m: re.Match[str]) -> Quantity | None:
    bare = m.group("f2") or m.group("f3")
    if bare:
        n = (m.group("n2") or m.group("n3") or "a").lower()
        value = (1 if n in {"a", "one"} else _SMALL[n]) * _FRACTIONS[bare.lower()]
        return Quantity(
            raw=m.group(0),
            value=round(value, 4),
            qualifier=_qualifier_before(text, m.start()),
            kind="fraction",
            start=m.start(),
            end=m.end(),
        )
    if m.group("f"):
        frac = _FRACTIONS[m.group("f").lower()]
        n = (m.group("n") or "").strip(" -").lower()
        if m.group("f").lower().startswith("half") and n in {"", "a", "an", "one"}:
            value = 0.5
        elif n in {"a", "an", "one"}:
            value = frac
        elif n in _SMALL:
            value = _SMALL[n] * frac
        else:
            if m.group("f").lower().endswith("s") or m.group("f").lower() == "quarter":
                return None  # "quarters of", "quarter of" without a count: too vague
            value = frac
        end = m.end() - 3
    else:
        a = m.group("a").lower()
        b = m.group("b").lower()
        num = float(a) if a.isdigit() else float(_SMALL[a])
        den = float(b) if b.isdigit() else float(_SMALL[b])
        if den == 0 or num > den or den in range(1600, 2100):
            return None
        value = num / den
        end = m.end()
    noun, _ = _noun_after(text, m.end("f") if m.group("f") else end)
    return Quantity(
        raw=text[m.start() : end].strip(),
        value=round(value, 4),
        unit=noun,
        qualifier=_qualifier_before(text, m.start()),
        kind="fraction",
        start=m.start(),
        end=m.start() + len(text[m.start() : end].rstrip()),
    )


class _Taken:
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


# --- context: carried units and time scope ---------------------------------------------------------

_LINK_RE = re.compile(r"\b(?:and|or|but|while|with|including|of\s+whom|to|than|from|versus|vs)\b|,")
_STOP_PUNCT_RE = re.compile(r"[.;:]")


def _carry_units(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """'24 soldiers this year and eight in the past two weeks': the eight are soldiers too."""
    out: list[Quantity] = []
    for q in quantities:
        if q.kind == "count" and q.unit is None and out:
            prev = out[-1]
            if (
                prev.kind == "count"
                and prev.unit
                and q.start - prev.end < 80
                and _LINK_RE.search(between := text[prev.end : q.start])
                and not _STOP_PUNCT_RE.search(between)
            ):
                q = replace(q, unit=prev.unit)
        out.append(q)
    return out


def _carry_of(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """'3 of the 27 member states', '11 of its last 12 games': the part takes the whole's noun."""
    out = list(quantities)
    for i in range(len(out) - 1):
        q, nxt = out[i], out[i + 1]
        if (
            q.unit is None
            and q.kind == "count"
            and nxt.unit
            and nxt.kind == "count"
            and _OF_BETWEEN_RE.fullmatch(text, q.end, max(q.end, nxt.start))
        ):
            out[i] = replace(q, unit=nxt.unit)
    return out


_OF_BETWEEN_RE = re.compile(
    r"\s++of\s++(?:the|its|their|his|her|our|these|those)?\s*+(?:last|first|next)?\s*+"
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
    """The stop indexes `_attach_scopes` needs, built on first use: most numbers take the time
    expression right after them and never need one."""

    def __init__(self, text: str, times: list[_TimeSpan]) -> None:
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


def _attach_scopes(text: str, quantities: list[Quantity], times: list[_TimeSpan]) -> list[Quantity]:
    """Give each number the time expression that qualifies it: the next one before the next
    number, else the last one before it, else the next one in the same clause.

    Time spans are disjoint and in order, so each choice is a bisection plus a stop test.
    """
    if not times:
        return quantities
    starts = [t.start for t in times]
    ends = [t.end for t in times]
    numeric_starts = [q.start for q in quantities if q.kind != "time"]
    stops = _ScopeStops(text, times)
    out: list[Quantity] = []
    for q in quantities:
        if q.kind == "time" or q.scope:
            out.append(q)
            continue
        n = bisect_right(numeric_starts, q.start)
        next_start = numeric_starts[n] if n < len(numeric_starts) else None
        first_after = bisect_left(starts, q.end)
        chosen: _TimeSpan | None = None
        if first_after < len(times):
            t = times[first_after]
            if (next_start is None or t.end <= next_start) and not stops.after(q.end, t.start):
                chosen = t
        if chosen is None and ends[0] <= q.start:
            chosen = _scope_before(q.start, times, ends, *stops.before())
        if chosen is None and first_after < len(times):
            t = times[first_after]
            if not stops.later(q.end, t.start):
                chosen = t
        if chosen is not None:
            chosen.used = True
            q = replace(q, scope=chosen.scope)
        out.append(q)
    return out


def _scope_before(
    pos: int,
    times: list[_TimeSpan],
    ends: list[int],
    stops: _Stops,
    stop_words: _StopWords,
    free: list[int],
) -> _TimeSpan | None:
    """The last time span ending by `pos` with no stop (`;`, a full stop, "now") after it."""
    barrier = max(stops.last_start(pos), stop_words.last_start(pos))
    k = bisect_right(ends, pos) - 1
    while k >= 0:
        t = times[k]
        if t.end <= barrier:
            return None
        if not stop_words.at(t.end, pos):
            return t
        k = free[k - 1] if k else -1
    return None
