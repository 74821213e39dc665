"""The benchmark's sites stay buildable and fair as the project changes (timings are never asserted)."""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from conftest import ROOT
from mkdocs.commands.build import build
from mkdocs.config import load_config

from studyguide.markers import MARKER
from studyguide.project import EXTENSION_NAME
from studyguide.validate import validate_all

pytestmark = pytest.mark.build


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_build", ROOT / "tests" / "bench" / "bench_build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def extension_names(config: dict) -> list[str]:
    return [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]


def test_without_generator_drops_the_extension_and_every_hook_whatever_the_shape(tmp_path: Path) -> None:
    bench = load_bench()
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(
        "site_name: x\n"
        "hooks: [hooks/a.py, hooks/b.py]\n"
        "markdown_extensions:\n"
        f"  - {EXTENSION_NAME}\n"
        "  - toc: {permalink: true}\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "extra:\n"
        "  analytics: !ENV [ANALYTICS, none]\n", encoding="utf-8")
    stripped = bench.write_config(bench.without_generator(bench.read_config(config_file)), tmp_path / "off.yml")
    text = stripped.read_text(encoding="utf-8")
    assert "hooks" not in text and EXTENSION_NAME not in text
    # Tags the safe loader does not know are written back as they were.
    assert "!!python/name:material.extensions.emoji.twemoji" in text and "!ENV" in text
    assert "permalink: true" in text


def test_the_real_config_with_its_generator_and_without(tmp_path: Path) -> None:
    bench = load_bench()
    real = bench.read_config(ROOT / "mkdocs.yml")
    # The real config has the generator the bench takes away: otherwise "on" and "off" are one build.
    assert EXTENSION_NAME in extension_names(real)
    off = bench.without_generator(real)
    assert "hooks" not in off and EXTENSION_NAME not in extension_names(off)
    assert [n for n in extension_names(real) if n != EXTENSION_NAME] == extension_names(off)


def test_expanded_site_holds_the_generators_markdown_and_builds_without_it(tmp_path: Path) -> None:
    bench = load_bench()
    config_file = bench.expanded_site(ROOT / "mkdocs.yml", tmp_path / "expanded")
    config = load_config(str(config_file), site_dir=str(tmp_path / "site"), strict=False)
    assert config.hooks == {}
    assert EXTENSION_NAME not in config.markdown_extensions
    docs = tmp_path / "expanded" / "docs"
    assert [p.name for p in docs.rglob("*.md") if MARKER.search(p.read_text(encoding="utf-8"))] == []
    home = (docs / "index.md").read_text(encoding="utf-8")
    area_1 = yaml.safe_load((ROOT / "data" / "areas.yml").read_text(encoding="utf-8"))[0]
    assert f"| 1 | [{area_1['name']}]({area_1['page']}) |" in home
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        build(config)
    finally:
        logging.getLogger("mkdocs").setLevel(logging.NOTSET)
    assert area_1["name"] in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_synthetic_site_is_the_real_guide_with_many_more_pages_and_terms(tmp_path: Path) -> None:
    bench = load_bench()
    config_file = bench.make_synthetic_site(tmp_path / "synthetic")
    site = config_file.parent
    config = bench.read_config(config_file)
    assert EXTENSION_NAME in extension_names(config)
    for hook in config["hooks"]:
        assert (site / hook).is_file()
    assert len(list((site / "docs" / "synthetic").glob("page-*.md"))) == bench.SYNTHETIC_PAGES
    real_terms = yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))
    terms = yaml.safe_load((site / "data" / "glossary.yml").read_text(encoding="utf-8"))
    assert len(terms) == len(real_terms) + bench.SYNTHETIC_TERMS
    validate_all(site / "data")  # the generator would refuse the build otherwise
