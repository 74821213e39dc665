"""Integration tests: the exam-update history in a built site, and builds that must fail."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import DATA, build_site, reported
from lxml import etree

from studyguide.changelog import load_changelog
from studyguide.changelog_feed import atom_feed
from studyguide.exam import load_exam
from studyguide.guide import load_guide

pytestmark = pytest.mark.build

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://az220-guide.github.io/az220-study-guide/"
UPDATE_DATES = ["2022-07-28", "2021-05-25", "2020-09-24", "2020-07-21", "2020-05-28"]
# Changes per area in data/changelog.yml, counted by hand from the file (34 in all).
CHANGES_PER_AREA = {
    "01-solution-infrastructure": 2,
    "02-provision-and-manage-devices": 4,
    "03-iot-edge": 9,
    "04-business-integration": 3,
    "05-process-and-manage-data": 2,
    "06-monitor-troubleshoot-optimize": 5,
    "07-security": 9,
}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    """The file and fragment a relative link on ``page`` points to."""
    path, _, fragment = href.partition("#")
    base = page.parent.relative_to(site).as_posix()
    target = posixpath.normpath(posixpath.join(base, path)) if path else page.relative_to(site).as_posix()
    target_path = site / target
    if target_path.is_dir():
        target_path = target_path / "index.html"
    return target_path, fragment


def changes_on(page: BeautifulSoup) -> list:
    return page.select("article li:has(> .az-change)")


# --- the real site ----------------------------------------------------------------------------


def test_changelog_page_lists_five_updates_newest_first(real_site: Path):
    page = soup(real_site / "changelog" / "index.html")
    headings = [h["id"] for h in page.select("article h2")]
    assert headings == ["exam-retired"] + [f"update-{d}" for d in UPDATE_DATES]
    assert len(changes_on(page)) == 34


def test_every_change_has_a_badge_with_text_and_links_to_its_area(real_site: Path):
    page_path = real_site / "changelog" / "index.html"
    for item in changes_on(soup(page_path)):
        badge = item.select_one(".az-change")
        assert badge.get_text(strip=True) in {
            "Added", "Modified", "Removed", "Minor revision", "Major revision"
        }
        area_links = [a["href"] for a in item.find_all("a") if "/areas/" in a["href"] or
                      a["href"].startswith("../areas/")]
        assert any("#" not in href for href in area_links), item


def test_links_to_skills_and_groups_land_on_existing_anchors(real_site: Path):
    page_path = real_site / "changelog" / "index.html"
    checked = 0
    # Glossary term links also carry anchors; only the changelog's own links count here.
    for link in soup(page_path).select("article li a[href*='#']:not(.az-glossary-link)"):
        target, fragment = resolve(real_site, page_path, link["href"])
        assert soup(target).find(id=fragment) is not None, link["href"]
        checked += 1
    # 9 skills and 12 groups are still on the final outline.
    assert checked == 21


def test_each_homework_page_has_its_updates_note(real_site: Path):
    for slug, count in CHANGES_PER_AREA.items():
        page_path = real_site / "areas" / slug / "index.html"
        page = soup(page_path)
        notes = page.select("article details:not(.az-question details)")  # self-check answers are details too
        assert len(notes) == 1, slug
        note = notes[0]
        assert note.summary.get_text(strip=True) == "Exam updates for this area"
        assert "open" not in note.attrs  # collapsed
        items = note.select("li")
        assert len(items) == count, slug
        for item in items:
            target, fragment = resolve(real_site, page_path, item.a["href"])
            assert target == real_site / "changelog" / "index.html"
            assert fragment.startswith("update-")
        # Under the header, before the skills.
        skills_heading = page.find("h2", id="skills-measured")
        assert note in skills_heading.find_all_previous("details")


def test_home_page_states_the_outline_date_and_the_retirement(real_site: Path):
    status = soup(real_site / "index.html").select_one("article .admonition.info")
    text = " ".join(status.get_text(" ", strip=True).split())
    assert "Skills measured as of 28 July 2022" in text
    assert "retired on 31 July 2023" in text
    assert [t["datetime"] for t in status.find_all("time")] == ["2022-07-28", "2023-07-31"]


def test_banner_and_feed_link_on_every_page(real_site: Path):
    pages = html_pages(real_site)
    assert len(pages) >= 10
    for page_path in pages:
        page = soup(page_path)
        banner = page.select_one(".md-banner")
        assert banner is not None, page_path
        assert "retired" in banner.get_text()
        assert banner.time["datetime"] == "2023-07-31"
        target, fragment = resolve(real_site, page_path, banner.a["href"])
        assert (target, fragment) == (real_site / "changelog" / "index.html", "exam-retired")
        feed_link = page.find("link", rel="alternate", type="application/atom+xml")
        assert feed_link is not None, page_path
        assert resolve(real_site, page_path, feed_link["href"])[0] == real_site / "feed.xml"


def test_changelog_page_links_to_the_feed(real_site: Path):
    page_path = real_site / "changelog" / "index.html"
    hrefs = [a["href"] for a in soup(page_path).select("article a")]
    assert any(resolve(real_site, page_path, h)[0] == real_site / "feed.xml" for h in hrefs)


def test_feed_is_valid_atom_with_one_entry_per_update(real_site: Path):
    root = etree.parse(str(real_site / "feed.xml")).getroot()
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}id") == f"{SITE_URL}changelog/"
    assert root.findtext(f"{ATOM}updated") == "2023-07-31T00:00:00+00:00"
    assert root.find(f"{ATOM}author/{ATOM}name").text
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == f"{SITE_URL}feed.xml"
    entries = root.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert ids == [f"{SITE_URL}changelog/#exam-retired"] + [
        f"{SITE_URL}changelog/#update-{d}" for d in UPDATE_DATES
    ]
    assert [e.findtext(f"{ATOM}updated")[:10] for e in entries] == ["2023-07-31", *UPDATE_DATES]
    for entry in entries:  # what RFC 4287 requires of each entry, plus our content
        assert entry.findtext(f"{ATOM}title")
        assert entry.find(f"{ATOM}content").get("type") == "html"
    contents = [e.findtext(f"{ATOM}content") for e in entries[1:]]
    assert [c.count("<li>") for c in contents] == [15, 8, 3, 5, 3]


def test_feed_is_exactly_what_the_data_gives(real_site: Path):
    """No build timestamp: the built feed equals one made now from the same data."""
    guide = load_guide(DATA)
    history = load_changelog(DATA / "changelog.yml", guide.areas, guide.outlines)
    expected = atom_feed(
        history, guide.areas, exam=load_exam(DATA), site_name="AZ-220 Study Guide: Azure IoT Developer",
        page_url=f"{SITE_URL}changelog/", feed_url=f"{SITE_URL}feed.xml",
    )
    assert (real_site / "feed.xml").read_bytes() == expected


# --- one data file drives all four views ------------------------------------------------------


def edit_changelog(project: Path, old: str, new: str) -> None:
    path = project / "data" / "changelog.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_active_exam_has_no_banner(project_copy: Path, tmp_path: Path):
    edit_changelog(project_copy, "retired_on: 2023-07-31\n", "")
    site = tmp_path / "site"
    result = build_site(project_copy, site)
    assert result.returncode == 0, result.stderr
    for page_path in html_pages(site):
        assert soup(page_path).select_one(".md-banner") is None, page_path
    home = soup(site / "index.html").select_one("article .admonition.info").get_text(" ", strip=True)
    assert "Exam status: active." in home
    root = etree.parse(str(site / "feed.xml")).getroot()
    assert len(root.findall(f"{ATOM}entry")) == 5
    assert root.findtext(f"{ATOM}updated") == "2022-07-28T00:00:00+00:00"
    assert soup(site / "changelog" / "index.html").find(id="exam-retired") is None


def test_a_new_update_reaches_page_note_status_and_feed(project_copy: Path, tmp_path: Path):
    edit_changelog(
        project_copy,
        "updates:\n",
        "updates:\n"
        "  - date: 2023-01-10\n"
        "    changes:\n"
        "      - kind: added\n"
        "        area: 5\n"
        "        skill: Query telemetry in a test\n"
        "        description: A change made by the test suite.\n",
    )
    site = tmp_path / "site"
    result = build_site(project_copy, site)
    assert result.returncode == 0, result.stderr
    assert soup(site / "changelog" / "index.html").find("h2", id="update-2023-01-10") is not None
    note = soup(site / "areas" / "05-process-and-manage-data" / "index.html").select_one("article details")
    assert "Query telemetry in a test" in note.select("li")[0].get_text()
    home = soup(site / "index.html").select_one("article .admonition.info").get_text(" ", strip=True)
    assert "Skills measured as of 10 January 2023" in home
    assert "the last of 6 outline updates" in home
    root = etree.parse(str(site / "feed.xml")).getroot()
    assert root.findall(f"{ATOM}entry")[1].findtext(f"{ATOM}id").endswith("#update-2023-01-10")


# --- bad data fails the build, naming the file and the entry ----------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        pytest.param(
            "kind: major revision", "kind: rewrite",
            "data/changelog.yml: update 2022-07-28, change 4: kind: must be one of",
            id="unknown-kind",
        ),
        pytest.param(
            "- date: 2021-05-25", "- date: 2021-5-25",
            "data/changelog.yml: update 2021-5-25: date:",
            id="malformed-date",
        ),
        pytest.param(
            "area: 7\n        group: Implement Microsoft Defender for IoT",
            "area: 8\n        group: Implement Microsoft Defender for IoT",
            "data/changelog.yml: update 2022-07-28, change 15: area 8 is not an area in data/areas.yml",
            id="unknown-area",
        ),
        pytest.param(
            "- date: 2022-07-28", "- date: 2023-08-01",
            "data/changelog.yml: update 2023-08-01: is after the exam's retirement on 2023-07-31",
            id="after-retirement",
        ),
        pytest.param(
            "- date: 2020-07-21", "- date: 2020-09-24",
            "data/changelog.yml: update 2020-09-24: date is listed 2 times",
            id="duplicate-date",
        ),
        pytest.param(
            "skill_id: apply-azure-policy-definitions-for-iot-hub",
            "skill_id: apply-azure-policy-definition-for-iot-hub",
            "data/changelog.yml: update 2020-09-24, change 3: skill_id "
            "'apply-azure-policy-definition-for-iot-hub' is not a skill in data/skills.yml",
            id="unknown-skill-id",
        ),
    ],
)
def test_bad_changelog_fails_the_build(project_copy: Path, old: str, new: str, message: str):
    edit_changelog(project_copy, old, new)
    result = build_site(project_copy)
    assert result.returncode != 0
    assert reported(message, result.stderr), result.stderr
