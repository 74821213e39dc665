"""Reading the YAML data files in ``data/``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import DataError

# libyaml's safe loader when PyYAML has it (the wheels do): about ten times faster than pure Python.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# data/ sits next to hooks/ at the project root.
DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def read_yaml(path: Path) -> Any:
    """Parse one YAML file; a syntax error becomes a DataError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(display_name(path), "file", f"cannot be read ({exc.strerror})") from exc
    try:
        return yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "file"
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataError(display_name(path), where, f"invalid YAML ({problem})") from exc


def display_name(path: Path) -> str:
    """``data/areas.yml`` rather than an absolute path, when the file is in a data/ folder."""
    return f"{path.parent.name}/{path.name}"
