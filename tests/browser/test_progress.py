"""The Voortgang pages in Debian's chromium: axe-core (WCAG 2.1 AA) on a narrow screen, and the keyboard.

The audit pass (audit.py) runs axe on every page at 1280 px in both palettes;
this adds the width of a phone (360 px), where charts and status tables scroll
inside their own box. Left out when chromium is missing, unless REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

CASES = [
    ("voortgang/besteding/", "light", 360),
    ("voortgang/2025-11-30/", "light", 360),
    ("voortgang/", "dark", 360),
    ("voortgang/meld-voortgang/", "light", 360),
]


@pytest.mark.parametrize(("path", "scheme", "width"), CASES, ids=[f"{p}-{s}-{w}" for p, s, w in CASES])
def test_axe_finds_no_violations(browser, base_url, path, scheme, width):
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(color_scheme=scheme, viewport={"width": width, "height": 900})
    try:
        page.goto(base_url + path)
        results = Axe().run(
            page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
        )
        assert results.violations_count == 0, results.generate_report()
    finally:
        page.close()


def test_at_360_px_the_chart_fits_without_scrolling(browser, base_url):
    page = browser.new_page(viewport={"width": 360, "height": 800})
    try:
        page.goto(base_url + "voortgang/besteding/")
        chart = page.locator(".ap-grafiek__scroll").first
        assert not chart.evaluate("e => e.scrollWidth > e.clientWidth"), "at 360 px the narrow drawing fits"
        assert page.locator(".ap-grafiek__svg--smal").first.is_visible()
        assert not page.locator(".ap-grafiek__svg--breed").first.is_visible()
    finally:
        page.close()


def test_charts_and_tables_scroll_with_the_keyboard(browser, base_url):
    # Just above 600 px the wide drawing (640 px) is shown and scrolls inside its box.
    page = browser.new_page(viewport={"width": 620, "height": 800})
    try:
        page.goto(base_url + "voortgang/besteding/")
        chart = page.locator(".ap-grafiek__scroll").first
        assert chart.evaluate("e => e.scrollWidth > e.clientWidth"), "at 620 px the chart scrolls inside its box"
        chart.focus()
        page.keyboard.press("ArrowRight")
        # Scrolling may be animated: wait until the box has moved (at most 3 s).
        page.wait_for_function("e => e.scrollLeft > 0", arg=chart.element_handle(), timeout=3000)
        page.locator(".ap-tabel-wrap").first.focus()
        assert page.evaluate("document.activeElement.classList.contains('ap-tabel-wrap')")
        # The page itself never gets wider than the screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= 620
    finally:
        page.close()
