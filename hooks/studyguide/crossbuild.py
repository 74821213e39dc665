"""Build one guide with MkDocs, ProperDocs and Zensical and compare the builds (``make builders``).

Each builder lives in its own virtual environment, made by the Makefile (the names below are the
Makefile's; tests/test_builders.py checks they agree). MkDocs 1.6 is production; ProperDocs (the
maintained fork of MkDocs 1.6) and Zensical (Material's successor) must produce the same
``<article>`` on every page and the same generated files (studyguide.buildcompare).

    python -m studyguide.crossbuild [--root DIR] [--guide DIR] [--keep DIR]

builds into a temp dir (or ``--keep DIR``), prints each build's time and every difference, and
exits 1 on any difference or failed build.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .buildcompare import Difference, compare

# What a build reads: the rest of the project (venvs, site/, .git) is not copied for Zensical.
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "hooks", "overrides")
# Files that are not pages; the generator writes them before a build, the same for every builder.
GENERATED_FILES = ("feed.xml", "javascripts/study-outline.json")
GENERATOR = "studyguide.generate"


@dataclass(frozen=True)
class Builder:
    name: str  # also the command in the venv's bin/
    venv: str  # relative to the repository root, as named in the Makefile
    stamp: str  # the Makefile target that makes the venv

    def command(self, root: Path) -> Path:
        return root / self.venv / "bin" / self.name

    def python(self, root: Path) -> Path:
        return root / self.venv / "bin" / "python"


MKDOCS = Builder("mkdocs", ".venv", ".venv/.requirements-installed")
PROPERDOCS = Builder("properdocs", ".venv-properdocs", ".venv-properdocs/.requirements-installed")
ZENSICAL = Builder("zensical", ".venv-zensical", ".venv-zensical/.requirements-installed")
BUILDERS = (MKDOCS, PROPERDOCS, ZENSICAL)
REFERENCE = MKDOCS  # production: the others are compared with it


class BuildFailed(Exception):
    def __init__(self, builder: Builder, output: str) -> None:
        super().__init__(f"{builder.name} build failed:\n{output}")
        self.builder = builder


@dataclass(frozen=True)
class Build:
    builder: Builder
    site: Path
    seconds: float  # wall time of the builder's process (and the generator's, for Zensical)


def _run(builder: Builder, args: Sequence[str | Path], cwd: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BuildFailed(builder, done.stdout + done.stderr)


def copy_project(root: Path, dest: Path) -> Path:
    """The parts of the project a build reads, copied into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = root / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


def build(builder: Builder, root: Path, work: Path, guide: Path | None = None) -> Build:
    """Build ``guide`` (default: the one in ``root``) with ``builder``, whose venv is in ``root``,
    under ``work``; returns where the site is.

    MkDocs and ProperDocs build the project in place into ``work/<name>`` (their hook runs the
    generator in on_pre_build). Zensical has no ``--site-dir`` and refuses a ``site_dir`` outside
    the project, and ignores ``hooks:``: it builds a copy of the project, after the generator has
    written the copy's non-page files, into the copy's ``site/`` (its default ``site_dir``).
    """
    guide = guide or root
    start = time.perf_counter()
    if builder is ZENSICAL:
        project = work / f"{builder.name}-project"
        shutil.rmtree(project, ignore_errors=True)  # a kept build from an earlier run
        copy_project(guide, project)
        if importlib.util.find_spec(GENERATOR) is not None:
            _run(builder, [builder.python(root), "-m", GENERATOR, "-f", project / "mkdocs.yml"], project)
        _run(builder, [builder.command(root), "build", "--clean", "--strict", "-f", project / "mkdocs.yml"], project)
        site = project / "site"
    else:
        site = work / builder.name
        # No --quiet: with it MkDocs 1.6 (and ProperDocs) drop warnings before --strict counts them.
        _run(builder, [builder.command(root), "build", "--strict", "-f", guide / "mkdocs.yml", "-d", site], guide)
    if not site.is_dir():
        raise BuildFailed(builder, f"it reported success but wrote no site at {site}")
    return Build(builder, site, time.perf_counter() - start)


def compare_builds(reference: Path, other: Build) -> list[Difference]:
    return compare(reference, other.site, GENERATED_FILES, REFERENCE.name, other.builder.name)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m studyguide.crossbuild", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository, with the venvs")
    parser.add_argument("--guide", type=Path, help="the guide to build (folder of its mkdocs.yml; default: --root)")
    parser.add_argument("--keep", type=Path, help="build here and keep the sites (default: a temp dir)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    guide = (args.guide or args.root).resolve()
    missing = [b for b in BUILDERS if not b.command(root).exists()]
    if missing:
        parser.error("no " + ", ".join(f"{b.command(root)} (make {b.stamp})" for b in missing))
    with tempfile.TemporaryDirectory() as temp:
        work = args.keep.resolve() if args.keep else Path(temp)
        failures = 0
        try:
            builds = [build(b, root, work, guide) for b in BUILDERS]
        except BuildFailed as exc:
            print(exc, file=sys.stderr)
            return 1
        for done in builds:
            print(f"{done.builder.name}: built in {done.seconds:.2f} s -> {done.site}")
        for other in builds[1:]:
            differences = compare_builds(builds[0].site, other)
            for difference in differences:
                print(f"{other.builder.name}: {difference}")
            print(f"{REFERENCE.name} vs {other.builder.name}: "
                  + (f"{len(differences)} difference(s)" if differences else "same"))
            failures += len(differences)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
