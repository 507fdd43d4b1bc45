"""The core runs without the UI: importing everything but workbench.ui must not load textual."""

from __future__ import annotations

import subprocess
import sys


def test_core_store_ops_and_cli_do_not_import_textual() -> None:
    code = (
        "import sys\n"
        "import workbench.core.analysis, workbench.core.models, workbench.store.db\n"
        "import workbench.ops.ingest, workbench.ops.review, workbench.ops.queries\n"
        "import workbench.cli\n"
        "assert 'textual' not in sys.modules, sorted(m for m in sys.modules if 'textual' in m)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_commands_that_never_score_do_not_load_the_model() -> None:
    """Listing, verdicts and exports start without reading the check-worthiness weights."""
    code = (
        "import workbench.cli\n"
        "from workbench.core.checkworthiness import load_model\n"
        "assert load_model.cache_info().currsize == 0, 'weights read at import'\n"
        "from workbench.core.extract import DEFAULT_THRESHOLD\n"
        "assert 0 < DEFAULT_THRESHOLD < 1 and load_model.cache_info().currsize == 1\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
