"""Bad data stops the build: the hooks turn a DataError into MkDocs' PluginError."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from mkdocs.exceptions import PluginError

from .errors import DataError

# MkDocs prints a PluginError's message once, after "ERROR -": a report of several problems
# is logged line by line first, so each problem gets its own ERROR line.
log = logging.getLogger("mkdocs.plugins.studyguide")


@contextmanager
def fail_build_on_bad_data() -> Iterator[None]:
    """Inside a hook event: a DataError aborts the build with its ``file:line: entry: problem`` lines."""
    try:
        yield
    except DataError as exc:
        if len(exc.problems) == 1:
            raise PluginError(str(exc)) from exc
        for problem in exc.problems:
            log.error("%s", problem)
        raise PluginError(f"{len(exc.problems)} problems, listed above; nothing was built") from exc
