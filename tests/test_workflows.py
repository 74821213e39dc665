"""GitHub configuration: workflows have the right triggers, the external check cannot block a PR."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
# Each action at a major-version tag; dependabot.yml moves them on.
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@v\d+$")


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the key `on` as True.
    on = workflow.get("on", workflow.get(True))
    return {name: None for name in on} if isinstance(on, list) else dict(on)


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def runs(workflow: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


def uses(workflow: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Action name (without version) -> its step."""
    return {step["uses"].split("@")[0]: step for step in steps(workflow) if "uses" in step}


@pytest.fixture(scope="module")
def ci() -> dict[str, Any]:
    return load(GITHUB / "workflows" / "ci.yml")


@pytest.fixture(scope="module")
def pages() -> dict[str, Any]:
    return load(GITHUB / "workflows" / "pages.yml")


@pytest.fixture(scope="module")
def external() -> dict[str, Any]:
    return load(GITHUB / "workflows" / "linkcheck-external.yml")


def test_the_three_workflows_exist() -> None:
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "linkcheck-external.yml", "pages.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_workflow_is_complete_and_pins_actions(path: Path) -> None:
    workflow = load(path)
    assert workflow["name"]
    assert triggers(workflow)
    assert "permissions" in workflow
    for name, job in workflow["jobs"].items():
        assert job["runs-on"] == "ubuntu-latest", name
        assert job["timeout-minutes"] <= 60, name
    for step in steps(workflow):
        if "uses" in step:
            assert PINNED.match(step["uses"]), step["uses"]


def test_ci_runs_make_test_on_push_and_pull_request(ci: dict[str, Any]) -> None:
    on = triggers(ci)
    assert "pull_request" in on
    assert on["push"]["branches"] == ["main"]
    assert "make test" in runs(ci)
    setup = uses(ci)["actions/setup-python"]["with"]
    assert setup["cache"] == "pip"
    assert ci["permissions"] == {"contents": "read"}


def test_pages_deploys_main_only_after_tests(pages: dict[str, Any]) -> None:
    on = triggers(pages)
    assert on["push"]["branches"] == ["main"]
    assert "pull_request" not in on
    assert pages["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert pages["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build = pages["jobs"]["build"]
    commands = [step.get("run") for step in build["steps"] if "run" in step]
    assert commands == ["make test", "make build"]
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    deploy = pages["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_external_check_is_weekly_and_cannot_block_pull_requests(external: dict[str, Any]) -> None:
    on = triggers(external)
    assert set(on) == {"schedule", "workflow_dispatch"}
    (cron,) = [entry["cron"] for entry in on["schedule"]]
    _minute, _hour, day, month, weekday = cron.split()
    assert (day, month) == ("*", "*") and weekday.isdigit()  # once a week
    assert "make linkcheck-external" in runs(external)
    assert uses(external)["actions/upload-artifact"]["with"]["path"] == "reports/linkcheck-external.csv"
    assert external["permissions"] == {"contents": "read", "issues": "write"}
    assert "gh issue create" in runs(external) and "gh issue edit" in runs(external)


def test_no_pull_request_workflow_checks_external_links() -> None:
    for path in WORKFLOWS:
        workflow = load(path)
        if {"pull_request", "pull_request_target", "push"} & set(triggers(workflow)):
            assert "linkcheck-external" not in runs(workflow), path.name


def test_make_test_does_not_need_the_network() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    (test_rule,) = re.findall(r"^test:.*(?:\n\t.*)*", makefile, re.MULTILINE)
    assert "linkcheck-external" not in test_rule


def test_dependabot_updates_pip_and_actions() -> None:
    config = load(GITHUB / "dependabot.yml")
    assert config["version"] == 2
    assert {u["package-ecosystem"] for u in config["updates"]} == {"pip", "github-actions"}
    (pip,) = [u for u in config["updates"] if u["package-ecosystem"] == "pip"]
    assert {"dependency-name": "mkdocs", "update-types": ["version-update:semver-major"]} in pip["ignore"]


def _pins(name: str) -> dict[str, str]:
    """Package name (normalised) -> exact version, for one requirements file."""
    pins = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-r "):
            continue
        package, sep, version = line.partition("==")
        assert sep and version, f"{name}: {line!r} is not pinned exactly"
        pins[re.sub(r"[-_.]+", "-", package).lower()] = version
    return pins


def test_serving_needs_no_test_tools_and_testing_adds_them() -> None:
    serve, dev = _pins("requirements.txt"), _pins("requirements-dev.txt")
    assert serve["mkdocs"].startswith("1.")
    assert not {"pytest", "playwright", "linkchecker", "ruff", "mypy"} & serve.keys()
    assert {"pytest", "playwright", "linkchecker", "ruff", "mypy"} <= dev.keys()
    assert not serve.keys() & dev.keys(), "a package is pinned in both files"
    assert "-r requirements.txt" in (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=lambda p: p.name)
def test_issue_forms_are_valid(path: Path) -> None:
    form = load(path)
    assert form["name"] and form["description"] and form["labels"]
    fields = [item for item in form["body"] if item["type"] != "markdown"]
    ids = [item["id"] for item in fields]
    assert len(ids) == len(set(ids))
    assert any(item.get("validations", {}).get("required") for item in fields)
    for item in fields:
        assert item["type"] in {"input", "textarea", "dropdown", "checkboxes"}
        assert item["attributes"]["label"]
        if item["type"] == "dropdown":
            assert item["attributes"]["options"]


def test_issue_forms_cover_links_content_and_exam_updates() -> None:
    assert [p.name for p in ISSUE_FORMS] == ["broken-link.yml", "content-error.yml", "exam-update.yml"]


def test_pull_request_template_has_a_checklist() -> None:
    template = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    assert template.count("- [ ] ") >= 4
    assert "make test" in template
