"""Reading the [report] table of the config file into ReportSettings, with errors that say which key."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workbench.core.models import Verdict
from workbench.core.report.model import REVIEWED, RatingScale, ReportError, ReportSettings

EXAMPLE = """[report]
organisation = "Example Fact Check"
url = "https://factcheck.example.org"
claim_url = "{url}/claims/{id}"   # optional; the default is "{url}#claim-{id}"

[report.rating]                   # optional; ClaimReview's numeric scale
best = 5
worst = 1
verified = 5
needs_context = 4
unverifiable = 3
misleading = 2
false = 1"""

_KNOWN = {"organisation", "url", "title", "claim_url", "rating"}


def settings_from_table(table: Mapping[str, Any], where: str) -> ReportSettings:
    """Settings from the config's [report] table; `where` names the file in error messages."""
    unknown = sorted(set(table) - _KNOWN)
    if unknown:
        raise ReportError(
            f"Unknown key `report.{unknown[0]}` in {where}; "
            f"the [report] table takes {', '.join(sorted(_KNOWN))}."
        )
    defaults = ReportSettings()
    url = _text(table, "url", where)
    if url is not None and not url.lower().startswith(("https://", "http://")):
        raise ReportError(
            f"`report.url` in {where} must be a web address starting with https:// ({url!r})."
        )
    claim_url = _text(table, "claim_url", where) or defaults.claim_url
    if "{id}" not in claim_url:
        raise ReportError(f"`report.claim_url` in {where} must contain {{id}} ({claim_url!r}).")
    try:
        claim_url.format(url="", id=0)
    except (KeyError, IndexError, ValueError) as exc:
        raise ReportError(
            f"`report.claim_url` in {where} may only use {{url}} and {{id}} ({exc})."
        ) from None
    return ReportSettings(
        organisation=_text(table, "organisation", where),
        url=url,
        title=_text(table, "title", where) or defaults.title,
        claim_url=claim_url,
        rating=_rating(table.get("rating", {}), where),
    )


def _text(table: Mapping[str, Any], key: str, where: str) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ReportError(f"`report.{key}` in {where} must be a non-empty string.")
    return value.strip()


def _number(value: Any, key: str, where: str) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ReportError(f"`report.rating.{key}` in {where} must be a number ({value!r}).")
    return int(value) if float(value).is_integer() else float(value)


def _rating(table: Any, where: str) -> RatingScale:
    if not isinstance(table, Mapping):
        raise ReportError(f"`report.rating` in {where} must be a table, like [report.rating].")
    names = {str(v): v for v in REVIEWED}
    unknown = sorted(set(table) - set(names) - {"best", "worst"})
    if unknown:
        raise ReportError(
            f"Unknown key `report.rating.{unknown[0]}` in {where}; use best, worst or "
            f"one of {', '.join(names)}."
        )
    defaults = RatingScale()
    best = _number(table.get("best", defaults.best), "best", where)
    worst = _number(table.get("worst", defaults.worst), "worst", where)
    if worst >= best:
        raise ReportError(f"`report.rating.worst` must be below `best` in {where}.")
    values: list[tuple[Verdict, int | float]] = []
    for verdict, default in defaults.values:
        value = _number(table.get(str(verdict), default), str(verdict), where)
        if not worst <= value <= best:
            raise ReportError(
                f"`report.rating.{verdict}` in {where} must lie between worst ({worst}) "
                f"and best ({best}); it is {value}."
            )
        values.append((verdict, value))
    return RatingScale(best=best, worst=worst, values=tuple(values))


def require_for_claimreview(settings: ReportSettings, where: str) -> None:
    """ClaimReview needs a public URL for each review: say which key to set, and where."""
    if not settings.url:
        raise ReportError(
            "ClaimReview needs your organisation's web address to build each review's URL; "
            f'set `url = "https://..."` in the [report] table of {where}.'
        )
