"""Placeholder: the `match` commands are added here."""

from __future__ import annotations
