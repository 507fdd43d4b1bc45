"""The `workbench` command: a click group whose bare form opens the TUI."""

from __future__ import annotations

import sqlite3
from typing import Any

import click
from click_default_group import DefaultGroup

from workbench import __version__
from workbench.store.db import StoreError, explain


class WorkbenchGroup(DefaultGroup):
    """Turns expected failures into one plain sentence instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from exc
        except sqlite3.Error as exc:
            raise click.ClickException(explain(exc)) from exc
        except KeyboardInterrupt:
            raise click.ClickException(
                "Interrupted; everything finished before that is saved."
            ) from None
        except BrokenPipeError:
            return None


@click.group(
    cls=WorkbenchGroup, default="tui", default_if_no_args=True, invoke_without_command=True
)
@click.version_option(__version__, prog_name="workbench")
@click.option(
    "--db",
    "db_path",
    envvar="WORKBENCH_DB",
    default="claims.db",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Database file (env WORKBENCH_DB).",
)
@click.pass_context
def main(ctx: click.Context, db_path: str) -> None:
    """Claim Workbench: find, check and report the claims in news articles."""
    ctx.obj = {"db": db_path}
    if ctx.invoked_subcommand is None:  # `workbench --db other.db` opens that database
        tui = main.get_command(ctx, "tui")
        assert tui is not None
        ctx.invoke(tui)


def db_of(ctx: click.Context) -> str:
    return str(ctx.find_root().obj["db"])


from workbench.cli import corpus, export, maintenance, match, review, tui  # noqa: E402,F401  (registers the commands)
