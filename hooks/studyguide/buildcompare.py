"""Compare two builds of the same guide: MkDocs against ProperDocs or Zensical (``make builders``).

The page content is the package's job on every builder, so the ``<article>`` of each page must come
out the same; the theme around it (header, nav, search, scripts) is the builder's own and is not
compared. Files the generator writes (``feed.xml``, the study JSON) must be byte-identical.

    python -m studyguide.buildcompare SITE_A SITE_B [--files feed.xml javascripts/study-outline.json]

prints one line per difference and exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html  # type: ignore[import-untyped]  # no lxml-stubs pinned

# An lxml.html.HtmlElement (untyped without lxml-stubs).
_Element = Any

# Only *.html pages are compared, and every builder writes the same ones (404.html included), so no
# page is excused from being on both sides. What differs by builder is not a page: Zensical's
# search.json, MkDocs' search/search_index.json and sitemap.xml.gz.

# Any marker comment, well-formed or not: the extension replaces every one, so one left in the
# HTML means a builder did not run it (Zensical ignores `hooks:`, for example).
LEFTOVER_MARKER = re.compile(r"<!--\s*guide:")


@dataclass(frozen=True)
class Difference:
    path: str  # a site-relative path, e.g. "glossary/index.html"
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


def _drop_skip_anchor(article: _Element) -> None:
    """Zensical's "Skip to content" target, ``<a id="__skip">``, is the article's first child.

    Material for MkDocs points its skip link at the page's first heading instead and puts no
    anchor in the article. The anchor is theme chrome with no content, so it is removed.
    """
    for anchor in article.xpath('.//a[@id="__skip"]'):
        anchor.drop_tree()


def _drop_search_exclude(article: _Element) -> None:
    """``data-search-exclude`` is a pragma for the search indexer, not content.

    The glossary marks its letter headings, jump bar and fact lines with it (through attr_list)
    so search skips them. Material for MkDocs leaves the attribute in the page; Zensical reads it
    while indexing and removes it. Which parts are excluded from search is compared nowhere
    else, so the attribute's name is kept out of the comparison and nothing more.
    """
    for element in article.xpath(".//*[@data-search-exclude]"):
        del element.attrib["data-search-exclude"]


def _home_without_dot_segment(article: _Element) -> None:
    """MkDocs' ``url`` filter spells the home page on an absolute-URL page as ``<base>/.``.

    On 404.html (and in Material's own logo link there) MkDocs writes ``/site-path/.``
    where Zensical writes ``/site-path/``: the same address, since RFC 3986's
    remove_dot_segments drops a final ``.`` segment. Only that final ``/.`` of a link's
    ``href`` or a form's ``action`` is rewritten; any other part of an address still counts.
    """
    for element in article.xpath(".//*[@href or @action]"):
        for name in ("href", "action"):
            value = element.get(name)
            if value is not None and value.endswith("/."):
                element.set(name, value[:-1])


def _one_newline_between_blocks(article: _Element) -> None:
    """Whitespace-only text between the article's own children is the template's indentation.

    The two themes indent the article's template differently (and Markdown's block separators
    sit at the same level), so each such run becomes one newline: one top-level block a line,
    which keeps "first differing line" useful. Only the article's direct text and its
    children's tails are touched, never anything inside a child, so whitespace in ``<pre>`` or
    inline text still counts.
    """
    if article.text is not None and not article.text.strip():
        article.text = "\n"
    for child in article:
        if child.tail is not None and not child.tail.strip():
            child.tail = "\n"


# Each step removes one builder-specific difference, found by diffing the builds; everything
# else in the article must be the same. The skip anchor goes first: its tail is indentation.
NORMALISATIONS: tuple[Callable[[_Element], None], ...] = (
    _drop_skip_anchor,
    _drop_search_exclude,
    _home_without_dot_segment,
    _one_newline_between_blocks,
)


def article_html(page: str) -> str | None:
    """The page's first ``<article>``, normalised and serialised by lxml; None if it has none.

    lxml's serialisation is the common form (attribute quotes, void tags, entity spelling), so
    differences of HTML spelling that a browser ignores do not count; everything else does.
    """
    if not page.strip():
        return None
    root = lxml.html.document_fromstring(page)
    found = root.xpath("//article")
    if not found:
        return None
    article: _Element = found[0]
    for normalise in NORMALISATIONS:
        normalise(article)
    return lxml.html.tostring(article, encoding="unicode")


def first_difference(a: str, b: str) -> str:
    """Where two texts first differ: ``line N, column C: -<a there> +<b there>``.

    Lines of a serialised article can be long, so each side is shown from a little before the
    first differing character, clipped.
    """
    a_lines, b_lines = a.splitlines(), b.splitlines()
    for number in range(1, max(len(a_lines), len(b_lines)) + 1):
        line_a = a_lines[number - 1] if number <= len(a_lines) else ""
        line_b = b_lines[number - 1] if number <= len(b_lines) else ""
        if line_a != line_b or number > min(len(a_lines), len(b_lines)):
            column = next((i for i, (x, y) in enumerate(zip(line_a, line_b, strict=False)) if x != y),
                          min(len(line_a), len(line_b)))
            return f"line {number}, column {column + 1}: -{_excerpt(line_a, column)} +{_excerpt(line_b, column)}"
    return "no difference"


def _excerpt(line: str, column: int, before: int = 40, width: int = 120) -> str:
    start = max(0, column - before)
    text = line[start:start + width]
    return ("…" if start else "") + text + ("…" if start + width < len(line) else "")


def pages(site: Path) -> set[str]:
    """Every ``*.html`` file of a built site, as a site-relative POSIX path."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.is_file()}


def leftover_markers(site: Path, label: str = "") -> list[Difference]:
    """One difference per page of ``site`` that still holds a marker comment, with the count."""
    found = []
    for path in sorted(pages(site)):
        count = len(LEFTOVER_MARKER.findall((site / path).read_text(encoding="utf-8")))
        if count:
            where = f" in {label}" if label else ""
            found.append(Difference(path, f"{count} unexpanded <!-- guide: marker(s){where}"))
    return found


def compare_articles(a: Path, b: Path, label_a: str = "A", label_b: str = "B") -> list[Difference]:
    """Pages on one side only, and pages whose articles differ (first differing line)."""
    pages_a, pages_b = pages(a), pages(b)
    found = [Difference(p, f"only in {label_a}") for p in sorted(pages_a - pages_b)]
    found += [Difference(p, f"only in {label_b}") for p in sorted(pages_b - pages_a)]
    for path in sorted(pages_a & pages_b):
        article_a = article_html((a / path).read_text(encoding="utf-8"))
        article_b = article_html((b / path).read_text(encoding="utf-8"))
        if article_a is None and article_b is None:
            continue  # no content area on either side (a redirect page, say): nothing to compare
        if article_a is None or article_b is None:
            missing = label_a if article_a is None else label_b
            found.append(Difference(path, f"no <article> in {missing}"))
        elif article_a != article_b:
            found.append(Difference(path, f"<article> differs at {first_difference(article_a, article_b)}"))
    return found


def compare_files(a: Path, b: Path, files: Iterable[str], label_a: str = "A",
                  label_b: str = "B") -> list[Difference]:
    """Each named file must exist on both sides with the same bytes."""
    found = []
    for name in files:
        file_a, file_b = a / name, b / name
        missing = [label for label, f in ((label_a, file_a), (label_b, file_b)) if not f.is_file()]
        if missing:
            found.append(Difference(name, f"missing in {' and '.join(missing)}"))
            continue
        bytes_a, bytes_b = file_a.read_bytes(), file_b.read_bytes()
        if bytes_a != bytes_b:
            where = first_difference(bytes_a.decode("utf-8", "replace"), bytes_b.decode("utf-8", "replace"))
            found.append(Difference(name, f"bytes differ ({len(bytes_a)} vs {len(bytes_b)}), {where}"))
    return found


def compare(a: Path, b: Path, files: Sequence[str] = (), label_a: str = "A",
            label_b: str = "B") -> list[Difference]:
    """Everything that makes two builds of one guide differ; ``[]`` when they are the same."""
    return (
        leftover_markers(a, label_a)
        + leftover_markers(b, label_b)
        + compare_articles(a, b, label_a, label_b)
        + compare_files(a, b, files, label_a, label_b)
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m studyguide.buildcompare", description=__doc__.splitlines()[0])
    parser.add_argument("site_a", type=Path)
    parser.add_argument("site_b", type=Path)
    parser.add_argument("--files", nargs="*", default=[], metavar="PATH",
                        help="site-relative files that must be byte-identical")
    args = parser.parse_args(argv)
    for site in (args.site_a, args.site_b):
        if not site.is_dir():
            parser.error(f"{site}: not a directory")
    differences = compare(args.site_a, args.site_b, args.files, str(args.site_a), str(args.site_b))
    for difference in differences:
        print(difference)
    if differences:
        print(f"{len(differences)} difference(s) between {args.site_a} and {args.site_b}", file=sys.stderr)
        return 1
    print(f"same: {len(pages(args.site_a))} pages' articles, {len(args.files)} file(s), no marker left")
    return 0


if __name__ == "__main__":
    sys.exit(main())
