"""The typed model of the plan: one frozen dataclass per data kind.

Field names are English (see the glossary in the brief); the YAML keys they
come from are Dutch. Derived values live here as properties or as indexes on
:class:`Plan`, never in templates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from decimal import Decimal
from functools import cached_property

__all__ = [
    "Action", "Aim", "AnthologyTheme", "BudgetLine", "Cause", "ExploitationForm", "Intervention",
    "Measure", "OperationalGoal", "Organisation", "PartialDate", "Perspective", "Plan", "Problem",
    "Programme", "ProgrammeLine", "Project", "ProjectYear", "Provenance", "Roundtable", "SpendingCategory",
]

MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december"]


@dataclasses.dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day or only to the month (the fourth roundtable: "april 2023")."""

    year: int
    month: int
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``JJJJ-MM`` or ``JJJJ-MM-DD``; raises ValueError for impossible dates."""
        parts = [int(p) for p in text.split("-")]
        if len(parts) == 2:
            dt.date(parts[0], parts[1], 1)
            return cls(parts[0], parts[1])
        dt.date(*parts)
        return cls(parts[0], parts[1], parts[2])

    @cached_property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    @cached_property
    def last_day(self) -> dt.date:
        if self.day:
            return self.first_day
        next_month = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return next_month - dt.timedelta(days=1)

    @property
    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")

    @property
    def dutch(self) -> str:
        """``5 oktober 2022`` or ``april 2023``."""
        month = MONTHS_NL[self.month - 1]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"

    def __str__(self) -> str:
        return self.iso


@dataclasses.dataclass(frozen=True, kw_only=True)
class Provenance:
    """Where a record comes from: a source, or the label 'illustratief'."""

    source: str | None = None
    source_url: str | None = None
    illustrative: bool = False


@dataclasses.dataclass(frozen=True, kw_only=True)
class _Record:
    id: str
    provenance: Provenance


@dataclasses.dataclass(frozen=True, kw_only=True)
class Programme:
    name: str
    full_name: str
    ministry: str
    description: str
    provenance: Provenance


@dataclasses.dataclass(frozen=True, kw_only=True)
class Aim(_Record):
    name: str
    description: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class ExploitationForm(_Record):
    name: str
    description: str
    priority: bool


@dataclasses.dataclass(frozen=True, kw_only=True)
class ProgrammeLine(_Record):
    number: int
    name: str
    description: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class SpendingCategory(_Record):
    name: str
    description: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class BudgetLine(_Record):
    name: str
    amount_per_year: Decimal
    start: dt.date
    end: dt.date | None
    structural: bool

    def covers(self, year: int) -> bool:
        """True when the line provides money in ``year``."""
        return self.start.year <= year and (self.end is None or self.end.year >= year)


@dataclasses.dataclass(frozen=True, kw_only=True)
class Organisation(_Record):
    name: str
    abbreviation: str | None
    type: str
    role: str
    github_team: str

    @property
    def short_name(self) -> str:
        return self.abbreviation or self.name


@dataclasses.dataclass(frozen=True, kw_only=True)
class Roundtable:
    number: int
    date: PartialDate
    ogw_step: int
    theme: str
    participants: int
    organisations: int
    experience_experts: bool
    outcome: str
    provenance: Provenance


@dataclasses.dataclass(frozen=True, kw_only=True)
class Perspective(_Record):
    kind: str
    viewpoint: str
    text: str
    quote: str | None


@dataclasses.dataclass(frozen=True, kw_only=True)
class AnthologyTheme(_Record):
    title: str
    introduction: str | None
    perspectives: tuple[Perspective, ...]


@dataclasses.dataclass(frozen=True, kw_only=True)
class Problem(_Record):
    title: str
    description: str
    exploitation_forms: tuple[str, ...]


@dataclasses.dataclass(frozen=True, kw_only=True)
class Cause(_Record):
    title: str
    description: str
    problems: tuple[str, ...]


@dataclasses.dataclass(frozen=True, kw_only=True)
class Intervention(_Record):
    title: str
    description: str
    causes: tuple[str, ...]
    programme_line: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class OperationalGoal(_Record):
    title: str
    interventions: tuple[str, ...]
    indicator: str
    unit: str
    baseline: Decimal | int
    baseline_year: int
    target: Decimal | int
    target_year: int
    #: Set when only the baseline comes from a source (the target is then an example).
    baseline_source: Provenance | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class Action(_Record):
    measure: str
    title: str
    description: str | None
    owner: str
    partners: tuple[str, ...]
    start: PartialDate
    end: PartialDate
    status: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class Measure(_Record):
    title: str
    summary: str
    description: str
    programme_line: str
    aims: tuple[str, ...]
    exploitation_forms: tuple[str, ...]
    goals: tuple[str, ...]
    owner: str
    partners: tuple[str, ...]
    status: str
    start: PartialDate
    end: PartialDate
    actions: tuple[Action, ...]
    file: str

    @property
    def slug(self) -> str:
        """The URL segment: ``/maatregelen/<slug>/``."""
        return self.id.lower()


@dataclasses.dataclass(frozen=True, kw_only=True)
class ProjectYear:
    year: int
    allocated: Decimal
    committed: Decimal | None
    spent: Decimal | None


@dataclasses.dataclass(frozen=True, kw_only=True)
class Project(_Record):
    title: str
    description: str
    category: str
    executor: str
    exploitation_forms: tuple[str, ...]
    aims: tuple[str, ...]
    measures: tuple[str, ...]
    years: tuple[ProjectYear, ...]

    @property
    def total_allocated(self) -> Decimal:
        return sum((y.allocated for y in self.years), Decimal(0))

    def allocated_in(self, year: int) -> Decimal:
        return sum((y.allocated for y in self.years if y.year == year), Decimal(0))


@dataclasses.dataclass(frozen=True, kw_only=True)
class Plan:
    """The whole validated plan, with lookups by id and the derived indexes views need."""

    programme: Programme
    aims: dict[str, Aim]
    exploitation_forms: dict[str, ExploitationForm]
    programme_lines: dict[str, ProgrammeLine]
    spending_categories: dict[str, SpendingCategory]
    budget_lines: dict[str, BudgetLine]
    organisations: dict[str, Organisation]
    roundtables: tuple[Roundtable, ...]
    anthology: tuple[AnthologyTheme, ...]
    problems: dict[str, Problem]
    causes: dict[str, Cause]
    interventions: dict[str, Intervention]
    goals: dict[str, OperationalGoal]
    measures: dict[str, Measure]
    projects: dict[str, Project]

    @cached_property
    def actions(self) -> dict[str, Action]:
        return {a.id: a for m in self.measures.values() for a in m.actions}

    @cached_property
    def budget_years(self) -> tuple[int, ...]:
        """Every year in which a budget line or a project has money."""
        years = {y.year for p in self.projects.values() for y in p.years}
        for line in self.budget_lines.values():
            last = line.end.year if line.end else max(years | {line.start.year})
            years.update(range(line.start.year, last + 1))
        return tuple(sorted(years))

    def available_in(self, year: int) -> Decimal:
        """Sum of the budget lines that provide money in ``year``."""
        return sum((b.amount_per_year for b in self.budget_lines.values() if b.covers(year)), Decimal(0))

    def allocated_in(self, year: int) -> Decimal:
        return sum((p.allocated_in(year) for p in self.projects.values()), Decimal(0))

    @cached_property
    def causes_by_problem(self) -> dict[str, tuple[Cause, ...]]:
        index: dict[str, list[Cause]] = defaultdict(list)
        for cause in self.causes.values():
            for problem in cause.problems:
                index[problem].append(cause)
        return {k: tuple(v) for k, v in index.items()}

    @cached_property
    def goals_by_intervention(self) -> dict[str, tuple[OperationalGoal, ...]]:
        index: dict[str, list[OperationalGoal]] = defaultdict(list)
        for goal in self.goals.values():
            for intervention in goal.interventions:
                index[intervention].append(goal)
        return {k: tuple(v) for k, v in index.items()}

    @cached_property
    def measures_by_goal(self) -> dict[str, tuple[Measure, ...]]:
        index: dict[str, list[Measure]] = defaultdict(list)
        for measure in self.measures.values():
            for goal in measure.goals:
                index[goal].append(measure)
        return {k: tuple(v) for k, v in index.items()}

    @cached_property
    def projects_by_measure(self) -> dict[str, tuple[Project, ...]]:
        index: dict[str, list[Project]] = defaultdict(list)
        for project in self.projects.values():
            for measure in project.measures:
                index[measure].append(project)
        return {k: tuple(v) for k, v in index.items()}

    @cached_property
    def projects_by_category(self) -> dict[str, tuple[Project, ...]]:
        index: dict[str, list[Project]] = defaultdict(list)
        for project in self.projects.values():
            index[project.category].append(project)
        return {k: tuple(v) for k, v in index.items()}
