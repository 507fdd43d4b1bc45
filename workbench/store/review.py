"""Verdicts, notes, evidence links and undo: each change lands with its audit row or not at all."""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database

from workbench.core.models import EvidenceLink, HistoryEntry, NoteRecord, Verdict
from workbench.store.codec import evidence_from_row, history_from_row, note_from_row
from workbench.store.db import ConflictError, StoreError, write

UNDOABLE = ("verdict", "note", "evidence")


def _log(
    db: Database,
    *,
    claim_id: int,
    action: str,
    field: str,
    old: str | None,
    new: str | None,
    reviewer: str,
    at: str,
    ref_id: int | None = None,
    undoes: int | None = None,
) -> int:
    cur = db.conn.execute(
        """INSERT INTO history (claim_id, action, field, old_value, new_value, reviewer, at,
               ref_id, undoes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [claim_id, action, field, old, new, reviewer, at, ref_id, undoes],
    )
    db.conn.execute("UPDATE claims SET version = version + 1 WHERE id = ?", [claim_id])
    return int(cur.lastrowid or 0)


def _current(db: Database, claim_id: int) -> tuple[str, int]:
    row = db.execute("SELECT status, version FROM claims WHERE id = ?", [claim_id]).fetchone()
    if row is None:
        raise StoreError(f"There is no claim {claim_id}; list claims with `workbench claims`.")
    return str(row[0]), int(row[1])


def _last_change(db: Database, claim_id: int) -> tuple[str | None, str | None]:
    row = db.execute(
        "SELECT reviewer, action || ' ' || coalesce(new_value, '') FROM history "
        "WHERE claim_id = ? ORDER BY id DESC LIMIT 1",
        [claim_id],
    ).fetchone()
    return (None, None) if row is None else (str(row[0]), str(row[1]).strip())


def _check_version(db: Database, claim_id: int, expected: int | None) -> tuple[str, int]:
    status, version = _current(db, claim_id)
    if expected is not None and expected != version:
        by, what = _last_change(db, claim_id)
        raise ConflictError(
            f"Claim {claim_id} was changed by {by or 'someone else'} ({what or 'an edit'}) "
            "since you loaded it; reload it and decide again.",
            claim_id=claim_id,
            by=by,
            what=what,
        )
    return status, version


def set_verdict(
    db: Database,
    claim_id: int,
    verdict: Verdict,
    *,
    reviewer: str,
    at: str,
    expected_version: int | None = None,
    note: str | None = None,
) -> int:
    """Record a verdict (and optional note); returns the claim's new version."""
    with write(db):
        old, _version = _check_version(db, claim_id, expected_version)
        if old != str(verdict):
            db.conn.execute(
                "UPDATE claims SET status = ?, reviewed_by = ?, reviewed_at = ? WHERE id = ?",
                [
                    str(verdict),
                    None if verdict is Verdict.UNREVIEWED else reviewer,
                    None if verdict is Verdict.UNREVIEWED else at,
                    claim_id,
                ],
            )
            _log(
                db,
                claim_id=claim_id,
                action="verdict",
                field="status",
                old=old,
                new=str(verdict),
                reviewer=reviewer,
                at=at,
            )
        if note:
            _add_note(db, claim_id, note, reviewer=reviewer, at=at)
        return _current(db, claim_id)[1]


def set_verdicts(
    db: Database,
    claim_ids: Sequence[int],
    verdict: Verdict,
    *,
    reviewer: str,
    at: str,
    expected_versions: dict[int, int] | None = None,
) -> int:
    """Apply one verdict to many claims in one transaction; returns how many changed."""
    changed = 0
    with write(db):
        for claim_id in claim_ids:
            expected = (expected_versions or {}).get(claim_id)
            old, _ = _check_version(db, claim_id, expected)
            if old == str(verdict):
                continue
            set_verdict(db, claim_id, verdict, reviewer=reviewer, at=at)
            changed += 1
    return changed


def _add_note(db: Database, claim_id: int, body: str, *, reviewer: str, at: str) -> int:
    cur = db.conn.execute(
        "INSERT INTO notes (claim_id, body, author, created_at) VALUES (?, ?, ?, ?)",
        [claim_id, body, reviewer, at],
    )
    note_id = int(cur.lastrowid or 0)
    _log(
        db,
        claim_id=claim_id,
        action="note",
        field="note",
        old=None,
        new=body,
        reviewer=reviewer,
        at=at,
        ref_id=note_id,
    )
    return note_id


def add_note(
    db: Database,
    claim_id: int,
    body: str,
    *,
    reviewer: str,
    at: str,
    expected_version: int | None = None,
) -> int:
    """Append a note; notes are never edited in place, so nothing typed is overwritten."""
    with write(db):
        _check_version(db, claim_id, expected_version)
        return _add_note(db, claim_id, body, reviewer=reviewer, at=at)


def add_evidence(
    db: Database,
    claim_id: int,
    sentence_id: int,
    *,
    stance: str,
    relation: str,
    score: float | None,
    reviewer: str,
    at: str,
) -> int:
    with write(db):
        _current(db, claim_id)
        cur = db.conn.execute(
            """INSERT INTO evidence (claim_id, sentence_id, stance, relation, score, reviewer,
                   created_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [claim_id, sentence_id, stance, relation, score, reviewer, at],
        )
        evidence_id = int(cur.lastrowid or 0)
        _log(
            db,
            claim_id=claim_id,
            action="evidence",
            field=stance,
            old=None,
            new=f"sentence {sentence_id} ({relation})",
            reviewer=reviewer,
            at=at,
            ref_id=evidence_id,
        )
        return evidence_id


def undo_last(db: Database, *, reviewer: str, at: str) -> HistoryEntry | None:
    """Revert this reviewer's latest change that is not yet undone; None if there is none.

    Works from the history, so it reaches back across restarts. A verdict someone else has
    since overwritten is not clobbered: that raises ConflictError.
    """
    with write(db):
        rows = list(
            db.query(
                f"""SELECT * FROM history h
                   WHERE h.reviewer = ? AND h.action IN ({", ".join("?" * len(UNDOABLE))})
                     AND NOT EXISTS (SELECT 1 FROM history u WHERE u.undoes = h.id)
                   ORDER BY h.id DESC LIMIT 1""",
                [reviewer, *UNDOABLE],
            )
        )
        if not rows:
            return None
        entry = history_from_row(rows[0])
        if entry.action == "verdict":
            status, _ = _current(db, entry.claim_id)
            if status != entry.new_value:
                by, what = _last_change(db, entry.claim_id)
                raise ConflictError(
                    f"Cannot undo: claim {entry.claim_id} was changed since by "
                    f"{by or 'someone else'} ({what or 'an edit'}).",
                    claim_id=entry.claim_id,
                    by=by,
                    what=what,
                )
            restored = entry.old_value or str(Verdict.UNREVIEWED)
            prior = db.execute(
                """SELECT reviewer, at FROM history WHERE claim_id = ? AND action = 'verdict'
                   AND id < ? AND new_value = ? ORDER BY id DESC LIMIT 1""",
                [entry.claim_id, entry.id, restored],
            ).fetchone()
            db.conn.execute(
                "UPDATE claims SET status = ?, reviewed_by = ?, reviewed_at = ? WHERE id = ?",
                [
                    restored,
                    prior[0] if prior and restored != "unreviewed" else None,
                    prior[1] if prior and restored != "unreviewed" else None,
                    entry.claim_id,
                ],
            )
            new = restored
        elif entry.action == "note":
            db.conn.execute("UPDATE notes SET deleted = 1 WHERE id = ?", [entry.ref_id])
            new = None
        else:
            db.conn.execute("UPDATE evidence SET removed = 1 WHERE id = ?", [entry.ref_id])
            new = None
        undo_id = _log(
            db,
            claim_id=entry.claim_id,
            action="undo",
            field=entry.field,
            old=entry.new_value,
            new=new,
            reviewer=reviewer,
            at=at,
            ref_id=entry.ref_id,
            undoes=entry.id,
        )
        return history_from_row(
            next(iter(db.query("SELECT * FROM history WHERE id = ?", [undo_id])))
        )


def history(
    db: Database, claim_id: int | None = None, limit: int | None = None
) -> list[HistoryEntry]:
    sql = "SELECT * FROM history"
    params: list[object] = []
    if claim_id is not None:
        sql += " WHERE claim_id = ?"
        params.append(claim_id)
    sql += " ORDER BY id"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return [history_from_row(r) for r in db.query(sql, params)]


def notes(db: Database, claim_id: int) -> list[NoteRecord]:
    rows = db.query(
        "SELECT * FROM notes WHERE claim_id = ? AND deleted = 0 ORDER BY id", [claim_id]
    )
    return [note_from_row(r) for r in rows]


def evidence(db: Database, claim_id: int) -> list[EvidenceLink]:
    rows = db.query(
        """SELECT e.id, e.claim_id, e.sentence_id, e.stance, e.relation, e.score, e.reviewer,
                  e.created_at, s.text AS sentence_text, s.document_id,
                  d.title AS document_title, d.source AS document_source, d.url AS document_url,
                  d.external_id
           FROM evidence e JOIN sentences s ON s.id = e.sentence_id
           JOIN documents d ON d.id = s.document_id
           WHERE e.claim_id = ? AND e.removed = 0 ORDER BY e.id""",
        [claim_id],
    )
    return [evidence_from_row(r) for r in rows]


def data_version(db: Database) -> int:
    """Changes when another connection commits: a cheap poll for 'someone else changed data'."""
    return int(db.execute("PRAGMA data_version").fetchone()[0])
