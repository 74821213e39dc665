"""The glossary in real builds: its page, backlinks, links on every page, and bad data."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import DATA, build_site, reported
from mkdocs.commands.build import build
from mkdocs.config import load_config

from studyguide.glossary import load_glossary

pytestmark = pytest.mark.build

GLOSSARY_HTML = "glossary/index.html"
NEVER_INSIDE = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "summary"}


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "lxml")


def pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("index.html") if "404" not in str(p))


def entry_links(html: BeautifulSoup) -> set[str]:
    """Anchors of the glossary entries a page links to."""
    return {a["href"].split("#", 1)[1] for a in html.select("article a[href*='glossary/#']")}


def test_glossary_lists_every_term_alphabetically_with_a_stable_anchor(real_site):
    glossary = load_glossary(DATA)
    html = soup(real_site, GLOSSARY_HTML)
    terms = html.select("h3.az-glossary-term")
    assert [h3["id"] for h3 in terms] == [t.anchor for t in glossary.terms]
    # The name comes first; one-word aliases follow it in a span.
    assert [next(h3.strings).strip() for h3 in terms] == [t.name for t in glossary.terms]
    names = [t.name.casefold() for t in glossary.terms]
    assert names == sorted(names)


def test_jump_bar_links_every_letter_section(real_site):
    html = soup(real_site, GLOSSARY_HTML)
    letters = {t.letter for t in load_glossary(DATA).terms}
    jumps = html.select("nav.az-glossary-jump a")
    assert {a.get_text() for a in jumps} == letters
    for a in jumps:
        assert html.find(id=a["href"][1:]).name == "h2"


def test_entries_link_their_areas_and_official_document(real_site):
    html = soup(real_site, GLOSSARY_HTML)
    facts = html.find(id="id-scope").find_next_sibling("div", class_="az-glossary-entry").select_one(".az-glossary-facts")
    hrefs = [a["href"] for a in facts.select("a")]
    assert hrefs == [
        "../areas/02-provision-and-manage-devices/",
        "https://learn.microsoft.com/en-us/azure/iot-dps/about-iot-dps",
    ]


def test_backlinks_are_exactly_the_pages_that_link_to_each_entry(real_site):
    """Every "appears on" list agrees with the links found on the built pages."""
    linked_from: dict[str, set[str]] = {}
    for page in pages(real_site):
        # The print page repeats the homework pages, so it is never listed as a backlink.
        if page in (GLOSSARY_HTML, "print/index.html"):
            continue
        url = "../" + page.removesuffix("index.html")
        for anchor in entry_links(soup(real_site, page)):
            linked_from.setdefault(anchor, set()).add(url)
    html = soup(real_site, GLOSSARY_HTML)
    checked = 0
    for heading in html.select("h3.az-glossary-term"):
        entry = heading.find_next_sibling("div", class_="az-glossary-entry")
        listed = [a["href"] for a in entry.select(".az-glossary-backlinks a")]
        assert len(listed) == len(set(listed)), heading["id"]
        assert set(listed) == linked_from.get(heading["id"], set()), heading["id"]
        checked += bool(listed)
    assert checked >= 60  # most terms are used on their area's page at least


def test_every_homework_page_links_terms_with_tooltips(real_site):
    for area in load_glossary(DATA).areas:
        page = area.page.removesuffix(".md") + "/index.html"
        links = soup(real_site, page).select("article a.az-glossary-link")
        assert links, page
        for a in links:
            assert a["title"].strip(), a
            assert a["href"].startswith("../../glossary/#"), a


def test_key_concepts_come_from_the_glossary(real_site):
    glossary = load_glossary(DATA)
    for area in glossary.areas:
        html = soup(real_site, area.page.removesuffix(".md") + "/index.html")
        listed = [a["href"].split("#")[1] for a in html.select(".az-key-concepts dt > a")]
        assert listed == [t.anchor for t in glossary.terms_of_area(area.number)]


def test_no_term_link_inside_code_headings_or_links(real_site):
    for page in pages(real_site):
        for a in soup(real_site, page).select("a.az-glossary-link"):
            parents = {p.name for p in a.parents}
            assert not parents & NEVER_INSIDE, (page, a)
            assert not a.find("a")


def test_each_term_is_linked_at_most_once_per_page(real_site):
    for page in pages(real_site):
        hrefs = [a["href"] for a in soup(real_site, page).select("a.az-glossary-link")]
        assert len(hrefs) == len(set(hrefs)), page


# --- bad data fails the build, naming the file and the term ---------------------------------

def write_glossary(project: Path, yaml_text: str) -> None:
    (project / "data" / "glossary.yml").write_text(yaml_text, encoding="utf-8")
    # The real retirement notices name real terms, which a small test glossary does not have:
    # keep each notice's skills and groups (labs refer to the entries), drop its terms.
    path = project / "data" / "retirements.yml"
    entries = [{k: v for k, v in e.items() if k != "terms"} for e in yaml.safe_load(path.read_text(encoding="utf-8"))]
    kept = [e for e in entries if e.get("skills") or e.get("groups")]
    path.write_text(yaml.safe_dump(kept, sort_keys=False), encoding="utf-8")


VALID = """
- id: id-scope
  name: ID Scope
  definition: Identifies a DPS instance.
  areas: [2]
- id: trusted-platform-module
  name: Trusted Platform Module
  aliases: [TPM]
  definition: A security chip.
  areas: [2, 7]
"""


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("- id: id-scope-again\n  name: id scope\n  definition: Again.\n  areas: [2]\n",
         "data/glossary.yml: term 'id scope': is defined more than once"),
        ("- id: tpm-chip\n  name: TPM chip\n  aliases: [TPM]\n  definition: A chip.\n  areas: [7]\n",
         "data/glossary.yml: term 'TPM chip': alias 'TPM' is already claimed by term 'Trusted Platform Module'"),
        ("- id: endorsement-key\n  name: Endorsement key\n  definition: ' '\n  areas: [2]\n",
         "data/glossary.yml: term 'Endorsement key': definition is empty"),
        ("- id: endorsement-key\n  name: Endorsement key\n  definition: A key.\n  areas: [8]\n",
         "data/glossary.yml: term 'Endorsement key': area 8 is not an area in data/areas.yml"),
        ("- id: id-scope\n  name: Scope ID\n  definition: A value.\n  areas: [2]\n",
         "data/glossary.yml: term 'Scope ID': id 'id-scope' is already the id of term 'ID Scope'"),
    ],
    ids=["duplicate-term", "alias-of-two-terms", "empty-definition", "unknown-area", "duplicate-id"],
)
def test_bad_glossary_data_fails_the_build(project_copy, extra, message):
    write_glossary(project_copy, VALID + extra)
    result = build_site(project_copy)
    assert result.returncode != 0
    assert reported(message, result.stderr), result.stderr


def test_html_in_a_definition_shows_as_text(project_copy):
    write_glossary(project_copy, VALID.replace(
        "Identifies a DPS instance.", "Identifies <script>alert(1)</script> a `<b>` instance."
    ))
    index = project_copy / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nThe ID Scope matters.\n", encoding="utf-8")
    site = project_copy / "site"
    result = build_site(project_copy, site)
    assert result.returncode == 0, result.stderr
    for page in ["index.html", GLOSSARY_HTML, "areas/02-provision-and-manage-devices/index.html"]:
        assert "<script>alert" not in (site / page).read_text(encoding="utf-8"), page
    entry = soup(site, GLOSSARY_HTML).find(id="id-scope").find_next_sibling("div", class_="az-glossary-entry").p
    assert entry.get_text() == "Identifies <script>alert(1)</script> a <b> instance."
    link = soup(site, "index.html").select_one("a.az-glossary-link[href='glossary/#id-scope']")
    # Material inserts title= with innerHTML: the value the browser reads is escaped text.
    assert link["title"] == "Identifies &lt;script&gt;alert(1)&lt;/script&gt; a &lt;b&gt; instance."


def test_rebuilds_in_one_process_forget_the_previous_build(project_copy, tmp_path):
    """`mkdocs serve` keeps hook modules loaded; a rebuild must not keep a removed page's mentions."""
    config_file = project_copy / "mkdocs.yml"
    original = config_file.read_text(encoding="utf-8")
    extra = project_copy / "docs" / "extra.md"

    def build_and_read(site: Path) -> set[str]:
        build(load_config(str(config_file), site_dir=str(site)))
        dd = soup(site, GLOSSARY_HTML).find(id="fan-out").find_next_sibling("div", class_="az-glossary-entry")
        return {a["href"] for a in dd.select(".az-glossary-backlinks a")}

    extra.write_text("# Extra\n\nEvent Grid supports fan-out.\n", encoding="utf-8")
    config_file.write_text(
        original.replace("  - Glossary: glossary.md", "  - Extra: extra.md\n  - Glossary: glossary.md"),
        encoding="utf-8",
    )
    first = build_and_read(tmp_path / "one")
    extra.unlink()
    config_file.write_text(original, encoding="utf-8")
    second = build_and_read(tmp_path / "two")
    assert first == {"../extra/", "../areas/05-process-and-manage-data/"}
    assert second == {"../areas/05-process-and-manage-data/"}


def test_a_missing_glossary_page_fails_the_build(project_copy):
    (project_copy / "docs" / "glossary.md").unlink()
    result = build_site(project_copy)
    assert result.returncode != 0
    assert "docs/glossary.md: page: is missing; every glossary link points to it" in result.stderr
