"""Unit tests: data/labs.yml and data/pitfalls.yml (every error path) and the study-path renderers."""

from __future__ import annotations

import pytest
from study_data import areas, outlines, retirement

from studyguide.errors import DataError
from studyguide.retirements import parse_retirements
from studyguide.study_path import (
    LABS_INTRO,
    MAX_TIPS,
    MIN_TIPS,
    STUDY_STEPS,
    StudyPath,
    labs_list,
    parse_labs,
    parse_tips,
    pitfalls_list,
    study_plan,
)

LABS = "data/labs.yml"
TIPS = "data/pitfalls.yml"
RETIREMENTS = parse_retirements([retirement()], "data/retirements.yml")


def lab(**changes: object) -> dict:
    """A valid lab of area 1 practising group "Hub"; keyword arguments replace or add fields."""
    entry: dict = {
        "number": 4, "title": "Connect a device", "url": "https://example.org/lab4", "areas": [1],
        "groups": ["Hub"], "covers": "Send telemetry.", "needs": "A subscription.", "cost": "One hub.",
    }
    entry.update(changes)
    return entry


def labs_error(raw: object) -> str:
    with pytest.raises(DataError) as caught:
        parse_labs(raw, LABS, outlines(), RETIREMENTS)
    return str(caught.value)


def tips(area: int, count: int = MIN_TIPS) -> dict:
    return {"area": area, "tips": [f"Tip {n} of area {area}." for n in range(1, count + 1)]}


def tips_error(raw: object) -> str:
    with pytest.raises(DataError) as caught:
        parse_tips(raw, TIPS, areas())
    return str(caught.value)


# --- labs -------------------------------------------------------------------------------------

def test_valid_labs_parse():
    labs = parse_labs([lab(), lab(number=5, areas=[1, 2], groups=["Hub", "Edge"], retirements=["old-service"])],
                      LABS, outlines(), RETIREMENTS)
    assert [x.number for x in labs] == [4, 5]
    assert labs[1].retirements == ["old-service"]


L4 = f"{LABS}: lab 04 (Connect a device)"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({}, f"{LABS}: file: must be a non-empty list of labs"),
        ([], f"{LABS}: file: must be a non-empty list of labs"),
        ([lab(areas=[1, 9])], f"{L4}: area 9 is not an area in data/areas.yml"),
        ([lab(groups=["Nope"])], f"{L4}: group 'Nope' is not a skill group in data/skills.yml"),
        ([lab(groups=["Edge"])], f"{L4}: group 'Edge' belongs to area 2, which areas does not list"),
        ([lab(retirements=["gone"])], f"{L4}: retirement 'gone' is not an id in data/retirements.yml"),
        ([lab(), lab()], f"{L4}: is listed more than once"),
    ],
    ids=["not-a-list", "empty", "unknown-area", "unknown-group", "group-of-other-area", "unknown-retirement",
         "duplicate"],
)
def test_bad_labs(raw, message):
    assert labs_error(raw) == message


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"number": 0}, f"{LABS}: lab 00 (Connect a device): number: must be at least 1 (found 0)"),
        ({"number": True}, f"{LABS}: lab 'Connect a device': number: must be a whole number (found True)"),
        ({"areas": [True]}, f"{L4}: areas[1]: must be a whole number (found True)"),
        ({"groups": []}, f"{L4}: groups: needs at least 1 item(s)"),
        ({"url": "lab4.md"}, f"{L4}: url: is not a web address (relative URL without a base) (found 'lab4.md')"),
        ({"url": "javascript:alert(1)"}, f"{L4}: url: must be an https:// address (found 'javascript:alert(1)')"),
        ({"covers": " "}, f"{L4}: covers: must not be empty"),
        ({"cost": "One\x07hub."}, f"{L4}: cost: contains the control character U+0007; remove it"),
        ({"price": "free"}, f"{L4}: price: is not a known field (a typo?)"),
    ],
    ids=["number", "bool-number", "bool-area", "no-groups", "bad-url", "javascript-url", "blank-covers",
         "control-char", "unknown-field"],
)
def test_bad_lab_fields_name_the_lab(changes, message):
    assert labs_error([lab(**changes)]) == message


def test_lab_without_number_is_named_by_title_else_by_position():
    entry = lab()
    del entry["number"]
    assert labs_error([lab(), entry]) == f"{LABS}: lab 'Connect a device': number: is required"
    del entry["title"]
    assert labs_error([lab(), entry]) == (
        f"{LABS}: entry 2: number: is required\n{LABS}: entry 2: title: is required"
    )


def test_every_lab_problem_is_reported_at_once_with_its_line():
    raw = [lab(groups=["Hub", "Nope"], retirements=["gone"]), lab(number=6, title="Route", covers="")]
    lines = {(0, "groups", 1): 8, (0, "retirements", 0): 11, (1,): 14, (1, "covers"): 19}
    with pytest.raises(DataError) as caught:
        parse_labs(raw, LABS, outlines(), RETIREMENTS, lambda loc: lines.get(loc))
    assert str(caught.value) == (
        f"{LABS}:19: lab 06 (Route): covers: must not be empty\n"
        f"{LABS}:8: {L4[len(LABS) + 2:]}: group 'Nope' is not a skill group in data/skills.yml\n"
        f"{LABS}:11: {L4[len(LABS) + 2:]}: retirement 'gone' is not an id in data/retirements.yml"
    )


def test_labs_are_checked_alone_when_skills_and_retirements_are_broken():
    assert parse_labs([lab(areas=[9], groups=["Nope"], retirements=["gone"])], LABS, None, None)[0].number == 4


# --- pitfalls ---------------------------------------------------------------------------------

def test_valid_tips_parse_by_area():
    parsed = parse_tips([tips(2, MAX_TIPS), tips(1)], TIPS, areas())
    assert sorted(parsed) == [1, 2]
    assert len(parsed[2]) == MAX_TIPS


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"area": 1}, f"{TIPS}: file: must be a list of areas with their tips"),
        ([tips(1)], f"{TIPS}: area 2: has no tips (each area needs {MIN_TIPS} to {MAX_TIPS})"),
        ([tips(1), tips(2), tips(9)], f"{TIPS}: area 9: is not an area in data/areas.yml"),
        ([tips(1), tips(1), tips(2)], f"{TIPS}: area 1: is listed more than once"),
        ([tips(1), {"area": 2, "tips": ["a", "b", " ", "d"]}], f"{TIPS}: area 2: tips[3]: must not be empty"),
        ([tips(1), {"area": True, "tips": ["a"] * MIN_TIPS}],
         f"{TIPS}: entry 2: area: must be a whole number (found True)"),
        ([tips(1), {"area": 2, "tips": ["a", "b", "c\x00", "d"]}],
         f"{TIPS}: area 2: tips[3]: contains the control character U+0000; remove it"),
        ([tips(1), {"area": 2, "tips": ["a"] * MIN_TIPS, "tip": "b"}],
         f"{TIPS}: area 2: tip: is not a known field (a typo?)"),
    ],
    ids=["not-a-list", "area-without-tips", "unknown-area", "duplicate-area", "empty-tip", "bool-area",
         "control-char", "unknown-field"],
)
def test_bad_tips(raw, message):
    assert tips_error(raw) == message


@pytest.mark.parametrize("count", [MIN_TIPS - 1, MAX_TIPS + 1])
def test_tip_count_outside_the_range(count):
    assert tips_error([tips(1, count), tips(2)]) == (
        f"{TIPS}: area 1: has {count} tips; each area needs {MIN_TIPS} to {MAX_TIPS}"
    )


def test_tips_entry_without_area_is_named_by_position():
    assert tips_error([{"tips": ["a"] * MIN_TIPS}]) == f"{TIPS}: entry 1: area: is required"


def test_every_tip_problem_is_reported_at_once_with_its_line():
    raw = [tips(1, MIN_TIPS - 1), {"area": 2, "tips": ["a", "", "c", "d"]}]
    lines = {(0, "tips"): 2, (1, "tips", 1): 9}
    with pytest.raises(DataError) as caught:
        parse_tips(raw, TIPS, areas(), lambda loc: lines.get(loc))
    assert str(caught.value) == (
        f"{TIPS}:2: area 1: has {MIN_TIPS - 1} tips; each area needs {MIN_TIPS} to {MAX_TIPS}\n"
        f"{TIPS}:9: area 2: tips[2]: must not be empty"
    )


# --- renderers --------------------------------------------------------------------------------

def study(*raw_labs: dict) -> StudyPath:
    labs = parse_labs(list(raw_labs), LABS, outlines(), RETIREMENTS)
    return StudyPath(labs=labs, tips=parse_tips([tips(1), tips(2)], TIPS, areas()), retirements=RETIREMENTS)


def test_study_plan_links_every_step_in_order():
    lines = study_plan().splitlines()
    assert [line.split("(#")[1].split(")")[0] for line in lines] == [anchor for anchor, _, _ in STUDY_STEPS]
    assert lines[0] == f"1. **[Learning paths](#learning-paths)**: {STUDY_STEPS[0][2]}"


def test_the_exam_s_labs_note_follows_the_generic_introduction():
    rendered = labs_list(study(lab()), areas()[0], areas(), outlines(), "areas/1.md",
                         note="They need a *classroom* <b>subscription</b>.")
    assert rendered.startswith(
        f"{LABS_INTRO} They need a *classroom* &lt;b&gt;subscription&lt;/b&gt;.\n\n<div class=\"az-labs\"")


def test_labs_list_exact_markdown_with_cross_area_group_and_retired_part():
    rendered = labs_list(
        study(lab(number=7, areas=[1, 2], groups=["Hub", "Edge"], retirements=["old-service"],
                  covers="Route <b>data</b>.")),
        areas()[0], areas(), outlines(), "areas/1.md",
    )
    assert rendered == (
        f"{LABS_INTRO}\n\n"
        '<div class="az-labs" markdown="1">\n\n'
        "- **[Lab 07: Connect a device](https://example.org/lab4)**  \n"
        "    Route &lt;b&gt;data&lt;/b&gt;.\n"
        "\n"
        "    **Practises:** [Hub](#hub), [Edge](2.md#edge)  \n"
        "    **You need:** A subscription.  \n"
        "    **Cost:** One hub.  \n"
        "    **No longer works as written:** Old service (retired on 31 March 2025)"
        "\n\n</div>\n"
    )


def test_labs_are_listed_on_each_of_their_areas_in_number_order():
    data = study(lab(number=9, areas=[1, 2], groups=["Edge"]), lab(number=3))
    on_one = labs_list(data, areas()[0], areas(), outlines(), "areas/1.md")
    assert on_one.index("Lab 03") < on_one.index("Lab 09")
    on_two = labs_list(data, areas()[1], areas(), outlines(), "areas/2.md")
    assert "Lab 09" in on_two and "Lab 03" not in on_two


def test_area_without_labs_says_so():
    assert labs_list(study(lab()), areas()[1], areas(), outlines(), "areas/2.md") == (
        "_No official lab covers this area._\n"
    )


def test_pitfalls_list_is_numbered_and_escaped():
    data = StudyPath(labs=(), tips={1: ("Use `<b>` & <i>x</i>.", "Second.")}, retirements=RETIREMENTS)
    assert pitfalls_list(data, 1) == (
        '<div class="az-pitfalls" markdown="1">\n\n'
        "1. Use `<b>` &amp; &lt;i&gt;x&lt;/i&gt;.\n"
        "2. Second.\n\n</div>\n"
    )
