"""The seven skill areas and their exam weights (``data/areas.yml``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .datafiles import display_name, read_yaml
from .errors import DataError, describe_validation_error

# Pages in this folder of docs/ are homework pages: each must belong to an area.
HOMEWORK_DIR = "areas/"


class Weight(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min: int
    max: int

    @property
    def midpoint(self) -> float:
        return (self.min + self.max) / 2

    def label(self) -> str:
        return f"{self.min}–{self.max}%"


class Area(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    number: int
    name: str = Field(min_length=1)
    short_name: str = Field(min_length=1)
    weight: Weight
    page: str = Field(pattern=r"^[a-z0-9/_.-]+\.md$")


def load_areas(path: Path) -> list[Area]:
    """Read and validate the areas file; any problem raises DataError naming the area."""
    raw = read_yaml(path)
    return parse_areas(raw, display_name(path))


def parse_areas(raw: object, file: str) -> list[Area]:
    if not isinstance(raw, list) or not raw:
        raise DataError(file, "file", "must be a non-empty list of areas")
    areas = []
    for index, item in enumerate(raw, start=1):
        try:
            areas.append(Area.model_validate(item))
        except ValidationError as exc:
            raise DataError(file, _entry_name(item, index), describe_validation_error(exc)) from exc
    check_areas(areas, file)
    return areas


def check_areas(areas: Sequence[Area], file: str) -> None:
    """The rules a weight table must follow to describe a real exam."""
    for area in areas:
        entry = area_label(area)
        if not (0 <= area.weight.min <= 100 and 0 <= area.weight.max <= 100):
            raise DataError(file, entry, f"weight {area.weight.min}–{area.weight.max} is outside 0–100")
        if area.weight.min > area.weight.max:
            raise DataError(
                file, entry, f"weight min {area.weight.min} is greater than max {area.weight.max}"
            )
    counts = Counter(area.number for area in areas)
    for number, count in sorted(counts.items()):
        if count > 1:
            names = ", ".join(a.name for a in areas if a.number == number)
            raise DataError(file, f"area {number}", f"number used {count} times ({names})")
    expected = set(range(1, len(areas) + 1))
    missing = sorted(expected - counts.keys())
    if missing:
        raise DataError(
            file,
            f"area {missing[0]}",
            f"missing: areas must be numbered 1–{len(areas)} without gaps "
            f"(found {', '.join(str(n) for n in sorted(counts))})",
        )
    pages = Counter(area.page for area in areas)
    for area in areas:
        if pages[area.page] > 1:
            raise DataError(file, area_label(area), f"page {area.page} is used by more than one area")
    total_min = sum(a.weight.min for a in areas)
    total_max = sum(a.weight.max for a in areas)
    if total_min > 100:
        raise DataError(file, "all areas", f"minimum weights add up to {total_min}%, more than 100%")
    if total_max < 100:
        raise DataError(file, "all areas", f"maximum weights add up to {total_max}%, less than 100%")


def check_area_pages(areas: Sequence[Area], doc_pages: Iterable[str], file: str) -> None:
    """Every area's page exists, and every homework page has an area."""
    doc_pages = set(doc_pages)
    for area in areas:
        if area.page not in doc_pages:
            raise DataError(file, area_label(area), f"page {area.page} does not exist in docs/")
    claimed = {area.page for area in areas}
    for page in sorted(doc_pages):
        if page.startswith(HOMEWORK_DIR) and page not in claimed:
            raise DataError(file, f"page {page}", "is a homework page but no area lists it")


def area_label(area: Area) -> str:
    return f"area {area.number} ({area.name})"


def area_for_page(areas: Sequence[Area], page: str) -> Area | None:
    return next((a for a in areas if a.page == page), None)


def _entry_name(item: object, index: int) -> str:
    if isinstance(item, dict) and "number" in item:
        return f"area {item['number']}" + (f" ({item['name']})" if "name" in item else "")
    return f"entry {index}"
