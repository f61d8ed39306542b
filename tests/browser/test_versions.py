"""Versions in a browser: the banners of a mike deployment (the mike repository is built in tests/conftest.py)."""

from __future__ import annotations

import subprocess

import pytest
from axe_playwright_python.sync_playwright import Axe

from macros.dev.browser import serve

pytestmark = pytest.mark.browser


def test_banners_in_the_browser(mike_repo, tmp_path, browser):
    served = tmp_path / "gh-pages"
    served.mkdir()
    archive = subprocess.run(["git", "archive", "gh-pages"], cwd=mike_repo, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(served)], input=archive, check=True)
    with serve(served) as base:
        page = browser.new_page()

        def state(path: str) -> tuple[bool, bool]:
            page.goto(base + path, wait_until="networkidle")
            outdated = page.locator("[data-md-component=outdated]")
            return page.locator(".ap-banner--concept").is_visible(), outdated.is_visible()

        assert state("2024-06/") == (False, False)
        assert state("2023-10/") == (False, True)
        assert "oudere versie van het actieplan" in page.locator("[data-md-component=outdated]").inner_text()
        # The banner passes axe (its link was once white on yellow), and its link leads to the current version.
        results = Axe().run(
            page,
            context="[data-md-component=outdated]",
            options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}},
        )
        assert results.violations_count == 0, results.generate_report()
        page.click("[data-md-component=outdated] a")
        page.wait_for_url("**/2024-06/")
        assert state("werkversie/") == (True, True)
        page.goto(base, wait_until="networkidle")
        assert page.url.endswith("/2024-06/")
        page.close()
