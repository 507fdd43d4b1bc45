"""The help screen: every key, read from the BINDINGS that own them and the user's keymap."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "space": "Space",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "down": "↓",
    "up": "↑",
    "escape": "Esc",
    "enter": "Enter",
    "backspace": "Backspace",
    "home": "Home",
    "end": "End",
    "tab": "Tab",
}


def key_label(keys: str) -> str:
    """'j,down' -> 'j ↓'; 'ctrl+s' -> 'Ctrl+S'."""
    shown = []
    for key in keys.split(","):
        key = key.strip()
        *mods, name = key.split("+")
        label = KEY_NAMES.get(name, name if len(name) == 1 else name.capitalize())
        shown.append("+".join([*(m.capitalize() for m in mods), label]))
    return " ".join(shown)


def bindings_of(owner: type) -> list[Binding]:
    found = []
    for item in getattr(owner, "BINDINGS", []):
        if isinstance(item, Binding):
            found.append(item)
    return found


class HelpScreen(ModalScreen[None]):
    """Lists sections of (keys, description) for the bindings given; any close key returns."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help.close"),
    ]

    def __init__(
        self,
        sections: Sequence[tuple[str, Sequence[Binding]]],
        keymap: Mapping[str, str],
        extra: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__()
        self._sections = sections
        self._keymap = keymap
        self._extra = extra

    def compose(self) -> ComposeResult:
        parts: list[Content | str] = []
        for title, bindings in self._sections:
            parts.append(Content.styled(f"{title}\n", "bold $accent"))
            for binding in bindings:
                keys = self._keymap.get(binding.id or "", binding.key)
                parts += [
                    Content.styled(f"  {key_label(keys):<18}", "bold"),
                    f"{binding.tooltip or binding.description}\n",
                ]
            parts.append("\n")
        if self._extra:
            parts.append(Content.styled("Also\n", "bold $accent"))
            for keys, text in self._extra:
                parts += [Content.styled(f"  {keys:<18}", "bold"), f"{text}\n"]
        with Vertical(classes="dialog help-dialog"):
            yield Label("Keys  (Esc or ? closes)", classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Static(Content.assemble(*parts))

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()  # arrows and PgUp/PgDn scroll the list of keys

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
