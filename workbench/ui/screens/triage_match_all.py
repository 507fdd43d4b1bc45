"""M on the triage screen: match every claim against the other documents, with a progress bar.

Matching runs in a thread worker (which may start worker processes) and fills the match cache
that the matches pane and the "sources conflict" filter read. M again stops it; what is matched
so far is kept.
"""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass

from textual import on, work
from textual.message import Message
from textual.widgets import ProgressBar
from textual.worker import Worker, get_current_worker

from workbench.ops import match as match_ops
from workbench.store.db import StoreError, cannot_write, explain
from workbench.ui.screens.triage_loading import TriageLoading


class TriageMatchAll(TriageLoading):
    """Runs, shows and stops matching every claim."""

    @dataclass
    class MatchProgress(Message):
        """Matching every claim: `done` of `total`; a flood collapses to the latest."""

        done: int
        total: int

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, TriageMatchAll.MatchProgress)

    _match_all_worker: Worker[None] | None = None
    """The running (or last) match-all worker, so M can stop it."""

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
        if cannot_write(reason):
            self.enter_read_only(reason)
        self.notify(reason, title="Matching stopped", severity="error", timeout=8)


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
