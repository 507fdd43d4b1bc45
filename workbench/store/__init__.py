"""The only layer that runs SQL. Everything returns workbench.core.models dataclasses."""
