"""The counted noun after a number ("24 Ukrainian soldiers" -> "soldiers"), and whether a word
is one: it gives a count its unit and tells "2000 people" from the year 2000."""

from __future__ import annotations

import re

from workbench.core.quantities.lexicon import (
    CURRENCY_WORDS,
    MEASURES,
    MONTH_NAMES,
    SCALES,
    SMALL,
    STOP,
)

_WORD_RE = re.compile(r"\s*+([A-Za-z][A-Za-z'’\-]*)")
_OF_RE = re.compile(
    r"\s+of\s+(?:the\s+|them\s+|those\s+|these\s+|its\s+|their\s+|his\s+|her\s+|our\s+|whom\s+|"
    r"which\s+|all\s+)?",
    re.I,
)

_MODIFIERS = frozenset(
    """more additional other new extra further fewer young old small large big major minor
    senior junior former current local foreign key top full total separate different
    unarmed armed wounded injured dead missing registered eligible active retired young
    civilian military federal national international domestic private public angry remote
    faulty unpaid rural urban poor rich wealthy needy sick hungry vulnerable innocent elderly
    disabled homeless jobless largest biggest smallest oldest newest richest poorest busiest
    highest lowest strongest weakest fastest youngest worst best""".split()
)
# Nouns ending in "s" that are not plurals, so they can stand before the counted noun
# ("45 measles cases").
_SINGULAR_S = frozenset(
    "measles mumps diabetes rabies news series species politics economics athletics".split()
)
_IRREGULAR_PLURALS = frozenset(
    """people children men women police staff personnel troops cattle sheep fish deer aircraft
    police militia crew""".split()
)
# Nouns that end like adjectives ("-al", "-ic"): as the first word of a compound they are kept
# ("12 coal plants"), where an adjective would be dropped ("24 national guards" -> "guards").
_ADJECTIVE_ENDINGS = ("ian", "ese", "ish", "al", "ive", "ous", "ful", "ic", "able", "ible")
_NOUNS_LIKE_ADJECTIVES = frozenset(
    """coal hospital animal metal canal festival terminal mineral signal rental portal clinic
    traffic music plastic table cable vegetable constable timetable""".split()
)
# Verb forms that follow a number as often as a noun does ("the FTSE 100 rose", "200 left").
# Nouns in "-ing" that name a kind of thing before another noun ("polling stations", "nursing
# homes"); other "-ing" words before a noun describe it and are dropped ("remaining troops").
_ING_NOUNS = frozenset(
    """polling housing parking shipping training fishing voting building mining teaching nursing
    banking boarding dining drinking living marketing manufacturing trading recycling sewing
    swimming washing waiting""".split()
)
_VERB_FORMS = frozenset(
    """rose fell grew sank shrank won lost hit saw took made went came got gave left ran stood
    sold bought paid spent met held kept rise fall grow""".split()
)
_VERBY_S = frozenset(
    "was is has as his its this thus does says sees goes gets makes takes news plus yes us".split()
)


def is_counted(text: str, pos: int) -> bool:
    """Is the word after `pos` a counted noun (so a 4-digit number before it is a count)?"""
    w = _WORD_RE.match(text, pos)
    if w is None or w.start(1) - pos > 1:
        return False
    word = w.group(1)
    lw = word.lower()
    if lw in _IRREGULAR_PLURALS or lw in _MODIFIERS:
        return True
    if lw in MEASURES or lw in CURRENCY_WORDS or lw in {"percent", "per"}:
        return True
    return (
        word.islower()
        and len(word) > 3
        and lw.endswith("s")
        and not lw.endswith("ss")
        and lw not in _VERBY_S
        and lw not in STOP
    )


def noun_after(text: str, pos: int) -> tuple[str | None, int]:
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
            joined = _AND_MODIFIER_RE.match(text, pos)  # "elderly and disabled residents"
            if joined is not None and joined.group(1).lower() in _MODIFIERS:
                pos = joined.end()
            continue
        if lw in STOP or lw in MONTH_NAMES or lw in SMALL or lw in SCALES or lw in _VERB_FORMS:
            break
        if lw.endswith(("'s", "’s")):
            pos = w.end()
            continue
        following = _WORD_RE.match(text, w.end())
        next_word = following.group(1) if following and following.start(1) - w.end() <= 1 else ""
        next_is_noun = bool(next_word) and next_word.islower() and next_word.lower() not in STOP
        if word[0].isupper():
            if _is_plural(word) and not (next_word and _is_plural(next_word)):
                return word, w.end()  # "Millions of Afghans face hunger": the people counted
            if next_is_noun:
                pos = w.end()
                continue
            if lw.endswith("s") and not lw.endswith("ss"):
                candidate = word
                return candidate, w.end()
            break
        if (
            (_modifier_ending(lw) or "-" in lw or lw.endswith(_ADJECTIVE_ENDINGS))
            and lw not in _NOUNS_LIKE_ADJECTIVES
            and lw not in _ING_NOUNS
        ):
            if next_is_noun and lw.endswith(_ADJECTIVE_ENDINGS):
                if _is_plural(next_word) and lw.endswith(("ive", "ic")):
                    return lw + " " + next_word.lower(), following.end() if following else w.end()
                pos = w.end()
                continue
            if next_is_noun:
                pos = w.end()
                continue
            if _modifier_ending(lw) or "-" in lw:
                break
        if (
            next_is_noun
            and (lw in _ING_NOUNS or not _modifier_ending(lw))
            and (lw in _IRREGULAR_PLURALS or not _is_plural(lw))
            and _is_plural(next_word)
        ):
            return lw + " " + next_word.lower(), following.end() if following else w.end()
        return lw, w.end()
    return candidate, 0


def _modifier_ending(lw: str) -> bool:
    """Ends like a participle or an adverb ("wounded", "remaining", "newly"); "speed", "seed"
    and "need" only look like one."""
    if lw.endswith("eed") and lw not in {"freed", "agreed", "guaranteed", "decreed"}:
        return False
    return lw.endswith(("ed", "ing", "ly"))


_AND_MODIFIER_RE = re.compile(r"\s+(?:and|or)\s+([A-Za-z]+)", re.I)


def _is_plural(word: str) -> bool:
    lw = word.lower()
    if lw in _IRREGULAR_PLURALS:
        return True
    if lw in _SINGULAR_S:
        return False
    return (
        len(lw) > 3
        and lw.endswith("s")
        and not lw.endswith(("ss", "us", "is"))
        and lw not in _VERBY_S
        and lw not in STOP
    )
