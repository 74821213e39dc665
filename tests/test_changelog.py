"""Unit tests for the exam-update history: loading, checks, Markdown and the Atom feed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import DATA
from exam_data import EXAM
from lxml import etree

from studyguide import changelog_render
from studyguide.areas import parse_areas
from studyguide.changelog import group_anchor, load_changelog, parse_changelog, read_changelog_yaml
from studyguide.changelog_feed import atom_feed
from studyguide.errors import DataError
from studyguide.guide import load_guide
from studyguide.outline import parse_outline

FILE = "data/changelog.yml"
ATOM = "{http://www.w3.org/2005/Atom}"

AREAS = parse_areas(
    [
        {"number": 1, "name": "Set up hubs", "short_name": "Hubs", "weight": {"min": 40, "max": 60},
         "page": "areas/01-hubs.md"},
        {"number": 2, "name": "Run the edge", "short_name": "Edge", "weight": {"min": 40, "max": 60},
         "page": "areas/02-edge.md"},
    ],
    "data/areas.yml",
)
OUTLINES = parse_outline(
    [
        {"area": 1, "groups": [{"name": "Create a hub", "url": "https://learn.microsoft.com/a",
                                "skills": [{"id": "create-a-hub", "name": "Create a hub",
                                            "url": "https://learn.microsoft.com/a/b"}]}]},
        {"area": 2, "groups": [{"name": "Deploy [edge] modules", "url": "https://learn.microsoft.com/c",
                                "skills": [{"id": "deploy-a-module", "name": "Deploy a module",
                                            "url": "https://learn.microsoft.com/c/d"}]}]},
    ],
    "data/skills.yml",
    AREAS,
)


def raw_changelog() -> dict:
    """A small, valid history; tests copy it and break one thing."""
    return {
        "retired_on": "2021-12-31",
        "updates": [
            {"date": "2020-01-15", "changes": [
                {"kind": "removed", "area": 2, "skill": "Flash <firmware>",
                 "description": "Dropped."},
            ]},
            {"date": "2021-06-01", "changes": [
                {"kind": "modified", "area": 1, "group": "Create a hub", "skill": "Create a hub",
                 "old_name": "Make a hub", "skill_id": "create-a-hub", "description": "Reworded."},
                {"kind": "minor revision", "area": 2, "group": "Deploy [edge] modules",
                 "group_id": "deploy-edge-modules", "description": "Small edits."},
            ]},
        ],
    }


def parse(raw: object):
    return parse_changelog(raw, FILE, AREAS, OUTLINES)


def error_for(raw: object) -> DataError:
    with pytest.raises(DataError) as caught:
        parse(raw)
    return caught.value


# --- loading -------------------------------------------------------------------------------


def test_updates_are_sorted_newest_first_whatever_the_file_order():
    history = parse(raw_changelog())
    assert [u.date for u in history.updates] == [date(2021, 6, 1), date(2020, 1, 15)]
    assert history.latest.date == date(2021, 6, 1)
    assert history.retired_on == date(2021, 12, 31)
    assert history.change_count == 3


def test_changes_for_area_lists_newest_first():
    history = parse(raw_changelog())
    found = [(u.date.isoformat(), c.kind) for u, c in history.changes_for_area(2)]
    assert found == [("2021-06-01", "minor revision"), ("2020-01-15", "removed")]


def test_no_retirement_means_active():
    raw = raw_changelog()
    del raw["retired_on"]
    assert parse(raw).retired_on is None
    raw["retired_on"] = None
    assert parse(raw).retired_on is None


def test_unquoted_yaml_dates_stay_text_until_checked(tmp_path: Path):
    path = tmp_path / "data" / "changelog.yml"
    path.parent.mkdir()
    path.write_text(
        "retired_on: 2021-12-31\nupdates:\n  - date: 2021-13-01\n    changes: []\n", encoding="utf-8"
    )
    assert read_changelog_yaml(path)["updates"][0]["date"] == "2021-13-01"
    with pytest.raises(DataError) as caught:
        load_changelog(path, AREAS, OUTLINES)
    assert caught.value.file == FILE
    assert caught.value.entry == "update 2021-13-01"


def test_the_real_data_has_five_updates_and_34_changes():
    guide = load_guide(DATA)
    history = load_changelog(DATA / "changelog.yml", guide.areas, guide.outlines)
    assert [u.date.isoformat() for u in history.updates] == [
        "2022-07-28", "2021-05-25", "2020-09-24", "2020-07-21", "2020-05-28"
    ]
    assert [len(u.changes) for u in history.updates] == [15, 8, 3, 5, 3]
    assert history.retired_on == date(2023, 7, 31)


def test_group_anchor_matches_the_toc_slug():
    assert group_anchor("Develop an IoT solution that uses Azure Digital Twins") == (
        "develop-an-iot-solution-that-uses-azure-digital-twins"
    )
    assert group_anchor("Deploy [edge] modules") == "deploy-edge-modules"


# --- bad input: each names the file and the entry ------------------------------------------


def test_unknown_kind():
    raw = raw_changelog()
    raw["updates"][1]["changes"][1]["kind"] = "tweaked"
    err = error_for(raw)
    assert (err.file, err.entry) == (FILE, "update 2021-06-01, change 2")
    assert err.problem == (
        "kind: must be one of 'added', 'modified', 'removed', 'minor revision' or "
        "'major revision' (found 'tweaked')"
    )


def test_malformed_date():
    raw = raw_changelog()
    raw["updates"][0]["date"] = "2020-1-15"
    err = error_for(raw)
    assert (err.file, err.entry) == (FILE, "update 2020-1-15")
    assert "YYYY-MM-DD" in err.problem


def test_impossible_date():
    raw = raw_changelog()
    raw["updates"][0]["date"] = "2020-02-30"
    err = error_for(raw)
    assert (err.file, err.entry) == (FILE, "update 2020-02-30")


def test_malformed_retirement_date():
    raw = raw_changelog()
    raw["retired_on"] = "31 July 2023"
    err = error_for(raw)
    assert (err.file, err.entry) == (FILE, "retired_on")


def test_unknown_area():
    raw = raw_changelog()
    raw["updates"][0]["changes"][0]["area"] = 9
    err = error_for(raw)
    assert (err.file, err.entry) == (FILE, "update 2020-01-15, change 1")
    assert err.problem == "area 9 is not an area in data/areas.yml"


def test_date_after_retirement():
    raw = raw_changelog()
    raw["updates"][1]["date"] = "2022-01-01"
    err = error_for(raw)
    assert (err.file, err.entry) == (FILE, "update 2022-01-01")
    assert err.problem == "is after the exam's retirement on 2021-12-31"


def test_duplicate_dates():
    raw = raw_changelog()
    raw["updates"][0]["date"] = "2021-06-01"
    err = error_for(raw)
    assert (err.file, err.entry) == (FILE, "update 2021-06-01")
    assert err.problem == "date is listed 2 times"


def test_unknown_skill_id():
    raw = raw_changelog()
    raw["updates"][1]["changes"][0]["skill_id"] = "create-a-hubb"
    err = error_for(raw)
    assert (err.file, err.entry) == (FILE, "update 2021-06-01, change 1")
    assert err.problem == "skill_id 'create-a-hubb' is not a skill in data/skills.yml"


def test_skill_id_in_another_area():
    raw = raw_changelog()
    raw["updates"][1]["changes"][0]["skill_id"] = "deploy-a-module"
    err = error_for(raw)
    assert err.entry == "update 2021-06-01, change 1"
    assert err.problem == "skill_id 'deploy-a-module' is in area 2, not area 1"


def test_unknown_group_id():
    raw = raw_changelog()
    raw["updates"][1]["changes"][1]["group_id"] = "deploy-modules"
    err = error_for(raw)
    assert err.entry == "update 2021-06-01, change 2"
    assert err.problem.startswith("group_id 'deploy-modules' is not a skill group of area 2")


def test_change_without_skill_or_group():
    raw = raw_changelog()
    del raw["updates"][0]["changes"][0]["skill"]
    err = error_for(raw)
    assert err.entry == "update 2020-01-15, change 1"
    assert "needs a skill, a group, or both" in err.problem


def test_unknown_top_level_key():
    raw = raw_changelog()
    raw["retired"] = "2021-12-31"
    err = error_for(raw)
    assert (err.file, err.entry) == (FILE, "retired")


# --- Markdown ------------------------------------------------------------------------------


def test_changelog_page_markdown():
    expected = (
        "The exam is retired, so no new entries will come; the [Atom feed](feed.xml) keeps the record. "
        "Each change links to its area and, when it is still on the final outline, to the skill.\n"
        "\n"
        "## 31 December 2021: exam retired { #exam-retired }\n"
        "\n"
        'Microsoft retired AZ-220 on <time datetime="2021-12-31">31 December 2021</time>. '
        'The skills outline below stayed as the update of <time datetime="2021-06-01">1 June 2021'
        "</time> left it; this guide keeps it as an archive.\n"
        "\n"
        "## 1 June 2021 { #update-2021-06-01 }\n"
        "\n"
        "2 changes: 1 modified, 1 minor revision.\n"
        "\n"
        '- <span class="az-change az-change--modified">Modified</span> '
        "[Create a hub](areas/01-hubs.md#skill-create-a-hub), formerly “Make a hub”: Reworded. "
        "(area [1 · Hubs](areas/01-hubs.md), group “Create a hub”)\n"
        '- <span class="az-change az-change--minor-revision">Minor revision</span> '
        "Skill group [Deploy \\[edge\\] modules](areas/02-edge.md#deploy-edge-modules): "
        "Small edits. (area [2 · Edge](areas/02-edge.md))\n"
        "\n"
        "## 15 January 2020 { #update-2020-01-15 }\n"
        "\n"
        "1 change: 1 removed.\n"
        "\n"
        '- <span class="az-change az-change--removed">Removed</span> Flash &lt;firmware&gt;: '
        "Dropped. (area [2 · Edge](areas/02-edge.md))\n"
    )
    assert changelog_render.changelog_page(parse(raw_changelog()), AREAS, EXAM) == expected


def test_changelog_page_without_retirement_has_no_retirement_entry():
    raw = raw_changelog()
    del raw["retired_on"]
    page = changelog_render.changelog_page(parse(raw), AREAS, EXAM)
    assert "exam-retired" not in page
    assert "## 1 June 2021 { #update-2021-06-01 }" in page
    assert page.startswith("Follow new entries with the [Atom feed of these updates](feed.xml). "
                           "Each change links to its area and, when it is still on the current outline, "
                           "to the skill.\n")


def test_area_note_markdown():
    expected = (
        '??? info "Exam updates for this area"\n'
        "\n"
        "    - [1 June 2021](../changelog.md#update-2021-06-01) · "
        '<span class="az-change az-change--minor-revision">Minor revision</span> '
        "Skill group [Deploy \\[edge\\] modules](#deploy-edge-modules): Small edits.\n"
        "    - [15 January 2020](../changelog.md#update-2020-01-15) · "
        '<span class="az-change az-change--removed">Removed</span> Flash &lt;firmware&gt;: Dropped.\n'
    )
    assert changelog_render.area_updates_note(parse(raw_changelog()), AREAS[1]) == expected


def test_area_note_is_empty_for_an_untouched_area():
    raw = raw_changelog()
    raw["updates"] = raw["updates"][:1]
    assert changelog_render.area_updates_note(parse(raw), AREAS[0]) == ""


def test_outline_status_retired():
    expected = (
        '!!! info "Outline status"\n'
        "\n"
        '    **Skills measured as of <time datetime="2021-06-01">1 June 2021</time>**, the last of '
        "2 outline updates ([exam updates](changelog.md)).\n"
        "\n"
        '    **Exam status:** [retired](changelog.md#exam-retired) on '
        '<time datetime="2021-12-31">31 December 2021</time>; this guide is kept as an archive.\n'
    )
    assert changelog_render.outline_status(parse(raw_changelog())) == expected


def test_outline_status_active():
    raw = raw_changelog()
    raw["retired_on"] = None
    status = changelog_render.outline_status(parse(raw))
    assert status.endswith("    **Exam status:** active.\n")


def test_renderers_per_page():
    history = parse(raw_changelog())
    assert set(changelog_render.renderers(history, AREAS, EXAM, "changelog.md")) == {
        "changelog", "outline-status"
    }
    assert "exam-updates" in changelog_render.renderers(history, AREAS, EXAM, "areas/02-edge.md")


def test_long_date_ignores_locale():
    assert changelog_render.long_date(date(2023, 7, 31)) == "31 July 2023"
    assert changelog_render.long_date(date(2020, 5, 1)) == "1 May 2020"


# --- Atom feed -----------------------------------------------------------------------------


def feed_bytes(raw: dict) -> bytes:
    return atom_feed(
        parse(raw), AREAS, exam=EXAM, site_name="Guide",
        page_url="https://example.org/guide/changelog/",
        feed_url="https://example.org/guide/feed.xml",
    )


def test_feed_entries_ids_and_dates():
    root = etree.fromstring(feed_bytes(raw_changelog()))
    assert root.findtext(f"{ATOM}id") == "https://example.org/guide/changelog/"
    assert root.findtext(f"{ATOM}updated") == "2021-12-31T00:00:00+00:00"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [
        "https://example.org/guide/changelog/#exam-retired",
        "https://example.org/guide/changelog/#update-2021-06-01",
        "https://example.org/guide/changelog/#update-2020-01-15",
    ]
    assert [e.findtext(f"{ATOM}updated") for e in entries] == [
        "2021-12-31T00:00:00+00:00", "2021-06-01T00:00:00+00:00", "2020-01-15T00:00:00+00:00"
    ]
    content = entries[1].findtext(f"{ATOM}content")
    assert content == (
        "<p>2 changes: 1 modified, 1 minor revision.</p><ul>"
        "<li><strong>Modified</strong>: Create a hub, formerly “Make a hub” (area 1, Hubs). "
        "Reworded.</li>"
        "<li><strong>Minor revision</strong>: skill group Deploy [edge] modules (area 2, Edge). "
        "Small edits.</li></ul>"
    )
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == "https://example.org/guide/feed.xml"


def test_feed_is_deterministic():
    assert feed_bytes(raw_changelog()) == feed_bytes(raw_changelog())


def test_feed_of_an_active_exam_is_dated_by_its_newest_update():
    raw = raw_changelog()
    del raw["retired_on"]
    root = etree.fromstring(feed_bytes(raw))
    assert root.findtext(f"{ATOM}updated") == "2021-06-01T00:00:00+00:00"
    assert len(root.findall(f"{ATOM}entry")) == 2
