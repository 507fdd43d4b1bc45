"""SVG snapshots of the states a reviewer sees. Review snapshot_report.html before updating."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import settle, stop_blinking
from textual.pilot import Pilot
from textual.widgets import TextArea

from workbench.ui.app import make_app

SIZE = (120, 40)


def keys(*pressed: str) -> Callable[[Pilot[Any]], object]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)
        stop_blinking(pilot.app)
        await pilot.pause()

    return run_before


def test_main_screen(db: Path, snap_compare: Callable[..., bool]) -> None:
    """The claims by score, the first claim's source with its numbers marked, and its note."""
    assert snap_compare(make_app(db), terminal_size=SIZE, run_before=keys())


def test_main_screen_narrow(db: Path, snap_compare: Callable[..., bool]) -> None:
    """80x24: the list on top, the panels below; the claim sentence scrolled into view."""
    assert snap_compare(make_app(db), terminal_size=(80, 24), run_before=keys("j"))


def test_help_screen(db: Path, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(make_app(db), terminal_size=SIZE, run_before=keys("question_mark"))


def test_note_editor(db: Path, snap_compare: Callable[..., bool]) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await keys("n")(pilot)  # type: ignore[misc]
        pilot.app.screen.query_one(TextArea).insert("Ask the ministry for\nthe March figure.")
        stop_blinking(pilot.app)
        await pilot.pause()

    assert snap_compare(make_app(db), terminal_size=SIZE, run_before=run_before)


def test_document_view(db: Path, snap_compare: Callable[..., bool]) -> None:
    """The whole article, every claim underlined, the current one (after n) reversed."""
    assert snap_compare(make_app(db), terminal_size=SIZE, run_before=keys("o", "n"))


def test_empty_database(empty_db: Path, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(make_app(empty_db), terminal_size=SIZE, run_before=keys())


def test_filter_active(db: Path, snap_compare: Callable[..., bool]) -> None:
    """Only unreviewed claims of score >= 0.8, shown in the header."""
    assert snap_compare(
        make_app(db),
        terminal_size=SIZE,
        run_before=keys("f", "space", "tab", "tab", "tab", "tab", "0", ".", "8", "enter"),
    )


def test_filter_dialog(db: Path, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(make_app(db), terminal_size=SIZE, run_before=keys("f", "space"))


def test_matches_pane(match_db: Path, snap_compare: Callable[..., bool]) -> None:
    """The 26-soldiers claim: two conflicting matches, both numbers, ana's earlier verdict."""
    assert snap_compare(make_app(match_db), terminal_size=SIZE, run_before=keys("j", "j"))


def test_read_only_banner(db: Path, snap_compare: Callable[..., bool]) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await keys()(pilot)  # type: ignore[misc]
        pilot.app.screen.enter_read_only(  # type: ignore[attr-defined]
            "claims.db is read-only; make it writable to save changes."
        )
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app(db), terminal_size=SIZE, run_before=run_before)
