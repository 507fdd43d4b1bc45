"""The triage screen: the claims list, the source and notes panels, and every review key.

Changes go through workbench.ops in one ordered save queue drained by a thread worker: a row
shows its new verdict only once the database has it.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import deque
from dataclasses import dataclass, field
from functools import partial
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from workbench.core.models import ClaimQuery, ClaimRecord, SortOrder, Verdict
from workbench.ops import queries, review
from workbench.store.db import ConflictError, StoreError
from workbench.ui.glyphs import GLYPHS, SHORT_LABELS
from workbench.ui.screens.dialogs import TextPrompt
from workbench.ui.screens.document import DocumentScreen
from workbench.ui.screens.filter_dialog import SORT_LABELS, FilterDialog
from workbench.ui.screens.note_editor import NoteEditor
from workbench.ui.widgets.claim_list import PAGE, ClaimList
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


@dataclass(frozen=True)
class Change:
    """One queued write: a verdict on some claims, a note, or an undo."""

    kind: str  # verdict | note | undo
    ids: tuple[int, ...] = ()
    verdict: Verdict | None = None
    body: str = ""
    expected: dict[int, int] = field(default_factory=dict)


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
            tooltip="Reload the list (picks up other reviewers' changes)",
        ),
    ]

    def __init__(self) -> None:
        super().__init__(id="triage")
        self.query_state = ClaimQuery()
        self._counts: dict[str, int] = {}
        self._detail_for: int | None = None
        self._queue: deque[Change] = deque()
        self._queue_lock = threading.Lock()
        self._draining = False

    @property
    def db_path(self) -> str:
        return str(self.app.db_path)  # type: ignore[attr-defined]

    @property
    def reviewer(self) -> str | None:
        return self.app.reviewer  # type: ignore[attr-defined, no-any-return]

    def compose(self) -> ComposeResult:
        yield Static(id="status-line")
        with Container(id="main"):
            claims = ClaimList(partial(queries.fetch_claims, self.db_path), id="claims")
            claims.border_title = "Claims"
            yield claims
            with Container(id="side"):
                source = SourcePanel("Select a claim to see its source.", id="source")
                source.border_title = "Source"
                yield source
                with Container(id="matches-pane") as matches:
                    matches.border_title = "Matches"
                    yield Static("Matches appear here", classes="placeholder")
                notes = NotesPanel("Notes and history appear here.", id="notes")
                notes.border_title = "Notes · history"
                yield notes
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(ClaimList).focus()
        self.reload()

    @property
    def claims(self) -> ClaimList:
        return self.query_one(ClaimList)

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

    # --- actions -----------------------------------------------------------------------------

    def _need_reviewer(self) -> bool:
        if self.reviewer:
            return False
        self.app.action_set_reviewer()  # type: ignore[attr-defined]
        return True

    def action_verdict(self, name: str) -> None:
        verdict = Verdict(name)
        ids = self.claims.selected_ids()
        if not ids or self._need_reviewer():
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
        if not self._need_reviewer():
            self._enqueue(Change("undo"))

    def action_note(self) -> None:
        record = self.claims.cursor_record
        if record is None or self._need_reviewer():
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

        def back(claim_id: int | None) -> None:
            self.claims.focus()
            if claim_id is None or self.claims.move_to_claim(claim_id):
                return
            self.query_state = ClaimQuery(sort=self.query_state.sort)
            self.notify("Cleared the search and filter to show that claim.", timeout=4)
            self.reload(keep=claim_id)

        self.app.push_screen(DocumentScreen(self.db_path, record.document_id, record.id), back)

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
            try:
                fresh = self._apply(change, versions)
            except ConflictError as exc:
                fresh = queries.fetch_claims(self.db_path, [exc.claim_id])
                versions.update({r.id: r.version for r in fresh})
                self.app.call_from_thread(self._failed, change, str(exc), fresh)
                continue
            except StoreError as exc:
                self.app.call_from_thread(self._failed, change, str(exc), [])
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
        self.notify(reason, title="Not saved", severity="error", timeout=8)
        if fresh and self.claims.cursor_id in {r.id for r in fresh}:
            self._load_detail(fresh[0].id)
        self._load_counts()


def _describe_filter(q: ClaimQuery) -> str:
    parts = []
    if q.statuses:
        parts.append("/".join(SHORT_LABELS[s] for s in q.statuses))
    parts += [*q.types, *q.kinds, *q.sources]
    if q.min_score:
        parts.append(f"score ≥ {q.min_score:g}")
    return ", ".join(parts)
