"""The built site in a real browser: study tools, search, tooltips, no third-party requests, axe."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

# Fixtures, imported by name (see browser_support's docstring for why this is not a conftest.py).
from browser_support import REPORTS, Recorder, browser, chromium_path, context, new_context, page, recorder, site_url  # noqa: F401
from bs4 import BeautifulSoup

HOME = ""
AREA_1 = "areas/01-solution-infrastructure/"
PLANNER = "planner/"
PRINT = "print/"
FIRST_SKILL = "create-an-iot-hub"
# axe impacts that fail the build; "moderate" and "minor" are reported only.
BLOCKING_IMPACTS = {"serious", "critical"}
# A budget, not a timing: the home page with everything it loads, as transferred.
HOME_WEIGHT_BUDGET = 600_000
STORAGE_KEY = "az220.study-progress"


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the build as a URL path relative to the site root."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        relative = html.parent.relative_to(site).as_posix()
        pages.append("" if relative == "." else f"{relative}/")
    return pages


def open_page(page, site_url: str, path: str) -> None:
    page.goto(site_url + path, wait_until="networkidle")


def check_box(page, skill: str):
    return page.locator(f'li.az-skill[data-skill="{skill}"] input.az-skill__check')


def study_outline(site: Path) -> dict:
    return json.loads((site / "javascripts" / "study-outline.json").read_text(encoding="utf-8"))


def seed_progress(page, site_url: str, skills: dict[str, dict], outline: str) -> None:
    """Store progress as the script would, before any page of the site reads it."""
    open_page(page, site_url, "glossary/")  # a page without study tools
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [STORAGE_KEY, json.dumps({"outline": outline, "skills": skills})],
    )


def search(page, query: str):
    # The default 1280px viewport shows the search field in the header. Material searches on
    # keyup, so type the query key by key rather than fill() it.
    field = page.locator("input.md-search__input")
    field.click()
    field.press_sequentially(query)
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    return results


# ---------- Every page: no console errors, no foreign requests, axe ----------


def test_every_page_loads_cleanly_and_passes_axe(browser, site_url, real_site, recorder):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    pages = site_pages(real_site)
    assert {HOME, AREA_1, PLANNER, PRINT, "glossary/", "changelog/"} <= set(pages)
    report: dict[str, dict] = {}
    blocking = []
    for scheme in ("light", "dark"):
        context = new_context(browser, recorder, color_scheme=scheme)
        page = context.new_page()
        for path in pages:
            open_page(page, site_url, path)
            violations = axe.run(page).response["violations"]
            report[f"{scheme} /{path}"] = {v["id"]: v["impact"] for v in violations}
            blocking += [f"{scheme} /{path}: {v['id']} ({v['impact']}): {v['help']} "
                         f"{[n['target'] for n in v['nodes']][:3]}"
                         for v in violations if v["impact"] in BLOCKING_IMPACTS]
        context.close()
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "axe.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    assert blocking == []
    assert recorder.errors == []
    assert recorder.foreign_requests() == []
    # The no-request check must have seen the pages load, or it proves nothing.
    assert sum(1 for url in recorder.requests if url.startswith(site_url)) > len(pages)


def test_home_page_weight(browser, site_url, recorder):
    """Bytes transferred for a first visit to the home page (recorded in reports/browser/)."""
    context = new_context(browser, recorder)
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    open_page(page, site_url, HOME)
    total = 0
    for request in responses:
        sizes = request.sizes()
        total += sizes["responseHeadersSize"] + sizes["responseBodySize"]
    context.close()
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "page-weight.json").write_text(
        json.dumps({"page": "/", "requests": len(responses), "bytes": total}) + "\n", encoding="utf-8")
    print(f"home page: {len(responses)} requests, {total} bytes transferred")
    assert 0 < total < HOME_WEIGHT_BUDGET
    assert recorder.foreign_requests() == []


def test_header_links_to_repository_without_fetching_github(page, site_url, recorder):
    open_page(page, site_url, AREA_1)
    source = page.locator("a.md-source").first
    assert source.get_attribute("href") == "https://github.com/az220-guide/az220-study-guide"
    assert source.get_attribute("data-md-component") is None
    edit = page.locator("article a.md-content__button[rel='edit']")
    assert edit.get_attribute("href") == (
        "https://github.com/az220-guide/az220-study-guide/edit/main/docs/areas/01-solution-infrastructure.md")
    assert not any("github" in url for url in recorder.requests)


# ---------- Search and tooltips ----------


def test_search_finds_a_skill(page, site_url):
    open_page(page, site_url, HOME)
    results = search(page, "file upload")
    hit = results.filter(has_text="Configure file upload for devices").first
    hit.wait_for()
    assert AREA_1.rstrip("/") in hit.locator("a").first.get_attribute("href")


def glossary_terms(site: Path) -> list[str]:
    """Terms on the built glossary page: term headings (name first, then any short aliases)."""
    soup = BeautifulSoup((site / "glossary" / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    terms = [next(h.strings).strip() for h in article.select("h3.az-glossary-term")]
    terms = terms or [h.get_text(" ", strip=True).rstrip("¶").strip() for h in article.select("h2, h3")]
    return [t for t in terms if t]


def test_search_finds_a_glossary_term(page, site_url, real_site):
    terms = glossary_terms(real_site)
    if not terms:
        pytest.skip("the glossary page has no terms yet (docs/glossary.md is a marker-only placeholder)")
    term = terms[0]
    open_page(page, site_url, HOME)
    results = search(page, term)
    hit = results.filter(has=page.locator("a[href*='glossary']")).first
    hit.wait_for()
    assert term.split()[0].lower() in hit.inner_text().lower()


def test_glossary_tooltip_appears_on_hover(page, site_url, real_site):
    for path in site_pages(real_site):
        if path.startswith("glossary"):
            continue
        open_page(page, site_url, path)
        # Visible ones only: some sit in collapsed blocks.
        links = page.locator("article a[title][href*='glossary']").filter(visible=True)
        if links.count():
            break
    else:
        pytest.skip("no page links to the glossary with a title attribute yet (glossary feature not merged)")
    link = links.first
    title = link.get_attribute("title")
    link.scroll_into_view_if_needed()
    link.hover()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active")
    tooltip.first.wait_for(state="visible")
    assert title.strip()[:20] in tooltip.first.inner_text()


# ---------- Progress tracking ----------


def test_tick_survives_reload_and_instant_navigation(page, site_url, real_site):
    area_1_total = len(study_outline(real_site)["areas"][0]["skills"])
    open_page(page, site_url, AREA_1)
    box = check_box(page, FIRST_SKILL)
    assert not box.is_checked()
    box.check()
    header = page.locator(".az-area-header .az-progress")
    assert header.inner_text() == f"1/{area_1_total} studied"

    page.reload(wait_until="networkidle")
    assert check_box(page, FIRST_SKILL).is_checked()

    # Instant navigation swaps the page without reloading: a marker on window survives it.
    page.evaluate("window.__sameDocument = true")
    page.locator("a.md-nav__link", has_text="Home").first.click()
    page.wait_for_url(site_url)
    page.locator(".az-skill-count[data-area='1']", has_text=f"1/{area_1_total}").wait_for()
    assert page.evaluate("window.__sameDocument") is True

    page.locator(f".az-skills-table a[href$='{AREA_1}']").click()
    page.wait_for_url(site_url + AREA_1)
    check_box(page, FIRST_SKILL).wait_for()
    assert check_box(page, FIRST_SKILL).is_checked()
    assert page.evaluate("window.__sameDocument") is True


def test_a_tick_in_one_tab_shows_in_another(context, site_url, real_site):
    area_1_total = len(study_outline(real_site)["areas"][0]["skills"])
    home = context.new_page()
    open_page(home, site_url, HOME)
    homework = context.new_page()
    open_page(homework, site_url, AREA_1)
    check_box(homework, FIRST_SKILL).check()
    home.locator(".az-skill-count[data-area='1']", has_text=f"1/{area_1_total}").wait_for()
    assert home.locator("[data-az='ticked']").inner_text() == "1"


def test_export_reset_import_restores_progress(page, site_url, tmp_path):
    open_page(page, site_url, AREA_1)
    check_box(page, FIRST_SKILL).check()
    check_box(page, "register-a-device").check()
    open_page(page, site_url, HOME)
    readiness = page.locator("[data-az='readiness']")
    before = readiness.inner_text()
    assert before != "0.0%"

    with page.expect_download() as download_info:
        page.locator("[data-az='export']").click()
    saved = tmp_path / "progress.json"
    download_info.value.save_as(saved)
    exported = json.loads(saved.read_text(encoding="utf-8"))
    assert exported["format"] == "az220-study-progress"
    assert exported["schema"] == 2
    assert set(exported["skills"]) == {FIRST_SKILL, "register-a-device"}
    assert exported["skills"][FIRST_SKILL] == {"name": "Create an IoT hub", "area": 1}

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("[data-az='reset']").click()
    page.locator("[data-az='readiness']", has_text="0.0%").wait_for()
    assert page.evaluate(f"JSON.parse(localStorage.getItem('{STORAGE_KEY}')).skills") == {}

    page.locator("input.az-study__file").set_input_files(saved)
    page.locator(".az-study__status", has_text="Imported 2 ticked skills").wait_for()
    assert readiness.inner_text() == before
    open_page(page, site_url, AREA_1)
    assert check_box(page, FIRST_SKILL).is_checked()
    assert check_box(page, "register-a-device").is_checked()


def test_reset_asks_first_and_keeps_progress_when_declined(page, site_url):
    open_page(page, site_url, AREA_1)
    check_box(page, FIRST_SKILL).check()
    open_page(page, site_url, HOME)
    messages = []

    def decline(dialog):
        messages.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", decline)
    page.locator("[data-az='reset']").click()
    assert messages == [("Clear all your progress (1 ticked skill, answers to 0 questions, 0 cards)? "
                         "Export it first if you may want it back.")]
    assert page.locator("[data-az='ticked']").inner_text() == "1"


def test_import_rejects_a_file_that_is_not_progress(page, site_url, tmp_path):
    bogus = tmp_path / "bogus.json"
    bogus.write_text('{"hello": "world"}', encoding="utf-8")
    open_page(page, site_url, HOME)
    page.locator("input.az-study__file").set_input_files(bogus)
    status = page.locator(".az-study__status")
    status.filter(has_text="Could not import bogus.json").wait_for()
    assert "not an AZ-220 progress file" in status.inner_text()


def test_outline_change_lists_ticks_for_skills_no_longer_listed(page, site_url, real_site):
    version = study_outline(real_site)["version"]
    seed_progress(page, site_url, {
        FIRST_SKILL: {"name": "Create an IoT hub", "area": 1},
        "configure-an-old-thing": {"name": "Configure an old thing", "area": 1},
    }, outline="0123456789ab")
    open_page(page, site_url, AREA_1)
    notice = page.locator(".az-outline-notice")
    assert notice.locator("li").all_inner_texts() == ["Configure an old thing"]
    assert check_box(page, FIRST_SKILL).is_checked()
    notice.locator("[data-az='forget']").click()
    notice.wait_for(state="detached")
    stored = page.evaluate(f"JSON.parse(localStorage.getItem('{STORAGE_KEY}'))")
    assert (stored["version"], stored["outline"]) == (2, version)
    assert stored["skills"] == {FIRST_SKILL: {"name": "Create an IoT hub", "area": 1}}


# ---------- Readiness and planner: a hand-computed case ----------

# Areas 1, 2, 3 and 5 fully ticked (midpoints 12.5 + 17.5 + 17.5 + 17.5 = 65), area 7 half
# ticked (3 of 6), areas 4 and 6 untouched; no question answered, no card reviewed. Every area
# has questions and cards, so ticks count 0.2 of an area's readiness (R = 0.2 T + 0.5 Q + 0.3 C):
#   areas 1, 2, 3, 5: R = 0.2; area 7: R = 0.1; areas 4 and 6: R = 0
#   exam = (0.2 * 65 + 0.1 * 7.5) / 87.5 = 15.714...%   -> "15.7%"
#   40 hours by midpoint * (1 - R): 10, 14, 14, 7.5, 14, 7.5, 6.75 (total 73.75), in tenths
#   54.24, 75.93, 75.93, 40.68, 75.93, 40.68, 36.61 -> floors add up to 395; the 5 spare tenths
#   go to the largest remainders (.93 three times, .68 twice): 5.4 7.6 7.6 4.1 7.6 4.1 3.6
#   exam in 28 days: 40 * 7 / 28 = 10.0 hours a week
EXPECTED_MIDPOINTS = {1: 12.5, 2: 17.5, 3: 17.5, 4: 7.5, 5: 17.5, 6: 7.5, 7: 7.5}


def hand_computed_progress(outline: dict) -> dict[str, dict]:
    areas = {area["number"]: area for area in outline["areas"]}
    assert {n: a["weight"]["midpoint"] for n, a in areas.items()} == EXPECTED_MIDPOINTS
    assert len(areas[7]["skills"]) == 6, "the hand-computed case ticks half of area 7's 6 skills"
    ticked = [s for n in (1, 2, 3, 5) for s in areas[n]["skills"]] + areas[7]["skills"][:3]
    return {s["id"]: {"name": s["name"], "area": n}
            for n in areas for s in areas[n]["skills"] if s in ticked}


def test_readiness_matches_a_hand_computed_case(page, site_url, real_site):
    outline = study_outline(real_site)
    seed_progress(page, site_url, hand_computed_progress(outline), outline["version"])
    open_page(page, site_url, HOME)
    assert page.locator("[data-az='readiness']").inner_text() == "15.7%"
    areas = page.locator(".az-readiness__table tr[data-area] [data-az='area-readiness']").all_inner_texts()
    assert areas == ["20.0%", "20.0%", "20.0%", "0.0%", "20.0%", "0.0%", "10.0%"]
    assert page.locator(".az-skill-count[data-area='7'] [aria-hidden]").inner_text() == "3/6"


def test_planner_matches_a_hand_computed_case(page, site_url, real_site):
    outline = study_outline(real_site)
    page.clock.set_fixed_time(dt.datetime(2026, 3, 2, 12, 0))
    seed_progress(page, site_url, hand_computed_progress(outline), outline["version"])
    open_page(page, site_url, PLANNER)
    page.locator("#az-plan-hours").fill("40")
    page.locator("#az-plan-date").fill("2026-03-30")
    hours = page.locator(".az-planner__table tr[data-area] [data-az='area-hours']")
    page.locator("[data-az='hours-per-week']", has_text="10.0").wait_for()
    assert hours.all_inner_texts() == ["5.4", "7.6", "7.6", "4.1", "7.6", "4.1", "3.6"]
    assert page.locator("[data-az='skills-left']").inner_text() == str(9 + 11 + 3)
    # The inputs are remembered for the next visit.
    page.reload(wait_until="networkidle")
    assert page.locator("#az-plan-hours").input_value() == "40"
    assert page.locator("[data-az='hours-per-week']").inner_text() == "10.0"


def test_planner_spreads_hours_by_weight_alone_once_everything_is_known(page, site_url, real_site):
    # Every skill ticked, every question answered right, every card mastered: 100% everywhere.
    # 35 hours by midpoint: 12.5/87.5 * 35 = 5.0, 17.5/87.5 * 35 = 7.0, 7.5/87.5 * 35 = 3.0.
    outline = study_outline(real_site)
    everything = {s["id"]: {"name": s["name"], "area": a["number"]}
                  for a in outline["areas"] for s in a["skills"]}
    seed_progress(page, site_url, everything, outline["version"])
    page.evaluate("""([key, questions, cards]) => {
        const record = JSON.parse(localStorage.getItem(key));
        record.answers = Object.fromEntries(questions.map(q => [q.id, [{t: 1, ok: true}]]));
        record.cards = Object.fromEntries(cards.map(c => [c.id, {box: 5, due: 8e15, seen: 1}]));
        localStorage.setItem(key, JSON.stringify(record));
    }""", [STORAGE_KEY, outline["questions"], outline["cards"]])
    open_page(page, site_url, PLANNER)
    page.locator("#az-plan-hours").fill("35")
    page.locator(".az-planner__summary", has_text="spread by weight alone").wait_for()
    hours = page.locator(".az-planner__table tr[data-area] [data-az='area-hours']").all_inner_texts()
    assert hours == ["5.0", "7.0", "7.0", "3.0", "7.0", "3.0", "3.0"]


def test_planner_asks_for_a_later_date_when_the_exam_date_has_passed(page, site_url):
    page.clock.set_fixed_time(dt.datetime(2026, 3, 2, 12, 0))
    open_page(page, site_url, PLANNER)
    page.locator("#az-plan-hours").fill("10")
    page.locator("#az-plan-date").fill("2026-03-02")
    warning = page.locator(".az-planner__status .az-study__warning")
    warning.wait_for()
    assert warning.inner_text().startswith("The exam date is today or in the past")
    assert page.locator("[data-az='hours-per-week']").count() == 0


# ---------- Print page ----------


def test_print_page_hides_navigation_and_prints_link_addresses(page, site_url):
    open_page(page, site_url, PRINT)
    page.emulate_media(media="print")
    assert page.locator(".md-sidebar--primary").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).display") == "none"
    link = page.locator(f"li#skill-{FIRST_SKILL} a")
    after = link.evaluate("e => getComputedStyle(e, '::after').content")
    assert link.get_attribute("href").startswith("https://learn.microsoft.com/")
    assert link.get_attribute("href") in after
    # The site's own links print as text only.
    own = page.locator(".az-skills-table a").first
    assert own.evaluate("e => getComputedStyle(e, '::after').content") == "none"
    assert page.locator(".az-print-area").count() == 7


def test_print_hides_study_tools_and_the_outline_notice(page, site_url):
    seed_progress(page, site_url, {"configure-an-old-thing": {"name": "Configure an old thing", "area": 1}},
                  outline="0123456789ab")
    open_page(page, site_url, HOME)
    notice = page.locator(".az-outline-notice")
    notice.wait_for()
    page.emulate_media(media="print")
    assert notice.evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator("#az-readiness").evaluate("e => getComputedStyle(e).display") == "none"


# ---------- Screenshots (looked at by hand; kept out of git) ----------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots(browser, site_url, real_site, scheme):
    outline = study_outline(real_site)
    recorder = Recorder()
    context = new_context(browser, recorder, color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    seed_progress(page, site_url, hand_computed_progress(outline), outline["version"])
    shots = REPORTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for name, path in (("home", HOME), ("homework", AREA_1), ("planner", PLANNER)):
        open_page(page, site_url, path)
        if name == "planner":
            page.locator("#az-plan-hours").fill("40")
        page.screenshot(path=shots / f"{name}-{scheme}.png", full_page=True)
    # The README's picture (.github/screenshot-home.png): the table and readiness, one screen.
    page.set_viewport_size({"width": 1240, "height": 880})
    open_page(page, site_url, HOME)
    top = page.locator("#skills-measured").bounding_box()
    bottom = page.locator(".az-study__buttons").bounding_box()
    article = page.locator("article").bounding_box()
    page.screenshot(path=shots / f"readme-home-{scheme}.png", full_page=True, clip={
        "x": article["x"] - 16, "y": top["y"] - 16, "width": article["width"] + 32,
        "height": bottom["y"] + bottom["height"] - top["y"] + 32})
    context.close()
    assert recorder.errors == []
    assert re.fullmatch(r"[0-9a-f]{12}", outline["version"])
