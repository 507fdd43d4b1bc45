"""Widgets of the triage workbench."""
