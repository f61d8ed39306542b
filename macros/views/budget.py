"""Budget views: money per year, breakdowns by category, main aim and form, and the project table.

The figures are sums over the plan (budget lines and project years); the
templates only lay them out. Each breakdown comes as a table and as an SVG
chart made from the same :class:`Breakdown`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from decimal import Decimal

from markupsafe import Markup

from macros.model import money
from macros.model.money import YearSpending
from macros.model.records import Plan, Project
from macros.site.render import Renderer
from macros.views.charts import ALLOCATED, AVAILABLE, BarChart, Series, bar_chart

__all__ = ["ALLOCATED", "AVAILABLE", "BUDGET_VIEWS", "Breakdown", "ProjectRow", "breakdown", "budget_years"]

REMAINING = Series("rest", "Nog niet toegekend")
TOTAL = Series("totaal", "")


@dataclasses.dataclass(frozen=True)
class BreakdownRow:
    id: str
    name: str
    per_year: tuple[Decimal, ...]
    total: Decimal
    projects: int


@dataclasses.dataclass(frozen=True)
class Breakdown:
    """Amounts allocated to projects, per group (category, aim, form) and per year."""

    key: str
    caption: str
    years: tuple[int, ...]
    rows: tuple[BreakdownRow, ...]
    #: True when a project can count in more than one row (aims, forms).
    overlapping: bool
    #: Per year the amount allocated to all projects (each project once).
    column_totals: tuple[Decimal, ...]
    total: Decimal

    def chart(self, title: str) -> BarChart:
        return bar_chart(f"grafiek-{self.key}", title, (TOTAL,), [(row.name, [row.total]) for row in self.rows])


def _sum(values: Iterable[Decimal]) -> Decimal:
    return sum(values, Decimal(0))


def budget_years(plan: Plan) -> list[YearSpending]:
    """Per year: the sum of the budget lines, and what is allocated to projects (:func:`macros.model.money.by_year`)."""
    return money.by_year(plan)


def breakdown(
    plan: Plan,
    key: str,
    caption: str,
    groups: Iterable[tuple[str, str]],
    member_of: Callable[[Project], Iterable[str]],
    overlapping: bool,
) -> Breakdown:
    """Sum the allocated amounts per group and per year.

    Parameters:
        groups: (id, name) of every group, in the order to show.
        member_of: the group ids a project counts in.
        overlapping: whether a project may count in more than one group.
    """
    years = plan.budget_years
    projects = list(plan.projects.values())
    rows = []
    for group_id, name in groups:
        members = [p for p in projects if group_id in member_of(p)]
        per_year = tuple(_sum(p.allocated_in(y) for p in members) for y in years)
        rows.append(BreakdownRow(group_id, name, per_year, _sum(per_year), len(members)))
    column_totals = tuple(plan.allocated_in(y) for y in years)
    return Breakdown(key, caption, years, tuple(rows), overlapping, column_totals, _sum(column_totals))


@dataclasses.dataclass(frozen=True)
class ProjectRow:
    project: Project
    per_year: tuple[Decimal | None, ...]
    committed: Decimal | None
    spent: Decimal | None


def _known_sum(values: list[Decimal | None]) -> Decimal | None:
    known = [v for v in values if v is not None]
    return _sum(known) if known else None


def budget(r: Renderer, page_url: str) -> Markup:
    """The budget lines and, per year, the amount available, allocated and remaining (table and chart)."""
    plan: Plan = r.plan
    years = budget_years(plan)
    chart = bar_chart(
        "grafiek-jaren",
        "Per jaar: beschikbaar, toegekend aan projecten en nog niet toegekend",
        (AVAILABLE, ALLOCATED, REMAINING),
        [(str(y.year), [y.available, y.amounts.allocated, y.unallocated]) for y in years],
    )
    totals = YearSpending(
        year=0, available=_sum(y.available for y in years), amounts=sum((y.amounts for y in years), money.Amounts())
    )
    return r.render(
        "begroting.html.jinja",
        page_url,
        lines=list(plan.budget_lines.values()),
        years=years,
        totals=totals,
        chart=chart,
    )


def budget_breakdowns(r: Renderer, page_url: str) -> Markup:
    """What the projects get, per spending category, per main aim and per form of exploitation (tables and charts)."""
    plan: Plan = r.plan
    parts = [
        breakdown(
            plan,
            "categorie",
            "Toegekend per bestedingscategorie en per jaar",
            ((c.id, c.name) for c in plan.spending_categories.values()),
            lambda p: (p.category,),
            overlapping=False,
        ),
        breakdown(
            plan,
            "hoofddoel",
            "Toegekend aan projecten per hoofddoel en per jaar",
            ((a.id, a.name) for a in plan.aims.values()),
            lambda p: p.aims,
            overlapping=True,
        ),
        breakdown(
            plan,
            "uitbuitingsvorm",
            "Toegekend aan projecten per uitbuitingsvorm en per jaar",
            ((f.id, f.name) for f in plan.exploitation_forms.values()),
            lambda p: p.exploitation_forms,
            overlapping=True,
        ),
    ]
    titles = {
        "categorie": "Toegekend per bestedingscategorie, alle jaren samen",
        "hoofddoel": "Toegekend aan projecten per hoofddoel, alle jaren samen",
        "uitbuitingsvorm": "Toegekend aan projecten per uitbuitingsvorm, alle jaren samen",
    }
    return r.render("begroting_verdeling.html.jinja", page_url, parts=[(b, b.chart(titles[b.key])) for b in parts])


def project_table(r: Renderer, page_url: str) -> Markup:
    """Every project with its executor, category, measures and money per year."""
    plan: Plan = r.plan
    years = plan.budget_years
    rows = []
    for project in plan.projects.values():
        by_year = {y.year: y for y in project.years}
        rows.append(
            ProjectRow(
                project,
                tuple(by_year[y].allocated if y in by_year else None for y in years),
                _known_sum([y.committed for y in project.years]),
                _known_sum([y.spent for y in project.years]),
            )
        )
    totals = tuple(plan.allocated_in(y) for y in years)
    return r.render(
        "projecten.html.jinja",
        page_url,
        rows=rows,
        years=years,
        totals=totals,
        total=_sum(totals),
        committed=_known_sum([row.committed for row in rows]),
        spent=_known_sum([row.spent for row in rows]),
    )


#: Macro name → view, merged into :data:`macros.views.ogw.VIEWS`.
BUDGET_VIEWS = {
    "begroting": budget,
    "begroting_verdeling": budget_breakdowns,
    "projecten": project_table,
}
