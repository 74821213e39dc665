"""Our prose shares no 8-word run with the upstream guide; and the tokeniser behind that check."""

from __future__ import annotations

import re

import yaml
from conftest import ROOT

from studyguide.prose import (
    RUN_LENGTH,
    Segment,
    data_segments,
    is_prose_key,
    markdown_segments,
    page_segments,
    run_hash,
    runs,
    shared_runs,
    upstream_hashes,
    words,
)

FIXTURE = ROOT / "tests" / "fixtures" / "upstream_runs.txt"


def load_upstream() -> frozenset[str]:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def project_segments() -> list[Segment]:
    """Every piece of prose we publish: the pages under docs/ and the prose fields of data/."""
    segments: list[Segment] = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        segments += page_segments(page.read_text(encoding="utf-8"), str(page.relative_to(ROOT)))
    for file in sorted((ROOT / "data").rglob("*.y*ml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        segments += data_segments(data, str(file.relative_to(ROOT)))
    return segments


# --- the real check ---------------------------------------------------------------------------

def test_no_run_of_our_prose_is_in_the_upstream_guide():
    upstream = load_upstream()
    copied = [f"{s.where}: “{run}”" for s in project_segments() for run in shared_runs(s, upstream)]
    assert not copied, (
        f"{len(copied)} runs of {RUN_LENGTH} words also appear in the upstream guide; "
        "rewrite these sentences in your own words:\n" + "\n".join(copied)
    )


def test_the_fixture_holds_only_hashes():
    lines = [line for line in FIXTURE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert lines
    assert all(re.fullmatch(r"[0-9a-f]{16}", line) for line in lines)


def test_the_fixture_knows_upstream_runs_we_may_share():
    """Skill names are facts copied from upstream on purpose: the fixture must recognise some."""
    skills = yaml.safe_load((ROOT / "data" / "skills.yml").read_text(encoding="utf-8"))
    names = [s["name"] for area in skills for g in area["groups"] for s in g["skills"]]
    long_names = [n for n in names if len(words(n)) >= RUN_LENGTH]
    assert long_names
    upstream = load_upstream()
    caught = [n for n in long_names if shared_runs(Segment("skills", n), upstream)]
    assert caught  # the seeds hold the outline of some areas only, so not every name is there


def test_every_glossary_definition_and_changelog_description_is_checked():
    segments = project_segments()
    for file, key in [("data/glossary.yml", "definition"), ("data/changelog.yml", "description")]:
        data = yaml.safe_load((ROOT / file).read_text(encoding="utf-8"))
        expected = len(list(data_segments(data, file)))
        checked = [s for s in segments if s.where.startswith(file) and s.where.endswith(f".{key}")]
        assert checked and len(checked) == expected


def test_every_page_under_docs_is_checked():
    checked = {s.where for s in project_segments()}
    for page in (ROOT / "docs").rglob("*.md"):
        if markdown_segments(page.read_text(encoding="utf-8")):
            assert str(page.relative_to(ROOT)) in checked


# --- the tokeniser and its parts, with exact expectations --------------------------------------

def test_words_lowercase_and_keep_only_letters_and_digits():
    assert words("Don't re-use IoT Hub's SAS-token! (TLS 1.2)") == [
        "don", "t", "re", "use", "iot", "hub", "s", "sas", "token", "tls", "1", "2",
    ]
    assert words("“Curly” quotes — dashes, $edgeHub_x and ＩｏＴ") == [
        "curly", "quotes", "dashes", "edgehub", "x", "and", "iot",
    ]
    assert words("") == []


def test_runs_are_every_window_in_order():
    assert list(runs(["a", "b", "c", "d"], 3)) == [("a", "b", "c"), ("b", "c", "d")]
    assert list(runs(["a", "b"], 3)) == []


def test_run_hash_is_stable_and_ignores_nothing_but_joins_words():
    assert run_hash(["a", "b"]) == run_hash(("a", "b"))
    assert run_hash(["a", "b"]) != run_hash(["ab"])
    assert re.fullmatch(r"[0-9a-f]{16}", run_hash(["a"]))


def test_markdown_segments_drop_titles_links_markup_and_split_blocks():
    page = (
        "---\ntitle: x\n---\n"
        "# A heading is a title\n\n"
        "First paragraph with a [linked title](https://example.com/a) inside it\n"
        "that goes on.\n\n"
        "<!-- guide:skills -->\n"
        "- one item\n- two item { .cls }\n"
        "| cell a | cell b |\n\n"
        "```\ncode is not prose\n```\n"
        "Term\n:   Its definition, see <https://example.com/b>.\n"
    )
    assert markdown_segments(page) == [
        "First paragraph with a",
        "inside it\nthat goes on.",
        "one item",
        "two item",
        "cell a",
        "cell b",
        "Term",
        "Its definition, see",
    ]


def test_prose_keys_are_not_names_titles_ids_or_links():
    assert [k for k in ["definition", "description", "explanation", "answer", "covers", "note"] if is_prose_key(k)] == [
        "definition", "description", "explanation", "answer", "covers", "note",
    ]
    assert [k for k in ["name", "title", "skill", "group", "old_name", "id", "skill_id", "url", "doc_url"]
            if is_prose_key(k)] == []


def test_data_segments_read_prose_at_any_depth_and_skip_names():
    data = [
        {"name": "A name that is a fact", "definition": "Our **own** words.",
         "labs": [{"title": "Lab title", "covers": ["first point", "second point"], "url": "https://x.y/z"}]},
        {"question": "Why?", "options": [{"text": "Because.", "explanation": "See https://x.y/z"}],
         "skills": ["connect-to-iot-hub-by-using-transport-layer-security"]},
    ]
    assert [(s.where, s.text) for s in data_segments(data, "data/x.yml")] == [
        ("data/x.yml: [1: A name that is a fact].definition", "Our **own** words."),
        ("data/x.yml: [1: A name that is a fact].labs[1: Lab title].covers[1]", "first point"),
        ("data/x.yml: [1: A name that is a fact].labs[1: Lab title].covers[2]", "second point"),
        ("data/x.yml: [2].question", "Why?"),
        ("data/x.yml: [2].options[1].text", "Because."),
        ("data/x.yml: [2].options[1].explanation", "See"),
    ]


UPSTREAM_SAMPLE = (
    "# Heading\nThe record of a thing or set of things that [is allowed](https://x.y/z) to join the service.\n"
)


def test_a_copied_run_is_caught_and_an_original_sentence_is_not():
    upstream = frozenset(upstream_hashes([UPSTREAM_SAMPLE]))
    copied = Segment("data/glossary.yml: [1].definition",
                     "A rule in DPS for a thing or set of things that is allowed to join, with settings.")
    assert shared_runs(copied, upstream) == [
        "a thing or set of things that is",
        "thing or set of things that is allowed",
        "or set of things that is allowed to",
        "set of things that is allowed to join",
    ]
    seven_words = Segment("x", "For a thing or set of things that, and more.")
    assert shared_runs(seven_words, upstream) == []
    assert shared_runs(Segment("x", "What DPS checks an arriving device against."), upstream) == []


def test_upstream_runs_ignore_link_targets_and_tags_and_cross_lines():
    upstream = frozenset(upstream_hashes(["one two three<br />four\nfive six seven [eight](https://nine.ten/eleven)"]))
    assert upstream == {run_hash("one two three four five six seven eight".split())}
