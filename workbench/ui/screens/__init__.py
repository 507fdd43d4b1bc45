"""Screens and dialogs of the triage workbench."""
