"""Finding what other sources say about a claim: retrieval, rerank, relation and the cache.

The CLI and the TUI call the functions at the bottom; each opens its own short connection.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import itertools
import json
import multiprocessing
import os
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
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
from workbench.store.db import (
    StoreError,
    cannot_write,
    connect,
    open_db,
    resolve_db_path,
    write,
)

DbPath = str | os.PathLike[str] | None
CACHE_TOP = 10
"""Matches kept per claim in the cache; asking for more recomputes."""
CANDIDATES = 30
"""Sentences FTS5 hands to the rerank: on the CheckThat train tweets 30 ranked as well as 100."""
_MAX_CACHED_WORDS = 200_000
"""Per process; a long TUI session or `match --all` on a large corpus stays within ~50 MB."""


@functools.lru_cache(maxsize=16_384)
def _quantities_of(text: str) -> tuple[Quantity, ...]:
    """Parsed once per process: `match --all` meets the same sentences again and again."""
    return tuple(parse_quantities(text))


class _Vocabulary:
    """Stems and sentence counts shared by every matcher of this process.

    Stems depend on the tokenizer only. Counts depend on the corpus, so they are kept per
    (database file, corpus version, sentence total, cap): an ingest bumps the version and the
    next matcher starts a fresh table. The TUI opens a connection per request; without this
    each request would count the same common words again.
    """

    stems: dict[str, str] = {}
    counts: dict[tuple[str, int, int, int], dict[str, int]] = {}

    @classmethod
    def counts_for(cls, key: tuple[str, int, int, int]) -> dict[str, int]:
        table = cls.counts.get(key)
        if table is None:
            for old in [k for k in cls.counts if k[0] == key[0] or len(cls.counts) > 8]:
                del cls.counts[old]
            table = cls.counts[key] = {}
        return table


@dataclass
class Matcher:
    """One connection's matcher; stems and term counts come from the process-wide cache."""

    db: Database
    policy: m.TermPolicy = field(default_factory=m.TermPolicy)
    weights: m.RerankWeights = field(default_factory=m.RerankWeights)
    candidates: int = CANDIDATES
    per_document: int = 1
    _counts: dict[str, int] = field(default_factory=dict)
    _version: int = -1

    def __post_init__(self) -> None:
        match_store.prepare_reads(self.db)

    def refresh(self) -> int:
        """Pick the term counts of the current corpus; returns the corpus version."""
        version = documents.corpus_version(self.db)
        if version != self._version:
            file = match_store.database_file(self.db) or f"memory:{id(self.db.conn)}"
            key = (file, version, match_store.sentence_total(self.db), self._cap)
            self._counts = _Vocabulary.counts_for(key)
            self._version = version
        return version

    @property
    def _cap(self) -> int:
        """Counting stops here: a word above the budget is never asked for, however common."""
        return self.policy.posting_budget + 1

    def _stems(self, words: Sequence[str]) -> dict[str, str]:
        cache = _Vocabulary.stems
        unknown = [w for w in dict.fromkeys(words) if w not in cache]
        if unknown:
            if len(cache) > _MAX_CACHED_WORDS:
                cache.clear()
            cache.update(zip(unknown, match_store.stems(self.db, unknown), strict=True))
        return {w: cache[w] for w in words}

    def _count(self, by_stem: dict[str, str], exact: bool = False) -> dict[str, int]:
        """Sentences per stem (capped); `exact` also resolves the capped ones (rarely needed)."""
        counts = self._counts
        missing = {stem: word for stem, word in by_stem.items() if stem not in counts}
        if len(counts) + len(missing) > _MAX_CACHED_WORDS:
            counts.clear()
            missing = dict(by_stem)
        if missing:
            found = match_store.capped_counts(self.db, missing.values(), self._cap)
            counts.update((stem, found[word]) for stem, word in missing.items())
        if exact:
            capped = [stem for stem in by_stem if counts[stem] == self._cap]
            if capped:
                counts.update(match_store.sentence_frequencies(self.db, capped))
        return {stem: counts[stem] for stem in by_stem}

    def terms(self, text: str, quantities: Sequence[Quantity] = ()) -> list[m.Term]:
        self.refresh()
        candidates = m.query_words(text)
        keys = {n for n in (m.counted_noun(q.unit) for q in quantities) if n}
        stems = self._stems([w for w, _ in candidates])
        by_stem = {stems[w]: w for w, _ in reversed(candidates) if stems[w]}
        counts = self._count(by_stem)
        if by_stem and all(
            counts[stems[w]] >= self._cap for w, is_number in candidates if stems[w]
        ):
            # Every word is over the budget: the rarest is asked for, so rank them exactly.
            counts = self._count(by_stem, exact=True)
        return [
            m.Term(w, stems[w], counts[stems[w]], is_number, m.counted_noun(w) in keys)
            for w, is_number in candidates
            if stems[w]
        ]

    def queries(self, text: str, quantities: Sequence[Quantity] = ()) -> list[str]:
        chosen = m.choose_terms(self.terms(text, quantities), self.policy)
        return m.retrieval_queries(chosen, self.policy)

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
            self.queries(text, quantities),
            limit=max(self.candidates, top),
            exclude_document=exclude_document,
        )
        profile = m.QueryProfile.of(text, quantities)

        def decisive(cand: m.Candidate) -> bool:
            theirs = _quantities_of(cand.text)
            return m.relate(quantities, theirs, claim_text=text, match_text=cand.text).relation in (
                m.AGREES,
                m.CONFLICTS,
            )

        return m.rerank(
            profile, found, self.weights, self.per_document, decisive if quantities else None
        )[:top]

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
            theirs = _quantities_of(cand.text)
            relation = m.relate(claim_quantities, theirs, claim_text=text, match_text=cand.text)
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


_QUANTITY_FIELDS = tuple(f.name for f in dataclasses.fields(Quantity))


def _quantity_json(q: Quantity) -> dict[str, Any]:
    """Flat fields read directly: dataclasses.asdict deep-copies and cost 1 ms per claim."""
    return {name: getattr(q, name) for name in _QUANTITY_FIELDS}


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
            try:
                with write(db):
                    match_store.write_cache(
                        db, [(claim_id, version, now_iso(), cache_json(matches[:CACHE_TOP]))]
                    )
            except sqlite3.OperationalError as exc:
                if not cannot_write(exc):
                    raise
                # A read-only or full database still answers; only the cache is skipped.
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


WORKERS = 2
"""Processes for `match --all`: the target machines have two cores."""
PARALLEL_FROM = 200
"""Fewer claims than this are matched in-process: starting a worker costs about half a second."""
_CHUNK = 50
"""Claims per worker task: small enough to balance two workers and to stop soon when cancelled."""

_worker_matcher: Matcher | None = None


def _start_worker(db_path: str) -> None:
    """Each worker reads through its own connection; only the parent writes."""
    global _worker_matcher
    _worker_matcher = Matcher(open_db(db_path, migrate=False))


def _match_chunk(ids: list[int]) -> list[tuple[int, str]]:
    matcher = _worker_matcher
    assert matcher is not None, "_start_worker runs first"
    matcher.refresh()
    return [
        (claim.id, cache_json(_match_claim(matcher, claim, CACHE_TOP)))
        for claim in claim_store.fetch_claims(matcher.db, ids)
    ]


def _chunks_in_process(
    db: Database, ids: list[int], size: int
) -> Generator[tuple[int, list[tuple[int, str]]], None, None]:
    matcher = Matcher(db)
    matcher.refresh()
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        yield (
            len(chunk),
            [
                (claim.id, cache_json(_match_claim(matcher, claim, CACHE_TOP)))
                for claim in claim_store.fetch_claims(db, chunk)
            ],
        )


def _chunks_in_workers(
    db_path: str, ids: list[int], workers: int, cancelled: Callable[[], bool] | None
) -> Generator[tuple[int, list[tuple[int, str]]], None, None]:
    """Results in claim order; at most two tasks per worker wait, so cancelling is prompt.

    "spawn", not "fork": a forked child would inherit the parent's SQLite connection state.
    """
    chunks = [ids[start : start + _CHUNK] for start in range(0, len(ids), _CHUNK)]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(db_path,)
    ) as pool:
        waiting: deque[tuple[int, Future[list[tuple[int, str]]]]] = deque()
        queued = iter(chunks)
        try:
            for chunk in itertools.islice(queued, 2 * workers):
                waiting.append((len(chunk), pool.submit(_match_chunk, chunk)))
            while waiting:
                size, future = waiting.popleft()
                try:
                    result = future.result()
                except BrokenProcessPool as exc:
                    raise StoreError(
                        "A matching process stopped unexpectedly; run the matching again to "
                        "finish (what is matched so far is kept)."
                    ) from exc
                if not (cancelled and cancelled()):
                    for chunk in itertools.islice(queued, 1):
                        waiting.append((len(chunk), pool.submit(_match_chunk, chunk)))
                yield size, result
        finally:
            for _, future in waiting:
                future.cancel()


def match_all(
    db_path: DbPath,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    *,
    refresh: bool = False,
    batch: int = 200,
    workers: int | None = None,
) -> MatchAllSummary:
    """Match every current claim and fill the cache; claims already cached are skipped.

    Large runs are split between worker processes (WORKERS, or `workers`) while this process
    writes their results. Results are saved at least every `batch` claims, so a cancelled run
    keeps what it finished.
    """
    started = time.perf_counter()
    with connect(db_path) as db:
        version = documents.corpus_version(db)
        ids = match_store.claim_ids_to_match(db)
        fresh = set() if refresh else match_store.fresh_cache_ids(db, version)
        todo = [i for i in ids if i not in fresh]
        if workers is None:
            workers = WORKERS if len(todo) >= PARALLEL_FROM else 1
        total = len(ids)
        done = total - len(todo)
        matched = 0
        stopped = False
        if progress:
            progress(done, total)
        if workers > 1 and todo:
            results = _chunks_in_workers(str(resolve_db_path(db_path)), todo, workers, cancelled)
        else:
            results = _chunks_in_process(db, todo, max(1, batch))
        with contextlib.closing(results):
            while not (stopped := bool(cancelled and cancelled())):
                got = next(results, None)
                if got is None:
                    break
                size, rows = got
                computed_at = now_iso()
                with write(db):
                    match_store.write_cache(
                        db, [(claim_id, version, computed_at, text) for claim_id, text in rows]
                    )
                matched += len(rows)
                done = min(total, done + size)
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
                        "relation": m.relate(
                            ours, parse_quantities(c.text), claim_text=text, match_text=c.text
                        ).relation,
                    }
                    for c, score in ranked
                ),
            )
