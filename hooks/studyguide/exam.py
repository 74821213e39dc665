"""The exam's own facts, from ``data/exam.yml``: its code, name, vendor, official links, the hosts
its documentation lives on, the exam-code pattern of the URL lint and the learner's storage prefix.

Every renderer, rule and script that needs one of these takes it from ``load_exam`` so that a
guide for another exam changes the data file, not the code. The exam's status and dates are not
here: they live in ``data/changelog.yml`` (``retired_on``, the updates).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, HttpUrl, ValidationError, field_validator

from .datafiles import file_signature, load_data, no_lines
from .errors import PATTERN_WORDS, DataError, LineOf, validation_problems
from .rules import PlainText

EXAM_FILE = "exam.yml"

STORAGE_PREFIX = r"^[a-z][a-z0-9-]{0,31}$"
PATTERN_WORDS[STORAGE_PREFIX] = "must be lowercase letters, digits and hyphens, starting with a letter"
# A host name as it appears in a URL: lowercase labels joined by dots, at least two labels.
HOST_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$"
PATTERN_WORDS[HOST_PATTERN] = "must be a lowercase host name like learn.example.com, with no scheme or path"
# An exam code as printed: letters, a hyphen, digits (like the code in data/exam.yml).
EXAM_CODE_PATTERN = r"^[A-Z]{1,4}-[0-9]{2,4}$"
PATTERN_WORDS[EXAM_CODE_PATTERN] = "must be capital letters, a hyphen and digits, like XY-123"
# A GitHub user or organisation name.
GITHUB_OWNER_PATTERN = r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$"
PATTERN_WORDS[GITHUB_OWNER_PATTERN] = "must be a GitHub organisation name: letters, digits and hyphens"


def _code_regex(value: str) -> str:
    """The URL lint's exam-code pattern: a regular expression with exactly two groups."""
    try:
        compiled = re.compile(value, re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"is not a regular expression ({exc})") from exc
    if compiled.groups != 2:
        raise ValueError("needs exactly two groups: the letters and the number of an exam code")
    return value


def _distinct(values: list[str]) -> list[str]:
    if len(set(values)) != len(values):
        raise ValueError("lists a host twice")
    return values


Host = Annotated[str, Field(pattern=HOST_PATTERN)]


class ExamLinks(BaseModel):
    """The official pages the site links to about the exam itself."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    exam_page: HttpUrl
    skills_outline: HttpUrl
    certification: HttpUrl

    @field_validator("exam_page", "skills_outline", "certification")
    @classmethod
    def _https(cls, url: HttpUrl) -> HttpUrl:
        if url.scheme != "https":
            raise ValueError("must be an https:// address")
        return url


class ExamData(BaseModel):
    """``data/exam.yml``, as a contributor writes it."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    code: str = Field(pattern=EXAM_CODE_PATTERN)
    name: PlainText = Field(min_length=1)
    vendor: PlainText = Field(min_length=1)
    links: ExamLinks
    doc_hosts: Annotated[list[Host], Field(min_length=1), AfterValidator(_distinct)]
    github_owner: str = Field(pattern=GITHUB_OWNER_PATTERN)
    legacy_hosts: Annotated[list[Host], AfterValidator(_distinct)] = Field(default_factory=list)
    exam_code_pattern: Annotated[str, AfterValidator(_code_regex)]
    storage_prefix: str = Field(pattern=STORAGE_PREFIX)
    docs_name: PlainText = Field(min_length=1)
    # What every official lab of this exam assumes (Markdown, one or two sentences); optional.
    labs_note: PlainText = ""

    @property
    def doc_host(self) -> str:
        """Where glossary terms link: the first documentation host."""
        return self.doc_hosts[0]

    @property
    def reading_sites(self) -> ReadingSites:
        return ReadingSites(tuple(self.doc_hosts), self.github_owner)

    @property
    def exam_code(self) -> re.Pattern[str]:
        """The URL lint's exam-code matcher, not glued to a longer word or number."""
        return re.compile(rf"(?<![A-Za-z0-9])(?:{self.exam_code_pattern})(?![0-9])", re.IGNORECASE)


@dataclass(frozen=True)
class ReadingSites:
    """Where a question's reading link may point: the doc hosts and one GitHub owner's repositories."""

    hosts: tuple[str, ...]
    github_owner: str

    def allows(self, host: str, path: str) -> bool:
        return host in self.hosts or (host == "github.com" and path.startswith(f"/{self.github_owner}/"))

    def __str__(self) -> str:
        return f"{', '.join(self.hosts)} or github.com/{self.github_owner}"


def parse_exam(raw: object, file: str, line_of: LineOf = no_lines) -> ExamData:
    if not isinstance(raw, dict):
        raise DataError(file, "file", "must be a mapping of keys, like code: XY-123", line_of(()))
    try:
        exam = ExamData.model_validate(raw)
    except ValidationError as exc:
        raise DataError.of(validation_problems(exc, file, raw, (), _no_label, line_of)) from exc
    overlap = sorted(set(exam.doc_hosts) & set(exam.legacy_hosts))
    if overlap:
        raise DataError(file, "legacy_hosts", f"{overlap[0]} is also in doc_hosts", line_of(("legacy_hosts",)))
    return exam


def _no_label(item: object, index: int) -> str:
    return f"entry {index + 1}"  # exam.yml has no list of entries at its top level


def load_exam(data_dir: Path) -> ExamData:
    """The exam's facts, read once per change of the file (``mkdocs serve`` rebuilds)."""
    path = data_dir / EXAM_FILE
    signature = file_signature(data_dir, (EXAM_FILE,))
    return _load_cached(path, signature)


@lru_cache(maxsize=4)
def _load_cached(path: Path, signature: tuple[tuple[str, int, int], ...]) -> ExamData:
    loaded = load_data(path)
    return parse_exam(loaded.data, loaded.file, loaded.line)


def load_storage_prefix(data_dir: Path) -> str:
    """The prefix of every key the study tools store in the learner's browser."""
    return load_exam(data_dir).storage_prefix
