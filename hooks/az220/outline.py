"""Skills measured (``data/skills.yml``) and learning paths (``data/learning_paths.yml``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from markdown.extensions.toc import slugify
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError, model_validator

from .areas import Area
from .datafiles import display_name, read_yaml
from .errors import DataError, describe_validation_error

# Skill ids key the learners' saved progress: lowercase words joined by hyphens.
SKILL_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class Skill(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=SKILL_ID_PATTERN)
    name: str = Field(min_length=1)
    url: HttpUrl


class SkillGroup(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    url: HttpUrl
    skills: list[Skill] = Field(min_length=1)

    @property
    def anchor(self) -> str:
        return group_anchor(self.name)


class AreaOutline(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    area: int
    groups: list[SkillGroup] = Field(min_length=1)

    @property
    def skills(self) -> list[Skill]:
        return [skill for group in self.groups for skill in group.skills]


def group_anchor(name: str) -> str:
    """The anchor of a skill group's heading on its area page (the toc extension's slug)."""
    return slugify(name, "-")


class Module(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    url: HttpUrl


class LearningPath(BaseModel):
    """A Microsoft Learn path; ``modules`` when we know them, else just ``module_count``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    area: int
    url: HttpUrl
    modules: list[Module] = Field(default_factory=list)
    module_count: int | None = Field(default=None, ge=1)

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
    raw = read_yaml(path)
    return parse_outline(raw, display_name(path), areas)


def parse_outline(raw: object, file: str, areas: Sequence[Area]) -> list[AreaOutline]:
    if not isinstance(raw, list):
        raise DataError(file, "file", "must be a list of areas with their skill groups")
    outlines = []
    for index, item in enumerate(raw, start=1):
        entry = f"area {item['area']}" if isinstance(item, dict) and "area" in item else f"entry {index}"
        try:
            outlines.append(AreaOutline.model_validate(item))
        except ValidationError as exc:
            raise DataError(file, entry, describe_validation_error(exc)) from exc
    known = {a.number for a in areas}
    listed = Counter(o.area for o in outlines)
    for outline in outlines:
        if outline.area not in known:
            raise DataError(file, f"area {outline.area}", "is not an area in data/areas.yml")
        if listed[outline.area] > 1:
            raise DataError(file, f"area {outline.area}", "is listed more than once")
    for number in sorted(known - listed.keys()):
        raise DataError(file, f"area {number}", "has no skills")
    ids = Counter(skill.id for o in outlines for skill in o.skills)
    for outline in outlines:
        for skill in outline.skills:
            if ids[skill.id] > 1:
                raise DataError(file, f"skill {skill.id}", "id is used by more than one skill")
    return sorted(outlines, key=lambda o: o.area)


def load_learning_paths(path: Path, areas: Sequence[Area]) -> list[LearningPath]:
    raw = read_yaml(path)
    return parse_learning_paths(raw, display_name(path), areas)


def parse_learning_paths(raw: object, file: str, areas: Sequence[Area]) -> list[LearningPath]:
    if not isinstance(raw, list):
        raise DataError(file, "file", "must be a list of learning paths")
    known = {a.number for a in areas}
    paths = []
    for index, item in enumerate(raw, start=1):
        entry = f"path {item['name']!r}" if isinstance(item, dict) and "name" in item else f"entry {index}"
        try:
            path = LearningPath.model_validate(item)
        except ValidationError as exc:
            raise DataError(file, entry, describe_validation_error(exc)) from exc
        if path.area not in known:
            raise DataError(file, entry, f"area {path.area} is not an area in data/areas.yml")
        paths.append(path)
    names = Counter(p.name for p in paths)
    for name, count in names.items():
        if count > 1:
            raise DataError(file, f"path {name!r}", "is listed more than once")
    return paths
