"""MkDocs hook: report malformed external URLs in pages and data files (see studyguide.urllint).

One warning per finding, so `mkdocs build --strict` fails and `mkdocs serve` shows where.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from studyguide.build_errors import fail_build_on_bad_data
from studyguide.datafiles import DATA_DIR
from studyguide.urllint import lint_project

log = get_plugin_logger(__name__)


def on_pre_build(config):
    with fail_build_on_bad_data():
        findings = lint_project(Path(config.docs_dir), DATA_DIR)
    for finding in findings:
        log.warning("%s", finding)
