"""What the study tools get besides the outline: storage prefix, cards, questions, pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import DATA, build_site

from studyguide.areas import Area, Weight
from studyguide.flashcards import card_data, card_id, flashcards_markdown
from studyguide.glossary import Glossary, Term, load_glossary
from studyguide.outline import AreaOutline, Skill, SkillGroup
from studyguide.study import LearnerData, page_url, study_data

URL = "https://learn.microsoft.com/en-us/azure/iot-hub/"
AREAS = [Area(number=1, name="Hubs", short_name="Hubs", weight=Weight(min=40, max=60), page="areas/01-hubs.md")]
OUTLINES = [AreaOutline(area=1, groups=[SkillGroup(name="Make a hub", url=URL, skills=[
    Skill(id="a-skill", name="A", url=URL), Skill(id="b-skill", name="B", url=URL)])])]
TERMS = (
    Term(name="Device twin", aliases=(), definition="A JSON <b>document</b> with `<tags>`.", areas=(1, 2),
         id="device-twin"),
    Term(name="X.509 & co", aliases=(), definition="Certificates.", areas=(2,), id="x-509-co"),
)


def test_card_id_is_the_terms_stable_id():
    assert [card_id(t) for t in TERMS] == ["device-twin", "x-509-co"]


def test_card_data_lists_every_term_with_its_areas():
    assert card_data(Glossary(terms=TERMS, areas=())) == [
        {"id": "device-twin", "name": "Device twin", "areas": [1, 2]},
        {"id": "x-509-co", "name": "X.509 & co", "areas": [2]},
    ]


def test_flashcards_markdown_folds_each_definition_under_its_escaped_term():
    import markdown

    html = markdown.markdown(flashcards_markdown(Glossary(terms=TERMS, areas=())), extensions=["md_in_html"])
    soup = BeautifulSoup(html, "html.parser")
    cards = soup.select("details.az-card")
    assert [c["data-card"] for c in cards] == ["device-twin", "x-509-co"]
    assert [c["data-areas"] for c in cards] == ["1 2", "2"]
    assert [c.summary.get_text() for c in cards] == ["Device twin", "X.509 & co"]
    assert cards[0].p.decode_contents() == "A JSON &lt;b&gt;document&lt;/b&gt; with <code>&lt;tags&gt;</code>."
    assert soup.select_one(".az-deck")["data-glossary-skip"] == "true"


def test_study_data_with_learner_data_adds_prefix_pages_groups_questions_and_cards():
    learner = LearnerData(prefix="exam", pages={1: "areas/01-hubs/"},
                          questions=[{"id": "q"}], cards=[{"id": "c"}])
    data = study_data(AREAS, OUTLINES, learner)
    assert data["prefix"] == "exam"
    assert data["pages"] == {"1": "areas/01-hubs/"}
    assert data["groups"] == [{"area": 1, "name": "Make a hub", "anchor": "make-a-hub",
                               "skills": ["a-skill", "b-skill"]}]
    assert (data["questions"], data["cards"]) == ([{"id": "q"}], [{"id": "c"}])
    assert data["areas"] == study_data(AREAS, OUTLINES)["areas"]


@pytest.mark.parametrize(("src", "directory_urls", "url"), [
    ("areas/01-hubs.md", True, "areas/01-hubs/"),
    ("areas/01-hubs.md", False, "areas/01-hubs.html"),
])
def test_page_url(src, directory_urls, url):
    assert page_url(src, directory_urls) == url


# ---------- Built site ----------


@pytest.mark.build
def test_pages_carry_self_check_flashcards_and_mock_exam(real_site: Path):
    data = json.loads((real_site / "javascripts" / "study-outline.json").read_text(encoding="utf-8"))
    terms = load_glossary(DATA).terms
    cards = BeautifulSoup((real_site / "flashcards" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [c["data-card"] for c in cards.select("details.az-card")] == [card_id(t) for t in terms]
    assert cards.select("a.az-glossary-link") == []  # the deck gives no answer away
    bank = BeautifulSoup((real_site / "mock-exam" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [q["data-question"] for q in bank.select(".az-question-bank .az-question")] == [
        q["id"] for q in sorted(data["questions"], key=lambda q: q["area"])]
    for area in data["areas"]:
        page = real_site / data["pages"][str(area["number"])] / "index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        own = [q["id"] for q in data["questions"] if q["area"] == area["number"]]
        assert [q["data-question"] for q in soup.select(".az-self-check .az-question")] == own
        # Without JavaScript: the options are listed and each answer is folded away.
        for question in soup.select(".az-self-check .az-question"):
            assert question.select(".az-question__options li")
            details = question.select_one("details")
            assert details is not None and "open" not in details.attrs
    printed = BeautifulSoup((real_site / "print" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert printed.select_one("#practice-questions") is not None
    assert len(printed.select("[id^='print-answers-']")) == len(data["areas"])


def test_bad_questions_fail_the_build_with_file_and_line(project_copy: Path):
    questions = project_copy / "data" / "questions.yml"
    text = questions.read_text(encoding="utf-8")
    questions.write_text(text.replace("  area: 1\n", "  area: 42\n", 1), encoding="utf-8")
    result = build_site(project_copy)
    assert result.returncode != 0
    line = text[: text.index("  area: 1\n")].count("\n") + 1
    assert f"data/questions.yml:{line}: question " in result.stderr
    assert "area 42 is not an area in data/areas.yml" in result.stderr
