"""One glyph and one CSS class per verdict, shared by the list, the panels and the help.

Glyphs differ in shape, not only colour, so NO_COLOR terminals keep every state apart.
"""

from __future__ import annotations

from workbench.core.models import Verdict

GLYPHS: dict[Verdict, str] = {
    Verdict.UNREVIEWED: "·",
    Verdict.VERIFIED: "✓",
    Verdict.FALSE: "✗",
    Verdict.MISLEADING: "!",
    Verdict.UNVERIFIABLE: "?",
    Verdict.NEEDS_CONTEXT: "…",
}
PENDING_GLYPH = "◌"

SHORT_LABELS: dict[Verdict, str] = {
    Verdict.UNREVIEWED: "unreviewed",
    Verdict.VERIFIED: "true",
    Verdict.FALSE: "false",
    Verdict.MISLEADING: "misleading",
    Verdict.UNVERIFIABLE: "unverifiable",
    Verdict.NEEDS_CONTEXT: "needs context",
}


def verdict_class(verdict: Verdict) -> str:
    return "-" + str(verdict).replace("_", "-")
