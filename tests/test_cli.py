"""The command line as a script or a desk would use it, against a temporary database."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main


def run(*args: str, input: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def ingest_samples(samples_dir: Path) -> None:
    code, _out, err = run("ingest", str(samples_dir))
    assert code == 0, err


def test_every_command_has_help() -> None:
    commands = main.commands  # type: ignore[attr-defined]
    assert {"ingest", "stats", "documents", "show", "demo", "tui", "scan", "extract"} <= set(
        commands
    )
    code, out, _ = run("--help")
    assert code == 0
    for name, command in commands.items():
        assert command.get_short_help_str(), f"{name} has no help text"
        assert name in out


@pytest.mark.parametrize("args", [[], ["--db", "other.db"]], ids=["bare", "with --db"])
def test_no_command_opens_the_workbench_on_the_chosen_database(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import workbench.cli.tui as tui_cli

    opened: list[tuple[str, str | None]] = []
    monkeypatch.setattr(tui_cli, "open_tui", lambda db, reviewer: opened.append((db, reviewer)))
    code, _out, err = run(*args)
    assert code == 0, err
    expected = args[-1] if args else os.environ["WORKBENCH_DB"]
    assert [db for db, _reviewer in opened] == [expected]


def test_samples_ingested_twice_are_stored_once(samples_dir: Path) -> None:
    code, out, _ = run("ingest", str(samples_dir))
    assert code == 0 and "stored as document" in out
    first = json.loads(run("stats", "--json")[1])
    code, out, _ = run("ingest", str(samples_dir))
    assert code == 0
    assert "already stored" in out and "stored as document" not in out
    assert json.loads(run("stats", "--json")[1]) == first
    assert first["documents"] >= 4 and first["sentences"] > 40 and first["claims"] > 10


def test_stats_json_shape(samples_dir: Path) -> None:
    ingest_samples(samples_dir)
    data = json.loads(run("stats", "--json")[1])
    assert set(data) >= {"documents", "sentences", "claims", "claims_by_status"}
    assert data["claims_by_status"] == {"unreviewed": data["claims"]}


def test_show_json_has_exact_offsets_and_roles(samples_dir: Path, db_path: Path) -> None:
    ingest_samples(samples_dir)
    docs = json.loads(run("documents", "--json")[1])
    voa = next(
        d
        for d in docs
        if (d["origin"] or "").endswith("voa-2021-04-06-us-wont-commit-nato-ukraine.txt")
    )
    shown = json.loads(run("show", str(voa["id"]), "--json")[1])
    cleaned = (
        sqlite3.connect(db_path)
        .execute("SELECT cleaned_text FROM documents WHERE id = ?", [voa["id"]])
        .fetchone()[0]
    )
    roles = {s["role"] for s in shown["sentences"]}
    assert roles == {"body", "caption"}
    for s in shown["sentences"]:
        assert cleaned[s["start"] : s["end"]] == s["text"]
    texts = [s["text"] for s in shown["sentences"]]
    assert not any(t in ("Accessibility links", "Breaking News", "XS", "LG") for t in texts)
    assert any("24 soldiers this year" in t for t in texts)


def test_external_id_is_listed_and_accepted_by_show(samples_dir: Path) -> None:
    ingest_samples(samples_dir)
    docs = json.loads(run("documents", "--json")[1])
    with_id = [d for d in docs if d["external_id"]]
    assert with_id, "the JSONL sample gives ids"
    code, out, _ = run("documents")
    assert f"[{with_id[0]['external_id']}]" in out
    code, out, _ = run("show", with_id[0]["external_id"])
    assert code == 0 and f"external id   {with_id[0]['external_id']}"[:12] in out


def test_bad_inputs_are_skipped_with_one_line_each(tmp_path: Path, db_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("The council approved a budget of 3 million euros on Tuesday.\n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "broken.jsonl").write_text(
        '{"id": "a1", "text": "The port handled 12 ships on Monday."}\n{not json\n'
    )
    (tmp_path / "empty-dir").mkdir()
    code, out, err = run(
        "ingest",
        str(good),
        str(tmp_path / "binary.txt"),
        str(tmp_path / "empty.md"),
        str(tmp_path / "broken.jsonl"),
        str(tmp_path / "missing.txt"),
        str(tmp_path / "empty-dir"),
    )
    assert code != 0
    skipped = [line for line in err.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 5, err
    for name in ("binary.txt", "empty.md", "broken.jsonl", "missing.txt", "empty-dir"):
        assert any(name in line for line in skipped), name
    assert "Traceback" not in err
    assert out.count("stored as document") == 2  # good.txt and the good JSONL line
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 2


def test_windows_1252_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(
        "The caf\xe9 owner said \x93prices rose 5 percent\x94 in 2023.".encode("latin-1")
    )
    code, _out, err = run("ingest", str(path))
    assert code == 0, err
    shown = json.loads(run("show", "1", "--json")[1])
    assert "café" in shown["sentences"][0]["text"]
    assert "\u201cprices" in shown["sentences"][0]["text"]


def test_stdin_is_ingested() -> None:
    code, out, _ = run("ingest", "-", input="Officials said 40 people were evacuated on Friday.\n")
    assert code == 0 and "stored as document" in out


def test_user_errors_are_one_sentence_without_traceback(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_text("not a database")
    result = CliRunner().invoke(main, ["--db", str(bogus), "stats"])
    assert result.exit_code != 0
    assert "not an SQLite file" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_verdict_note_history_undo_roundtrip(samples_dir: Path) -> None:
    ingest_samples(samples_dir)
    claim = json.loads(run("claims", "--json", "--limit", "1")[1])[0]
    cid = str(claim["id"])
    assert run("verdict", cid, "false", "--note", "Ministry says 26.")[0] == 0
    assert run("note", cid, "Second source agrees.")[0] == 0
    hist = json.loads(run("history", cid, "--json")[1])
    assert [h["action"] for h in hist] == ["verdict", "note", "note"]
    assert all(h["reviewer"] == "tester" for h in hist)
    assert json.loads(run("claims", "--status", "false", "--json")[1])[0]["id"] == claim["id"]
    for _ in range(3):
        assert run("undo")[0] == 0
    assert json.loads(run("claims", "--status", "false", "--json")[1]) == []
    assert "Nothing to undo" in run("undo")[1]


def test_unknown_verdict_is_a_clear_error(samples_dir: Path) -> None:
    ingest_samples(samples_dir)
    result = CliRunner().invoke(main, ["verdict", "1", "maybe"])
    assert result.exit_code != 0 and "Unknown verdict" in result.stderr


def test_scan_jsonl_shape() -> None:
    text = "Ukraine says shelling has killed 24 soldiers this year.\nHello everyone!\n"
    code, out, _ = run("scan", "-", "--jsonl", input=text)
    assert code == 0
    lines = [json.loads(x) for x in out.splitlines()]
    assert [x["line"] for x in lines] == [1, 2]
    assert lines[1]["claims"] == []
    (claim,) = lines[0]["claims"]
    assert set(claim) == {
        "text",
        "start",
        "end",
        "kind",
        "type",
        "checkworthiness",
        "reasons",
        "speaker",
        "quantities",
    }
    assert lines[0]["text"][claim["start"] : claim["end"]] == claim["text"]
    q = next(q for q in claim["quantities"] if q["value"] == 24)
    assert set(q) == {"raw", "value", "low", "high", "unit", "qualifier", "scope"}


def test_scan_threshold_trades_recall_for_precision_but_never_admits_a_non_claim() -> None:
    text = "\n".join(
        [
            "Ukraine says shelling has killed 24 soldiers this year.",
            "The minister visited the region last week.",
            "Shares in the company rose after the announcement.",
            "Hello everyone!",
            "Is NATO ready to admit Ukraine?",
        ]
    )

    def claimed(*options: str) -> list[int]:
        code, out, err = run("scan", "-", "--jsonl", *options, input=text)
        assert code == 0, err
        return [r["line"] for r in map(json.loads, out.splitlines()) if r["claims"]]

    default, strict, loose = claimed(), claimed("--threshold", "0.95"), claimed("--threshold", "0")
    assert set(strict) < set(default) < set(loose)
    assert loose == [1, 2, 3]  # greetings and questions stay out even at 0
    code, _out, err = run("scan", "-", "--threshold", "1.5", input=text)
    assert code == 2 and "1.5" in err


@pytest.mark.parametrize("command", ["stats", "documents", "claims"])
def test_listing_commands_work_on_an_empty_database(command: str) -> None:
    code, _out, err = run(command)
    assert code == 0, err


def test_sidecar_metadata_names_the_publisher_of_a_plain_text_file(samples_dir: Path) -> None:
    ingest_samples(samples_dir)
    docs = json.loads(run("documents", "--json")[1])
    voa = next(d for d in docs if (d["origin"] or "").endswith(".txt"))
    assert voa["source"] == "Voice of America"
    assert voa["published"] == "2021-04-06"
