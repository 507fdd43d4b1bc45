"""`workbench backup` and `workbench check`: keeping a database safe and knowing it is sound."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from workbench.cli import db_of, main
from workbench.cli.output import print_json
from workbench.ops import maintenance as maintenance_ops


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} bytes"


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite PATH if it already exists.")
@click.pass_context
def backup(ctx: click.Context, path: Path, force: bool) -> None:
    """Copy the database to PATH; safe while other workbench windows are open."""
    result = maintenance_ops.backup(db_of(ctx), path, force=force)
    click.echo(
        f"Backed up {result.documents} documents and {result.claims} claims "
        f"to {result.path} ({_size(result.bytes)})."
    )


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def check(ctx: click.Context, as_json: bool) -> None:
    """Check the database: integrity, the search index, rows that lost their parent."""
    report = maintenance_ops.check(db_of(ctx))
    if as_json:
        print_json({"ok": report.ok, "checks": [dataclasses.asdict(r) for r in report.results]})
    else:
        for result in report.results:
            click.echo(f"{result.status:<8} {result.name:<13} {result.detail}")
        if report.ok:
            click.echo("All checks passed.")
        else:
            n = len(report.problems)
            what = "; ".join(r.detail for r in report.problems)
            click.echo(
                f"{n} problem{'s' if n != 1 else ''} found ({what}); make a copy with "
                "`workbench backup` and restore an earlier backup before making more changes.",
                err=True,
            )
    if not report.ok:
        ctx.exit(1)
