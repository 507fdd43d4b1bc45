"""Claims in one sentence: span, kind, type, speaker, quantities and a check-worthiness score.

Rules decide what can never be a claim (questions, greetings, navigation, datelines) and read the
structure (speaker, quantities, type); the shipped linear model decides how check-worthy the rest is.
"""

from __future__ import annotations

import re

from workbench.core.checkworthiness import (
    SIGNAL_LABELS,
    LinearModel,
    describe,
    is_telling,
    load_model,
    model_score,
    non_claim_reason,
)
from workbench.core.models import Claim, Quantity
from workbench.core.quantities import parse_quantities
from workbench.core.speakers import PRONOUN_SAY_RE, TAIL_RE, find_speaker

EXTRACTOR_VERSION = "1.2"


def default_threshold() -> float:
    """The model's tuned cut-off; read on first use so commands that never score stay quick."""
    return load_model().threshold


def __getattr__(name: str) -> float:
    if name == "DEFAULT_THRESHOLD":  # kept as a name for callers; loading waits until asked
        return default_threshold()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


TIME_KINDS = frozenset({"year", "period", "date", "time"})
_BARRIER_CAP = 0.1  # the most a sentence rejected by a rule can score

_QUOTE_RE = re.compile(r"^\W{0,2}[\"“](?P<q>[^\"”]{8,}?)[,.!?]?[\"”]")

_WORDS_RE = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")


def _words(text: str) -> tuple[list[str], set[str]]:
    """Lower-cased words, and the set of words and of the word pairs a type cue starts with."""
    words = _WORDS_RE.findall(text.lower())
    cues = set(words)
    if not cues.isdisjoint(_PAIR_FIRST):
        cues.update(a + " " + b for a, b in zip(words, words[1:], strict=False) if a in _PAIR_FIRST)
    return words, cues


def _cues(text: str) -> frozenset[str]:
    return frozenset(c.strip() for c in text.split(";") if c.strip())


# Each type's cue words or word pairs, checked in this order; the first hit wins.
_TYPE_CUES: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "prediction",
        _cues(
            "will;won't;forecast;forecasts;predicts;likely;going to;expected to;projected to;"
            "is set;are set;next year;on track"
        ),
    ),
    (
        "causal",
        _cues(
            "because;caused;causes;due to;led to;leads to;as a result;resulted in;results in;"
            "blamed;responsible for;thanks to;linked to;contributed to"
        ),
    ),
    (
        "rule",
        _cues(
            "law;laws;illegal;unlawful;legal;legally;constitution;constitutional;regulation;"
            "regulations;rule;rules;banned;ban;bans;require;requires;required;prohibit;"
            "prohibits;prohibited;allowed;treaty;bill;statute;mandate;court;ruled;agreement"
        ),
    ),
    (
        "comparison",
        _cues(
            "more;less;fewer;higher;lower;larger;smaller;increase;increased;decrease;decreased;"
            "rose;risen;fell;fallen;grew;doubled;tripled;halved;up;down;record;highest;lowest;"
            "largest;biggest;compared;than;since;trend;rising;falling;growing;decline;declined"
        ),
    ),
)
_PAIR_FIRST = frozenset(c.split()[0] for _, cues in _TYPE_CUES for c in cues if " " in c)
_STRONG_COMPARISON = _cues(
    "than;increase;increased;decrease;decreased;rose;fell;doubled;halved;record;highest;lowest"
)
_EVENT_WORDS = _cues(
    "was;were;had;did;seized;killed;signed;passed;voted;won;lost;launched;invaded;attacked;"
    "arrested;elected;died;began;started;ended;happened;held;met;visited"
)


def score_sentence(sentence: str) -> tuple[float, tuple[str, ...]]:
    """Check-worthiness in [0, 1] and the signals that raised it most, most important first."""
    return score_sentence_with(sentence, load_model())


def score_sentence_with(sentence: str, model: LinearModel) -> tuple[float, tuple[str, ...]]:
    """score_sentence with a given model: training evaluates candidate models through this."""
    score, reasons, _ = _score(sentence, model)
    return score, reasons


def _score(
    sentence: str, model: LinearModel, cutoff: float = -1.0, barrier: str | None = ""
) -> tuple[float, tuple[str, ...], str | None]:
    """Score, reasons and speaker; below `cutoff` the reasons and speaker are not worked out.

    `barrier` is the sentence's `non_claim_reason` when the caller has it already.
    """
    if barrier == "":
        barrier = non_claim_reason(sentence)
    probability, contributions = model_score(sentence, model)
    if barrier is not None:
        return round(probability * _BARRIER_CAP, 4), (f"not a claim: {barrier}",), None
    if probability < cutoff:
        return round(probability, 4), (), None
    top = sorted(  # ties broken by name, so reasons read the same on every run
        (fc for fc in contributions if fc[1] > 0.15), key=lambda fc: (-fc[1], fc[0])
    )[:8]
    top = [fc for fc in top if is_telling(fc[0])][:4]
    reasons = [describe(f) for f, _ in top]
    speaker = find_speaker(sentence)
    if speaker:
        reasons = [r for r in reasons if r != SIGNAL_LABELS["s:attribution"]]
        reasons.insert(0, f"attributed to {speaker}")
    out = tuple(dict.fromkeys(reasons[:4]))
    return round(probability, 4), (*out, f"model: {probability:.2f}"), speaker


def extract_claims(sentence: str, *, threshold: float | None = None) -> list[Claim]:
    """Claims in one body sentence; offsets index into `sentence`.

    `threshold` None means the model's tuned cut-off (`DEFAULT_THRESHOLD`).
    """
    if threshold is None:
        threshold = default_threshold()
    barrier = non_claim_reason(sentence)
    if barrier is not None:
        return []  # a rule rejects it at any threshold: skip the model
    score, reasons, speaker = _score(sentence, load_model(), threshold, barrier)
    if score < threshold or not sentence.strip():
        return []
    quantities = tuple(parse_quantities(sentence))
    start, end = claim_span(sentence)
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
        TAIL_RE.search(sentence, quote.end() - 2) or PRONOUN_SAY_RE.search(sentence)
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


def claim_type(
    text: str, quantities: tuple[Quantity, ...], speaker: str | None, *, quoted: bool
) -> str:
    """One label from the typology documented in the README."""
    numeric = any(q.kind not in TIME_KINDS for q in quantities)
    words, cues = _words(text)
    for name, cue_words in _TYPE_CUES:
        if cue_words.isdisjoint(cues):
            continue
        if name == "comparison" and not numeric and _STRONG_COMPARISON.isdisjoint(cues):
            continue
        return name
    if numeric:
        return "quantity"
    if quoted and speaker:
        return "quote"
    past = any(len(w) > 4 and w.endswith("ed") for w in words)
    if any(q.kind in TIME_KINDS for q in quantities) or past or not _EVENT_WORDS.isdisjoint(cues):
        return "event"
    if speaker:
        return "quote"
    return "fact"
