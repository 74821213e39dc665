"""The glossary's "Appears on" lists, whatever order the builder renders pages in.

Which terms a page mentions is known only once the page is converted (the linker skips code,
links and headings). So when the glossary page is rendered, every other page is looked up in
``Site.mentions``, filled by each real render, and any page not rendered yet is converted here
with the builder's own Markdown set-up. MkDocs happens to render most pages before the
glossary, Zensical renders it in path order: both give the same lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .glossary import GLOSSARY_PAGE
from .study import PRINT_PAGE

# The print page repeats the homework pages' text: as a backlink it would be on every entry.
NOT_BACKLINKED = frozenset({GLOSSARY_PAGE, PRINT_PAGE})

_META_TITLE = re.compile(r"^title:[ \t]*(?P<title>.+?)[ \t]*$", re.MULTILINE)
_H1 = re.compile(r"^#[ \t]+(?P<title>.+?)[ \t#]*$", re.MULTILINE)


def nav_entries(nav: Any) -> Iterator[tuple[str | None, str]]:
    """(title or None, src) of every page in an mkdocs.yml-shaped nav, in order."""
    if isinstance(nav, str):
        if not nav.startswith(("http://", "https://")) and nav.endswith(".md"):
            yield None, nav
    elif isinstance(nav, list):
        for item in nav:
            yield from nav_entries(item)
    elif isinstance(nav, dict):
        for title, value in nav.items():
            if isinstance(value, str):
                if value.endswith(".md"):
                    yield str(title), value
            else:
                yield from nav_entries(value)


def doc_pages(docs_dir: Path) -> list[str]:
    """Every Markdown page under ``docs_dir`` (src paths), skipping hidden files and folders."""
    found = []
    for path in docs_dir.rglob("*.md"):
        rel = path.relative_to(docs_dir)
        if not any(part.startswith(".") for part in rel.parts):
            found.append(rel.as_posix())
    return sorted(found)


def page_title(src: str, front_matter: str, markdown: str, nav_title: str | None) -> str:
    """The title a builder gives the page: the nav's, else front matter's, else its first H1."""
    if nav_title:
        return nav_title
    for pattern, text in ((_META_TITLE, front_matter), (_H1, markdown)):
        found = pattern.search(text)
        if found:
            return found.group("title").strip("'\"")
    return src
