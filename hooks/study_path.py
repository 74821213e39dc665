"""MkDocs hook: each homework page's study plan, official labs and pitfalls, from data/.

Thin adapter: loading, checks and rendering live in ``studyguide.study_path``.
"""

from __future__ import annotations

from studyguide.build_errors import fail_build_on_bad_data
from studyguide.guide import load_guide
from studyguide.markers import expand_markers
from studyguide.study_path import load_study_path, renderers


def on_config(config):
    with fail_build_on_bad_data():
        load_study_path()  # bad lab or tip data fails the build before any page
    return config


def on_page_markdown(markdown, page, config, files):
    with fail_build_on_bad_data():
        study, guide = load_study_path(), load_guide()
    return expand_markers(markdown, renderers(study, guide, page.file.src_uri))
