"""Commands that bring articles in and show what is stored."""

from __future__ import annotations

import dataclasses
import sys
from importlib import resources
from pathlib import Path
from typing import TextIO

import click

from workbench.cli import db_of, main
from workbench.cli.output import print_json, print_jsonl, progress_bar, shorten
from workbench.ops import extract as extract_ops
from workbench.ops import ingest as ingest_ops
from workbench.ops import queries


def samples_dir() -> Path:
    return Path(str(resources.files("workbench") / "samples"))


def run_ingest(
    db: str,
    inputs: list[str],
    *,
    stdin_format: str = "txt",
    quiet: bool = False,
    extract: bool = True,
) -> int:
    """Ingest and print one line per article; returns the exit code."""
    stdin = sys.stdin.buffer.read() if "-" in inputs else None
    with progress_bar("Importing", enabled=not quiet) as update:
        report = ingest_ops.ingest(
            db,
            inputs,
            stdin=stdin,
            stdin_format=stdin_format,
            progress=lambda done, total, _name: update(done, total),
            extract=extract,
        )
    for outcome in report.outcomes:
        if outcome.status == "skipped":
            click.echo(f"skipped {outcome.message}", err=True)
        elif not quiet:
            click.echo(outcome.message)
    if not quiet or report.failed:
        click.echo(
            f"{report.count('stored')} stored, {report.count('duplicate')} already stored, "
            f"{report.count('skipped')} skipped.",
            err=report.failed,
        )
    return 1 if report.failed else 0


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "stdin_format",
    type=click.Choice(["txt", "md", "html", "jsonl"]),
    default="txt",
    show_default=True,
    help="Format of text read from '-' (stdin).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only problems.")
@click.option(
    "--no-extract",
    is_flag=True,
    help="Store sentences only; find claims later with `workbench extract`.",
)
@click.pass_context
def ingest(
    ctx: click.Context, paths: tuple[str, ...], stdin_format: str, quiet: bool, no_extract: bool
) -> None:
    """Import articles from files, folders (recursive) and '-' (stdin)."""
    ctx.exit(
        run_ingest(
            db_of(ctx),
            list(paths),
            stdin_format=stdin_format,
            quiet=quiet,
            extract=not no_extract,
        )
    )


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Count documents, sentences and claims, by status and by source."""
    data = queries.stats(db_of(ctx))
    if as_json:
        print_json(data)
        return
    click.echo(f"documents  {data['documents']}")
    click.echo(f"sentences  {data['sentences']}")
    click.echo(f"claims     {data['claims']}")
    for status, n in dict(data["claims_by_status"]).items():  # type: ignore[call-overload]
        click.echo(f"  {status:<14} {n}")
    click.echo("by source")
    for source, counts in dict(data["by_source"]).items():  # type: ignore[call-overload]
        click.echo(f"  {source:<28} {counts['documents']} documents, {counts['claims']} claims")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def documents(ctx: click.Context, as_json: bool) -> None:
    """List stored documents."""
    docs = queries.list_documents(db_of(ctx))
    if as_json:
        print_json([dataclasses.asdict(d) for d in docs])
        return
    if not docs:
        click.echo("No documents yet: import some with `workbench ingest PATH`.")
    for d in docs:
        ext = f" [{d.external_id}]" if d.external_id else ""
        click.echo(
            f"{d.id:>5}{ext}  {shorten(d.title or d.origin or '(untitled)', 50):<50}  "
            f"{shorten(d.source or '', 24):<24}  {d.sentence_count} sentences, {d.claim_count} claims"
        )


@main.command()
@click.argument("doc")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def show(ctx: click.Context, doc: str, as_json: bool) -> None:
    """Show one document (by id or external id) with its sentences and offsets."""
    view = queries.show_document(db_of(ctx), doc)
    d = view.document
    if as_json:
        data = dataclasses.asdict(d)
        data["sentences"] = [
            {"id": s.id, "start": s.start, "end": s.end, "text": s.text, "role": str(s.role)}
            for s in view.sentences
        ]
        print_json(data)
        return
    for label, value in (
        ("id", d.id),
        ("external id", d.external_id),
        ("title", d.title),
        ("source", d.source),
        ("author", d.author),
        ("published", d.published),
        ("url", d.url),
        ("origin", d.origin),
        ("imported", d.imported_at),
    ):
        if value is not None:
            click.echo(f"{label:<12} {value}")
    click.echo("")
    for s in view.sentences:
        click.echo(f"{s.id:>6} {s.start:>6}-{s.end:<6} {str(s.role):<8} {s.text}")


@main.command()
@click.pass_context
def extract(ctx: click.Context) -> None:
    """Re-run claim extraction over every stored document (keeps verdicts and notes)."""
    report = extract_ops.extract_all(db_of(ctx))
    click.echo(
        f"{report.documents} documents: {report.kept} claims kept, {report.added} added, "
        f"{report.retired} retired."
    )


@main.command()
@click.argument("file", type=click.File("r", encoding="utf-8", errors="replace"), default="-")
@click.option("--jsonl", "as_jsonl", is_flag=True, help="Print one JSON object per input line.")
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    show_default="the model's tuned cut-off",
    help="Report sentences scoring at least this (lower finds more claims, with more noise).",
)
def scan(file: TextIO, as_jsonl: bool, threshold: float | None) -> None:
    """Find claims in text without storing it: one text unit per input line."""
    for result in extract_ops.scan_lines(file, threshold=threshold):
        if as_jsonl:
            print_jsonl(result)
            continue
        for claim in result["claims"]:
            click.echo(
                f"{result['line']:>5}  {claim['checkworthiness']:.2f}  {claim['kind']:<8} "
                f"{claim['type']:<18} {claim['text']}"
            )


@main.command()
@click.option("--reviewer", envvar="WORKBENCH_REVIEWER", help="Reviewer name recorded on changes.")
@click.pass_context
def demo(ctx: click.Context, reviewer: str | None) -> None:
    """Load the bundled sample articles (idempotent), then open the workbench."""
    code = run_ingest(db_of(ctx), [str(samples_dir())], quiet=True)
    if code:
        ctx.exit(code)
    from workbench.cli.tui import open_tui

    open_tui(db_of(ctx), reviewer)
