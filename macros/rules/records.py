"""Rules beyond the schema: ids, references, dates and money across files.

Each rule is a generator over the :class:`~macros.catalog.Catalog` that
yields findings. ``RULES`` is the registry, in the order they run. A rule's
docstring says what passes and what fails; the page "Veelgemaakte fouten"
shows their messages.
"""

from __future__ import annotations

import functools
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from macros.data.catalog import Catalog, RecordRef
from macros.data.findings import Finding, Suggestions, did_you_mean
from macros.dutch import euro
from macros.model.kinds import KINDS
from macros.model.records import PartialDate

__all__ = [
    "budget_per_year",
    "dates",
    "goals_served",
    "measure_file_names",
    "money",
    "provenance",
    "references",
    "roles",
    "sizes",
    "unique_ids",
    "versions",
]

Rule = Callable[[Catalog], Iterator[Finding]]

#: The kinds whose records have an id that must be unique, in the order the rule checks them.
_ID_KINDS = tuple(k.name for k in KINDS.values() if k.has_id)


def sizes(catalog: Catalog) -> Iterator[Finding]:
    """No kind has more records than its ``max_records`` in the registry of kinds.

    Fails: a 5.001st measure file. The message stands at the first record beyond the limit.
    """
    for kind in KINDS.values():
        records = catalog.records(kind.name, only_valid=False)
        beyond = next(itertools.islice(records, kind.max_records, None), None)
        if beyond is None:
            continue
        count = kind.max_records + 1 + sum(1 for _ in records)
        yield beyond.finding(
            (),
            f"het plan heeft {_thousands(count)} {kind.plural.lower()}; de grens is {_thousands(kind.max_records)}",
            "zo'n groot plan past niet in één site (geheugen bij het bouwen, 1 GB bij GitHub Pages); "
            "voeg records samen of overleg met het programmateam",
            "omvang",
        )


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def unique_ids(catalog: Catalog) -> Iterator[Finding]:
    """Every id is used once for its kind, across all files.

    Fails: two measure files that both say ``id: M03``.
    """
    for kind in _ID_KINDS:
        records = tuple(catalog.records(kind, only_valid=False))
        ids = [r.data.get("id") for r in records]
        text_ids = [rid for rid in ids if isinstance(rid, str)]
        if len(set(text_ids)) == len(text_ids):
            continue  # every id once: nothing to report (the usual case, checked at C speed)
        first: dict[str, RecordRef] = {}
        for record in records:
            rid = record.data.get("id")
            if not isinstance(rid, str):
                continue
            if rid in first:
                earlier = first[rid]
                yield record.finding(
                    "id",
                    f"het id '{rid}' wordt al gebruikt voor een {kind} in {earlier.doc.file}:{earlier.doc.line((*earlier.path, 'id'))}",
                    "geef dit record een eigen id",
                    "uniek-id",
                )
            else:
                first[rid] = record
    numbers: dict[Any, RecordRef] = {}
    for record in catalog.records("rondetafel", only_valid=False):
        number = record.data.get("nummer")
        if number in numbers:
            yield record.finding(
                "nummer",
                f"rondetafel {number} staat er twee keer in",
                "geef elke rondetafel een eigen nummer",
                "uniek-id",
            )
        numbers[number] = record


def measure_file_names(catalog: Catalog) -> Iterator[Finding]:
    """A measure file is named after its id, and its actions carry the measure id.

    Passes: ``maatregelen/M03.yml`` with ``id: M03`` and actions ``M03-A1``, ``M03-A2``.
    """
    for record in catalog.records("maatregel"):
        stem = record.doc.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if record.data["id"] != stem:
            yield record.finding(
                "id",
                f"het id '{record.data['id']}' verschilt van de bestandsnaam '{stem}'",
                f"noem het bestand {record.data['id']}.yml of verander het id in {stem}",
                "id-bestandsnaam",
            )
    for record in catalog.records("actie"):
        measure_id = record.doc.data["id"]
        if not str(record.data["id"]).startswith(f"{measure_id}-A"):
            yield record.finding(
                "id",
                f"het id '{record.data['id']}' hoort niet bij maatregel {measure_id}",
                f"begin het id met {measure_id}-A, bijvoorbeeld {measure_id}-A1",
                "actie-id",
            )


#: (kind, field, target kind): every reference in the data.
REFERENCES: tuple[tuple[str, str, str], ...] = (
    ("probleem", "uitbuitingsvormen", "uitbuitingsvorm"),
    ("oorzaak", "problemen", "probleem"),
    ("interventie", "oorzaken", "oorzaak"),
    ("interventie", "programmalijn", "programmalijn"),
    ("operationeel doel", "interventies", "interventie"),
    ("maatregel", "programmalijn", "programmalijn"),
    ("maatregel", "hoofddoelen", "hoofddoel"),
    ("maatregel", "uitbuitingsvormen", "uitbuitingsvorm"),
    ("maatregel", "operationele_doelen", "operationeel doel"),
    ("maatregel", "actiehouder", "organisatie"),
    ("maatregel", "partners", "organisatie"),
    ("actie", "actiehouder", "organisatie"),
    ("actie", "partners", "organisatie"),
    ("project", "categorie", "bestedingscategorie"),
    ("project", "uitvoerder", "organisatie"),
    ("project", "uitbuitingsvormen", "uitbuitingsvorm"),
    ("project", "hoofddoelen", "hoofddoel"),
    ("project", "maatregelen", "maatregel"),
    ("voortgangsstatus", "actie", "actie"),
    ("consultatieronde", "planversie", "versie"),
)


def references(catalog: Catalog) -> Iterator[Finding]:
    """Every reference names a record that exists.

    Fails: ``actiehouder: COMENSA`` when the organisation is ``COMENSHA``, or
    ``planversie: concept-2023-06`` when the version is ``2023-06-concept``
    (the message suggests the near miss).
    """
    known = {kind: catalog.ids(kind) for kind in {target for _, _, target in REFERENCES}}
    suggest = Suggestions()
    suggestable: dict[str, set[str]] = {}
    for kind, field, target in REFERENCES:
        if not catalog.complete(target):
            continue
        ids = known[target]
        records = tuple(catalog.records(kind))
        # Records come from files that passed the schema, so references are text (or lists of text).
        named = [r.data.get(field) for r in records]
        present = [v for v in named if v is not None]
        lists = [v for v in present if type(v) is list]
        if (
            ids.issuperset(itertools.chain.from_iterable(lists))
            if len(lists) == len(present)
            else (not lists and ids.issuperset(present))
        ):
            continue  # every reference of this field is known (the usual case, checked at C speed)
        for record, value in zip(records, named, strict=True):
            if value is None:
                continue
            values = value if isinstance(value, list) else [value]
            if ids.issuperset(values):
                continue
            for index, ref in enumerate(values):
                if ref in ids:
                    continue
                where = (field, index) if isinstance(value, list) else field
                if target not in suggestable:
                    # Near misses only from files that passed the schema: an id refused there (a look-alike
                    # with a Cyrillic letter or a zero-width space) must not be offered as the fix.
                    suggestable[target] = {str(r.data["id"]) for r in catalog.records(target) if "id" in r.data}
                hint = suggest(str(ref), suggestable[target]) or f"gebruik een id uit {KINDS[target].defined_in}"
                yield record.finding(where, f"onbekende {target} '{ref}'", hint, "verwijzing")


def provenance(catalog: Catalog) -> Iterator[Finding]:
    """Every record has a source (``bron``) or is marked ``illustratief: true``.

    Fails: a measure with neither, or with ``illustratief: false`` and no ``bron``.
    """
    for kind in (*_ID_KINDS, "rondetafel", "voortgangsrapportage"):
        for record in catalog.records(kind):
            if record.data.get("bron") or record.data.get("illustratief") is True:
                continue
            yield record.finding(
                (),
                f"deze {kind} heeft geen bron en is niet als illustratief gemarkeerd",
                "voeg 'bron:' toe met de herkomst, of 'illustratief: true' als het een voorbeeld is",
                "herkomst",
            )


#: Dates repeat a lot (many actions start in the same month); each text is parsed once.
_parse_date = functools.lru_cache(maxsize=4096)(PartialDate.parse)


def _date(record: RecordRef, field: str) -> tuple[PartialDate | None, Finding | None]:
    text = record.data.get(field)
    if text is None:
        return None, None
    try:
        return _parse_date(text), None
    except ValueError:
        return None, record.finding(
            field, f"'{text}' is geen bestaande datum", "controleer de maand en de dag", "datum"
        )


def dates(catalog: Catalog) -> Iterator[Finding]:
    """Dates exist in the calendar and periods end on or after their start.

    Fails: ``eind: 2024-02-30``, or ``start: 2025-06`` with ``eind: 2024-12``.
    """
    for kind, start_field, end_field in (
        ("maatregel", "start", "eind"),
        ("actie", "start", "eind"),
        ("begrotingslijn", "van", "tot"),
        ("rondetafel", "datum", None),
        ("voortgangsrapportage", "peildatum", None),
        ("voortgangsrapportage", "gepubliceerd", None),
        ("versie", "datum", None),
    ):
        for record in catalog.records(kind):
            start, problem = _date(record, start_field)
            if problem:
                yield problem
            if end_field is None:
                continue
            end, problem = _date(record, end_field)
            if problem:
                yield problem
            if start and end and end.last_day < start.first_day:
                yield record.finding(
                    end_field,
                    f"het einde ({end.dutch}) ligt vóór het begin ({start.dutch})",
                    "controleer beide datums",
                    "volgorde-datums",
                )
    # Dates nested in a measure: its end state and its independent assessments.
    for record in catalog.records("maatregel"):
        nested: list[tuple[str | int, ...]] = [("eindstand",)] if isinstance(record.data.get("eindstand"), dict) else []
        nested += [("beoordelingen", i) for i in range(len(record.data.get("beoordelingen") or ()))]
        for path in nested:
            value: Any = record.data
            for step in path:
                value = value[step]
            _, problem = _date(RecordRef(record.kind, value, record.doc, record.path + path), "datum")
            if problem:
                yield problem
    tables = sorted(catalog.records("rondetafel"), key=lambda r: r.data["nummer"])
    previous: tuple[RecordRef, PartialDate] | None = None
    for record in tables:
        date, _ = _date(record, "datum")
        if date is None:
            continue
        if previous and date.first_day < previous[1].first_day:
            yield record.finding(
                "datum",
                f"rondetafel {record.data['nummer']} ligt vóór rondetafel {previous[0].data['nummer']}",
                "controleer de datum of het nummer",
                "volgorde-datums",
            )
        previous = (record, date)


def _cents_ok(amount: Any) -> bool:
    exact = Decimal(str(amount))
    try:
        return exact == exact.quantize(Decimal("0.01"))
    except InvalidOperation:
        # More digits than the decimal context holds; the schema's maximum refuses such amounts.
        return False


def money(catalog: Catalog) -> Iterator[Finding]:
    """Amounts have whole cents; spent ≤ committed ≤ allocated; a year once per project.

    Fails: ``toegekend: 1250.005``, or ``besteed: 90000`` above ``verplicht: 80000``.
    """
    for record in catalog.records("begrotingslijn"):
        if not _cents_ok(record.data["bedrag_per_jaar"]):
            yield record.finding(
                "bedrag_per_jaar",
                "het bedrag heeft meer dan twee cijfers achter de punt",
                "rond af op hele centen",
                "bedrag",
            )
    for record in catalog.records("project"):
        years: dict[int, int] = {}
        for index, row in enumerate(record.data["budget"]):
            at = ("budget", index)
            if row["jaar"] in years:
                yield record.finding(
                    (*at, "jaar"),
                    f"het jaar {row['jaar']} staat twee keer in het budget van dit project",
                    "tel de bedragen van dat jaar op in één regel",
                    "bedrag",
                )
            years[row["jaar"]] = index
            for field in ("toegekend", "verplicht", "besteed"):
                if field in row and not _cents_ok(row[field]):
                    yield record.finding(
                        (*at, field),
                        "het bedrag heeft meer dan twee cijfers achter de punt",
                        "rond af op hele centen",
                        "bedrag",
                    )
            allocated, committed, spent = row["toegekend"], row.get("verplicht"), row.get("besteed")
            if committed is not None and committed > allocated:
                yield record.finding(
                    (*at, "verplicht"),
                    f"verplicht ({euro(committed)}) is meer dan toegekend ({euro(allocated)})",
                    "verplicht kan niet hoger zijn dan toegekend",
                    "bedrag",
                )
            if spent is not None and spent > (committed if committed is not None else allocated):
                ceiling = "verplicht" if committed is not None else "toegekend"
                yield record.finding(
                    (*at, "besteed"),
                    f"besteed ({euro(spent)}) is meer dan {ceiling} ({euro(committed if committed is not None else allocated)})",
                    f"besteed kan niet hoger zijn dan {ceiling}",
                    "bedrag",
                )


def budget_per_year(catalog: Catalog) -> Iterator[Finding]:
    """Per year, projects are allocated no more than the budget lines provide.

    Fails: projects with € 2.100.000 in 2023 when only € 2.000.000 is available.
    """
    if not catalog.is_valid("programma.yml", "projecten.yml"):
        return
    lines = []
    for record in catalog.records("begrotingslijn"):
        start, bad_start = _date(record, "van")
        end, bad_end = _date(record, "tot")
        if bad_start or bad_end:
            return  # the date rule reports it; a sum without this line would mislead
        if start:
            lines.append((start.year, end.year if end else None, Decimal(str(record.data["bedrag_per_jaar"]))))
    per_year: dict[int, Decimal] = defaultdict(Decimal)
    first_row: dict[int, tuple[RecordRef, int]] = {}
    for record in catalog.records("project"):
        for index, row in enumerate(record.data["budget"]):
            per_year[row["jaar"]] += Decimal(str(row["toegekend"]))
            first_row.setdefault(row["jaar"], (record, index))
    for year in sorted(per_year):
        available = sum(
            (amount for first, last, amount in lines if first <= year and (last is None or last >= year)), Decimal(0)
        )
        if per_year[year] > available:
            record, index = first_row[year]
            yield record.finding(
                ("budget", index, "toegekend"),
                f"in {year} is {euro(per_year[year])} aan projecten toegekend, maar de begrotingslijnen geven {euro(available)}",
                f"verlaag de bedragen voor {year} of voeg een begrotingslijn toe in data/programma.yml",
                "begroting",
            )


def roles(catalog: Catalog) -> Iterator[Finding]:
    """The lead owner is not also listed as a partner.

    Fails: ``actiehouder: VNG`` with ``partners: [VNG, COMENSHA]``.
    """
    for kind in ("maatregel", "actie"):
        for record in catalog.records(kind):
            partners = record.data.get("partners") or []
            if record.data["actiehouder"] in partners:
                yield record.finding(
                    ("partners", partners.index(record.data["actiehouder"])),
                    f"{record.data['actiehouder']} is al actiehouder en staat ook bij de partners",
                    "haal de actiehouder weg uit de partners",
                    "rollen",
                )


def goals_served(catalog: Catalog) -> Iterator[Finding]:
    """Every operational goal is served by at least one measure (a warning).

    Reported: ``OD7`` when no measure lists it under ``operationele_doelen``.
    """
    served = {
        goal
        for m in catalog.records("maatregel", only_valid=False)
        for goal in (m.data.get("operationele_doelen") or [])
        if isinstance(goal, str)
    }
    for record in catalog.records("operationeel doel"):
        if record.data["id"] not in served:
            yield record.finding(
                "id",
                f"geen enkele maatregel werkt aan operationeel doel {record.data['id']}",
                "koppel het doel aan een maatregel (operationele_doelen) of haal het weg",
                "doel-zonder-maatregel",
                severity="waarschuwing",
            )


def versions(catalog: Catalog) -> Iterator[Finding]:
    """The working version is listed; dated versions are in order; adopted and replaced versions have a date.

    Fails: ``werkversie: 2025-01`` when no version has that id, or a version
    with ``status: vastgesteld`` and no ``datum``.
    """
    if not catalog.is_valid("versies.yml"):
        return
    doc = catalog.docs["versies.yml"]
    ids = catalog.ids("versie")
    if doc.data["werkversie"] not in ids:
        yield RecordRef("versies", doc.data, doc, ()).finding(
            "werkversie",
            f"de werkversie '{doc.data['werkversie']}' staat niet in de lijst met versies",
            did_you_mean(str(doc.data["werkversie"]), ids) or "voeg de versie toe onder versies:",
            "versie",
        )
    previous: RecordRef | None = None
    for record in catalog.records("versie"):
        if record.data["status"] != "concept" and "datum" not in record.data:
            yield record.finding(
                (),
                f"versie {record.data['id']} heeft status {record.data['status']} maar geen datum",
                "voeg 'datum:' toe met de datum van vaststelling",
                "versie",
            )
        if "datum" in record.data and previous is not None and record.data["datum"] < previous.data["datum"]:
            yield record.finding(
                "datum",
                f"versie {record.data['id']} staat na versie {previous.data['id']}, maar heeft een eerdere datum",
                "zet de versies in de volgorde van hun datum",
                "versie",
            )
        if "datum" in record.data:
            previous = record
