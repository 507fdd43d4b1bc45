"""The claims list: a virtual list that draws only the visible rows and fetches them by page.

A DataTable with every row takes about 23 s to show 100,000 claims; this list holds only the
ordered ids and asks for the rows it is about to draw.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.core.models import ClaimRecord, Verdict
from workbench.ui.glyphs import GLYPHS, PENDING_GLYPH
from workbench.ui.spans import number_spans_in_claim

PAGE = 200
CACHE_LIMIT = 20_000
Fetch = Callable[[Sequence[int]], list[ClaimRecord]]


class ClaimList(ScrollView, can_focus=True):
    """Claims in the order of the current query; a cursor, and an optional selection."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor(1)", "Down", show=False, id="triage.down"),
        Binding("k,up", "cursor(-1)", "Up", show=False, id="triage.up"),
        Binding("g,home", "first", "First", show=False, id="triage.first"),
        Binding("G,end", "last", "Last", show=False, id="triage.last"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="triage.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="triage.page_up"),
        Binding("shift+down", "extend(1)", "Select down", show=False, id="triage.select_down"),
        Binding("shift+up", "extend(-1)", "Select up", show=False, id="triage.select_up"),
        Binding("V", "visual", "Visual select", show=False, id="triage.visual"),
        Binding("escape", "clear_selection", "Clear selection", show=False, id="triage.unselect"),
    ]

    COMPONENT_CLASSES = {
        "claim-list--cursor",
        "claim-list--cursor-blurred",
        "claim-list--selected",
        "claim-list--number",
        "claim-list--meta",
        "claim-list--empty",
        "claim-list--pending",
        "claim-list--unreviewed",
        "claim-list--verified",
        "claim-list--false",
        "claim-list--misleading",
        "claim-list--unverifiable",
        "claim-list--needs-context",
    }

    DEFAULT_CSS = """
    ClaimList { background: $surface; overflow-x: hidden; }
    ClaimList > .claim-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    ClaimList > .claim-list--cursor-blurred {
        background: $block-cursor-blurred-background; text-style: bold;
    }
    ClaimList > .claim-list--selected { background: $primary 30%; text-style: underline; }
    ClaimList > .claim-list--number { color: $accent; text-style: bold; }
    ClaimList > .claim-list--meta { color: $text-muted; }
    ClaimList > .claim-list--empty { color: $text-muted; }
    ClaimList > .claim-list--pending { color: $warning; text-style: bold; }
    ClaimList > .claim-list--unreviewed { color: $text-muted; }
    ClaimList > .claim-list--verified { color: $success; text-style: bold; }
    ClaimList > .claim-list--false { color: $error; text-style: bold; }
    ClaimList > .claim-list--misleading { color: $warning; text-style: bold; }
    ClaimList > .claim-list--unverifiable { color: $secondary; text-style: bold; }
    ClaimList > .claim-list--needs-context { color: $primary; text-style: bold; }
    """

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another claim (None when the list is empty)."""

        claim_list: ClaimList
        claim_id: int | None

        @property
        def control(self) -> ClaimList:
            return self.claim_list

    @dataclass
    class Selected(Message):
        """Enter (or a double click) on a claim."""

        claim_list: ClaimList
        claim_id: int

        @property
        def control(self) -> ClaimList:
            return self.claim_list

    def __init__(self, fetch: Fetch, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._fetch = fetch
        self._ids: list[int] = []
        self._index: dict[int, int] = {}
        self._rows: dict[int, ClaimRecord] = {}
        self._pending: dict[int, Verdict] = {}
        self._requested: set[int] = set()
        self._generation = 0
        self._selection: set[int] = set()
        self._anchor: int | None = None
        self._visual_mode = False
        self.cursor = 0
        self.empty_message = "Loading claims…"

    # --- what the screen asks for -----------------------------------------------------------

    @property
    def ids(self) -> list[int]:
        return self._ids

    @property
    def cursor_id(self) -> int | None:
        return self._ids[self.cursor] if self._ids else None

    @property
    def cursor_record(self) -> ClaimRecord | None:
        claim_id = self.cursor_id
        return None if claim_id is None else self._rows.get(claim_id)

    def record(self, claim_id: int) -> ClaimRecord | None:
        return self._rows.get(claim_id)

    @property
    def has_selection(self) -> bool:
        return bool(self._selection)

    def selected_ids(self) -> list[int]:
        """The selection in list order, or the claim under the cursor."""
        if self._selection:
            return [self._ids[i] for i in sorted(self._selection) if i < len(self._ids)]
        return [] if self.cursor_id is None else [self.cursor_id]

    def set_claims(
        self,
        ids: list[int],
        rows: Sequence[ClaimRecord] = (),
        *,
        keep: int | None = None,
        empty_message: str = "",
    ) -> None:
        """Show a new ordered id list; the cursor stays on `keep` when it is still listed."""
        self._generation += 1
        self._ids = ids
        self._index = {claim_id: i for i, claim_id in enumerate(ids)}
        self._rows = {r.id: r for r in rows}
        self._requested = set()
        self._selection.clear()
        self._anchor = None
        self._visual_mode = False
        self.empty_message = empty_message
        self.cursor = self._index.get(keep, 0) if keep is not None else 0
        self.virtual_size = Size(self.scrollable_content_region.width, len(ids))
        self.scroll_to(y=max(0, self.cursor - self._visible_height() // 2), animate=False)
        self._cursor_changed()
        self.refresh()

    def update_records(self, records: Sequence[ClaimRecord]) -> None:
        for record in records:
            if record.id in self._index:
                self._rows[record.id] = record
            self._pending.pop(record.id, None)
        self._refresh_ids([r.id for r in records])
        if self.cursor_id in {r.id for r in records}:
            self._cursor_changed()

    def window_ids(self, margin: int = 20) -> list[int]:
        """The claims on screen and a few either side: what a refresh re-reads."""
        top = int(self.scroll_offset.y)
        return self._ids[max(0, top - margin) : top + self._visible_height() + margin]

    def reconcile(self, ids: list[int] | None, records: Sequence[ClaimRecord]) -> None:
        """Others changed the data: take new ids (None: unchanged) and fresh rows.

        The cursor stays on its claim and on the same screen row, so the reviewer's place
        does not move; rows with a save in flight keep their pending state.
        """
        keep = self.cursor_id
        screen_row = self.cursor - int(self.scroll_offset.y)
        self._generation += 1
        self._requested = set()
        if ids is not None and ids != self._ids:
            self._ids = ids
            self._index = {claim_id: i for i, claim_id in enumerate(ids)}
            self._selection.clear()
            self._anchor = None
            self._visual_mode = False
            if keep in self._index:
                self.cursor = self._index[keep]
            else:
                self.cursor = max(0, min(self.cursor, len(ids) - 1))
            self.virtual_size = Size(self.scrollable_content_region.width, len(ids))
            self.scroll_to(y=max(0, self.cursor - screen_row), animate=False, immediate=True)
        self._rows = {k: v for k, v in self._rows.items() if k in self._pending}
        for record in records:
            if record.id in self._index and record.id not in self._pending:
                self._rows[record.id] = record
        self.refresh()
        if self.cursor_id != keep:
            self._cursor_changed()

    def mark_pending(self, ids: Sequence[int], verdict: Verdict) -> None:
        for claim_id in ids:
            self._pending[claim_id] = verdict
        self._refresh_ids(ids)

    def clear_pending(self, ids: Sequence[int]) -> None:
        for claim_id in ids:
            self._pending.pop(claim_id, None)
        self._refresh_ids(ids)

    def _refresh_ids(self, ids: Sequence[int]) -> None:
        """Repaint only the visible rows of these claims: cheap after a save."""
        top = int(self.scroll_offset.y)
        height = self._visible_height()
        for claim_id in ids:
            index = self._index.get(claim_id)
            if index is not None and top <= index < top + height:
                self.refresh_line(index)

    def is_pending(self, claim_id: int) -> bool:
        return claim_id in self._pending

    def move_to_claim(self, claim_id: int) -> bool:
        index = self._index.get(claim_id)
        if index is None:
            return False
        self._move(index)
        return True

    def next_unreviewed(self) -> None:
        """Move past the cursor to the next claim still to review (loaded rows only)."""
        for index in range(self.cursor + 1, len(self._ids)):
            claim_id = self._ids[index]
            row = self._rows.get(claim_id)
            if row is None or (row.status is Verdict.UNREVIEWED and claim_id not in self._pending):
                self._move(index)
                return
        self.app.notify("No unreviewed claim below this one.", timeout=3)

    def clear_selection(self) -> None:
        self._selection.clear()
        self._anchor = None
        self._visual_mode = False
        self.refresh()

    # --- actions ------------------------------------------------------------------------------

    def action_cursor(self, delta: int) -> None:
        if not self._visual_mode:
            self._anchor = None
        self._move(self.cursor + delta)

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(len(self._ids) - 1)

    def action_page(self, direction: int) -> None:
        self._move(self.cursor + direction * max(1, self._visible_height() - 1))

    def action_extend(self, delta: int) -> None:
        if not self._ids:
            return
        if self._anchor is None:
            self._anchor = self.cursor
        self._move(self.cursor + delta)

    def action_visual(self) -> None:
        """Start a range at the cursor; pressing V again keeps the range and stops extending."""
        if not self._visual_mode:
            self._visual_mode = True
            self._anchor = self.cursor
            self._select_range()
            self.app.notify(
                "Visual selection: move to extend, then press a verdict key.", timeout=3
            )
        else:
            self._visual_mode = False
            self._anchor = None
            self.refresh()

    def action_clear_selection(self) -> None:
        self.clear_selection()

    # --- internals ----------------------------------------------------------------------------

    def _visible_height(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def _select_range(self) -> None:
        if self._anchor is None:
            return
        low, high = sorted((self._anchor, self.cursor))
        self._selection = set(range(low, high + 1))
        self.refresh()

    def _move(self, index: int) -> None:
        if not self._ids:
            return
        index = max(0, min(len(self._ids) - 1, index))
        changed = index != self.cursor
        previous, self.cursor = self.cursor, index
        height = self._visible_height()
        top = int(self.scroll_offset.y)
        if index < top:
            self.scroll_to(y=index, animate=False, immediate=True)
        elif index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False, immediate=True)
        if self._anchor is not None:
            self._select_range()
        elif int(self.scroll_offset.y) == top:
            # Only two rows changed: repaint just those, the rest of the list stays as drawn.
            self.refresh_line(previous)
            self.refresh_line(index)
        else:
            self.refresh()
        if changed:
            self._cursor_changed()

    def _cursor_changed(self) -> None:
        self.post_message(self.Highlighted(self, self.cursor_id))

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._ids))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y) + event.y
        if 0 <= index < len(self._ids):
            self._move(index)
            if event.chain == 2 and self.cursor_id is not None:
                self.post_message(self.Selected(self, self.cursor_id))

    def key_enter(self) -> None:
        if self.cursor_id is not None:
            self.post_message(self.Selected(self, self.cursor_id))

    def _request_page(self, index: int) -> None:
        page = index // PAGE
        if page in self._requested:
            return
        self._requested.add(page)
        if len(self._rows) > CACHE_LIMIT:
            keep = set(self._ids[max(0, index - PAGE) : index + PAGE])
            self._rows = {k: v for k, v in self._rows.items() if k in keep}
            self._requested = {page}
        self._load_page(self._ids[page * PAGE : (page + 1) * PAGE], self._generation, page)

    @work(thread=True, group="claim-page", exit_on_error=False)
    def _load_page(self, ids: list[int], generation: int, page: int) -> None:
        records = self._fetch(ids)
        self.app.call_from_thread(self._page_loaded, records, generation, page)

    def _page_loaded(self, records: list[ClaimRecord], generation: int, page: int) -> None:
        if generation != self._generation:
            return
        for record in records:
            self._rows[record.id] = record
        self.refresh()
        if self.cursor_id in {r.id for r in records}:
            self._cursor_changed()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not self._ids:
            lines = textwrap.wrap(self.empty_message, max(10, width - 2))
            if 1 <= y <= len(lines):
                style = base + self.get_component_rich_style("claim-list--empty")
                text = Text(" " + lines[y - 1], style=style)
                text.truncate(width, overflow="ellipsis", pad=True)
                return Strip(text.render(self.app.console), width)
            return Strip.blank(width, base)
        index = int(self.scroll_offset.y) + y
        if index >= len(self._ids):
            return Strip.blank(width, base)
        claim_id = self._ids[index]
        row = self._rows.get(claim_id)
        if row is None:
            self._request_page(index)
        return Strip(self._render_row(index, claim_id, row, width, base), width)

    def _render_row(
        self, index: int, claim_id: int, row: ClaimRecord | None, width: int, base: Style
    ) -> list[Segment]:
        cs = self.get_component_rich_style
        row_style = base
        if index in self._selection:
            row_style += cs("claim-list--selected")
        if index == self.cursor:
            row_style += cs(
                "claim-list--cursor" if self.has_focus else "claim-list--cursor-blurred"
            )
        text = Text(style=row_style, no_wrap=True, overflow="ellipsis", end="")
        text.append("▌" if index in self._selection else " ")
        if row is None:
            text.append("  loading…", style=cs("claim-list--meta"))
            text.truncate(width, overflow="ellipsis", pad=True)
            return list(text.render(self.app.console))
        pending = self._pending.get(claim_id)
        if pending is not None:
            text.append(PENDING_GLYPH, style=cs("claim-list--pending"))
        else:
            text.append(GLYPHS[row.status], style=cs(f"claim-list--{_css(row.status)}"))
        text.append(f" {row.checkworthiness:4.2f} ", style=cs("claim-list--meta"))
        source_width = 18 if width >= 100 else 12 if width >= 64 else 0
        type_width = 13 if width >= 80 else 11 if width >= 56 else 0
        if type_width:
            text.append(f"{row.type[: type_width - 1]:<{type_width}}", style=cs("claim-list--meta"))
        text_width = max(8, width - text.cell_len - (source_width + 1 if source_width else 0))
        body = Text(row.text.replace("\n", " "))
        number_style = cs("claim-list--number")
        for start, end in number_spans_in_claim(row):
            body.stylize(number_style, start, end)
        body.truncate(text_width, overflow="ellipsis", pad=True)
        text.append_text(body)
        if source_width:
            source = row.document_source or row.document_title or ""
            if len(source) > source_width:
                source = source[: source_width - 1] + "…"
            text.append(f" {source:<{source_width}}", style=cs("claim-list--meta"))
        text.truncate(width, overflow="ellipsis", pad=True)
        return list(text.render(self.app.console))


def _css(verdict: Verdict) -> str:
    return str(verdict).replace("_", "-")
