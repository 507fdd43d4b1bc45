"""Placeholder: the `maintenance` commands are added here."""

from __future__ import annotations
