"""Importing files, folders and stdin: one transaction per article, idempotent, never all-or-nothing."""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import json
import os
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from workbench.core.analysis import Analysis, analyse, content_hash
from workbench.core.extract import EXTRACTOR_VERSION
from workbench.core.ingest import SUPPORTED_SUFFIXES, InputError, read_articles
from workbench.core.models import Article
from workbench.ops.clock import now_iso
from workbench.store import documents
from workbench.store.db import StoreError, connect, explain

STDIN = "-"
INDEX_BATCH = 500
"""Articles stored between two full-text index updates: bulk indexing is much faster."""


@dataclass(frozen=True)
class Outcome:
    """What happened to one article (or one unreadable input)."""

    name: str
    status: str  # stored | duplicate | skipped
    message: str
    document_id: int | None = None
    sentences: int = 0
    claims: int = 0


@dataclass
class IngestReport:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> bool:
        return self.count("skipped") > 0


@dataclass(frozen=True)
class Source:
    """One input to read: a file path, or stdin's bytes under a name."""

    name: str
    suffix: str
    path: Path | None = None
    data: bytes | None = None

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.path is not None
        return self.path.read_bytes()


ProgressFn = Callable[[int, int, str], None]


def expand_inputs(
    inputs: Iterable[str], *, stdin: bytes | None = None, stdin_format: str = "txt"
) -> tuple[list[Source], list[Outcome]]:
    """Files to read from paths, folders (recursive) and '-', plus a skip line for bad paths."""
    sources: list[Source] = []
    problems: list[Outcome] = []
    for raw in inputs:
        if raw == STDIN:
            sources.append(Source("<stdin>", "." + stdin_format.lstrip("."), data=stdin or b""))
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
            if not found:
                problems.append(
                    Outcome(
                        raw,
                        "skipped",
                        f"{raw}: no supported files in this folder "
                        f"({', '.join(sorted(SUPPORTED_SUFFIXES))}).",
                    )
                )
            sources.extend(Source(str(p), p.suffix.lower(), path=p) for p in found)
        elif path.is_file():
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                problems.append(
                    Outcome(
                        raw,
                        "skipped",
                        f"{raw}: unsupported file type {path.suffix or '(none)'}; "
                        f"use one of {', '.join(sorted(SUPPORTED_SUFFIXES))}.",
                    )
                )
            else:
                sources.append(Source(str(path), path.suffix.lower(), path=path))
        else:
            problems.append(Outcome(raw, "skipped", f"{raw}: no such file or folder."))
    return sources, problems


SIDECAR_SUFFIX = ".meta.json"
_SIDECAR_FIELDS = ("title", "source", "url", "published", "author", "external_id")


def _sidecar(source: Source) -> dict[str, str]:
    """Metadata for a file that cannot carry its own (e.g. a scraped .txt): FILE.meta.json."""
    if source.path is None:
        return {}
    path = source.path.with_name(source.path.name + SIDECAR_SUFFIX)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    if "id" in data and "external_id" not in data:
        data["external_id"] = data["id"]
    return {k: str(data[k]) for k in _SIDECAR_FIELDS if data.get(k) not in (None, "")}


def _articles(sources: list[Source]) -> Iterator[Article | Outcome]:
    for source in sources:
        try:
            data = source.read()
        except OSError as exc:
            yield Outcome(
                source.name, "skipped", f"{source.name}: cannot read it ({exc.strerror})."
            )
            continue
        extra = _sidecar(source)
        try:
            for item in read_articles(data, name=source.name, suffix=source.suffix):
                if isinstance(item, InputError):
                    yield Outcome(source.name, "skipped", f"{source.name}: {item}")
                elif extra:
                    missing = {k: v for k, v in extra.items() if getattr(item, k) is None}
                    yield dataclasses.replace(item, **missing)  # type: ignore[arg-type]
                else:
                    yield item
        except InputError as exc:
            yield Outcome(source.name, "skipped", f"{source.name}: {exc}")


def _label(article: Article) -> str:
    name = article.origin or "<input>"
    return f"{name} [{article.external_id}]" if article.external_id else name


def ingest(
    db_path: str | os.PathLike[str] | None,
    inputs: Iterable[str],
    *,
    stdin: bytes | None = None,
    stdin_format: str = "txt",
    progress: ProgressFn | None = None,
    workers: int | None = None,
    extract: bool = True,
) -> IngestReport:
    """Import everything named in inputs; each article lands in its own transaction.

    Reading, cleaning, splitting and extraction run in worker processes when there are many
    files, while this process stores the results in order.
    """
    sources, problems = expand_inputs(inputs, stdin=stdin, stdin_format=stdin_format)
    report = IngestReport(list(problems))
    total = len(sources)
    with connect(db_path) as db:
        try:
            for done, item in enumerate(_analysed(sources, workers, extract), start=1):
                if isinstance(item, Outcome):
                    report.outcomes.append(item)
                else:
                    article, analysis = item
                    report.outcomes.append(_store(db, article, analysis))
                    if len(report.outcomes) % INDEX_BATCH == 0:
                        documents.index_pending(db)
                if progress:
                    progress(min(done, total), total, getattr(item, "origin", None) or "")
        finally:
            documents.index_pending(db)
    return report


PARALLEL_BYTES = 2_000_000
"""Below this much input, starting worker processes costs more than it saves."""


def _input_bytes(sources: list[Source]) -> int:
    total = 0
    for source in sources:
        with contextlib.suppress(OSError):
            total += source.path.stat().st_size if source.path else len(source.data or b"")
    return total


def _analysed(
    sources: list[Source], workers: int | None, extract: bool
) -> Iterator[Outcome | tuple[Article, Analysis]]:
    if workers is None:
        big = len(sources) > 1 and _input_bytes(sources) >= PARALLEL_BYTES
        workers = min(2, os.cpu_count() or 1) if big else 1
    if workers <= 1:
        for source in sources:
            yield from _analyse_source(source, extract)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # A bounded window of files in flight, in order: finished results never pile up.
        pending: deque[Future[list[Outcome | tuple[Article, Analysis]]]] = deque()
        queue = iter(sources)
        for source in itertools.islice(queue, workers * 2):
            pending.append(pool.submit(_analyse_source, source, extract))
        while pending:
            batch = pending.popleft().result()
            for source in itertools.islice(queue, 1):
                pending.append(pool.submit(_analyse_source, source, extract))
            yield from batch


def _analyse_source(source: Source, extract: bool) -> list[Outcome | tuple[Article, Analysis]]:
    """Everything but storage for one input; runs in a worker process for big imports."""
    return [
        item if isinstance(item, Outcome) else (item, analyse(item, extract=extract))
        for item in _articles([source])
    ]


def _store(db: Database, article: Article, analysis: Analysis) -> Outcome:
    label = _label(article)
    digest = content_hash(article)
    try:
        document_id = documents.insert_document(
            db,
            article,
            content_hash=digest,
            sentences=analysis.sentences,
            claims=analysis.claims,
            extractor_version=EXTRACTOR_VERSION,
            imported_at=now_iso(),
            index=False,
        )
    except sqlite3.Error as exc:
        raise StoreError(explain(exc)) from exc
    if document_id is None:
        existing = documents.find_by_hash(db, digest)
        return Outcome(
            label, "duplicate", f"{label}: already stored (document {existing}).", existing
        )
    return Outcome(
        label,
        "stored",
        f"{label}: stored as document {document_id} "
        f"({len(analysis.sentences)} sentences, {len(analysis.claims)} claims).",
        document_id,
        len(analysis.sentences),
        len(analysis.claims),
    )
