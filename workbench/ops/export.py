"""Exporting a verified-claim report: the one path the CLI command and the TUI dialog share."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.core.export import FORMATS, render
from workbench.core.models import ClaimRecord, StoredDocument
from workbench.core.report.model import (
    ContextSentence,
    Report,
    ReportClaim,
    ReportDocument,
    ReportError,
    ReportFilters,
    ReportSettings,
)
from workbench.core.report.settings import require_for_claimreview, settings_from_table
from workbench.ops.clock import now_iso
from workbench.ops.config import Config, load_config
from workbench.store import documents as document_store
from workbench.store.db import StoreError, connect
from workbench.store.report import ReportRows, ReportScope, report_rows

DbPath = str | os.PathLike[str] | None
CONTEXT_RADIUS = 1  # sentences either side of the claim's own


@dataclass(frozen=True)
class ExportResult:
    format: str
    claims: int
    content: str
    path: Path | None = None


def report_settings(config: Config | None = None) -> ReportSettings:
    """The [report] table of the config file, checked; errors name the key and the file."""
    config = config or load_config()
    return settings_from_table(config.report, str(config.path or "the config file"))


def resolve_documents(db_path: DbPath, refs: Sequence[str]) -> tuple[int, ...]:
    """Document ids from ids or external ids as typed; an unknown one is an error, not a blank."""
    if not refs:
        return ()
    found: list[int] = []
    with connect(db_path) as db:
        for ref in refs:
            doc = document_store.find_document(db, ref.strip())
            if doc is None:
                raise StoreError(
                    f"There is no document {ref!r}; list them with `workbench documents`."
                )
            found.append(doc.id)
    return tuple(sorted(set(found)))


def _document(doc: StoredDocument) -> ReportDocument:
    return ReportDocument(
        id=doc.id,
        title=doc.title,
        source=doc.source,
        url=doc.url,
        published=doc.published,
        author=doc.author,
        external_id=doc.external_id,
    )


def _context(
    claim: ClaimRecord, rows: ReportRows, seen: dict[int, ContextSentence]
) -> tuple[ContextSentence, ...]:
    """The claim's sentence and its neighbours; one object per sentence, shared across claims."""
    by_position = rows.sentences.get(claim.document_id, {})
    middle = rows.claim_positions[claim.id]
    out: list[ContextSentence] = []
    for position in range(middle - CONTEXT_RADIUS, middle + CONTEXT_RADIUS + 1):
        sentence = by_position.get(position)
        if sentence is None:
            continue
        shown = seen.get(sentence.id)
        if shown is None:
            shown = seen[sentence.id] = ContextSentence(sentence.id, position, sentence.text)
        out.append(shown)
    return tuple(out)


def _claim(claim: ClaimRecord, rows: ReportRows, seen: dict[int, ContextSentence]) -> ReportClaim:
    return ReportClaim(
        id=claim.id,
        document_id=claim.document_id,
        sentence_id=claim.sentence_id,
        text=claim.text,
        span_start=claim.start - claim.sentence_start,
        span_end=claim.end - claim.sentence_start,
        kind=claim.kind,
        type=claim.type,
        checkworthiness=claim.checkworthiness,
        speaker=claim.speaker,
        status=claim.status,
        reviewed_by=claim.reviewed_by,
        reviewed_at=claim.reviewed_at,
        quantities=claim.quantities,
        context=_context(claim, rows, seen),
        notes=tuple(rows.notes.get(claim.id, ())),
        evidence=tuple(rows.evidence.get(claim.id, ())),
    )


def build_report(
    db_path: DbPath,
    filters: ReportFilters,
    *,
    settings: ReportSettings | None = None,
    generated_at: str | None = None,
) -> Report:
    scope = ReportScope(
        statuses=filters.statuses,
        sources=filters.sources,
        document_ids=filters.document_ids,
        since=filters.since,
        reviewer=filters.reviewer,
    )
    with connect(db_path) as db:
        rows = report_rows(db, scope)
    seen: dict[int, ContextSentence] = {}
    return Report(
        generated_at=generated_at or now_iso(),
        settings=settings or report_settings(),
        filters=filters,
        documents=tuple(_document(rows.documents[i]) for i in sorted(rows.documents)),
        claims=tuple(_claim(c, rows, seen) for c in rows.claims),
    )


def export_report(
    db_path: DbPath,
    fmt: str,
    filters: ReportFilters = ReportFilters(),  # noqa: B008  (frozen, so sharing it is safe)
    *,
    output: str | os.PathLike[str] | None = None,
    generated_at: str | None = None,
    config: Config | None = None,
) -> ExportResult:
    """Build and render a report; with `output`, write it there atomically.

    Raises ReportError (bad format or settings) or StoreError (database, file) with one
    sentence that says what to do.
    """
    if fmt not in FORMATS:
        raise ReportError(f"Unknown report format {fmt!r}; use one of {', '.join(FORMATS)}.")
    config = config or load_config()
    settings = report_settings(config)
    if fmt == "claimreview":
        try:
            require_for_claimreview(settings, str(config.path or "the config file"))
        except ReportError as exc:
            raise ReportError(f"{exc} {config.problem or ''}".strip()) from None
    report = build_report(db_path, filters, settings=settings, generated_at=generated_at)
    content = render(report, fmt)
    path = Path(output) if output is not None else None
    if path is not None:
        write_atomically(path, content.encode("utf-8"))
    return ExportResult(fmt, len(report.claims), content, path)


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so a reader never sees half a report."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder; give a file name for the report.")
    if not path.parent.exists():
        raise StoreError(
            f"The folder {path.parent} does not exist; create it or choose another path."
        )
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise StoreError(
            f"Cannot write {path}: {exc.strerror or exc}; check the path and its permissions."
        ) from exc


def normalise_time(text: str, *, what: str) -> str:
    """A date or time as typed, as the ISO form stored in the database (UTC, ending in Z).

    A bare date stays a date: it compares as the start of that day against stored times.
    """
    text = text.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text).isoformat()
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ReportError(
            f"{what} {text!r} is not a date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ."
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
