"""Shared fixtures: build the real site once, or a temp copy of the project to break on purpose."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The real guide's data: tests pass it to the loaders, which never guess where data lives.
DATA = ROOT / "data"
# What a build needs; the copy lets a test edit data or pages without touching the repo.
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "hooks", "overrides")


def copy_project(dest: Path) -> Path:
    """Copy the buildable parts of the project into ``dest`` and return it."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def build_site(project: Path, site_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` on ``project``; returns the finished process (check returncode)."""
    site_dir = site_dir or project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(site_dir)],
        capture_output=True, text=True, env=env, check=False,
    )


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session into a temp dir."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = build_site(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site


def reported(message: str, output: str) -> bool:
    """``file: entry: problem`` appears in ``output``, with or without the line (``file:12: …``)."""
    file, _, rest = message.partition(": ")
    return re.search(rf"{re.escape(file)}(?::\d+)?: {re.escape(rest)}", output) is not None
