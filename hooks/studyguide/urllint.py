"""Offline lint for the external URLs in docs/**/*.md and data/*.yml (no network).

Each rule catches a fault found in the upstream guide: tracking parameters, a query after the
#fragment, a query pasted twice, a corrupted YouTube id, link text naming a different exam than
the target, two modules sharing one URL, a retired documentation host. The hosts and the exam-code
pattern come from ``studyguide.exam`` (data/exam.yml).

Run it with ``make lint-urls`` (``python -m studyguide.urllint``); the ``hooks/url_lint.py`` hook runs
the same functions on every build, so ``mkdocs build --strict`` fails on a finding too.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import markdown
import yaml

from .datafiles import DATA_DIR, DATA_FILES, compose_yaml, decode_utf8
from .errors import DataError
from .exam import ExamData, load_exam
from .pages import read_page

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

# Enough of the site's Markdown to find every link, raw HTML and md_in_html blocks included.
# (Not the site's own extension list: other hooks add extensions that need a page to render.)
MARKDOWN_EXTENSIONS = ("abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
                       "pymdownx.details", "pymdownx.superfences")


@dataclass(frozen=True)
class UrlRules:
    """What the rules need to know about the exam (data/exam.yml): retired hosts and exam codes."""

    legacy_hosts: frozenset[str]
    doc_host: str  # where a legacy host's pages moved
    exam_code: re.Pattern[str]  # groups: the code's letters and its number


def url_rules(exam: ExamData) -> UrlRules:
    return UrlRules(frozenset(exam.legacy_hosts), exam.doc_host, exam.exam_code)


def project_rules() -> UrlRules:
    """The rules for the project's own exam, from data/exam.yml."""
    return url_rules(load_exam(DATA_DIR))


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
    line: int
    url: str
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.rule}: {self.detail}: {self.url}"


def is_external(url: str) -> bool:
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
    """Parameter names of a query, also those after a stray second ``?``."""
    names = []
    for part in re.split(r"[&;?]", query):
        name = unquote(part.split("=", 1)[0]).strip()
        if name:
            names.append(name)
    return names


def exam_codes(text: str, rules: UrlRules | None = None) -> set[str]:
    """Exam codes named in ``text``, normalised to ``XY-123`` (letters, hyphen, number)."""
    pattern = (rules or project_rules()).exam_code
    return {f"{prefix.upper()}-{number}" for prefix, number in pattern.findall(unquote(text))}


def check_url(url: str, text: str = "", rules: UrlRules | None = None) -> list[tuple[str, str]]:
    """Problems of one external URL as ``(rule, detail)`` pairs; empty when it is well-formed.

    ``text`` is the link text (or the data entry's name), for the exam-code rule. ``rules``
    default to the project's own exam (data/exam.yml).
    """
    rules = rules or project_rules()
    problems: list[tuple[str, str]] = []
    if any(ch.isspace() for ch in url):
        problems.append(("whitespace", "the URL contains whitespace"))
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
    except ValueError as exc:
        return [*problems, ("unparsable", str(exc))]

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
    return list(dict.fromkeys(problems))


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


class _AnchorCollector(HTMLParser):
    """Collect ``(href, text)`` of every ``<a>`` in rendered HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self._open: list[list[str]] = []  # [href, text...] of the <a> elements being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            self._open.append([href] if href is not None else [])

    def handle_data(self, data: str) -> None:
        for item in self._open:
            if item:
                item.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            item = self._open.pop()
            if item:
                self.links.append((item[0], " ".join("".join(item[1:]).split())))


def _line_of(source: str, needles: Iterable[str], start: int) -> tuple[int, int]:
    """Line number (1-based) and offset of the first needle found at or after ``start``."""
    for begin in (start, 0):
        for needle in needles:
            at = source.find(needle, begin)
            if at >= 0:
                return source.count("\n", 0, at) + 1, at + len(needle)
    return 1, start


def markdown_links(source: str) -> list[Link]:
    """External links of a Markdown page, found by rendering it (inline, reference, autolink, raw HTML)."""
    collector = _AnchorCollector()
    collector.feed(markdown.markdown(source, extensions=list(MARKDOWN_EXTENSIONS)))
    collector.close()
    links, offset = [], 0
    for url, text in collector.links:
        if not is_external(url):
            continue
        # Rendering loses positions: find the URL in the source, in order, as written or HTML-escaped.
        line, offset = _line_of(source, (url, url.replace("&", "&amp;")), offset)
        links.append(Link(url=url, text=text, line=line))
    return links


def yaml_links(source: str, top_group: str = "", file: str = "<yaml>") -> list[Link]:
    """External URLs of a data file: every string value that is a URL, with its entry's ``name``.

    ``top_group`` names the file's top-level list (``learning_paths`` for data/learning_paths.yml).
    Invalid YAML raises DataError naming ``file`` and the line.
    """
    root = compose_yaml(source, file)
    return list(_walk_yaml(root, group=top_group)) if root is not None else []


def _walk_yaml(node: yaml.Node, group: str, text: str = "") -> Iterator[Link]:
    if isinstance(node, yaml.ScalarNode):
        if isinstance(node.value, str) and is_external(node.value):
            yield Link(url=node.value, text=text, line=node.start_mark.line + 1, group=group)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk_yaml(item, group)
    elif isinstance(node, yaml.MappingNode):
        scalars = {k.value: v.value for k, v in node.value
                   if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode)}
        name = str(scalars.get("name") or scalars.get("title") or "")
        for key, value in node.value:
            if isinstance(value, yaml.ScalarNode):
                yield from _walk_yaml(value, group, name)
            else:
                yield from _walk_yaml(value, str(key.value))


# --- linting files ------------------------------------------------------------------------------


def lint_links(links: Iterable[Link], file: str, rules: UrlRules | None = None) -> list[Finding]:
    rules = rules or project_rules()
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


def lint_markdown(source: str, file: str, rules: UrlRules | None = None) -> list[Finding]:
    return sorted(lint_links(markdown_links(source), file, rules), key=lambda f: f.line)


def lint_yaml(source: str, file: str, rules: UrlRules | None = None) -> list[Finding]:
    """Findings of a data file; invalid YAML raises DataError naming the file and line."""
    links = yaml_links(source, top_group=Path(file).stem, file=file)
    return sorted(lint_links(links, file, rules) + shared_urls(links, file), key=lambda f: f.line)


def lint_project(docs_dir: Path, data_dir: Path) -> list[Finding]:
    """Every finding in ``docs_dir/**/*.md`` and the data files the build reads, file by file.

    Only ``DATA_FILES``: any other ``.yml`` in data/ is not the project's, and is never parsed.
    Files are named from the project root (``docs/areas/01-x.md``, ``data/skills.yml``).
    """
    rules = url_rules(load_exam(data_dir))
    findings: list[Finding] = []
    for path in sorted(docs_dir.rglob("*.md")):
        src = path.relative_to(docs_dir).as_posix()
        # Never read a page that leads out of the project (a link to /dev/zero would hang).
        findings += lint_markdown(read_page(path, src, docs_dir.parent), f"{docs_dir.name}/{src}", rules)
    for file_name in DATA_FILES:
        path = data_dir / file_name
        if path.is_file():
            name = f"{data_dir.name}/{file_name}"
            findings += lint_yaml(decode_utf8(path.read_bytes(), name), name, rules)
    return findings


def main(argv: list[str] | None = None) -> int:
    """``python -m studyguide.urllint [ROOT]``: print findings as ``file:line: rule: detail: url``."""
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path.cwd()
    try:
        findings = lint_project(root / "docs", root / "data")
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
