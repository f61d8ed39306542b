"""Rules for the life of a measure: how it ends, and that nothing published is ever taken away.

A measure that stops is not deleted: it gets ``eindstand: niet voortgezet``
with a reason, so that what a published version promised stays traceable.
"""

from __future__ import annotations

from collections.abc import Iterator

from macros.data.catalog import Catalog
from macros.data.findings import Finding

__all__ = ["end_states", "published_kept"]

#: The measure status that goes with each end state.
_STATUS_OF_END = {"afgerond": "afgerond", "niet voortgezet": "gestopt"}


def end_states(catalog: Catalog) -> Iterator[Finding]:
    """A measure's end state agrees with its status.

    Passes: ``status: gestopt`` with ``eindstand: {stand: niet voortgezet, reden: ...}``.
    Fails: ``status: lopend`` with ``eindstand: {stand: afgerond, ...}``.
    """
    for record in catalog.records("maatregel"):
        end = record.data.get("eindstand")
        if not isinstance(end, dict):
            continue
        wanted = _STATUS_OF_END[end["stand"]]
        if record.data["status"] != wanted:
            yield record.finding(
                ("eindstand", "stand"),
                f"de eindstand is '{end['stand']}', maar de status van de maatregel is '{record.data['status']}'",
                f"zet 'status: {wanted}', of haal de eindstand weg als de maatregel nog loopt",
                "maatregel-eindstand",
            )


def published_kept(catalog: Catalog) -> Iterator[Finding]:
    """Measures and actions of a published version (a snapshot in data/snapshots/) are never deleted.

    Fails: removing ``data/maatregelen/M03.yml`` or action ``M03-A2`` when the
    snapshot of version 2023-10 has them.
    """
    if catalog.broken_measures:
        return
    current: dict[str, set[str]] = {}
    for action in catalog.records("actie", only_valid=False):
        current.setdefault(str(action.doc.data.get("id")), set()).add(str(action.data.get("id")))
    documents = {str(r.data.get("id")): r for r in catalog.records("maatregel", only_valid=False)}
    reported: set[str] = set()
    for version, measures in catalog.published().items():
        for measure_id, action_ids in measures.items():
            record = documents.get(measure_id)
            if record is None:
                if measure_id not in reported:
                    reported.add(measure_id)
                    yield Finding(
                        file=f"{catalog.measure_dir_shown}/{measure_id}.yml",
                        line=0,
                        message=f"maatregel {measure_id} staat in de gepubliceerde versie {version}, maar is weggehaald",
                        hint="zet het bestand terug; stopt de maatregel, geef haar dan "
                        "'eindstand:' met 'stand: niet voortgezet' en een reden",
                        rule="nooit-weghalen",
                    )
                continue
            for action_id in action_ids:
                if action_id not in current.get(measure_id, set()) and action_id not in reported:
                    reported.add(action_id)
                    yield record.finding(
                        "acties",
                        f"actie {action_id} staat in de gepubliceerde versie {version}, maar is weggehaald",
                        "zet de actie terug; stopt zij, geef haar dan 'status: gestopt' en leg dat uit in de voortgang",
                        "nooit-weghalen",
                    )
