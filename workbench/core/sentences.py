"""Sentence splitting for news text with exact character offsets.

A regex finds candidate ends (a run of ``.?!…`` with optional closing quotes or brackets, followed by
whitespace); a few rules then look at the word before the period and the word after the gap. Every
pattern is anchored or possessive so a 10 MB line without spaces, or a long run of dots, stays linear.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench.core.models import Paragraph, Sentence

# A candidate end. The lookbehind makes a run of terminators start only once, so "....x" costs O(n).
_CANDIDATE = re.compile(r"(?<![.?!…])([.?!…]++)([\"'”’»)\]]*+)(?=\s)")
# The gap after a candidate and the start of the next token: opening quotes, then a word.
_NEXT = re.compile(r"\s++([\"'“‘«(\[]*+)(\w*)")
# A blank line always ends a sentence (headlines, datelines and list items carry no period).
_BLANK_LINE = re.compile(r"\n[^\S\n]*+\n")
# '"Why now?" Mayor London Breed asked.': a capitalised speaker and a question verb keep the quote.
_QUESTION_SPEAKER = re.compile(
    r"(?:[A-Z][\w'’.-]*+\s++){1,3}(?:asked|asks|wondered|shouted|yelled|screamed|exclaimed)\b"
)
_NONSPACE = re.compile(r"\S")


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Titles before a name: never the last word of a sentence.
_TITLES = _words(
    """mr mrs ms messrs mmes dr drs prof sen sens rep reps gov govs gen gens lt col maj capt cmdr
    adm sgt cpl pvt brig supt insp det atty asst rev msgr fr hon pres amb vs v cf e.g i.e"""
)
# Abbreviations that stand before a number ("No. 1", "Feb. 17"): no break before a digit.
_BEFORE_NUMBER = _words(
    """no nos vol vols p pp art sec secs ch fig figs jan feb mar apr jun jul aug sep sept oct nov dec
    approx ca est rt rte hwy op ed eds"""
)
# State abbreviations (AP style): in news they end a sentence more often than not, because a
# mid-sentence one is followed by a comma ("Richmond, Va., said").
_STATES = _words(
    """ala ariz ark calif colo conn fla ga ill ind kan kans ky la md mass mich minn miss mo mont
    neb nev okla ore pa tenn tex va vt wash wis wyo n.c s.c n.y n.j n.h n.m n.d s.d w.va r.i d.c"""
)
# Company suffixes: "Apple Inc. said" or "Apple Inc. Chief Executive Tim Cook", else a break.
_COMPANY = _words("inc corp co cos ltd plc bros")
_ROLES = _words(
    """Chief CEO CFO COO Chairman Chairwoman Chair President Vice Executive Founder Director
    Spokesman Spokeswoman Senior General Managing Board"""
)
# Clock times: "10 p.m. Saturday", "8:33 a.m. EDT", else a break ("at 7 p.m. Results are ...").
_CLOCK = _words("a.m p.m")
_TIME_WORDS = _words(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday EDT EST ET CDT CST CT MDT MST MT
    PDT PST PT GMT UTC BST CET Eastern Central Mountain Pacific Atlantic Hawaii Alaska local
    January February March April May June July August September October November December Jan Feb
    Aug Sept Oct Nov Dec"""
)
# Other abbreviations that may or may not end a sentence: a break only before a sentence opener.
_AMBIGUOUS = _words(
    """jr sr etc st ave blvd rd mt ft dept univ assn no del jan feb mar apr jun jul aug sep sept oct
    nov dec"""
)
# Words that commonly open a sentence in news copy; after an ambiguous abbreviation they mean "break".
_STARTERS = _words(
    """The A An He She It They We I You His Her Its Their Our My This That These Those There Here
    But And Or So Yet In On At By For From To With Without After Before During Since While When Where
    Why How What Who Whom Whose Which If Although Though As Because Once Until Unless However
    Meanwhile Still Also Then Now Later Earlier Last Next Some Many Most Much More Few All Both Each
    Every Either Neither No None Nobody Not One Two Three Four Five Six Seven Eight Nine Ten Such
    Other Others Another Among According Despite Under Over Only Even Instead Asked Officials Police
    Authorities Analysts Critics Experts Residents Investors Shares Sales Revenue Prices
    Together Like Unlike Thus Indeed Yes Afterward Today Tomorrow Yesterday"""
)
_MONTHS = _words("jan feb mar apr jun jul aug sep sept oct nov dec")
_PLACE_PREPOSITIONS = _words("in of from at across near")
_IN_BRACKETS = _words("ret retd ed eds est")  # "(ret.)", "(eds.)": a title, not a sentence
# Letters and dots only, a letter or two between dots: "U.S", "N.S.W", "Ph.D", "e.g", "a.m".
_DOTTED = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")
_PLACES_DOTTED = frozenset("U.S U.K E.U U.N N.S.W U.A.E N.Z".split())  # not initials: "C.S. Lewis"
# After "U.S." a capitalised plural is usually an institution of it, not a new sentence.
_UNITS_AFTER_INITIALS = _words("Marines Forces Airways Steel News Olympics Games Series Affairs")
_OPENING_PUNCT = "\"'“‘«(["
_CLOSING_PUNCT = "\"'”’»)]"


def split_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans in `text`, whitespace trimmed so text[s:e] is the sentence; never empty."""
    spans: list[tuple[int, int]] = []
    block_start = 0
    for blank in _BLANK_LINE.finditer(text):
        _split_block(text, block_start, blank.start(), spans)
        block_start = blank.end()
    _split_block(text, block_start, len(text), spans)
    return spans


def split_sentences(text: str, paragraphs: Sequence[Paragraph]) -> list[Sentence]:
    """Split each paragraph on its own so a sentence never runs across a paragraph or caption."""
    sentences: list[Sentence] = []
    for paragraph in paragraphs:
        start = max(0, paragraph.start)
        end = min(len(text), paragraph.end)
        if start >= end:
            continue
        for s, e in split_spans(text[start:end]):
            sentences.append(
                Sentence(
                    position=len(sentences),
                    start=start + s,
                    end=start + e,
                    text=text[start + s : start + e],
                    role=paragraph.role,
                )
            )
    return sentences


def _split_block(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append the sentences of text[start:end], a stretch with no blank line in it."""
    first = _NONSPACE.search(text, start, end)
    if first is None:
        return
    start = first.start()
    segment = text[start:end]
    end = start + len(segment.rstrip())
    del segment
    sentence_start = start
    for cand in _CANDIDATE.finditer(text, start, end):
        gap = _NEXT.match(text, cand.end(), end)
        if gap is None:  # the candidate ends the block
            break
        if _is_boundary(text, cand, gap):
            spans.append((sentence_start, cand.end()))
            sentence_start = gap.start(1)
    spans.append((sentence_start, end))


def _is_boundary(text: str, cand: re.Match[str], gap: re.Match[str]) -> bool:
    """Decide whether a candidate end really ends the sentence."""
    following = gap.group(2)
    opener = gap.group(1)
    if following[:1].islower():
        return False  # '"Why?" he asked.', 'the Minsk Agreement … and', 'Apple Inc. said'
    if opener == "(" and following.isupper():
        return False  # a dateline: "RICHMOND, Va. (AP) —"
    terminator = cand.group(1)
    if terminator != ".":
        if "?" in terminator or "!" in terminator:
            quoted_question = bool(cand.group(2)) and not opener
            return not (quoted_question and _QUESTION_SPEAKER.match(text, gap.start(2)))
        # An ellipsis with a space before it marks words left out inside a sentence ("I just ... I").
        return cand.start() == 0 or not text[cand.start() - 1].isspace()
    previous, word = _words_before(text, cand.start())
    lower = word.lower()
    if cand.group(2):
        # 'is over." The ...', '(No one was hurt.) The ...', but "Gen. (ret.) Michael Adebayo"
        return not (cand.group(2) == ")" and lower.lstrip("(") in _IN_BRACKETS)
    if not word:
        return True
    if lower in _TITLES:
        return False  # "Gen. Mark Milley", "Dr. Fauci", "Brown v. Board"
    if following[:1].isdigit():
        return lower not in _BEFORE_NUMBER  # "Feb. 17", "No. 20-1199"
    if lower in _STATES or lower.rpartition("-")[2] in _STATES:
        return True  # "in Jarratt, Va. The prison", "Mitch McConnell, R-Ky. He said"
    if lower == "co" and previous.lower() in _PLACE_PREPOSITIONS:
        return False  # "a warehouse in Co. Kildare": an Irish county
    if lower in _COMPANY:
        return following not in _ROLES
    if lower in _CLOCK:
        return following not in _TIME_WORDS
    if lower == "st" and _is_street_name(previous):
        return True  # "Main St." or "79th St." is a street; "in St. Louis" is a saint
    if lower in _MONTHS and previous.lower() in _PLACE_PREPOSITIONS | {"by", "until", "since"}:
        return following[:1].isupper()  # "likely in Aug. Markets had", "due by Sept. The"
    if lower in _MONTHS and previous[:1].isdigit():
        return following[:1].isupper()  # "registered after 1 Sept. Older vehicles"
    dotted = _DOTTED.fullmatch(word) is not None
    if word in _PLACES_DOTTED and _is_plural_noun(following):
        return True  # "imposed by the U.S. Traders in ..." (but "U.S. Marines", "U.S. Forces")
    if lower in _AMBIGUOUS or dotted or (len(word) == 1 and word.isalpha()):
        # "the U.S. The" vs "U.S. Army", "J.R.R. Tolkien", "Michael J. Fox", "Jr. He".
        return bool(opener) or following in _STARTERS
    return True  # a number, a web address or an e-mail before the stop: "rose 2.4%. Oil ..."


def _is_plural_noun(word: str) -> bool:
    return (
        len(word) > 3
        and word[:1].isupper()
        and word[1:].islower()
        and word.endswith("s")
        and not word.endswith("ss")
        and word not in _UNITS_AFTER_INITIALS
    )


def _is_street_name(word: str) -> bool:
    """True for "79th" or "Main" before "St.", false for "in", "The" or "said," before a saint."""
    if word[:1].isdigit():
        return True
    return word[:1].isupper() and word.isalpha() and word not in _STARTERS


def _words_before(text: str, dot: int) -> tuple[str, str]:
    """The word the period is attached to (no brackets or quotes) and the word before it.

    Only a short window is read, so a very long token costs nothing; a word that fills the window is
    an ordinary long word, never an abbreviation, and comes back empty.
    """
    lo = max(0, dot - 40)
    window = text[lo:dot]
    if not window or window[-1].isspace():
        return "", ""
    parts = window.split()
    if len(parts) == 1 and lo > 0 and not text[lo - 1].isspace():
        return "", ""
    word = parts[-1].lstrip(_OPENING_PUNCT).rstrip(_CLOSING_PUNCT)
    previous = parts[-2].lstrip(_OPENING_PUNCT) if len(parts) > 1 else ""
    return previous, word
