"""MkDocs hook: changelog page, per-area update notes, outline status, retirement banner, Atom feed.

Thin adapter: everything comes from data/changelog.yml through the ``studyguide`` package.
"""

from __future__ import annotations

from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from studyguide import changelog_render
from studyguide.build_errors import fail_build_on_bad_data
from studyguide.changelog import Changelog
from studyguide.changelog_feed import atom_feed
from studyguide.exam import ExamData, load_exam
from studyguide.guide import Guide, load_guide, load_guide_changelog
from studyguide.markers import expand_markers

log = get_plugin_logger(__name__)


def _data() -> tuple[Guide, Changelog, ExamData]:
    # No module state: the loaders read the files once per change, whichever hook asks first.
    with fail_build_on_bad_data():
        guide = load_guide()
        return guide, load_guide_changelog(), load_exam(guide.data_dir)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _, changelog, exam = _data()
    # Read by overrides/main.html: the banner only exists while the data says "retired".
    config.extra.pop("guide_retirement", None)
    config.extra.pop("guide_feed", None)
    if changelog.retired_on is not None:
        config.extra["guide_retirement"] = {
            "date": changelog.retired_on.isoformat(),
            "text": changelog_render.long_date(changelog.retired_on),
            "changelog": None,  # the page's URL, set in on_files
            "anchor": changelog_render.RETIRED_ANCHOR,
            "exam": exam.code,
        }
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    page = files.get_file_from_path(changelog_render.CHANGELOG_PAGE)
    if page is None:
        raise PluginError(f"docs/{changelog_render.CHANGELOG_PAGE} is missing: the exam updates need it")
    if "guide_retirement" in config.extra:
        config.extra["guide_retirement"]["changelog"] = page.url
    if not config.site_url:
        log.warning("site_url is not set: no Atom feed of exam updates (its entry ids need it)")
        return files
    guide, changelog, exam = _data()
    feed = atom_feed(
        changelog,
        guide.areas,
        exam=exam,
        site_name=config.site_name,
        page_url=urljoin(config.site_url, page.url),
        feed_url=urljoin(config.site_url, changelog_render.FEED_PATH),
    )
    files.append(File.generated(config, changelog_render.FEED_PATH, content=feed))
    config.extra["guide_feed"] = {
        "path": changelog_render.FEED_PATH,
        "title": f"{config.site_name} — exam updates (Atom)",
    }
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    guide, changelog, exam = _data()
    renderers = changelog_render.renderers(changelog, guide.areas, exam, page.file.src_uri)
    return expand_markers(markdown, renderers)
