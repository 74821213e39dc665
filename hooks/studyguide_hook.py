"""The one MkDocs hook (also run by ProperDocs): what only MkDocs needs, dispatched to
``studyguide.mkdocs_adapter``. Page content comes from the ``studyguide.extension`` Markdown
extension, which every builder runs; Zensical ignores ``hooks:`` and needs none of this.

``mkdocs serve`` loads this file again on every rebuild but keeps imported modules, so the
package is re-imported when its code changed: an edit under hooks/studyguide/ shows without a
restart.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


def _adapter() -> ModuleType:
    return importlib.import_module("studyguide.mkdocs_adapter")


def on_config(config: Any) -> Any:
    importlib.import_module("studyguide.reload").reload_if_changed()
    return _adapter().on_config(config)


def on_pre_build(config: Any) -> None:
    _adapter().on_pre_build(config)


def on_files(files: Any, config: Any) -> Any:
    return _adapter().on_files(files, config)


def on_nav(nav: Any, config: Any, files: Any) -> Any:
    return _adapter().on_nav(nav, config, files)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return _adapter().on_page_markdown(markdown, page, config, files)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return _adapter().on_page_content(html, page, config, files)


def on_env(env: Any, config: Any, files: Any) -> Any:
    return _adapter().on_env(env, config, files)
