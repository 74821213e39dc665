"""Study tools' data, the print page, and the template overrides they rely on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import DATA, build_site

from studyguide import render
from studyguide.areas import Area, Weight
from studyguide.guide import load_guide
from studyguide.outline import AreaOutline, LearningPath, Skill, SkillGroup
from studyguide.study import (
    area_intro,
    build_learner_data,
    outline_version,
    print_page,
    study_data,
    study_data_json,
)

URL = "https://learn.microsoft.com/en-us/azure/iot-hub/"


def skill(skill_id: str, name: str) -> Skill:
    return Skill(id=skill_id, name=name, url=URL)


AREAS = [
    Area(number=1, name="Hubs", short_name="Hubs", weight=Weight(min=40, max=60), page="areas/01-hubs.md"),
    Area(number=2, name="Edge & more", short_name="Edge", weight=Weight(min=40, max=50),
         page="areas/02-edge.md"),
]
OUTLINES = [
    AreaOutline(area=2, groups=[SkillGroup(name="Edge", url=URL, skills=[skill("c-skill", "C")])]),
    AreaOutline(area=1, groups=[SkillGroup(name="Hub", url=URL,
                                           skills=[skill("b-skill", "B"), skill("a-skill", "A")])]),
]
PATHS = [LearningPath(name="Learn hubs", area=1, url=URL, module_count=1)]


# ---------- outline version ----------


def test_outline_version_is_a_short_hash_of_the_sorted_skill_ids():
    # sha256("a-skill\nb-skill\nc-skill")[:12]
    assert outline_version(OUTLINES) == "bc5101508368"


def test_outline_version_ignores_order_and_names():
    renamed = [
        AreaOutline(area=1, groups=[SkillGroup(name="Other", url=URL, skills=[
            skill("c-skill", "Renamed C"), skill("a-skill", "A"), skill("b-skill", "B")])]),
    ]
    assert outline_version(renamed) == outline_version(OUTLINES)


def test_outline_version_changes_when_a_skill_is_added():
    grown = [*OUTLINES, AreaOutline(area=3, groups=[
        SkillGroup(name="New", url=URL, skills=[skill("d-skill", "D")])])]
    assert outline_version(grown) != outline_version(OUTLINES)


# ---------- study data ----------


def test_study_data_lists_areas_in_order_with_weights_and_skill_ids():
    assert study_data(AREAS, OUTLINES) == {
        "schema": 1,
        "version": "bc5101508368",
        "areas": [
            {"number": 1, "name": "Hubs", "short_name": "Hubs",
             "weight": {"min": 40, "max": 60, "midpoint": 50.0},
             "skills": [{"id": "b-skill", "name": "B"}, {"id": "a-skill", "name": "A"}]},
            {"number": 2, "name": "Edge & more", "short_name": "Edge",
             "weight": {"min": 40, "max": 50, "midpoint": 45.0},
             "skills": [{"id": "c-skill", "name": "C"}]},
        ],
    }


def test_study_data_json_is_compact_and_stable():
    text = study_data_json(AREAS, OUTLINES)
    assert text.startswith('{"areas":[{"name":"Hubs","number":1,"short_name":"Hubs","skills":[')
    assert text.endswith('"schema":1,"version":"bc5101508368"}\n')
    assert json.loads(text) == study_data(AREAS, OUTLINES)


# ---------- print page ----------


def test_print_page_has_the_table_then_each_area_with_skills_and_paths():
    page = print_page(AREAS, OUTLINES, PATHS)
    assert page.startswith("# The whole guide on one page\n")
    assert render.skills_table(AREAS, OUTLINES, "print.md") in page
    assert "## 1 · Hubs { #area-1 .az-print-area }\n\n**40–60%** of the exam · 2 skills in 1 group\n" in page
    assert "## 2 · Edge &amp; more { #area-2 .az-print-area }\n" in page
    assert render.skills_list(OUTLINES[1]) in page
    assert "### Learning paths for area 1\n\n- [Learn hubs](" in page
    assert "### Learning paths for area 2\n\n_No learning path is mapped to this area._\n" in page
    assert page.index("## 1 ·") < page.index("## 2 ·")
    assert "Key concepts" not in page


def test_print_page_says_what_the_exam_status_is_before_the_outline():
    page = print_page(AREAS, OUTLINES, PATHS)
    # The changelog hook expands the marker into the outline's date and the exam's status.
    assert page.index("<!-- guide:outline-status -->\n") < page.index("## Skills measured")


def test_print_page_carries_each_area_s_introduction_and_key_concepts():
    page = print_page(AREAS, OUTLINES, PATHS, intros={1: "Hubs first.\n\n**How to study it:** build one.\n"},
                      key_concepts=lambda area: f"Terms of area {area}.\n")
    area_1 = page[page.index("## 1 ·"):page.index("## 2 ·")]
    assert area_1.index("of the exam ·") < area_1.index("Hubs first.") < area_1.index("### Hub {")
    assert "**How to study it:** build one.\n" in area_1
    assert area_1.endswith("### Key concepts for area 1\n\nTerms of area 1.\n\n")
    assert page.endswith("### Key concepts for area 2\n\nTerms of area 2.\n")


def test_area_intro_adds_the_start_here_advice_as_a_paragraph():
    source = (
        "<!-- guide:area-header -->\n\nHubs come first.\n\n<!-- guide:exam-updates -->\n\n"
        "## Start here\n\nRead the [overview](../index.md) first.\n\n<!-- guide:study-plan -->\n\n"
        "## Skills measured\n\n<!-- guide:skills -->\n"
    )
    assert area_intro(source, "areas/01-hubs.md") == (
        "Hubs come first.\n\n**Start here:** Read the [overview](index.md) first.\n"
    )


def test_area_intro_is_the_prose_above_the_first_heading_without_markers():
    source = (
        "<!-- guide:area-header -->\n\nHubs come first.\n\n**How to study it:** build one.\n\n"
        "<!-- guide:exam-updates -->\n\n## Skills measured\n\n<!-- guide:skills -->\n"
    )
    assert area_intro(source, "areas/01-hubs.md") == "Hubs come first.\n\n**How to study it:** build one.\n"


def test_area_intro_skips_front_matter_and_may_be_empty():
    assert area_intro("---\ntitle: Hubs\n---\n<!-- guide:area-header -->\n\n## Skills\n", "areas/a.md") == ""
    assert area_intro("Only prose.", "areas/a.md") == "Only prose.\n"


def test_area_intro_rewrites_relative_links_for_the_print_page():
    source = (
        "See the [glossary](../glossary.md#dps), [skills](#skills-measured), [area 2](02-edge.md), "
        "[docs](https://learn.microsoft.com/x \"Docs\") and [home][h].\n\n[h]: ../index.md\n"
    )
    assert area_intro(source, "areas/01-hubs.md") == (
        "See the [glossary](glossary.md#dps), [skills](areas/01-hubs.md#skills-measured), "
        "[area 2](areas/02-edge.md), [docs](https://learn.microsoft.com/x \"Docs\") and [home][h].\n\n"
        "[h]: index.md\n"
    )


# ---------- render.py fixes this feature needed ----------


def test_skills_table_is_wrapped_in_a_classed_div_not_followed_by_an_attribute_row():
    table = render.skills_table(AREAS, OUTLINES, "index.md")
    assert table.startswith('<div class="az-skills-table" markdown>\n\n| # | Skill area |')
    assert table.endswith("\n\n</div>\n")
    assert "{ ." not in table


def test_learning_path_summary_uses_singular_for_one():
    text = render.all_learning_paths(AREAS, PATHS, "index.md")
    assert '??? abstract "1 · Hubs — 1 path, 1 module"' in text
    assert '??? abstract "2 · Edge &amp; more — 0 paths, 0 modules"' in text


# ---------- the built site ----------


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.build
def test_site_publishes_the_study_data_built_from_data_files(real_site):
    guide = load_guide(DATA)
    published = json.loads((real_site / "javascripts" / "study-outline.json").read_text(encoding="utf-8"))
    assert published == study_data(guide.areas, guide.outlines, build_learner_data(guide))
    assert (real_site / "javascripts" / "study-tools.js").is_file()


@pytest.mark.build
def test_print_page_holds_every_skill_and_edits_its_own_file(real_site):
    guide = load_guide(DATA)
    page = soup(real_site, "print")
    article = page.select_one("article")
    assert [h["id"] for h in article.select("h2.az-print-area")] == [f"area-{a.number}" for a in guide.areas]
    skill_ids = [li["data-skill"] for li in article.select("li.az-skill")]
    assert skill_ids == [s.id for o in guide.outlines for s in o.skills]
    # A real page now (one marker, the same on every builder): its edit button opens that file.
    [edit] = article.select("a.md-content__button[rel=edit]")
    assert edit["href"].endswith("/edit/main/docs/print.md")
    assert page.select_one("nav.md-nav a[href='./']").get_text(strip=True) == "Print the guide"


@pytest.mark.build
def test_header_links_to_the_repository_without_the_github_stats_component(real_site):
    for page in ("", "areas/01-solution-infrastructure", "planner"):
        html = soup(real_site, page)
        sources = html.select("a.md-source")
        assert sources and all(a.get("data-md-component") is None for a in sources)
        assert html.select_one("[data-md-component=source]") is None
    edit = soup(real_site, "areas/01-solution-infrastructure").select_one("article a[rel=edit]")
    assert edit["href"] == ("https://github.com/az220-guide/az220-study-guide/edit/main/docs/areas/"
                            "01-solution-infrastructure.md")


@pytest.mark.build
def test_search_dialog_and_progress_bar_have_accessible_names(real_site):
    html = soup(real_site, "")
    assert html.select_one(".md-search[role=dialog]")["aria-label"] == "Search"
    assert html.select_one(".md-progress[role=progressbar]")["aria-label"] == "Loading page"


@pytest.mark.build
def test_home_and_planner_have_the_study_tool_containers(real_site):
    home = soup(real_site, "")
    assert home.select_one("#az-readiness.az-study") is not None
    assert len(home.select(".az-skills-table table .az-skill-count[data-area]")) == 7
    assert "{ ." not in home.select_one(".az-skills-table").get_text()
    assert soup(real_site, "planner").select_one("#az-planner.az-study") is not None


@pytest.mark.build
def test_a_print_page_without_its_marker_fails_the_build_naming_it(project_copy):
    (project_copy / "docs" / "print.md").write_text("# Print\n", encoding="utf-8")
    result = build_site(project_copy)
    assert result.returncode != 0
    assert ("docs/print.md: marker <!-- guide:print -->: is missing; this page's generated section would be empty"
            in result.stderr)


@pytest.mark.build
def test_print_page_carries_the_exam_status_and_each_area_s_intro_and_key_concepts(real_site):
    guide = load_guide(DATA)
    article = soup(real_site, "print").select_one("article")
    status = article.select_one(".admonition")
    assert "Exam status: retired on" in status.get_text(" ", strip=True)
    assert "Skills measured as of" in status.get_text(" ", strip=True)
    for area in guide.areas:
        heading = article.find(id=f"area-{area.number}")
        section = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            section.append(sibling)
        text = " ".join(s.get_text(" ", strip=True) for s in section)
        assert "Start here:" in text, area.number
        concepts = [s for s in section if "az-key-concepts" in (s.get("class") or [])]
        assert concepts and concepts[0].select("dt"), area.number


def test_heaviest_areas_names_every_area_that_shares_the_top_weight():
    areas = [*AREAS, Area(number=3, name="Data", short_name="Data", weight=Weight(min=40, max=60),
                          page="areas/03-data.md")]
    assert render.heaviest_areas(areas, "index.md") == (
        "[1 · Hubs](areas/01-hubs.md) and [3 · Data](areas/03-data.md) (40–60% each)")
    assert render.heaviest_areas(AREAS, "index.md") == "[1 · Hubs](areas/01-hubs.md) (40–60%)"
    uneven = [*AREAS, Area(number=3, name="Data", short_name="Data", weight=Weight(min=45, max=55),
                           page="areas/03-data.md")]
    assert render.heaviest_areas(uneven, "index.md") == (
        "[1 · Hubs](areas/01-hubs.md) and [3 · Data](areas/03-data.md)")
