"""Markdown for the weight table, area headers, skills and learning paths.

Every function takes data and the src path of the page being rendered and
returns Markdown with relative ``.md`` links, which MkDocs then validates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .areas import Area
from .links import relative_link
from .outline import AreaOutline, LearningPath, SkillGroup
from .safe import md_link, md_text
from .safe import nav_title as safe_nav_title

HOME_PAGE = "index.md"
SKILLS_TABLE_ANCHOR = "skills-measured"


def weight_bar(area: Area, scale_max: int) -> str:
    """A CSS bar: solid up to the minimum weight, lighter up to the maximum.

    Widths are relative to ``scale_max`` (the largest maximum), so bars compare areas.
    """
    low = 100 * area.weight.min / scale_max
    spread = 100 * (area.weight.max - area.weight.min) / scale_max
    label = f"{area.weight.min} to {area.weight.max} percent of the exam"
    return (
        f'<span class="az-bar" role="img" aria-label="{label}">'
        f'<span class="az-bar__min" style="width: {low:g}%"></span>'
        f'<span class="az-bar__range" style="width: {spread:g}%"></span>'
        "</span>"
    )


def skills_table(
    areas: Sequence[Area], outlines: Sequence[AreaOutline], from_page: str = HOME_PAGE
) -> str:
    """The skills-measured table: number, linked area, weight range, bar, skill count."""
    scale_max = max(a.weight.max for a in areas)
    counts = {o.area: len(o.skills) for o in outlines}
    rows = [
        "| # | Skill area | Weight | Share of the exam | Skills |",
        "|--:|------------|--------|-------------------|-------:|",
    ]
    for area in sorted(areas, key=lambda a: a.number):
        link = f"[{md_text(area.name)}]({relative_link(from_page, area.page)})"
        count = counts.get(area.number, 0)
        skills = f'<span class="az-skill-count" data-area="{area.number}">{count}</span>'
        rows.append(
            f"| {area.number} | {link} | {area.weight.label()} | "
            f"{weight_bar(area, scale_max)} | {skills} |"
        )
    # attr_list cannot class a table (a trailing "{ .x }" became an extra row): wrap it instead.
    table = "\n".join(rows)
    return f'<div class="az-skills-table" markdown>\n\n{table}\n\n</div>\n'


def weight_rank(area: Area, areas: Sequence[Area]) -> tuple[int, bool]:
    """1-based rank by weight (midpoint, heaviest first) and whether the rank is shared."""
    heavier = sum(1 for a in areas if a.weight.midpoint > area.weight.midpoint)
    tied = sum(1 for a in areas if a.weight.midpoint == area.weight.midpoint) > 1
    return heavier + 1, tied


def nav_title(area: Area) -> str:
    """Short label for the navigation and the browser tab (HTML, as MkDocs titles are)."""
    return safe_nav_title(f"{area.number} · {area.short_name}")


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def area_header(area: Area, areas: Sequence[Area], outline: AreaOutline) -> str:
    """A homework page's title and the line under it: weight, place in the exam, size."""
    rank, tied = weight_rank(area, areas)
    place = f"{'joint ' if tied else ''}{ordinal(rank)} of {len(areas)} by weight"
    table = relative_link(area.page, HOME_PAGE, SKILLS_TABLE_ANCHOR)
    return (
        f"# {md_text(area.name)}\n\n"
        f"**Skill area {area.number} of {len(areas)}** · "
        f'<span class="az-weight">{area.weight.label()}</span> of the exam ({place}) · '
        f"{size_phrase(outline)} · [all areas]({table})\n"
        "{ .az-area-header }\n"
    )


def skills_list(outline: AreaOutline, group_notes: Callable[[SkillGroup], str] | None = None) -> str:
    """Every skill group as a heading and its skills as a list with stable ids.

    ``group_notes`` gives extra Markdown shown before a group's skills (retirement notices).
    """
    parts = []
    for group in outline.groups:
        parts.append(f"### {md_text(group.name)} {{ #{group.anchor} }}\n")
        parts.append(f"Overview to read first: {md_link(group.name, str(group.url))}\n")
        notes = group_notes(group) if group_notes else ""
        if notes:
            parts.append(notes)
        for skill in group.skills:
            parts.append(f"- {md_link(skill.name, str(skill.url))}")
            parts.append(f'    {{ #{skill_anchor(skill.id)} .az-skill data-skill="{skill.id}" }}')
        parts.append("")
    return "\n".join(parts)


def size_phrase(outline: AreaOutline) -> str:
    """``13 skills in 4 groups``."""
    return f"{plural(len(outline.skills), 'skill')} in {plural(len(outline.groups), 'group')}"


def skill_anchor(skill_id: str) -> str:
    return f"skill-{skill_id}"


def plural(count: int, word: str) -> str:
    """``1 skill``, ``2 skills``: every noun we count takes a plain -s."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def learning_paths_list(paths: Sequence[LearningPath], area: int) -> str:
    """The area's learning paths with module counts and, where known, the modules."""
    lines = []
    for path in (p for p in paths if p.area == area):
        lines.append(f"- {md_link(path.name, str(path.url))} — {plural(path.count, 'module')}")
        for number, module in enumerate(path.modules, start=1):
            lines.append(f"    {number}. {md_link(module.name, str(module.url))}")
    if not lines:
        return "_No learning path is mapped to this area._\n"
    return "\n".join(lines) + "\n"


def all_learning_paths(
    areas: Sequence[Area], paths: Sequence[LearningPath], from_page: str = HOME_PAGE
) -> str:
    """Home page: one collapsible block per area with its paths and modules."""
    blocks = []
    for area in sorted(areas, key=lambda a: a.number):
        own = [p for p in paths if p.area == area.number]
        modules = sum(p.count for p in own)
        title = f"{area.number} · {md_text(area.name)} — {plural(len(own), 'path')}, {plural(modules, 'module')}"
        body = learning_paths_list(paths, area.number)
        link = relative_link(from_page, area.page)
        body += f"\nHomework for this area: [{md_text(area.short_name)}]({link})\n"
        indented = "\n".join(f"    {line}" if line else "" for line in body.splitlines())
        blocks.append(f'??? abstract "{title}"\n\n{indented}\n')
    return "\n".join(blocks)


def heaviest_areas(areas: Sequence[Area], from_page: str = HOME_PAGE) -> str:
    """The areas with the largest weight (ties included) as inline links, for a sentence:
    ``[2 · Devices](…), [3 · IoT Edge](…) and [5 · Data](…) (15–20% each)``."""
    top = max(a.weight.midpoint for a in areas)
    heaviest = sorted((a for a in areas if a.weight.midpoint == top), key=lambda a: a.number)
    links = [md_link(f"{a.number} · {a.short_name}", relative_link(from_page, a.page)) for a in heaviest]
    listed = links[0] if len(links) == 1 else ", ".join(links[:-1]) + " and " + links[-1]
    labels = {a.weight.label() for a in heaviest}
    if len(labels) > 1:  # same midpoint, different ranges: no one figure fits them all
        return listed
    return f"{listed} ({labels.pop()}{' each' if len(heaviest) > 1 else ''})"
