"""Hostile data and pages through a real build: an inert site, or a named error and no site.

Most hostile edits are checked on the pure functions (test_hostile_data.py and friends); these
build a site for a representative few, each under a time bound.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT
from hostile_site import inject_everywhere
from hostile_support import BUILD_SECONDS, build_within, hostile_project
from test_hostile_inputs import ALIAS_BOMB

# A URL a browser would run or load as a document from the site's origin.
LIVE_SCHEME = re.compile(r"^(?:javascript|vbscript|data):", re.IGNORECASE)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "srcdoc")


def live_markup(html: str) -> list[str]:
    """Everything in ``html`` that would run or carry markup from data: a list of findings."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for script in soup.find_all("script"):
        if "alert(" in script.get_text():
            found.append(f"script: {script}"[:200])
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else value
            if name.lower().startswith("on"):
                found.append(f"{element.name} {name}={text[:80]}")
            if name.lower() in URL_ATTRIBUTES and LIVE_SCHEME.match(re.sub(r"[\x00-\x20]", "", text)):
                found.append(f"{element.name} {name}={text[:80]}")
            if name == "title" and ("<" in text or ">" in text):
                found.append(f"{element.name} title={text[:120]}")
        if element.name in ("img", "svg", "iframe", "object", "embed") and "alert(" in str(element):
            found.append(str(element)[:200])
    return found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = hostile_project(tmp_path_factory.mktemp("hostile") / "project")
    inject_everywhere(project)
    result = build_within(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.mark.build
def test_hostile_strings_in_every_field_stay_inert(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert pages
    findings = {str(p.relative_to(hostile_site)): live_markup(p.read_text(encoding="utf-8")) for p in pages}
    assert {page: found for page, found in findings.items() if found} == {}
    # The payload did reach the pages, as text: the test above cannot pass by accident.
    glossary = BeautifulSoup((hostile_site / "glossary" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert '<img src=x onerror=alert("t2")>' in glossary.get_text()
    assert '<div onclick="alert(\'m6\')">block</div>' in glossary.get_text()
    area = BeautifulSoup((hostile_site / "areas" / "01-solution-infrastructure" / "index.html")
                         .read_text(encoding="utf-8"), "html.parser")
    assert area.title is not None and '</title><svg onload=alert("t5")>' in area.title.get_text()
    assert '<script>alert("t1")</script>' in area.select_one("h1").get_text()
    question = area.select_one(".az-self-check .az-question")
    assert question is not None
    assert '<script>alert("q1")</script>' in [code.get_text() for code in question.select("code")]
    assert '&lt;img src=x onerror=alert("q2")&gt;' in question.get_text()
    # The study path's data: lab titles and notes, tips and retirement notices, as text.
    labs, tips = area.select_one(".az-labs"), area.select_one(".az-pitfalls")
    assert labs is not None and '<script>alert("t1")</script>' in labs.select_one("a").get_text()
    assert '<img src=x onerror=alert("m3")>' in labs.get_text()
    assert tips is not None and '<div onclick="alert(\'m6\')">block</div>' in tips.select_one("li").get_text()
    notices = [n for page in pages for n in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
               .select(".az-retirement")]
    assert notices and all('<script>alert("t1")</script>' in n.select_one(".admonition-title").get_text()
                           for n in notices)


@pytest.mark.build
def test_the_feed_and_the_study_data_stay_inert(hostile_site: Path) -> None:
    root = ElementTree.parse(hostile_site / "feed.xml").getroot()
    contents = [c.text or "" for c in root.iter("{http://www.w3.org/2005/Atom}content")]
    assert contents and all(live_markup(html) == [] for html in contents)
    assert any('onerror=alert("m3")' in BeautifulSoup(html, "html.parser").get_text() for html in contents)
    study = (hostile_site / "javascripts" / "study-outline.json").read_text(encoding="utf-8")
    assert "<" not in study and "\\u003cscript\\u003e" in study


@pytest.mark.build
def test_an_alias_bomb_in_a_file_the_project_does_not_use_is_never_read(tmp_path: Path) -> None:
    project = hostile_project(tmp_path / "project")
    (project / "data" / "bomb.yml").write_text(ALIAS_BOMB, encoding="utf-8")
    result = build_within(project)  # a hang fails here, with subprocess.TimeoutExpired
    assert result.returncode == 0, result.stderr


def _break_page(project: Path, src: str, old: str, new: str) -> None:
    page = project / "docs" / src
    text = page.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    page.write_text(text.replace(old, new), encoding="utf-8")


def _errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert result.returncode != 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line.removeprefix("ERROR   -  ") for line in result.stderr.splitlines() if line.startswith("ERROR")]
    if len(errors) > 1:  # several problems: one ERROR line each, then MkDocs' own summary
        assert errors[-1] == f"{len(errors) - 1} problems, listed above; nothing was built"
        errors = errors[:-1]
    return errors


@pytest.mark.build
def test_a_windows_1252_byte_in_a_page(tmp_path: Path) -> None:
    project = hostile_project(tmp_path / "project")
    page = project / "docs" / "planner.md"
    page.write_bytes(page.read_bytes() + b"\nIt\x92s pasted.\n")
    line = page.read_bytes().count(b"\n")
    assert _errors(build_within(project)) == [
        (f"docs/planner.md:{line}: YAML: byte 0x92 at column 3 is not UTF-8 (save the file as UTF-8; "
        "a word processor's curly quote or accent is the usual cause)")
    ]


@pytest.mark.build
def test_a_page_that_links_out_of_the_project(tmp_path: Path) -> None:
    project = hostile_project(tmp_path / "project")
    outside = tmp_path / "secret.md"
    outside.write_text("# Secret\n", encoding="utf-8")
    (project / "docs" / "leak.md").symlink_to(outside)
    assert _errors(build_within(project)) == [
        f"docs/leak.md: page: is a link to {outside}, outside the project; copy the page into docs/ instead"
    ]
    assert not (project / "site" / "leak").exists()


@pytest.mark.build
def test_a_wrong_case_marker_and_two_headings_with_one_anchor(tmp_path: Path) -> None:
    project = hostile_project(tmp_path / "project")
    _break_page(project, "changelog.md", "<!-- guide:changelog -->", "<!-- guide:Changelog -->")
    text = (project / "docs" / "changelog.md").read_text(encoding="utf-8")
    line = text[:text.index("<!-- guide:Changelog -->")].count("\n") + 1
    assert _errors(build_within(project)) == [
        f"docs/changelog.md:{line}: marker <!-- guide:Changelog -->: write markers exactly as <!-- guide:changelog -->",
        "docs/changelog.md: marker <!-- guide:changelog -->: is missing; this page's generated section would be empty",
    ]
    _break_page(project, "changelog.md", "<!-- guide:Changelog -->", "<!-- guide:changelog -->")
    page = project / "docs" / "planner.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n## Notes\n\nOne.\n\n## Notes\n\nTwo.\n", encoding="utf-8")
    assert _errors(build_within(project)) == [
        ("docs/planner.md: anchor #notes: is made by two headings (or a heading and a glossary term); "
        "rename one of them")
    ]


@pytest.mark.build
def test_problems_in_several_files_are_reported_by_one_build(tmp_path: Path) -> None:
    project = hostile_project(tmp_path / "project")
    data = project / "data"
    for name, old, new in [
        ("glossary.yml", "areas: [", "areas: [true, "),
        ("learning_paths.yml", "module_count: ", "module_count: yes #"),
        ("changelog.yml", "retired_on: 2023-07-31", "retired_on: 2999-01-01"),
        ("labs.yml", "areas: [", "areas: [true, "),
    ]:
        text = (data / name).read_text(encoding="utf-8")
        (data / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    errors = _errors(build_within(project))
    files = [e.split(":", 1)[0] for e in errors]
    assert files == ["data/learning_paths.yml", "data/glossary.yml", "data/changelog.yml", "data/labs.yml"]
    assert errors[-2].endswith("retired_on: 2999-01-01 is in the future: record a retirement once it has happened")
    assert errors[-1].endswith("areas[1]: must be a whole number (found True)")


@pytest.mark.build
def test_make_build_replaces_site_only_when_the_build_succeeds(tmp_path: Path) -> None:
    project = hostile_project(tmp_path / "project")
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    (project / ".venv").symlink_to(ROOT / ".venv")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # -o: the venv is ready; make must not try to reinstall it.
    make = ["make", "--no-print-directory", "-o", ".venv/.requirements-installed", "build"]
    old_site = project / "site"
    old_site.mkdir()
    (old_site / "last-good.txt").write_text("previous build\n", encoding="utf-8")
    data = project / "data" / "areas.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("min: ", "min: true #", 1), encoding="utf-8")
    failed = subprocess.run(make, cwd=project, env=env, capture_output=True, text=True,
                            timeout=BUILD_SECONDS, check=False)
    assert failed.returncode != 0
    assert sorted(p.name for p in old_site.iterdir()) == ["last-good.txt"]  # untouched, nothing partial
    assert list(project.glob(".site-build.*")) == []
    shutil.copy2(ROOT / "data" / "areas.yml", data)
    done = subprocess.run(make, cwd=project, env=env, capture_output=True, text=True,
                          timeout=BUILD_SECONDS, check=False)
    assert done.returncode == 0, done.stderr
    assert (project / "site" / "index.html").is_file() and not (project / "site" / "last-good.txt").exists()
    assert list(project.glob(".site-build.*")) == []


def test_the_pages_workflow_deploys_only_a_finished_build() -> None:
    workflow = yaml.load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"),
                         Loader=yaml.BaseLoader)
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    steps = build["steps"]
    runs = [step.get("run", step.get("uses", "")) for step in steps]
    upload = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert runs.index("make test") < runs.index("make build") < upload
    assert steps[upload]["with"]["path"] == "site"
    # No step may go on after a failure, and deploy waits for the whole build job.
    assert all("if" not in step and "continue-on-error" not in step for step in steps)
    assert "continue-on-error" not in build and deploy["needs"] == "build" and "if" not in deploy
