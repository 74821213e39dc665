"""Build-time cost of the glossary, and of all hooks on the real site (`make bench`).

1. A synthetic site of 1000 pages and a 1000-term glossary, built with the glossary hook
   (linking, key concepts, glossary page with backlinks) and without it. Target ≤ 1.15×.
2. The real site with every hook listed in mkdocs.yml, and with `hooks:` removed from a
   temporary copy of the config. Target ≤ 1.10×.

Builds run in this process (so Python start-up is not counted), interleaved, and each
figure is the median of the repeats. A script, not a test: timings are never asserted.
"""

from __future__ import annotations

import argparse
import logging
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parents[2]
SYNTHETIC_PAGES = 1000
SYNTHETIC_TERMS = 1000


def timed_build(config_file: Path, site_dir: Path) -> float:
    config = load_config(str(config_file), site_dir=str(site_dir))
    start = time.perf_counter()
    build(config)
    return time.perf_counter() - start


def without_hooks(config_file: Path, dest: Path, only: str | None = None) -> Path:
    """A copy of the config without its `hooks:` list (or without just the hook ``only``)."""
    lines = config_file.read_text(encoding="utf-8").splitlines()
    kept, in_hooks = [], False
    for line in lines:
        if line.startswith("hooks:"):
            in_hooks = True
            if only is None:
                continue
        elif in_hooks and (line.startswith((" ", "-")) or not line.strip()):
            if only is None or line.strip() == f"- {only}":
                continue
        else:
            in_hooks = False
        kept.append(line)
    dest.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return dest


# --- synthetic site --------------------------------------------------------------------------

def _words(rng: random.Random, count: int, letters: str) -> list[str]:
    vowels = "aeiou"
    found: set[str] = set()
    while len(found) < count:
        found.add("".join(rng.choice(letters) + rng.choice(vowels) for _ in range(rng.randint(2, 4))))
    return sorted(found)


def synthetic_glossary(rng: random.Random, vocabulary: list[str]) -> list[dict]:
    """1000 terms of one to three words; every fourth has an exact-case abbreviation."""
    names: set[str] = set()
    terms: list[dict] = []
    while len(terms) < SYNTHETIC_TERMS:
        name = " ".join(rng.sample(vocabulary, rng.randint(1, 3)))
        if name in names:
            continue
        names.add(name)
        term = {
            "id": name.replace(" ", "-"),
            "name": name.capitalize(),
            "definition": " ".join(rng.choices(vocabulary, k=20)).capitalize() + ".",
            "areas": [rng.randint(1, 7)],
        }
        if len(terms) % 4 == 0:
            term["aliases"] = [f"{name[:2].upper()}{len(terms)}"]
        terms.append(term)
    return terms


def synthetic_page(rng: random.Random, prose: list[str], terms: list[dict], number: int) -> str:
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


def make_synthetic_site(dest: Path) -> Path:
    rng = random.Random(220)
    # Prose and term words come from different letters, so only real mentions match.
    prose = _words(rng, 3000, "bdfgklmnprst")
    terms = synthetic_glossary(rng, _words(rng, 1500, "chjvwxyz"))
    for part in ("hooks", "overrides"):  # the config below keeps the theme's custom_dir
        shutil.copytree(ROOT / part, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
    (dest / "data").mkdir(parents=True)
    shutil.copy2(ROOT / "data" / "areas.yml", dest / "data" / "areas.yml")
    shutil.copy2(ROOT / "data" / "exam.yml", dest / "data" / "exam.yml")  # the glossary's doc host
    (dest / "data" / "glossary.yml").write_text(yaml.safe_dump(terms, sort_keys=False), encoding="utf-8")
    docs = dest / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Synthetic site\n", encoding="utf-8")
    (docs / "glossary.md").write_text("# Glossary\n\n<!-- guide:glossary -->\n", encoding="utf-8")
    for number in range(SYNTHETIC_PAGES):
        (docs / f"page-{number:04d}.md").write_text(
            synthetic_page(rng, prose, terms, number), encoding="utf-8"
        )
    # The real site's theme and Markdown extensions; only the glossary hook, no nav.
    real = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config = {
        "site_name": "Glossary benchmark",
        "theme": real["theme"],
        "markdown_extensions": real["markdown_extensions"],
        "plugins": real["plugins"],
        "hooks": ["hooks/glossary.py"],
    }
    with_file = dest / "with-glossary.yml"
    with_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return with_file


def compare(label: str, with_file: Path, without_file: Path, work: Path, repeats: int,
            target: float) -> None:
    timed_build(with_file, work / "warm")  # imports and caches, not counted
    with_times, without_times = [], []
    for run in range(repeats):
        with_times.append(timed_build(with_file, work / f"with-{run}"))
        without_times.append(timed_build(without_file, work / f"without-{run}"))
    on, off = statistics.median(with_times), statistics.median(without_times)
    ratio = on / off
    verdict = "ok" if ratio <= target else "OVER TARGET"
    print(f"{label}\n  with:    {on:7.2f} s  (runs: {', '.join(f'{t:.2f}' for t in with_times)})")
    print(f"  without: {off:7.2f} s  (runs: {', '.join(f'{t:.2f}' for t in without_times)})")
    print(f"  ratio:   {ratio:7.3f}×  (target ≤ {target:.2f}×: {verdict})\n", flush=True)


def bench_synthetic(repeats: int) -> None:
    with tempfile.TemporaryDirectory(prefix="az220-bench-") as tmp:
        work = Path(tmp)
        site = work / "synthetic"
        with_file = make_synthetic_site(site)
        without_file = without_hooks(with_file, site / "without-glossary.yml")
        compare(f"Synthetic site: {SYNTHETIC_PAGES} pages, {SYNTHETIC_TERMS} terms, glossary hook on/off",
                with_file, without_file, work / "out", repeats, 1.15)


def with_last_hook(config_file: Path, hook: Path) -> str:
    """The config's text with ``hook`` appended to its `hooks:` list (so it runs after the others)."""
    lines = config_file.read_text(encoding="utf-8").splitlines()
    start = lines.index("hooks:")
    end = start + 1
    while end < len(lines) and lines[end].startswith(("  - ", "  #")):
        end += 1
    return "\n".join([*lines[:end], f"  - {hook}", *lines[end:]]) + "\n"


CAPTURE_HOOK = """\
from pathlib import Path

OUT = Path({out!r})


def on_page_content(html, page, config, files):
    # By now page.markdown is what every on_page_markdown hook returned.
    target = OUT / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page.markdown, encoding="utf-8")
"""


def expanded_site(work: Path) -> Path:
    """The real site's pages as the hooks leave their Markdown, built with no hooks at all.

    Same generated tables, lists and pages, so comparing it with the real build measures what
    the hooks cost (loading and checking data, term links, backlinks, URL lint, feed) rather than
    the size of the content they add.
    """
    project = work / "expanded"
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    for empty in ("data", "hooks"):  # named by `watch:`
        (project / empty).mkdir()
    hook = work / "capture_hook.py"
    hook.write_text(CAPTURE_HOOK.format(out=str(project / "docs")), encoding="utf-8")
    with tempfile.NamedTemporaryFile("w", dir=ROOT, prefix=".bench-", suffix=".yml") as capture:
        capture.write(with_last_hook(ROOT / "mkdocs.yml", hook))
        capture.flush()
        build(load_config(capture.name, site_dir=str(work / "capture-site")))
    return without_hooks(ROOT / "mkdocs.yml", project / "mkdocs.yml")


def bench_real(repeats: int) -> None:
    with tempfile.TemporaryDirectory(prefix="az220-bench-") as tmp:
        work = Path(tmp)
        # Next to mkdocs.yml, so that its relative paths (docs, watch, extra_css) still hold.
        with tempfile.NamedTemporaryFile(dir=ROOT, prefix=".bench-", suffix=".yml") as no_hooks, \
                tempfile.NamedTemporaryFile(dir=ROOT, prefix=".bench-", suffix=".yml") as no_glossary:
            config = ROOT / "mkdocs.yml"
            compare("Real site: all hooks in mkdocs.yml on/off", config,
                    without_hooks(config, Path(no_hooks.name)), work / "all", repeats, 1.10)
            compare("Real site: glossary hook on/off, the other hooks on", config,
                    without_hooks(config, Path(no_glossary.name), only="hooks/glossary.py"),
                    work / "glossary", repeats, 1.10)
        compare("Real site: all hooks on, versus their Markdown output built with no hooks (hook overhead)",
                config, expanded_site(work), work / "overhead", repeats, 1.10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="interleaved runs of each build")
    parser.add_argument("--only", choices=["synthetic", "real"])
    args = parser.parse_args()
    if args.only is None:
        # One process per site: hooks import the `studyguide` package from their own folder,
        # and Python would keep the first copy it loaded.
        for only, repeats in [("synthetic", args.repeats), ("real", max(args.repeats, 7))]:
            subprocess.run([sys.executable, __file__, "--only", only, "--repeats", str(repeats)],
                           check=True)
        return 0
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    (bench_synthetic if args.only == "synthetic" else bench_real)(args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
