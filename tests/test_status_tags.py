"""Status tags follow one rule (GOV.UK tag): one word and one colour per status, everywhere.

Never a link or a button, never colour alone (the word is there), and AA contrast in both
palettes (the colours in overrides/assets/actieplan.css).
"""

from __future__ import annotations

import re

from macros.model.records import PROGRESS_STATUSES
from macros.site.render import STATUS_LABELS
from tests.helpers import ROOT, soup

CSS = (ROOT / "overrides" / "assets" / "actieplan.css").read_text(encoding="utf-8")


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_status_has_one_word():
    assert set(STATUS_LABELS) == set(PROGRESS_STATUSES)
    for label in STATUS_LABELS.values():
        assert re.fullmatch(r"[A-Z][a-z]+", label), label
    assert len(set(STATUS_LABELS.values())) == len(STATUS_LABELS)


def test_every_status_has_its_colours_in_both_palettes_with_aa_contrast():
    # The page behind a tag without a tint of its own (niet-gerapporteerd in the dark palette).
    slate_page = "#1e2129"
    for status in PROGRESS_STATUSES:
        for scheme in ("", '[data-md-color-scheme="slate"] '):
            rule = re.search(re.escape(f"{scheme}.md-typeset .ap-status--{status} ") + r"\{([^}]*)\}", CSS)
            assert rule, (scheme, status)
            background = re.search(r"--ap-tag-bg: (#[0-9a-f]{6}|transparent)", rule.group(1)).group(1)
            text = re.search(r"--ap-tag-fg: (#[0-9a-f]{6})", rule.group(1)).group(1)
            if background == "transparent":
                background = slate_page
            assert _contrast(background, text) >= 4.5, (scheme, status, background, text)


def test_every_tag_on_the_site_says_its_status_and_is_not_a_control(site):
    seen = set()
    for path in site.rglob("*.html"):
        for tag in soup(path).select(".ap-status"):
            modifiers = [c.removeprefix("ap-status--") for c in tag["class"] if c.startswith("ap-status--")]
            assert len(modifiers) == 1, (path, tag)
            status = modifiers[0]
            assert tag.get_text() == STATUS_LABELS[status], (path, tag)
            assert tag.find_parent(["a", "button"]) is None, (path, tag)
            seen.add(status)
    assert {"lopend", "afgerond", "vertraagd", "gepland"} <= seen
