"""The one place that knows each builder's internals: which page is being rendered, where the
project is, and how to give a page its title.

Python-Markdown gives an extension no page. Each builder leaves one in the Markdown instance:

- MkDocs 1.6 (and ProperDocs, its fork, whose ``mkdocs.*`` modules are the same code) registers
  a private treeprocessor named ``relpath`` that holds the page's ``File`` and the whole config;
- Zensical registers ``zensical.extensions.context.ContextPreprocessor``, holding its ``Page``
  (``path``, a settable ``title``) and its config (``root_dir``, ``docs_dir``, ``nav``).

Both are read when a page is converted, not when the extension is set up (MkDocs registers
``relpath`` after the extensions). Each lookup is tested against the builder it names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown import Markdown


@dataclass(frozen=True)
class PageContext:
    src: str  # the page's path inside docs_dir, with "/"
    root: Path  # the folder of the builder's config file
    docs_dir: Path
    # The builder's own Markdown set-up, so a page converted outside the builder's render (the
    # backlinks pre-pass) is converted exactly as the builder converts it.
    extensions: Sequence[Any] = ()
    extension_configs: Mapping[str, Any] = field(default_factory=dict)
    nav: Any = None  # the config's nav, in mkdocs.yml's shape; None when it has none
    set_title: Callable[[str], None] | None = None  # None: the builder takes titles elsewhere
    builder: str = "none"


def page_context(md: Markdown) -> PageContext | None:
    """The page ``md`` is converting, as its builder describes it; None outside a builder."""
    return _zensical(md) or _mkdocs(md)


def _mkdocs(md: Markdown) -> PageContext | None:
    if "relpath" not in md.treeprocessors:
        return None
    relpath = md.treeprocessors["relpath"]
    file, config = getattr(relpath, "file", None), getattr(relpath, "config", None)
    if file is None or config is None:
        return None
    return PageContext(
        src=file.src_uri,
        root=Path(config.config_file_path).resolve().parent,
        docs_dir=Path(config.docs_dir).resolve(),
        extensions=list(config.markdown_extensions),
        extension_configs=dict(config.mdx_configs or {}),
        nav=config.nav,
        builder="mkdocs",
    )


def _zensical(md: Markdown) -> PageContext | None:
    try:
        from zensical.extensions.context import ContextExtension, ContextPreprocessor
    except ImportError:
        return None
    context = ContextPreprocessor.from_markdown(md)
    if context is None:
        return None
    page, config = context.page, context.config
    root = Path(config["root_dir"]).resolve()

    def set_title(title: str) -> None:
        page.title = title

    return PageContext(
        src=str(page.path).replace("\\", "/"),
        root=root,
        docs_dir=(root / config["docs_dir"]).resolve(),
        # Its own context extension carries one page: the pre-pass makes its own pages.
        extensions=[e for e in config["markdown_extensions"] if not isinstance(e, ContextExtension)],
        extension_configs=dict(config.get("mdx_configs") or {}),
        nav=mkdocs_nav(config.get("nav")),
        set_title=set_title,
        builder="zensical",
    )


def mkdocs_nav(nav: Any) -> Any:
    """Zensical's parsed nav (``{"title", "url", "children"}`` items) in mkdocs.yml's shape."""
    if isinstance(nav, list):
        return [mkdocs_nav(item) for item in nav]
    if isinstance(nav, dict) and "children" in nav and "url" in nav:
        children = nav.get("children") or []
        if children:
            return {nav.get("title") or "": mkdocs_nav(children)}
        url = nav.get("url")
        return {nav.get("title"): url} if nav.get("title") else url
    return nav
