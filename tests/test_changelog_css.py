"""Change-kind badges are readable in both palettes: WCAG contrast of text on badge >= 4.5:1."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from studyguide.changelog import CHANGE_KINDS

CSS = Path(__file__).resolve().parents[1] / "docs" / "stylesheets" / "extra.css"
RULE = re.compile(
    r'^(?P<slate>\[data-md-color-scheme="slate"\] )?\.az-change--(?P<kind>[a-z-]+) \{ '
    r"--az-change-bg: (?P<bg>#[0-9a-f]{6}); --az-change-fg: (?P<fg>#[0-9a-f]{6}); \}$",
    re.MULTILINE,
)
# Material's page backgrounds: default (light) and slate (dark).
PAGE_BACKGROUND = {"light": "#ffffff", "dark": "#1e2129"}


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def badge_colours() -> dict[tuple[str, str], tuple[str, str]]:
    found = {}
    for match in RULE.finditer(CSS.read_text(encoding="utf-8")):
        palette = "dark" if match["slate"] else "light"
        found[(palette, match["kind"])] = (match["bg"], match["fg"])
    return found


def test_contrast_helper_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("palette", ["light", "dark"])
@pytest.mark.parametrize("kind", CHANGE_KINDS)
def test_badge_is_readable(palette: str, kind: str):
    colours = badge_colours()
    key = (palette, kind.replace(" ", "-"))
    assert key in colours, f"no {palette} colours for the {kind!r} badge in {CSS.name}"
    background, text = colours[key]
    assert contrast(background, text) >= 4.5
    # The badge's edge stands out from the page too (non-text contrast).
    assert contrast(background, PAGE_BACKGROUND[palette]) >= 3
