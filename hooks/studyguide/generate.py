"""The files a guide needs that are not pages, written before any builder runs.

Every builder renders the pages through the ``studyguide.extension`` Markdown extension, but
some outputs are not pages: the Atom feed of exam updates, the study tools' JSON and the two
theme partials that ``overrides/main.html`` includes (the feed's ``<link>`` and the retirement
banner). Zensical ignores MkDocs hooks, so these are made here, from the builder's own config
file, and written into the docs and theme folders where every builder picks them up:

    python -m studyguide.generate [-f mkdocs.yml] [--check]

MkDocs runs ``generate`` in its ``on_pre_build`` too, so ``mkdocs serve`` stays live. A file is
written only when its bytes change, so a server watching ``docs/`` does not rebuild forever.

The partials are Jinja templates (MkDocs' Jinja2 and Zensical's MiniJinja both render them):
links go through the theme's ``url`` filter, so they stay relative to the page, and every data
value is HTML-escaped with its braces as character references, so data cannot add template code.
"""

from __future__ import annotations

import argparse
import os
import posixpath
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml

from .changelog_feed import atom_feed
from .changelog_render import CHANGELOG_PAGE, FEED_PATH, RETIRED_ANCHOR, long_date
from .datafiles import yaml_error
from .errors import DataError
from .project import DEFAULT_DATA_DIR, DEFAULT_DOCS_DIR, EXTENSION_NAME, Project
from .safe import html_text
from .site import load_site
from .study import STUDY_DATA_URI, build_learner_data, study_data_json

# In the theme's custom_dir; overrides/main.html includes both ("ignore missing").
PARTIALS_DIR = "partials"
HEAD_PARTIAL = "guide-head.html"
ANNOUNCE_PARTIAL = "guide-announce.html"


@dataclass(frozen=True)
class SiteSettings:
    """What the generator needs from a builder's config file."""

    project: Project
    site_name: str
    site_url: str | None  # with a trailing slash, as MkDocs keeps it; None: no feed
    use_directory_urls: bool
    theme_dir: Path | None  # the resolved theme.custom_dir; None: no partials


# --- reading mkdocs.yml ------------------------------------------------------------------------


class _ConfigLoader(yaml.SafeLoader):
    """YAML as a builder reads mkdocs.yml: ``!ENV`` is resolved, Python tags become strings."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``: the first variable set, else the default."""
    default: Any = None
    if isinstance(node, yaml.ScalarNode):
        names = [loader.construct_scalar(node)]
    elif isinstance(node, yaml.SequenceNode):
        items = list(node.value)
        if len(items) > 1:
            default = loader.construct_object(items.pop())
        names = [loader.construct_scalar(item) for item in items]
    else:
        raise yaml.constructor.ConstructorError(
            None, None, "!ENV takes a variable name or a list of them", node.start_mark)
    for name in names:
        value = os.environ.get(str(name))
        if value is not None:  # typed like a plain YAML scalar ("false" is a boolean), as MkDocs does
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


def _python_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> str:
    """``!!python/name:module.attr`` (emoji and highlight options): kept as its name, never imported."""
    return suffix


def _relative_tag(loader: yaml.SafeLoader, node: yaml.Node) -> str | None:
    """MkDocs' ``!relative [$config_dir]`` (a path for another extension): kept as written."""
    return loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_constructor("!relative", _relative_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)


def read_settings(config_file: Path) -> SiteSettings:
    """The settings in ``config_file`` (an ``mkdocs.yml``); a bad config raises DataError naming it."""
    file = str(config_file)
    try:
        text = config_file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8"
        raise DataError(file, "file", f"cannot be read ({reason})") from exc
    try:
        config = yaml.load(text, Loader=_ConfigLoader)  # a SafeLoader: no Python objects
    except yaml.YAMLError as exc:
        raise yaml_error(file, exc) from exc
    if not isinstance(config, dict):
        raise DataError(file, "file", "must be a mapping of settings (site_name: ..., nav: ...)")
    if "INHERIT" in config:
        raise DataError(file, "INHERIT", "is not supported by the generator: write the settings out")

    site_name = config.get("site_name")
    if not isinstance(site_name, str) or not site_name.strip():
        raise DataError(file, "site_name", "is required and must be text")
    root = config_file.resolve().parent
    return SiteSettings(
        project=Project.at(root, _text(config, "docs_dir", DEFAULT_DOCS_DIR, file),
                           _data_dir(config.get("markdown_extensions"), file)),
        site_name=site_name,
        site_url=_site_url(config.get("site_url"), file),
        use_directory_urls=_flag(config, "use_directory_urls", True, file),
        theme_dir=_theme_dir(config.get("theme"), root, file),
    )


def _text(config: Mapping[str, Any], key: str, default: str, file: str) -> str:
    value = config.get(key)
    if value is None:
        return default
    if not isinstance(value, str) or not value.strip():
        raise DataError(file, key, f"must be text (found {value!r})")
    return value


def _flag(config: Mapping[str, Any], key: str, default: bool, file: str) -> bool:
    value = config.get(key)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise DataError(file, key, f"must be true or false (found {value!r})")
    return value


def _site_url(value: object, file: str) -> str | None:
    """None when unset or empty; else an absolute URL ending in "/" (MkDocs adds it too)."""
    if value is None or value == "":
        return None
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or not (parts.scheme and parts.netloc):
        raise DataError(file, "site_url", f"must be an absolute address like https://example.org/guide/ "
                                          f"(found {value!r})")
    return parts.geturl() if parts.path.endswith("/") else parts._replace(path=parts.path + "/").geturl()


def _theme_dir(theme: object, root: Path, file: str) -> Path | None:
    if theme is None or isinstance(theme, str):
        return None
    if not isinstance(theme, dict):
        raise DataError(file, "theme", "must be a theme name or a mapping of theme settings")
    custom_dir = theme.get("custom_dir")
    if custom_dir is None:
        return None
    if not isinstance(custom_dir, str) or not custom_dir.strip():
        raise DataError(file, "theme.custom_dir", f"must be a folder name (found {custom_dir!r})")
    return (root / custom_dir).resolve()


def _data_dir(extensions: object, file: str) -> str:
    """The ``data_dir`` option of the studyguide extension, from a list (or MkDocs' mapping form)."""
    entries: list[tuple[object, object]] = []
    if isinstance(extensions, dict):
        entries = list(extensions.items())
    elif isinstance(extensions, list):
        for item in extensions:
            if isinstance(item, dict) and len(item) == 1:
                entries.append(next(iter(item.items())))
            elif isinstance(item, str):
                entries.append((item, None))
            else:
                raise DataError(file, "markdown_extensions",
                                f"each entry must be a name or a name with its options (found {item!r})")
    elif extensions is not None:
        raise DataError(file, "markdown_extensions", "must be a list of extensions")
    for name, options in entries:
        if name != EXTENSION_NAME:
            continue
        if options is None:
            return DEFAULT_DATA_DIR
        if not isinstance(options, dict):
            raise DataError(file, EXTENSION_NAME, "its options must be a mapping (data_dir: data)")
        return _text(options, "data_dir", DEFAULT_DATA_DIR, file)
    raise DataError(file, "markdown_extensions",
                    f"does not list {EXTENSION_NAME}, so this is not a study guide (add it, with data_dir: data)")


# --- what is generated -------------------------------------------------------------------------


def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """The URL (relative to the site) a builder gives the page ``src_uri``, as MkDocs does."""
    stem, _ = posixpath.splitext(src_uri)
    folder, name = posixpath.split(stem)
    prefix = f"{folder}/" if folder else ""
    if name in ("index", "README"):
        return prefix if use_directory_urls else f"{prefix}index.html"
    return f"{prefix}{name}/" if use_directory_urls else f"{prefix}{name}.html"


def template_text(text: str) -> str:
    """Data text for a Jinja template: HTML-escaped, with ``{`` and ``}`` as character references,
    so no value can open ``{{``, ``{%`` or ``{#`` when the theme renders the partial."""
    return html_text(text).replace("{", "&#123;").replace("}", "&#125;")


def _url_of(target: str) -> str:
    """The theme's ``url`` filter on a fixed site path: relative to the page being rendered."""
    return "{{ '" + target + "' | url }}"


def head_partial(site_name: str, has_feed: bool) -> str:
    """The feed's ``<link rel="alternate">`` for every page's ``<head>``; empty without a feed."""
    if not has_feed:
        return ""
    title = template_text(f"{site_name} — exam updates (Atom)")
    return f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{_url_of(FEED_PATH)}">'


def announce_partial(exam_code: str, retired_on: date | None, changelog_url: str) -> str:
    """The retirement banner's paragraph; empty for an active exam (Material then shows no banner)."""
    if retired_on is None:
        return ""
    return (
        '<p class="az-retired">\n'
        f"    {template_text(exam_code)} was retired on "
        f'<time datetime="{template_text(retired_on.isoformat())}">{template_text(long_date(retired_on))}</time>:\n'
        "    this guide is kept as an archive\n"
        f'    (<a href="{_url_of(changelog_url)}#{RETIRED_ANCHOR}">exam updates</a>).\n'
        "  </p>"
    )


def outputs(settings: SiteSettings) -> dict[Path, bytes]:
    """Every generated file (absolute path) and its bytes; reads the data, writes nothing."""
    project = settings.project
    site = load_site(project)  # every data file checked; DataError lists all problems
    guide, changelog = site.guide, site.changelog
    changelog_url = page_url(CHANGELOG_PAGE, settings.use_directory_urls)
    if not (project.docs_dir / CHANGELOG_PAGE).is_file():
        raise DataError(f"{project.docs_dir.name}/{CHANGELOG_PAGE}", "file",
                        "is missing: the exam updates, their feed and the retirement banner link to it")

    learner = build_learner_data(guide, settings.use_directory_urls)
    found: dict[Path, bytes] = {
        project.docs_dir / STUDY_DATA_URI: study_data_json(guide.areas, guide.outlines, learner).encode("utf-8"),
    }
    if settings.site_url is not None:  # the feed's ids are absolute URLs: no site_url, no feed
        found[project.docs_dir / FEED_PATH] = atom_feed(
            changelog, guide.areas, exam=site.exam, site_name=settings.site_name,
            page_url=urljoin(settings.site_url, changelog_url),
            feed_url=urljoin(settings.site_url, FEED_PATH),
        )
    if settings.theme_dir is not None:
        partials = settings.theme_dir / PARTIALS_DIR
        found[partials / HEAD_PARTIAL] = head_partial(
            settings.site_name, settings.site_url is not None).encode("utf-8")
        found[partials / ANNOUNCE_PARTIAL] = announce_partial(
            site.exam.code, changelog.retired_on, changelog_url).encode("utf-8")
    return found


# --- writing ------------------------------------------------------------------------------------


def stale(settings: SiteSettings) -> list[Path]:
    """The generated files that are missing or differ from what the data gives now."""
    return [path for path, content in outputs(settings).items() if _current(path) != content]


def generate(settings: SiteSettings) -> list[Path]:
    """Write every generated file whose bytes changed (each atomically); returns those written."""
    written = []
    for path, content in outputs(settings).items():
        if _current(path) != content:
            _write_atomically(path, content)
            written.append(path)
    return written


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _write_atomically(path: Path, content: bytes) -> None:
    """A reader (a builder, a watching server) sees the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.chmod(temp, 0o644)  # mkstemp makes it private; these are published files
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# --- command line ---------------------------------------------------------------------------------


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m studyguide.generate",
        description="Write the guide's generated files (feed, study data, theme partials) from its data.",
    )
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                        help="the site's config file (default: mkdocs.yml)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 and list the files that are missing or out of date")
    args = parser.parse_args(argv)
    try:
        settings = read_settings(args.config_file)
        if args.check:
            outdated = stale(settings)
            for path in outdated:
                print(f"out of date: {_shown(path)}", file=sys.stderr)
            if outdated:
                print("run: python -m studyguide.generate", file=sys.stderr)
            return 1 if outdated else 0
        for path in generate(settings):
            print(f"wrote {_shown(path)}")
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
