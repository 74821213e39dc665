"""Markdown for the changelog page, the homework pages' update notes and the home page status.

Like ``render``, each function takes data and the src path of the page being rendered and
returns Markdown with relative ``.md`` links, which MkDocs then validates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date

from .areas import Area, area_for_page
from .changelog import CHANGE_KINDS, Change, ChangeKind, Changelog, Update
from .exam import ExamData
from .links import relative_link
from .render import HOME_PAGE, plural, skill_anchor
from .safe import markdown_inline, md_text

CHANGELOG_PAGE = "changelog.md"
# At the site root: Material reads every <link rel="alternate"> in the head as a language version
# and fetches sitemap.xml next to its href; beside the root sitemap that fetch finds a real file.
FEED_PATH = "feed.xml"
RETIRED_ANCHOR = "exam-retired"

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def long_date(day: date) -> str:
    """``28 July 2022``, whatever the machine's locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def time_tag(day: date) -> str:
    return f'<time datetime="{day.isoformat()}">{long_date(day)}</time>'


def update_anchor(day: date) -> str:
    return f"update-{day.isoformat()}"


def kind_label(kind: ChangeKind) -> str:
    return kind.capitalize()


def kind_badge(kind: ChangeKind) -> str:
    """The kind as text in a coloured badge: the colour only repeats what the text says."""
    return f'<span class="az-change az-change--{kind.replace(" ", "-")}">{kind_label(kind)}</span>'


def _area(areas: Sequence[Area], number: int) -> Area:
    return next(a for a in areas if a.number == number)


def change_target(change: Change, area: Area, from_page: str) -> str | None:
    """Link to the skill (or group heading) on today's outline, if it is still there."""
    if change.skill_id is not None:
        return relative_link(from_page, area.page, skill_anchor(change.skill_id))
    if change.group_id is not None and change.is_group_change:
        return relative_link(from_page, area.page, change.group_id)
    return None


def change_subject(change: Change, area: Area, from_page: str) -> str:
    """``[Name](link)`` or plain name; group changes say so; renames give the old name."""
    name = md_text(change.subject)
    target = change_target(change, area, from_page)
    text = f"[{name}]({target})" if target else name
    if change.is_group_change:
        text = f"Skill group {text}"
    if change.old_name is not None:
        text += f", formerly “{md_text(change.old_name)}”"
    return text


def change_item(change: Change, areas: Sequence[Area], from_page: str) -> str:
    """One change on the changelog page, with its area."""
    area = _area(areas, change.area)
    where = f"[{area.number} · {md_text(area.short_name)}]({relative_link(from_page, area.page)})"
    if change.group is not None and not change.is_group_change:
        where += f", group “{md_text(change.group)}”"
    return (
        f"- {kind_badge(change.kind)} {change_subject(change, area, from_page)}: "
        f"{markdown_inline(change.description)} (area {where})"
    )


def _count(number: int, kind: ChangeKind) -> str:
    """``1 added``, ``3 removed``, ``2 minor revisions``: only the nouns take a plural."""
    plural = "s" if number != 1 and kind.endswith("revision") else ""
    return f"{number} {kind}{plural}"


def kind_summary(changes: Sequence[Change]) -> str:
    """``15 changes: 1 added, 1 modified, …`` in the fixed order of the kinds."""
    counts = Counter(c.kind for c in changes)
    parts = [_count(counts[kind], kind) for kind in CHANGE_KINDS if counts[kind]]
    return f"{plural(len(changes), 'change')}: {', '.join(parts)}."


def changelog_page(
    changelog: Changelog, areas: Sequence[Area], exam: ExamData, from_page: str = CHANGELOG_PAGE
) -> str:
    """Every update, newest first, under a heading with a stable anchor."""
    feed = relative_link(from_page, FEED_PATH)
    # A retired exam gets no new entries: the feed is then a record, not something to follow.
    follow = (
        f"Follow new entries with the [Atom feed of these updates]({feed}). "
        if changelog.retired_on is None
        else f"The exam is retired, so no new entries will come; the [Atom feed]({feed}) keeps the record. "
    )
    outline = "current" if changelog.retired_on is None else "final"
    parts = [
        follow + f"Each change links to its area and, when it is still on the {outline} outline, to the skill.\n"
    ]
    if changelog.retired_on is not None:
        parts.append(
            f"## {long_date(changelog.retired_on)}: exam retired {{ #{RETIRED_ANCHOR} }}\n\n"
            f"{md_text(exam.vendor)} retired {md_text(exam.code)} on {time_tag(changelog.retired_on)}. "
            "The skills outline "
            f"below stayed as the update of {time_tag(changelog.latest.date)} left it; this guide "
            "keeps it as an archive.\n"
        )
    for update in changelog.updates:
        parts.append(f"## {long_date(update.date)} {{ #{update_anchor(update.date)} }}\n")
        parts.append(kind_summary(update.changes) + "\n")
        parts.append("\n".join(change_item(c, areas, from_page) for c in update.changes) + "\n")
    return "\n".join(parts)


def area_note_item(update: Update, change: Change, area: Area) -> str:
    link = relative_link(area.page, CHANGELOG_PAGE, update_anchor(update.date))
    return (
        f"- [{long_date(update.date)}]({link}) · {kind_badge(change.kind)} "
        f"{change_subject(change, area, area.page)}: {markdown_inline(change.description)}"
    )


def area_updates_note(changelog: Changelog, area: Area) -> str:
    """A collapsed note under a homework page's header; nothing when no update touched the area."""
    touched = changelog.changes_for_area(area.number)
    if not touched:
        return ""
    items = "\n".join(f"    {area_note_item(u, c, area)}" for u, c in touched)
    return f'??? info "Exam updates for this area"\n\n{items}\n'


def outline_status(changelog: Changelog, from_page: str = HOME_PAGE) -> str:
    """Home page: the date of the outline shown, and whether the exam can still be taken."""
    count = len(changelog.updates)
    history = relative_link(from_page, CHANGELOG_PAGE)
    outline = (
        f"**Skills measured as of {time_tag(changelog.latest.date)}**, the last of "
        f"{plural(count, 'outline update')} ([exam updates]({history}))."
    )
    if changelog.retired_on is None:
        status = "**Exam status:** active."
    else:
        retired = relative_link(from_page, CHANGELOG_PAGE, RETIRED_ANCHOR)
        status = (
            f"**Exam status:** [retired]({retired}) on {time_tag(changelog.retired_on)}; "
            "this guide is kept as an archive."
        )
    return f'!!! info "Outline status"\n\n    {outline}\n\n    {status}\n'


def renderers(
    changelog: Changelog, areas: Sequence[Area], exam: ExamData, page: str
) -> dict[str, Callable[[], str]]:
    """What each changelog marker becomes on ``page`` (a docs/ src path)."""
    found: dict[str, Callable[[], str]] = {
        "changelog": lambda: changelog_page(changelog, areas, exam, page),
        "outline-status": lambda: outline_status(changelog, page),
    }
    area = area_for_page(areas, page)
    if area is not None:
        found["exam-updates"] = lambda: area_updates_note(changelog, area)
    return found
