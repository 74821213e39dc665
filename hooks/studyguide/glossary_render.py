"""Markdown for the glossary page and each homework page's key concepts.

Definitions are Markdown from data, so they pass through ``safe.markdown_block``: no raw HTML
(a stray ``<script>`` shows as text), no attribute lists, links only to https: or relative
targets. Names and aliases are plain text (``safe.md_text``); tooltips are ``safe.tooltip``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby

from .glossary import GLOSSARY_PAGE, Glossary, Term
from .links import relative_link
from .safe import html_text, markdown_block, md_link, md_text, tooltip

# Marks a glossary entry: the linker leaves a term unlinked in its own entry.
OWN_TERM_ATTR = "data-glossary-term"
# Marks the paragraph of an entry that lists the pages using the term.
BACKLINKS_ATTR = "data-glossary-backlinks"
LETTERS = [chr(c) for c in range(ord("A"), ord("Z") + 1)]


@dataclass(frozen=True)
class PageRef:
    """A page that mentions a term: its title and docs/ src path."""

    title: str
    src: str


def escape_definition(text: str) -> str:
    """A definition as safe Markdown for a page (``safe.markdown_block``)."""
    return markdown_block(text)


def plain_text(definition: str) -> str:
    """A definition as a tooltip's ``title=``: plain text, escaped once (``safe.tooltip``)."""
    return tooltip(definition)


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in text.splitlines())


def _definition_item(term_md: str, body: str) -> str:
    """One definition-list item; ``body`` may span several paragraphs."""
    return f"{term_md}\n:   {_indent(body).lstrip()}\n"


def jump_bar(terms: Sequence[Term]) -> str:
    present = {t.letter for t in terms}
    items = []
    for letter in [*LETTERS, "#"]:
        if letter in present:
            items.append(f"[{letter}](#{letter_anchor(letter)})")
        elif letter != "#":
            items.append(f'<span class="az-glossary-jump__empty">{letter}</span>')
    return (
        '<nav class="az-glossary-jump" aria-label="Glossary: jump to a letter" data-search-exclude '
        'markdown="1">\n'
        + " ".join(items)
        + "\n</nav>\n"
    )


def letter_anchor(letter: str) -> str:
    return "letter-other" if letter == "#" else f"letter-{letter.lower()}"


def glossary_page(
    glossary: Glossary, page: str = GLOSSARY_PAGE, term_notes: Callable[[str], str] | None = None,
    *, docs_name: str,
) -> str:
    """Every term under its letter: definition, aliases, areas, official doc.

    ``docs_name`` is the official documentation's name (data/exam.yml), the text of the doc links.

    ``term_notes`` gives extra Markdown for a term's entry by anchor (retirement notices).

    Each term is a heading of its own, so that search lists it as a result of its own that
    lands on the entry; the letter headings stay out of the search index. Each entry ends
    with an empty "Appears on" paragraph that the linker fills with backlinks once every
    other page is rendered (``glossary_links.fill_backlinks``).
    """
    parts = [jump_bar(glossary.terms)]
    for letter, group in groupby(glossary.terms, key=lambda t: t.letter):
        title = "Other" if letter == "#" else letter
        parts.append(f"## {title} {{ #{letter_anchor(letter)} data-search-exclude }}\n")
        parts.extend(_glossary_entry(glossary, term, page, term_notes, docs_name) for term in group)
    return "\n".join(parts)


def _heading_aliases(term: Term) -> str:
    """The term's one-word aliases (short forms such as "DPS" or "edgeHub") for its heading.

    Search ranks a heading's words far above the text, so a search for a short form finds its
    entry first. Longer aliases stay in the entry's "Also" line: in the heading they would
    repeat the name's words ("twin tags" for "Tags (device twin)") and outrank shorter names.
    """
    short = [a for a in term.aliases if len(a.split()) == 1]
    if not short:
        return ""
    return f' <span class="az-glossary-aliases">({", ".join(html_text(a) for a in short)})</span>'


def _glossary_entry(
    glossary: Glossary, term: Term, page: str, term_notes: Callable[[str], str] | None, docs_name: str
) -> str:
    # A raw-HTML heading: search indexes it, the table of contents keeps to the letters.
    heading = (
        f'<h3 class="az-glossary-term" id="{term.anchor}">{html_text(term.name)}'
        f"{_heading_aliases(term)}</h3>\n"
    )
    facts = []
    if term.aliases:
        facts.append("**Also:** " + ", ".join(md_text(a) for a in term.aliases))
    areas = [a for a in glossary.areas if a.number in term.areas]
    label = "Skill area" if len(areas) == 1 else "Skill areas"
    facts.append(
        f"**{label}:** "
        + ", ".join(f"[{md_text(a.name)}]({relative_link(page, a.page)})" for a in areas)
    )
    if term.doc:
        facts.append(md_link(docs_name, term.doc))
    notes = term_notes(term.anchor) if term_notes else ""
    body = (
        f"{escape_definition(term.definition)}\n\n"
        + (f"{notes}\n" if notes else "")
        # Facts and backlinks are navigation, not content: out of the search index, where
        # page and area names made every term match a search for "devices" or "security".
        + f"{' · '.join(facts)}\n{{ .az-glossary-facts data-search-exclude }}\n\n"
        f"**Appears on:**\n"
        f'{{ .az-glossary-backlinks {BACKLINKS_ATTR}="{term.anchor}" data-search-exclude }}'
    )
    # The linker leaves the term unlinked inside its own entry (OWN_TERM_ATTR).
    return (
        f"{heading}\n"
        f'<div class="az-glossary-entry" {OWN_TERM_ATTR}="{term.anchor}" markdown="1">\n\n'
        f"{body}\n\n</div>\n"
    )


def key_concepts(glossary: Glossary, area: int, page: str) -> str:
    """The area's terms with their definitions; each name links to its glossary entry."""
    terms = glossary.terms_of_area(area)
    if not terms:
        return "_No key terms for this area yet._\n"
    items = []
    for term in terms:
        link = f"[{md_text(term.name)}]({relative_link(page, GLOSSARY_PAGE, term.anchor)})"
        if term.aliases:
            link += f" ({', '.join(md_text(a) for a in term.aliases)})"
        items.append(_definition_item(link, escape_definition(term.definition)))
    # Out of the search index: the glossary's own entries answer a search for a term, and
    # this block as one result was a wall of text.
    return ('<div class="az-key-concepts" data-search-exclude markdown="1">\n\n'
            + "\n".join(items) + "\n</div>\n")
