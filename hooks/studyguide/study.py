"""Data for the client-side study tools and the one-page print edition of the guide.

The browser code (``docs/javascripts/study-tools.js``) reads everything it needs,
weights included, from the JSON built here, so no fact is typed twice.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import render
from .areas import Area
from .exam import load_exam
from .flashcards import card_data
from .glossary import load_glossary
from .guide import Guide
from .links import relative_link
from .markers import MARKER
from .outline import AreaOutline, LearningPath, SkillGroup
from .pages import split_front_matter
from .questions import question_data
from .safe import json_text, md_text

# Where the study data is published in the site; the script loads it from next to itself.
STUDY_DATA_URI = "javascripts/study-outline.json"
PRINT_PAGE = "print.md"
# Bump when the JSON's shape changes in a way the script must know about.
STUDY_DATA_SCHEMA = 1
VERSION_LENGTH = 12


def outline_version(outlines: Sequence[AreaOutline]) -> str:
    """A short hash of the sorted skill ids: the same set in any order gives the same version.

    Saved progress is keyed by it, so renaming or reordering skills keeps progress,
    and adding or removing a skill is noticed.
    """
    ids = sorted(skill.id for outline in outlines for skill in outline.skills)
    digest = hashlib.sha256("\n".join(ids).encode("utf-8")).hexdigest()
    return digest[:VERSION_LENGTH]


@dataclass(frozen=True)
class LearnerData:
    """What the self-check, flashcards and readiness need besides the outline."""

    prefix: str
    pages: dict[int, str]  # area number -> the area page's URL from the site root
    questions: list[dict[str, object]] = field(default_factory=list)
    cards: list[dict[str, object]] = field(default_factory=list)
    # The exam's code and name (data/exam.yml), for the script's messages and file names.
    exam_code: str = ""
    exam_name: str = ""


def build_learner_data(guide: Guide, use_directory_urls: bool = True) -> LearnerData:
    """The storage prefix, area pages, questions and cards of the build, from data/."""
    exam = load_exam(guide.data_dir)
    return LearnerData(
        prefix=exam.storage_prefix,
        exam_code=exam.code,
        exam_name=exam.name,
        pages={a.number: page_url(a.page, use_directory_urls) for a in guide.areas},
        questions=question_data(guide.questions()),
        cards=card_data(load_glossary(guide.data_dir)),
    )


def page_url(src: str, use_directory_urls: bool = True) -> str:
    """``areas/01-x.md`` -> ``areas/01-x/`` (or ``areas/01-x.html``), as MkDocs publishes it."""
    stem = src.removesuffix(".md")
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def learner_data(data: LearnerData, outlines: Sequence[AreaOutline]) -> dict[str, Any]:
    groups = [
        {"area": o.area, "name": g.name, "anchor": g.anchor, "skills": [s.id for s in g.skills]}
        for o in sorted(outlines, key=lambda o: o.area) for g in o.groups
    ]
    return {
        "prefix": data.prefix,
        "exam": {"code": data.exam_code, "name": data.exam_name},
        "pages": {str(n): url for n, url in sorted(data.pages.items())},
        "groups": groups,
        "questions": data.questions,
        "cards": data.cards,
    }


def study_data(areas: Sequence[Area], outlines: Sequence[AreaOutline],
               learner: LearnerData | None = None) -> dict[str, Any]:
    """Areas with weights and skill ids, in area order, plus the outline version.

    With ``learner``: also the storage prefix, skill groups, questions and cards.
    """
    by_area = {o.area: o for o in outlines}
    extra = learner_data(learner, outlines) if learner is not None else {}
    return extra | {
        "schema": STUDY_DATA_SCHEMA,
        "version": outline_version(outlines),
        "areas": [
            {
                "number": area.number,
                "name": area.name,
                "short_name": area.short_name,
                "weight": {"min": area.weight.min, "max": area.weight.max,
                           "midpoint": area.weight.midpoint},
                "skills": [{"id": s.id, "name": s.name} for s in by_area[area.number].skills],
            }
            for area in sorted(areas, key=lambda a: a.number)
        ],
    }


def study_data_json(areas: Sequence[Area], outlines: Sequence[AreaOutline],
                    learner: LearnerData | None = None) -> str:
    return json_text(study_data(areas, outlines, learner)) + "\n"


def print_area_anchor(area: Area) -> str:
    return f"area-{area.number}"


_HEADING = re.compile(r"^#{1,6}\s", re.MULTILINE)
# The study path's first section on every area page (studyguide.study_path renders the rest).
START_HERE_TITLE = "Start here"
_START_HERE = re.compile(rf"^## {START_HERE_TITLE}\b[^\n]*\n", re.MULTILINE)
# An inline link's target ``](target`` and a reference definition ``[id]: target``.
_INLINE_TARGET = re.compile(r"(\]\()(<?)([^)\s>]+)")
_REFERENCE_TARGET = re.compile(r"^( {0,3}\[[^\]]+\]:[ \t]*)(<?)(\S+?)(?=>|\s|$)", re.MULTILINE)


def area_intro(markdown: str, area_page: str) -> str:
    """An area page's own prose for the print page: the introduction above its first heading,
    then the study advice under its "Start here" heading, as a "**Start here:**" paragraph.

    Markers are dropped (they belong to the area page) and relative links are rewritten to
    work from the print page.
    """
    text = MARKER.sub("", split_front_matter(markdown)[1])
    heading = _HEADING.search(text)
    intro = text[: heading.start()] if heading else text
    start = _START_HERE.search(text)
    if start:
        rest = text[start.end():]
        following = _HEADING.search(rest)
        advice = (rest[: following.start()] if following else rest).strip()
        if advice:
            intro = f"{intro.strip()}\n\n**{START_HERE_TITLE}:** {advice}"

    def rebase(match: re.Match[str]) -> str:
        return match.group(1) + match.group(2) + _rebase_target(match.group(3), area_page)

    intro = _INLINE_TARGET.sub(rebase, intro)
    intro = _REFERENCE_TARGET.sub(rebase, intro)
    intro = intro.strip()
    return intro + "\n" if intro else ""


def _rebase_target(target: str, area_page: str) -> str:
    if "://" in target or target.startswith(("/", "mailto:")):
        return target
    path, _, anchor = target.partition("#")
    if not path:
        return relative_link(PRINT_PAGE, area_page, anchor) if anchor else target
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(area_page), path))
    return relative_link(PRINT_PAGE, resolved, anchor)


def print_page(
    areas: Sequence[Area],
    outlines: Sequence[AreaOutline],
    paths: Sequence[LearningPath],
    group_notes: Callable[[SkillGroup], str] | None = None,
    *,
    intros: Mapping[int, str] | None = None,
    key_concepts: Callable[[int], str] | None = None,
) -> str:
    """The whole outline on one page for printing, kept out of the search index.

    The exam's status and the outline's date first (the changelog hook expands the marker),
    then the weights, then every area: its introduction and study advice (``intros``, from
    ``area_intro``), skills, learning paths and key concepts. Built from the same render
    functions as the home and homework pages.
    """
    by_area = {o.area: o for o in outlines}
    ordered = sorted(areas, key=lambda a: a.number)
    parts = [
        "# The whole guide on one page\n",
        ("Every skill area with its weight, introduction, study advice, skills, learning paths and "
         "key concepts, on one page to print or to save as a PDF (use your browser's print "
         "command). Links print with their addresses, and the boxes you ticked on the homework "
         "pages print ticked.\n"),
        "<!-- guide:outline-status -->\n",
        "## Skills measured\n",
        render.skills_table(areas, outlines, PRINT_PAGE),
        "",
    ]
    for area in ordered:
        outline = by_area[area.number]
        parts.append(f"## {area.number} · {md_text(area.name)} {{ #{print_area_anchor(area)} .az-print-area }}\n")
        parts.append(
            f"**{area.weight.label()}** of the exam · {render.size_phrase(outline)}\n"
        )
        intro = (intros or {}).get(area.number, "")
        if intro:
            parts.append(intro)
        parts.append(render.skills_list(outline, group_notes))
        parts.append(f"### Learning paths for area {area.number}\n")
        parts.append(render.learning_paths_list(paths, area.number))
        if key_concepts is not None:
            parts.append(f"### Key concepts for area {area.number}\n")
            parts.append(key_concepts(area.number))
    return "\n".join(parts)
