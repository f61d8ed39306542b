"""The measures overview in a real browser: filters by keyboard, the URL as filter state,
unknown filter values, sorting, and the page without JavaScript.

Runs on Debian's chromium (macros/dev/browser.py), on the site served by
tests/browser/conftest.py; left out when it is missing, unless REQUIRE_BROWSER=1
(then it fails).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import yaml

from tests.helpers import ROOT

pytestmark = pytest.mark.browser

MEASURES = [
    yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "data" / "maatregelen").glob("*.yml"))
]
STATUS_ORDER = ["gepland", "lopend", "vertraagd", "afgerond", "gestopt"]


@pytest.fixture(name="page")
def fixture_page(browser, base_url):
    """A fresh profile (without the audit's focus probe); fails the test when the page asks another host."""
    context = browser.new_context()
    page = context.new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if urlsplit(request.url).hostname not in ("127.0.0.1", None) and not request.url.startswith("data:")
            else None
        ),
    )
    yield page
    context.close()
    assert not outside, f"requests to other hosts: {outside}"


def visible_ids(page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-filter-table] tbody tr:not([hidden])",
        "rows => rows.map(r => r.id.replace('overzicht-', '').toUpperCase())",
    )


def expected(doel: str | None = None, vorm: str | None = None) -> list[str]:
    return [
        m["id"]
        for m in MEASURES
        if (doel is None or doel in m["hoofddoelen"]) and (vorm is None or vorm in m["uitbuitingsvormen"])
    ]


def test_filter_by_keyboard_updates_rows_count_and_url(page, base_url):
    page.goto(base_url + "maatregelen/")
    assert page.is_visible("#filter-doel")
    assert page.inner_text("[data-filter-count]") == f"{len(MEASURES)} maatregelen"
    page.focus("#filter-doel")
    # The first option after "Alle hoofddoelen" is the first main aim in the data.
    page.keyboard.press("ArrowDown")
    value = page.eval_on_selector("#filter-doel", "s => s.value")
    assert value == "preventie"
    want = expected(doel="preventie")
    assert 0 < len(want) < len(MEASURES)
    assert visible_ids(page) == want
    assert (
        page.inner_text("[data-filter-count]")
        == f"{len(want)} van de {len(MEASURES)} maatregelen passen bij de filters"
    )
    assert page.get_attribute("[data-filter-count]", "role") == "status"
    assert "doel=preventie" in page.url
    # Tab moves on to the next filter; a second filter narrows the table further.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "filter-vorm"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    vorm = page.eval_on_selector("#filter-vorm", "s => s.value")
    assert visible_ids(page) == expected(doel="preventie", vorm=vorm)
    assert f"vorm={vorm}" in page.url
    # The reset button is reachable by keyboard and shows every measure again.
    page.focus("[data-filter-reset]")
    page.keyboard.press("Enter")
    assert visible_ids(page) == [m["id"] for m in MEASURES]
    assert "doel=" not in page.url and "vorm=" not in page.url


def test_the_url_reproduces_a_filtered_view(page, base_url):
    page.goto(base_url + "maatregelen/?doel=preventie&vorm=arbeidsuitbuiting")
    want = expected(doel="preventie", vorm="arbeidsuitbuiting")
    assert want, "the sample data should have a measure for both filters"
    assert visible_ids(page) == want
    assert page.eval_on_selector("#filter-doel", "s => s.value") == "preventie"
    assert page.eval_on_selector("#filter-vorm", "s => s.value") == "arbeidsuitbuiting"
    assert page.is_hidden("[data-filter-notice]")


def test_unknown_filter_value_shows_everything_and_a_notice(page, base_url):
    page.goto(base_url + "maatregelen/?doel=bestaat-niet")
    assert visible_ids(page) == [m["id"] for m in MEASURES]
    assert page.is_visible("[data-filter-notice]")
    notice = page.inner_text("[data-filter-notice]")
    assert "alle maatregelen" in notice and "onbekende waarde" in notice
    # Audit L11: text from the URL is never written onto the page.
    page.goto(base_url + "maatregelen/?doel=Deze%20site%20is%20verhuisd,%20bel%200900-1234")
    notice = page.inner_text("[data-filter-notice]")
    assert "verhuisd" not in notice and "0900" not in notice
    assert "doel=" not in page.url


def test_unknown_value_is_ignored_but_known_filters_still_apply(page, base_url):
    page.goto(base_url + "maatregelen/?doel=preventie&status=onbekend")
    assert visible_ids(page) == expected(doel="preventie")
    assert "onbekende waarde voor het filter Status" in page.inner_text("[data-filter-notice]")


def test_sort_by_status_with_the_keyboard(page, base_url):
    page.goto(base_url + "maatregelen/")
    header = page.locator("thead th", has=page.locator("button", has_text="Status"))
    header.locator("button").focus()
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "ascending"
    order = [next(m["status"] for m in MEASURES if m["id"] == i) for i in visible_ids(page)]
    assert order == sorted(order, key=STATUS_ORDER.index)
    assert "Gesorteerd op status, oplopend" in page.inner_text("[data-filter-count]")
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "descending"
    order = [next(m["status"] for m in MEASURES if m["id"] == i) for i in visible_ids(page)]
    assert order == sorted(order, key=STATUS_ORDER.index, reverse=True)


def test_without_javascript_the_whole_table_shows(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "maatregelen/?doel=preventie")
    rows = page.locator("[data-filter-table] tbody tr")
    assert rows.count() == len(MEASURES)
    assert all(rows.nth(i).is_visible() for i in range(rows.count()))
    assert page.is_hidden("[data-filter-controls]")
    context.close()
