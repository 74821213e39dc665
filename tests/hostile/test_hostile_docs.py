"""CONTRIBUTING's data rules and the hostile tests stay in step: each rule has a test that breaks it."""

from __future__ import annotations

import re

import test_hostile_build
import test_hostile_data
import test_hostile_inputs
import test_hostile_render
from conftest import ROOT

# Rule in CONTRIBUTING.md -> a hostile case that breaks it (an EDITS id or a test function).
RULE_TESTS = {
    "utf-8": "test_a_windows_1252_quote_is_named_with_line_and_column",
    "yaml-syntax": "unclosed-double-quote",
    "duplicate-key": "duplicate-key-areas",
    "no-tags": "python-tag",
    "no-aliases": "test_an_alias_bomb_is_refused_before_anything_expands",
    "file-size": "test_a_file_over_the_size_limit_is_not_parsed",
    "whole-numbers": "bool-weight",
    "known-fields": "unknown-field",
    "no-control-characters": "control-char-in-name",
    "unique": "duplicate-skill-id",
    "term-words": "common-word-term",
    "definition-length": "test_a_definition_one_character_over_the_limit",
    "retired-on": "retired-in-future",
    "markers": "test_markers_on_a_page_that_needs_one",
    "unique-anchors": "test_two_headings_with_one_anchor",
    "no-outside-links": "test_a_page_that_links_outside_the_project",
    "question-markdown": "q-script-in-scenario",
    "question-plain-text": "q-html-in-prompt",
    "question-outline": "q-skill-of-other-area",
    "question-options": "q-no-correct-option",
    "question-doc": "q-doc-other-host",
    "question-retired": "q-bad-retired-id",
    "storage-prefix": "exam-uppercase-prefix",
    "exam-facts": "exam-lowercase-code",
    "exam-hosts": "exam-legacy-host-allowed",
    "exam-code-pattern": "exam-one-group",
    "lab-targets": "lab-group-of-other-area",
    "tip-count": "tips-too-few",
    "retirement-targets": "retirement-unknown-term",
}


def _documented_rules() -> list[str]:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("## Data and pages: the rules", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z0-9-]+)` \|", section, flags=re.MULTILINE)


def test_every_documented_rule_has_a_hostile_test() -> None:
    assert _documented_rules() == list(RULE_TESTS)
    known = set(test_hostile_data.EDITS)
    for module in (test_hostile_data, test_hostile_inputs, test_hostile_render, test_hostile_build):
        known |= {name for name in dir(module) if name.startswith("test_")}
    assert {rule: case for rule, case in RULE_TESTS.items() if case not in known} == {}
