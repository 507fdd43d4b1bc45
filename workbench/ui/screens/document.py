"""The document view: the whole article with every claim marked, to read a claim in context."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from workbench.core.models import ClaimRecord
from workbench.ops import queries
from workbench.ops.queries import DocumentView
from workbench.ui.widgets.panels import CLAIM_STYLE, MUTED, NUMBER_STYLE

CURRENT_STYLE = "reverse bold"
SENTENCE_STYLE = "bold on $warning 40%"


class DocumentScreen(Screen[int | None]):
    """Returns the claim to go back to (Enter), or None (Esc) to return where we came from."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "jump(1)", "Next claim", id="document.next"),
        Binding("p", "jump(-1)", "Previous claim", id="document.previous"),
        Binding("enter", "choose", "Go to claim", id="document.choose"),
        Binding("escape", "back", "Back", id="document.back"),
        Binding("j,down", "scroll(1)", "Scroll down", show=False, id="document.down"),
        Binding("k,up", "scroll(-1)", "Scroll up", show=False, id="document.up"),
    ]

    def __init__(
        self,
        db_path: str,
        document_id: int,
        claim_id: int | None,
        *,
        sentence_id: int | None = None,
    ) -> None:
        """Open at a claim, or at a sentence (a match), which stays marked."""
        super().__init__()
        self._db_path = db_path
        self._document_id = document_id
        self._claim_id = claim_id
        self._sentence_id = sentence_id
        self._sentence: tuple[int, int] | None = None
        self._at_sentence = sentence_id is not None
        self._sentence_has_claim = False
        self._view: DocumentView | None = None
        self._current = 0
        self._paragraphs: list[tuple[int, int]] = []

    def compose(self) -> ComposeResult:
        yield Static("Loading the document…", id="document-header")
        yield VerticalScroll(id="document-body")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#document-body").focus()
        self._load()

    @work(thread=True, exclusive=True, group="document", exit_on_error=False)
    def _load(self) -> None:
        view = queries.show_document(self._db_path, str(self._document_id))
        self.app.call_from_thread(self._loaded, view)

    def _loaded(self, view: DocumentView) -> None:
        self._view = view
        ids = [c.id for c in view.claims]
        self._current = ids.index(self._claim_id) if self._claim_id in ids else 0
        sentence = next((s for s in view.sentences if s.id == self._sentence_id), None)
        if sentence is not None:
            self._sentence = (sentence.start, sentence.end)
            inside = [i for i, c in enumerate(view.claims) if c.sentence_id == sentence.id]
            after = [i for i, c in enumerate(view.claims) if c.end > sentence.start]
            self._current = (inside or after or [0])[0]
            self._sentence_has_claim = bool(inside)
        doc = view.document
        meta = [m for m in (doc.source, (doc.published or "")[:10], doc.external_id) if m]
        if sentence is not None:
            meta.append("the matched sentence is marked")
        self.query_one("#document-header", Static).update(
            Content.assemble(
                Content.styled(doc.title or "(untitled document)", "bold"),
                "\n",
                Content.styled(" · ".join([*meta, f"{len(view.claims)} claims"]), MUTED),
            )
        )
        self._paragraphs = _paragraph_spans(view.cleaned_text)
        body = self.query_one("#document-body", VerticalScroll)
        body.remove_children()
        body.mount_all(
            Static(classes="document-paragraph", id=f"paragraph-{i}")
            for i in range(len(self._paragraphs))
        )
        self.call_after_refresh(self._render_paragraphs)

    @property
    def current_claim(self) -> ClaimRecord | None:
        if self._view is None or not self._view.claims:
            return None
        return self._view.claims[self._current]

    def _render_paragraphs(self) -> None:
        if self._view is None:
            return
        current = self.current_claim
        if self._at_sentence and not self._sentence_has_claim:
            current = None  # nothing chosen until n or p
        target: Static | None = None
        for i, (start, end) in enumerate(self._paragraphs):
            content = Content(self._view.cleaned_text[start:end])
            s_start, s_end = self._sentence or (-1, -1)
            if s_start < end and s_end > start:
                content = content.stylize(
                    SENTENCE_STYLE, max(0, s_start - start), min(end, s_end) - start
                )
                if self._at_sentence:
                    target = self.query_one(f"#paragraph-{i}", Static)
            for claim in self._view.claims:
                if claim.end <= start or claim.start >= end:
                    continue
                style = CURRENT_STYLE if claim is current else CLAIM_STYLE
                content = content.stylize(style, claim.start - start, claim.end - start)
                for q in claim.quantities:
                    q_start = claim.sentence_start + q.start - start
                    content = content.stylize(NUMBER_STYLE, q_start, q_start + q.end - q.start)
            widget = self.query_one(f"#paragraph-{i}", Static)
            widget.update(content)
            if current is not None and start <= current.start < end and not self._at_sentence:
                target = widget
        if target is not None:
            self.query_one("#document-body", VerticalScroll).scroll_to_center(target, animate=False)

    def action_jump(self, delta: int) -> None:
        if self._view is None or not self._view.claims:
            return
        if self._at_sentence and not self._sentence_has_claim:
            # The first n lands on the claim after the sentence, p on the one before it.
            self._current = (self._current - (delta < 0)) % len(self._view.claims)
        else:
            self._current = (self._current + delta) % len(self._view.claims)
        self._at_sentence = False
        self._render_paragraphs()

    def action_choose(self) -> None:
        claim = self.current_claim
        if self._at_sentence and not self._sentence_has_claim:
            claim = None  # the matched sentence holds no claim: back where we came from
        self.dismiss(claim.id if claim is not None else None)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_scroll(self, delta: int) -> None:
        body = self.query_one("#document-body", VerticalScroll)
        body.scroll_relative(y=delta, animate=False)


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line block, so offsets stay exact."""
    spans: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        end = position + len(line)
        if line.strip():
            spans.append((position, end))
        position = end + 1
    return spans
