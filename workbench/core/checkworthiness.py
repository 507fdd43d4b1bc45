"""Check-worthiness: a linear model over words, word pairs and hand-made signals.

The weights are trained offline (bench/train_checkworthiness.py) and shipped as compressed JSON, so
scoring needs no third-party library: tokenize, look each feature up in a dict, add, squash with a
sigmoid. The same `features()` function is used for training and at run time, so the two can never
disagree on what a feature means.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from workbench.core.page_chrome import is_chrome, is_date_line, looks_like_caption
from workbench.core.quantities.lexicon import NUMBER_WORDS, SCALES
from workbench.core.quantities.times import CLOCK_RE

WEIGHTS_PATH = Path(__file__).parent / "data" / "checkworthiness.json.gz"

_TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|\$?\d[\d,.]*%?|[A-Za-z]+(?:['’][A-Za-z]+)?|[?%$£€]")
_YEAR_RE = re.compile(r"^(?:1[89]\d\d|20\d\d)$")
_NUMBER_WORDS = frozenset(  # the quantity parser's words, plural scales ("hundreds of")
    [*NUMBER_WORDS, *SCALES, *(w + "s" for w in (*SCALES, "dozen")), "dozen", "half", "percent"]
)
_CAPITAL_RE = re.compile(r"(?<=[\s(\"“])[A-Z][a-z]+")
_GREETING_RE = re.compile(
    r"^\W*(?:thank\s+you|thanks|hello|hi|good\s+(?:morning|afternoon|evening|night)|"
    r"welcome|congratulations|goodbye|bye|cheers|dear)\b",
    re.I,
)
_NAV_RE = re.compile(
    r"^\W*(?:home|menu|search|share|subscribe|sign\s+in|log\s+in|login|read\s+more|"
    r"related|advertisement|skip\s+to|accessibility\s+links|breaking\s+news|follow\s+us|"
    r"comments?|print|email|next|previous|back\s+to\s+top|cookies?|"
    r"terms\s+of\s+use|click\s+here|watch|listen)\b",  # copyright, privacy: is_chrome
    re.I,
)
_FEELINGS = (
    r"(?:proud|confident|concerned|grateful|happy|glad|sorry|pleased|delighted|hopeful|"
    r"optimistic|worried|disappointed|saddened|shocked|appalled|outraged|horrified|heartbroken|"
    r"devastated|thrilled|excited|honou?red|humbled|encouraged|disgusted|dismayed|troubled|"
    r"alarmed|fantastic|relieved|overjoyed|gutted|upset|angry|frustrated|looking\s+forward)"
)
_OPINION_LEAD_RE = re.compile(
    r"^\W*(?:(?:but|and|so|well|now|look|frankly|honestly)\W+)?(?:we|i)\s+(?:"
    rf"(?:are|am|'re|'m)\s+(?:\w+\s+){{0,2}}?(?:supporters?|committed|ready|determined|sure|"
    rf"{_FEELINGS})\b"
    r"|(?:really\s+|strongly\s+|firmly\s+|also\s+|still\s+)?(?:think|believe|feel|hope|want|"
    r"wish|support|oppose|urge|call\s+on|call\s+for|continue\s+to\s+call|intend|plan|condemn|"
    r"mourn|applaud|salute|appreciate|stand\s+with|pray|"
    r"will|shall|'ll|would\s+like|need\s+to|must|should|look\s+forward|welcome|love|like)\b)",
    re.I,
)
# Someone else's feelings, reported: "The 26-year-old said he felt 'fantastic' after the match."
_REPORTED_FEELING_RE = re.compile(
    r"^[^,;]{0,80}?\bsaid\s+(?:that\s+)?(?:he|she|they)\s+(?:was|were|felt|had\s+been)\s+"
    rf"['‘\"“]?(?:\w+\s+){{0,2}}?['‘\"“]?{_FEELINGS}\b",
    re.I,
)
# Who a person is, not what they claim: "The 45-year-old father of two said ..."
_DESCRIPTOR_NUMBER_RE = re.compile(
    r"\b\d+-year-old\b|\b(?:father|mother|parent|grandmother|grandfather)\s+of\s+\w+", re.I
)
_BOILERPLATE_RE = re.compile(
    r"\b(?:(?:was|were)\s+used\s+in\s+this\s+(?:report|story|article)|contributed\s+(?:reporting\s+)?"
    r"to\s+this\s+(?:report|story|article)|this\s+(?:story|article)\s+(?:has\s+been|was)\s+"
    r"(?:last\s+)?(?:updated|corrected|amended|first\s+published)|"
    r"auto-generated\s+from\s+a\s+syndicated\s+feed|has\s+not\s+been\s+edited\s+by)\b",
    re.I,
)
# The reporter's own steps, never the news, when they are the whole sentence: "The company did
# not immediately respond to a request for comment.", "A spokesman declined to comment."
_NO_COMMENT_RE = re.compile(
    r"^\W*(?:[\w.'’-]+\s+){1,6}?(?:did\s+not|didn't|could\s+not|declined\s+to|would\s+not)\b"
    r"[^,;:]*\bcomment\b(?:\s+[^\s,;:]+){0,4}"
    r"(?:\s+when\s+(?:contacted|approached|asked)(?:\s+by\s+[^,;:]{2,40})?)?\W*$",
    re.I,
)
_DATELINE_RE = re.compile(
    r"^\s*(?:[A-Z][A-Z .,'-]{2,}(?:,?\s*[A-Z][a-z]{2,}\.?\s+\d{1,2})?\s*(?:\([A-Za-z .]+\))?"
    r"\s*(?:[—–-]{1,2}|:)\s*$|Credit\s*:"
    r"|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2},\s*[A-Z][a-z]{2,}\.?\s+\d{1,2}\s*\([A-Za-z .]+\)"
    r"\s*(?:[—–-]{1,2}|:)\s*$)",  # "New Delhi, Jan 12 (IANS):"; "FILE -" captions: looks_like_caption
)
# A byline carrying a stamp: "By Mark Sutton | Updated: Feb 14, 2024, 18:42 IST".
_BYLINE_STAMP_RE = re.compile(r"^\W*by\s+[^|•·]{3,60}[|•·]\s*(?:updated|published|posted)\b", re.I)

# Audio and reading-time furniture: "Listen to this article · 6 min listen", "4 min read".
_READ_TIME_RE = re.compile(
    r"^\W*listen\s+to\s+this\s+(?:article|story)\b|\b\d+\s*min(?:ute)?s?\s+(?:read|listen)\b", re.I
)
# Clock times the quantity parser does not read as times: "on stage at 8", "(0900 GMT)".
_BARE_HOUR_RE = re.compile(
    r"\bat\s+\d{1,2}(?:\.\d\d)?(?=\s*(?:o'clock|\.?$|[,;]|\s+(?:and|on|local|GMT|BST|ET)\b))"
    r"|\(\d{4}\s*(?:GMT|UTC)\)",
    re.I,
)
# Logistics: when something starts, opens or resumes, with a clock time as its only number. News
# copy is full of these ("The hearing will resume at 2pm on Thursday"); nobody checks them.
_SCHEDULE_RE = re.compile(
    r"\b(?:(?:will|is|are)\s+(?:due|scheduled|set|expected)\s+(?:to|for|at|on)\b"
    r"|will\s+(?:resume|begin|start|open|close|air|reconvene|take\s+place|be\s+held|be\s+shown)\b"
    r"|(?:opens?|resumes?|begins?|starts?|reconvenes?|gets?\s+under\s+way|go(?:es)?\s+on\s+sale|"
    r"kicks?\s+off|is\s+due|are\s+due)\s+(?:at|from|on|shortly|in)\b)",
    re.I,
)
_SCHEDULE_WORDS = frozenset(  # one of these must be present before the pattern is tried
    """due scheduled set expected resume resumes resumed begin begins start starts open opens close
    air reconvene reconvenes held shown way sale kick kicks""".split()
)

SIGNAL_LABELS = {
    "s:number": "has a number",
    "s:year": "has a year or date",
    "s:percent": "has a percentage",
    "s:money": "has an amount of money",
    "s:attribution": "attributed",
    "s:opinion": "first-person opinion",
    "s:question": "question",
    "s:modal": "modal verb",
    "s:future": "future or intent",
    "s:compare": "comparison or change",
    "s:negation": "negation",
    "s:past": "past tense",
    "s:names": "names an entity",
    "s:short": "very short",
    "s:long": "long sentence",
    "s:you": "addresses the listener",
    "s:first_person": "speaks for self",
}


def tokens(sentence: str) -> list[str]:
    """Lower-cased word tokens; numbers fold into #num, #year, #pct, #money."""
    lowered = sentence.lower()
    if "’" in lowered:
        lowered = lowered.replace("’", "'")
    out: list[str] = []
    for tok in _TOKEN_RE.findall(lowered):
        first = tok[0]
        if first.isalpha() or (len(tok) == 1 and not first.isdigit()):
            out.append(tok)
            continue
        tok = tok.rstrip(".,")
        if tok.endswith("%"):
            out.append("#pct")
        elif first == "$":
            out.append("#money")
        elif _YEAR_RE.match(tok):
            out.append("#year")
        else:
            out.append("#num")
    return out


def features(sentence: str) -> dict[str, float]:
    """Binary features of one sentence: words (w:), word pairs (b:) and signals (s:)."""
    return dict.fromkeys(feature_set(sentence), 1.0)


def feature_set(sentence: str) -> set[str]:
    """The names of the features present in `sentence` (what the model's weights are keyed by)."""
    toks = tokens(sentence)
    feats = {"w:" + t for t in toks}
    padded = ["<s>", *toks, "</s>"]
    feats.update(["b:" + a + "_" + b for a, b in zip(padded, padded[1:], strict=False)])
    feats.update(signals(sentence, toks))
    return feats


_ATTRIBUTION_WORDS = frozenset(
    """said says say told tells reported reports announced claimed claims stated states added
    tweeted wrote testified estimated estimates confirmed denied accused admitted acknowledged
    insisted warned""".split()
)
_OPINION_VERBS = frozenset(
    """think believe feel hope want wish like love hate support oppose am are will would should
    must can need intend plan agree disagree urge welcome""".split()
)
_OPINION_TOKENS = frozenset("i'm we're i've we've i'll we'll".split())
_MODALS = frozenset("will would should could might may must shall ought can".split())
_COMPARE_WORDS = frozenset(
    """more less fewer higher lower larger smaller bigger increase increases increased decrease
    decreases decreased rose risen rise fell fallen grew grown doubled tripled halved cut raised
    reduced up down than most least largest biggest highest lowest record since compared""".split()
)
_NEGATIONS = frozenset("not never no nobody nothing none".split())
_PAST_WORDS = frozenset("was were had did".split())


def signals(sentence: str, toks: list[str] | None = None) -> list[str]:
    """The hand-made signals that fire on `sentence` (set lookups: this runs on every sentence)."""
    if toks is None:
        toks = tokens(sentence)
    tokset = set(toks)
    out: list[str] = []
    if (
        "#num" in tokset
        or "#pct" in tokset
        or "#money" in tokset
        or not tokset.isdisjoint(_NUMBER_WORDS)
    ):
        out.append("s:number")
    if "#year" in tokset:
        out.append("s:year")
    if "#pct" in tokset or "percent" in tokset or "%" in tokset:
        out.append("s:percent")
    if "#money" in tokset or "$" in tokset or "dollars" in tokset:
        out.append("s:money")
    if not tokset.isdisjoint(_ATTRIBUTION_WORDS) or "according" in tokset:
        out.append("s:attribution")
    if not tokset.isdisjoint(_OPINION_TOKENS) or (
        ("i" in tokset or "we" in tokset) and _first_person_opinion(toks)
    ):
        out.append("s:opinion")
    if sentence.rstrip().endswith("?"):
        out.append("s:question")
    if not tokset.isdisjoint(_MODALS):
        out.append("s:modal")
    if "will" in tokset or "going" in tokset or "i'll" in tokset or "we'll" in tokset:
        out.append("s:future")
    if not tokset.isdisjoint(_COMPARE_WORDS):
        out.append("s:compare")
    if not tokset.isdisjoint(_NEGATIONS) or (
        "n't" in sentence.lower().replace("’", "'") and any(t.endswith("n't") for t in toks)
    ):
        out.append("s:negation")
    if not tokset.isdisjoint(_PAST_WORDS) or any(len(t) > 4 and t.endswith("ed") for t in toks):
        out.append("s:past")
    if _CAPITAL_RE.search(sentence):
        out.append("s:names")
    n = len(toks)
    if n < 6:
        out.append("s:short")
    elif n > 30:
        out.append("s:long")
    if "you" in tokset or "your" in tokset:
        out.append("s:you")
    if "i" in tokset or "me" in tokset or "my" in tokset:
        out.append("s:first_person")
    return out


def _first_person_opinion(toks: list[str]) -> bool:
    return any(
        toks[i] in ("i", "we") and toks[i + 1] in _OPINION_VERBS for i in range(len(toks) - 1)
    )


def _has_number(text: str) -> bool:
    """A digit or a number word: "We are devastated that two of our aid workers were killed"."""
    return any(ch.isdigit() for ch in text) or not _COUNT_WORDS.isdisjoint(
        w.lower() for w in _WORD_ONLY_RE.findall(text)
    )


_WORD_ONLY_RE = re.compile(r"[A-Za-z]+")
_COUNT_WORDS = _NUMBER_WORDS - {"one", "half", "percent"}  # "one of the things I believe"


def _may_be_boilerplate(text: str) -> bool:
    """A cheap test before the pattern: every boilerplate phrase has one of these."""
    return "this" in text or "This" in text or "edited" in text or "feed" in text or "THIS" in text


def _only_clock_numbers(text: str) -> bool:
    """Has a clock time and no other number: "Doors open at 7.30pm and the band is on at 8"."""
    rest, times = CLOCK_RE.subn(" ", text)
    rest, hours = _BARE_HOUR_RE.subn(" ", rest)
    return times + hours > 0 and not _has_number(rest)


def non_claim_reason(sentence: str) -> str | None:
    """Why a sentence can never be a claim (question, greeting, navigation), or None."""
    stripped = sentence.strip()
    if not stripped:
        return "empty"
    if stripped.endswith("?") or stripped.rstrip("\"'”’)").endswith("?"):
        return "question"
    toks = stripped.split()
    words = len(toks)
    if words < 6:  # a short line: count words, not dashes and bullets ("KYIV, Ukraine (AP) —")
        toks = _TOKEN_RE.findall(stripped)
        words = len(toks)
    if _GREETING_RE.match(stripped) and words < 12:
        return "greeting"
    if (
        (_NAV_RE.match(stripped) and words < 6)
        # the cleaner's test ("Updated 14:32 GMT"); a stamp never ends with a full stop
        or (words < 16 and stripped[-1] != "." and is_date_line(stripped))
        or (_BYLINE_STAMP_RE.match(stripped) and words < 16)
        or (words < 10 and _READ_TIME_RE.search(stripped))
        or is_chrome(stripped)  # the cleaner's test: "Read more: ...", paywalls, embed signatures
    ):
        return "navigation"
    if _OPINION_LEAD_RE.match(stripped) and not _has_number(stripped):
        return "opinion or intent"
    if (
        "said" in stripped
        and _REPORTED_FEELING_RE.match(stripped)
        and not _has_number(_DESCRIPTOR_NUMBER_RE.sub(" ", stripped))
    ):
        return "opinion or intent"
    if (_may_be_boilerplate(stripped) and _BOILERPLATE_RE.search(stripped)) or (
        "omment" in stripped and _NO_COMMENT_RE.match(stripped)
    ):
        return "boilerplate"
    if _DATELINE_RE.match(stripped) or looks_like_caption(stripped):
        return "dateline or caption"
    if (
        not _SCHEDULE_WORDS.isdisjoint(toks)
        and _SCHEDULE_RE.search(stripped)
        and _only_clock_numbers(stripped)
    ):
        return "schedule"
    if words < 4:
        return "too short"
    return None


@dataclass(frozen=True)
class LinearModel:
    """Weights by feature name, a bias, and the decision threshold tuned at training time."""

    weights: dict[str, float]
    bias: float
    threshold: float
    version: str

    def margin(self, feats: Iterable[str]) -> float:
        w = self.weights
        return self.bias + sum(w.get(f, 0.0) for f in feats)


@lru_cache(maxsize=1)
def load_model(path: Path = WEIGHTS_PATH) -> LinearModel:
    """Load the shipped weights once; a missing file falls back to signal-only weights."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        return _FALLBACK
    return LinearModel(
        weights={k: float(v) for k, v in data["weights"].items()},
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
        version=str(data.get("version", "unknown")),
    )


_FALLBACK = LinearModel(
    weights={
        "s:number": 1.6,
        "s:year": 0.8,
        "s:percent": 0.8,
        "s:money": 0.6,
        "s:attribution": 0.4,
        "s:opinion": -1.4,
        "s:question": -2.0,
        "s:modal": -0.6,
        "s:future": -0.6,
        "s:compare": 0.5,
        "s:past": 0.6,
        "s:names": 0.3,
        "s:short": -1.0,
        "s:you": -0.5,
        "s:first_person": -0.6,
    },
    bias=-0.8,
    threshold=0.5,
    version="fallback",
)


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def model_score(
    sentence: str, model: LinearModel | None = None
) -> tuple[float, list[tuple[str, float]]]:
    """Probability that `sentence` is check-worthy, and each feature's contribution."""
    m = model or load_model()
    w = m.weights
    contributions = [(f, w[f]) for f in feature_set(sentence) if f in w]
    # fsum: the same total whatever order the feature set iterates in (hash seeds vary).
    margin = math.fsum([m.bias, *(c for _, c in contributions)])
    return sigmoid(margin), contributions


_PLAIN_WORDS = frozenset(
    """the a an of to in and or is are was were has have had be it its this that s u i we you
    he she they on at for by with as our my your their his her not but so if will would do does
    did been being there which who what <s> </s> #num #year #pct #money ,""".split()
)


@lru_cache(maxsize=65536)
def is_telling(feature: str) -> bool:
    """Worth showing as a reason: a signal, or a word feature with a content word in it."""
    if feature.startswith("s:"):
        return True
    body = feature[2:].replace("_", " ").replace(".", "")
    return any(w not in _PLAIN_WORDS for w in body.split())


@lru_cache(maxsize=65536)
def describe(feature: str) -> str:
    """Human-readable text for a feature name, as shown in a claim's reasons."""
    if feature in SIGNAL_LABELS:
        return SIGNAL_LABELS[feature]
    kind, _, body = feature.partition(":")
    body = body.replace("#num", "<number>").replace("#year", "<year>").replace("#pct", "<percent>")
    body = body.replace("#money", "<money>")
    if kind == "b":
        left, _, right = body.partition("_")
        left = "" if left == "<s>" else left
        right = "" if right == "</s>" else right
        return f'words "{(left + " " + right).strip()}"'
    return f'word "{body}"'
