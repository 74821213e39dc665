"""Internal links and anchors of a built site, checked in-process with lxml.

Every HTML file of the site is parsed once; its ids (and ``<a name>`` targets) are collected, then
every internal URL it holds (``<a href>``, ``<link href>``, ``<script src>``, ``<img src>`` and the
like: Markdown, raw HTML, hook output and theme templates alike) is resolved the way a browser
would on the published site (``site_url``), and its file and ``#fragment`` are looked up.

No server, no threads, no subprocess and no change of user: the result depends only on the files.
A directory or file that cannot be read is an error, never an empty site. And every run checks a
canary page with known breaks: if one of them is not reported, the check is off and says so.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html  # type: ignore[import-untyped]  # no lxml-stubs pinned

# Tag -> the attribute holding a URL a visitor follows or the browser fetches.
URL_ATTRIBUTES = {
    "a": "href",
    "area": "href",
    "link": "href",
    "script": "src",
    "img": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "track": "src",
    "iframe": "src",
    "embed": "src",
}
# The HTML standard scrolls to the top for these even without such an id.
ALWAYS_PRESENT_FRAGMENTS = frozenset({"", "top"})
HTML_SUFFIXES = (".html", ".htm")

# The canary: a page checked with the real pages, holding one break of each kind it must find.
CANARY_PAGE = "studyguide-link-check-canary/index.html"
CANARY_DEAD_PAGE = "../studyguide-link-check-canary-no-such-page/"
CANARY_MISSING_ANCHOR = "../#studyguide-link-check-canary-no-such-anchor"  # on the home page, which exists
CANARY_MISSING_FILE = "../studyguide-link-check-canary-no-such-file.png"
CANARY_HTML = (
    "<!doctype html><html><head><title>Link check canary</title></head><body>"
    f'<a href="{CANARY_DEAD_PAGE}">dead page</a>'
    f'<a href="{CANARY_MISSING_ANCHOR}">missing anchor</a>'
    f'<img src="{CANARY_MISSING_FILE}" alt="missing file">'
    "</body></html>"
)


class LinkCheckError(RuntimeError):
    """The check itself could not run, or ran without checking what it must (the canary)."""


@dataclass(frozen=True, order=True)
class Break:
    """One broken internal link: the page holding it, the link as written, what is wrong."""

    page: str  # the page as a site path, e.g. ``glossary/`` (``./`` for the home page)
    link: str
    problem: str

    def __str__(self) -> str:
        return f"{self.page}: {self.link}: {self.problem}"


@dataclass(frozen=True)
class Page:
    """What the check needs from one HTML file: its ids and the URLs it links to."""

    ids: frozenset[str]
    links: tuple[str, ...]
    base: str | None = None  # the page's <base href>, if any


def parse_page(html: bytes) -> Page:
    """The ids and internal-candidate URLs of one HTML document."""
    if not html.strip():
        return Page(ids=frozenset(), links=())
    root = lxml.html.document_fromstring(html)
    ids = {element.get("id") for element in root.iter() if element.get("id") is not None}
    ids |= {a.get("name") for a in root.iter("a") if a.get("name") is not None}
    links = []
    for element in root.iter(*URL_ATTRIBUTES):
        value = element.get(URL_ATTRIBUTES[element.tag])
        if value is not None:
            links.append(value.strip())
    bases = [b.get("href") for b in root.iter("base") if b.get("href")]
    return Page(ids=frozenset(i for i in ids if i is not None), links=tuple(links), base=bases[0] if bases else None)


def site_files(site_dir: Path) -> list[str]:
    """Every file of the site as a POSIX path relative to it; an unreadable directory raises."""
    try:
        found = site_dir.is_dir()
    except OSError as error:  # e.g. a folder on the way that this user may not enter
        raise LinkCheckError(f"cannot read the site: {error}") from error
    if not found:
        raise LinkCheckError(f"{site_dir}: no such site directory (build the site first)")

    def fail(error: OSError) -> None:
        raise LinkCheckError(f"cannot read the site: {error}") from error

    files: list[str] = []
    for folder, _, names in os.walk(site_dir, onerror=fail):
        relative = Path(folder).relative_to(site_dir).as_posix()
        files.extend(posixpath.normpath(posixpath.join(relative, name)) for name in names)
    if "index.html" not in files:
        raise LinkCheckError(f"{site_dir}: no index.html, so this is not a built site")
    return sorted(files)


def read_site(site_dir: Path) -> tuple[frozenset[str], dict[str, Page]]:
    """All files of the site, and every HTML page parsed once."""
    files = site_files(site_dir)
    pages: dict[str, Page] = {}
    for name in files:
        if name.endswith(HTML_SUFFIXES):
            try:
                pages[name] = parse_page((site_dir / name).read_bytes())
            except OSError as error:
                raise LinkCheckError(f"cannot read the site: {error}") from error
    return frozenset(files), pages


def page_label(path: str) -> str:
    """``glossary/index.html`` -> ``glossary/``: the page as its URL says it."""
    if path == "index.html":
        return "./"
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def resolve(page: str, link: str, site_url: str, base: str | None = None) -> tuple[str, str] | str | None:
    """Where ``link`` on ``page`` points inside the site: (file, fragment); None if it is not ours;
    a string if it points outside the site."""
    parts = urlsplit(site_url)
    site_path = parts.path if parts.path.endswith("/") else parts.path + "/"
    origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else "http://site.invalid"
    page_url = urljoin(origin + site_path, page)
    if base:
        page_url = urljoin(page_url, base)
    target = urlsplit(urljoin(page_url, link))
    if f"{target.scheme}://{target.netloc}" != origin:
        return None  # another host, or mailto:, data:, javascript: and the like
    path = unquote(target.path)
    if not (path + "/").startswith(site_path):
        return f"outside the site (resolves to {path})"
    inside = path[len(site_path):]
    if inside == "" or inside.endswith("/"):
        inside += "index.html"
    return posixpath.normpath(inside), unquote(target.fragment)


def find_breaks(files: frozenset[str], pages: Mapping[str, Page], site_url: str) -> list[Break]:
    """Every broken internal link of ``pages``, sorted; ``files`` is every file of the site."""
    breaks = set()
    for name, page in pages.items():
        for link in page.links:
            problem = link_problem(name, link, files, pages, site_url, page.base)
            if problem:
                breaks.add(Break(page_label(name), link, problem))
    return sorted(breaks)


def link_problem(page: str, link: str, files: frozenset[str], pages: Mapping[str, Page], site_url: str,
                 base: str | None = None) -> str | None:
    """What is wrong with ``link`` on ``page``, or None if it resolves (or is not internal)."""
    if not link:
        return "empty link"
    resolved = resolve(page, link, site_url, base)
    if resolved is None:
        return None
    if isinstance(resolved, str):
        return resolved
    target, fragment = resolved
    if target not in files:
        if f"{target}/index.html" in files:
            target = f"{target}/index.html"  # a folder without the slash: the host redirects to it
        else:
            kind = "page" if target.endswith(HTML_SUFFIXES) else "file"
            return f"no such {kind} ({target})"
    if not fragment or target not in pages:
        return None  # a #fragment of a non-HTML file (feed, image) is not an element id
    return anchor_problem(fragment, target, pages[target])


def anchor_problem(fragment: str, target: str, page: Page) -> str | None:
    """None if ``#fragment`` names an element of ``page``."""
    if fragment in page.ids or fragment.lower() in ALWAYS_PRESENT_FRAGMENTS:
        return None
    return f"no anchor #{fragment} on {page_label(target)}"


def canary_breaks() -> set[Break]:
    """What the check must report on the canary page (it is checked with every run)."""
    label = page_label(CANARY_PAGE)
    return {
        Break(label, CANARY_DEAD_PAGE, "no such page (studyguide-link-check-canary-no-such-page/index.html)"),
        Break(label, CANARY_MISSING_ANCHOR, "no anchor #studyguide-link-check-canary-no-such-anchor on ./"),
        Break(label, CANARY_MISSING_FILE, "no such file (studyguide-link-check-canary-no-such-file.png)"),
    }


def verify_canary(breaks: Iterable[Break]) -> None:
    """Raise if a break planted on the canary page went unreported: the check would be off."""
    missing = canary_breaks() - set(breaks)
    kinds = {
        CANARY_DEAD_PAGE: "pages",
        CANARY_MISSING_ANCHOR: "anchors",
        CANARY_MISSING_FILE: "files (images, scripts, stylesheets)",
    }
    if missing:
        what = " or ".join(kinds[b.link] for b in sorted(missing))
        raise LinkCheckError(
            f"the link check is not checking {what}: the canary page's planted breaks went unreported "
            f"({'; '.join(str(b) for b in sorted(missing))})")


def check_site(site_dir: Path, site_url: str) -> list[Break]:
    """Every broken internal link and #anchor of the built site in ``site_dir``, sorted.

    The canary page joins the real pages (parsed by the same function, in memory: the site is never
    written to) and is checked by the same code; a check that misses one of its planted breaks
    raises ``LinkCheckError`` instead of reporting success.
    """
    files, pages = read_site(site_dir)
    if CANARY_PAGE in files:
        raise LinkCheckError(f"{site_dir}: {CANARY_PAGE} exists; the canary needs that name to itself")
    pages = {**pages, CANARY_PAGE: parse_page(CANARY_HTML.encode())}
    breaks = find_breaks(files | {CANARY_PAGE}, pages, site_url)
    verify_canary(breaks)
    canary = page_label(CANARY_PAGE)
    return [b for b in breaks if b.page != canary]
