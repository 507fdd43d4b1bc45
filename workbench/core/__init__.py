"""The pure domain: text in, frozen dataclasses out. No SQLite, no Textual, no clock."""
