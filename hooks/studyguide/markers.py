"""Markers for generated content: HTML comments, so they stay invisible on GitHub.

A page says ``<!-- guide:skills -->`` where the extension should put the area's skills; the
names and what they become are in ``studyguide.registry``.
"""

from __future__ import annotations

import re

MARKER = re.compile(r"<!--\s*guide:(?P<name>[a-z][a-z0-9-]*)\s*-->")


def marker_names(markdown: str) -> list[str]:
    return [m.group("name") for m in MARKER.finditer(markdown)]
