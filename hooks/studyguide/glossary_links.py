"""Automatic links from every page to the glossary, on the Markdown tree.

``PhraseMatcher`` compiles every term's name, aliases and plurals into one regular
expression shaped like a trie, so a page is scanned once whatever the number of terms.
``GlossaryLinker`` walks a page's element tree and links the first mention of each term
to its glossary entry, with the definition as a tooltip; ``studyguide.extension`` runs it on each page
and keeps which terms each page mentions (for the backlinks).

Matching rules:
- the longest phrase wins at a position ("IoT Edge hub" before "IoT Edge"), whole words only;
- ordinary words match in any case, abbreviations (a capital after the first letter:
  ``ID``, ``DPS``, ``IoT``, ``edgeHub``) only in their exact case;
- the last word may take a simple English plural ("enrollment groups");
- never inside code, links, headings, abbreviations, summaries or the term's own entry.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .glossary import GLOSSARY_PAGE, Glossary, is_exact_case, phrase_key, plural
from .glossary_render import BACKLINKS_ATTR, OWN_TERM_ATTR, PageRef, plain_text
from .links import relative_link
from .safe import tree_attr

# After inline parsing (20), attr_list (8) and abbr (7), so links, ids and abbreviations
# exist; before MkDocs collects anchors (5) and rewrites/validates .md links (relpath, 0).
PRIORITY = 6.5

LINK_CLASS = "az-glossary-link"

# Text inside these is never linked: code, existing links, headings, and elements that are
# labels rather than prose.
SKIP_TAGS = frozenset(
    {"a", "code", "pre", "kbd", "samp", "script", "style", "abbr", "dfn", "summary",
     "button", "svg", "math", "h1", "h2", "h3", "h4", "h5", "h6"}
)

# An element with this attribute is left unlinked, with everything in it (the flashcards deck
# and the mock exam's question bank: there a link would give the answer away).
SKIP_ATTR = "data-glossary-skip"

T = TypeVar("T")


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    end: bool = False


def _char_pattern(char: str, exact: bool) -> str:
    lower, upper = char.lower(), char.upper()
    if exact or lower == upper or len(lower) != 1 or len(upper) != 1:
        return re.escape(char)
    return f"[{lower}{upper}]"


def _phrase_steps(phrase: str) -> list[str]:
    """One regex step per character; whitespace between words matches any run of it."""
    steps: list[str] = []
    for index, word in enumerate(phrase.split()):
        if index:
            steps.append(r"\s+")
        exact = is_exact_case(word)
        steps.extend(_char_pattern(c, exact) for c in (word if exact else word.lower()))
    return steps


def _trie_pattern(node: _Node) -> str:
    # Continuations come before "stop here" and the regex engine backtracks, so the longest
    # phrase that ends on a word boundary wins. (One corner is left: an exact-case step and
    # an any-case step for the same letter, e.g. "ID…" and "id…", are separate branches and
    # the first one to match wins, even if the other would match a longer phrase.)
    branches = [step + _trie_pattern(child) for step, child in sorted(node.children.items())]
    if node.end:
        branches.append(r"(?!\w)")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


@dataclass(frozen=True)
class Match(Generic[T]):
    start: int
    end: int
    value: T


class PhraseMatcher(Generic[T]):
    """Finds phrases (and their plurals) in text with one compiled, trie-shaped regex."""

    def __init__(self, phrases: Mapping[str, T]) -> None:
        self._values: dict[str, T] = {}
        forms: list[str] = []
        for phrase, value in phrases.items():
            key = phrase_key(phrase)
            if key in self._values and self._values[key] != value:
                raise ValueError(f"phrase {phrase!r} belongs to two values")
            self._values[key] = value
            forms.append(phrase)
        # Plurals only where they do not clash with a phrase of their own.
        for phrase, value in phrases.items():
            form = plural(" ".join(phrase.split()))
            if form and phrase_key(form) not in self._values:
                self._values[phrase_key(form)] = value
                forms.append(form)
        root = _Node()
        for form in forms:
            node = root
            for step in _phrase_steps(form):
                node = node.children.setdefault(step, _Node())
            node.end = True
        self._regex = re.compile(r"(?<!\w)" + _trie_pattern(root)) if root.children else None

    def finditer(self, text: str) -> Iterator[Match[T]]:
        if self._regex is None:
            return
        for found in self._regex.finditer(text):
            yield Match(found.start(), found.end(), self._values[phrase_key(found.group())])


class GlossaryLinker:
    """Links the glossary's terms in one build (shared by its pages: it keeps no page state)."""

    def __init__(self, glossary: Glossary, glossary_page: str = GLOSSARY_PAGE) -> None:
        self.glossary = glossary
        self.glossary_page = glossary_page
        self.matcher: PhraseMatcher[str] = PhraseMatcher(
            {phrase: term.anchor for term in glossary.terms for phrase in term.phrases}
        )
        self._terms = {term.anchor: term for term in glossary.terms}
        self._tooltips: dict[str, str] = {}

    def is_term(self, anchor: str) -> bool:
        return anchor in self._terms

    def tooltip(self, anchor: str) -> str:
        if anchor not in self._tooltips:
            self._tooltips[anchor] = plain_text(self._terms[anchor].definition)
        return self._tooltips[anchor]

    def link_page(self, root: etree.Element, page: str) -> list[str]:
        """Link the first mention of each term in ``root``; returns the anchors mentioned."""
        walk = _PageWalk(self, page)
        walk.element(root, own=None)
        return walk.mentioned


class _PageWalk:
    """One page's pass over the tree, in document order."""

    def __init__(self, linker: GlossaryLinker, page: str) -> None:
        self.linker = linker
        self.page = page
        self.mentioned: list[str] = []
        self._seen: set[str] = set()
        # An existing link to a glossary entry counts as the term's first mention.
        self._entry_prefix = relative_link(page, linker.glossary_page) + "#"
        if page == linker.glossary_page:
            self._entry_prefix = "#"

    def element(self, parent: etree.Element, own: str | None) -> None:
        new_children: list[etree.Element] = []
        changed = self._link_text(parent.text, own, new_children, parent=parent)
        dt_own: str | None = None
        for child in list(parent):
            child_own = own
            if parent.tag == "dl":
                if child.tag == "dt":
                    dt_own = child.get(OWN_TERM_ATTR)
                elif child.tag == "dd" and dt_own:
                    child_own = dt_own
            child_own = child.get(OWN_TERM_ATTR) or child_own
            if child.tag == "a":
                self._note_existing_link(child)
            elif isinstance(child.tag, str) and child.tag not in SKIP_TAGS and child.get(SKIP_ATTR) is None:
                self.element(child, child_own)
            new_children.append(child)
            changed |= self._link_text(child.tail, own, new_children, after=child)
        if changed:
            parent[:] = new_children

    def _note_existing_link(self, link: etree.Element) -> None:
        href = link.get("href", "")
        if href.startswith(self._entry_prefix):
            anchor = href[len(self._entry_prefix):]
            if self.linker.is_term(anchor) and anchor not in self._seen:
                self._mention(anchor)

    def _mention(self, anchor: str) -> None:
        self._seen.add(anchor)
        self.mentioned.append(anchor)

    def _link_text(
        self,
        text: str | None,
        own: str | None,
        out: list[etree.Element],
        parent: etree.Element | None = None,
        after: etree.Element | None = None,
    ) -> bool:
        """Link new terms in ``text`` (a parent's text or a child's tail); append the links to ``out``."""
        if not text:
            return False
        links: list[etree.Element] = []
        head = text
        last_end = 0
        for match in self.linker.matcher.finditer(text):
            anchor = match.value
            if anchor in self._seen or anchor == own:
                continue
            self._mention(anchor)
            link = etree.Element(
                "a",
                {
                    "href": self._entry_prefix + anchor,
                    "title": tree_attr(self.linker.tooltip(anchor)),
                    "class": LINK_CLASS,
                },
            )
            link.text = text[match.start:match.end]
            before = text[last_end:match.start]
            if links:
                links[-1].tail = before
            else:
                head = before
            links.append(link)
            last_end = match.end
        if not links:
            return False
        links[-1].tail = text[last_end:]
        if parent is not None:
            parent.text = head
        elif after is not None:
            after.tail = head
        out.extend(links)
        return True


def fill_backlinks(root: etree.Element, backlinks: Mapping[str, Sequence[PageRef]], page: str) -> None:
    """Fill each entry's "Appears on" paragraph with links to the pages using the term.

    Done on the tree rather than in Markdown: a large site has tens of thousands of
    backlinks, and MkDocs still validates and rewrites these ``.md`` links (relpath runs later).
    """
    hrefs: dict[str, str] = {}  # one relative path per page, however many terms it uses
    for paragraph in [p for p in root.iter("p") if p.get(BACKLINKS_ATTR) is not None]:
        anchor = paragraph.attrib.pop(BACKLINKS_ATTR)
        refs = backlinks.get(anchor, ())
        previous: etree.Element | None = paragraph[-1] if len(paragraph) else None
        separator = " "
        if not refs:
            _append_text(paragraph, previous, " no page yet")
        for ref in refs:
            if ref.src not in hrefs:
                hrefs[ref.src] = relative_link(page, ref.src)
            _append_text(paragraph, previous, separator)
            previous = etree.SubElement(paragraph, "a", {"href": hrefs[ref.src]})
            previous.text = ref.title
            separator = ", "


def _append_text(parent: etree.Element, last_child: etree.Element | None, text: str) -> None:
    if last_child is None:
        parent.text = (parent.text or "") + text
    else:
        last_child.tail = (last_child.tail or "") + text
