"""The study guide as one Python-Markdown extension: everything that belongs to a page.

Listed under ``markdown_extensions`` (``studyguide.extension``, option ``data_dir``), it works in
any builder that converts pages with Python-Markdown and says which page it is converting
(``studyguide.builder``): MkDocs, ProperDocs and Zensical. For each page it

1. checks the page's markers (unknown, misplaced, missing, repeated) and expands them from the
   guide's data (``studyguide.registry``), and on Zensical gives an area page its title;
2. links the first mention of each glossary term to its entry, and on the glossary page fills
   every entry's backlinks (``studyguide.backlinks``: the same whatever the render order);
3. gives every external link ``rel="noopener"``;
4. refuses a page whose external links break a URL rule (``studyguide.urllint``), on the tree
   of this very render;
5. refuses a page whose rendered ids clash.

Bad data, bad markers and clashing ids raise ``DataError`` (every problem of the page at once,
as ``file:line: entry: problem``): raising is what stops every builder.
"""

from __future__ import annotations

import hashlib
import html
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from typing import Any

import markdown
from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from . import backlinks
from .builder import PageContext, page_context
from .errors import DataError, Problem
from .external_links import PRIORITY as NOOPENER_PRIORITY
from .external_links import add_noopener
from .glossary import GLOSSARY_PAGE
from .glossary_links import PRIORITY as GLOSSARY_PRIORITY
from .glossary_links import fill_backlinks
from .glossary_render import PageRef
from .markers import MARKER
from .pages import duplicate_ids, marker_problems, page_name, required_markers, split_front_matter
from .project import DEFAULT_DATA_DIR, EXTENSION_NAME, Project
from .registry import MARKERS, misplaced, render_marker
from .site import Site, load_site
from .urllint import PRIORITY as URL_LINT_PRIORITY
from .urllint import Finding, PageToLint, UrlLintTreeprocessor, url_rules

# Before html_block (20) stashes HTML comments, after normalize_whitespace (30).
MARKERS_PRIORITY = 25
# Last, on the finished HTML (raw HTML is put back at 30).
IDS_PRIORITY = 1
# A marker's Markdown may hold markers of its own (the print page's status); no deeper.
MAX_NESTING = 3


@dataclass
class _Page:
    """What the extension knows about the page its Markdown instance is converting."""

    src: str
    site: Site
    context: PageContext
    version: str  # see page_version
    source: str  # the page's Markdown before its markers are expanded


class StudyGuideExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "data_dir": [DEFAULT_DATA_DIR, "the guide's data folder, relative to the builder config's folder"],
            # Only outside a builder (tests, the backlinks pre-pass): the builder names these itself.
            "root": ["", "the project folder"],
            "docs_dir": ["docs", "the pages' folder, relative to root"],
            "page": ["", "the page's path inside docs_dir"],
            "extensions": [[], "the other extensions pages are converted with (for the backlinks)"],
            # A builder adapter that checks every page's ids at the end of the build (and reports
            # them together) turns this off; elsewhere a page with clashing ids raises at once.
            "check_ids": [True, "raise when a rendered page uses an id twice"],
            # Off in the backlinks pre-pass: the builder renders, and so lints, that page anyway.
            "lint_urls": [True, "check every external link against the URL rules"],
            # A builder adapter that reports them its own way (MkDocs: as warnings) passes a callable.
            "report_urls": [_raise_findings, "called with each page's URL findings; by default they raise"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        state = _State(self)
        md.preprocessors.register(_MarkerPreprocessor(md, state), "studyguide-markers", MARKERS_PRIORITY)
        md.treeprocessors.register(_GlossaryTreeprocessor(md, state), "studyguide-glossary", GLOSSARY_PRIORITY)
        md.treeprocessors.register(_NoopenerTreeprocessor(md, state), "studyguide-noopener", NOOPENER_PRIORITY)
        md.treeprocessors.register(UrlLintTreeprocessor(md, state.page_to_lint, self.getConfig("report_urls")),
                                   "studyguide-urllint", URL_LINT_PRIORITY)
        md.postprocessors.register(_IdsPostprocessor(md, state), "studyguide-ids", IDS_PRIORITY)

    def context(self, md: Markdown) -> PageContext | None:
        found = page_context(md)
        if found is not None:
            return found
        root, page = self.getConfig("root"), self.getConfig("page")
        if not root or not page:
            return None
        project = Project.at(root, self.getConfig("docs_dir"))
        return PageContext(src=page, root=project.root, docs_dir=project.docs_dir,
                           extensions=list(self.getConfig("extensions")))


class _State:
    """One Markdown instance's page; set by the preprocessor each time it converts."""

    def __init__(self, extension: StudyGuideExtension) -> None:
        self.extension = extension
        self.page: _Page | None = None

    def page_to_lint(self) -> PageToLint | None:
        page = self.page
        if page is None or not self.extension.getConfig("lint_urls"):
            return None
        return PageToLint(page.src, page.source, url_rules(page.site.exam))


class _MarkerPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, state: _State) -> None:
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        context = self.state.extension.context(self.md)
        self.state.page = None
        if context is None:
            if MARKER.search(text):
                raise DataError("(no page)", EXTENSION_NAME,
                                "this Markdown has markers but no builder says which page it is; "
                                "build with MkDocs, ProperDocs or Zensical, or pass root= and page=")
            return lines
        data_dir = self.state.extension.getConfig("data_dir")
        project = Project(root=context.root, docs_dir=context.docs_dir,
                          data_dir=(context.root / data_dir).resolve())
        site = load_site(project)
        src = context.src
        self.state.page = _Page(src=src, site=site, context=context, version=page_version(context, src, text),
                                source=text)
        title = site.guide.nav_title(src)
        if title and context.set_title is not None:
            context.set_title(html.unescape(title))
        return expand_page(site, src, text).split("\n")


def page_version(context: PageContext, src: str, text: str) -> str:
    """Which version of the page this is, the key its mentions are remembered under: the file's
    time and size (a stat, not a second read), or for a page with no file, its text's digest."""
    try:
        stat = (context.docs_dir / src).stat()
    except OSError:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()
    return f"{stat.st_mtime_ns}:{stat.st_size}"


def page_problems(site: Site, src: str, text: str) -> list[Problem]:
    """Markers on the page that are unknown, misplaced, misspelt, repeated or missing."""
    area_pages = [area.page for area in site.guide.areas]
    return marker_problems(text, src, required_markers(src, area_pages)) + marker_errors(site, src, text)


def expand_page(site: Site, src: str, text: str) -> str:
    """The page's Markdown with every marker expanded; DataError lists every marker problem."""
    problems = page_problems(site, src, text)
    if problems:
        raise DataError.of(problems)
    for _ in range(MAX_NESTING):
        if not MARKER.search(text):
            return text
        text = MARKER.sub(lambda m: render_marker(site, m.group("name"), src), text)
    raise DataError(page_name(src), "markers", f"markers nest more than {MAX_NESTING} deep")


def marker_errors(site: Site, src: str, text: str) -> list[Problem]:
    """Markers the guide does not know, or that stand on a page they do not belong to."""
    problems = []
    for found in MARKER.finditer(text):
        name = found.group("name")
        line = text.count("\n", 0, found.start()) + 1
        entry = f"marker {found.group(0)}"
        if name not in MARKERS:
            problems.append(Problem(page_name(src), entry, "is not a marker the guide knows "
                                    f"(known: {', '.join(sorted(MARKERS))})", line))
            continue
        problem = misplaced(site, name, src)
        if problem:
            problems.append(Problem(page_name(src), entry, problem, line))
    return problems


def _raise_findings(findings: list[Finding]) -> None:
    if findings:
        raise DataError.of([finding.problem() for finding in findings])


class _GlossaryTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, state: _State) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        page = self.state.page
        if page is None:
            return
        if page.src == GLOSSARY_PAGE:
            fill_backlinks(root, page_backlinks(page.site, page.context), page.src)
        mentioned = page.site.linker.link_page(root, page.src)
        page.site.mentions[(page.src, page.version)] = mentioned


class _NoopenerTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, state: _State) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        if self.state.page is not None:
            add_noopener(root)


class _IdsPostprocessor(Postprocessor):
    def __init__(self, md: Markdown, state: _State) -> None:
        super().__init__(md)
        self.state = state

    def run(self, text: str) -> str:
        if self.state.page is not None and self.state.extension.getConfig("check_ids"):
            problems = duplicate_ids(text, self.state.page.src)
            if problems:
                raise DataError.of(problems)
        return text


def page_backlinks(site: Site, context: PageContext) -> dict[str, list[PageRef]]:
    """Every term's pages, in nav order (then by path), from every page but the glossary's."""
    nav = list(backlinks.nav_entries(context.nav))
    order = {src: index for index, (_, src) in enumerate(nav)}
    nav_titles = {src: title for title, src in nav if title}
    pages = [src for src in backlinks.doc_pages(context.docs_dir) if src not in backlinks.NOT_BACKLINKED]
    pages.sort(key=lambda src: (order.get(src, len(order)), src))
    found: dict[str, list[PageRef]] = {}
    for src in pages:
        source = (context.docs_dir / src).read_text(encoding="utf-8")
        front_matter, text = split_front_matter(source)
        mentioned = _mentions(site, context, src, text)
        if not mentioned:
            continue
        data_title = site.guide.nav_title(src)
        title = backlinks.page_title(src, front_matter, text,
                                     html.unescape(data_title) if data_title else nav_titles.get(src))
        ref = PageRef(title=title, src=src)
        for anchor in mentioned:
            found.setdefault(anchor, []).append(ref)
    return found


def _mentions(site: Site, context: PageContext, src: str, text: str) -> list[str]:
    key = (src, page_version(context, src, text))
    if key not in site.mentions:
        # Not rendered yet in this build: convert it as the builder would, and let the
        # glossary treeprocessor record what it mentions.
        extensions = [e for e in context.extensions if not _is_this_extension(e)]
        configs = {k: v for k, v in context.extension_configs.items() if k != EXTENSION_NAME}
        ours = StudyGuideExtension(
            data_dir=str(site.project.data_dir), root=str(context.root),
            docs_dir=str(context.docs_dir), page=src, extensions=extensions,
            # The page's own render checks its ids and lints its URLs.
            check_ids=False, lint_urls=False)
        markdown.Markdown(extensions=[*extensions, ours], extension_configs=configs).convert(text)
    return site.mentions.get(key, [])


def _is_this_extension(extension: Any) -> bool:
    return extension == EXTENSION_NAME or isinstance(extension, StudyGuideExtension)


def makeExtension(**kwargs: Any) -> StudyGuideExtension:
    return StudyGuideExtension(**kwargs)
