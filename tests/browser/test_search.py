"""The Dutch search finds what readers type, through the real search field of the site.

Each query is typed into the search field of the page and we read the list
the reader sees. "Among the first results" means: in the first three pages the
list shows (a page with its matching sections counts as one).
"""

from __future__ import annotations

import pytest

from macros.pipeline import load_plan
from tests.helpers import ROOT

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


def _measures() -> list[tuple[str, str]]:
    plan, _ = load_plan(ROOT / "data")
    return [(m.id, m.title) for m in plan.measures.values()]


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
