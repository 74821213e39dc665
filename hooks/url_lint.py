"""MkDocs hook: report malformed external URLs in pages and data files (see az220.urllint).

One warning per finding, so `mkdocs build --strict` fails and `mkdocs serve` shows where.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from az220.build_errors import fail_build_on_bad_data
from az220.datafiles import DATA_DIR
from az220.urllint import lint_project

log = get_plugin_logger(__name__)


def on_pre_build(config):
    with fail_build_on_bad_data():
        findings = lint_project(Path(config.docs_dir), DATA_DIR)
    for finding in findings:
        log.warning("%s", finding)
