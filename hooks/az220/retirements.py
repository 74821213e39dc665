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
from .changelog_render import long_date
from .datafiles import DATA_DIR, display_name, read_yaml
from .errors import DataError, describe_validation_error
from .glossary import GLOSSARY_FILE, load_glossary
from .glossary_render import escape_definition
from .guide import AREAS_FILE, SKILLS_FILE, load_guide
from .links import escape_link_text
from .outline import SKILL_ID_PATTERN, AreaOutline, SkillGroup
from .render import skill_anchor

RETIREMENTS_FILE = "retirements.yml"
# The class every notice carries, so pages, print CSS and tests can find them.
NOTICE_CLASS = "az-retirement"

ChangeKind = Literal["retired", "renamed"]


class Retirement(BaseModel):
    """One retired or renamed thing, as a contributor writes it."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: str = Field(pattern=SKILL_ID_PATTERN)
    what: str = Field(min_length=1)
    change: ChangeKind
    date: IsoDate
    date_note: str = ""
    successor: str = ""
    successor_url: HttpUrl | None = None
    archive_url: HttpUrl | None = None
    note: str = Field(min_length=1)
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


def load_retirements(path: Path) -> Retirements:
    """The file alone: fields, dates and URLs (see ``load_checked_retirements`` for the rest)."""
    return parse_retirements(read_yaml(path), display_name(path))


def load_retirements_if_present(data_dir: Path = DATA_DIR) -> Retirements:
    """For the glossary alone (as in the benchmark's sites): no file means no notices.

    A full build still requires the file: ``load_checked_retirements`` reports it missing.
    """
    path = data_dir / RETIREMENTS_FILE
    return load_retirements(path) if path.exists() else Retirements(entries=())


def load_checked_retirements(data_dir: Path = DATA_DIR) -> Retirements:
    """The entries, with every skill, group and term they name checked; read once per change."""
    return _load_checked(data_dir, file_signature(data_dir, (AREAS_FILE, SKILLS_FILE, GLOSSARY_FILE, RETIREMENTS_FILE)))


def file_signature(data_dir: Path, names: Sequence[str]) -> tuple[tuple[str, int, int], ...]:
    """Names, mtimes and sizes: a new value after any edit, so `mkdocs serve` reloads."""
    stats = []
    for name in names:
        try:
            st = (data_dir / name).stat()
            stats.append((name, st.st_mtime_ns, st.st_size))
        except OSError:
            stats.append((name, -1, -1))  # missing: the loader reports it by name
    return tuple(stats)


@lru_cache(maxsize=4)
def _load_checked(data_dir: Path, signature: tuple[tuple[str, int, int], ...]) -> Retirements:
    path = data_dir / RETIREMENTS_FILE
    retirements = load_retirements(path)
    check_skill_targets(retirements, load_guide(data_dir).outlines, display_name(path))
    check_term_targets(retirements, {t.anchor for t in load_glossary(data_dir).terms}, display_name(path))
    return retirements


def parse_retirements(raw: object, file: str) -> Retirements:
    """Fields, dates and URLs of every entry; cross-references are checked by ``check_targets``."""
    if raw is None:
        return Retirements(entries=())
    if not isinstance(raw, list):
        raise DataError(file, "file", "must be a list of retired or renamed things")
    entries = []
    for index, item in enumerate(raw, start=1):
        label = f"entry {item['id']!r}" if isinstance(item, dict) and item.get("id") else f"entry {index}"
        try:
            entries.append(Retirement.model_validate(item))
        except ValidationError as exc:
            raise DataError(file, label, describe_validation_error(exc)) from exc
    for entry_id, count in Counter(r.id for r in entries).items():
        if count > 1:
            raise DataError(file, f"entry {entry_id!r}", "id is used more than once")
    return Retirements(entries=tuple(entries))


def check_skill_targets(retirements: Retirements, outlines: Sequence[AreaOutline], file: str) -> None:
    """Every skill id and group name an entry names exists in data/skills.yml."""
    skill_ids = {s.id for o in outlines for s in o.skills}
    group_names = {g.name for o in outlines for g in o.groups}
    for entry in retirements.entries:
        for skill in entry.skills:
            if skill not in skill_ids:
                raise DataError(file, f"entry {entry.id!r}", f"skill {skill!r} is not a skill id in data/skills.yml")
        for group in entry.groups:
            if group not in group_names:
                raise DataError(file, f"entry {entry.id!r}", f"group {group!r} is not a skill group in data/skills.yml")


def check_term_targets(retirements: Retirements, term_ids: Collection[str], file: str) -> None:
    """Every glossary term an entry names exists (a term's id is its anchor on the glossary page)."""
    for entry in retirements.entries:
        for term in entry.terms:
            if term not in term_ids:
                raise DataError(file, f"entry {entry.id!r}", f"term {term!r} is not a glossary term id")


def _title(entry: Retirement) -> str:
    kind = "Retired" if entry.change == "retired" else "Renamed"
    # The title sits between double quotes in the admonition syntax.
    return f"{kind}: {escape_link_text(entry.what)}".replace('"', "&quot;")


def retirement_notice(entry: Retirement, skills: Sequence[tuple[str, str]] = ()) -> str:
    """The one notice for ``entry``: a Markdown admonition.

    ``skills`` are (anchor, name) pairs of the affected skills, listed with links to their
    anchors on the same page (area pages and the print page both give skills those anchors).
    """
    kind = "warning" if entry.change == "retired" else "info"
    verb = "Retired" if entry.change == "retired" else "Renamed"
    when = f"**{verb} on {long_date(entry.date)}**"
    if entry.date_note:
        when += f" ({escape_definition(entry.date_note)})"
    facts = [when]
    if entry.successor:
        name = escape_link_text(entry.successor)
        label = "Now" if entry.change == "renamed" else "Successor"
        facts.append(f"**{label}:** [{name}]({entry.successor_url})" if entry.successor_url else f"**{label}:** {name}")
    if entry.archive_url:
        facts.append(f"**Old documents:** [archived docs]({entry.archive_url})")
    body = [" · ".join(facts), escape_definition(entry.note)]
    if skills:
        links = ", ".join(f"[{escape_link_text(name)}](#{anchor})" for anchor, name in skills)
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
