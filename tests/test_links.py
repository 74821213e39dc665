"""Internal links and anchors: MkDocs validation (strict) and LinkChecker over HTTP on 127.0.0.1."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from az220.sitecheck import (
    EXTERNAL_CONFIG,
    LinkProblem,
    check_external,
    check_internal,
    issue_body,
    parse_report,
    read_report,
    serve_in_thread,
    serve_site,
    write_report,
)
from conftest import build_site

pytestmark = pytest.mark.build


def _append_to_page(project: Path, src: str, text: str) -> None:
    page = project / "docs" / src
    page.write_text(page.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")


def _inject_html(site: Path, page: str, html: str) -> None:
    path = site / page / "index.html"
    text = path.read_text(encoding="utf-8")
    assert "</article>" in text
    path.write_text(text.replace("</article>", f"{html}</article>", 1), encoding="utf-8")


# --- the real site ------------------------------------------------------------------------------


def test_real_site_has_no_broken_internal_link_or_anchor(real_site: Path) -> None:
    assert check_internal(real_site) == []


def test_server_serves_the_site_on_localhost(real_site: Path) -> None:
    with serve_site(real_site) as base_url:
        assert base_url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(base_url + "glossary/") as response:  # noqa: S310 (our own server)
            assert response.status == 200
            assert response.headers["LinkChecker"]  # lifts LinkChecker's rate limit for this host


# --- LinkChecker on a broken built site (what MkDocs cannot see) --------------------------------


# --- breaks written in Markdown -----------------------------------------------------------------


def test_broken_page_link_fails_the_strict_build(project_copy: Path) -> None:
    _append_to_page(project_copy, "glossary.md", "[Gone](areas/no-such-page.md)")
    result = build_site(project_copy)
    assert result.returncode != 0
    assert "'glossary.md'" in result.stderr and "'areas/no-such-page.md'" in result.stderr


def test_broken_anchor_fails_the_strict_build(project_copy: Path) -> None:
    _append_to_page(project_copy, "glossary.md", "[Bad](changelog.md#no-such-anchor)")
    result = build_site(project_copy)
    assert result.returncode != 0
    assert "'glossary.md'" in result.stderr and "'#no-such-anchor'" in result.stderr


def _add_hook(project: Path, name: str, code: str) -> None:
    (project / "hooks" / f"{name}.py").write_text(code, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("hooks:\n", f"hooks:\n  - hooks/{name}.py\n", 1), encoding="utf-8")


def test_broken_link_emitted_by_a_hook_fails_the_strict_build(project_copy: Path) -> None:
    _add_hook(project_copy, "emit_link", (
        "def on_page_markdown(markdown, page, config, files):\n"
        "    if page.file.src_uri == 'glossary.md':\n"
        "        markdown += '\\n[Generated](changelog.md#no-generated-anchor)\\n'\n"
        "    return markdown\n"))
    result = build_site(project_copy)
    assert result.returncode != 0
    assert "'glossary.md'" in result.stderr and "'#no-generated-anchor'" in result.stderr


def test_linkchecker_names_page_and_link_of_each_break_mkdocs_cannot_see(
    project_copy: Path, tmp_path: Path
) -> None:
    # One build and one LinkChecker run (about half a minute) for three kinds of break at once.
    # Every broken URL differs: LinkChecker reports a URL once, under the first page that links it.
    # 1. Raw HTML in a page: MkDocs does not validate it, so the build passes.
    _append_to_page(project_copy, "glossary.md",
                    '<p><a href="../no-raw-page/">Raw gone</a> '
                    '<a href="../changelog/#no-raw-anchor">Raw anchor</a></p>')
    # 2. HTML emitted by a hook after MkDocs' validation.
    _add_hook(project_copy, "emit_html", (
        "def on_page_content(html, page, config, files):\n"
        "    if page.file.src_uri == 'changelog.md':\n"
        "        html += '<a href=\"../glossary/#no-html-anchor\">From a hook</a>'\n"
        "    return html\n"))
    site = tmp_path / "built"
    result = build_site(project_copy, site)
    assert result.returncode == 0, result.stderr
    # 3. The built HTML itself edited: a dead page, a bad anchor elsewhere and on the same page.
    _inject_html(site, "planner",
                 '<a href="../no-such-page/">gone</a>'
                 '<a href="../changelog/#no-such-anchor">bad anchor</a>'
                 '<a href="#no-such-heading">same page</a>')
    problems = check_internal(site)
    assert {(p.page, p.url, p.text, p.valid) for p in problems} == {
        ("glossary/", "../no-raw-page/", "Raw gone", False),
        ("glossary/", "../changelog/#no-raw-anchor", "Raw anchor", True),
        ("changelog/", "../glossary/#no-html-anchor", "From a hook", True),
        ("planner/", "../no-such-page/", "gone", False),
        ("planner/", "../changelog/#no-such-anchor", "bad anchor", True),
        ("planner/", "#no-such-heading", "same page", True),
    }
    by_text = {p.text: p for p in problems}
    assert by_text["gone"].result.startswith("404")
    assert by_text["bad anchor"].warning.startswith("Anchor `no-such-anchor'")
    assert str(by_text["gone"]) == "planner/: link '../no-such-page/' (gone): 404 File not found"


# --- reading LinkChecker's report (no network, no server) ---------------------------------------

CSV_REPORT = """\
# created by LinkChecker at 2026-01-01 00:00:00+000
urlname;parentname;base;result;warningstring;infostring;valid;url;line;column;name;dltime;size;checktime;cached;level;modified
../gone/;http://127.0.0.1:8000/glossary/;;404 File not found;;;False;http://127.0.0.1:8000/gone/;9;1;Gone;-1;0;0;0;2;
#nope;http://127.0.0.1:8000/glossary/;;200 OK;Anchor `nope' not found.;;True;http://127.0.0.1:8000/glossary/#nope;9;2;Here;0;0;0;0;2;
../ok/;http://127.0.0.1:8000/glossary/;;200 OK;;;True;http://127.0.0.1:8000/ok/;9;3;Fine;0;0;0;0;2;
# Stopped checking at 2026-01-01 00:00:01+000 (1 seconds)
"""


def test_parse_report_keeps_failures_and_warnings_only() -> None:
    assert parse_report(CSV_REPORT, "http://127.0.0.1:8000/") == [
        LinkProblem("glossary/", "../gone/", "Gone", "404 File not found", "", False),
        LinkProblem("glossary/", "#nope", "Here", "200 OK", "Anchor `nope' not found.", True),
    ]


def test_parse_report_names_the_page_without_the_anchor_it_was_reached_by() -> None:
    # The same broken link, found on a page the crawler reached twice: once via "changelog/#x".
    report = CSV_REPORT.replace("http://127.0.0.1:8000/glossary/;;404", "http://127.0.0.1:8000/glossary/#x;;404")
    report = report.replace("../gone/;", "../gone/;http://127.0.0.1:8000/glossary/;;404 File not found;;;False;"
                            "http://127.0.0.1:8000/gone/;9;1;Gone;-1;0;0;0;2;\n../gone/;", 1)
    assert parse_report(report, "http://127.0.0.1:8000/")[0] == (
        LinkProblem("glossary/", "../gone/", "Gone", "404 File not found", "", False)
    )
    assert len(parse_report(report, "http://127.0.0.1:8000/")) == 2


def test_issue_body_lists_dead_links_then_warnings() -> None:
    body = issue_body([
        LinkProblem("areas/03-iot-edge/", "https://example.org/a|b", "A", "404 Not Found", "", False),
        LinkProblem("glossary/", "https://example.org/c#x", "", "200 OK", "Anchor `x' not found.", True),
    ])
    assert "## Dead links (1)\n\n| Page | Link | Text | Problem |\n|---|---|---|---|\n" \
           "| areas/03-iot-edge/ | https://example.org/a\\|b | A | 404 Not Found |\n" in body
    assert "## Warnings (1)\n\n| Page | Link | Text | Problem |\n|---|---|---|---|\n" \
           "| glossary/ | https://example.org/c#x | - | Anchor `x' not found. |\n" in body
    assert body.index("Dead links") < body.index("Warnings")


# --- the external check, offline: a second local server plays the outside world ---------------


class _Remote(BaseHTTPRequestHandler):
    """``/alive`` works, ``/dead`` never does, ``/flaky`` fails only the first time."""

    seen: set[str] = set()

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        first_time = self.path not in self.seen
        self.seen.add(self.path)
        ok = self.path == "/alive" or (self.path == "/flaky" and not first_time)
        self.send_response(200 if ok else 404)
        self.send_header("Content-Type", "text/plain")
        self.send_header("LinkChecker", "test server")
        self.end_headers()
        self.wfile.write(b"ok" if ok else b"missing")

    do_HEAD = do_GET  # noqa: N815

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def remote() -> Iterator[str]:
    _Remote.seen = set()
    with serve_in_thread(_Remote) as base_url:
        yield base_url.rstrip("/")


def test_external_check_reports_dead_links_after_one_retry(remote: str, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        f'<html><body><a href="{remote}/alive">Alive</a> <a href="{remote}/dead">Dead</a> '
        f'<a href="{remote}/flaky">Flaky</a></body></html>', encoding="utf-8")
    # The real settings, only faster: the test servers are ours.
    config = tmp_path / "linkcheckerrc"
    config.write_text(EXTERNAL_CONFIG.read_text(encoding="utf-8").replace(
        "maxrequestspersecond=1\n", "maxrequestspersecond=100\n"), encoding="utf-8")
    problems = check_external(site, retry_after=0, config=config)
    assert problems == [LinkProblem("./", f"{remote}/dead", "Dead", "404 Not Found", "", False)]
    assert _Remote.seen >= {"/alive", "/dead", "/flaky"}

    report = tmp_path / "reports" / "linkcheck-external.csv"
    write_report(problems, report)
    assert read_report(report) == problems
