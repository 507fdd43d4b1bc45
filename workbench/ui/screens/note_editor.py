"""The multi-line note editor: Ctrl+S saves, Esc asks before throwing typed text away."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from workbench.ui.screens.dialogs import ConfirmDialog


class NoteEditor(ModalScreen[str | None]):
    """Returns the note text, or None when the reviewer backs out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save note", id="note.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="note.cancel", priority=True),
    ]

    def __init__(self, claim_text: str) -> None:
        super().__init__()
        self._claim_text = claim_text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog note-dialog"):
            yield Label("New note", classes="dialog-title")
            yield Label(self._claim_text, classes="dialog-hint note-claim")
            yield TextArea(id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Label("Ctrl+S save · Esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def action_save(self) -> None:
        if not self.text.strip():
            self.notify("The note is empty; type some text or press Esc.", severity="warning")
            return
        self.dismiss(self.text.strip())

    def action_cancel(self) -> None:
        if not self.text.strip():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)
            else:
                self.query_one(TextArea).focus()

        self.app.push_screen(
            ConfirmDialog("Discard this note?", "Discard", "Keep editing"), answered
        )
