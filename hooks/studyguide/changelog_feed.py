"""The Atom feed of outline updates, built with feedgen.

Deterministic on purpose: the feed's ``updated`` is its newest entry's date, never the build time,
so rebuilding unchanged data gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from feedgen.feed import FeedGenerator

from .areas import Area
from .changelog import Changelog, Update
from .changelog_render import (
    RETIRED_ANCHOR,
    kind_label,
    kind_summary,
    long_date,
    update_anchor,
)
from .exam import ExamData
from .safe import html_text, markdown_html


def _midnight_utc(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def update_content(update: Update, areas: Sequence[Area]) -> str:
    """HTML summary of one update: a count line and every change with its area."""
    names = {a.number: a.short_name for a in areas}
    items = []
    for change in update.changes:
        renamed = f", formerly “{html_text(change.old_name)}”" if change.old_name else ""
        group = "skill group " if change.is_group_change else ""
        items.append(
            f"<li><strong>{kind_label(change.kind)}</strong>: {group}{html_text(change.subject)}"
            f"{renamed} (area {change.area}, {html_text(names[change.area])}). "
            f"{_unwrap(markdown_html(change.description))}</li>"
        )
    return f"<p>{html_text(kind_summary(update.changes))}</p><ul>{''.join(items)}</ul>"


def _unwrap(html: str) -> str:
    """A one-paragraph description without its <p>, so it reads inline in the list item."""
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


def atom_feed(
    changelog: Changelog,
    areas: Sequence[Area],
    *,
    exam: ExamData,
    site_name: str,
    page_url: str,
    feed_url: str,
) -> bytes:
    """One entry per update (and one for the retirement); ids are the entries' permalinks.

    ``page_url`` is the changelog page's absolute URL, ``feed_url`` the feed's own.
    """
    feed = FeedGenerator()
    feed.id(page_url)
    feed.title(f"{site_name} — exam updates")
    feed.subtitle(f"Changes to the {exam.code} skills outline, newest first.")
    feed.author({"name": site_name})
    feed.link(href=page_url, rel="alternate", type="text/html")
    feed.link(href=feed_url, rel="self", type="application/atom+xml")
    feed.language("en")

    entries: list[tuple[date, str, str, str]] = []  # (date, anchor, title, html)
    if changelog.retired_on is not None:
        entries.append((
            changelog.retired_on,
            RETIRED_ANCHOR,
            f"{exam.code} retired on {long_date(changelog.retired_on)}",
            f"<p>{html_text(exam.vendor)} retired the exam on {long_date(changelog.retired_on)}. The guide stays "
            f"online as an archive of the outline of {long_date(changelog.latest.date)}.</p>",
        ))
    for update in changelog.updates:
        entries.append((
            update.date,
            update_anchor(update.date),
            f"Skills outline update of {long_date(update.date)}",
            update_content(update, areas),
        ))

    for day, anchor, title, content in entries:  # already newest first
        entry = feed.add_entry(order="append")
        entry.id(f"{page_url}#{anchor}")
        entry.title(title)
        entry.link(href=f"{page_url}#{anchor}", rel="alternate", type="text/html")
        entry.published(_midnight_utc(day))
        entry.updated(_midnight_utc(day))
        entry.content(content, type="html")
    feed.updated(_midnight_utc(max(day for day, *_ in entries)))
    return feed.atom_str(pretty=True)
