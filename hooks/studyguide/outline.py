"""Skills measured (``data/skills.yml``) and learning paths (``data/learning_paths.yml``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from markdown.extensions.toc import slugify
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StrictInt, ValidationError, model_validator

from .areas import Area
from .datafiles import load_data, no_lines
from .errors import PATTERN_WORDS, DataError, LineOf, Problems, validation_problems
from .rules import PlainText

# Skill ids key the learners' saved progress: lowercase words joined by hyphens.
SKILL_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PATTERN_WORDS[SKILL_ID_PATTERN] = "must be lowercase letters and digits in words joined by hyphens"


class Skill(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=SKILL_ID_PATTERN)
    name: PlainText = Field(min_length=1)
    url: HttpUrl


class SkillGroup(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: PlainText = Field(min_length=1)
    url: HttpUrl
    skills: list[Skill] = Field(min_length=1)

    @property
    def anchor(self) -> str:
        return group_anchor(self.name)


class AreaOutline(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    area: StrictInt
    groups: list[SkillGroup] = Field(min_length=1)

    @property
    def skills(self) -> list[Skill]:
        return [skill for group in self.groups for skill in group.skills]


def group_anchor(name: str) -> str:
    """The anchor of a skill group's heading on its area page (the toc extension's slug)."""
    return slugify(name, "-")


class Module(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: PlainText = Field(min_length=1)
    url: HttpUrl


class LearningPath(BaseModel):
    """A Microsoft Learn path; ``modules`` when we know them, else just ``module_count``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: PlainText = Field(min_length=1)
    area: StrictInt
    url: HttpUrl
    modules: list[Module] = Field(default_factory=list)
    module_count: StrictInt | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _one_source_for_the_count(self) -> LearningPath:
        if self.modules and self.module_count is not None:
            raise ValueError("give either modules or module_count, not both")
        if not self.modules and self.module_count is None:
            raise ValueError("needs modules (a list) or module_count")
        return self

    @property
    def count(self) -> int:
        return len(self.modules) if self.modules else int(self.module_count or 0)


def load_outline(path: Path, areas: Sequence[Area]) -> list[AreaOutline]:
    loaded = load_data(path)
    return parse_outline(loaded.data, loaded.file, areas, loaded.line)


def _outline_label(item: object, index: int) -> str:
    if isinstance(item, dict) and isinstance(item.get("area"), int):
        return f"area {item['area']}"
    return f"entry {index + 1}"


def parse_outline(
    raw: object, file: str, areas: Sequence[Area], line_of: LineOf = no_lines
) -> list[AreaOutline]:
    if not isinstance(raw, list):
        raise DataError(file, "file", "must be a list of areas with their skill groups", line_of(()))
    problems = Problems()
    outlines: list[tuple[int, AreaOutline]] = []
    for index, item in enumerate(raw):
        try:
            outlines.append((index, AreaOutline.model_validate(item)))
        except ValidationError as exc:
            problems.items += validation_problems(exc, file, raw, (index,), _outline_label, line_of)
    known = {a.number for a in areas}
    listed = Counter(o.area for _, o in outlines)
    for index, outline in outlines:
        if outline.area not in known:
            problems.add(file, f"area {outline.area}", "is not an area in data/areas.yml", line_of((index, "area")))
        if listed[outline.area] > 1:
            problems.add(file, f"area {outline.area}", "is listed more than once", line_of((index, "area")))
    if not problems:
        for number in sorted(known - listed.keys()):
            problems.add(file, f"area {number}", "has no skills")
    first: dict[str, str] = {}
    for index, outline in outlines:
        for g, group in enumerate(outline.groups):
            for k, skill in enumerate(group.skills):
                where = f"{skill.name!r}"
                if skill.id in first:
                    problems.add(file, f"skill {skill.id}",
                                 f"id is used by more than one skill ({first[skill.id]} and {where})",
                                 line_of((index, "groups", g, "skills", k, "id")))
                else:
                    first[skill.id] = where
    problems.check()
    return sorted((o for _, o in outlines), key=lambda o: o.area)


def load_learning_paths(path: Path, areas: Sequence[Area]) -> list[LearningPath]:
    loaded = load_data(path)
    return parse_learning_paths(loaded.data, loaded.file, areas, loaded.line)


def _path_label(item: object, index: int) -> str:
    if isinstance(item, dict) and isinstance(item.get("name"), str):
        return f"path {item['name']!r}"
    return f"entry {index + 1}"


def parse_learning_paths(
    raw: object, file: str, areas: Sequence[Area], line_of: LineOf = no_lines
) -> list[LearningPath]:
    if not isinstance(raw, list):
        raise DataError(file, "file", "must be a list of learning paths", line_of(()))
    known = {a.number for a in areas}
    problems = Problems()
    paths = []
    for index, item in enumerate(raw):
        entry = _path_label(item, index)
        try:
            path = LearningPath.model_validate(item)
        except ValidationError as exc:
            problems.items += validation_problems(exc, file, raw, (index,), _path_label, line_of)
            continue
        if path.area not in known:
            problems.add(file, entry, f"area {path.area} is not an area in data/areas.yml", line_of((index, "area")))
        paths.append((index, path))
    names = Counter(p.name for _, p in paths)
    reported: set[str] = set()
    for index, path in paths:
        if names[path.name] > 1 and path.name not in reported:
            reported.add(path.name)
            problems.add(file, f"path {path.name!r}", "is listed more than once", line_of((index,)))
    problems.check()
    return [p for _, p in paths]
