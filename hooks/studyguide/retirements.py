"""Retired and renamed services, features and pages (``data/retirements.yml``).

Each entry says what changed, when, what replaced it and where the old documents are, and
names the skills, skill groups and glossary terms it concerns. One renderer,
``retirement_notice``, turns an entry into the admonition shown on the area page (at the
skill group), in the glossary entry and on the print page, so no notice is typed by hand.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError, model_validator

from .changelog import IsoDate
from .changelog import _KeepDatesLoader as KeepDatesLoader
from .changelog_render import long_date
from .datafiles import file_signature, load_data, no_lines
from .errors import DataError, LineOf, Problems, validation_problems
from .glossary import GLOSSARY_FILE, load_glossary
from .guide import AREAS_FILE, SKILLS_FILE, load_guide
from .outline import SKILL_ID_PATTERN, AreaOutline, SkillGroup
from .render import skill_anchor
from .rules import PlainText
from .safe import markdown_inline, md_link, md_text

RETIREMENTS_FILE = "retirements.yml"
# The class every notice carries, so pages, print CSS and tests can find them.
NOTICE_CLASS = "az-retirement"

ChangeKind = Literal["retired", "renamed"]


class Retirement(BaseModel):
    """One retired or renamed thing, as a contributor writes it."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: str = Field(pattern=SKILL_ID_PATTERN)
    what: PlainText = Field(min_length=1)
    change: ChangeKind
    date: IsoDate
    date_note: PlainText = ""  # Markdown, rendered by studyguide.safe
    successor: PlainText = ""
    successor_url: HttpUrl | None = None
    archive_url: HttpUrl | None = None
    note: PlainText = Field(min_length=1)  # Markdown, rendered by studyguide.safe
    skills: list[str] = Field(default_factory=list)
    groups: list[str] = Field(default_factory=list)
    terms: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _concerns_something(self) -> Retirement:
        if not (self.skills or self.groups or self.terms):
            raise ValueError("names no skills, groups or terms: say where the notice belongs")
        if self.successor_url is not None and not self.successor:
            raise ValueError("successor_url needs the successor's name in successor")
        if self.change == "renamed" and not self.successor:
            raise ValueError("a renamed entry needs the new name in successor")
        return self


@dataclass(frozen=True)
class Retirements:
    entries: tuple[Retirement, ...]

    def by_id(self, entry_id: str) -> Retirement | None:
        return next((r for r in self.entries if r.id == entry_id), None)

    def for_group(self, group: SkillGroup) -> list[Retirement]:
        """Entries that name the group itself or any of its skills, in file order."""
        ids = {skill.id for skill in group.skills}
        return [r for r in self.entries if group.name in r.groups or ids.intersection(r.skills)]

    def for_term(self, anchor: str) -> list[Retirement]:
        return [r for r in self.entries if anchor in r.terms]


def load_retirements(
    path: Path, outlines: Sequence[AreaOutline] | None = None, term_ids: Collection[str] | None = None
) -> Retirements:
    """The file, checked against the skills and glossary terms when they are given.

    Dates stay text while loading, so a malformed one is reported with its entry.
    """
    loaded = load_data(path, loader=KeepDatesLoader)
    return parse_retirements(loaded.data, loaded.file, loaded.line, outlines=outlines, term_ids=term_ids)


def load_retirements_if_present(data_dir: Path) -> Retirements:
    """For the glossary alone (as in the benchmark's sites): no file means no notices.

    A full build still requires the file: ``validate_all`` reports it missing.
    """
    path = data_dir / RETIREMENTS_FILE
    return load_retirements(path) if path.exists() else Retirements(entries=())


def load_checked_retirements(data_dir: Path) -> Retirements:
    """The entries, with every skill, group and term they name checked; read once per change."""
    return _load_checked(data_dir, file_signature(data_dir, (AREAS_FILE, SKILLS_FILE, GLOSSARY_FILE, RETIREMENTS_FILE)))



@lru_cache(maxsize=4)
def _load_checked(data_dir: Path, signature: tuple[tuple[str, int, int], ...]) -> Retirements:
    return load_retirements(
        data_dir / RETIREMENTS_FILE, load_guide(data_dir).outlines, {t.anchor for t in load_glossary(data_dir).terms}
    )


def retirement_label(item: object, index: int) -> str:
    """``retirement time-series-insights``; an entry without a usable id by its position (from 1)."""
    entry_id = item.get("id") if isinstance(item, dict) else None
    if isinstance(entry_id, str) and entry_id.strip():
        shown = entry_id.strip()  # an invalid id is still what the contributor searches for
        return f"retirement {shown if shown.isprintable() and len(shown) <= 80 else repr(shown[:77])}"
    return f"entry {index + 1}"


def parse_retirements(
    raw: object, file: str, line_of: LineOf = no_lines, *,
    outlines: Sequence[AreaOutline] | None = None, term_ids: Collection[str] | None = None,
) -> Retirements:
    """Every entry's fields, dates and URLs; with ``outlines`` and ``term_ids`` also the skills,
    groups and terms it names. Every problem is reported at once."""
    if raw is None:
        return Retirements(entries=())
    if not isinstance(raw, list):
        raise DataError(file, "file", "must be a list of retired or renamed things", line_of(()))
    problems = Problems()
    entries: list[tuple[int, Retirement]] = []
    for index, item in enumerate(raw):
        try:
            entries.append((index, Retirement.model_validate(item)))
        except ValidationError as exc:
            problems.items += validation_problems(exc, file, raw, (index,), retirement_label, line_of)
    counts = Counter(entry.id for _, entry in entries)
    seen: set[str] = set()
    for index, entry in entries:
        if counts[entry.id] > 1 and entry.id in seen:
            problems.add(file, f"retirement {entry.id}", "id is used more than once", line_of((index, "id")))
        seen.add(entry.id)
    if outlines is not None:
        _check_skill_targets(entries, outlines, file, line_of, problems)
    if term_ids is not None:
        for index, entry in entries:
            for position, term in enumerate(entry.terms):
                if term not in term_ids:
                    problems.add(file, f"retirement {entry.id}", f"term {term!r} is not a glossary term id",
                                 line_of((index, "terms", position)))
    problems.check()
    return Retirements(entries=tuple(entry for _, entry in entries))


def _check_skill_targets(
    entries: Sequence[tuple[int, Retirement]], outlines: Sequence[AreaOutline], file: str, line_of: LineOf,
    problems: Problems,
) -> None:
    """Every skill id and group name an entry names exists in data/skills.yml."""
    skill_ids = {s.id for o in outlines for s in o.skills}
    group_names = {g.name for o in outlines for g in o.groups}
    for index, entry in entries:
        for position, skill in enumerate(entry.skills):
            if skill not in skill_ids:
                problems.add(file, f"retirement {entry.id}", f"skill {skill!r} is not a skill id in data/{SKILLS_FILE}",
                             line_of((index, "skills", position)))
        for position, group in enumerate(entry.groups):
            if group not in group_names:
                problems.add(file, f"retirement {entry.id}",
                             f"group {group!r} is not a skill group in data/{SKILLS_FILE}",
                             line_of((index, "groups", position)))


def _title(entry: Retirement) -> str:
    # md_text escapes double quotes too: the title sits between them in the admonition syntax.
    kind = "Retired" if entry.change == "retired" else "Renamed"
    return f"{kind}: {md_text(entry.what)}"


def retirement_notice(entry: Retirement, skills: Sequence[tuple[str, str]] = ()) -> str:
    """The one notice for ``entry``: a Markdown admonition.

    ``skills`` are (anchor, name) pairs of the affected skills, listed with links to their
    anchors on the same page (area pages and the print page both give skills those anchors).
    Markdown fields are rendered inline, so no paragraph of data can leave the admonition.
    """
    kind = "warning" if entry.change == "retired" else "info"
    verb = "Retired" if entry.change == "retired" else "Renamed"
    when = f"**{verb} on {long_date(entry.date)}**"
    if entry.date_note:
        when += f" ({markdown_inline(entry.date_note)})"
    facts = [when]
    if entry.successor:
        label = "Now" if entry.change == "renamed" else "Successor"
        name = md_link(entry.successor, str(entry.successor_url)) if entry.successor_url else md_text(entry.successor)
        facts.append(f"**{label}:** {name}")
    if entry.archive_url:
        facts.append(f"**Old documents:** {md_link('archived docs', str(entry.archive_url))}")
    body = [" · ".join(facts), markdown_inline(entry.note)]
    if skills:
        links = ", ".join(f"[{md_text(name)}](#{anchor})" for anchor, name in skills)
        body.append(f"**Skills affected:** {links}")
    indented = "\n\n".join("    " + part for part in body)
    return f'!!! {kind} {NOTICE_CLASS} "{_title(entry)}"\n\n{indented}\n'


def group_notices(retirements: Retirements, group: SkillGroup) -> str:
    """The notices for a skill group: entries naming it, then entries naming some of its skills."""
    parts = []
    for entry in retirements.for_group(group):
        named = [] if group.name in entry.groups else [
            (skill_anchor(s.id), s.name) for s in group.skills if s.id in entry.skills
        ]
        parts.append(retirement_notice(entry, named))
    return "\n".join(parts)


def term_notices(retirements: Retirements, anchor: str) -> str:
    """The notices for a glossary term, for its entry on the glossary page."""
    return "\n".join(retirement_notice(entry) for entry in retirements.for_term(anchor))
