"""Read-only mode of the triage screen: a write refused for a read-only file or a full disk.

The screen keeps reading and polling, shows a banner with the reason, and refuses every further
change at once until the reviewer fixes the cause and chooses Retry writing.
"""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static


class TriageReadOnly(Screen[None]):
    """The triage screen's read-only mode; the other parts of the screen build on it."""

    read_only_reason: str | None = None
    """Why changes are refused, or None while they are saved normally."""

    def enter_read_only(self, reason: str) -> None:
        """Keep reading and polling; refuse changes until the reviewer retries."""
        first = self.read_only_reason is None
        self.read_only_reason = reason
        banner = self.query_one("#read-only-banner", Static)
        banner.update(
            Content.assemble(
                Content.styled(" READ-ONLY ", "bold reverse"),
                f" {reason} ",
                Content.styled("Then Ctrl+P → Retry writing.", "bold"),
            )
        )
        banner.display = True
        if first:
            self.notify(reason, title="Read-only: changes are refused", severity="error", timeout=8)

    def action_retry_writing(self) -> None:
        if self.read_only_reason is None:
            self.notify("Changes are being saved normally.", timeout=3)
            return
        self.read_only_reason = None
        self.query_one("#read-only-banner", Static).display = False
        self.notify("Writing again: the next change shows whether it can be saved.", timeout=4)

    def _refuse_write(self) -> bool:
        """In read-only mode every change is refused at once, with the reason."""
        if self.read_only_reason is None:
            return False
        self.notify(
            f"{self.read_only_reason} Nothing was changed; when it is fixed, "
            "Ctrl+P → Retry writing.",
            title="Read-only",
            severity="warning",
            timeout=6,
        )
        return True
