"""SQL for the matcher: FTS5 tokenisation and term counts, BM25 retrieval, the match cache."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from sqlite_utils import Database

from workbench.core.matching import Candidate

TOKENIZE = "porter unicode61 remove_diacritics 2"
_TEMP_READY = "_workbench_match_tokenizer"


MMAP_BYTES = 1 << 30


def prepare_reads(db: Database) -> None:
    """Read the index through a memory map rather than one system call per page.

    A match touches hundreds of FTS5 pages; the calls cost about 10% of a claim's time. The
    size is a limit, not an allocation: pages come from the OS file cache either way.
    """
    db.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")


def _ensure_tokenizer(conn: sqlite3.Connection) -> None:
    """A TEMP FTS5 table with the index's tokenizer: stems exactly as the index does.

    TEMP tables live in the connection's own temp database, so this never writes to the file
    and works on a read-only database too.
    """
    exists = conn.execute("SELECT 1 FROM temp.sqlite_master WHERE name = 'match_tok'").fetchone()
    if not exists:
        conn.execute(f"CREATE VIRTUAL TABLE temp.match_tok USING fts5(w, tokenize='{TOKENIZE}')")
        conn.execute(
            "CREATE VIRTUAL TABLE temp.match_tok_v USING fts5vocab(temp, match_tok, 'instance')"
        )


def stems(db: Database, words: Sequence[str]) -> list[str]:
    """The index's stem of each word ("" when the tokenizer keeps nothing of it)."""
    if not words:
        return []
    conn = db.conn
    outside = not conn.in_transaction
    _ensure_tokenizer(conn)
    conn.execute("DELETE FROM temp.match_tok")
    conn.executemany(
        "INSERT INTO temp.match_tok (rowid, w) VALUES (?, ?)",
        [(i + 1, w) for i, w in enumerate(words)],
    )
    found: dict[int, str] = {}
    for doc, term in conn.execute("SELECT doc, term FROM temp.match_tok_v ORDER BY doc, offset"):
        found.setdefault(int(doc), str(term))
    if outside and conn.in_transaction:
        # The temp writes opened an implicit transaction; leaving it open would turn the
        # caller's next write() into a savepoint that is never committed.
        conn.commit()
    return [found.get(i + 1, "") for i in range(len(words))]


def capped_counts(db: Database, words: Iterable[str], cap: int) -> dict[str, int]:
    """How many sentences hold each word (as the index stems it), counted no further than cap.

    Exact below the cap and cheap above it: counting stops after `cap` postings, where the
    fts5vocab table decodes a common word's whole posting list (20 ms for a word in most of a
    million sentences, against well under 1 ms here).
    """
    out: dict[str, int] = {}
    for word in words:
        if word in out:
            continue
        row = db.execute(
            """SELECT count(*) FROM (SELECT 1 FROM sentences_fts
                                     WHERE sentences_fts MATCH ? LIMIT ?)""",
            ['"' + word.replace('"', '""') + '"', cap],
        ).fetchone()
        out[word] = int(row[0])
    return out


def sentence_frequencies(db: Database, terms: Iterable[str]) -> dict[str, int]:
    """How many sentences hold each stem, exactly (fts5vocab 'row' table).

    Decodes each term's whole posting list: use capped_counts unless the exact figure of a
    common word matters.
    """
    wanted = sorted({t for t in terms if t})
    out = dict.fromkeys(wanted, 0)
    for start in range(0, len(wanted), 200):
        chunk = wanted[start : start + 200]
        for term, doc in db.execute(
            f"SELECT term, doc FROM sentences_vocab WHERE term IN ({', '.join('?' * len(chunk))})",
            chunk,
        ):
            out[str(term)] = int(doc)
    return out


def database_file(db: Database) -> str:
    """The main database's file name ("" for an in-memory database)."""
    for row in db.execute("PRAGMA database_list"):
        if row[1] == "main":
            return str(row[2] or "")
    return ""


def sentence_total(db: Database) -> int:
    row = db.execute("SELECT max(rowid) FROM sentences").fetchone()
    return int(row[0] or 0)


def retrieve(
    db: Database,
    queries: str | Sequence[str],
    *,
    limit: int,
    exclude_document: int | None = None,
) -> list[Candidate]:
    """The best `limit` sentences by BM25, never from exclude_document.

    With several queries a sentence keeps the highest score any of them gives it (see
    core.matching.retrieval_queries). Each query over-fetches a little and the excluded
    document's sentences are dropped afterwards. bm25() in ORDER BY measured about twice as
    fast as the `rank` column here.
    """
    if isinstance(queries, str):
        queries = [queries]
    inner = limit + (20 if exclude_document is not None else 0)
    rows: list[tuple[Any, ...]] = []
    for query in queries:
        if query:
            rows += db.execute(
                """SELECT s.id, s.document_id, s.text, -f.score, d.external_id, d.title, d.source
                   FROM (SELECT rowid, bm25(sentences_fts) AS score FROM sentences_fts
                         WHERE sentences_fts MATCH ? ORDER BY score LIMIT ?) f
                   JOIN sentences s ON s.id = f.rowid
                   JOIN documents d ON d.id = s.document_id""",
                [query, inner],
            ).fetchall()
    best: dict[int, tuple[Any, ...]] = {}
    for r in rows:
        if r[1] != exclude_document and (r[0] not in best or r[3] > best[r[0]][3]):
            best[r[0]] = r
    ranked = sorted(best.values(), key=lambda r: (-r[3], r[0]))[:limit]
    return [
        Candidate(int(r[0]), int(r[1]), str(r[2]), float(r[3]), r[4], r[5], r[6]) for r in ranked
    ]


def verdicts_of_sentences(
    db: Database, sentence_ids: Sequence[int]
) -> dict[int, tuple[int, str, str | None]]:
    """The latest reviewed claim in each sentence: (claim id, verdict, reviewer)."""
    if not sentence_ids:
        return {}
    rows = db.execute(
        f"""SELECT sentence_id, id, status, reviewed_by FROM claims
            WHERE status != 'unreviewed' AND sentence_id IN ({", ".join("?" * len(sentence_ids))})
            ORDER BY sentence_id, reviewed_at DESC, id DESC""",
        list(sentence_ids),
    ).fetchall()
    out: dict[int, tuple[int, str, str | None]] = {}
    for sid, cid, status, reviewer in rows:
        out.setdefault(int(sid), (int(cid), str(status), reviewer))
    return out


def read_cache(db: Database, claim_id: int, version: int) -> str | None:
    row = db.execute(
        "SELECT results FROM match_cache WHERE claim_id = ? AND corpus_version = ?",
        [claim_id, version],
    ).fetchone()
    return None if row is None else str(row[0])


def write_cache(db: Database, rows: Iterable[tuple[int, int, str, str]]) -> None:
    """(claim id, corpus version, computed at, results JSON); the caller owns the transaction."""
    db.conn.executemany(
        """INSERT INTO match_cache (claim_id, corpus_version, computed_at, results)
           VALUES (?, ?, ?, ?)
           ON CONFLICT(claim_id) DO UPDATE SET corpus_version = excluded.corpus_version,
               computed_at = excluded.computed_at, results = excluded.results""",
        list(rows),
    )


def claim_ids_to_match(db: Database) -> list[int]:
    return [int(r[0]) for r in db.execute("SELECT id FROM claims WHERE stale = 0 ORDER BY id")]


def fresh_cache_ids(db: Database, version: int) -> set[int]:
    """Claims whose cached matches were computed on the current corpus."""
    return {
        int(r[0])
        for r in db.execute("SELECT claim_id FROM match_cache WHERE corpus_version = ?", [version])
    }
