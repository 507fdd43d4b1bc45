"""The export dialog on a small app: pick a format and a file, export in a worker, get the path."""

from __future__ import annotations

import json
from pathlib import Path

from textual.app import App
from textual.widgets import Input, Select

from workbench.ui.screens.export_dialog import ExportDialog


class DialogApp(App[None]):
    def __init__(self, db: Path, folder: Path) -> None:
        super().__init__()
        self.db = db
        self.folder = folder
        self.results: list[Path | None] = []

    def on_mount(self) -> None:
        self.push_screen(
            ExportDialog(self.db, folder=self.folder, generated_at="2026-01-06T00:00:00Z"),
            self.results.append,
        )


async def test_export_writes_the_chosen_format_and_reports_the_path(
    db: Path, tmp_path: Path
) -> None:
    app = DialogApp(db, tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#export-format", Select).value = "json"
        await pilot.pause()
        path_input = dialog.query_one("#export-path", Input)
        assert path_input.value == str(tmp_path / "claims-report.json")  # suffix follows format
        dialog.query_one("#export-status", Input).value = "needs_context"
        await pilot.click("#export")
        await app.workers.wait_for_complete()
        await pilot.pause()
        target = tmp_path / "claims-report.json"
        assert app.results == [target.resolve()]
        assert not isinstance(app.screen, ExportDialog)
        messages = [n.message for n in app._notifications]
        assert any(str(target.resolve()) in m and "Wrote 1 claim" in m for m in messages)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["generated_at"] == "2026-01-06T00:00:00Z"
    assert [c["verdict"] for c in data["claims"]] == ["needs_context"]


async def test_bad_input_keeps_the_dialog_open_with_a_message(db: Path, tmp_path: Path) -> None:
    app = DialogApp(db, tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#export-format", Select).value = "claimreview"  # no [report] url set
        await pilot.pause()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog) and app.results == []
        messages = [n.message for n in app._notifications]
        assert any("[report] table" in m for m in messages)
        assert not (tmp_path / "claims-report.jsonld").exists()
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]
