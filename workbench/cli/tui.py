"""Opening the Textual UI; textual is imported only here, when the UI is asked for."""

from __future__ import annotations

import click

from workbench.cli import db_of, main
from workbench.store.db import open_db


def open_tui(db_path: str, reviewer: str | None) -> None:
    open_db(db_path).close()  # fail early, with a plain sentence, on a bad database
    from workbench.ui.app import make_app

    make_app(db_path, reviewer=reviewer).run()


@main.command()
@click.option("--reviewer", envvar="WORKBENCH_REVIEWER", help="Reviewer name recorded on changes.")
@click.pass_context
def tui(ctx: click.Context, reviewer: str | None) -> None:
    """Open the triage workbench on the database (the default command)."""
    open_tui(db_of(ctx), reviewer)
