"""What Material's search indexes: one result per glossary term, no duplicate pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA

from studyguide.glossary import load_glossary

pytestmark = pytest.mark.build


def search_docs(site: Path) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_every_glossary_term_is_a_search_result_of_its_own(real_site):
    entries = {d["location"]: d for d in search_docs(real_site) if d["location"].startswith("glossary/#")}
    for term in load_glossary(DATA).terms:
        entry = entries.get(f"glossary/#{term.anchor}")
        assert entry is not None, term.name
        assert entry["title"].startswith(term.name), term.name
        for alias in (a for a in term.aliases if len(a.split()) == 1):
            assert alias in entry["title"], term.name
    # Letter headings are not results, nor are the facts and backlinks under each definition.
    assert all("Appears on" not in e["text"] for e in entries.values())
    assert len(entries) == len(load_glossary(DATA).terms)


def test_the_print_page_and_the_key_concepts_stay_out_of_search(real_site):
    docs = search_docs(real_site)
    assert [d["location"] for d in docs if d["location"].startswith("print/")] == []
    key_concepts = [d for d in docs if d["location"].endswith("#key-concepts")]
    assert key_concepts and all(d["text"] == "" for d in key_concepts)
