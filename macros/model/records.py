"""The typed model of the plan: one frozen dataclass per data kind.

Field names are English; the YAML keys they come from are Dutch (the map
between them is :mod:`macros.model.kinds`; CONTRIBUTING says which names stay Dutch). Derived values live here as properties or as indexes on
:class:`Plan`, never in templates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import cached_property
from typing import Literal, TypeVar

from macros.dutch import MONTHS_NL

T = TypeVar("T")

__all__ = [
    "Action",
    "ActionStatus",
    "Aim",
    "AnthologyTheme",
    "Assessment",
    "BudgetLine",
    "Cause",
    "ConsultationChannel",
    "ConsultationQuestion",
    "ConsultationRound",
    "EndState",
    "ExploitationForm",
    "Intervention",
    "Reaction",
    "RoundState",
    "Measure",
    "OperationalGoal",
    "measure_page_path",
    "Organisation",
    "PartialDate",
    "Perspective",
    "Plan",
    "Problem",
    "Programme",
    "ProgrammeLine",
    "ProgressReport",
    "Project",
    "ProjectYear",
    "Provenance",
    "Roundtable",
    "SpendingCategory",
    "Version",
]


def _group(items: Iterable[T], keys: Callable[[T], Iterable[str]]) -> dict[str, tuple[T, ...]]:
    """Index ``items`` by every key ``keys(item)`` gives, keeping their order."""
    index: dict[str, list[T]] = defaultdict(list)
    for item in items:
        for key in keys(item):
            index[key].append(item)
    return {k: tuple(v) for k, v in index.items()}


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
    #: The GitHub team of the programme team (``@org/team``).
    github_team: str = ""


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

    @property
    def slug(self) -> str:
        return self.id.lower()

    @property
    def page_path(self) -> str:
        """The site path of this organisation's page (generated, outside the navigation)."""
        return f"organisaties/{self.slug}/"


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

    @property
    def page_path(self) -> str:
        """The site path of this action: its row on the page of its measure."""
        return f"{measure_page_path(self.measure)}#actie-{self.id.lower()}"


def measure_page_path(measure_id: str) -> str:
    """The site path of a measure's page (generated, outside the navigation)."""
    return f"maatregelen/{measure_id.lower()}/"


#: The end states a measure can have: finished, or not continued (stopped before it was finished).
END_STATES = ("afgerond", "niet voortgezet")


@dataclasses.dataclass(frozen=True, kw_only=True)
class EndState:
    """How a measure ended (``eindstand``): afgerond or niet voortgezet, always with a reason."""

    state: str
    reason: str
    date: PartialDate | None = None
    source: str | None = None
    source_url: str | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class Assessment:
    """An independent assessment of a measure (``beoordelingen``): who, when, what, and where it says so."""

    by: str
    date: PartialDate
    text: str
    source: str
    source_url: str | None = None
    illustrative: bool = False


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
    #: How the measure ended; None while it runs.
    end_state: EndState | None = None
    assessments: tuple[Assessment, ...] = ()

    @property
    def slug(self) -> str:
        """The URL segment: ``/maatregelen/<slug>/``."""
        return self.id.lower()

    @property
    def page_path(self) -> str:
        """The site path of this measure's page (generated, outside the navigation)."""
        return measure_page_path(self.id)

    @property
    def feed_path(self) -> str:
        """The site path of this measure's Atom feed of status changes (written by macros.outputs.feed)."""
        return f"{self.page_path}feed.xml"


#: How sure the owner is that an action finishes on time (``vertrouwen``), best first.
CONFIDENCE_LEVELS = ("op koers", "risico", "ernstig risico")
#: What can hold an action up (``knelpunten``); ``anders`` needs an explanation.
OBSTACLES = ("financiering", "capaciteit", "prioriteit", "besluitvorming", "afhankelijkheid", "anders")

#: The statuses a progress report can give an action, in the order the site lists them.
PROGRESS_STATUSES = ("gepland", "lopend", "vertraagd", "afgerond", "gestopt", "niet-gerapporteerd")


@dataclasses.dataclass(frozen=True, kw_only=True)
class ActionStatus:
    """The status of one action in one progress report."""

    action: str
    status: str
    explanation: str | None = None
    #: ``op koers``, ``risico`` or ``ernstig risico``; None in reports from before the field existed.
    confidence: str | None = None
    #: Codes of what holds the action up (``knelpunten``): financiering, capaciteit, ...
    obstacles: tuple[str, ...] = ()
    #: Links (``https://``) or Kamerstuk references that show the action is done.
    evidence: tuple[str, ...] = ()

    @property
    def reported(self) -> bool:
        """False when the owner gave no status for this report ("niet gerapporteerd")."""
        return self.status != "niet-gerapporteerd"


@dataclasses.dataclass(frozen=True, kw_only=True)
class ProgressReport:
    """One progress report (voortgangsrapportage): every action's status on a reference date."""

    reference_date: PartialDate
    title: str
    published: PartialDate | None
    paper: str | None
    paper_url: str | None
    summary: str | None
    statuses: tuple[ActionStatus, ...]
    file: str
    provenance: Provenance

    @property
    def id(self) -> str:
        """The reference date as ``JJJJ-MM-DD``: also the file name and the URL segment."""
        return self.reference_date.iso

    @property
    def page_path(self) -> str:
        """The site path of this report's annex page (generated)."""
        return f"voortgang/{self.id}/"

    @property
    def publication_date(self) -> PartialDate:
        """When the report appeared; the reference date when no publication date is known."""
        return self.published or self.reference_date

    @cached_property
    def by_action(self) -> dict[str, ActionStatus]:
        return {s.action: s for s in self.statuses}


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


#: The state of a consultation round at a moment.
RoundState = Literal["aangekondigd", "open", "gesloten"]


@dataclasses.dataclass(frozen=True, kw_only=True)
class ConsultationQuestion:
    id: str
    text: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class ConsultationChannel:
    #: ``pull-request``, ``issueformulier`` or ``e-mail``.
    kind: str
    address: str | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class ConsultationRound(_Record):
    """A period in which people react to a version of the plan; times are aware (Europe/Amsterdam)."""

    title: str
    #: The id of the version of the plan the round is about (data/versies.yml).
    plan_version: str
    introduction: str | None
    opens: dt.datetime
    closes: dt.datetime
    questions: tuple[ConsultationQuestion, ...]
    channels: tuple[ConsultationChannel, ...]
    publication_policy: str

    def state(self, now: dt.datetime) -> RoundState:
        """``aangekondigd`` before ``opens``, ``open`` until ``closes``, then ``gesloten``."""
        if now < self.opens:
            return "aangekondigd"
        return "open" if now < self.closes else "gesloten"

    def days_left(self, now: dt.datetime) -> int:
        """Calendar days from ``now`` to the closing day, in Dutch time (0 on the last day)."""
        local = now.astimezone(self.closes.tzinfo)
        return max((self.closes.date() - local.date()).days, 0)

    def channel(self, kind: str) -> ConsultationChannel | None:
        return next((c for c in self.channels if c.kind == kind), None)


@dataclasses.dataclass(frozen=True, kw_only=True)
class Reaction(_Record):
    """One reaction in a round and what was done with it."""

    round: str
    received: dt.date
    channel: str
    #: An organisation id, or ``particulier``, ``ervaringsdeskundige`` or ``anoniem``.
    sender: str
    consent: bool
    #: A measure id, an action id or a page under docs/ (``ogw/stap-4-maatregelen.md``).
    subject: str
    question: str | None
    summary: str
    #: ``overgenomen``, ``deels overgenomen``, ``niet overgenomen``, ``al verwerkt``; None while undecided.
    decision: str | None
    reasoning: str | None
    #: ``#12`` (pull request), a commit hash, or a URL.
    change: str | None

    @property
    def subject_kind(self) -> str:
        """``pagina``, ``actie`` or ``maatregel``."""
        if self.subject.endswith(".md"):
            return "pagina"
        return "actie" if "-A" in self.subject else "maatregel"


@dataclasses.dataclass(frozen=True, kw_only=True)
class Version(_Record):
    """A version of the plan: a concept, an adopted plan, or one that was replaced."""

    title: str
    status: str
    date: dt.date | None
    summary: str
    paper: str | None

    @property
    def status_label(self) -> str:
        return {"concept": "Concept", "vastgesteld": "Vastgesteld", "vervangen": "Vervangen"}[self.status]


@dataclasses.dataclass(frozen=True, kw_only=True, repr=False)
class Plan:
    """The whole validated plan, with lookups by id and the derived indexes views need."""

    def __repr__(self) -> str:
        # Short on purpose: mkdocs-macros turns every variable into text on every build (for its
        # debug log, even when that is off); the generated repr of a large plan took 0.1 s.
        return f"<Plan: {len(self.measures)} measures, {len(self.projects)} projects>"

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
    versions: dict[str, Version]
    working_version: str
    #: Oldest first. A default, so plans built without progress data stay valid.
    progress_reports: tuple[ProgressReport, ...] = ()
    consultation_rounds: dict[str, ConsultationRound] = dataclasses.field(default_factory=dict)
    reactions: dict[str, Reaction] = dataclasses.field(default_factory=dict)

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

    # Reverse links, derived once: each link is stored on one side only in the data.

    @cached_property
    def causes_by_problem(self) -> dict[str, tuple[Cause, ...]]:
        return _group(self.causes.values(), lambda c: c.problems)

    @cached_property
    def goals_by_intervention(self) -> dict[str, tuple[OperationalGoal, ...]]:
        return _group(self.goals.values(), lambda g: g.interventions)

    @cached_property
    def measures_by_goal(self) -> dict[str, tuple[Measure, ...]]:
        return _group(self.measures.values(), lambda m: m.goals)

    @cached_property
    def projects_by_measure(self) -> dict[str, tuple[Project, ...]]:
        return _group(self.projects.values(), lambda p: p.measures)

    @cached_property
    def projects_by_category(self) -> dict[str, tuple[Project, ...]]:
        return _group(self.projects.values(), lambda p: (p.category,))

    @cached_property
    def interventions_by_cause(self) -> dict[str, tuple[Intervention, ...]]:
        return _group(self.interventions.values(), lambda i: i.causes)

    @cached_property
    def measures_by_owner(self) -> dict[str, tuple[Measure, ...]]:
        return _group(self.measures.values(), lambda m: (m.owner,))

    @cached_property
    def measures_by_partner(self) -> dict[str, tuple[Measure, ...]]:
        return _group(self.measures.values(), lambda m: m.partners)

    @cached_property
    def actions_by_owner(self) -> dict[str, tuple[Action, ...]]:
        return _group(self.actions.values(), lambda a: (a.owner,))

    @cached_property
    def actions_by_partner(self) -> dict[str, tuple[Action, ...]]:
        return _group(self.actions.values(), lambda a: a.partners)

    @cached_property
    def projects_by_executor(self) -> dict[str, tuple[Project, ...]]:
        return _group(self.projects.values(), lambda p: (p.executor,))

    @property
    def latest_report(self) -> ProgressReport | None:
        return self.progress_reports[-1] if self.progress_reports else None

    @cached_property
    def reports_by_id(self) -> dict[str, ProgressReport]:
        return {r.id: r for r in self.progress_reports}

    @cached_property
    def statuses_by_action(self) -> dict[str, tuple[tuple[ProgressReport, ActionStatus], ...]]:
        """Per action id, its status in every report that lists it, oldest first."""
        pairs = [(report, status) for report in self.progress_reports for status in report.statuses]
        return _group(pairs, lambda pair: (pair[1].action,))

    @cached_property
    def reactions_by_round(self) -> dict[str, tuple[Reaction, ...]]:
        return _group(self.reactions.values(), lambda r: (r.round,))
