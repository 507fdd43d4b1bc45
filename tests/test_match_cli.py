"""Cross-source matching end to end: the labelled sample pairs, the cache, the CLI contract."""

from __future__ import annotations

import contextlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.core.models import ClaimQuery, Verdict
from workbench.ops import ingest as ingest_ops
from workbench.ops import match as match_ops
from workbench.ops import queries
from workbench.ops import review as review_ops

PAIRS = Path(__file__).resolve().parent / "data" / "match_pairs.jsonl"
ARTICLES = (
    "voa-2021-04-06-us-wont-commit-nato-ukraine.txt",
    "continental-wire-2021-04-06.jsonl",
    "morning-ledger-2021-04-07-ukraine-nato-bid.html",
    "north-sea-broadcasting-2021-04-06-russia-troops.md",
)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory, samples_dir_module: Path) -> Path:
    folder = tmp_path_factory.mktemp("match")
    db = folder / "samples.db"
    report = ingest_ops.ingest(db, [str(samples_dir_module / name) for name in ARTICLES])
    assert not report.failed
    return db


@pytest.fixture(scope="module")
def samples_dir_module() -> Path:
    return Path(__file__).resolve().parent.parent / "workbench" / "samples"


@pytest.fixture
def db(sample_db: Path, tmp_path: Path) -> Path:
    """A private copy, so tests that write (verdicts, cache) do not leak into each other."""
    copy = tmp_path / "copy.db"
    shutil.copy(sample_db, copy)
    return copy


def _claim_id(db: Path, origin: str, snippet: str) -> int:
    for claim in queries.list_claims(db, ClaimQuery()):
        doc = queries.claim_context(db, claim.id).document
        if (doc.origin or "").endswith(origin) and snippet in claim.sentence_text:
            return claim.id
    raise AssertionError(f"no claim with {snippet!r} in {origin}")


def _pairs() -> list[dict[str, str]]:
    return [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("pair", _pairs(), ids=lambda p: f"{p['relation']}:{p['why'][:40]}")
def test_labelled_pair(sample_db: Path, pair: dict[str, str]) -> None:
    claim_id = _claim_id(sample_db, pair["claim_doc"], pair["claim"])
    matches = match_ops.matches_for_claim(sample_db, claim_id, top=10)
    found = [x for x in matches if pair["match"] in x.text]
    assert found, f"{pair['match']!r} is not among the matches of claim {claim_id}"
    assert found[0].relation == pair["relation"], pair["why"]
    if pair["relation"] != "related":
        assert found[0].pairs, "an agreeing or conflicting match shows the numbers compared"


def test_matches_never_come_from_the_claims_own_document(db: Path) -> None:
    claim_id = _claim_id(db, ARTICLES[0], "has killed 24 soldiers this year")
    own = queries.claim_context(db, claim_id).document.id
    matches = match_ops.matches_for_claim(db, claim_id, top=20)
    assert matches and all(x.document_id != own for x in matches)


def test_cache_is_used_then_invalidated_by_new_documents(
    db: Path, samples_dir_module: Path
) -> None:
    claim_id = _claim_id(db, ARTICLES[0], "has killed 24 soldiers this year")
    first = match_ops.matches_for_claim(db, claim_id)
    assert match_ops.matches_for_claim(db, claim_id) == first
    extra = db.parent / "later.txt"
    extra.write_text(
        "Officials said on Wednesday that 25 soldiers have been killed this year in Donbas.\n",
        encoding="utf-8",
    )
    ingest_ops.ingest(db, [str(extra)])
    later = match_ops.matches_for_claim(db, claim_id)
    assert any("25 soldiers" in x.text for x in later)


def test_conflicting_claims_are_listed_after_match_all(db: Path) -> None:
    summary = match_ops.match_all(db, refresh=True)
    assert summary.matched == summary.claims > 0
    conflicting = {c.id for c in match_ops.conflicting_claims(db)}
    assert _claim_id(db, ARTICLES[2], "26 soldiers have been killed") in conflicting
    assert _claim_id(db, ARTICLES[0], "Reforms alone will not stop Russia") not in conflicting
    again = match_ops.match_all(db)
    assert again.matched == 0 and again.cached == summary.claims


def _cache(db: Path) -> dict[int, list[object]]:
    import sqlite3

    with contextlib.closing(sqlite3.connect(db)) as conn:
        rows = conn.execute("SELECT claim_id, results FROM match_cache").fetchall()
    return {claim_id: json.loads(results) for claim_id, results in rows}


def test_match_all_in_worker_processes_stores_what_one_process_stores(
    db: Path, tmp_path: Path
) -> None:
    twin = tmp_path / "twin.db"
    shutil.copy(db, twin)
    alone = match_ops.match_all(db, refresh=True, workers=1)
    shared = match_ops.match_all(twin, refresh=True, workers=2)
    assert shared.matched == alone.matched == alone.claims > 0
    assert shared.conflicts == alone.conflicts > 0
    assert _cache(twin) == _cache(db)


def test_match_all_stops_when_cancelled(db: Path) -> None:
    summary = match_ops.match_all(db, cancelled=lambda: True)
    assert summary.cancelled and summary.matched == 0


def test_previous_verdict_of_a_matched_claim_is_shown(db: Path) -> None:
    checked = _claim_id(db, ARTICLES[1], "24 Ukrainian servicemen have been killed")
    review_ops.set_verdict(db, checked, Verdict.VERIFIED, reviewer="ana")
    claim_id = _claim_id(db, ARTICLES[0], "has killed 24 soldiers this year")
    matches = match_ops.matches_for_claim(db, claim_id)
    hit = next(x for x in matches if "24 Ukrainian servicemen" in x.text)
    assert (hit.previous_verdict, hit.previous_reviewer) == ("verified", "ana")


def _run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_cli_queries_jsonl_contract(db: Path) -> None:
    lines = "\n".join(
        [
            json.dumps({"id": "q1", "text": "Two dozen soldiers were killed this year"}),
            "{not json",
            json.dumps({"id": 7, "text": "Russia annexed Crimea in 2014"}),
            json.dumps({"id": 8}),
        ]
    )
    code, out, err = _run(
        "--db", str(db), "match", "--queries", "-", "--top", "3", "--jsonl", input=lines
    )
    assert code != 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ["q1", 7]
    first = rows[0]["matches"]
    assert 0 < len(first) <= 3
    assert set(first[0]) == {
        "document_id",
        "external_id",
        "sentence_id",
        "text",
        "score",
        "relation",
    }
    assert [m["score"] for m in first] == sorted((m["score"] for m in first), reverse=True)
    assert any("24" in m["text"] and m["relation"] == "agrees" for m in first)
    assert any(m["external_id"] == "cw-20210406-0147" for r in rows for m in r["matches"])
    assert "line 2" in err and "line 4" in err
    assert len(err.strip().splitlines()) == 2


def test_cli_claim_json_and_text(db: Path) -> None:
    claim_id = _claim_id(db, ARTICLES[2], "26 soldiers have been killed")
    code, out, _ = _run("--db", str(db), "match", "--claim", str(claim_id), "--json", "--top", "5")
    assert code == 0
    data = json.loads(out)
    assert 0 < len(data) <= 5
    conflict = next(m for m in data if m["relation"] == "conflicts")
    assert conflict["pairs"][0]["claim"]["value"] == 26
    assert conflict["pairs"][0]["match"]["value"] == 24
    code, out, _ = _run("--db", str(db), "match", "--text", "nine soldiers killed in two weeks")
    assert code == 0 and "North Sea Broadcasting" in out


def test_cli_all_prints_throughput(db: Path) -> None:
    code, out, _ = _run("--db", str(db), "match", "--all")
    assert code == 0 and "claims/s" in out and "conflicting" in out


def test_cli_claims_conflicts_lists_only_contradicted_claims(db: Path) -> None:
    match_ops.match_all(db)
    code, out, _ = _run("--db", str(db), "claims", "--conflicts", "--json")
    assert code == 0
    listed = {c["id"] for c in json.loads(out)}
    assert _claim_id(db, ARTICLES[2], "26 soldiers have been killed") in listed
    assert _claim_id(db, ARTICLES[0], "Reforms alone will not stop Russia") not in listed
    code, out, _ = _run("--db", str(db), "claims", "--json")
    assert listed < {c["id"] for c in json.loads(out)}


def test_cli_needs_exactly_one_mode(db: Path) -> None:
    code, _, err = _run("--db", str(db), "match")
    assert code != 0 and "exactly one" in err
    code, _, err = _run("--db", str(db), "match", "--claim", "999999")
    assert code != 0 and "no claim 999999" in err
