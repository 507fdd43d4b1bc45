"""The export dialog: format, scope and a file name; the report is written in a worker thread."""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from workbench.core.export import FORMATS
from workbench.core.models import Verdict
from workbench.core.report.model import ReportError, ReportFilters
from workbench.ops import export as export_ops
from workbench.ops.config import Config
from workbench.ops.review import parse_verdict
from workbench.store.db import StoreError

DEFAULT_STEM = "claims-report"


class ExportDialog(ModalScreen[Path | None]):
    """Returns the written file's path, or None when cancelled."""

    CSS_PATH = "export_dialog.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "export", "Export", id="export.run", priority=True),
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]

    def __init__(
        self,
        db_path: str | os.PathLike[str],
        *,
        folder: Path | None = None,
        config: Config | None = None,
        generated_at: str | None = None,
    ) -> None:
        super().__init__()
        self._db_path = db_path
        self._folder = folder or Path.cwd()
        self._config = config
        self._generated_at = generated_at
        self._path_edited = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog export-dialog"):
            yield Label("Export a report", classes="dialog-title")
            with Grid(id="export-grid"):
                yield Label("Format")
                yield Select(
                    [(f"{f.name}: {f.description}", f.name) for f in FORMATS.values()],
                    value="md",
                    allow_blank=False,
                    id="export-format",
                    compact=True,
                )
                yield Label("File")
                yield Input(
                    str(self._folder / f"{DEFAULT_STEM}.md"), id="export-path", compact=True
                )
                yield Label("Verdicts")
                yield Input(
                    placeholder="verified,false … (blank: all reviewed)",
                    id="export-status",
                    compact=True,
                )
                yield Label("Source")
                yield Input(placeholder="blank: every source", id="export-source", compact=True)
                yield Label("Document")
                yield Input(
                    placeholder="id or external id (blank: all)", id="export-document", compact=True
                )
                yield Label("Since")
                yield Input(
                    placeholder="reviewed on or after YYYY-MM-DD", id="export-since", compact=True
                )
                yield Label("Reviewer")
                yield Input(placeholder="blank: anyone", id="export-reviewer", compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export (Ctrl+S)", variant="primary", id="export", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)
            yield Label("Lists take commas: verified,false", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#export-format", Select).focus()

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value.strip()

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        expected = str(self._folder / f"{DEFAULT_STEM}{FORMATS[self._format()].suffix}")
        self._path_edited = event.value != expected

    @on(Select.Changed, "#export-format")
    def _format_changed(self) -> None:
        """Keep the file's suffix in step with the format until the reviewer types a name."""
        if self._path_edited:
            return
        path = self.query_one("#export-path", Input)
        path.value = str(self._folder / f"{DEFAULT_STEM}{FORMATS[self._format()].suffix}")

    def _format(self) -> str:
        value = self.query_one("#export-format", Select).value
        return value if isinstance(value, str) and value in FORMATS else "md"

    def _split(self, widget_id: str) -> tuple[str, ...]:
        return tuple(
            dict.fromkeys(p.strip() for p in self._value(widget_id).split(",") if p.strip())
        )

    def action_export(self) -> None:
        path = self._value("export-path")
        if not path:
            self.notify("Give a file name for the report.", severity="warning")
            return
        try:
            statuses = tuple(parse_verdict(s) for s in self._split("export-status"))
        except StoreError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.query_one("#export", Button).disabled = True
        self._run(
            self._format(),
            Path(path).expanduser(),
            statuses,
            self._split("export-source"),
            self._split("export-document"),
            self._value("export-since"),
            self._value("export-reviewer"),
        )

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _run(
        self,
        fmt: str,
        path: Path,
        statuses: tuple[Verdict, ...],
        sources: tuple[str, ...],
        documents: tuple[str, ...],
        since: str,
        reviewer: str,
    ) -> None:
        try:
            filters = ReportFilters(
                statuses=statuses,
                sources=sources,
                document_ids=export_ops.resolve_documents(self._db_path, documents),
                since=export_ops.normalise_time(since, what="Since") if since else None,
                reviewer=reviewer or None,
            )
            result = export_ops.export_report(
                self._db_path,
                fmt,
                filters,
                output=path,
                generated_at=self._generated_at,
                config=self._config,
            )
        except (ReportError, StoreError) as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._done, result)

    def _failed(self, message: str) -> None:
        self.query_one("#export", Button).disabled = False
        self.notify(message, title="Export", severity="error", timeout=8)

    def _done(self, result: export_ops.ExportResult) -> None:
        assert result.path is not None
        written = result.path.resolve()
        noun = "claim" if result.claims == 1 else "claims"
        self.notify(f"Wrote {result.claims} {noun} to {written}", title="Export", timeout=8)
        self.dismiss(written)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_export()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        {"export": self.action_export, "cancel": self.action_cancel}[str(event.button.id)]()
