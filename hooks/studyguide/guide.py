"""All of the outline data for one build, loaded and cross-checked together."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import render
from .areas import Area, area_for_page, check_area_pages, load_areas
from .changelog import Changelog, load_changelog
from .datafiles import file_signature
from .outline import AreaOutline, LearningPath, SkillGroup, load_learning_paths, load_outline
from .questions import (
    Question,
    load_questions,
    load_retirement_ids,
    question_bank,
    self_check,
)

AREAS_FILE = "areas.yml"
SKILLS_FILE = "skills.yml"
PATHS_FILE = "learning_paths.yml"
CHANGELOG_FILE = "changelog.yml"
MOCK_EXAM_PAGE = "mock-exam.md"
FLASHCARDS_PAGE = "flashcards.md"


@dataclass(frozen=True)
class Guide:
    areas: list[Area]
    outlines: list[AreaOutline]
    paths: list[LearningPath]
    data_dir: Path

    def questions(self) -> tuple[Question, ...]:
        """The practice questions, checked against this outline (cached per change of the file)."""
        return load_questions(self.data_dir, self.areas, self.outlines,
                              load_retirement_ids(self.data_dir))

    def outline(self, area: Area) -> AreaOutline:
        return next(o for o in self.outlines if o.area == area.number)

    def check_pages(self, doc_pages: Iterable[str]) -> None:
        check_area_pages(self.areas, doc_pages, f"data/{AREAS_FILE}")

    def nav_title(self, page: str) -> str | None:
        area = area_for_page(self.areas, page)
        return render.nav_title(area) if area else None

    def renderers(
        self, page: str, group_notes: Callable[[SkillGroup], str] | None = None
    ) -> dict[str, Callable[[], str]]:
        """What each marker becomes on ``page`` (a docs/ src path); ``group_notes`` as in skills_list."""
        found: dict[str, Callable[[], str]] = {
            "skills-table": lambda: render.skills_table(self.areas, self.outlines, page),
            "learning-paths-all": lambda: render.all_learning_paths(self.areas, self.paths, page),
            "heaviest-areas": lambda: render.heaviest_areas(self.areas, page),
        }
        if page == MOCK_EXAM_PAGE:
            found["mock-exam"] = lambda: question_bank(self.questions(), self.areas)
        if page == FLASHCARDS_PAGE:
            found["flashcards"] = self._flashcards
        area = area_for_page(self.areas, page)
        if area is not None:
            outline = self.outline(area)
            found |= {
                "area-header": lambda: render.area_header(area, self.areas, outline),
                "skills": lambda: render.skills_list(outline, group_notes),
                "learning-paths": lambda: render.learning_paths_list(self.paths, area.number),
                "self-check": lambda: self_check(self.questions(), area),
            }
        return found

    def _flashcards(self) -> str:
        # Imported here: the glossary module imports this one for AREAS_FILE.
        from .flashcards import flashcards_markdown
        from .glossary import load_glossary

        return flashcards_markdown(load_glossary(self.data_dir))


def load_guide(data_dir: Path) -> Guide:
    """The checked outline data; several hooks ask per build, the files are read once per change."""
    return _load_guide(data_dir, _signature(data_dir))


def load_guide_changelog(data_dir: Path) -> Changelog:
    """The checked exam history (it refers to the outline), read once per change like the guide."""
    return _load_changelog(data_dir, _signature(data_dir, (CHANGELOG_FILE,)))


def _signature(data_dir: Path, extra: tuple[str, ...] = ()) -> tuple[tuple[str, int, int], ...]:
    return file_signature(data_dir, (AREAS_FILE, SKILLS_FILE, PATHS_FILE, *extra))


@lru_cache(maxsize=4)
def _load_guide(data_dir: Path, signature: tuple[tuple[str, int, int], ...]) -> Guide:
    areas = load_areas(data_dir / AREAS_FILE)
    outlines = load_outline(data_dir / SKILLS_FILE, areas)
    paths = load_learning_paths(data_dir / PATHS_FILE, areas)
    return Guide(areas=areas, outlines=outlines, paths=paths, data_dir=data_dir)


@lru_cache(maxsize=4)
def _load_changelog(data_dir: Path, signature: tuple[tuple[str, int, int], ...]) -> Changelog:
    guide = load_guide(data_dir)
    return load_changelog(data_dir / CHANGELOG_FILE, guide.areas, guide.outlines)
