"""A site built from hostile data (tests/hostile_site.py) in Chromium: hovering and clicking the
glossary's term links, whose tooltips come from hostile definitions, opens no dialog, loads
nothing and logs no error."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Fixture, imported by name (see browser_support's docstring for why this is not a conftest.py).
from browser_support import (
    CHROMIUM_ARGS,
    Recorder,
    chromium_path,  # noqa: F401
    new_context,
)
from conftest import build_site, copy_project
from hostile_site import inject_everywhere

from studyguide.sitecheck import serve_site

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


def in_own_browser(chromium: str, test: Callable[..., None]) -> None:
    """Run ``test(page)`` in a Chromium of its own, on a thread of its own.

    Playwright's sync API allows one instance per thread, and test_study_tools keeps a
    session-wide one open: a thread keeps the two apart whatever order the tests run in.
    Afterwards, no console error and no request off 127.0.0.1 is allowed.
    """
    from playwright.sync_api import sync_playwright

    recorder = Recorder()
    failure: list[BaseException] = []

    def run() -> None:
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                try:
                    context = new_context(browser, recorder)
                    test(context.new_page())
                    context.close()
                finally:
                    browser.close()
        except BaseException as exc:
            failure.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    assert recorder.errors == [], "console errors"
    assert recorder.foreign_requests() == [], "requests to hosts other than 127.0.0.1"


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
def test_hovering_and_clicking_hostile_term_links_opens_no_dialog(chromium_path: str, hostile_url: str) -> None:
    in_own_browser(chromium_path, lambda page: hover_and_click(page, hostile_url))


def hover_and_click(page, hostile_url: str) -> None:
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
def test_the_hostile_area_page_shows_its_name_as_text(chromium_path: str, hostile_url: str) -> None:
    in_own_browser(chromium_path, lambda page: area_page_shows_text(page, hostile_url))


def area_page_shows_text(page, hostile_url: str) -> None:
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
