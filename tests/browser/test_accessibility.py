"""WCAG 2.1 AA in a real browser: axe-core in both palettes, keyboard and reflow, on every page."""

from __future__ import annotations

from pathlib import Path

import pytest

from .audit import AXE_TAGS, NARROW

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


def test_the_first_tab_reaches_the_skip_link(audit):
    problems = []
    for page in audit.pages:
        first = page.focus_stops[0] if page.focus_stops else None
        if not first or not first["skip_link"] or "Ga naar inhoud" not in first["element"]:
            problems.append(f"{page.path}: eerste tab gaat naar {first and first['element']}")
    assert not problems, _report(problems)


def test_keyboard_focus_is_always_visible(audit):
    problems = [f"{page.path}: {stop['element']} (zichtbaar via: {stop['indicator']})"
                for page in audit.pages for stop in page.focus_stops if stop["outline"] is None]
    assert not problems, _report(problems)


def test_tab_reaches_every_visible_control_and_then_leaves_the_page(audit):
    problems = [f"{page.path}: niet bereikt met Tab: {control}" for page in audit.pages for control in page.missed_controls]
    problems += [f"{page.path}: na {len(page.focus_stops)} stappen komt de focus terug op {page.focus_returned_to}"
                 for page in audit.pages if not page.walk_completed]
    assert not problems, _report(problems)
    assert all(page.control_count > 0 for page in audit.pages)


def test_pages_reflow_at_320_css_pixels(audit):
    problems = [f"{page.path}: {page.reflow['scroll_width']}px breed op {page.reflow['width']}px "
                f"(opzij gescrold: {page.reflow['scrolled']}px); uitstekend: {page.reflow['culprits']}"
                for page in audit.pages
                if page.reflow["scroll_width"] > page.reflow["width"] or page.reflow["scrolled"] > 0]
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
    assert page.evaluate("() => Boolean(document.activeElement.closest('.md-content'))"), \
        page.evaluate("() => document.activeElement.outerHTML")


def test_the_palette_toggle_works_with_tab_and_enter(page, base_url: str):
    page.goto(base_url)
    schemes = [page.evaluate("() => document.body.dataset.mdColorScheme")]
    for _ in range(2):
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("() => Boolean(document.activeElement.closest('[data-md-component=palette]'))"):
                break
        else:
            pytest.fail("de knop voor licht/donker is niet met Tab te bereiken")
        page.keyboard.press("Enter")
        schemes.append(page.evaluate("() => document.body.dataset.mdColorScheme"))
        page.evaluate("() => { document.activeElement.blur(); document.body.focus(); }")
        page.goto(base_url)
    assert schemes == ["default", "slate", "default"]


def test_search_opens_and_results_open_with_the_keyboard(page, base_url: str):
    page.goto(base_url)
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.md-search__input')"):
            break
    else:
        pytest.fail("het zoekveld is niet met Tab te bereiken")
    page.keyboard.type("bloemlezing")
    page.wait_for_selector(".md-search-result__item a")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.matches('.md-search-result__link, .md-search-result a')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url != base_url
    assert "bloemlezing" in page.inner_text("article").lower()
