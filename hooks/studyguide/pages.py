"""Checks on the docs/ pages themselves, before and after they are rendered.

- a page is UTF-8 (a pasted Windows-1252 byte is named with its line and column);
- a page is not a symlink that leads outside the project (the build would publish that file);
- a page that needs a marker has it exactly once, written exactly (``<!-- guide:skills -->``):
  a missing marker would leave a section silently empty, a second one would repeat its ids,
  and ``<!-- Guide:Skills -->`` would stay an invisible comment;
- no two elements of a rendered page share an id: two headings with the same text, or a
  heading and a glossary term that make the same anchor, would make one of the links wrong.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from .datafiles import decode_utf8
from .errors import DataError, Problem, Problems
from .markers import MARKER

# Something meant as a marker, however it is spelled: any case, stray spaces.
LOOSE_MARKER = re.compile(r"<!--\s*guide\s*:\s*(?P<name>[^\s>]*?)\s*-->", re.IGNORECASE)

# Markers a page cannot do without (``{area}``: every page of an area in data/areas.yml).
HOME_MARKERS = ("skills-table", "learning-paths-all", "outline-status")
AREA_MARKERS = ("area-header", "skills", "learning-paths", "key-concepts", "exam-updates",
                "study-plan", "labs", "pitfalls", "self-check")
PAGE_MARKERS: Mapping[str, tuple[str, ...]] = {
    "index.md": HOME_MARKERS,
    "glossary.md": ("glossary",),
    "changelog.md": ("changelog",),
    "mock-exam.md": ("mock-exam",),
    "flashcards.md": ("flashcards",),
    "print.md": ("print",),
}
# Pages that generated content on every other page links to.
REQUIRED_PAGES: Mapping[str, str] = {
    "glossary.md": "every glossary link points to it",
    "changelog.md": "every area's exam-update note points to it",
}

# YAML front matter as MkDocs reads it (mkdocs.utils.meta): the page's Markdown starts after it.
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)?(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter, the Markdown the builder converts)."""
    found = _FRONT_MATTER.match(text)
    if found is None:
        return "", text
    return found.group(1) or "", text[found.end():]


# The ids the toc extension gives a heading whose slug is taken: "setup", then "setup_1".
_ID = re.compile(r'\sid="([^"]+)"')
_DEDUPED = re.compile(r"^(?P<base>.+)_(?P<n>\d+)$")


def page_name(src: str) -> str:
    return f"docs/{src}"


def read_page(path: Path, src: str, root: Path) -> str:
    """A page's text; DataError if it is a symlink out of ``root`` or not UTF-8."""
    check_inside(path, src, root)
    return decode_utf8(path.read_bytes(), page_name(src))


def check_inside(path: Path, src: str, root: Path) -> None:
    target = path.resolve()
    if not target.is_relative_to(root.resolve()):
        raise DataError(page_name(src), "page", f"is a link to {target}, outside the project; "
                        "copy the page into docs/ instead")


def marker_problems(text: str, src: str, required: Iterable[str]) -> list[Problem]:
    """Markers written loosely, repeated, or missing on a page that needs them."""
    file = page_name(src)
    problems: list[Problem] = []
    exact = Counter[str]()
    for found in LOOSE_MARKER.finditer(text):
        line = text.count("\n", 0, found.start()) + 1
        if MARKER.fullmatch(found.group(0)) is None:
            problems.append(Problem(
                file, f"marker {found.group(0)}",
                f"write markers exactly as {_canonical(found.group('name').lower())}", line))
            continue
        exact[found.group("name")] += 1
        if exact[found.group("name")] == 2:
            problems.append(Problem(file, f"marker {found.group(0)}",
                                    "appears more than once; each marker belongs once on a page", line))
    for name in required:
        if not exact[name]:
            problems.append(Problem(file, f"marker {_canonical(name)}",
                                    "is missing; this page's generated section would be empty"))
    return problems


def _canonical(name: str) -> str:
    return f"<!-- guide:{name} -->"


def required_markers(src: str, area_pages: Iterable[str]) -> tuple[str, ...]:
    if src in set(area_pages):
        return AREA_MARKERS
    return PAGE_MARKERS.get(src, ())


def missing_pages(doc_pages: Iterable[str]) -> list[Problem]:
    """The required pages (``REQUIRED_PAGES``) that are not among a build's pages."""
    present = set(doc_pages)
    return [Problem(page_name(src), "page", f"is missing; {why}")
            for src, why in REQUIRED_PAGES.items() if src not in present]


def check_pages(pages: Iterable[tuple[str, Path]], root: Path, area_pages: Iterable[str],
                more: Callable[[str, str], list[Problem]] | None = None) -> None:
    """Read every page (``src`` path, file) and raise every problem found, at once;
    ``more(src, text)`` adds checks of a page's text."""
    area_pages = list(area_pages)
    problems = Problems()
    for src, path in pages:
        try:
            text = read_page(path, src, root)
        except DataError as exc:
            problems.extend(exc)
            continue
        problems.items += marker_problems(text, src, required_markers(src, area_pages))
        if more is not None:
            problems.items += more(src, text)
    problems.check()


def duplicate_ids(html: str, src: str) -> list[Problem]:
    """Ids used twice in a rendered page, and headings the toc extension had to renumber."""
    ids = _ID.findall(html)
    counts = Counter(ids)
    present = set(ids)
    problems = []
    for anchor, count in counts.items():
        if count > 1:
            problems.append(Problem(page_name(src), f"anchor #{anchor}",
                                    f"is used by {count} elements; links to it would reach only the first"))
        renumbered = _DEDUPED.match(anchor)
        if renumbered and renumbered.group("base") in present:
            problems.append(Problem(
                page_name(src), f"anchor #{renumbered.group('base')}",
                "is made by two headings (or a heading and a glossary term); rename one of them"))
    return problems
