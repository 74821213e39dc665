"""A valid data/exam.yml for unit tests, and the facts parsed from it (not the project's data)."""

from __future__ import annotations

from pathlib import Path

from studyguide.datafiles import parse_data
from studyguide.exam import ExamData, parse_exam
from studyguide.urllint import UrlRules, url_rules

EXAM_FILE = "data/exam.yml"

# Lines are known: tests replace one and expect its number in the report.
VALID_EXAM = """\
storage_prefix: az220
code: AZ-220
name: Azure IoT Developer
vendor: Microsoft
links:
  exam_page: https://learn.microsoft.com/en-us/credentials/certifications/exams/az-220
  skills_outline: https://aka.ms/AZ-220-SkillsMeasured
  certification: https://learn.microsoft.com/en-us/credentials/certifications/azure-iot-developer-specialty
doc_hosts:
  - learn.microsoft.com
  - azure.microsoft.com
github_owner: Azure
legacy_hosts:
  - docs.microsoft.com
exam_code_pattern: (AZ|AI|DP|SC|PL|MS|MD|MB|GH)-?(\\d{3})
docs_name: Microsoft Learn
"""


def parse_exam_text(text: str) -> ExamData:
    loaded = parse_data(text, EXAM_FILE)
    return parse_exam(loaded.data, loaded.file, loaded.line)


EXAM = parse_exam_text(VALID_EXAM)
SITES = EXAM.reading_sites
RULES: UrlRules = url_rules(EXAM)


def write_exam(data_dir: Path, text: str = VALID_EXAM) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "exam.yml").write_text(text, encoding="utf-8")
    return data_dir
