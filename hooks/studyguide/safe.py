"""The one path from data to page: every string from ``data/`` is made safe here, for its context.

Data is untrusted input (anyone can open a pull request), so no renderer pastes a data string
into Markdown or HTML by hand. Plain-text fields (names, ids, short names) go through
``md_text`` (Markdown), ``html_text``/``attr`` (HTML) or ``nav_title``; Markdown fields
(glossary definitions, change descriptions) go through ``markdown_block``/``markdown_inline``,
which parse them with a restricted Markdown instance and write back only what is allowed:

- paragraphs, lists, emphasis, strong, code spans and links; nothing else (no raw HTML, no
  images, no attribute lists, no headings: their text stays, as text);
- links only to ``https:`` or to a relative target; any other link keeps its text, unlinked;
- no link titles (Material's tooltips insert ``title=`` as HTML).

Tooltips (``tooltip``) are the plain text of a Markdown field, HTML-escaped exactly once:
Material puts the ``title=`` value into the page with ``innerHTML``.
"""

from __future__ import annotations

import functools
import html
import json
import re
import xml.etree.ElementTree as etree
from typing import Any
from urllib.parse import quote

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import escape

# Backslash-escaped anywhere: what starts inline markup, links ([ ]: a "(" means nothing
# without "]" before it), attribute lists ({ }), table cells (|) and heading ids (#). Only
# characters Python-Markdown can escape (md.ESCAPED_CHARS with tables): any other "\x" would
# show its backslash. Fewer escapes also keep phrases like "Component (DTDL)" matchable by the
# glossary linker, which sees escapes as placeholders.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|])")
# What starts a block when it opens a line: lists (- + 1.), quotes (>), admonitions and details
# (! ?), definitions (:), setext underlines (=), fences (~).
_LINE_START = re.compile(r"^(?:[-+>=:?~!]|\d+[.)])")
# Control characters (C0 except tab/newline, DEL, C1): Python-Markdown uses STX/ETX as
# placeholders, and none of them belongs in a page.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WHITESPACE = re.compile(r"\s+")
# Characters a browser drops from a URL before reading its scheme ("java\tscript:").
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]")
# Markdown link destinations: keep what a URL needs, percent-encode the rest (spaces, parens, <>).
_URL_SAFE_CHARS = "/:?#[]@!$&'*+,;=%~-._"


def plain(text: str) -> str:
    """One line of text: control characters dropped, runs of whitespace made one space."""
    return _WHITESPACE.sub(" ", CONTROL_CHARS.sub("", text)).strip()


def md_text(text: str) -> str:
    """Plain text as inline Markdown that renders literally, wherever it sits.

    Safe in a paragraph, a heading (with or without ``{ #id }``), link text, a table cell and a
    quoted admonition title: Markdown punctuation is backslash-escaped and ``& < > "`` become
    entities, so nothing in the text can start markup, an attribute list or an HTML tag.
    """
    escaped = (
        _MD_SPECIAL.sub(r"\\\1", plain(text))
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )
    start = _LINE_START.match(escaped)
    if start:  # a character reference, so the text cannot open a block
        mark = start.end() - 1
        escaped = f"{escaped[:mark]}&#{ord(escaped[mark])};{escaped[mark + 1:]}"
    return escaped


def html_text(text: str) -> str:
    """Plain text as HTML element content or a quoted attribute value."""
    return str(escape(plain(text)))


attr = html_text


def nav_title(text: str) -> str:
    """A page title for MkDocs and Material, which treat titles as HTML (nav, ``<title>``)."""
    return html_text(text)


def json_text(value: Any) -> str:
    """JSON that stays inert even if pasted into a ``<script>`` block: ``< > &`` as escapes."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def safe_url(url: str) -> str | None:
    """The URL if it is ``https:`` or relative (no scheme, no ``//host``), else None."""
    if CONTROL_CHARS.search(url) or "\\" in url:
        return None
    target = _URL_IGNORED.sub("", url)
    if not target or target.startswith("//"):
        return None
    head = re.split(r"[/?#]", target, maxsplit=1)[0]
    if ":" in head:  # a scheme
        return target if head.lower().startswith("https:") and target[6:8] == "//" else None
    return target


def md_url(url: str) -> str:
    """A URL as a Markdown link destination: no space, parenthesis or angle bracket left raw."""
    return quote(url, safe=_URL_SAFE_CHARS)


def md_link(text: str, url: str) -> str:
    """``[text](url)`` with the text escaped; an unsafe URL gives the text alone."""
    target = safe_url(url)
    return f"[{md_text(text)}]({md_url(target)})" if target else md_text(text)


# A backtick code span as Python-Markdown reads it (the same run of backticks opens and closes).
CODE_SPAN = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)


def md_code_text(text: str) -> str:
    """Plain text whose backtick code spans stay code (a question's prompt and options).

    Outside the code spans the text is ``md_text``: nothing else in it can become markup.
    """
    out: list[str] = []
    last = 0
    for span in CODE_SPAN.finditer(text):
        out.append(_text_md(text[last:span.start()]))
        out.append(_code_span(span.group(2).strip()))
        last = span.end()
    out.append(_text_md(text[last:]))
    return _WHITESPACE.sub(" ", "".join(out)).strip()


# --- Markdown fields ---------------------------------------------------------------------------

_BLOCKS = frozenset({"p", "ul", "ol", "li"})


class _Capture(Treeprocessor):
    """Keeps the finished tree (after inline parsing and unescaping) for ``_parse``."""

    root: etree.Element | None = None

    def run(self, root: etree.Element) -> None:
        self.root = root


@functools.cache
def _restricted_markdown() -> tuple[markdown.Markdown, _Capture]:
    """One instance per process (building one costs milliseconds); ``_parse`` resets it."""
    md = markdown.Markdown(extensions=[])  # no attr_list, no md_in_html: nothing but core Markdown
    md.preprocessors.deregister("html_block")  # raw HTML blocks stay text
    for name in ("html", "entity", "automail", "image_link", "image_reference", "short_image_ref"):
        md.inlinePatterns.deregister(name)  # inline HTML, entities, mail obfuscation, images
    capture = _Capture(md)
    md.treeprocessors.register(capture, "studyguide-capture", -10)
    return md, capture


@functools.lru_cache(maxsize=8192)
def _parse(text: str) -> etree.Element:
    """The tree of one Markdown field (read-only: validation and rendering share it)."""
    md, capture = _restricted_markdown()
    md.reset().convert(CONTROL_CHARS.sub("", text))
    assert capture.root is not None  # the treeprocessor always runs
    return capture.root


def _text_of(element: etree.Element) -> str:
    """All text inside ``element``, code spans unescaped back to what the author wrote."""
    parts = [_code_text(element) if element.tag == "code" else element.text or ""]
    for child in element:
        parts.append(_text_of(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _code_text(element: etree.Element) -> str:
    # Python-Markdown escapes code span text (&lt;) before it reaches the tree.
    return html.unescape(element.text or "")


def _code_span(code: str) -> str:
    ticks = max((len(run) for run in re.findall(r"`+", code)), default=0) + 1
    fence = "`" * ticks
    code = plain(code)
    pad = " " if code.startswith("`") or code.endswith("`") else ""
    return f"{fence}{pad}{code}{pad}{fence}"


def _inline_md(element: etree.Element) -> str:
    """The inline content of ``element`` as safe Markdown."""
    out = [_text_md(element.text)]
    for child in element:
        out.append(_inline_child_md(child))
        out.append(_text_md(child.tail))
    return _WHITESPACE.sub(" ", "".join(out)).strip()


def _text_md(text: str | None) -> str:
    """A text node as Markdown, keeping the space that separates it from its neighbours."""
    if not text:
        return ""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    core = md_text(text)
    return f"{lead}{core}{trail}" if core else " "


def _inline_child_md(child: etree.Element) -> str:
    tag = child.tag
    if tag == "code":
        return _code_span(_code_text(child))
    if tag == "br":
        return " "
    inner = _inline_md(child)
    if not inner:
        return ""
    if tag == "em":
        return f"*{inner}*"
    if tag == "strong":
        return f"**{inner}**"
    if tag == "a":
        target = safe_url(child.get("href", ""))
        return f"[{inner}]({md_url(target)})" if target else inner
    return inner  # anything else keeps its text only


def _block_md(element: etree.Element, indent: str = "") -> list[str]:
    """Blocks of ``element``'s children as Markdown paragraphs (each a string)."""
    blocks: list[str] = []
    for child in element:
        if child.tag in ("ul", "ol"):
            items = []
            for number, item in enumerate((li for li in child if li.tag == "li"), start=1):
                bullet = f"{number}. " if child.tag == "ol" else "- "
                nested = _block_md(item, indent + "    ") if len(item) and item[0].tag in _BLOCKS else []
                head = _inline_md(item) if not nested else nested[0].strip()
                rest = nested[1:]
                items.append(indent + bullet + head + "".join("\n\n" + b for b in rest))
            blocks.append("\n".join(items))
        elif child.tag == "pre":
            blocks.append(indent + _code_span(_text_of(child)))
        elif child.tag == "hr":
            continue
        else:  # p, and the text of headings, blockquotes and anything else
            text = _inline_md(child) if child.tag not in ("blockquote",) else " ".join(
                _inline_md(p) for p in child
            )
            if text:
                blocks.append(indent + text)
    return blocks


@functools.lru_cache(maxsize=4096)
def markdown_block(text: str) -> str:
    """A Markdown field as safe Markdown paragraphs (see the module docstring for what stays)."""
    return "\n\n".join(_block_md(_parse(text)))


@functools.lru_cache(maxsize=4096)
def markdown_inline(text: str) -> str:
    """A Markdown field as one line of safe inline Markdown (for a list item or a table cell)."""
    return " ".join(part for part in _leaf_lines(_parse(text)) if part)


def _leaf_lines(element: etree.Element) -> list[str]:
    """The inline Markdown of every paragraph and list item, in order, without the list marks."""
    lines: list[str] = []
    for child in element:
        if child.tag in ("ul", "ol") or (child.tag == "li" and len(child) and child[0].tag in _BLOCKS):
            lines.extend(_leaf_lines(child))
        elif child.tag == "pre":
            lines.append(_code_span(_text_of(child)))
        else:
            lines.append(_inline_md(child))
    return lines


@functools.lru_cache(maxsize=4096)
def markdown_plain(text: str) -> str:
    """The words of a Markdown field, as plain text (tooltips, feeds, search)."""
    return plain(" ".join(_text_of(child) for child in _parse(text)))


def tooltip(text: str) -> str:
    """A ``title=`` value (as the browser reads it) for a Markdown field: plain text,
    HTML-escaped once, because Material inserts it with ``innerHTML``."""
    return html.escape(markdown_plain(text), quote=False)


def tree_attr(value: str) -> str:
    """``value`` for an attribute of a Python-Markdown element tree, so the page carries it exactly.

    Python-Markdown's serializer leaves anything that looks like an entity (``&lt;``) as it
    is, so an attribute value holding ``&lt;`` would reach the browser as ``<``: every ``&``
    is escaped here first, and the serializer escapes the rest (``<``, ``>``, quotes).
    """
    return value.replace("&", "&amp;")


def markdown_html(text: str) -> str:
    """A Markdown field as HTML, for places that are not Markdown pages (the Atom feed)."""
    return markdown.markdown(markdown_block(text))


def link_targets(text: str) -> list[str]:
    """Every link destination a Markdown field holds (inline and reference links, in order),
    as written: for rules that refuse some targets outright rather than unlink them."""
    return [a.get("href", "") for a in _parse(text).iter("a")]
