"""Helpers for the browser tests: finding Chromium, launching it quietly, recording what pages do."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

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
