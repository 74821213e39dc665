"""Where one guide lives: its project folder, its pages and its data.

Every builder names these in its own config (the folder of ``mkdocs.yml``, its ``docs_dir``, and the
``data_dir`` option of the ``studyguide.extension`` Markdown extension), so the package never guesses
them from where its own code is installed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

EXTENSION_NAME = "studyguide.extension"
DEFAULT_DOCS_DIR = "docs"
DEFAULT_DATA_DIR = "data"


@dataclass(frozen=True)
class Project:
    root: Path  # the folder of the builder's config file
    docs_dir: Path
    data_dir: Path

    @classmethod
    def at(cls, root: Path, docs_dir: str | Path = DEFAULT_DOCS_DIR,
           data_dir: str | Path = DEFAULT_DATA_DIR) -> Project:
        """The project in ``root``; relative ``docs_dir`` and ``data_dir`` are taken from there."""
        root = Path(root).resolve()
        return cls(root=root, docs_dir=(root / docs_dir).resolve(), data_dir=(root / data_dir).resolve())
