"""MkDocs hook: external links get rel="noopener" (see az220.external_links)."""

from __future__ import annotations

from az220.external_links import NoopenerExtension


def on_config(config):
    config.markdown_extensions.append(NoopenerExtension())
    return config
