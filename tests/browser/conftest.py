"""Browser fixtures: Debian's chromium, the built site on 127.0.0.1, and one pass over every page.

Every test that needs chromium lives in this folder. The browser is ``$CHROMIUM``
or Debian's ``/usr/bin/chromium`` (macros/dev/browser.py), driven by Playwright
for Python (never a browser downloaded by Playwright). When it is missing, every
test marked ``browser`` is left out and the summary says so in one line; with
``REQUIRE_BROWSER=1`` (set by ``.ci/run``) a missing browser fails them instead.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from macros.dev.browser import CHROMIUM, have_browser, launch
from macros.pipeline import load_plan
from macros.site.pages import generated_pages
from tests.helpers import ROOT

from .audit import SiteAudit, audit_site, new_context, walk_once_per_template
from .server import serve

_AUDIT = pytest.StashKey[SiteAudit]()
_SKIPPED = pytest.StashKey[int]()


def _required() -> bool:
    return os.environ.get("REQUIRE_BROWSER") == "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """No browser (and not required): leave out every browser test; the summary says so in one line."""
    if have_browser() or _required():
        return
    left_out = [item for item in items if item.get_closest_marker("browser")]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker("browser")]
        config.stash[_SKIPPED] = len(left_out)


@pytest.fixture(scope="session")
def chromium() -> Path:
    """The browser binary; with REQUIRE_BROWSER=1 a missing browser fails every browser test."""
    if have_browser():
        return CHROMIUM
    message = f"chromium ontbreekt ({CHROMIUM}). Installeer het Debian-pakket chromium."
    if _required():
        pytest.fail(f"{message} REQUIRE_BROWSER=1: zonder browser mislukken de browsertests.", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser(chromium: Path):
    """One browser for the whole run (Playwright's sync API allows one running instance per thread)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = launch(playwright)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def base_url(chromium: Path, site: Path) -> Iterator[str]:
    """The address of the built site's home page, served by the tests on 127.0.0.1."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def generated(site: Path) -> set[str]:
    """The built paths of the generated pages (a page per measure, organisation and progress report)."""
    plan, _ = load_plan(ROOT / "data")
    return {page.src_uri.removesuffix(".md") + "/index.html" for page in generated_pages(plan)}


@pytest.fixture(scope="session")
def walked(site: Path, generated: set[str]) -> dict[str, str]:
    """The page per template whose Tab order the pass walks: template → path (audit.walk_once_per_template)."""
    return walk_once_per_template(site, generated)


@pytest.fixture(scope="session")
def audit(request: pytest.FixtureRequest, browser, base_url: str, site: Path, walked: dict[str, str]) -> SiteAudit:
    """Every page visited once (see audit.py); the accessibility, keyboard and privacy tests read this."""
    result = audit_site(browser, base_url, site, walk=walked.values())
    request.config.stash[_AUDIT] = result
    return result


#: The list's line above the results once a query is answered: a count, or "Geen ...".
_ANSWERED = "/\\d|Geen/"
_RESULTS = """() => [...document.querySelectorAll('.md-search-result__item')].map((item) =>
  [...item.querySelectorAll('a')].map((a) => ({
    href: a.href,
    title: (a.querySelector('h1, h2') || a).innerText.trim(),
  })))"""


@pytest.fixture(scope="session")
def search(browser, base_url: str):
    """Type a query into the search field of one open page; returns the result groups."""
    context = new_context(browser)
    page = context.new_page()
    page.goto(base_url)
    field = page.locator(".md-search__input")

    def run(query: str) -> list[list[dict]]:
        # The field searches on every key stroke; typing a long name key by key
        # only costs time, so all but the last key go in at once.
        # First an empty field, until the list says so: the answer to the previous query
        # ("Geen ...") must not be read as the answer to this one.
        field.fill("")
        field.focus()
        page.keyboard.press("Backspace")
        page.wait_for_function(
            f"() => !{_ANSWERED}.test(document.querySelector('.md-search-result__meta').textContent)"
        )
        field.fill(query[:-1])
        page.keyboard.type(query[-1])
        page.wait_for_function(f"() => {_ANSWERED}.test(document.querySelector('.md-search-result__meta').textContent)")
        # The worker answers every key stroke; wait until the list stops changing.
        last, groups = None, page.evaluate(_RESULTS)
        while groups != last:
            time.sleep(0.15)
            last, groups = groups, page.evaluate(_RESULTS)
        return groups

    yield run
    context.close()


@pytest.fixture
def page(browser, base_url: str):
    """A fresh tab in a fresh profile, for tests that drive one page themselves."""
    context = new_context(browser)
    tab = context.new_page()
    yield tab
    context.close()


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    """One line: the browser tests that were left out, or the size of the browser pass."""
    skipped = config.stash.get(_SKIPPED, 0)
    if skipped:
        terminalreporter.write_line(
            f"Let op: chromium ontbreekt ({CHROMIUM}); {skipped} browsertests zijn overgeslagen. "
            "Installeer het Debian-pakket chromium om ze te draaien.",
            yellow=True,
            bold=True,
        )
    result = config.stash.get(_AUDIT, None)
    if result is None:
        return
    runs = sum(len(p.palettes) for p in result.pages)
    stops = sum(len(w.stops) for p in result.pages for w in p.walks)
    walked = sum(1 for p in result.pages if p.walks)
    terminalreporter.write_line(
        f"Browsercontrole: {len(result.pages)} pagina's, {runs} axe-runs (licht en donker), "
        f"{len(result.violations)} overtredingen, {stops} toetsenbordstappen op {walked} pagina's "
        f"(één per sjabloon), {result.seconds:.1f} s."
    )
