"""The study path of a homework page: the plan, the official labs and the pitfalls.

Labs (``data/labs.yml``) and pitfalls (``data/pitfalls.yml``) are loaded and checked here
like the outline, and turned into Markdown by pure functions, so a contributor adds a lab or
a tip by editing one file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StrictInt, ValidationError

from .areas import Area, area_for_page
from .changelog_render import long_date
from .datafiles import file_signature, load_data, no_lines
from .errors import DataError, LineOf, Problems, validation_problems
from .guide import AREAS_FILE, SKILLS_FILE, Guide, load_guide
from .links import relative_link
from .outline import AreaOutline
from .retirements import RETIREMENTS_FILE, Retirements, load_retirements
from .rules import NonEmptyText, PlainText
from .safe import markdown_inline, md_link, md_text

LABS_FILE = "labs.yml"
PITFALLS_FILE = "pitfalls.yml"
MIN_TIPS = 4
MAX_TIPS = 8
# Wrappers, so the print stylesheet and tests can find the lists.
LABS_CLASS = "az-labs"
PITFALLS_CLASS = "az-pitfalls"
# What holds for any exam's official labs; what only this exam's labs assume is data/exam.yml's labs_note.
LABS_INTRO = (
    "The official course's hands-on labs that practise this area. Each one says what it covers, what "
    "you need before you start and what it costs while it runs: delete what a lab creates when you "
    "finish. The links point to one fixed version of the labs, the one the notes below describe."
)

# The sections of every homework page's study path, in order: (anchor, heading, what to do).
# The pages type the headings; the plan links to them and the build checks the anchors.
STUDY_STEPS: tuple[tuple[str, str, str], ...] = (
    ("learning-paths", "Learning paths",
     "Work through the learning-path modules first: they introduce each service with guided exercises."),
    ("skills-measured", "Skills measured",
     "Then take one skill group at a time: read its overview, then each skill's document, and tick "
     "the skill once you could explain it to a colleague."),
    ("official-labs", "Official labs",
     "Do the official labs in a subscription of your own, after checking what each needs and costs."),
    ("hands-on-exercise", "Hands-on exercise",
     "Build the exercise without step-by-step instructions; wherever you get stuck, go back to that skill."),
    ("pitfalls-and-exam-tips", "Pitfalls and exam tips",
     "Read the pitfalls: each is a fact that candidates often get wrong."),
    ("self-check", "Self-check",
     "Finish with the self-check, and revisit every skill behind a question you missed."),
)


class Lab(BaseModel):
    """One official hands-on lab, as a contributor writes it."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    number: StrictInt = Field(ge=1)
    title: PlainText = Field(min_length=1)
    url: HttpUrl
    areas: list[StrictInt] = Field(min_length=1)
    groups: list[PlainText] = Field(min_length=1)
    # Markdown fields, rendered by studyguide.safe.
    covers: PlainText = Field(min_length=1)
    needs: PlainText = Field(min_length=1)
    cost: PlainText = Field(min_length=1)
    retirements: list[str] = Field(default_factory=list)


class AreaTips(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    area: StrictInt
    tips: list[NonEmptyText]  # Markdown, rendered by studyguide.safe; the count is checked in parse_tips


@dataclass(frozen=True)
class StudyPath:
    labs: tuple[Lab, ...]
    tips: dict[int, tuple[str, ...]]
    retirements: Retirements

    def labs_of_area(self, area: int) -> list[Lab]:
        return [lab for lab in self.labs if area in lab.areas]


def lab_label(item: object, index: int) -> str:
    """``lab 05 (Title)`` as the page shows it; ``lab 'Title'`` without a valid number; else
    the lab's position (from 1)."""
    fields = item if isinstance(item, dict) else {}
    number, title = fields.get("number"), fields.get("title")
    shown = _shown_title(title) if isinstance(title, str) and title.strip() else None
    if isinstance(number, int) and not isinstance(number, bool):
        return f"lab {number:02d}" + (f" ({shown})" if shown else "")
    return f"lab {shown!r}" if shown else f"entry {index + 1}"


def _shown_title(title: str) -> str:
    """A title fit for a terminal: control characters as escapes, long titles cut."""
    text = title.strip() if title.isprintable() else title.strip().encode("unicode_escape").decode("ascii")
    return text if len(text) <= 80 else text[:77] + "..."


def load_labs(path: Path, outlines: Sequence[AreaOutline] | None, retirements: Retirements | None) -> tuple[Lab, ...]:
    loaded = load_data(path)
    return parse_labs(loaded.data, loaded.file, outlines, retirements, loaded.line)


def parse_labs(
    raw: object, file: str, outlines: Sequence[AreaOutline] | None, retirements: Retirements | None,
    line_of: LineOf = no_lines,
) -> tuple[Lab, ...]:
    """Every lab's fields, and the areas, groups and retirements it names (skipped when the
    file they come from is broken: ``None``). Every problem is reported at once."""
    if not isinstance(raw, list) or not raw:
        raise DataError(file, "file", "must be a non-empty list of labs", line_of(()))
    problems = Problems()
    labs: list[tuple[int, Lab]] = []
    for index, item in enumerate(raw):
        try:
            labs.append((index, Lab.model_validate(item)))
        except ValidationError as exc:
            problems.items += validation_problems(exc, file, raw, (index,), lab_label, line_of)
    seen: set[int] = set()
    for index, lab in labs:
        label = lab_label(raw[index], index)

        def fail(problem: str, at: tuple[str | int, ...], label: str = label, index: int = index) -> None:
            problems.add(file, label, problem, line_of((index, *at)))

        if lab.number in seen:
            fail("is listed more than once", ("number",))
        seen.add(lab.number)
        if outlines is not None:
            _check_lab_outline(lab, outlines, fail)
        if retirements is not None:
            for position, entry_id in enumerate(lab.retirements):
                if retirements.by_id(entry_id) is None:
                    fail(f"retirement {entry_id!r} is not an id in data/{RETIREMENTS_FILE}",
                         ("retirements", position))
    problems.check()
    return tuple(lab for _, lab in labs)


def _check_lab_outline(
    lab: Lab, outlines: Sequence[AreaOutline], fail: Callable[[str, tuple[str | int, ...]], None]
) -> None:
    """The lab's areas exist, and each of its groups is a group of one of its areas."""
    known = {o.area for o in outlines}
    group_area = {g.name: o.area for o in outlines for g in o.groups}
    for position, number in enumerate(lab.areas):
        if number not in known:
            fail(f"area {number} is not an area in data/{AREAS_FILE}", ("areas", position))
    for position, group in enumerate(lab.groups):
        if group not in group_area:
            fail(f"group {group!r} is not a skill group in data/{SKILLS_FILE}", ("groups", position))
        elif group_area[group] not in lab.areas:
            fail(f"group {group!r} belongs to area {group_area[group]}, which areas does not list",
                 ("groups", position))


def _tips_label(item: object, index: int) -> str:
    area = item.get("area") if isinstance(item, dict) else None
    return f"area {area}" if isinstance(area, int) and not isinstance(area, bool) else f"entry {index + 1}"


def load_tips(path: Path, areas: Sequence[Area]) -> dict[int, tuple[str, ...]]:
    loaded = load_data(path)
    return parse_tips(loaded.data, loaded.file, areas, loaded.line)


def parse_tips(
    raw: object, file: str, areas: Sequence[Area], line_of: LineOf = no_lines
) -> dict[int, tuple[str, ...]]:
    """Each area's tips (MIN_TIPS to MAX_TIPS, none empty), every area once; all problems at once."""
    if not isinstance(raw, list):
        raise DataError(file, "file", "must be a list of areas with their tips", line_of(()))
    known = {a.number for a in areas}
    problems = Problems()
    tips: dict[int, tuple[str, ...]] = {}
    for index, item in enumerate(raw):
        try:
            entry = AreaTips.model_validate(item)
        except ValidationError as exc:
            problems.items += validation_problems(exc, file, raw, (index,), _tips_label, line_of)
            continue
        if not MIN_TIPS <= len(entry.tips) <= MAX_TIPS:
            problems.add(file, f"area {entry.area}",
                         f"has {len(entry.tips)} tip{'' if len(entry.tips) == 1 else 's'}; "
                         f"each area needs {MIN_TIPS} to {MAX_TIPS}",
                         line_of((index, "tips")))
        if entry.area not in known:
            problems.add(file, f"area {entry.area}", f"is not an area in data/{AREAS_FILE}", line_of((index, "area")))
        elif entry.area in tips:
            problems.add(file, f"area {entry.area}", "is listed more than once", line_of((index, "area")))
        else:
            tips[entry.area] = tuple(entry.tips)
    if not problems:
        for number in sorted(known - tips.keys()):
            problems.add(file, f"area {number}", f"has no tips (each area needs {MIN_TIPS} to {MAX_TIPS})")
    problems.check()
    return tips


def load_study_path(data_dir: Path) -> StudyPath:
    """Labs, tips and retirements, checked against the outline; read once per change."""
    names = (AREAS_FILE, SKILLS_FILE, RETIREMENTS_FILE, LABS_FILE, PITFALLS_FILE)
    return _load_study_path(data_dir, file_signature(data_dir, names))


@lru_cache(maxsize=4)
def _load_study_path(data_dir: Path, signature: tuple[tuple[str, int, int], ...]) -> StudyPath:
    guide = load_guide(data_dir)
    retirements = load_retirements(data_dir / RETIREMENTS_FILE)
    labs = load_labs(data_dir / LABS_FILE, guide.outlines, retirements)
    tips = load_tips(data_dir / PITFALLS_FILE, guide.areas)
    return StudyPath(labs=labs, tips=tips, retirements=retirements)


def study_plan() -> str:
    """The numbered plan at the top of a homework page, linking each step to its section."""
    lines = [f"{n}. **[{title}](#{anchor})**: {what}" for n, (anchor, title, what) in enumerate(STUDY_STEPS, 1)]
    return "\n".join(lines) + "\n"


def _retired_parts(lab: Lab, retirements: Retirements) -> str:
    parts = []
    for entry_id in lab.retirements:
        entry = retirements.by_id(entry_id)
        if entry is None:  # parse_labs has checked every id
            continue
        verb = "retired" if entry.change == "retired" else "renamed"
        text = f"{md_text(entry.what)} ({verb} on {long_date(entry.date)})"
        if entry.successor:
            text += f"; {'now' if entry.change == 'renamed' else 'successor'}: {md_text(entry.successor)}"
        parts.append(text)
    return "; ".join(parts)


def labs_list(
    study: StudyPath, area: Area, areas: Sequence[Area], outlines: Sequence[AreaOutline], page: str,
    note: str = "",
) -> str:
    """The area's official labs: what each covers, the groups it practises, needs, cost, retired parts;
    ``note`` (Markdown, data/exam.yml's labs_note) follows the introduction."""
    labs = study.labs_of_area(area.number)
    if not labs:
        return "_No official lab covers this area._\n"
    group_area = {g.name: (o.area, g.anchor) for o in outlines for g in o.groups}
    pages = {a.number: a.page for a in areas}
    items = []
    for lab in sorted(labs, key=lambda lab: lab.number):
        groups = ", ".join(
            md_link(name, relative_link(page, pages[group_area[name][0]], group_area[name][1]))
            for name in lab.groups
        )
        # Markdown fields inline: no paragraph of data can leave its list item.
        lines = [
            f"- **{md_link(f'Lab {lab.number:02d}: {lab.title}', str(lab.url))}**  ",
            f"    {markdown_inline(lab.covers)}",
            "",
            f"    **Practises:** {groups}  ",
            f"    **You need:** {markdown_inline(lab.needs)}  ",
            f"    **Cost:** {markdown_inline(lab.cost)}",
        ]
        retired = _retired_parts(lab, study.retirements)
        if retired:
            lines[-1] += "  "
            lines.append(f"    **No longer works as written:** {retired}")
        items.append("\n".join(lines))
    body = "\n\n".join(items)
    intro = f"{LABS_INTRO} {markdown_inline(note)}" if note else LABS_INTRO
    return f'{intro}\n\n<div class="{LABS_CLASS}" markdown="1">\n\n{body}\n\n</div>\n'


def pitfalls_list(study: StudyPath, area: int) -> str:
    """The area's tips as a numbered list."""
    items = "\n".join(f"{n}. {markdown_inline(tip)}" for n, tip in enumerate(study.tips[area], 1))
    return f'<div class="{PITFALLS_CLASS}" markdown="1">\n\n{items}\n\n</div>\n'


def renderers(study: StudyPath, guide: Guide, page: str) -> dict[str, Callable[[], str]]:
    """What the study-path markers become on ``page``; other pages have none."""
    area = area_for_page(guide.areas, page)
    if area is None:
        return {}
    return {
        "study-plan": study_plan,
        "labs": lambda: labs_list(study, area, guide.areas, guide.outlines, page),
        "pitfalls": lambda: pitfalls_list(study, area.number),
    }
