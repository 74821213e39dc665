"""Unit tests: loading and checking data/areas.yml (each rule, with its exact message)."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyguide.areas import area_for_page, check_area_pages, load_areas, parse_areas
from studyguide.errors import DataError

FILE = "data/areas.yml"


def make_raw() -> list[dict]:
    """Three areas that pass every rule: 30–40 + 20–30 + 40–50 → Σmin 90, Σmax 120."""
    return [
        {"number": 1, "name": "Alpha area", "short_name": "Alpha",
         "weight": {"min": 30, "max": 40}, "page": "areas/01-alpha.md"},
        {"number": 2, "name": "Beta area", "short_name": "Beta",
         "weight": {"min": 20, "max": 30}, "page": "areas/02-beta.md"},
        {"number": 3, "name": "Gamma area", "short_name": "Gamma",
         "weight": {"min": 40, "max": 50}, "page": "areas/03-gamma.md"},
    ]


def error_for(raw: object) -> DataError:
    with pytest.raises(DataError) as caught:
        parse_areas(raw, FILE)
    return caught.value


def test_valid_areas_parse_in_file_order():
    areas = parse_areas(make_raw(), FILE)
    assert [a.number for a in areas] == [1, 2, 3]
    assert areas[0].weight.label() == "30–40%"
    assert areas[2].weight.midpoint == 45


def test_min_greater_than_max_names_the_area():
    raw = make_raw()
    raw[1]["weight"] = {"min": 35, "max": 30}
    # Every problem at once: the raised minimum also pushes the minimums over 100 %.
    assert str(error_for(raw)) == (
        f"{FILE}: area 2 (Beta area): weight min 35 is greater than max 30\n"
        f"{FILE}: all areas: minimum weights add up to 105%, more than 100%"
    )


@pytest.mark.parametrize("weight", [{"min": -5, "max": 10}, {"min": 40, "max": 101}])
def test_weight_outside_0_to_100(weight):
    raw = make_raw()
    raw[0]["weight"] = weight
    err = error_for(raw)
    assert err.entry == "area 1 (Alpha area)"
    assert err.problem == f"weight {weight['min']}–{weight['max']} is outside 0–100"


def test_minimums_adding_up_to_more_than_100():
    raw = make_raw()
    raw[2]["weight"] = {"min": 55, "max": 60}  # 30 + 20 + 55 = 105
    assert str(error_for(raw)) == f"{FILE}: all areas: minimum weights add up to 105%, more than 100%"


def test_maximums_adding_up_to_less_than_100():
    raw = make_raw()
    raw[2]["weight"] = {"min": 10, "max": 20}  # 40 + 30 + 20 = 90
    assert str(error_for(raw)) == f"{FILE}: all areas: maximum weights add up to 90%, less than 100%"


def test_duplicate_area_number():
    raw = make_raw()
    raw[2]["number"] = 2
    assert str(error_for(raw)) == (
        f"{FILE}: area 2: number used 2 times (Beta area, Gamma area)\n"
        f"{FILE}: area 3: missing: areas must be numbered 1–3 without gaps (found 1, 2)"
    )


def test_missing_area_number():
    raw = make_raw()
    raw[2]["number"] = 4
    assert str(error_for(raw)) == (
        f"{FILE}: area 3: missing: areas must be numbered 1–3 without gaps (found 1, 2, 4)"
    )


def test_two_areas_sharing_a_page():
    raw = make_raw()
    raw[1]["page"] = raw[0]["page"]
    err = error_for(raw)
    assert (err.entry, err.problem) == (
        "area 1 (Alpha area)", "page areas/01-alpha.md is used by more than one area"
    )


def test_schema_errors_name_the_entry_and_field():
    raw = make_raw()
    del raw[1]["short_name"]
    raw[1]["colour"] = "red"
    assert str(error_for(raw)) == (
        f"{FILE}: area 2 (Beta area): short_name: is required\n"
        f"{FILE}: area 2 (Beta area): colour: is not a known field (a typo?)"
    )


def test_a_weight_that_is_not_a_number():
    raw = make_raw()
    raw[0]["weight"] = {"min": "ten", "max": 40}
    assert error_for(raw).problem == "weight.min: must be a whole number (found 'ten')"


def test_a_boolean_is_not_a_weight():
    raw = make_raw()
    raw[0]["weight"] = {"min": True, "max": 40}
    assert error_for(raw).problem == "weight.min: must be a whole number (found True)"


@pytest.mark.parametrize("raw", [None, [], {"number": 1}])
def test_the_file_must_be_a_list_of_areas(raw):
    err = error_for(raw)
    assert (err.entry, err.problem) == ("file", "must be a non-empty list of areas")


def test_area_page_that_does_not_exist():
    areas = parse_areas(make_raw(), FILE)
    pages = ["index.md", "areas/01-alpha.md", "areas/03-gamma.md"]
    with pytest.raises(DataError) as caught:
        check_area_pages(areas, pages, FILE)
    assert str(caught.value) == f"{FILE}: area 2 (Beta area): page areas/02-beta.md does not exist in docs/"


def test_homework_page_without_an_area():
    areas = parse_areas(make_raw(), FILE)
    pages = ["index.md", "areas/01-alpha.md", "areas/02-beta.md", "areas/03-gamma.md", "areas/04-delta.md"]
    with pytest.raises(DataError) as caught:
        check_area_pages(areas, pages, FILE)
    assert str(caught.value) == f"{FILE}: page areas/04-delta.md: is a homework page but no area lists it"


def test_pages_outside_areas_folder_need_no_area():
    areas = parse_areas(make_raw(), FILE)
    check_area_pages(areas, ["index.md", "glossary.md", *(a.page for a in areas)], FILE)


def test_area_for_page():
    areas = parse_areas(make_raw(), FILE)
    assert area_for_page(areas, "areas/02-beta.md").number == 2
    assert area_for_page(areas, "index.md") is None


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "areas.yml").write_text("- number: 1\n  name: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_areas(data / "areas.yml")
    assert caught.value.file == "data/areas.yml"
    assert (caught.value.line, caught.value.entry) == (2, "YAML")
    assert str(caught.value) == (
        "data/areas.yml:2: YAML: invalid YAML (a flow sequence opens here and is never closed: "
        "did not find expected ',' or ']')"
    )
