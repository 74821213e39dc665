"""Check every data file before anything is built, and report all their problems together.

The pages load each file where they need it; this runs first (``studyguide.site.load_site``,
before any page is rendered) so that a contributor sees the problems of every file in one build, not one
file per attempt. When ``areas.yml`` is itself broken, the files that depend on it are still
read and checked as YAML, but not against the areas (that would only add noise); the same
holds for the questions when the skills are broken. ``data/exam.yml`` is always checked, and so
are the fields of ``data/retirements.yml``; its skills, groups and terms, and the labs' areas,
groups and retirements, are checked against the files that loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from .areas import load_areas
from .changelog import load_changelog, read_changelog_yaml
from .datafiles import load_data
from .errors import DataError, Problems
from .exam import ExamData, load_exam
from .glossary import GLOSSARY_FILE, parse_glossary
from .guide import AREAS_FILE, CHANGELOG_FILE, PATHS_FILE, SKILLS_FILE
from .outline import load_learning_paths, load_outline
from .questions import QUESTIONS_FILE, load_questions
from .retirements import RETIREMENTS_FILE, load_retirements
from .study_path import LABS_FILE, PITFALLS_FILE, load_labs, load_tips

T = TypeVar("T")


def validate_all(data_dir: Path, today: date | None = None) -> None:
    """Raise one DataError listing every problem in every data file, or return."""
    problems = Problems()

    def attempt(load: Callable[[], T]) -> T | None:
        try:
            return load()
        except DataError as exc:
            problems.extend(exc)
            return None

    # The exam's facts (doc hosts) check the glossary and questions; their problems are listed last.
    exam_problems = Problems()
    exam: ExamData | None = None
    try:
        exam = load_exam(data_dir)
    except DataError as exc:
        exam_problems.extend(exc)

    areas = attempt(lambda: load_areas(data_dir / AREAS_FILE))
    if areas is None:
        attempt(lambda: load_data(data_dir / SKILLS_FILE))
        attempt(lambda: load_data(data_dir / PATHS_FILE))
        attempt(lambda: load_data(data_dir / GLOSSARY_FILE))
        attempt(lambda: read_changelog_yaml(data_dir / CHANGELOG_FILE))
        attempt(lambda: load_retirements(data_dir / RETIREMENTS_FILE))
        attempt(lambda: load_data(data_dir / LABS_FILE))
        attempt(lambda: load_data(data_dir / PITFALLS_FILE))
        attempt(lambda: load_data(data_dir / QUESTIONS_FILE))
        problems.items += exam_problems.items
        problems.check()
        return
    outlines = attempt(lambda: load_outline(data_dir / SKILLS_FILE, areas))
    attempt(lambda: load_learning_paths(data_dir / PATHS_FILE, areas))
    glossary = attempt(lambda: load_data(data_dir / GLOSSARY_FILE))
    # A broken data/exam.yml is reported below; meanwhile the rest is checked without its hosts.
    doc_host = exam.doc_host if exam is not None else None
    terms = None
    if glossary is not None:
        terms = attempt(
            lambda: parse_glossary(glossary.data, glossary.file, areas, glossary.line, doc_host=doc_host)
        )
    # Without valid skills, the changelog is still checked, except against the skills.
    attempt(lambda: load_changelog(data_dir / CHANGELOG_FILE, areas, outlines, today=today))
    # The same for the study path: each file is checked against the files that loaded.
    term_ids = {t.anchor for t in terms.terms} if terms is not None else None
    retirements = attempt(lambda: load_retirements(data_dir / RETIREMENTS_FILE, outlines, term_ids))
    attempt(lambda: load_labs(data_dir / LABS_FILE, outlines, retirements))
    attempt(lambda: load_tips(data_dir / PITFALLS_FILE, areas))
    # Questions name retirements: a broken retirements file only skips that check.
    retired = [r.id for r in retirements.entries] if retirements is not None else None
    if outlines is None:  # the questions name skills: check them as YAML only
        attempt(lambda: load_data(data_dir / QUESTIONS_FILE))
    else:
        attempt(lambda: load_questions(data_dir, areas, outlines, retired, check_hosts=exam is not None))
    problems.items += exam_problems.items
    problems.check()
