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


def read_yaml(path: Path, loader: type = SAFE_LOADER) -> Any:
    """Parse one YAML file; a syntax error becomes a DataError naming the file and line.

    ``loader`` must be SAFE_LOADER or a subclass of it.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(display_name(path), "file", f"cannot be read ({exc.strerror})") from exc
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        raise yaml_error(display_name(path), exc) from exc


def compose_yaml(text: str, file: str) -> yaml.Node | None:
    """The YAML node tree (values with line numbers), for checks that report lines."""
    try:
        return yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise yaml_error(file, exc) from exc


def yaml_error(file: str, exc: yaml.YAMLError) -> DataError:
    """A YAML syntax error as a DataError naming the file and the line."""
    mark = getattr(exc, "problem_mark", None)
    where = f"line {mark.line + 1}" if mark is not None else "file"
    problem = getattr(exc, "problem", None) or str(exc)
    return DataError(file, where, f"invalid YAML ({problem})")


def display_name(path: Path) -> str:
    """``data/areas.yml`` rather than an absolute path, when the file is in a data/ folder."""
    return f"{path.parent.name}/{path.name}"
