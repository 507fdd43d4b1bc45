"""The Textual triage workbench: the only package that imports textual."""
