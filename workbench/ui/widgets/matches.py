"""The matches pane: what other documents say about the selected claim, with its own cursor.

The pane only shows what it is given; the triage screen loads matches in a worker and decides
what `a`, `d` and Enter do with the highlighted one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from workbench.core.matching import Match, QuantityPair
from workbench.core.models import Quantity, Verdict
from workbench.ui.glyphs import SHORT_LABELS

MUTED = "$text-muted"
RELATION_LABELS = {
    "conflicts": ("≠", "conflicts", "bold $error"),
    "agrees": ("=", "agrees", "bold $success"),
    "related": ("~", "related", MUTED),
}


class MatchesPane(VerticalScroll):
    """One entry per match, best first; the highlighted one is what a, d and Enter act on."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "move(1)", "Next match", show=False, id="matches.down"),
        Binding("k,up", "move(-1)", "Previous match", show=False, id="matches.up"),
        Binding(
            "enter",
            "choose",
            "Open match",
            id="matches.open",
            tooltip="Open the matched sentence in its document",
        ),
    ]

    @dataclass
    class Chosen(Message):
        """Enter on a match: the reviewer wants to read it in its document."""

        pane: MatchesPane
        claim_id: int
        match: Match

        @property
        def control(self) -> MatchesPane:
            return self.pane

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._claim_id: int | None = None
        self._matches: tuple[Match, ...] = ()
        self._loaded = False
        self.cursor = 0

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Matches appear here.", MUTED), classes="matches-message")

    # --- what the screen calls ----------------------------------------------------------------

    @property
    def claim_id(self) -> int | None:
        return self._claim_id

    @property
    def matches(self) -> tuple[Match, ...]:
        return self._matches

    @property
    def loaded(self) -> bool:
        """True once matches (possibly none) are shown for claim_id, not a message."""
        return self._loaded

    @property
    def highlighted(self) -> Match | None:
        return self._matches[self.cursor] if self._matches else None

    def mark_loading(self, claim_id: int) -> None:
        """Dim what is shown until the new claim's matches arrive: cheaper than clearing it,
        so holding j does not rebuild the pane on every row."""
        self._claim_id = claim_id
        self._matches = ()
        self._loaded = False
        self.cursor = 0
        self.border_title = "Matches · finding…"
        self.border_subtitle = ""
        self.add_class("-loading")

    def show_message(self, text: str, claim_id: int | None = None) -> None:
        """A placeholder, 'Finding matches…' or an error in plain words."""
        self._claim_id = claim_id
        self._matches = ()
        self._loaded = False
        self.cursor = 0
        self._set_title()
        self.remove_class("-loading")
        self.remove_children(".match")
        message = self.query_one(".matches-message", Static)
        message.update(Content.styled(text, MUTED))
        message.display = True

    def show_matches(self, claim_id: int, matches: Sequence[Match]) -> None:
        """Show matches; the same claim shown again keeps its highlighted match."""
        current = self.highlighted if claim_id == self._claim_id else None
        keep = current.sentence_id if current is not None else None
        self._claim_id = claim_id
        self._matches = tuple(matches)
        self._loaded = True
        ids = [x.sentence_id for x in self._matches]
        self.cursor = ids.index(keep) if keep in ids else 0
        self._set_title()
        self.remove_class("-loading")
        self.remove_children(".match")
        message = self.query_one(".matches-message", Static)
        if not self._matches:
            message.update(Content.styled("No other document says anything close.", MUTED))
            message.display = True
            return
        message.display = False
        self.mount_all(
            Static(match_content(x), classes=f"match -{x.relation}") for x in self._matches
        )
        self.call_after_refresh(self._paint_cursor)

    def move(self, delta: int) -> None:
        if not self._matches:
            return
        self.cursor = max(0, min(len(self._matches) - 1, self.cursor + delta))
        self._set_title()
        self._paint_cursor()

    # --- actions ------------------------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        self.move(delta)

    def action_choose(self) -> None:
        match = self.highlighted
        if match is not None and self._claim_id is not None:
            self.post_message(self.Chosen(self, self._claim_id, match))

    # --- internals ----------------------------------------------------------------------------

    def _set_title(self) -> None:
        if not self._matches:
            self.border_title = "Matches"
            self.border_subtitle = ""
            return
        conflicts = sum(x.relation == "conflicts" for x in self._matches)
        title = f"Matches {self.cursor + 1}/{len(self._matches)}"
        if conflicts:
            title += f" · {conflicts} conflicting"
        self.border_title = title
        self.border_subtitle = "[ ] move · a supports · d contradicts"

    def _paint_cursor(self) -> None:
        entries = list(self.query(".match").results(Static))
        for i, entry in enumerate(entries):
            entry.set_class(i == self.cursor, "-cursor")
        if 0 <= self.cursor < len(entries):
            self.scroll_to_widget(entries[self.cursor], animate=False, immediate=True)


def match_content(match: Match) -> Content:
    """Relation and score, the two numbers side by side, any earlier verdict, then the sentence."""
    glyph, label, style = RELATION_LABELS.get(match.relation, ("~", match.relation, MUTED))
    parts: list[Content | str] = [
        Content.styled(f"{glyph} {label}", style),
        Content.styled(f" {match.score:.2f} ", MUTED),
    ]
    if match.previous_verdict:
        parts.append(Content.styled(f" {previous_text(match)} ", "bold reverse $warning"))
    parts += [
        "\n",
        Content.styled(match.document_source or f"document {match.document_id}", "bold"),
        Content.styled(f" · {match.document_title}" if match.document_title else "", MUTED),
        "\n",
    ]
    for pair in match.pairs:
        parts += [Content.styled(pair_text(pair), _pair_style(pair.relation)), "\n"]
    parts.append(Content.styled(match.text, "italic"))
    return Content.assemble(*parts)


def previous_text(match: Match) -> str:
    """'already checked: false by ana' for a matched sentence that holds a reviewed claim."""
    try:
        verdict = SHORT_LABELS[Verdict(match.previous_verdict or "")]
    except ValueError:
        verdict = match.previous_verdict or "?"
    by = f" by {match.previous_reviewer}" if match.previous_reviewer else ""
    return f"already checked: {verdict}{by}"


def pair_text(pair: QuantityPair) -> str:
    """'24 servicemen (since January) ≠ 26 soldiers (so far this year)'."""
    sign = {"agrees": "=", "conflicts": "≠"}.get(pair.relation, "~")
    return f"{quantity_text(pair.claim)}  {sign}  {quantity_text(pair.match)}"


def quantity_text(q: Quantity) -> str:
    text = q.raw
    if q.unit and q.unit.lower() not in q.raw.lower():
        text += f" {q.unit}"
    if q.scope:
        text += f" ({q.scope})"
    return text


def _pair_style(relation: str) -> str:
    return {"agrees": "$success", "conflicts": "bold $error"}.get(relation, MUTED)
