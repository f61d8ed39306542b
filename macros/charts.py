"""Horizontal bar charts as inline SVG, laid out at build time.

The view gives the figures; :func:`bar_chart` works out where every bar and
label goes, and the template ``_grafiek.html.jinja`` only draws what it is
given. No chart library and no request elsewhere. Every chart has a text
alternative (``description``), and the page shows the same figures in a table.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from .formatting import euro

__all__ = ["Bar", "BarChart", "BarGroup", "Series", "bar_chart"]

WIDTH = 640
#: Room to the right of the longest bar for its text ("Nog niet toegekend: € 1.050.000").
TEXT_ROOM = 250
LABEL_HEIGHT = 20
BAR_HEIGHT = 18
BAR_GAP = 4
GROUP_GAP = 14


@dataclasses.dataclass(frozen=True)
class Series:
    """One kind of bar: its CSS modifier (``ap-grafiek__staaf--<key>``) and the word before its amount."""

    key: str
    label: str


@dataclasses.dataclass(frozen=True)
class Bar:
    series: Series
    value: Decimal
    text: str
    x: float
    y: float
    width: float
    height: float
    text_x: float
    text_y: float


@dataclasses.dataclass(frozen=True)
class BarGroup:
    label: str
    label_y: float
    bars: tuple[Bar, ...]


@dataclasses.dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    #: The text alternative: every figure of the chart in one sentence per group.
    description: str
    width: int
    height: int
    groups: tuple[BarGroup, ...]


def bar_chart(chart_id: str, title: str, groups: list[tuple[str, list[tuple[Series, Decimal]]]]) -> BarChart:
    """Lay out a horizontal bar chart.

    Parameters:
        chart_id: unique on the page; the SVG title and description get ids from it.
        title: what the chart shows.
        groups: per group (a year, a category) its label and its bars (series and amount).

    Returns:
        The chart with coordinates in SVG user units (``WIDTH`` wide).
    """
    largest = max((value for _, bars in groups for _, value in bars), default=Decimal(0))
    scale = (WIDTH - TEXT_ROOM) / float(largest) if largest > 0 else 0.0
    laid_out = []
    sentences = []
    y = 0.0
    for label, bars in groups:
        label_y = y + LABEL_HEIGHT - 5
        y += LABEL_HEIGHT
        placed = []
        for series, value in bars:
            width = max(float(value) * scale, 0.0)
            text = f"{series.label}: {euro(value)}" if series.label else euro(value)
            placed.append(Bar(series, value, text, 0.0, y, round(width, 2), BAR_HEIGHT,
                              round(width + 6, 2), y + BAR_HEIGHT - 4))
            y += BAR_HEIGHT + BAR_GAP
        y += GROUP_GAP
        laid_out.append(BarGroup(label, label_y, tuple(placed)))
        sentences.append(f"{label}: " + ", ".join(b.text for b in placed) + ".")
    return BarChart(chart_id, title, " ".join(sentences), WIDTH, int(y), tuple(laid_out))
