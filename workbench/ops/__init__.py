"""Use cases shared by the CLI and the TUI: each has exactly one path through here."""
