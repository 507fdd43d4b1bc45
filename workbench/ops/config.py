"""The user's config file: reviewer identity, keymap and report settings.

A TOML file under the user config directory (or WORKBENCH_CONFIG). A broken file never stops
the workbench: it starts with defaults and says which file and line to fix.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

APP_NAME = "claim-workbench"


@dataclass(frozen=True)
class Config:
    reviewer: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    report: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None
    problem: str | None = None  # a plain sentence when the file could not be used


def config_path() -> Path:
    env = os.environ.get("WORKBENCH_CONFIG")
    if env:
        return Path(env)
    return Path(user_config_dir(APP_NAME)) / "config.toml"


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(path=path)
    except (OSError, UnicodeDecodeError) as exc:
        return Config(
            path=path, problem=f"Cannot read the config file {path} ({exc}); using defaults."
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Config(
            path=path,
            problem=f"The config file {path} is not valid TOML ({exc}); fix that line. Using defaults.",
        )
    problems: list[str] = []
    reviewer = data.get("reviewer")
    if reviewer is not None and (not isinstance(reviewer, str) or not reviewer.strip()):
        problems.append(f"`reviewer`{_at_line(text, 'reviewer')} must be a non-empty string")
        reviewer = None
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in keymap.items()
    ):
        problems.append(
            f"[keymap]{_at_line(text, 'keymap')} must map binding ids to key strings, "
            'e.g. "triage.verified" = "y"'
        )
        keymap = {}
    report = data.get("report", {})
    if not isinstance(report, dict):
        problems.append(f"[report]{_at_line(text, 'report')} must be a table")
        report = {}
    problem = None
    if problems:
        problem = (
            f"The config file {path} has problems ({'; '.join(problems)}); "
            "those settings use their defaults."
        )
    return Config(
        reviewer=reviewer.strip() if isinstance(reviewer, str) else None,
        keymap=dict(keymap),
        report=dict(report),
        path=path,
        problem=problem,
    )


def _at_line(text: str, key: str) -> str:
    """' (line N)' for where a top-level key or table is set, so the message points at it."""
    pattern = re.compile(rf"^\s*(?:\[\s*{re.escape(key)}\s*\]|{re.escape(key)}\s*[=.])")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return f" (line {number})"
    return ""


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", escaped)
    return f'"{escaped}"'


def save_reviewer(name: str, path: Path | None = None) -> Path:
    """Set `reviewer` in the config file, keeping everything else in it."""
    path = path or config_path()
    line = f"reviewer = {_toml_string(name.strip())}"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    for i, existing in enumerate(lines):
        if existing.startswith("["):
            break
        if re.match(r"\s*reviewer\s*=", existing):
            lines[i] = line
            break
    else:
        lines.insert(0, line)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def resolve_reviewer(explicit: str | None, config: Config | None = None) -> str | None:
    """--reviewer, then WORKBENCH_REVIEWER, then the config file."""
    for candidate in (explicit, os.environ.get("WORKBENCH_REVIEWER")):
        if candidate and candidate.strip():
            return candidate.strip()
    config = config or load_config()
    return config.reviewer
