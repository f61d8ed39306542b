"""Geometry for inline SVG bar charts; the drawing is in ``staafdiagram.svg.jinja``.

No chart library and no script: Python computes where each bar goes, the
template writes ``<rect>`` and ``<text>``. Every bar carries its series name
and amount as text, so the chart never relies on colour alone, and the page
shows the same figures in a table.

Issue 3 (the budget page) draws charts too; once both are merged, the two
should share this module and one template.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import Decimal

__all__ = ["Bar", "BarChart", "BarGroup", "Series", "grouped_bar_chart"]

# Layout in SVG user units (the chart scales to the width of the page).
WIDTH = 720
LABEL_WIDTH = 150
VALUE_WIDTH = 120
BAR_HEIGHT = 16
BAR_GAP = 4
GROUP_TITLE = 22
GROUP_GAP = 12


@dataclasses.dataclass(frozen=True)
class Series:
    """One kind of bar, such as 'besteed'. ``key`` becomes a CSS class."""

    key: str
    label: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class Bar:
    series: Series
    value: Decimal
    x: float
    y: float
    width: float
    height: float

    @property
    def text_y(self) -> float:
        """Baseline for the text next to the bar, centred on it."""
        return self.y + self.height * 0.75


@dataclasses.dataclass(frozen=True, kw_only=True)
class BarGroup:
    label: str
    y: float
    bars: tuple[Bar, ...]


@dataclasses.dataclass(frozen=True, kw_only=True)
class BarChart:
    id: str
    title: str
    description: str
    width: int
    height: int
    label_width: int
    series: tuple[Series, ...]
    groups: tuple[BarGroup, ...]


def grouped_bar_chart(chart_id: str, title: str, description: str, series: Sequence[Series],
                      groups: Sequence[tuple[str, Sequence[Decimal]]]) -> BarChart:
    """Horizontal bars, one group per label, one bar per series, all on one scale.

    Parameters:
        chart_id: unique on the page; used for the ids of title and description.
        title: the accessible name of the chart.
        description: what the chart shows, in one or two sentences.
        series: the bars of each group, in order.
        groups: per group its label and one value per series.
    """
    largest = max((v for _, values in groups for v in values), default=Decimal(0))
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    out = []
    y = 0.0
    for label, values in groups:
        if len(values) != len(series):
            raise ValueError(f"group {label!r} has {len(values)} values for {len(series)} series")
        group_y = y
        y += GROUP_TITLE
        bars = []
        for kind, value in zip(series, values, strict=True):
            width = float(value / largest) * room if largest else 0.0
            bars.append(Bar(series=kind, value=value, x=LABEL_WIDTH, y=y, width=round(width, 1), height=BAR_HEIGHT))
            y += BAR_HEIGHT + BAR_GAP
        out.append(BarGroup(label=label, y=group_y, bars=tuple(bars)))
        y += GROUP_GAP
    return BarChart(id=chart_id, title=title, description=description, width=WIDTH, height=int(y),
                    label_width=LABEL_WIDTH, series=tuple(series), groups=tuple(out))
