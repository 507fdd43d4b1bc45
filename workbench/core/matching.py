"""Matching a claim against other sources: query terms, number normalisation, rerank, relation.

Retrieval is SQLite FTS5 (BM25) in the store; this module decides what to ask for and how to
order and label what comes back. Everything here is pure: text and numbers in, values out.

Rerank blend (weights in RerankWeights, tuned on the CheckThat! 2022 2A *train* tweets):
- bm25: the retrieval score divided by the best score of the same query (0..1). Lexical
  retrieval is the strongest single signal measured here; a fuzzy ratio alone is much weaker.
- token_set_ratio (rapidfuzz) on content words with numbers normalised: rewards a candidate
  whose words are (nearly) all in the query, whatever the order; robust to extra query words.
- token_sort_ratio (rapidfuzz): penalises a candidate much longer or shorter than the query.
- numbers: the share of the query's numbers that the candidate also states (24 = "twenty-four").
- entities: the share of the query's names (capitalised words, acronyms) found in the candidate.
WRatio and partial_ratio were rejected: slower and near useless on this task.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from workbench.core.models import Quantity
from workbench.core.quantities import NUMBER_WORDS, words_value

AGREES = "agrees"
CONFLICTS = "conflicts"
RELATED = "related"

# --- number words -----------------------------------------------------------------------------

_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_SPELLING: dict[int, str] = {}
for _word, _value in NUMBER_WORDS.items():
    _SPELLING.setdefault(_value, _word)  # the first spelling listed is the standard one
_NUMBER_WORD = r"(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r"|hundred|dozen)"
_SCALE_WORD = r"(?:thousand|million|billion)"
_ANY_WORD = rf"(?:{_NUMBER_WORD}|{_SCALE_WORD})"
_NUMBER_RE = re.compile(
    rf"""
    (?P<digits>\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+(?:\.\d+)?)
        (?:\s+(?P<dscale>{_SCALE_WORD}|dozen)\b)?
    | \b(?P<words>(?:(?:a|an|half\s+a)\s+(?={_ANY_WORD}\b))?{_ANY_WORD}
        (?:(?:\s*-\s*|\s+|\s+and\s+){_ANY_WORD}\b)*)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)


def _words_value(words: str) -> float:
    return words_value(words) or 0.0


_TOKEN_RE = re.compile(r"\d[\d,]*(?:\.\d+)?|[^\W\d_]+")
_RUN_WORDS = frozenset(NUMBER_WORDS) | {"hundred", "dozen"} | frozenset(_SCALES)
_DIGIT_RE = re.compile(r"\d")


def number_tokens(text: str) -> tuple[list[str], frozenset[float]]:
    """Lower-case words with each number as one digits token, and the set of number values.

    A token walk rather than the substitution regex: rerank runs this on every candidate, and
    it is several times faster; a text with no digit and no number word returns at once.
    """
    raw = _TOKEN_RE.findall(text.lower())
    if _RUN_WORDS.isdisjoint(raw) and not _DIGIT_RE.search(text):
        return raw, frozenset()
    out: list[str] = []
    values: set[float] = set()
    i, n = 0, len(raw)
    while i < n:
        token = raw[i]
        if token[0].isdigit():
            try:
                value = float(token.replace(",", ""))
            except ValueError:
                out.append(token)
                i += 1
                continue
            nxt = raw[i + 1] if i + 1 < n else ""
            if nxt in _SCALES or nxt == "dozen":
                value *= _SCALES.get(nxt, 12)
                i += 1
        elif token in _RUN_WORDS or (
            token in ("a", "an") and i + 1 < n and raw[i + 1] in _RUN_WORDS
        ):
            j = i + 1
            while j < n:
                nxt = raw[j]
                if nxt in _RUN_WORDS:
                    j += 1
                elif nxt == "and" and j + 1 < n and raw[j + 1] in _RUN_WORDS:
                    j += 2
                else:
                    break
            value = _words_value(" ".join(raw[i:j]))
            i = j - 1
        else:
            out.append(token)
            i += 1
            continue
        values.add(value)
        out.append(format_number(value))
        i += 1
    return out, frozenset(values)


def format_number(value: float) -> str:
    """One spelling per value: 24.0 -> "24", 1.5 -> "1.5"."""
    if value == int(value):
        return str(int(value))
    return f"{value:.6g}"


def _number_value(m: re.Match[str]) -> float:
    if m.group("digits") is not None:
        value = float(m.group("digits").replace(",", ""))
        scale = (m.group("dscale") or "").lower()
        if scale == "dozen":
            value *= 12
        elif scale:
            value *= _SCALES[scale]
        return value
    return _words_value(m.group("words"))


def normalize_numbers(text: str) -> str:
    """Write every number as plain digits, so "24", "twenty-four" and "two dozen" meet."""
    return _NUMBER_RE.sub(lambda m: format_number(_number_value(m)), text)


def number_values(text: str) -> frozenset[float]:
    return frozenset(_number_value(m) for m in _NUMBER_RE.finditer(text))


def number_spellings(value: float) -> list[list[str]]:
    """Token sequences an FTS index may hold for a value: digits, grouped digits, words."""
    out: list[list[str]] = [[format_number(value)]]
    if value != int(value) or value < 0:
        return out
    n = int(value)
    if n >= 1000:
        out.append(f"{n:,}".split(","))
    if n < 100:
        out.append(_spell_small(n).split())
        if n % 12 == 0 and 12 <= n <= 120:
            out.append([*_spell_small(n // 12).split(), "dozen"])
    for scale_word, scale in _SCALES.items():
        if n >= scale and n % scale == 0 and n // scale < 1000:
            out.append([str(n // scale), scale_word])
    return out


def _spell_small(n: int) -> str:
    if n < 20:
        return _SPELLING[n]
    tens, unit = divmod(n, 10)
    return _SPELLING[tens * 10] + (f" {_SPELLING[unit]}" if unit else "")


# --- query text -----------------------------------------------------------------------------

# no word boundary needed: links are often glued to the word before ("#Minecrafthttps://...")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|pic\.twitter\.com/\S+", re.IGNORECASE)
# An embedded post's signature ends with when it was posted, not what it says:
# "— Donald J. Trump (@realDonaldTrump) March 24, 2019"
_POSTED_ON_RE = re.compile(
    r"(?P<who>\(@\w{1,30}\))\s*(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+\d{1,2},\s+\d{4}",
)
_HANDLE_RE = re.compile(r"(?<!\w)@(\w+)")
_HASHTAG_RE = re.compile(r"(?<!\w)#(\w+)")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)")
_ENTITY_RE = re.compile(r"&(?:amp|lt|gt|quot|#39);")
_RT_RE = re.compile(r"^\s*RT\b:?", re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W_]+")

_STOPWORD_TEXT = """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves s t don via
    amp rt says said say told according just like get got new one us u since far already whole
still even yet many much may might must shall around within without among across another every
ever never including although though whether however well back also"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def _split_joined(word: str) -> str:
    return _CAMEL_RE.sub(" ", word)


def clean_query_text(text: str) -> str:
    """Social-media text as plain words: URLs dropped, handles and hashtags split into words.

    "#BlackLivesMatter" and "@JoeBiden" carry names, so they are split on case changes rather
    than dropped; emoji and other symbols are not words and disappear in tokenisation.
    """
    text = _ENTITY_RE.sub(" ", text)
    text = _URL_RE.sub(" ", text)
    if "(@" in text:
        text = _POSTED_ON_RE.sub(r"\g<who> ", text)
    text = _RT_RE.sub(" ", text)
    text = _HANDLE_RE.sub(lambda m: " " + _split_joined(m.group(1)) + " ", text)
    text = _HASHTAG_RE.sub(lambda m: " " + _split_joined(m.group(1)) + " ", text)
    return text


def words(text: str) -> list[str]:
    """The words FTS5's unicode61 tokenizer would see (underscores split words there too)."""
    return _WORD_RE.findall(text)


def content_words(text: str) -> list[str]:
    """Lower-cased words without stopwords, numbers normalised: the rerank's view of a text."""
    return [w for w in (w.lower() for w in words(normalize_numbers(text))) if w not in STOPWORDS]


def entities(text: str) -> frozenset[str]:
    """Names: capitalised words not opening a sentence, and acronyms, lower-cased."""
    found: set[str] = set()
    opening = True
    for m in re.finditer(r"[^\W\d_][\w'’]*|[.!?:;\"“]", text):
        token = m.group(0)
        if len(token) == 1 and not token.isalpha():
            opening = True
            continue
        lower = token.lower().rstrip("'’s") or token.lower()
        if token[0].isupper() and lower not in STOPWORDS and (not opening or token.isupper()):
            found.add(lower)
        opening = False
    return frozenset(found)


@dataclass(frozen=True)
class Term:
    """A query word with the stem the index uses and how many sentences hold that stem."""

    word: str
    stem: str
    df: int
    is_number: bool = False
    is_key: bool = False  # a counted noun of the claim's numbers ("soldiers"): always asked for


@dataclass(frozen=True)
class TermPolicy:
    """Which words to ask FTS5 for, and which of them may bring in sentences.

    Terms are added rarest first while their sentence counts total at most posting_budget;
    on a small corpus every content word fits, on a million sentences the common ones drop
    out. FTS5 spends about 2 us scoring each sentence a query matches, so only the rarest
    terms, within seed_budget, bring sentences in; the others only add to those sentences'
    scores (retrieval_queries). Tuned on the CheckThat train tweets: a budget of 12,000 ranked
    no better, 6,000 worse; seed budgets from 1,000 to 4,000 ranked alike.
    """

    max_terms: int = 32
    posting_budget: int = 8_000
    min_terms: int = 1  # ...but keep at least this many terms (the rarest), however common
    seed_budget: int = 2_000  # postings of the rarest terms, the only ones that bring in sentences


def query_words(text: str) -> list[tuple[str, bool]]:
    """Distinct candidate query words in order, (word, is_number), stopwords dropped."""
    normalized = normalize_numbers(clean_query_text(text))
    seen: set[str] = set()
    out: list[tuple[str, bool]] = []
    for w in words(normalized):
        lower = w.lower()
        if lower in STOPWORDS or lower in seen:
            continue
        seen.add(lower)
        out.append((lower, lower.replace(".", "").isdigit()))
    return out


def choose_terms(terms: Sequence[Term], policy: TermPolicy = TermPolicy()) -> list[Term]:
    """The rarest distinct stems within the posting budget; the claim's counted nouns first.

    A counted noun that would overflow the budget is skipped rather than ending the query: in
    a large corpus "soldiers" alone can match more sentences than all the rare words together.
    Terms in no sentence are dropped, except numbers: the index may hold them spelled out.
    """
    by_stem: dict[str, Term] = {}
    for t in terms:
        if (t.df > 0 or t.is_number) and t.stem not in by_stem:
            by_stem[t.stem] = t
    ranked = sorted(by_stem.values(), key=lambda t: (not t.is_key, max(t.df, 1), t.stem))
    chosen: list[Term] = []
    postings = 0
    for t in ranked:
        if len(chosen) >= policy.max_terms:
            break
        if postings + t.df <= policy.posting_budget:
            chosen.append(t)
            postings += t.df
    if len(chosen) < policy.min_terms:
        rarest = sorted(by_stem.values(), key=lambda t: (max(t.df, 1), t.stem))
        chosen += [t for t in rarest if t not in chosen][: policy.min_terms - len(chosen)]
    return chosen


def split_seeds(
    chosen: Sequence[Term], policy: TermPolicy = TermPolicy()
) -> tuple[list[Term], list[Term]]:
    """(seeds, boosters): the rarest terms within seed_budget (at least one), and the rest.

    FTS5 spends about 2 us scoring each sentence a query matches, and a sentence that holds
    only common words seldom ranks: see retrieval_queries.
    """
    ranked = sorted(chosen, key=lambda t: (max(t.df, 1), t.stem))
    seeds: list[Term] = []
    postings = 0
    for t in ranked:
        if seeds and postings + t.df > policy.seed_budget:
            break
        seeds.append(t)
        postings += t.df
    return seeds, [t for t in chosen if t not in seeds]


def retrieval_queries(chosen: Sequence[Term], policy: TermPolicy = TermPolicy()) -> list[str]:
    """FTS5 queries that, each sentence keeping its best bm25, rank the seed sentences exactly.

    bm25() sums over the phrases of its query. "(S) AND (B)" gives a sentence holding seed and
    booster words its full "S OR B" score; "S" gives every seed sentence its seed-only score,
    which is the full score when it holds no booster and never more. So the best `n` of the
    two merged are the best `n` of "S OR B" among sentences holding a seed word. Sentences
    holding boosters alone are not scored at all: on a million sentences that halves the
    time, keeps 95% of the top 40, and left the CheckThat results unchanged.
    """
    seeds, boosters = split_seeds(chosen, policy)
    if not seeds:
        return []
    if not boosters:
        return [fts_query(seeds)]
    s = fts_query(seeds)
    return [f"({s}) AND ({fts_query(boosters)})", s]


def _phrase(tokens: Sequence[str]) -> str:
    return '"' + " ".join(tokens) + '"'


def fts_query(terms: Sequence[Term]) -> str:
    """An FTS5 OR query; every word is quoted so nothing in it is read as FTS syntax."""
    parts: list[str] = []
    for t in terms:
        if t.is_number:
            try:
                spellings = number_spellings(float(t.word))
            except ValueError:
                spellings = [[t.word]]
            alternatives = list(dict.fromkeys(_phrase(s) for s in spellings))
            parts.append(
                alternatives[0] if len(alternatives) == 1 else f"({' OR '.join(alternatives)})"
            )
        else:
            parts.append(_phrase([t.word]))
    return " OR ".join(parts)


# --- rerank -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RerankWeights:
    bm25: float = 0.6
    token_set: float = 0.1
    token_sort: float = 0.1
    numbers: float = 0.1
    nouns: float = 0.1
    entities: float = 0.1
    second_sentence: float = 0.1  # a document's next-best sentence adds this share of its score


@dataclass(frozen=True)
class Candidate:
    """One retrieved sentence, with what the match list shows about its document."""

    sentence_id: int
    document_id: int
    text: str
    bm25: float  # higher is better
    external_id: str | None = None
    title: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class QueryProfile:
    """What rerank compares a candidate with, computed once per query."""

    words: str
    numbers: frozenset[float]
    names: frozenset[str]
    nouns: frozenset[str] = frozenset()

    @classmethod
    def of(cls, text: str, quantities: Sequence[Quantity] = ()) -> QueryProfile:
        cleaned = clean_query_text(text)
        tokens, numbers = number_tokens(cleaned)
        nouns = frozenset(n for n in (counted_noun(q.unit) for q in quantities) if n)
        content = " ".join(t for t in tokens if t not in STOPWORDS)
        return cls(content, numbers, entities(cleaned), nouns)


def score_candidate(
    query: QueryProfile, candidate: Candidate, best_bm25: float, weights: RerankWeights
) -> float:
    """The blended score of one sentence, 0..1."""
    tokens, numbers = number_tokens(candidate.text)
    cand_words = " ".join(t for t in tokens if t not in STOPWORDS)
    bm25 = candidate.bm25 / best_bm25 if best_bm25 > 0 else 0.0
    total = weights.bm25 * bm25
    total += weights.token_set * fuzz.token_set_ratio(query.words, cand_words) / 100.0
    total += weights.token_sort * fuzz.token_sort_ratio(query.words, cand_words) / 100.0
    used = weights.bm25 + weights.token_set + weights.token_sort
    if query.numbers:
        shared = sum(1 for v in query.numbers if v in numbers)
        total += weights.numbers * shared / len(query.numbers)
        used += weights.numbers
    if query.names:
        present = set(tokens)
        total += weights.entities * sum(1 for w in query.names if w in present) / len(query.names)
        used += weights.entities
    if query.nouns:
        found = {counted_noun(t) for t in tokens}
        total += weights.nouns * sum(1 for w in query.nouns if w in found) / len(query.nouns)
        used += weights.nouns
    return total / used if used > 0 else 0.0


def rerank(
    query: QueryProfile,
    candidates: Sequence[Candidate],
    weights: RerankWeights = RerankWeights(),
    per_document: int = 1,
    decisive: Callable[[Candidate], bool] | None = None,
) -> list[tuple[Candidate, float]]:
    """At most per_document sentences per document, best first (ties: lower id first).

    A document's next-best sentence lends its best one a little weight: a title and a body
    sentence that both match say more than one alone. With one sentence per document and a
    `decisive` test, a sentence of the document that states a comparable number (it agrees or
    conflicts) stands for it instead of the best one, when it scores nearly as well: the
    reviewer wants to see the number, and the document keeps its rank.
    """
    if not candidates:
        return []
    best_bm25 = max(c.bm25 for c in candidates)
    per_doc: dict[int, list[tuple[float, Candidate]]] = {}
    for c in candidates:
        per_doc.setdefault(c.document_id, []).append(
            (score_candidate(query, c, best_bm25, weights), c)
        )
    ranked: list[tuple[Candidate, float]] = []
    for scored in per_doc.values():
        scored.sort(key=lambda sc: (-sc[0], sc[1].sentence_id))
        bonus = weights.second_sentence * scored[1][0] if len(scored) > 1 else 0.0
        if per_document == 1 and decisive is not None and len(scored) > 1:
            shown = _decisive_stand_in(scored, decisive)
            ranked.append((shown, min(1.0, scored[0][0] + bonus)))
            continue
        for score, cand in scored[:per_document]:
            ranked.append((cand, min(1.0, score + bonus)))
    ranked.sort(key=lambda cs: (-cs[1], cs[0].document_id, cs[0].sentence_id))
    return ranked


_STAND_IN_MARGIN = 0.2  # how much lower a sentence stating the number may score


def _decisive_stand_in(
    scored: list[tuple[float, Candidate]], decisive: Callable[[Candidate], bool]
) -> Candidate:
    best_score, best = scored[0]
    if decisive(best):
        return best
    for score, cand in scored[1:]:
        if score < best_score - _STAND_IN_MARGIN:
            break
        if decisive(cand):
            return cand
    return best


# --- relation ---------------------------------------------------------------------------------

_NOUN_GROUPS = {
    "soldier": "soldier",
    "serviceman": "soldier",
    "servicemember": "soldier",
    "service member": "soldier",
    "troop": "soldier",
    "person": "person",
    "people": "person",
    "individual": "person",
    "children": "child",
    "house": "home",
    "dwelling": "home",
    "homicide": "killing",
    "murder": "killing",
    "spectator": "fan",
    "supporter": "fan",
    "pupil": "student",
    "structure": "building",
    "life": "person",  # "claimed 23 lives"
    "lives": "person",
    "employee": "worker",
    "staff": "worker",
    "staffer": "worker",
}
# People counted by what they are: "people" counts them too ("46 suspects" = "46 people").
_PERSON_NOUNS = frozenset(
    """soldier worker civilian resident passenger student patient child adult man woman migrant
    refugee fan voter pilgrim protester miner nurse doctor teacher officer suspect victim
    survivor tourist visitor customer driver farmer prisoner detainee hostage
    worshipper athlete player member""".split()
)
_SCOPE_FILLER = re.compile(r"\b(?:so far|just|alone|only|in|on|the|of|over|during|until now)\b")
_YEAR_TO_DATE = re.compile(
    r"^(?:this year|since january|since start year|since beginning year|year to date|"
    r"start year|since new year)$"
)


@functools.lru_cache(maxsize=65_536)
def counted_noun(unit: str | None) -> str | None:
    """Singular, lower-case, with a few news synonyms folded (troops = soldiers)."""
    if not unit:
        return None
    noun = " ".join(unit.lower().split())
    if noun in _NOUN_GROUPS:
        return _NOUN_GROUPS[noun]
    for plural, singular in (("men", "man"), ("ies", "y"), ("s", "")):
        if noun.endswith(plural) and len(noun) > len(plural) + 2:
            noun = noun[: -len(plural)] + singular
            break
    return _NOUN_GROUPS.get(noun, noun)


def canonical_scope(scope: str | None) -> str | None:
    """Time scopes that mean the same span compare equal ("since January" = "this year")."""
    if not scope:
        return None
    text = normalize_numbers(scope.lower())
    text = _SCOPE_FILLER.sub(" ", text)
    text = re.sub(r"\blast (\d)", r"past \1", text)
    # "over the next 5 years" = "over 5 years"
    text = re.sub(r"\b(?:next|coming) (\d)", r"\1", text)
    text = re.sub(r"\b(?:next |a )?decade\b", "10 years", text)
    text = re.sub(r"\b(week|month|year|day)s\b", r"\1", text)
    text = re.sub(r"\b12 month\b", "year", text)  # "the 12 months to June" = "the year to June"
    text = re.sub(r"\b3 month\b", "quarter", text)
    text = re.sub(r"\bpast (week|month|day|year)\b", r"past 1 \1", text)
    text = " ".join(text.split())
    if _YEAR_TO_DATE.match(text):
        return "this year"
    return text


_TOLERANCE = {"about": 0.1, "around": 0.1, "roughly": 0.1, "approximately": 0.1, "some": 0.1}
_BELOW = ("nearly", "almost", "close to", "just under")
_ABOVE_OPEN = ("more than", "over", "above", "greater than")
_AT_LEAST = ("at least", "no fewer than", "no less than", "or more")
_BELOW_OPEN = ("less than", "fewer than", "under", "below")
_AT_MOST = ("up to", "at most", "as many as", "no more than")


def value_range(q: Quantity, slack: float = 0.1) -> tuple[float, float] | None:
    """The values a stated number allows: "about 25" is 22.5..27.5, "more than 20" is >20."""
    value = q.value
    if value is None and q.low is None and q.high is None:
        return None
    if value is None:
        low = q.low if q.low is not None else -math.inf
        high = q.high if q.high is not None else math.inf
        return (low, high)
    qualifier = (q.qualifier or "").lower()
    if _is_rough(q):
        width = max(abs(value) * slack, 1.0)
        return (value - width, value + width)
    if qualifier.startswith(_BELOW):
        return (value * 0.9, value)
    if qualifier.startswith(_ABOVE_OPEN):
        return (math.nextafter(value, math.inf), math.inf)
    if qualifier.startswith(_AT_LEAST):
        return (value, math.inf)
    if qualifier.startswith(_BELOW_OPEN):
        return (-math.inf, math.nextafter(value, -math.inf))
    if qualifier.startswith(_AT_MOST):
        return (-math.inf, value)
    return (value, value)


@dataclass(frozen=True)
class QuantityPair:
    """A claim number and a match number about the same thing, and how they compare."""

    claim: Quantity
    match: Quantity
    relation: str


@dataclass(frozen=True)
class Relation:
    relation: str
    pairs: tuple[QuantityPair, ...] = ()


def _comparable(a: Quantity, b: Quantity) -> bool:
    noun_a, noun_b = counted_noun(a.unit), counted_noun(b.unit)
    if noun_a is None or noun_b is None or a.kind != b.kind:
        return False
    return (
        noun_a == noun_b
        or _head(noun_a) == _head(noun_b)
        or _person_and_people(noun_a, noun_b)
        or {_head(noun_a), _head(noun_b)} == {"job", "worker"}  # "cut 5,000 jobs" = "5,000 workers"
    )


def _head(noun: str) -> str:
    """The noun that counts in a compound: "railway worker" counts workers."""
    return counted_noun(noun.rpartition(" ")[2]) or noun


def _person_and_people(a: str, b: str) -> bool:
    a, b = _head(a), _head(b)  # "older people" counts people
    return (a == "person" and b in _PERSON_NOUNS) or (b == "person" and a in _PERSON_NOUNS)


_OUTCOMES = (
    (
        "died",
        re.compile(
            r"\b(?:kill(?:ed|ing|s)?|died|dead|deaths?|fatalit(?:y|ies)|perished|drowned|"
            r"lost\s+(?:their|his|her)\s+lives)\b",
            re.I,
        ),
    ),
    (
        "injured",
        re.compile(r"\b(?:injur(?:ed|ies|y)|wounded|hurt|hospitali[sz]ed|treated)\b", re.I),
    ),
    ("missing", re.compile(r"\b(?:missing|unaccounted)\b", re.I)),
    ("displaced", re.compile(r"\b(?:displaced|evacuated|homeless|fled)\b", re.I)),
    ("arrested", re.compile(r"\b(?:arrest(?:ed|s)?|detained|charged)\b", re.I)),
)


def _is_rough(q: Quantity) -> bool:
    qualifier = (q.qualifier or "").lower()
    return qualifier in _TOLERANCE or qualifier.startswith(("about", "around", "approx", "roughly"))


def _different_outcomes(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a != b


def _outcome(text: str, q: Quantity) -> str | None:
    """What happened to the people counted, from the nearest such word: "killed 12 and injured
    40" gives 12 died, 40 injured. None when the text is not given or says nothing of it."""
    if not text or q.kind != "count":
        return None
    lo, hi = max(0, q.start - 40), min(len(text), q.end + 40)
    best: tuple[int, str] | None = None
    for name, pattern in _OUTCOMES:
        for m in pattern.finditer(text, lo, hi):
            distance = q.start - m.end() if m.end() <= q.start else m.start() - q.end
            if best is None or distance < best[0]:
                best = (distance, name)
    return best[1] if best else None


def _pair_key(p: QuantityPair) -> tuple[object, ...]:
    return tuple((q.raw, q.value, q.unit, q.scope) for q in (p.claim, p.match)) + (p.relation,)


def relate(
    claim_quantities: Sequence[Quantity],
    match_quantities: Sequence[Quantity],
    *,
    claim_text: str = "",
    match_text: str = "",
) -> Relation:
    """agrees / conflicts / related from the structured numbers on both sides.

    Same counted noun and the same time scope with compatible values -> agrees; with
    incompatible values -> conflicts. A missing scope on one side can agree with any scope but
    never makes a conflict: "8 soldiers" is not contradicted by "24 soldiers this year". A claim
    number that some match number agrees with is not contradicted by the match's other numbers
    ("eleven dead in Florida and two in Georgia"); one claim number that only conflicts outweighs
    agreeing ones: a reviewer needs to see the discrepancy. With the texts given, people killed
    and people injured are not the same count.
    """
    pairs: list[QuantityPair] = []
    for a in claim_quantities:
        if value_range(a) is None:
            continue
        mine: list[QuantityPair] = []
        outcome_a = _outcome(claim_text, a)
        for b in match_quantities:
            if not _comparable(a, b):
                continue
            # two rough figures share the 10 % between them, or "about 3,800" and "about 4,500"
            # would agree
            slack = 0.05 if _is_rough(a) and _is_rough(b) else 0.1
            range_a, range_b = value_range(a, slack), value_range(b, slack)
            if range_a is None or range_b is None:
                continue
            if _different_outcomes(outcome_a, _outcome(match_text, b)):
                continue
            scope_a, scope_b = canonical_scope(a.scope), canonical_scope(b.scope)
            overlap = range_a[0] <= range_b[1] and range_b[0] <= range_a[1]
            if overlap and (scope_a == scope_b or scope_a is None or scope_b is None):
                mine.append(QuantityPair(a, b, AGREES))
            elif not overlap and scope_a == scope_b:
                mine.append(QuantityPair(a, b, CONFLICTS))
        if any(p.relation == AGREES for p in mine):
            mine = [p for p in mine if p.relation == AGREES]
        pairs.extend(mine)
    pairs = list({_pair_key(p): p for p in pairs}.values())
    if any(p.relation == CONFLICTS for p in pairs):
        return Relation(CONFLICTS, tuple(pairs))
    if pairs:
        return Relation(AGREES, tuple(pairs))
    return Relation(RELATED)


# --- the result -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """One sentence of another document that speaks about the same fact."""

    document_id: int
    external_id: str | None
    sentence_id: int
    text: str
    score: float
    relation: str
    document_title: str | None = None
    document_source: str | None = None
    claim_quantities: tuple[Quantity, ...] = ()
    match_quantities: tuple[Quantity, ...] = ()
    pairs: tuple[QuantityPair, ...] = ()
    previous_verdict: str | None = None
    previous_reviewer: str | None = None
    previous_claim_id: int | None = None
