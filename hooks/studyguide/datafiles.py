"""Reading the YAML data files in ``data/``: strictly, with a line for every value.

Data files are plain YAML written by hand, so the loader refuses what they never need and what
would only hide a mistake or hang the build:

- bytes that are not UTF-8 (named with line and column: a word processor's Windows-1252 quote);
- a key given twice in one mapping (YAML would silently keep the last);
- tags (``!foo``, ``!!python/object``, ``!!binary``): only plain strings, numbers, booleans,
  null, dates, lists and mappings;
- aliases and merge keys (``*name``, ``<<``): every value is written out, so an "alias bomb"
  cannot expand, and nothing is followed twice;
- files over ``MAX_BYTES``.

The YAML is composed once (libyaml when available); the loader then builds the values itself
and records each value's line (``Loaded.line``), so every later check can name the line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from .errors import DataError, Loc, Problem, Problems

# libyaml's safe loader when PyYAML has it (the wheels do): about ten times faster than pure Python.
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The data files the build reads; the URL lint reads these and nothing else in data/.
# (Append a file here when a new loader starts reading it.)
DATA_FILES: list[str] = ["areas.yml", "skills.yml", "learning_paths.yml", "glossary.yml", "changelog.yml",
                         "questions.yml", "exam.yml", "retirements.yml", "labs.yml", "pitfalls.yml"]

# Far above any real data file (the glossary is ~40 KB): a bigger file is a paste gone wrong.
MAX_BYTES = 2_000_000

# The "entry" of problems found before any record exists: the file's YAML itself.
ENTRY = "YAML"

_TAG = "tag:yaml.org,2002:"
SCALAR_TAGS = frozenset(f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp"))


@dataclass(frozen=True)
class Loaded:
    """A data file's value and the line of every value in it (keys: paths like ``(0, "name")``)."""

    file: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line(self, loc: Loc) -> int | None:
        """The line of the value at ``loc``, or of its nearest enclosing value that has one."""
        for end in range(len(loc), -1, -1):
            found = self.lines.get(tuple(loc[:end]))
            if found is not None:
                return found
        return None


def no_lines(loc: Loc) -> int | None:
    """For data built in code (tests): no line is known."""
    return None


def load_data(path: Path, loader: type[yaml.SafeLoader] = SAFE_LOADER) -> Loaded:
    """Read and parse one data file; every problem becomes a DataError naming file and line.

    ``loader`` decides which plain scalars are resolved to what (e.g. no timestamps).
    """
    file = display_name(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(file, "file", f"cannot be read ({exc.strerror})") from exc
    if len(raw) > MAX_BYTES:
        raise DataError(file, "file", f"is {len(raw):,} bytes; data files stay under {MAX_BYTES:,}")
    text = decode_utf8(raw, file)
    return parse_data(text, file, loader)


def decode_utf8(raw: bytes, file: str) -> str:
    """UTF-8 text (a BOM is dropped); other bytes are reported with their line and column."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataError(
            file, ENTRY,
            f"byte 0x{raw[exc.start]:02x} at column {column} is not UTF-8 (save the file as UTF-8; "
            "a word processor's curly quote or accent is the usual cause)",
            line,
        ) from exc


def parse_data(text: str, file: str, loader: type[yaml.SafeLoader] = SAFE_LOADER) -> Loaded:
    """Compose ``text`` and build its value with the rules in the module docstring.

    One parse per text: the build validates, loads and URL-lints each file, and every reader
    treats the value as read-only.
    """
    return _parse_data(text, file, loader)  # type: ignore[arg-type]  # classes hash by identity


@functools.lru_cache(maxsize=32)
def _parse_data(text: str, file: str, loader: type[yaml.SafeLoader]) -> Loaded:
    try:
        _refuse_aliases(text, file, loader)
        root = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise yaml_error(file, exc) from exc
    if root is None:
        return Loaded(file, None)
    builder = _Builder(file)
    data = builder.build(root, ())
    builder.problems.check()
    return Loaded(file, data, builder.lines)


def _refuse_aliases(text: str, file: str, loader: type[yaml.SafeLoader]) -> None:
    """Every alias, where it is used, before anything is composed (so nothing expands)."""
    problems = Problems()
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            line = event.start_mark.line + 1 if event.start_mark else None
            problems.add(file, ENTRY, f"alias *{event.anchor} is not allowed in data files: write the value out",
                         line)
    problems.check()


def read_yaml(path: Path, loader: type[yaml.SafeLoader] = SAFE_LOADER) -> Any:
    """The value of one data file (see ``load_data``, which also gives the lines)."""
    return load_data(path, loader).data


def yaml_error(file: str, exc: yaml.YAMLError) -> DataError:
    """A YAML syntax error as a DataError naming the file and the line.

    An unclosed quote or bracket is reported where it opens (libyaml's "context"), not at
    the end of the file where the parser gave up.
    """
    mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    context = getattr(exc, "context", None) or ""
    problem = getattr(exc, "problem", None) or str(exc)
    opened = re.match(r"while (?:scanning|parsing) (an? (?:quoted scalar|flow sequence|flow mapping))", context)
    if context_mark is not None and opened:
        line = context_mark.line + 1
        what = opened.group(1).replace("a quoted scalar", "a quoted string")
        return DataError(file, ENTRY, f"invalid YAML ({what} opens here and is never closed: {problem})", line)
    if mark is None:
        return DataError(file, ENTRY, f"invalid YAML ({problem})")
    return DataError(file, ENTRY, f"invalid YAML ({problem})", mark.line + 1)


class _Builder:
    """Builds Python values from a composed node tree, enforcing the module's rules."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.lines: dict[Loc, int] = {}
        self.problems = Problems()
        self._seen: set[int] = set()
        self._scalars = SafeConstructor()

    def _fail(self, node: yaml.Node, problem: str) -> None:
        line = node.start_mark.line + 1
        self.problems.add(self.file, ENTRY, problem, line)

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        # The composer hands an alias the very node object of its anchor: a second visit is one.
        if id(node) in self._seen:
            self._fail(node, "aliases (*name) are not allowed in data files: write the value out")
            return None
        self._seen.add(id(node))
        self.lines[loc] = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != f"{_TAG}seq":
                self._fail(node, f"tag {node.tag} is not allowed in data files")
            return [self.build(item, (*loc, index)) for index, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        self._fail(node, "is not a YAML value")
        return None

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag not in SCALAR_TAGS:
            self._fail(node, f"tag {node.tag} is not allowed in data files")
            return None
        try:
            return self._scalars.construct_object(node)
        except (ConstructorError, ValueError):
            shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
            self._fail(node, f"{shown!r} is not a valid value")
            return None

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[Any, Any]:
        if node.tag != f"{_TAG}map":
            self._fail(node, f"tag {node.tag} is not allowed in data files")
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == f"{_TAG}merge":
                self._fail(key_node, "merge keys (<<) are not allowed in data files: write the keys out")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail(key_node, "a key must be plain text")
                continue
            key = self._scalar(key_node)
            line = key_node.start_mark.line + 1
            try:
                duplicate = key in first_line
            except TypeError:  # an unhashable key cannot come from a scalar, but stay safe
                duplicate = False
            if duplicate:
                self.problems.items.append(Problem(
                    self.file, ENTRY,
                    f"key {key!r} is given twice in one mapping (first on line {first_line[key]})", line,
                ))
                continue
            first_line[key] = line
            result[key] = self.build(value_node, (*loc, key))
        return result


def display_name(path: Path) -> str:
    """``data/areas.yml`` rather than an absolute path, when the file is in a data/ folder."""
    return f"{path.parent.name}/{path.name}"


def file_signature(data_dir: Path, names: Sequence[str]) -> tuple[tuple[str, int, int], ...]:
    """Names, mtimes and sizes of data files: a new value after any edit, so cached loaders
    read the files again when `mkdocs serve` rebuilds."""
    stats = []
    for name in names:
        try:
            st = (data_dir / name).stat()
            stats.append((name, st.st_mtime_ns, st.st_size))
        except OSError:
            stats.append((name, -1, -1))  # missing: the loader reports it by name
    return tuple(stats)
