"""Hostile inputs beyond one-line edits: encodings, bombs, huge files, several broken files at once,
and the URL lint, which reads the data files before anything else does."""

from __future__ import annotations

from pathlib import Path

from hostile_support import DATA, GLOSSARY, edit, time_bound
from test_hostile_data import report

from studyguide.datafiles import MAX_BYTES
from studyguide.urllint import lint_data

NOT_UTF8 = "is not UTF-8 (save the file as UTF-8; a word processor's curly quote or accent is the usual cause)"

# 9 aliases of 9 aliases of ...: about a billion strings if anything expanded it.
ALIAS_BOMB = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]\n"
        for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
    )
)


def test_a_windows_1252_quote_is_named_with_line_and_column(tmp_path: Path) -> None:
    text = edit(GLOSSARY, "definition: The cloud", "definition: \x93The cloud").encode("utf-8")
    raw = text.replace("\x93".encode(), b"\x93")  # the one byte a word processor pastes
    assert report(tmp_path, {"glossary.yml": raw}) == f"data/glossary.yml:2: YAML: byte 0x93 at column 15 {NOT_UTF8}"


def test_a_latin_1_accent_is_named(tmp_path: Path) -> None:
    raw = DATA["areas.yml"].replace("name: Edge", "name: Edg\xe9").encode("latin-1")
    assert report(tmp_path, {"areas.yml": raw}) == f"data/areas.yml:9: YAML: byte 0xe9 at column 12 {NOT_UTF8}"


def test_a_utf_16_file_is_named_at_its_first_byte(tmp_path: Path) -> None:
    raw = DATA["skills.yml"].encode("utf-16")
    assert report(tmp_path, {"skills.yml": raw}) == f"data/skills.yml:1: YAML: byte 0xff at column 1 {NOT_UTF8}"


def test_a_utf_8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    assert report(tmp_path, {"areas.yml": b"\xef\xbb\xbf" + DATA["areas.yml"].encode()}) == ""


def test_an_alias_bomb_is_refused_before_anything_expands(tmp_path: Path) -> None:
    found = report(tmp_path, {"glossary.yml": ALIAS_BOMB}).splitlines()
    assert len(found) == 8 * 9  # every alias, where it is used, and nothing else
    assert found[0] == "data/glossary.yml:2: YAML: alias *a is not allowed in data files: write the value out"
    assert found[-1] == "data/glossary.yml:9: YAML: alias *h is not allowed in data files: write the value out"


def test_a_file_over_the_size_limit_is_not_parsed(tmp_path: Path) -> None:
    huge = DATA["glossary.yml"] + "#" * MAX_BYTES
    assert report(tmp_path, {"glossary.yml": huge}) == (
        f"data/glossary.yml: file: is {len(huge.encode()):,} bytes; data files stay under {MAX_BYTES:,}"
    )


def test_a_definition_one_character_over_the_limit(tmp_path: Path) -> None:
    text = edit(GLOSSARY, "definition: The cloud service that devices connect to.", "definition: " + "x" * 1201)
    assert report(tmp_path, {"glossary.yml": text}) == (
        "data/glossary.yml:2: term 'IoT Hub': definition is 1,201 characters; keep it under 1,200 "
        "(link the official document for the rest)"
    )


def test_a_definition_at_the_limit_passes(tmp_path: Path) -> None:
    text = edit(GLOSSARY, "definition: The cloud service that devices connect to.", "definition: " + "x" * 1200)
    assert report(tmp_path, {"glossary.yml": text}) == ""


def test_a_number_too_long_to_convert(tmp_path: Path) -> None:
    text = edit(DATA["areas.yml"], "- number: 2\n", "- number: 2" + "0" * 5000 + "\n")
    assert report(tmp_path, {"areas.yml": text}) == (
        "data/areas.yml:8: YAML: '2000000000000000000000000000000000000...' is not a valid value"
    )


def test_every_broken_file_is_reported_in_one_go(tmp_path: Path) -> None:
    changes = {
        "areas.yml": edit(DATA["areas.yml"], "    min: 40\n    max: 60\n  page: areas/02-edge.md",
                          "    min: 70\n    max: 60\n  page: areas/02-edge.md"),
        "skills.yml": edit(DATA["skills.yml"], "id: deploy-a-module", "id: create-a-hub"),
        "learning_paths.yml": edit(DATA["learning_paths.yml"], "module_count: 3", "module_count: 0"),
        "glossary.yml": edit(GLOSSARY, "aliases: [edge runtime]", "aliases: [data]"),
        "changelog.yml": edit(DATA["changelog.yml"], "kind: removed", "kind: gone"),
        "retirements.yml": edit(DATA["retirements.yml"], "change: renamed", "change: moved"),
        "labs.yml": edit(DATA["labs.yml"], "number: 7", "number: 2"),
        "pitfalls.yml": edit(DATA["pitfalls.yml"], "- area: 2", "- area: 3"),
    }
    assert report(tmp_path, changes).splitlines() == [
        "data/areas.yml:8: area 2 (Edge): weight min 70 is greater than max 60",
        "data/areas.yml: all areas: minimum weights add up to 110%, more than 100%",
        # The retirements' own fields do not depend on the areas: they are checked all the same.
        "data/retirements.yml:3: retirement edge-security-daemon: change: must be one of 'retired' or 'renamed' "
        "(found 'moved')",
    ]
    # With the areas fixed, the other seven files report together.
    del changes["areas.yml"]
    assert report(tmp_path, changes).splitlines() == [
        ("data/skills.yml:14: skill create-a-hub: id is used by more than one skill ('Create a hub' "
         "and 'Deploy a module')"),
        "data/learning_paths.yml:8: path 'Edge basics': module_count: must be at least 1 (found 0)",
        "data/glossary.yml:6: term 'IoT Edge': alias 'data' is a common English word; every page would link it",
        ("data/changelog.yml:12: update 2021-05-25, change 1: kind: must be one of 'added', 'modified', "
        "'removed', 'minor revision' or 'major revision' (found 'gone')"),
        "data/retirements.yml:3: retirement edge-security-daemon: change: must be one of 'retired' or 'renamed' "
        "(found 'moved')",
        "data/labs.yml:9: lab 02 (Deploy a module): is listed more than once",
        "data/pitfalls.yml:7: area 3: is not an area in data/areas.yml",
    ]


def test_broken_areas_still_get_the_other_files_checked_as_yaml(tmp_path: Path) -> None:
    changes = {
        "areas.yml": "- number: [1\n",
        "glossary.yml": GLOSSARY + "- name: X\n  name: Y\n",
        "retirements.yml": DATA["retirements.yml"] + "  note: again\n",
        "labs.yml": DATA["labs.yml"] + "- number: !!python/name:os.system 9\n",
        "pitfalls.yml": "- area: 1\n  tips: [a, *b]\n",
    }
    assert report(tmp_path, changes).splitlines() == [
        ("data/areas.yml:1: YAML: invalid YAML (a flow sequence opens here and is never closed: "
        "did not find expected ',' or ']')"),
        "data/glossary.yml:12: YAML: key 'name' is given twice in one mapping (first on line 11)",
        "data/retirements.yml:10: YAML: key 'note' is given twice in one mapping (first on line 7)",
        "data/labs.yml:18: YAML: tag tag:yaml.org,2002:python/name:os.system is not allowed in data files",
        "data/pitfalls.yml:2: YAML: alias *b is not allowed in data files: write the value out",
    ]


def _lint_tree(tmp_path: Path, extra: dict[str, str]) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    for name, text in {**DATA, **extra}.items():
        (data / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_the_url_lint_never_reads_a_file_the_project_does_not_use(tmp_path: Path) -> None:
    root = _lint_tree(tmp_path, {"bomb.yml": ALIAS_BOMB, "notes.yml": "key: [unclosed\n"})
    with time_bound():
        assert lint_data(root / "data") == []


def test_the_url_lint_refuses_an_alias_in_a_data_file(tmp_path: Path) -> None:
    root = _lint_tree(tmp_path, {"learning_paths.yml": ALIAS_BOMB})
    with time_bound():
        try:
            lint_data(root / "data")
        except ValueError as exc:
            assert str(exc).splitlines()[0] == (
                "data/learning_paths.yml:2: YAML: alias *a is not allowed in data files: write the value out"
            )
        else:
            raise AssertionError("the alias was accepted")


def test_questions_and_exam_problems_come_with_every_other_file(tmp_path: Path) -> None:
    changes = {
        "glossary.yml": edit(GLOSSARY, "aliases: [edge runtime]", "aliases: [data]"),
        "questions.yml": edit(DATA["questions.yml"], "  area: 2\n", "  area: 9\n"),
        "exam.yml": edit(DATA["exam.yml"], "storage_prefix: az220", "storage_prefix: AZ"),
    }
    assert report(tmp_path, changes).splitlines() == [
        "data/glossary.yml:6: term 'IoT Edge': alias 'data' is a common English word; every page would link it",
        "data/questions.yml:19: question ship-a-module: area 9 is not an area in data/areas.yml",
        ("data/exam.yml:2: storage_prefix: must be lowercase letters, digits and hyphens, starting with a "
         "letter (found 'AZ')"),
    ]


def test_broken_skills_still_get_the_questions_checked_as_yaml(tmp_path: Path) -> None:
    changes = {
        "skills.yml": edit(DATA["skills.yml"], "id: deploy-a-module", "id: create-a-hub"),
        "questions.yml": edit(DATA["questions.yml"], "  area: 2\n", "  area: 2\n  area: 9\n"),
    }
    assert report(tmp_path, changes).splitlines() == [
        ("data/skills.yml:14: skill create-a-hub: id is used by more than one skill ('Create a hub' and "
         "'Deploy a module')"),
        "data/questions.yml:20: YAML: key 'area' is given twice in one mapping (first on line 19)",
    ]


def test_an_alias_bomb_as_the_questions_is_refused_in_time(tmp_path: Path) -> None:
    assert report(tmp_path, {"questions.yml": ALIAS_BOMB}).splitlines()[0] == (
        "data/questions.yml:2: YAML: alias *a is not allowed in data files: write the value out"
    )


def test_a_windows_1252_byte_in_the_questions_is_named(tmp_path: Path) -> None:
    text = DATA["questions.yml"].encode().replace(b"Which tier fits?", b"Which tier fits\x92?")
    assert report(tmp_path, {"questions.yml": text}) == (
        f"data/questions.yml:5: YAML: byte 0x92 at column 26 {NOT_UTF8}"
    )
