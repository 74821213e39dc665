"""data/exam.yml: the exam's facts, every error path, and every consumer taking them from there."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import DATA, ROOT
from exam_data import EXAM, RULES, VALID_EXAM, parse_exam_text, write_exam
from lxml import etree

from studyguide.areas import Area
from studyguide.changelog_feed import atom_feed
from studyguide.changelog_render import changelog_page
from studyguide.datafiles import parse_data
from studyguide.errors import DataError
from studyguide.exam import load_exam, load_storage_prefix
from studyguide.generate import ANNOUNCE_PARTIAL, HEAD_PARTIAL, PARTIALS_DIR
from studyguide.glossary import parse_glossary
from studyguide.guide import load_guide, load_guide_changelog
from studyguide.issue_forms import EXAM_UPDATE_FORM, exam_update_form, project_form
from studyguide.questions import doc_problem
from studyguide.safe import md_text
from studyguide.study import build_learner_data, study_data
from studyguide.urllint import check_url, exam_codes, url_rules

# Another exam, made up: nothing of the project's exam may leak into what is built for it.
OTHER_EXAM = (VALID_EXAM
              .replace("code: AZ-220", "code: XY-123")
              .replace("name: Azure IoT Developer", "name: Widget Wrangler")
              .replace("vendor: Microsoft", "vendor: <b>Acme</b> & Co")
              .replace("learn.microsoft.com\n", "docs.acme.example\n")
              .replace("azure.microsoft.com", "blog.acme.example")
              .replace("github_owner: Azure", "github_owner: acme")
              .replace("docs.microsoft.com", "old-docs.acme.example")
              .replace("(AZ|AI|DP|SC|PL|MS|MD|MB|GH)", "(XY|QZ)")
              .replace("docs_name: Microsoft Learn", "docs_name: Acme Docs"))


def other_exam():
    return parse_exam_text(OTHER_EXAM)


def test_the_fixture_gives_every_fact():
    assert (EXAM.code, EXAM.name, EXAM.vendor, EXAM.docs_name) == (
        "AZ-220", "Azure IoT Developer", "Microsoft", "Microsoft Learn")
    assert EXAM.doc_host == "learn.microsoft.com"
    assert EXAM.legacy_hosts == ["docs.microsoft.com"]
    assert str(EXAM.links.skills_outline) == "https://aka.ms/AZ-220-SkillsMeasured"
    assert EXAM.storage_prefix == "az220"


def test_the_project_exam_file_is_valid_and_its_code_is_matched_by_its_own_pattern():
    exam = load_exam(DATA)
    assert exam_codes(exam.code, url_rules(exam)) == {exam.code}


def test_the_loader_reads_the_file_again_after_an_edit(tmp_path: Path):
    data = write_exam(tmp_path / "data")
    assert load_storage_prefix(data) == "az220"
    write_exam(data, VALID_EXAM.replace("storage_prefix: az220", "storage_prefix: az-204-guide"))
    assert load_storage_prefix(data) == "az-204-guide"


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("storage_prefix: az220", "storage_prefix: AZ220",
     "data/exam.yml:1: storage_prefix: must be lowercase letters, digits and hyphens, starting with a letter "
     "(found 'AZ220')"),
    ("storage_prefix: az220", "storage_prefix: 220", "data/exam.yml:1: storage_prefix: must be text (found 220)"),
    ("storage_prefix: az220\n", "", "data/exam.yml:1: storage_prefix: is required"),
    ("code: AZ-220", "code: AZ 220",
     "data/exam.yml:2: code: must be capital letters, a hyphen and digits, like XY-123 (found 'AZ 220')"),
    ("code: AZ-220", "code: 220", "data/exam.yml:2: code: must be text (found 220)"),
    ("name: Azure IoT Developer", "name: ''", "data/exam.yml:3: name: must not be empty"),
    ("name: Azure IoT Developer", "name: [a, b]", "data/exam.yml:3: name: must be text (found ['a', 'b'])"),
    ("vendor: Microsoft", 'vendor: "Micro\\u0000soft"',
     "data/exam.yml:4: vendor: contains the control character U+0000; remove it"),
    ("  exam_page: https://learn.microsoft.com/en-us/credentials/certifications/exams/az-220",
     "  exam_page: not a url",
     "data/exam.yml:6: links: exam_page: is not a web address (relative URL without a base) (found 'not a url')"),
    ("  exam_page: https://learn.microsoft.com/en-us/credentials/certifications/exams/az-220",
     "  exam_page: http://example.org/",
     "data/exam.yml:6: links: exam_page: must be an https:// address"),
    ("  skills_outline: https://aka.ms/AZ-220-SkillsMeasured\n", "",
     "data/exam.yml:6: links: skills_outline: is required"),
    ("  skills_outline: https://aka.ms/AZ-220-SkillsMeasured\n",
     "  skills_outline: https://aka.ms/AZ-220-SkillsMeasured\n  blog: https://example.org/\n",
     "data/exam.yml:8: links: blog: is not a known field (a typo?)"),
    ("  - learn.microsoft.com\n  - azure.microsoft.com\n", "  - learn.microsoft.com\n  - learn.microsoft.com\n",
     "data/exam.yml:10: doc_hosts: lists a host twice"),
    ("doc_hosts:\n  - learn.microsoft.com\n  - azure.microsoft.com\n", "doc_hosts: []\n",
     "data/exam.yml:9: doc_hosts: needs at least 1 item(s)"),
    ("  - azure.microsoft.com\n", "  - Azure.Microsoft.com\n",
     "data/exam.yml:11: doc_hosts: [2]: must be a lowercase host name like learn.example.com, with no scheme or "
     "path (found 'Azure.Microsoft.com')"),
    ("  - docs.microsoft.com\n", "  - localhost\n",
     "data/exam.yml:14: legacy_hosts: [1]: must be a lowercase host name like learn.example.com, with no scheme "
     "or path (found 'localhost')"),
    ("  - docs.microsoft.com\n", "  - learn.microsoft.com\n",
     "data/exam.yml:14: legacy_hosts: learn.microsoft.com is also in doc_hosts"),
    ("github_owner: Azure", "github_owner: -Azure",
     "data/exam.yml:12: github_owner: must be a GitHub organisation name: letters, digits and hyphens "
     "(found '-Azure')"),
    ("exam_code_pattern: (AZ|AI|DP|SC|PL|MS|MD|MB|GH)-?(\\d{3})", "exam_code_pattern: ((AZ)-?(\\d{3}))",
     "data/exam.yml:15: exam_code_pattern: needs exactly two groups: the letters and the number of an exam code"),
    ("exam_code_pattern: (AZ|AI|DP|SC|PL|MS|MD|MB|GH)-?(\\d{3})", "exam_code_pattern: '[AZ'",
     "data/exam.yml:15: exam_code_pattern: is not a regular expression (unterminated character set at position 0)"),
    ("docs_name: Microsoft Learn", "docs_name: ''", "data/exam.yml:16: docs_name: must not be empty"),
    ("docs_name: Microsoft Learn\n", "docs_name: Microsoft Learn\ndocs-name: x\n",
     "data/exam.yml:17: docs-name: is not a known field (a typo?)"),
])
def test_every_bad_field_is_named_with_file_line_and_problem(tmp_path: Path, old: str, new: str, expected: str):
    assert VALID_EXAM.count(old) == 1, old
    data = write_exam(tmp_path / "data", VALID_EXAM.replace(old, new))
    with pytest.raises(DataError) as info:
        load_exam(data)
    assert str(info.value) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("- az220\n", "data/exam.yml:1: file: must be a mapping of keys, like code: XY-123"),
    ("", "data/exam.yml: file: must be a mapping of keys, like code: XY-123"),
    (VALID_EXAM + "code: AZ-221\n",
     "data/exam.yml:17: YAML: key 'code' is given twice in one mapping (first on line 2)"),
    (VALID_EXAM.replace("code: AZ-220", "code: !!binary QVo="),
     "data/exam.yml:2: YAML: tag tag:yaml.org,2002:binary is not allowed in data files"),
])
def test_a_bad_exam_file_fails_naming_the_file_and_line(tmp_path: Path, text: str, expected: str):
    data = write_exam(tmp_path / "data", text)
    with pytest.raises(DataError) as info:
        load_exam(data)
    assert str(info.value) == expected


def test_a_missing_exam_file_fails_naming_it(tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    with pytest.raises(DataError, match=r"^data/exam.yml: file: cannot be read"):
        load_exam(data)


# --- the rules take the exam's facts ---------------------------------------------------------


def test_the_url_lint_takes_hosts_and_codes_from_the_exam():
    other = url_rules(other_exam())
    assert check_url("https://old-docs.acme.example/a", "", other) == [
        ("legacy-host", "old-docs.acme.example is retired; use docs.acme.example")]
    assert check_url("https://docs.microsoft.com/a", "", other) == []
    assert check_url("https://docs.microsoft.com/a", "", RULES) == [
        ("legacy-host", "docs.microsoft.com is retired; use learn.microsoft.com")]
    assert exam_codes("XY-123, qz456 and AZ-220", other) == {"XY-123", "QZ-456"}
    assert [r for r, _ in check_url("https://e.example/xy-124", "XY-123 outline", other)] == ["exam-code-mismatch"]


def test_question_docs_take_their_hosts_from_the_exam():
    sites = other_exam().reading_sites
    assert doc_problem("https://blog.acme.example/post", sites) is None
    assert doc_problem("https://github.com/acme/widgets", sites) is None
    assert doc_problem("https://learn.microsoft.com/x", sites) == (
        "must point to docs.acme.example, blog.acme.example or github.com/acme")
    assert doc_problem("https://github.com/acmeevil/x", sites) == (
        "must point to docs.acme.example, blog.acme.example or github.com/acme")


AREAS = [Area.model_validate({"number": 1, "name": "Wrangle widgets", "short_name": "Widgets",
                              "weight": {"min": 40, "max": 60}, "page": "areas/01-widgets.md"}),
         Area.model_validate({"number": 2, "name": "Sort: sprockets", "short_name": "Sprockets",
                              "weight": {"min": 40, "max": 60}, "page": "areas/02-sprockets.md"})]


def test_glossary_docs_take_their_host_from_the_exam():
    term = {"id": "widget-hub", "name": "Widget hub", "definition": "Where widgets meet.", "areas": [1]}
    ok = parse_data(yaml.safe_dump([term | {"doc": "https://docs.acme.example/hub"}]), "data/glossary.yml")
    assert parse_glossary(ok.data, ok.file, AREAS, ok.line, doc_host="docs.acme.example").terms
    with pytest.raises(DataError) as info:
        parse_glossary(ok.data, ok.file, AREAS, ok.line, doc_host=EXAM.doc_host)
    assert str(info.value).endswith("doc: must be an https://learn.microsoft.com/ address")


# --- the renderers take the exam's facts ------------------------------------------------------


def test_the_changelog_page_and_feed_name_the_exam_and_escape_its_vendor():
    guide = load_guide(DATA)
    changelog = load_guide_changelog(DATA)
    assert changelog.retired_on is not None  # the project's exam is retired: the sentence shows
    exam = other_exam()
    page = changelog_page(changelog, guide.areas, exam)
    retired = page.split("{ #exam-retired }\n\n", 1)[1].split("\n", 1)[0]
    assert retired.startswith(f"{md_text('<b>Acme</b> & Co')} retired {md_text('XY-123')} on <time ")
    assert "<b>" not in page
    feed = atom_feed(changelog, guide.areas, exam=exam, site_name="Guide",
                     page_url="https://example.org/changelog/", feed_url="https://example.org/feed.xml")
    root = etree.fromstring(feed)
    atom = "{http://www.w3.org/2005/Atom}"
    assert root.findtext(f"{atom}subtitle") == "Changes to the XY-123 skills outline, newest first."
    first = root.find(f"{atom}entry")
    assert first.findtext(f"{atom}title").startswith("XY-123 retired on ")
    assert first.findtext(f"{atom}content").startswith("<p>&lt;b&gt;Acme&lt;/b&gt; &amp; Co retired the exam")


# --- the issue form -------------------------------------------------------------------------


def test_the_committed_exam_update_form_is_generated_from_the_data():
    """Fails after an edit of data/areas.yml, exam.yml or changelog.yml: run make issue-forms."""
    assert (ROOT / EXAM_UPDATE_FORM).read_text(encoding="utf-8") == project_form(DATA)


def test_the_form_lists_the_areas_and_the_retirement_of_any_exam():
    form = yaml.safe_load(exam_update_form(other_exam(), AREAS, None))
    assert form["description"] == "<b>Acme</b> & Co changed the skills measured; record the update in the exam history."
    assert form["body"][0]["attributes"]["value"].startswith(
        "Use this form when <b>Acme</b> & Co changes the skills measured by XY-123.\n")
    assert form["body"][3]["attributes"]["options"] == ["1 Wrangle widgets", "2 Sort: sprockets"]
    retired = yaml.safe_load(exam_update_form(other_exam(), AREAS, date(2030, 1, 2)))
    assert retired["body"][0]["attributes"]["value"].startswith("XY-123 was retired on 2 January 2030; ")


# --- no exam code in the code -----------------------------------------------------------------

# Where the generator's code lives: none of it may name the exam.
CODE_DIRS = ("hooks/studyguide", "docs/javascripts", "overrides")
EXAM_CODE_IN_CODE = re.compile(r"az-?220", re.IGNORECASE)
# A comment may cite the exam's data file.
COMMENT = re.compile(r"^\s*(#|//|\*|/\*|\{#)")
# Files another change owns, which still name the exam (report these; do not add to the list).
NOT_YET: set[str] = set()  # files allowed to name the exam until their text comes from data
# Written from data/ by the generator before a build (not in git): naming the exam is their job.
GENERATED = {f"overrides/{PARTIALS_DIR}/{name}" for name in (HEAD_PARTIAL, ANNOUNCE_PARTIAL)}


def exam_codes_in_code() -> list[str]:
    found = []
    for folder in CODE_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            if not path.is_file() or path.suffix not in {".py", ".js", ".html", ".css"}:
                continue
            rel = path.relative_to(ROOT).as_posix()
            if rel in NOT_YET or rel in GENERATED:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if not EXAM_CODE_IN_CODE.search(line):
                    continue
                if COMMENT.match(line) and "data/exam.yml" in line:
                    continue
                found.append(f"{rel}:{number}: {line.strip()}")
    return found


def test_no_code_names_the_exam():
    assert exam_codes_in_code() == []


def test_the_scan_would_find_a_literal_code():
    assert EXAM_CODE_IN_CODE.search('title = "AZ-220 retired"')
    assert EXAM_CODE_IN_CODE.search("const name = 'az220';")
    assert not EXAM_CODE_IN_CODE.search("from studyguide.safe import md_text")


# --- the study tools get the exam from the study JSON ------------------------------------------


def test_the_study_json_carries_the_exam_for_the_script():
    guide = load_guide(DATA)
    exam = load_exam(DATA)
    data = study_data(guide.areas, guide.outlines, build_learner_data(guide))
    assert (data["prefix"], data["exam"]) == (exam.storage_prefix, {"code": exam.code, "name": exam.name})


def test_the_script_names_its_export_file_and_messages_from_the_json():
    script = (ROOT / "docs" / "javascripts" / "study-tools.js").read_text(encoding="utf-8")
    assert 'download: ctx.data.prefix + "-progress.json"' in script
    assert "setPrefix(data.prefix);" in script
    assert "ctx.data.exam.code" in script


def test_the_home_page_links_the_exam_s_official_pages_as_the_data_gives_them():
    """The home page's "Important links" prose types them; this keeps it in step with data/exam.yml."""
    home = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    links = load_exam(DATA).links
    urls = [str(links.exam_page), str(links.skills_outline), str(links.certification)]
    assert [url for url in urls if f"]({url})" not in home] == []
