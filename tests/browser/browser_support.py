"""Fixtures and helpers for the browser tests: the real site served on 127.0.0.1, Debian's
Chromium driven by Playwright, and a record of every request and console error.

Without a Chromium the browser tests are skipped locally, and fail when CI=true.

Not a conftest.py: a second module named ``conftest`` would shadow tests/conftest.py for the
test modules that import helpers from it. The test module imports these fixtures by name.
"""

from __future__ import annotations

import functools
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from studyguide.sitecheck import serve_in_thread

ROOT = Path(__file__).resolve().parents[2]
# Screenshots, axe results and the page-weight record; git-ignored.
REPORTS = ROOT / "reports" / "browser"
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser")
# No background calls to Google services, which would break the no-foreign-request check.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
ENABLE_HINT = "install Debian's chromium (apt-get install chromium) or set CHROMIUM=/path/to/chromium"


def find_chromium() -> str | None:
    """``$CHROMIUM`` if set, else the first Chromium on PATH."""
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class Recorder:
    """Every request, and every console error or uncaught exception, seen in a browser context."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        """Network requests to any host but 127.0.0.1 (data: and blob: URLs are not requests)."""
        return [url for url in self.requests
                if urlsplit(url).scheme in ("http", "https", "ws", "wss")
                and urlsplit(url).hostname != "127.0.0.1"]


def new_context(browser, recorder: Recorder, **options):
    """A fresh browser context (empty storage) whose pages report to ``recorder``."""
    context = browser.new_context(accept_downloads=True, **options)
    context.on("request", lambda request: recorder.requests.append(request.url))

    def watch(page) -> None:
        page.on("console", lambda msg: recorder.errors.append(f"console: {msg.text} ({page.url})")
                if msg.type == "error" else None)
        page.on("pageerror", lambda exc: recorder.errors.append(f"uncaught: {exc} ({page.url})"))

    context.on("page", watch)
    return context


# ---------- Fixtures ----------


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        message = f"browser tests need Chromium and none was found: {ENABLE_HINT}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


class _SiteHandler(SimpleHTTPRequestHandler):
    """Static files, with sitemap.xml's addresses moved from site_url to this server.

    Material's instant navigation only takes over links that sitemap.xml lists, and the sitemap
    holds absolute site_url addresses: on the published site they match the host, here they
    must be rewritten to http://127.0.0.1:<port>/ or every click would be a full page load.
    """

    site_url = ""

    def do_GET(self) -> None:
        if self.path.split("?")[0] != "/sitemap.xml":
            super().do_GET()
            return
        here = f"http://127.0.0.1:{self.server.server_address[1]}/"
        body = (Path(self.directory) / "sitemap.xml").read_text(encoding="utf-8")
        body = body.replace(f"<loc>{self.site_url}", f"<loc>{here}").encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(real_site: Path) -> Iterator[str]:
    """The real build served over HTTP on a free port of 127.0.0.1."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    handler = functools.partial(
        type("Handler", (_SiteHandler,), {"site_url": config["site_url"]}), directory=str(real_site))
    with serve_in_thread(handler) as base_url:
        yield base_url


# One Playwright and one Chromium per test session, kept in the session's stash: each test module
# that imports the `browser` fixture gets its own copy of it, and a second sync Playwright started
# while the first runs fails ("Sync API inside the asyncio loop").
_SESSION_BROWSER = pytest.StashKey[object]()


@pytest.fixture(scope="session")
def browser(chromium_path: str, request: pytest.FixtureRequest):
    from playwright.sync_api import sync_playwright

    stash = request.config.stash
    if _SESSION_BROWSER not in stash:
        playwright = sync_playwright().start()
        launched = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        stash[_SESSION_BROWSER] = launched

        def close() -> None:
            launched.close()
            playwright.stop()

        request.config.add_cleanup(close)
    return stash[_SESSION_BROWSER]


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def context(browser, recorder: Recorder):
    """A fresh context; on teardown, no console error and no request off 127.0.0.1 is allowed."""
    context = new_context(browser, recorder)
    yield context
    context.close()
    assert recorder.errors == [], "console errors"
    assert recorder.foreign_requests() == [], "requests to hosts other than 127.0.0.1"


@pytest.fixture
def page(context):
    return context.new_page()
