"""`workbench match`: what other sources say about a claim, a text, every claim, or a query file."""

from __future__ import annotations

import sys
from typing import IO

import click

from workbench.cli import db_of, main
from workbench.cli.output import print_json, print_jsonl, progress_bar, shorten
from workbench.core.matching import Match
from workbench.core.models import Quantity
from workbench.ops import match as match_ops


def _quantity_text(q: Quantity) -> str:
    parts = [q.qualifier or "", q.raw, q.unit or ""]
    text = " ".join(p for p in parts if p)
    return f"{text} ({q.scope})" if q.scope else text


def _print_matches(matches: list[Match]) -> None:
    if not matches:
        click.echo("No other source mentions this; try again after importing more articles.")
        return
    for rank, x in enumerate(matches, start=1):
        where = x.document_source or x.document_title or f"document {x.document_id}"
        ext = f" [{x.external_id}]" if x.external_id else ""
        click.echo(
            f"{rank:>3}. {x.score:.2f}  {x.relation:<9}  {shorten(where, 40)}{ext}"
            f" (document {x.document_id}, sentence {x.sentence_id})"
        )
        click.echo(f"     {shorten(x.text, 110)}")
        for pair in x.pairs:
            click.echo(
                f"     {pair.relation}: {_quantity_text(pair.claim)}  vs  {_quantity_text(pair.match)}"
            )
        if x.previous_verdict:
            click.echo(
                f"     previously checked: {x.previous_verdict} by {x.previous_reviewer or 'unknown'}"
                f" (claim {x.previous_claim_id})"
            )


def _run_all(db: str, refresh: bool) -> None:
    with progress_bar("Matching") as update:
        summary = match_ops.match_all(db, progress=update, refresh=refresh)
    click.echo(
        f"{summary.claims} claims: {summary.matched} matched in {summary.seconds:.1f} s "
        f"({summary.per_second:.0f} claims/s), {summary.cached} already up to date, "
        f"{summary.conflicts} with conflicting numbers."
    )


def _run_queries(db: str, queries: IO[str], top: int) -> int:
    failed = 0
    for result in match_ops.match_queries(db, queries, top=top):
        if result.error:
            failed += 1
            click.echo(result.error, err=True)
            continue
        print_jsonl({"id": result.id, "matches": list(result.matches)})
    sys.stdout.flush()
    return 1 if failed else 0


@main.command()
@click.option("--claim", "claim_id", type=int, help="Match this stored claim (by id).")
@click.option("--text", help="Match this text.")
@click.option("--all", "every", is_flag=True, help="Match every claim and fill the cache.")
@click.option(
    "--queries",
    type=click.File("r", encoding="utf-8"),
    help='Match each line of this JSON Lines file ({"id", "text"}; "-" for stdin).',
)
@click.option("--top", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (with --claim or --text).")
@click.option("--jsonl", is_flag=True, help="Print JSON Lines (the --queries output; default).")
@click.option("--refresh", is_flag=True, help="Recompute matches even if cached.")
@click.pass_context
def match(
    ctx: click.Context,
    claim_id: int | None,
    text: str | None,
    every: bool,
    queries: IO[str] | None,
    top: int,
    as_json: bool,
    jsonl: bool,
    refresh: bool,
) -> None:
    """Find what other sources say about a claim, and whether their numbers agree."""
    chosen = [
        o
        for o, v in (
            ("--claim", claim_id),
            ("--text", text),
            ("--all", every or None),
            ("--queries", queries),
        )
        if v is not None
    ]
    if len(chosen) != 1:
        raise click.ClickException(
            "Give exactly one of --claim ID, --text TEXT, --all or --queries FILE."
        )
    if jsonl and queries is None:
        raise click.ClickException("--jsonl goes with --queries; use --json for one claim.")
    db = db_of(ctx)
    if every:
        _run_all(db, refresh)
        return
    if queries is not None:
        ctx.exit(_run_queries(db, queries, top))
    if claim_id is not None:
        matches = match_ops.matches_for_claim(db, claim_id, top=top, use_cache=not refresh)
    else:
        matches = match_ops.matches_for_text(db, text or "", top=top)
    if as_json:
        print_json([match_ops.match_json(x) for x in matches])
    else:
        _print_matches(matches)
