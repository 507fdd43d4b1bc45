"""Offsets are exact end to end: cleaned_text[start:end] == sentence text for every stored sentence."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.ops.ingest import ingest

_alphabet = st.characters(codec="utf-8", exclude_categories=("Cs",))
_pieces = st.one_of(
    st.text(_alphabet, max_size=80),
    st.sampled_from(
        [
            ". ",
            "? ",
            "! ",
            "\n\n",
            "\n",
            "U.S. ",
            "Dr. ",
            "3.5 ",
            "…",
            '"',
            "\x00",
            "\u202e",
            "é",
            "🙂",
        ]
    ),
    st.text("ab .\n", min_size=200, max_size=2000),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(_pieces, min_size=1, max_size=30).map("".join))
def test_every_stored_sentence_matches_its_offsets(tmp_path: Path, text: str) -> None:
    source = tmp_path / "input.txt"
    source.write_bytes(text.encode("utf-8", "surrogatepass"))
    db = tmp_path / "prop.db"
    ingest(db, [str(source)])
    conn = sqlite3.connect(db)
    try:
        for cleaned, start, end, sentence in conn.execute(
            "SELECT d.cleaned_text, s.start_char, s.end_char, s.text "
            "FROM sentences s JOIN documents d ON d.id = s.document_id"
        ):
            assert cleaned[start:end] == sentence
            assert sentence.strip() == sentence and sentence
        for cleaned, start, end, claim in conn.execute(
            "SELECT d.cleaned_text, c.start_char, c.end_char, c.text "
            "FROM claims c JOIN documents d ON d.id = c.document_id"
        ):
            assert cleaned[start:end] == claim
    finally:
        conn.close()
        db.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
