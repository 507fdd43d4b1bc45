"""A broken config file never stops the workbench: defaults, and a message naming file and line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.ops.config import load_config

BROKEN = [
    ('reviewer = "ana"\n[keymap]\n"triage.verified" = y\n', 3),  # unquoted value
    ('reviewer = "ana"\n\n\nreviewer = "ben"\n', 4),  # duplicate key
    ('[keymap\n"triage.false" = "n"\n', 1),  # unclosed table header
    ('reviewer = "ana\n', 1),  # unterminated string
    ('[report]\nurl = "https://x"\n[report]\n', 3),  # table defined twice
    ("\x00\x01 = 2\n", 1),
]


@pytest.mark.parametrize(("text", "line"), BROKEN)
def test_invalid_toml_names_the_file_and_the_line(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    config = load_config(path)
    assert config.problem is not None
    assert str(path) in config.problem
    assert f"line {line}" in config.problem
    assert "\n" not in config.problem
    assert config.reviewer is None and config.keymap == {}  # defaults, not half a file


def test_config_that_is_not_utf8_is_named_and_ignored(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'reviewer = "J\xf6rg"\n')
    config = load_config(path)
    assert config.problem is not None and str(path) in config.problem
    assert config.reviewer is None


def test_wrong_types_keep_the_good_settings_and_name_the_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('reviewer = "ana"\nkeymap = 3\n', encoding="utf-8")
    config = load_config(path)
    assert config.reviewer == "ana"
    assert config.problem is not None and str(path) in config.problem and "keymap" in config.problem
    assert "line 2" in config.problem


def test_commands_still_run_with_a_broken_config(tmp_path: Path, samples_dir: Path) -> None:
    Path(os.environ["WORKBENCH_CONFIG"]).write_text("reviewer = \n[[[", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "-q", str(samples_dir)]).exit_code == 0
    result = runner.invoke(main, ["verdict", "1", "false", "--reviewer", "ana"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(main, ["check"]).exit_code == 0
