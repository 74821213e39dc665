"""The pre-build generator: settings read from mkdocs.yml, its outputs, how it writes, its CLI.

Every test works on a temp copy of the project (``project_copy``) or on a small config written
here, never on the repository's docs/ or overrides/.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import jinja2
import pytest
from conftest import ROOT, copy_project

from studyguide import generate as gen
from studyguide.changelog_feed import atom_feed
from studyguide.changelog_render import long_date
from studyguide.errors import DataError
from studyguide.generate import (
    SiteSettings,
    announce_partial,
    generate,
    head_partial,
    main,
    outputs,
    page_url,
    read_settings,
    stale,
)
from studyguide.project import Project
from studyguide.site import load_site
from studyguide.study import build_learner_data, study_data_json

HOSTILE_NAME = "{{ 7*7 }}<script>alert(1)</script>{% include 'x' %}{# c #}"
HOSTILE_NAME_ESCAPED = (
    "&#123;&#123; 7*7 &#125;&#125;&lt;script&gt;alert(1)&lt;/script&gt;"
    "&#123;% include &#39;x&#39; %&#125;&#123;# c #&#125;"
)
# Where the generated files of a project go, relative to its folder.
GENERATED = (
    "docs/javascripts/study-outline.json",
    "docs/feed.xml",
    "overrides/partials/guide-head.html",
    "overrides/partials/guide-announce.html",
)


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project without generated files (a developer's checkout may hold them)."""
    project = copy_project(tmp_path / "project")
    for name in GENERATED:
        (project / name).unlink(missing_ok=True)
    return project


def write_config(folder: Path, text: str) -> Path:
    path = folder / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def edit(path: Path, pattern: str, replacement: str) -> None:
    """Replace the one line matching ``pattern`` (a regex); fails if it does not match once."""
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(pattern, replacement, text, flags=re.MULTILINE)
    assert count == 1, pattern
    path.write_text(new, encoding="utf-8")


# --- reading mkdocs.yml ------------------------------------------------------------------------


def test_settings_from_a_mapping_entry_with_its_options(tmp_path: Path):
    config = write_config(tmp_path, """\
site_name: Guide
site_url: https://example.org/guide/
docs_dir: pages
theme:
  name: material
  custom_dir: theme
markdown_extensions:
  - toc:
      permalink: true
  - studyguide.extension:
      data_dir: guide-data
""")
    assert read_settings(config) == SiteSettings(
        project=Project(root=tmp_path.resolve(), docs_dir=tmp_path.resolve() / "pages",
                        data_dir=tmp_path.resolve() / "guide-data"),
        site_name="Guide",
        site_url="https://example.org/guide/",
        use_directory_urls=True,
        theme_dir=tmp_path.resolve() / "theme",
    )


def test_settings_defaults_from_a_string_entry(tmp_path: Path):
    config = write_config(tmp_path, """\
site_name: Guide
theme: material
use_directory_urls: false
markdown_extensions:
  - abbr
  - studyguide.extension
""")
    assert read_settings(config) == SiteSettings(
        project=Project(root=tmp_path.resolve(), docs_dir=tmp_path.resolve() / "docs",
                        data_dir=tmp_path.resolve() / "data"),
        site_name="Guide",
        site_url=None,
        use_directory_urls=False,
        theme_dir=None,
    )


def test_settings_from_mkdocs_mapping_form_of_extensions(tmp_path: Path):
    config = write_config(tmp_path, """\
site_name: Guide
markdown_extensions:
  abbr: {}
  studyguide.extension:
    data_dir: facts
""")
    assert read_settings(config).project.data_dir == tmp_path.resolve() / "facts"


def test_site_url_gets_its_trailing_slash_and_empty_means_none(tmp_path: Path):
    config = write_config(tmp_path, "site_name: G\nsite_url: https://example.org/guide\n"
                                    "markdown_extensions: [studyguide.extension]\n")
    assert read_settings(config).site_url == "https://example.org/guide/"
    config = write_config(tmp_path, "site_name: G\nsite_url: ''\nmarkdown_extensions: [studyguide.extension]\n")
    assert read_settings(config).site_url is None


ENV_CONFIG = """\
site_name: Guide
site_url: !ENV [GUIDE_TEST_SITE_URL, "https://example.org/fallback/"]
use_directory_urls: !ENV [GUIDE_TEST_DIR_URLS, true]
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.snippets:
      base_path: !relative $config_dir
  - studyguide.extension:
      data_dir: !ENV GUIDE_TEST_DATA_DIR
"""


def test_env_tags_take_their_default_when_unset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    for name in ("GUIDE_TEST_SITE_URL", "GUIDE_TEST_DIR_URLS", "GUIDE_TEST_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    settings = read_settings(write_config(tmp_path, ENV_CONFIG))
    assert settings.site_url == "https://example.org/fallback/"
    assert settings.use_directory_urls is True
    assert settings.project.data_dir == tmp_path.resolve() / "data"  # no variable, no default: None


def test_env_tags_read_the_environment_typed_like_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GUIDE_TEST_SITE_URL", "https://example.com/from-env/")
    monkeypatch.setenv("GUIDE_TEST_DIR_URLS", "false")
    monkeypatch.setenv("GUIDE_TEST_DATA_DIR", "env-data")
    settings = read_settings(write_config(tmp_path, ENV_CONFIG))
    assert settings.site_url == "https://example.com/from-env/"
    assert settings.use_directory_urls is False
    assert settings.project.data_dir == tmp_path.resolve() / "env-data"


VALID_TAIL = "markdown_extensions:\n  - studyguide.extension\n"


@pytest.mark.parametrize(("text", "entry", "problem"), [
    ("- site_name: G\n", "file", "must be a mapping of settings (site_name: ..., nav: ...)"),
    ("", "file", "must be a mapping of settings (site_name: ..., nav: ...)"),
    ("INHERIT: base.yml\n" + "site_name: G\n" + VALID_TAIL, "INHERIT",
     "is not supported by the generator: write the settings out"),
    (VALID_TAIL, "site_name", "is required and must be text"),
    ("site_name: [G]\n" + VALID_TAIL, "site_name", "is required and must be text"),
    ("site_name: G\nmarkdown_extensions:\n  - abbr\n", "markdown_extensions",
     "does not list studyguide.extension, so this is not a study guide (add it, with data_dir: data)"),
    ("site_name: G\n", "markdown_extensions",
     "does not list studyguide.extension, so this is not a study guide (add it, with data_dir: data)"),
    ("site_name: G\nmarkdown_extensions: studyguide.extension\n", "markdown_extensions",
     "must be a list of extensions"),
    ("site_name: G\nmarkdown_extensions:\n  - {abbr: {}, toc: {}}\n", "markdown_extensions",
     "each entry must be a name or a name with its options (found {'abbr': {}, 'toc': {}})"),
    ("site_name: G\nmarkdown_extensions:\n  - studyguide.extension: data\n", "studyguide.extension",
     "its options must be a mapping (data_dir: data)"),
    ("site_name: G\nmarkdown_extensions:\n  - studyguide.extension:\n      data_dir: 3\n", "data_dir",
     "must be text (found 3)"),
    ("site_name: G\ndocs_dir: ''\n" + VALID_TAIL, "docs_dir", "must be text (found '')"),
    ("site_name: G\nsite_url: example.org/guide\n" + VALID_TAIL, "site_url",
     "must be an absolute address like https://example.org/guide/ (found 'example.org/guide')"),
    ("site_name: G\nuse_directory_urls: sometimes\n" + VALID_TAIL, "use_directory_urls",
     "must be true or false (found 'sometimes')"),
    ("site_name: G\ntheme: [material]\n" + VALID_TAIL, "theme",
     "must be a theme name or a mapping of theme settings"),
    ("site_name: G\ntheme:\n  custom_dir: 7\n" + VALID_TAIL, "theme.custom_dir",
     "must be a folder name (found 7)"),
    ("site_name: G\nsite_url: !ENV {a: b}\n" + VALID_TAIL, "YAML",
     "invalid YAML (!ENV takes a variable name or a list of them)"),
    ("site_name: 'G\n" + VALID_TAIL, "YAML", None),  # an unclosed quote: the YAML error's own words
])
def test_a_bad_config_names_the_file_and_the_setting(tmp_path: Path, text: str, entry: str, problem: str | None):
    config = write_config(tmp_path, text)
    with pytest.raises(DataError) as caught:
        read_settings(config)
    assert (caught.value.file, caught.value.entry) == (str(config), entry)
    if problem is not None:
        assert caught.value.problem == problem
    else:
        assert caught.value.problem.startswith("invalid YAML (a quoted string opens here")
        assert caught.value.line == 1


def test_a_missing_config_is_named(tmp_path: Path):
    with pytest.raises(DataError) as caught:
        read_settings(tmp_path / "mkdocs.yml")
    assert str(caught.value) == f"{tmp_path / 'mkdocs.yml'}: file: cannot be read (No such file or directory)"


def test_a_config_that_is_not_utf8_is_named(tmp_path: Path):
    config = tmp_path / "mkdocs.yml"
    config.write_bytes(b"site_name: Caf\xe9\n")
    with pytest.raises(DataError) as caught:
        read_settings(config)
    assert str(caught.value) == f"{config}: file: cannot be read (it is not UTF-8)"


def test_the_real_config_reads():
    settings = read_settings(ROOT / "mkdocs.yml")
    assert settings.project == Project.at(ROOT, "docs", "data")
    assert settings.theme_dir == ROOT / "overrides"
    assert settings.site_url is not None and settings.site_url.endswith("/")


# --- what is generated -------------------------------------------------------------------------


@pytest.mark.parametrize(("src", "directory_urls", "url"), [
    ("changelog.md", True, "changelog/"),
    ("changelog.md", False, "changelog.html"),
    ("areas/01-hubs.md", True, "areas/01-hubs/"),
    ("areas/01-hubs.md", False, "areas/01-hubs.html"),
    ("index.md", True, ""),
    ("index.md", False, "index.html"),
    ("guide/README.md", True, "guide/"),
])
def test_page_url_as_mkdocs_gives_it(src: str, directory_urls: bool, url: str):
    assert page_url(src, directory_urls) == url


def test_outputs_are_what_the_pure_functions_give(project_copy: Path):
    settings = read_settings(project_copy / "mkdocs.yml")
    assert settings.site_url is not None
    found = outputs(settings)
    assert sorted(found) == sorted(project_copy.resolve() / name for name in GENERATED)
    site = load_site(settings.project)
    assert found[settings.project.docs_dir / "javascripts/study-outline.json"] == study_data_json(
        site.guide.areas, site.guide.outlines, build_learner_data(site.guide, True)).encode("utf-8")
    assert found[settings.project.docs_dir / "feed.xml"] == atom_feed(
        site.changelog, site.guide.areas, exam=site.exam, site_name=settings.site_name,
        page_url=f"{settings.site_url}changelog/", feed_url=f"{settings.site_url}feed.xml")
    assert not any((project_copy / name).exists() for name in GENERATED)  # outputs() writes nothing


def test_outputs_follow_use_directory_urls(project_copy: Path):
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")
    settings = read_settings(config)
    assert settings.site_url is not None
    found = outputs(settings)
    site = load_site(settings.project)
    assert found[settings.project.docs_dir / "javascripts/study-outline.json"] == study_data_json(
        site.guide.areas, site.guide.outlines, build_learner_data(site.guide, False)).encode("utf-8")
    assert found[settings.project.docs_dir / "feed.xml"] == atom_feed(
        site.changelog, site.guide.areas, exam=site.exam, site_name=settings.site_name,
        page_url=f"{settings.site_url}changelog.html", feed_url=f"{settings.site_url}feed.xml")
    announce = found[project_copy.resolve() / "overrides/partials/guide-announce.html"].decode()
    assert "{{ 'changelog.html' | url }}#exam-retired" in announce


def test_no_site_url_no_feed_and_no_feed_link(project_copy: Path):
    edit(project_copy / "mkdocs.yml", r"^site_url: .*\n", "")
    found = outputs(read_settings(project_copy / "mkdocs.yml"))
    assert sorted(found) == sorted(project_copy.resolve() / name for name in GENERATED if name != "docs/feed.xml")
    assert found[project_copy.resolve() / "overrides/partials/guide-head.html"] == b""


def test_no_custom_dir_no_partials(project_copy: Path):
    edit(project_copy / "mkdocs.yml", r"^  custom_dir: .*\n", "")
    found = outputs(read_settings(project_copy / "mkdocs.yml"))
    assert sorted(found) == sorted(project_copy.resolve() / name for name in GENERATED[:2])


def test_a_missing_changelog_page_is_named(project_copy: Path):
    (project_copy / "docs" / "changelog.md").unlink()
    with pytest.raises(DataError) as caught:
        outputs(read_settings(project_copy / "mkdocs.yml"))
    assert str(caught.value) == ("docs/changelog.md: file: is missing: the exam updates, their feed and "
                                 "the retirement banner link to it")


def test_bad_data_fails_with_the_data_files_problem(project_copy: Path):
    edit(project_copy / "data" / "exam.yml", r"^code: .*$", "code: not a code")
    with pytest.raises(DataError) as caught:
        outputs(read_settings(project_copy / "mkdocs.yml"))
    assert caught.value.file == "data/exam.yml"
    assert caught.value.entry == "code"


# --- the partials as the theme renders them ---------------------------------------------------

# Material's base.html, cut to what main.html extends: the banner exists only when the block is not empty.
BASE = """\
<head>{% block extrahead %}{% endblock %}</head>
{% if self.announce() %}<aside class="md-banner">{% block announce %}{% endblock %}</aside>{% endif %}
"""


def render_main(partials: dict[str, str]) -> str:
    """overrides/main.html over BASE, with ``url`` as a page two levels down sees it."""
    templates = {"base.html": BASE, "main.html": (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")}
    templates |= {f"partials/{name}": text for name, text in partials.items()}
    env = jinja2.Environment(loader=jinja2.DictLoader(templates), autoescape=True)
    env.filters["url"] = lambda target: f"../../{target}"
    return env.get_template("main.html").render()


def test_banner_partial_exact_html():
    assert announce_partial("XY-101", date(2024, 2, 29), "changelog/") == (
        '<p class="az-retired">\n'
        '    XY-101 was retired on <time datetime="2024-02-29">29 February 2024</time>:\n'
        "    this guide is kept as an archive\n"
        """    (<a href="{{ 'changelog/' | url }}#exam-retired">exam updates</a>).\n"""
        "  </p>"
    )
    assert announce_partial("XY-101", None, "changelog/") == ""


def test_head_partial_exact_html():
    assert head_partial("Guide", has_feed=True) == (
        """<link rel="alternate" type="application/atom+xml" title="Guide — exam updates (Atom)" """
        """href="{{ 'feed.xml' | url }}">"""
    )
    assert head_partial("Guide", has_feed=False) == ""


def test_main_html_shows_the_generated_banner_and_feed_link(project_copy: Path):
    settings = read_settings(project_copy / "mkdocs.yml")
    generate(settings)
    partials = settings.theme_dir / "partials" if settings.theme_dir else project_copy
    site = load_site(settings.project)
    retired = site.changelog.retired_on
    assert retired is not None
    html = render_main({name: (partials / name).read_text(encoding="utf-8")
                        for name in ("guide-head.html", "guide-announce.html")})
    assert html == (
        "<head>\n  \n  "
        f'<link rel="alternate" type="application/atom+xml" title="{settings.site_name} — exam updates (Atom)" '
        'href="../../feed.xml">\n</head>\n'
        '<aside class="md-banner"><p class="az-retired">\n'
        f'    {site.exam.code} was retired on <time datetime="{retired.isoformat()}">{long_date(retired)}</time>:\n'
        "    this guide is kept as an archive\n"
        '    (<a href="../../changelog/#exam-retired">exam updates</a>).\n'
        "  </p></aside>"
    )


def test_an_active_exam_gets_an_empty_partial_and_no_banner(project_copy: Path):
    edit(project_copy / "data" / "changelog.yml", r"^retired_on: .*\n", "")
    settings = read_settings(project_copy / "mkdocs.yml")
    generate(settings)
    announce = project_copy / "overrides" / "partials" / "guide-announce.html"
    assert announce.read_bytes() == b""
    html = render_main({"guide-head.html": "", "guide-announce.html": announce.read_text(encoding="utf-8")})
    assert html == "<head>\n  \n  \n</head>\n"


def test_main_html_renders_without_the_partials():
    """Before the generator has run (``ignore missing``): no banner, no link, no error."""
    assert render_main({}) == "<head>\n  \n  \n</head>\n"


def test_hostile_values_stay_text_when_the_theme_renders_them(project_copy: Path):
    edit(project_copy / "mkdocs.yml", r"^site_name: .*$", f'site_name: "{HOSTILE_NAME}"')
    settings = read_settings(project_copy / "mkdocs.yml")
    assert settings.site_name == HOSTILE_NAME
    head = outputs(settings)[project_copy.resolve() / "overrides/partials/guide-head.html"].decode()
    announce = announce_partial("{{ config }}<b>{%raw%}", date(2023, 7, 31), "changelog/")
    html = render_main({"guide-head.html": head, "guide-announce.html": announce})
    assert f'title="{HOSTILE_NAME_ESCAPED} — exam updates (Atom)" href="../../feed.xml"' in html
    assert "&#123;&#123; config &#125;&#125;&lt;b&gt;&#123;%raw%&#125; was retired on" in html
    for raw in ("<script", "<b>", "49", "{{", "{%", "{#"):
        assert raw not in html
    # The partials hold exactly the template code the generator writes: one url filter each.
    assert head.count("{{") == announce.count("{{") == 1
    assert "{%" not in head + announce and "{#" not in head + announce


# --- writing -----------------------------------------------------------------------------------


def test_generate_writes_then_writes_only_what_changed(project_copy: Path):
    config = project_copy / "mkdocs.yml"
    settings = read_settings(config)
    written = generate(settings)
    assert sorted(written) == sorted(project_copy.resolve() / name for name in GENERATED)
    for path, content in outputs(settings).items():
        assert path.read_bytes() == content
        assert path.stat().st_mode & 0o777 == 0o644
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))  # an old time a rewrite would change
    assert generate(settings) == []
    assert stale(settings) == []
    assert {(project_copy / name).stat().st_mtime_ns for name in GENERATED} == {1_000_000_000}
    # A new site name changes the feed and its link, nothing else.
    edit(config, r"^site_name: .*$", "site_name: Another Guide")
    changed = read_settings(config)
    assert stale(changed) == [project_copy.resolve() / "docs/feed.xml",
                              project_copy.resolve() / "overrides/partials/guide-head.html"]
    assert generate(changed) == stale(settings)  # the same two, now written
    assert (project_copy / "docs/javascripts/study-outline.json").stat().st_mtime_ns == 1_000_000_000


def test_generate_leaves_no_temp_file_and_removes_nothing(project_copy: Path):
    partials = project_copy / "overrides" / "partials"
    before = {p.name for p in partials.iterdir()} | {p.name for p in (project_copy / "docs/javascripts").iterdir()}
    generate(read_settings(project_copy / "mkdocs.yml"))
    after = {p.name for p in partials.iterdir()} | {p.name for p in (project_copy / "docs/javascripts").iterdir()}
    assert after == before | {"guide-head.html", "guide-announce.html", "study-outline.json"}


def test_a_failed_write_keeps_the_old_file_and_no_temp_file(project_copy: Path, monkeypatch: pytest.MonkeyPatch):
    settings = read_settings(project_copy / "mkdocs.yml")
    feed = project_copy / "docs" / "feed.xml"
    feed.write_bytes(b"old")

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(gen.os, "replace", refuse)
    with pytest.raises(OSError, match="No space left"):
        generate(settings)
    assert feed.read_bytes() == b"old"
    assert not [p for p in project_copy.rglob("*.tmp")]


def test_generate_creates_the_partials_folder(project_copy: Path):
    partials = project_copy / "overrides" / "partials"
    for child in partials.iterdir():
        child.unlink()
    partials.rmdir()
    generate(read_settings(project_copy / "mkdocs.yml"))
    assert sorted(p.name for p in partials.iterdir()) == ["guide-announce.html", "guide-head.html"]


# --- command line -------------------------------------------------------------------------------


def test_cli_writes_then_reports_nothing(project_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]):
    monkeypatch.chdir(project_copy)
    assert main([]) == 0
    assert capsys.readouterr().out.splitlines() == [f"wrote {name}" for name in GENERATED]
    assert main(["-f", "mkdocs.yml"]) == 0
    assert capsys.readouterr().out == ""


def test_cli_check_lists_stale_files_and_writes_nothing(project_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]):
    monkeypatch.chdir(project_copy)
    assert main(["--check"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [f"out of date: {name}" for name in GENERATED] + [
        "run: python -m studyguide.generate"]
    assert not any((project_copy / name).exists() for name in GENERATED)
    assert main([]) == 0
    capsys.readouterr()
    assert main(["--check"]) == 0
    assert capsys.readouterr().err == ""


def test_cli_reports_bad_config_without_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    missing = tmp_path / "nowhere.yml"
    assert main(["-f", str(missing)]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"{missing}: file: cannot be read (No such file or directory)\n"
    assert captured.out == ""


def test_cli_reports_every_data_problem(project_copy: Path, capsys: pytest.CaptureFixture[str]):
    edit(project_copy / "data" / "exam.yml", r"^code: .*$", "code: not a code")
    edit(project_copy / "data" / "exam.yml", r"^storage_prefix: .*$", "storage_prefix: Not A Prefix")
    assert main(["-f", str(project_copy / "mkdocs.yml"), "--check"]) == 1
    err = capsys.readouterr().err
    assert re.search(r"^data/exam\.yml:\d+: code: ", err, re.MULTILINE)
    assert re.search(r"^data/exam\.yml:\d+: storage_prefix: ", err, re.MULTILINE)


def test_module_runs_as_a_command(project_copy: Path):
    result = subprocess.run([sys.executable, "-m", "studyguide.generate", "--check"], cwd=project_copy,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("out of date: docs/javascripts/study-outline.json\n")


def test_the_mkdocs_hook_s_settings_equal_what_the_command_reads(project_copy: Path):
    # The hook takes them from the config MkDocs loaded; `python -m studyguide.generate` reads the file.
    from mkdocs.config import load_config

    from studyguide.mkdocs_adapter import settings_of

    config_file = project_copy / "mkdocs.yml"
    assert settings_of(load_config(str(config_file))) == read_settings(config_file)
