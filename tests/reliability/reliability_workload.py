"""Several reviewers and an import on one database, as real processes; then proof nothing was lost.

Shared by the reliability tests and bench/concurrency.py. Run as a script, it is one writer
process: `python reliability_workload.py writer DB OUT WRITER CHANGES SEED CLAIM_IDS MODE`.
Each writer records what every change got back (accepted with its new version, or a conflict)
in a JSON Lines file; `verify` then checks the database against those records.
"""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
VERDICTS = ("verified", "false", "misleading", "unverifiable", "needs_context", "unreviewed")

_PLACES = ["Kyiv", "Brussels", "Warsaw", "Geneva", "Riga", "Odesa", "Lviv", "Vienna", "Tallinn"]
_NOUNS = ["soldiers", "refugees", "schools", "patients", "flights", "homes", "workers", "drones"]
_WHO = ["Officials", "The ministry", "Police", "The mayor", "Analysts", "The health agency"]


def news_corpus(count: int, seed: int = 3, sentences: int = 6) -> Iterator[dict[str, str]]:
    """Distinct, claim-rich little articles as JSON Lines records (deterministic)."""
    rng = random.Random(seed)
    for index in range(count):
        lines = []
        for _ in range(sentences):
            lines.append(
                f"{rng.choice(_WHO)} said {rng.randint(2, 90_000):,} {rng.choice(_NOUNS)} "
                f"were affected in {rng.choice(_PLACES)} in {rng.randint(1990, 2024)}."
            )
            if rng.random() < 0.3:
                lines.append(f"Talks in {rng.choice(_PLACES)} ended without agreement.")
        text = " ".join(lines[:3]) + "\n\n" + " ".join(lines[3:])
        yield {"id": f"doc-{seed}-{index}", "title": f"Report {index}", "text": text}


def write_corpus(path: Path, count: int, seed: int = 3) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for record in news_corpus(count, seed):
            fh.write(json.dumps(record) + "\n")
    return path


# --- one writer process ---------------------------------------------------------------------


def _writer(
    db_file: str, out: str, writer: int, changes: int, seed: int, claim_ids: list[int], mode: str
) -> None:
    """Make `changes` verdict/note/undo changes, half of them on a view loaded a while ago.

    mode "store" keeps one connection, like the TUI; mode "ops" opens one per change, like the
    CLI. Every outcome is written to `out`, including conflicts; anything else is an error.
    """
    from workbench.core.models import Verdict
    from workbench.ops import review as review_ops
    from workbench.store import review as review_store
    from workbench.store.db import ConflictError, open_db

    rng = random.Random(seed)
    reviewer = f"writer-{writer}"
    db = open_db(db_file)
    view: dict[int, tuple[str, int]] = {}  # what this reviewer's screen shows

    def load(claim_id: int) -> tuple[str, int]:
        row = db.execute("SELECT status, version FROM claims WHERE id = ?", [claim_id]).fetchone()
        view[claim_id] = (str(row[0]), int(row[1]))
        return view[claim_id]

    token = ""
    if mode == "ops":  # the ops layer stamps changes with the clock: make each stamp unique
        review_ops.now_iso = lambda: token  # type: ignore[attr-defined]
    with open(out, "w", encoding="utf-8") as fh:
        for i in range(changes):
            token = f"{reviewer}#{i}"
            claim_id = rng.choice(claim_ids)
            status, version = (
                view[claim_id] if claim_id in view and rng.random() < 0.5 else load(claim_id)
            )
            roll = rng.random()
            op = "verdict" if roll < 0.55 else "note" if roll < 0.92 else "undo"
            record: dict[str, Any] = {"at": token, "op": op, "claim": claim_id}
            if op != "undo":
                record["expected"] = version
            try:
                if op == "verdict":
                    choice = rng.choice([v for v in VERDICTS if v != status])
                    record["value"] = choice
                    if mode == "ops":
                        got = review_ops.set_verdict(
                            db_file,
                            claim_id,
                            Verdict(choice),
                            reviewer=reviewer,
                            expected_version=version,
                        )
                        record["version"] = got.version
                    else:
                        record["version"] = review_store.set_verdict(
                            db,
                            claim_id,
                            Verdict(choice),
                            reviewer=reviewer,
                            at=token,
                            expected_version=version,
                        )
                elif op == "note":
                    body = f"note {i} by {reviewer}: ünïcode ✓ \"quoted\" 'sql' --"
                    record["value"] = body
                    if mode == "ops":
                        record["note_id"] = review_ops.add_note(
                            db_file, claim_id, body, reviewer=reviewer, expected_version=version
                        ).id
                    else:
                        record["note_id"] = review_store.add_note(
                            db,
                            claim_id,
                            body,
                            reviewer=reviewer,
                            at=token,
                            expected_version=version,
                        )
                else:
                    entry = (
                        review_ops.undo(db_file, reviewer=reviewer)
                        if mode == "ops"
                        else review_store.undo_last(db, reviewer=reviewer, at=token)
                    )
                    if entry is not None:
                        record["claim"] = entry.claim_id
                        record["undoes"] = entry.undoes
                record["result"] = "nothing" if op == "undo" and entry is None else "accepted"
                load(record["claim"])
            except ConflictError as exc:
                record.update(result="conflict", by=exc.by, what=exc.what, claim=exc.claim_id)
                load(exc.claim_id)  # the reviewer sees the change and decides again
            except Exception as exc:  # noqa: BLE001  (recorded, and the test fails on it)
                record.update(result="error", error=f"{type(exc).__name__}: {exc}")
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    db.close()


# --- the whole run --------------------------------------------------------------------------


@dataclass(frozen=True)
class RunResult:
    writers: int
    attempted: int
    accepted: int
    conflicts: int
    nothing_to_undo: int
    errors: list[str]
    seconds: float
    documents_ingested: int
    ingest_returncode: int | None

    @property
    def changes_per_second(self) -> float:
        return self.attempted / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        return (
            f"{self.writers} writers: {self.attempted:,} changes in {self.seconds:.1f} s "
            f"= {self.changes_per_second:,.0f} changes/s ({self.accepted:,} accepted, "
            f"{self.conflicts:,} conflicts reported to their writer, "
            f"{self.nothing_to_undo:,} undos with nothing left); "
            f"{self.documents_ingested:,} documents ingested alongside"
        )


def claim_ids_of(db_file: Path, limit: int) -> list[int]:
    conn = sqlite3.connect(db_file)
    try:
        return [
            int(r[0]) for r in conn.execute("SELECT id FROM claims ORDER BY id LIMIT ?", [limit])
        ]
    finally:
        conn.close()


def run_workload(
    db_file: Path,
    workdir: Path,
    *,
    writers: int = 4,
    changes: int = 150,
    claims: int = 24,
    ingest_documents: int = 200,
    ops_writers: int = 1,
    seed: int = 1,
) -> tuple[RunResult, list[dict[str, Any]]]:
    """Start the writers and one `workbench ingest`, wait for all, and collect the records."""
    ids = claim_ids_of(db_file, claims)
    assert len(ids) >= 2, "seed the database with some claims first"
    corpus = write_corpus(workdir / "concurrent-ingest.jsonl", ingest_documents, seed=seed + 100)
    outs = [workdir / f"writer-{w}.jsonl" for w in range(writers)]
    started = time.perf_counter()
    ingest = subprocess.Popen(
        [sys.executable, "-m", "workbench", "--db", str(db_file), "ingest", "-q", str(corpus)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                str(HERE),
                "writer",
                str(db_file),
                str(outs[w]),
                str(w),
                str(changes),
                str(seed * 1000 + w),
                ",".join(map(str, ids)),
                "ops" if w < ops_writers else "store",
            ],
            stderr=subprocess.PIPE,
        )
        for w in range(writers)
    ]
    errors: list[str] = []
    for proc in procs:
        _out, err = proc.communicate()
        if proc.returncode != 0:
            errors.append(f"writer exited {proc.returncode}: {err.decode(errors='replace')[-500:]}")
    seconds = time.perf_counter() - started
    _out, ingest_err = ingest.communicate()
    if ingest.returncode != 0:
        errors.append(f"ingest exited {ingest.returncode}: {ingest_err.decode()[-500:]}")
    records = [
        json.loads(line)
        for out in outs
        if out.exists()
        for line in out.read_text(encoding="utf-8").splitlines()
    ]
    errors += [f"{r['at']}: {r['error']}" for r in records if r["result"] == "error"]
    count = lambda result: sum(1 for r in records if r["result"] == result)  # noqa: E731
    result = RunResult(
        writers=writers,
        attempted=len(records),
        accepted=count("accepted"),
        conflicts=count("conflict"),
        nothing_to_undo=count("nothing"),
        errors=errors,
        seconds=seconds,
        documents_ingested=ingest_documents,
        ingest_returncode=ingest.returncode,
    )
    return result, records


# --- checking the database against what the writers were told --------------------------------


def verify(db_file: Path, records: list[dict[str, Any]]) -> list[str]:
    """Every way the database can disagree with the writers' records; empty means nothing lost."""
    problems: list[str] = []
    conn = sqlite3.connect(db_file)
    try:
        history = conn.execute(
            "SELECT id, claim_id, action, field, old_value, new_value, reviewer, at, ref_id, undoes"
            " FROM history ORDER BY id"
        ).fetchall()
        claims = {
            int(r[0]): (str(r[1]), int(r[2]))
            for r in conn.execute("SELECT id, status, version FROM claims")
        }
        live_notes = {
            int(r[0]): (int(r[1]), str(r[2]))
            for r in conn.execute("SELECT id, claim_id, body FROM notes WHERE deleted = 0")
        }
        integrity = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()
    if integrity != ["ok"]:
        problems.append(f"integrity_check: {integrity[:3]}")

    by_at: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for row in history:
        by_at[row[7]].append(row)
    accepted = {r["at"]: r for r in records if r["result"] == "accepted"}
    refused = {r["at"] for r in records if r["result"] in ("conflict", "nothing")}
    # 1. Every accepted change is in the history exactly once; nothing refused is.
    for at, rec in accepted.items():
        rows = by_at.get(at, [])
        if len(rows) != 1:
            problems.append(f"accepted change {at} has {len(rows)} history rows")
        elif rec["op"] == "note" and rows[0][8] != rec["note_id"]:
            problems.append(
                f"note {at} was saved as {rows[0][8]}, writer was told {rec['note_id']}"
            )
    for at in refused:
        if at in by_at:
            problems.append(f"refused change {at} is in the history")
    writer_rows = {row[7] for row in history if str(row[6]).startswith("writer-")}
    if unknown := writer_rows - set(accepted):
        problems.append(f"{len(unknown)} history rows no writer was told about")

    # 2. No lost update: each accepted change on a view of version v is the claim's change v+1.
    per_claim: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in history:
        per_claim[int(row[1])].append(row)
    for claim_id, rows in per_claim.items():
        for position, row in enumerate(rows, start=1):
            rec = accepted.get(row[7])
            if rec is None or "expected" not in rec:
                continue
            if rec["expected"] != position - 1:
                problems.append(
                    f"{row[7]} was made on version {rec['expected']} but is change {position}"
                    f" of claim {claim_id}: an out-of-date view was applied"
                )
            if rec["op"] == "verdict" and rec["version"] < position:
                problems.append(f"{row[7]} was told version {rec['version']} < {position}")

    # 3. The final state is the replay of the history.
    for claim_id, (status, version) in claims.items():
        rows = per_claim.get(claim_id, [])
        if version != len(rows):
            problems.append(f"claim {claim_id}: version {version} but {len(rows)} history rows")
        replayed = "unreviewed"
        for row in rows:
            if row[3] == "status":
                if row[4] != replayed:
                    problems.append(
                        f"claim {claim_id}: history row {row[0]} changed {row[4]!r}, "
                        f"but the status then was {replayed!r}"
                    )
                replayed = row[5]
        if status != replayed:
            problems.append(f"claim {claim_id}: status {status!r}, history says {replayed!r}")
    undone = {row[8] for row in history if row[2] == "undo" and row[3] == "note"}
    expected_notes = {
        int(row[8]): (int(row[1]), str(row[5]))
        for row in history
        if row[2] == "note" and row[8] not in undone
    }
    if expected_notes != live_notes:
        problems.append(
            f"notes differ from the history: {len(live_notes)} live, {len(expected_notes)} expected"
        )
    return problems


if __name__ == "__main__" and len(sys.argv) == 9 and sys.argv[1] == "writer":
    _, _, db_arg, out_arg, w_arg, n_arg, seed_arg, ids_arg, mode_arg = sys.argv
    _writer(
        db_arg,
        out_arg,
        int(w_arg),
        int(n_arg),
        int(seed_arg),
        [int(x) for x in ids_arg.split(",")],
        mode_arg,
    )
