"""Check the links of a built site with LinkChecker, served over HTTP on 127.0.0.1.

Over http:// (not file://) LinkChecker's AnchorCheck can check ``page/#anchor`` on directory URLs.

- ``python -m az220.sitecheck internal SITE_DIR``: every internal link and anchor (``make linkcheck``,
  and the tests in ``make test``); external URLs get a syntax check only.
- ``python -m az220.sitecheck external SITE_DIR --report reports/linkcheck-external.csv``: every
  external link, live, with one retry of the failures (``make linkcheck-external``, weekly in CI).
- ``python -m az220.sitecheck issue REPORT``: the report as Markdown, for the weekly GitHub issue.
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

ROOT = Path(__file__).resolve().parents[2]
INTERNAL_CONFIG = ROOT / "linkcheckerrc"
EXTERNAL_CONFIG = ROOT / "linkcheckerrc-external"
COMMENT_LINE = re.compile(r"^# [^;\n]*\n?", re.MULTILINE)


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serve the site quietly; the ``LinkChecker`` header lifts LinkChecker's 10 requests/s limit
    for this host (it is ours and local)."""

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (base class's name)
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
    command = [sys.executable, "-m", "linkcheck", "--no-status", "-o", "csv/utf-8", "-f", str(config), *extra, *urls]
    process = subprocess.run(command, input=stdin, capture_output=True, text=True, encoding="utf-8", check=False)
    if process.returncode not in (0, 1):
        raise RuntimeError(f"linkchecker failed ({process.returncode}): {process.stderr.strip()}")
    return process.returncode, process.stdout


def check_internal(site_dir: Path, config: Path = INTERNAL_CONFIG) -> list[LinkProblem]:
    """Every broken internal link or #anchor of the built site in ``site_dir``."""
    with serve_site(site_dir) as base_url:
        code, report = run_linkchecker([base_url], config)
    problems = parse_report(report, base_url)
    if code and not problems:
        raise RuntimeError(f"linkchecker reported failure without a broken link:\n{report}")
    return problems


def check_external(site_dir: Path, retry_after: float = 60.0, config: Path = EXTERNAL_CONFIG) -> list[LinkProblem]:
    """Every link of the site, external ones live; a dead link counts only if it fails twice."""
    with serve_site(site_dir) as base_url:
        _, report = run_linkchecker([base_url], config)
    problems = parse_report(report, base_url)
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
        return [LinkProblem(**{**row, "valid": row["valid"] == "True"}) for row in csv.DictReader(report)]


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m az220.sitecheck", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    internal = sub.add_parser("internal", help="internal links and anchors (no network)")
    internal.add_argument("site_dir", type=Path)
    external = sub.add_parser("external", help="external links, live")
    external.add_argument("site_dir", type=Path)
    external.add_argument("--report", type=Path, required=True)
    external.add_argument("--retry-after", type=float, default=60.0, help="seconds before the retry")
    issue = sub.add_parser("issue", help="a report as Markdown for a GitHub issue")
    issue.add_argument("report", type=Path)
    args = parser.parse_args(argv)

    if args.command == "issue":
        sys.stdout.write(issue_body(read_report(args.report)))
        return 0
    if args.command == "internal":
        problems = check_internal(args.site_dir)
        for problem in problems:
            print(problem)
        print(f"{len(problems)} broken internal links" if problems else "all internal links and anchors resolve",
              file=sys.stderr)
        return 1 if problems else 0
    problems = check_external(args.site_dir, args.retry_after)
    write_report(problems, args.report)
    for problem in problems:
        print(problem)
    dead = sum(not p.valid for p in problems)
    print(f"{dead} dead external links, {len(problems) - dead} warnings; report: {args.report}", file=sys.stderr)
    return 1 if dead else 0


if __name__ == "__main__":
    sys.exit(main())
