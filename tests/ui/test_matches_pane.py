"""The matches pane, evidence keys, matching every claim, the conflicts filter and export."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from conftest import REVIEWER, notices, panel_text, settle
from seed import claim_id
from textual.pilot import Pilot

from workbench.ui.app import WorkbenchApp, make_app
from workbench.ui.screens.document import DocumentScreen
from workbench.ui.screens.export_dialog import ExportDialog
from workbench.ui.widgets.claim_list import ClaimList
from workbench.ui.widgets.matches import MatchesPane

SIZE = (120, 40)


def rows(path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def sentence_id(path: Path, fragment: str) -> int:
    found = rows(path, "SELECT id FROM sentences WHERE text LIKE ?", (f"%{fragment}%",))
    assert len(found) == 1, fragment
    return int(found[0][0])


async def go_to(pilot: Pilot[Any], fragment: str) -> int:
    """Move the list's cursor to the claim containing fragment; its matches have loaded."""
    app = pilot.app
    target = claim_id(Path(app.db_path), fragment)  # type: ignore[attr-defined]
    claims = app.screen.query_one(ClaimList)
    claims.move_to_claim(target)
    await settle(pilot)
    assert claims.cursor_id == target
    return target


def pane(app: WorkbenchApp) -> MatchesPane:
    return app.screen.query_one(MatchesPane)


async def test_matches_show_relation_both_numbers_and_an_earlier_verdict(match_db: Path) -> None:
    app = make_app(match_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        claim = await go_to(pilot, "The army said 26 soldiers")
        assert pane(app).claim_id == claim
        text = panel_text(app, "#matches-pane")
        # North Sea states 24 soldiers this year: the claim's 26 conflicts, both numbers shown.
        assert "≠ conflicts" in text
        assert "26 soldiers (so far this year)  ≠  24 soldiers (this year)" in text
        assert "Officials confirmed 24 soldiers were killed this year" in text
        # Continental Wire's Kyiv sentence holds a claim ana already marked false.
        assert "already checked: false by ana" in text
        assert "Continental Wire" in text
        assert pane(app).border_title == "Matches 1/2 · 2 conflicting"


async def test_a_and_d_link_the_highlighted_match_as_evidence(match_db: Path) -> None:
    app = make_app(match_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        claim = await go_to(pilot, "The army said 26 soldiers")
        first, second = (m.sentence_id for m in pane(app).matches)
        await pilot.press("a", "right_square_bracket", "d")
        await settle(pilot)
        assert app.screen.query_one(ClaimList).cursor_id == claim  # evidence does not move on
        stored = rows(
            match_db,
            "SELECT sentence_id, stance, relation, reviewer FROM evidence WHERE claim_id = ? "
            "ORDER BY id",
            (claim,),
        )
        assert stored == [
            (first, "supports", "conflicts", REVIEWER),
            (second, "contradicts", "conflicts", REVIEWER),
        ]
        notes = panel_text(app, "#notes")
        assert "Evidence (2)" in notes
        assert "supports (conflicts)" in notes and "contradicts (conflicts)" in notes
        assert "evidence: contradicts sentence" in notes  # the history line
        assert "contradicting evidence" in notices(app)


async def test_enter_on_a_match_opens_its_document_at_the_sentence(match_db: Path) -> None:
    app = make_app(match_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "The army said 26 soldiers")
        await pilot.press("right_square_bracket")  # the Kyiv sentence in Continental Wire
        highlighted = pane(app).highlighted
        assert highlighted is not None
        pane(app).focus()
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DocumentScreen)
        assert screen._sentence_id == sentence_id(match_db, "Kyiv says 24")
        header = str(screen.query_one("#document-header").render())
        assert "Ukraine presses NATO" in header and "matched sentence is marked" in header
        await pilot.press("enter")  # the sentence holds a claim: back to the list on it
        await settle(pilot)
        assert app.screen.query_one(ClaimList).cursor_id == claim_id(match_db, "Kyiv says 24")


async def test_match_all_fills_the_cache_then_conflicts_lists_only_disagreeing(
    match_db: Path,
) -> None:
    app = make_app(match_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        cached = dict(rows(match_db, "SELECT claim_id, results FROM match_cache"))
        assert set(cached) == {r[0] for r in rows(match_db, "SELECT id FROM claims")}
        conflicting = {
            cid
            for cid, results in cached.items()
            if any(m["relation"] == "conflicts" for m in json.loads(results))
        }
        assert claim_id(match_db, "The army said 26 soldiers") in conflicting
        assert "All 11 claims are matched" in notices(app)
        assert not app.screen.query_one("#match-progress").display
        await pilot.press("ctrl+p", *"conflicts only")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert set(app.screen.query_one(ClaimList).ids) == conflicting
        assert "sources conflict" in str(app.screen.query_one("#status-line").render())


async def test_conflicts_filter_in_the_filter_dialog(match_db: Path) -> None:
    app = make_app(match_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        app.screen.query_one("#filter-conflicts").toggle()  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        listed = app.screen.query_one(ClaimList).ids
        assert claim_id(match_db, "The army said 26 soldiers") in listed
        assert claim_id(match_db, "Wheat futures") not in listed


async def test_e_opens_the_export_dialog_and_writes_the_report(
    db: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ExportDialog)
        written = tmp_path / "claims-report.md"
        assert "A similar number is in Crimea" in written.read_text(encoding="utf-8")
        said = [n for n in notices(app).splitlines() if str(written) in n]
        assert len(said) == 1  # the path is reported once
