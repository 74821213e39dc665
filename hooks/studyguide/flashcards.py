"""Glossary flashcards: every term is a card, keyed by the term's stable id.

The page lists every card as a folded ``<details>`` (readable without JavaScript); the
browser turns them into a spaced-repetition deck and keeps each card's box under ``card_id``.
Names and definitions reach the page through ``studyguide.safe``, as on the glossary page.
"""

from __future__ import annotations

from .glossary import Glossary, Term
from .glossary_render import OWN_TERM_ATTR
from .safe import attr, markdown_block, md_text


def card_id(term: Term) -> str:
    """The key a learner's history of this card is stored under: the term's stable id from data."""
    return term.id


def flashcards_markdown(glossary: Glossary) -> str:
    """Every term as a card: the name on the front, the definition inside, folded away."""
    cards = []
    for term in glossary.terms:
        cid = card_id(term)
        areas = " ".join(str(n) for n in term.areas)
        definition = markdown_block(term.definition)
        cards.append(
            f'<details class="az-card" data-card="{attr(cid)}" data-areas="{areas}" '
            f'{OWN_TERM_ATTR}="{attr(term.anchor)}" markdown>\n'
            f"<summary>{md_text(term.name)}</summary>\n\n"
            f"{definition.strip()}\n\n"
            "</details>\n"
        )
    return '<div class="az-deck" data-glossary-skip="true" markdown>\n\n' + "\n".join(cards) + "\n</div>\n"


def card_data(glossary: Glossary) -> list[dict[str, object]]:
    """What the browser needs per card: its id, name (for notices) and areas."""
    return [{"id": card_id(t), "name": t.name, "areas": list(t.areas)} for t in glossary.terms]
