"""A site built from hostile data (tests/hostile_site.py) in Chromium: hovering and clicking the
glossary's term links, whose tooltips come from hostile definitions, opens no dialog, loads
nothing and logs no error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from az220.sitecheck import serve_site

# Fixtures, imported by name (see browser_support's docstring for why this is not a conftest.py).
from browser_support import browser, chromium_path, context, recorder  # noqa: F401
from conftest import build_site, copy_project
from hostile_site import inject_everywhere

# Enough links to cover terms from many definitions without hovering for minutes.
LINKS_TO_HOVER = 25


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = copy_project(tmp_path_factory.mktemp("hostile-browser") / "project")
    inject_everywhere(project)
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    with serve_site(project / "site") as base_url:
        yield base_url


@pytest.fixture
def hostile_page(request: pytest.FixtureRequest):
    """A page in browser_support's checked context (no console error, no foreign request)."""
    return request.getfixturevalue("context").new_page()


def watch_dialogs(page) -> list[str]:
    seen: list[str] = []

    def dismiss(dialog) -> None:
        seen.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", dismiss)
    return seen


def hover_term_links(page) -> int:
    links = page.locator("article a.az-glossary-link")
    hovered = 0
    for index in range(links.count()):
        link = links.nth(index)
        if hovered == LINKS_TO_HOVER or not link.is_visible():
            continue
        link.scroll_into_view_if_needed()
        link.hover()
        tooltip = page.locator(".md-tooltip2").last
        tooltip.wait_for(state="attached")
        # The tooltip shows the definition's text; nothing in it became an element.
        assert tooltip.locator("img, svg, script, iframe, a, b, div div div").count() == 0
        hovered += 1
    return hovered


@pytest.mark.build
def test_hovering_and_clicking_hostile_term_links_opens_no_dialog(hostile_page, hostile_url: str) -> None:
    page = hostile_page
    dialogs = watch_dialogs(page)
    page.goto(hostile_url + "areas/01-solution-infrastructure/", wait_until="networkidle")
    assert hover_term_links(page) > 0
    # The payload reached the tooltips, as text.
    page.locator("article a.az-glossary-link").first.hover()
    assert "<img src=x onerror=" in page.locator(".md-tooltip2").last.inner_text()

    page.locator("article a.az-glossary-link").first.click()
    page.wait_for_url("**/glossary/**")
    page.wait_for_load_state("networkidle")
    assert hover_term_links(page) > 0
    # Every element with a title, hovered: Material turns each into a tooltip.
    titled = page.locator("article [title]")
    for index in range(min(titled.count(), LINKS_TO_HOVER)):
        if titled.nth(index).is_visible():
            titled.nth(index).hover()
    page.wait_for_timeout(500)  # a broken image's onerror fires within this
    assert dialogs == []
    assert page.evaluate("document.querySelectorAll('[onerror], [onload], [onclick], [onmouseover]').length") == 0


@pytest.mark.build
def test_the_hostile_area_page_shows_its_name_as_text(hostile_page, hostile_url: str) -> None:
    page = hostile_page
    dialogs = watch_dialogs(page)
    page.goto(hostile_url + "areas/01-solution-infrastructure/", wait_until="networkidle")
    assert '<script>alert("t1")</script>' in page.locator("article h1").inner_text()
    assert '</title><svg onload=alert("t5")>' in page.title()
    page.locator(".md-nav__link", has_text="<img src=x").first.wait_for(state="attached")
    page.wait_for_timeout(300)
    assert dialogs == []


def test_the_hostile_site_helper_injects_something(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    before = (project / "data" / "glossary.yml").read_text(encoding="utf-8")
    inject_everywhere(project)
    assert (project / "data" / "glossary.yml").read_text(encoding="utf-8") != before
