"""The triage screen's ordered save queue: every change is written in order, off the event loop.

One thread worker drains the queue, so a row shows its new verdict only once the database has
it. A conflict reloads the claim and says who changed it; a write refused for a read-only file or
a full disk turns the screen read-only, and changes queued behind it are dropped, not retried.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import deque
from dataclasses import dataclass, field

from textual import work

from workbench.core.matching import Match
from workbench.core.models import ClaimRecord, Verdict
from workbench.ops import queries, review
from workbench.ops.unsaved import keep_unsaved_note
from workbench.store.db import ConflictError, StoreError, cannot_write, explain
from workbench.ui.glyphs import SHORT_LABELS
from workbench.ui.screens.triage_loading import TriageLoading


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


class TriageSaving(TriageLoading):
    """Queues the reviewer's changes and reports each one's outcome on screen."""

    def __init__(
        self, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name, id, classes)
        self._queue: deque[Change] = deque()
        self._queue_lock = threading.Lock()
        self._draining = False

    def _enqueue(self, change: Change) -> None:
        with self._queue_lock:
            self._queue.append(change)
            if self._draining:
                return
            self._draining = True
        self._drain()

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
        if reason and cannot_write(reason):
            self.enter_read_only(reason)
        elif reason:
            self.notify(reason, title="Not saved", severity="error", timeout=8)
        if change.kind == "note" and change.body:
            self._keep_note(change, reason or self.read_only_reason or "")
        if fresh and self.claims.cursor_id in {r.id for r in fresh}:
            self._load_detail(fresh[0].id)
        self._load_counts()

    def _keep_note(self, change: Change, reason: str) -> None:
        """What the reviewer typed survives a refused write: it goes to the unsaved-notes file."""
        kept = keep_unsaved_note(
            self.db_path, change.ids[0], change.body, reviewer=self.reviewer, reason=reason
        )
        where = f"its text is kept in {kept}" if kept else "copy it now: " + change.body
        self.notify(
            f"Your note on claim {change.ids[0]} was not saved; {where}.",
            title="Note kept",
            severity="warning",
            timeout=30,
        )

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
