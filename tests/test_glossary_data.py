"""Loading and checking data/glossary.yml, and the Markdown made from it."""

from __future__ import annotations

import re

import pytest
from conftest import DATA
from exam_data import EXAM
from test_glossary_links import AREAS

from studyguide.errors import DataError
from studyguide.glossary import TERM_ID_PATTERN, load_glossary, parse_glossary, term_anchor
from studyguide.glossary_render import escape_definition, glossary_page, key_concepts, plain_text

FILE = "data/glossary.yml"


def term(name: str, **fields) -> dict:
    return {"id": term_anchor(name), "name": name, "definition": f"About {name}.", "areas": [1], **fields}


def parse(*terms: dict):
    return parse_glossary(list(terms), FILE, AREAS, doc_host=EXAM.doc_host)


def error(*terms: dict) -> str:
    with pytest.raises(DataError) as caught:
        parse(*terms)
    return str(caught.value)


def test_the_real_glossary_loads_and_covers_every_area():
    glossary = load_glossary(DATA)
    assert len(glossary.terms) >= 70
    for area in glossary.areas:
        assert glossary.terms_of_area(area.number), f"area {area.number} has no key concepts"


def test_the_real_glossary_has_the_abbreviations_a_learner_meets():
    glossary = load_glossary(DATA)
    phrases = {p for t in glossary.terms for p in t.phrases}
    for abbreviation in ["DPS", "TPM", "EK", "SRK", "HSM", "SAS", "ADT", "DTDL", "ASA", "TSI", "D2C", "C2D"]:
        assert abbreviation in phrases


def test_terms_are_sorted_and_get_stable_anchors():
    glossary = parse(term("b term"), term("A term"), term("X.509 certificate"))
    assert [t.name for t in glossary.terms] == ["A term", "b term", "X.509 certificate"]
    assert [t.anchor for t in glossary.terms] == ["a-term", "b-term", "x-509-certificate"]
    assert term_anchor("Model (DTDL)") == "model-dtdl"


def test_duplicate_term():
    assert error(term("ID Scope"), term("id scope")) == (
        "data/glossary.yml: term 'id scope': is defined more than once"
    )


def test_alias_claimed_by_two_terms():
    assert error(term("Trusted Platform Module", aliases=["TPM"]), term("TPM chip", aliases=["tpm"])) == (
        "data/glossary.yml: term 'TPM chip': alias 'tpm' is already claimed by term 'Trusted Platform Module'"
    )


def test_a_name_that_is_another_term_s_alias():
    assert error(term("Trusted Platform Module", aliases=["TPM"]), term("TPM")) == (
        "data/glossary.yml: term 'TPM': name is already an alias of term 'Trusted Platform Module'"
    )


def test_an_alias_that_is_only_a_plural():
    assert error(term("Enrollment group", aliases=["enrollment groups"])) == (
        "data/glossary.yml: term 'Enrollment group': alias 'enrollment groups' is a plural, "
        "and plurals match anyway"
    )


@pytest.mark.parametrize("definition", ["", "   ", None])
def test_empty_definition(definition):
    raw = term("ID Scope")
    if definition is None:
        del raw["definition"]
    else:
        raw["definition"] = definition
    assert error(raw) == "data/glossary.yml: term 'ID Scope': definition is empty"


def test_unknown_area():
    assert error(term("ID Scope", areas=[2, 9])) == (
        "data/glossary.yml: term 'ID Scope': area 9 is not an area in data/areas.yml"
    )


def test_missing_area():
    assert error({"id": "id-scope", "name": "ID Scope", "definition": "x"}) == (
        "data/glossary.yml: term 'ID Scope': areas: is required"
    )


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://learn.microsoft.com/en-us/azure/iot-dps/", "must be an https://learn.microsoft.com/ address"),
        ("https://docs.microsoft.com/en-us/azure/iot-dps/", "must be an https://learn.microsoft.com/ address"),
        ("https://learn.microsoft.com/en-us/azure/iot-dps/?WT.mc_id=x", "drop the tracking parameter 'WT.mc_id'"),
    ],
)
def test_doc_links_must_be_clean_official_links(url, problem):
    assert error(term("ID Scope", doc=url)) == f"data/glossary.yml: term 'ID Scope': doc: {problem}"


def test_id_clash():
    assert error(term("TPM-chip"), term("TPM chip!")) == (
        "data/glossary.yml: term 'TPM chip!': id 'tpm-chip' is already the id of term 'TPM-chip'"
    )


def test_the_anchor_is_the_id_not_the_name():
    (renamed,) = parse(term("Scope identifier", id="id-scope")).terms
    assert (renamed.id, renamed.anchor) == ("id-scope", "id-scope")


def test_missing_id():
    raw = term("ID Scope")
    del raw["id"]
    assert error(raw) == "data/glossary.yml: term 'ID Scope': id: is required"


@pytest.mark.parametrize("bad_id", ["ID-Scope", "id scope", "id--scope", "-id-scope", "id-scope-", "id_scope", ""])
def test_id_must_be_kebab_case(bad_id):
    assert error(term("ID Scope", id=bad_id)) == (
        "data/glossary.yml: term 'ID Scope': id: must be lowercase letters and digits "
        "joined by single hyphens, like 'id-scope'"
    )


def test_the_real_glossary_ids_are_unique_kebab_case():
    glossary = load_glossary(DATA)
    ids = [t.id for t in glossary.terms]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(TERM_ID_PATTERN, i) for i in ids)


def test_escape_definition_escapes_html_but_not_code_spans():
    assert escape_definition("a <script>x</script> and `<b>` **b**") == (
        "a &lt;script&gt;x&lt;/script&gt; and `<b>` **b**"
    )


def test_plain_text_drops_markdown_and_escapes_html_once_for_the_tooltip():
    # Material inserts a title= value with innerHTML: the value itself must be escaped text.
    assert plain_text("The **DPS** `<id>` and <script>alert(1)</script>\n[docs](https://x).") == (
        "The DPS &lt;id&gt; and &lt;script&gt;alert(1)&lt;/script&gt; docs."
    )


def test_glossary_page_markdown():
    glossary = parse(
        term("ID Scope", areas=[2], doc="https://learn.microsoft.com/en-us/azure/iot-dps/about-iot-dps"),
        term("Device Provisioning Service", aliases=["DPS"], areas=[1, 2]),
    )
    jump = " ".join(
        f"[{c}](#letter-{c.lower()})" if c in "DI" else f'<span class="az-glossary-jump__empty">{c}</span>'
        for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    )
    assert glossary_page(glossary, docs_name=EXAM.docs_name) == (
        '<nav class="az-glossary-jump" aria-label="Glossary: jump to a letter" data-search-exclude '
        'markdown="1">\n'
        f"{jump}\n</nav>\n\n"
        "## D { #letter-d data-search-exclude }\n\n"
        '<h3 class="az-glossary-term" id="device-provisioning-service">Device Provisioning Service'
        ' <span class="az-glossary-aliases">(DPS)</span></h3>\n\n'
        '<div class="az-glossary-entry" data-glossary-term="device-provisioning-service" markdown="1">\n\n'
        "About Device Provisioning Service.\n\n"
        "**Also:** DPS · **Skill areas:** [One](areas/01-one.md), [Two](areas/02-two.md)\n"
        "{ .az-glossary-facts data-search-exclude }\n\n"
        "**Appears on:**\n"
        '{ .az-glossary-backlinks data-glossary-backlinks="device-provisioning-service" data-search-exclude }\n\n'
        "</div>\n\n"
        "## I { #letter-i data-search-exclude }\n\n"
        '<h3 class="az-glossary-term" id="id-scope">ID Scope</h3>\n\n'
        '<div class="az-glossary-entry" data-glossary-term="id-scope" markdown="1">\n\n'
        "About ID Scope.\n\n"
        "**Skill area:** [Two](areas/02-two.md) · "
        "[Microsoft Learn](https://learn.microsoft.com/en-us/azure/iot-dps/about-iot-dps)\n"
        "{ .az-glossary-facts data-search-exclude }\n\n"
        "**Appears on:**\n"
        '{ .az-glossary-backlinks data-glossary-backlinks="id-scope" data-search-exclude }\n\n'
        "</div>\n"
    )


def test_glossary_heading_escapes_the_name_and_adds_only_one_word_aliases():
    glossary = parse(term("Enrollment <group> & co", aliases=["E<G>", "group of enrollments"], areas=[2]))
    assert (
        '<h3 class="az-glossary-term" id="enrollment-group-co">Enrollment &lt;group&gt; &amp; co'
        ' <span class="az-glossary-aliases">(E&lt;G&gt;)</span></h3>\n'
    ) in glossary_page(glossary, docs_name=EXAM.docs_name)


def test_key_concepts_markdown():
    glossary = parse(term("ID Scope", areas=[2]), term("Enrollment <group>", aliases=["[EG]"], areas=[2]),
                     term("IoT Edge"))
    assert key_concepts(glossary, 2, "areas/02-two.md") == (
        '<div class="az-key-concepts" data-search-exclude markdown="1">\n\n'
        "[Enrollment &lt;group&gt;](../glossary.md#enrollment-group) (\\[EG\\])\n"
        ":   About Enrollment &lt;group&gt;.\n\n"
        "[ID Scope](../glossary.md#id-scope)\n"
        ":   About ID Scope.\n\n"
        "</div>\n"
    )


def test_key_concepts_of_an_area_without_terms():
    assert key_concepts(parse(term("IoT Edge")), 2, "areas/02-two.md") == "_No key terms for this area yet._\n"
