"""Progress over time: status order, report-to-report changes, counts and history.

Pure functions over the model, shared by the rules (which need to know when
a status goes back), the Voortgang pages, the annexes and the exports.

``compare_reports`` is a small report-to-report diff of statuses; the diff of
two plans (:mod:`macros.history.diff`) compares records and fields instead.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable

from macros.model.records import Action, ActionStatus, Plan, ProgressReport

__all__ = [
    "NEEDS_EXPLANATION",
    "ChangeKind",
    "DeliveryCount",
    "DueCount",
    "HistoryEntry",
    "ProgressComparison",
    "StatusChange",
    "StatusCount",
    "compare_reports",
    "count_by_aim",
    "count_by_programme_line",
    "delivery_by_owner",
    "done_past_end",
    "goes_back",
    "last_known",
    "status_history",
]

#: Statuses that are not "as planned" and so need a short explanation.
NEEDS_EXPLANATION = frozenset({"vertraagd", "gestopt", "niet-gerapporteerd"})

# How far along a status is. A lower rank later means the status went back.
# "vertraagd" is a running action behind schedule, so it ranks with "lopend".
_RANK = {"gepland": 0, "lopend": 1, "vertraagd": 1, "afgerond": 2, "gestopt": 2}


def goes_back(before: str, after: str) -> bool:
    """True when ``after`` undoes progress: to an earlier stage, or out of a final status.

    ``afgerond`` → ``lopend`` and ``lopend`` → ``gepland`` go back; so does
    ``gestopt`` → ``lopend`` (restarted) and ``afgerond`` → ``gestopt``.
    ``vertraagd`` → ``lopend`` does not (the action caught up).
    "niet-gerapporteerd" is no status and never goes back.
    """
    if before not in _RANK or after not in _RANK:
        return False
    return _RANK[after] < _RANK[before] or (_RANK[before] == 2 and after != before)


class ChangeKind(enum.Enum):
    """What happened to an action between two reports. The value is the Dutch label."""

    FINISHED = "Afgerond"
    SLIPPED = "Vertraagd"
    STOPPED = "Gestopt"
    MOVED = "Andere wijziging"
    NEW = "Nieuw in de rapportage"

    @property
    def slug(self) -> str:
        return self.name.lower()


@dataclasses.dataclass(frozen=True, kw_only=True)
class StatusChange:
    """One action whose status differs between two reports."""

    action: Action
    kind: ChangeKind
    #: The status in the earlier report; None when the action is new in the later one.
    before: ActionStatus | None
    after: ActionStatus

    @property
    def reversed(self) -> bool:
        return self.before is not None and goes_back(self.before.status, self.after.status)


@dataclasses.dataclass(frozen=True, kw_only=True)
class ProgressComparison:
    """What changed from ``previous`` to ``current``, in plan order within each kind."""

    previous: ProgressReport
    current: ProgressReport
    changes: tuple[StatusChange, ...]

    def of_kind(self, kind: ChangeKind) -> tuple[StatusChange, ...]:
        return tuple(c for c in self.changes if c.kind is kind)

    @property
    def groups(self) -> tuple[tuple[ChangeKind, tuple[StatusChange, ...]], ...]:
        """Every kind with its changes, in a fixed reading order; empty kinds included."""
        return tuple((kind, self.of_kind(kind)) for kind in ChangeKind)


def _kind(before: ActionStatus | None, after: ActionStatus) -> ChangeKind:
    if before is None:
        return ChangeKind.NEW
    if after.status == "afgerond":
        return ChangeKind.FINISHED
    if after.status == "vertraagd":
        return ChangeKind.SLIPPED
    if after.status == "gestopt":
        return ChangeKind.STOPPED
    return ChangeKind.MOVED


def compare_reports(plan: Plan, previous: ProgressReport, current: ProgressReport) -> ProgressComparison:
    """The actions whose status changed from ``previous`` to ``current``.

    An action listed only in ``current`` is NEW. An action whose status is
    the same in both is not a change. The explanation shown is the one in
    ``current``.
    """
    changes = []
    for action in plan.actions.values():
        after = current.by_action.get(action.id)
        if after is None:
            continue
        before = previous.by_action.get(action.id)
        if before is not None and before.status == after.status:
            continue
        changes.append(StatusChange(action=action, kind=_kind(before, after), before=before, after=after))
    return ProgressComparison(previous=previous, current=current, changes=tuple(changes))


@dataclasses.dataclass(frozen=True, kw_only=True)
class HistoryEntry:
    """One report's status for an action, with what it means against the report before."""

    report: ProgressReport
    status: ActionStatus
    #: The last reported status before this one, if any.
    before: str | None

    @property
    def changed(self) -> bool:
        return self.before is not None and self.status.reported and self.before != self.status.status

    @property
    def reversed(self) -> bool:
        return self.before is not None and goes_back(self.before, self.status.status)


def status_history(plan: Plan, action_id: str) -> tuple[HistoryEntry, ...]:
    """The status of ``action_id`` in every report that lists it, oldest first.

    A "niet gerapporteerd" report is shown but does not count as the last
    known status, so a later change is compared with the last real one.
    """
    entries = []
    last: str | None = None
    for report, status in plan.statuses_by_action.get(action_id, ()):
        entries.append(HistoryEntry(report=report, status=status, before=last))
        if status.reported:
            last = status.status
    return tuple(entries)


@dataclasses.dataclass(frozen=True, kw_only=True)
class StatusCount:
    """How many actions of a group have each status in one report."""

    label: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _count(label: str, statuses: Iterable[ActionStatus], order: Iterable[str]) -> StatusCount:
    counts = dict.fromkeys(order, 0)
    for status in statuses:
        counts[status.status] += 1
    return StatusCount(label=label, counts=counts)


def count_by_programme_line(plan: Plan, report: ProgressReport, order: Iterable[str]) -> list[StatusCount]:
    """Per programme line (by number), how many of its actions have each status in ``report``."""
    order = tuple(order)
    rows = []
    for line in plan.programme_lines.values():
        statuses = [
            s for s in report.statuses if plan.measures[plan.actions[s.action].measure].programme_line == line.id
        ]
        rows.append(_count(f"{line.number}. {line.name}", statuses, order))
    return rows


def count_by_aim(plan: Plan, report: ProgressReport, order: Iterable[str]) -> list[StatusCount]:
    """Per main aim, how many actions serving it have each status in ``report``.

    An action counts for every aim of its measure, so the rows add up to more
    than the number of actions.
    """
    order = tuple(order)
    return [
        _count(
            aim.name,
            [s for s in report.statuses if aim.id in plan.measures[plan.actions[s.action].measure].aims],
            order,
        )
        for aim in plan.aims.values()
    ]


@dataclasses.dataclass(frozen=True, kw_only=True)
class DeliveryCount:
    """For one actiehouder in one report: how many of its actions have a status, and how many not."""

    owner: str
    delivered: int
    missing: int

    @property
    def total(self) -> int:
        return self.delivered + self.missing

    @property
    def complete(self) -> bool:
        return self.missing == 0


def delivery_by_owner(plan: Plan, report: ProgressReport) -> list[DeliveryCount]:
    """Per actiehouder (by id) with actions in ``report``: delivered and not delivered ("niet gerapporteerd")."""
    counts: dict[str, list[int]] = {}
    for status in report.statuses:
        owner = plan.actions[status.action].owner
        pair = counts.setdefault(owner, [0, 0])
        pair[0 if status.reported else 1] += 1
    return [DeliveryCount(owner=o, delivered=d, missing=m) for o, (d, m) in sorted(counts.items())]


@dataclasses.dataclass(frozen=True, kw_only=True)
class DueCount:
    """The actions whose end date has passed on a report's reference date, and how many of them are afgerond."""

    due: tuple[Action, ...]
    done: tuple[Action, ...]

    @property
    def share(self) -> int:
        """Whole percent afgerond; 0 when no action is due yet."""
        return round(100 * len(self.done) / len(self.due)) if self.due else 0


def done_past_end(plan: Plan, report: ProgressReport) -> DueCount:
    """Afgerond among the actions in ``report`` whose end (last day of ``eind``) lies before the reference date."""
    due = tuple(
        plan.actions[s.action]
        for s in report.statuses
        if plan.actions[s.action].end.last_day < report.reference_date.first_day
    )
    done = tuple(a for a in due if report.by_action[a.id].status == "afgerond")
    return DueCount(due=due, done=done)


def last_known(plan: Plan, report: ProgressReport, action_id: str) -> tuple[ActionStatus, ProgressReport] | None:
    """The last real status of an action in ``report`` or before it, with the report that gave it.

    For an action "niet gerapporteerd" in ``report``: what the site shows instead, with its date.
    """
    found = None
    for earlier, status in plan.statuses_by_action.get(action_id, ()):
        if earlier.reference_date.first_day > report.reference_date.first_day:
            break
        if status.reported:
            found = (status, earlier)
    return found
