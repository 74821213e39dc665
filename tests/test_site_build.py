"""Integration tests: build the site with MkDocs and check the HTML the outline hook produced."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, build_site, reported

pytestmark = pytest.mark.build

EXPECTED_WEIGHTS = ["10–15%", "15–20%", "15–20%", "5–10%", "15–20%", "5–10%", "5–10%"]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_html(site: Path, src: str) -> Path:
    """Built file for a docs/ src path (``areas/01-x.md`` → ``areas/01-x/index.html``)."""
    stem = src.removesuffix(".md")
    return site / ("index.html" if stem == "index" else f"{stem}/index.html")


def skills_table_rows(site: Path) -> list[list[str]]:
    table = soup(site / "index.html").select_one("table")
    return [[td.get_text(strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")]


def load(project: Path, name: str):
    return yaml.safe_load((project / "data" / name).read_text(encoding="utf-8"))


def test_home_table_has_the_seven_areas_and_weights(real_site: Path):
    rows = skills_table_rows(real_site)
    assert [row[0] for row in rows] == [str(n) for n in range(1, 8)]
    assert [row[2] for row in rows] == EXPECTED_WEIGHTS


def test_home_table_links_each_area_to_its_page(real_site: Path):
    links = soup(real_site / "index.html").select("table tbody tr td:nth-of-type(2) a")
    areas = load(ROOT, "areas.yml")
    assert [a["href"] for a in links] == [a["page"].removesuffix(".md") + "/" for a in areas]
    assert [a.get_text() for a in links] == [a["name"] for a in areas]


def test_home_bars_are_proportional_to_weight(real_site: Path):
    bars = soup(real_site / "index.html").select(".az-bar")
    assert len(bars) == 7
    # 10–15 % on a scale whose top is 20 %: solid 50 %, light 25 %.
    assert [s["style"] for s in bars[0].select("span")] == ["width: 50%", "width: 25%"]
    assert bars[0]["aria-label"] == "10 to 15 percent of the exam"


def test_every_homework_page_lists_all_its_skills(real_site: Path):
    areas = load(ROOT, "areas.yml")
    outlines = {o["area"]: o for o in load(ROOT, "skills.yml")}
    total = 0
    for area in areas:
        page = soup(page_html(real_site, area["page"]))
        expected = [s for g in outlines[area["number"]]["groups"] for s in g["skills"]]
        items = page.select("li.az-skill")
        assert [li["data-skill"] for li in items] == [s["id"] for s in expected], area["page"]
        assert [li.a.get_text() for li in items] == [s["name"] for s in expected]
        assert all(li.a["href"].startswith("https://") for li in items)
        total += len(items)
    assert total == 97


def test_homework_page_header_shows_weight_and_place(real_site: Path):
    page = soup(page_html(real_site, "areas/03-iot-edge.md"))
    assert page.h1.get_text(strip=True).rstrip("¶") == "Implement IoT Edge"
    header = page.select_one(".az-area-header")
    assert header.select_one(".az-weight").get_text() == "15–20%"
    assert header.get_text(" ", strip=True).startswith("Skill area 3 of 7")
    assert "(joint 1st of 7 by weight)" in header.get_text()


def test_nav_titles_come_from_the_short_names(real_site: Path):
    page = soup(real_site / "index.html")
    labels = [a.get_text(strip=True) for a in page.select("nav.md-nav--primary a.md-nav__link")]
    for expected in ["1 · Infrastructure", "3 · IoT Edge", "7 · Security"]:
        assert expected in labels


def test_no_marker_is_left_for_the_outline_hook(real_site: Path):
    for name in ["skills-table", "area-header", "skills", "learning-paths", "learning-paths-all"]:
        for html in real_site.rglob("*.html"):
            assert f"guide:{name} " not in html.read_text(encoding="utf-8"), (name, html)


def test_changing_one_weight_changes_table_and_badge(project_copy: Path):
    areas_file = project_copy / "data" / "areas.yml"
    text = areas_file.read_text(encoding="utf-8")
    areas = yaml.safe_load(text)
    areas[3]["weight"] = {"min": 6, "max": 11}  # area 4: 5–10 → 6–11 (Σmin 81, Σmax 116: still valid)
    areas_file.write_text(yaml.safe_dump(areas, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = build_site(project_copy)
    assert result.returncode == 0, result.stderr
    site = project_copy / "site"
    assert skills_table_rows(site)[3][2] == "6–11%"
    badge = soup(page_html(site, areas[3]["page"])).select_one(".az-area-header .az-weight")
    assert badge.get_text() == "6–11%"


def edit_areas(project: Path, change) -> None:
    path = project / "data" / "areas.yml"
    areas = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(areas)
    path.write_text(yaml.safe_dump(areas, sort_keys=False, allow_unicode=True), encoding="utf-8")


def set_weight(index: int, low: int, high: int):
    def change(areas):
        areas[index]["weight"] = {"min": low, "max": high}
    return change


def set_field(index: int, field: str, value):
    def change(areas):
        areas[index][field] = value
    return change


AREA_1_NAME = yaml.safe_load((ROOT / "data" / "areas.yml").read_text(encoding="utf-8"))[0]["name"]
INVALID_WEIGHTS = {
    "min-greater-than-max": (
        set_weight(1, 20, 15),
        "data/areas.yml: area 2 (Provision and manage devices): weight min 20 is greater than max 15",
    ),
    "outside-0-100": (
        set_weight(0, 10, 150),
        f"data/areas.yml: area 1 ({AREA_1_NAME}): weight 10–150 is outside 0–100",
    ),
    "sum-of-minimums-over-100": (
        set_weight(0, 45, 50),  # Σmin 70 → 105
        "data/areas.yml: all areas: minimum weights add up to 105%, more than 100%",
    ),
    "sum-of-maximums-under-100": (
        set_weight(1, 0, 10),  # Σmax 105 → 95
        "data/areas.yml: all areas: maximum weights add up to 95%, less than 100%",
    ),
    "duplicate-number": (
        set_field(6, "number", 6),
        "data/areas.yml: area 6: number used 2 times",
    ),
    "missing-number": (
        set_field(6, "number", 8),
        "data/areas.yml: area 7: missing: areas must be numbered 1–7 without gaps",
    ),
    "page-does-not-exist": (
        set_field(2, "page", "areas/03-edge.md"),
        "data/areas.yml: area 3 (Implement IoT Edge): page areas/03-edge.md does not exist in docs/",
    ),
}


@pytest.mark.parametrize("case", sorted(INVALID_WEIGHTS))
def test_invalid_weight_data_fails_the_build(project_copy: Path, case: str):
    change, message = INVALID_WEIGHTS[case]
    edit_areas(project_copy, change)
    result = build_site(project_copy)
    assert result.returncode != 0
    assert reported(message, result.stderr), result.stderr


def test_homework_page_without_an_area_fails_the_build(project_copy: Path):
    extra = project_copy / "docs" / "areas" / "08-extra.md"
    extra.write_text("# An eighth area\n", encoding="utf-8")
    result = build_site(project_copy)
    assert result.returncode != 0
    assert "data/areas.yml: page areas/08-extra.md: is a homework page but no area lists it" in result.stderr


def test_unknown_marker_fails_the_strict_build(project_copy: Path):
    index = project_copy / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n<!-- guide:skils-table -->\n", encoding="utf-8")
    result = build_site(project_copy)
    assert result.returncode != 0
    assert "docs/index.md:" in result.stderr
    assert ": marker <!-- guide:skils-table -->: is not a marker the guide knows (known: " in result.stderr


def test_no_tracking_or_legacy_urls_reach_the_site(real_site: Path):
    for html in real_site.rglob("*.html"):
        for a in soup(html).select("a[href]"):
            href = a["href"]
            assert "wt.mc_id" not in href and "docs.microsoft.com" not in href, (html, href)
            if "#" in href:
                assert "?" not in href.split("#", 1)[1], (html, href)
