"""Printing helpers shared by the commands: JSON for scripts, aligned text for people."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from typing import Any

import click


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def print_jsonl(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@contextlib.contextmanager
def progress_bar(label: str, *, enabled: bool = True) -> Iterator[Callable[[int, int], None]]:
    """A callback(done, total) that draws a bar on a terminal and stays silent in pipes.

    The bar appears only once there are at least two items, and is closed however the work ends.
    """
    show = enabled and sys.stderr.isatty()
    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        if not show or total < 2:
            return
        if "bar" not in state:
            state["bar"] = click.progressbar(length=total, label=label, file=sys.stderr)
            state["bar"].__enter__()
            state["at"] = 0
        state["bar"].update(done - state["at"])
        state["at"] = done

    try:
        yield update
    finally:
        if "bar" in state:
            state["bar"].__exit__(None, None, None)
