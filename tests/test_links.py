"""Link checks: MkDocs validation (strict), the in-process internal check of the built site (with its
canary, wherever the site lives and whoever runs it), and LinkChecker for external links."""

from __future__ import annotations

import os
import pickle
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any, ClassVar

import linkcheck
import pytest
import yaml
from conftest import ROOT, build_site, copy_project

from studyguide import sitelinks
from studyguide.sitecheck import (
    EXTERNAL_CONFIG,
    LINKCHECKER_MAIN,
    LinkProblem,
    check_external,
    check_internal,
    issue_body,
    main,
    parse_report,
    read_report,
    serve_in_thread,
    serve_site,
    site_url_of,
    write_report,
)
from studyguide.sitelinks import (
    CANARY_PAGE,
    Break,
    LinkCheckError,
    Page,
    check_site,
    find_breaks,
    parse_page,
    resolve,
    verify_canary,
)

SITE_URL = "https://example.org/guide/"


def _append_to_page(project: Path, src: str, text: str) -> None:
    page = project / "docs" / src
    page.write_text(page.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")


def _add_hook(project: Path, name: str, code: str) -> None:
    (project / "hooks" / f"{name}.py").write_text(code, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("hooks:\n", f"hooks:\n  - hooks/{name}.py\n", 1), encoding="utf-8")


def _write_site(site: Path, pages: dict[str, str]) -> Path:
    for name, text in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    return site


def _breaks(found: list[Break]) -> list[tuple[str, str, str]]:
    return [(b.page, b.link, b.problem) for b in found]


# --- resolving a link the way a browser on the published site does -------------------------------


@pytest.mark.parametrize(("page", "link", "expected"), [
    ("glossary/index.html", "../changelog/", ("changelog/index.html", "")),
    ("glossary/index.html", "../changelog/#exam-retired", ("changelog/index.html", "exam-retired")),
    ("glossary/index.html", "#iot-hub", ("glossary/index.html", "iot-hub")),
    ("glossary/index.html", "", ("glossary/index.html", "")),
    ("index.html", "areas/01-x/", ("areas/01-x/index.html", "")),
    ("index.html", "feed.xml?v=2#top", ("feed.xml", "top")),
    ("index.html", "caf%C3%A9/#d%C3%A9j%C3%A0", ("café/index.html", "déjà")),
    ("404.html", "/guide/.", ("index.html", "")),
    ("404.html", "/guide/glossary/#x", ("glossary/index.html", "x")),
    ("404.html", "https://example.org/guide/planner/", ("planner/index.html", "")),
    ("404.html", "/guide", ("index.html", "")),
    ("404.html", "/elsewhere/", "outside the site (resolves to /elsewhere/)"),
    ("a/index.html", "../../../../x/", "outside the site (resolves to /x/)"),
    ("index.html", "https://learn.microsoft.com/en-us/azure/iot-hub/", None),
    ("index.html", "http://example.org/guide/", None),  # another scheme is another origin
    ("index.html", "//cdn.example.com/x.js", None),
    ("index.html", "mailto:someone@example.org", None),
    ("index.html", "javascript:void(0)", None),
    ("index.html", "data:image/png;base64,AAAA", None),
])
def test_resolve(page: str, link: str, expected: object) -> None:
    assert resolve(page, link, SITE_URL) == expected


def test_resolve_without_a_site_url_treats_the_site_as_the_root() -> None:
    assert resolve("a/index.html", "/b/#c", "") == ("b/index.html", "c")
    assert resolve("a/index.html", "https://example.org/", "") is None


def test_resolve_honours_base_href() -> None:
    assert resolve("a/index.html", "c/", SITE_URL, base="../b/") == ("b/c/index.html", "")


def test_parse_page_collects_ids_names_and_every_url_attribute() -> None:
    page = parse_page(
        b'<html><head><link rel="stylesheet" href="s.css"><script src="j.js"></script>'
        b'<base href="x/"></head><body id="top-level"><h2 id="one">One</h2><a name="two"></a>'
        b'<a href=" ../p/ ">p</a><a>no href</a><img src="i.png"><map><area href="m/"></map>'
        b'<iframe src="f.html"></iframe><video src="v.mp4"><source src="s.webm"><track src="t.vtt"></video>'
        b'<audio src="a.ogg"></audio><embed src="e.svg"></body></html>')
    assert page.ids == {"top-level", "one", "two"}
    assert sorted(page.links) == sorted(["s.css", "j.js", "../p/", "i.png", "m/", "f.html", "v.mp4", "s.webm",
                                         "t.vtt", "a.ogg", "e.svg"])
    assert page.base == "x/"


def test_parse_page_of_an_empty_file() -> None:
    assert parse_page(b"  \n") == Page(ids=frozenset(), links=())


# --- finding breaks in a small site --------------------------------------------------------------

SMALL_SITE = {
    "index.html": '<h1 id="home">Home</h1><a href="a/">A</a><a href="a/#part">A part</a><a href="#top">top</a>'
                  '<a href="#">empty</a><a href="a">no slash</a><a href="feed.xml#x">feed</a>'
                  '<link rel="stylesheet" href="style.css"><a href="https://elsewhere.example/#nope">out</a>',
    "a/index.html": '<h2 id="part">Part</h2><a href="../">home</a><a href="../#home">home heading</a>'
                    '<a href="#part">here</a><img src="../style.css">',
    "feed.xml": "<feed/>",
    "style.css": "body {}",
}


def test_a_site_whose_links_all_resolve_has_no_breaks(tmp_path: Path) -> None:
    assert check_site(_write_site(tmp_path, SMALL_SITE), SITE_URL) == []


def test_every_kind_of_break_is_reported_sorted_with_page_and_link(tmp_path: Path) -> None:
    site = _write_site(tmp_path, {
        **SMALL_SITE,
        "b/index.html": '<a href="../gone/">g</a><a href="#nowhere">n</a><a href="../a/#missing">m</a>'
                        '<img src="../pic.png"><script src="/guide/app.js"></script><a href="/other/">o</a>'
                        '<a href="../gone/">the same link twice is one break</a><a href="../page.html">h</a>',
    })
    found = check_site(site, SITE_URL)
    assert _breaks(found) == [
        ("b/", "#nowhere", "no anchor #nowhere on b/"),
        ("b/", "../a/#missing", "no anchor #missing on a/"),
        ("b/", "../gone/", "no such page (gone/index.html)"),
        ("b/", "../page.html", "no such page (page.html)"),
        ("b/", "../pic.png", "no such file (pic.png)"),
        ("b/", "/guide/app.js", "no such file (app.js)"),
        ("b/", "/other/", "outside the site (resolves to /other/)"),
    ]
    assert str(found[0]) == "b/: #nowhere: no anchor #nowhere on b/"


def test_an_empty_href_is_a_break(tmp_path: Path) -> None:
    site = _write_site(tmp_path, {**SMALL_SITE, "c.html": '<a href="">nothing</a>'})
    assert _breaks(check_site(site, SITE_URL)) == [("c.html", "", "empty link")]


def test_the_home_page_is_named_dot_slash(tmp_path: Path) -> None:
    site = _write_site(tmp_path, {**SMALL_SITE, "index.html": SMALL_SITE["index.html"] + '<a href="#x">x</a>'})
    assert _breaks(check_site(site, SITE_URL)) == [("./", "#x", "no anchor #x on ./")]


def test_a_missing_site_or_one_without_a_home_page_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LinkCheckError, match="no such site directory"):
        check_site(tmp_path / "nope", SITE_URL)
    _write_site(tmp_path, {"a/index.html": "<p>no home</p>"})
    with pytest.raises(LinkCheckError, match=r"no index\.html, so this is not a built site"):
        check_site(tmp_path, SITE_URL)


def test_a_site_page_where_the_canary_lives_is_an_error(tmp_path: Path) -> None:
    site = _write_site(tmp_path, {**SMALL_SITE, CANARY_PAGE: "<p>mine</p>"})
    with pytest.raises(LinkCheckError, match="the canary needs that name"):
        check_site(site, SITE_URL)


# --- the canary: a check that is off must fail, never pass ---------------------------------------


def test_the_canary_is_checked_and_then_left_out_of_the_report(tmp_path: Path) -> None:
    site = _write_site(tmp_path, SMALL_SITE)
    files, pages = sitelinks.read_site(site)
    pages = {**pages, CANARY_PAGE: parse_page(sitelinks.CANARY_HTML.encode())}
    assert set(find_breaks(files | {CANARY_PAGE}, pages, SITE_URL)) == sitelinks.canary_breaks()
    assert check_site(site, SITE_URL) == []


@pytest.mark.parametrize(("dropped", "message"), [
    ("no anchor", "the link check is not checking anchors"),
    ("no such page", "the link check is not checking pages"),
    ("no such file", "the link check is not checking files"),
])
def test_verify_canary_names_what_is_not_checked(dropped: str, message: str) -> None:
    kept = [b for b in sitelinks.canary_breaks() if not b.problem.startswith(dropped)]
    with pytest.raises(LinkCheckError, match=message):
        verify_canary(kept)
    verify_canary(sitelinks.canary_breaks())  # all there: no error


def test_a_check_with_anchors_switched_off_fails_on_the_canary(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # The failure the issue reports: anchors silently not checked. Here the check must refuse to pass.
    monkeypatch.setattr(sitelinks, "anchor_problem", lambda fragment, target, page: None)
    with pytest.raises(LinkCheckError, match=r"^the link check is not checking anchors:"):
        check_site(_write_site(tmp_path, SMALL_SITE), SITE_URL)


def test_a_check_that_finds_no_dead_pages_fails_on_the_canary(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    real = sitelinks.link_problem

    def pages_off(*args: Any, **kwargs: Any) -> str | None:
        problem = real(*args, **kwargs)
        return None if problem and problem.startswith("no such page") else problem

    monkeypatch.setattr(sitelinks, "link_problem", pages_off)
    with pytest.raises(LinkCheckError, match=r"^the link check is not checking pages:"):
        check_site(_write_site(tmp_path, SMALL_SITE), SITE_URL)


# --- the command line (what `make linkcheck` runs) -----------------------------------------------


def test_main_internal_prints_each_break_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = _write_site(tmp_path, {**SMALL_SITE, "c.html": '<a href="gone/">g</a><a href="#x">x</a>'})
    assert main(["internal", str(site), "--site-url", SITE_URL]) == 1
    out, err = capsys.readouterr()
    assert out == "c.html: #x: no anchor #x on c.html\nc.html: gone/: no such page (gone/index.html)\n"
    assert err == "2 broken internal links\n"


def test_main_internal_exits_0_on_a_sound_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["internal", str(_write_site(tmp_path, SMALL_SITE)), "--site-url", SITE_URL]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "canary" in err


def test_main_internal_exits_2_when_the_check_cannot_run(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["internal", str(tmp_path / "nope"), "--site-url", SITE_URL]) == 2
    assert capsys.readouterr().err.startswith("error: ")


def test_site_url_comes_from_mkdocs_yml() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert site_url_of() == config["site_url"]


# --- the real site, wherever it lives and whoever checks it --------------------------------------
# The issue this answers: run as root with the checkout in a private (mode 0700) `mktemp -d` folder,
# the old LinkChecker-based check switched to `nobody`, could not load its anchor plugin and passed
# with every anchor unchecked. These tests build nothing new: they copy the real site into fresh
# `mkdtemp` folders (mode 0700, like `mktemp -d`; or made world-readable) and check it there.

# Breaks planted in the built HTML: (page file, where to insert, HTML). Each differs from the others.
PLANTED = [
    ("planner/index.html", "</article>", '<a href="../no-such-page/">gone</a>'),
    ("planner/index.html", "</article>", '<a href="#no-such-heading">same page</a>'),
    ("planner/index.html", "</article>", '<a href="../changelog/#no-such-anchor">other page</a>'),
    ("planner/index.html", "</article>", '<img src="../assets/no-such-image.png" alt="">'),
    ("glossary/index.html", "</head>", '<link rel="stylesheet" href="../assets/no-such.css">'),
    ("glossary/index.html", "</body>", '<script src="../no-such.js"></script>'),
    ("404.html", "</body>", '<a href="/az220-study-guide/no-such-root-page/">root-relative</a>'),
]
PLANTED_BREAKS = [
    ("404.html", "/az220-study-guide/no-such-root-page/", "no such page (no-such-root-page/index.html)"),
    ("glossary/", "../assets/no-such.css", "no such file (assets/no-such.css)"),
    ("glossary/", "../no-such.js", "no such file (no-such.js)"),
    ("planner/", "#no-such-heading", "no anchor #no-such-heading on planner/"),
    ("planner/", "../assets/no-such-image.png", "no such file (assets/no-such-image.png)"),
    ("planner/", "../changelog/#no-such-anchor", "no anchor #no-such-anchor on changelog/"),
    ("planner/", "../no-such-page/", "no such page (no-such-page/index.html)"),
]


def _plant_breaks(site: Path) -> None:
    for page, marker, html in PLANTED:
        path = site / page
        text = path.read_text(encoding="utf-8")
        assert marker in text, (page, marker)
        path.write_text(text.replace(marker, html + marker, 1), encoding="utf-8")


@pytest.fixture
def private_dir() -> Iterator[Path]:
    """A fresh folder of mode 0700, as `mktemp -d` makes (tmp_path's parents are private too)."""
    folder = Path(tempfile.mkdtemp(prefix="az220-links-"))
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    yield folder
    folder.chmod(0o700)
    shutil.rmtree(folder)


@pytest.fixture
def public_dir(private_dir: Path) -> Path:
    """The same, made world-readable (/tmp itself is world-readable)."""
    private_dir.chmod(0o755)
    return private_dir


def _copy_site(real_site: Path, folder: Path, *, broken: bool) -> Path:
    site = folder / "site"
    shutil.copytree(real_site, site)
    if broken:
        _plant_breaks(site)
    if stat.S_IMODE(folder.stat().st_mode) & 0o005:  # a world-readable folder: make its contents so too
        for path in [site, *site.rglob("*")]:
            path.chmod(path.stat().st_mode | stat.S_IROTH | (stat.S_IXOTH if path.is_dir() else 0))
    return site


def _as_another_user(function: Callable[..., Any], *args: Any) -> Any:
    """Call ``function`` in a forked child as `nobody` (we are root) or as ourselves (we are not:
    then we already are a user without privileges). Returns its result, or raises its error as
    LinkCheckError. The child needs no file access to run Python: every module is already loaded."""
    if os.geteuid() != 0:
        return function(*args)
    nobody = pwd.getpwnam("nobody")
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop to nobody, run, send the outcome, exit without pytest's clean-up
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            try:
                outcome: tuple[str, Any] = ("result", function(*args))
            except Exception as error:
                outcome = ("error", f"{type(error).__name__}: {error}")
            with os.fdopen(write_end, "wb") as out:
                pickle.dump(outcome, out)
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as answer:
        data = answer.read()
    os.waitpid(pid, 0)
    kind, value = pickle.loads(data)
    if kind == "error":
        raise LinkCheckError(value)
    return value


@pytest.mark.build
def test_the_real_site_has_no_broken_internal_link_anchor_or_asset(real_site: Path) -> None:
    assert check_internal(real_site) == []


@pytest.mark.build
@pytest.mark.parametrize("mode", ["private", "world-readable"])
def test_the_check_passes_and_catches_every_break_as_this_user(
    real_site: Path, private_dir: Path, mode: str
) -> None:
    # As the user running the tests: root here and in CI.
    if mode == "world-readable":
        private_dir.chmod(0o755)
    assert check_internal(_copy_site(real_site, private_dir / "ok", broken=False)) == []
    assert _breaks(check_internal(_copy_site(real_site, private_dir / "broken", broken=True))) == PLANTED_BREAKS


@pytest.mark.build
def test_the_check_passes_and_catches_every_break_as_a_user_without_privileges(
    real_site: Path, public_dir: Path
) -> None:
    site_url = site_url_of()  # read before the fork: nobody may not be able to read mkdocs.yml
    check_internal(real_site, site_url)  # loads every module the child will need
    sound = _copy_site(real_site, public_dir / "ok", broken=False)
    broken = _copy_site(real_site, public_dir / "broken", broken=True)
    assert _as_another_user(check_site, sound, site_url) == []
    assert _breaks(_as_another_user(check_site, broken, site_url)) == PLANTED_BREAKS


@pytest.mark.build
def test_a_site_the_checking_user_cannot_read_fails_loudly(real_site: Path, private_dir: Path) -> None:
    # What made the old check pass silently: a user that cannot read the site. Now it is an error.
    site_url = site_url_of()
    check_internal(real_site, site_url)
    site = _copy_site(real_site, private_dir, broken=True)
    if os.geteuid() != 0:
        private_dir.chmod(0)  # the owner is locked out too (root would not be)
    with pytest.raises(LinkCheckError, match="cannot read the site"):
        _as_another_user(check_site, site, site_url)


@pytest.mark.build
def test_a_checkout_in_a_private_folder_catches_raw_html_and_hook_links(private_dir: Path) -> None:
    # The issue's set-up: the whole project in a `mktemp -d` folder, built there and checked by the
    # command `make linkcheck` runs, as root. MkDocs does not see links in raw HTML or in HTML a hook
    # emits after its validation, so the build passes and the link check must catch them.
    project = copy_project(private_dir / "p")
    _append_to_page(project, "glossary.md",
                    '<p><a href="../no-raw-page/">Raw gone</a> '
                    '<a href="../changelog/#no-raw-anchor">Raw anchor</a></p>')
    _add_hook(project, "emit_html", (
        "def on_page_content(html, page, config, files):\n"
        "    if page.file.src_uri == 'changelog.md':\n"
        "        html += '<a href=\"../glossary/#no-html-anchor\">From a hook</a>'\n"
        "    return html\n"))
    site = private_dir / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    check = subprocess.run(
        [sys.executable, "-m", "studyguide.sitecheck", "internal", str(site)], cwd=project,
        env={**os.environ, "PYTHONPATH": str(project / "hooks")}, capture_output=True, text=True, check=False)
    assert check.returncode == 1, check.stderr
    assert check.stdout.splitlines() == [
        "changelog/: ../glossary/#no-html-anchor: no anchor #no-html-anchor on glossary/",
        "glossary/: ../changelog/#no-raw-anchor: no anchor #no-raw-anchor on changelog/",
        "glossary/: ../no-raw-page/: no such page (no-raw-page/index.html)",
    ]
    assert check.stderr == "3 broken internal links\n"


# --- breaks MkDocs itself catches (strict build) -------------------------------------------------


@pytest.mark.build
def test_broken_page_link_fails_the_strict_build(project_copy: Path) -> None:
    _append_to_page(project_copy, "glossary.md", "[Gone](areas/no-such-page.md)")
    result = build_site(project_copy)
    assert result.returncode != 0
    assert "'glossary.md'" in result.stderr and "'areas/no-such-page.md'" in result.stderr


@pytest.mark.build
def test_broken_anchor_fails_the_strict_build(project_copy: Path) -> None:
    _append_to_page(project_copy, "glossary.md", "[Bad](changelog.md#no-such-anchor)")
    result = build_site(project_copy)
    assert result.returncode != 0
    assert "'glossary.md'" in result.stderr and "'#no-such-anchor'" in result.stderr


@pytest.mark.build
def test_broken_link_emitted_by_a_hook_fails_the_strict_build(project_copy: Path) -> None:
    _add_hook(project_copy, "emit_link", (
        "def on_page_markdown(markdown, page, config, files):\n"
        "    if page.file.src_uri == 'glossary.md':\n"
        "        markdown += '\\n[Generated](changelog.md#no-generated-anchor)\\n'\n"
        "    return markdown\n"))
    result = build_site(project_copy)
    assert result.returncode != 0
    assert "'glossary.md'" in result.stderr and "'#no-generated-anchor'" in result.stderr


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

    seen: ClassVar[set[str]] = set()

    def do_GET(self) -> None:
        first_time = self.path not in self.seen
        self.seen.add(self.path)
        ok = self.path == "/alive" or (self.path == "/flaky" and not first_time)
        self.send_response(200 if ok else 404)
        self.send_header("Content-Type", "text/plain")
        self.send_header("LinkChecker", "test server")
        self.end_headers()
        self.wfile.write(b"ok" if ok else b"missing")

    do_HEAD = do_GET

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def remote() -> Iterator[str]:
    _Remote.seen = set()
    with serve_in_thread(_Remote) as base_url:
        yield base_url.rstrip("/")


def _fast_config(tmp_path: Path, drop: str = "") -> Path:
    """The real external settings, only faster (the test servers are ours); ``drop`` removes a line."""
    config = tmp_path / "linkcheckerrc"
    text = EXTERNAL_CONFIG.read_text(encoding="utf-8").replace("maxrequestspersecond=1\n", "maxrequestspersecond=100\n")
    if drop:
        assert f"\n{drop}\n" in text
        text = text.replace(f"\n{drop}\n", "\n")
    config.write_text(text, encoding="utf-8")
    return config


def _remote_site(tmp_path: Path, remote: str) -> Path:
    return _write_site(tmp_path / "site", {"index.html": (
        f'<html><body><a href="{remote}/alive">Alive</a> <a href="{remote}/dead">Dead</a> '
        f'<a href="{remote}/flaky">Flaky</a></body></html>')})


def test_server_serves_the_site_and_the_canary_on_localhost(tmp_path: Path) -> None:
    site = _write_site(tmp_path, {"glossary/index.html": "<p>terms</p>"})
    with serve_site(site) as base_url:
        assert base_url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(base_url + "glossary/") as response:
            assert response.status == 200
            assert response.headers["LinkChecker"]  # lifts LinkChecker's rate limit for this host
        with urllib.request.urlopen(base_url + sitelinks.page_label(CANARY_PAGE)) as response:
            assert response.read().decode() == sitelinks.CANARY_HTML
    assert not (site / CANARY_PAGE).exists()  # served, never written into the site


def test_external_check_reports_dead_links_after_one_retry(remote: str, tmp_path: Path) -> None:
    problems = check_external(_remote_site(tmp_path, remote), retry_after=0, config=_fast_config(tmp_path))
    # The canary's planted breaks were reported by LinkChecker (else this raises) and are left out.
    assert problems == [LinkProblem("./", f"{remote}/dead", "Dead", "404 Not Found", "", False)]
    assert _Remote.seen >= {"/alive", "/dead", "/flaky"}

    report = tmp_path / "reports" / "linkcheck-external.csv"
    write_report(problems, report)
    assert read_report(report) == problems


def test_external_check_without_anchor_checking_fails_on_the_canary(remote: str, tmp_path: Path) -> None:
    # LinkChecker with AnchorCheck off, as it silently was when it ran as `nobody`: never a pass.
    config = _fast_config(tmp_path, drop="[AnchorCheck]")
    with pytest.raises(LinkCheckError, match=r"^the link check is not checking anchors:"):
        check_external(_remote_site(tmp_path, remote), retry_after=0, config=config)


def test_main_external_exits_2_and_leaves_no_report_when_the_check_is_off(
    remote: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A stale report from an earlier run must not be taken for this run's by the weekly workflow.
    report = tmp_path / "reports" / "old.csv"
    write_report([], report)
    site, config = _remote_site(tmp_path, remote), _fast_config(tmp_path, drop="[AnchorCheck]")
    assert main(["external", str(site), "--report", str(report), "--retry-after", "0", "--config", str(config)]) == 2
    assert not report.exists()
    assert "error: the link check is not checking anchors" in capsys.readouterr().err


def test_linkchecker_keeps_the_user_and_checks_anchors_when_installed_in_a_private_folder(
    tmp_path: Path, private_dir: Path
) -> None:
    # The issue's cause, reproduced: LinkChecker installed inside a mode-0700 folder (a checkout's
    # .venv in `mktemp -d`). Its own entry point switches root to `nobody`, who cannot load its
    # plugins from there, so the missing anchor goes unreported. Ours keeps the user and reports it.
    shutil.copytree(Path(linkcheck.__file__).parent, private_dir / "linkcheck",
                    ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": f"{private_dir}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    where = subprocess.run([sys.executable, "-c", "import linkcheck; print(linkcheck.__file__)"], env=env,
                           capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(private_dir))
    site = _write_site(tmp_path / "site", {"index.html": '<a href="#nope">x</a>'})
    with serve_site(site) as base_url:
        def run(*command: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run([sys.executable, *command, "--no-status", "-f", str(_fast_config(tmp_path)),
                                   base_url], env=env, capture_output=True, text=True, check=False)
        ours, theirs = run("-c", LINKCHECKER_MAIN), run("-m", "linkcheck")
    assert ours.returncode == 1 and "Anchor `nope'" in ours.stdout, ours.stderr
    assert "dropping privileges" not in ours.stderr
    if os.geteuid() == 0:  # the control: as root, LinkChecker's own entry point loses the anchor check
        assert "dropping privileges by changing user to nobody" in theirs.stderr
        assert theirs.returncode == 0 and "Anchor" not in theirs.stdout


def test_the_weekly_workflow_fails_when_the_check_leaves_no_report() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "linkcheck-external.yml").read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    guard = [s for s in job["steps"] if s.get("if") == "always() && hashFiles('reports/linkcheck-external.csv') == ''"]
    assert len(guard) == 1 and "exit 1" in guard[0]["run"]
