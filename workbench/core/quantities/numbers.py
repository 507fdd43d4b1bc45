"""Reading one number where a match starts: digits or words, scale, currency, range, unit,
qualifier and counted noun, plus fractions; the patterns that find the candidates."""

from __future__ import annotations

import re

from workbench.core.models import Quantity
from workbench.core.quantities.lexicon import (
    ABBREV_SCALES,
    AGE_RE,
    CENTS_RE,
    CURRENCY_PREFIX,
    CURRENCY_SUFFIX_RE,
    CURRENCY_WORDS,
    DIGITS,
    DURATION_RE,
    DURATIONS,
    FRACTIONS,
    MEASURE_RE,
    MEASURES,
    PERCENT_RE,
    QUAL_RE,
    QUALIFIERS,
    SCALE_ABBR,
    SCALE_WORD,
    SCALES,
    SMALL,
    SMALL_ALT,
    WORD_NUMBER,
)
from workbench.core.quantities.nouns import is_counted, noun_after
from workbench.core.quantities.scanning import LETTERS_RE, Taken

_AND_HALF_RE = re.compile(r"\s++and\s++(?:a\s++(?P<part>half|quarter)|three\s++quarters)\b", re.I)
UNIT_AND_HALF_RE = re.compile(
    r"\b(?:an?|one)\s+(?P<u>hour|year|day|week|month|minute)\s+and\s+a\s+half\b", re.I
)

# A number candidate: currency, digits or words, and a scale word.
NUMBER_RE = re.compile(
    rf"(?P<cur>US\$|A\$|C\$|HK\$|NZ\$|[$£€¥₹₦]|\b(?:USD|EUR|GBP|Rs\.?|KSh|Sh(?=\d))\s?)?\s?"
    rf"(?:(?:(?<=Sh)|(?<![\w.,\-/]))(?P<num>{DIGITS})(?![\w])?"
    rf"(?:\s*(?P<mult>{SCALE_WORD}s?\b)|(?P<abbr>{SCALE_ABBR})\b)?"
    rf"|(?<![\w\-])(?P<words>{WORD_NUMBER})\b)",
    re.I,
)
_SECOND_RE = re.compile(
    rf"(?P<cur>US\$|A\$|C\$|HK\$|NZ\$|[$£€¥₹₦])?"
    rf"(?:(?P<num>{DIGITS})(?:\s*(?P<mult>{SCALE_WORD}s?\b)|(?P<abbr>{SCALE_ABBR})\b)?"
    rf"|(?P<words>{WORD_NUMBER})\b)",
    re.I,
)
MANY_RE = re.compile(
    r"\b(?:(?P<outer>tens|hundreds)\s+of\s+)?(?P<base>dozens|scores|hundreds|thousands|millions|billions)"
    r"(?:\s+of\b|(?![\w-]))",
    re.I,
)
FRACTION_RE = re.compile(
    rf"\b(?P<n>(?:a|an|one|two|three|four)\s*+-?\s*+)?(?P<f>half|thirds?|quarters?|fifths?)\s+of\b"
    rf"|(?<=by\s)(?P<n2>a|one|two|three)\s*+-?\s*+(?P<f2>thirds?|quarters?|fifths?|half)\b"
    rf"|(?:(?<=nearly\s)|(?<=almost\s)|(?<=about\s)|(?<=around\s)|(?<=roughly\s))"
    rf"(?P<n3>a|one|two|three)\s*+-?\s*+(?P<f3>thirds?|quarters?|fifths?)\b(?!\s+of)"
    rf"|\b(?P<a>\d+|{SMALL_ALT})\s+(?:in|out\s+of)\s+(?P<b>\d+|{SMALL_ALT})\b",
    re.I,
)

_POST_QUAL_RE = re.compile(r"(?:\s++or\s++(?P<more>more|so)\b|\s*+-?\s*+(?P<plus>plus\b|\+))", re.I)
_RANGE_SEP_RE = re.compile(r"\s*+(?:-|–|—|to|or)\s*", re.I)
_BETWEEN_RE = re.compile(r"\b(?:between|from)\s+$", re.I)
_IDENT_BEFORE_RE = re.compile(
    r"(?:\b(?:No|Nos|Article|Section|Chapter|Resolution|Flight|Route|Room|Page|Paragraph|Title|"
    r"Proposition|Prop|Highway|Interstate|Apollo|Level|Category|Phase|Stage|Grade|Number|Act|"
    r"Rule|Term|Episode|Season|Windows|iPhone|Covid|COVID|Boeing|Airbus|Su|MiG|Tu|Il|Mi|Ka|"
    r"Amendment|Precinct|District|Ward|Class|Gen|G|Unit|version|v|"
    r"FTSE|S&P|ASX|DAX|CAC|Nikkei|Stoxx|STOXX|Russell|Nasdaq|NASDAQ|Nifty|TSX|IBEX|KOSPI|"
    r"Year|Junction|junction|iOS|Android|macOS|Version|Max)"
    r"\.?\s*|#\s*|[A-Za-z]-|[A-Z]{2,}-?)$"
)

_SCALE_NAMES = frozenset({"hundred", "thousand", "million", "billion", "trillion", "dozen"})
_NUMBER_FIRST = (
    frozenset(SMALL) | _SCALE_NAMES | frozenset({"usd", "eur", "gbp", "rs", "ksh", "sh"})
)


def number_starts(text: str, toks: list[tuple[int, str]]) -> list[int]:
    starts: list[int] = []
    for i, (start, tok) in enumerate(toks):
        low = tok
        nxt = toks[i + 1][1] if i + 1 < len(toks) else ""
        if (
            tok[0].isdigit()
            or tok in "$£€¥₹₦"
            or low in _NUMBER_FIRST
            or (low in {"a", "an"} and nxt in _SCALE_NAMES)
            or (low == "half" and nxt in {"a", "an"})
            or (low in {"us", "a", "c", "hk", "nz"} and text.startswith("$", start + len(tok)))
        ):
            starts.append(start)
    return starts


def _words_value(words: str) -> tuple[float | None, int]:
    """Value of a run of number words and how many characters of it form one number."""
    tokens = LETTERS_RE.finditer(words)
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
            if prev not in SCALES:
                break
            prev = w
            continue
        if w in SMALL:
            v = float(SMALL[w])
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
        elif w in SCALES:
            total += (current if current > 0 else 1.0) * SCALES[w]
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


def words_value(words: str) -> float | None:
    """Value of a run of number words ("twenty-four", "two dozen", "a million"), or None."""
    return _words_value(words)[0]


# Matched at an offset of the whole text, never on a copy of its tail: copying the rest of a
# long sentence for every number in it made extraction quadratic.
_CRORE_AFTER_RE = re.compile(r"\s++crores?\b", re.I)
_SCALE_AFTER_RE = re.compile(rf"\s++(?:a\s++)?({SCALE_WORD})\b", re.I)
_AND_RE = re.compile(r"\s++and\s+")
_DOLLARS_AFTER_RE = re.compile(r"\s*+(?:million|billion|trillion)?\s*+(?:US\s++)?dollars\b", re.I)
# a qualifier between a change and its number: "rose by about 5%"
_ROUGHLY = r"(?:(?:about|around|almost|nearly|roughly|some|more\s+than|over)\s++)?"
_BY_BEFORE_RE = re.compile(rf"\bby\s++{_ROUGHLY}$", re.I)
# "Hughes, 41, had stolen ...", "The girl, 9, was taken to hospital": an age between commas.
_AGE_HOLDER_BEFORE_RE = re.compile(
    r"(?:\b[A-Z][a-z'’-]+|\b(?:man|woman|boy|girl|teenager|mother|father|son|daughter|wife|"
    r"husband|driver|victim|pensioner|student|child|suspect|resident|officer|accused|"
    r"defendant))\s*,\s*$"
)
_CHANGE_BEFORE_RE = re.compile(
    r"\b(?:by|ris(?:e|es|en|ing)|rose|fall(?:s|en|ing)?|fell|(?:in|de)creas(?:e|es|ed|ing)|"
    r"gr(?:ew|ow|ows|own|owing)|drop(?:s|ped)?|climb(?:s|ed)?|jump(?:s|ed)?|slip(?:s|ped)?|slid|"
    r"declin(?:e|es|ed)|gain(?:s|ed)?|lost|cut|rais(?:e|ed)|lift(?:ed)?|lower(?:ed)?|"
    r"(?:edged|went|moved)\s+(?:up|down)|up|down)\s++"
    rf"(?:by\s++)?{_ROUGHLY}$",
    re.I,
)
# both ends of "by X to Y" carry their own unit: "by £122 to £1,568", "by 2% to 5%"
_OWN_UNIT_AFTER_RE = re.compile(r"%\s*+to\s++\S|\s*+to\s++(?:US|A|C|HK|NZ)?[$£€¥]")
_POUNDS_RE = re.compile(r"\s++pounds\b(?!\s+(?:of|in\s+weight))", re.I)
_SCALED_RE = re.compile(r"thousand|million|billion|trillion|bn\b|m\b", re.I)
_AGED_BEFORE_RE = re.compile(
    r"\baged\s++(?:(?:over|under|about|around|between|from|at\s+least|up\s+to)\s++)?$", re.I
)
_AGED_RE = re.compile(r"\s*+-?\s*+(?:year|month|week|day)s?\s*+-\s*+old", re.I)
_PENCE_RE = re.compile(r"p\b")
_MINUS_RE = re.compile(r"\b(?:minus|negative)\s+$", re.I)


def number(text: str, m: re.Match[str], taken: Taken) -> tuple[Quantity, int] | None:
    cur = m.group("cur")
    if m.group("num") is not None:
        digits = m.group("num")
        num_start = m.start("num")
        num_end = m.end("num")
        if _IDENT_BEFORE_RE.search(text, max(0, num_start - 14), num_start):
            return None
        if len(digits) > 1 and digits[0] == "0" and digits[1].isdigit():
            return None  # "0800 046 0123", "007": codes and phone numbers, not amounts
        if num_end < len(text) and (text[num_end].isalpha() and m.group("abbr") is None):
            # "G7", "5G", "2nd", "10am" handled elsewhere; "5km" is a measure
            unit_m = MEASURE_RE.match(text, num_end)
            pence = _PENCE_RE.match(text[num_end : num_end + 2])
            if unit_m is None and not PERCENT_RE.match(text, num_end) and not pence:
                return None
        value = float(digits.replace(",", ""))
        end = num_end
        if m.group("mult"):
            value *= SCALES[m.group("mult").lower().rstrip("s")]
            end = m.end("mult")
            compound = _CRORE_AFTER_RE.match(text, end)
            if compound and m.group("mult").lower().rstrip("s") != "crore":
                value *= SCALES["crore"]  # "₹5 lakh crore" is one amount
                end = compound.end()
        elif m.group("abbr"):
            abbr = m.group("abbr").lower()
            if abbr in {"m", "b"} and not cur:
                # "100m" is metres without a currency sign; "5b" is rarely money without one
                if abbr == "b":
                    return None
                if is_counted(text, m.end("abbr")) or _counted_after_a_name(text, m.end("abbr")):
                    value *= 1_000_000  # "7.3m customers", "7.3m Bluewave customers"
                    end = m.end("abbr")
            else:
                value *= ABBREV_SCALES[abbr]
                end = m.end("abbr")
        if not m.group("mult") and _followed_by_scale(text, end):
            scale_m = _SCALE_AFTER_RE.match(text, end)
            if scale_m:
                value *= SCALES[scale_m.group(1).lower()]
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
    half = _AND_HALF_RE.match(text, end)  # "two and a half", "five and a quarter"
    if half:
        part = (half.group("part") or "").lower()
        value += 0.5 if part == "half" else 0.25 if part == "quarter" else 0.75
        end = half.end()
    start = m.start("cur") if cur else num_start
    if cur and taken.overlaps(start, start + 1):
        start = num_start
        cur = None
    kind = "count"
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    qualifier = qualifier_before(text, start)

    # ranges: "20-30", "20 to 30", "between 5 and 7", "five or six"
    is_range = False
    range_m = _range_after(text, end, m.group("num") is not None)
    if (
        range_m is not None
        and _BY_BEFORE_RE.search(text, max(0, start - 20), start)
        and (_OWN_UNIT_AFTER_RE.match(text, end) or range_m[0] > 3 * value)
    ):
        # "fall by £122 to £1,568", "rose by 14,000 to 231,000": the change, then the new level
        range_m = None
    between = _BETWEEN_RE.search(text, max(0, start - 9), start)
    if range_m is None and between and between.group(0).lower().startswith("between"):
        and_m = _AND_RE.match(text, end)
        if and_m:
            range_m = _second_number(text, and_m.end())
    if range_m is None and (between is None or between.group(0).lower().startswith("between")):
        range_m = _range_over_unit(text, start, end, between is not None)  # "5.25% to 5.5%"
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
        suffix = CURRENCY_SUFFIX_RE.match(text, end)
        pounds = _POUNDS_RE.match(text, end)
        if suffix and not suffix.group("cur").lower().startswith("pounds"):
            cur_code = CURRENCY_WORDS[suffix.group("cur").lower()]
            kind, unit = "money", cur_code
            end = suffix.end()
        elif pounds and _SCALED_RE.search(text, num_start, end):
            kind, unit = "money", "GBP"  # "10 million pounds"; "200 pounds" may be a weight
            end = pounds.end()
        elif _PENCE_RE.match(text[end : end + 2]) and m.group("num") is not None:
            kind, unit = "money", "GBP"
            value /= 100
            end += 1
        elif CENTS_RE.match(text, end):
            c = CENTS_RE.match(text, end)
            assert c is not None
            kind, unit = "money", "USD"
            value /= 100
            if low is not None and high is not None:
                low, high = low / 100, high / 100
            end = c.end()
    else:
        kind, unit = "money", CURRENCY_PREFIX[cur.strip().lower()]
        suffix = _DOLLARS_AFTER_RE.match(text, end)
        if suffix and suffix.group(0).strip().lower() == "dollars":
            end = suffix.end()
    if kind == "count":
        pct = PERCENT_RE.match(text, end)
        age = AGE_RE.match(text, end)
        if pct:
            kind, unit = "percent", ("percentage points" if pct.group("pp") else "percent")
            end = pct.end()
        elif age:
            kind, unit = "age", "years old"
            end = age.end()
        else:
            dur = DURATION_RE.match(text, end)
            meas = MEASURE_RE.match(text, end)
            if dur and not _AGED_RE.match(text, end):
                kind, unit = "duration", DURATIONS[dur.group("u").lower()]
                end = dur.end()
            elif meas and _measure_ok(text, end, meas):
                kind, unit = "measure", MEASURES[meas.group("u").lower()]
                end = meas.end()
            elif m.group("abbr") and m.group("abbr").lower() == "m" and not cur and end == num_end:
                kind, unit = "measure", "m"
                end = m.end("abbr")
            elif _AGED_BEFORE_RE.search(text, max(0, start - 24), start) or _appositive_age(
                text, start, end, value
            ):
                kind, unit = "age", "years old"
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
        noun, noun_end = noun_after(text, phrase_end)
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


_DIGITS_RE = re.compile(DIGITS)
_WORD_NUMBER_RE = re.compile(WORD_NUMBER, re.I)
_SCALE_WORDS_RE = re.compile(rf"\s*{SCALE_WORD}s?", re.I)
_SCALE_WORD_RE = re.compile(SCALE_WORD, re.I)


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


_NAME_WORD_RE = re.compile(r"\s[A-Z][\w'’-]*")


def _counted_after_a_name(text: str, pos: int) -> bool:
    name = _NAME_WORD_RE.match(text, pos)
    return name is not None and is_counted(text, name.end())


def _appositive_age(text: str, start: int, end: int, value: float) -> bool:
    return (
        value.is_integer()
        and 0 < value <= 120
        and text.startswith(",", end)
        and _AGE_HOLDER_BEFORE_RE.search(text, max(0, start - 30), start) is not None
    )


def _range_over_unit(
    text: str, start: int, end: int, between: bool
) -> tuple[float, int, bool] | None:
    """A range that states its unit twice: "5.25% to 5.5%", "between 2% and 3%", "30C-35C".

    After a change ("rose 3.1% to 4.2%", "cut by 2% to 5%") it is a change and a level instead.
    """
    unit = PERCENT_RE.match(text, end) or MEASURE_RE.match(text, end)
    if unit is None or (unit.re is PERCENT_RE and unit.group("pp")):
        return None
    if not between and _CHANGE_BEFORE_RE.search(text, max(0, start - 40), start):
        return None
    if between:
        and_m = _AND_RE.match(text, unit.end())
        second = _second_number(text, and_m.end()) if and_m else None
    else:
        second = _range_after(text, unit.end(), True)
    if second is None:
        return None
    again = unit.re.match(text, second[1])
    if again is None or again.group(0).strip().lower() != unit.group(0).strip().lower():
        return None
    return second


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
            value *= SCALES[m.group("mult").lower().rstrip("s")]
            end = m.end("mult")
            scaled = True
        elif (
            m.group("abbr")
            and m.group("abbr").lower() not in {"m", "b"}
            or (m.group("abbr") and m.group("cur"))
        ):
            value *= ABBREV_SCALES[m.group("abbr").lower()]
            end = m.end("abbr")
            scaled = True
        if (
            end < len(text)
            and text[end].isalpha()
            and not scaled
            and not (MEASURE_RE.match(text, end) or PERCENT_RE.match(text, end))
        ):
            return None
        return value, end, scaled
    v, length = _words_value(m.group("words"))
    if v is None:
        return None
    scaled = _SCALE_WORD_RE.search(m.group("words")[:length]) is not None
    return v, m.start("words") + length, scaled


def qualifier_before(text: str, start: int) -> str | None:
    q = QUAL_RE.search(text, max(0, start - 16), start)
    if q is None:
        return None
    word = q.group("q").lower()
    if word in {"over", "under", "some", "around"}:
        # "over the past", "some of": only a qualifier right before a number
        before = text[max(0, q.start() - 12) : q.start()].lower()
        if word == "some" and _IN_FOR_OF_END_RE.search(before):
            return None
    return QUALIFIERS[word]


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
        and not is_counted(text, end)
    )


def fraction(text: str, m: re.Match[str]) -> Quantity | None:
    bare = m.group("f2") or m.group("f3")
    if bare:
        n = (m.group("n2") or m.group("n3") or "a").lower()
        value = (1 if n in {"a", "one"} else SMALL[n]) * FRACTIONS[bare.lower()]
        return Quantity(
            raw=m.group(0),
            value=round(value, 4),
            qualifier=qualifier_before(text, m.start()),
            kind="fraction",
            start=m.start(),
            end=m.end(),
        )
    if m.group("f"):
        frac = FRACTIONS[m.group("f").lower()]
        n = (m.group("n") or "").strip(" -").lower()
        if m.group("f").lower().startswith("half") and n in {"", "a", "an", "one"}:
            value = 0.5
        elif n in {"a", "an", "one"}:
            value = frac
        elif n in SMALL:
            value = SMALL[n] * frac
        else:
            if m.group("f").lower().endswith("s") or m.group("f").lower() == "quarter":
                return None  # "quarters of", "quarter of" without a count: too vague
            value = frac
        end = m.end() - 3
    else:
        a = m.group("a").lower()
        b = m.group("b").lower()
        num = float(a) if a.isdigit() else float(SMALL[a])
        den = float(b) if b.isdigit() else float(SMALL[b])
        if den == 0 or num > den or den in range(1600, 2100):
            return None
        value = num / den
        end = m.end()
    noun, _ = noun_after(text, m.end("f") if m.group("f") else end)
    return Quantity(
        raw=text[m.start() : end].strip(),
        value=round(value, 4),
        unit=noun,
        qualifier=qualifier_before(text, m.start()),
        kind="fraction",
        start=m.start(),
        end=m.start() + len(text[m.start() : end].rstrip()),
    )
