"""Unit tests: data/retirements.yml (every error path) and the one notice renderer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from study_data import outlines, retirement

from studyguide.errors import DataError
from studyguide.retirements import (
    Retirements,
    group_notices,
    load_retirements,
    load_retirements_if_present,
    parse_retirements,
    retirement_notice,
    term_notices,
)

FILE = "data/retirements.yml"


def parse(*entries: dict) -> Retirements:
    return parse_retirements(list(entries), FILE)


def error_for(raw: object) -> str:
    with pytest.raises(DataError) as caught:
        parse_retirements(raw, FILE)
    return str(caught.value)


def test_valid_entry_parses_with_its_date():
    entry = parse(retirement()).entries[0]
    assert entry.date == date(2025, 3, 31)
    assert entry.groups == ["Hub"]


def test_empty_file_has_no_entries():
    assert parse_retirements(None, FILE).entries == ()


def test_file_must_be_a_list():
    assert error_for({"id": "x"}) == f"{FILE}: file: must be a list of retired or renamed things"


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"date": "31 March 2025"}, "date: '31 March 2025' is not a date written YYYY-MM-DD"),
        ({"date": "2025-02-30"}, "date: must be a date written YYYY-MM-DD (found '2025-02-30')"),
        ({"change": "moved"}, "change: must be one of 'retired' or 'renamed' (found 'moved')"),
        ({"groups": []}, "names no skills, groups or terms: say where the notice belongs"),
        ({"successor_url": "https://example.org/new"}, "successor_url needs the successor's name in successor"),
        ({"change": "renamed"}, "a renamed entry needs the new name in successor"),
        ({"note": ""}, "note: must not be empty"),
        ({"archive_url": "not a url"},
         "archive_url: is not a web address (relative URL without a base) (found 'not a url')"),
        ({"archive_url": "javascript:alert(1)"},
         "archive_url: must be an https:// address (found 'javascript:alert(1)')"),
        ({"what": "Old\x02service"}, "what: contains the control character U+0002; remove it"),
        ({"colour": "red"}, "colour: is not a known field (a typo?)"),
    ],
    ids=["date-format", "impossible-date", "unknown-change", "no-target", "url-without-name",
         "rename-without-name", "empty-note", "bad-url", "javascript-url", "control-char", "unknown-field"],
)
def test_bad_entry_names_the_entry(changes, problem):
    assert error_for([retirement(**changes)]) == f"{FILE}: retirement old-service: {problem}"


def test_entry_without_id_is_named_by_position():
    entry = retirement()
    del entry["id"]
    assert error_for([retirement(id="first"), entry]) == f"{FILE}: entry 2: id: is required"


def test_duplicate_id():
    assert error_for([retirement(), retirement()]) == f"{FILE}: retirement old-service: id is used more than once"


def test_every_problem_is_reported_at_once():
    assert error_for([retirement(), retirement(), retirement(id="other", note="")]) == (
        f"{FILE}: retirement other: note: must not be empty\n"
        f"{FILE}: retirement old-service: id is used more than once"
    )


def test_unknown_skill_and_group_and_term_with_their_lines():
    raw = [retirement(skills=["zz"], groups=["Nope", "Hub"], terms=["no-such-term"])]
    lines = {(0, "skills", 0): 7, (0, "groups", 0): 9, (0, "terms", 0): 12}
    with pytest.raises(DataError) as caught:
        parse_retirements(raw, FILE, lambda loc: lines.get(loc), outlines=outlines(), term_ids={"tsi"})
    assert str(caught.value) == (
        f"{FILE}:7: retirement old-service: skill 'zz' is not a skill id in data/skills.yml\n"
        f"{FILE}:9: retirement old-service: group 'Nope' is not a skill group in data/skills.yml\n"
        f"{FILE}:12: retirement old-service: term 'no-such-term' is not a glossary term id"
    )


def test_known_targets_pass():
    entries = parse_retirements([retirement(skills=["c"], terms=["tsi"])], FILE, outlines=outlines(),
                                term_ids={"tsi"})
    assert entries.entries[0].skills == ["c"]


def test_yaml_error_and_missing_file(tmp_path: Path):
    bad = tmp_path / "data" / "retirements.yml"
    bad.parent.mkdir()
    bad.write_text("- id: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_retirements(bad)
    assert str(caught.value) == (
        "data/retirements.yml:1: YAML: invalid YAML (a flow sequence opens here and is never closed: "
        "did not find expected ',' or ']')"
    )
    assert load_retirements_if_present(tmp_path / "elsewhere").entries == ()


def test_a_malformed_date_in_the_file_is_named_with_its_entry_and_line(tmp_path: Path):
    path = tmp_path / "data" / "retirements.yml"
    path.parent.mkdir()
    path.write_text("- id: old\n  what: Old\n  change: retired\n  date: 2025-02-30\n  note: Gone.\n"
                    "  groups: [Hub]\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_retirements(path)
    assert str(caught.value) == (
        "data/retirements.yml:4: retirement old: date: must be a date written YYYY-MM-DD (found '2025-02-30')"
    )


def test_retired_notice_is_a_warning_with_every_fact():
    entry = parse(retirement(
        date_note="first announced for 7 July 2024",
        successor="New & shiny", successor_url="https://example.org/new",
        archive_url="https://example.org/old",
    )).entries[0]
    assert retirement_notice(entry) == (
        '!!! warning az-retirement "Retired: Old service"\n\n'
        "    **Retired on 31 March 2025** (first announced for 7 July 2024) · "
        "**Successor:** [New &amp; shiny](https://example.org/new) · "
        "**Old documents:** [archived docs](https://example.org/old)\n\n"
        "    Study it from the old documents.\n"
    )


def test_renamed_notice_is_info_and_says_now():
    entry = parse(retirement(change="renamed", successor="New name")).entries[0]
    assert retirement_notice(entry) == (
        '!!! info az-retirement "Renamed: Old service"\n\n'
        "    **Renamed on 31 March 2025** · **Now:** New name\n\n"
        "    Study it from the old documents.\n"
    )


def test_data_cannot_inject_html_or_break_the_title():
    entry = parse(retirement(what='Old "quoted" <b>', note="Use <script>x</script> `<code>`")).entries[0]
    notice = retirement_notice(entry)
    assert notice.startswith('!!! warning az-retirement "Retired: Old &quot;quoted&quot; &lt;b&gt;"\n')
    assert "Use &lt;script&gt;x&lt;/script&gt; `<code>`" in notice


def test_group_notice_lists_skills_only_when_skills_are_named():
    hub = outlines()[0].groups[0]
    by_group = parse(retirement())
    assert "Skills affected" not in group_notices(by_group, hub)
    by_skill = parse(retirement(groups=[], skills=["b"]))
    assert group_notices(by_skill, hub).endswith("    **Skills affected:** [Skill b](#skill-b)\n")
    assert group_notices(by_skill, outlines()[1].groups[0]) == ""


def test_term_notices_only_for_named_terms():
    entries = parse(retirement(terms=["tsi"]), retirement(id="other", terms=["other-term"]))
    assert term_notices(entries, "tsi") == retirement_notice(entries.entries[0])
    assert term_notices(entries, "unnamed") == ""
