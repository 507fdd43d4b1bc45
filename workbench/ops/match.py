"""Finding what other sources say about a claim: retrieval, rerank, relation and the cache.

The CLI and the TUI call the functions at the bottom; each opens its own short connection.
"""

from __future__ import annotations

import dataclasses
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from workbench.core import matching as m
from workbench.core.matching import Match, QuantityPair
from workbench.core.models import ClaimQuery, ClaimRecord, Quantity
from workbench.core.quantities import parse_quantities
from workbench.ops.clock import now_iso
from workbench.store import claims as claim_store
from workbench.store import documents
from workbench.store import matching as match_store
from workbench.store.codec import quantities_from_json
from workbench.store.db import StoreError, connect, write

DbPath = str | os.PathLike[str] | None
CACHE_TOP = 10
"""Matches kept per claim in the cache; asking for more recomputes."""
CANDIDATES = 100
"""Sentences FTS5 hands to the rerank: enough for recall, few enough to rerank in ~2 ms."""


@dataclass
class Matcher:
    """One connection's matcher; remembers stems and term counts between claims."""

    db: Database
    policy: m.TermPolicy = field(default_factory=m.TermPolicy)
    weights: m.RerankWeights = field(default_factory=m.RerankWeights)
    candidates: int = CANDIDATES
    per_document: int = 1
    _stems: dict[str, str] = field(default_factory=dict)
    _df: dict[str, int] = field(default_factory=dict)
    _version: int = -1
    _total: int = 0

    def refresh(self) -> int:
        """Forget term counts when the corpus changed; returns the corpus version."""
        version = documents.corpus_version(self.db)
        if version != self._version:
            self._df.clear()
            self._version = version
            self._total = match_store.sentence_total(self.db)
        return version

    def terms(self, text: str, quantities: Sequence[Quantity] = ()) -> list[m.Term]:
        self.refresh()
        candidates = m.query_words(text)
        keys = {n for n in (m.counted_noun(q.unit) for q in quantities) if n}
        unknown = [w for w, _ in candidates if w not in self._stems]
        if unknown:
            self._stems.update(zip(unknown, match_store.stems(self.db, unknown), strict=True))
        missing = {self._stems[w] for w, _ in candidates} - self._df.keys()
        if missing:
            self._df.update(match_store.sentence_frequencies(self.db, missing))
        return [
            m.Term(
                w,
                self._stems[w],
                self._df.get(self._stems[w], 0),
                is_number,
                m.counted_noun(w) in keys,
            )
            for w, is_number in candidates
            if self._stems[w]
        ]

    def query(self, text: str, quantities: Sequence[Quantity] = ()) -> str:
        terms = self.terms(text, quantities)
        chosen = m.choose_terms(terms, self.policy)
        return m.fts_query(chosen, m.common_pairs(terms, chosen, self._total, self.policy))

    def ranked(
        self,
        text: str,
        *,
        top: int,
        exclude_document: int | None = None,
        quantities: Sequence[Quantity] = (),
    ) -> list[tuple[m.Candidate, float]]:
        """Retrieval and rerank only: what --queries needs."""
        found = match_store.retrieve(
            self.db,
            self.query(text, quantities),
            limit=max(self.candidates, top),
            exclude_document=exclude_document,
        )
        profile = m.QueryProfile.of(text, quantities)
        return m.rerank(profile, found, self.weights, self.per_document)[:top]

    def matches(
        self,
        text: str,
        *,
        top: int,
        exclude_document: int | None = None,
        quantities: Sequence[Quantity] | None = None,
    ) -> list[Match]:
        """Ranked matches with their relation; previous verdicts are added by the caller."""
        claim_quantities = tuple(quantities) if quantities else tuple(parse_quantities(text))
        out: list[Match] = []
        ranked = self.ranked(
            text, top=top, exclude_document=exclude_document, quantities=claim_quantities
        )
        for cand, score in ranked:
            theirs = tuple(parse_quantities(cand.text))
            relation = m.relate(claim_quantities, theirs)
            out.append(
                Match(
                    document_id=cand.document_id,
                    external_id=cand.external_id,
                    sentence_id=cand.sentence_id,
                    text=cand.text,
                    score=round(score, 4),
                    relation=relation.relation,
                    document_title=cand.title,
                    document_source=cand.source,
                    claim_quantities=claim_quantities,
                    match_quantities=theirs,
                    pairs=relation.pairs,
                )
            )
        return out


# --- JSON: the cache row and the CLI's --json share one shape ---------------------------------


def _quantity_json(q: Quantity) -> dict[str, Any]:
    return dataclasses.asdict(q)


def match_json(match: Match) -> dict[str, Any]:
    return {
        "document_id": match.document_id,
        "external_id": match.external_id,
        "sentence_id": match.sentence_id,
        "text": match.text,
        "score": match.score,
        "relation": match.relation,
        "document_title": match.document_title,
        "document_source": match.document_source,
        "claim_quantities": [_quantity_json(q) for q in match.claim_quantities],
        "match_quantities": [_quantity_json(q) for q in match.match_quantities],
        "pairs": [
            {
                "claim": _quantity_json(p.claim),
                "match": _quantity_json(p.match),
                "relation": p.relation,
            }
            for p in match.pairs
        ],
        "previous_verdict": match.previous_verdict,
        "previous_reviewer": match.previous_reviewer,
        "previous_claim_id": match.previous_claim_id,
    }


def _quantity(data: dict[str, Any]) -> Quantity:
    return quantities_from_json(json.dumps([data]))[0]


def match_from_json(data: dict[str, Any]) -> Match:
    return Match(
        document_id=int(data["document_id"]),
        external_id=data.get("external_id"),
        sentence_id=int(data["sentence_id"]),
        text=str(data["text"]),
        score=float(data["score"]),
        relation=str(data["relation"]),
        document_title=data.get("document_title"),
        document_source=data.get("document_source"),
        claim_quantities=tuple(_quantity(q) for q in data.get("claim_quantities", [])),
        match_quantities=tuple(_quantity(q) for q in data.get("match_quantities", [])),
        pairs=tuple(
            QuantityPair(_quantity(p["claim"]), _quantity(p["match"]), str(p["relation"]))
            for p in data.get("pairs", [])
        ),
    )


def cache_json(matches: Sequence[Match]) -> str:
    """The match_cache.results text; its '"relation": "conflicts"' is what the list filters on."""
    stripped = [
        dataclasses.replace(
            x, previous_verdict=None, previous_reviewer=None, previous_claim_id=None
        )
        for x in matches
    ]
    return json.dumps([match_json(x) for x in stripped], ensure_ascii=False)


def _with_verdicts(db: Database, matches: list[Match], own_claim: int | None) -> list[Match]:
    """Verdicts change without new documents, so they are read fresh, never from the cache."""
    found = match_store.verdicts_of_sentences(db, [x.sentence_id for x in matches])
    out: list[Match] = []
    for x in matches:
        verdict = found.get(x.sentence_id)
        if verdict is None or verdict[0] == own_claim:
            out.append(x)
        else:
            out.append(
                dataclasses.replace(
                    x,
                    previous_claim_id=verdict[0],
                    previous_verdict=verdict[1],
                    previous_reviewer=verdict[2],
                )
            )
    return out


def _claim_quantities(claim: ClaimRecord) -> tuple[Quantity, ...]:
    return claim.quantities or tuple(parse_quantities(claim.text))


def _claim_or_error(db: Database, claim_id: int) -> ClaimRecord:
    claim = claim_store.get_claim(db, claim_id)
    if claim is None:
        raise StoreError(f"There is no claim {claim_id}; list claims with `workbench claims`.")
    return claim


def _match_claim(matcher: Matcher, claim: ClaimRecord, top: int) -> list[Match]:
    return matcher.matches(
        claim.text,
        top=top,
        exclude_document=claim.document_id,
        quantities=_claim_quantities(claim),
    )


# --- the API for the CLI and the TUI ----------------------------------------------------------


def matches_for_claim(
    db_path: DbPath, claim_id: int, top: int = 10, use_cache: bool = True
) -> list[Match]:
    """Other documents' sentences about this claim's fact, best first, with relation and verdict."""
    with connect(db_path) as db:
        claim = _claim_or_error(db, claim_id)
        matcher = Matcher(db)
        version = matcher.refresh()
        cached = match_store.read_cache(db, claim_id, version) if use_cache else None
        matches: list[Match] | None = None
        if cached is not None:
            rows = json.loads(cached)
            if len(rows) >= top or len(rows) < CACHE_TOP:
                matches = [match_from_json(r) for r in rows[:top]]
        if matches is None:
            matches = _match_claim(matcher, claim, max(top, CACHE_TOP))
            with write(db):
                match_store.write_cache(
                    db, [(claim_id, version, now_iso(), cache_json(matches[:CACHE_TOP]))]
                )
            matches = matches[:top]
        return _with_verdicts(db, matches, claim_id)


def matches_for_text(db_path: DbPath, text: str, top: int = 10) -> list[Match]:
    """Matches for any text (not stored): every document is a candidate."""
    if not text.strip():
        raise StoreError("The text to match is empty; give a sentence to look for.")
    with connect(db_path) as db:
        matches = Matcher(db).matches(text, top=top)
        return _with_verdicts(db, matches, None)


@dataclass(frozen=True)
class MatchAllSummary:
    claims: int
    matched: int  # computed in this run
    cached: int  # already up to date, skipped
    conflicts: int  # claims with at least one conflicting match
    seconds: float
    cancelled: bool = False

    @property
    def per_second(self) -> float:
        return self.matched / self.seconds if self.seconds > 0 else 0.0


def match_all(
    db_path: DbPath,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    *,
    refresh: bool = False,
    batch: int = 200,
) -> MatchAllSummary:
    """Match every current claim and fill the cache; claims already cached are skipped.

    Results are saved every `batch` claims, so a cancelled run keeps what it finished.
    """
    started = time.perf_counter()
    with connect(db_path) as db:
        matcher = Matcher(db)
        version = matcher.refresh()
        ids = match_store.claim_ids_to_match(db)
        fresh = set() if refresh else match_store.fresh_cache_ids(db, version)
        todo = [i for i in ids if i not in fresh]
        matched = 0
        stopped = False
        pending: list[tuple[int, int, str, str]] = []
        total = len(ids)
        done = total - len(todo)
        if progress:
            progress(done, total)
        for start in range(0, len(todo), batch):
            if cancelled and cancelled():
                stopped = True
                break
            for claim in claim_store.fetch_claims(db, todo[start : start + batch]):
                matches = _match_claim(matcher, claim, CACHE_TOP)
                pending.append((claim.id, version, now_iso(), cache_json(matches)))
                matched += 1
            with write(db):
                match_store.write_cache(db, pending)
            pending.clear()
            done = min(total, done + len(todo[start : start + batch]))
            if progress:
                progress(done, total)
        conflicts = len(claim_store.claim_ids(db, ClaimQuery(conflicts_only=True)))
    return MatchAllSummary(
        claims=total,
        matched=matched,
        cached=len(ids) - len(todo),
        conflicts=conflicts,
        seconds=time.perf_counter() - started,
        cancelled=stopped,
    )


def conflicting_claims(db_path: DbPath) -> list[ClaimRecord]:
    """Claims whose cached matches include a conflicting number (run match_all first)."""
    with connect(db_path) as db:
        return claim_store.list_claims(db, ClaimQuery(conflicts_only=True))


# --- batch queries: the stable JSON Lines interface -------------------------------------------


@dataclass(frozen=True)
class QueryResult:
    """One input line's outcome: its matches, or one sentence saying what is wrong with it."""

    line: int
    id: Any = None
    matches: tuple[dict[str, Any], ...] = ()
    error: str | None = None


def parse_query_line(line: str, number: int) -> tuple[Any, str] | str:
    """(id, text) from one JSON line, or the error sentence."""
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):
        return f'line {number} is not valid JSON; write each query as {{"id": ..., "text": ...}}.'
    if not isinstance(record, dict):
        return (
            f'line {number} is not a JSON object; write each query as {{"id": ..., "text": ...}}.'
        )
    if (
        "id" not in record
        or not isinstance(record["id"], str | int)
        or isinstance(record["id"], bool)
    ):
        return f'line {number} has no "id" (a string or a number); add one.'
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return f'line {number} has no "text" to match; add the claim text.'
    return record["id"], text


def match_queries(db_path: DbPath, lines: Iterable[str], top: int = 10) -> Iterator[QueryResult]:
    """One result per non-blank input line, in input order, streamed."""
    with connect(db_path) as db:
        matcher = Matcher(db)
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            parsed = parse_query_line(line, number)
            if isinstance(parsed, str):
                yield QueryResult(number, error=parsed)
                continue
            query_id, text = parsed
            ours = parse_quantities(text)
            ranked = matcher.ranked(text, top=top, quantities=ours)
            yield QueryResult(
                number,
                query_id,
                tuple(
                    {
                        "document_id": c.document_id,
                        "external_id": c.external_id,
                        "sentence_id": c.sentence_id,
                        "text": c.text,
                        "score": round(score, 4),
                        "relation": m.relate(ours, parse_quantities(c.text)).relation,
                    }
                    for c, score in ranked
                ),
            )
