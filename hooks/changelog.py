"""MkDocs hook: changelog page, per-area update notes, outline status, retirement banner, Atom feed.

Thin adapter: everything comes from data/changelog.yml through the ``az220`` package.
"""

from __future__ import annotations

from urllib.parse import urljoin

from az220 import changelog_render
from az220.build_errors import fail_build_on_bad_data
from az220.changelog import Changelog, load_changelog
from az220.changelog_feed import atom_feed
from az220.datafiles import DATA_DIR
from az220.guide import Guide, load_guide
from az220.markers import expand_markers
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

log = get_plugin_logger(__name__)

CHANGELOG_FILE = "changelog.yml"

# Reset on every build: `mkdocs serve` keeps this module loaded between rebuilds.
_guide: Guide | None = None
_changelog: Changelog | None = None


def on_config(config):
    global _guide, _changelog
    _guide = _changelog = None
    with fail_build_on_bad_data():
        _guide = load_guide()
        _changelog = load_changelog(DATA_DIR / CHANGELOG_FILE, _guide.areas, _guide.outlines)
    # Read by overrides/main.html: the banner only exists while the data says "retired".
    config.extra.pop("az220_retirement", None)
    config.extra.pop("az220_feed", None)
    if _changelog.retired_on is not None:
        config.extra["az220_retirement"] = {
            "date": _changelog.retired_on.isoformat(),
            "text": changelog_render.long_date(_changelog.retired_on),
            "changelog": None,  # the page's URL, set in on_files
            "anchor": changelog_render.RETIRED_ANCHOR,
        }
    return config


def on_files(files, config):
    page = files.get_file_from_path(changelog_render.CHANGELOG_PAGE)
    if page is None:
        raise PluginError(f"docs/{changelog_render.CHANGELOG_PAGE} is missing: the exam updates need it")
    if "az220_retirement" in config.extra:
        config.extra["az220_retirement"]["changelog"] = page.url
    if not config.site_url:
        log.warning("site_url is not set: no Atom feed of exam updates (its entry ids need it)")
        return files
    feed = atom_feed(
        _changelog,
        _guide.areas,
        site_name=config.site_name,
        page_url=urljoin(config.site_url, page.url),
        feed_url=urljoin(config.site_url, changelog_render.FEED_PATH),
    )
    files.append(File.generated(config, changelog_render.FEED_PATH, content=feed))
    config.extra["az220_feed"] = {
        "path": changelog_render.FEED_PATH,
        "title": f"{config.site_name} — exam updates (Atom)",
    }
    return files


def on_page_markdown(markdown, page, config, files):
    renderers = changelog_render.renderers(_changelog, _guide.areas, page.file.src_uri)
    return expand_markers(markdown, renderers)
