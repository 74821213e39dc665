"""The study path of a homework page: the plan, the official labs and the pitfalls.

Labs (``data/labs.yml``) and pitfalls (``data/pitfalls.yml``) are loaded and checked here
like the outline, and turned into Markdown by pure functions, so a contributor adds a lab or
a tip by editing one file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError

from .areas import Area, area_for_page
from .changelog_render import long_date
from .datafiles import DATA_DIR, display_name, read_yaml
from .errors import DataError, describe_validation_error
from .glossary_render import escape_definition
from .guide import AREAS_FILE, SKILLS_FILE, Guide, load_guide
from .links import escape_link_text, relative_link
from .outline import AreaOutline
from .retirements import RETIREMENTS_FILE, Retirements, file_signature, load_retirements

LABS_FILE = "labs.yml"
PITFALLS_FILE = "pitfalls.yml"
MIN_TIPS = 4
MAX_TIPS = 8
# Wrappers, so the print stylesheet and tests can find the lists.
LABS_CLASS = "az-labs"
PITFALLS_CLASS = "az-pitfalls"
LABS_INTRO = (
    "Microsoft's instructor-led AZ-220 course came with numbered labs on GitHub. They assume a classroom "
    "subscription without restrictions, so a locked-down company subscription can make steps fail, and "
    "every lab creates resources that cost money until you delete them. The links point to the labs as "
    "they stood in June 2021, which is what the notes below describe.\n"
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

    number: int = Field(ge=1)
    title: str = Field(min_length=1)
    url: HttpUrl
    areas: list[int] = Field(min_length=1)
    groups: list[str] = Field(min_length=1)
    covers: str = Field(min_length=1)
    needs: str = Field(min_length=1)
    cost: str = Field(min_length=1)
    retirements: list[str] = Field(default_factory=list)


class AreaTips(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    area: int
    tips: list[str] = Field(min_length=MIN_TIPS, max_length=MAX_TIPS)


@dataclass(frozen=True)
class StudyPath:
    labs: tuple[Lab, ...]
    tips: dict[int, tuple[str, ...]]
    retirements: Retirements

    def labs_of_area(self, area: int) -> list[Lab]:
        return [lab for lab in self.labs if area in lab.areas]


def parse_labs(
    raw: object, file: str, outlines: Sequence[AreaOutline], retirements: Retirements
) -> tuple[Lab, ...]:
    if not isinstance(raw, list) or not raw:
        raise DataError(file, "file", "must be a non-empty list of labs")
    group_area = {g.name: o.area for o in outlines for g in o.groups}
    labs = []
    for index, item in enumerate(raw, start=1):
        label = f"lab {item['number']}" if isinstance(item, dict) and "number" in item else f"entry {index}"
        try:
            lab = Lab.model_validate(item)
        except ValidationError as exc:
            raise DataError(file, label, describe_validation_error(exc)) from exc
        for number in lab.areas:
            if number not in {o.area for o in outlines}:
                raise DataError(file, label, f"area {number} is not an area in data/{AREAS_FILE}")
        for group in lab.groups:
            if group not in group_area:
                raise DataError(file, label, f"group {group!r} is not a skill group in data/{SKILLS_FILE}")
            if group_area[group] not in lab.areas:
                raise DataError(
                    file, label, f"group {group!r} belongs to area {group_area[group]}, which areas does not list"
                )
        for entry_id in lab.retirements:
            if retirements.by_id(entry_id) is None:
                raise DataError(file, label, f"retirement {entry_id!r} is not an id in data/{RETIREMENTS_FILE}")
        labs.append(lab)
    for number, count in Counter(lab.number for lab in labs).items():
        if count > 1:
            raise DataError(file, f"lab {number}", "is listed more than once")
    return tuple(labs)


def parse_tips(raw: object, file: str, areas: Sequence[Area]) -> dict[int, tuple[str, ...]]:
    if not isinstance(raw, list):
        raise DataError(file, "file", "must be a list of areas with their tips")
    known = {a.number for a in areas}
    tips: dict[int, tuple[str, ...]] = {}
    for index, item in enumerate(raw, start=1):
        label = f"area {item['area']}" if isinstance(item, dict) and "area" in item else f"entry {index}"
        try:
            entry = AreaTips.model_validate(item)
        except ValidationError as exc:
            raise DataError(file, label, describe_validation_error(exc)) from exc
        if entry.area not in known:
            raise DataError(file, label, f"is not an area in data/{AREAS_FILE}")
        if entry.area in tips:
            raise DataError(file, label, "is listed more than once")
        if any(not tip for tip in entry.tips):
            raise DataError(file, label, "has an empty tip")
        tips[entry.area] = tuple(entry.tips)
    for number in sorted(known - tips.keys()):
        raise DataError(file, f"area {number}", f"has no tips (each area needs {MIN_TIPS} to {MAX_TIPS})")
    return tips


def load_study_path(data_dir: Path = DATA_DIR) -> StudyPath:
    """Labs, tips and retirements, checked against the outline; read once per change."""
    names = (AREAS_FILE, SKILLS_FILE, RETIREMENTS_FILE, LABS_FILE, PITFALLS_FILE)
    return _load_study_path(data_dir, file_signature(data_dir, names))


@lru_cache(maxsize=4)
def _load_study_path(data_dir: Path, signature: tuple[tuple[str, int, int], ...]) -> StudyPath:
    guide = load_guide(data_dir)
    retirements = load_retirements(data_dir / RETIREMENTS_FILE)
    labs_path, tips_path = data_dir / LABS_FILE, data_dir / PITFALLS_FILE
    labs = parse_labs(read_yaml(labs_path), display_name(labs_path), guide.outlines, retirements)
    tips = parse_tips(read_yaml(tips_path), display_name(tips_path), guide.areas)
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
        text = f"{escape_link_text(entry.what)} ({verb} on {long_date(entry.date)})"
        if entry.successor:
            text += f"; {'now' if entry.change == 'renamed' else 'successor'}: {escape_link_text(entry.successor)}"
        parts.append(text)
    return "; ".join(parts)


def labs_list(
    study: StudyPath, area: Area, areas: Sequence[Area], outlines: Sequence[AreaOutline], page: str
) -> str:
    """The area's official labs: what each covers, the groups it practises, needs, cost, retired parts."""
    labs = study.labs_of_area(area.number)
    if not labs:
        return "_No official lab covers this area._\n"
    group_area = {g.name: (o.area, g.anchor) for o in outlines for g in o.groups}
    pages = {a.number: a.page for a in areas}
    items = []
    for lab in sorted(labs, key=lambda lab: lab.number):
        groups = ", ".join(
            f"[{escape_link_text(name)}]({relative_link(page, pages[group_area[name][0]], group_area[name][1])})"
            for name in lab.groups
        )
        lines = [
            f"- **[Lab {lab.number:02d}: {escape_link_text(lab.title)}]({lab.url})**  ",
            f"    {escape_definition(lab.covers)}",
            "",
            f"    **Practises:** {groups}  ",
            f"    **You need:** {escape_definition(lab.needs)}  ",
            f"    **Cost:** {escape_definition(lab.cost)}",
        ]
        retired = _retired_parts(lab, study.retirements)
        if retired:
            lines[-1] += "  "
            lines.append(f"    **No longer works as written:** {retired}")
        items.append("\n".join(lines))
    body = "\n\n".join(items)
    return f'{LABS_INTRO}\n<div class="{LABS_CLASS}" markdown="1">\n\n{body}\n\n</div>\n'



def pitfalls_list(study: StudyPath, area: int) -> str:
    """The area's tips as a numbered list."""
    items = "\n".join(f"{n}. {escape_definition(tip)}" for n, tip in enumerate(study.tips[area], 1))
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
