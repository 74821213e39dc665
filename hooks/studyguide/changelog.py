"""Exam status and skills-outline updates (``data/changelog.yml``), loaded and cross-checked."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictInt, ValidationError, model_validator

from .areas import Area
from .datafiles import SAFE_LOADER, load_data, no_lines, read_yaml
from .errors import DataError, LineOf, Problems, validation_problems
from .outline import SKILL_ID_PATTERN, AreaOutline, group_anchor  # noqa: F401 (tests use it here)
from .rules import PlainText

ChangeKind = Literal["added", "modified", "removed", "minor revision", "major revision"]
CHANGE_KINDS: tuple[ChangeKind, ...] = (
    "added", "modified", "removed", "minor revision", "major revision"
)

TOP_LEVEL_KEYS = frozenset({"retired_on", "updates"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: object) -> object:
    """Accept only ``YYYY-MM-DD``: pydantic alone would also take timestamps and other forms."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError(f"{value!r} is not a date written YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


class Change(BaseModel):
    """One change in one update; it concerns ``skill`` or, without a skill, the whole ``group``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: ChangeKind
    area: StrictInt
    group: PlainText | None = Field(default=None, min_length=1)
    skill: PlainText | None = Field(default=None, min_length=1)
    old_name: PlainText | None = Field(default=None, min_length=1)
    skill_id: str | None = Field(default=None, pattern=SKILL_ID_PATTERN)
    group_id: str | None = Field(default=None, pattern=SKILL_ID_PATTERN)
    description: PlainText = Field(min_length=1)  # Markdown, rendered by studyguide.safe

    @model_validator(mode="after")
    def _names_something(self) -> Change:
        if self.skill is None and self.group is None:
            raise ValueError("needs a skill, a group, or both")
        if self.skill_id is not None and self.skill is None:
            raise ValueError("skill_id needs the skill's name in skill")
        return self

    @property
    def subject(self) -> str:
        """The skill's name, or the group's for a change to a whole group."""
        return self.skill if self.skill is not None else str(self.group)

    @property
    def is_group_change(self) -> bool:
        return self.skill is None


class Update(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    date: IsoDate
    changes: list[Change] = Field(min_length=1)


class ExamStatus(BaseModel):
    """No ``retired_on`` (or null) means the exam is still active."""

    model_config = ConfigDict(frozen=True)

    retired_on: IsoDate | None = None


class Changelog(BaseModel):
    """The checked history: updates newest first."""

    model_config = ConfigDict(frozen=True)

    retired_on: date | None
    updates: list[Update]

    @property
    def latest(self) -> Update:
        return self.updates[0]

    @property
    def change_count(self) -> int:
        return sum(len(u.changes) for u in self.updates)

    def changes_for_area(self, area: int) -> list[tuple[Update, Change]]:
        """Every change that touched ``area``, newest update first."""
        return [(u, c) for u in self.updates for c in u.changes if c.area == area]


class _KeepDatesLoader(SAFE_LOADER):  # type: ignore[valid-type,misc]
    """Safe YAML without timestamp parsing: dates stay text, so a malformed one is
    reported with its entry instead of crashing the YAML parser."""


_KeepDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in SAFE_LOADER.yaml_implicit_resolvers.items()
}


def read_changelog_yaml(path: Path) -> object:
    return read_yaml(path, loader=_KeepDatesLoader)


def load_changelog(
    path: Path, areas: Sequence[Area], outlines: Sequence[AreaOutline] | None, today: date | None = None
) -> Changelog:
    """``outlines=None``: the skills file is broken, so skip the checks against it."""
    loaded = load_data(path, loader=_KeepDatesLoader)
    return parse_changelog(loaded.data, loaded.file, areas, outlines, loaded.line, today=today)


def update_label(raw: object, index: int) -> str:
    """``index`` counts from 1."""
    if isinstance(raw, dict) and isinstance(raw.get("date"), (str, date)):
        return f"update {raw['date']}"
    return f"update {index}"


def parse_changelog(
    raw: object, file: str, areas: Sequence[Area], outlines: Sequence[AreaOutline] | None,
    line_of: LineOf = no_lines, *, today: date | None = None,
) -> Changelog:
    """Validate the file's shape entry by entry, then check it against the areas and skills.

    ``today`` (default: the build's date) bounds ``retired_on``: an exam is not retired yet.
    """
    if not isinstance(raw, dict):
        raise DataError(file, "file", "must be a mapping with retired_on and updates", line_of(()))
    problems = Problems()
    for key in sorted(set(raw) - TOP_LEVEL_KEYS, key=str):
        problems.add(file, str(key), f"is not a known key (known: {', '.join(sorted(TOP_LEVEL_KEYS))})",
                     line_of((key,)))
    retired_on: date | None = None
    try:
        retired_on = ExamStatus.model_validate({"retired_on": raw.get("retired_on")}).retired_on
    except ValidationError as exc:
        problems.items += validation_problems(exc, file, raw, (), lambda item, index: "retired_on", line_of)
    if retired_on is not None and retired_on > (today or date.today()):
        problems.add(file, "retired_on", f"{retired_on.isoformat()} is in the future: record a retirement "
                     "once it has happened", line_of(("retired_on",)))
    raw_updates = raw.get("updates")
    if not isinstance(raw_updates, list) or not raw_updates:
        problems.add(file, "updates", "must be a non-empty list of updates", line_of(("updates",)))
        problems.check()
    updates: list[tuple[int, Update]] = []
    for index, item in enumerate(raw_updates or []):
        try:
            updates.append((index, Update.model_validate(item)))
        except ValidationError as exc:
            problems.items += validation_problems(
                exc, file, raw, ("updates", index), lambda item, index: "file", line_of
            )
    if not problems:
        check_changelog(retired_on, [u for _, u in updates], file, areas, outlines, problems,
                        line_of=lambda u: line_of(("updates", next(i for i, x in updates if x is u))))
    problems.check()
    newest_first = sorted((u for _, u in updates), key=lambda u: u.date, reverse=True)
    return Changelog(retired_on=retired_on, updates=newest_first)


def check_changelog(
    retired_on: date | None,
    updates: Sequence[Update],
    file: str,
    areas: Sequence[Area],
    outlines: Sequence[AreaOutline] | None,
    problems: Problems | None = None,
    line_of: Callable[[Update], int | None] = lambda update: None,
) -> None:
    found = Problems() if problems is None else problems
    dates = Counter(u.date for u in updates)
    skill_areas = {s.id: o.area for o in outlines or () for s in o.skills}
    reported: set[date] = set()
    for update in updates:
        entry = f"update {update.date.isoformat()}"
        if dates[update.date] > 1 and update.date not in reported:
            reported.add(update.date)
            found.add(file, entry, f"date is listed {dates[update.date]} times", line_of(update))
        if retired_on is not None and update.date > retired_on:
            found.add(file, entry, f"is after the exam's retirement on {retired_on.isoformat()}", line_of(update))
        for number, change in enumerate(update.changes, start=1):
            try:
                check_change(change, f"{entry}, change {number}", file, areas, outlines, skill_areas)
            except DataError as exc:
                found.items += [
                    type(p)(p.file, p.entry, p.problem, p.line or line_of(update)) for p in exc.problems
                ]
    if problems is None:
        found.check()


def check_change(
    change: Change,
    entry: str,
    file: str,
    areas: Sequence[Area],
    outlines: Sequence[AreaOutline] | None,
    skill_areas: Mapping[str, int],
) -> None:
    """``skill_areas``: each skill id's area number. ``outlines=None``: check only the area."""
    if change.area not in {a.number for a in areas}:
        raise DataError(file, entry, f"area {change.area} is not an area in data/areas.yml")
    if outlines is None:
        return
    if change.skill_id is not None:
        if change.skill_id not in skill_areas:
            raise DataError(file, entry, f"skill_id {change.skill_id!r} is not a skill in data/skills.yml")
        if skill_areas[change.skill_id] != change.area:
            raise DataError(
                file, entry,
                f"skill_id {change.skill_id!r} is in area {skill_areas[change.skill_id]}, "
                f"not area {change.area}",
            )
    if change.group_id is not None:
        outline = next((o for o in outlines if o.area == change.area), None)
        anchors = [g.anchor for g in outline.groups] if outline else []
        if change.group_id not in anchors:
            raise DataError(
                file, entry,
                f"group_id {change.group_id!r} is not a skill group of area {change.area} "
                f"(groups: {', '.join(anchors)})",
            )
