"""An open view learns about other programs' commits, once per batch, and only then."""

from __future__ import annotations

from pathlib import Path

from workbench.core.models import ClaimQuery, Verdict
from workbench.ops import ingest, queries, review
from workbench.ops.watch import ChangeWatcher


def test_watcher_reports_each_batch_of_commits_once(db_path: Path, samples_dir: Path) -> None:
    ingest.ingest(db_path, [str(samples_dir)])
    claim = queries.list_claims(db_path, ClaimQuery(), limit=1)[0]
    watcher = ChangeWatcher(db_path)
    try:
        assert not watcher.changed()
        review.set_verdict(db_path, claim.id, Verdict.FALSE, reviewer="ana")
        review.add_note(db_path, claim.id, "two commits, one poll", reviewer="ana")
        assert watcher.changed()
        assert not watcher.changed()
        queries.list_claims(db_path, ClaimQuery(), limit=5)  # reading is not a change
        assert not watcher.changed()
    finally:
        watcher.close()
