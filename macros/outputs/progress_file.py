"""A progress file (``data/voortgang/<peildatum>.yml``) made from answers: for the spreadsheet round and the site's form.

Which actions a round asks about, which it carries over, and how the file
is written, in one place: ``actieplan inlezen`` (:mod:`macros.dev.progress_round`)
and the "Meld voortgang" page (:mod:`macros.views.progress`) make the same file.
"""

from __future__ import annotations

from typing import Any

from macros.model.records import Action, ActionStatus, PartialDate, Plan
from macros.outputs.yamltext import to_yaml

__all__ = [
    "FINAL",
    "carried_entry",
    "last_statuses",
    "not_delivered_entry",
    "progress_document",
    "progress_text",
    "round_actions",
]

#: Statuses after which an action is not asked again: it is carried over as it was.
FINAL = frozenset({"afgerond", "gestopt"})
#: The schema reference at the top of a progress file.
SCHEMA_REF = "../schema/voortgang.schema.json"


def last_statuses(plan: Plan, before: PartialDate) -> dict[str, tuple[ActionStatus, PartialDate]]:
    """Each action's last real status in a report before ``before``, with that report's reference date."""
    last: dict[str, tuple[ActionStatus, PartialDate]] = {}
    for report in plan.progress_reports:
        if report.reference_date.first_day >= before.first_day:
            continue
        for status in report.statuses:
            if status.reported:
                last[status.action] = (status, report.reference_date)
    return last


def round_actions(plan: Plan, peildatum: PartialDate) -> tuple[dict[str, list[Action]], list[ActionStatus]]:
    """The actions to ask about per actiehouder (by id), and the finished or stopped ones carried over as they were.

    An action is in the round when it started on or before the peildatum (as
    the rule ``voortgang-volledig`` asks). One whose last status was afgerond
    or gestopt is not asked again.
    """
    last = last_statuses(plan, peildatum)
    asked: dict[str, list[Action]] = {}
    carried: list[ActionStatus] = []
    for action in plan.actions.values():
        if action.start.first_day > peildatum.first_day:
            continue
        before = last.get(action.id)
        if before is not None and before[0].status in FINAL:
            carried.append(before[0])
            continue
        asked.setdefault(action.owner, []).append(action)
    return dict(sorted(asked.items())), carried


def carried_entry(status: ActionStatus) -> dict[str, Any]:
    """The entry of an action that is carried over: its last status with explanation and evidence."""
    entry: dict[str, Any] = {"actie": status.action, "status": status.status}
    if status.explanation:
        entry["toelichting"] = status.explanation
    if status.evidence:
        entry["bewijs"] = list(status.evidence)
    return entry


def not_delivered_entry(plan: Plan, action: Action, peildatum: PartialDate, brief: bool = False) -> dict[str, Any]:
    """The entry of an action its owner gave no status for; ``brief`` for a link that must stay short."""
    organisation = plan.organisations[action.owner]
    text = (
        f"Niet aangeleverd door {organisation.short_name}."
        if brief
        else f"Niet aangeleverd door {organisation.name} voor de peildatum {peildatum.dutch}."
    )
    return {"actie": action.id, "status": "niet-gerapporteerd", "toelichting": text}


def progress_document(
    plan: Plan,
    peildatum: PartialDate,
    entries: list[dict[str, Any]],
    title: str | None = None,
    source: str | None = None,
    illustrative: bool = False,
) -> dict[str, Any]:
    """The whole report: its head, then ``entries`` in plan order."""
    order = {a: i for i, a in enumerate(plan.actions)}
    document: dict[str, Any] = {
        "peildatum": peildatum.iso,
        "titel": title or f"Stand van zaken {peildatum.dutch}",
        "bron": source or f"Antwoorden van de actiehouders op de uitvraag met peildatum {peildatum.dutch}",
    }
    if illustrative:
        document["illustratief"] = True
    document["acties"] = sorted(entries, key=lambda e: order[e["actie"]])
    return document


def progress_text(document: dict[str, Any]) -> str:
    """The file's text, in the layout of ``data/voortgang/``."""
    return to_yaml(document, SCHEMA_REF, spaced=False)
