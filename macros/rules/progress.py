"""Rules for the progress reports in ``data/voortgang/``.

Registered in :data:`macros.rules.records.RULES` like every other rule. Dates that
do not exist are reported by the shared ``datum`` rule and unknown actions by
``verwijzing``; the rules here skip such values instead of reporting them twice.
"""

from __future__ import annotations

from collections.abc import Iterator

from macros.data.catalog import Catalog, RecordRef
from macros.data.findings import Finding
from macros.model.progress import NEEDS_EXPLANATION, goes_back
from macros.model.records import PartialDate

__all__ = [
    "progress_complete",
    "progress_confidence",
    "progress_evidence",
    "progress_explanations",
    "progress_file_names",
    "progress_obstacles",
    "progress_order",
    "progress_reversals",
]

#: Confidence levels that are not on course: they need an explanation and obstacles.
AT_RISK = frozenset({"risico", "ernstig risico"})


def _day(record: RecordRef, field: str) -> PartialDate | None:
    try:
        return PartialDate.parse(record.data[field]) if record.data.get(field) else None
    except ValueError:
        return None


def _reports(catalog: Catalog) -> list[tuple[RecordRef, PartialDate]]:
    """The valid reports with a real reference date, oldest first."""
    found = [(r, _day(r, "peildatum")) for r in catalog.records("voortgangsrapportage")]
    return sorted(((r, d) for r, d in found if d is not None), key=lambda pair: pair[1])


def progress_file_names(catalog: Catalog) -> Iterator[Finding]:
    """A report's file is named after its reference date.

    Passes: ``voortgang/2025-06-30.yml`` with ``peildatum: 2025-06-30``.
    Fails: the same file with ``peildatum: 2025-07-01``.
    """
    for record in catalog.records("voortgangsrapportage"):
        stem = record.doc.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if record.data["peildatum"] != stem:
            yield record.finding(
                "peildatum",
                f"de peildatum {record.data['peildatum']} verschilt van de bestandsnaam '{stem}'",
                f"noem het bestand {record.data['peildatum']}.yml of verander de peildatum in {stem}",
                "voortgang-bestandsnaam",
            )


def progress_order(catalog: Catalog) -> Iterator[Finding]:
    """Report dates are ordered: one report per reference date, published on or after it, in turn.

    Fails: ``gepubliceerd: 2025-06-01`` with ``peildatum: 2025-06-30``; or a
    report published before the report with the earlier reference date.
    """
    previous: tuple[RecordRef, PartialDate, PartialDate | None] | None = None
    for record, reference in _reports(catalog):
        published = _day(record, "gepubliceerd")
        if previous and reference == previous[1]:
            yield record.finding(
                "peildatum",
                f"er is al een rapportage met peildatum {reference.dutch} ({previous[0].doc.file})",
                "geef elke rapportage een eigen peildatum",
                "voortgang-volgorde",
            )
        if published and published.first_day < reference.first_day:
            yield record.finding(
                "gepubliceerd",
                f"de rapportage is gepubliceerd ({published.dutch}) vóór de peildatum ({reference.dutch})",
                "een rapportage verschijnt op of na de peildatum; controleer beide datums",
                "voortgang-volgorde",
            )
        elif published and previous and previous[2] and published.first_day < previous[2].first_day:
            yield record.finding(
                "gepubliceerd",
                f"deze rapportage is gepubliceerd ({published.dutch}) vóór de vorige rapportage "
                f"({previous[0].doc.file}, gepubliceerd {previous[2].dutch})",
                "controleer de datums: een latere peildatum verschijnt niet eerder",
                "voortgang-volgorde",
            )
        previous = (record, reference, published or (previous[2] if previous else None))


def _action_starts(catalog: Catalog) -> dict[str, PartialDate]:
    starts = {}
    for action in catalog.records("actie"):
        start = _day(action, "start")
        if start is not None:
            starts[action.data["id"]] = start
    return starts


def progress_complete(catalog: Catalog) -> Iterator[Finding]:
    """Every action that existed on the reference date has one status in the report, and no other does.

    An action exists from the first day of its ``start``. An owner who gave
    no status is written down as ``status: niet-gerapporteerd``.
    Fails: a report of 2025-06-30 without ``M05-A2`` (start 2025-01); a report
    of 2024-12-31 with ``M09-A1`` (start 2027-01); an action listed twice.
    """
    reports = _reports(catalog)
    if not reports or not catalog.complete("actie"):
        return
    starts = _action_starts(catalog)
    for record, reference in reports:
        seen: dict[str, int] = {}
        for index, entry in enumerate(record.data["acties"]):
            action_id = entry["actie"]
            at = ("acties", index, "actie")
            if action_id in seen:
                line = record.doc.line(("acties", seen[action_id], "actie"))
                yield record.finding(
                    at,
                    f"actie {action_id} staat twee keer in deze rapportage (ook op regel {line})",
                    "geef elke actie één regel",
                    "voortgang-volledig",
                )
                continue
            seen[action_id] = index
            start = starts.get(action_id)
            if start is not None and start.first_day > reference.first_day:
                yield record.finding(
                    at,
                    f"de start van actie {action_id} ({start.dutch}) ligt na de peildatum ({reference.dutch})",
                    "haal de actie weg uit deze rapportage, of controleer de startdatum van de actie",
                    "voortgang-volledig",
                )
        for action_id, start in starts.items():
            if start.first_day <= reference.first_day and action_id not in seen:
                yield record.finding(
                    "acties",
                    f"actie {action_id} liep al op de peildatum ({reference.dutch}), maar heeft geen status in deze rapportage",
                    f"voeg '- actie: {action_id}' met een status toe, of 'status: niet-gerapporteerd' met een toelichting",
                    "voortgang-volledig",
                )


def progress_explanations(catalog: Catalog) -> Iterator[Finding]:
    """A status that is not as planned (vertraagd, gestopt, niet-gerapporteerd) has a ``toelichting``.

    Fails: ``status: vertraagd`` without ``toelichting:``.
    """
    for entry in catalog.records("voortgangsstatus"):
        if entry.data["status"] in NEEDS_EXPLANATION and not entry.data.get("toelichting"):
            yield entry.finding(
                "status",
                f"de status '{entry.data['status']}' heeft een toelichting nodig",
                "voeg 'toelichting:' toe: wat is er aan de hand, en wat is de nieuwe planning?",
                "voortgang-toelichting",
            )


def progress_reversals(catalog: Catalog) -> Iterator[Finding]:
    """A status that goes back since the last report (afgerond → lopend) has a ``toelichting``.

    Compared with the last report that gave the action a real status.
    Passes: ``afgerond`` then ``lopend`` with a ``toelichting``.
    Fails: the same without one.
    """
    last: dict[str, tuple[str, PartialDate]] = {}
    for record, reference in _reports(catalog):
        seen: set[str] = set()
        for index, entry in enumerate(record.data["acties"]):
            action_id, status = entry["actie"], entry["status"]
            # A second line for the same action has its own message (voortgang-volledig).
            if status == "niet-gerapporteerd" or action_id in seen:
                continue
            seen.add(action_id)
            before = last.get(action_id)
            # A status that needs an explanation anyway already has its own message.
            if (
                before
                and goes_back(before[0], status)
                and not entry.get("toelichting")
                and status not in NEEDS_EXPLANATION
            ):
                yield record.finding(
                    ("acties", index, "status"),
                    f"de status van {action_id} gaat terug van '{before[0]}' (peildatum {before[1].dutch}) naar '{status}'",
                    "leg in 'toelichting:' uit waarom",
                    "voortgang-teruggang",
                )
            last[action_id] = (status, reference)


def progress_confidence(catalog: Catalog) -> Iterator[Finding]:
    """A confidence that is not on course (risico, ernstig risico) has a ``toelichting``.

    Passes: ``vertrouwen: risico`` with ``toelichting:``. Fails: the same without one.
    """
    for entry in catalog.records("voortgangsstatus"):
        level = entry.data.get("vertrouwen")
        # A status that needs an explanation anyway already has its own message.
        if level in AT_RISK and not entry.data.get("toelichting") and entry.data["status"] not in NEEDS_EXPLANATION:
            yield entry.finding(
                "vertrouwen",
                f"bij vertrouwen '{level}' hoort een toelichting",
                "voeg 'toelichting:' toe: wat is het risico, en wat doet u eraan?",
                "voortgang-vertrouwen",
            )


def progress_obstacles(catalog: Catalog) -> Iterator[Finding]:
    """A delayed action, or one not on course, names its obstacles; ``anders`` is explained.

    Passes: ``status: vertraagd`` with ``knelpunten: [capaciteit]``.
    Fails: ``status: vertraagd`` or ``vertrouwen: risico`` without ``knelpunten``;
    ``knelpunten: [anders]`` without ``toelichting``.
    """
    codes = "financiering, capaciteit, prioriteit, besluitvorming, afhankelijkheid of anders"
    for entry in catalog.records("voortgangsstatus"):
        status, level = entry.data["status"], entry.data.get("vertrouwen")
        obstacles = entry.data.get("knelpunten") or []
        if not obstacles and (status == "vertraagd" or level in AT_RISK):
            reason = f"de status '{status}'" if status == "vertraagd" else f"vertrouwen '{level}'"
            yield entry.finding(
                "vertrouwen" if status != "vertraagd" else "status",
                f"bij {reason} horen knelpunten",
                f"voeg 'knelpunten:' toe met een of meer van: {codes}",
                "voortgang-knelpunten",
            )
        if "anders" in obstacles and not entry.data.get("toelichting"):
            yield entry.finding(
                "knelpunten",
                "bij het knelpunt 'anders' hoort een toelichting",
                "zeg in 'toelichting:' wat het knelpunt is",
                "voortgang-knelpunten",
            )


def progress_evidence(catalog: Catalog) -> Iterator[Finding]:
    """An action reported as ``afgerond`` names its evidence (``bewijs``).

    Passes: ``status: afgerond`` with ``bewijs: ["Kamerstuk 28 638 nr. 259"]``.
    Fails: ``status: afgerond`` without ``bewijs``.
    """
    for entry in catalog.records("voortgangsstatus"):
        if entry.data["status"] == "afgerond" and not entry.data.get("bewijs"):
            yield entry.finding(
                "status",
                "bij de status 'afgerond' hoort bewijs",
                "voeg 'bewijs:' toe met een webadres (https://...) of een Kamerstuk waaruit blijkt dat de actie klaar is",
                "voortgang-bewijs",
            )
