"""The glossary (``data/glossary.yml``): every term defined once, checked as a whole.

The glossary page, the key concepts of each homework page and the automatic links to
terms (``glossary_links``) are all derived from the ``Glossary`` loaded here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError, field_validator

from .areas import Area, load_areas
from .datafiles import DATA_DIR, display_name, read_yaml
from .errors import DataError, describe_validation_error
from .guide import AREAS_FILE
from .urllint import tracking_parameters

GLOSSARY_FILE = "glossary.yml"
# The docs/ page that holds the glossary; every automatic link points into it.
GLOSSARY_PAGE = "glossary.md"

# Official documents live here; tracking parameters (az220.urllint's list) never reach the site.
DOC_HOST = "learn.microsoft.com"
# A term's id: lowercase words joined by single hyphens. It is the entry's anchor on the glossary
# page and the key other data (flashcards) refer to, so it never changes when the name is reworded.
TERM_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class TermData(BaseModel):
    """One entry of the data file, as a contributor writes it."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: str
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    definition: str = ""
    areas: list[int] = Field(min_length=1)
    doc: HttpUrl | None = None

    @field_validator("id")
    @classmethod
    def _kebab_case(cls, value: str) -> str:
        if not re.fullmatch(TERM_ID_PATTERN, value):
            raise ValueError("must be lowercase letters and digits joined by single hyphens, like 'id-scope'")
        return value

    @field_validator("doc")
    @classmethod
    def _official_https_link(cls, url: HttpUrl | None) -> HttpUrl | None:
        if url is None:
            return url
        if url.scheme != "https" or url.host != DOC_HOST:
            raise ValueError(f"must be an https://{DOC_HOST}/ address")
        tracking = tracking_parameters(str(url))
        if tracking:
            raise ValueError(f"drop the tracking parameter {tracking[0]!r}")
        return url


@dataclass(frozen=True)
class Term:
    id: str  # stable key from the data file (kebab-case, unique)
    name: str
    aliases: tuple[str, ...]
    definition: str  # Markdown, written by us; escaped before it reaches a page
    areas: tuple[int, ...]
    doc: str | None = None

    @property
    def anchor(self) -> str:
        """The entry's id on the glossary page: the term's id, so renaming a term breaks no link."""
        return self.id

    @property
    def phrases(self) -> tuple[str, ...]:
        """What the linker looks for in pages: the name and every alias."""
        return (self.name, *self.aliases)

    @property
    def letter(self) -> str:
        """The A–Z jump-bar section the term is filed under (``#`` for anything else)."""
        first = self.name[0].upper()
        return first if "A" <= first <= "Z" else "#"


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]  # alphabetical
    areas: tuple[Area, ...]

    def term(self, anchor: str) -> Term:
        return next(t for t in self.terms if t.anchor == anchor)

    def terms_of_area(self, number: int) -> list[Term]:
        return [t for t in self.terms if number in t.areas]


def term_anchor(name: str) -> str:
    """A new term's ``id``: ``ID Scope`` → ``id-scope``; ``X.509 certificate`` → ``x-509-certificate``."""
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")


def sort_key(name: str) -> tuple[str, str]:
    return name.casefold(), name


def load_glossary(data_dir: Path = DATA_DIR) -> Glossary:
    # Only the areas: the glossary needs no skills (the bench builds sites without them).
    areas = load_areas(data_dir / AREAS_FILE)
    path = data_dir / GLOSSARY_FILE
    return parse_glossary(read_yaml(path), display_name(path), areas)


def parse_glossary(raw: object, file: str, areas: Sequence[Area]) -> Glossary:
    if not isinstance(raw, list) or not raw:
        raise DataError(file, "file", "must be a non-empty list of terms")
    entries = [_validate_entry(item, index, file) for index, item in enumerate(raw, start=1)]
    known_areas = {a.number for a in areas}
    # Who owns each lowercased phrase: names and aliases share one namespace, since the
    # linker must know which entry a mention belongs to.
    owners: dict[str, str] = {}
    names: set[str] = set()
    ids: dict[str, str] = {}  # id → name of the term that has it
    terms = []
    for entry in entries:
        label = f"term {entry.name!r}"
        if not entry.definition:
            raise DataError(file, label, "definition is empty")
        for number in entry.areas:
            if number not in known_areas:
                raise DataError(file, label, f"area {number} is not an area in data/{AREAS_FILE}")
        if len(set(entry.areas)) != len(entry.areas):
            raise DataError(file, label, "lists an area twice")
        key = phrase_key(entry.name)
        if key in names:
            raise DataError(file, label, "is defined more than once")
        if key in owners:
            raise DataError(file, label, f"name is already an alias of term {owners[key]!r}")
        names.add(key)
        owners[key] = entry.name
        plurals = {phrase_key(p) for p in map(plural, (entry.name, *entry.aliases)) if p}
        for alias in entry.aliases:
            alias_key = phrase_key(alias)
            if not alias_key:
                raise DataError(file, label, "has an empty alias")
            if alias_key in plurals:
                raise DataError(file, label, f"alias {alias!r} is a plural, and plurals match anyway")
            if alias_key in owners:
                owner = owners[alias_key]
                problem = (
                    "repeats an alias or the name"
                    if owner == entry.name
                    else f"is already claimed by term {owner!r}"
                )
                raise DataError(file, label, f"alias {alias!r} {problem}")
            owners[alias_key] = entry.name
        if not term_anchor(entry.name):
            raise DataError(file, label, "name needs at least one letter or digit")
        if entry.id in ids:
            raise DataError(file, label, f"id {entry.id!r} is already the id of term {ids[entry.id]!r}")
        ids[entry.id] = entry.name
        terms.append(
            Term(
                id=entry.id,
                name=entry.name,
                aliases=tuple(entry.aliases),
                definition=entry.definition,
                areas=tuple(entry.areas),
                doc=str(entry.doc) if entry.doc else None,
            )
        )
    terms.sort(key=lambda t: sort_key(t.name))
    return Glossary(terms=tuple(terms), areas=tuple(areas))


def is_exact_case(word: str) -> bool:
    """An abbreviation or brand (``ID``, ``DPS``, ``IoT``, ``edgeAgent``): a capital after the start."""
    return any(c.isupper() for c in word[1:])


def plural(phrase: str) -> str | None:
    """The phrase with its last word in a simple English plural, or None if it has none."""
    head, _, last = " ".join(phrase.split()).rpartition(" ")
    if not last.isalpha() or last[-1] in "sS":
        return None
    if is_exact_case(last) or last.isupper():
        form = last + "s"  # HSM → HSMs
    elif last[-1] in "xz" or last.endswith(("ch", "sh")):
        form = last + "es"
    elif last[-1] == "y" and len(last) > 1 and last[-2] not in "aeiou":
        form = last[:-1] + "ies"
    else:
        form = last + "s"
    return f"{head} {form}" if head else form


def phrase_key(text: str) -> str:
    """How a phrase is compared: case and runs of whitespace do not matter."""
    return " ".join(text.split()).casefold()


def _validate_entry(item: object, index: int, file: str) -> TermData:
    entry = (
        f"term {item['name']!r}" if isinstance(item, dict) and item.get("name") else f"entry {index}"
    )
    try:
        return TermData.model_validate(item)
    except ValidationError as exc:
        raise DataError(file, entry, describe_validation_error(exc)) from exc
