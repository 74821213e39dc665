"""Bad data stops the build: the hooks turn a DataError into MkDocs' PluginError."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from mkdocs.exceptions import PluginError

from .errors import DataError


@contextmanager
def fail_build_on_bad_data() -> Iterator[None]:
    """Inside a hook event: a DataError aborts the build with its ``file: entry: problem`` message."""
    try:
        yield
    except DataError as exc:
        raise PluginError(str(exc)) from exc
