"""Rules shared by the data files: what a text field may hold, and the glossary's word rules."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, StringConstraints

from .safe import CONTROL_CHARS


def _no_control_chars(value: str) -> str:
    found = CONTROL_CHARS.search(value)
    if found:
        raise ValueError(f"contains the control character U+{ord(found.group()):04X}; remove it")
    return value


# Any text field from data: no control characters (Python-Markdown uses two of them as
# placeholders, and none of them belongs in a page). Escaping is az220.safe's job.
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
