"""Commands that do to claims what the TUI keys do: same ops, same history."""

from __future__ import annotations

import dataclasses

import click

from workbench.cli import db_of, main
from workbench.cli.output import print_json, shorten
from workbench.core.models import ClaimQuery, ClaimRecord, SortOrder, Verdict
from workbench.ops import queries
from workbench.ops import review as review_ops
from workbench.ops.config import resolve_reviewer

reviewer_option = click.option(
    "--reviewer",
    envvar="WORKBENCH_REVIEWER",
    help="Who is making the change (env WORKBENCH_REVIEWER, else the config file).",
)


def need_reviewer(explicit: str | None) -> str:
    name = resolve_reviewer(explicit)
    if not name:
        raise click.ClickException(
            "No reviewer name is set; pass --reviewer NAME or set WORKBENCH_REVIEWER."
        )
    return name


def claim_dict(c: ClaimRecord) -> dict[str, object]:
    data = dataclasses.asdict(c)
    data["status"] = str(c.status)
    data["reasons"] = list(c.reasons)
    return data


@main.command()
@click.option("--status", "statuses", multiple=True, help="Only this status (repeatable).")
@click.option("--type", "types", multiple=True, help="Only this claim type (repeatable).")
@click.option("--source", "sources", multiple=True, help="Only this source (repeatable).")
@click.option("--min-score", type=float, default=0.0, help="Minimum check-worthiness.")
@click.option("--search", default="", help="Full-text search in the claim's sentence.")
@click.option(
    "--sort", type=click.Choice([s.value for s in SortOrder]), default="score", show_default=True
)
@click.option("--limit", type=int, default=None, help="At most this many claims.")
@click.option(
    "--conflicts",
    is_flag=True,
    help="Only claims another source contradicts (run `workbench match --all` first).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def claims(
    ctx: click.Context,
    statuses: tuple[str, ...],
    types: tuple[str, ...],
    sources: tuple[str, ...],
    min_score: float,
    search: str,
    sort: str,
    limit: int | None,
    conflicts: bool,
    as_json: bool,
) -> None:
    """List claims, best first, with filters."""
    query = ClaimQuery(
        statuses=tuple(review_ops.parse_verdict(s) for s in statuses),
        types=types,
        sources=sources,
        min_score=min_score,
        search=search,
        sort=SortOrder(sort),
        conflicts_only=conflicts,
    )
    found = queries.list_claims(db_of(ctx), query, limit)
    if as_json:
        print_json([claim_dict(c) for c in found])
        return
    for c in found:
        click.echo(
            f"{c.id:>6}  {str(c.status):<13} {c.checkworthiness:.2f}  {c.type:<16} "
            f"{shorten(c.text, 70):<70}  {shorten(c.document_source or '', 20)}"
        )


@main.command()
@click.argument("claim_id", type=int)
@click.argument("verdict")
@click.option("--note", help="Add this note with the verdict.")
@reviewer_option
@click.pass_context
def verdict(
    ctx: click.Context, claim_id: int, verdict: str, note: str | None, reviewer: str | None
) -> None:
    """Record a verdict: verified, false, misleading, unverifiable, needs_context, unreviewed."""
    chosen: Verdict = review_ops.parse_verdict(verdict)
    record = review_ops.set_verdict(
        db_of(ctx), claim_id, chosen, reviewer=need_reviewer(reviewer), note=note
    )
    click.echo(f"Claim {record.id}: {record.status.label}.")


@main.command()
@click.argument("claim_id", type=int)
@click.argument("text")
@reviewer_option
@click.pass_context
def note(ctx: click.Context, claim_id: int, text: str, reviewer: str | None) -> None:
    """Add a note to a claim."""
    saved = review_ops.add_note(db_of(ctx), claim_id, text, reviewer=need_reviewer(reviewer))
    click.echo(f"Note {saved.id} added to claim {claim_id}.")


@main.command()
@click.argument("claim_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def history(ctx: click.Context, claim_id: int, as_json: bool) -> None:
    """Show every change made to a claim: who, when, what."""
    entries = review_ops.history(db_of(ctx), claim_id)
    if as_json:
        print_json([dataclasses.asdict(e) for e in entries])
        return
    if not entries:
        click.echo(f"Claim {claim_id} has no changes yet.")
    for e in entries:
        change = f"{e.old_value or '-'} -> {e.new_value or '-'}"
        click.echo(f"{e.at}  {e.reviewer:<16} {e.action:<8} {e.field:<12} {shorten(change, 80)}")


@main.command()
@reviewer_option
@click.pass_context
def undo(ctx: click.Context, reviewer: str | None) -> None:
    """Undo your last change (repeatable; reaches back across sessions)."""
    entry = review_ops.undo(db_of(ctx), reviewer=need_reviewer(reviewer))
    if entry is None:
        click.echo("Nothing to undo.")
    else:
        click.echo(f"Undid {entry.field} change on claim {entry.claim_id}.")
