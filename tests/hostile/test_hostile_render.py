"""Hostile strings through studyguide.safe, rendered by Python-Markdown with the site's extensions.

Plain-text fields must come out as exactly their text, in every Markdown context a renderer
puts them in; Markdown fields keep only paragraphs, lists, emphasis, code and safe links.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from markdown.serializers import to_html_string

from studyguide import safe
from studyguide.areas import Area, Weight
from studyguide.errors import DataError
from studyguide.pages import AREA_MARKERS, check_pages, duplicate_ids, marker_problems
from studyguide.questions import Option, Question, print_questions, question_bank, question_markdown

# The site's extensions that give text a meaning (mkdocs.yml).
SITE_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc",
                   "pymdownx.details", "pymdownx.superfences"]

HOSTILE_TEXT = [
    '<script>alert(1)</script>',
    '<img src=x onerror="alert(1)">',
    '[x](javascript:alert(1))',
    '{: onmouseover="alert(1)" }',
    'Name { #evil .x onclick="alert(1)" }',
    '*[HTML]: Hyper Text',
    '!!! danger "boom"',
    '??? note "open"',
    '- a list',
    '1. a list',
    '# a heading',
    '> a quote',
    ': a definition',
    '| a | table |',
    '`code` and **bold** and _em_',
    '&lt;script&gt; &amp; &#60;b&#62;',
    'back\\slash \\<b\\>',
    '"quoted" and \'single\'',
    '\x02wzxhzdk:0\x03 placeholder',
    '</title><script>alert(1)</script>',
]


def render(markdown_text: str) -> BeautifulSoup:
    html = markdown.markdown(markdown_text, extensions=SITE_EXTENSIONS)
    return BeautifulSoup(html, "html.parser")


def literal(text: str) -> str:
    return safe.plain(text)


@pytest.mark.parametrize("text", HOSTILE_TEXT)
@pytest.mark.parametrize(("context", "selector"), [
    ("# {} {{ #anchor }}\n", "h1"),
    ("Some words, then {} and more.\n", "p"),
    ("[{}](page.md)\n", "a"),
    ("| Head |\n|------|\n| {} |\n", "td"),
    ('??? abstract "{}"\n\n    body\n', "summary"),
    ("{}\n:   a definition\n", "dt"),
])
def test_plain_text_renders_literally_in_every_context(text: str, context: str, selector: str) -> None:
    soup = render(context.format(safe.md_text(text)))
    element = soup.select_one(selector)
    assert element is not None, str(soup)
    assert literal(text) in element.get_text(), str(soup)
    assert element.find_all(True) == [], str(soup)  # no element was made from the text
    allowed = {"id"} if selector == "h1" else {"href"} if selector == "a" else set()
    assert set(element.attrs) <= allowed, str(soup)


MARKDOWN_FIELD_CASES = {
    "javascript link": ("See [docs](javascript:alert(1)).", "<p>See docs.</p>"),
    "javascript with a tab": ("[x](java\tscript:alert(1))", "<p>x</p>"),
    "data URL": ("[x](data:text/html,<script>alert(1)</script>)", "<p>x</p>"),
    "protocol-relative": ("[x](//evil.example/)", "<p>x</p>"),
    "backslash host": ("[x](/\\evil.example/)", "<p>x</p>"),
    "http link": ("[x](http://example.org/)", "<p>x</p>"),
    "https link": ("[x](https://example.org/a_(b))", '<p><a href="https://example.org/a_%28b%29">x</a></p>'),
    "relative link": ("[x](../glossary.md#id)", '<p><a href="../glossary.md#id">x</a></p>'),
    "link title with markup": ('[x](https://example.org/ "<b onmouseover=alert(1)>t</b>")',
                               '<p><a href="https://example.org/">x</a></p>'),
    "reference link": ("[x][r]\n\n[r]: javascript:alert(1)", "<p>x</p>"),
    "raw HTML block": ("<div onclick=alert(1)>hi</div>", "<p>&lt;div onclick=alert(1)&gt;hi&lt;/div&gt;</p>"),
    "inline HTML": ("a <b>b</b> c", "<p>a &lt;b&gt;b&lt;/b&gt; c</p>"),
    "attr list": ("text\n{: onmouseover=\"alert(1)\" }",
                  "<p>text {: onmouseover=&quot;alert(1)&quot; }</p>"),
    # Not an image, and not a link either (Markdown never links "![…]"): text, shown as written.
    "image": ("![alt](https://evil.example/x.png)", "<p>&#33;[alt](https://evil.example/x.png)</p>"),
    "entity": ("&lt;script&gt;", "<p>&amp;lt;script&amp;gt;</p>"),
    "code span": ("`<b>` code", "<p><code>&lt;b&gt;</code> code</p>"),
    "emphasis": ("*a* **b**", "<p><em>a</em> <strong>b</strong></p>"),
    "list": ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
    "heading": ("# Big", "<p>Big</p>"),
    "admonition": ('!!! danger "x"\n    body', "<p>&#33;!! danger &quot;x&quot; body</p>"),
    "autolink": ("<javascript:alert(1)>", "<p>&lt;javascript:alert(1)&gt;</p>"),
    "mail autolink": ("<me@example.org>", "<p>&lt;me@example.org&gt;</p>"),
}


@pytest.mark.parametrize(("source", "expected"), MARKDOWN_FIELD_CASES.values(), ids=MARKDOWN_FIELD_CASES.keys())
def test_markdown_fields_keep_only_safe_markup(source: str, expected: str) -> None:
    assert markdown.markdown(safe.markdown_block(source), extensions=SITE_EXTENSIONS) == expected


def test_a_tooltip_is_text_escaped_once() -> None:
    # Material puts title= into the page with innerHTML: the value it reads must be escaped text.
    title = safe.tooltip('An <img src=x onerror="alert(1)"> and [x](javascript:alert(1)) `<b>`')
    assert title == 'An &lt;img src=x onerror="alert(1)"&gt; and x &lt;b&gt;'
    # Through Python-Markdown's serializer (which keeps entities as they are), the browser reads it back.
    element = etree.Element("a", {"title": safe.tree_attr(title)})
    source = to_html_string(element)
    assert source == '<a title="An &amp;lt;img src=x onerror=&quot;alert(1)&quot;&amp;gt; and x &amp;lt;b&amp;gt;"></a>'
    assert BeautifulSoup(source, "html.parser").a["title"] == title


def test_a_nav_title_is_html() -> None:
    assert safe.nav_title("1 · </title><script>x</script>") == "1 · &lt;/title&gt;&lt;script&gt;x&lt;/script&gt;"


def test_json_output_cannot_close_a_script_block() -> None:
    text = safe.json_text({"name": "</script><script>alert(1)</script>&"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script>&"}


@pytest.mark.parametrize(("url", "expected"), [
    ("https://learn.microsoft.com/x", "https://learn.microsoft.com/x"),
    ("HTTPS://example.org/", "HTTPS://example.org/"),
    ("glossary.md#x", "glossary.md#x"),
    ("#anchor", "#anchor"),
    ("javascript:alert(1)", None),
    ("JaVaScRiPt:alert(1)", None),
    (" javascript:alert(1)", None),
    ("java\nscript:alert(1)", None),
    ("vbscript:x", None),
    ("data:text/html,x", None),
    ("http://example.org/", None),
    ("https:evil.example", None),
    ("//evil.example", None),
    ("\\\\evil.example", None),
    ("a\x00b", None),
])
def test_safe_url(url: str, expected: str | None) -> None:
    assert safe.safe_url(url) == expected


# --- pages ----------------------------------------------------------------------------------------


def _page(root: Path, src: str, data: bytes) -> tuple[str, Path]:
    path = root / "docs" / src
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return src, path


def _page_report(root: Path, pages: list[tuple[str, Path]], area_pages: list[str] = ()) -> str:
    try:
        check_pages(pages, root, area_pages)
    except DataError as exc:
        return str(exc)
    return ""


def test_a_page_with_a_windows_1252_byte(tmp_path: Path) -> None:
    page = _page(tmp_path, "notes.md", "# Notes\n\nIt\x92s here.\n".encode("latin-1"))
    assert _page_report(tmp_path, [page]) == (
        "docs/notes.md:3: YAML: byte 0x92 at column 3 is not UTF-8 (save the file as UTF-8; "
        "a word processor's curly quote or accent is the usual cause)"
    )


def test_a_page_that_links_outside_the_project(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("secret\n", encoding="utf-8")
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    link = project / "docs" / "leak.md"
    link.symlink_to(outside)
    assert _page_report(project, [("leak.md", link)]) == (
        f"docs/leak.md: page: is a link to {outside}, outside the project; copy the page into docs/ instead"
    )


def test_a_symlink_inside_the_project_is_fine(tmp_path: Path) -> None:
    src, path = _page(tmp_path, "real.md", b"# Real\n")
    link = tmp_path / "docs" / "alias.md"
    link.symlink_to(path)
    assert _page_report(tmp_path, [(src, path), ("alias.md", link)]) == ""


@pytest.mark.parametrize(("text", "expected"), [
    ("<!-- guide:skills -->\n", []),
    ("<!-- guide:skills-->\n", []),
    ("<!-- GUIDE:skills -->\n",
     ["docs/areas/01.md:1: marker <!-- GUIDE:skills -->: write markers exactly as <!-- guide:skills -->",
      "docs/areas/01.md: marker <!-- guide:skills -->: is missing; this page's generated section would be empty"]),
    ("text\n<!-- guide:Skills -->\n",
     ["docs/areas/01.md:2: marker <!-- guide:Skills -->: write markers exactly as <!-- guide:skills -->",
      "docs/areas/01.md: marker <!-- guide:skills -->: is missing; this page's generated section would be empty"]),
    ("<!-- guide:skills -->\n<!-- guide:skills -->\n",
     ["docs/areas/01.md:2: marker <!-- guide:skills -->: appears more than once; each marker belongs once on a page"]),
    ("nothing here\n",
     ["docs/areas/01.md: marker <!-- guide:skills -->: is missing; this page's generated section would be empty"]),
])
def test_markers_on_a_page_that_needs_one(text: str, expected: list[str]) -> None:
    assert [str(p) for p in marker_problems(text, "areas/01.md", ["skills"])] == expected


def test_two_headings_with_one_anchor() -> None:
    html = markdown.markdown("## Setup\n\ntext\n\n## Setup\n", extensions=["toc"])
    assert [str(p) for p in duplicate_ids(html, "notes.md")] == [
        ("docs/notes.md: anchor #setup: is made by two headings (or a heading and a glossary term); "
        "rename one of them")
    ]


def test_a_term_and_a_heading_with_one_anchor() -> None:
    html = markdown.markdown("## A { #letter-a }\n\nLetter A { #letter-a }\n:   x\n",
                             extensions=["toc", "attr_list", "def_list"])
    assert [str(p) for p in duplicate_ids(html, "glossary.md")] == [
        "docs/glossary.md: anchor #letter-a: is used by 2 elements; links to it would reach only the first"
    ]


# --- Practice questions: every field of a question through its renderer ------------------------
#
# Validation refuses HTML, attribute lists and other links in question fields, but the renderers
# must not depend on that: a question built in code with a hostile string in every field still
# renders inert, and its plain-text fields show exactly as typed.


def _hostile_question(text: str) -> Question:
    return Question(
        id="q1", area=1, skills=("a-skill",), scenario=text, prompt=text,
        options=(Option(text=text, correct=True, why=text), Option(text=text + " 2", correct=False, why=text),
                 Option(text=text + " 3", correct=False, why=text)),
        doc="javascript:alert(1)", explanation=text, retired=None,
    )


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_a_question_with_a_hostile_string_in_every_field_renders_inert(text: str) -> None:
    from test_hostile_build import live_markup

    question = _hostile_question(text)
    # Built without validation (Area refuses control characters): the renderer is what is tested.
    area = Area.model_construct(number=1, name=text, short_name=text, weight=Weight(min=1, max=2),
                                page="areas/01.md")
    for source in (question_markdown(question, 1, 1), print_questions([question], [area]),
                   question_bank([question], [area])):
        html = markdown.markdown(source, extensions=SITE_EXTENSIONS)
        assert live_markup(html) == []  # no script, on*=, javascript: URL or markup in a title
    soup = render(question_markdown(question, 1, 1))
    if "`" not in text:  # code spans stay code in prompts and options; all else is literal
        assert soup.select_one(".az-question__prompt strong").get_text() == literal(text)
        assert soup.select_one(".az-question__options li").get_text() == literal(text)
    assert soup.select_one(".az-question")["id"] == "question-q1"


def test_the_study_pages_need_their_markers_exactly_once(tmp_path: Path) -> None:
    area_markers = "".join(f"<!-- guide:{name} -->\n" for name in AREA_MARKERS if name != "self-check")
    pages = [
        _page(tmp_path, "mock-exam.md", b"# Mock exam\n"),
        _page(tmp_path, "flashcards.md", b"<!-- guide:flashcards -->\n<!-- guide:flashcards -->\n"),
        _page(tmp_path, "areas/01.md", area_markers.encode() + b"<!-- guide:Self-Check -->\n"),
    ]
    line = len(AREA_MARKERS)
    assert _page_report(tmp_path, pages, ["areas/01.md"]).splitlines() == [
        "docs/mock-exam.md: marker <!-- guide:mock-exam -->: is missing; this page's generated section would be empty",
        ("docs/flashcards.md:2: marker <!-- guide:flashcards -->: appears more than once; each marker belongs "
         "once on a page"),
        (f"docs/areas/01.md:{line}: marker <!-- guide:Self-Check -->: write markers exactly as "
         "<!-- guide:self-check -->"),
        "docs/areas/01.md: marker <!-- guide:self-check -->: is missing; this page's generated section would be empty",
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("two `a` and `b`", "<p>two <code>a</code> and <code>b</code></p>"),
    ("Use ``a`b`` here", "<p>Use <code>a`b</code> here</p>"),
    ("an ` unclosed tick", "<p>an ` unclosed tick</p>"),
    ("- `x` as a list?", "<p>&#45; <code>x</code> as a list?</p>"),
    ("`<script>alert(1)</script>` <b>x</b>",
     "<p><code>&lt;script&gt;alert(1)&lt;/script&gt;</code> &lt;b&gt;x&lt;/b&gt;</p>"),
    ("[x](javascript:alert(1)) *y*", "<p>[x](javascript:alert(1)) *y*</p>"),
])
def test_plain_text_with_code_spans_keeps_only_the_code(text: str, expected: str) -> None:
    assert markdown.markdown(safe.md_code_text(text), extensions=SITE_EXTENSIONS) == expected


def test_a_hostile_question_id_stays_inside_its_attributes() -> None:
    from dataclasses import replace

    from test_hostile_build import live_markup

    question = replace(_hostile_question("text"), id='x" onclick="alert(1)')
    html = markdown.markdown(question_markdown(question, 1, 1), extensions=SITE_EXTENSIONS)
    assert live_markup(html) == []
    assert render(question_markdown(question, 1, 1)).select_one(".az-question")["data-question"] == question.id
