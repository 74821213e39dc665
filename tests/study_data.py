"""Small valid data for the retirement and study-path unit tests (imported by both modules)."""

from __future__ import annotations

from studyguide.areas import Area, parse_areas
from studyguide.outline import AreaOutline, parse_outline


def areas() -> list[Area]:
    """Two areas whose weights pass every rule."""
    return parse_areas(
        [
            {"number": 1, "name": "One", "short_name": "1", "weight": {"min": 40, "max": 60},
             "page": "areas/1.md"},
            {"number": 2, "name": "Two", "short_name": "2", "weight": {"min": 40, "max": 60},
             "page": "areas/2.md"},
        ],
        "data/areas.yml",
    )


def outlines() -> list[AreaOutline]:
    """Area 1: group "Hub" (skills a, b); area 2: group "Edge" (skill c)."""
    def group(name: str, *ids: str) -> dict:
        return {"name": name, "url": f"https://example.org/{name.lower()}",
                "skills": [{"id": i, "name": f"Skill {i}", "url": f"https://example.org/{i}"} for i in ids]}

    return parse_outline(
        [{"area": 1, "groups": [group("Hub", "a", "b")]}, {"area": 2, "groups": [group("Edge", "c")]}],
        "data/skills.yml", areas(),
    )


def retirement(**changes: object) -> dict:
    """A valid retired entry naming group "Hub"; keyword arguments replace or add fields."""
    entry: dict = {
        "id": "old-service", "what": "Old service", "change": "retired", "date": "2025-03-31",
        "note": "Study it from the old documents.", "groups": ["Hub"],
    }
    entry.update(changes)
    return entry
