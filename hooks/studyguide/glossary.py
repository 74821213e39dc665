"""The glossary (``data/glossary.yml``): every term defined once, checked as a whole.

The glossary page, the key concepts of each homework page and the automatic links to
terms (``glossary_links``) are all derived from the ``Glossary`` loaded here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    StrictInt,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from .areas import Area, load_areas
from .datafiles import load_data, no_lines
from .errors import DataError, LineOf, Problems, validation_problems
from .exam import load_exam
from .guide import AREAS_FILE
from .rules import COMMON_WORDS, MAX_DEFINITION_CHARS, MIN_PHRASE_CHARS, PlainText
from .urllint import tracking_parameters

GLOSSARY_FILE = "glossary.yml"
# The docs/ page that holds the glossary; every automatic link points into it.
GLOSSARY_PAGE = "glossary.md"

# A term's doc link points to the exam's documentation host (data/exam.yml, the first of doc_hosts),
# passed to validation as the context key below; tracking parameters (studyguide.urllint's list) never
# reach the site.
DOC_HOST_KEY = "doc_host"
# A term's id: lowercase words joined by single hyphens. It is the entry's anchor on the glossary
# page and the key other data (flashcards) refer to, so it never changes when the name is reworded.
TERM_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class TermData(BaseModel):
    """One entry of the data file, as a contributor writes it."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: str
    name: PlainText = Field(min_length=1)
    aliases: list[PlainText] = Field(default_factory=list)
    definition: PlainText = ""
    areas: list[StrictInt] = Field(min_length=1)
    doc: HttpUrl | None = None

    @field_validator("id")
    @classmethod
    def _kebab_case(cls, value: str) -> str:
        if not re.fullmatch(TERM_ID_PATTERN, value):
            raise ValueError("must be lowercase letters and digits joined by single hyphens, like 'id-scope'")
        return value

    @field_validator("doc")
    @classmethod
    def _official_https_link(cls, url: HttpUrl | None, info: ValidationInfo) -> HttpUrl | None:
        if url is None:
            return url
        # None while data/exam.yml is invalid: the rest of the glossary is still checked.
        doc_host = (info.context or {}).get(DOC_HOST_KEY)
        if url.scheme != "https" or (doc_host is not None and url.host != doc_host):
            raise ValueError(f"must be an https://{doc_host or ''}/ address")
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


def load_glossary(data_dir: Path) -> Glossary:
    # Only the areas: the glossary needs no skills (the bench builds sites without them).
    areas = load_areas(data_dir / AREAS_FILE)
    doc_host = load_exam(data_dir).doc_host
    loaded = load_data(data_dir / GLOSSARY_FILE)
    return parse_glossary(loaded.data, loaded.file, areas, loaded.line, doc_host=doc_host)


def parse_glossary(raw: object, file: str, areas: Sequence[Area], line_of: LineOf = no_lines, *,
                   doc_host: str | None) -> Glossary:
    """Check the loaded file; ``doc_host`` is where a term's doc may point (data/exam.yml), None
    when that file is invalid (its own problems are reported; the host is checked once it is fixed)."""
    if not isinstance(raw, list) or not raw:
        raise DataError(file, "file", "must be a non-empty list of terms", line_of(()))
    problems = Problems()
    entries: list[tuple[int, TermData]] = []
    for index, item in enumerate(raw):
        try:
            entries.append((index, TermData.model_validate(item, context={DOC_HOST_KEY: doc_host})))
        except ValidationError as exc:
            problems.items += validation_problems(exc, file, raw, (index,), _term_label, line_of)
    known_areas = {a.number for a in areas}
    # Who owns each lowercased phrase: names and aliases share one namespace, since the
    # linker must know which entry a mention belongs to.
    owners: dict[str, str] = {}
    names: set[str] = set()
    ids: dict[str, str] = {}  # id → name of the term that has it
    terms = []
    for index, entry in entries:
        label = f"term {entry.name!r}"
        before = len(problems.items)

        def fail(problem: str, at: tuple[str | int, ...] = (), label: str = label, index: int = index) -> None:
            problems.add(file, label, problem, line_of((index, *at)))

        if not entry.definition:
            fail("definition is empty", ("definition",))
        elif len(entry.definition) > MAX_DEFINITION_CHARS:
            fail(f"definition is {len(entry.definition):,} characters; keep it under "
                 f"{MAX_DEFINITION_CHARS:,} (link the official document for the rest)", ("definition",))
        for number in entry.areas:
            if number not in known_areas:
                fail(f"area {number} is not an area in data/{AREAS_FILE}", ("areas",))
        if len(set(entry.areas)) != len(entry.areas):
            fail("lists an area twice", ("areas",))
        for position, phrase in enumerate((entry.name, *entry.aliases)):
            word_problem = phrase_problem(phrase)
            if word_problem:
                where: tuple[str | int, ...] = ("name",) if position == 0 else ("aliases", position - 1)
                fail(f"{'name' if position == 0 else f'alias {phrase!r}'} {word_problem}", where)
        key = phrase_key(entry.name)
        duplicate = key in names
        if duplicate:
            fail("is defined more than once")
        elif key in owners:
            fail(f"name is already an alias of term {owners[key]!r}")
        names.add(key)
        owners.setdefault(key, entry.name)
        plurals = {phrase_key(p) for p in map(plural, (entry.name, *entry.aliases)) if p}
        for position, alias in enumerate(entry.aliases):
            alias_key = phrase_key(alias)
            at = ("aliases", position)
            if not alias_key:
                fail("has an empty alias", at)
                continue
            if alias_key in plurals:
                fail(f"alias {alias!r} is a plural, and plurals match anyway", at)
            if alias_key in owners:
                owner = owners[alias_key]
                problem = (
                    "repeats an alias or the name"
                    if owner == entry.name
                    else f"is already claimed by term {owner!r}"
                )
                fail(f"alias {alias!r} {problem}", at)
                continue
            owners[alias_key] = entry.name
        if not term_anchor(entry.name):
            fail("name needs at least one letter or digit", ("name",))
        if entry.id in ids and not duplicate:
            fail(f"id {entry.id!r} is already the id of term {ids[entry.id]!r}", ("id",))
        else:
            ids.setdefault(entry.id, entry.name)
        if len(problems.items) > before:
            continue
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
    problems.check()
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


def phrase_problem(phrase: str) -> str | None:
    """Why a name or alias cannot be linked in prose (too short, an everyday word), or None."""
    key = phrase_key(phrase)
    if not key:
        return None  # reported as an empty alias or by the schema
    if len(key) < MIN_PHRASE_CHARS:
        return f"is shorter than {MIN_PHRASE_CHARS} characters"
    if key in COMMON_WORDS:
        return "is a common English word; every page would link it"
    return None


def _term_label(item: object, index: int) -> str:
    if isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"].strip():
        return f"term {item['name'].strip()!r}"
    return f"entry {index + 1}"
