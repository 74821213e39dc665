"""Re-import the package when its code changed since it was imported (``mkdocs serve``)."""

from __future__ import annotations

import sys
from pathlib import Path

from . import IMPORTED_AT

PACKAGE = __name__.rpartition(".")[0]
PACKAGE_DIR = Path(__file__).resolve().parent


def changed_since_import(package_dir: Path = PACKAGE_DIR, imported_at: float = IMPORTED_AT) -> list[Path]:
    return sorted(p for p in package_dir.rglob("*.py") if p.stat().st_mtime > imported_at)


def reload_if_changed() -> bool:
    """Forget every module of the package if a source file changed; the next import is fresh."""
    if not changed_since_import():
        return False
    for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
        del sys.modules[name]
    return True
