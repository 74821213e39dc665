"""Relative Markdown links between pages, so MkDocs can validate what the hooks emit."""

from __future__ import annotations

import posixpath

from .safe import md_text


def relative_link(from_page: str, to_page: str, anchor: str = "") -> str:
    """Path from one docs/ page to another (both as src paths, e.g. ``areas/01-x.md``)."""
    if from_page == to_page and anchor:
        return f"#{anchor}"
    start = posixpath.dirname(from_page) or "."
    target = posixpath.relpath(to_page, start)
    return f"{target}#{anchor}" if anchor else target


def escape_link_text(text: str) -> str:
    """Plain text from data as Markdown (link text or anywhere else): see ``safe.md_text``."""
    return md_text(text)
