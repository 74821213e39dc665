"""The seven skill areas and their exam weights (``data/areas.yml``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError

from .datafiles import load_data, no_lines
from .errors import PATTERN_WORDS, DataError, LineOf, Problems, validation_problems
from .rules import PlainText

# Pages in this folder of docs/ are homework pages: each must belong to an area.
HOMEWORK_DIR = "areas/"
PAGE_PATTERN = r"^[a-z0-9/_.-]+\.md$"
PATTERN_WORDS[PAGE_PATTERN] = "must be a page in docs/, like areas/01-name.md"


class Weight(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # Strict: YAML's `true` is not 1 %.
    min: StrictInt
    max: StrictInt

    @property
    def midpoint(self) -> float:
        return (self.min + self.max) / 2

    def label(self) -> str:
        return f"{self.min}–{self.max}%"


class Area(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    number: StrictInt
    name: PlainText = Field(min_length=1)
    short_name: PlainText = Field(min_length=1)
    weight: Weight
    page: str = Field(pattern=PAGE_PATTERN)


def load_areas(path: Path) -> list[Area]:
    """Read and validate the areas file; every problem is reported, naming the area and line."""
    loaded = load_data(path)
    return parse_areas(loaded.data, loaded.file, loaded.line)


def parse_areas(raw: object, file: str, line_of: LineOf = no_lines) -> list[Area]:
    if not isinstance(raw, list) or not raw:
        raise DataError(file, "file", "must be a non-empty list of areas", line_of(()))
    problems = Problems()
    areas = []
    lines: dict[int, int | None] = {}
    for index, item in enumerate(raw):
        try:
            area = Area.model_validate(item)
        except ValidationError as exc:
            problems.items += validation_problems(exc, file, raw, (index,), _entry_name, line_of)
            continue
        areas.append(area)
        lines.setdefault(area.number, line_of((index,)))
    check_areas(areas, file, problems, complete=not problems, line_of_area=lambda a: lines.get(a.number))
    problems.check()
    return areas


def check_areas(
    areas: Sequence[Area], file: str, problems: Problems | None = None, *, complete: bool = True,
    line_of_area: Callable[[Area], int | None] = lambda area: None,
) -> None:
    """The rules a weight table must follow to describe a real exam.

    Adds to ``problems`` (or raises them when none is given). ``complete=False`` (some
    records were invalid) skips the rules about the whole table, which would only mislead.
    """
    found = Problems() if problems is None else problems
    for area in areas:
        entry, line = area_label(area), line_of_area(area)
        if not (0 <= area.weight.min <= 100 and 0 <= area.weight.max <= 100):
            found.add(file, entry, f"weight {area.weight.min}–{area.weight.max} is outside 0–100", line)
        elif area.weight.min > area.weight.max:
            found.add(file, entry, f"weight min {area.weight.min} is greater than max {area.weight.max}", line)
    counts = Counter(area.number for area in areas)
    for number, count in sorted(counts.items()):
        if count > 1:
            names = ", ".join(a.name for a in areas if a.number == number)
            found.add(file, f"area {number}", f"number used {count} times ({names})",
                      line_of_area(next(a for a in areas if a.number == number)))
    pages = Counter(area.page for area in areas)
    for area in areas:
        if pages[area.page] > 1:
            found.add(file, area_label(area), f"page {area.page} is used by more than one area", line_of_area(area))
    if complete:
        expected = set(range(1, len(areas) + 1))
        missing = sorted(expected - counts.keys())
        if missing:
            found.add(
                file,
                f"area {missing[0]}",
                f"missing: areas must be numbered 1–{len(areas)} without gaps "
                f"(found {', '.join(str(n) for n in sorted(counts))})",
            )
        total_min = sum(a.weight.min for a in areas)
        total_max = sum(a.weight.max for a in areas)
        if total_min > 100:
            found.add(file, "all areas", f"minimum weights add up to {total_min}%, more than 100%")
        if total_max < 100:
            found.add(file, "all areas", f"maximum weights add up to {total_max}%, less than 100%")
    if problems is None:
        found.check()


def check_area_pages(areas: Sequence[Area], doc_pages: Iterable[str], file: str) -> None:
    """Every area's page exists, and every homework page has an area."""
    doc_pages = set(doc_pages)
    problems = Problems()
    for area in areas:
        if area.page not in doc_pages:
            problems.add(file, area_label(area), f"page {area.page} does not exist in docs/")
    claimed = {area.page for area in areas}
    for page in sorted(doc_pages):
        if page.startswith(HOMEWORK_DIR) and page not in claimed:
            problems.add(file, f"page {page}", "is a homework page but no area lists it")
    problems.check()


def area_label(area: Area) -> str:
    return f"area {area.number} ({area.name})"


def area_for_page(areas: Sequence[Area], page: str) -> Area | None:
    return next((a for a in areas if a.page == page), None)


def _entry_name(item: object, index: int) -> str:
    """``index`` counts from 0."""
    if isinstance(item, dict) and "number" in item:
        name = item.get("name")
        return f"area {item['number']}" + (f" ({name})" if isinstance(name, str) else "")
    return f"entry {index + 1}"
