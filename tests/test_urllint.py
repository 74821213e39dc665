"""The offline URL lint: each rule, the real upstream faults, the command and the build hook."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build_site

from studyguide.errors import DataError
from studyguide.urllint import (
    RULES,
    Finding,
    Link,
    check_url,
    exam_codes,
    lint_markdown,
    lint_project,
    lint_yaml,
    main,
    markdown_links,
    yaml_links,
)

FIXTURES = Path(__file__).parent / "fixtures"
UPSTREAM = yaml.safe_load((FIXTURES / "upstream_bad_urls.yml").read_text(encoding="utf-8"))


def rules(url: str, text: str = "") -> list[str]:
    return [rule for rule, _ in check_url(url, text)]


# --- one rule at a time -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://learn.microsoft.com/en-us/azure/iot-hub/iot-hub-create-through-portal#create-an-iot-hub",
        "https://learn.microsoft.com/en-us/search/?terms=iot&category=Documentation",
        "https://www.youtube.com/watch?v=nU1v5mqr_ig",
        "https://www.youtube.com/embed/nU1v5mqr_ig?start=30",
        "https://youtu.be/nU1v5mqr_ig",
        "https://www.youtube.com/channel/UCL7wy-iy_V76xxPnrIzGOZQ",
        "https://www.youtube.com/c/MicrosoftIoTDevelopers",
        "https://aka.ms/AZ-220-SkillsMeasured",
    ],
)
def test_well_formed_urls_pass(url: str) -> None:
    assert check_url(url, "AZ-220 skills") == []


@pytest.mark.parametrize(
    ("url", "rule"),
    [
        ("https://learn.microsoft.com/en-us/azure/iot hub/", "whitespace"),
        ("http://learn.microsoft.com/en-us/azure/iot-hub/", "not-https"),
        ("//learn.microsoft.com/en-us/azure/iot-hub/", "not-https"),
        ("https:///en-us/azure/iot-hub/", "no-host"),
        ("https://[::1/en-us", "unparsable"),
        ("https://docs.microsoft.com/en-us/azure/iot-hub/", "legacy-host"),
        ("https://learn.microsoft.com/en-us/azure/iot-hub/#overview?view=x", "query-after-fragment"),
        ("https://learn.microsoft.com/en-us/azure/?view=a?tabs=b", "repeated-query"),
        ("https://learn.microsoft.com/en-us/azure/?pivots=c&pivots=python", "duplicate-parameter"),
        ("https://learn.microsoft.com/en-us/azure/?WT.mc_id=abc", "tracking-parameter"),
        ("https://learn.microsoft.com/en-us/azure/?utm_source=newsletter", "tracking-parameter"),
        ("https://www.youtube.com/watch?v=nU1v5mqr_i", "youtube-id"),
        ("https://www.youtube.com/watch?list=PL123", "youtube-id"),
        ("https://youtu.be/nU1v5mqr_ig!", "youtube-id"),
        ("https://www.youtube.com/embed/short", "youtube-id"),
    ],
)
def test_each_rule_catches_its_fault(url: str, rule: str) -> None:
    assert rules(url) == [rule]


def test_every_rule_has_a_description() -> None:
    tested = {"unparsable", "whitespace", "not-https", "no-host", "legacy-host", "query-after-fragment",
              "repeated-query", "duplicate-parameter", "tracking-parameter", "youtube-id",
              "exam-code-mismatch", "shared-url"}
    assert set(RULES) == tested


def test_exam_code_in_text_must_match_the_target() -> None:
    assert check_url("https://aka.ms/AZ-200-SkillsMeasured", "Skills Measured on AZ-220") == [
        ("exam-code-mismatch", "link text names AZ-220 but the target names AZ-200")
    ]


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("AZ-220 Overview Slides", "https://github.com/microsoft/PartnerResources/blob/main/AZ220-StudyGuideSession.pdf"),
        ("Assessment", "https://www.measureup.com/assessment-az-220-microsoft-iot-developer.html"),
        ("AZ-900 fundamentals", "https://learn.microsoft.com/en-us/credentials/certifications/azure-fundamentals/"),
    ],
)
def test_exam_code_rule_needs_a_code_on_both_sides(text: str, url: str) -> None:
    assert check_url(url, text) == []


def test_exam_codes_are_normalised() -> None:
    assert exam_codes("AZ220, az-900 and DP-420 but not AZ-2200 or XAZ-220") == {"AZ-220", "AZ-900", "DP-420"}


# --- the real upstream faults (tests/fixtures, copied from the upstream guide) -------------------


@pytest.mark.parametrize("entry", UPSTREAM, ids=[e["name"] for e in UPSTREAM])
def test_every_upstream_fault_is_caught(entry: dict) -> None:
    assert sorted(set(rules(entry["url"], entry["name"]))) == sorted(entry["rules"])


def test_upstream_fixture_findings_name_file_and_line() -> None:
    name = "tests/fixtures/upstream_bad_urls.yml"
    source = (FIXTURES / "upstream_bad_urls.yml").read_text(encoding="utf-8")
    findings = lint_yaml(source, name)
    lines = source.splitlines()
    for finding in findings:
        assert finding.file == name
        assert lines[finding.line - 1].strip() == f"url: {finding.url}"
    assert len({f.line for f in findings}) == len(UPSTREAM)


def test_two_modules_sharing_one_url_are_caught() -> None:
    name = "data/learning_paths.yml"
    findings = lint_yaml((FIXTURES / "upstream_learning_paths.yml").read_text(encoding="utf-8"), name)
    shared = [f for f in findings if f.rule == "shared-url"]
    assert shared == [
        Finding(name, 11,
                "https://docs.microsoft.com/learn/modules/examine-azure-digital-twins-solution-development-tools-processes/",
                "shared-url",
                "'Examine the Azure Digital Twins solution development tools and processes' has the URL of "
                "'Examine the components of an Azure Digital Twins solution' (line 9)")
    ]


def test_a_learning_path_listed_twice_is_caught() -> None:
    source = (
        "- name: One\n  area: 1\n  url: https://learn.microsoft.com/en-us/training/paths/one/\n"
        "- name: One again\n  area: 2\n  url: https://learn.microsoft.com/en-us/training/paths/one\n"
    )
    assert [(f.line, f.rule) for f in lint_yaml(source, "data/learning_paths.yml")] == [(6, "shared-url")]
    # Other data files may point two entries at one page (two glossary terms, say).
    assert lint_yaml(source, "data/glossary.yml") == []


def test_upstream_markdown_links_are_found_with_their_lines() -> None:
    source = (FIXTURES / "upstream_links.md").read_text(encoding="utf-8")
    found = {(f.line, f.rule) for f in lint_markdown(source, "docs/x.md")}
    assert found == {
        (6, "exam-code-mismatch"),
        (7, "legacy-host"), (7, "repeated-query"), (7, "duplicate-parameter"), (7, "tracking-parameter"),
        (9, "query-after-fragment"), (9, "tracking-parameter"),  # raw HTML <a>
        (11, "repeated-query"), (11, "tracking-parameter"), (11, "youtube-id"),  # reference definition
    }


# --- finding links ------------------------------------------------------------------------------


def test_markdown_links_skip_internal_links_and_code() -> None:
    source = (
        "See [the glossary](../glossary.md#iot-hub) and [Hub](https://learn.microsoft.com/a?x=1&y=2).\n"
        "\n"
        "```\n"
        "https://docs.microsoft.com/in-a-code-block?wt.mc_id=1\n"
        "```\n"
        "\n"
        "<div markdown>\n"
        "[Inside HTML](https://learn.microsoft.com/b)\n"
        "</div>\n"
    )
    assert markdown_links(source) == [
        Link(url="https://learn.microsoft.com/a?x=1&y=2", text="Hub", line=1),
        Link(url="https://learn.microsoft.com/b", text="Inside HTML", line=8),
    ]


def test_yaml_links_take_the_entry_name_and_list() -> None:
    source = (
        "- name: Path\n"
        "  url: https://learn.microsoft.com/p/\n"
        "  modules:\n"
        "  - name: Module\n"
        "    url: https://learn.microsoft.com/m/\n"
        "  see_also:\n"
        "  - https://learn.microsoft.com/s/\n"
    )
    assert yaml_links(source, top_group="learning_paths") == [
        Link("https://learn.microsoft.com/p/", "Path", 2, "learning_paths"),
        Link("https://learn.microsoft.com/m/", "Module", 5, "modules"),
        Link("https://learn.microsoft.com/s/", "", 7, "see_also"),
    ]


def test_invalid_yaml_names_file_and_line() -> None:
    with pytest.raises(DataError) as err:
        lint_yaml("- name: x\n  url: [unclosed\n", "data/glossary.yml")
    assert str(err.value) == (
        "data/glossary.yml:2: YAML: invalid YAML (a flow sequence opens here and is never closed: "
        "did not find expected ',' or ']')"
    )


# --- the whole project, the command, the hook ---------------------------------------------------


def test_the_project_has_no_url_problems() -> None:
    assert lint_project(ROOT / "docs", ROOT / "data") == []


def _inject(project: Path, line: str) -> Path:
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    return page


MALFORMED = [
    ("[Hub](http://learn.microsoft.com/en-us/azure/iot-hub/)", "not-https"),
    ('<a href="https://learn.microsoft.com/en-us/azure/iot hub/">Hub</a>', "whitespace"),
    ("[Hub](https://learn.microsoft.com/en-us/azure/iot-hub/#top?view=x)", "query-after-fragment"),
    ("[Hub](https://learn.microsoft.com/en-us/azure/?view=a?tabs=b)", "repeated-query"),
    ("[Hub](https://learn.microsoft.com/en-us/azure/?tabs=a&tabs=b)", "duplicate-parameter"),
    ("[Hub](https://learn.microsoft.com/en-us/azure/iot-hub/?utm_source=x)", "tracking-parameter"),
    ("[Video](https://www.youtube.com/watch?v=tooShort)", "youtube-id"),
    ("[Skills Measured on AZ-220](https://aka.ms/AZ-200-SkillsMeasured)", "exam-code-mismatch"),
    ("[Hub](https://docs.microsoft.com/en-us/azure/iot-hub/)", "legacy-host"),
]


@pytest.mark.parametrize(("link", "rule"), MALFORMED, ids=[rule for _, rule in MALFORMED])
def test_command_fails_on_each_malformed_url(project_copy: Path, link: str, rule: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    page = _inject(project_copy, link)
    line = page.read_text(encoding="utf-8").count("\n")
    assert main([str(project_copy)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1
    assert out[0].startswith(f"docs/index.md:{line}: {rule}: ")


def test_command_passes_on_the_clean_project(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(project_copy)]) == 0
    assert capsys.readouterr().out == ""


def test_command_reports_invalid_yaml(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project_copy / "data" / "glossary.yml").write_text("url: [\n", encoding="utf-8")
    assert main([str(project_copy)]) == 2
    assert capsys.readouterr().err == "data/glossary.yml:2: YAML: invalid YAML (did not find expected node content)\n"


@pytest.mark.build
def test_strict_build_fails_on_a_bad_url_in_a_page_and_in_data(project_copy: Path) -> None:
    _inject(project_copy, "[Hub](https://learn.microsoft.com/en-us/azure/iot-hub/?wt.mc_id=x)")
    paths = project_copy / "data" / "learning_paths.yml"
    text = paths.read_text(encoding="utf-8")
    good = "https://learn.microsoft.com/en-us/training/modules/examine-iot-hub-properties/"
    assert good in text
    paths.write_text(text.replace(good, good + "?utm_source=newsletter"), encoding="utf-8")
    result = build_site(project_copy)
    assert result.returncode != 0
    assert "docs/index.md:" in result.stderr and "tracking-parameter: wt.mc_id" in result.stderr
    assert "data/learning_paths.yml:" in result.stderr and "tracking-parameter: utm_source" in result.stderr


def test_contributing_explains_every_rule() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert [rule for rule in RULES if f"`{rule}`" not in guide] == []


def test_tracking_parameters_are_found_wherever_they_sit():
    from studyguide.urllint import tracking_parameters

    assert tracking_parameters("https://example.org/a?x=1&WT.mc_id=y&utm_source=z") == ["WT.mc_id", "utm_source"]
    assert tracking_parameters("https://example.org/a#frag?wt.mc_id=y") == ["wt.mc_id"]
    assert tracking_parameters("https://example.org/a?mkt_tok=1") == ["mkt_tok"]
    assert tracking_parameters("https://example.org/a?page=2") == []
