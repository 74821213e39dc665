"""Every marker a page may hold, what it becomes, and where it may stand: the one registry.

A page says ``<!-- guide:skills -->`` where the area's skills go. The Markdown extension looks the
name up here; ``KNOWN_MARKERS`` and the page checks are derived from this table, so a new marker
is one new row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from . import changelog_render, render
from .areas import Area, area_for_page
from .flashcards import flashcards_markdown
from .glossary import GLOSSARY_PAGE
from .glossary_render import glossary_page, key_concepts
from .guide import FLASHCARDS_PAGE, MOCK_EXAM_PAGE
from .pages import page_name
from .questions import print_questions, question_bank, self_check
from .retirements import group_notices, term_notices
from .site import Site
from .study import PRINT_PAGE, area_intro, print_page
from .study_path import labs_list, pitfalls_list, study_plan

# Where a marker may stand: any page, an area page of data/areas.yml, or one named page.
ANY_PAGE = "any page"
AREA_PAGE = "an area page (data/areas.yml)"


class MisplacedMarker(ValueError):
    """A known marker on a page it does not belong to; the message says where it belongs."""


@dataclass(frozen=True)
class Marker:
    description: str
    where: str  # ANY_PAGE, AREA_PAGE or a docs/ src path
    render: Callable[[Site, str], str]  # (site, page src) -> Markdown


def _area(site: Site, page: str) -> Area:
    area = area_for_page(site.guide.areas, page)
    if area is None:  # checked before render() is called; kept for the type checker
        raise MisplacedMarker(f"belongs on {AREA_PAGE}")
    return area


def _notes(site: Site) -> Callable[..., str]:
    return lambda group: group_notices(site.retirements, group)


def _print(site: Site, page: str) -> str:
    guide = site.guide
    intros = {}
    for area in guide.areas:
        source = site.project.docs_dir / area.page
        intros[area.number] = area_intro(source.read_text(encoding="utf-8"), area.page)
    body = print_page(guide.areas, guide.outlines, guide.paths, _notes(site), intros=intros,
                      key_concepts=lambda number: key_concepts(site.glossary, number, page))
    return body + "\n" + print_questions(site.questions, guide.areas)


MARKERS: Mapping[str, Marker] = {
    "skills-table": Marker(
        "skills measured: every area's weight, as a table with bars", ANY_PAGE,
        lambda s, p: render.skills_table(s.guide.areas, s.guide.outlines, p)),
    "learning-paths-all": Marker(
        "every learning path, grouped by area", ANY_PAGE,
        lambda s, p: render.all_learning_paths(s.guide.areas, s.guide.paths, p)),
    "heaviest-areas": Marker(
        "links to the areas with the largest weight (inline)", ANY_PAGE,
        lambda s, p: render.heaviest_areas(s.guide.areas, p)),
    "outline-status": Marker(
        "the outline's date and the exam's status", ANY_PAGE,
        lambda s, p: changelog_render.outline_status(s.changelog, p)),
    "area-header": Marker(
        "the area's weight and place in the exam", AREA_PAGE,
        lambda s, p: render.area_header(_area(s, p), s.guide.areas, s.guide.outline(_area(s, p)))),
    "skills": Marker(
        "the area's skill groups and skills, with tick boxes", AREA_PAGE,
        lambda s, p: render.skills_list(s.guide.outline(_area(s, p)), _notes(s))),
    "learning-paths": Marker(
        "the area's learning paths", AREA_PAGE,
        lambda s, p: render.learning_paths_list(s.guide.paths, _area(s, p).number)),
    "key-concepts": Marker(
        "the area's glossary terms with their definitions", AREA_PAGE,
        lambda s, p: key_concepts(s.glossary, _area(s, p).number, p)),
    "exam-updates": Marker(
        "outline changes that touched the area", AREA_PAGE,
        lambda s, p: changelog_render.area_updates_note(s.changelog, _area(s, p))),
    "study-plan": Marker(
        "the numbered study path", AREA_PAGE,
        lambda s, p: study_plan()),
    "labs": Marker(
        "the area's official labs", AREA_PAGE,
        lambda s, p: labs_list(s.study_path, _area(s, p), s.guide.areas, s.guide.outlines, p,
                               s.exam.labs_note)),
    "pitfalls": Marker(
        "common pitfalls and exam tips for the area", AREA_PAGE,
        lambda s, p: pitfalls_list(s.study_path, _area(s, p).number)),
    "self-check": Marker(
        "the area's practice questions", AREA_PAGE,
        lambda s, p: self_check(s.questions, _area(s, p))),
    "glossary": Marker(
        "every glossary term, with backlinks", GLOSSARY_PAGE,
        lambda s, p: glossary_page(s.glossary, p, lambda anchor: term_notices(s.retirements, anchor),
                                   docs_name=s.exam.docs_name)),
    "changelog": Marker(
        "every outline update and the exam's status", changelog_render.CHANGELOG_PAGE,
        lambda s, p: changelog_render.changelog_page(s.changelog, s.guide.areas, s.exam, p)),
    "mock-exam": Marker(
        "every question, for the browser to sample a mock exam", MOCK_EXAM_PAGE,
        lambda s, p: question_bank(s.questions, s.guide.areas)),
    "flashcards": Marker(
        "every glossary term as a card", FLASHCARDS_PAGE,
        lambda s, p: flashcards_markdown(s.glossary)),
    "print": Marker(
        "the whole guide on one page, for printing", PRINT_PAGE,
        _print),
}

KNOWN_MARKERS = frozenset(MARKERS)


def misplaced(site: Site, name: str, page: str) -> str | None:
    """Why marker ``name`` does not belong on ``page``, or None if it does."""
    where = MARKERS[name].where
    if where == AREA_PAGE and area_for_page(site.guide.areas, page) is None:
        return f"belongs on {AREA_PAGE}"
    if where not in (ANY_PAGE, AREA_PAGE) and where != page:
        return f"belongs on {page_name(where)} only"
    return None


def render_marker(site: Site, name: str, page: str) -> str:
    """The Markdown for marker ``name`` on ``page``; KeyError if unknown, MisplacedMarker if it
    does not belong on this page."""
    problem = misplaced(site, name, page)
    if problem:
        raise MisplacedMarker(problem)
    return MARKERS[name].render(site, page)
