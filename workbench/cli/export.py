"""Placeholder: the `export` commands are added here."""

from __future__ import annotations
