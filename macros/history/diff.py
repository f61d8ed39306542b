"""A semantic diff of two plans: what changed in measures, actions, projects and organisations.

:func:`diff_plans` compares two validated :class:`~macros.model.Plan` objects
and returns a :class:`PlanDiff`: records added, removed and changed field by
field, and the budget per year before and after. It knows nothing about git
or files; :mod:`macros.history.revisions` turns a git revision into a data folder,
and the renderers at the bottom turn a diff into Markdown (for people, from
``templates/diff.md.jinja``) or JSON (for machines).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Literal

from macros.model.kinds import KINDS as RECORD_KINDS
from macros.model.records import Action, Measure, Organisation, Plan, Project
from macros.outputs.exports import json_value
from macros.outputs.markdown import markdown_environment

__all__ = [
    "KINDS",
    "BudgetYearChange",
    "FieldChange",
    "PlanDiff",
    "RecordChange",
    "diff_plans",
    "diff_to_dict",
    "render_diff_json",
    "render_diff_markdown",
]

ChangeKind = Literal["toegevoegd", "verwijderd", "gewijzigd"]

#: The record kinds compared, in the order the output lists them, with their Dutch plural
#: (from the registry of kinds, which also gives each kind's fields).
KINDS: dict[str, str] = {name: RECORD_KINDS[name].plural for name in ("maatregel", "actie", "project", "organisatie")}


@dataclasses.dataclass(frozen=True)
class FieldChange:
    """One field with a different value; ``before``/``after`` are model values (None when absent)."""

    field: str
    kind: str
    before: Any
    after: Any

    @property
    def added(self) -> tuple[str, ...]:
        """For lists: the items that are new."""
        return tuple(x for x in (self.after or ()) if x not in (self.before or ()))

    @property
    def removed(self) -> tuple[str, ...]:
        """For lists: the items that are gone."""
        return tuple(x for x in (self.before or ()) if x not in (self.after or ()))


@dataclasses.dataclass(frozen=True)
class RecordChange:
    """A measure, action, project or organisation that was added, removed or changed."""

    kind: str
    id: str
    title: str
    change: ChangeKind
    fields: tuple[FieldChange, ...] = ()


@dataclasses.dataclass(frozen=True)
class BudgetYearChange:
    """One year of the budget before and after."""

    year: int
    available_before: Decimal
    available_after: Decimal
    allocated_before: Decimal
    allocated_after: Decimal

    @property
    def changed(self) -> bool:
        return (self.available_before, self.allocated_before) != (self.available_after, self.allocated_after)

    @property
    def allocated_delta(self) -> Decimal:
        return self.allocated_after - self.allocated_before


@dataclasses.dataclass(frozen=True)
class PlanDiff:
    """Everything that differs between two plans.

    Attributes:
        base: how the old side is named (``main (a1b2c3d)`` or a folder).
        head: how the new side is named.
        records: every added, removed or changed record, by kind (see KINDS) and then by id.
        budget: every year of either plan, before and after.
    """

    base: str
    head: str
    records: tuple[RecordChange, ...]
    budget: tuple[BudgetYearChange, ...]

    @property
    def empty(self) -> bool:
        return not self.records and not any(y.changed for y in self.budget)

    def of_kind(self, kind: str, change: ChangeKind | None = None) -> tuple[RecordChange, ...]:
        return tuple(r for r in self.records if r.kind == kind and (change is None or r.change == change))

    @property
    def sections(self) -> tuple[tuple[str, str, tuple[RecordChange, ...]], ...]:
        """(kind, Dutch plural, changes) for every kind that has changes, in KINDS order."""
        return tuple((k, label, self.of_kind(k)) for k, label in KINDS.items() if self.of_kind(k))

    @property
    def counts(self) -> dict[str, dict[str, int]]:
        """Per kind, how many records were added, removed and changed."""
        return {k: {c: len(self.of_kind(k, c)) for c in ("toegevoegd", "verwijderd", "gewijzigd")} for k in KINDS}


def _title(record: Any) -> str:
    return str(getattr(record, "title", None) or getattr(record, "name", ""))


def _field_values(kind: str, record: Any) -> dict[str, tuple[str, Any]]:
    return {f.name: (f.kind, f.get(record)) for f in RECORD_KINDS[kind].fields if f.compared}


def _project_fields(project: Project) -> dict[str, tuple[str, Any]]:
    values = _field_values("project", project)
    for y in project.years:
        values[f"budget {y.year}: toegekend"] = ("bedrag", y.allocated)
        values[f"budget {y.year}: verplicht"] = ("bedrag", y.committed)
        values[f"budget {y.year}: besteed"] = ("bedrag", y.spent)
    return values


def _values(kind: str, record: Any) -> dict[str, tuple[str, Any]]:
    if kind == "project":
        return _project_fields(record)
    return _field_values(kind, record)


def _compare(kind: str, before: Any, after: Any) -> tuple[FieldChange, ...]:
    old, new = _values(kind, before), _values(kind, after)
    names = list(old) + [n for n in new if n not in old]
    if kind == "project":
        # Budget rows in year order after the plain fields, whatever the side they come from.
        plain = [n for n in names if not n.startswith("budget ")]
        names = plain + sorted(
            (n for n in names if n.startswith("budget ")),
            key=lambda n: (n[7:11], ("toegekend", "verplicht", "besteed").index(n.split(": ")[1])),
        )
    changes = []
    for name in names:
        value_kind = (new.get(name) or old[name])[0]
        a, b = old.get(name, (value_kind, None))[1], new.get(name, (value_kind, None))[1]
        if a != b:
            changes.append(FieldChange(field=name, kind=value_kind, before=a, after=b))
    return tuple(changes)


def _records(plan: Plan, kind: str) -> dict[str, Measure | Action | Project | Organisation]:
    return RECORD_KINDS[kind].records(plan)


def _sort_key(record_id: str) -> tuple[int, str]:
    return len(record_id), record_id


def diff_plans(base: Plan, head: Plan, base_label: str = "basis", head_label: str = "nieuw") -> PlanDiff:
    """Compare two plans.

    Parameters:
        base: the plan before.
        head: the plan after.
        base_label: how the output names the old side.
        head_label: how the output names the new side.

    Returns:
        The changes; :attr:`PlanDiff.empty` is True when nothing that the diff looks at changed.
    """
    records: list[RecordChange] = []
    for kind in KINDS:
        old, new = _records(base, kind), _records(head, kind)
        for rid in sorted(old.keys() | new.keys(), key=_sort_key):
            if rid not in old:
                records.append(RecordChange(kind=kind, id=rid, title=_title(new[rid]), change="toegevoegd"))
            elif rid not in new:
                records.append(RecordChange(kind=kind, id=rid, title=_title(old[rid]), change="verwijderd"))
            else:
                fields = _compare(kind, old[rid], new[rid])
                if fields:
                    records.append(
                        RecordChange(kind=kind, id=rid, title=_title(new[rid]), change="gewijzigd", fields=fields)
                    )
    years = sorted(set(base.budget_years) | set(head.budget_years))
    budget = tuple(
        BudgetYearChange(
            year=y,
            available_before=base.available_in(y),
            available_after=head.available_in(y),
            allocated_before=base.allocated_in(y),
            allocated_after=head.allocated_in(y),
        )
        for y in years
    )
    return PlanDiff(base=base_label, head=head_label, records=tuple(records), budget=budget)


def diff_to_dict(diff: PlanDiff) -> dict[str, Any]:
    """The diff as plain JSON values, with Dutch keys like the data."""
    return {
        "basis": diff.base,
        "nieuw": diff.head,
        "leeg": diff.empty,
        "samenvatting": diff.counts,
        "wijzigingen": [
            {
                "soort": r.kind,
                "id": r.id,
                "titel": r.title,
                "wijziging": r.change,
                "velden": [
                    {"veld": f.field, "was": json_value(f.before), "wordt": json_value(f.after)} for f in r.fields
                ],
            }
            for r in diff.records
        ],
        "begroting": [
            {
                "jaar": y.year,
                "gewijzigd": y.changed,
                "beschikbaar": {"was": json_value(y.available_before), "wordt": json_value(y.available_after)},
                "toegekend": {"was": json_value(y.allocated_before), "wordt": json_value(y.allocated_after)},
            }
            for y in diff.budget
        ],
    }


def render_diff_json(diff: PlanDiff) -> str:
    """The diff as JSON for machines."""
    return json.dumps(diff_to_dict(diff), ensure_ascii=False, indent=2) + "\n"


def render_diff_markdown(diff: PlanDiff | None, findings: Sequence[str] = (), base: str = "", head: str = "") -> str:
    """The diff as Markdown for people (the pull-request comment "Wat verandert er in het plan").

    ``findings``: the messages of a new side whose data is not valid
    (``actieplan diff --ook-ongeldig``), shown under the diff; ``diff`` is None
    when the new side could not be compared at all (``base``/``head`` name the sides then).
    """
    template = markdown_environment().get_template("diff.md.jinja")
    return template.render(diff=diff, findings=list(findings), base=base, head=head).strip() + "\n"
