"""The site's link checks: internal links in-process, external links with LinkChecker.

- ``python -m studyguide.sitecheck internal SITE_DIR``: every internal link, asset and #anchor of the built
  site, walked with lxml (studyguide.sitelinks; ``make linkcheck``, and the tests in ``make test``).
- ``python -m studyguide.sitecheck external SITE_DIR --report reports/linkcheck-external.csv``: every
  external link, live, with LinkChecker over the site served on 127.0.0.1 and one retry of the
  failures (``make linkcheck-external``, weekly in CI).
- ``python -m studyguide.sitecheck issue REPORT``: the report as Markdown, for the weekly GitHub issue.

Both checks plant a canary (a page with a dead link and a missing anchor) and fail loudly if it goes
unreported: a check that is off must never look like a check that passed.
"""

from __future__ import annotations

import argparse
import csv
import functools
import io
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import astuple, dataclass, fields
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from studyguide.sitelinks import (
    CANARY_DEAD_PAGE,
    CANARY_HTML,
    CANARY_MISSING_ANCHOR,
    CANARY_PAGE,
    Break,
    LinkCheckError,
    check_site,
    page_label,
)

ROOT = Path(__file__).resolve().parents[2]
MKDOCS_CONFIG = ROOT / "mkdocs.yml"
EXTERNAL_CONFIG = ROOT / "linkcheckerrc-external"
COMMENT_LINE = re.compile(r"^# [^;\n]*\n?", re.MULTILINE)
CANARY_URL_PATH = "/" + page_label(CANARY_PAGE)

# LinkChecker, started so that it keeps the user it was started as. Run as root, LinkChecker switches
# its effective user to `nobody` (drop_privileges() in linkcheck/command/linkchecker.py; no option
# turns this off). As `nobody` it cannot read a checkout in a private (mode 0700) folder, so its
# plugins, AnchorCheck among them, fail to load without a word and every anchor "passes". The
# hasattr guard makes a LinkChecker upgrade that renames the function fail instead of dropping again.
LINKCHECKER_MAIN = (
    "import sys\n"
    "from linkcheck.command import linkchecker as cli\n"
    "if not hasattr(cli, 'drop_privileges'):\n"
    "    sys.exit('studyguide.sitecheck: this LinkChecker has no drop_privileges(); review LINKCHECKER_MAIN')\n"
    "cli.drop_privileges = lambda: None\n"
    "sys.argv[0] = 'linkchecker'\n"
    "cli.linkchecker()\n"
)


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serve the site quietly, plus the canary page (never written into the site); the
    ``LinkChecker`` header lifts LinkChecker's 10 requests/s limit for this host (ours, local)."""

    def do_GET(self) -> None:
        if self.path.split("?", 1)[0] != CANARY_URL_PATH:
            super().do_GET()
            return
        body = CANARY_HTML.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_in_thread(handler: Callable[..., BaseHTTPRequestHandler]) -> Iterator[str]:
    """Run an HTTP server on a free port of 127.0.0.1 in a thread; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def serve_site(site_dir: Path) -> Iterator[str]:
    """Serve ``site_dir`` on a free port of 127.0.0.1 in a thread; yields the base URL."""
    with serve_in_thread(functools.partial(_SiteHandler, directory=str(site_dir))) as base_url:
        yield base_url


@dataclass(frozen=True)
class LinkProblem:
    """One broken link: where it is, what it points at, what is wrong."""

    page: str  # the page holding the link (site path, e.g. ``areas/03-iot-edge/``), or "" for a start URL
    url: str  # the link as written in the page
    text: str  # the link text
    result: str  # LinkChecker's result, e.g. ``404 File not found``
    warning: str  # e.g. ``Anchor `x' (decoded: `x') not found.``
    valid: bool  # False: the target is missing; True with a warning: e.g. a missing anchor

    def __str__(self) -> str:
        where = self.page or "(start)"
        # LinkChecker lists every anchor of the page after a missing one; the page is enough.
        why = self.warning.split(" Available anchors:")[0] if self.valid else self.result
        return f"{where}: link {self.url!r} ({self.text or 'no text'}): {why}"


def parse_report(csv_text: str, base_url: str = "") -> list[LinkProblem]:
    """LinkChecker's CSV output (``-o csv``) as problems; pages are made relative to ``base_url``."""
    # LinkChecker wraps the table in "# ..." comment lines; a row can start with "#" too (href="#x").
    start = csv_text.find("urlname;")
    table = COMMENT_LINE.sub("", csv_text[start:]) if start >= 0 else ""
    problems = []
    for row in csv.DictReader(io.StringIO(table), delimiter=";"):
        valid = row["valid"] == "True"
        warning = " ".join(row["warningstring"].split())
        if valid and not warning:
            continue
        # The crawler may reach a page through a link with an anchor; the page is what to report.
        page = row["parentname"].split("#", 1)[0]
        if base_url and page.startswith(base_url):
            page = page[len(base_url):] or "./"
        problem = LinkProblem(page=page, url=row["urlname"], text=row["name"], result=row["result"],
                              warning=warning, valid=valid)
        if problem not in problems:
            problems.append(problem)
    return problems


def run_linkchecker(urls: Sequence[str], config: Path, *extra: str,
                    stdin: str | None = None) -> tuple[int, str]:
    """Run LinkChecker (this interpreter's) with CSV on stdout; returns (exit code, CSV text).

    Exit code 0: no problem; 1: broken links or warnings; 2: LinkChecker itself failed.
    """
    # LinkChecker reads one config file (the last -f wins), so each mode has a whole one.
    command = [sys.executable, "-c", LINKCHECKER_MAIN, "--no-status", "-o", "csv/utf-8", "-f", str(config),
               *extra, *urls]
    process = subprocess.run(command, input=stdin, capture_output=True, text=True, encoding="utf-8", check=False)
    if process.returncode not in (0, 1):
        raise RuntimeError(f"linkchecker failed ({process.returncode}): {process.stderr.strip()}")
    return process.returncode, process.stdout


def site_url_of(config_file: Path = MKDOCS_CONFIG) -> str:
    """The ``site_url`` of an MkDocs config: root-relative links of the built site start with its path."""
    with config_file.open(encoding="utf-8") as source:
        return str(yaml_load(source).get("site_url") or "")


def check_internal(site_dir: Path, site_url: str | None = None) -> list[Break]:
    """Every broken internal link, asset or #anchor of the built site in ``site_dir``, sorted."""
    return check_site(site_dir, site_url_of() if site_url is None else site_url)


def without_canary(problems: Sequence[LinkProblem]) -> list[LinkProblem]:
    """LinkChecker's problems minus the canary's, after checking that the canary's are there."""
    canary = page_label(CANARY_PAGE)
    found = {p.url: p for p in problems if p.page == canary}
    dead = found.get(CANARY_DEAD_PAGE)
    anchor = found.get(CANARY_MISSING_ANCHOR)
    missing = []
    if dead is None or dead.valid:
        missing.append("pages")
    if anchor is None or not anchor.valid or "anchor" not in anchor.warning.lower():
        missing.append("anchors")
    if missing:
        raise LinkCheckError(
            f"the link check is not checking {' or '.join(missing)}: LinkChecker did not report the canary's "
            f"planted breaks ({CANARY_DEAD_PAGE}, {CANARY_MISSING_ANCHOR} on {canary})")
    return [p for p in problems if p.page != canary]


def check_external(site_dir: Path, retry_after: float = 60.0, config: Path = EXTERNAL_CONFIG) -> list[LinkProblem]:
    """Every link of the site, external ones live; a dead link counts only if it fails twice.

    The canary page is a second start URL: if LinkChecker does not report its dead page and missing
    anchor, it is not checking them anywhere, and this raises ``LinkCheckError``.
    """
    with serve_site(site_dir) as base_url:
        _, report = run_linkchecker([base_url, base_url.rstrip("/") + CANARY_URL_PATH], config)
    problems = without_canary(parse_report(report, base_url))
    failed = {p.url for p in problems if not p.valid and p.url.startswith(("https://", "http://"))}
    if not failed:
        return problems
    # Servers have bad minutes: check the dead ones once more, alone, before reporting them.
    time.sleep(retry_after)
    _, recheck = run_linkchecker([], config, "--stdin", "--recursion-level", "0", stdin="\n".join(sorted(failed)))
    still_failing = {p.url for p in parse_report(recheck) if not p.valid}
    return [p for p in problems if p.url not in failed or p.url in still_failing]


REPORT_FIELDS = [f.name for f in fields(LinkProblem)]


def write_report(problems: Sequence[LinkProblem], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(REPORT_FIELDS)
        writer.writerows(astuple(p) for p in problems)


def read_report(path: Path) -> list[LinkProblem]:
    with path.open(encoding="utf-8", newline="") as report:
        return [LinkProblem(page=row["page"], url=row["url"], text=row["text"], result=row["result"],
                            warning=row["warning"], valid=row["valid"] == "True")
                for row in csv.DictReader(report)]


def issue_body(problems: Sequence[LinkProblem]) -> str:
    """Markdown for the weekly issue: dead links first, then warnings, each with the page to fix."""
    dead = [p for p in problems if not p.valid]
    warned = [p for p in problems if p.valid]
    out = io.StringIO()
    out.write("The weekly external link check found links to fix. Each row names the page and the link;\n"
              "CONTRIBUTING.md explains how to fix one. This issue is updated by the next run.\n\n")
    for title, rows, column in (("Dead links", dead, "result"), ("Warnings", warned, "warning")):
        if not rows:
            continue
        out.write(f"## {title} ({len(rows)})\n\n| Page | Link | Text | Problem |\n|---|---|---|---|\n")
        for p in rows:
            cells = [p.page or "-", p.url, p.text or "-", getattr(p, column)]
            out.write("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |\n")
        out.write("\n")
    return out.getvalue()


def report_internal(breaks: Sequence[Break]) -> int:
    """Print every break (``page: link: problem``), then a summary; the exit code for ``main``."""
    for found in breaks:
        print(found)
    print(f"{len(breaks)} broken internal links" if breaks
          else "every internal link, asset and #anchor resolves (and the canary's planted breaks were caught)",
          file=sys.stderr)
    return 1 if breaks else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m studyguide.sitecheck", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    internal = sub.add_parser("internal", help="internal links and anchors (no network)")
    internal.add_argument("site_dir", type=Path)
    internal.add_argument("--site-url", help="the site_url it was built with (default: from mkdocs.yml)")
    external = sub.add_parser("external", help="external links, live")
    external.add_argument("site_dir", type=Path)
    external.add_argument("--report", type=Path, required=True)
    external.add_argument("--retry-after", type=float, default=60.0, help="seconds before the retry")
    external.add_argument("--config", type=Path, default=EXTERNAL_CONFIG, help="LinkChecker's settings")
    issue = sub.add_parser("issue", help="a report as Markdown for a GitHub issue")
    issue.add_argument("report", type=Path)
    args = parser.parse_args(argv)

    if args.command == "issue":
        sys.stdout.write(issue_body(read_report(args.report)))
        return 0
    if args.command == "external":
        args.report.unlink(missing_ok=True)  # a stale report must not pass for this run's
    try:
        if args.command == "internal":
            return report_internal(check_internal(args.site_dir, args.site_url))
        problems = check_external(args.site_dir, args.retry_after, args.config)
    except LinkCheckError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    write_report(problems, args.report)
    for problem in problems:
        print(problem)
    dead = sum(not p.valid for p in problems)
    print(f"{dead} dead external links, {len(problems) - dead} warnings; report: {args.report}", file=sys.stderr)
    return 1 if dead else 0


if __name__ == "__main__":
    sys.exit(main())
