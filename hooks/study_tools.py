"""MkDocs hook: publish the study tools' data and generate the one-page print edition.

Thin adapter: the JSON and the page's Markdown come from ``az220.study``.
"""

from __future__ import annotations

from az220.errors import DataError
from az220.guide import Guide, load_guide
from az220.study import PRINT_PAGE, STUDY_DATA_URI, print_page, study_data_json
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

# Reset on every build: `mkdocs serve` keeps this module loaded between rebuilds.
_guide: Guide | None = None


def on_config(config):
    global _guide
    _guide = None
    try:
        _guide = load_guide()
    except DataError as exc:
        raise PluginError(str(exc)) from exc
    return config


def on_files(files, config):
    # Generated, so there is no source file to edit and no edit button on the print page.
    files.append(File.generated(config, PRINT_PAGE,
                                content=print_page(_guide.areas, _guide.outlines, _guide.paths)))
    files.append(File.generated(config, STUDY_DATA_URI,
                                content=study_data_json(_guide.areas, _guide.outlines)))
    return files
