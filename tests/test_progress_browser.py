"""The Voortgang pages in Debian's chromium: axe-core (WCAG 2.1 AA) in light and dark, and the keyboard.

Skipped with a warning when chromium is missing, unless REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from macros.dev.pdf import serve

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Every page in light; the pages with charts and status tables also in dark and on a narrow screen.
CASES = [
    (path, "light", 1280)
    for path in ("voortgang/", "voortgang/besteding/", "voortgang/2025-11-30/", "maatregelen/m07/")
] + [
    ("voortgang/", "dark", 1280),
    ("voortgang/besteding/", "dark", 1280),
    ("voortgang/besteding/", "light", 360),
    ("voortgang/2025-11-30/", "light", 360),
]


@pytest.fixture(scope="module", name="served")
def fixture_served(site: Path) -> Iterator[str]:
    """The built site on a free loopback port, for as long as the module runs."""
    with serve(site) as url:  # the same loopback server as make pdf
        yield url


@pytest.mark.parametrize(("path", "scheme", "width"), CASES, ids=[f"{p}-{s}-{w}" for p, s, w in CASES])
def test_axe_finds_no_violations(browser, served, path, scheme, width):
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(color_scheme=scheme, viewport={"width": width, "height": 900})
    try:
        page.goto(served + path)
        results = Axe().run(
            page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
        )
        assert results.violations_count == 0, results.generate_report()
    finally:
        page.close()


def test_charts_and_tables_scroll_with_the_keyboard(browser, served):
    page = browser.new_page(viewport={"width": 360, "height": 800})
    try:
        page.goto(served + "voortgang/besteding/")
        chart = page.locator(".ap-grafiek__scroll").first
        assert chart.evaluate("e => e.scrollWidth > e.clientWidth"), "at 360 px the chart scrolls inside its box"
        chart.focus()
        page.keyboard.press("ArrowRight")
        # Scrolling may be animated: wait until the box has moved (at most 3 s).
        page.wait_for_function("e => e.scrollLeft > 0", arg=chart.element_handle(), timeout=3000)
        page.locator(".ap-tabel-wrap").first.focus()
        assert page.evaluate("document.activeElement.classList.contains('ap-tabel-wrap')")
        # The page itself never gets wider than the screen (reflow at 320 CSS px).
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        page.close()
