"""The consultation in a browser, on the site built while a round is open (the banner on every page).

The audit pass (audit.py) checks every page of the normal build; these tests add
what only the "round open" build has: the consultation banner and the prefilled
reaction links, with their requests, their keyboard access and axe in both palettes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .server import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", name="browser_page")
def fixture_browser_page(open_site: Path, browser) -> Iterator[tuple]:
    """A page of the session's chromium and the loopback address serving the open site; every request is recorded."""
    requests: list[str] = []
    with serve(open_site) as base:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.on("request", lambda request: requests.append(request.url))
            yield page, base, requests
        finally:
            context.close()


@pytest.mark.parametrize("path", ["ogw/stap-4-maatregelen/", "consultatie/", "consultatie/verslag/"])
def test_browser_makes_no_third_party_requests(browser_page, path):
    page, base, requests = browser_page
    requests.clear()
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    assert "Consultatie open" in page.locator(".ap-banner--consultatie").inner_text()
    assert page.locator(".ap-reageer").is_visible()
    # The site is served under its path (/actieplan/); mike's versions.json sits beside it on the same host.
    origin = base.removesuffix(urlsplit(base).path) + "/"
    assert requests and all(url.startswith(origin) for url in requests), [
        u for u in requests if not u.startswith(origin)
    ]


def test_reaction_link_is_reachable_with_the_keyboard(browser_page):
    page, base, _ = browser_page
    page.goto(base + "over/privacy/")
    for _ in range(150):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Reageer op deze pagina":
            break
    else:
        pytest.fail("de link 'Reageer op deze pagina' is niet met de toets Tab te bereiken")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus must be visible"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["consultatie/", "consultatie/verslag/"])
def test_consultation_pages_pass_axe(browser_page, scheme, path):
    from axe_playwright_python.sync_playwright import Axe

    page, base, _ = browser_page
    page.emulate_media(color_scheme=scheme)
    page.goto(base + path)
    # Material keeps the palette of earlier pages in localStorage; start fresh so the media query decides.
    page.evaluate("localStorage.clear()")
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.body.dataset.mdColorScheme") == {"light": "default", "dark": "slate"}[scheme]
    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    )
    assert results.violations_count == 0, results.generate_report()
