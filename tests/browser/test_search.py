"""The Dutch search finds what readers type, through the real search field of the site.

Each query is typed into the search field of the page and we read the list
the reader sees. "Among the first results" means: in the first three pages the
list shows (a page with its matching sections counts as one).
"""

from __future__ import annotations

import time

import pytest

from macros.pipeline import load_plan
from tests.helpers import ROOT

from .audit import new_context

pytestmark = pytest.mark.browser

FIRST_PAGES = 3

# What readers type → text of a heading they expect among the first results.
WORDS = {
    "arbeidsuitbuiting": "arbeidsuitbuiting",
    "zorgcoördinator": "zorgcoördinator",
    "rondetafel": "rondetafel",
    "bloemlezing": "bloemlezing",
    "Rondetafel": "rondetafel",
    "toegankelijkheid": "toegankelijkheid",
    "begroting": "begroting",
}

_RESULTS = """() => [...document.querySelectorAll('.md-search-result__item')].map((item) =>
  [...item.querySelectorAll('a')].map((a) => ({
    href: a.href,
    title: (a.querySelector('h1, h2') || a).innerText.trim(),
  })))"""


def _measures() -> list[tuple[str, str]]:
    plan, _ = load_plan(ROOT / "data")
    return [(m.id, m.title) for m in plan.measures.values()]


@pytest.fixture(scope="module")
def search(browser, base_url: str):
    """Type a query into the search field of one open page; returns the result groups."""
    context = new_context(browser)
    page = context.new_page()
    page.goto(base_url)
    field = page.locator(".md-search__input")

    def run(query: str) -> list[list[dict]]:
        # The field searches on every key stroke; typing a long name key by key
        # only costs time, so all but the last key go in at once.
        field.fill(query[:-1])
        field.focus()
        page.keyboard.type(query[-1])
        page.wait_for_function("() => /\\d|Geen/.test(document.querySelector('.md-search-result__meta').textContent)")
        # The worker answers every key stroke; wait until the list stops changing.
        last, groups = None, page.evaluate(_RESULTS)
        while groups != last:
            time.sleep(0.15)
            last, groups = groups, page.evaluate(_RESULTS)
        return groups

    yield run
    context.close()


def _shown(groups: list[list[dict]]) -> str:
    return "\n  ".join(f"{link['title']}  ({link['href']})" for group in groups for link in group) or "(niets)"


@pytest.mark.parametrize("query", WORDS)
def test_a_word_finds_its_section_among_the_first_results(search, query: str):
    groups = search(query)
    expected = WORDS[query]
    hits = [link for group in groups[:FIRST_PAGES] for link in group if expected in link["title"].lower()]
    assert hits, (
        f"'{query}': geen kop met '{expected}' in de eerste {FIRST_PAGES} pagina's; gevonden:\n  {_shown(groups)}"
    )


@pytest.mark.parametrize(("measure_id", "title"), _measures())
def test_the_name_of_a_measure_finds_that_measure(search, measure_id: str, title: str):
    groups = search(title)
    hits = [
        link
        for group in groups[:FIRST_PAGES]
        for link in group
        if title.lower() in link["title"].lower() and measure_id.lower() in (link["title"] + link["href"]).lower()
    ]
    assert hits, f"'{title}' ({measure_id}) niet in de eerste {FIRST_PAGES} pagina's; gevonden:\n  {_shown(groups)}"


def test_a_word_that_is_nowhere_finds_nothing(search):
    assert search("xylofoonkwartet") == []
