"""MkDocs (and ProperDocs) events for the one hook, ``hooks/studyguide_hook.py``.

Page content is the Markdown extension's job on every builder; this adds what only MkDocs has:
checks of all data and all pages before anything is rendered (every problem in one report),
the files generated before a build, nav titles, and the rendered pages' id check at the end.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .errors import DataError, Problem
from .extension import marker_errors
from .generate import SiteSettings, generate
from .glossary import GLOSSARY_PAGE
from .pages import check_pages, duplicate_ids, missing_pages
from .project import DEFAULT_DATA_DIR, EXTENSION_NAME, Project
from .site import Site, load_site
from .urllint import Finding, lint_data

# MkDocs prints a PluginError's message once, after "ERROR -": a report of several problems
# is logged line by line first, so each problem gets its own ERROR line.
# MkDocs' plugin logger namespace, without get_plugin_logger's "studyguide: " prefix: each line
# is a problem exactly as `file:line: entry: problem`, as the one-problem PluginError prints it.
log = logging.getLogger("mkdocs.plugins.studyguide")

# The rendered pages' id problems of the current build, reported together in on_env.
# Emptied in on_config: `mkdocs serve` keeps this module between rebuilds.
_page_problems: list[Problem] = []


@contextmanager
def fail_build_on_bad_data() -> Iterator[None]:
    """A DataError aborts the build with its ``file:line: entry: problem`` lines."""
    try:
        yield
    except DataError as exc:
        if len(exc.problems) == 1:
            raise PluginError(str(exc)) from exc
        for problem in exc.problems:
            log.error("%s", problem)
        raise PluginError(f"{len(exc.problems)} problems, listed above; nothing was built") from exc


def project_of(config: MkDocsConfig) -> Project:
    options: dict[str, Any] = (config.mdx_configs or {}).get(EXTENSION_NAME) or {}
    return Project.at(Path(config.config_file_path).parent, config.docs_dir,
                      options.get("data_dir", DEFAULT_DATA_DIR))


def settings_of(config: MkDocsConfig) -> SiteSettings:
    """The generator's settings from the config MkDocs has loaded (read_settings reads the file)."""
    custom_dir = config.theme.custom_dir
    return SiteSettings(project=project_of(config), site_name=config.site_name,
                        site_url=config.site_url or None, use_directory_urls=config.use_directory_urls,
                        theme_dir=Path(custom_dir).resolve() if custom_dir else None)


def _site(config: MkDocsConfig) -> Site:
    with fail_build_on_bad_data():
        return load_site(project_of(config))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _page_problems.clear()
    if EXTENSION_NAME not in config.markdown_extensions:
        raise PluginError(f"{config.config_file_path}: markdown_extensions: add {EXTENSION_NAME}; "
                          "without it no page gets its generated content")
    options = config.mdx_configs.setdefault(EXTENSION_NAME, {})
    # This hook checks ids after every page is rendered and reports them together.
    options["check_ids"] = False
    # URL findings are warnings, as the data files' are: `--strict` fails, `serve` goes on.
    options["report_urls"] = warn_url_findings
    _site(config)  # every problem of every data file, in one report, before any page
    return config


def warn_url_findings(findings: list[Finding]) -> None:
    for finding in findings:
        log.warning("%s", finding)


def on_pre_build(config: MkDocsConfig) -> None:
    # The files that are not pages (feed, study data, theme partials), written only when their
    # bytes change: MkDocs collects docs/ after this, and `mkdocs serve` does not loop on them.
    with fail_build_on_bad_data():
        generate(settings_of(config))
    # The data files' URLs; each page's are linted by the extension on the tree of its render.
    project = project_of(config)
    with fail_build_on_bad_data():
        findings = lint_data(project.data_dir)
    warn_url_findings(findings)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = _site(config)
    pages = files.documentation_pages()
    srcs = [f.src_uri for f in pages]
    with fail_build_on_bad_data():
        site.guide.check_pages(srcs)
        missing = missing_pages(srcs)
        if missing:
            raise DataError.of(missing)
        # Every page is read and checked here, before MkDocs reads it: a non-UTF-8 byte would
        # otherwise be a bare traceback, and a bad marker would stop at the first page.
        check_pages(
            ((f.src_uri, Path(f.abs_src_path)) for f in pages if f.abs_src_path),
            site.project.root,
            [a.page for a in site.guide.areas],
            more=lambda src, text: marker_errors(site, src, text),
        )
    # The glossary's backlinks need every other page's term mentions. Rendered last, it finds them
    # all recorded, so the extension's pre-pass converts no page a second time (the result is the
    # same in any order; this only saves the work).
    glossary = files.get_file_from_path(GLOSSARY_PAGE)
    if glossary is not None:
        files.remove(glossary)
        files.append(glossary)
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    guide = _site(config).guide
    for page in nav.pages:
        title = guide.nav_title(page.file.src_uri)
        if title:
            page.title = title
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    title = _site(config).guide.nav_title(page.file.src_uri)
    if title:
        # Material writes <title> from meta.title as is, but from page.title through
        # `striptags`, which unescapes the title that studyguide.safe escaped.
        page.meta["title"] = title
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    _page_problems.extend(duplicate_ids(html, page.file.src_uri))
    return html


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # Every page is rendered, none is written yet: stop here with all their problems.
    if _page_problems:
        with fail_build_on_bad_data():
            raise DataError.of(_page_problems)
    return env

