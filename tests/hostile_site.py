"""A copy of the real project with a hostile string in every data field that takes text.

Used by tests/hostile (the built HTML) and tests/browser (hovering and clicking in Chromium).
Ids, pages, kinds, dates, numbers and URLs are constrained by the schema, so they get no
payload; every other string field gets one in every record, except where a page links to
the value's anchor (a glossary term's name): there, one record carries it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from markdown.extensions.toc import slugify

# Plain-text fields: what a careless paste or a hostile pull request might hold.
TEXT_PAYLOAD = ' <script>alert("t1")</script><img src=x onerror=alert("t2")> [l](javascript:alert("t3")) ' \
               '{: onclick="alert(\'t4\')" } </title><svg onload=alert("t5")>'
# Markdown fields (definitions, descriptions): the same, and Markdown's own ways in.
MARKDOWN_PAYLOAD = (
    ' [js](javascript:alert("m1")) [t](https://example.org/ "<b onmouseover=alert(\'m2\')>x</b>")'
    ' <img src=x onerror=alert("m3")> ![i](javascript:alert("m4"))\n'
    '{: onmouseover="alert(\'m5\')" }\n\n<div onclick="alert(\'m6\')">block</div>'
)
# Question fields refuse HTML, attribute lists and non-https links (a validation error), so their
# payload is what validation lets through: markup inside code spans, entities, escaped link syntax.
QUESTION_PAYLOAD = (' `<script>alert("q1")</script>` &lt;img src=x onerror=alert("q2")&gt; '
                    '*[q](https://example.org/)* \\[x\\](javascript:alert("q3"))')
MAX_DEFINITION = 1200


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, value: Any) -> None:
    # Dates must stay YYYY-MM-DD text for the changelog.
    path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def _markdown(text: str) -> str:
    room = MAX_DEFINITION - len(MARKDOWN_PAYLOAD)
    return text[:room] + MARKDOWN_PAYLOAD


def inject_everywhere(project: Path) -> None:
    data = project / "data"
    docs_text = "\n".join(p.read_text(encoding="utf-8") for p in (project / "docs").rglob("*.md"))

    areas = _load(data / "areas.yml")
    for area in areas:
        area["name"] += TEXT_PAYLOAD
        area["short_name"] += TEXT_PAYLOAD
    _dump(data / "areas.yml", areas)

    renamed_groups: dict[str, str] = {}
    renamed_names: dict[str, str] = {}  # old group name -> new: labs and retirements name groups
    outline = _load(data / "skills.yml")
    for entry in outline:
        for group in entry["groups"]:
            old = slugify(group["name"], "-")
            if f"#{old}" in docs_text:
                continue  # a page links this heading: keep its anchor
            renamed_names[group["name"]] = group["name"] + TEXT_PAYLOAD
            group["name"] += TEXT_PAYLOAD
            renamed_groups[old] = slugify(group["name"], "-")
            for skill in group["skills"]:
                skill["name"] += TEXT_PAYLOAD
    _dump(data / "skills.yml", outline)

    paths = _load(data / "learning_paths.yml")
    for path in paths:
        path["name"] += TEXT_PAYLOAD
        for module in path.get("modules", []):
            module["name"] += TEXT_PAYLOAD
    _dump(data / "learning_paths.yml", paths)

    glossary = _load(data / "glossary.yml")
    named = False
    for term in glossary:
        term["definition"] = _markdown(term["definition"])
        anchor = re.sub(r"[^a-z0-9]+", "-", term["name"].casefold()).strip("-")
        if not named and f"#{anchor}" not in docs_text:
            term["name"] += TEXT_PAYLOAD
            term.setdefault("aliases", []).append("hostile" + TEXT_PAYLOAD)
            named = True
    assert named, "no glossary term free to rename"
    _dump(data / "glossary.yml", glossary)

    changelog = yaml.load((data / "changelog.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    for update in changelog["updates"]:
        for change in update["changes"]:
            change["description"] = _markdown(change["description"])
            for key in ("skill", "group", "old_name"):
                if key in change:
                    change[key] += TEXT_PAYLOAD
            if "group_id" in change:
                change["group_id"] = renamed_groups.get(change["group_id"], change["group_id"])
            change["area"] = int(change["area"])
    _dump(data / "changelog.yml", changelog)

    questions = _load(data / "questions.yml")
    for question in questions:
        for key in ("scenario", "prompt", "explanation"):
            if key in question:
                question[key] += QUESTION_PAYLOAD
        for option in question["options"]:
            option["text"] += QUESTION_PAYLOAD
            option["why"] += QUESTION_PAYLOAD
    _dump(data / "questions.yml", questions)

    retirements = yaml.load((data / "retirements.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    for entry in retirements:
        entry["what"] += TEXT_PAYLOAD
        if "successor" in entry:
            entry["successor"] += TEXT_PAYLOAD
        for key in ("note", "date_note"):
            if key in entry:
                entry[key] = _markdown(entry[key])
        entry["groups"] = [renamed_names.get(name, name) for name in entry.get("groups", [])]
    _dump(data / "retirements.yml", retirements)

    labs = _load(data / "labs.yml")
    for lab in labs:
        lab["title"] += TEXT_PAYLOAD
        for key in ("covers", "needs", "cost"):
            lab[key] = _markdown(lab[key])
        lab["groups"] = [renamed_names.get(name, name) for name in lab["groups"]]
    _dump(data / "labs.yml", labs)

    pitfalls = _load(data / "pitfalls.yml")
    for area in pitfalls:
        area["tips"] = [_markdown(tip) for tip in area["tips"]]
    _dump(data / "pitfalls.yml", pitfalls)
