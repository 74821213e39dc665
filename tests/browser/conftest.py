"""Browser fixtures: the real site served on 127.0.0.1 and Debian's Chromium driven by Playwright.

Without a Chromium the browser tests are skipped locally, and fail when CI=true.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from browser_support import CHROMIUM_ARGS, ENABLE_HINT, ROOT, Recorder, find_chromium, new_context


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

    def do_GET(self) -> None:  # noqa: N802 (stdlib's name)
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

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib's name)
        pass


@pytest.fixture(scope="session")
def site_url(real_site: Path) -> Iterator[str]:
    """The real build served over HTTP on a free port of 127.0.0.1."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    handler = functools.partial(
        type("Handler", (_SiteHandler,), {"site_url": config["site_url"]}), directory=str(real_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser(chromium_path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


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
