"""Build cost of the generator (`make bench`): the site with it, against the same Markdown without it.

"With the generator" is the project's own config: the ``studyguide.extension`` Markdown extension
and the MkDocs hook(s) under ``hooks:``. "Without" is a copy of the project whose pages are
already the Markdown the extension makes of them (markers expanded by the package's own
``expand_page``) and whose config has neither the extension nor any hook. So both builds turn
the same Markdown into the same pages; the ratio is what the generator costs (loading and
checking data, term links and backlinks, the URL lint, generated files), not the size of the
content it adds.

1. The real site, built in this process (`build(load_config(...))`, so Python start-up and
   imports are not counted; the package's caches are emptied before each build, so data is
   loaded as in a fresh build): target ≤ 1.10×. The same with caches kept (a `mkdocs serve`
   rebuild) is printed for information.
2. The real site as whole `mkdocs build` processes (start-up, imports, config): target ≤ 1.20×.
3. A synthetic site: the real guide plus 1000 pages and 1000 more glossary terms: target ≤ 1.15×.

With and without alternate, every figure is the median of the rounds, as wall time and as CPU
time (steadier when other work shares the machine). A script, not a test: timings are never
asserted.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from studyguide.extension import expand_page
from studyguide.project import EXTENSION_NAME, Project
from studyguide.site import load_site

ROOT = Path(__file__).resolve().parents[2]
SYNTHETIC_PAGES = 1000
SYNTHETIC_TERMS = 1000
TARGET_IN_PROCESS = 1.10
TARGET_PROCESS = 1.20
TARGET_SYNTHETIC = 1.15


# --- reading and writing a builder config, whatever its shape --------------------------------


class _Tagged:
    """A YAML value under a tag the safe loader does not know (``!ENV``, ``!!python/name:``), kept as written."""

    def __init__(self, tag: str, node: yaml.Node) -> None:
        self.tag, self.node = tag, node


class _ConfigLoader(yaml.SafeLoader):
    pass


class _ConfigDumper(yaml.SafeDumper):
    pass


def _keep_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    return _Tagged(node.tag, node)


_ConfigLoader.add_multi_constructor("!", _keep_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _keep_tag)
_ConfigDumper.add_representer(_Tagged, lambda dumper, value: value.node)


def read_config(config_file: Path) -> dict[str, Any]:
    loaded = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # a SafeLoader subclass
    return loaded if isinstance(loaded, dict) else {}


def write_config(config: dict[str, Any], dest: Path) -> Path:
    dest.write_text(yaml.dump(config, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return dest


def _extension_name(entry: Any) -> str:
    return next(iter(entry)) if isinstance(entry, dict) and len(entry) == 1 else str(entry)


def without_generator(config: dict[str, Any]) -> dict[str, Any]:
    """The config with no ``studyguide.extension`` among its Markdown extensions and no ``hooks:``."""
    stripped = {key: value for key, value in config.items() if key != "hooks"}
    stripped["markdown_extensions"] = [entry for entry in config.get("markdown_extensions") or []
                                       if _extension_name(entry) != EXTENSION_NAME]
    return stripped


def data_dir_option(config: dict[str, Any]) -> str:
    for entry in config.get("markdown_extensions") or []:
        if _extension_name(entry) == EXTENSION_NAME and isinstance(entry, dict):
            options = entry[EXTENSION_NAME] or {}
            return str(options.get("data_dir", "data"))
    return "data"


# --- the site without the generator ----------------------------------------------------------


def expanded_site(config_file: Path, dest: Path) -> Path:
    """A copy of the project in ``config_file``'s folder, pages expanded, config without the generator.

    Returns the copy's config file. Pages are expanded exactly as the extension's preprocessor
    expands them; what the generator adds on the tree (term links, backlinks, rel) is its cost.
    """
    root = config_file.parent
    config = read_config(config_file)
    project = Project.at(root, config.get("docs_dir", "docs"), data_dir_option(config))
    site = load_site(project)
    docs = dest / "docs"
    shutil.copytree(project.docs_dir, docs)
    for page in sorted(docs.rglob("*.md")):
        src = page.relative_to(docs).as_posix()
        page.write_text(expand_page(site, src, page.read_text(encoding="utf-8")), encoding="utf-8")
    theme = config.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    if custom_dir:
        shutil.copytree(root / custom_dir, dest / custom_dir)
    for watched in config.get("watch") or []:  # MkDocs wants each watched path to exist
        (dest / str(watched)).mkdir(parents=True, exist_ok=True)
    stripped = without_generator(config)
    stripped["docs_dir"] = "docs"
    return write_config(stripped, dest / "mkdocs.yml")


# --- timing --------------------------------------------------------------------------------------


def forget_caches() -> None:
    """Empty the package's caches (loaded data, the pages' term mentions): each build starts cold,
    as `mkdocs build` does. Modules stay imported: that is start-up, which in-process excludes."""
    for name, module in list(sys.modules.items()):
        if name == "studyguide" or name.startswith("studyguide."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


class Timing(NamedTuple):
    wall: float
    cpu: float  # this process's (or the child's) CPU seconds: steadier than wall time on a busy machine


def build_in_process(config_file: Path, site_dir: Path, cold: bool = True) -> Timing:
    # Not strict: a generated file another step writes (the feed) is no part of what is timed.
    config = load_config(str(config_file), site_dir=str(site_dir), strict=False)
    start, start_cpu = time.perf_counter(), time.process_time()
    if cold:
        forget_caches()
    build(config)
    return Timing(time.perf_counter() - start, time.process_time() - start_cpu)


def rebuild_in_process(config_file: Path, site_dir: Path) -> Timing:
    """A `mkdocs serve` rebuild after a page edit: data and other pages' mentions still cached."""
    return build_in_process(config_file, site_dir, cold=False)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build_process(config_file: Path, site_dir: Path) -> Timing:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    start, start_cpu = time.perf_counter(), _children_cpu()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--no-strict", "--quiet", "-f", str(config_file),
                    "-d", str(site_dir)], check=True, env=env, stdout=subprocess.DEVNULL)
    return Timing(time.perf_counter() - start, _children_cpu() - start_cpu)


def compare(label: str, timer: Callable[[Path, Path], Timing], on: Path, off: Path, work: Path,
            rounds: int, target: float) -> float:
    """Print the medians of both builds and their ratio (wall and CPU); returns the wall-time ratio."""
    timer(on, work / "warm-on")  # imports, caches and the generator's files: not counted
    timer(off, work / "warm-off")
    on_times, off_times = [], []
    for run in range(rounds):
        on_times.append(timer(on, work / f"on-{run}"))
        off_times.append(timer(off, work / f"off-{run}"))
    print(label)
    ratios = {}
    for kind in ("wall", "cpu"):
        with_generator = statistics.median(getattr(t, kind) for t in on_times)
        without = statistics.median(getattr(t, kind) for t in off_times)
        ratios[kind] = ratio = with_generator / without
        verdict = "ok" if ratio <= target else "OVER TARGET"
        print(f"  {kind:4}  with the generator {with_generator:6.2f} s, without {without:6.2f} s: "
              f"{ratio:5.3f}× (target ≤ {target:.2f}×: {verdict})")
        print(f"        runs with: {', '.join(f'{getattr(t, kind):.2f}' for t in on_times)};"
              f"  without: {', '.join(f'{getattr(t, kind):.2f}' for t in off_times)}")
    print(flush=True)
    return ratios["wall"]


# --- synthetic site ------------------------------------------------------------------------------


def _words(rng: random.Random, count: int, letters: str) -> list[str]:
    vowels = "aeiou"
    found: set[str] = set()
    while len(found) < count:
        found.add("".join(rng.choice(letters) + rng.choice(vowels) for _ in range(rng.randint(2, 4))))
    return sorted(found)


def synthetic_glossary(rng: random.Random, vocabulary: list[str], areas: list[int]) -> list[dict[str, Any]]:
    """SYNTHETIC_TERMS terms of one to three words; every fourth has an exact-case abbreviation."""
    names: set[str] = set()
    terms: list[dict[str, Any]] = []
    while len(terms) < SYNTHETIC_TERMS:
        name = " ".join(rng.sample(vocabulary, rng.randint(1, 3)))
        if name in names:
            continue
        names.add(name)
        term: dict[str, Any] = {
            "id": name.replace(" ", "-"),
            "name": name.capitalize(),
            "definition": " ".join(rng.choices(vocabulary, k=20)).capitalize() + ".",
            "areas": [rng.choice(areas)],
        }
        if len(terms) % 4 == 0:
            term["aliases"] = [f"{name[:2].upper()}{len(terms)}"]
        terms.append(term)
    return terms


def synthetic_page(rng: random.Random, prose: list[str], terms: list[dict[str, Any]], number: int) -> str:
    """About 600 words: headings, paragraphs, lists, code spans, links, ~30 term mentions."""

    def sentence() -> str:
        words = rng.choices(prose, k=rng.randint(10, 18))
        for _ in range(rng.randint(0, 2)):  # some mentions are plurals or abbreviations
            term = rng.choice(terms)
            mention = term["name"].lower() + ("s" if rng.random() < 0.2 else "")
            if "aliases" in term and rng.random() < 0.5:
                mention = term["aliases"][0]
            words.insert(rng.randrange(len(words) + 1), mention)
        return " ".join(words).capitalize() + "."

    parts = [f"# Page {number}\n"]
    for section in range(4):
        parts.append(f"## Section {section} {rng.choice(terms)['name']}\n")
        parts.append(" ".join(sentence() for _ in range(5)) + "\n")
        parts.append("\n".join(f"- {sentence()} `{rng.choice(prose)}`" for _ in range(3)) + "\n")
        parts.append(f"See [the overview](https://learn.microsoft.com/en-us/azure/iot-hub/) and "
                     f"*{rng.choice(terms)['name']}*.\n")
    return "\n".join(parts)


def make_synthetic_site(dest: Path, config_file: Path = ROOT / "mkdocs.yml") -> Path:
    """The real guide plus SYNTHETIC_PAGES pages under docs/synthetic/ and SYNTHETIC_TERMS more terms.

    Returns its config: the real one (generator included), without a nav so that every page is built.
    """
    root = config_file.parent
    config = read_config(config_file)
    shutil.copytree(root / config.get("docs_dir", "docs"), dest / "docs")
    data = data_dir_option(config)
    shutil.copytree(root / data, dest / data)
    for hook in config.get("hooks") or []:
        (dest / str(hook)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / str(hook), dest / str(hook))
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        shutil.copytree(root / theme["custom_dir"], dest / theme["custom_dir"])
    for watched in config.get("watch") or []:
        (dest / str(watched)).mkdir(parents=True, exist_ok=True)

    rng = random.Random(220)
    # Prose and term words come from different letters, so only real mentions match.
    prose = _words(rng, 3000, "bdfgklmnprst")
    areas = [area["number"] for area in yaml.safe_load((dest / data / "areas.yml").read_text(encoding="utf-8"))]
    terms = synthetic_glossary(rng, _words(rng, 1500, "chjvwxyz"), areas)
    glossary = dest / data / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n"
                        + yaml.safe_dump(terms, sort_keys=False), encoding="utf-8")
    pages = dest / "docs" / "synthetic"
    pages.mkdir()
    for number in range(SYNTHETIC_PAGES):
        (pages / f"page-{number:04d}.md").write_text(synthetic_page(rng, prose, terms, number), encoding="utf-8")
    synthetic = {key: value for key, value in config.items() if key != "nav"}
    synthetic["site_name"] = "Synthetic study guide"
    synthetic.pop("validation", None)  # pages outside a nav are the point here, not a finding
    return write_config(synthetic, dest / "mkdocs.yml")


# --- the runs --------------------------------------------------------------------------------------


def bench_real(rounds: int, process_rounds: int) -> None:
    config = ROOT / "mkdocs.yml"
    with tempfile.TemporaryDirectory(prefix="studyguide-bench-") as tmp:
        work = Path(tmp)
        off = expanded_site(config, work / "expanded")
        compare("Real site, in-process builds", build_in_process, config, off, work / "in", rounds,
                TARGET_IN_PROCESS)
        compare("Real site, whole `mkdocs build` processes", build_process, config, off, work / "process",
                process_rounds, TARGET_PROCESS)
        compare("For information: real site, in-process with the package's caches kept (as `mkdocs serve`)",
                rebuild_in_process, config, off, work / "warm", rounds, TARGET_IN_PROCESS)


def bench_synthetic(rounds: int) -> None:
    with tempfile.TemporaryDirectory(prefix="studyguide-bench-") as tmp:
        work = Path(tmp)
        on = make_synthetic_site(work / "synthetic")
        off = expanded_site(on, work / "expanded")
        compare(f"Synthetic site: the real guide + {SYNTHETIC_PAGES} pages, + {SYNTHETIC_TERMS} terms, in-process",
                build_in_process, on, off, work / "out", rounds, TARGET_SYNTHETIC)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="alternating with/without rounds of the real site")
    parser.add_argument("--process-rounds", type=int, default=5, help="rounds of whole mkdocs processes")
    parser.add_argument("--synthetic-rounds", type=int, default=3, help="rounds of the synthetic site")
    parser.add_argument("--only", choices=["real", "synthetic"])
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    if args.only in (None, "real"):
        bench_real(args.rounds, args.process_rounds)
    if args.only in (None, "synthetic"):
        bench_synthetic(args.synthetic_rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
