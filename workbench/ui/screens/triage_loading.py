"""What the triage screen shows and how it loads it: the claims, the counts, the side panels.

Every read runs in a thread worker, so the screen never waits for the database. A polling
worker notices commits by other programs (another reviewer, a command, an import) and re-reads
only what is on screen.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass

from textual import on, work
from textual.content import Content
from textual.message import Message
from textual.widgets import Static
from textual.worker import get_current_worker

from workbench.core.matching import Match
from workbench.core.models import ClaimQuery, ClaimRecord, SortOrder, Verdict
from workbench.ops import match as match_ops
from workbench.ops import queries, review
from workbench.ops.watch import ChangeWatcher
from workbench.store.db import StoreError, cannot_write, explain
from workbench.ui.glyphs import GLYPHS, SHORT_LABELS
from workbench.ui.screens.filter_dialog import SORT_LABELS
from workbench.ui.screens.triage_read_only import TriageReadOnly
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
MATCHES_SHOWN = 10


class TriageLoading(TriageReadOnly):
    """Loads the claims list, the header counts and the panels for the claim at the cursor."""

    POLL_SECONDS = 1.5
    """How often the database is asked whether another reviewer changed something."""

    @dataclass
    class DataChanged(Message):
        """Another connection committed a change (another reviewer, a command, an import)."""

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, TriageLoading.DataChanged)

    def __init__(
        self, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name, id, classes)
        self.query_state = ClaimQuery()
        self._counts: dict[str, int] = {}
        self._polling = False

    @property
    def db_path(self) -> str:
        return str(self.app.db_path)  # type: ignore[attr-defined]

    @property
    def reviewer(self) -> str | None:
        return self.app.reviewer  # type: ignore[attr-defined, no-any-return]

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

    # --- the claim at the cursor -------------------------------------------------------------

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
        if cannot_write(reason):
            self.enter_read_only(reason)
            self.matches_pane.show_message(
                "Matches are computed once and cached in the database, which cannot be "
                "written now; claims matched before (M) still show theirs.",
                claim_id,
            )
        else:
            self.matches_pane.show_message(f"No matches: {reason}", claim_id)

    # --- other programs' changes -------------------------------------------------------------

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
