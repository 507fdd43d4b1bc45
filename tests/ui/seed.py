"""A small, fixed claims database for the UI tests.

Built from hand-written claims rather than the extractor, so the UI tests and snapshots do not
change when the extraction rules do. Every timestamp is fixed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from workbench.core.models import Article, Claim, Paragraph, Quantity, Sentence, Verdict
from workbench.core.quantities import parse_quantities
from workbench.store import review as review_store
from workbench.store.db import connect
from workbench.store.documents import insert_document

IMPORTED_AT = "2026-01-05T09:00:00Z"


@dataclass(frozen=True)
class SeedClaim:
    sentence: str
    score: float
    type: str
    numbers: tuple[tuple[str, float, str], ...] = ()  # raw text, value, kind
    part: str | None = None  # the claim's text when it is only part of the sentence
    parsed: bool = False  # numbers read by the quantity parser (units, spans), as matching needs


@dataclass(frozen=True)
class SeedDocument:
    title: str
    source: str
    published: str
    external_id: str
    paragraphs: tuple[tuple[str, ...], ...]
    claims: tuple[SeedClaim, ...]


DOCUMENTS = (
    SeedDocument(
        title="Ukraine presses NATO for membership path as Russian forces gather",
        source="Continental Wire",
        published="2021-04-06T19:05:00Z",
        external_id="cw-20210406-0147",
        paragraphs=(
            (
                "Ukrainian President Volodymyr Zelenskiy asked NATO on Tuesday to speed up "
                "his country's entry into the alliance.",
            ),
            (
                "Ukraine's armed forces estimate that about 40,000 Russian troops are now "
                "stationed near the country's eastern border.",
                "A similar number is in Crimea, a military spokesman said.",
            ),
            (
                "Kyiv says 24 Ukrainian servicemen have been killed in the Donbas region since January.",
            ),
            ("NATO has 30 member countries, and any decision on membership needs all of them.",),
        ),
        claims=(
            SeedClaim(
                "Ukraine's armed forces estimate that about 40,000 Russian troops are now "
                "stationed near the country's eastern border.",
                0.91,
                "statistic",
                (("about 40,000", 40000, "count"),),
            ),
            SeedClaim(
                "Kyiv says 24 Ukrainian servicemen have been killed in the Donbas region since January.",
                0.84,
                "casualties",
                (("24", 24, "count"),),
            ),
            SeedClaim(
                "NATO has 30 member countries, and any decision on membership needs all of them.",
                0.62,
                "statistic",
                (("30", 30, "count"),),
                part="NATO has 30 member countries",
            ),
            SeedClaim(
                "A similar number is in Crimea, a military spokesman said.",
                0.41,
                "attribution",
            ),
        ),
    ),
    SeedDocument(
        title="US won't commit to NATO membership for Ukraine",
        source="VOA News",
        published="2021-04-06T21:40:00Z",
        external_id="voa-2021-04-06",
        paragraphs=(
            ("The United States reaffirmed its commitment to Ukraine's sovereignty on Tuesday.",),
            (
                "Russia has moved more than 4,000 troops to the border in recent weeks, "
                "according to Ukrainian officials.",
            ),
            ("About 14,000 people have died in the conflict since 2014.",),
            ("Psaki said the decision was one for NATO to make.",),
        ),
        claims=(
            SeedClaim(
                "About 14,000 people have died in the conflict since 2014.",
                0.88,
                "casualties",
                (("About 14,000", 14000, "count"), ("2014", 2014, "year")),
            ),
            SeedClaim(
                "Russia has moved more than 4,000 troops to the border in recent weeks, "
                "according to Ukrainian officials.",
                0.79,
                "statistic",
                (("more than 4,000", 4000, "count"),),
            ),
            SeedClaim(
                "The United States reaffirmed its commitment to Ukraine's sovereignty on Tuesday.",
                0.35,
                "policy",
            ),
        ),
    ),
    SeedDocument(
        title="Wheat prices rise as exports slow",
        source="Farm Ledger",
        published="2021-04-07T08:15:00Z",
        external_id="fl-20210407",
        paragraphs=(
            (
                "Wheat futures rose 3.5% on Wednesday to $6.40 a bushel.",
                "Exports fell by a third in March, the ministry said.",
            ),
            ("Farmers planted 12 million hectares this spring, the most since 2008.",),
        ),
        claims=(
            SeedClaim(
                "Wheat futures rose 3.5% on Wednesday to $6.40 a bushel.",
                0.76,
                "economic",
                (("3.5%", 3.5, "percent"), ("$6.40", 6.4, "money")),
            ),
            SeedClaim(
                "Farmers planted 12 million hectares this spring, the most since 2008.",
                0.69,
                "statistic",
                (("12 million hectares", 12e6, "measure"), ("2008", 2008, "year")),
            ),
            SeedClaim(
                "Exports fell by a third in March, the ministry said.",
                0.57,
                "economic",
                (("a third", 1 / 3, "fraction"),),
            ),
        ),
    ),
)


MATCH_DOCUMENTS = (
    SeedDocument(
        title="Ukraine asks allies for faster NATO bid",
        source="Morning Ledger",
        published="2021-04-07T06:30:00Z",
        external_id="ml-20210407",
        paragraphs=(
            ("The army said 26 soldiers have been killed in the east so far this year.",),
            ("Diplomats expect no decision before the summit.",),
        ),
        claims=(
            SeedClaim(
                "The army said 26 soldiers have been killed in the east so far this year.",
                0.86,
                "casualties",
                parsed=True,
            ),
        ),
    ),
    SeedDocument(
        title="Russian troop build-up worries Kyiv",
        source="North Sea Broadcasting",
        published="2021-04-06T18:00:00Z",
        external_id="nsb-20210406",
        paragraphs=(("Officials confirmed 24 soldiers were killed this year in the Donbas.",),),
        claims=(),
    ),
)
"""Two more articles about the Donbas toll: one states 26 soldiers (conflicts), one 24 (agrees)."""


def _article(doc: SeedDocument) -> tuple[Article, list[Sentence]]:
    text = ""
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    for block in doc.paragraphs:
        if text:
            text += "\n\n"
        start = len(text)
        for i, sentence in enumerate(block):
            if i:
                text += " "
            sentences.append(
                Sentence(len(sentences), len(text), len(text) + len(sentence), sentence)
            )
            text += sentence
        paragraphs.append(Paragraph(start, len(text)))
    article = Article(
        raw_text=text,
        cleaned_text=text,
        paragraphs=tuple(paragraphs),
        title=doc.title,
        source=doc.source,
        published=doc.published,
        external_id=doc.external_id,
        format="jsonl",
    )
    return article, sentences


def _claim(seed: SeedClaim) -> Claim:
    part = seed.part or seed.sentence
    start = seed.sentence.index(part)
    quantities = list(parse_quantities(part)) if seed.parsed else []
    for raw, value, kind in seed.numbers:
        at = seed.sentence.index(raw)
        quantities.append(Quantity(raw=raw, value=value, start=at, end=at + len(raw), kind=kind))
    return Claim(
        text=part,
        start=start,
        end=start + len(part),
        kind="numeric" if quantities else "factual",
        type=seed.type,
        checkworthiness=seed.score,
        reasons=(
            ("contains a number", "states a measurable fact")
            if quantities
            else ("attributed statement",)
        ),
        quantities=tuple(quantities),
    )


def seed_database(path: Path, *, with_reviews: bool = True, with_matches: bool = False) -> Path:
    """Three articles, ten claims; optionally a note and a verdict from another reviewer.

    `with_matches` adds MATCH_DOCUMENTS, and ana's verdict false on the Kyiv toll of 24.
    """
    with connect(path) as db:
        for doc in DOCUMENTS + (MATCH_DOCUMENTS if with_matches else ()):
            article, sentences = _article(doc)
            by_text = {s.text: s.position for s in sentences}
            insert_document(
                db,
                article,
                content_hash=hashlib.sha256(article.cleaned_text.encode()).hexdigest(),
                sentences=sentences,
                claims=[(by_text[c.sentence], _claim(c)) for c in doc.claims],
                extractor_version="test",
                imported_at=IMPORTED_AT,
            )
        if with_reviews:
            crimea = claim_id(path, "A similar number")
            review_store.set_verdict(
                db, crimea, Verdict.NEEDS_CONTEXT, reviewer="ben", at="2026-01-05T10:15:00Z"
            )
            troops = claim_id(path, "about 40,000")
            review_store.add_note(
                db,
                troops,
                "Compare with the Pentagon estimate.",
                reviewer="ben",
                at="2026-01-05T10:20:00Z",
            )
        if with_matches:
            kyiv = claim_id(path, "Kyiv says 24")
            review_store.set_verdict(
                db, kyiv, Verdict.FALSE, reviewer="ana", at="2026-01-05T11:00:00Z"
            )
    return path


def claim_id(path: Path, fragment: str) -> int:
    """The id of the claim whose text contains fragment."""
    with connect(path) as db:
        row = db.execute(
            "SELECT id FROM claims WHERE text LIKE ? ORDER BY id", [f"%{fragment}%"]
        ).fetchone()
    assert row is not None, fragment
    return int(row[0])
