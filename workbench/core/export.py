"""Turning a Report into the bytes of a file, one renderer per format. Pure: no I/O, no clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from workbench.core.report.claimreview import render_claimreview
from workbench.core.report.html import render_html
from workbench.core.report.json_report import render_json, report_from_json
from workbench.core.report.markdown import render_markdown
from workbench.core.report.model import Report, ReportError
from workbench.core.report.table import render_csv


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    media_type: str
    render: Callable[[Report], str]
    description: str


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("md", ".md", "text/markdown", render_markdown, "Markdown, for wikis and email"),
        Format("html", ".html", "text/html", render_html, "one self-contained page to print"),
        Format("csv", ".csv", "text/csv", render_csv, "one row per claim, for spreadsheets"),
        Format("json", ".json", "application/json", render_json, "all report data, versioned"),
        Format(
            "claimreview",
            ".jsonld",
            "application/ld+json",
            render_claimreview,
            "schema.org ClaimReview JSON-LD",
        ),
    )
}


def render(report: Report, fmt: str) -> str:
    try:
        chosen = FORMATS[fmt]
    except KeyError:
        raise ReportError(
            f"Unknown report format {fmt!r}; use one of {', '.join(FORMATS)}."
        ) from None
    return chosen.render(report)


def render_bytes(report: Report, fmt: str) -> bytes:
    """UTF-8 without a byte-order mark, line ends exactly as rendered (CRLF for CSV)."""
    return render(report, fmt).encode("utf-8")


__all__ = [
    "FORMATS",
    "Format",
    "Report",
    "ReportError",
    "render",
    "render_bytes",
    "report_from_json",
]
