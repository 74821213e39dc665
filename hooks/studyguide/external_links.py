"""Give every external link ``rel="noopener"``, on the Markdown tree (not by regex on HTML)."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from .urllint import is_external

# After inline parsing (priority 20) so links exist; the value only orders us among treeprocessors.
PRIORITY = 4


def add_noopener(root: etree.Element) -> int:
    """Add ``noopener`` to the rel of each external ``<a>``; returns how many were changed."""
    changed = 0
    for link in root.iter("a"):
        if not is_external(link.get("href", "")):
            continue
        rel = link.get("rel", "").split()
        if "noopener" not in rel:
            link.set("rel", " ".join([*rel, "noopener"]))
            changed += 1
    return changed
