"""Small modal dialogs: each hands back a typed result through dismiss()."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question; y or Enter confirms, n or Esc declines."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="dialog.yes"),
        Binding("n,escape", "answer(False)", "No", id="dialog.no"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self._question, self._yes, self._no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._question, classes="dialog-title")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self._yes} (y)", variant="error", id="yes")
                yield Button(f"{self._no} (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class TextPrompt(ModalScreen[str | None]):
    """One line of text: Enter returns it, Esc returns None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel")
    ]

    def __init__(
        self,
        title: str,
        *,
        value: str = "",
        placeholder: str = "",
        hint: str = "",
        allow_empty: bool = True,
        prompt_id: str | None = None,
    ) -> None:
        super().__init__(id=prompt_id)
        self._title, self._value, self._placeholder = title, value, placeholder
        self._hint, self._allow_empty = hint, allow_empty

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._title, classes="dialog-title")
            yield Input(self._value, placeholder=self._placeholder, id="prompt-input")
            if self._hint:
                yield Label(self._hint, classes="dialog-hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value and not self._allow_empty:
            self.notify("Type a name first.", severity="warning")
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReviewerPrompt(TextPrompt):
    """Asked once, on first start, when no reviewer name is known."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Later", id="dialog.cancel")
    ]

    def __init__(self, config_path: str) -> None:
        super().__init__(
            "Who is reviewing? Your name is recorded on every change.",
            placeholder="your name",
            hint=f"Saved to {config_path}. Esc to decide later.",
            allow_empty=False,
        )
