"""The triage screen: the claims list, the source, matches and notes panels, every review key.

Changes go through workbench.ops in one ordered save queue drained by a thread worker: a row
shows its new verdict only once the database has it. A polling worker notices other reviewers'
changes; a write refused for a read-only file or a full disk turns the screen read-only.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from functools import partial
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Label, ProgressBar, Static
from textual.worker import Worker, WorkerState, get_current_worker

from workbench.core.matching import Match
from workbench.core.models import ClaimQuery, ClaimRecord, SortOrder, Verdict
from workbench.ops import match as match_ops
from workbench.ops import queries, review
from workbench.ops.watch import ChangeWatcher
from workbench.store.db import ConflictError, StoreError, cannot_write, explain
from workbench.ui.errors import error_sentence
from workbench.ui.glyphs import GLYPHS, SHORT_LABELS
from workbench.ui.screens.dialogs import TextPrompt
from workbench.ui.screens.document import DocumentScreen
from workbench.ui.screens.export_dialog import ExportDialog
from workbench.ui.screens.filter_dialog import SORT_LABELS, FilterDialog
from workbench.ui.screens.note_editor import NoteEditor
from workbench.ui.widgets.claim_list import PAGE, ClaimList
from workbench.ui.widgets.matches import MatchesPane
from workbench.ui.widgets.panels import NotesPanel, SourcePanel

EMPTY_DATABASE = (
    "No claims yet. Import articles with `workbench ingest PATH`, "
    "or run `make run` to load the bundled samples."
)
NO_MATCH = "No claim matches this search or filter. Press f to change the filter, / to search."
_STATUS_STYLE = {
    Verdict.UNREVIEWED: "",
    Verdict.VERIFIED: "$success",
    Verdict.FALSE: "$error",
    Verdict.MISLEADING: "$warning",
    Verdict.UNVERIFIABLE: "$secondary",
    Verdict.NEEDS_CONTEXT: "$primary",
}
SORT_CYCLE = [SortOrder.SCORE, SortOrder.DOCUMENT, SortOrder.SOURCE, SortOrder.STATUS]
MATCHES_SHOWN = 10


def write_blocked(reason: str) -> bool:
    """Writes that will keep failing until the reviewer acts (read-only file, full disk)."""
    return cannot_write(reason)


@dataclass(frozen=True)
class Change:
    """One queued write: a verdict on some claims, a note, an evidence link, or an undo."""

    kind: str  # verdict | note | evidence | undo
    ids: tuple[int, ...] = ()
    verdict: Verdict | None = None
    body: str = ""
    expected: dict[int, int] = field(default_factory=dict)
    stance: str = ""  # supports | contradicts, for evidence
    match: Match | None = None


class TriageScreen(Screen[None]):
    """Review claims one key at a time."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "v",
            "verdict('verified')",
            "True",
            id="triage.verified",
            tooltip="Verdict verified (true); go to the next unreviewed",
        ),
        Binding(
            "x",
            "verdict('false')",
            "False",
            id="triage.false",
            tooltip="Verdict false; go to the next unreviewed",
        ),
        Binding(
            "m",
            "verdict('misleading')",
            "Misleading",
            id="triage.misleading",
            tooltip="Verdict misleading; go to the next unreviewed",
        ),
        Binding(
            "u",
            "verdict('unverifiable')",
            "Unverif.",
            id="triage.unverifiable",
            tooltip="Verdict unverifiable; go to the next unreviewed",
        ),
        Binding(
            "i",
            "verdict('needs_context')",
            "Context",
            id="triage.needs_context",
            tooltip="Verdict needs context; go to the next unreviewed",
        ),
        Binding(
            "space",
            "skip",
            "Skip",
            show=False,
            id="triage.skip",
            tooltip="Leave the claim unreviewed and go to the next unreviewed one",
        ),
        Binding(
            "z,backspace",
            "undo",
            "Undo",
            id="triage.undo",
            tooltip="Undo your last change (repeatable, also after a restart)",
        ),
        Binding("n", "note", "Note", id="triage.note", tooltip="Add a note to the claim"),
        Binding("slash", "search", "Search", id="triage.search", tooltip="Full-text search"),
        Binding(
            "f",
            "filter",
            "Filter",
            id="triage.filter",
            tooltip="Filter by status, type, kind, source, score; choose the order",
        ),
        Binding(
            "s",
            "sort",
            "Sort",
            show=False,
            id="triage.sort",
            tooltip="Next order: score, document, source, status",
        ),
        Binding(
            "o",
            "open_document",
            "Open",
            id="triage.open_document",
            tooltip="Open the whole document at this claim (Enter too)",
        ),
        Binding(
            "r",
            "reload",
            "Reload",
            show=False,
            id="triage.reload",
            tooltip="Reload the list (other reviewers' changes also appear by themselves)",
        ),
        Binding(
            "right_square_bracket",
            "match_cursor(1)",
            "Next match",
            show=False,
            id="triage.match_next",
            tooltip="Highlight the next match (or Tab to the matches and use j/k)",
        ),
        Binding(
            "left_square_bracket",
            "match_cursor(-1)",
            "Previous match",
            show=False,
            id="triage.match_previous",
            tooltip="Highlight the previous match",
        ),
        Binding(
            "a",
            "evidence('supports')",
            "Supports",
            show=False,
            id="triage.supports",
            tooltip="Link the highlighted match as evidence supporting the claim",
        ),
        Binding(
            "d",
            "evidence('contradicts')",
            "Contradicts",
            show=False,
            id="triage.contradicts",
            tooltip="Link the highlighted match as evidence contradicting the claim",
        ),
        Binding(
            "M",
            "match_all",
            "Match all",
            show=False,
            id="triage.match_all",
            tooltip="Match every claim against the other documents (M again stops)",
        ),
        Binding(
            "e",
            "export",
            "Export",
            show=False,
            id="triage.export",
            tooltip="Export a report (Markdown, HTML, CSV, JSON, ClaimReview)",
        ),
    ]

    POLL_SECONDS = 1.5
    """How often the database is asked whether another reviewer changed something."""
    MATCH_DELAY = 0.1
    """Matches load once the cursor rests this long, so scrolling never waits for them."""

    @dataclass
    class DataChanged(Message):
        """Another connection committed a change (another reviewer, a command, an import)."""

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, TriageScreen.DataChanged)

    @dataclass
    class MatchProgress(Message):
        """Matching every claim: `done` of `total`; a flood collapses to the latest."""

        done: int
        total: int

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, TriageScreen.MatchProgress)

    def __init__(self) -> None:
        super().__init__(id="triage")
        self.query_state = ClaimQuery()
        self._counts: dict[str, int] = {}
        self._detail_for: int | None = None
        self._queue: deque[Change] = deque()
        self._queue_lock = threading.Lock()
        self._draining = False
        self.read_only_reason: str | None = None
        self._match_all_worker: Worker[None] | None = None
        self._polling = False

    @property
    def db_path(self) -> str:
        return str(self.app.db_path)  # type: ignore[attr-defined]

    @property
    def reviewer(self) -> str | None:
        return self.app.reviewer  # type: ignore[attr-defined, no-any-return]

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

    @property
    def claims(self) -> ClaimList:
        return self.query_one(ClaimList)

    @property
    def matches_pane(self) -> MatchesPane:
        return self.query_one(MatchesPane)

    # --- loading -----------------------------------------------------------------------------

    def reload(self, keep: int | None = None) -> None:
        self._load_claims(self.query_state, keep if keep is not None else self.claims.cursor_id)

    @work(thread=True, exclusive=True, group="claims", exit_on_error=False)
    def _load_claims(self, query: ClaimQuery, keep: int | None) -> None:
        ids = queries.claim_ids(self.db_path, query)
        index = ids.index(keep) if keep is not None and keep in ids else 0
        start = max(0, index - PAGE // 2)
        rows = queries.fetch_claims(self.db_path, ids[start : start + PAGE])
        counts = queries.status_counts(self.db_path)
        self.app.call_from_thread(self._claims_loaded, query, ids, rows, keep, counts)

    def _claims_loaded(
        self,
        query: ClaimQuery,
        ids: list[int],
        rows: list[ClaimRecord],
        keep: int | None,
        counts: dict[str, int],
    ) -> None:
        self._counts = counts
        empty = EMPTY_DATABASE if not sum(counts.values()) else NO_MATCH
        self.claims.set_claims(ids, rows, keep=keep, empty_message=empty)
        self._show_status()
        if not ids:
            self._detail_for = None
            self.query_one(SourcePanel).show_placeholder("No claim selected.")
            self.query_one(NotesPanel).show_placeholder("")
            self.matches_pane.show_message("No claim selected.")
        if not self._polling:
            self._polling = True
            self._poll()

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def _load_counts(self) -> None:
        counts = queries.status_counts(self.db_path)
        self.app.call_from_thread(self._counts_loaded, counts)

    def _counts_loaded(self, counts: dict[str, int]) -> None:
        self._counts = counts
        self._show_status()

    def _show_status(self) -> None:
        counts = self._counts
        total = sum(counts.values())
        done = total - counts.get(str(Verdict.UNREVIEWED), 0)
        percent = (100 * done // total) if total else 0
        wide = self.size.width >= 150
        parts: list[Content | str] = [
            Content.styled(f" {done}/{total} reviewed ({percent}%)", "bold"),
            " │ ",
        ]
        for verdict in Verdict:
            count = counts.get(str(verdict), 0)
            label = f" {SHORT_LABELS[verdict]}" if wide else ""
            parts.append(
                Content.styled(f"{GLYPHS[verdict]}{count}{label}  ", _STATUS_STYLE[verdict])
            )
        shown = len(self.claims.ids)
        q = self.query_state
        view = [SORT_LABELS[q.sort]]
        if shown != total:
            view.insert(0, f"showing {shown}")
        if q.search:
            view.append(f"“{q.search}”")
        filters = _describe_filter(q)
        if filters:
            view.append(filters)
        parts += [
            "│ ",
            Content.styled(" · ".join(view), "$text-muted"),
            Content.styled(f" │ {self.reviewer or 'reviewer not set'}", "$text-muted"),
            Content.styled(" │ ? keys", "$text-muted"),
        ]
        self.query_one("#status-line", Static).update(Content.assemble(*parts))
        self.claims.border_title = f"Claims ({shown})"

    def on_resize(self) -> None:
        self._show_status()

    # --- the side panels ---------------------------------------------------------------------

    @on(ClaimList.Highlighted)
    def _highlighted(self, event: ClaimList.Highlighted) -> None:
        event.stop()
        if event.claim_id is None:
            return
        if self.claims.record(event.claim_id) is None:
            return  # the page is loading; the list says again when it arrives
        self._detail_for = event.claim_id
        self._load_detail(event.claim_id)
        if self.matches_pane.claim_id != event.claim_id:
            self.matches_pane.mark_loading(event.claim_id)
            self._load_matches(event.claim_id, self.MATCH_DELAY)

    @on(ClaimList.Selected)
    def _selected(self, event: ClaimList.Selected) -> None:
        event.stop()
        self.action_open_document()

    @work(thread=True, exclusive=True, group="detail", exit_on_error=False)
    def _load_detail(self, claim_id: int) -> None:
        context = queries.claim_context(self.db_path, claim_id)
        detail = review.detail(self.db_path, claim_id)
        self.app.call_from_thread(self._detail_loaded, context, detail)

    def _detail_loaded(self, context: queries.ClaimContext, detail: review.ClaimDetail) -> None:
        if context.claim.id != self.claims.cursor_id:
            return
        self.query_one(SourcePanel).show_context(context)
        self.query_one(NotesPanel).show_detail(detail)

    @work(thread=True, exclusive=True, group="matches", exit_on_error=False)
    def _load_matches(self, claim_id: int, delay: float = 0.0) -> None:
        """Cancelled by the next cursor move; waits `delay` first so scrolling stays fast."""
        worker = get_current_worker()
        time.sleep(delay)
        if worker.is_cancelled:
            return
        try:
            found = match_ops.matches_for_claim(self.db_path, claim_id, top=MATCHES_SHOWN)
        except (StoreError, sqlite3.Error) as exc:
            reason = str(exc) if isinstance(exc, StoreError) else explain(exc, self.db_path)
            if not worker.is_cancelled:
                self.app.call_from_thread(self._matches_failed, claim_id, reason)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._matches_loaded, claim_id, found)

    def _matches_loaded(self, claim_id: int, found: list[Match]) -> None:
        pane = self.matches_pane
        if claim_id != self.claims.cursor_id:
            return
        if pane.loaded and pane.claim_id == claim_id and pane.matches == tuple(found):
            return  # a refresh found nothing new: leave the pane (and its scroll) alone
        pane.show_matches(claim_id, found)

    def _matches_failed(self, claim_id: int, reason: str) -> None:
        if claim_id != self.claims.cursor_id:
            return
        if write_blocked(reason):
            self.enter_read_only(reason)
            self.matches_pane.show_message(
                "Matches are computed once and cached in the database, which cannot be "
                "written now; claims matched before (M) still show theirs.",
                claim_id,
            )
        else:
            self.matches_pane.show_message(f"No matches: {reason}", claim_id)

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

    def _refuse_write(self) -> bool:
        """In read-only mode every change is refused at once, with the reason."""
        if self.read_only_reason is None:
            return False
        self.notify(
            f"{self.read_only_reason} Nothing was changed; when it is fixed, "
            "Ctrl+P → Retry writing.",
            title="Read-only",
            severity="warning",
            timeout=6,
        )
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

    # --- matching every claim ----------------------------------------------------------------

    def action_match_all(self) -> None:
        worker = self._match_all_worker
        if worker is not None and worker.is_running:
            worker.cancel()
            self.notify("Stopping; what is matched so far is kept.", timeout=3)
            return
        if self._refuse_write():
            return
        bar = self.query_one("#match-progress-bar", ProgressBar)
        bar.update(total=None, progress=0)
        self.query_one("#match-progress").display = True
        _start_resource_tracker()
        self._match_all_worker = self._match_all()

    @work(thread=True, exclusive=True, group="match-all", exit_on_error=False)
    def _match_all(self) -> None:
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            self.post_message(self.MatchProgress(done, total))

        try:
            summary = match_ops.match_all(
                self.db_path,
                progress=progress,
                cancelled=lambda: worker.is_cancelled,
            )
        except (StoreError, sqlite3.Error) as exc:
            reason = str(exc) if isinstance(exc, StoreError) else explain(exc, self.db_path)
            self.app.call_from_thread(self._match_all_failed, reason)
            return
        except Exception as exc:  # e.g. the worker processes could not start
            self.app.call_from_thread(self._match_all_failed, f"Matching failed: {exc}")
            return
        self.app.call_from_thread(self._match_all_done, summary)

    @on(MatchProgress)
    def _match_progress(self, event: MatchProgress) -> None:
        event.stop()
        bar = self.query_one("#match-progress-bar", ProgressBar)
        bar.update(total=max(1, event.total), progress=event.done)

    def _match_all_done(self, summary: match_ops.MatchAllSummary) -> None:
        self.query_one("#match-progress").display = False
        if summary.cancelled:
            self.notify(
                f"Matching stopped: {summary.cached + summary.matched} of {summary.claims} "
                "claims are matched; M finishes the rest.",
                timeout=6,
            )
        else:
            noun = "claim has" if summary.conflicts == 1 else "claims have"
            self.notify(
                f"All {summary.claims} claims are matched ({summary.matched} now, "
                f"{summary.cached} cached before; {summary.seconds:.1f} s). "
                f"{summary.conflicts} {noun} sources that state other numbers: "
                "f → Sources conflict, or Ctrl+P → Conflicts only.",
                title="Matching done",
                timeout=10,
            )
        if self.query_state.conflicts_only:
            self.reload()

    def _match_all_failed(self, reason: str) -> None:
        self.query_one("#match-progress").display = False
        if write_blocked(reason):
            self.enter_read_only(reason)
        self.notify(reason, title="Matching stopped", severity="error", timeout=8)

    # --- other reviewers and read-only mode --------------------------------------------------

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """This screen's workers fail in one plain sentence, not silently (no bubbling)."""
        if event.state is not WorkerState.ERROR:
            return
        reason = error_sentence(event.worker.error, self.db_path)
        if write_blocked(reason):
            self.enter_read_only(reason)
        else:
            self.notify(reason, title="Error", severity="error", timeout=8)

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def _poll(self) -> None:
        """Tell the screen when another program commits, so what it shows stays current."""
        worker = get_current_worker()
        watcher = ChangeWatcher(self.db_path)
        try:
            while not worker.is_cancelled:
                deadline = time.monotonic() + self.POLL_SECONDS
                while time.monotonic() < deadline:
                    if worker.is_cancelled:
                        return
                    time.sleep(0.05)
                if watcher.changed():
                    self.post_message(self.DataChanged())
        finally:
            watcher.close()

    @on(DataChanged)
    def _data_changed(self, event: DataChanged) -> None:
        event.stop()
        claims = self.claims
        self._refresh(
            self.query_state, claims.window_ids(), claims.cursor_id, sum(self._counts.values())
        )

    @work(thread=True, exclusive=True, group="refresh", exit_on_error=False)
    def _refresh(
        self, query: ClaimQuery, window: list[int], cursor: int | None, total: int
    ) -> None:
        """Re-read what is on screen; the ordered ids only when the change can reorder them."""
        counts = queries.status_counts(self.db_path)
        ids = None
        if sum(counts.values()) != total or _depends_on_status(query):
            ids = queries.claim_ids(self.db_path, query)
            at = ids.index(cursor) if cursor in ids else 0
            window = ids[max(0, at - len(window)) : at + len(window)]
        rows = queries.fetch_claims(self.db_path, window)
        if not get_current_worker().is_cancelled:  # a newer change is being read already
            self.app.call_from_thread(self._refreshed, query, ids, rows, counts)

    def _refreshed(
        self,
        query: ClaimQuery,
        ids: list[int] | None,
        rows: list[ClaimRecord],
        counts: dict[str, int],
    ) -> None:
        if query != self.query_state:
            return  # the reviewer changed the view meanwhile; that load is fresh anyway
        claims = self.claims
        cursor = claims.cursor_id
        before = claims.record(cursor) if cursor is not None else None
        claims.reconcile(ids, rows)
        self._counts = counts
        self._show_status()
        after = claims.record(cursor) if cursor is not None else None
        if cursor is not None and cursor == claims.cursor_id:
            if after is not None and (before is None or before.version != after.version):
                self._load_detail(cursor)
            if self.matches_pane.claim_id == cursor and self.matches_pane.loaded:
                self._load_matches(cursor)  # earlier verdicts on matched sentences may change

    def enter_read_only(self, reason: str) -> None:
        """Keep reading and polling; refuse changes until the reviewer retries."""
        first = self.read_only_reason is None
        self.read_only_reason = reason
        banner = self.query_one("#read-only-banner", Static)
        banner.update(
            Content.assemble(
                Content.styled(" READ-ONLY ", "bold reverse"),
                f" {reason} ",
                Content.styled("Then Ctrl+P → Retry writing.", "bold"),
            )
        )
        banner.display = True
        if first:
            self.notify(reason, title="Read-only: changes are refused", severity="error", timeout=8)

    def action_retry_writing(self) -> None:
        if self.read_only_reason is None:
            self.notify("Changes are being saved normally.", timeout=3)
            return
        self.read_only_reason = None
        self.query_one("#read-only-banner", Static).display = False
        self.notify("Writing again: the next change shows whether it can be saved.", timeout=4)

    # --- the save queue ----------------------------------------------------------------------

    def _enqueue(self, change: Change) -> None:
        with self._queue_lock:
            self._queue.append(change)
            if self._draining:
                return
            self._draining = True
        self._drain()

    @property
    def saving(self) -> bool:
        return self._draining

    @work(thread=True, group="save", exit_on_error=False)
    def _drain(self) -> None:
        versions: dict[int, int] = {}
        while True:
            with self._queue_lock:
                if not self._queue:
                    self._draining = False
                    return
                change = self._queue.popleft()
            if self.read_only_reason is not None:
                self.app.call_from_thread(self._failed, change, "", [])
                continue  # queued before the first refusal: not tried again
            try:
                fresh = self._apply(change, versions)
            except ConflictError as exc:
                fresh = queries.fetch_claims(self.db_path, [exc.claim_id])
                versions.update({r.id: r.version for r in fresh})
                self.app.call_from_thread(self._conflicted, change, exc, fresh)
                continue
            except StoreError as exc:
                self.app.call_from_thread(self._failed, change, str(exc), [])
                continue
            except sqlite3.Error as exc:
                self.app.call_from_thread(self._failed, change, explain(exc, self.db_path), [])
                continue
            except Exception as exc:  # keep draining; the reviewer sees what went wrong
                self.app.call_from_thread(self._failed, change, f"Not saved: {exc}", [])
                continue
            versions.update({r.id: r.version for r in fresh})
            self.app.call_from_thread(self._saved, change, fresh)

    def _apply(self, change: Change, versions: dict[int, int]) -> list[ClaimRecord]:
        reviewer = self.reviewer or ""
        expected = {i: versions.get(i, v) for i, v in change.expected.items()}
        if change.kind == "verdict" and change.verdict is not None:
            if len(change.ids) == 1:
                claim_id = change.ids[0]
                return [
                    review.set_verdict(
                        self.db_path,
                        claim_id,
                        change.verdict,
                        reviewer=reviewer,
                        expected_version=expected.get(claim_id),
                    )
                ]
            review.set_verdicts(
                self.db_path,
                change.ids,
                change.verdict,
                reviewer=reviewer,
                expected_versions=expected,
            )
            return queries.fetch_claims(self.db_path, change.ids)
        if change.kind == "note":
            review.add_note(self.db_path, change.ids[0], change.body, reviewer=reviewer)
            return queries.fetch_claims(self.db_path, change.ids)
        if change.kind == "evidence" and change.match is not None:
            review.add_evidence(
                self.db_path,
                change.ids[0],
                change.match.sentence_id,
                stance=change.stance,
                relation=change.match.relation,
                score=change.match.score,
                reviewer=reviewer,
            )
            return queries.fetch_claims(self.db_path, change.ids)
        entry = review.undo(self.db_path, reviewer=reviewer)
        if entry is None:
            return []
        return queries.fetch_claims(self.db_path, [entry.claim_id])

    def _saved(self, change: Change, fresh: list[ClaimRecord]) -> None:
        claims = self.claims
        self._count_changes(fresh)
        claims.update_records(fresh)
        if change.kind == "undo":
            if not fresh:
                self.notify("Nothing to undo.", timeout=3)
                return
            record = fresh[0]
            if not claims.move_to_claim(record.id):
                self.notify(f"Undone on claim {record.id}, which this view does not list.")
            else:
                self.notify(f"Undone: claim {record.id} is {SHORT_LABELS[record.status]}.")
        elif change.kind == "note":
            self.notify("Note saved.", timeout=2)
        elif change.kind == "evidence" and change.match is not None:
            where = change.match.document_source or change.match.document_title or "the match"
            role = "supporting" if change.stance == "supports" else "contradicting"
            self.notify(f"Linked {where} as {role} evidence.", timeout=3)
        elif len(change.ids) > 1 and change.verdict is not None:
            self.notify(f"{len(change.ids)} claims marked {SHORT_LABELS[change.verdict]}.")
        if claims.cursor_id in {r.id for r in fresh}:
            self._load_detail(claims.cursor_id)

    def _count_changes(self, fresh: list[ClaimRecord]) -> None:
        """Move saved claims between the header's counts without another query."""
        for record in fresh:
            old = self.claims.record(record.id)
            if old is None:  # not loaded here: ask the database
                self._load_counts()
                return
            if old.status is not record.status:
                self._counts[str(old.status)] = self._counts.get(str(old.status), 1) - 1
                self._counts[str(record.status)] = self._counts.get(str(record.status), 0) + 1
        self._show_status()

    def _failed(self, change: Change, reason: str, fresh: list[ClaimRecord]) -> None:
        self.claims.clear_pending(change.ids)
        self.claims.update_records(fresh)
        if reason and write_blocked(reason):
            self.enter_read_only(reason)
        elif reason:
            self.notify(reason, title="Not saved", severity="error", timeout=8)
        if fresh and self.claims.cursor_id in {r.id for r in fresh}:
            self._load_detail(fresh[0].id)
        self._load_counts()

    def _conflicted(self, change: Change, exc: ConflictError, fresh: list[ClaimRecord]) -> None:
        """Someone else changed the claim first: show who and what, reload it, go back to it."""
        self.claims.clear_pending(change.ids)
        self.claims.update_records(fresh)
        who = exc.by or "someone else"
        if change.kind == "undo":
            message = str(exc)
        else:
            message = (
                f"Claim {exc.claim_id} was changed by {who} ({exc.what or 'an edit'}) since you "
                "loaded it, so your change was not saved. It is reloaded: decide again."
            )
        self.notify(message, title=f"Changed by {who}", severity="warning", timeout=10)
        if change.kind != "undo" and not self.claims.has_selection:
            self.claims.move_to_claim(exc.claim_id)
        if self.claims.cursor_id == exc.claim_id:
            self._load_detail(exc.claim_id)
        self._load_counts()


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with the real stderr, before match_all needs it.

    Large runs of match_all use worker processes; starting them starts a resource tracker that
    is handed sys.stderr's descriptor, and under Textual sys.stderr is a capture without one
    ("bad value(s) in fds_to_keep"). Runs on the event loop, so nothing prints meanwhile.
    """
    from multiprocessing import resource_tracker

    captured = sys.stderr
    sys.stderr = sys.__stderr__
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = captured


def _depends_on_status(q: ClaimQuery) -> bool:
    """A verdict elsewhere can add, drop or move claims only in these views."""
    return bool(q.statuses) or q.sort is SortOrder.STATUS or q.conflicts_only


def _describe_filter(q: ClaimQuery) -> str:
    parts = []
    if q.statuses:
        parts.append("/".join(SHORT_LABELS[s] for s in q.statuses))
    parts += [*q.types, *q.kinds, *q.sources]
    if q.min_score:
        parts.append(f"score ≥ {q.min_score:g}")
    if q.conflicts_only:
        parts.append("sources conflict")
    return ", ".join(parts)
