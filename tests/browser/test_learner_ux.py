"""The learner review's defects, in Chromium: keyboard, touch, phone width, search, print, 404.

Each test reproduces what the learner review of November 2026 did, and checks
the outcome a learner needs.
"""

from __future__ import annotations

import io
import json
from urllib.parse import urlsplit

import pytest
import yaml

# Fixtures, imported by name (see browser_support's docstring for why this is not a conftest.py).
from browser_support import (  # noqa: F401
    REPORTS,
    ROOT,
    Recorder,
    browser,
    chromium_path,
    context,
    new_context,
    page,
    recorder,
    site_url,
)
from conftest import DATA
from pypdf import PdfReader
from test_study_tools import AREA_1, HOME, PRINT, open_page, search, site_pages

from studyguide.glossary import load_glossary

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
# WCAG 2.5.8 (target size, minimum).
MIN_TARGET = 24
SHOTS = REPORTS / "screenshots"


@pytest.fixture
def phone(browser, recorder: Recorder):
    context = new_context(browser, recorder, **PHONE)
    yield context.new_page()
    context.close()
    assert recorder.errors == [], "console errors"
    assert recorder.foreign_requests() == [], "requests to hosts other than 127.0.0.1"


def site_path() -> str:
    """The site's path on its real host (``/az220-study-guide/``), from mkdocs.yml's site_url."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return urlsplit(config["site_url"]).path


def serve_404_page_links(page) -> None:
    """The 404 page is rendered for any depth, so its links start with the site's path on the
    real host; the test server has the site at its root, so map that path onto it."""
    prefix = site_path()

    def to_root(route) -> None:
        url = urlsplit(route.request.url)
        route.continue_(url=url._replace(path="/" + url.path[len(prefix):]).geturl())

    page.route(f"**{prefix}**", to_root)


def screenshot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png")


def tab_to(page, selector: str, limit: int = 200) -> None:
    """Press Tab until the element matching ``selector`` has focus (a keyboard user's way)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


# ---------- Phone: every page fits, targets are big enough ----------


def test_no_page_scrolls_sideways_on_a_390_px_phone(phone, site_url, real_site):
    overflowing = {}
    serve_404_page_links(phone)
    for path in [*site_pages(real_site), "404.html"]:
        open_page(phone, site_url, path)
        width = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width[0] > width[1]:
            overflowing[path or "/"] = width
        # Wide tables scroll inside their own wrapper at most; the home page's must fit.
        if path == HOME:
            tables = phone.locator(".md-typeset__scrollwrap").evaluate_all(
                "ws => ws.map(w => w.scrollWidth - w.clientWidth)")
            assert tables and max(tables) <= 0, tables
            screenshot(phone, "phone-home")
    assert overflowing == {}


def test_tick_boxes_and_the_a_to_z_bar_are_big_enough_to_tap(phone, site_url):
    open_page(phone, site_url, AREA_1)
    boxes = phone.locator("input.az-skill__check").evaluate_all(
        "bs => bs.map(b => { const r = b.getBoundingClientRect(); return [r.width, r.height]; })")
    assert boxes and min(min(size) for size in boxes) >= MIN_TARGET
    # The box and the skill's link (which leaves the site) do not touch.
    gap = phone.locator("li.az-skill").first.evaluate(
        "li => li.querySelector('a').getBoundingClientRect().left"
        " - li.querySelector('input').getBoundingClientRect().right")
    assert gap >= 8
    open_page(phone, site_url, "glossary/")
    letters = phone.locator(".az-glossary-jump a, .az-glossary-jump__empty").evaluate_all(
        "ls => ls.map(l => { const r = l.getBoundingClientRect(); return [r.width, r.height]; })")
    assert letters and min(min(size) for size in letters) >= MIN_TARGET
    screenshot(phone, "phone-glossary-jump")


def test_a_tap_on_a_term_shows_its_definition_and_a_second_tap_opens_the_entry(phone, site_url):
    open_page(phone, site_url, AREA_1)
    link = phone.locator("article a.az-glossary-link").first
    href = link.get_attribute("href")
    link.scroll_into_view_if_needed()
    link.tap()
    tip = phone.locator(".md-tooltip2--active")
    tip.wait_for(state="visible")
    assert phone.url == site_url + AREA_1
    screenshot(phone, "phone-term-tap")
    link.tap()
    phone.wait_for_url(f"**/glossary/#{href.split('#')[1]}")


# ---------- Keyboard ----------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_focused_tick_box_shows_a_focus_ring(browser, site_url, scheme):
    recorder = Recorder()
    context = new_context(browser, recorder, color_scheme=scheme)
    page = context.new_page()
    open_page(page, site_url, AREA_1)
    tab_to(page, "input.az-skill__check")
    box = page.locator("input.az-skill__check:focus")
    ring = box.evaluate("""b => {
        const style = getComputedStyle(b);
        const page = getComputedStyle(document.body).backgroundColor;
        return [b.matches(':focus-visible'), style.outlineStyle, parseFloat(style.outlineWidth),
                style.outlineColor, page];
    }""")
    context.close()
    visible, style, width, colour, background = ring
    assert visible and style == "solid" and width >= 2
    assert colour != background
    assert recorder.errors == []


def test_the_palette_toggle_switches_with_space(page, site_url):
    open_page(page, site_url, HOME)
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    first = page.evaluate(scheme)
    tab_to(page, "input[name='__palette']")
    page.keyboard.press("Space")
    page.wait_for_function(f"{scheme} !== {json.dumps(first)}")
    page.keyboard.press("Space")
    page.wait_for_function(f"{scheme} === {json.dumps(first)}")


def test_escape_closes_a_term_tooltip_without_moving_focus(page, site_url):
    open_page(page, site_url, AREA_1)
    tab_to(page, "article a.az-glossary-link")
    tip = page.locator(".md-tooltip2--active")
    tip.wait_for(state="visible")
    # Readable: body-text size, not Material's 10 px bold.
    size = tip.locator(".md-tooltip2__inner").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 14
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.matches('article a.az-glossary-link')")
    # The next term a learner reaches shows its definition again.
    tab_to(page, "article a.az-glossary-link")
    page.locator(".md-tooltip2--active").wait_for(state="visible")


def test_escape_closes_a_tooltip_opened_by_hovering(page, site_url):
    open_page(page, site_url, AREA_1)
    link = page.locator("article a.az-glossary-link").filter(visible=True).nth(1)
    link.scroll_into_view_if_needed()
    link.hover()
    tip = page.locator(".md-tooltip2--active")
    tip.wait_for(state="visible")
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden")


# ---------- Search ----------


def test_a_search_for_a_term_lands_on_its_glossary_entry(page, site_url):
    glossary = load_glossary(DATA)
    # The review's query: "edge hub" should reach the "IoT Edge hub" entry, not the page top.
    term = next(t for t in glossary.terms if t.name.casefold() == "iot edge hub")
    open_page(page, site_url, HOME)
    results = search(page, "edge hub")
    hit = results.locator(f"a[href*='glossary/'][href$='#{term.anchor}']").first
    hit.wait_for()
    hit.click()
    page.wait_for_url(f"**/glossary/**#{term.anchor}")
    heading = page.locator(f"h3#{term.anchor}")
    top = heading.evaluate("h => h.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"] / 2
    assert heading.inner_text().startswith(term.name)


def test_the_print_page_is_not_a_search_result(page, site_url):
    open_page(page, site_url, HOME)
    results = search(page, "module twin")
    hrefs = results.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert hrefs and not [h for h in hrefs if "/print/" in h]


# ---------- Print ----------


def test_the_printed_guide_says_the_exam_is_retired_and_keeps_the_study_advice(page, site_url):
    open_page(page, site_url, PRINT)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    words = " ".join(text.split())
    assert "Exam status: retired on" in words
    assert "Skills measured as of" in words
    assert "Start here:" in words
    assert "Key concepts for area 1" in words
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "print.pdf").write_bytes(pdf)


# ---------- 404 and landmarks ----------


def test_the_404_page_offers_search_and_every_page(page, site_url):
    # The test server answers a missing path with its own error, so open the site's 404 page.
    serve_404_page_links(page)
    open_page(page, site_url, "404.html")
    links = page.locator("article .az-not-found__pages a").evaluate_all(
        "as => as.map(a => new URL(a.href).pathname)")
    prefix = site_path()
    assert {prefix, prefix + AREA_1, prefix + "glossary/"} <= set(links)
    page.locator("#az-not-found-query").fill("device twin")
    page.locator("#az-not-found-query").press("Enter")
    page.wait_for_url(f"{site_url}**")
    page.locator(".md-search-result__item").first.wait_for()
    assert page.locator("input.md-search__input").input_value() == "device twin"


def test_no_content_outside_landmarks(page, site_url):
    from axe_playwright_python.sync_playwright import Axe

    open_page(page, site_url, HOME)
    violations = Axe().run(page, options={"runOnly": ["region"]}).response["violations"]
    assert [v["nodes"] for v in violations] == []
