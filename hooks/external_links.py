"""MkDocs hook: external links get rel="noopener" (see studyguide.external_links)."""

from __future__ import annotations

from studyguide.external_links import NoopenerExtension


def on_config(config):
    config.markdown_extensions.append(NoopenerExtension())
    return config
