"""Markers for generated content: HTML comments, so they stay invisible on GitHub.

A page says ``<!-- guide:skills -->`` where a hook should put the area's skills.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

MARKER = re.compile(r"<!--\s*guide:(?P<name>[a-z][a-z0-9-]*)\s*-->")

# Every marker a hook knows; anything else in a page is a typo worth failing on.
KNOWN_MARKERS = frozenset(
    {
        "skills-table",  # home: skills measured, weights and bars
        "learning-paths-all",  # home: every learning path, grouped by area
        "area-header",  # homework page: weight and place in the exam
        "skills",  # homework page: skill groups and skills
        "learning-paths",  # homework page: the area's learning paths
        "key-concepts",  # homework page: glossary terms of the area
        "glossary",  # glossary page: every term
        "exam-updates",  # homework page: changes that touched the area
        "changelog",  # changelog page: every update
        "outline-status",  # home: outline date and exam status
        "self-check",  # homework page: the area's practice questions
        "mock-exam",  # mock exam page: every question, sampled by the browser
        "flashcards",  # flashcards page: every glossary term as a card
        "study-plan",  # homework page: the numbered study path (hooks/study_path.py)
        "labs",  # homework page: the area's official labs
        "pitfalls",  # homework page: common pitfalls and exam tips
        "heaviest-areas",  # home (inline): links to the areas with the largest weight
    }
)


def marker_names(markdown: str) -> list[str]:
    return [m.group("name") for m in MARKER.finditer(markdown)]


def unknown_markers(markdown: str) -> list[str]:
    return [name for name in marker_names(markdown) if name not in KNOWN_MARKERS]


def expand_markers(markdown: str, renderers: Mapping[str, Callable[[], str]]) -> str:
    """Replace each marker that has a renderer; leave the others for their own hook."""

    def replace(match: re.Match[str]) -> str:
        render = renderers.get(match.group("name"))
        return render() if render else match.group(0)

    return MARKER.sub(replace, markdown)
