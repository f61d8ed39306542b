"""The one bar-chart module (macros/charts.py) and its colours: geometry, text alternative, and
bars of at least 3:1 against the page in the light and the dark palette (WCAG 1.4.11).

The charts on the built pages are checked against their tables in tests/test_budget.py and
tests/test_progress.py; the browser pass (tests/browser/) checks reflow at 320 px and axe.
"""

from __future__ import annotations

import colorsys
import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from macros.views import budget
from macros.views import progress as progress_views
from macros.views.charts import MIN_WIDTH, Series, bar_chart
from tests.helpers import ROOT

CSS = (ROOT / "overrides" / "assets" / "actieplan.css").read_text(encoding="utf-8")
X = Series("x", "X")


def test_bars_share_one_scale_and_follow_each_other():
    chart = bar_chart("t", "Test", (X,), [("a", [Decimal(100)]), ("b", [Decimal(25)]), ("c", [Decimal(0)])])
    widths = [group.bars[0].width for group in chart.groups]
    assert widths[0] > 0 and widths[1] == pytest.approx(widths[0] / 4, abs=0.1) and widths[2] == 0
    # The largest bar and its amount fit in the drawing.
    longest = chart.groups[0].bars[0]
    assert longest.text_x + len(longest.amount) * 8 <= chart.width
    assert chart.description == "a: X: €\u00a0100. b: X: €\u00a025. c: X: €\u00a00."
    ys = [bar.y for group in chart.groups for bar in group.bars]
    assert ys == sorted(ys) and chart.height > ys[-1]


def test_summary_goes_before_the_figures():
    chart = bar_chart(
        "t", "Test", (X, Series("y", "Y")), [("2024", [Decimal(3), Decimal(1)])], summary="Twee staven per jaar."
    )
    assert chart.description == "Twee staven per jaar. 2024: X: €\u00a03, Y: €\u00a01."


def test_a_chart_with_one_kind_of_bar_has_no_series_names():
    chart = bar_chart("t", "Leeg", (Series("totaal", ""),), [("a", [Decimal(0)])])
    assert chart.label_width == 0 and chart.groups[0].bars[0].x == 0
    assert chart.groups[0].bars[0].width == 0
    assert chart.description == "a: €\u00a00."


def test_bars_start_after_the_longest_series_name():
    chart = bar_chart(
        "t", "T", (Series("a", "Kort"), Series("b", "Nog niet toegekend")), [("g", [Decimal(1), Decimal(2)])]
    )
    assert chart.label_width >= len("Nog niet toegekend") * 7
    assert {bar.x for bar in chart.groups[0].bars} == {chart.label_width}


def test_long_group_names_widen_the_drawing_instead_of_running_out():
    name = "PR99. " + "Een heel lange projectnaam " * 4
    chart = bar_chart("t", "T", (X,), [(name, [Decimal(1)])])
    assert chart.width >= len(name) * 7 > MIN_WIDTH


def test_values_must_match_the_series():
    with pytest.raises(ValueError, match="2 values for 1 series"):
        bar_chart("t", "T", (X,), [("a", [Decimal(1), Decimal(2)])])


def test_the_template_draws_at_full_size_with_a_name_and_every_text():
    from macros.site.render import Renderer

    chart = bar_chart("g", "Titel", (X, Series("y", "Y")), [("2024", [Decimal(3), Decimal(1)])])
    html = (
        Renderer(None)
        .env.from_string('{% from "_grafiek.html.jinja" import staafgrafiek %}{{ staafgrafiek(chart) }}')
        .render(chart=chart)
    )
    svg = BeautifulSoup(html, "lxml").find("svg")
    # Drawn 1:1 (the CSS never shrinks it on screen): width and height equal the viewBox.
    assert svg["viewbox"] == f"0 0 {svg['width']} {svg['height']}"
    assert svg["role"] == "img" and svg["aria-labelledby"] == "g-titel g-uitleg"
    assert svg.title.get_text() == "Titel" and svg.desc.get_text() == chart.description
    assert [t.get_text() for t in svg.select(".ap-grafiek__reeks")] == ["X", "Y"]
    assert [t.get_text() for t in svg.select(".ap-grafiek__waarde")] == ["€\u00a03", "€\u00a01"]
    region = svg.find_parent("div")
    assert region["role"] == "region" and region["tabindex"] == "0"


# --- colours ---------------------------------------------------------------------------------


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _hex(value: str) -> tuple[float, float, float]:
    return tuple(int(value[i : i + 2], 16) / 255 for i in (1, 3, 5))


def _contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _block(selector: str) -> str:
    """The first rule block of our CSS that starts with ``selector``."""
    match = re.search(re.escape(selector) + r"\s*\{(.*?)\}", CSS, re.S)
    assert match, selector
    return match.group(1)


#: The page backgrounds: white, and Material's slate (hsla(225deg, 15%, 14%)).
BACKGROUNDS = {
    '[data-md-color-scheme="default"]': (1.0, 1.0, 1.0),
    '[data-md-color-scheme="slate"]': colorsys.hls_to_rgb(225 / 360, 0.14, 0.15),
}


def _series_in_use() -> set[str]:
    keys = {s.key for s in (budget.AVAILABLE, budget.ALLOCATED, budget.REMAINING, budget.TOTAL)}
    return keys | {s.key for s in progress_views._MONEY_SERIES}


def test_one_set_of_chart_colours():
    assert "--ap-grafiek-" not in CSS
    rules = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", CSS):
        fill = re.search(r"fill:\s*var\(--ap-reeks-([a-z]+)\)", body)
        if fill:
            rules.update({key: fill.group(1) for key in re.findall(r"\.ap-grafiek__staaf--([a-z]+)", selectors)})
    assert _series_in_use() <= set(rules), _series_in_use() - set(rules)
    defined = set(re.findall(r"--ap-reeks-([a-z]+):", CSS))
    assert set(rules.values()) <= defined


@pytest.mark.parametrize("scheme", list(BACKGROUNDS))
def test_every_bar_colour_has_3_to_1_against_the_page(scheme):
    selector = ":root,\n" + scheme if scheme.endswith('"default"]') else scheme
    colours = dict(re.findall(r"--ap-reeks-([a-z]+):\s*(#[0-9a-fA-F]{6})", _block(selector)))
    assert set(colours) >= {"beschikbaar", "toegekend", "verplicht", "besteed", "rest"}
    for name, value in colours.items():
        ratio = _contrast(_hex(value), BACKGROUNDS[scheme])
        assert ratio >= 3, f"--ap-reeks-{name} {value}: {ratio:.2f}:1 in {scheme}"
