"""The Content-Security-Policy (macros/site/csp.py) holds in chromium: no page, and nothing a reader does, breaks it.

The init script of every profile (js/init.js) records each
``securitypolicyviolation``; the pass over every page (audit.py) collects
them, and the test below uses search, the filters, the palette toggle and
the version selector on top.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import ROOT, build_site

from .audit import CSP_VIOLATIONS, new_context
from .server import serve, site_config

pytestmark = pytest.mark.browser


def test_no_page_violates_its_policy(audit):
    problems = [f"{page.path}: {v}" for page in audit.pages for v in page.csp]
    assert not problems, "\n".join(problems)


def test_the_policy_catches_a_script_it_does_not_name(browser, base_url):
    """The listener is real: an inline script the policy does not list is refused and reported."""
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(base_url, wait_until="load")
        page.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.body.append(s); }"
        )
        page.wait_for_function("() => window.__apCsp.length > 0", timeout=5000)
        assert page.evaluate("() => window.__ran") is None
        assert any("script-src" in v for v in page.evaluate(CSP_VIOLATIONS))
    finally:
        context.close()


def test_no_violation_while_searching_filtering_switching_palette_and_version(browser, site: Path, tmp_path_factory):
    if not site_config(site).get("version"):
        from mkdocs.config import load_config

        extra = {**load_config(str(ROOT / "mkdocs.yml")).extra, "version": {"provider": "mike"}}
        site = build_site(tmp_path_factory.mktemp("versioned-csp") / "site", extra=extra)
    context = new_context(browser)
    found: list[str] = []
    try:
        with serve(site) as url:
            page = context.new_page()
            # Search: the index comes on focus, the worker runs, results show.
            page.goto(url, wait_until="load")
            page.focus("input[data-md-component=search-query]")
            page.keyboard.type("mensenhandel")
            page.wait_for_selector(".md-search-result__item", timeout=15000)
            page.keyboard.press("Escape")
            found += page.evaluate(CSP_VIOLATIONS)
            # The palette toggle.
            page.locator("form[data-md-component=palette] input").first.focus()
            page.keyboard.press("Enter")
            page.wait_for_timeout(200)
            # The version selector (mike's versions.json).
            page.wait_for_selector(".md-version__current")
            page.locator(".md-version__current").focus()
            page.keyboard.press("Tab")
            assert page.is_visible(".md-version__list")
            found += page.evaluate(CSP_VIOLATIONS)
            # The filters of the measures overview.
            page.goto(url + "maatregelen/", wait_until="load")
            page.focus("#filter-doel")
            page.keyboard.press("ArrowDown")
            page.keyboard.press("Tab")
            page.keyboard.press("ArrowDown")
            page.wait_for_timeout(200)
            assert "doel=" in page.url
            found += page.evaluate(CSP_VIOLATIONS)
    finally:
        context.close()
    assert not found, "\n".join(found)
