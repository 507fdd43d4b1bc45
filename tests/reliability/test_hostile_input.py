"""Hostile text everywhere text goes in: nothing escapes, every offset stays valid, time stays bounded."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.core.extract import extract_claims
from workbench.core.ingest import InputError, read_articles
from workbench.core.models import ClaimQuery, Verdict
from workbench.core.sentences import split_spans
from workbench.ops import export as export_ops
from workbench.ops import match as match_ops
from workbench.ops.config import Config
from workbench.ops.ingest import ingest
from workbench.store import claims as claim_store
from workbench.store import review
from workbench.store.db import StoreError, open_db

# Text a scraper, a paste or a broken encoder can hand us.
NASTY = [
    "\u0301\u0301e\u0308\u20dd",  # combining marks, some with nothing to combine with
    "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 \u202e\u202d\u200f",  # RTL + overrides
    "👩‍👩‍👧‍👦🇺🇦🏳️‍🌈",  # emoji sequences (ZWJ, flags)
    "\x00\x01\x07\x1b[31m\x7f\x85\u2028\u2029",  # NUL, control characters, escapes, line seps
    "\ufeff\ufffd\uffff",  # BOM in the middle, replacement character, non-character
    "U.S. Dr. No. 3.5 ... … ?! ”» (",
    "\n\n",
    ". ",
    "24 soldiers 1,000,000 $5bn 3.5% 12 March 2021",
]
TIME_LIMIT = 5.0  # seconds per call on inputs of these sizes; a blow-up goes far past it

fragments = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=60),
    st.sampled_from(NASTY),
)
hostile_text = st.lists(fragments, min_size=1, max_size=25).map("".join)
quick = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def timed(fn, *args):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = fn(*args)
    elapsed = time.perf_counter() - started
    assert elapsed < TIME_LIMIT, f"{fn.__name__} took {elapsed:.1f} s"
    return result


@quick
@given(hostile_text)
def test_sentence_spans_are_valid_for_any_text(text: str) -> None:
    spans = timed(split_spans, text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        sentence = text[start:end]
        assert sentence.strip() == sentence and sentence
        previous_end = end


@quick
@given(hostile_text)
def test_claim_offsets_are_valid_for_any_sentence(sentence: str) -> None:
    for claim in timed(extract_claims, sentence):
        assert 0 <= claim.start < claim.end <= len(sentence)
        assert sentence[claim.start : claim.end] == claim.text
        assert 0.0 <= claim.checkworthiness <= 1.0
        for q in claim.quantities:
            assert 0 <= q.start <= q.end <= len(sentence)


@quick
@given(st.binary(max_size=300), st.sampled_from([".txt", ".md", ".html", ".jsonl"]))
def test_any_bytes_read_as_articles_or_a_plain_error(data: bytes, suffix: str) -> None:
    try:
        items = list(read_articles(data, name="input", suffix=suffix))
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    for item in items:
        if isinstance(item, InputError):
            continue
        for p in item.paragraphs:
            assert 0 <= p.start <= p.end <= len(item.cleaned_text)


def _hostile_files(folder: Path, text: str) -> list[Path]:
    folder.mkdir(exist_ok=True)
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    files = {
        "a.txt": text,
        "b.md": f"# {text[:20]}\n\n{text}\n",
        "c.html": f"<html><body><article><h1>T</h1><p>{escaped}</p></article></body></html>",
        "d.jsonl": json.dumps({"id": "x", "title": text[:30], "text": text}) + "\n",
    }
    paths = []
    for name, body in files.items():
        path = folder / name
        path.write_bytes(body.encode("utf-8", "surrogatepass"))
        paths.append(path)
    return paths


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(hostile_text)
def test_ingest_of_hostile_files_stores_exact_offsets_or_skips(tmp_path: Path, text: str) -> None:
    db_path = tmp_path / "hostile.db"
    db_path.unlink(missing_ok=True)
    paths = _hostile_files(tmp_path / "in", text)
    report = ingest(db_path, [str(p) for p in paths])
    assert {o.status for o in report.outcomes} <= {"stored", "duplicate", "skipped"}
    conn = sqlite3.connect(db_path)
    try:
        for cleaned, start, end, sentence in conn.execute(
            "SELECT d.cleaned_text, s.start_char, s.end_char, s.text "
            "FROM sentences s JOIN documents d ON d.id = s.document_id"
        ):
            assert cleaned[start:end] == sentence
        for cleaned, start, end, claim in conn.execute(
            "SELECT d.cleaned_text, c.start_char, c.end_char, c.text "
            "FROM claims c JOIN documents d ON d.id = c.document_id"
        ):
            assert cleaned[start:end] == claim
    finally:
        conn.close()


def test_lone_surrogate_from_a_json_escape_is_stored_or_skipped(
    db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "s", "text": "Officials said 24 \\ud800 soldiers died in 2021."}\n')
    report = ingest(db_path, [str(path)])
    assert report.count("stored") == 1
    shown = open_db(db_path).execute("SELECT cleaned_text FROM documents").fetchone()[0]
    assert "24 \ufffd soldiers" in shown


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    samples = Path(__file__).resolve().parents[2] / "workbench" / "samples"
    path = tmp_path_factory.mktemp("hostile") / "corpus.db"
    ingest(path, [str(samples)])
    db = open_db(path)
    ids = claim_store.claim_ids(db, ClaimQuery())
    for n, claim_id in enumerate(ids[:6]):
        review.set_verdict(
            db,
            claim_id,
            Verdict.FALSE,
            reviewer=NASTY[n % 4],
            at="2024-01-01T00:00:00Z",
            note=NASTY[n],
        )
    db.close()
    yield path


SEARCHES = [
    '"',
    'ukraine"',
    "NEAR(",
    "text:*",
    "* OR -",
    "'; DROP TABLE claims; --",
    "1=1) OR (1=1",
    "%",
    "_",
    "%_%",
    "\\",
    "^ukraine",
    "ukraine AND",
    "(((",
    "\x00",
    "",
]


@pytest.mark.parametrize("search", SEARCHES)
def test_search_input_is_treated_as_text(corpus_db: Path, search: str) -> None:
    db = open_db(corpus_db)
    try:
        total = len(claim_store.claim_ids(db, ClaimQuery()))
        found = claim_store.claim_ids(db, ClaimQuery(search=search))
        has_words = any(ch.isalnum() for ch in search)
        if not has_words and search:
            assert found == []  # %, _ and punctuation are not wildcards that match everything
        if search == "":
            assert len(found) == total
        assert db.execute("SELECT count(*) FROM claims").fetchone()[0] == total  # nothing ran
    finally:
        db.close()


@quick
@given(hostile_text)
def test_search_never_raises(corpus_db: Path, text: str) -> None:
    db = open_db(corpus_db)
    try:
        timed(claim_store.claim_ids, db, ClaimQuery(search=text))
    finally:
        db.close()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text)
def test_matching_any_text_finds_matches_or_says_why(corpus_db: Path, text: str) -> None:
    try:
        matches = timed(match_ops.matches_for_text, corpus_db, text)
    except StoreError as exc:
        assert "\n" not in str(exc)
        return
    for m in matches:
        assert m.text


@pytest.mark.parametrize("fmt", sorted(export_ops.FORMATS))
def test_export_of_hostile_verdicts_and_notes_renders(corpus_db: Path, fmt: str) -> None:
    config = Config(report={"url": "https://factcheck.example.org", "organisation": NASTY[1]})
    result = export_ops.export_report(
        corpus_db, fmt, generated_at="2024-01-02T00:00:00Z", config=config
    )
    assert result.claims >= 6
    assert result.content


# --- huge inputs ------------------------------------------------------------------------------


def test_a_one_megabyte_line_and_a_20000_sentence_article_stay_fast(tmp_path: Path) -> None:
    line = "Officials said 24 soldiers died " + "x" * 1_000_000
    assert timed(split_spans, line) == [(0, len(line))]
    article = " ".join(f"Officials said {n} homes were hit." for n in range(20_000))
    assert len(timed(split_spans, article)) == 20_000


def test_deeply_nested_html_is_read_or_refused_plainly() -> None:
    html = "<div>" * 5_000 + "<p>Officials said 24 soldiers died.</p>" + "</div>" * 5_000
    try:
        items = timed(lambda: list(read_articles(html.encode(), name="deep", suffix=".html")))
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert items


@pytest.mark.stress
def test_a_ten_megabyte_line_and_a_100000_sentence_article_ingest(tmp_path: Path) -> None:
    big = tmp_path / "line.txt"
    big.write_text("Officials said 24 soldiers died " + "word " * 2_000_000)
    many = tmp_path / "many.txt"
    many.write_text(" ".join(f"Officials said {n} homes were hit." for n in range(100_000)))
    started = time.perf_counter()
    report = ingest(tmp_path / "huge.db", [str(big), str(many)])
    assert report.count("stored") == 2
    assert time.perf_counter() - started < 120


@pytest.mark.stress
def test_a_half_megabyte_sentence_of_numbers_extracts_in_bounded_time() -> None:
    timed(extract_claims, "Officials said " + "24 soldiers and " * 32_000)
