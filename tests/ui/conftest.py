"""UI test fixtures: a tmp database and config for every test, and functions to read the screen."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot

sys.path.insert(0, str(Path(__file__).parent))

from seed import seed_database  # noqa: E402

REVIEWER = "tester"


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Never touch the user's database or config; a fixed reviewer unless a test unsets it."""
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "default.db"))
    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("WORKBENCH_REVIEWER", REVIEWER)
    monkeypatch.delenv("NO_COLOR", raising=False)
    from workbench.ui.screens.triage import TriageScreen

    monkeypatch.setattr(TriageScreen, "MATCH_DELAY", 0.0)  # the debounce only slows tests down
    yield


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return seed_database(tmp_path / "claims.db")


@pytest.fixture
def match_db(tmp_path: Path) -> Path:
    """The seed plus two articles whose Donbas toll agrees (24) or conflicts (26)."""
    return seed_database(tmp_path / "claims.db", with_matches=True)


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    from workbench.store.db import open_db

    path = tmp_path / "empty.db"
    open_db(path).close()
    return path


def stop_blinking(app: App[Any]) -> None:
    """Blinking cursors make snapshots flaky: call at the end of run_before."""
    from textual.widgets import Input, TextArea

    for widget in app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until every worker has finished and the screen has caught up.

    The poller never finishes (it watches the database for the app's lifetime): skip it.
    """
    for _ in range(3):
        busy = [w for w in pilot.app.workers if w.group != "poll"]
        if busy:  # an empty list would mean "every worker", the poller too
            await pilot.app.workers.wait_for_complete(busy)
        await pilot.pause()


def screen_text(app: App[Any]) -> str:
    """What the terminal shows, as plain text."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def notices(app: App[Any]) -> str:
    """Every notification shown so far, one per line."""
    return "\n".join(n.message for n in app._notifications)


def panel_text(app: App[Any], selector: str) -> str:
    """All the text of a panel, including what is scrolled out of view."""
    from textual.widgets import Static

    return "\n".join(str(w.render()) for w in app.screen.query_one(selector).query(Static))
