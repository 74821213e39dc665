"""Practice questions (``data/questions.yml``): loaded, checked and rendered as Markdown.

The file is read by ``datafiles.load_data`` and checked like every other data file: every
problem is collected and reported at once as ``data/questions.yml:LINE: question ID: problem``
(``errors.DataError``). Prompts and options are plain text with code spans (``rules.CodeText``);
the scenario, every option's ``why`` and the explanation are strict Markdown
(``rules.StrictMarkdown``: no HTML, attribute lists or links other than ``https:``), and all of
them reach the page through ``studyguide.safe``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, ValidationError

from .areas import Area
from .datafiles import file_signature, load_data, no_lines
from .errors import DataError, LineOf, Loc, Problems, validation_problems
from .exam import ReadingSites, load_exam
from .outline import SKILL_ID_PATTERN, AreaOutline
from .rules import CodeText, PlainText, StrictMarkdown
from .safe import attr, markdown_block, markdown_inline, md_code_text, md_link, md_text
from .urllint import tracking_parameters

QUESTIONS_FILE = "questions.yml"
RETIREMENTS_FILE = "retirements.yml"
MIN_OPTIONS, MAX_OPTIONS = 3, 5
# Where a question may send the learner to read comes from data/exam.yml (studyguide.exam.ReadingSites).
LETTERS = "ABCDE"
COUNT_WORDS = {2: "two", 3: "three", 4: "four", 5: "five"}


class OptionData(BaseModel):
    """One option, as a contributor writes it."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    text: CodeText = Field(min_length=1)
    correct: StrictBool
    why: StrictMarkdown = Field(min_length=1)


class QuestionData(BaseModel):
    """One question, as a contributor writes it (cross-checks follow in ``parse_questions``)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: str = Field(pattern=SKILL_ID_PATTERN)
    area: StrictInt
    skills: list[PlainText] = Field(min_length=1)
    scenario: StrictMarkdown = Field(min_length=1)
    prompt: CodeText = Field(min_length=1)
    options: list[OptionData]
    explanation: StrictMarkdown = ""
    doc: PlainText = Field(min_length=1)
    retired: str | None = Field(default=None, pattern=SKILL_ID_PATTERN)


@dataclass(frozen=True)
class Option:
    text: str  # plain text; backtick code spans allowed
    correct: bool
    why: str  # strict Markdown


@dataclass(frozen=True)
class Question:
    id: str
    area: int
    skills: tuple[str, ...]
    scenario: str
    prompt: str
    options: tuple[Option, ...]
    doc: str
    explanation: str = ""
    retired: str | None = None
    line: int = 0

    @property
    def correct(self) -> tuple[int, ...]:
        return tuple(i for i, option in enumerate(self.options) if option.correct)

    @property
    def choose(self) -> str:
        """``Choose two.`` when several options are right, derived from the data, never typed."""
        count = len(self.correct)
        return f"Choose {COUNT_WORDS.get(count, str(count))}." if count > 1 else ""


# ---------- Loading ----------


def load_questions(data_dir: Path, areas: Sequence[Area], outlines: Sequence[AreaOutline],
                   retirements: Iterable[str] | None = None, *, check_hosts: bool = True) -> tuple[Question, ...]:
    """The checked questions, read once per change of the file (``mkdocs serve`` rebuilds).

    The doc hosts come from data/exam.yml; ``check_hosts=False`` skips them while that file is invalid.
    """
    path = data_dir / QUESTIONS_FILE
    signature = file_signature(data_dir, (QUESTIONS_FILE,))
    retired = tuple(sorted(retirements)) if retirements is not None else None
    numbers = tuple(sorted(a.number for a in areas))
    skills = tuple(sorted((s.id, o.area) for o in outlines for s in o.skills))
    reading = load_exam(data_dir).reading_sites if check_hosts else None
    return _load_cached(path, signature, numbers, skills, retired, reading)


@lru_cache(maxsize=4)
def _load_cached(path: Path, signature: tuple[tuple[str, int, int], ...], areas: tuple[int, ...],
                 skills: tuple[tuple[str, int], ...],
                 retirements: tuple[str, ...] | None, sites: ReadingSites | None) -> tuple[Question, ...]:
    loaded = load_data(path)
    return parse_questions(loaded.data, loaded.file, areas, skills, retirements, loaded.line, sites=sites)


def parse_questions(raw: object, file: str, areas: Iterable[int], skills: Iterable[tuple[str, int]],
                    retirements: Iterable[str] | None = None,
                    line_of: LineOf = no_lines, *, sites: ReadingSites | None) -> tuple[Question, ...]:
    """Check the loaded file against the area numbers and (skill id, area) pairs; a doc link
    must point to one of ``sites`` (data/exam.yml; None when that file is invalid, which is
    reported on its own: the hosts are checked once it is fixed).

    Raises one DataError listing every problem found, in file order.
    """
    if not isinstance(raw, list) or not raw:
        raise DataError(file, "file", "must be a non-empty list of questions", line_of(()))
    problems = Problems()
    checker = _Checker(file, set(areas), dict(skills),
                       set(retirements) if retirements is not None else None, problems, line_of, sites)
    questions = []
    for index, item in enumerate(raw):
        try:
            entry = QuestionData.model_validate(item)
        except ValidationError as exc:
            problems.items += validation_problems(exc, file, raw, (index,), _question_label, line_of)
            continue
        question = checker.question(index, entry)
        if question is not None:
            questions.append(question)
    problems.check()
    return tuple(questions)


@dataclass
class _Checker:
    """The rules that need more than one field, the outline or the other questions."""

    file: str
    areas: set[int]
    skill_area: dict[str, int]
    retirements: set[str] | None
    problems: Problems
    line_of: LineOf
    sites: ReadingSites | None

    def __post_init__(self) -> None:
        self.seen: dict[str, int | None] = {}

    def question(self, index: int, entry: QuestionData) -> Question | None:
        label = f"question {entry.id}"
        before = len(self.problems.items)

        def fail(problem: str, *at: str | int, who: str = label) -> None:
            loc: Loc = (index, *at)
            self.problems.add(self.file, who, problem, self.line_of(loc))

        if entry.id in self.seen:
            first = self.seen[entry.id]
            fail(f"id is already used by the question on line {first}" if first
                 else "id is already used by another question", "id")
        else:
            self.seen[entry.id] = self.line_of((index,))
        area_known = entry.area in self.areas
        if not area_known:
            fail(f"area {entry.area} is not an area in data/areas.yml", "area")
        listed: set[str] = set()
        for position, skill in enumerate(entry.skills):
            if skill in listed:
                fail(f"skill {skill} is listed twice", "skills", position)
            elif skill not in self.skill_area:
                fail(f"skill {skill} is not a skill in data/skills.yml", "skills", position)
            elif area_known and self.skill_area[skill] != entry.area:
                fail(f"skill {skill} belongs to area {self.skill_area[skill]}, not area {entry.area}",
                     "skills", position)
            listed.add(skill)
        count = len(entry.options)
        if not MIN_OPTIONS <= count <= MAX_OPTIONS:
            fail(f"has {count} options; give {MIN_OPTIONS} to {MAX_OPTIONS}", "options")
        texts: set[str] = set()
        for position, option in enumerate(entry.options):
            text = " ".join(option.text.split())
            if text.casefold() in texts:
                fail(f"text {text!r} repeats another option", "options", position,
                     who=f"{label}, option {position + 1}")
            texts.add(text.casefold())
        if entry.options and not any(o.correct for o in entry.options):
            fail("no option is marked correct: true", "options")
        doc = doc_problem(entry.doc, self.sites)
        if doc:
            fail(f"doc: {doc}", "doc")
        if entry.retired is not None and self.retirements is not None \
                and entry.retired not in self.retirements:
            fail(f"retired {entry.retired!r} is not an entry in data/{RETIREMENTS_FILE}", "retired")
        if len(self.problems.items) > before:
            return None
        return Question(
            id=entry.id, area=entry.area, skills=tuple(entry.skills), scenario=entry.scenario,
            prompt=" ".join(entry.prompt.split()),
            options=tuple(Option(text=" ".join(o.text.split()), correct=o.correct, why=o.why)
                          for o in entry.options),
            doc=entry.doc, explanation=entry.explanation, retired=entry.retired,
            line=self.line_of((index,)) or 0,
        )


def _question_label(item: object, index: int) -> str:
    if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"].strip():
        return f"question {item['id'].strip()}"
    return f"entry {index + 1}"


def doc_problem(url: str, sites: ReadingSites | None) -> str | None:
    """Why ``url`` cannot be a question's doc link, or None (``sites`` None: any host)."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return "must be an https:// address"
    if sites is not None and not sites.allows(parts.hostname, parts.path):
        return f"must point to {sites}"
    tracking = tracking_parameters(url)
    if tracking:
        return f"has the tracking parameter {tracking[0]!r}; remove it"
    return None


def load_retirement_ids(data_dir: Path) -> list[str] | None:
    """Ids in ``data/retirements.yml`` when that file exists and loads, else None (no check).

    The file's own loader reports its problems; here a broken file only skips the check, so
    validation does not report the same problem twice.
    """
    path = data_dir / RETIREMENTS_FILE
    if not path.exists():
        return None
    try:
        raw = load_data(path).data
    except DataError:
        return None
    entries = raw.get("retirements", raw) if isinstance(raw, dict) else raw
    if not isinstance(entries, list):
        return None
    return [str(e["id"]) for e in entries if isinstance(e, dict) and "id" in e]


# ---------- Rendering ----------


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in text.splitlines())


def answer_letters(question: Question) -> str:
    letters = [LETTERS[i] for i in question.correct]
    return letters[0] if len(letters) == 1 else ", ".join(letters[:-1]) + " and " + letters[-1]


def answer_markdown(question: Question) -> str:
    """The answer, why each option is right or wrong, the takeaway and the doc to read."""
    lines = [f"**Answer: {answer_letters(question)}.**", ""]
    for letter, option in zip(LETTERS, question.options, strict=False):
        verdict = "Right" if option.correct else "Wrong"
        why = markdown_inline(option.why)
        lines.append(f"- **{letter}** · {verdict}: {why}")
    lines.append("")
    if question.explanation:
        lines += [markdown_block(question.explanation), ""]
    lines.append(f"Read more: {md_link('the documentation for this question', question.doc)}")
    return "\n".join(lines)


RETIRED_NOTE = ("_This question is about a service that has since been retired; the exam's "
                "final outline still tested it._")


def question_markdown(question: Question, number: int, total: int, collapsed: bool = True) -> str:
    """One question: scenario, prompt, lettered options and, folded away, the answer."""
    prompt = f"**{md_code_text(question.prompt)}**"
    if question.choose:
        prompt += f" _{question.choose}_"
    options = "\n".join(f"1. {md_code_text(o.text)}" for o in question.options)
    parts = [
        (f'<div class="az-question" id="question-{attr(question.id)}" data-question="{attr(question.id)}" '
         f'data-area="{question.area}" markdown>'),
        "",
        f"Question {number} of {total}\n{{ .az-question__number }}",
        "",
    ]
    if question.retired:
        parts += [RETIRED_NOTE, ""]
    parts += [
        markdown_block(question.scenario),
        "",
        f"{prompt}\n{{ .az-question__prompt }}",
        "",
        '<div class="az-question__options" markdown>',
        "",
        options,
        "",
        "</div>",
        "",
        f'{"???" if collapsed else "???+"} success "Answer and explanation"',
        "",
        _indent(answer_markdown(question)),
        "",
        "</div>",
        "",
    ]
    return "\n".join(parts)


def questions_of_area(questions: Sequence[Question], area: int) -> list[Question]:
    return [q for q in questions if q.area == area]


def self_check(questions: Sequence[Question], area: Area) -> str:
    """The self-check on an area page: every question of the area, answers folded away."""
    own = questions_of_area(questions, area.number)
    if not own:
        return "_No practice question for this area yet._\n"
    intro = (
        "Answer each question, then open its answer to see why every option is right or wrong. "
        "With JavaScript on, the questions come one at a time and your answers count towards "
        "your readiness.\n"
    )
    body = "\n".join(question_markdown(q, n, len(own)) for n, q in enumerate(own, 1))
    # Out of the search index: the questions would crowd out the pages that teach the topic.
    return (f'<div class="az-self-check" data-area="{area.number}" data-search-exclude="true" markdown>'
            f"\n\n{intro}\n{body}\n</div>\n")


def question_bank(questions: Sequence[Question], areas: Sequence[Area]) -> str:
    """Every question by area: the mock exam page's content, readable without JavaScript."""
    parts = ['<div class="az-question-bank" data-glossary-skip="true" markdown>\n']
    for area in sorted(areas, key=lambda a: a.number):
        own = questions_of_area(questions, area.number)
        if not own:
            continue
        parts.append(f"## {area.number} · {md_text(area.short_name)} {{ #bank-area-{area.number} }}\n")
        parts.extend(question_markdown(q, n, len(own)) for n, q in enumerate(own, 1))
    parts.append("</div>\n")
    return "\n".join(parts)


def print_questions(questions: Sequence[Question], areas: Sequence[Area]) -> str:
    """The print edition's practice questions: each area's questions, then their answers."""
    parts = ["## Practice questions { #practice-questions }\n",
             ("Each area's questions are followed by their answers, so you can cover them while "
              "you test yourself.\n")]
    for area in sorted(areas, key=lambda a: a.number):
        own = questions_of_area(questions, area.number)
        if not own:
            continue
        parts.append(f"### Questions for area {area.number} {{ #print-questions-{area.number} }}\n")
        parts.append('<div class="az-print-questions" data-search-exclude="true" markdown>\n')
        for number, question in enumerate(own, 1):
            options = "\n".join(f"1. {md_code_text(o.text)}" for o in question.options)
            prompt = f"**{md_code_text(question.prompt)}**" + (f" _{question.choose}_" if question.choose else "")
            parts.append(f"**{number}.** {markdown_block(question.scenario)}\n\n{prompt}\n\n"
                         f'<div class="az-question__options" markdown>\n\n{options}\n\n</div>\n')
        parts.append("</div>\n")
        parts.append(f"#### Answers for area {area.number} {{ #print-answers-{area.number} }}\n")
        parts.append('<div class="az-print-answers" data-search-exclude="true" markdown>\n')
        for number, question in enumerate(own, 1):
            parts.append(f"**{number}.** " + answer_markdown(question) + "\n")
        parts.append("</div>\n")
    return "\n".join(parts)


def question_data(questions: Sequence[Question]) -> list[dict[str, object]]:
    """What the browser needs to mark answers and weigh readiness (the text is on the page)."""
    return [{"id": q.id, "area": q.area, "skills": list(q.skills), "correct": list(q.correct),
             "options": len(q.options)} for q in questions]
