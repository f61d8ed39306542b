"""Every page fits the screen at 1280 and at 375 CSS pixels (issue 16).

One visit per page and width, with tests/browser/js/layout.js:

- the page itself never scrolls sideways;
- at 1280, no box hides columns of its table behind a sideways scroll (on every page, not only
  the overviews; no page is an exception);
- at 375, no table needs sideways scrolling either: a wide table becomes cards at 600 px and below;
- at 375, no chart needs sideways scrolling (the narrow drawing takes its place);
- no word in a title (heading, table header, link in a cell, term) breaks inside; ids and
  addresses may.

Screenshots of the main pages at both widths go to ``$ACTIEPLAN_SCHERMAFDRUKKEN`` (default
``tests/browser/screenshots/``, ignored by git; CI keeps the folder as an artifact).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import ROOT

from .audit import new_context, probe

pytestmark = pytest.mark.browser

WIDE = {"width": 1280, "height": 800}
SMALL = {"width": 375, "height": 800}
#: The main pages, photographed at both widths.
MAIN_PAGES = (
    "",
    "maatregelen/",
    "maatregelen/m02/",
    "begroting/",
    "voortgang/",
    "voortgang/besteding/",
    "organisaties/",
    "ogw/",
    "ogw/stap-2-probleemanalyse/",
)


def _pages(site: Path) -> list[str]:
    """Every page's address relative to the site root (``""`` for the home page): every index.html
    the build wrote, so a new page is checked without being listed anywhere."""
    folders = (p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return sorted("" if folder == "." else folder + "/" for folder in folders)


def _screenshots() -> Path:
    folder = Path(os.environ.get("ACTIEPLAN_SCHERMAFDRUKKEN") or ROOT / "tests" / "browser" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def layout(browser, base_url: str, site: Path) -> dict[tuple[int, str], dict]:
    """Per (width, page): what layout.js found; and the screenshots of the main pages."""
    script = probe("layout")
    found = {}
    folder = _screenshots()
    for viewport in (WIDE, SMALL):
        context = new_context(browser)
        tab = context.new_page()
        tab.set_viewport_size(viewport)
        for path in _pages(site):
            tab.goto(base_url + path)
            found[(viewport["width"], path)] = tab.evaluate(script)
            if path in MAIN_PAGES:
                name = (path.strip("/").replace("/", "_") or "home") + f"-{viewport['width']}.png"
                tab.screenshot(path=str(folder / name), full_page=True)
        context.close()
    return found


def _failures(layout: dict, width: int, key: str) -> list[str]:
    return [f"{path or '/'}: {r[key]}" for (w, path), r in layout.items() if w == width and r[key]]


def test_every_page_of_the_site_is_checked_at_both_widths(layout, site: Path, generated: set[str]):
    pages = set(_pages(site))
    assert {path for _, path in layout} == pages
    assert len(layout) == 2 * len(pages)
    # The generated pages (a page per measure, organisation and progress report) are among them.
    assert {path.removesuffix("index.html") for path in generated} <= pages
    assert len(pages) > 50


@pytest.mark.parametrize("width", [1280, 375])
def test_no_page_scrolls_sideways(layout, width: int):
    assert not _failures(layout, width, "page")


def test_at_1280_no_table_hides_columns_behind_a_scroll(layout):
    failures = _failures(layout, 1280, "tables")
    assert not failures, "\n".join(failures)


def test_at_375_no_table_needs_sideways_scrolling(layout):
    failures = _failures(layout, 375, "tables")
    assert not failures, "\n".join(failures)


def test_at_375_no_chart_needs_sideways_scrolling(layout):
    failures = _failures(layout, 375, "charts")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("width", [1280, 375])
def test_no_word_breaks_inside_in_titles(layout, width: int):
    failures = _failures(layout, width, "broken")
    assert not failures, "\n".join(failures)


def test_the_main_pages_are_photographed_at_both_widths(layout):
    folder = _screenshots()
    for path in MAIN_PAGES:
        for width in (1280, 375):
            name = (path.strip("/").replace("/", "_") or "home") + f"-{width}.png"
            assert (folder / name).stat().st_size > 10_000, name


def test_at_375_a_table_shown_as_cards_is_still_a_table_for_screen_readers(browser, base_url: str):
    """The cards are CSS only: the accessibility tree keeps the table, its headers and cells, and a
    cell's text is its own (the column name before it is for the eye only, content: … / "")."""
    context = new_context(browser)
    try:
        tab = context.new_page()
        tab.set_viewport_size(SMALL)
        tab.goto(base_url + "begroting/")
        assert (
            tab.evaluate("() => getComputedStyle(document.querySelector('table.ap-tabel--kaarten tbody tr')).display")
            == "block"
        )
        nodes = context.new_cdp_session(tab).send("Accessibility.getFullAXTree")["nodes"]
    finally:
        context.close()
    roles = [n.get("role", {}).get("value") for n in nodes if not n.get("ignored")]
    for role in ("table", "row", "columnheader", "rowheader", "cell"):
        assert role in roles, role
    cells = [n.get("name", {}).get("value", "") for n in nodes if n.get("role", {}).get("value") == "cell"]
    assert any(name.startswith("€") for name in cells), cells[:10]
    assert not any(name.startswith(("Per jaar", "Beschikbaar", "Toegekend")) for name in cells), cells[:10]
