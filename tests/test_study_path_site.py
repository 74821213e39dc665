"""Integration tests: the study path, labs, pitfalls and retirement notices in a real build.

Expected counts come from the data files, never from numbers typed here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from conftest import DATA, build_site

from studyguide.guide import load_guide
from studyguide.retirements import load_checked_retirements
from studyguide.study_path import STUDY_STEPS, load_study_path

pytestmark = pytest.mark.build

# Around the study path: what to read first opens the page, key concepts and resources close it.
EXPECTED_SECTIONS = ["start-here", *(anchor for anchor, _, _ in STUDY_STEPS), "key-concepts",
                     "other-helpful-resources"]


def soup(site: Path, src: str) -> BeautifulSoup:
    stem = src.removesuffix(".md")
    return BeautifulSoup((site / stem / "index.html").read_text(encoding="utf-8"), "html.parser")


def section(page: BeautifulSoup, anchor: str) -> list[Tag]:
    """The elements between the h2 with ``anchor`` and the next h2."""
    heading = page.find("h2", id=anchor)
    assert heading is not None, anchor
    found = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        found.append(sibling)
    return found


def test_every_area_page_has_the_study_path_sections_in_the_same_order(real_site: Path):
    for area in load_guide(DATA).areas:
        page = soup(real_site, area.page)
        assert [h["id"] for h in page.select("article h2")] == EXPECTED_SECTIONS, area.page
        plan = next(el for el in section(page, "start-here") if el.name == "ol")
        assert [a["href"] for a in plan.select("li a")] == [f"#{anchor}" for anchor, _, _ in STUDY_STEPS]


def test_every_area_page_lists_its_labs_from_the_data(real_site: Path):
    study = load_study_path(DATA)
    for area in load_guide(DATA).areas:
        expected = sorted(study.labs_of_area(area.number), key=lambda lab: lab.number)
        page = soup(real_site, area.page)
        links = [a["href"] for el in section(page, "official-labs") for a in el.select(".az-labs > ul > li strong > a")]
        assert links == [str(lab.url) for lab in expected], area.page
        retired = [lab for lab in expected if lab.retirements]
        notes = [li for li in page.select(".az-labs > ul > li") if "No longer works as written" in li.get_text()]
        assert len(notes) == len(retired), area.page


def test_every_area_page_has_its_pitfalls(real_site: Path):
    study = load_study_path(DATA)
    for area in load_guide(DATA).areas:
        items = soup(real_site, area.page).select(".az-pitfalls ol > li")
        assert len(items) == len(study.tips[area.number]), area.page


def test_each_exercise_names_every_skill_group_it_covers_or_leaves_out(real_site: Path):
    guide = load_guide(DATA)
    for area in guide.areas:
        exercise = section(soup(real_site, area.page), "hands-on-exercise")
        text = " ".join(" ".join(el.get_text().split()) for el in exercise)
        for group in guide.outline(area).groups:
            assert group.name in text, (area.page, group.name)


def test_retirement_notices_sit_at_their_groups_on_area_pages_and_the_print_page(real_site: Path):
    guide, retirements = load_guide(DATA), load_checked_retirements(DATA)
    printed = BeautifulSoup((real_site / "print" / "index.html").read_text(encoding="utf-8"), "html.parser")
    total = 0
    for area in guide.areas:
        page = soup(real_site, area.page)
        for group in guide.outline(area).groups:
            expected = [f"{'Retired' if r.change == 'retired' else 'Renamed'}: {r.what}"
                        for r in retirements.for_group(group)]
            notices = [el for el in section_of_group(page, group.anchor) if "az-retirement" in el.get("class", [])]
            assert [n.select_one(".admonition-title").get_text() for n in notices] == expected, group.name
            total += len(expected)
    assert len(printed.select(".az-retirement")) == total
    assert total > 0


def section_of_group(page: BeautifulSoup, anchor: str) -> list[Tag]:
    """The elements between a skill group's h3 and the next heading."""
    heading = page.find("h3", id=anchor)
    found = []
    for sibling in heading.find_next_siblings():
        if sibling.name in ("h2", "h3"):
            break
        found.append(sibling)
    return found


def test_glossary_entries_carry_their_retirement_notices(real_site: Path):
    glossary = BeautifulSoup((real_site / "glossary" / "index.html").read_text(encoding="utf-8"), "html.parser")
    retirements = load_checked_retirements(DATA)
    named = {term for entry in retirements.entries for term in entry.terms}
    assert named
    for term in named:
        entry = glossary.find("div", attrs={"data-glossary-term": term})
        assert isinstance(entry, Tag), term
        titles = [t.get_text() for t in entry.select(".az-retirement .admonition-title")]
        assert titles == [f"{'Retired' if r.change == 'retired' else 'Renamed'}: {r.what}"
                          for r in retirements.for_term(term)], term
    assert len(glossary.select(".az-retirement")) == sum(len(r.terms) for r in retirements.entries)


def edit_yaml(project: Path, name: str, change) -> tuple[list, str]:
    """Apply ``change`` to a data file's value and write it back; the new value and text."""
    path = project / "data" / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return data, text


def line_of(text: str, needle: str, after: int = 0) -> int:
    """The 1-based line of the first ``needle`` in ``text``, plus ``after`` lines."""
    return text[:text.index(needle)].count("\n") + 1 + after


@pytest.mark.parametrize(
    ("name", "change", "expected"),
    [
        ("retirements.yml", lambda d: d[0].update(terms=["no-such-term"]),
         lambda d, text: f"data/retirements.yml:{line_of(text, 'no-such-term')}: retirement {d[0]['id']}: "
                         "term 'no-such-term' is not a glossary term id"),
        ("retirements.yml", lambda d: d[0].update(skills=["no-such-skill"]),
         lambda d, text: f"data/retirements.yml:{line_of(text, 'no-such-skill')}: retirement {d[0]['id']}: "
                         "skill 'no-such-skill' is not a skill id in data/skills.yml"),
        ("labs.yml", lambda d: d[0].update(groups=["No such group"]),
         lambda d, text: f"data/labs.yml:{line_of(text, 'No such group')}: "
                         f"lab {d[0]['number']:02d} ({d[0]['title']}): "
                         "group 'No such group' is not a skill group in data/skills.yml"),
        ("pitfalls.yml", lambda d: d[0].update(tips=d[0]["tips"][:1]),
         lambda d, text: f"data/pitfalls.yml:{line_of(text, 'tips:', after=1)}: area {d[0]['area']}: "
                         "has 1 tip; each area needs 4 to 8"),
    ],
    ids=["unknown-term", "unknown-skill", "unknown-lab-group", "too-few-tips"],
)
def test_bad_study_data_fails_the_build_naming_file_line_and_entry(project_copy: Path, name, change, expected):
    data, text = edit_yaml(project_copy, name, change)
    result = build_site(project_copy)
    assert result.returncode != 0
    errors = [line.removeprefix("ERROR   -  ") for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors == [expected(data, text)]
