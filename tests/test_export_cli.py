"""`workbench export` on the bundled samples: golden files per format, filters and errors.

The golden files change whenever the samples or the extractor do. To refresh them, run
`UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_export_cli.py` and read the diff before committing.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.core.models import Article, ClaimQuery, Paragraph, SortOrder, Verdict
from workbench.core.models import Claim as CoreClaim
from workbench.core.models import Sentence as CoreSentence
from workbench.ops import ingest as ingest_ops
from workbench.store import claims as claim_store
from workbench.store import review as review_store
from workbench.store.db import connect
from workbench.store.documents import insert_document

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "data" / "golden"
SCHEMA = json.loads((ROOT / "workbench" / "schemas" / "claimreview.schema.json").read_text())
GENERATED_AT = "2021-05-01T12:00:00Z"
CONFIG = """[report]
organisation = "Example Fact Check"
url = "https://factcheck.example.org"
"""
VERDICTS = (
    Verdict.VERIFIED,
    Verdict.FALSE,
    Verdict.MISLEADING,
    Verdict.NEEDS_CONTEXT,
    Verdict.UNVERIFIABLE,
)
SUFFIX = {"md": "md", "html": "html", "csv": "csv", "json": "json", "claimreview": "jsonld"}


def review_samples(db_path: Path, samples_dir: Path) -> None:
    """The samples with a fixed pattern of verdicts, notes and evidence at fixed times."""
    ingest_ops.ingest(db_path, [str(samples_dir)])
    with connect(db_path) as db:
        ids = claim_store.claim_ids(db, ClaimQuery(sort=SortOrder.DOCUMENT))
        sentences = dict(db.execute("SELECT id, sentence_id FROM claims").fetchall())
        for i, cid in enumerate(ids):
            if i % 3 == 2:
                continue  # left unreviewed
            reviewer = "ana" if i % 2 == 0 else "ben"
            at = f"2021-04-{8 + i // 20:02d}T09:{i % 60:02d}:00Z"
            note = f"Checked against the wire copy ({i})." if i % 4 == 0 else None
            review_store.set_verdict(
                db, cid, VERDICTS[i % len(VERDICTS)], reviewer=reviewer, at=at, note=note
            )
            if i % 5 == 0:
                other = ids[-1 - i]
                review_store.add_evidence(
                    db,
                    cid,
                    sentences[other],
                    stance="supports" if i % 10 == 0 else "contradicts",
                    relation="agrees" if i % 10 == 0 else "conflicts",
                    score=0.5 + i / 100,
                    reviewer="cleo",
                    at=f"2021-04-10T10:{i % 60:02d}:00Z",
                )


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "samples.db"
    review_samples(path, ROOT / "workbench" / "samples")
    return path


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = Path(os.environ["WORKBENCH_CONFIG"])
    path.write_text(CONFIG, encoding="utf-8")
    return path


def export(db: Path, *args: str) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(main, ["--db", str(db), "export", *args], catch_exceptions=False)
    return result.exit_code, result.stdout_bytes, result.stderr


@pytest.mark.parametrize("fmt", list(SUFFIX))
def test_golden_report(sample_db: Path, config: Path, fmt: str) -> None:
    code, out, err = export(sample_db, "--format", fmt, "--generated-at", GENERATED_AT)
    assert code == 0, err
    golden = GOLDEN / f"samples.{SUFFIX[fmt]}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_bytes(out)
    assert golden.exists(), f"no golden file {golden.name}; run with UPDATE_GOLDEN=1"
    assert out == golden.read_bytes(), (
        f"{fmt} output differs from {golden.name}; if the change is intended, rerun with "
        "UPDATE_GOLDEN=1 and review the diff"
    )
    again = export(sample_db, "--format", fmt, "--generated-at", GENERATED_AT)[1]
    assert again == out  # same database, same bytes


def test_default_scope_is_reviewed_claims(sample_db: Path, config: Path) -> None:
    data = json.loads(export(sample_db, "-f", "json")[1])
    with connect(sample_db) as db:
        counts = claim_store.status_counts(db)
    reviewed = sum(n for status, n in counts.items() if status != "unreviewed")
    assert len(data["claims"]) == reviewed > 0
    assert {c["verdict"] for c in data["claims"]} == {str(v) for v in VERDICTS}
    assert data["summary"]["reviewers"] == ["ana", "ben", "cleo"]

    only = json.loads(export(sample_db, "-f", "json", "--status", "unreviewed,false")[1])
    assert {c["verdict"] for c in only["claims"]} == {"unreviewed", "false"}
    assert len(only["claims"]) == counts["unreviewed"] + counts["false"]


def test_filters_narrow_the_report(sample_db: Path, config: Path) -> None:
    def claims(*args: str) -> list[dict[str, object]]:
        code, out, err = export(sample_db, "-f", "json", *args)
        assert code == 0, err
        return list(json.loads(out)["claims"])

    every = claims()
    by_source = claims("--source", "Continental Wire")
    docs = {d["id"]: d for d in json.loads(export(sample_db, "-f", "json")[1])["documents"]}
    assert by_source and len(by_source) < len(every)
    assert all(docs[c["document_id"]]["source"] == "Continental Wire" for c in by_source)

    external = next(d["external_id"] for d in docs.values() if d["external_id"])
    by_doc = claims("--document", str(external))
    assert by_doc and {docs[c["document_id"]]["external_id"] for c in by_doc} == {external}

    late = claims("--since", "2021-04-09")
    assert late and all(str(c["reviewed_at"]) >= "2021-04-09" for c in late)
    assert len(late) < len(every)

    ben = claims("--reviewer", "ben")
    assert ben and all(c["reviewed_by"] == "ben" or "ben" in c["reviewers"] for c in ben)  # type: ignore[operator]
    cleo = claims("--reviewer", "cleo")  # added evidence only
    assert cleo and all(any(e["reviewer"] == "cleo" for e in c["evidence"]) for c in cleo)  # type: ignore[attr-defined]


def test_output_file_and_format_from_its_name(
    sample_db: Path, config: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "report.csv"
    target.parent.mkdir()
    code, out, err = export(sample_db, "-o", str(target))
    assert code == 0 and out == b""
    assert "Wrote" in err and str(target) in err
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    assert rows and rows[0]["claim_id"]


def test_claimreview_output_validates(sample_db: Path, config: Path) -> None:
    data = json.loads(export(sample_db, "-f", "claimreview")[1])
    jsonschema.validate(data, SCHEMA)
    assert all(d["url"].startswith("https://factcheck.example.org#claim-") for d in data)


def test_claimreview_without_url_names_the_key_and_file(sample_db: Path) -> None:
    Path(os.environ["WORKBENCH_CONFIG"]).write_text('[report]\norganisation = "Desk"\n')
    code, out, err = export(sample_db, "-f", "claimreview")
    assert code == 1 and out == b""
    assert "`url" in err and "[report]" in err and os.environ["WORKBENCH_CONFIG"] in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--status", "maybe"), "Unknown verdict 'maybe'"),
        (("--since", "last week"), "is not a date"),
        (("--document", "no-such-doc"), "There is no document 'no-such-doc'"),
        (("-o", "/nonexistent-folder/report.md"), "does not exist"),
    ],
)
def test_user_errors_are_one_sentence(
    sample_db: Path, config: Path, args: tuple[str, ...], message: str
) -> None:
    code, _out, err = export(sample_db, *args)
    assert code == 1 and message in err and "Traceback" not in err


def _hostile_db(path: Path) -> None:
    text = (
        'The mayor said <script>alert("pwned")</script> 24 buses were lost. '
        '=HYPERLINK("http://evil.example") cost 5 million. <img src=x onerror=alert(1)> '
        "was posted 3 times."
    )
    ends = [text.index("lost.") + 5, text.index("million.") + 8, len(text)]
    starts = [0, ends[0] + 1, ends[1] + 1]
    sentences = [
        CoreSentence(i, s, e, text[s:e]) for i, (s, e) in enumerate(zip(starts, ends, strict=True))
    ]
    with connect(path) as db:
        doc = insert_document(
            db,
            Article(
                raw_text=text,
                cleaned_text=text,
                paragraphs=(Paragraph(0, len(text)),),
                title='<script>alert("title")</script>',
                source="=cmd|' /C calc'!A0",
                url="javascript:alert(document.cookie)",
            ),
            content_hash="hostile",
            sentences=sentences,
            claims=[
                (s.position, CoreClaim(s.text, 0, len(s.text), "numeric", "quantity", 0.9))
                for s in sentences
            ],
            extractor_version="test",
            imported_at="2021-01-01T00:00:00Z",
        )
        assert doc is not None
        ids = claim_store.claim_ids(db, ClaimQuery(sort=SortOrder.DOCUMENT))
        for cid in ids:
            review_store.set_verdict(
                db,
                cid,
                Verdict.FALSE,
                reviewer="ana",
                at="2021-04-08T09:00:00Z",
                note='<svg onload=alert(1)> "quoted", =1+1',
            )


def test_hostile_article_injects_nothing_in_html_or_csv(tmp_path: Path, config: Path) -> None:
    db = tmp_path / "hostile.db"
    _hostile_db(db)
    html = export(db, "-f", "html")[1].decode()
    lowered = html.lower()
    assert "<script" not in lowered and "<img" not in lowered and "<svg" not in lowered
    assert "javascript:" not in lowered  # an unsafe URL is never linked
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in html
    rows = list(csv.reader(io.StringIO(export(db, "-f", "csv")[1].decode(), newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'=cmd|' /C calc'!A0" in cells
