"""The same site on three builders: studyguide.buildcompare on tiny hand-made sites, then the real
guide and the starter built with MkDocs, ProperDocs and Zensical (each in its own venv, made by the
Makefile) and compared with the MkDocs build."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT
from packaging.requirements import Requirement

from studyguide.buildcompare import (
    Difference,
    article_html,
    compare,
    compare_files,
    first_difference,
    leftover_markers,
    main,
)
from studyguide.crossbuild import (
    BUILDERS,
    GENERATED_FILES,
    MKDOCS,
    PROPERDOCS,
    ZENSICAL,
    Build,
    Builder,
    BuildFailed,
    build,
)
from studyguide.crossbuild import main as crossbuild_main

ARTICLE = '<article class="md-content__inner md-typeset">{}</article>'


def page(body: str, chrome: str = "<header>MkDocs</header>") -> str:
    """A built page: theme chrome around an article holding ``body``."""
    return f"<!doctype html><html><body>{chrome}<main>{ARTICLE.format(body)}</main></body></html>"


def site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def two_sites(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "a", tmp_path / "b"


def test_identical_sites_have_no_difference(two_sites: tuple[Path, Path]):
    a, b = two_sites
    files = {"index.html": page("<h1>Home</h1>"), "glossary/index.html": page("<p>Terms</p>"), "feed.xml": "<feed/>"}
    assert compare(site(a, files), site(b, files), ["feed.xml"]) == []


def test_a_differing_article_is_reported_with_its_first_differing_line(two_sites: tuple[Path, Path]):
    a, b = two_sites
    site(a, {"index.html": page("<h1>Home</h1>\n<p>one</p>\n<p>same</p>")})
    site(b, {"index.html": page("<h1>Home</h1>\n<p>two</p>\n<p>same</p>")})
    assert compare(a, b, label_a="mkdocs", label_b="zensical") == [
        Difference("index.html", "<article> differs at line 2, column 4: -<p>one</p> +<p>two</p>"),
    ]


def test_only_the_article_is_compared_not_the_theme_around_it(two_sites: tuple[Path, Path]):
    a, b = two_sites
    site(a, {"index.html": page("<p>x</p>", chrome="<header>MkDocs</header>")})
    site(b, {"index.html": page("<p>x</p>", chrome="<nav>Zensical</nav>")})
    assert compare(a, b) == []


def test_builder_specific_differences_are_normalised_away(two_sites: tuple[Path, Path]):
    a, b = two_sites
    # MkDocs: attribute kept, no skip anchor, home spelled "/base/.", its own indentation.
    site(a, {"g.html": page('\n  <h2 id="a" data-search-exclude>A</h2>\n\n<form action="/base/."></form><a href="/base/.">Home</a>\n  ')})
    # Zensical: skip anchor first, attribute removed by its search indexer, "/base/", other indentation.
    site(b, {"g.html": page('\n    <a id="__skip" tabindex="-1"></a>\n    <h2 id="a">A</h2>\n<form action="/base/"></form><a href="/base/">Home</a>\n')})
    assert compare(a, b) == []


def test_normalising_does_not_hide_whitespace_inside_content(two_sites: tuple[Path, Path]):
    a, b = two_sites
    site(a, {"p.html": page("<pre><code>a\n  b</code></pre>")})
    site(b, {"p.html": page("<pre><code>a\n b</code></pre>")})
    assert [d.path for d in compare(a, b)] == ["p.html"]


def test_normalising_removes_only_what_it_names(two_sites: tuple[Path, Path]):
    a, b = two_sites
    site(a, {"p.html": page('<a id="__skip"></a><h2 id="a" data-search-exclude class="x">A</h2><a id="top"></a>')})
    site(b, {"p.html": page('<h2 id="a" class="y">A</h2>')})
    site(a, {"q.html": page('<a href="../.">up</a>')})
    site(b, {"q.html": page('<a href="../..">up</a>')})
    assert [str(d) for d in compare(a, b)] == [
        'p.html: <article> differs at line 1, column 65: -…nt__inner md-typeset"><h2 id="a" class="x">A</h2><a id="top"></a></article> '
        '+…nt__inner md-typeset"><h2 id="a" class="y">A</h2></article>',
        'q.html: <article> differs at line 1, column 59: -…-content__inner md-typeset"><a href="../">up</a></article> '
        '+…-content__inner md-typeset"><a href="../..">up</a></article>',
    ]


def test_a_page_on_one_side_only_is_reported(two_sites: tuple[Path, Path]):
    a, b = two_sites
    site(a, {"index.html": page("<p>x</p>"), "print/index.html": page("<p>all</p>")})
    site(b, {"index.html": page("<p>x</p>"), "extra.html": page("<p>new</p>")})
    assert compare(a, b, label_a="mkdocs", label_b="zensical") == [
        Difference("print/index.html", "only in mkdocs"),
        Difference("extra.html", "only in zensical"),
    ]


def test_a_page_without_article_on_one_side_is_reported(two_sites: tuple[Path, Path]):
    a, b = two_sites
    site(a, {"index.html": page("<p>x</p>")})
    site(b, {"index.html": "<html><body><p>x</p></body></html>"})
    assert compare(a, b, label_b="zensical") == [Difference("index.html", "no <article> in zensical")]


def test_leftover_markers_are_counted_per_page_on_each_side(two_sites: tuple[Path, Path]):
    a, b = two_sites
    site(a, {"index.html": page("<p>x</p>")})
    # A builder that ignores the extension leaves the markers as HTML comments.
    site(b, {"index.html": page("<p>x</p><!-- guide:skills --><!--guide:weights-->")})
    assert compare(a, b, label_b="zensical") == [
        Difference("index.html", "2 unexpanded <!-- guide: marker(s) in zensical"),
        Difference("index.html", '<article> differs at line 1, column 56: -…"md-content__inner md-typeset"><p>x</p></article> '
                                 '+…"md-content__inner md-typeset"><p>x</p><!-- guide:skills --><!--guide:weights--></article>'),
    ]


def test_a_marker_shown_as_code_is_not_a_leftover(two_sites: tuple[Path, Path]):
    a, b = two_sites
    files = {"index.html": page("<p><code>&lt;!-- guide:skills --&gt;</code></p>")}
    assert compare(site(a, files), site(b, files)) == []


def test_named_files_must_be_byte_identical_and_present(two_sites: tuple[Path, Path]):
    a, b = two_sites
    site(a, {"feed.xml": "<feed>\n<id>1</id>\n</feed>", "data.json": "{}"})
    site(b, {"feed.xml": "<feed>\n<id>2</id>\n</feed>"})
    assert compare(a, b, ["feed.xml", "data.json", "absent.json"], "mkdocs", "zensical") == [
        Difference("feed.xml", "bytes differ (25 vs 25), line 2, column 5: -<id>1</id> +<id>2</id>"),
        Difference("data.json", "missing in zensical"),
        Difference("absent.json", "missing in mkdocs and zensical"),
    ]


def test_article_html_is_none_for_a_page_without_one():
    assert article_html("<html><body><p>redirect</p></body></html>") is None
    assert article_html("") is None


def test_first_difference_reports_an_extra_line():
    assert first_difference("a\nb", "a\nb\nc") == "line 3, column 1: - +c"


def test_cli_exits_1_and_lists_each_difference(two_sites: tuple[Path, Path], capsys: pytest.CaptureFixture[str]):
    a, b = two_sites
    site(a, {"index.html": page("<p>x</p>"), "feed.xml": "1"})
    site(b, {"index.html": page("<p>x</p>"), "feed.xml": "2"})
    assert main([str(a), str(b)]) == 0
    assert "same: 1 pages' articles, 0 file(s), no marker left" in capsys.readouterr().out
    assert main([str(a), str(b), "--files", "feed.xml"]) == 1
    assert capsys.readouterr().out == "feed.xml: bytes differ (1 vs 1), line 1, column 1: -1 +2\n"


# ---------- The real site on three builders ----------

# The guides built on every builder: this one, and the starter that proves the package is generic.
GUIDES = {"az220": ROOT, "starter": ROOT / "examples" / "starter"}


def require(builder: Builder) -> None:
    """Skip (locally) or fail (CI=true) when the builder's venv is missing, naming the make command."""
    if builder.command(ROOT).exists():
        return
    message = f"{builder.name} is not installed: run `make {builder.stamp}` (`make test` does)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Builder, str], Build]:
    """A builder's build of a guide (a key of GUIDES), made once per module on first use."""
    work = tmp_path_factory.mktemp("builders")
    builds: dict[tuple[str, str], Build] = {}

    def get(builder: Builder, guide: str) -> Build:
        require(builder)
        if (builder.name, guide) not in builds:
            builds[builder.name, guide] = build(builder, ROOT, work / guide, GUIDES[guide])
        return builds[builder.name, guide]

    return get


@pytest.fixture(params=list(GUIDES))
def guide(request: pytest.FixtureRequest) -> str:
    return str(request.param)


# Zensical runs no hooks: only the extension, and the generator run before it, fill its pages.
OTHER_BUILDERS = [PROPERDOCS, ZENSICAL]


@pytest.mark.build
@pytest.mark.parametrize("builder", OTHER_BUILDERS, ids=lambda b: b.name)
def test_every_page_has_the_same_article_as_mkdocs_and_no_marker_left(builder: Builder, guide: str,
                                                                        built: Callable[[Builder, str], Build]):
    reference, other = built(MKDOCS, guide).site, built(builder, guide).site
    assert [str(d) for d in compare(reference, other, (), MKDOCS.name, builder.name)] == []


@pytest.mark.build
@pytest.mark.parametrize("builder", [PROPERDOCS, ZENSICAL], ids=lambda b: b.name)
def test_generated_files_are_byte_identical_to_mkdocs(builder: Builder, guide: str,
                                                     built: Callable[[Builder, str], Build]):
    reference, other = built(MKDOCS, guide).site, built(builder, guide).site
    assert [str(d) for d in compare_files(reference, other, GENERATED_FILES, MKDOCS.name, builder.name)] == []


@pytest.mark.build
def test_the_mkdocs_build_itself_leaves_no_marker(guide: str, built: Callable[[Builder, str], Build]):
    assert [str(d) for d in leftover_markers(built(MKDOCS, guide).site, MKDOCS.name)] == []


# ---------- The venvs and their pins ----------


def test_venv_names_are_the_makefiles():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    names = dict(re.findall(r"^(\w+)\s*:=\s*(\S+)", makefile, re.MULTILINE))
    assert [b.venv for b in BUILDERS] == [names["VENV"], names["PROPERDOCS_VENV"], names["ZENSICAL_VENV"]]
    assert [b.stamp for b in BUILDERS] == [f"{b.venv}/.requirements-installed" for b in BUILDERS]
    assert names["STAMP"] == "$(VENV)/.requirements-installed"
    (test_rule,) = re.findall(r"^test:.*", makefile, re.MULTILINE)
    assert "$(PROPERDOCS_STAMP)" in test_rule and "$(ZENSICAL_STAMP)" in test_rule


def pins(name: str) -> dict[str, str]:
    """Normalised package name -> exact version; every line of ``name`` must pin exactly."""
    found = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-r "):
            continue
        requirement = Requirement(line)
        (spec,) = requirement.specifier
        assert spec.operator == "==", f"{name}: {line!r} is not pinned exactly"
        found[re.sub(r"[-_.]+", "-", requirement.name).lower()] = spec.version
    return found


def test_properdocs_adds_only_itself_to_the_serving_requirements():
    assert "-r requirements.txt" in (ROOT / "requirements-properdocs.txt").read_text(encoding="utf-8")
    assert pins("requirements-properdocs.txt") == {"properdocs": "1.6.7"}


def test_zensical_pins_what_the_package_needs_at_the_versions_mkdocs_uses():
    zensical, serving = pins("requirements-zensical.txt"), pins("requirements.txt")
    assert zensical["zensical"] == "0.0.73"
    assert "mkdocs" not in zensical and "mkdocs-material" not in zensical
    assert {name: v for name, v in zensical.items() if name in serving} == {
        name: serving[name] for name in zensical.keys() & serving.keys()
    }
    package = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    for dependency in map(Requirement, package):
        assert str(dependency.specifier) == f"=={zensical[re.sub(r'[-_.]+', '-', dependency.name).lower()]}"


# ---------- Error paths of the harness ----------


def test_a_missing_venv_skips_locally_and_fails_in_ci(monkeypatch: pytest.MonkeyPatch):
    absent = Builder("zensical", ".venv-absent", ".venv-absent/.requirements-installed")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"run `make \.venv-absent/\.requirements-installed`"):
        require(absent)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="zensical is not installed"):
        require(absent)


def test_a_failed_build_raises_with_the_builders_output(tmp_path: Path):
    require(MKDOCS)
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    (tmp_path / "mkdocs.yml").write_text("site_name: [unclosed\n", encoding="utf-8")
    with pytest.raises(BuildFailed, match="mkdocs build failed:") as failed:
        build(MKDOCS, tmp_path, tmp_path / "work")
    assert failed.value.builder is MKDOCS


def test_the_cli_names_the_make_command_for_a_missing_venv(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as exited:
        crossbuild_main(["--root", str(tmp_path)])
    assert exited.value.code == 2
    assert "(make .venv-zensical/.requirements-installed)" in capsys.readouterr().err


def _titles(site: Path) -> dict[str, str]:
    """Every page's <title>, which each builder sets outside the article (Zensical via set_title)."""
    found = {}
    for page in sorted(site.rglob("index.html")):
        match = re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.DOTALL)
        found[page.relative_to(site).as_posix()] = match.group(1).strip() if match else ""
    return found


@pytest.mark.build
@pytest.mark.parametrize("builder", OTHER_BUILDERS, ids=lambda b: b.name)
def test_area_pages_get_their_titles_from_data_on_every_builder(builder: Builder, guide: str,
                                                               built: Callable[[Builder, str], Build]):
    reference, other = _titles(built(MKDOCS, guide).site), _titles(built(builder, guide).site)
    areas = {page: title for page, title in reference.items() if page.startswith("areas/")}
    assert areas and all(" · " in title for title in areas.values())
    assert {page: other.get(page) for page in areas} == areas
