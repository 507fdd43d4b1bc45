"""Verdicts, notes, undo and the audit history, straight against the store."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from workbench.core.models import ClaimQuery, Verdict
from workbench.store import claims as claim_store
from workbench.store import review
from workbench.store.db import ConflictError, StoreError


def first_claim_id(db: Database) -> int:
    return claim_store.claim_ids(db, ClaimQuery())[0]


def test_verdict_updates_claim_and_writes_history(db: Database) -> None:
    cid = first_claim_id(db)
    review.set_verdict(db, cid, Verdict.FALSE, reviewer="ana", at="t1")
    claim = claim_store.get_claim(db, cid)
    assert claim is not None
    assert claim.status is Verdict.FALSE and claim.reviewed_by == "ana"
    (entry,) = review.history(db, cid)
    assert (entry.action, entry.old_value, entry.new_value, entry.reviewer, entry.at) == (
        "verdict",
        "unreviewed",
        "false",
        "ana",
        "t1",
    )


def test_stale_version_is_rejected_with_who_changed_it(db: Database) -> None:
    cid = first_claim_id(db)
    loaded = claim_store.get_claim(db, cid)
    assert loaded is not None
    review.set_verdict(db, cid, Verdict.VERIFIED, reviewer="ana", at="t1")
    with pytest.raises(ConflictError) as caught:
        review.set_verdict(
            db, cid, Verdict.FALSE, reviewer="ben", at="t2", expected_version=loaded.version
        )
    assert caught.value.by == "ana"
    assert claim_store.get_claim(db, cid).status is Verdict.VERIFIED  # type: ignore[union-attr]
    assert len(review.history(db, cid)) == 1


def test_undo_walks_back_one_change_at_a_time(db: Database) -> None:
    cid = first_claim_id(db)
    review.set_verdict(db, cid, Verdict.VERIFIED, reviewer="ana", at="t1")
    review.set_verdict(db, cid, Verdict.FALSE, reviewer="ana", at="t2")
    note_id = review.add_note(db, cid, "checked the ministry site", reviewer="ana", at="t3")
    assert note_id
    review.undo_last(db, reviewer="ana", at="t4")
    assert review.notes(db, cid) == []
    review.undo_last(db, reviewer="ana", at="t5")
    assert claim_store.get_claim(db, cid).status is Verdict.VERIFIED  # type: ignore[union-attr]
    review.undo_last(db, reviewer="ana", at="t6")
    assert claim_store.get_claim(db, cid).status is Verdict.UNREVIEWED  # type: ignore[union-attr]
    assert review.undo_last(db, reviewer="ana", at="t7") is None
    # The history keeps everything, undos included: nothing typed is lost.
    entries = review.history(db, cid)
    assert [e.action for e in entries] == ["verdict", "verdict", "note", "undo", "undo", "undo"]
    assert entries[2].new_value == "checked the ministry site"


def test_undo_does_not_clobber_someone_elses_later_verdict(db: Database) -> None:
    cid = first_claim_id(db)
    review.set_verdict(db, cid, Verdict.VERIFIED, reviewer="ana", at="t1")
    review.set_verdict(db, cid, Verdict.MISLEADING, reviewer="ben", at="t2")
    with pytest.raises(ConflictError):
        review.undo_last(db, reviewer="ana", at="t3")
    assert claim_store.get_claim(db, cid).status is Verdict.MISLEADING  # type: ignore[union-attr]


def test_history_is_append_only(db: Database) -> None:
    cid = first_claim_id(db)
    review.set_verdict(db, cid, Verdict.VERIFIED, reviewer="ana", at="t1")
    with pytest.raises(Exception, match="append-only"):
        db.execute("UPDATE history SET reviewer = 'mallory'")
    with pytest.raises(Exception, match="append-only"):
        db.execute("DELETE FROM history")


def test_bulk_verdict_is_all_or_nothing(db: Database) -> None:
    ids = claim_store.claim_ids(db, ClaimQuery())
    assert review.set_verdicts(db, ids, Verdict.UNVERIFIABLE, reviewer="ana", at="t1") == 2
    assert claim_store.status_counts(db) == {"unverifiable": 2}
    with pytest.raises(StoreError):
        review.set_verdicts(db, [*ids, 99999], Verdict.FALSE, reviewer="ana", at="t2")
    assert claim_store.status_counts(db) == {"unverifiable": 2}


def test_search_with_fts_syntax_is_plain_text(db: Database) -> None:
    for query in ['"unbalanced', "AND OR NOT", "soldiers*)", "NEAR(", "x' OR 1=1 --", "%_"]:
        claim_store.claim_ids(db, ClaimQuery(search=query))
    assert len(claim_store.claim_ids(db, ClaimQuery(search='soldiers "'))) == 1
    assert len(claim_store.claim_ids(db, ClaimQuery(search="Crimea"))) == 1


def test_reextraction_keeps_identity_of_reviewed_claims(db: Database) -> None:
    from workbench.core.models import Claim

    cid = first_claim_id(db)
    review.set_verdict(db, cid, Verdict.FALSE, reviewer="ana", at="t1")
    claim = claim_store.get_claim(db, cid)
    assert claim is not None
    fresh = [(0, Claim(claim.text[:-1], 0, len(claim.text) - 1, "numeric", "quantity", 0.95))]
    kept, added, retired = claim_store.reconcile_document_claims(
        db, claim.document_id, fresh, extractor_version="v2"
    )
    assert (kept, added, retired) == (1, 0, 1)
    again = claim_store.get_claim(db, cid)
    assert again is not None and again.status is Verdict.FALSE and again.checkworthiness == 0.95
    assert claim_store.status_counts(db) == {"false": 1}


def test_search_operators_are_words_not_syntax(db: Database) -> None:
    assert len(claim_store.claim_ids(db, ClaimQuery(search="Crimea"))) == 1
    # OR is a word to find, not an operator that widens the search.
    assert claim_store.claim_ids(db, ClaimQuery(search="Crimea OR zebra")) == []
    assert claim_store.claim_ids(db, ClaimQuery(search="NOT Crimea")) == []
    # The last word is a prefix, so results narrow while the reviewer types.
    assert len(claim_store.claim_ids(db, ClaimQuery(search="Crim"))) == 1
