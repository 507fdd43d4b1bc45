"""The triage screen: the claims list, the source, matches and notes panels, every review key.

The screen is built in layers, each in its own module: read-only mode (triage_read_only), what
it shows and how it loads and refreshes it (triage_loading), the ordered save queue
(triage_saving) and matching every claim (triage_match_all). This module lays the screen out and
turns the reviewer's keys (triage_bindings) into actions.
"""

from __future__ import annotations

import dataclasses
from functools import partial
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container, Horizontal
from textual.widgets import Footer, Label, ProgressBar, Static
from textual.worker import Worker, WorkerState

from workbench.core.models import ClaimQuery, SortOrder, Verdict
from workbench.ops import queries
from workbench.store.db import cannot_write
from workbench.ui.errors import error_sentence
from workbench.ui.screens.dialogs import TextPrompt
from workbench.ui.screens.document import DocumentScreen
from workbench.ui.screens.export_dialog import ExportDialog
from workbench.ui.screens.filter_dialog import SORT_LABELS, FilterDialog
from workbench.ui.screens.note_editor import NoteEditor
from workbench.ui.screens.triage_bindings import TRIAGE_BINDINGS
from workbench.ui.screens.triage_match_all import TriageMatchAll
from workbench.ui.screens.triage_saving import Change, TriageSaving
from workbench.ui.widgets.claim_list import ClaimList
from workbench.ui.widgets.matches import MatchesPane
from workbench.ui.widgets.panels import NotesPanel, SourcePanel

SORT_CYCLE = [SortOrder.SCORE, SortOrder.DOCUMENT, SortOrder.SOURCE, SortOrder.STATUS]


class TriageScreen(TriageSaving, TriageMatchAll):
    """Review claims one key at a time."""

    BINDINGS: ClassVar[list[BindingType]] = TRIAGE_BINDINGS

    MATCH_DELAY = 0.1
    """Matches load once the cursor rests this long, so scrolling never waits for them."""

    def __init__(self) -> None:
        super().__init__(id="triage")

    def compose(self) -> ComposeResult:
        yield Static(id="status-line")
        banner = Static(id="read-only-banner")
        banner.display = False
        yield banner
        with Container(id="main"):
            claims = ClaimList(partial(queries.fetch_claims, self.db_path), id="claims")
            claims.border_title = "Claims"
            yield claims
            with Container(id="side"):
                source = SourcePanel("Select a claim to see its source.", id="source")
                source.border_title = "Source"
                yield source
                yield MatchesPane(id="matches-pane")
                notes = NotesPanel("Notes and history appear here.", id="notes")
                notes.border_title = "Notes · history"
                yield notes
        with Horizontal(id="match-progress") as progress:
            progress.display = False
            yield Label("Matching every claim (M stops) ")
            yield ProgressBar(id="match-progress-bar", show_eta=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(ClaimList).focus()
        self.reload()

    # --- the side panels ---------------------------------------------------------------------

    @on(ClaimList.Highlighted)
    def _highlighted(self, event: ClaimList.Highlighted) -> None:
        event.stop()
        if event.claim_id is None:
            return
        if self.claims.record(event.claim_id) is None:
            return  # the page is loading; the list says again when it arrives
        self._load_detail(event.claim_id)
        if self.matches_pane.claim_id != event.claim_id:
            self.matches_pane.mark_loading(event.claim_id)
            self._load_matches(event.claim_id, self.MATCH_DELAY)

    @on(ClaimList.Selected)
    def _selected(self, event: ClaimList.Selected) -> None:
        event.stop()
        self.action_open_document()

    @on(MatchesPane.Chosen)
    def _match_chosen(self, event: MatchesPane.Chosen) -> None:
        event.stop()
        self.app.push_screen(
            DocumentScreen(
                self.db_path, event.match.document_id, None, sentence_id=event.match.sentence_id
            ),
            self._back_from_document,
        )

    # --- actions -----------------------------------------------------------------------------

    def _need_reviewer(self) -> bool:
        if self.reviewer:
            return False
        self.app.action_set_reviewer()  # type: ignore[attr-defined]
        return True

    def action_verdict(self, name: str) -> None:
        verdict = Verdict(name)
        ids = self.claims.selected_ids()
        if not ids or self._refuse_write() or self._need_reviewer():
            return
        expected = {}
        for claim_id in ids:
            record = self.claims.record(claim_id)
            if record is not None:
                expected[claim_id] = record.version
        self.claims.mark_pending(ids, verdict)
        self._enqueue(Change("verdict", tuple(ids), verdict, expected=expected))
        if self.claims.has_selection:
            self.claims.clear_selection()
        else:
            self.claims.next_unreviewed()

    def action_skip(self) -> None:
        self.claims.next_unreviewed()

    def action_undo(self) -> None:
        if not self._refuse_write() and not self._need_reviewer():
            self._enqueue(Change("undo"))

    def action_note(self) -> None:
        record = self.claims.cursor_record
        if record is None or self._refuse_write() or self._need_reviewer():
            return

        def done(body: str | None) -> None:
            if body:
                self._enqueue(Change("note", (record.id,), body=body))

        self.app.push_screen(NoteEditor(record.text), done)

    def action_search(self) -> None:
        def done(text: str | None) -> None:
            if text is not None and text != self.query_state.search:
                self.query_state = dataclasses.replace(self.query_state, search=text)
                self.reload()

        self.app.push_screen(
            TextPrompt(
                "Search claims (full text)",
                value=self.query_state.search,
                placeholder="words to find; empty clears the search",
                hint="Enter to search · Esc to cancel",
                prompt_id="search-dialog",
            ),
            done,
        )

    def action_filter(self) -> None:
        self._open_filter()

    @work(thread=True, exclusive=True, group="filter", exit_on_error=False)
    def _open_filter(self) -> None:
        choices = queries.filter_choices(self.db_path)
        self.app.call_from_thread(self._show_filter, choices)

    def _show_filter(self, choices: dict[str, list[str]]) -> None:
        def done(query: ClaimQuery | None) -> None:
            if query is not None and query != self.query_state:
                self.query_state = query
                self.reload()

        self.app.push_screen(FilterDialog(self.query_state, choices), done)

    def action_sort(self) -> None:
        order = SORT_CYCLE[(SORT_CYCLE.index(self.query_state.sort) + 1) % len(SORT_CYCLE)]
        self.query_state = dataclasses.replace(self.query_state, sort=order)
        self.notify(f"Sorted by {SORT_LABELS[order]}.", timeout=2)
        self.reload()

    def action_reload(self) -> None:
        self.reload()

    def action_open_document(self) -> None:
        record = self.claims.cursor_record
        if record is None:
            return
        self.app.push_screen(
            DocumentScreen(self.db_path, record.document_id, record.id), self._back_from_document
        )

    def _back_from_document(self, claim_id: int | None) -> None:
        self.claims.focus()
        if claim_id is None or self.claims.move_to_claim(claim_id):
            return
        self.query_state = ClaimQuery(sort=self.query_state.sort)
        self.notify("Cleared the search and filter to show that claim.", timeout=4)
        self.reload(keep=claim_id)

    def action_match_cursor(self, delta: int) -> None:
        self.matches_pane.move(delta)

    def action_open_match(self) -> None:
        self.matches_pane.action_choose()

    def action_evidence(self, stance: str) -> None:
        pane = self.matches_pane
        match, claim_id = pane.highlighted, pane.claim_id
        if match is None or claim_id is None or claim_id != self.claims.cursor_id:
            self.notify("No match is highlighted for this claim.", timeout=3)
            return
        if self._refuse_write() or self._need_reviewer():
            return
        self._enqueue(Change("evidence", (claim_id,), stance=stance, match=match))

    def action_conflicts(self) -> None:
        """Toggle the 'sources conflict' filter (it reads the cache that M fills)."""
        on_now = not self.query_state.conflicts_only
        self.query_state = dataclasses.replace(self.query_state, conflicts_only=on_now)
        if on_now:
            self.notify("Showing claims whose sources state other numbers.", timeout=3)
        self.reload()

    def action_export(self) -> None:
        config = getattr(self.app, "config", None)
        self.app.push_screen(ExportDialog(self.db_path, config=config))

    # --- errors ------------------------------------------------------------------------------

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """This screen's workers fail in one plain sentence, not silently (no bubbling)."""
        if event.state is not WorkerState.ERROR:
            return
        reason = error_sentence(event.worker.error, self.db_path)
        if cannot_write(reason):
            self.enter_read_only(reason)
        else:
            self.notify(reason, title="Error", severity="error", timeout=8)
