"""The optional filters of the search window: kind of page, status and actiehouder (issue 16).

Every page says what it is in ``data-pagefind-filter`` (macros/templates/zoekfilters.html.jinja);
the search window offers the filters once Pagefind is loaded (overrides/assets/zoekfilters.js).
Each test types into the real search field and reads the list the reader sees; what a filter must
keep is worked out from the YAML. Without filters the search is the one tests/browser/
test_search_recall.py measures.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest

from macros.pipeline import load_plan
from macros.site.render import STATUS_LABELS
from macros.site.theme import SEARCH_KINDS
from tests.helpers import ROOT

from .audit import AXE_SOURCE, NARROW, new_context, run_axe

pytestmark = pytest.mark.browser

#: A word on every measure page (the summary at the top names the actiehouder), and on other pages too.
EVERY_MEASURE = "actiehouder"
PLAN, _ = load_plan(ROOT / "data")
#: The line above the results once a query is answered: a count, or "Geen ..." (as in conftest.py).
ANSWERED = "/\\d|Geen/"


def _owner(measure) -> str:
    lead = PLAN.organisations[measure.owner]
    short = lead.abbreviation
    return f"{lead.name} ({short})" if short and short not in lead.name else lead.name


def _open(page, base_url: str, width: int = 1280) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base_url)
    if width < 960:
        page.click("button[aria-label=Zoeken]")
    else:
        page.focus(".md-search__input")
    page.wait_for_selector(".ap-zoekfilters select")


def _results(page, base_url: str) -> list[str]:
    """The pages of the list, in order, relative to the site root, once the list stops changing."""
    script = """() => [...document.querySelectorAll('.md-search-result__item > a:first-child')]
      .map((a) => a.href)"""
    base = urlsplit(base_url).path
    last, links = None, page.evaluate(script)
    while links != last:
        time.sleep(0.3)
        last, links = links, page.evaluate(script)
    # Material shows ten pages, then more as the reader scrolls: scroll to the end until all are there.
    for _ in range(10):
        page.evaluate(
            "() => { const w = document.querySelector('.md-search__scrollwrap'); w.scrollTop = w.scrollHeight; }"
        )
        time.sleep(0.3)
        more = page.evaluate(script)
        if more == links:
            break
        links = more
    return [urlsplit(href).path.removeprefix(base) for href in links]


def _search(page, base_url: str, query: str, **filters: str) -> list[str]:
    for name, value in filters.items():
        page.select_option(f"#ap-zoekfilter-{name}", value)
    # An empty field first, until the list says so: the previous answer is not this one's.
    page.fill(".md-search__input", "")
    page.press(".md-search__input", "Backspace")
    page.wait_for_function(f"() => !{ANSWERED}.test(document.querySelector('.md-search-result__meta').textContent)")
    page.type(".md-search__input", query)
    page.wait_for_function(f"() => {ANSWERED}.test(document.querySelector('.md-search-result__meta').textContent)")
    return _results(page, base_url)


def test_the_filters_offer_what_the_plan_has(page, base_url: str):
    _open(page, base_url)
    options = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.ap-zoekfilters select')].map((s) =>
          [s.name, [...s.options].map((o) => o.value).filter(Boolean)]))"""
    )
    assert options["soort"] == list(SEARCH_KINDS)
    statuses = {STATUS_LABELS[m.status] for m in PLAN.measures.values()}
    assert options["status"] == [label for label in STATUS_LABELS.values() if label in statuses]
    assert set(options["actiehouder"]) == {_owner(m) for m in PLAN.measures.values()}
    assert options["actiehouder"] == sorted(options["actiehouder"], key=str.casefold)
    # A fieldset with a legend, and a label for every select.
    assert page.inner_text(".ap-zoekfilters legend") == "Filters (niet verplicht)"
    labels = page.evaluate(
        "() => [...document.querySelectorAll('.ap-zoekfilters select')].map((s) => s.labels[0]?.textContent)"
    )
    assert labels == ["Soort pagina", "Status van de maatregel", "Actiehouder van de maatregel"]


@pytest.mark.parametrize("status", sorted({m.status for m in PLAN.measures.values()}))
def test_a_status_keeps_exactly_the_measures_with_that_status(page, base_url: str, status: str):
    _open(page, base_url)
    unfiltered = _search(page, base_url, EVERY_MEASURE)
    assert any(not p.startswith("maatregelen/") for p in unfiltered)
    found = _search(page, base_url, EVERY_MEASURE, status=STATUS_LABELS[status])
    expected = {m.page_path for m in PLAN.measures.values() if m.status == status}
    assert set(found) == expected


def test_an_actiehouder_keeps_exactly_the_measures_it_leads(page, base_url: str):
    owners = {}
    for m in PLAN.measures.values():
        owners.setdefault(_owner(m), set()).add(m.page_path)
    owner, expected = max(owners.items(), key=lambda item: len(item[1]))
    assert len(expected) >= 2
    _open(page, base_url)
    assert set(_search(page, base_url, EVERY_MEASURE, actiehouder=owner)) == expected


def test_a_kind_keeps_only_pages_of_that_kind_and_all_brings_everything_back(page, base_url: str):
    organisations = {o.page_path for o in PLAN.organisations.values()}
    _open(page, base_url)
    everything = _search(page, base_url, "mensenhandel")
    only = _search(page, base_url, "mensenhandel", soort="Organisatie")
    assert only and set(only) <= organisations
    assert set(only) < set(everything) | organisations
    assert _search(page, base_url, "mensenhandel", soort="") == everything
    progress = _search(page, base_url, "voortgang", soort="Voortgang")
    assert progress and all(p.startswith("voortgang/") for p in progress)


def test_two_filters_together_keep_what_both_keep(page, base_url: str):
    _open(page, base_url)
    found = _search(page, base_url, EVERY_MEASURE, soort="Maatregel", status="Lopend")
    assert set(found) == {m.page_path for m in PLAN.measures.values() if m.status == "lopend"}
    assert _search(page, base_url, EVERY_MEASURE, soort="Organisatie", status="Lopend") == []


def test_the_filters_work_by_keyboard_and_say_how_many_pages_were_found(page, base_url: str):
    _open(page, base_url)
    page.keyboard.type(EVERY_MEASURE)
    page.wait_for_selector(".md-search-result__item a")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "ap-zoekfilter-soort"
    assert page.evaluate("() => document.getElementById('__search').checked"), "Tab sloot het zoekvenster"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "ap-zoekfilter-status"
    # A key in a filter stays there (Material would send it to the search field).
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.id") == "ap-zoekfilter-status"
    chosen = page.evaluate("() => document.activeElement.value")
    assert chosen == page.evaluate("() => document.activeElement.options[1].value")
    expected = sum(1 for m in PLAN.measures.values() if STATUS_LABELS[m.status] == chosen)
    page.wait_for_function(
        "(text) => document.querySelector('.ap-zoekfilters [role=status]').textContent === text",
        arg=f"{expected} pagina{'' if expected == 1 else chr(39) + 's'} gevonden met deze filters",
    )
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("() => document.activeElement.matches('.md-search__input')")
    page.keyboard.press("Escape")
    assert not page.evaluate("() => document.getElementById('__search').checked")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_with_the_filters_open(browser, base_url: str, scheme: str):
    context = new_context(browser, color_scheme=scheme)
    found = []
    try:
        page = context.new_page()
        for width in (1280, NARROW["width"]):
            _open(page, base_url, width)
            page.evaluate(AXE_SOURCE + "\n;0")
            page.select_option("#ap-zoekfilter-soort", "Maatregel")
            page.keyboard.type("campagne")
            page.wait_for_selector(".md-search-result__item a")
            _, violations = run_axe(page, f"zoekfilters, {width}px")
            found += violations
    finally:
        context.close()
    assert not found, "\n".join(str(v) for v in found)
