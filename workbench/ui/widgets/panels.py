"""The side panels: where a claim comes from, and what reviewers said about it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from workbench.core.models import ClaimRecord, HistoryEntry, Verdict
from workbench.ops.queries import ClaimContext
from workbench.ops.review import ClaimDetail
from workbench.ui.glyphs import GLYPHS, SHORT_LABELS
from workbench.ui.spans import claim_in_sentence, number_spans_in_sentence

CLAIM_STYLE = "bold underline"
NUMBER_STYLE = "bold $accent"
MUTED = "$text-muted"


class TextPanel(VerticalScroll):
    """A focusable, scrollable panel showing one block of styled text."""

    def __init__(self, placeholder: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(self._placeholder, MUTED), classes="panel-body")

    def show(self, content: Content) -> None:
        self.query_one(".panel-body", Static).update(content)
        self.scroll_home(animate=False)

    def show_placeholder(self, text: str) -> None:
        self.show(Content.styled(text, MUTED))


class SourcePanel(TextPanel):
    """The claim's sentence in context, the document it comes from, and why it scored."""

    def compose(self) -> ComposeResult:
        yield from super().compose()
        claim = Static(classes="source-claim")
        claim.display = False  # until there is a claim to show
        yield claim
        yield Static(classes="source-after")

    def show_context(self, context: ClaimContext) -> None:
        before, claim, after = source_content(context)
        self.query_one(".panel-body", Static).update(before)
        claim_widget = self.query_one(".source-claim", Static)
        claim_widget.update(claim)
        claim_widget.display = True
        self.query_one(".source-after", Static).update(after)
        self.scroll_home(animate=False)
        self.call_after_refresh(self.scroll_to_widget, claim_widget, animate=False)

    def show(self, content: Content) -> None:
        super().show(content)
        for name in (".source-claim", ".source-after"):
            self.query_one(name, Static).update("")
        self.query_one(".source-claim", Static).display = False


class NotesPanel(TextPanel):
    """The claim's notes and its history of verdicts."""

    def show_detail(self, detail: ClaimDetail) -> None:
        self.show(notes_content(detail))


def source_content(context: ClaimContext) -> tuple[Content, Content, Content]:
    """(document and sentences before, the claim's sentence, sentences after and reasons)."""
    claim, doc = context.claim, context.document
    parts: list[Content | str] = [Content.styled(doc.title or "(untitled document)", "bold"), "\n"]
    meta = [m for m in (doc.source, (doc.published or "")[:10], doc.external_id) if m]
    if meta:
        parts += [Content.styled(" · ".join(meta), MUTED), "\n"]
    position = next((s.position for s in context.sentences if s.id == context.sentence_id), 0)
    for sentence in context.sentences:
        if sentence.position < position:
            parts += ["\n", Content.styled(sentence.text, MUTED)]
    head = Content.assemble(*parts)
    parts = []
    for sentence in context.sentences:
        if sentence.position > position:
            parts += [Content.styled(sentence.text, MUTED), "\n"]
    parts.append("\n")
    label = f"{GLYPHS[claim.status]} {SHORT_LABELS[claim.status]}"
    if claim.status is not Verdict.UNREVIEWED and claim.reviewed_by:
        label += f" by {claim.reviewed_by}"
    parts += [
        Content.styled("Check-worthiness ", "bold"),
        Content.styled(f"{claim.checkworthiness:.2f}", NUMBER_STYLE),
        Content.styled(f"  {claim.type} · {claim.kind} · {label}", MUTED),
        "\n",
    ]
    for reason in claim.reasons:
        parts.append(Content(f"  • {reason}\n"))
    if not claim.reasons:
        parts.append(Content.styled("  (no reasons recorded)\n", MUTED))
    if claim.stale:
        parts.append(
            Content.styled("This claim is no longer found by the extractor.\n", "$warning")
        )
    return head, _claim_sentence(claim), Content.assemble(*parts)


def _claim_sentence(claim: ClaimRecord) -> Content:
    content = Content(claim.sentence_text)
    start, end = claim_in_sentence(claim)
    content = content.stylize(CLAIM_STYLE, start, end)
    for s, e in number_spans_in_sentence(claim):
        content = content.stylize(NUMBER_STYLE, s, e)
    return content


def notes_content(detail: ClaimDetail) -> Content:
    parts: list[Content | str] = []
    if detail.notes:
        parts.append(Content.styled(f"Notes ({len(detail.notes)})\n", "bold"))
        for note in detail.notes:
            parts += [
                Content.styled(f"{note.author} · {_when(note.created_at)}\n", MUTED),
                Content(note.body.rstrip() + "\n"),
            ]
    else:
        parts.append(Content.styled("No notes yet: press n to add one.\n", MUTED))
    if detail.evidence:
        parts.append(Content.styled(f"\nEvidence ({len(detail.evidence)})\n", "bold"))
        for link in detail.evidence:
            stance = "supports" if link.stance == "supports" else "contradicts"
            where = " · ".join(p for p in (link.document_source, link.document_title) if p)
            parts += [
                Content.styled(
                    f"{stance} ({link.relation})",
                    "bold $success" if stance == "supports" else "bold $error",
                ),
                Content.styled(f" {where} · {link.reviewer}\n", MUTED),
                Content(f"  {link.sentence_text}\n"),
            ]
    changes = [h for h in detail.history if h.action in ("verdict", "undo", "evidence")]
    parts.append(Content.styled("\nHistory\n", "bold"))
    if not changes:
        parts.append(Content.styled("No verdict changes yet.\n", MUTED))
    for entry in changes:
        parts += [
            Content.styled(f"{_when(entry.at)} {entry.reviewer}: ", MUTED),
            Content(_describe(entry) + "\n"),
        ]
    return Content.assemble(*parts)


def _when(stamp: str) -> str:
    """An ISO stamp as 'YYYY-MM-DD HH:MM' (UTC, as stored)."""
    return stamp.replace("T", " ").rstrip("Z")[:16]


def _label(value: str | None) -> str:
    try:
        return SHORT_LABELS[Verdict(value or "unreviewed")]
    except ValueError:
        return value or "?"


def _describe(entry: HistoryEntry) -> str:
    if entry.action == "evidence":
        return f"evidence: {entry.field} {entry.new_value or ''}".rstrip()
    if entry.action == "undo":
        if entry.field == "status":
            return f"undid {_label(entry.old_value)} → {_label(entry.new_value)}"
        return f"undid a {entry.field}"
    return f"{_label(entry.old_value)} → {_label(entry.new_value)}"
