"""Everything one guide's pages are made from, loaded and cross-checked together.

``load_site`` reads the data files of a project once per change of any of them (``mkdocs serve``
and Zensical's cache both rebuild in the same process), so every page of a build shares one
``Site`` whichever builder renders them and in whatever order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from .changelog import Changelog
from .datafiles import DATA_FILES, file_signature
from .exam import ExamData, load_exam
from .glossary import Glossary, load_glossary
from .glossary_links import GlossaryLinker
from .guide import Guide, load_guide, load_guide_changelog
from .project import Project
from .questions import Question
from .retirements import Retirements, load_checked_retirements
from .study_path import StudyPath, load_study_path
from .validate import validate_all


@dataclass(frozen=True)
class Site:
    project: Project
    guide: Guide
    changelog: Changelog
    exam: ExamData
    glossary: Glossary
    retirements: Retirements
    study_path: StudyPath
    # Terms each page mentions, by (page, its version: extension.page_version): the
    # backlinks pre-pass and the real renders fill it, so a page is converted for it only once.
    mentions: dict[tuple[str, str], list[str]] = field(default_factory=dict, compare=False)

    @cached_property
    def linker(self) -> GlossaryLinker:
        """The term matcher, compiled once per build; page state lives in each page's walk."""
        return GlossaryLinker(self.glossary)

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        return self.guide.questions()


def load_site(project: Project) -> Site:
    """The project's checked data (every file validated together first; DataError lists all)."""
    return _load_site(project, file_signature(project.data_dir, DATA_FILES))


@lru_cache(maxsize=4)
def _load_site(project: Project, signature: tuple[tuple[str, int, int], ...]) -> Site:
    data = project.data_dir
    validate_all(data)
    return Site(
        project=project,
        guide=load_guide(data),
        changelog=load_guide_changelog(data),
        exam=load_exam(data),
        glossary=load_glossary(data),
        retirements=load_checked_retirements(data),
        study_path=load_study_path(data),
    )
