"""data/questions.yml: every rule of the loader, the Markdown it renders, and the real file."""

from __future__ import annotations

import textwrap
from pathlib import Path

import markdown
import pytest
from conftest import DATA
from exam_data import SITES, write_exam

from studyguide.datafiles import parse_data
from studyguide.errors import DataError
from studyguide.guide import load_guide
from studyguide.questions import (
    answer_letters,
    doc_problem,
    load_questions,
    load_retirement_ids,
    parse_questions,
    print_questions,
    question_data,
    question_markdown,
    self_check,
)
from studyguide.rules import markdown_problems
from studyguide.safe import md_code_text

FILE = "data/questions.yml"
AREAS = (1, 2)
SKILLS = (("create-an-iot-hub", 1), ("register-a-device", 1), ("create-a-dps", 2))

VALID = textwrap.dedent("""\
    - id: hub-basics
      area: 1
      skills: [create-an-iot-hub]
      scenario: A team needs a hub with `twins`.
      prompt: Which tier?
      options:
        - text: Standard
          correct: true
          why: It has twins.
        - text: Basic
          correct: false
          why: It has no twins.
        - text: Free with `C2D`
          correct: false
          why: It is for trials.
      explanation: Tier decides features.
      doc: https://learn.microsoft.com/en-us/azure/iot-hub/iot-hub-scaling
    - id: two-right
      area: 2
      skills: [create-a-dps]
      scenario: Pick the two true statements.
      prompt: Which are true?
      options:
        - text: One
          correct: true
          why: Yes.
        - text: Two
          correct: true
          why: Yes.
        - text: Three
          correct: false
          why: No.
        - text: Four
          correct: false
          why: No.
      doc: https://github.com/Azure/azure-iot-sdk-c
    """)


def parse(text: str = VALID, retirements: list[str] | None = None):
    """Load ``text`` as the build does (``datafiles``' strict YAML, with lines), then check it."""
    loaded = parse_data(text, FILE)
    return parse_questions(loaded.data, loaded.file, AREAS, SKILLS, retirements, loaded.line, sites=SITES)


def problems_of(text: str, retirements: list[str] | None = None) -> list[str]:
    with pytest.raises(DataError) as info:
        parse(text, retirements)
    return [str(p) for p in info.value.problems]


# ---------- A valid file ----------


def test_valid_questions_load_in_order_with_their_lines():
    first, second = parse()
    assert (first.id, first.area, first.skills, first.line) == ("hub-basics", 1, ("create-an-iot-hub",), 1)
    assert second.line == 18
    assert first.correct == (0,) and first.choose == ""
    assert second.correct == (0, 1) and second.choose == "Choose two."
    assert first.options[2].text == "Free with `C2D`"
    assert second.explanation == ""


def test_question_data_carries_only_what_the_browser_needs():
    assert question_data(parse()) == [
        {"id": "hub-basics", "area": 1, "skills": ["create-an-iot-hub"], "correct": [0], "options": 3},
        {"id": "two-right", "area": 2, "skills": ["create-a-dps"], "correct": [0, 1], "options": 4},
    ]


# ---------- Every rule, with its line and entry ----------


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("- id: two-right", "- id: hub-basics",
     f"{FILE}:18: question hub-basics: id is already used by the question on line 1"),
    ("- id: two-right", "- id: Two_Right",
     (f"{FILE}:18: question Two_Right: id: must be lowercase letters and digits in words joined by "
      "hyphens (found 'Two_Right')")),
    ("  area: 2\n", "  area: 9\n", f"{FILE}:19: question two-right: area 9 is not an area in data/areas.yml"),
    ("  area: 2\n", "  area: true\n", f"{FILE}:19: question two-right: area: must be a whole number (found True)"),
    ("  area: 2\n", "  area: '2'\n", f"{FILE}:19: question two-right: area: must be a whole number (found '2')"),
    ("skills: [create-a-dps]", "skills: [no-such-skill]",
     f"{FILE}:20: question two-right: skill no-such-skill is not a skill in data/skills.yml"),
    ("skills: [create-a-dps]", "skills: [create-an-iot-hub]",
     f"{FILE}:20: question two-right: skill create-an-iot-hub belongs to area 1, not area 2"),
    ("skills: [create-a-dps]", "skills: [create-a-dps, create-a-dps]",
     f"{FILE}:20: question two-right: skill create-a-dps is listed twice"),
    ("skills: [create-a-dps]", "skills: []",
     f"{FILE}:20: question two-right: skills: needs at least 1 item(s)"),
    ("skills: [create-a-dps]", "skills: create-a-dps",
     f"{FILE}:20: question two-right: skills: must be a list"),
    ("  scenario: Pick the two true statements.\n", "",
     f"{FILE}:18: question two-right: scenario: is required"),
    ("  scenario: Pick the two true statements.\n", "  scenario: ''\n",
     f"{FILE}:21: question two-right: scenario: must not be empty"),
    ("  scenario: Pick the two true statements.\n", "  scenario: 42\n",
     f"{FILE}:21: question two-right: scenario: must be text (found 42)"),
    ("  scenario: Pick the two true statements.\n", "  scenario: Pick <img src=x onerror=alert(1)>\n",
     f"{FILE}:21: question two-right: scenario: contains HTML; write Markdown only"),
    ("  scenario: Pick the two true statements.\n", "  scenario: 'Pick [x](javascript:alert(1))'\n",
     f"{FILE}:21: question two-right: scenario: links to 'javascript:alert(1)'; links must start with https://"),
    ("  scenario: Pick the two true statements.\n", "  scenario: 'Pick [x](../glossary.md)'\n",
     f"{FILE}:21: question two-right: scenario: links to '../glossary.md'; links must start with https://"),
    ("  scenario: Pick the two true statements.\n", "  scenario: 'Pick {: onclick=\"x\" }'\n",
     f"{FILE}:21: question two-right: scenario: contains an attribute list ({{: …}}); these are not allowed"),
    ("  scenario: Pick the two true statements.\n", "  scenario: \"Pick\\x07 two\"\n",
     f"{FILE}:21: question two-right: scenario: contains the control character U+0007; remove it"),
    ("  prompt: Which are true?\n", "  prompt: Which <b>are</b> true?\n",
     f"{FILE}:22: question two-right: prompt: is plain text: HTML is not allowed"),
    ("  prompt: Which are true?\n", "  nonsense: 1\n  prompt: Which are true?\n",
     f"{FILE}:22: question two-right: nonsense: is not a known field (a typo?)"),
    ("  prompt: Which are true?\n", "  prompt: Which are true?\n  prompt: Again?\n",
     f"{FILE}:23: YAML: key 'prompt' is given twice in one mapping (first on line 22)"),
    ("    - text: Four\n      correct: false\n      why: No.\n", "",
     None),  # 3 options are enough: no problem
    (("    - text: Three\n      correct: false\n      why: No.\n"
      "    - text: Four\n      correct: false\n      why: No.\n"), "",
     f"{FILE}:24: question two-right: has 2 options; give 3 to 5"),
    ("    - text: Four\n      correct: false\n      why: No.\n",
     "    - text: Four\n      correct: false\n      why: No.\n" + "    - text: More\n      correct: false\n"
     "      why: No.\n" + "    - text: Most\n      correct: false\n      why: No.\n",
     f"{FILE}:24: question two-right: has 6 options; give 3 to 5"),
    ("    - text: Two\n      correct: true\n", "    - text: One\n      correct: true\n",
     f"{FILE}:27: question two-right, option 2: text 'One' repeats another option"),
    ("      correct: true\n      why: Yes.\n    - text: Two\n      correct: true\n",
     "      correct: false\n      why: Yes.\n    - text: Two\n      correct: false\n",
     f"{FILE}:24: question two-right: no option is marked correct: true"),
    ("    - text: Two\n      correct: true\n", "    - text: Two\n      correct: 'yes'\n",
     f"{FILE}:28: question two-right, option 2: correct: must be true or false (found 'yes')"),
    ("    - text: Two\n      correct: true\n", "    - text: Two <br>\n      correct: true\n",
     f"{FILE}:27: question two-right, option 2: text: is plain text: HTML is not allowed"),
    ("    - text: Two\n      correct: true\n      why: Yes.\n",
     "    - text: Two\n      correct: true\n      why: Yes <span>.\n",
     f"{FILE}:29: question two-right, option 2: why: contains HTML; write Markdown only"),
    ("    - text: Two\n      correct: true\n      why: Yes.\n",
     "    - text: Two\n      correct: true\n",
     f"{FILE}:27: question two-right, option 2: why: is required"),
    ("    - text: Two\n      correct: true\n      why: Yes.\n",
     "    - text: Two\n      correct: true\n      why: Yes.\n      hint: no\n",
     f"{FILE}:30: question two-right, option 2: hint: is not a known field (a typo?)"),
    ("    - text: Two\n      correct: true\n      why: Yes.\n", "    - Two\n",
     f"{FILE}:27: question two-right: options[2]: must be a mapping of fields"),
    ("  doc: https://github.com/Azure/azure-iot-sdk-c", "  doc: http://learn.microsoft.com/x",
     f"{FILE}:36: question two-right: doc: must be an https:// address"),
    ("  doc: https://github.com/Azure/azure-iot-sdk-c", "  doc: https://example.com/x",
     f"{FILE}:36: question two-right: doc: must point to learn.microsoft.com, azure.microsoft.com or github.com/Azure"),
    ("  doc: https://github.com/Azure/azure-iot-sdk-c", "  doc: https://github.com/someone/azure",
     f"{FILE}:36: question two-right: doc: must point to learn.microsoft.com, azure.microsoft.com or github.com/Azure"),
    ("  doc: https://github.com/Azure/azure-iot-sdk-c",
     "  doc: https://learn.microsoft.com/en-us/azure/iot-hub/?WT.mc_id=abc",
     f"{FILE}:36: question two-right: doc: has the tracking parameter 'WT.mc_id'; remove it"),
    ("  doc: https://github.com/Azure/azure-iot-sdk-c",
     "  doc: https://github.com/Azure/azure-iot-sdk-c\n  retired: Not_An_Id",
     (f"{FILE}:37: question two-right: retired: must be lowercase letters and digits in words joined by "
      "hyphens (found 'Not_An_Id')")),
])
def test_each_rule_names_the_line_and_the_question(old, new, expected):
    assert old in VALID
    text = VALID.replace(old, new, 1)
    if expected is None:
        assert len(parse(text)) == 2
    else:
        assert problems_of(text) == [expected]


def test_retired_must_name_a_known_retirement_when_the_list_exists():
    text = VALID.replace("  doc: https://github.com/Azure/azure-iot-sdk-c",
                         "  doc: https://github.com/Azure/azure-iot-sdk-c\n  retired: tsi")
    assert parse(text, ["tsi"])[1].retired == "tsi"
    assert parse(text, None)[1].retired == "tsi"  # no data/retirements.yml: nothing to check against
    assert problems_of(text, ["maps"]) == [
        f"{FILE}:37: question two-right: retired 'tsi' is not an entry in data/retirements.yml"]


@pytest.mark.parametrize(("text", "expected"), [
    ("retirements:\n  - id: tsi\n  - id: defender-micro-agent\n", ["tsi", "defender-micro-agent"]),
    ("- id: tsi\n", ["tsi"]),
    ("retirements: 3\n", None),
    ("- id: [unclosed\n", None),  # broken: its own loader reports it; here the check is skipped
])
def test_retirement_ids_come_from_the_optional_retirements_file(tmp_path: Path, text: str, expected):
    assert load_retirement_ids(tmp_path) is None  # no file yet
    (tmp_path / "retirements.yml").write_text(text, encoding="utf-8")
    assert load_retirement_ids(tmp_path) == expected


def test_every_problem_in_the_file_is_reported_at_once():
    text = VALID.replace("  area: 1\n", "  area: 8\n").replace("why: No.", "why: ''", 1)
    with pytest.raises(DataError) as info:
        parse(text)
    assert str(info.value) == (
        f"{FILE}:2: question hub-basics: area 8 is not an area in data/areas.yml\n"
        f"{FILE}:32: question two-right, option 3: why: must not be empty"
    )


def test_a_question_with_a_shape_error_reports_every_shape_error():
    text = VALID.replace("  area: 2\n", "  area: two\n").replace("why: No.", "why: ''", 1)
    assert problems_of(text) == [
        f"{FILE}:19: question two-right: area: must be a whole number (found 'two')",
        f"{FILE}:32: question two-right, option 3: why: must not be empty",
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("", f"{FILE}: file: must be a non-empty list of questions"),
    ("[]\n", f"{FILE}:1: file: must be a non-empty list of questions"),
    ("id: x\n", f"{FILE}:1: file: must be a non-empty list of questions"),
    ("- just text\n", f"{FILE}:1: entry 1: must be a mapping of fields"),
])
def test_the_file_must_be_a_list_of_mappings(text, expected):
    assert problems_of(text) == [expected]


def test_a_missing_required_field_names_the_entry_when_there_is_no_id():
    problems = problems_of("- area: 1\n")
    assert problems[0] == f"{FILE}:1: entry 1: id: is required"
    assert f"{FILE}:1: entry 1: options: is required" in problems


def test_a_single_problem_reads_file_line_entry_problem():
    with pytest.raises(DataError) as info:
        parse(VALID.replace("  area: 2\n", "  area: 9\n"))
    assert str(info.value) == f"{FILE}:19: question two-right: area 9 is not an area in data/areas.yml"


def test_invalid_yaml_names_the_line():
    assert problems_of("- id: a\n  area: @1\n") == [
        f"{FILE}:2: YAML: invalid YAML (found character that cannot start any token)"]


def test_the_strict_loader_refuses_aliases_in_questions():
    text = VALID.replace("  skills: [create-a-dps]", "  skills: &s [create-a-dps]").replace(
        "  prompt: Which are true?", "  prompt: Which are true?\n  explanation: *s")
    assert problems_of(text) == [
        f"{FILE}:23: YAML: alias *s is not allowed in data files: write the value out"]


def test_a_file_that_is_not_utf8_names_the_line(tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    write_exam(data)
    (data / "questions.yml").write_bytes(VALID.encode() + b"- id: caf\xe9\n")
    with pytest.raises(DataError, match=r"^data/questions.yml:37: YAML: byte 0xe9 at column 10 is not UTF-8"):
        load_questions(data, [], [])


@pytest.mark.parametrize(("url", "problem"), [
    ("https://learn.microsoft.com/en-us/azure/iot-hub/", None),
    ("https://azure.microsoft.com/en-us/products/iot-hub/", None),
    ("https://github.com/Azure/iotedge", None),
    ("javascript:alert(1)", "must be an https:// address"),
    ("https://learn.microsoft.com.evil.example/",
     "must point to learn.microsoft.com, azure.microsoft.com or github.com/Azure"),
])
def test_doc_problem(url, problem):
    assert doc_problem(url, SITES) == problem


def test_markdown_in_code_spans_is_not_a_problem():
    assert markdown_problems("Use `<b>` and `{: x }` in code, and [docs](https://learn.microsoft.com/).") == []
    assert markdown_problems("[a][ref]\n\n[ref]: http://example.com") == [
        "links to 'http://example.com'; links must start with https://"]


# ---------- Rendering ----------


def render(md_text: str) -> str:
    return markdown.markdown(md_text, extensions=["attr_list", "md_in_html", "pymdownx.details"])


def test_plain_text_fields_are_literal_with_code_spans_kept():
    assert render(md_code_text("A *b* [c](https://x) <i>d</i> `<e>` #f")) == (
        "<p>A *b* [c](https://x) &lt;i&gt;d&lt;/i&gt; <code>&lt;e&gt;</code> #f</p>")


def test_answer_letters():
    first, second = parse()
    assert answer_letters(first) == "A"
    assert answer_letters(second) == "A and B"


def test_a_question_renders_options_and_a_folded_answer_with_every_why():
    first = parse()[0]
    html = render(question_markdown(first, 1, 3))
    assert '<div class="az-question" data-area="1" data-question="hub-basics" id="question-hub-basics">' in html
    assert '<p class="az-question__number">Question 1 of 3</p>' in html
    assert "<li>Free with <code>C2D</code></li>" in html
    assert "<details" in html and "<summary>Answer and explanation</summary>" in html
    assert "<li><strong>A</strong> · Right: It has twins.</li>" in html
    assert "<li><strong>B</strong> · Wrong: It has no twins.</li>" in html
    assert '<a href="https://learn.microsoft.com/en-us/azure/iot-hub/iot-hub-scaling">' in html
    assert "<p>Tier decides features.</p>" in html


def test_choose_two_is_derived_from_the_correct_options():
    html = render(question_markdown(parse()[1], 1, 1))
    assert "<strong>Which are true?</strong> <em>Choose two.</em>" in html


def test_the_self_check_holds_only_the_area_questions():
    from studyguide.areas import Area, Weight

    area = Area(number=2, name="Devices", short_name="Devices", weight=Weight(min=1, max=2), page="areas/b.md")
    html = render(self_check(parse(), area))
    assert 'data-question="two-right"' in html and 'data-question="hub-basics"' not in html
    empty = Area(number=3, name="Other", short_name="Other", weight=Weight(min=1, max=2), page="areas/c.md")
    assert self_check(parse(), empty) == "_No practice question for this area yet._\n"


def test_print_lists_questions_then_their_answers_per_area():
    from studyguide.areas import Area, Weight

    areas = [Area(number=n, name=f"A{n}", short_name=f"A{n}", weight=Weight(min=1, max=2), page=f"areas/{n}.md")
             for n in AREAS]
    text = print_questions(parse(), areas)
    assert text.index("### Questions for area 1") < text.index("#### Answers for area 1") < text.index(
        "### Questions for area 2")
    assert "<details" not in render(text)  # nothing folded away on paper


# ---------- The real data ----------


def test_the_real_questions_load_and_every_area_has_some():
    guide = load_guide(DATA)
    questions = guide.questions()
    assert {q.area for q in questions} == {a.number for a in guide.areas}
    assert all(len(q.options) >= 3 for q in questions)
