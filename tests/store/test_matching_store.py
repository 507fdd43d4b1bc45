"""Matcher SQL against a real database: stems, term counts, retrieval and the cache."""

from __future__ import annotations

from sqlite_utils import Database

from tests.store.conftest import store_article
from workbench.store import matching as ms
from workbench.store.db import write


def test_stems_follow_the_index_tokenizer_and_count_sentences(db: Database) -> None:
    assert ms.stems(db, ["soldiers", "Crimea", "died", "!!"]) == ["soldier", "crimea", "di", ""]
    counts = ms.sentence_frequencies(db, ["soldier", "crimea", "absent"])
    assert counts == {"soldier": 1, "crimea": 1, "absent": 0}


def test_tokenizing_leaves_no_transaction_open(db: Database) -> None:
    ms.stems(db, ["soldiers"])
    with write(db):
        ms.write_cache(db, [(1, 7, "t", "[]")])
    db.conn.rollback()  # nothing pending: the write above was committed
    assert ms.read_cache(db, 1, 7) == "[]"
    assert ms.read_cache(db, 1, 8) is None


def test_retrieve_ranks_by_bm25_and_excludes_a_document(db: Database) -> None:
    other = store_article(
        db, "Officials say 24 soldiers died in Donbas. Talks went on.", source="B"
    )
    found = ms.retrieve(db, '"soldiers" OR "donbas"', limit=5)
    assert found[0].document_id == other and found[0].bm25 >= found[-1].bm25
    assert all(
        c.document_id != other
        for c in ms.retrieve(db, '"soldiers"', limit=5, exclude_document=other)
    )
