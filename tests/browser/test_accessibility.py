"""WCAG 2.1 AA in a real browser: axe-core in both palettes and reflow on every page, the keyboard per template."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import ROOT, build_site

from .audit import AXE_SOURCE, AXE_TAGS, NARROW, new_context, probe, run_axe, template_of
from .server import serve, site_config

pytestmark = pytest.mark.browser


def _report(problems: list[str]) -> str:
    return f"{len(problems)} probleem/problemen:\n  " + "\n  ".join(problems)


def test_the_pass_visits_every_html_page(audit, site: Path):
    built = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert [p.path for p in audit.pages] == built
    assert len(built) >= 14


def test_axe_finds_no_violations_in_the_light_and_the_dark_palette(audit):
    assert AXE_TAGS == ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
    unchecked = [p.path for p in audit.pages if sorted(p.palettes) != ["default", "slate"]]
    assert not unchecked, f"niet in beide weergaven gecontroleerd: {unchecked}"
    assert not audit.violations, _report([str(v) for v in audit.violations])


def _walks(audit):
    return [(page, walk) for page in audit.pages for walk in page.walks]


def test_one_page_of_each_template_is_walked_with_the_keyboard_at_1280_and_at_320_px(
    audit, site: Path, generated: set[str], walked: dict[str, str]
):
    """The Tab walk runs once per template (why that suffices: audit.walk_once_per_template)."""
    built = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    # Every page belongs to a walked template; each hand-written page is its own.
    assert {template_of(path, generated) for path in built} == set(walked)
    assert all(walked[path] == path for path in built if path not in generated)
    # Each kind of generated page (measure, organisation, progress annex) has its one walk.
    assert {"maatregelen/*", "organisaties/*", "voortgang/*"} <= set(walked)
    assert sum(1 for path in built if path in generated) > len([t for t in walked if t.endswith("/*")])
    assert {page.path for page in audit.pages if page.walks} == set(walked.values())
    assert all(
        [w.width for w in page.walks] == ([1280, NARROW["width"]] if page.path in walked.values() else [])
        for page in audit.pages
    )


def test_the_first_tab_reaches_the_skip_link(audit):
    problems = []
    for page, walk in _walks(audit):
        first = walk.stops[0] if walk.stops else None
        if not first or not first["skip_link"] or "Ga naar inhoud" not in first["element"]:
            problems.append(f"{page.path} ({walk.width}px): eerste tab gaat naar {first and first['element']}")
    assert not problems, _report(problems)


def test_keyboard_focus_is_always_visible(audit):
    problems = [
        f"{page.path} ({walk.width}px): {stop['element']} (zichtbaar via: {stop['indicator']})"
        for page, walk in _walks(audit)
        for stop in walk.stops
        if stop["outline"] is None
    ]
    assert not problems, _report(problems)


def test_tab_reaches_every_visible_control_and_then_leaves_the_page(audit):
    problems = [
        f"{page.path} ({walk.width}px): niet bereikt met Tab: {control}"
        for page, walk in _walks(audit)
        for control in walk.missed_controls
    ]
    problems += [
        f"{page.path} ({walk.width}px): na {len(walk.stops)} stappen komt de focus terug op {walk.returned_to}"
        for page, walk in _walks(audit)
        if not walk.completed
    ]
    assert not problems, _report(problems)
    assert all(walk.control_count > 0 for _, walk in _walks(audit))


def test_pages_reflow_at_320_css_pixels(audit):
    problems = [
        f"{page.path}: {page.reflow['scroll_width']}px breed op {page.reflow['width']}px "
        f"(opzij gescrold: {page.reflow['scrolled']}px); uitstekend: {page.reflow['culprits']}"
        for page in audit.pages
        if page.reflow["scroll_width"] > page.reflow["width"] or page.reflow["scrolled"] > 0
    ]
    assert not problems, _report(problems)
    assert all(page.reflow["width"] <= NARROW["width"] for page in audit.pages)


def test_the_skip_link_moves_focus_to_the_content(page, base_url: str):
    page.goto(base_url)
    page.keyboard.press("Tab")
    target = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert target.startswith("#")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => location.hash") == target
    assert page.evaluate("() => Boolean(document.activeElement.closest('.md-content'))"), page.evaluate(
        "() => document.activeElement.outerHTML"
    )


def test_the_palette_toggle_works_with_tab_and_enter_and_is_remembered(page, base_url: str):
    page.goto(base_url)
    schemes = [page.evaluate("() => document.body.dataset.mdColorScheme")]
    for _ in range(2):
        _tab_to(page, "[data-md-component=palette] input")
        page.keyboard.press("Enter")
        page.goto(base_url)
        schemes.append(page.evaluate("() => document.body.dataset.mdColorScheme"))
    assert schemes == ["default", "slate", "default"]


def test_search_opens_and_results_open_with_the_keyboard(page, base_url: str):
    page.goto(base_url)
    _tab_to(page, ".md-search__input")
    page.keyboard.type("bloemlezing")
    page.wait_for_selector(".md-search-result__item a")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.matches('.md-search-result__link, .md-search-result a')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url != base_url
    assert "bloemlezing" in page.inner_text("article").lower()


def _tab_to(page, selector: str, limit: int = 15) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} is niet met Tab te bereiken")


def test_on_a_narrow_screen_the_menu_opens_and_closes_with_the_keyboard(page, base_url: str):
    page.set_viewport_size(NARROW)
    page.goto(base_url + "ogw/")
    _tab_to(page, "button[aria-label=Menu]")
    assert page.get_attribute("button[aria-label=Menu]", "aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.getElementById('__drawer').checked")
    assert page.get_attribute("button[aria-label=Menu]", "aria-expanded") == "true"
    assert page.evaluate("() => Boolean(document.activeElement.closest('.md-sidebar--primary'))")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.matches('.md-sidebar--primary .md-nav__link')")
    page.keyboard.press("Escape")
    assert not page.evaluate("() => document.getElementById('__drawer').checked")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Menu"


def test_on_a_narrow_screen_the_search_button_opens_search_with_the_keyboard(page, base_url: str):
    page.set_viewport_size(NARROW)
    page.goto(base_url)
    _tab_to(page, "button[aria-label=Zoeken]")
    page.keyboard.press(" ")
    assert page.evaluate("() => document.getElementById('__search').checked")
    assert page.evaluate("() => document.activeElement.matches('.md-search__input')")
    page.keyboard.type("rondetafel")
    page.wait_for_selector(".md-search-result__item a")
    page.keyboard.press("Escape")
    assert not page.evaluate("() => document.getElementById('__search').checked")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_with_the_menu_or_search_open(browser, base_url: str, scheme: str):
    """States the page-by-page pass does not open: search with results (wide and narrow), the menu (narrow)."""
    context = new_context(browser, color_scheme=scheme)
    found = []
    try:
        page = context.new_page()
        for width, opened in ((1280, "Zoeken"), (NARROW["width"], "Menu"), (NARROW["width"], "Zoeken")):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(base_url + "ogw/stap-1-opgave/")
            page.evaluate(AXE_SOURCE + "\n;0")
            if opened == "Menu":
                page.click("button[aria-label=Menu]")
            elif width == NARROW["width"]:
                page.click("button[aria-label=Zoeken]")
            else:
                page.focus(".md-search__input")
            if opened == "Zoeken":
                page.keyboard.type("rondetafel")
                page.wait_for_selector(".md-search-result__item a")
            palette, violations = run_axe(page, f"stap 1, {width}px, {opened} open")
            assert palette == {"light": "default", "dark": "slate"}[scheme]
            found += violations
    finally:
        context.close()
    assert not found, _report([str(v) for v in found])


def test_the_version_selector_works_with_the_keyboard(browser, site: Path, tmp_path_factory):
    """Material's version selector (mike). Until mkdocs.yml sets it, on a build of this site that does."""
    if not site_config(site).get("version"):
        from mkdocs.config import load_config

        extra = {**load_config(str(ROOT / "mkdocs.yml")).extra, "version": {"provider": "mike"}}
        site = build_site(tmp_path_factory.mktemp("versioned") / "site", extra=extra)
    context = new_context(browser)
    try:
        with serve(site) as url:
            page = context.new_page()
            page.goto(url)
            page.wait_for_selector(".md-version__current")
            _tab_to(page, ".md-version__current")
            assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Selecteer versie"
            assert page.evaluate(probe("focus_stop"), "look")["outline"]
            page.keyboard.press("Tab")
            assert page.evaluate("() => document.activeElement.matches('.md-version__link')")
            assert page.is_visible(".md-version__list")
            assert page.evaluate(probe("focus_stop"), "look")["outline"]
            page.evaluate(AXE_SOURCE + "\n;0")
            _, violations = run_axe(page, "versiekeuze open")
            assert not violations, _report([str(v) for v in violations])
    finally:
        context.close()
