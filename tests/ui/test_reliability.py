"""Two reviewers on one database, and a database that stops taking writes."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import notices, panel_text, settle
from textual.pilot import Pilot

from workbench.core.models import ClaimQuery, Verdict
from workbench.ops import review
from workbench.ops.unsaved import unsaved_notes_path
from workbench.store.db import StoreError
from workbench.ui.app import WorkbenchApp, make_app
from workbench.ui.screens.note_editor import NoteEditor
from workbench.ui.screens.triage import TriageScreen
from workbench.ui.widgets.claim_list import ClaimList

SIZE = (120, 40)
READ_ONLY = "claims.db is read-only; make it writable to save changes."


def rows(path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def claims_by_score(path: Path) -> list[int]:
    return [int(r[0]) for r in rows(path, "SELECT id FROM claims ORDER BY checkworthiness DESC")]


def row_text(app: WorkbenchApp, index: int) -> str:
    claims = app.screen.query_one(ClaimList)
    return claims.render_line(index - int(claims.scroll_offset.y)).text


async def wait_until(pilot: Pilot[Any], condition: Any, seconds: float = 5.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the screen did not catch up in time")


async def test_another_reviewers_change_appears_without_moving_the_cursor(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(TriageScreen, "POLL_SECONDS", 0.1)
    order = claims_by_score(db)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)
        claims = app.screen.query_one(ClaimList)
        assert claims.cursor_id == order[2]
        # carol, in another window, marks the claim two rows below false and notes this one
        await asyncio.to_thread(review.set_verdict, db, order[4], Verdict.FALSE, reviewer="carol")
        await asyncio.to_thread(
            review.add_note, db, order[2], "Source retracted.", reviewer="carol"
        )
        await wait_until(pilot, lambda: row_text(app, 4).lstrip().startswith("✗"))
        await settle(pilot)
        assert claims.cursor_id == order[2] and claims.cursor == 2
        assert int(claims.scroll_offset.y) == 0
        assert "2/10 reviewed" in str(app.screen.query_one("#status-line").render())
        await wait_until(pilot, lambda: "Source retracted." in panel_text(app, "#notes"))


async def test_a_filtered_view_drops_a_claim_another_reviewer_decided(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(TriageScreen, "POLL_SECONDS", 0.1)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TriageScreen)
        screen.query_state = ClaimQuery(statuses=(Verdict.UNREVIEWED,))
        screen.reload()
        await settle(pilot)
        claims = screen.query_one(ClaimList)
        await pilot.press("j")
        keep = claims.cursor_id
        gone = claims.ids[0]
        await asyncio.to_thread(review.set_verdict, db, gone, Verdict.VERIFIED, reviewer="carol")
        await wait_until(pilot, lambda: gone not in claims.ids)
        assert claims.cursor_id == keep


async def test_read_only_failure_shows_a_banner_and_refuses_further_writes(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(*args: object, **kwargs: object) -> None:
        raise StoreError(READ_ONLY)

    monkeypatch.setattr(review, "set_verdict", read_only)
    first = claims_by_score(db)[0]
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        banner = app.screen.query_one("#read-only-banner")
        assert banner.display and "read-only" in str(banner.render())
        assert row_text(app, 0).lstrip().startswith("·")
        before = rows(db, "SELECT count(*) FROM history")
        await pilot.press("x", "n", "z")
        await settle(pilot)
        assert not isinstance(app.screen, NoteEditor)
        assert rows(db, "SELECT count(*) FROM history") == before
        assert rows(db, "SELECT status FROM claims WHERE id = ?", (first,)) == [("unreviewed",)]
        assert notices(app).count("Retry writing") >= 3  # each refused key says how to go on
        claims = app.screen.query_one(ClaimList)
        at = claims.cursor
        await pilot.press("j")  # reading still works
        await settle(pilot)
        assert claims.cursor == at + 1
        monkeypatch.undo()
        await pilot.press("ctrl+p", *"retry writing")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert not banner.display
        await pilot.press("x")
        await settle(pilot)
        assert rows(db, "SELECT count(*) FROM history") != before


async def test_a_full_disk_from_sqlite_is_explained_and_read_only(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(review, "add_note", full)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"checked")
        await pilot.press("ctrl+s")
        await settle(pilot)
        banner = app.screen.query_one("#read-only-banner")
        assert banner.display and "The disk is full" in str(banner.render())
        assert rows(db, "SELECT count(*) FROM notes WHERE body = 'checked'") == [(0,)]
        # what the reviewer typed is not lost: it is in the unsaved-notes file, and they are told
        kept = unsaved_notes_path()
        assert "was not saved; its text is kept in " + str(kept) in notices(app)
        saved = kept.read_text(encoding="utf-8")
        assert "checked" in saved and "The disk is full" in saved and "tester" in saved


async def test_a_failing_panel_load_is_reported_not_swallowed(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.ops import queries

    def broken(*args: object, **kwargs: object) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(queries, "claim_context", broken)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "is damaged or not a workbench database" in notices(app)
