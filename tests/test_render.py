"""Unit tests: the Markdown the outline hook emits, with exact expected output."""

from __future__ import annotations

import pytest

from studyguide import render
from studyguide.areas import parse_areas
from studyguide.links import escape_link_text, relative_link
from studyguide.outline import parse_learning_paths, parse_outline

AREAS = parse_areas(
    [
        {"number": 1, "name": "Set up things", "short_name": "Setup",
         "weight": {"min": 10, "max": 20}, "page": "areas/01-setup.md"},
        {"number": 2, "name": "Run things", "short_name": "Run",
         "weight": {"min": 40, "max": 50}, "page": "areas/02-run.md"},
        {"number": 3, "name": "Fix things", "short_name": "Fix",
         "weight": {"min": 30, "max": 40}, "page": "areas/03-fix.md"},
    ],
    "data/areas.yml",
)
OUTLINES = parse_outline(
    [
        {"area": 1, "groups": [{"name": "Hubs", "url": "https://example.org/hubs", "skills": [
            {"id": "make-a-hub", "name": "Make a hub", "url": "https://example.org/hub"},
            {"id": "size-a-hub", "name": "Size a hub [S1]", "url": "https://example.org/size"},
        ]}]},
        {"area": 2, "groups": [{"name": "Runs", "url": "https://example.org/runs", "skills": [
            {"id": "run-once", "name": "Run once", "url": "https://example.org/run"},
        ]}]},
        {"area": 3, "groups": [{"name": "Fixes", "url": "https://example.org/fixes", "skills": [
            {"id": "fix-it", "name": "Fix it", "url": "https://example.org/fix"},
        ]}]},
    ],
    "data/skills.yml",
    AREAS,
)
PATHS = parse_learning_paths(
    [
        {"name": "Hub basics", "area": 1, "url": "https://example.org/p/hubs",
         "modules": [{"name": "One", "url": "https://example.org/m/1"},
                     {"name": "Two", "url": "https://example.org/m/2"}]},
        {"name": "Running", "area": 2, "url": "https://example.org/p/run", "module_count": 1},
    ],
    "data/learning_paths.yml",
    AREAS,
)


def test_skills_table_exact():
    bar = (
        '<span class="az-bar" role="img" aria-label="{lo} to {hi} percent of the exam">'
        '<span class="az-bar__min" style="width: {w1}%"></span>'
        '<span class="az-bar__range" style="width: {w2}%"></span></span>'
    )
    assert render.skills_table(AREAS, OUTLINES) == (
        '<div class="az-skills-table" markdown>\n\n'
        "| # | Skill area | Weight | Share of the exam | Skills |\n"
        "|--:|------------|--------|-------------------|-------:|\n"
        f"| 1 | [Set up things](areas/01-setup.md) | 10–20% | {bar.format(lo=10, hi=20, w1=20, w2=20)} | "
        '<span class="az-skill-count" data-area="1">2</span> |\n'
        f"| 2 | [Run things](areas/02-run.md) | 40–50% | {bar.format(lo=40, hi=50, w1=80, w2=20)} | "
        '<span class="az-skill-count" data-area="2">1</span> |\n'
        f"| 3 | [Fix things](areas/03-fix.md) | 30–40% | {bar.format(lo=30, hi=40, w1=60, w2=20)} | "
        '<span class="az-skill-count" data-area="3">1</span> |\n\n'
        "</div>\n"
    )


def test_bar_widths_are_relative_to_the_largest_maximum():
    # Largest max is 50: min 40 → 80 %, spread 10 → 20 %.
    assert 'style="width: 80%"' in render.weight_bar(AREAS[1], 50)
    assert 'style="width: 20%"' in render.weight_bar(AREAS[1], 50)


def test_area_header_exact():
    assert render.area_header(AREAS[2], AREAS, OUTLINES[2]) == (
        "# Fix things\n\n"
        "**Skill area 3 of 3** · "
        '<span class="az-weight">30–40%</span> of the exam (2nd of 3 by weight) · '
        "1 skill in 1 group · [all areas](../index.md#skills-measured)\n"
        "{ .az-area-header }\n"
    )


def test_weight_rank_reports_ties():
    tied = parse_areas(
        [
            {"number": 1, "name": "A", "short_name": "A", "weight": {"min": 40, "max": 50}, "page": "areas/a.md"},
            {"number": 2, "name": "B", "short_name": "B", "weight": {"min": 40, "max": 50}, "page": "areas/b.md"},
            {"number": 3, "name": "C", "short_name": "C", "weight": {"min": 10, "max": 20}, "page": "areas/c.md"},
        ],
        "data/areas.yml",
    )
    assert render.weight_rank(tied[0], tied) == (1, True)
    assert render.weight_rank(tied[2], tied) == (3, False)


@pytest.mark.parametrize(("n", "text"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (22, "22nd")])
def test_ordinal(n, text):
    assert render.ordinal(n) == text


def test_skills_list_exact():
    assert render.skills_list(OUTLINES[0]) == (
        "### Hubs { #hubs }\n\n"
        "Overview to read first: [Hubs](https://example.org/hubs)\n\n"
        "- [Make a hub](https://example.org/hub)\n"
        '    { #skill-make-a-hub .az-skill data-skill="make-a-hub" }\n'
        "- [Size a hub \\[S1\\]](https://example.org/size)\n"
        '    { #skill-size-a-hub .az-skill data-skill="size-a-hub" }\n'
    )


def test_learning_paths_list_exact():
    assert render.learning_paths_list(PATHS, 1) == (
        "- [Hub basics](https://example.org/p/hubs) — 2 modules\n"
        "    1. [One](https://example.org/m/1)\n"
        "    2. [Two](https://example.org/m/2)\n"
    )
    assert render.learning_paths_list(PATHS, 2) == "- [Running](https://example.org/p/run) — 1 module\n"
    assert render.learning_paths_list(PATHS, 3) == "_No learning path is mapped to this area._\n"


def test_all_learning_paths_has_one_block_per_area():
    out = render.all_learning_paths(AREAS, PATHS)
    assert out.startswith(
        '??? abstract "1 · Set up things — 1 path, 2 modules"\n\n'
        "    - [Hub basics](https://example.org/p/hubs) — 2 modules\n"
    )
    assert "    Homework for this area: [Setup](areas/01-setup.md)\n" in out
    assert out.count("??? abstract") == 3


@pytest.mark.parametrize(("count", "text"), [(0, "0 skills"), (1, "1 skill"), (2, "2 skills")])
def test_plural(count, text):
    assert render.plural(count, "skill") == text


def test_nav_title():
    assert render.nav_title(AREAS[1]) == "2 · Run"


@pytest.mark.parametrize(
    ("src", "dest", "anchor", "link"),
    [
        ("index.md", "areas/01-x.md", "", "areas/01-x.md"),
        ("areas/01-x.md", "index.md", "skills-measured", "../index.md#skills-measured"),
        ("areas/01-x.md", "areas/02-y.md", "", "02-y.md"),
        ("glossary.md", "glossary.md", "dps", "#dps"),
    ],
)
def test_relative_link(src, dest, anchor, link):
    assert relative_link(src, dest, anchor) == link


def test_escape_link_text():
    assert escape_link_text("a [b] <c> & d") == "a \\[b\\] &lt;c&gt; &amp; d"


def test_group_heading_anchor_is_the_slug_the_changelog_links_to():
    # Explicit, so a heading elsewhere on the page with the same text cannot shift it to "…_1".
    assert OUTLINES[0].groups[0].anchor == "hubs"
    assert render.skills_list(OUTLINES[0]).startswith("### Hubs { #hubs }\n")
