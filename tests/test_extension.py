"""The studyguide.extension Markdown extension, its marker registry and its builder adapter,
driven with plain Python-Markdown (no builder) on a copy of the real project."""

from __future__ import annotations

import shutil
from pathlib import Path

import markdown
import pytest
from conftest import ROOT, copy_project
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import _RelativePathTreeprocessor

from studyguide import backlinks, registry
from studyguide.builder import page_context
from studyguide.errors import DataError
from studyguide.extension import StudyGuideExtension, expand_page, page_backlinks
from studyguide.glossary import GLOSSARY_PAGE
from studyguide.pages import split_front_matter
from studyguide.project import Project
from studyguide.site import _load_site, load_site

# The extensions the real mkdocs.yml lists before ours (what MkDocs would pass too).
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc",
              "pymdownx.details", "pymdownx.superfences"]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("ext") / "project")


@pytest.fixture(autouse=True)
def fresh_site() -> None:
    # Each test sees its own Site: the mentions memo must not leak between tests.
    _load_site.cache_clear()


def convert(project: Path, page: str, text: str | None = None) -> str:
    if text is None:
        text = split_front_matter((project / "docs" / page).read_text(encoding="utf-8"))[1]
    ext = StudyGuideExtension(root=str(project), page=page, extensions=EXTENSIONS)
    return markdown.Markdown(extensions=[*EXTENSIONS, ext]).convert(text)


# --- markers ----------------------------------------------------------------------------------


def test_the_known_markers_are_the_registry(project: Path) -> None:
    assert registry.KNOWN_MARKERS == frozenset(registry.MARKERS)
    for name, marker in registry.MARKERS.items():
        assert marker.description and marker.where, name


def test_every_required_marker_is_in_the_registry() -> None:
    from studyguide.pages import AREA_MARKERS, PAGE_MARKERS

    required = set(AREA_MARKERS).union(*PAGE_MARKERS.values())
    assert required <= registry.KNOWN_MARKERS


def test_a_marker_becomes_its_rendering(project: Path) -> None:
    site = load_site(Project.at(project))
    expected = registry.MARKERS["skills-table"].render(site, "notes.md")
    assert expand_page(site, "notes.md", "Intro\n\n<!-- guide:skills-table -->\n") == f"Intro\n\n{expected}\n"


def test_an_unknown_and_a_misplaced_marker_are_reported_together(project: Path) -> None:
    site = load_site(Project.at(project))
    text = "# Notes\n\n<!-- guide:skils -->\n\n<!-- guide:skills -->\n\n<!-- guide:glossary -->\n"
    with pytest.raises(DataError) as caught:
        expand_page(site, "notes.md", text)
    known = ", ".join(sorted(registry.MARKERS))
    assert [str(p) for p in caught.value.problems] == [
        f"docs/notes.md:3: marker <!-- guide:skils -->: is not a marker the guide knows (known: {known})",
        "docs/notes.md:5: marker <!-- guide:skills -->: belongs on an area page (data/areas.yml)",
        "docs/notes.md:7: marker <!-- guide:glossary -->: belongs on docs/glossary.md only",
    ]


def test_a_page_missing_its_marker_is_refused(project: Path) -> None:
    with pytest.raises(DataError) as caught:
        convert(project, "glossary.md", "# Glossary\n")
    assert str(caught.value) == (
        "docs/glossary.md: marker <!-- guide:glossary -->: is missing; this page's generated section would be empty")


def test_render_marker_refuses_a_misplaced_marker(project: Path) -> None:
    site = load_site(Project.at(project))
    with pytest.raises(registry.MisplacedMarker, match=r"belongs on docs/print\.md only"):
        registry.render_marker(site, "print", "index.md")


def test_markdown_with_markers_but_no_page_raises() -> None:
    md = markdown.Markdown(extensions=[StudyGuideExtension()])
    with pytest.raises(DataError, match="no builder says which page it is"):
        md.convert("<!-- guide:skills -->")


def test_markdown_without_markers_or_page_is_left_alone() -> None:
    md = markdown.Markdown(extensions=[StudyGuideExtension()])
    assert md.convert("See [x](https://example.org).") == '<p>See <a href="https://example.org">x</a>.</p>'


def test_a_page_gets_term_links_and_noopener(project: Path) -> None:
    html = convert(project, "notes.md", "# Notes\n\nA device twin, see [docs](https://example.org/x).\n")
    assert '<a class="az-glossary-link" href="glossary.md#device-twin"' in html
    assert '<a href="https://example.org/x" rel="noopener">docs</a>' in html


def test_bad_data_raises_with_every_problem(tmp_path: Path) -> None:
    broken = copy_project(tmp_path / "project")
    areas = broken / "data" / "areas.yml"
    areas.write_text(areas.read_text(encoding="utf-8").replace("min: ", "min: x", 2), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        convert(broken, "index.md")
    assert len(caught.value.problems) >= 2
    assert all(str(p).startswith("data/areas.yml:") for p in caught.value.problems)


def test_ids_used_twice_raise_unless_the_builder_checks_them(project: Path) -> None:
    text = "# Notes\n\n## Setup\n\none\n\n## Setup\n\ntwo\n"
    with pytest.raises(DataError, match="anchor #setup: is made by two headings"):
        convert(project, "notes.md", text)
    ext = StudyGuideExtension(root=str(project), page="notes.md", check_ids=False, extensions=EXTENSIONS)
    assert 'id="setup_1"' in markdown.Markdown(extensions=[*EXTENSIONS, ext]).convert(text)


# --- backlinks: the same whatever the render order ---------------------------------------------


def _glossary_after(project: Path, first: list[str]) -> str:
    _load_site.cache_clear()
    for page in first:
        convert(project, page)
    return convert(project, GLOSSARY_PAGE)


def test_backlinks_do_not_depend_on_the_render_order(project: Path) -> None:
    pages = [p for p in backlinks.doc_pages(project / "docs") if p not in backlinks.NOT_BACKLINKED]
    alone = _glossary_after(project, [])
    after_all = _glossary_after(project, pages)
    after_some = _glossary_after(project, list(reversed(pages))[:3])
    assert alone == after_all == after_some
    assert 'Appears on:</strong> <a href="areas/03-iot-edge.md">3 · IoT Edge</a>' in alone


def test_pages_rendered_before_the_glossary_are_not_converted_again(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = [p for p in backlinks.doc_pages(project / "docs") if p not in backlinks.NOT_BACKLINKED]
    for page in pages:
        convert(project, page)
    converted: list[str] = []
    real = markdown.Markdown

    def counting(*args: object, **kwargs: object) -> markdown.Markdown:
        converted.append("one")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("studyguide.extension.markdown.Markdown", counting)
    convert(project, GLOSSARY_PAGE)
    assert converted == ["one"]  # the glossary's own conversion, and no other page's


def test_an_edited_page_is_converted_again_for_the_backlinks(project: Path, tmp_path: Path) -> None:
    copy = copy_project(tmp_path / "edited")
    site = load_site(Project.at(copy))
    context = StudyGuideExtension(root=str(copy), page=GLOSSARY_PAGE, extensions=EXTENSIONS).context(
        markdown.Markdown())
    assert context is not None
    before = page_backlinks(site, context)
    planner = copy / "docs" / "planner.md"
    planner.write_text(planner.read_text(encoding="utf-8") + "\nA module twin.\n", encoding="utf-8")
    after = page_backlinks(site, context)
    assert "planner.md" not in [r.src for r in before.get("module-twin", [])]
    assert "planner.md" in [r.src for r in after["module-twin"]]


def test_nav_entries_flatten_an_mkdocs_nav() -> None:
    nav = [{"Home": "index.md"}, {"Areas": ["areas/1.md", {"Two": "areas/2.md"}]},
           {"Site": "https://example.org/"}, "notes.md"]
    assert list(backlinks.nav_entries(nav)) == [
        ("Home", "index.md"), (None, "areas/1.md"), ("Two", "areas/2.md"), (None, "notes.md")]


@pytest.mark.parametrize(("text", "nav", "title"), [
    ("# Heading\n", None, "Heading"),
    ("# Heading #\n", "Nav", "Nav"),
    ("no heading\n", None, "x.md"),
])
def test_page_title(text: str, nav: str | None, title: str) -> None:
    assert backlinks.page_title("x.md", "", text, nav) == title


def test_page_title_from_front_matter() -> None:
    front, text = split_front_matter("---\ntitle: From meta\n---\n# Heading\n")
    assert backlinks.page_title("x.md", front, text, None) == "From meta"


# --- the builder adapter -------------------------------------------------------------------------


def test_mkdocs_page_context(tmp_path: Path) -> None:
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    file = File("areas/03-iot-edge.md", config.docs_dir, str(tmp_path / "site"), config.use_directory_urls)
    md = markdown.Markdown()
    _RelativePathTreeprocessor(file, Files([file]), config)._register(md)
    context = page_context(md)
    assert context is not None
    assert (context.src, context.root, context.docs_dir, context.builder) == (
        "areas/03-iot-edge.md", ROOT, ROOT / "docs", "mkdocs")
    assert "studyguide.extension" in context.extensions
    assert context.extension_configs["studyguide.extension"] == {"data_dir": "data"}
    assert context.set_title is None  # MkDocs takes nav titles from the hook's on_nav


def test_zensical_nav_reads_as_mkdocs_nav() -> None:
    from studyguide.builder import mkdocs_nav

    parsed = [{"title": "Home", "url": "index.md", "children": []},
              {"title": "Areas", "url": None, "children": [
                  {"title": None, "url": "areas/1.md", "children": []}]}]
    assert list(backlinks.nav_entries(mkdocs_nav(parsed))) == [("Home", "index.md"), (None, "areas/1.md")]


def test_no_builder_no_context() -> None:
    assert page_context(markdown.Markdown()) is None


def test_the_data_dir_comes_from_the_option_not_the_package(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shutil.move(project / "data", project / "facts")
    ext = StudyGuideExtension(root=str(project), page="index.md", data_dir="facts")
    text = split_front_matter((project / "docs" / "index.md").read_text(encoding="utf-8"))[1]
    assert "az-skills-table" in markdown.Markdown(extensions=[*EXTENSIONS, ext]).convert(text)
