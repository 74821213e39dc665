"""The automatic links to glossary terms: each matching rule, with exact input and output."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Mapping, Sequence

import markdown
import pytest
from exam_data import EXAM
from markdown.treeprocessors import Treeprocessor

from studyguide.areas import Area, Weight
from studyguide.glossary import Glossary, parse_glossary, plural
from studyguide.glossary_links import PRIORITY, GlossaryLinker, PhraseMatcher, fill_backlinks
from studyguide.glossary_render import PageRef, glossary_page

AREAS = [
    Area(number=1, name="One", short_name="One", weight=Weight(min=50, max=60), page="areas/01-one.md"),
    Area(number=2, name="Two", short_name="Two", weight=Weight(min=40, max=50), page="areas/02-two.md"),
]
TERMS = [
    {"id": "iot-edge", "name": "IoT Edge", "definition": "Edge.", "areas": [1]},
    {"id": "iot-edge-hub", "name": "IoT Edge hub", "aliases": ["edgeHub"], "definition": "Hub.", "areas": [1]},
    {"id": "id-scope", "name": "ID Scope", "definition": "Scope.", "areas": [2]},
    {"id": "enrollment-group", "name": "Enrollment group", "aliases": ["group enrollment"],
     "definition": "Group.", "areas": [2]},
    {"id": "device-provisioning-service", "name": "Device Provisioning Service", "aliases": ["DPS"],
     "definition": "Provisions.", "areas": [2]},
    {"id": "allocation-policy", "name": "Allocation policy", "definition": "Picks a *hub*.", "areas": [2]},
    {"id": "model-dtdl", "name": "Model (DTDL)", "aliases": ["DTDL model"], "definition": "A model.", "areas": [1]},
]
PAGE = "areas/01-one.md"


def make_glossary(terms: list[dict] = TERMS) -> Glossary:
    return parse_glossary(terms, "data/glossary.yml", AREAS, doc_host=EXAM.doc_host)


class _Linking(Treeprocessor):
    """What studyguide.extension does with the linker on a page, without a guide's data."""

    def __init__(self, md: markdown.Markdown, linker: GlossaryLinker, page: str,
                 backlinks: Mapping[str, Sequence[PageRef]] | None, mentions: dict[str, list[str]]) -> None:
        super().__init__(md)
        self.linker, self.page, self.backlinks, self.mentions = linker, page, backlinks, mentions

    def run(self, root: etree.Element) -> None:
        if self.backlinks is not None:
            fill_backlinks(root, self.backlinks, self.page)
        self.mentions[self.page] = self.linker.link_page(root, self.page)


def render(text: str, page: str = PAGE, linker: GlossaryLinker | None = None,
           backlinks: Mapping[str, Sequence[PageRef]] | None = None,
           mentions: dict[str, list[str]] | None = None) -> str:
    md = markdown.Markdown(extensions=["attr_list", "def_list", "toc", "md_in_html", "pymdownx.superfences"])
    linking = _Linking(md, linker or GlossaryLinker(make_glossary()), page, backlinks,
                       {} if mentions is None else mentions)
    md.treeprocessors.register(linking, "linking", PRIORITY)
    return md.convert(text)


def link(anchor: str, text: str, title: str, prefix: str = "../glossary.md") -> str:
    return f'<a class="az-glossary-link" href="{prefix}#{anchor}" title="{title}">{text}</a>'


EDGE = link("iot-edge", "IoT Edge", "Edge.")
HUB = link("iot-edge-hub", "IoT Edge hub", "Hub.")


def test_first_mention_links_with_the_definition_as_tooltip():
    assert render("The IoT Edge hub and the IoT Edge hub.") == f"<p>The {HUB} and the IoT Edge hub.</p>"


def test_longest_match_wins():
    assert render("IoT Edge hub, then IoT Edge.") == f"<p>{HUB}, then {EDGE}.</p>"


def test_whole_words_only():
    assert render("IoT Edger, IoT Edgehub, DPSx, xDPS, edgeHub2.") == "<p>IoT Edger, IoT Edgehub, DPSx, xDPS, edgeHub2.</p>"


def test_ordinary_words_match_in_any_case():
    assert render("ENROLLMENT Group") == f"<p>{link('enrollment-group', 'ENROLLMENT Group', 'Group.')}</p>"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id scope, Id Scope", "<p>id scope, Id Scope</p>"),
        ("the ID scope", f"<p>the {link('id-scope', 'ID scope', 'Scope.')}</p>"),
        ("dps or Dps", "<p>dps or Dps</p>"),
        ("via DPS", f"<p>via {link('device-provisioning-service', 'DPS', 'Provisions.')}</p>"),
        ("EdgeHub, edgehub", "<p>EdgeHub, edgehub</p>"),
        ("iot edge", "<p>iot edge</p>"),
    ],
)
def test_abbreviations_match_only_in_their_exact_case(text, expected):
    assert render(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("enrollment groups", link("enrollment-group", "enrollment groups", "Group.")),
        ("allocation policies", link("allocation-policy", "allocation policies", "Picks a hub.")),
        ("two DTDL models", "two " + link("model-dtdl", "DTDL models", "A model.")),
    ],
)
def test_simple_plurals_match(text, expected):
    assert render(text) == f"<p>{expected}</p>"


def test_a_phrase_may_wrap_across_lines():
    assert render("an enrollment\ngroup") == f"<p>an {link('enrollment-group', 'enrollment' + chr(10) + 'group', 'Group.')}</p>"


def test_an_alias_links_to_its_term_and_counts_as_its_mention():
    assert render("edgeHub is the IoT Edge hub.") == (
        f"<p>{link('iot-edge-hub', 'edgeHub', 'Hub.')} is the IoT Edge hub.</p>"
    )


def test_a_qualified_name_links_only_through_its_aliases():
    assert render("A model is a DTDL model.") == f"<p>A model is a {link('model-dtdl', 'DTDL model', 'A model.')}.</p>"


def test_never_inside_code_spans_or_code_blocks():
    text = "`IoT Edge` here\n\n```\nIoT Edge hub\n```\n\n    IoT Edge hub indented\n\nthen IoT Edge"
    assert render(text) == (
        "<p><code>IoT Edge</code> here</p>\n"
        '<div class="highlight"><pre><span></span><code>IoT Edge hub\n</code></pre></div>\n'
        "<pre><code>IoT Edge hub indented\n</code></pre>\n"
        f"<p>then {EDGE}</p>"
    )


def test_never_inside_existing_links_headings_or_image_alt_text():
    text = "# IoT Edge\n\n[IoT Edge hub](https://example.org) ![IoT Edge](x.png) and IoT Edge"
    assert render(text) == (
        '<h1 id="iot-edge">IoT Edge</h1>\n'
        '<p><a href="https://example.org">IoT Edge hub</a> <img alt="IoT Edge" src="x.png" /> '
        f"and {EDGE}</p>"
    )


def test_html_attributes_are_left_alone():
    assert render('<abbr title="IoT Edge">IE</abbr> <span title="DPS">x</span>') == (
        '<p><abbr title="IoT Edge">IE</abbr> <span title="DPS">x</span></p>'
    )


def test_attribute_lists_are_not_linked():
    assert render("Some text\n{ title=\"IoT Edge\" }") == '<p title="IoT Edge">Some text</p>'


def test_an_existing_link_to_the_entry_counts_as_the_first_mention():
    assert render("[Edge](../glossary.md#iot-edge) then IoT Edge") == (
        '<p><a href="../glossary.md#iot-edge">Edge</a> then IoT Edge</p>'
    )


def test_links_are_relative_to_the_page():
    assert render("IoT Edge", page="index.md") == f"<p>{link('iot-edge', 'IoT Edge', 'Edge.', 'glossary.md')}</p>"


def test_the_linker_returns_each_page_s_mentions_once_in_order():
    linker = GlossaryLinker(make_glossary())
    mentions: dict[str, list[str]] = {}
    render("DPS, then IoT Edge, then DPS and [IoT Edge](../glossary.md#iot-edge) again", page="areas/a.md",
           linker=linker, mentions=mentions)
    render("nothing", page="b.md", linker=linker, mentions=mentions)
    assert mentions == {"areas/a.md": ["device-provisioning-service", "iot-edge"], "b.md": []}


def test_a_term_is_not_linked_in_its_own_glossary_entry():
    glossary = make_glossary(
        [
            {"id": "iot-edge", "name": "IoT Edge", "definition": "Runs IoT Edge hub modules.", "areas": [1]},
            {"id": "iot-edge-hub", "name": "IoT Edge hub", "definition": "Part of IoT Edge.", "areas": [1]},
        ]
    )
    html = render(glossary_page(glossary, docs_name=EXAM.docs_name), page="glossary.md", linker=GlossaryLinker(glossary))
    assert (
        '<div class="az-glossary-entry" data-glossary-term="iot-edge">\n<p>Runs <a class="az-glossary-link" href="#iot-edge-hub" title="Part of IoT Edge.">'
        "IoT Edge hub</a> modules.</p>"
    ) in html
    assert (
        '<div class="az-glossary-entry" data-glossary-term="iot-edge-hub">\n<p>Part of <a class="az-glossary-link" href="#iot-edge" title="Runs IoT Edge hub modules.">'
        "IoT Edge</a>.</p>"
    ) in html
    assert html.count("az-glossary-link") == 2


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("enrollment group", "enrollment groups"),
        ("allocation policy", "allocation policies"),
        ("key", "keys"),
        ("IoT Edge hub", "IoT Edge hubs"),
        ("HSM", "HSMs"),
        ("switch", "switches"),
        ("box", "boxes"),
        ("desired properties", None),
        ("DPS", None),
        ("X.509", None),
        ("Model (DTDL)", None),
    ],
)
def test_plural(phrase, expected):
    assert plural(phrase) == expected


def test_matcher_scans_once_and_reports_positions():
    matcher = PhraseMatcher({"IoT Edge": "edge", "IoT Edge hub": "hub", "hub": "plain-hub"})
    found = [(m.start, m.end, m.value) for m in matcher.finditer("IoT Edge hubs and a hub.")]
    assert found == [(0, 13, "hub"), (20, 23, "plain-hub")]


def test_matcher_refuses_a_phrase_with_two_owners():
    with pytest.raises(ValueError, match="two values"):
        PhraseMatcher({"IoT Edge": "a", "iot edge": "b"})


def test_the_glossary_page_gets_its_backlinks_on_the_tree():
    glossary = make_glossary(TERMS[:2])
    linker = GlossaryLinker(glossary)
    backlinks = {"iot-edge": [PageRef("Home", "index.md"), PageRef("One", "areas/01-one.md")]}
    html = render(glossary_page(glossary, docs_name=EXAM.docs_name), page="glossary.md", linker=linker,
                  backlinks=backlinks)
    assert (
        '<p class="az-glossary-backlinks" data-search-exclude><strong>Appears on:</strong> '
        '<a href="index.md">Home</a>, <a href="areas/01-one.md">One</a></p>'
    ) in html
    assert '<p class="az-glossary-backlinks" data-search-exclude><strong>Appears on:</strong> no page yet</p>' in html
    assert "data-glossary-backlinks" not in html
