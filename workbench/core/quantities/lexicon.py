"""The words and units of news English that quantities are made of, and the pattern pieces
built from them: one table per notion, shared by every reader in the package."""

from __future__ import annotations

import re

# --- number words ----------------------------------------------------------------------------

SMALL = {
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

NUMBER_WORDS: dict[str, int] = SMALL
"""Number words up to ninety (with common misspellings), shared with the matcher."""

SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "lakh": 100_000,  # Indian English: "2 lakh pilgrims", "Rs 1,240 crore"
    "crore": 10_000_000,
}
ABBREV_SCALES = {
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "tn": 1_000_000_000_000,
    "trn": 1_000_000_000_000,
}
FRACTIONS = {
    "half": 0.5,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 0.25,
    "quarters": 0.25,
    "fifth": 0.2,
    "fifths": 0.2,
}

SMALL_ALT = "|".join(sorted(SMALL, key=len, reverse=True))
_WORD = rf"(?:{SMALL_ALT}|hundred|thousand|million|billion|trillion|lakh|crore|dozen)"
WORD_NUMBER = (
    rf"(?:(?:half\s+)?(?:a|an)\s+(?=(?:hundred|thousand|million|billion|trillion|lakh|crore|dozen)\b))?"
    rf"{_WORD}(?:(?:\s*+-\s*+|\s++|\s++and\s++)(?:{_WORD})\b)*"
)
DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
SCALE_WORD = r"(?:hundred|thousand|million|billion|trillion|lakh|crore)"
SCALE_ABBR = r"(?:bn|mn|mln|trn|tn|k|m|b)"

# --- currencies and units ----------------------------------------------------------------------

CURRENCY_PREFIX = {
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
    "₦": "NGN",
    "ksh": "KES",
    "sh": "KES",  # Kenyan papers write "Sh1.2 billion"
}
CURRENCY_WORDS = {
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
    "rupee": "INR",
    "roubles": "RUB",
    "rubles": "RUB",
    "hryvnias": "UAH",
    "hryvnia": "UAH",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
}

MEASURES = {
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
    "hectare": "hectares",
    # singular forms, as in "a 32-hectare site", "a 10-tonne lorry", "one litre"
    "acre": "acres",
    "tonne": "tonnes",
    "metric tons": "tonnes",
    "metric ton": "tonnes",
    "ton": "tons",
    "litre": "litres",
    "liter": "litres",
    "gallon": "gallons",
    "inch": "inches",
    "barrel": "barrels",
    "kilogram": "kg",
    "gram": "g",
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
DURATIONS = {
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
    "fortnights": "fortnights",
    "fortnight": "fortnights",
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


PERCENT_RE = re.compile(
    r"\s*+(?:(?P<pp>percentage\s+points?)|%|percent\b|per\s*cent\b|pct\b|(?<=\d)pc\b"
    r"|pc\b(?=\s+(?:of|rise|fall|drop|increase)))",
    re.I,
)
CURRENCY_SUFFIX_RE = re.compile(rf"\s*+(?P<cur>{_alt(CURRENCY_WORDS)})\b", re.I)
CENTS_RE = re.compile(r"\s*+(?:cents?)\b", re.I)
MEASURE_RE = re.compile(rf"(?:\s*+|-)(?P<u>{_alt(MEASURES)})(?![\w/])", re.I)
DURATION_RE = re.compile(rf"(?:\s*+|-)(?P<u>{_alt(DURATIONS)})\b", re.I)
AGE_RE = re.compile(r"\s*+-\s*+(?:years?|yr)\s*+-\s*+olds?\b|\s++years?\s++old\b", re.I)

# --- months and days ---------------------------------------------------------------------------

MONTH_NAMES = {
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
MONTH_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
MONTH = rf"(?:{MONTH_FULL}|{_MONTH_ABBR})"
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"

WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
SEASON = r"(?:spring|summer|autumn|fall|winter)"

# --- qualifiers --------------------------------------------------------------------------------

QUALIFIERS = {
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
QUAL_RE = re.compile(rf"(?:^|(?<=[^\w.]))(?P<q>{_alt(QUALIFIERS)})\s*$", re.I)

# --- function words ----------------------------------------------------------------------------

STOP = frozenset(
    """a an the and or but nor of in on at to for from by with without into onto over under
    this that these those there here than then as per since during until till through across
    along among against towards toward beyond within
    was were is are be been being am has have had do does did will would shall should can could
    may might must not no yes it its it's he she they we you i me him her them us our your their
    his who whom whose which what when where why how all any each every some many much few
    also just only even still yet about around nearly almost more less most least up down out
    off again so if because while though although after before between against among within
    per cent percent pct time ago earlier later compared versus vs said says say told
    reported according including include includes included like such other another same
    last first next""".split()
)
