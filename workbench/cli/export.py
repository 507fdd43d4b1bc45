"""`workbench export`: a verified-claim report in Markdown, HTML, CSV, JSON or ClaimReview."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from workbench.cli import db_of, main
from workbench.core.export import FORMATS
from workbench.core.models import Verdict
from workbench.core.report.model import ReportError, ReportFilters
from workbench.ops import export as export_ops
from workbench.ops import review as review_ops

_SUFFIXES = {".htm": "html", ".jsonld": "claimreview"} | {
    f.suffix: f.name for f in FORMATS.values() if f.name != "claimreview"
}


def _statuses(values: tuple[str, ...]) -> tuple[Verdict, ...]:
    names = [part for value in values for part in value.split(",") if part.strip()]
    return tuple(dict.fromkeys(review_ops.parse_verdict(n) for n in names))


def _format(chosen: str | None, output: str | None) -> str:
    if chosen:
        return chosen
    if output and output != "-":
        return _SUFFIXES.get(Path(output).suffix.lower(), "md")
    return "md"


@main.command()
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(list(FORMATS)),
    help="Report format (default: from the -o file name, else md).",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write to this file (default: stdout)."
)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    help="Only these verdicts, comma-separated (default: every reviewed verdict).",
)
@click.option("--source", "sources", multiple=True, help="Only this source (repeatable).")
@click.option(
    "--document",
    "documents",
    multiple=True,
    help="Only this document id or external id (repeatable).",
)
@click.option("--since", help="Only claims reviewed on or after this date (YYYY-MM-DD).")
@click.option("--reviewer", help="Only claims this reviewer decided or added notes or evidence to.")
@click.option(
    "--generated-at", help="Fix the report's generation time (ISO), so reruns are byte-identical."
)
@click.pass_context
def export(
    ctx: click.Context,
    fmt: str | None,
    output: str | None,
    statuses: tuple[str, ...],
    sources: tuple[str, ...],
    documents: tuple[str, ...],
    since: str | None,
    reviewer: str | None,
    generated_at: str | None,
) -> None:
    """Export a report of reviewed claims: md, html, csv, json or claimreview (JSON-LD).

    The organisation's name and web address and ClaimReview's rating scale come from the
    [report] table of the config file: keys organisation, url, title, claim_url and a
    [report.rating] table (best, worst and one number per verdict).
    """
    db = db_of(ctx)
    try:
        filters = ReportFilters(
            statuses=_statuses(statuses),
            sources=tuple(dict.fromkeys(s.strip() for s in sources if s.strip())),
            document_ids=export_ops.resolve_documents(db, documents),
            since=export_ops.normalise_time(since, what="--since") if since else None,
            reviewer=reviewer.strip() if reviewer and reviewer.strip() else None,
        )
        stamp = (
            export_ops.normalise_time(generated_at, what="--generated-at") if generated_at else None
        )
        to_file = output is not None and output != "-"
        result = export_ops.export_report(
            db,
            _format(fmt, output),
            filters,
            output=output if to_file else None,
            generated_at=stamp,
        )
    except ReportError as exc:
        raise click.ClickException(str(exc)) from exc
    if result.path is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(result.content.encode("utf-8"))  # bytes as rendered: CRLF stays
        sys.stdout.buffer.flush()
    else:
        noun = "claim" if result.claims == 1 else "claims"
        click.echo(f"Wrote {result.claims} {noun} to {result.path} ({result.format}).", err=True)
