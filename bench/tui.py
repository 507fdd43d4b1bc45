"""How the triage UI feels on a large database: first screen, keypresses and memory.

Builds a database of 100,000 claims (raw SQL into the real schema, seeded, so runs compare),
then drives the app headless in a fresh process and prints:
  - launch to first screen ready (rows drawn and the first claim's panels filled)
  - cursor move (j) and verdict key (v): keypress to repaint, median and p95
  - verdict key to saved (the row shows the verdict the database now holds)
  - cursor move to the matches pane filled (debounced 100 ms, then matched in a worker)
  - peak RSS of the UI process
Targets: first screen <= 1.5 s, keypress to repaint <= 50 ms p95, RSS <= 250 MB.

    .venv/bin/python bench/tui.py [--claims 100000] [--db PATH] [--moves 200] [--verdicts 100]
        [--matches 20]
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import pty
import random
import select
import sqlite3
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SOURCES = [f"Wire {i:02d}" for i in range(20)]
TYPES = ["statistic", "casualties", "economic", "policy", "attribution", "comparison"]
TEMPLATES = [
    "Officials said {n} people were affected in the {place} region last {month}.",
    "Prices rose {p}% in {place} over the year to {month}, the ministry said.",
    "The plan will cost ${n} million and create {m} jobs in {place}, the mayor said.",
    "About {n} troops are stationed near {place}, according to a military spokesman.",
    "Exports from {place} fell by {p}% in {month} compared with a year earlier.",
]
PLACES = ["Kyiv", "Lagos", "Lima", "Oslo", "Pune", "Quito", "Riga", "Sendai", "Tunis", "Utrecht"]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def build(path: Path, claims: int, per_document: int = 50) -> None:
    """Documents, sentences (one claim each) and claims, in one transaction."""
    from workbench.store.db import open_db

    rng = random.Random(7)
    db = open_db(path)
    conn = db.conn
    conn.execute("BEGIN")
    sentence_id = claim_id = 0
    for doc in range((claims + per_document - 1) // per_document):
        sentences: list[str] = []
        rows: list[tuple[int, int, int, int, str, str]] = []
        claim_rows: list[tuple[object, ...]] = []
        offset = 0
        for position in range(min(per_document, claims - claim_id)):
            n, p, m = rng.randint(10, 90_000), round(rng.uniform(0.5, 40), 1), rng.randint(5, 900)
            text = rng.choice(TEMPLATES).format(
                n=f"{n:,}", p=p, m=m, place=rng.choice(PLACES), month=rng.choice(MONTHS)
            )
            sentence_id += 1
            claim_id += 1
            rows.append((sentence_id, doc + 1, position, offset, text, "body"))
            number = str(p) if "{p}" in text else f"{n:,}"
            at = max(0, text.find(number))
            quantities = json.dumps(
                [{"raw": number, "value": float(n), "start": at, "end": at + len(number)}]
            )
            status = (
                rng.choice(["verified", "false", "misleading"])
                if rng.random() < 0.1
                else "unreviewed"
            )
            claim_rows.append(
                (
                    claim_id,
                    doc + 1,
                    sentence_id,
                    offset,
                    offset + len(text),
                    text,
                    "numeric",
                    rng.choice(TYPES),
                    round(rng.random(), 3),
                    '["contains a number"]',
                    quantities,
                    "bench",
                    status,
                )
            )
            sentences.append(text)
            offset += len(text) + 1
        body = " ".join(sentences)
        conn.execute(
            """INSERT INTO documents (id, external_id, title, source, published, format, raw_text,
                   cleaned_text, content_hash, imported_at)
               VALUES (?, ?, ?, ?, ?, 'txt', ?, ?, ?, '2026-01-05T09:00:00Z')""",
            [
                doc + 1,
                f"bench-{doc}",
                f"Bench article {doc}",
                SOURCES[doc % 20],
                "2021-04-06",
                body,
                body,
                f"hash-{doc}",
            ],
        )
        conn.executemany(
            "INSERT INTO sentences (id, document_id, position, start_char, end_char, text, role)"
            " VALUES (?, ?, ?, ?, ? + length(?), ?, ?)",
            [(s, d, pos, off, off, t, t, r) for s, d, pos, off, t, r in rows],
        )
        conn.executemany(
            """INSERT INTO claims (id, document_id, sentence_id, start_char, end_char, text, kind,
                   type, checkworthiness, reasons, quantities, extractor_version, status)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            claim_rows,
        )
    conn.commit()
    db.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


APP_CODE = (
    "import sys; from workbench.ui.app import make_app; "
    "make_app(sys.argv[1], reviewer='bench').run()"
)


class Terminal:
    """The app in a real pseudo-terminal: we type bytes and time what it writes back."""

    def __init__(self, db_path: str, size: tuple[int, int] = (120, 40)) -> None:
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: the workbench UI, nothing else
            os.environ["TERM"] = "xterm-256color"
            os.environ.pop("NO_COLOR", None)
            os.execv(sys.executable, [sys.executable, "-c", APP_CODE, db_path])
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.seen = b""

    def read(self, timeout: float) -> bytes:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return b""
        try:
            return os.read(self.fd, 1 << 20)
        except OSError:
            return b""

    def wait_for(self, needle: bytes, timeout: float = 30.0) -> float:
        """Seconds since launch when needle first appears in the output."""
        deadline = time.perf_counter() + timeout
        while needle not in self.seen:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{needle!r} never appeared")
            self.seen = (self.seen + self.read(0.05))[-200_000:]
        return time.perf_counter() - self.started

    def drain(self, quiet: float = 0.15) -> None:
        while self.read(quiet):
            pass

    def key(self, data: bytes, quiet: float = 0.008) -> tuple[float, float]:
        """(seconds to the end of the first repaint, seconds until the screen is quiet)."""
        self.drain(0.05)
        t = time.perf_counter()
        os.write(self.fd, data)
        first_end = None
        if not self.read(2.0):
            raise TimeoutError("no repaint after a key")
        while True:
            got = self.read(quiet)
            now = time.perf_counter()
            if not got:
                if first_end is None:
                    first_end = now - quiet - t
                # keep listening for later writes (the side panels, the saved row)
                if not self.read(0.12):
                    return first_end, time.perf_counter() - 0.12 - t

    def key_until(self, data: bytes, needles: tuple[bytes, ...], timeout: float = 20.0) -> float:
        """Seconds from the key until one of needles is written."""
        self.drain(0.05)
        t = time.perf_counter()
        os.write(self.fd, data)
        got = b""
        while not any(n in got for n in needles):
            if time.perf_counter() - t > timeout:
                raise TimeoutError(f"none of {needles!r} appeared")
            got += self.read(0.02)
        return time.perf_counter() - t

    def rss_mb(self) -> float:
        with open(f"/proc/{self.pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def close(self) -> None:
        os.write(self.fd, b"q")
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


MATCHES_SHOWN = (b"Matches 1/", b"No other document says")


def measure(db_path: str, moves: int, verdicts: int, matches: int) -> dict[str, float]:
    term = Terminal(db_path)
    result: dict[str, float] = {}
    try:
        result["first_screen_s"] = term.wait_for(b"History")  # the notes panel of the first claim
        term.drain(0.3)
        repaint, settled = [], []
        for _ in range(moves):
            first, quiet = term.key(b"j")
            repaint.append(first)
            settled.append(quiet)
        result["move_median_ms"] = statistics.median(repaint) * 1000
        result["move_p95_ms"] = percentile(repaint, 0.95) * 1000
        result["move_settled_p95_ms"] = percentile(settled, 0.95) * 1000
        result["jump_to_last_ms"] = term.key(b"G")[1] * 1000
        term.key(b"g")
        shown = [term.key_until(b"j", MATCHES_SHOWN) for _ in range(matches)]
        if shown:
            result["matches_median_ms"] = statistics.median(shown) * 1000
            result["matches_p95_ms"] = percentile(shown, 0.95) * 1000
        term.key(b"g")
        repaint, settled = [], []
        for _ in range(verdicts):
            first, quiet = term.key(b"v")
            repaint.append(first)
            settled.append(quiet)
        result["verdict_key_median_ms"] = statistics.median(repaint) * 1000
        result["verdict_key_p95_ms"] = percentile(repaint, 0.95) * 1000
        result["verdict_saved_median_ms"] = statistics.median(settled) * 1000
        result["verdict_saved_p95_ms"] = percentile(settled, 0.95) * 1000
        result["peak_rss_mb"] = term.rss_mb()
    finally:
        term.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="Reuse (or build once) this database file.")
    parser.add_argument("--moves", type=int, default=200)
    parser.add_argument("--verdicts", type=int, default=100)
    parser.add_argument("--matches", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.db or Path(tmp) / "bench.db"
        if not db_path.exists():
            t = time.perf_counter()
            build(db_path, args.claims)
            print(f"built {args.claims:,} claims in {time.perf_counter() - t:.1f} s")
        r = measure(str(db_path), args.moves, args.verdicts, args.matches)
        with sqlite3.connect(db_path) as conn:
            r["claims"] = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    print(f"claims listed                 {int(r['claims']):,}")
    print(f"launch to first screen ready  {r['first_screen_s']:.2f} s   (target <= 1.5 s)")
    print(
        f"cursor move (j)               median {r['move_median_ms']:.1f} ms, p95 {r['move_p95_ms']:.1f} ms   (target p95 <= 50 ms)"
    )
    print(
        f"verdict key (v) to repaint    median {r['verdict_key_median_ms']:.1f} ms, p95 {r['verdict_key_p95_ms']:.1f} ms   (target p95 <= 50 ms)"
    )
    print(
        f"verdict key (v) to saved      median {r['verdict_saved_median_ms']:.1f} ms, p95 {r['verdict_saved_p95_ms']:.1f} ms"
    )
    print(f"cursor move, panels filled    p95 {r['move_settled_p95_ms']:.0f} ms")
    print(f"jump to last claim (G)        {r['jump_to_last_ms']:.1f} ms")
    if "matches_median_ms" in r:
        print(
            f"cursor move to matches shown  median {r['matches_median_ms']:.0f} ms, "
            f"p95 {r['matches_p95_ms']:.0f} ms   (first view of a claim; then cached)"
        )
    print(f"peak RSS                      {r['peak_rss_mb']:.0f} MB   (target <= 250 MB)")


if __name__ == "__main__":
    main()
