"""Who a sentence attributes its statement to: "Ukraine says", "..., Kirby said", "said Maria
Silva", "the regional governor, Oleh Syniehubov, said", "according to the UN", "officials said".

Titles are trimmed to the name ("Health Minister Jane Doe" gives "Jane Doe"), organisations keep
their inner "of"/"for" ("Bank of England"), a leading "the" goes, and pronouns give no speaker.
"""

from __future__ import annotations

import re

SAY = (
    r"(?:says|said|say|told\s+(?:reporters|journalists|the\s+\w+|a\s+\w+|\w+)|tells|added|adds|"
    r"tweeted|wrote|claimed|claims|stated|states|announced|announces|insisted|warned|argued|"
    r"noted|explained|testified|confirmed|reported|reports|estimated|estimates|predicted|"
    r"alleged|acknowledged|admitted|denied|denies|accused|accuses|estimate|warn|insist|deny|"
    r"confirm|claim|argue|accuse|stressed|stresses|emphasi[sz]ed|cautioned|conceded|asserted|"
    r"countered|remarked|pointed\s+out|revealed|disclosed|suggested|"
    r"posted\s+(?:on|to)\s+\w+)"
)
# "said John Kirby": the verbs that can come before their speaker ("told the BBC" cannot)
_INVERTED_SAY = r"(?:said|says|added|adds|wrote|claimed|insisted|warned|argued|noted|explained)"
# At the start of a sentence "added" is as often a plain verb ("Georgia added 14,000 jobs").
_LEAD_SAY = SAY.replace("added|adds|", r"(?:added|adds)(?=\s+that\b|\s*[,:\"“'‘])|")

_NAME = r"(?:[A-Z][\w.'’-]*|al-[A-Z]\w*)"
_LINK = r"(?:of|for|and|de|van|von|bin|du|la)"
NAME_RUN = rf"{_NAME}(?:\s+(?:{_LINK}\s+(?:the\s+)?)?{_NAME}){{0,6}}"
# Sources named by a common noun: vague, but a reviewer should see that the source is vague.
_SOURCE = (
    r"(?:officials|police|authorities|prosecutors|investigators|analysts|economists|experts|"
    r"scientists|researchers|doctors|witnesses|residents|organi[sz]ers|sources|mayor|minister|"
    r"ministry|governor|president|spokes(?:man|woman|person)|office|department|agency|"
    r"official|source|leader|expert|analyst|people\s+familiar\s+with\s+the\s+\w+|"
    r"government|military|army|court|report|study|survey|statement|company|firm|council|"
    r"committee|regulator|watchdog|union|airport|hospital|coastguard|lawyers?|campaigners|"
    r"operator|utility|bank|board|commission|service|data|figures|diplomats|forces|troops|"
    r"observers|monitors|activists|rescuers|medics|coroner|spokespeople|club|team|"
    r"school|university|charity|party|league|federation|association|foundation|institute|"
    r"airline|insurer|retailer|carrier|broadcaster|newspaper|network|workers?|crews?|"
    r"firefighters?|paramedics?|coach|manager|captain|player|midfielder|striker|defender|"
    r"goalkeeper|chairman|chairwoman|director|executive|founder|owner|attorney|prosecutor|"
    r"judge|teacher|nurse)s?"
)
_SOURCE_QUALIFIER = r"(?:\s+close\s+to\s+(?:the\s+)?[a-z]+(?:\s+[a-z]+)?)"  # "sources close to ..."
_SOURCE_WORDS_RE = re.compile(
    rf"{_SOURCE}(?:\s+(?:in|at|from|for)\s+{NAME_RUN}|{_SOURCE_QUALIFIER})?", re.I
)
# "officials", "Ukrainian officials", "a senior US official", "sources close to the talks"
_COMMON = rf"(?:(?:[A-Z][\w'’-]*|[a-z]+)\s+){{0,4}}?(?i:{_SOURCE}){_SOURCE_QUALIFIER}?"
_POSSESSIVE = rf"(?:{NAME_RUN}|[a-z]+)['’]s\s+(?:[a-z]+\s+){{0,2}}?[a-z]+"
_WHO = rf"(?:{_POSSESSIVE}|(?:[A-Za-z.'’-]+\s+){{0,6}}?{NAME_RUN}|{_COMMON})"

_AFTER_QUOTE_OR_COMMA = r"(?:[,\"”]|(?<![A-Za-z])['’])\s*"  # an apostrophe is not a quote
TAIL_RE = re.compile(
    rf"{_AFTER_QUOTE_OR_COMMA}(?:the\s+)?(?P<sp>{_WHO})"
    rf"(?:\s*,\s*+(?![A-Z][\w'’-]+\s+[A-Z])[^,\"”]{{3,60}},)?"  # "Dr. Helen Marsh, the director,"
    rf"\s+(?:also\s+)?{SAY}\b"
    rf"|,\s*(?P<app>{NAME_RUN})\s*,\s*(?:also\s+)?{SAY}\b"
    rf"|{_AFTER_QUOTE_OR_COMMA}{_INVERTED_SAY}\s+(?:the\s+)?(?P<inv>(?:[a-z]+\s+){{0,4}}{NAME_RUN}|{_COMMON})"
    r"(?=\s*(?:[,.;:]|$)|\s+(?:after|before|when|while|on|in|at)\b)"
    # "said John Kirby, the ..." or "said captain Joe Harland after ...", but not "said
    # statements from Kyiv were ..."
)
PRONOUN_SAY_RE = re.compile(
    rf"{_AFTER_QUOTE_OR_COMMA}(?:he|she|they|it|we|i)\s+(?:also\s+)?{SAY}\b", re.I
)
_LEAD_RE = re.compile(
    rf"^\W*(?:(?:In|At|From)\s+{NAME_RUN}\s*,\s*)?(?:(?:The|the)\s+)?(?P<sp>{_POSSESSIVE}|"
    rf"{NAME_RUN}(?:\s+(?!on\s+[A-Z][a-z]+day\b)(?:[a-z]+\s+){{0,4}}{NAME_RUN})?|{_COMMON})"
    rf"(?:(?:\s*,\s*[^,]{{1,120}}){{1,2}}\s*,)?"  # "Karen Obi, 52, who has run the bakery ..., said"
    rf"(?:\s+on\s+[A-Z][a-z]+day)?"  # "The Kremlin on Tuesday accused ..."
    rf"\s+(?:has\s+|have\s+|had\s+|also\s+|previously\s+|repeatedly\s+|again\s+)?{_LEAD_SAY}\b"
)
_ACCORDING_RE = re.compile(
    rf"\b[Aa]ccording\s+to\s+(?:the\s+|a\s+|an\s+)?"
    rf"(?P<sp>(?:[a-z]+\s+){{0,3}}?{NAME_RUN}(?:\s+{_SOURCE}\b)?|{_COMMON}\b|[a-z]+(?:\s+[a-z]+)?)"
)
_GATE_RE = re.compile(
    r"sa(?:id|ys?)|told|tells|added|adds|tweeted|wrote|claim|stat|announc|insist|warn|argu|"
    r"not|explain|testif|confirm|report|estimat|predict|alleg|acknowledg|admit|den|accus|ccording|"
    r"stress|emphasi|caution|conced|assert|counter|remark|pointed|reveal|disclos|suggest|posted"
)

_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "this", "that", "there"})
_LEADING_LINKS = frozenset({"the", "a", "an", "but", "and", "though", "although", "while", "yet"})
_NOT_SPEAKERS = frozenset(
    """as the nobody everyone everybody someone anyone did does do what why how when where who easier
    will would can could should is are was were has have had having""".split()
)
_TITLES = frozenset(
    """mr mrs ms dr prof sir dame president minister secretary secretary-general chancellor
    premier mayor governor gov sen senator rep representative spokesman spokeswoman
    spokesperson ambassador commissioner director chairman chairwoman chair ceo chief judge
    justice general gen lt col capt admiral king queen prince princess pope leader constable
    inspector detective sergeant superintendent commander captain manager coach boss editor
    state prosecutor mp mep mla economist professor analyst lawyer attorney counsel adviser
    advisor councillor councilor councilman councilwoman congressman congresswoman lawmaker
    legislator deputy envoy negotiator officer sheriff nurse doctor surgeon founder owner
    researcher scientist historian author activist campaigner executive strategist candidate
    striker midfielder defender goalkeeper winger skipper batsman bowler""".split()  # "state" ends "Secretary of State Mark Ellison"
)


def find_speaker(sentence: str) -> str | None:
    """Who the sentence attributes its statement to, if anyone."""
    if _GATE_RE.search(sentence) is None:
        return None
    for m in TAIL_RE.finditer(sentence):
        name = _clean(m.group("sp") or m.group("app") or m.group("inv") or "")
        if name:
            return name
    lead = _LEAD_RE.match(sentence)
    if lead is not None:
        name = _clean(lead.group("sp"))
        if name:
            return name
    acc = _ACCORDING_RE.search(sentence)
    if acc is not None:
        return _clean(acc.group("sp"))
    return None


def _clean(text: str) -> str | None:
    """'Pentagon press secretary John Kirby' -> 'John Kirby'; 'the mayor' -> 'mayor'; 'he' -> None."""
    words = text.strip(" ,.").split()
    if not words:
        return None
    if _SOURCE_WORDS_RE.fullmatch(" ".join(words)):
        return " ".join(words)  # "Diplomats in Brussels", capitalised only by the sentence start
    if words[-1][:1].isupper():
        words = _name_part(words)
    while words and words[0].lower() in _LEADING_LINKS:
        words = words[1:]  # "..., but officials said" is "officials"
    first = words[0] if words else ""
    if not words or (first.lower() in _NOT_SPEAKERS and not first.isupper()):
        return None
    if words[-1].lower() in _PRONOUNS:
        return None
    title = max((i for i, w in enumerate(words[:-1]) if _is_title(w)), default=-1)
    if title >= 0 and words[title + 1][:1].isupper():
        words = _person_only(words[title + 1 :])
    name = " ".join(words).strip(" ,.")
    return name or None


def _name_part(words: list[str]) -> list[str]:
    """The trailing run of capitalised words, with "of", "for" inside ("Bank of England")."""
    run: list[str] = []
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        inner_link = run and i > 0 and words[i - 1][:1].isupper() and re.fullmatch(_LINK, w)
        if w[:1].isupper() or inner_link or (run and w == "the" and i > 0):
            run.append(w)
        else:
            break
    while run and not run[-1][:1].isupper():
        run.pop()  # never start on a link word
    return list(reversed(run))


def _person_only(words: list[str]) -> list[str]:
    """After a title, a name ends before its affiliation: "Chidi Eze of the University of ..."."""
    for i, w in enumerate(words[2:], start=2):
        if w in ("of", "at", "from") and all(x[:1].isupper() for x in words[:i]):
            return words[:i]
    return words


def _is_title(word: str) -> bool:
    return word.lower().rstrip(".") in _TITLES
