"""A small stored article with two claims, built without the extractor."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from workbench.core.models import Article, Claim, Paragraph, Quantity, Sentence
from workbench.store.db import open_db
from workbench.store.documents import insert_document

TEXT = "Ukraine says 24 soldiers died this year. Russia seized Crimea in 2014."


def store_article(db: Database, text: str = TEXT, *, source: str = "Test Wire") -> int:
    first_end = text.index(".") + 1
    sentences = [
        Sentence(0, 0, first_end, text[:first_end]),
        Sentence(1, first_end + 1, len(text), text[first_end + 1 :]),
    ]
    claims = [
        (
            0,
            Claim(
                sentences[0].text,
                0,
                len(sentences[0].text),
                "numeric",
                "quantity",
                0.9,
                ("has a number",),
                "Ukraine",
                (Quantity("24", 24.0, unit="soldiers", scope="this year", start=13, end=15),),
            ),
        ),
        (1, Claim(sentences[1].text, 0, len(sentences[1].text), "factual", "event", 0.7)),
    ]
    article = Article(
        raw_text=text,
        cleaned_text=text,
        paragraphs=(Paragraph(0, len(text)),),
        title="A test",
        source=source,
    )
    document_id = insert_document(
        db,
        article,
        content_hash=str(hash((text, source))),
        sentences=sentences,
        claims=claims,
        extractor_version="test",
        imported_at="2024-01-01T00:00:00Z",
    )
    assert document_id is not None
    return document_id


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_db(db_path)
    store_article(database)
    yield database
    database.close()
