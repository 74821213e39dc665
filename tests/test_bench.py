"""The benchmark's sites stay buildable as the project changes (timings are never asserted)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from mkdocs.config import load_config

pytestmark = pytest.mark.build


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_build", ROOT / "tests" / "bench" / "bench_build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_site_config_points_at_files_that_exist(tmp_path: Path):
    # Not load_config: that would import the copy's hooks and its own `studyguide` into this process.
    bench = load_bench()
    config_file = bench.make_synthetic_site(tmp_path / "synthetic")
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    site = config_file.parent
    assert config["hooks"] == ["hooks/glossary.py"]
    assert (site / "hooks" / "glossary.py").exists()
    assert (site / config["theme"]["custom_dir"]).is_dir()
    assert len(list((site / "docs").glob("page-*.md"))) == bench.SYNTHETIC_PAGES


def test_expanded_site_holds_the_hooks_markdown_and_no_hooks(tmp_path: Path):
    bench = load_bench()
    config = load_config(str(bench.expanded_site(tmp_path)))
    assert config.hooks == {}
    home = (tmp_path / "expanded" / "docs" / "index.md").read_text(encoding="utf-8")
    assert "<!-- guide:" not in home
    area_1 = yaml.safe_load((ROOT / "data" / "areas.yml").read_text(encoding="utf-8"))[0]
    assert f"| 1 | [{area_1['name']}]({area_1['page']}) |" in home
    assert (tmp_path / "expanded" / "docs" / "print.md").exists()  # a page only the hooks generate
