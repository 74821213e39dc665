"""The starter example (examples/starter/): a guide for a made-up exam, checked with the package's own
pure functions, so a second guide is proven to need data and pages only, no code.

Building it is left to a build test (it needs the studyguide extension and hook); these tests read its
files the way the build does: every data file through ``validate_all``, every page through
``check_pages`` and the marker rules, every URL through the URL lint.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import ROOT

from studyguide.areas import check_area_pages, load_areas
from studyguide.changelog import load_changelog
from studyguide.datafiles import DATA_FILES
from studyguide.exam import ExamData, load_exam
from studyguide.guide import AREAS_FILE, CHANGELOG_FILE, SKILLS_FILE
from studyguide.markers import marker_names
from studyguide.outline import load_outline
from studyguide.pages import check_pages, marker_problems, required_markers
from studyguide.urllint import lint_data, yaml_links
from studyguide.validate import validate_all

STARTER = ROOT / "examples" / "starter"
DOCS = STARTER / "docs"
DATA = STARTER / "data"
PRINT_PAGE = "print.md"
# The only hosts the example may link to: the names reserved for examples (RFC 2606), and their subdomains.
RESERVED_DOMAINS = ("example.org", "example.com", "example.net")
# What the example itself is written in; generated files and the built site/ are not the example's text.
AUTHORED_SUFFIXES = frozenset({".md", ".yml"})
# Theme files the build writes for each guide; the starter gets its own, so they are never linked.
GENERATED_PARTIAL = re.compile(r"^guide-.*\.html$")


def pages(docs: Path) -> dict[str, Path]:
    """Every Markdown page under ``docs``, keyed by its path there (``areas/01-x.md``)."""
    return {path.relative_to(docs).as_posix(): path for path in sorted(docs.rglob("*.md"))}


def authored_files(root: Path) -> Iterator[Path]:
    """The example's own text files: no links to the generator's files, nothing built or generated."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != "site" and not (Path(folder) / d).is_symlink()]
        for name in files:
            path = Path(folder) / name
            if path.suffix in AUTHORED_SUFFIXES and not path.is_symlink():
                yield path


def exam_facts(exam: ExamData) -> set[str]:
    """Words that name an exam: its code (with and without the hyphen), name, vendor, GitHub owner,
    storage prefix and documentation hosts."""
    return {exam.code, exam.code.replace("-", ""), exam.name, exam.vendor, exam.github_owner,
            exam.storage_prefix, *exam.doc_hosts, *exam.legacy_hosts}


def mentions(text: str, facts: Iterable[str]) -> list[str]:
    """The facts named in ``text`` as words of their own (case-insensitive), sorted."""
    return sorted(fact for fact in facts
                  if re.search(rf"(?<![\w-]){re.escape(fact)}(?![\w-])", text, re.IGNORECASE))


def off_reserved_hosts(urls: Iterable[str]) -> list[str]:
    """URLs whose host is not a reserved example domain."""
    found = []
    for url in urls:
        host = urlsplit(url).hostname or ""
        if not any(host == domain or host.endswith("." + domain) for domain in RESERVED_DOMAINS):
            found.append(url)
    return found


PAGE_URL = re.compile(r"https?://[^\s)>\"'\]]+")


def links_in_starter() -> list[str]:
    # Pages as plain text: any absolute URL written in them (the build lints their rendered links).
    urls = [url for path in pages(DOCS).values() for url in PAGE_URL.findall(path.read_text("utf-8"))]
    for name in DATA_FILES:
        path = DATA / name
        urls += [link.url for link in yaml_links(path.read_text("utf-8"), file=f"data/{name}")]
    return urls


def area_pages() -> list[str]:
    return [area.page for area in load_areas(DATA / AREAS_FILE)]


def load_config(path: Path) -> dict[str, object]:
    config = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(config, dict), path
    return config


def nav_pages(nav: object) -> Iterator[str]:
    """Every page a MkDocs ``nav`` lists, however deeply nested."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from nav_pages(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_pages(value)


# ---------- The data: valid as the build checks it ----------


def test_every_data_file_the_build_reads_is_there() -> None:
    assert sorted(p.name for p in DATA.glob("*.yml")) == sorted(DATA_FILES)


def test_data_is_valid() -> None:
    validate_all(DATA)  # raises DataError listing every problem


def test_every_area_has_its_page_and_every_area_page_an_area() -> None:
    check_area_pages(load_areas(DATA / AREAS_FILE), pages(DOCS), f"data/{AREAS_FILE}")


def test_the_exam_is_active() -> None:
    """The starter shows the other status of a guide: no retirement, so no banner."""
    areas = load_areas(DATA / AREAS_FILE)
    changelog = load_changelog(DATA / CHANGELOG_FILE, areas, load_outline(DATA / SKILLS_FILE, areas))
    assert changelog.retired_on is None
    assert changelog.updates


def test_the_starter_is_its_own_exam() -> None:
    """Its own code and storage prefix: on one host, two guides never share a learner's saved progress."""
    starter, real = load_exam(DATA), load_exam(ROOT / "data")
    assert starter.code != real.code
    assert starter.storage_prefix != real.storage_prefix


# ---------- The pages: the markers the build requires ----------


def test_pages_pass_the_builds_page_checks() -> None:
    check_pages(pages(DOCS).items(), STARTER, area_pages())  # raises DataError listing every problem


@pytest.mark.parametrize("src", sorted(pages(DOCS)))
def test_page_has_each_required_marker_once(src: str) -> None:
    text = pages(DOCS)[src].read_text("utf-8")
    assert marker_problems(text, src, required_markers(src, area_pages())) == []


def test_pages_use_the_markers_of_the_real_guides_pages() -> None:
    """Each starter page has the generated sections of the real page in the same role, so the
    example exercises everything the generator renders."""
    real_pages = pages(ROOT / "docs")
    real_areas = [area.page for area in load_areas(ROOT / "data" / AREAS_FILE)]
    area_markers = {name for page in real_areas for name in marker_names(real_pages[page].read_text("utf-8"))}
    starter_areas = area_pages()
    for src, path in pages(DOCS).items():
        if src == PRINT_PAGE:
            continue  # the real print page is generated today (see the test below)
        expected = area_markers if src in starter_areas else set(marker_names(real_pages[src].read_text("utf-8")))
        assert set(marker_names(path.read_text("utf-8"))) == expected, src
    with_markers = {src for src, path in real_pages.items()
                    if src not in real_areas and marker_names(path.read_text("utf-8"))}
    assert with_markers <= set(pages(DOCS)), "a page of the real guide with generated sections has no starter page"


def test_print_page_holds_only_its_marker() -> None:
    assert (DOCS / PRINT_PAGE).read_text("utf-8").strip() == "<!-- guide:print -->"


def test_nav_lists_every_page_once() -> None:
    nav = list(nav_pages(load_config(STARTER / "mkdocs.yml")["nav"]))
    assert sorted(nav) == sorted(pages(DOCS))


# ---------- Links: well-formed, and only to reserved example hosts ----------


def test_data_urls_pass_the_url_lint() -> None:
    # Pages' links are linted as they are built (tests/test_starter_site.py builds them strictly).
    assert [str(finding) for finding in lint_data(DATA)] == []


def test_links_go_only_to_reserved_example_hosts() -> None:
    urls = links_in_starter()
    assert urls, "no external link was found: the check would pass on anything"
    assert off_reserved_hosts(urls) == []


def test_off_reserved_hosts_finds_a_real_host() -> None:
    assert off_reserved_hosts(["https://docs.example.org/a", "https://example.com/", "https://learn.example.net/x",
                               "https://example.org.evil.test/", "https://notexample.org/"]) == [
        "https://example.org.evil.test/", "https://notexample.org/"]


# ---------- Nothing of the real exam ----------


def test_no_fact_of_the_real_exam_in_the_starter() -> None:
    facts = exam_facts(load_exam(ROOT / "data"))
    files = list(authored_files(STARTER))
    assert any(path.name == "exam.yml" for path in files)
    found = {path.relative_to(STARTER).as_posix(): mentions(path.read_text("utf-8"), facts) for path in files}
    assert {name: named for name, named in found.items() if named} == {}


def test_mentions_finds_a_planted_exam_code() -> None:
    real = load_exam(ROOT / "data")
    facts = exam_facts(real)
    assert mentions(f"Study for {real.code.lower()} first.", facts) == [real.code]
    assert mentions(f"A {real.vendor} page", facts) == [real.vendor]
    assert mentions("XY-101 only", facts) == []


# ---------- The generator's theme and assets: linked, not copied ----------


def test_links_to_the_generators_files_resolve_inside_the_repository() -> None:
    links = [path for path in STARTER.rglob("*") if path.is_symlink()]
    assert links
    for path in links:
        target = path.resolve()
        assert target.is_file(), f"{path} leads nowhere"
        assert target.is_relative_to(ROOT) and not target.is_relative_to(STARTER), path


def test_every_theme_file_and_asset_of_the_generator_is_linked() -> None:
    """A new override or script of the generator reaches the starter too, or this fails."""
    shared = [path for path in (ROOT / "overrides").rglob("*.html") if not GENERATED_PARTIAL.match(path.name)]
    shared += [*(ROOT / "docs" / "javascripts").glob("*.js"), *(ROOT / "docs" / "stylesheets").glob("*.css")]
    assert shared
    for source in shared:
        relative = source.relative_to(ROOT)
        linked = STARTER / relative
        assert linked.is_symlink() and linked.resolve() == source.resolve(), f"{relative} is not linked"


def test_config_loads_the_same_scripts_and_stylesheets_as_the_real_guide() -> None:
    starter, real = load_config(STARTER / "mkdocs.yml"), load_config(ROOT / "mkdocs.yml")
    assert starter["extra_css"] == real["extra_css"]
    assert starter["extra_javascript"] == real["extra_javascript"]
