"""Rendering reports: each format from hand-built report data, no database involved."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from markdown_it import MarkdownIt

from workbench.core.export import FORMATS, render
from workbench.core.models import EvidenceLink, NoteRecord, Quantity, Verdict
from workbench.core.report.claimreview import claim_reviews
from workbench.core.report.json_report import report_from_json
from workbench.core.report.model import (
    ContextSentence,
    Report,
    ReportClaim,
    ReportDocument,
    ReportError,
    ReportFilters,
    ReportSettings,
)
from workbench.core.report.settings import require_for_claimreview, settings_from_table
from workbench.core.report.summary import summarize
from workbench.core.report.table import neutralise
from workbench.core.report.text import segments, speaker_type

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "workbench/schemas/claimreview.schema.json").read_text()
)
HOSTILE = 'Officials said <script>alert("x")</script> <img src=x onerror=alert(1)> 24 died.'
SETTINGS = ReportSettings(organisation="Example Checks", url="https://checks.example.org")


def _claim(
    claim_id: int,
    sentence: str,
    status: Verdict,
    *,
    document_id: int = 1,
    span: tuple[int, int] | None = None,
    quantities: tuple[Quantity, ...] = (),
    notes: tuple[NoteRecord, ...] = (),
    evidence: tuple[EvidenceLink, ...] = (),
    speaker: str | None = None,
) -> ReportClaim:
    start, end = span or (0, len(sentence))
    return ReportClaim(
        id=claim_id,
        document_id=document_id,
        sentence_id=claim_id * 10,
        text=sentence[start:end],
        span_start=start,
        span_end=end,
        kind="numeric" if quantities else "factual",
        type="quantity" if quantities else "event",
        checkworthiness=0.875,
        speaker=speaker,
        status=status,
        reviewed_by=None if status is Verdict.UNREVIEWED else "ana",
        reviewed_at=None if status is Verdict.UNREVIEWED else f"2021-04-0{claim_id}T10:00:00Z",
        quantities=quantities,
        context=(
            ContextSentence(claim_id * 10 - 1, 3, "Before it."),
            ContextSentence(claim_id * 10, 4, sentence),
            ContextSentence(claim_id * 10 + 1, 5, "After it."),
        ),
        notes=notes,
        evidence=evidence,
    )


def make_report(**changes: object) -> Report:
    sentence = "Kyiv said 24 soldiers died this year, the army reported."
    evidence = (
        EvidenceLink(
            id=7,
            claim_id=1,
            sentence_id=99,
            stance="supports",
            relation="agrees",
            score=0.8125,
            reviewer="bo",
            created_at="2021-04-09T08:00:00Z",
            sentence_text="Twenty-four soldiers died, the ministry said.",
            document_id=2,
            document_title="Second report",
            document_source="Morning Ledger",
            document_url="https://ledger.example/2",
        ),
        EvidenceLink(
            id=8,
            claim_id=1,
            sentence_id=98,
            stance="contradicts",
            relation="conflicts",
            score=None,
            reviewer="ana",
            created_at="2021-04-09T09:00:00Z",
            sentence_text="Only 12 soldiers died.",
            document_id=2,
        ),
    )
    claims = (
        _claim(
            1,
            sentence,
            Verdict.FALSE,
            span=(10, 36),
            quantities=(
                Quantity("24", 24.0, unit="soldiers", start=10, end=12, scope="this year"),
            ),
            notes=(
                NoteRecord(3, 1, "Ministry says 12.\n=SUM(A1:A9)", "ana", "2021-04-08T11:00:00Z"),
            ),
            evidence=evidence,
            speaker="Kyiv",
        ),
        _claim(2, HOSTILE, Verdict.VERIFIED, document_id=2, speaker="John Kirby"),
        _claim(3, "Nothing was decided.", Verdict.UNREVIEWED),
    )
    base = Report(
        generated_at="2021-05-01T00:00:00Z",
        settings=SETTINGS,
        filters=ReportFilters(),
        documents=(
            ReportDocument(
                1,
                "First report",
                "Continental Wire",
                "https://wire.example/1",
                "2021-04-06",
                None,
                "cw-1",
            ),
            ReportDocument(
                2,
                "Second <b>report</b>",
                "Morning Ledger",
                "javascript:alert(1)",
                "2021-04-07",
                "M. Hollis",
            ),
        ),
        claims=claims,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


# --- HTML -------------------------------------------------------------------------------------


def test_html_article_and_note_text_injects_no_markup() -> None:
    html = render(make_report(), "html")
    tags = _tags(html)
    assert not [t for t, _ in tags if t in {"script", "img", "iframe", "object", "b"}]
    assert not [(t, a) for t, a in tags if any(k.startswith("on") for k in a)]
    hrefs = [a["href"] for t, a in tags if t == "a"]
    assert hrefs and all(str(h).startswith(("https://", "http://")) for h in hrefs)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "Second &lt;b&gt;report&lt;/b&gt;" in html


def test_html_is_self_contained_and_printable() -> None:
    html = render(make_report(), "html")
    tags = _tags(html)
    assert not [t for t, a in tags if t in {"link", "script"} or "src" in a]
    assert "@import" not in html and "url(" not in html
    assert "@media print" in html
    assert "script-src" not in html and "default-src 'none'" in html  # CSP forbids scripts


def test_html_marks_the_claim_span_and_its_numbers() -> None:
    html = render(make_report(), "html")
    assert (
        'Kyiv said <mark class="span"><mark class="num">24</mark> soldiers died this year</mark>'
        ", the army reported." in html
    )


def test_segments_cover_the_sentence_exactly_once() -> None:
    claim = make_report().claims[0]
    parts = segments(claim)
    assert "".join(p.text for p in parts) == claim.sentence
    assert [p.text for p in parts if p.in_number] == ["24"]
    assert "".join(p.text for p in parts if p.in_claim) == claim.text


# --- Markdown ---------------------------------------------------------------------------------


def test_markdown_escapes_article_text_even_where_html_is_allowed() -> None:
    md = render(make_report(), "md")
    html = MarkdownIt("commonmark").render(md)
    tags = _tags(html)
    assert not [t for t, _ in tags if t in {"script", "img", "b"}]
    assert not [(t, a) for t, a in tags if any(k.startswith("on") for k in a)]
    assert all(str(a["href"]).startswith("https://") for t, a in tags if t == "a" and "href" in a)
    assert "**24 soldiers died this year**" in md


def test_markdown_opens_with_the_summary() -> None:
    md = render(make_report(), "md")
    assert md.index("## Summary") < md.index("## Claims")
    assert "| False | 1 |" in md and "| Verified (true) | 1 |" in md
    assert "- **Reviewers:** ana, bo" in md


# --- CSV --------------------------------------------------------------------------------------


def test_csv_is_one_quoted_row_per_claim() -> None:
    text = render(make_report(), "csv")
    assert text.endswith("\r\n") and "\r\n" in text.split("\n", 1)[0] + "\n"
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["claim_id"] for r in rows] == ["1", "2", "3"]
    assert rows[1]["claim"] == HOSTILE  # quotes and commas survive RFC 4180 quoting
    assert rows[0]["notes"].endswith("Ministry says 12.\n=SUM(A1:A9)")
    assert "Twenty-four soldiers died" in rows[0]["supporting_evidence"]
    assert "Only 12 soldiers died." in rows[0]["contradicting_evidence"]


@pytest.mark.parametrize("lead", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_look_like_formulas_are_neutralised(lead: str) -> None:
    note = NoteRecord(1, 1, "x", f'{lead}HYPERLINK("http://evil")', "t")
    claim = dataclasses.replace(
        make_report().claims[0], text=f"{lead}1+1", notes=(note,), speaker=f"{lead}cmd"
    )
    text = render(make_report(claims=(claim,)), "csv")
    row = next(csv.DictReader(io.StringIO(text, newline="")))
    assert row["claim"] == f"'{lead}1+1"
    assert row["speaker"] == f"'{lead}cmd"
    assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in row.values())


def test_neutralise_leaves_ordinary_cells_alone() -> None:
    assert neutralise("24 soldiers") == "24 soldiers"
    assert neutralise("") == ""
    assert neutralise("-5") == "'-5"


# --- JSON -------------------------------------------------------------------------------------


def test_json_round_trips_the_whole_report() -> None:
    report = make_report(
        filters=ReportFilters(
            statuses=(Verdict.FALSE, Verdict.UNREVIEWED),
            sources=("Continental Wire",),
            document_ids=(1, 2),
            since="2021-04-01",
            reviewer="ana",
        )
    )
    text = render(report, "json")
    data = json.loads(text)
    assert (data["format"], data["version"]) == ("claim-workbench-report", 1)
    assert data["summary"]["claims"] == 3
    assert report_from_json(text) == report


def test_json_loader_refuses_other_files_and_versions() -> None:
    with pytest.raises(ReportError, match="not a Claim Workbench report"):
        report_from_json('{"claims": []}')
    data = json.loads(render(make_report(), "json"))
    data["version"] = 2
    with pytest.raises(ReportError, match="version 2"):
        report_from_json(json.dumps(data))


# --- ClaimReview ------------------------------------------------------------------------------


def test_claimreview_matches_the_schema_and_skips_unreviewed_claims() -> None:
    text = render(make_report(), "claimreview")
    data = json.loads(text)
    jsonschema.validate(data, SCHEMA)
    assert [d["url"] for d in data] == [
        "https://checks.example.org#claim-1",
        "https://checks.example.org#claim-2",
    ]
    assert "<" not in text  # safe to paste inside a <script type="application/ld+json">


def test_claimreview_rating_speaker_and_appearances() -> None:
    first, second = claim_reviews(make_report())
    assert first["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "False",
    }
    assert second["reviewRating"]["ratingValue"] == 5
    item = first["itemReviewed"]
    assert item["author"] == {"@type": "Organization", "name": "Kyiv"}
    assert second["itemReviewed"]["author"]["@type"] == "Person"
    assert item["datePublished"] == "2021-04-06"
    # the source document, then the supporting evidence's document (whose javascript: URL is dropped)
    assert [a.get("headline") for a in item["appearance"]] == [
        "First report",
        "Second <b>report</b>",
    ]
    assert item["appearance"][0]["publisher"] == {
        "@type": "Organization",
        "name": "Continental Wire",
    }
    assert "url" not in item["appearance"][1]
    assert first["author"] == {
        "@type": "Organization",
        "name": "Example Checks",
        "url": "https://checks.example.org",
    }


def test_claimreview_without_an_organisation_url_says_what_to_set() -> None:
    with pytest.raises(ReportError, match=r"set `url = .*\[report\] table of cfg.toml"):
        require_for_claimreview(ReportSettings(), "cfg.toml")
    with pytest.raises(ReportError, match="url"):
        render(make_report(settings=ReportSettings()), "claimreview")


@pytest.mark.parametrize(
    ("speaker", "kind"),
    [
        ("John Kirby", "Person"),
        ("Dmitry Peskov", "Person"),
        ("Pentagon", "Organization"),
        ("Ukraine's defence ministry", "Organization"),
        ("United Nations", "Organization"),
        ("NATO", "Organization"),
    ],
)
def test_speaker_type(speaker: str, kind: str) -> None:
    assert speaker_type(speaker) == kind


# --- Settings and summary ---------------------------------------------------------------------


def test_settings_from_config_table_with_defaults() -> None:
    settings = settings_from_table(
        {"organisation": "Desk", "url": "https://desk.example/", "rating": {"misleading": 2.5}},
        "cfg.toml",
    )
    assert settings.review_url(9) == "https://desk.example#claim-9"
    assert settings.rating.value_of(Verdict.MISLEADING) == 2.5
    assert settings.rating.value_of(Verdict.VERIFIED) == 5
    assert ReportSettings(url="https://desk.example").organisation_name == "desk.example"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"url": "desk.example"}, "`report.url` in cfg.toml"),
        ({"rating": {"false": 9}}, "`report.rating.false` in cfg.toml must lie between"),
        ({"rating": {"best": 1, "worst": 5}}, "`report.rating.worst` must be below"),
        ({"claim_url": "{url}/x"}, "must contain {id}"),
        ({"organization": "Desk"}, "Unknown key `report.organization` in cfg.toml"),
    ],
)
def test_bad_settings_name_the_key_and_file(table: dict[str, object], message: str) -> None:
    with pytest.raises(ReportError) as caught:
        settings_from_table(table, "cfg.toml")
    assert message in str(caught.value)


def test_summary_counts_and_ranges() -> None:
    summary = summarize(make_report())
    assert summary.claims == 3
    assert {c.key: c.count for c in summary.by_verdict}["false"] == 1
    assert [(c.label, c.count) for c in summary.by_source] == [
        ("Continental Wire", 2),
        ("Morning Ledger", 1),
    ]
    assert [c.count for c in summary.by_document] == [2, 1]
    assert (summary.first_review, summary.last_review) == (
        "2021-04-01T10:00:00Z",
        "2021-04-02T10:00:00Z",
    )
    assert summary.reviewers == ("ana", "bo")


def test_every_format_renders_an_empty_report() -> None:
    empty = make_report(claims=(), documents=())
    for name in FORMATS:
        assert render(empty, name)
    assert json.loads(render(empty, "claimreview")) == []
