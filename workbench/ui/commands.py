"""The command palette provider: every triage action by name, each calling an existing action."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider

COMMANDS: list[tuple[str, str, str]] = [
    ("Verdict: verified (true)", "verdict('verified')", "Mark the claim(s) true"),
    ("Verdict: false", "verdict('false')", "Mark the claim(s) false"),
    ("Verdict: misleading", "verdict('misleading')", "Mark the claim(s) misleading"),
    ("Verdict: unverifiable", "verdict('unverifiable')", "Mark the claim(s) unverifiable"),
    ("Verdict: needs context", "verdict('needs_context')", "Mark the claim(s) as needing context"),
    ("Skip to the next unreviewed claim", "skip", "Leave this claim unreviewed"),
    ("Undo my last change", "undo", "Repeatable, also after a restart"),
    ("Add a note", "note", "Write a note on the claim"),
    ("Search claims", "search", "Full-text search"),
    ("Filter claims", "filter", "Status, type, kind, source, minimum score and order"),
    ("Change the order", "sort", "Score, document, source, status"),
    ("Open the document", "open_document", "The whole article with every claim marked"),
    ("Reload the claims", "reload", "Pick up other reviewers' changes"),
    ("Match every claim", "match_all", "Fill the match cache (M); run again to stop"),
    ("Conflicts only (toggle)", "conflicts", "Claims whose sources state other numbers"),
    ("Evidence: match supports the claim", "evidence('supports')", "Link the highlighted match"),
    (
        "Evidence: match contradicts the claim",
        "evidence('contradicts')",
        "Link the highlighted match",
    ),
    ("Open the highlighted match", "open_match", "Its document, at the matched sentence"),
    ("Export a report", "export", "Markdown, HTML, CSV, JSON or ClaimReview"),
    ("Retry writing", "retry_writing", "Leave read-only mode once the file or disk is fixed"),
    ("Select a range (visual mode)", "focused.visual", "Then press a verdict key"),
    ("Clear the selection", "focused.clear_selection", "Back to one claim"),
]


class TriageCommands(Provider):
    """Triage actions; only offered on the triage screen, where they make sense."""

    def _available(self) -> bool:
        return self.screen.id == "triage"

    def _run(self, action: str) -> None:
        if action.startswith("focused."):
            list_widget = self.screen.query_one("#claims")
            self.app.call_later(list_widget.run_action, action.removeprefix("focused."))
        else:
            self.app.call_later(self.screen.run_action, action)

    async def discover(self) -> Hits:
        if not self._available():
            return
        for name, action, help_text in COMMANDS:
            yield DiscoveryHit(name, lambda a=action: self._run(a), help=help_text)

    async def search(self, query: str) -> Hits:
        if not self._available():
            return
        matcher = self.matcher(query)
        for name, action, help_text in COMMANDS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(name), lambda a=action: self._run(a), help=help_text
                )
