"""The filter dialog: status, type, kind, source, minimum score and order in one place."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList

from workbench.core.models import ClaimQuery, SortOrder, Verdict
from workbench.ui.glyphs import GLYPHS, SHORT_LABELS

SORT_LABELS = {
    SortOrder.SCORE: "check-worthiness",
    SortOrder.DOCUMENT: "document order",
    SortOrder.SOURCE: "source",
    SortOrder.STATUS: "status",
}


class FilterDialog(ModalScreen[ClaimQuery | None]):
    """Returns the new query (search kept), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "apply", "Apply", id="filter.apply", priority=True),
        Binding("escape", "cancel", "Cancel", id="filter.cancel"),
        Binding("ctrl+r", "reset", "Clear all", id="filter.clear", priority=True),
    ]

    def __init__(self, query: ClaimQuery, choices: dict[str, list[str]]) -> None:
        super().__init__()
        self._query = query
        self._choices = choices

    def compose(self) -> ComposeResult:
        q = self._query
        with Vertical(classes="dialog filter-dialog"):
            yield Label("Filter claims", classes="dialog-title")
            with Grid(id="filter-grid"):
                yield _options(
                    "Status",
                    "filter-status",
                    [(f"{GLYPHS[v]} {SHORT_LABELS[v]}", str(v)) for v in Verdict],
                    [str(s) for s in q.statuses],
                )
                yield _options(
                    "Type", "filter-type", [(t, t) for t in self._choices["type"]], q.types
                )
                yield _options(
                    "Kind", "filter-kind", [(k, k) for k in self._choices["kind"]], q.kinds
                )
                yield _options(
                    "Source",
                    "filter-source",
                    [(s, s) for s in self._choices["source"]],
                    q.sources,
                )
            with Horizontal(classes="filter-row"):
                yield Label("Minimum score ")
                yield Input(
                    f"{q.min_score:g}" if q.min_score else "",
                    placeholder="0.0–1.0",
                    id="filter-score",
                    type="number",
                )
                yield Label(" Order ")
                yield Select(
                    [(label, str(order)) for order, label in SORT_LABELS.items()],
                    value=str(q.sort),
                    allow_blank=False,
                    id="filter-sort",
                )
                yield Checkbox(
                    "Sources conflict",
                    q.conflicts_only,
                    id="filter-conflicts",
                    compact=True,
                    tooltip="Only claims whose matches state other numbers (press M first)",
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply (Ctrl+S)", variant="primary", id="apply", compact=True)
                yield Button("Clear all (Ctrl+R)", id="reset", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)
            yield Label(
                "Tab: next list · Space: tick · nothing ticked means all",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#filter-status", SelectionList).focus()

    def _selected(self, widget_id: str) -> tuple[str, ...]:
        return tuple(str(v) for v in self.query_one(f"#{widget_id}", SelectionList).selected)

    def _read(self) -> ClaimQuery | None:
        raw = self.query_one("#filter-score", Input).value.strip()
        try:
            score = float(raw) if raw else 0.0
        except ValueError:
            score = -1.0
        if not 0.0 <= score <= 1.0:
            self.notify("The minimum score is a number from 0 to 1.", severity="warning")
            return None
        sort = self.query_one("#filter-sort", Select).value
        return dataclasses.replace(
            self._query,
            statuses=tuple(Verdict(s) for s in self._selected("filter-status")),
            types=self._selected("filter-type"),
            kinds=self._selected("filter-kind"),
            sources=self._selected("filter-source"),
            min_score=score,
            sort=SortOrder(str(sort)),
            conflicts_only=self.query_one("#filter-conflicts", Checkbox).value,
        )

    def action_apply(self) -> None:
        query = self._read()
        if query is not None:
            self.dismiss(query)

    def action_reset(self) -> None:
        for selection in self.query(SelectionList):
            selection.deselect_all()
        self.query_one("#filter-score", Input).value = ""
        self.query_one("#filter-conflicts", Checkbox).value = False

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_apply()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        {"apply": self.action_apply, "reset": self.action_reset, "cancel": self.action_cancel}[
            str(event.button.id)
        ]()


def _options(
    title: str, widget_id: str, options: list[tuple[str, str]], chosen: tuple[str, ...] | list[str]
) -> SelectionList[str]:
    selection: SelectionList[str] = SelectionList[str](
        *[(label, value, value in chosen) for label, value in options], id=widget_id
    )
    selection.border_title = title
    return selection
