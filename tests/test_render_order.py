"""On MkDocs the glossary page is rendered last, so the backlinks pre-pass has nothing to convert."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from mkdocs.commands.build import build
from mkdocs.config import load_config

import studyguide.extension as extension
from studyguide.glossary import GLOSSARY_PAGE

pytestmark = pytest.mark.build


def test_the_glossary_renders_last_and_no_page_is_converted_twice(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    rendered: list[str] = []
    converted_again: list[str] = []
    mentions = extension._mentions
    preprocess = extension._MarkerPreprocessor.run

    def record_render(self: Any, lines: list[str]) -> list[str]:
        result = preprocess(self, lines)
        if self.state.page is not None and self.state.extension.getConfig("lint_urls"):
            rendered.append(self.state.page.src)
        return result

    def record_mentions(site: Any, context: Any, src: str, text: str) -> list[str]:
        if (src, extension.page_version(context, src, text)) not in site.mentions:
            converted_again.append(src)
        return mentions(site, context, src, text)

    monkeypatch.setattr(extension._MarkerPreprocessor, "run", record_render)
    monkeypatch.setattr(extension, "_mentions", record_mentions)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        # Not strict: only the order is under test here (test_site_build checks the strict build).
        build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=False))
    finally:
        logging.getLogger("mkdocs").setLevel(logging.NOTSET)
    assert rendered[-1] == GLOSSARY_PAGE
    assert converted_again == []
