"""MkDocs hook: skill-weight table, area headers, skills and learning paths from data/.

Thin adapter: loading, checks and rendering live in the ``az220`` package.
"""

from __future__ import annotations

from pathlib import Path

from az220.build_errors import fail_build_on_bad_data
from az220.errors import DataError, Problem
from az220.guide import Guide, load_guide
from az220.markers import expand_markers, unknown_markers
from az220.pages import check_pages, duplicate_ids
from az220.validate import validate_all
from az220.retirements import group_notices, load_checked_retirements
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

# Reset on every build: `mkdocs serve` keeps this module loaded between rebuilds.
_guide: Guide | None = None
_page_problems: list[Problem] = []


def on_config(config):
    global _guide, _page_problems
    _guide, _page_problems = None, []
    with fail_build_on_bad_data():
        validate_all()  # every problem of every data file, in one report
        _guide = load_guide()
        load_checked_retirements()  # bad retirement data fails the build before any page
    return config


def on_files(files, config):
    with fail_build_on_bad_data():
        _guide.check_pages(f.src_uri for f in files.documentation_pages())
        # Generated pages have no source file; every other page is read and checked here,
        # before MkDocs reads it (a non-UTF-8 byte would otherwise be a bare traceback).
        check_pages(
            ((f.src_uri, Path(f.abs_src_path)) for f in files.documentation_pages() if f.abs_src_path),
            Path(config.config_file_path).parent,
            [a.page for a in _guide.areas],
        )
    return files


def on_nav(nav, config, files):
    for page in nav.pages:
        title = _guide.nav_title(page.file.src_uri)
        if title:
            page.title = title
    return nav


def on_page_content(html, page, config, files):
    _page_problems.extend(duplicate_ids(html, page.file.src_uri))
    return html


def on_env(env, config, files):
    # Every page is rendered, none is written yet: stop here with all their problems.
    if _page_problems:
        with fail_build_on_bad_data():
            raise DataError.of(_page_problems)
    return env


def on_page_markdown(markdown, page, config, files):
    title = _guide.nav_title(page.file.src_uri)
    if title:
        # Material writes <title> from meta.title as is, but from page.title through
        # `striptags`, which unescapes the title that az220.safe escaped.
        page.meta["title"] = title
    for name in unknown_markers(markdown):
        log.warning("%s: unknown marker <!-- az220:%s -->", page.file.src_uri, name)
    with fail_build_on_bad_data():
        retirements = load_checked_retirements()
    notes = lambda group: group_notices(retirements, group)  # noqa: E731
    return expand_markers(markdown, _guide.renderers(page.file.src_uri, notes))
