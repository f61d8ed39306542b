"""The search index is downloaded only when the reader starts to search.

A first visit stays small (issue 8: at most 200 KB for the home page), because
``search/search_index.json`` is most of what the site would otherwise send.
overrides/assets/zoekindex-later.js holds the request back until focus enters
the search field, the search toggle is switched on, or the page was opened
with ``?h=`` (the highlighted words of a search result) or ``?q=``. These tests
watch the requests the browser really makes.
"""

from __future__ import annotations

import pytest

from .audit import NARROW, new_context

pytestmark = pytest.mark.browser

INDEX = "/search/search_index.json"
RESULT_LINK = ".md-search-result__item a"
# A word that stands in the hand-written text of docs/programma.md.
WORD = "arbeidsuitbuiting"


class Tab:
    """One page in a fresh profile, with every request and every script error it made."""

    def __init__(self, page):
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("pageerror", lambda error: self.errors.append(f"{error.message}\n{error.stack}"))

    def index_requests(self) -> list[str]:
        return [url for url in self.requests if url.split("?")[0].endswith(INDEX)]

    def pagefind_requests(self) -> list[str]:
        return [url for url in self.requests if "/pagefind/" in url]

    def our_errors(self) -> list[str]:
        # Material 9.8.1 itself throws one error on every page ("new URL('.')" in its
        # outdated-banner snippet); only errors from the script under test count here.
        return [error for error in self.errors if "zoekindex-later" in error or "zoeken.js" in error]


@pytest.fixture
def tab(browser):
    context = new_context(browser)
    yield Tab(context.new_page())
    context.close()


def _wait_for_results(page) -> list[str]:
    page.wait_for_selector(RESULT_LINK, timeout=15_000)
    return page.locator(RESULT_LINK).all_inner_texts()


def test_a_first_visit_does_not_download_the_search_index(tab, base_url: str):
    tab.page.goto(base_url, wait_until="networkidle")
    assert tab.index_requests() == [], "de zoekindex werd opgehaald zonder dat er gezocht werd"
    assert tab.pagefind_requests() == [], "Pagefind werd geladen zonder dat er gezocht werd"
    # The page still works: the other requests of Material's bundle went through and
    # were used (mike's version list fills the version selector), the header buttons
    # (a script that runs after the bundle) are there, and the script caused no error.
    assert any(url.endswith("/versions.json") for url in tab.requests)
    tab.page.wait_for_selector(".md-version__current")
    assert tab.page.locator("button[aria-label=Zoeken]").count() == 1
    assert tab.page.locator("h1").first.is_visible()
    assert tab.our_errors() == []


def test_focus_in_the_search_field_downloads_the_index_and_a_dutch_word_is_found(tab, base_url: str):
    tab.page.goto(base_url, wait_until="networkidle")
    assert tab.index_requests() == []
    tab.page.focus(".md-search__input")
    tab.page.keyboard.type(WORD)
    results = _wait_for_results(tab.page)
    assert len(tab.index_requests()) == 1
    assert any(WORD in text.lower() for text in results), f"'{WORD}' niet in de resultaten: {results}"
    # Pagefind's index comes in chunks from this site, next to the pages (relative: every version folder).
    assert tab.pagefind_requests() and all(url.startswith(base_url) for url in tab.pagefind_requests())
    assert tab.our_errors() == []


def test_a_search_result_page_with_h_downloads_the_index_and_marks_the_word(tab, base_url: str):
    tab.page.goto(f"{base_url}programma/?h={WORD}", wait_until="networkidle")
    assert len(tab.index_requests()) == 1
    tab.page.wait_for_selector("article mark[data-md-highlight]", timeout=15_000)
    marked = tab.page.locator("article mark[data-md-highlight]").all_inner_texts()
    assert any(WORD in text.lower() for text in marked), marked
    assert tab.our_errors() == []


def test_a_page_opened_with_q_downloads_the_index_and_shows_results(tab, base_url: str):
    tab.page.goto(f"{base_url}?q={WORD}", wait_until="networkidle")
    assert len(tab.index_requests()) == 1
    assert _wait_for_results(tab.page)


def test_on_a_narrow_screen_the_search_button_downloads_the_index_and_results_come(tab, base_url: str):
    tab.page.set_viewport_size(NARROW)
    tab.page.goto(base_url, wait_until="networkidle")
    assert tab.index_requests() == []
    tab.page.click("button[aria-label=Zoeken]")
    assert tab.page.evaluate("() => document.getElementById('__search').checked")
    tab.page.keyboard.type("rondetafel")
    results = _wait_for_results(tab.page)
    assert len(tab.index_requests()) == 1
    assert any("rondetafel" in text.lower() for text in results), results
