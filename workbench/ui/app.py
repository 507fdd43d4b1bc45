"""The Textual app: configuration, keymap, reviewer identity and the default screen."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from workbench.ops.config import Config, config_path, load_config, resolve_reviewer, save_reviewer
from workbench.ui.commands import TriageCommands
from workbench.ui.errors import error_sentence
from workbench.ui.messages import ReviewerChanged
from workbench.ui.screens.dialogs import ConfirmDialog, ReviewerPrompt, TextPrompt
from workbench.ui.screens.document import DocumentScreen
from workbench.ui.screens.export_dialog import ExportDialog
from workbench.ui.screens.filter_dialog import FilterDialog
from workbench.ui.screens.help import HelpScreen, bindings_of
from workbench.ui.screens.note_editor import NoteEditor
from workbench.ui.screens.triage import TriageScreen
from workbench.ui.widgets.claim_list import ClaimList
from workbench.ui.widgets.matches import MatchesPane

_KEY = re.compile(r"^(?:[a-z]+\+)*(?:[a-z0-9_]+|[^\s,])$", re.IGNORECASE)


class WorkbenchApp(App[None]):
    """Claim Workbench: triage claims from the keyboard."""

    CSS_PATH = "app.tcss"
    TITLE = "Claim Workbench"
    COMMANDS = App.COMMANDS | {TriageCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit (every change is already saved)"),
        Binding("question_mark", "help", "Help", id="app.help", tooltip="Show every key"),
        Binding("tab", "focus_next", "Next panel", show=False, id="app.focus_next"),
        Binding(
            "shift+tab", "focus_previous", "Previous panel", show=False, id="app.focus_previous"
        ),
    ]

    def __init__(
        self,
        db_path: str | os.PathLike[str],
        *,
        reviewer: str | None = None,
        config: Config | None = None,
    ) -> None:
        super().__init__()
        self.db_path = str(db_path)
        self.config = config if config is not None else load_config()
        self.reviewer = resolve_reviewer(reviewer, self.config)
        self.keymap: dict[str, str] = {}

    def get_default_screen(self) -> Screen[None]:
        return TriageScreen()

    def on_mount(self) -> None:
        if self.config.problem:
            self.notify(self.config.problem, title="Config", severity="warning", timeout=10)
        self._apply_keymap(self.config.keymap)
        if not self.reviewer:
            self.call_after_refresh(self.action_set_reviewer)

    # --- keymap -------------------------------------------------------------------------------

    def _apply_keymap(self, keymap: dict[str, str]) -> None:
        if not keymap:
            return
        known = {b.id for _title, bindings in binding_sections() for b in bindings if b.id}
        problems = [f"unknown binding id {k!r}" for k in keymap if k not in known]
        problems += [
            f"bad key {v!r} for {k!r}"
            for k, v in keymap.items()
            if not v.strip() or not all(_KEY.match(part.strip()) for part in v.split(","))
        ]
        if problems:
            where = self.config.path or config_path()
            self.notify(
                f"The [keymap] in {where} was not applied ({'; '.join(problems)}). "
                "Starting with the default keys.",
                title="Keymap",
                severity="warning",
                timeout=10,
            )
            return
        self.keymap = dict(keymap)
        self.set_keymap(keymap)

    # --- reviewer -----------------------------------------------------------------------------

    def action_set_reviewer(self) -> None:
        if any(isinstance(s, ReviewerPrompt) for s in self.screen_stack):
            return

        def chosen(name: str | None) -> None:
            if name:
                self.reviewer = name
                self._save_reviewer(name)
                self.screen.post_message(ReviewerChanged(name))

        self.push_screen(ReviewerPrompt(str(self.config.path or config_path())), chosen)

    @work(thread=True, group="config", exit_on_error=False)
    def _save_reviewer(self, name: str) -> None:
        try:
            path = save_reviewer(name, self.config.path)
        except OSError as exc:
            self.notify(
                f"Could not save your name to the config file ({exc}); it is used for this session.",
                severity="warning",
            )
            return
        self.notify(f"Reviewer set to {name} (saved in {path}).", timeout=4)

    # --- help, quit, palette ------------------------------------------------------------------

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(
            HelpScreen(
                binding_sections(),
                self.keymap,
                extra=[
                    ("Ctrl+P", "Command palette: every action by name"),
                    ("Tab / Shift+Tab", "Move between the list and the panels"),
                    ("Enter", "Open the document at the claim (in the list)"),
                ],
            )
        )

    async def action_quit(self) -> None:
        """Wait for queued saves, so quitting never drops a verdict."""
        for worker in list(self.workers):
            if worker.group == "save" and worker.state in (
                WorkerState.PENDING,
                WorkerState.RUNNING,
            ):
                await worker.wait()
        self.exit()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help: keys", "Show every key", self.action_help)
        yield SystemCommand(
            "Set reviewer name", "Change the name recorded on changes", self.action_set_reviewer
        )

    @on(ReviewerChanged)
    def _reviewer_changed(self) -> None:
        screen = self.screen
        if isinstance(screen, TriageScreen):
            screen.reload()

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """Any worker error reaches the reviewer as one plain sentence, never a traceback."""
        if event.state is not WorkerState.ERROR:
            return
        reason = error_sentence(event.worker.error, self.db_path)
        self.notify(reason, title="Error", severity="error", timeout=8)


def binding_sections() -> list[tuple[str, list[Binding]]]:
    """Every remappable key, grouped as the help screen shows them."""
    return [
        ("Claims list", bindings_of(ClaimList)),
        ("Review", bindings_of(TriageScreen)),
        ("Matches (Tab to them)", bindings_of(MatchesPane)),
        ("Anywhere", bindings_of(WorkbenchApp)),
        ("Document view", bindings_of(DocumentScreen)),
        ("Note editor", bindings_of(NoteEditor)),
        ("Filter dialog", bindings_of(FilterDialog)),
        ("Export dialog", bindings_of(ExportDialog)),
        ("Dialogs", bindings_of(ConfirmDialog) + bindings_of(TextPrompt)),
    ]


def make_app(
    db_path: str | os.PathLike[str] | Path,
    *,
    reviewer: str | None = None,
    config: Config | None = None,
) -> WorkbenchApp:
    """The one factory the CLI and the tests use."""
    return WorkbenchApp(db_path, reviewer=reviewer, config=config)
