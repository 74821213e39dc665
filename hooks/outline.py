"""MkDocs hook: skill-weight table, area headers, skills and learning paths from data/.

Thin adapter: loading, checks and rendering live in the ``az220`` package.
"""

from __future__ import annotations

from az220.build_errors import fail_build_on_bad_data
from az220.guide import Guide, load_guide
from az220.markers import expand_markers, unknown_markers
from az220.retirements import group_notices, load_checked_retirements
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

# Reset on every build: `mkdocs serve` keeps this module loaded between rebuilds.
_guide: Guide | None = None


def on_config(config):
    global _guide
    _guide = None
    with fail_build_on_bad_data():
        _guide = load_guide()
        load_checked_retirements()  # bad retirement data fails the build before any page
    return config


def on_files(files, config):
    with fail_build_on_bad_data():
        _guide.check_pages(f.src_uri for f in files.documentation_pages())
    return files


def on_nav(nav, config, files):
    for page in nav.pages:
        title = _guide.nav_title(page.file.src_uri)
        if title:
            page.title = title
    return nav


def on_page_markdown(markdown, page, config, files):
    for name in unknown_markers(markdown):
        log.warning("%s: unknown marker <!-- az220:%s -->", page.file.src_uri, name)
    with fail_build_on_bad_data():
        retirements = load_checked_retirements()
    notes = lambda group: group_notices(retirements, group)  # noqa: E731
    return expand_markers(markdown, _guide.renderers(page.file.src_uri, notes))
