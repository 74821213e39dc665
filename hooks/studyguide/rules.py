"""Rules shared by the data files: what a text field may hold, and the glossary's word rules."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

from .safe import CODE_SPAN, CONTROL_CHARS, link_targets


def _no_control_chars(value: str) -> str:
    found = CONTROL_CHARS.search(value)
    if found:
        raise ValueError(f"contains the control character U+{ord(found.group()):04X}; remove it")
    return value


# Any text field from data: no control characters (Python-Markdown uses two of them as
# placeholders, and none of them belongs in a page). Escaping is studyguide.safe's job.
PlainText = Annotated[str, AfterValidator(_no_control_chars)]
# PlainText that must not be empty, for list items (a tip): ``Field(min_length=1)`` around
# PlainText would be a list-length rule in pydantic, and word its error as one.
NonEmptyText = Annotated[str, StringConstraints(min_length=1), AfterValidator(_no_control_chars)]

# Glossary definitions stay short enough for a tooltip and a key-concepts list.
MAX_DEFINITION_CHARS = 1200
# A term or alias shorter than this would link half the letters of a page.
MIN_PHRASE_CHARS = 2

# Everyday words that must never become glossary terms or aliases: the linker would turn
# every "device" or "message" of every page into a glossary link.
_COMMON_WORDS = """
a about after all also an and any are as at be because been before being between both but by
can could data device devices do does each for from get go has have how if in into is it its
just make may message messages more most new no not now of on one only or other out over same
see set should so some such than that the their them then there these they this time to too
two up use used using very was way we well were what when where which while who will with
would you your
"""
COMMON_WORDS = frozenset(_COMMON_WORDS.split())


# --- Markdown and plain-text fields that refuse markup outright ----------------------------------
#
# ``studyguide.safe`` makes any text inert when it is rendered. Fields that take these types go one
# step further and fail validation instead, so the contributor learns that the tag, attribute
# list or link will not work, rather than seeing it shown as text or unlinked.

# The start of an HTML tag, comment or declaration (``<b``, ``</b``, ``<!--``, ``<?``).
HTML_TAG = re.compile(r"<[A-Za-z/!?]")
# ``{: …}``, ``{.class}``, ``{#id}`` or ``{name=…}``: Python-Markdown's attribute lists.
ATTR_LIST = re.compile(r"\{\s*[:.#]|\{\s*[A-Za-z-]+\s*=")


def _outside_code(text: str) -> str:
    return CODE_SPAN.sub("", text)


def markup_problems(text: str) -> list[str]:
    """What a plain-text field (code spans allowed) may not hold: HTML."""
    return ["is plain text: HTML is not allowed"] if HTML_TAG.search(_outside_code(text)) else []


def markdown_problems(text: str) -> list[str]:
    """What a strict Markdown field may not hold: HTML, attribute lists, links other than https."""
    prose = _outside_code(text)
    problems = []
    if HTML_TAG.search(prose):
        problems.append("contains HTML; write Markdown only")
    if ATTR_LIST.search(prose):
        problems.append("contains an attribute list ({: …}); these are not allowed")
    for target in link_targets(text):
        if not target.startswith("https://"):
            problems.append(f"links to {target!r}; links must start with https://")
    return problems


def _strict_markdown(value: str) -> str:
    problems = markdown_problems(value)
    if problems:
        raise ValueError("; ".join(problems))
    return value


def _no_markup(value: str) -> str:
    problems = markup_problems(value)
    if problems:
        raise ValueError("; ".join(problems))
    return value


# Markdown (emphasis, code, lists, https links) with no HTML, attribute lists or other links.
StrictMarkdown = Annotated[str, AfterValidator(_no_control_chars), AfterValidator(_strict_markdown)]
# Plain text that may hold backtick code spans but no HTML (shown with ``safe.md_code_text``).
CodeText = Annotated[str, AfterValidator(_no_control_chars), AfterValidator(_no_markup)]
