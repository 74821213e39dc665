"""The project's own prose, cut into word runs, for the originality test.

Sentences must be written in our own words, so ``tests/test_prose_originality.py`` fails when any
run of ``RUN_LENGTH`` words of our prose also occurs in the upstream guide. Only hashes of the
upstream runs are kept (``tests/fixtures/upstream_runs.txt``, made once by
``tools/make_upstream_runs.py``), never the upstream text. Names and titles (skill names, resource
titles, link texts, headings) are facts that may be shared, so they are not prose here.

Everything is pure: the test and the fixture script call the same tokeniser and hash.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from .pages import split_front_matter

RUN_LENGTH = 8

# Data keys whose strings are names, titles, references or codes, not sentences we wrote.
NAME_KEYS = frozenset({
    "name", "title", "short_name", "old_name", "new_name", "skill", "group", "groups", "kind", "page",
    "aliases", "url", "doc", "href", "link", "area", "areas", "date", "status", "level",
})

_WORD = re.compile(r"[^\W_]+")
_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.DOTALL | re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<[^>\n]+>")
_ATTR_LIST = re.compile(r"\{[:\s]*[#.][^}\n]*\}")
# A link or image: its text is a title (a fact), and its target is no prose; both become a break.
_LINK = re.compile(r"!?\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_LINK_DEFINITION = re.compile(r"^\s*\[[^\]\n]+\]:\s*\S+.*$", re.MULTILINE)
_BARE_URL = re.compile(r"<?https?://[^\s<>]*>?")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s.*$", re.MULTILINE)
# New segment: a blank line, a list item, a definition-list line, a table cell or a block quote.
_BLOCK_BREAK = re.compile(r"\n\s*\n|\n\s*(?:[-*+]|\d+[.)]|:)\s+|\||\n\s*>")
_BREAK = "\x00"
# An id such as a skill id (``connect-to-iot-hub-by-using-...``): a reference to a name, not a sentence.
_IDENTIFIER = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def words(text: str) -> list[str]:
    """The normalised words of ``text``: lowercase letters and digits only, everything else splits.

    ``"Don't re-use IoT Hub's SAS-token!"`` → ``["don", "t", "re", "use", "iot", "hub", "s", "sas", "token"]``.
    """
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def runs(tokens: list[str], length: int = RUN_LENGTH) -> Iterator[tuple[str, ...]]:
    """Every run of ``length`` consecutive tokens, in order (none if there are fewer tokens)."""
    for start in range(len(tokens) - length + 1):
        yield tuple(tokens[start:start + length])


def run_hash(run: Iterable[str]) -> str:
    """A short, stable hash of a run of words: the form in which upstream runs are stored."""
    return hashlib.blake2b(" ".join(run).encode(), digest_size=8).hexdigest()


def markdown_segments(text: str) -> list[str]:
    """The prose of a Markdown page, as separate segments that a run must not cross.

    Dropped: front matter, fenced code, HTML comments (page markers) and tags, attribute lists,
    headings (titles), link texts and targets (titles and addresses), and bare URLs.
    """
    text = split_front_matter(text)[1]
    for pattern in (_FENCE, _COMMENT, _LINK_DEFINITION, _HEADING, _LINK, _BARE_URL, _TAG, _ATTR_LIST):
        text = pattern.sub(_BREAK, text)
    text = _BLOCK_BREAK.sub(_BREAK, text)
    return [part.strip() for part in text.split(_BREAK) if words(part)]


def is_prose_key(key: str) -> bool:
    """Whether strings under this data key are sentences we wrote (not names, titles, ids or links)."""
    return key not in NAME_KEYS and not key.endswith(("_id", "_url", "_name", "_title")) and key != "id"


@dataclass(frozen=True)
class Segment:
    where: str  # file and location, for the failure message, e.g. "data/glossary.yml: [12].definition"
    text: str


def data_segments(data: object, file: str, path: str = "") -> Iterator[Segment]:
    """Every prose string in parsed YAML ``data`` (at any depth), as Markdown segments."""
    if isinstance(data, Mapping):
        for key, value in data.items():
            if isinstance(key, str) and not is_prose_key(key):
                continue
            yield from data_segments(value, file, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for index, item in enumerate(data, start=1):
            yield from data_segments(item, file, f"{path}[{_item_label(index, item)}]")
    elif isinstance(data, str) and not _BARE_URL.fullmatch(data.strip()) and not _IDENTIFIER.fullmatch(data):
        for text in markdown_segments(data):
            yield Segment(f"{file}: {path or 'value'}", text)


def _item_label(index: int, item: object) -> str:
    """``3``, or ``3: Enrollment`` when the item has a name, so a failure says which entry."""
    if isinstance(item, Mapping):
        label = item.get("name") or item.get("title") or item.get("id")
        if isinstance(label, str):
            return f"{index}: {label}"
    return str(index)


def page_segments(text: str, file: str) -> Iterator[Segment]:
    for segment in markdown_segments(text):
        yield Segment(file, segment)


def shared_runs(segment: Segment, upstream: frozenset[str], length: int = RUN_LENGTH) -> list[str]:
    """The runs of ``segment`` whose hash is in ``upstream``, as text (they are our words too)."""
    return [" ".join(run) for run in runs(words(segment.text), length) if run_hash(run) in upstream]


def upstream_hashes(texts: Iterable[str], length: int = RUN_LENGTH) -> set[str]:
    """The hashes of every run of the upstream documents (URLs and tags removed; runs cross lines)."""
    found: set[str] = set()
    for text in texts:
        plain = _TAG.sub(" ", _BARE_URL.sub(" ", _strip_targets(text)))
        found.update(run_hash(run) for run in runs(words(plain), length))
    return found


def _strip_targets(text: str) -> str:
    """Keep a Markdown link's text but drop its target: ``[a](b)`` → ``a``."""
    return re.sub(r"\]\([^)\n]*\)", "] ", text)
