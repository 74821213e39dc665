"""MkDocs hook: skill-weight table, area headers, skills and learning paths from data/.

Thin adapter: loading, checks and rendering live in the ``studyguide`` package.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from studyguide.build_errors import fail_build_on_bad_data
from studyguide.errors import DataError, Problem
from studyguide.guide import Guide, load_guide
from studyguide.markers import expand_markers, unknown_markers
from studyguide.pages import check_pages, duplicate_ids
from studyguide.retirements import group_notices, load_checked_retirements
from studyguide.validate import validate_all

log = get_plugin_logger(__name__)

# The pages' duplicate-id problems of the current build, reported together in on_env.
# Emptied in on_config: `mkdocs serve` keeps this module loaded between rebuilds.
_page_problems: list[Problem] = []


def _guide() -> Guide:
    # No module state: load_guide() reads the data once per change, for every hook that asks.
    with fail_build_on_bad_data():
        return load_guide()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _page_problems.clear()
    with fail_build_on_bad_data():
        validate_all()  # every problem of every data file (retirements included), in one report
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    guide = _guide()
    with fail_build_on_bad_data():
        guide.check_pages(f.src_uri for f in files.documentation_pages())
        # Generated pages have no source file; every other page is read and checked here,
        # before MkDocs reads it (a non-UTF-8 byte would otherwise be a bare traceback).
        check_pages(
            ((f.src_uri, Path(f.abs_src_path)) for f in files.documentation_pages() if f.abs_src_path),
            Path(config.config_file_path).parent,
            [a.page for a in guide.areas],
        )
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    guide = _guide()
    for page in nav.pages:
        title = guide.nav_title(page.file.src_uri)
        if title:
            page.title = title
    return nav


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    _page_problems.extend(duplicate_ids(html, page.file.src_uri))
    return html


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # Every page is rendered, none is written yet: stop here with all their problems.
    if _page_problems:
        with fail_build_on_bad_data():
            raise DataError.of(_page_problems)
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    guide = _guide()
    title = guide.nav_title(page.file.src_uri)
    if title:
        # Material writes <title> from meta.title as is, but from page.title through
        # `striptags`, which unescapes the title that studyguide.safe escaped.
        page.meta["title"] = title
    for name in unknown_markers(markdown):
        log.warning("%s: unknown marker <!-- guide:%s -->", page.file.src_uri, name)
    with fail_build_on_bad_data():
        retirements = load_checked_retirements()
    return expand_markers(
        markdown, guide.renderers(page.file.src_uri, lambda group: group_notices(retirements, group))
    )
