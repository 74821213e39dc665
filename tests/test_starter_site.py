"""The starter guide (examples/starter/) builds with the same package and no code change:
its own exam, areas, terms and questions reach its pages, and nothing of the real guide does."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build_site, copy_project
from test_starter import exam_facts, mentions

from studyguide import render
from studyguide.exam import load_exam
from studyguide.glossary import load_glossary
from studyguide.guide import load_guide
from studyguide.sitelinks import check_site

pytestmark = pytest.mark.build

STARTER = Path("examples") / "starter"


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the starter's folder in a copy of the project, its built site)."""
    project = copy_project(tmp_path_factory.mktemp("starter") / "project")
    # Same depth as in the repository: its theme files and scripts are links to the generator's.
    shutil.copytree(ROOT / STARTER, project / STARTER, symlinks=True)
    site = project / "starter-site"
    result = build_site(project / STARTER, site)
    assert result.returncode == 0, result.stderr
    return project / STARTER, site


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_every_page_is_built_and_no_marker_is_left(starter: tuple[Path, Path]) -> None:
    folder, site = starter
    sources = sorted(p.relative_to(folder / "docs").with_suffix("").as_posix()
                     for p in (folder / "docs").rglob("*.md"))
    for src in sources:
        built = site / ("" if src == "index" else src) / "index.html"
        assert built.is_file(), src
        assert "<!-- guide:" not in built.read_text(encoding="utf-8"), src


def test_area_pages_take_titles_and_skills_from_the_starter_data(starter: tuple[Path, Path]) -> None:
    folder, site = starter
    guide = load_guide(folder / "data")
    for area, outline in zip(guide.areas, guide.outlines, strict=True):
        html = page(site, area.page.removesuffix(".md"))
        assert html.title is not None and html.title.get_text().startswith(
            render.nav_title(area).replace("&amp;", "&"))
        assert [li["data-skill"] for li in html.select("li.az-skill")] == [s.id for s in outline.skills]


def test_terms_link_to_the_starter_glossary_with_backlinks(starter: tuple[Path, Path]) -> None:
    folder, site = starter
    glossary = load_glossary(folder / "data")
    entries = page(site, "glossary")
    assert [h["id"] for h in entries.select("h3.az-glossary-term")] == [t.anchor for t in glossary.terms]
    linked = {a["href"].split("#")[1] for p in site.rglob("areas/*/index.html")
              for a in BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").select("a.az-glossary-link")}
    assert linked and linked <= {t.anchor for t in glossary.terms}
    backlinks = entries.select("p.az-glossary-backlinks a")
    assert backlinks and all(a["href"].startswith("../areas/") or a["href"].startswith("../") for a in backlinks)


def test_an_active_exam_has_no_banner_and_its_own_feed_and_study_data(starter: tuple[Path, Path]) -> None:
    folder, site = starter
    exam = load_exam(folder / "data")
    home = page(site, "")
    assert home.select_one(".az-retired") is None
    assert home.select_one('link[type="application/atom+xml"]') is not None
    assert exam.code in (site / "feed.xml").read_text(encoding="utf-8")
    data = json.loads((site / "javascripts" / "study-outline.json").read_text(encoding="utf-8"))
    assert data["prefix"] == exam.storage_prefix
    assert data["exam"] == {"code": exam.code, "name": exam.name}
    guide = load_guide(folder / "data")
    assert len(data["questions"]) == len(guide.questions())


def test_the_real_guide_is_untouched_and_absent(starter: tuple[Path, Path]) -> None:
    folder, site = starter
    facts = exam_facts(load_exam(ROOT / "data"))
    for html in site.rglob("*.html"):
        text = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").get_text(" ")
        assert mentions(text, facts) == [], html
    # The real guide's generated files were not written by the starter's build.
    project = folder.parents[1]
    real_json = project / "docs" / "javascripts" / "study-outline.json"
    assert not real_json.exists() or load_exam(ROOT / "data").storage_prefix in real_json.read_text(encoding="utf-8")


def test_the_starter_site_has_no_broken_internal_link(starter: tuple[Path, Path]) -> None:
    _, site = starter
    assert check_site(site, "https://xy101-guide.example.org/") == []
