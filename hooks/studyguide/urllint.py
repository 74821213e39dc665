"""Offline lint for the external URLs in docs/**/*.md and data/*.yml (no network).

Each rule catches a fault found in the upstream guide: tracking parameters, a query after the
#fragment, a query pasted twice, a corrupted YouTube id, link text naming a different exam than
the target, two modules sharing one URL, a retired documentation host. The hosts and the exam-code
pattern come from ``studyguide.exam`` (data/exam.yml).

Pages are linted on the tree of their real render (``UrlLintTreeprocessor``, registered by
``studyguide.extension``), so the lint sees exactly the links the builder writes, with the site's
own Markdown extensions. ``make lint-urls`` (``python -m studyguide.urllint``) lints the data files,
which need no render.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qs, parse_qsl, unquote, urlsplit

import lxml.html  # type: ignore[import-untyped]  # no lxml-stubs pinned
from markdown import Markdown, util
from markdown.treeprocessors import Treeprocessor

from .datafiles import DATA_FILES, decode_utf8, parse_data
from .errors import DataError, Loc, Problem
from .exam import ExamData, load_exam

# Rule name -> what it demands; the names appear in every finding.
RULES: dict[str, str] = {
    "unparsable": "the URL must parse",
    "whitespace": "no spaces or other whitespace inside a URL",
    "not-https": "external links use https://",
    "no-host": "an external URL names a host",
    "legacy-host": "the current documentation host, not a retired one (data/exam.yml: legacy_hosts)",
    "query-after-fragment": "the ?query comes before the #fragment",
    "repeated-query": "one ? per URL: a second ? starts a pasted-in copy of the query",
    "duplicate-parameter": "each query parameter appears once",
    "tracking-parameter": "no tracking parameters (wt.mc_id, utm_*, ...)",
    "youtube-id": "a YouTube video id is 11 characters of A-Z a-z 0-9 _ -",
    "exam-code-mismatch": "an exam code in the link text matches the one in the target",
    "shared-url": "two modules (or two learning paths) never share one URL",
}

# Lower-cased parameter names (and prefixes) that only track the reader.
TRACKING_PARAMETERS = frozenset(
    {"wt.mc_id", "mc_id", "ocid", "gclid", "fbclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_hsenc",
     "_hsmi", "yclid", "dclid", "mkt_tok"}
)
TRACKING_PREFIXES = ("utm_",)
YOUTUBE_HOSTS = frozenset({"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com",
                           "www.youtube-nocookie.com"})
# Lists of a data file whose entries each need their own URL: each module of a learning path is a
# different page, and a learning path listed twice would sit in two skill areas.
UNIQUE_URL_GROUPS = frozenset({"modules", "learning_paths"})
YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")

# After inline parsing (20) has made the links, before the raw HTML stash is emptied (a postprocessor).
PRIORITY = 3
# What Python-Markdown's inline parser leaves in element text: raw HTML and entities it stashed,
# and backslash-escaped characters (STX code ETX).
_ESCAPED = re.compile(f"{util.STX}([0-9]+){util.ETX}")
_STASHED = re.compile(f"{util.STX}wzxhzdk:([0-9]+){util.ETX}")


@dataclass(frozen=True)
class UrlRules:
    """What the rules need to know about the exam (data/exam.yml): retired hosts and exam codes."""

    legacy_hosts: frozenset[str]
    doc_host: str  # where a legacy host's pages moved
    exam_code: re.Pattern[str]  # groups: the code's letters and its number


def url_rules(exam: ExamData) -> UrlRules:
    return UrlRules(frozenset(exam.legacy_hosts), exam.doc_host, exam.exam_code)


@dataclass(frozen=True)
class Link:
    """An external link as written in a source file."""

    url: str
    text: str
    line: int
    # For data files: the list the entry sits in ("modules", "skills", ...), for the shared-url rule.
    group: str = ""


@dataclass(frozen=True)
class Finding:
    file: str
    line: int  # 0: the URL is not written in the file (a page's marker rendered it from data)
    url: str
    rule: str
    detail: str

    def __str__(self) -> str:
        return str(self.problem())

    def problem(self) -> Problem:
        """The finding as a build problem: ``file:line: rule: detail: url``."""
        where = "" if self.line else " (rendered from data/ by a marker)"
        return Problem(self.file, self.rule, f"{self.detail}: {self.url}{where}", self.line or None)


def is_external(url: str) -> bool:
    """Whether a link leaves the site: http(s) or protocol-relative, whatever the scheme's case."""
    return url.strip().lower().startswith(("http://", "https://", "//"))


def is_tracking_parameter(name: str) -> bool:
    key = name.lower()
    return key in TRACKING_PARAMETERS or key.startswith(TRACKING_PREFIXES)


def tracking_parameters(url: str) -> list[str]:
    """Names of the URL's tracking parameters, wherever they sit (a stray ? or # included)."""
    parts = urlsplit(url)
    after_fragment = parts.fragment.split("?", 1)[1] if "?" in parts.fragment else ""
    return [n for n in _parameters(parts.query) + _parameters(after_fragment) if is_tracking_parameter(n)]


def _parameters(query: str) -> list[str]:
    """Parameter names of a query, also those after a stray second ``?`` (``a=1?wt.mc_id=x``)."""
    if not query:  # most links have none; parse_qsl is not free
        return []
    return [name.strip() for part in query.split("?")
            for name, _ in parse_qsl(part, keep_blank_values=True) if name.strip()]


def exam_codes(text: str, rules: UrlRules) -> set[str]:
    """Exam codes named in ``text``, normalised to ``XY-123`` (letters, hyphen, number)."""
    pattern = rules.exam_code
    return {f"{prefix.upper()}-{number}" for prefix, number in pattern.findall(unquote(text))}


def check_url(url: str, text: str, rules: UrlRules) -> list[tuple[str, str]]:
    """Problems of one external URL as ``(rule, detail)`` pairs; empty when it is well-formed.

    ``text`` is the link text (or the data entry's name), for the exam-code rule. ``rules``
    default to the project's own exam (data/exam.yml).
    """
    return list(_check_url(url, text, rules))


# A site links one page from many (an area page, the home page, the print page): check it once.
@lru_cache(maxsize=4096)
def _check_url(url: str, text: str, rules: UrlRules) -> tuple[tuple[str, str], ...]:
    problems: list[tuple[str, str]] = []
    if any(ch.isspace() for ch in url):
        problems.append(("whitespace", "the URL contains whitespace"))
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
    except ValueError as exc:
        return (*problems, ("unparsable", str(exc)))

    if parts.scheme.lower() != "https":
        problems.append(("not-https", f"scheme is {parts.scheme or 'missing'}:, use https:"))
    if not host:
        problems.append(("no-host", "no host name after //"))
    if host in rules.legacy_hosts:
        problems.append(("legacy-host", f"{host} is retired; use {rules.doc_host}"))

    # urlsplit puts everything after the first # into the fragment, a misplaced ?query too.
    fragment_query = ""
    if "?" in parts.fragment:
        fragment_query = parts.fragment.split("?", 1)[1]
        problems.append(("query-after-fragment", f"?{fragment_query} follows #{parts.fragment.split('?')[0]}"))
    if "?" in parts.query:
        problems.append(("repeated-query", "a second ? inside the query"))

    names = _parameters(parts.query) + _parameters(fragment_query)
    seen: set[str] = set()
    for name in names:
        key = name.lower()
        if key in seen:
            problems.append(("duplicate-parameter", f"{name} appears more than once"))
        seen.add(key)
        if is_tracking_parameter(name):
            problems.append(("tracking-parameter", f"{name} only tracks the reader; remove it"))

    video = _youtube_video_id(host, parts.path, parts.query)
    if video is not None and not YOUTUBE_ID.fullmatch(video):
        problems.append(("youtube-id", f"video id {video!r} is not 11 characters of [A-Za-z0-9_-]"))

    named = exam_codes(text, rules)
    targeted = exam_codes(f"{host}{parts.path}?{parts.query}", rules)
    if named and targeted and not named & targeted:
        problems.append(("exam-code-mismatch",
                         f"link text names {', '.join(sorted(named))} but the target names "
                         f"{', '.join(sorted(targeted))}"))
    # One finding per rule and detail, in order.
    return tuple(dict.fromkeys(problems))


def _youtube_video_id(host: str, path: str, query: str) -> str | None:
    """The video id a YouTube URL points at, or None when it is not a video URL (e.g. a channel)."""
    segments = [s for s in path.split("/") if s]
    if host == "youtu.be":
        return segments[0] if segments else ""
    if host not in YOUTUBE_HOSTS or not segments:
        return None
    if segments[0] == "watch":
        return parse_qs(query).get("v", [""])[0]
    if segments[0] in {"embed", "shorts", "live", "v"}:
        return segments[1] if len(segments) > 1 else ""
    return None


# --- finding the links ------------------------------------------------------------------------


def tree_links(root: etree.Element, source: str, stash: Sequence[object] = ()) -> list[Link]:
    """External links of a rendered page, from the tree its treeprocessors see.

    ``stash`` is the Markdown instance's raw HTML (``md.htmlStash.rawHtmlBlocks``): an ``<a>``
    written as HTML is there, not in the tree. Each link's line is where its URL is written in
    ``source`` (the page's Markdown as written); 0 when it is not there, i.e. a marker rendered it.
    """
    found = [(a.get("href", ""), _plain("".join(a.itertext()), stash)) for a in root.iter("a")]
    found += _raw_html_links(root, stash)
    seen: dict[str, int] = {}
    links = []
    for url, text in found:
        if not is_external(url):
            continue
        # The n-th link to a URL is its n-th occurrence in the source, whatever order it was found in.
        nth = seen[url] = seen.get(url, -1) + 1
        links.append(Link(url=url, text=" ".join(text.split()), line=_line_of(source, url, nth)))
    return sorted(links, key=lambda link: link.line)


def _raw_html_links(root: etree.Element, stash: Sequence[object]) -> list[tuple[str, str]]:
    """``(href, text)`` of each ``<a>`` in the stashed raw HTML.

    Inline HTML is stashed tag by tag, so an inline ``<a ...>`` block holds no text: it is the
    page text from the block's placeholder up to the ``</a>`` block's.
    """
    flat = "".join(root.itertext())
    links = []
    for index, block in enumerate(stash):
        if not isinstance(block, str) or "<a" not in block.lower():
            continue
        for a in lxml.html.fragment_fromstring(block, create_parent="div").iter("a"):
            href = a.get("href")
            if href is None:
                continue
            text = a.text_content()
            if not text and block.lstrip().lower().startswith("<a") and "</a" not in block.lower():
                text = _inline_text(flat, index, stash)
            links.append((href, text))
    return links


def _inline_text(flat: str, index: int, stash: Sequence[object]) -> str:
    after = flat.partition(util.HTML_PLACEHOLDER % index)[2]
    for found in _STASHED.finditer(after):
        block = stash[int(found.group(1))]
        if isinstance(block, str) and block.strip().lower() == "</a>":
            return _plain(after[:found.start()], stash)
    return ""


def _plain(text: str, stash: Sequence[object]) -> str:
    """Element text as the reader sees it: stashed entities and inline HTML put back, tags dropped."""

    def unstash(found: re.Match[str]) -> str:
        index = int(found.group(1))
        block = stash[index] if index < len(stash) else ""
        return lxml.html.fragment_fromstring(block, create_parent="div").text_content() \
            if isinstance(block, str) and block.strip() else ""

    return _ESCAPED.sub(lambda m: chr(int(m.group(1))), _STASHED.sub(unstash, text))


def _line_of(source: str, url: str, nth: int) -> int:
    """Line (1-based) of the ``nth`` occurrence of ``url`` in ``source``, as written or HTML-escaped; 0 if none."""
    forms = {url, url.replace("&", "&amp;")}
    if not any(form in source for form in forms):  # rendered from data: most links, and cheap to tell
        return 0
    # Not a longer URL that merely starts with this one.
    pattern = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    starts = [m.start() for m in re.finditer(f"(?:{pattern})(?![\\w/?#&=%~+.-])", source)]
    if nth < len(starts):
        return source.count("\n", 0, starts[nth]) + 1
    return 0


def yaml_links(source: str, top_group: str = "", file: str = "<yaml>") -> list[Link]:
    """External URLs of a data file: every string value that is a URL, with its entry's ``name``.

    ``top_group`` names the file's top-level list (``learning_paths`` for data/learning_paths.yml).
    The file is parsed as the build parses it (one pass, which also gives each value's line);
    invalid YAML raises DataError naming ``file`` and the line.
    """
    loaded = parse_data(source, file)
    return list(_walk_data(loaded.data, (), loaded.lines, group=top_group))


def _walk_data(value: object, loc: Loc, lines: Mapping[Loc, int], group: str, text: str = "") -> Iterator[Link]:
    if isinstance(value, str):
        if is_external(value):
            yield Link(url=value, text=text, line=lines.get(loc, 0), group=group)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk_data(item, (*loc, index), lines, group)
    elif isinstance(value, dict):
        scalars = {key: item for key, item in value.items() if not isinstance(item, list | dict)}
        name = str(scalars.get("name") or scalars.get("title") or "")
        for key, item in value.items():
            if isinstance(item, list | dict):
                yield from _walk_data(item, (*loc, key), lines, str(key))
            else:
                yield from _walk_data(item, (*loc, key), lines, group, name)


# --- linting files ------------------------------------------------------------------------------


def lint_links(links: Iterable[Link], file: str, rules: UrlRules) -> list[Finding]:
    return [Finding(file, link.line, link.url, rule, detail)
            for link in links for rule, detail in check_url(link.url, link.text, rules)]


def shared_urls(links: Iterable[Link], file: str, groups: Iterable[str] = UNIQUE_URL_GROUPS) -> list[Finding]:
    """Two entries of the same kind of list (``modules``, ...) with one URL: one of them is wrong."""
    first: dict[tuple[str, str], Link] = {}
    findings = []
    for link in links:
        if link.group not in groups:
            continue
        key = (link.group, link.url.strip().rstrip("/").lower())
        if key in first:
            other = first[key]
            findings.append(Finding(file, link.line, link.url, "shared-url",
                                    f"{link.text!r} has the URL of {other.text!r} (line {other.line})"))
        else:
            first[key] = link
    return findings


def lint_tree(root: etree.Element, src: str, source: str, rules: UrlRules,
              stash: Sequence[object] = ()) -> list[Finding]:
    """Findings of one rendered page (``src``: its path in docs/, ``source``: its Markdown as written)."""
    return sorted(lint_links(tree_links(root, source, stash), f"docs/{src}", rules), key=lambda f: f.line)


@dataclass(frozen=True)
class PageToLint:
    src: str  # the page's path in docs/
    source: str  # its Markdown as written (markers not yet expanded), so that lines are the file's
    rules: UrlRules


class UrlLintTreeprocessor(Treeprocessor):
    """Lints the external links of the page being converted and hands the findings to ``report``.

    ``page`` says which page that is (None: not a page of the guide; nothing is linted). Register
    it at ``PRIORITY``.
    """

    def __init__(self, md: Markdown, page: Callable[[], PageToLint | None],
                 report: Callable[[list[Finding]], None]) -> None:
        super().__init__(md)
        self.page, self.report = page, report

    def run(self, root: etree.Element) -> None:
        page = self.page()
        if page is not None:
            self.report(lint_tree(root, page.src, page.source, page.rules, self.md.htmlStash.rawHtmlBlocks))


def lint_yaml(source: str, file: str, rules: UrlRules) -> list[Finding]:
    """Findings of a data file; invalid YAML raises DataError naming the file and line."""
    links = yaml_links(source, top_group=Path(file).stem, file=file)
    return sorted(lint_links(links, file, rules) + shared_urls(links, file), key=lambda f: f.line)


def lint_data(data_dir: Path) -> list[Finding]:
    """Every finding in the data files the build reads, file by file.

    Only ``DATA_FILES``: any other ``.yml`` in data/ is not the project's, and is never parsed.
    Files are named from the project root (``data/skills.yml``).
    """
    rules = url_rules(load_exam(data_dir))
    findings: list[Finding] = []
    for file_name in DATA_FILES:
        path = data_dir / file_name
        if path.is_file():
            name = f"{data_dir.name}/{file_name}"
            findings += lint_yaml(decode_utf8(path.read_bytes(), name), name, rules)
    return findings


def main(argv: list[str] | None = None) -> int:
    """``python -m studyguide.urllint [ROOT]``: print the data files' findings as ``file:line: rule: detail: url``.

    Pages are linted when they are built (``make serve``, ``mkdocs build``): their links are what
    the render makes of them.
    """
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path.cwd()
    try:
        findings = lint_data(root / "data")
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 2
    for finding in findings:
        print(finding)
    count = len(findings)
    print(f"{count} URL problem{'s' if count != 1 else ''} found" if count else "all external URLs are well-formed",
          file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
