"""Opening the Textual UI; textual is imported only here, when the UI is asked for."""

from __future__ import annotations

import click

from workbench.cli import db_of, main
from workbench.ops.maintenance import prepare


def open_tui(db_path: str, reviewer: str | None) -> None:
    prepare(db_path)
    from workbench.ui.app import make_app

    make_app(db_path, reviewer=reviewer).run()


@main.command()
@click.option("--reviewer", envvar="WORKBENCH_REVIEWER", help="Reviewer name recorded on changes.")
@click.pass_context
def tui(ctx: click.Context, reviewer: str | None) -> None:
    """Open the triage workbench on the database (the default command)."""
    open_tui(db_of(ctx), reviewer)
