"""Horizontal grouped bar charts as inline SVG, laid out at build time.

The views give the figures; :func:`bar_chart` works out where every bar and
every text goes, and the one template ``_grafiek.html.jinja`` (macro
``staafgrafiek``) only draws what it is given. No chart library, no script
and no request elsewhere. Used by the budget page (macros/budget.py) and the
spending page (macros/progress_views.py).

Each group (a year, a category, a project) has its name above its bars; each
bar has its series name to its left (when the chart has more than one kind of
bar) and its amount to its right, so colour is never the only way to tell bars
apart. The text alternative (``description``) has every figure, and the page
shows the same figures in a table. The drawing is never scaled down: on a
narrow screen it scrolls inside its own box, so the text keeps its size.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import Decimal

from macros.dutch import euro

__all__ = ["Bar", "BarChart", "BarGroup", "Series", "bar_chart"]

#: The narrowest drawing, in SVG user units (= CSS pixels: the chart is drawn at 1:1).
MIN_WIDTH = 640
#: The room for the bars in the drawing for narrow screens (600 px and below); that drawing is
#: as wide as its texts need plus this, and shrinks with the screen (at 320 px a little).
NARROW_BARS = 72
#: A generous width of one character of 13px text, so text never runs out of the drawing.
CHAR_WIDTH = 8
GAP = 8
GROUP_TITLE = 22
BAR_HEIGHT = 16
BAR_GAP = 4
GROUP_GAP = 12


@dataclasses.dataclass(frozen=True)
class Series:
    """One kind of bar, such as 'besteed'. ``key`` is the CSS modifier ``ap-grafiek__staaf--<key>``;
    ``label`` the word shown next to the bar (empty when the chart has one kind of bar)."""

    key: str
    label: str


#: The money series, the same key and label in every chart: budget, spending per year, category and project.
AVAILABLE = Series("beschikbaar", "Beschikbaar")
ALLOCATED = Series("toegekend", "Toegekend")
COMMITTED = Series("verplicht", "Verplicht")
SPENT = Series("besteed", "Besteed")


@dataclasses.dataclass(frozen=True, kw_only=True)
class Bar:
    series: Series
    value: Decimal
    #: The amount as written next to the bar (``€ 1.250.000``).
    amount: str
    x: float
    y: float
    width: float
    height: float

    @property
    def text_y(self) -> float:
        """Baseline for the texts beside the bar, centred on it."""
        return self.y + self.height * 0.75

    @property
    def text_x(self) -> float:
        """Where the amount starts, just right of the bar."""
        return round(self.x + self.width + 6, 1)


@dataclasses.dataclass(frozen=True, kw_only=True)
class BarGroup:
    label: str
    #: Baseline of the group's name, above its bars.
    label_y: float
    bars: tuple[Bar, ...]


@dataclasses.dataclass(frozen=True, kw_only=True)
class BarChart:
    id: str
    title: str
    #: The text alternative: the summary, then every figure, one sentence per group.
    description: str
    width: int
    height: int
    #: Where the bars start; the series names end just left of it (0 when there are none).
    label_width: int
    series: tuple[Series, ...]
    groups: tuple[BarGroup, ...]
    #: The same chart laid out for narrow screens (shorter bars, the same texts), or None for that drawing itself.
    narrow: BarChart | None = None


def bar_chart(
    chart_id: str,
    title: str,
    series: Sequence[Series],
    groups: Sequence[tuple[str, Sequence[Decimal]]],
    summary: str = "",
) -> BarChart:
    """Lay out horizontal bars: one group per label, one bar per series, all on one scale.

    Parameters:
        chart_id: unique on the page; the ids of the SVG title and description are made from it.
        title: what the chart shows (its accessible name, and the caption).
        series: the kinds of bar in each group, in order.
        groups: per group its label and one amount per series.
        summary: how to read the chart, in a sentence or two; goes before the figures in the description.

    Returns:
        The chart with coordinates in SVG user units.
    """
    for label, values in groups:
        if len(values) != len(series):
            raise ValueError(f"group {label!r} has {len(values)} values for {len(series)} series")
    labelled = any(s.label for s in series)
    label_width = max(len(s.label) for s in series) * CHAR_WIDTH + GAP if labelled else 0
    value_room = max((len(euro(v)) for _, values in groups for v in values), default=0) * CHAR_WIDTH + GAP
    longest_group = max((len(label) for label, _ in groups), default=0) * CHAR_WIDTH
    width = max(MIN_WIDTH, longest_group)
    narrow_width = max(label_width + value_room + NARROW_BARS, longest_group)
    laid_out, height = _bars(series, groups, label_width, width - label_width - value_room)
    narrow_groups, _ = _bars(series, groups, label_width, narrow_width - label_width - value_room)
    sentences = [summary] if summary else []
    for group in laid_out:
        texts = [f"{b.series.label}: {b.amount}" if b.series.label else b.amount for b in group.bars]
        sentences.append(f"{group.label}: " + ", ".join(texts) + ".")
    description = " ".join(sentences)
    narrow = BarChart(
        id=chart_id,
        title=title,
        description=description,
        width=narrow_width,
        height=height,
        label_width=label_width,
        series=tuple(series),
        groups=narrow_groups,
    )
    return dataclasses.replace(narrow, width=width, groups=laid_out, narrow=narrow)


def _bars(
    series: Sequence[Series], groups: Sequence[tuple[str, Sequence[Decimal]]], x: int, room: int
) -> tuple[tuple[BarGroup, ...], int]:
    """The groups with their bars from ``x``, the largest amount ``room`` wide; and the drawing's height."""
    largest = max((v for _, values in groups for v in values), default=Decimal(0))
    laid_out = []
    y = 0.0
    for label, values in groups:
        label_y = y + 15
        y += GROUP_TITLE
        bars = []
        for kind, value in zip(series, values, strict=True):
            bar_width = float(value / largest) * room if largest > 0 else 0.0
            bars.append(
                Bar(
                    series=kind,
                    value=value,
                    amount=euro(value),
                    x=x,
                    y=y,
                    width=round(max(bar_width, 0.0), 1),
                    height=BAR_HEIGHT,
                )
            )
            y += BAR_HEIGHT + BAR_GAP
        y += GROUP_GAP
        laid_out.append(BarGroup(label=label, label_y=label_y, bars=tuple(bars)))
    return tuple(laid_out), int(y)
