"""Pilot tests: press a key as a reviewer would, then check both the screen and the database."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import REVIEWER, notices, panel_text, screen_text, settle
from seed import claim_id
from textual.widgets import TextArea

from workbench.ui.app import WorkbenchApp, make_app
from workbench.ui.screens.document import DocumentScreen
from workbench.ui.screens.filter_dialog import FilterDialog
from workbench.ui.screens.help import HelpScreen
from workbench.ui.screens.note_editor import NoteEditor
from workbench.ui.widgets.claim_list import ClaimList
from workbench.ui.widgets.matches import MatchesPane

SIZE = (120, 40)


def rows(path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def status(path: Path, cid: int) -> str:
    return str(rows(path, "SELECT status FROM claims WHERE id = ?", (cid,))[0][0])


def claims_by_score(path: Path) -> list[int]:
    return [int(r[0]) for r in rows(path, "SELECT id FROM claims ORDER BY checkworthiness DESC")]


def cursor_id(app: WorkbenchApp) -> int | None:
    return app.screen.query_one(ClaimList).cursor_id


def row_text(app: WorkbenchApp, index: int) -> str:
    claims = app.screen.query_one(ClaimList)
    return claims.render_line(index - int(claims.scroll_offset.y)).text


async def test_start_lists_claims_by_score_with_counts(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "1/10 reviewed (10%)" in text
        assert "Ukraine's armed forces estimate" in row_text(app, 0)
        assert "statistic" in row_text(app, 0) and "Continental" in row_text(app, 0)
        assert row_text(app, 0).lstrip().startswith("· 0.91")
        assert cursor_id(app) == claims_by_score(db)[0]
        assert "Continental Wire · 2021-04-06" in text
        assert "cw-20210406-0147" in text
        source = panel_text(app, "#source")
        assert "Ukrainian President Volodymyr Zelenskiy asked" in source  # sentence before
        assert "A similar number is in Crimea" in source  # sentence after
        assert "contains a number" in source  # the reasons behind the score
        assert "Compare with the Pentagon estimate." in panel_text(app, "#notes")
        matches = app.screen.query_one(MatchesPane)
        assert matches.loaded and matches.claim_id == cursor_id(app)
        assert app.screen.query_one(ClaimList).has_focus


async def test_movement_keys(db: Path) -> None:
    order = claims_by_score(db)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "down")
        assert cursor_id(app) == order[2]
        await pilot.press("k")
        assert cursor_id(app) == order[1]
        await pilot.press("G")
        assert cursor_id(app) == order[-1]
        await pilot.press("g")
        assert cursor_id(app) == order[0]
        await pilot.press("pagedown")
        assert cursor_id(app) == order[-1]  # ten claims fit on one page
        await pilot.press("pageup")
        assert cursor_id(app) == order[0]
        await pilot.press("j")
        await settle(pilot)
        assert "About 14,000 people have died" in screen_text(app)
        assert "US won't commit to NATO membership" in screen_text(app)


async def test_tab_cycles_panels(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        focused = []
        for _ in range(4):
            await pilot.press("tab")
            focused.append(app.focused.id if app.focused else None)
        assert focused == ["source", "matches-pane", "notes", "claims"]


@pytest.mark.parametrize(
    ("key", "verdict", "glyph"),
    [
        ("v", "verified", "✓"),
        ("x", "false", "✗"),
        ("m", "misleading", "!"),
        ("u", "unverifiable", "?"),
        ("i", "needs_context", "…"),
    ],
)
async def test_verdict_key_saves_and_moves_on(db: Path, key: str, verdict: str, glyph: str) -> None:
    order = claims_by_score(db)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        assert status(db, order[0]) == verdict
        assert rows(
            db,
            "SELECT old_value, new_value, reviewer FROM history WHERE claim_id = ? "
            "AND action = 'verdict'",
            (order[0],),
        ) == [("unreviewed", verdict, REVIEWER)]
        assert row_text(app, 0).lstrip().startswith(glyph)
        assert cursor_id(app) == order[1]
        assert "2/10 reviewed (20%)" in screen_text(app)


async def test_verdict_skips_claims_already_reviewed(db: Path) -> None:
    order = claims_by_score(db)
    crimea = claim_id(db, "A similar number")  # reviewed by ben in the seed
    before = order.index(crimea) - 1
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one(ClaimList).move_to_claim(order[before])
        await pilot.press("v")
        await settle(pilot)
        assert cursor_id(app) == order[before + 2]


async def test_space_moves_on_without_saving(db: Path) -> None:
    order = claims_by_score(db)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        assert cursor_id(app) == order[1]
        assert status(db, order[0]) == "unreviewed"
        assert rows(db, "SELECT count(*) FROM history WHERE reviewer = ?", (REVIEWER,)) == [(0,)]


async def test_undo_is_repeatable_with_backspace_and_z(db: Path) -> None:
    order = claims_by_score(db)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v", "x")
        await settle(pilot)
        assert (status(db, order[0]), status(db, order[1])) == ("verified", "false")
        await pilot.press("backspace")
        await settle(pilot)
        assert status(db, order[1]) == "unreviewed"
        assert cursor_id(app) == order[1]
        assert "Undone: claim" in notices(app)
        await pilot.press("z")
        await settle(pilot)
        assert status(db, order[0]) == "unreviewed"
        assert cursor_id(app) == order[0]
        assert row_text(app, 0).lstrip().startswith("·")
        undo_rows = rows(db, "SELECT count(*) FROM history WHERE action = 'undo'")
        assert undo_rows == [(2,)]
        await pilot.press("z")
        await settle(pilot)
        assert "Nothing to undo." in notices(app)


async def test_undo_works_after_a_restart(db: Path) -> None:
    first = claims_by_score(db)[0]
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
    assert status(db, first) == "misleading"
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("z")
        await settle(pilot)
        assert status(db, first) == "unreviewed"
        assert row_text(app, 0).lstrip().startswith("·")


async def test_note_editor_saves_with_ctrl_s(db: Path) -> None:
    first = claims_by_score(db)[0]
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)
        app.screen.query_one(TextArea).insert("Check the\nministry figure")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, NoteEditor)
        assert rows(db, "SELECT body, author FROM notes WHERE claim_id = ? ORDER BY id", (first,))[
            -1
        ] == ("Check the\nministry figure", REVIEWER)
        text = screen_text(app)
        assert "Notes (2)" in text
        assert "ministry figure" in text
        await pilot.press("z")  # a note is undone like a verdict
        await settle(pilot)
        assert "Notes (1)" in screen_text(app)
        assert rows(
            db, "SELECT count(*) FROM notes WHERE deleted = 0 AND claim_id = ?", (first,)
        ) == [(1,)]


async def test_note_editor_asks_before_discarding(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        app.screen.query_one(TextArea).insert("half a thought")
        await pilot.press("escape")
        assert "Discard this note?" in screen_text(app)
        await pilot.press("n")  # keep editing
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "half a thought"
        await pilot.press("escape", "y")
        await settle(pilot)
        assert not isinstance(app.screen, NoteEditor)
        assert rows(db, "SELECT count(*) FROM notes") == [(1,)]  # only the seeded note
        await pilot.press("n", "escape")  # nothing typed: closes without asking
        assert not isinstance(app.screen, NoteEditor)


async def test_search_with_slash(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"troops", "enter")
        await settle(pilot)
        claims = app.screen.query_one(ClaimList)
        assert len(claims.ids) == 2
        assert "Ukraine's armed forces estimate" in row_text(app, 0)
        assert "Russia has moved more than" in row_text(app, 1)
        assert "“troops”" in screen_text(app)
        await pilot.press("slash", "ctrl+u", "enter")  # empty search shows everything again
        await settle(pilot)
        assert len(claims.ids) == 10


async def test_search_with_fts_syntax_does_not_fail(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"troops (", "enter")
        await settle(pilot)
        assert len(app.screen.query_one(ClaimList).ids) == 2


async def test_filter_dialog_by_status_and_score(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FilterDialog)
        await pilot.press("space")  # ticks "unreviewed", the first status
        await pilot.press("tab", "tab", "tab", "tab", *"0.8", "enter")
        await settle(pilot)
        claims = app.screen.query_one(ClaimList)
        expected = rows(
            db,
            "SELECT count(*) FROM claims WHERE status = 'unreviewed' AND checkworthiness >= 0.8",
        )[0][0]
        assert len(claims.ids) == expected == 3
        assert "showing 3" in screen_text(app)
        assert "unreviewed, score ≥ 0.8" in screen_text(app)


async def test_empty_filter_result_says_so(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"zzzz", "enter")
        await settle(pilot)
        assert "No claim matches this search or filter" in screen_text(app)


async def test_sort_key_cycles_order(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        by_document = [
            int(r[0]) for r in rows(db, "SELECT id FROM claims ORDER BY document_id, start_char")
        ]
        assert app.screen.query_one(ClaimList).ids == by_document
        assert "document order" in screen_text(app)


async def test_document_view_round_trip(db: Path) -> None:
    first = claims_by_score(db)[0]
    same_document = [
        int(r[0])
        for r in rows(
            db,
            "SELECT id FROM claims WHERE document_id = (SELECT document_id FROM claims "
            "WHERE id = ?) ORDER BY start_char",
            (first,),
        )
    ]
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, DocumentScreen)
        text = screen_text(app)
        assert "Ukrainian President Volodymyr Zelenskiy asked NATO" in text
        assert "4 claims" in text
        assert app.screen.current_claim is not None
        assert app.screen.current_claim.id == first
        await pilot.press("n")
        expected = same_document[(same_document.index(first) + 1) % len(same_document)]
        assert app.screen.current_claim.id == expected
        await pilot.press("p", "n", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, DocumentScreen)
        assert cursor_id(app) == expected


async def test_document_view_escape_returns_to_same_claim(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "o")
        await settle(pilot)
        await pilot.press("n", "escape")
        await settle(pilot)
        assert cursor_id(app) == claims_by_score(db)[1]


async def test_bulk_verdict_with_shift_down(db: Path) -> None:
    order = claims_by_score(db)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("shift+down", "shift+down")
        assert app.screen.query_one(ClaimList).selected_ids() == order[:3]
        await pilot.press("u")
        await settle(pilot)
        assert [status(db, c) for c in order[:4]] == ["unverifiable"] * 3 + ["unreviewed"]
        assert all(row_text(app, i).lstrip().startswith("?") for i in range(3))
        assert "3 claims marked unverifiable." in notices(app)
        assert not app.screen.query_one(ClaimList).has_selection
        await pilot.press("z")  # undo goes one claim at a time
        await settle(pilot)
        assert [status(db, c) for c in order[:3]].count("unverifiable") == 2


async def test_bulk_verdict_with_visual_range(db: Path) -> None:
    order = claims_by_score(db)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "V", "j", "j", "j", "V", "x")
        await settle(pilot)
        assert [status(db, c) for c in order[:5]] == ["unreviewed"] + ["false"] * 4
        assert rows(db, "SELECT count(*) FROM history WHERE new_value = 'false'") == [(4,)]


async def test_escape_clears_the_selection(db: Path) -> None:
    order = claims_by_score(db)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("shift+down", "escape", "v")
        await settle(pilot)
        assert [status(db, c) for c in order[:2]] == ["unreviewed", "verified"]


async def test_conflict_reloads_the_claim_and_names_who(db: Path) -> None:
    from workbench.core.models import Verdict
    from workbench.ops import review

    first = claims_by_score(db)[0]
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        review.set_verdict(db, first, Verdict.FALSE, reviewer="carol")  # someone else, meanwhile
        await pilot.press("v")
        await settle(pilot)
        assert status(db, first) == "false"
        assert "changed by carol" in notices(app)
        assert row_text(app, 0).lstrip().startswith("✗")
        assert cursor_id(app) == first  # back on it, to decide again


async def test_store_error_is_shown_and_not_applied(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.ops import review
    from workbench.store.db import StoreError

    def locked(*args: object, **kwargs: object) -> None:
        raise StoreError("claims.db is busy with another program's change; try again in a moment.")

    monkeypatch.setattr(review, "set_verdict", locked)
    first = claims_by_score(db)[0]
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert "busy with another program's change" in notices(app)
        assert row_text(app, 0).lstrip().startswith("·")
        assert status(db, first) == "unreviewed"


async def test_empty_database_says_how_to_import(empty_db: Path) -> None:
    app = make_app(empty_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v", "j", "o", "n")
        await settle(pilot)
        assert "workbench ingest PATH" in screen_text(app)
        assert rows(empty_db, "SELECT count(*) FROM history") == [(0,)]


async def test_help_screen_lists_every_key(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = panel_text(app, "#help-body")
        for expected in (
            "Verdict false",
            "Undo your last change",
            "Shift+↓",
            "Ctrl+P",
            "Next claim",
        ):
            assert expected in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_reviewer_prompt_on_first_start(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WORKBENCH_REVIEWER")
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Who is reviewing?" in screen_text(app)
        await pilot.press(*"dana", "enter")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
    assert 'reviewer = "dana"' in (tmp_path / "config.toml").read_text()
    assert rows(db, "SELECT reviewer FROM history WHERE action = 'verdict' ORDER BY id")[-1] == (
        "dana",
    )


async def test_no_prompt_when_reviewer_given(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WORKBENCH_REVIEWER")
    app = make_app(db, reviewer="erin")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Who is reviewing?" not in screen_text(app)
        await pilot.press("x")
        await settle(pilot)
    assert rows(db, "SELECT reviewer FROM history WHERE action = 'verdict' ORDER BY id")[-1] == (
        "erin",
    )


async def test_keymap_from_config_remaps_keys(db: Path, tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('[keymap]\n"triage.verified" = "y"\n')
    first = claims_by_score(db)[0]
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert status(db, first) == "unreviewed"
        await pilot.press("y")
        await settle(pilot)
        assert status(db, first) == "verified"
        await pilot.press("question_mark")
        assert "y                 Verdict verified" in panel_text(app, "#help-body")


async def test_bad_keymap_names_the_file_and_keeps_defaults(db: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\n"triage.nonsense" = "y"\n')
    first = claims_by_score(db)[0]
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert str(config) in notices(app)
        assert "triage.nonsense" in notices(app)
        await pilot.press("v")
        await settle(pilot)
        assert status(db, first) == "verified"


async def test_config_problem_is_notified(db: Path, tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("reviewer = [\n")
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "not valid TOML" in notices(app)


async def test_command_palette_runs_a_verdict(db: Path) -> None:
    first = claims_by_score(db)[0]
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"verdict misleading")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert status(db, first) == "misleading"


async def test_quit_waits_for_saves(db: Path) -> None:
    order = claims_by_score(db)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v", "v", "v", "q")
    assert [status(db, c) for c in order[:3]] == ["verified"] * 3
