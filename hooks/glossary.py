"""MkDocs hook: the glossary page, key concepts, and links from every page to the glossary.

Thin adapter; the logic lives in ``studyguide.glossary`` (data), ``studyguide.glossary_render``
(Markdown) and ``studyguide.glossary_links`` (the treeprocessor).

Backlinks ("appears on") need every page's mentions, which the linker records while each
page is rendered. So ``on_files`` moves the glossary page to the end of the files, and
MkDocs renders pages in that order (``mkdocs/commands/build.py``: every page is read,
converted and given to ``on_page_markdown`` in ``files.documentation_pages()`` order before
any is written). When the glossary's turn comes, the hook hands the backlinks to the linker,
which adds them to the page's tree as ``.md`` links that MkDocs then validates.
"""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from studyguide.areas import area_for_page
from studyguide.build_errors import fail_build_on_bad_data
from studyguide.exam import load_exam
from studyguide.glossary import GLOSSARY_PAGE, load_glossary
from studyguide.glossary_links import GlossaryLinker, GlossaryLinkExtension
from studyguide.glossary_render import PageRef, glossary_page, key_concepts
from studyguide.markers import expand_markers
from studyguide.retirements import load_retirements_if_present, term_notices
from studyguide.study import PRINT_PAGE

log = get_plugin_logger(__name__)

# Nav order of the current build's pages, for the order of backlinks. Emptied in on_config:
# `mkdocs serve` keeps this module loaded between rebuilds.
_page_order: list[str] = []


def _linker(config: MkDocsConfig) -> GlossaryLinker:
    """This build's linker: it lives in the build's own config, registered by on_config."""
    for extension in config.markdown_extensions:
        if isinstance(extension, GlossaryLinkExtension):
            return extension.linker
    raise PluginError("hooks/glossary.py: on_config did not register the glossary linker")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _page_order.clear()
    with fail_build_on_bad_data():
        glossary = load_glossary()
    # Python-Markdown takes extension instances too; MkDocs' type only names strings.
    linker = GlossaryLinker(glossary, GLOSSARY_PAGE)
    config.markdown_extensions.append(GlossaryLinkExtension(linker))  # type: ignore[arg-type]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    glossary = files.get_file_from_path(GLOSSARY_PAGE)
    if glossary is None or not glossary.is_documentation_page():
        raise PluginError(f"docs/{GLOSSARY_PAGE}: page is missing; every glossary link points to it")
    # Rendered last, so that every other page's mentions are known (see the module docstring).
    files.remove(glossary)
    files.append(glossary)
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _page_order[:] = [page.file.src_uri for page in nav.pages]
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    linker = _linker(config)
    glossary = linker.glossary
    src = page.file.src_uri
    linker.page = src  # the page the treeprocessor is about to see
    renderers: dict[str, Callable[[], str]] = {}
    area = area_for_page(glossary.areas, src)
    if area is not None:
        number = area.number
        renderers["key-concepts"] = lambda: key_concepts(glossary, number, src)
    if src == GLOSSARY_PAGE:
        linker.backlinks = _backlinks(files, linker)
        with fail_build_on_bad_data():
            retirements = load_retirements_if_present()
            docs_name = load_exam().docs_name
        renderers["glossary"] = lambda: glossary_page(
            glossary, src, lambda anchor: term_notices(retirements, anchor), docs_name=docs_name
        )
    return expand_markers(markdown, renderers)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Markdown converted later (say, by a plugin in on_env) belongs to no page.
    _linker(config).page = None
    return html


def _backlinks(files: Files, linker: GlossaryLinker) -> dict[str, list[PageRef]]:
    # The print page repeats the homework pages' text: as a backlink it would be on every entry.
    pages = [f.page for f in files.documentation_pages()
             if f.src_uri not in (GLOSSARY_PAGE, PRINT_PAGE) and f.page]
    unrendered = [p.file.src_uri for p in pages if p.content is None]
    if unrendered:
        log.warning(
            "%s was rendered before %s; their mentions are missing from the backlinks",
            GLOSSARY_PAGE, ", ".join(unrendered),
        )
    order = {src: index for index, src in enumerate(_page_order)}
    pages.sort(key=lambda p: (order.get(p.file.src_uri, len(order)), p.file.src_uri))
    found: dict[str, list[PageRef]] = {}
    for page in pages:
        ref = PageRef(title=page.title or page.file.src_uri, src=page.file.src_uri)
        for anchor in linker.mentions.get(page.file.src_uri, ()):
            found.setdefault(anchor, []).append(ref)
    return found
