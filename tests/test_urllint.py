"""The offline URL lint: each rule, the real upstream faults, pages linted on their render tree,
the data command and the build."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from conftest import ROOT, build_site
from exam_data import RULES as EXAM_RULES
from markdown.treeprocessors import Treeprocessor

from studyguide.errors import DataError
from studyguide.exam import load_exam
from studyguide.project import EXTENSION_NAME
from studyguide.urllint import (
    PRIORITY,
    RULES,
    Finding,
    Link,
    PageToLint,
    UrlLintTreeprocessor,
    UrlRules,
    check_url,
    exam_codes,
    lint_data,
    lint_tree,
    lint_yaml,
    main,
    tree_links,
    url_rules,
    yaml_links,
)

FIXTURES = Path(__file__).parent / "fixtures"
UPSTREAM = yaml.safe_load((FIXTURES / "upstream_bad_urls.yml").read_text(encoding="utf-8"))
# What pages of the tests below are written with when not the real site's.
PLAIN_EXTENSIONS = ["abbr", "attr_list", "md_in_html", "tables", "pymdownx.superfences"]


def rules(url: str, text: str = "") -> list[str]:
    return [rule for rule, _ in check_url(url, text, EXAM_RULES)]


def lint_page(source: str, src: str = "x.md", extensions: Sequence[Any] = PLAIN_EXTENSIONS,
              configs: dict[str, Any] | None = None, rules: UrlRules = EXAM_RULES) -> list[Finding]:
    """Convert ``source`` once, with the URL lint's treeprocessor registered, and return its findings."""
    findings: list[Finding] = []
    md = markdown.Markdown(extensions=list(extensions), extension_configs=configs or {})
    md.treeprocessors.register(UrlLintTreeprocessor(md, lambda: PageToLint(src, source, rules), findings.extend),
                               "test-urllint", PRIORITY)
    md.convert(source)
    return findings


def page_links(source: str) -> list[Link]:
    """The links ``tree_links`` finds in ``source`` rendered with PLAIN_EXTENSIONS."""
    found: list[Link] = []

    class Collect(Treeprocessor):
        def run(self, root: etree.Element) -> None:
            found.extend(tree_links(root, source, self.md.htmlStash.rawHtmlBlocks))

    md = markdown.Markdown(extensions=PLAIN_EXTENSIONS)
    md.treeprocessors.register(Collect(md), "test-links", PRIORITY)
    md.convert(source)
    return found


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
    assert check_url(url, "AZ-220 skills", EXAM_RULES) == []


RULE_CASES = [
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
]


@pytest.mark.parametrize(("url", "rule"), RULE_CASES)
def test_each_rule_catches_its_fault(url: str, rule: str) -> None:
    assert rules(url) == [rule]


def test_every_rule_has_a_description_and_a_test() -> None:
    assert [rule for rule, description in RULES.items() if not description.strip()] == []
    # Each rule is caught by a case in this module: the table above, or a test of its own below.
    own_tests = {"exam-code-mismatch": test_exam_code_in_text_must_match_the_target,
                 "shared-url": test_two_modules_sharing_one_url_are_caught}
    assert set(RULES) == {rule for _, rule in RULE_CASES} | set(own_tests)


def test_exam_code_in_text_must_match_the_target() -> None:
    assert check_url("https://aka.ms/AZ-200-SkillsMeasured", "Skills Measured on AZ-220", EXAM_RULES) == [
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
    assert check_url(url, text, EXAM_RULES) == []


def test_exam_codes_are_normalised() -> None:
    assert exam_codes("AZ220, az-900 and DP-420 but not AZ-2200 or XAZ-220", EXAM_RULES) == {"AZ-220", "AZ-900", "DP-420"}


# --- the real upstream faults (tests/fixtures, copied from the upstream guide) -------------------


@pytest.mark.parametrize("entry", UPSTREAM, ids=[e["name"] for e in UPSTREAM])
def test_every_upstream_fault_is_caught(entry: dict) -> None:
    assert sorted(set(rules(entry["url"], entry["name"]))) == sorted(entry["rules"])


def test_upstream_fixture_findings_name_file_and_line() -> None:
    name = "tests/fixtures/upstream_bad_urls.yml"
    source = (FIXTURES / "upstream_bad_urls.yml").read_text(encoding="utf-8")
    findings = lint_yaml(source, name, EXAM_RULES)
    lines = source.splitlines()
    for finding in findings:
        assert finding.file == name
        assert lines[finding.line - 1].strip() == f"url: {finding.url}"
    assert len({f.line for f in findings}) == len(UPSTREAM)


def test_two_modules_sharing_one_url_are_caught() -> None:
    name = "data/learning_paths.yml"
    findings = lint_yaml((FIXTURES / "upstream_learning_paths.yml").read_text(encoding="utf-8"), name, EXAM_RULES)
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
    assert [(f.line, f.rule) for f in lint_yaml(source, "data/learning_paths.yml", EXAM_RULES)] == [
        (6, "shared-url")]
    # Other data files may point two entries at one page (two glossary terms, say).
    assert lint_yaml(source, "data/glossary.yml", EXAM_RULES) == []


def test_upstream_markdown_links_are_found_with_their_lines() -> None:
    source = (FIXTURES / "upstream_links.md").read_text(encoding="utf-8")
    findings = lint_page(source)
    assert {f.file for f in findings} == {"docs/x.md"}
    found = {(f.line, f.rule) for f in findings}
    assert found == {
        (6, "exam-code-mismatch"),
        (7, "legacy-host"), (7, "repeated-query"), (7, "duplicate-parameter"), (7, "tracking-parameter"),
        (9, "query-after-fragment"), (9, "tracking-parameter"),  # raw HTML <a>
        (11, "repeated-query"), (11, "tracking-parameter"), (11, "youtube-id"),  # reference definition
    }


# --- finding links ------------------------------------------------------------------------------


def test_page_links_skip_internal_links_and_code() -> None:
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
    assert page_links(source) == [
        Link(url="https://learn.microsoft.com/a?x=1&y=2", text="Hub", line=1),
        Link(url="https://learn.microsoft.com/b", text="Inside HTML", line=8),
    ]


def test_page_links_read_raw_html_and_the_text_a_reader_sees() -> None:
    source = (
        "Read <a href=\"https://aka.ms/a?x=1&amp;y=2\">the AZ-220 <b>notes</b></a> first.\n"
        "\n"
        "<p><a href=\"https://aka.ms/b\">Block <i>HTML</i></a></p>\n"
        "\n"
        "[AT&amp;T \\*`code`\\*](https://aka.ms/c) and <https://aka.ms/d>\n"
    )
    assert page_links(source) == [
        Link(url="https://aka.ms/a?x=1&y=2", text="the AZ-220 notes", line=1),
        Link(url="https://aka.ms/b", text="Block HTML", line=3),
        Link(url="https://aka.ms/c", text="AT&T *code*", line=5),
        Link(url="https://aka.ms/d", text="https://aka.ms/d", line=5),
    ]


def test_each_link_to_a_url_gets_the_line_of_its_own_occurrence() -> None:
    source = (
        "[One](https://aka.ms/x)\n"
        "[Longer](https://aka.ms/x/y)\n"
        "[Two](https://aka.ms/x)\n"
    )
    assert [(link.url, link.line) for link in page_links(source)] == [
        ("https://aka.ms/x", 1), ("https://aka.ms/x/y", 2), ("https://aka.ms/x", 3)]


def test_a_link_not_written_in_the_page_is_named_as_rendered_from_data() -> None:
    root = etree.Element("div")
    etree.SubElement(root, "a", href="https://aka.ms/x?utm_source=feed").text = "From data"
    assert tree_links(root, "# A page\n\n<!-- guide:skills -->\n") == [
        Link(url="https://aka.ms/x?utm_source=feed", text="From data", line=0)]
    [finding] = lint_tree(root, "areas/01-x.md", "", EXAM_RULES)
    assert str(finding) == ("docs/areas/01-x.md: tracking-parameter: utm_source only tracks the reader; remove it: "
                            "https://aka.ms/x?utm_source=feed (rendered from data/ by a marker)")


def test_the_treeprocessor_lints_only_a_page_of_the_guide() -> None:
    reports: list[list[Finding]] = []
    md = markdown.Markdown()
    md.treeprocessors.register(UrlLintTreeprocessor(md, lambda: None, reports.append), "test-urllint", PRIORITY)
    md.convert("[Hub](http://aka.ms/x)\n")
    assert reports == []
    assert [f.rule for f in lint_page("[Hub](http://aka.ms/x)\n")] == ["not-https"]


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
        lint_yaml("- name: x\n  url: [unclosed\n", "data/glossary.yml", EXAM_RULES)
    assert str(err.value) == (
        "data/glossary.yml:2: YAML: invalid YAML (a flow sequence opens here and is never closed: "
        "did not find expected ',' or ']')"
    )


# --- the whole project, the command, the hook ---------------------------------------------------


def real_markdown(root: Path, src: str, **ours: Any) -> markdown.Markdown:
    """A Markdown converter for page ``src`` of the project in ``root``, set up as its mkdocs.yml says.

    The extension list is read from mkdocs.yml, so it cannot drift from the build's; the
    studyguide extension is told the page (a builder would say which page it converts).
    """
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    configs: dict[str, Any] = {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        configs[name] = dict(options or {})
    others = [name for name in names if name != EXTENSION_NAME]
    configs[EXTENSION_NAME] = {**configs[EXTENSION_NAME], "root": str(root), "page": src, "extensions": others,
                               **ours}
    return markdown.Markdown(extensions=names, extension_configs=configs)


def lint_real_page(root: Path, src: str) -> tuple[list[Link], list[Finding]]:
    """Render one page of the project once, as the build does; its external links and URL findings."""
    md = real_markdown(root, src)
    source = (root / "docs" / src).read_text(encoding="utf-8")
    rules = url_rules(load_exam(root / "data"))
    links: list[Link] = []
    findings: list[Finding] = []

    def report(found: list[Finding]) -> None:
        findings.extend(found)

    class Collect(UrlLintTreeprocessor):
        def run(self, root: etree.Element) -> None:
            links.extend(tree_links(root, source, self.md.htmlStash.rawHtmlBlocks))
            super().run(root)

    md.treeprocessors.register(Collect(md, lambda: PageToLint(src, source, rules), report), "test-urllint", PRIORITY)
    md.convert(source)
    return links, findings


def test_the_project_has_no_url_problems() -> None:
    assert lint_data(ROOT / "data") == []
    links: list[Link] = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        found, findings = lint_real_page(ROOT, page.relative_to(ROOT / "docs").as_posix())
        assert findings == []
        links += found
    # The pages' own links and the links their markers render from data were both looked at.
    assert any(link.line > 0 for link in links) and any(link.line == 0 for link in links)


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
def test_the_page_render_refuses_each_malformed_url(project_copy: Path, link: str, rule: str) -> None:
    page = _inject(project_copy, link)
    line = page.read_text(encoding="utf-8").count("\n")
    # The studyguide extension lints the page on its own render tree and stops the build.
    with pytest.raises(DataError) as err:
        real_markdown(project_copy, "index.md").convert(page.read_text(encoding="utf-8"))
    assert len(err.value.problems) == 1
    assert str(err.value).startswith(f"docs/index.md:{line}: {rule}: ")


def test_a_conversion_for_the_backlinks_pre_pass_leaves_the_lint_to_the_page_own(project_copy: Path) -> None:
    page = _inject(project_copy, "[Hub](http://learn.microsoft.com/en-us/azure/iot-hub/)")
    html = real_markdown(project_copy, "index.md", lint_urls=False).convert(page.read_text(encoding="utf-8"))
    assert 'href="http://learn.microsoft.com/en-us/azure/iot-hub/"' in html


def test_a_builder_adapter_can_take_the_findings_instead_of_an_error(project_copy: Path) -> None:
    page = _inject(project_copy, "[Hub](http://learn.microsoft.com/en-us/azure/iot-hub/)")
    line = page.read_text(encoding="utf-8").count("\n")
    found: list[Finding] = []
    real_markdown(project_copy, "index.md", report_urls=found.extend).convert(page.read_text(encoding="utf-8"))
    assert [(f.file, f.line, f.rule) for f in found] == [("docs/index.md", line, "not-https")]


def test_command_lints_the_data_files(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = project_copy / "data" / "learning_paths.yml"
    lines = paths.read_text(encoding="utf-8").splitlines(keepends=True)
    number, url = next((n, line.split("url:", 1)[1].strip()) for n, line in enumerate(lines, 1) if "url: https://" in line)
    lines[number - 1] = lines[number - 1].replace(url, url + "?utm_source=x")
    paths.write_text("".join(lines), encoding="utf-8")
    assert main([str(project_copy)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"data/learning_paths.yml:{number}: tracking-parameter: utm_source only tracks the reader; remove it: "
        f"{url}?utm_source=x"]


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
