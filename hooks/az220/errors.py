"""One error type for bad data, so every failure names the file and the entry."""

from __future__ import annotations

from pydantic import ValidationError


class DataError(ValueError):
    """Invalid project data: ``file`` and ``entry`` say where, ``problem`` says what."""

    def __init__(self, file: str, entry: str, problem: str) -> None:
        self.file = file
        self.entry = entry
        self.problem = problem
        super().__init__(f"{file}: {entry}: {problem}")


def describe_validation_error(err: ValidationError) -> str:
    """Turn pydantic's report into one line: ``field: message; field: message``."""
    parts = []
    for item in err.errors():
        where = ".".join(str(p) for p in item["loc"])
        parts.append(f"{where}: {item['msg']}" if where else item["msg"])
    return "; ".join(parts)
