"""Data for the client-side study tools and the one-page print edition of the guide.

The browser code (``docs/javascripts/study-tools.js``) reads everything it needs,
weights included, from the JSON built here, so no fact is typed twice.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence

from . import render
from .areas import Area
from .links import escape_link_text
from .outline import AreaOutline, LearningPath, SkillGroup

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


def study_data(areas: Sequence[Area], outlines: Sequence[AreaOutline]) -> dict:
    """Areas with weights and skill ids, in area order, plus the outline version."""
    by_area = {o.area: o for o in outlines}
    return {
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


def study_data_json(areas: Sequence[Area], outlines: Sequence[AreaOutline]) -> str:
    return json.dumps(study_data(areas, outlines), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")) + "\n"


def print_area_anchor(area: Area) -> str:
    return f"area-{area.number}"


def print_page(
    areas: Sequence[Area],
    outlines: Sequence[AreaOutline],
    paths: Sequence[LearningPath],
    group_notes: Callable[[SkillGroup], str] | None = None,
) -> str:
    """The whole outline on one page for printing: weights, then every area's skills and paths.

    Built from the same render functions as the home and homework pages.
    """
    by_area = {o.area: o for o in outlines}
    ordered = sorted(areas, key=lambda a: a.number)
    parts = [
        "# The whole guide on one page\n",
        "Every skill area with its weight, skills and learning paths, on one page to print or "
        "to save as a PDF (use your browser's print command). Links print with their addresses, "
        "and the boxes you ticked on the homework pages print ticked.\n",
        "## Skills measured\n",
        render.skills_table(areas, outlines, PRINT_PAGE),
        "",
    ]
    for area in ordered:
        outline = by_area[area.number]
        parts.append(f"## {area.number} · {escape_link_text(area.name)} {{ #{print_area_anchor(area)} .az-print-area }}\n")
        parts.append(
            f"**{area.weight.label()}** of the exam · {render.size_phrase(outline)}\n"
        )
        parts.append(render.skills_list(outline, group_notes))
        parts.append(f"### Learning paths for area {area.number}\n")
        parts.append(render.learning_paths_list(paths, area.number))
    return "\n".join(parts)
