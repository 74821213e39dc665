"""Practice questions (``data/questions.yml``): loaded, checked and rendered as Markdown.

Every problem in the file is collected and reported at once, each with its line and the
question's id. The Markdown fields (scenario, why, explanation) may hold emphasis, code and
``https:`` links only: raw HTML, attribute lists and other link schemes are refused here, and
``<``/``>`` are escaped again when rendered, so nothing from the file can put markup on a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .areas import Area
from .datafiles import DATA_DIR, compose_yaml, display_name, read_yaml
from .errors import DataError
from .outline import SKILL_ID_PATTERN, AreaOutline
from .urllint import tracking_parameters

QUESTIONS_FILE = "questions.yml"
MIN_OPTIONS, MAX_OPTIONS = 3, 5
QUESTION_KEYS = frozenset({"id", "area", "skills", "scenario", "prompt", "options", "explanation",
                           "doc", "retired"})
REQUIRED_KEYS = ("id", "area", "skills", "scenario", "prompt", "options", "doc")
OPTION_KEYS = frozenset({"text", "correct", "why"})
ID = re.compile(SKILL_ID_PATTERN)
# Where a question may send the learner to read: Microsoft's docs and Azure's own GitHub.
DOC_HOSTS = frozenset({"learn.microsoft.com", "azure.microsoft.com"})
GITHUB_OWNER = "/Azure/"
LETTERS = "ABCDE"
COUNT_WORDS = {2: "two", 3: "three", 4: "four", 5: "five"}

CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
HTML_TAG = re.compile(r"<[A-Za-z/!?]")
LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
REFERENCE_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(\S+)", re.MULTILINE)
ATTR_LIST = re.compile(r"\{\s*[:.#]|\{\s*[A-Za-z-]+\s*=")
# Markdown's backslash-escapable characters, for plain-text fields.
MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


@dataclass(frozen=True)
class Option:
    text: str  # plain text; backtick code spans allowed
    correct: bool
    why: str  # restricted Markdown


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


@dataclass(frozen=True)
class Problem:
    line: int
    entry: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.entry}: {self.message}"


class QuestionsError(DataError):
    """Every problem of the questions file, one per line of the message."""

    def __init__(self, file: str, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        first = self.problems[0]
        if len(self.problems) == 1:
            super().__init__(f"{file}:{first.line}", first.entry, first.message)
        else:
            listed = "\n".join(f"  {file}:{p.line}: {p.entry}: {p.message}" for p in self.problems)
            super().__init__(file, f"{len(self.problems)} problems", "\n" + listed)


# ---------- Loading ----------


def load_questions(data_dir: Path, areas: Sequence[Area], outlines: Sequence[AreaOutline],
                   retirements: Iterable[str] | None = None) -> tuple[Question, ...]:
    """The checked questions, read once per change of the file (``mkdocs serve`` rebuilds)."""
    path = data_dir / QUESTIONS_FILE
    try:
        st = path.stat()
        signature = (st.st_mtime_ns, st.st_size)
    except OSError:
        signature = (-1, -1)
    retired = tuple(sorted(retirements)) if retirements is not None else None
    numbers = tuple(sorted(a.number for a in areas))
    skills = tuple(sorted((s.id, o.area) for o in outlines for s in o.skills))
    return _load_cached(path, signature, numbers, skills, retired)


@lru_cache(maxsize=4)
def _load_cached(path: Path, signature: tuple[int, int], areas: tuple[int, ...],
                 skills: tuple[tuple[str, int], ...],
                 retirements: tuple[str, ...] | None) -> tuple[Question, ...]:
    file = display_name(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(file, "file", f"cannot be read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise DataError(f"{file}:{line}", "file", "is not UTF-8 text") from exc
    return parse_questions(text, file, areas, skills, retirements)


def parse_questions(text: str, file: str, areas: Iterable[int],
                    skills: Iterable[tuple[str, int]],
                    retirements: Iterable[str] | None = None) -> tuple[Question, ...]:
    """Check the whole file against the area numbers and (skill id, area) pairs.

    Raises one QuestionsError listing every problem found.
    """
    root = compose_yaml(text, file)
    if not isinstance(root, yaml.SequenceNode) or not root.value:
        line = root.start_mark.line + 1 if root is not None else 1
        raise QuestionsError(file, [Problem(line, "file", "must be a non-empty list of questions")])
    checker = _Checker(areas, skills, retirements)
    questions = [q for q in (checker.question(node, n) for n, node in enumerate(root.value, 1)) if q]
    if checker.problems:
        raise QuestionsError(file, checker.problems)
    return tuple(questions)


class _Checker:
    def __init__(self, areas: Iterable[int], skills: Iterable[tuple[str, int]],
                 retirements: Iterable[str] | None) -> None:
        self.areas = set(areas)
        self.skill_area = dict(skills)
        self.retirements = set(retirements) if retirements is not None else None
        self.problems: list[Problem] = []
        self.seen: dict[str, int] = {}

    def fail(self, node: yaml.Node, entry: str, message: str) -> None:
        self.problems.append(Problem(node.start_mark.line + 1, entry, message))

    def question(self, node: yaml.Node, number: int) -> Question | None:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"entry {number}", "must be a mapping with id, area, skills, …")
            return None
        raw_id = next((_scalar(v) for k, v in node.value if _scalar(k) == "id"), None)
        entry = f"question {raw_id}" if raw_id else f"entry {number}"
        fields = self._mapping(node, entry, QUESTION_KEYS)
        before = len(self.problems)
        for key in REQUIRED_KEYS:
            if key not in fields:
                self.fail(node, entry, f"{key} is missing")
        qid = self._id(fields.get("id"), entry)
        area = self._area(fields.get("area"), entry)
        skills = self._skills(fields.get("skills"), entry, area)
        scenario = self._markdown(fields.get("scenario"), entry, "scenario")
        prompt = self._plain(fields.get("prompt"), entry, "prompt")
        options = self._options(fields.get("options"), entry)
        explanation = self._markdown(fields.get("explanation"), entry, "explanation", required=False)
        doc = self._doc(fields.get("doc"), entry)
        retired = self._retired(fields.get("retired"), entry)
        if len(self.problems) > before:
            return None
        return Question(id=qid or "", area=area or 0, skills=tuple(skills), scenario=scenario or "",
                        prompt=prompt or "", options=tuple(options), doc=doc or "",
                        explanation=explanation or "", retired=retired,
                        line=node.start_mark.line + 1)

    def _mapping(self, node: yaml.MappingNode, entry: str, allowed: frozenset[str]) -> dict[str, yaml.Node]:
        fields: dict[str, yaml.Node] = {}
        for key_node, value in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or key not in allowed:
                self.fail(key_node, entry, f"unknown field {key!r} (allowed: {', '.join(sorted(allowed))})")
            elif key in fields:
                self.fail(key_node, entry, f"field {key!r} is given twice")
            else:
                fields[key] = value
        return fields

    def _text(self, node: yaml.Node | None, entry: str, field: str, required: bool = True) -> str | None:
        if node is None:
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            self.fail(node, entry, f"{field} must be text")
            return None
        value = " ".join(node.value.split()) if field in ("prompt", "text") else node.value.strip()
        if required and not value:
            self.fail(node, entry, f"{field} is empty")
            return None
        return value

    def _id(self, node: yaml.Node | None, entry: str) -> str | None:
        value = self._text(node, entry, "id")
        if value is None or node is None:
            return None
        if not ID.match(value):
            self.fail(node, entry, "id must be lowercase words joined by hyphens (a-z, 0-9, -)")
            return None
        if value in self.seen:
            self.fail(node, entry, f"id is already used by the question on line {self.seen[value]}")
            return None
        self.seen[value] = node.start_mark.line + 1
        return value

    def _area(self, node: yaml.Node | None, entry: str) -> int | None:
        if node is None:
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:int":
            self.fail(node, entry, "area must be a whole number")
            return None
        number = int(node.value)
        if number not in self.areas:
            self.fail(node, entry, f"area {number} is not an area in data/areas.yml")
            return None
        return number

    def _skills(self, node: yaml.Node | None, entry: str, area: int | None) -> list[str]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.fail(node, entry, "skills must be a list of one or more skill ids")
            return []
        skills: list[str] = []
        for item in node.value:
            skill = self._text(item, entry, "skill id")
            if skill is None:
                continue
            if skill in skills:
                self.fail(item, entry, f"skill {skill} is listed twice")
            elif skill not in self.skill_area:
                self.fail(item, entry, f"skill {skill} is not a skill in data/skills.yml")
            elif area is not None and self.skill_area[skill] != area:
                self.fail(item, entry, f"skill {skill} belongs to area {self.skill_area[skill]}, "
                                       f"not area {area}")
            else:
                skills.append(skill)
        return skills

    def _markdown(self, node: yaml.Node | None, entry: str, field: str,
                  required: bool = True) -> str | None:
        value = self._text(node, entry, field, required)
        if value is None or node is None:
            return None
        for message in markdown_problems(value):
            self.fail(node, entry, f"{field} {message}")
        return value

    def _plain(self, node: yaml.Node | None, entry: str, field: str) -> str | None:
        value = self._text(node, entry, field)
        if value is not None and node is not None and HTML_TAG.search(_without_code(value)):
            self.fail(node, entry, f"{field} is plain text: HTML is not allowed")
        return value

    def _options(self, node: yaml.Node | None, entry: str) -> list[Option]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, entry, "options must be a list")
            return []
        if not MIN_OPTIONS <= len(node.value) <= MAX_OPTIONS:
            self.fail(node, entry, f"has {len(node.value)} options; give {MIN_OPTIONS} to {MAX_OPTIONS}")
        options: list[Option] = []
        texts: set[str] = set()
        for number, item in enumerate(node.value, 1):
            where = f"{entry}: option {number}"
            if not isinstance(item, yaml.MappingNode):
                self.fail(item, where, "must be a mapping with text, correct and why")
                continue
            fields = self._mapping(item, where, OPTION_KEYS)
            for key in sorted(OPTION_KEYS):
                if key not in fields:
                    self.fail(item, where, f"{key} is missing")
            text = self._plain(fields.get("text"), where, "text")
            correct = self._bool(fields.get("correct"), where)
            why = self._markdown(fields.get("why"), where, "why")
            if text is not None and text.casefold() in texts:
                self.fail(item, where, f"text {text!r} repeats another option")
            if text is None or correct is None or why is None:
                continue
            texts.add(text.casefold())
            options.append(Option(text=text, correct=correct, why=why))
        if len(options) == len(node.value) and options and not any(o.correct for o in options):
            self.fail(node, entry, "no option is marked correct: true")
        return options

    def _bool(self, node: yaml.Node | None, entry: str) -> bool | None:
        if node is None:
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
            self.fail(node, entry, "correct must be true or false")
            return None
        return node.value.lower() in ("true", "yes", "on")

    def _doc(self, node: yaml.Node | None, entry: str) -> str | None:
        value = self._text(node, entry, "doc")
        if value is None or node is None:
            return None
        problem = doc_problem(value)
        if problem:
            self.fail(node, entry, f"doc {problem}")
            return None
        return value

    def _retired(self, node: yaml.Node | None, entry: str) -> str | None:
        value = self._text(node, entry, "retired")
        if value is None or node is None:
            return None
        if not ID.match(value):
            self.fail(node, entry, "retired must be the id of a retirement (lowercase, hyphens)")
            return None
        if self.retirements is not None and value not in self.retirements:
            self.fail(node, entry, f"retired {value!r} is not an entry in data/retirements.yml")
            return None
        return value


def _scalar(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) and node.value else None


def _without_code(text: str) -> str:
    return CODE_SPAN.sub("", text)


def markdown_problems(text: str) -> list[str]:
    """What a Markdown field may not contain: HTML, attribute lists, non-https links."""
    prose = _without_code(text)
    problems = []
    if HTML_TAG.search(prose):
        problems.append("contains HTML; write Markdown only")
    if ATTR_LIST.search(prose):
        problems.append("contains an attribute list ({: …}); these are not allowed")
    for target in [*LINK_TARGET.findall(prose), *REFERENCE_DEF.findall(prose)]:
        if not target.startswith("https://"):
            problems.append(f"links to {target!r}; links must start with https://")
    return problems


def doc_problem(url: str) -> str | None:
    """Why ``url`` cannot be a question's doc link, or None."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return "must be an https:// address"
    github = parts.hostname == "github.com" and parts.path.startswith(GITHUB_OWNER)
    if parts.hostname not in DOC_HOSTS and not github:
        return "must point to learn.microsoft.com, azure.microsoft.com or github.com/Azure"
    tracking = tracking_parameters(url)
    if tracking:
        return f"has the tracking parameter {tracking[0]!r}; remove it"
    return None


def load_retirement_ids(data_dir: Path = DATA_DIR) -> list[str] | None:
    """Ids in ``data/retirements.yml`` when that file exists (it is optional for now)."""
    path = data_dir / "retirements.yml"
    if not path.exists():
        return None
    raw = read_yaml(path)
    entries = raw.get("retirements", raw) if isinstance(raw, dict) else raw
    if not isinstance(entries, list):
        return None
    return [str(e["id"]) for e in entries if isinstance(e, dict) and "id" in e]


# ---------- Rendering ----------


def escape_plain(text: str) -> str:
    """Plain text for inline Markdown: code spans kept, everything else literal."""
    parts = []
    last = 0
    for span in CODE_SPAN.finditer(text):
        parts.append(_escape_inline(text[last:span.start()]))
        parts.append(span.group(0))
        last = span.end()
    parts.append(_escape_inline(text[last:]))
    return "".join(parts)


def _escape_inline(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def escape_markdown(text: str) -> str:
    """A checked Markdown field: ``<`` and ``>`` escaped outside code spans, once more."""
    parts = []
    last = 0
    for span in CODE_SPAN.finditer(text):
        parts.append(text[last:span.start()].replace("<", "&lt;").replace(">", "&gt;"))
        parts.append(span.group(0))
        last = span.end()
    parts.append(text[last:].replace("<", "&lt;").replace(">", "&gt;"))
    return "".join(parts)


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
        why = " ".join(escape_markdown(option.why).split())
        lines.append(f"- **{letter}** · {verdict}: {why}")
    lines.append("")
    if question.explanation:
        lines += [escape_markdown(question.explanation), ""]
    lines.append(f"Read more: [the documentation for this question]({question.doc})")
    return "\n".join(lines)


RETIRED_NOTE = ("_This question is about a service that has since been retired; the exam's "
                "final outline still tested it._")


def question_markdown(question: Question, number: int, total: int, collapsed: bool = True) -> str:
    """One question: scenario, prompt, lettered options and, folded away, the answer."""
    prompt = f"**{escape_plain(question.prompt)}**"
    if question.choose:
        prompt += f" _{question.choose}_"
    options = "\n".join(f"1. {escape_plain(o.text)}" for o in question.options)
    parts = [
        (f'<div class="az-question" id="question-{question.id}" data-question="{question.id}" '
         f'data-area="{question.area}" markdown>'),
        "",
        f"Question {number} of {total}\n{{ .az-question__number }}",
        "",
    ]
    if question.retired:
        parts += [RETIRED_NOTE, ""]
    parts += [
        escape_markdown(question.scenario),
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
        parts.append(f"## {area.number} · {escape_plain(area.short_name)} {{ #bank-area-{area.number} }}\n")
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
            options = "\n".join(f"1. {escape_plain(o.text)}" for o in question.options)
            prompt = f"**{escape_plain(question.prompt)}**" + (f" _{question.choose}_" if question.choose else "")
            parts.append(f"**{number}.** {escape_markdown(question.scenario)}\n\n{prompt}\n\n"
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
