"""One error type for bad data: every problem names the file, the line and the entry, all at once.

A contributor should fix a data file in one go, so loaders collect ``Problem``s in a
``Problems`` list and raise a single ``DataError`` carrying all of them. Messages are the
project's own words: pydantic's wording ("Input should be", "Value error, ") never leaks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

Loc = tuple[str | int, ...]
# Where a value sits in its file -> its line (None when unknown, e.g. data built in a test).
LineOf = Callable[[Loc], "int | None"]


@dataclass(frozen=True)
class Problem:
    """``file:line: entry: problem`` (``file: entry: problem`` when no line is known)."""

    file: str
    entry: str
    problem: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.entry}: {self.problem}"


class DataError(ValueError):
    """Invalid project data: one or more problems. ``file``, ``entry``, ``problem`` and
    ``line`` are the first problem's; ``problems`` holds them all."""

    def __init__(
        self, file: str, entry: str, problem: str, line: int | None = None,
        *, problems: Sequence[Problem] = (),
    ) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems) or (Problem(file, entry, problem, line),)
        first = self.problems[0]
        self.file, self.entry, self.problem, self.line = first.file, first.entry, first.problem, first.line
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def of(cls, problems: Sequence[Problem]) -> DataError:
        first = problems[0]
        return cls(first.file, first.entry, first.problem, first.line, problems=problems)


class Problems:
    """Collects problems; ``check()`` raises them together as one DataError."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, file: str, entry: str, problem: str, line: int | None = None) -> None:
        self.items.append(Problem(file, entry, problem, line))

    def extend(self, error: DataError) -> None:
        self.items.extend(error.problems)

    def __bool__(self) -> bool:
        return bool(self.items)

    def check(self) -> None:
        if self.items:
            raise DataError.of(self.items)


# --- pydantic's errors in our words --------------------------------------------------------

# A field pattern -> what it asks for, in words (modules add theirs).
PATTERN_WORDS: dict[str, str] = {}

_SHOW_INPUT = frozenset({
    "string_pattern_mismatch",
    "int_type", "int_parsing", "int_from_float", "bool_type", "bool_parsing", "string_type",
    "literal_error", "float_type", "date_type", "date_parsing", "date_from_datetime_parsing",
    "url_parsing", "url_scheme", "url_type", "greater_than_equal", "less_than_equal",
})


def describe(error: ErrorDetails) -> str:
    """One pydantic error as the project words it (without the field)."""
    kind = error["type"]
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    messages: dict[str, Callable[[], str]] = {
        "missing": lambda: "is required",
        "extra_forbidden": lambda: "is not a known field (a typo?)",
        "int_type": lambda: "must be a whole number",
        "int_parsing": lambda: "must be a whole number",
        "int_from_float": lambda: "must be a whole number",
        "float_type": lambda: "must be a number",
        "bool_type": lambda: "must be true or false",
        "string_type": lambda: "must be text",
        "string_too_short": lambda: "must not be empty",
        "string_pattern_mismatch": lambda: PATTERN_WORDS.get(
            str(ctx.get("pattern")), f"does not have the expected form ({ctx.get('pattern')})"
        ),
        "list_type": lambda: "must be a list",
        "too_short": lambda: f"needs at least {ctx.get('min_length')} item(s)",
        "dict_type": lambda: "must be a mapping of fields",
        "model_type": lambda: "must be a mapping of fields",
        "model_attributes_type": lambda: "must be a mapping of fields",
        "literal_error": lambda: f"must be one of {ctx.get('expected')}",
        "greater_than_equal": lambda: f"must be at least {ctx.get('ge')}",
        "less_than_equal": lambda: f"must be at most {ctx.get('le')}",
        "url_parsing": lambda: f"is not a web address ({ctx.get('error')})",
        "url_scheme": lambda: "must be an https:// address",
        "url_type": lambda: "must be a web address",
        "date_type": lambda: "must be a date written YYYY-MM-DD",
        "date_parsing": lambda: "must be a date written YYYY-MM-DD",
        "date_from_datetime_parsing": lambda: "must be a date written YYYY-MM-DD",
        "value_error": lambda: str(ctx.get("error", error["msg"])),
        "assertion_error": lambda: str(ctx.get("error", error["msg"])),
    }
    make = messages.get(kind)
    text = make() if make else _reword(error["msg"])
    if kind in _SHOW_INPUT:
        text += f" (found {_shown(error['input'])})"
    return text


def _reword(message: str) -> str:
    return (
        message.removeprefix("Value error, ")
        .replace("Input should be", "must be")
        .replace("Field required", "is required")
    )


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def describe_validation_error(err: ValidationError) -> str:
    """Every problem of one record on one line: ``field: problem; field: problem``."""
    return "; ".join(_with_field(_field_name(item["loc"]), describe(item)) for item in err.errors())


def _with_field(field: str, text: str) -> str:
    return f"{field}: {text}" if field else text


def _field_name(loc: Iterable[str | int]) -> str:
    """``weight.min``; list positions count from 1 (``areas[2]``)."""
    name = ""
    for part in loc:
        if isinstance(part, int):
            name += f"[{part + 1}]"
        else:
            name += f".{part}" if name else part
    return name


# --- naming entries and lines ----------------------------------------------------------------

# The key a list sits under -> what one of its items is called.
ITEM_KINDS = {
    "groups": "group", "skills": "skill", "modules": "module", "changes": "change",
    "updates": "update", "aliases": "alias", "options": "option",
}


def entry_and_field(
    raw: object, loc: Loc, top_label: Callable[[object, int], str]
) -> tuple[str, str]:
    """Name the innermost identifiable record on ``loc`` and the field inside it.

    ``(0, "groups", 1, "skills", 2, "id")`` in skills.yml gives ``skill some-id`` (or
    ``skill 'Name'``) and ``id``: a contributor searches the file for the name, not for a
    0-based path. ``top_label`` names the file's top-level items (``area 1 (Name)``).
    Records without a name are counted from 1 inside their parent (``update 2022-07-28, change 3``).
    """
    entry = "file"
    field_start = 0
    node: object = raw
    kind = ""
    for depth, part in enumerate(loc):
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node) \
                and (not kind or isinstance(node[part], dict)):
            node = node[part]
            if not kind:
                entry = top_label(node, part)
            else:
                label, named = _label(node, kind, part)
                entry = label if named or entry == "file" else f"{entry}, {label}"
            field_start = depth + 1
        elif isinstance(part, str) and isinstance(node, dict) and part in node:
            kind = ITEM_KINDS.get(part, part)
            node = node[part]
        else:
            break
    if entry == "file" and loc and isinstance(loc[0], str):
        return loc[0], _field_name(loc[1:])  # a top-level key (``retired_on``)
    return entry, _field_name(loc[field_start:])


def _label(node: object, kind: str, index: int) -> tuple[str, bool]:
    """``skill some-id``, ``group 'Name'``, ``update 2022-07-28``; else ``change 3`` (unnamed)."""
    if isinstance(node, dict):
        for key in ("id", "date", "name"):
            value = node.get(key)
            if key != "name" and not (isinstance(value, str) and re.fullmatch(r"[\w.-]{1,80}", value)):
                continue
            if isinstance(value, str) and value.strip() and len(value) <= 80:
                return (f"{kind} {value!r}" if key == "name" else f"{kind} {value}"), True
    return f"{kind} {index + 1}", False


def validation_problems(
    err: ValidationError, file: str, raw: object, base: Loc,
    top_label: Callable[[object, int], str], line_of: Callable[[Loc], int | None],
) -> list[Problem]:
    """Every error of one record (validated from ``raw`` at ``base``) as a located Problem."""
    problems = []
    for item in err.errors():
        loc = (*base, *item["loc"])
        entry, field = entry_and_field(raw, loc, top_label)
        problems.append(Problem(file, entry, _with_field(field, describe(item)), line_of(loc)))
    return problems
