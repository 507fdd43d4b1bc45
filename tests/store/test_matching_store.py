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


def test_capped_counts_are_exact_below_the_cap_and_stop_at_it(db: Database) -> None:
    for n in range(4):
        store_article(db, f"Report {n}: soldiers died in Donbas. Nothing else happened.")
    assert ms.capped_counts(db, ["soldiers", "Donbas", "absent"], cap=10) == {
        "soldiers": 5,
        "Donbas": 4,
        "absent": 0,
    }
    assert ms.capped_counts(db, ["soldiers"], cap=3) == {"soldiers": 3}


def test_seed_and_booster_queries_score_as_the_plain_or_does(db: Database) -> None:
    for text in (
        "Shelling hit Donbas again. Soldiers died in Donbas shelling.",
        "Donbas is quiet. Shelling was heard far away.",
        "Shelling, shelling and more shelling. Donbas soldiers said it.",
    ):
        store_article(db, text)
    plain = ms.retrieve(db, '"donbas" OR "shelling"', limit=20)
    split = ms.retrieve(db, ['("donbas") AND ("shelling")', '"donbas"'], limit=20)
    with_seed = [c for c in plain if "donbas" in c.text.lower()]
    assert len(with_seed) < len(plain)  # sentences with the booster alone are left out
    assert [(c.sentence_id, round(c.bm25, 9)) for c in split] == [
        (c.sentence_id, round(c.bm25, 9)) for c in with_seed
    ]


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
