"""Claims in one sentence: span, kind, type, speaker, quantities and a check-worthiness score.

Rules decide what can never be a claim (questions, greetings, navigation, datelines) and read the
structure (speaker, quantities, type); the shipped linear model decides how check-worthy the rest is.
"""

from __future__ import annotations

import re

from workbench.core.checkworthiness import (
    LinearModel,
    describe,
    load_model,
    model_score,
    non_claim_reason,
)
from workbench.core.models import Claim, Quantity
from workbench.core.quantities import has_number_hint, parse_quantities

EXTRACTOR_VERSION = "1.0"
DEFAULT_THRESHOLD: float = load_model().threshold

TIME_KINDS = frozenset({"year", "period", "date", "time"})

_SAY = (
    r"(?:says|said|say|told\s+(?:reporters|journalists|the\s+\w+|\w+)|tells|added|adds|tweeted|"
    r"wrote|claimed|claims|stated|states|announced|announces|insisted|warned|argued|noted|"
    r"explained|testified|confirmed|reported|reports|estimated|estimates|predicted|alleged|"
    r"acknowledged|admitted|denied|denies|accused|accuses)"
)
_NAME = r"(?:[A-Z][\w.'’-]*|al-[A-Z]\w*|de|van|von|bin)"
_NAME_RUN = rf"{_NAME}(?:\s+{_NAME}){{0,5}}"
_TITLE = r"(?:(?:[a-z]+\s+){0,4})"
_LEAD_SPEAKER_RE = re.compile(
    rf"^\W*(?:(?:The|the)\s+)?(?P<sp>{_NAME_RUN}(?:['’]s\s+{_TITLE}{_NAME_RUN}|\s+{_TITLE}{_NAME_RUN})?)"
    rf"\s+(?:has\s+|have\s+|had\s+|also\s+|previously\s+|repeatedly\s+|again\s+)?{_SAY}\b"
)
_TAIL_SPEAKER_RE = re.compile(
    rf"[,\"”’]\s*(?P<sp>(?:[A-Za-z.'’-]+\s+){{0,6}}?{_NAME_RUN})\s+(?:also\s+)?{_SAY}\b"
    rf"|[,\"”]\s*{_SAY}\s+(?P<sp2>(?:[a-z]+\s+){{0,4}}{_NAME_RUN})"
)
_PRONOUN_SAY_RE = re.compile(rf"[,\"”]\s*(?:he|she|they|it|we|i)\s+(?:also\s+)?{_SAY}\b", re.I)
_ACCORDING_RE = re.compile(
    rf"\baccording\s+to\s+(?:the\s+|a\s+|an\s+)?(?P<sp>(?:[a-z]+\s+){{0,3}}?{_NAME_RUN}|[a-z]+(?:\s+[a-z]+)?)"
)
_QUOTE_RE = re.compile(r"^\W{0,2}[\"“](?P<q>[^\"”]{8,}?)[,.!?]?[\"”]")
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "this", "that", "there"})

_TYPE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "prediction",
        re.compile(
            r"\b(?:will|won't|going\s+to|expected\s+to|forecasts?|predicts?|projected\s+to|"
            r"is\s+set\s+to|are\s+set\s+to|by\s+20[3-9]\d|next\s+year|likely\s+to)\b",
            re.I,
        ),
    ),
    (
        "causal",
        re.compile(
            r"\b(?:because|caused|causes|due\s+to|led\s+to|leads\s+to|as\s+a\s+result|resulted\s+in|"
            r"results\s+in|blamed|responsible\s+for|thanks\s+to|linked\s+to|contributed\s+to)\b",
            re.I,
        ),
    ),
    (
        "rule",
        re.compile(
            r"\b(?:law|laws|illegal|unlawful|legal|legally|constitution(?:al)?|regulation|"
            r"rules?|banned|bans?|requires?|required|prohibit(?:s|ed)?|allowed|treaty|"
            r"bill|statute|mandate|court|ruled|agreement)\b",
            re.I,
        ),
    ),
    (
        "comparison",
        re.compile(
            r"\b(?:more|less|fewer|higher|lower|larger|smaller|increased?|decreased?|rose|risen|"
            r"fell|fallen|grew|doubled|tripled|halved|up|down|record|highest|lowest|largest|"
            r"biggest|compared|than|since|trend|rising|falling|growing|declin(?:e|ed|ing))\b",
            re.I,
        ),
    ),
)
_EVENT_RE = re.compile(
    r"\b(?:was|were|had|did|seized|killed|signed|passed|voted|won|lost|launched|invaded|"
    r"attacked|arrested|elected|died|began|started|ended|happened|held|met|visited|[a-z]{3,}ed)\b"
)


def score_sentence(sentence: str) -> tuple[float, tuple[str, ...]]:
    """Check-worthiness in [0, 1] and the signals that raised it most, most important first."""
    return score_sentence_with(sentence, load_model())


def score_sentence_with(sentence: str, model: LinearModel) -> tuple[float, tuple[str, ...]]:
    """score_sentence with a given model: training evaluates candidate models through this."""
    barrier = non_claim_reason(sentence)
    probability, contributions = model_score(sentence, model)
    if barrier is not None:
        return round(probability * 0.1, 4), (f"not a claim: {barrier}",)
    reasons = [describe(f) for f, c in sorted(contributions, key=lambda fc: -fc[1]) if c > 0.15]
    speaker = find_speaker(sentence)
    if speaker:
        reasons.insert(0, f"attributed to {speaker}")
    out = tuple(dict.fromkeys(reasons[:4]))
    return round(probability, 4), (*out, f"model: {probability:.2f}")


def extract_claims(sentence: str, *, threshold: float = DEFAULT_THRESHOLD) -> list[Claim]:
    """Claims in one body sentence; offsets index into `sentence`."""
    score, reasons = score_sentence(sentence)
    if score < threshold or not sentence.strip():
        return []
    quantities = tuple(parse_quantities(sentence)) if has_number_hint(sentence) else ()
    start, end = claim_span(sentence)
    speaker = find_speaker(sentence)
    numeric = any(q.kind not in TIME_KINDS for q in quantities)
    return [
        Claim(
            text=sentence[start:end],
            start=start,
            end=end,
            kind="numeric" if numeric else "factual",
            type=claim_type(sentence[start:end], quantities, speaker, quoted=start > 0),
            checkworthiness=score,
            reasons=reasons,
            speaker=speaker,
            quantities=quantities,
        )
    ]


def claim_span(sentence: str) -> tuple[int, int]:
    """The checkable part: the quoted words of an attributed quote, else the trimmed sentence."""
    quote = _QUOTE_RE.match(sentence)
    if quote is not None and (
        _TAIL_SPEAKER_RE.search(sentence, quote.end() - 2) or _PRONOUN_SAY_RE.search(sentence)
    ):
        s, e = quote.span("q")
        while e > s and sentence[e - 1] in " ,":
            e -= 1
        while s < e and sentence[s].isspace():
            s += 1
        if e > s:
            return s, e
    start = len(sentence) - len(sentence.lstrip())
    end = len(sentence.rstrip())
    return start, end


def find_speaker(sentence: str) -> str | None:
    """Who the sentence attributes its statement to ("Ukraine says", "Kirby said"), if anyone."""
    if "said" not in sentence and "say" not in sentence and not _has_other_say(sentence):
        return None
    for m in _TAIL_SPEAKER_RE.finditer(sentence):
        name = _last_name_run(m.group("sp") or m.group("sp2") or "")
        if name:
            return name
    lead = _LEAD_SPEAKER_RE.match(sentence)
    if lead is not None:
        name = _last_name_run(lead.group("sp").strip())
        if name and name.split()[0].lower() not in _PRONOUNS:
            return name
    acc = _ACCORDING_RE.search(sentence)
    if acc is not None:
        return acc.group("sp").strip().rstrip(",.")
    return None


_OTHER_SAY_RE = re.compile(
    r"told|tells|added|tweeted|wrote|claim|stat|announc|insist|warn|argu|not|explain|testif|"
    r"confirm|report|estimat|predict|alleg|acknowledg|admit|den|accus|according"
)


def _has_other_say(sentence: str) -> bool:
    return _OTHER_SAY_RE.search(sentence) is not None


def _last_name_run(text: str) -> str | None:
    """'Pentagon press secretary John Kirby' -> 'John Kirby'; 'he' -> None."""
    words = text.split()
    run: list[str] = []
    for w in reversed(words):
        if w[:1].isupper() or w in {"al-", "de", "van", "von", "bin"}:
            run.append(w)
        else:
            break
    if not run:
        return None
    name = " ".join(reversed(run)).strip(" ,.")
    if name.lower() in _PRONOUNS or not name:
        return None
    return name


def claim_type(
    text: str, quantities: tuple[Quantity, ...], speaker: str | None, *, quoted: bool
) -> str:
    """One label from the typology documented in the README."""
    numeric = any(q.kind not in TIME_KINDS for q in quantities)
    for name, pattern in _TYPE_RULES:
        if pattern.search(text):
            if name == "comparison" and not numeric and not re.search(
                r"\b(?:than|increased?|decreased?|rose|fell|doubled|halved|record|highest|lowest)\b",
                text,
                re.I,
            ):
                continue
            return name
    if numeric:
        return "quantity"
    if quoted and speaker:
        return "quote"
    if any(q.kind in TIME_KINDS for q in quantities) or _EVENT_RE.search(text):
        return "event"
    if speaker:
        return "quote"
    return "fact"
