"""data/questions.yml: every rule of the loader, the Markdown it renders, and the real file."""

from __future__ import annotations

import textwrap
from pathlib import Path

import markdown
import pytest
from az220.errors import DataError
from az220.guide import load_guide
from az220.questions import (
    QuestionsError,
    answer_letters,
    doc_problem,
    escape_plain,
    load_questions,
    markdown_problems,
    parse_questions,
    print_questions,
    question_data,
    question_markdown,
    self_check,
)

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
    return parse_questions(text, FILE, AREAS, SKILLS, retirements)


def problems_of(text: str, retirements: list[str] | None = None) -> list[str]:
    with pytest.raises(QuestionsError) as info:
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
     "line 18: question hub-basics: id is already used by the question on line 1"),
    ("- id: two-right", "- id: Two_Right",
     "line 18: question Two_Right: id must be lowercase words joined by hyphens (a-z, 0-9, -)"),
    ("  area: 2\n", "  area: 9\n", "line 19: question two-right: area 9 is not an area in data/areas.yml"),
    ("  area: 2\n", "  area: true\n", "line 19: question two-right: area must be a whole number"),
    ("  area: 2\n", "  area: '2'\n", "line 19: question two-right: area must be a whole number"),
    ("skills: [create-a-dps]", "skills: [no-such-skill]",
     "line 20: question two-right: skill no-such-skill is not a skill in data/skills.yml"),
    ("skills: [create-a-dps]", "skills: [create-an-iot-hub]",
     "line 20: question two-right: skill create-an-iot-hub belongs to area 1, not area 2"),
    ("skills: [create-a-dps]", "skills: [create-a-dps, create-a-dps]",
     "line 20: question two-right: skill create-a-dps is listed twice"),
    ("skills: [create-a-dps]", "skills: []",
     "line 20: question two-right: skills must be a list of one or more skill ids"),
    ("  scenario: Pick the two true statements.\n", "",
     "line 18: question two-right: scenario is missing"),
    ("  scenario: Pick the two true statements.\n", "  scenario: ''\n",
     "line 21: question two-right: scenario is empty"),
    ("  scenario: Pick the two true statements.\n", "  scenario: 42\n",
     "line 21: question two-right: scenario must be text"),
    ("  scenario: Pick the two true statements.\n", "  scenario: Pick <img src=x onerror=alert(1)>\n",
     "line 21: question two-right: scenario contains HTML; write Markdown only"),
    ("  scenario: Pick the two true statements.\n", "  scenario: 'Pick [x](javascript:alert(1))'\n",
     "line 21: question two-right: scenario links to 'javascript:alert(1'; links must start with https://"),
    ("  scenario: Pick the two true statements.\n", "  scenario: 'Pick {: onclick=\"x\" }'\n",
     "line 21: question two-right: scenario contains an attribute list ({: …}); these are not allowed"),
    ("  prompt: Which are true?\n", "  prompt: Which <b>are</b> true?\n",
     "line 22: question two-right: prompt is plain text: HTML is not allowed"),
    ("  prompt: Which are true?\n", "  nonsense: 1\n  prompt: Which are true?\n",
     ("line 22: question two-right: unknown field 'nonsense' (allowed: area, doc, explanation, id, options, "
      "prompt, retired, scenario, skills)")),
    ("  prompt: Which are true?\n", "  prompt: Which are true?\n  prompt: Again?\n",
     "line 23: question two-right: field 'prompt' is given twice"),
    ("    - text: Four\n      correct: false\n      why: No.\n", "",
     None),  # 3 options are enough: no problem
    (("    - text: Three\n      correct: false\n      why: No.\n"
      "    - text: Four\n      correct: false\n      why: No.\n"), "",
     "line 24: question two-right: has 2 options; give 3 to 5"),
    ("    - text: Two\n      correct: true\n", "    - text: One\n      correct: true\n",
     "line 27: question two-right: option 2: text 'One' repeats another option"),
    ("      correct: true\n      why: Yes.\n    - text: Two\n      correct: true\n",
     "      correct: false\n      why: Yes.\n    - text: Two\n      correct: false\n",
     "line 24: question two-right: no option is marked correct: true"),
    ("    - text: Two\n      correct: true\n", "    - text: Two\n      correct: 'yes'\n",
     "line 28: question two-right: option 2: correct must be true or false"),
    ("    - text: Two\n      correct: true\n      why: Yes.\n",
     "    - text: Two\n      correct: true\n",
     "line 27: question two-right: option 2: why is missing"),
    ("    - text: Two\n      correct: true\n      why: Yes.\n",
     "    - text: Two\n      correct: true\n      why: Yes.\n      hint: no\n",
     "line 30: question two-right: option 2: unknown field 'hint' (allowed: correct, text, why)"),
    ("    - text: Two\n      correct: true\n      why: Yes.\n", "    - Two\n",
     "line 27: question two-right: option 2: must be a mapping with text, correct and why"),
    ("  doc: https://github.com/Azure/azure-iot-sdk-c", "  doc: http://learn.microsoft.com/x",
     "line 36: question two-right: doc must be an https:// address"),
    ("  doc: https://github.com/Azure/azure-iot-sdk-c", "  doc: https://example.com/x",
     "line 36: question two-right: doc must point to learn.microsoft.com, azure.microsoft.com or github.com/Azure"),
    ("  doc: https://github.com/Azure/azure-iot-sdk-c", "  doc: https://github.com/someone/azure",
     "line 36: question two-right: doc must point to learn.microsoft.com, azure.microsoft.com or github.com/Azure"),
    ("  doc: https://github.com/Azure/azure-iot-sdk-c",
     "  doc: https://learn.microsoft.com/en-us/azure/iot-hub/?WT.mc_id=abc",
     "line 36: question two-right: doc has the tracking parameter 'WT.mc_id'; remove it"),
    ("  doc: https://github.com/Azure/azure-iot-sdk-c",
     "  doc: https://github.com/Azure/azure-iot-sdk-c\n  retired: Not_An_Id",
     "line 37: question two-right: retired must be the id of a retirement (lowercase, hyphens)"),
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
    assert problems_of(text, ["maps"]) == [
        "line 37: question two-right: retired 'tsi' is not an entry in data/retirements.yml"]


def test_every_problem_in_the_file_is_reported_at_once():
    text = VALID.replace("  area: 1\n", "  area: 8\n").replace("why: It has no twins.", "why: ''")
    with pytest.raises(QuestionsError) as info:
        parse(text)
    assert [str(p) for p in info.value.problems] == [
        "line 2: question hub-basics: area 8 is not an area in data/areas.yml",
        "line 12: question hub-basics: option 2: why is empty",
    ]
    assert str(info.value) == (
        f"{FILE}: 2 problems: \n"
        f"  {FILE}:2: question hub-basics: area 8 is not an area in data/areas.yml\n"
        f"  {FILE}:12: question hub-basics: option 2: why is empty"
    )


@pytest.mark.parametrize(("text", "expected"), [
    ("", "line 1: file: must be a non-empty list of questions"),
    ("[]\n", "line 1: file: must be a non-empty list of questions"),
    ("id: x\n", "line 1: file: must be a non-empty list of questions"),
    ("- just text\n", "line 1: entry 1: must be a mapping with id, area, skills, …"),
])
def test_the_file_must_be_a_list_of_mappings(text, expected):
    assert problems_of(text) == [expected]


def test_a_missing_required_field_names_the_entry_when_there_is_no_id():
    problems = problems_of("- area: 1\n")
    assert problems[0] == "line 1: entry 1: id is missing"
    assert "line 1: entry 1: options is missing" in problems


def test_a_single_problem_reads_file_line_entry_problem():
    with pytest.raises(DataError) as info:
        parse(VALID.replace("  area: 2\n", "  area: 9\n"))
    assert str(info.value) == f"{FILE}:19: question two-right: area 9 is not an area in data/areas.yml"


def test_invalid_yaml_names_the_line():
    with pytest.raises(DataError, match=r"data/questions.yml: line 2: invalid YAML"):
        parse("- id: a\n  area: @1\n")


def test_a_file_that_is_not_utf8_names_the_line(tmp_path: Path):
    (tmp_path / "questions.yml").write_bytes(VALID.encode() + b"- id: caf\xe9\n")
    with pytest.raises(DataError, match=r"questions.yml:37: file: is not UTF-8 text"):
        load_questions(tmp_path, [], [])


@pytest.mark.parametrize(("url", "problem"), [
    ("https://learn.microsoft.com/en-us/azure/iot-hub/", None),
    ("https://azure.microsoft.com/en-us/products/iot-hub/", None),
    ("https://github.com/Azure/iotedge", None),
    ("javascript:alert(1)", "must be an https:// address"),
    ("https://learn.microsoft.com.evil.example/", "must point to learn.microsoft.com, azure.microsoft.com or github.com/Azure"),
])
def test_doc_problem(url, problem):
    assert doc_problem(url) == problem


def test_markdown_in_code_spans_is_not_a_problem():
    assert markdown_problems("Use `<b>` and `{: x }` in code, and [docs](https://learn.microsoft.com/).") == []
    assert markdown_problems("[a][ref]\n\n[ref]: http://example.com") == [
        "links to 'http://example.com'; links must start with https://"]


# ---------- Rendering ----------


def render(md_text: str) -> str:
    return markdown.markdown(md_text, extensions=["attr_list", "md_in_html", "pymdownx.details"])


def test_plain_text_fields_are_literal_with_code_spans_kept():
    assert render(escape_plain("A *b* [c](https://x) <i>d</i> `<e>` #f")) == (
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
    from az220.areas import Area, Weight

    area = Area(number=2, name="Devices", short_name="Devices", weight=Weight(min=1, max=2), page="areas/b.md")
    html = render(self_check(parse(), area))
    assert 'data-question="two-right"' in html and 'data-question="hub-basics"' not in html
    empty = Area(number=3, name="Other", short_name="Other", weight=Weight(min=1, max=2), page="areas/c.md")
    assert self_check(parse(), empty) == "_No practice question for this area yet._\n"


def test_print_lists_questions_then_their_answers_per_area():
    from az220.areas import Area, Weight

    areas = [Area(number=n, name=f"A{n}", short_name=f"A{n}", weight=Weight(min=1, max=2), page=f"areas/{n}.md")
             for n in AREAS]
    text = print_questions(parse(), areas)
    assert text.index("### Questions for area 1") < text.index("#### Answers for area 1") < text.index(
        "### Questions for area 2")
    assert "<details" not in render(text)  # nothing folded away on paper


# ---------- The real data ----------


def test_the_real_questions_load_and_every_area_has_some():
    guide = load_guide()
    questions = guide.questions()
    assert {q.area for q in questions} == {a.number for a in guide.areas}
    assert all(len(q.options) >= 3 for q in questions)
