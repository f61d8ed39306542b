"""The state of spending (stand van zaken besteding): sums of the project money.

Per year, per spending category and per project: allocated (toegekend),
committed (verplicht) and spent (besteed), and per year what the budget
lines make available. The data rule ``bedrag`` already guarantees
spent ≤ committed ≤ allocated per project and year; this module only adds up.

A committed or spent figure that the data does not give counts as € 0 and
is counted in ``missing``, so pages can say that a sum is incomplete.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from decimal import Decimal

from macros.model.records import Plan, Project, ProjectYear, SpendingCategory

__all__ = ["Amounts", "CategorySpending", "ProjectSpending", "YearSpending", "by_category", "by_project", "by_year"]

_ZERO = Decimal(0)


@dataclasses.dataclass(frozen=True, kw_only=True)
class Amounts:
    """Allocated, committed and spent, summed over some project years."""

    allocated: Decimal = _ZERO
    committed: Decimal = _ZERO
    spent: Decimal = _ZERO
    #: How many committed or spent figures were not given (and counted as € 0).
    missing: int = 0

    @classmethod
    def of(cls, row: ProjectYear) -> Amounts:
        return cls(
            allocated=row.allocated,
            committed=row.committed or _ZERO,
            spent=row.spent or _ZERO,
            missing=(row.committed is None) + (row.spent is None),
        )

    def __add__(self, other: Amounts) -> Amounts:
        return Amounts(
            allocated=self.allocated + other.allocated,
            committed=self.committed + other.committed,
            spent=self.spent + other.spent,
            missing=self.missing + other.missing,
        )


def _total(rows: list[ProjectYear]) -> Amounts:
    return sum((Amounts.of(r) for r in rows), Amounts())


@dataclasses.dataclass(frozen=True, kw_only=True)
class YearSpending:
    year: int
    available: Decimal
    amounts: Amounts

    @property
    def unallocated(self) -> Decimal:
        return self.available - self.amounts.allocated


@dataclasses.dataclass(frozen=True, kw_only=True)
class CategorySpending:
    category: SpendingCategory
    #: Per year in which the category has money, oldest first.
    years: tuple[tuple[int, Amounts], ...]
    total: Amounts


@dataclasses.dataclass(frozen=True, kw_only=True)
class ProjectSpending:
    project: Project
    #: The project's own rows; committed or spent may be None (not given).
    years: tuple[ProjectYear, ...]
    total: Amounts


def _rows_by_year(projects: tuple[Project, ...] | list[Project]) -> dict[int, list[ProjectYear]]:
    rows: dict[int, list[ProjectYear]] = defaultdict(list)
    for project in projects:
        for row in project.years:
            rows[row.year].append(row)
    return rows


def by_year(plan: Plan) -> list[YearSpending]:
    """Every budget year: available from the budget lines, and the sums over all projects."""
    rows = _rows_by_year(list(plan.projects.values()))
    return [
        YearSpending(year=year, available=plan.available_in(year), amounts=_total(rows.get(year, [])))
        for year in plan.budget_years
    ]


def by_category(plan: Plan) -> list[CategorySpending]:
    """Every spending category (in data order), per year and in total."""
    out = []
    for category in plan.spending_categories.values():
        rows = _rows_by_year(plan.projects_by_category.get(category.id, ()))
        years = tuple((year, _total(rows[year])) for year in sorted(rows))
        out.append(CategorySpending(category=category, years=years, total=sum((a for _, a in years), Amounts())))
    return out


def by_project(plan: Plan) -> list[ProjectSpending]:
    """Every project (in data order), per year and in total."""
    return [ProjectSpending(project=p, years=p.years, total=_total(list(p.years))) for p in plan.projects.values()]
