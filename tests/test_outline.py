"""Unit tests: data/skills.yml and data/learning_paths.yml checks."""

from __future__ import annotations

import pytest

from studyguide.areas import parse_areas
from studyguide.errors import DataError
from studyguide.outline import parse_learning_paths, parse_outline

AREAS = parse_areas(
    [
        {"number": 1, "name": "One", "short_name": "1", "weight": {"min": 40, "max": 60}, "page": "areas/1.md"},
        {"number": 2, "name": "Two", "short_name": "2", "weight": {"min": 40, "max": 60}, "page": "areas/2.md"},
    ],
    "data/areas.yml",
)


def group(*skill_ids: str) -> dict:
    return {"name": "G", "url": "https://example.org/g",
            "skills": [{"id": i, "name": i.title(), "url": f"https://example.org/{i}"} for i in skill_ids]}


def outline_error(raw: object) -> str:
    with pytest.raises(DataError) as caught:
        parse_outline(raw, "data/skills.yml", AREAS)
    return str(caught.value)


def test_outline_sorted_by_area_with_all_skills():
    outlines = parse_outline(
        [{"area": 2, "groups": [group("c")]}, {"area": 1, "groups": [group("a", "b")]}], "data/skills.yml", AREAS
    )
    assert [o.area for o in outlines] == [1, 2]
    assert [s.id for s in outlines[0].skills] == ["a", "b"]


def test_duplicate_skill_id():
    raw = [{"area": 1, "groups": [group("a")]}, {"area": 2, "groups": [group("a")]}]
    assert outline_error(raw) == "data/skills.yml: skill a: id is used by more than one skill ('A' and 'A')"


def test_skill_id_must_be_a_slug():
    raw = [{"area": 1, "groups": [group("Not A Slug")]}, {"area": 2, "groups": [group("b")]}]
    # Named by the skill's name (its id is the problem), not by a 0-based path.
    assert outline_error(raw) == (
        "data/skills.yml: skill 'Not A Slug': id: must be lowercase letters and digits in words "
        "joined by hyphens (found 'Not A Slug')"
    )


def test_unknown_area_in_outline():
    raw = [{"area": 1, "groups": [group("a")]}, {"area": 2, "groups": [group("b")]}, {"area": 9, "groups": [group("c")]}]
    assert outline_error(raw) == "data/skills.yml: area 9: is not an area in data/areas.yml"


def test_area_without_skills():
    assert outline_error([{"area": 1, "groups": [group("a")]}]) == "data/skills.yml: area 2: has no skills"


def test_bad_skill_url():
    raw = [{"area": 1, "groups": [group("a")]}, {"area": 2, "groups": [group("b")]}]
    raw[0]["groups"][0]["skills"][0]["url"] = "not a url"
    assert outline_error(raw) == (
        "data/skills.yml: skill a: url: is not a web address (relative URL without a base) (found 'not a url')"
    )


def paths_error(raw: object) -> str:
    with pytest.raises(DataError) as caught:
        parse_learning_paths(raw, "data/learning_paths.yml", AREAS)
    return str(caught.value)


def test_module_count_comes_from_the_module_list():
    paths = parse_learning_paths(
        [{"name": "P", "area": 1, "url": "https://example.org/p",
          "modules": [{"name": "M", "url": "https://example.org/m"}]},
         {"name": "Q", "area": 2, "url": "https://example.org/q", "module_count": 3}],
        "data/learning_paths.yml", AREAS,
    )
    assert [p.count for p in paths] == [1, 3]


def test_path_with_both_modules_and_count():
    raw = [{"name": "P", "area": 1, "url": "https://example.org/p", "module_count": 2,
            "modules": [{"name": "M", "url": "https://example.org/m"}]}]
    assert paths_error(raw) == (
        "data/learning_paths.yml: path 'P': give either modules or module_count, not both"
    )


def test_path_with_neither_modules_nor_count():
    raw = [{"name": "P", "area": 1, "url": "https://example.org/p"}]
    assert paths_error(raw) == "data/learning_paths.yml: path 'P': needs modules (a list) or module_count"


def test_path_in_unknown_area():
    raw = [{"name": "P", "area": 7, "url": "https://example.org/p", "module_count": 2}]
    assert paths_error(raw) == "data/learning_paths.yml: path 'P': area 7 is not an area in data/areas.yml"


def test_duplicate_path():
    raw = [{"name": "P", "area": 1, "url": "https://example.org/p", "module_count": 2}] * 2
    assert paths_error(raw) == "data/learning_paths.yml: path 'P': is listed more than once"


def test_guide_is_loaded_once_per_change_of_the_data(tmp_path):
    import shutil

    from conftest import DATA

    from studyguide.guide import load_guide

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    first = load_guide(data)
    assert load_guide(data) is first  # three hooks ask per build: one read
    areas = data / "areas.yml"
    areas.write_text(areas.read_text(encoding="utf-8").replace("short_name: Security", "short_name: Safety"),
                     encoding="utf-8")
    second = load_guide(data)
    assert second is not first
    assert second.areas[6].short_name == "Safety"
