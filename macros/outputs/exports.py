"""Open data: measures, actions, projects, organisations, progress and spending as JSON and CSV.

The exports are written in the build from the validated :class:`~macros.model.Plan`
(never from a second copy of the data). This module holds the column layout
per kind, once: the JSON and CSV files, their JSON Schemas, the field tables
on the "Open data" page and the download links on the Voortgang page are all
made from :data:`EXPORTS`, and :func:`write_exports` writes every file.

Decisions (documented for re-users on docs/open-data.md):

- Field names are the Dutch YAML keys, so a record in the export has the same
  fields and values as in ``data/``. Every field is always present; a field
  without a value is ``null`` in JSON and an empty cell in CSV.
- Actions are nested in the measure files; in the exports they are a kind of
  their own with the field ``maatregel`` (the id of their measure).
- CSV is made for a spreadsheet set to Dutch: ``;`` between fields, a decimal
  comma, UTF-8 with a byte order mark (so Excel recognises the encoding) and
  CRLF line ends (RFC 4180). Amounts are plain numbers without € sign or
  thousands separator. Lists are joined with ``", "``. Yes/no is ``true``/``false``.
  A project's budget per year becomes columns ``toegekend_2023``, ``verplicht_2023``,
  ``besteed_2023`` and so on, one set for every year in which any project has money.
- Progress (``voortgang``) and spending (``besteding``) are documents: their
  JSON is one object that nests (reports with the status of each action;
  years, categories and projects with their budget), and their CSV has a flat
  layout of its own (one row per report and action, one per project and year).
  That CSV is plain (``,``, decimal point, UTF-8 without byte order mark, LF),
  as it was first published; :class:`CsvFormat` says which file is which.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from macros.model import money as spending
from macros.model.kinds import KINDS
from macros.model.records import ActionStatus, Assessment, PartialDate, Plan, ProgressReport, Project, ProjectYear

__all__ = [
    "EXPORT_DIR",
    "EXPORTS",
    "FORMULA_START",
    "PLAIN",
    "SPREADSHEET",
    "Column",
    "CsvFormat",
    "ExportKind",
    "csv_header",
    "csv_text",
    "export_kind",
    "json_document",
    "json_records",
    "neutralise",
    "json_schema",
    "json_value",
    "write_exports",
]

#: The folder in the built site that holds the exports.
EXPORT_DIR = "data"


@dataclasses.dataclass(frozen=True)
class Column:
    """One field of an export."""

    name: str
    #: One of: tekst, lijst, bedrag, jaar, ja/nee, maand, datum, budget, objecten.
    type: str
    description: str
    get: Callable[[Any], Any]
    #: False when the field may be empty (null / an empty cell).
    required: bool = True
    #: For type ``objecten`` (in JSON a list of objects): the fields of each object.
    fields: tuple[Column, ...] = ()


@dataclasses.dataclass(frozen=True)
class CsvFormat:
    """How a CSV file is written, and what the Open data page calls it."""

    delimiter: str
    decimal: str
    line_end: str
    byte_order_mark: bool
    label: str


#: For a spreadsheet set to Dutch (explained on docs/open-data.md).
SPREADSHEET = CsvFormat(";", ",", "\r\n", True, "CSV voor een spreadsheet")
#: Comma-separated, decimal point, UTF-8 without byte order mark, LF.
PLAIN = CsvFormat(",", ".", "\n", False, "CSV met komma's en een decimale punt")


@dataclasses.dataclass(frozen=True)
class ExportKind:
    """One export: its file name, its layout and where the records come from.

    A list kind is a JSON list with one object per record of ``records(plan)``,
    and a CSV with the same columns. A document kind (``document=True``) is a
    JSON object whose ``columns`` are read from the plan itself, and a CSV with
    a flat layout of its own: ``csv_columns`` over ``csv_records(plan)``.
    """

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    records: Callable[[Plan], Sequence[Any]]
    document: bool = False
    csv_columns: tuple[Column, ...] = ()
    csv_records: Callable[[Plan], Sequence[Any]] | None = None
    csv_format: CsvFormat = SPREADSHEET

    def rows(self, plan: Plan) -> Sequence[Any]:
        """The records of the CSV file, one per row."""
        return self.csv_records(plan) if self.csv_records else self.records(plan)

    @property
    def flat_columns(self) -> tuple[Column, ...]:
        """The columns of the CSV file (a budget field is spread over the years when written)."""
        return self.csv_columns or self.columns


def _through(attribute: str, get: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda record: get(getattr(record, attribute))


def _via(attribute: str, columns: tuple[Column, ...], **renamed: str) -> tuple[Column, ...]:
    """``columns`` read from ``record.<attribute>``: one field, defined once, in another layout.

    ``renamed`` gives a column another name there (``id="project"``).
    """
    return tuple(
        dataclasses.replace(c, name=renamed.get(c.name, c.name), get=_through(attribute, c.get)) for c in columns
    )


#: How a field's value kind (macros.model.kinds) is written in the exports and named on the Open data page.
_EXPORT_TYPES: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "tekst": ("tekst", lambda v: v),
    "lijst": ("lijst", lambda v: v),
    "datum": ("maand", lambda v: v.iso),
    "bedrag": ("bedrag", lambda v: v),
    "ja-nee": ("ja/nee", lambda v: v),
}


def _field(kind: str, name: str, description: str, required: bool = True) -> Column:
    """The column of field ``name`` of ``kind``: its name, type and value come from the registry of kinds."""
    field = KINDS[kind].field(name)
    export_type, convert = _EXPORT_TYPES[field.kind]
    get = field.get
    return Column(name, export_type, description, lambda r: convert(get(r)), required=required)


def _provenance() -> tuple[Column, ...]:
    return (
        Column("bron", "tekst", "Waar het gegeven vandaan komt.", lambda r: r.provenance.source, required=False),
        Column("bron_url", "tekst", "Webadres van de bron.", lambda r: r.provenance.source_url, required=False),
        Column(
            "illustratief",
            "ja/nee",
            "true als dit een voorbeeld is en geen besluit of feit uit een bron.",
            lambda r: r.provenance.illustrative,
        ),
    )


def _measure_columns() -> tuple[Column, ...]:
    return (
        Column(
            "id",
            "tekst",
            "Id van de maatregel, bijvoorbeeld M07. De pagina staat op /maatregelen/m07/.",
            lambda r: r.id,
        ),
        _field("maatregel", "titel", "Korte naam van de maatregel."),
        _field("maatregel", "samenvatting", "Eén zin: wat verandert er door deze maatregel?"),
        _field("maatregel", "omschrijving", "Wat de maatregel inhoudt."),
        _field("maatregel", "programmalijn", "Id van de programmalijn, bijvoorbeeld PL2."),
        _field("maatregel", "hoofddoelen", "Ids van de hoofddoelen waaraan de maatregel bijdraagt."),
        _field("maatregel", "uitbuitingsvormen", "Ids van de uitbuitingsvormen waar de maatregel over gaat."),
        _field("maatregel", "operationele_doelen", "Ids van de operationele doelen, bijvoorbeeld OD3."),
        _field("maatregel", "actiehouder", "Id van de organisatie die de maatregel trekt (zie organisaties)."),
        _field("maatregel", "partners", "Ids van de organisaties die meehelpen."),
        _field("maatregel", "status", "gepland, lopend, vertraagd, afgerond of gestopt."),
        _field("maatregel", "start", "Begin: JJJJ-MM of JJJJ-MM-DD."),
        _field("maatregel", "eind", "Eind: JJJJ-MM of JJJJ-MM-DD."),
        *_provenance(),
        *_end_state_columns(),
    )


def _end_state_columns() -> tuple[Column, ...]:
    """``eindstand`` of the YAML, one column per field (``eindstand_stand``, ...): empty while the measure runs."""

    def part(get: Callable[[Any], Any]) -> Callable[[Any], Any]:
        return lambda r: get(r.end_state) if r.end_state is not None else None

    return (
        Column(
            "eindstand_stand",
            "tekst",
            "afgerond of niet voortgezet; leeg zolang de maatregel loopt.",
            part(lambda e: e.state),
            required=False,
        ),
        Column(
            "eindstand_reden",
            "tekst",
            "Waarom de maatregel klaar is of niet wordt voortgezet.",
            part(lambda e: e.reason),
            required=False,
        ),
        Column(
            "eindstand_datum",
            "maand",
            "Wanneer de maatregel eindigde: JJJJ-MM of JJJJ-MM-DD.",
            part(lambda e: e.date.iso if e.date else None),
            required=False,
        ),
        Column("eindstand_bron", "tekst", "Waar de eindstand vandaan komt.", part(lambda e: e.source), required=False),
        Column("eindstand_bron_url", "tekst", "Webadres van die bron.", part(lambda e: e.source_url), required=False),
    )


def _action_columns() -> tuple[Column, ...]:
    return (
        Column(
            "id",
            "tekst",
            "Id van de actie: het id van de maatregel, -A en een nummer, bijvoorbeeld M07-A2.",
            lambda r: r.id,
        ),
        _field("actie", "maatregel", "Id van de maatregel waar de actie bij hoort."),
        _field("actie", "titel", "Wat er gebeurt."),
        _field("actie", "omschrijving", "Meer uitleg over de actie.", required=False),
        _field("actie", "actiehouder", "Id van de organisatie die verantwoordelijk is voor de actie."),
        _field("actie", "partners", "Ids van de organisaties die meehelpen."),
        _field("actie", "start", "Begin: JJJJ-MM of JJJJ-MM-DD."),
        _field("actie", "eind", "Eind: JJJJ-MM of JJJJ-MM-DD."),
        _field("actie", "status", "gepland, lopend, vertraagd, afgerond of gestopt."),
        *_provenance(),
    )


def _budget_rows(project: Project) -> list[dict[str, Any]]:
    return [
        {"jaar": y.year, "toegekend": y.allocated, "verplicht": y.committed, "besteed": y.spent} for y in project.years
    ]


def _project_columns() -> tuple[Column, ...]:
    return (
        Column("id", "tekst", "Id van het project, bijvoorbeeld PR04.", lambda r: r.id),
        _field("project", "titel", "Korte naam van het project."),
        _field("project", "omschrijving", "Wat het project doet."),
        _field(
            "project",
            "categorie",
            "Id van de bestedingscategorie: lopend-afronden, vervolg, op-de-plank of nieuw-initiatief.",
        ),
        _field("project", "uitvoerder", "Id van de organisatie die het project uitvoert."),
        _field("project", "uitbuitingsvormen", "Ids van de uitbuitingsvormen waar het project over gaat."),
        _field("project", "hoofddoelen", "Ids van de hoofddoelen waaraan het project bijdraagt."),
        _field("project", "maatregelen", "Ids van de maatregelen die het project betaalt."),
        Column(
            "budget",
            "budget",
            "Per jaar: jaar, toegekend, verplicht en besteed (bedragen in euro). "
            "In CSV: de kolommen toegekend_JJJJ, verplicht_JJJJ en besteed_JJJJ.",
            _budget_rows,
        ),
        *_provenance(),
    )


def _organisation_columns() -> tuple[Column, ...]:
    return (
        Column(
            "id",
            "tekst",
            "Id van de organisatie, bijvoorbeeld COMENSHA. De pagina staat op /organisaties/comensha/.",
            lambda r: r.id,
        ),
        _field("organisatie", "naam", "Volledige naam."),
        _field("organisatie", "afkorting", "Korte naam of afkorting.", required=False),
        _field("organisatie", "type", "Soort organisatie, bijvoorbeeld ministerie, ngo of gemeente."),
        _field("organisatie", "rol", "Rol in de aanpak van mensenhandel."),
        Column(
            "github_team",
            "tekst",
            "GitHub-team dat wijzigingen van deze organisatie beoordeelt.",
            lambda r: r.github_team or None,
            required=False,
        ),
        *_provenance(),
    )


# --- Progress and spending --------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _StatusLine:
    """The status of one action in one report, with the action's measure and owner."""

    report: ProgressReport
    status: ActionStatus
    measure: str
    owner: str


@dataclasses.dataclass(frozen=True)
class _ReportEntry:
    report: ProgressReport
    lines: tuple[_StatusLine, ...]


def _reports(plan: Plan) -> list[_ReportEntry]:
    return [
        _ReportEntry(
            r,
            tuple(_StatusLine(r, s, plan.actions[s.action].measure, plan.actions[s.action].owner) for s in r.statuses),
        )
        for r in plan.progress_reports
    ]


_REPORT_HEAD = (
    Column("peildatum", "datum", "De dag waarop de stand is opgemaakt (JJJJ-MM-DD).", lambda r: r.id),
    Column("titel", "tekst", "Naam van de rapportage.", lambda r: r.title),
    Column(
        "gepubliceerd",
        "datum",
        "De dag waarop de rapportage verscheen.",
        lambda r: r.published.iso if r.published else None,
        required=False,
    ),
    Column("kamerstuk", "tekst", "Het Kamerstuk waar de rapportage bij hoort.", lambda r: r.paper, required=False),
)
_REPORT_MORE = (
    Column("kamerstuk_url", "tekst", "Webadres van het Kamerstuk.", lambda r: r.paper_url, required=False),
    Column("samenvatting", "tekst", "Korte samenvatting van de rapportage.", lambda r: r.summary, required=False),
    Column("bron", "tekst", "Waar de statussen vandaan komen.", lambda r: r.provenance.source, required=False),
)
_REPORT_ILLUSTRATIVE = (
    Column(
        "illustratief",
        "ja/nee",
        "true als de statussen voorbeelden zijn en geen echte stand van zaken.",
        lambda r: r.provenance.illustrative,
    ),
)
_STATUS = (
    Column("actie", "tekst", "Id van de actie, bijvoorbeeld M07-A1.", lambda s: s.status.action),
    Column("maatregel", "tekst", "Id van de maatregel van de actie.", lambda s: s.measure),
    Column("actiehouder", "tekst", "Id van de organisatie die verantwoordelijk is voor de actie.", lambda s: s.owner),
    Column(
        "status",
        "tekst",
        "gepland, lopend, vertraagd, afgerond, gestopt of niet-gerapporteerd.",
        lambda s: s.status.status,
    ),
    Column(
        "vertrouwen",
        "tekst",
        "op koers, risico of ernstig risico: hoe zeker het is dat de actie op tijd klaar is. "
        "Leeg in rapportages van vóór dit veld.",
        lambda s: s.status.confidence,
        required=False,
    ),
    Column(
        "knelpunten",
        "lijst",
        "Wat de actie ophoudt: financiering, capaciteit, prioriteit, besluitvorming, afhankelijkheid of anders.",
        lambda s: list(s.status.obstacles),
    ),
    Column("toelichting", "tekst", "Uitleg bij de status.", lambda s: s.status.explanation, required=False),
    Column(
        "bewijs",
        "lijst",
        "Waar staat dat de actie klaar is: webadressen of documenten, zoals een Kamerstuk.",
        lambda s: list(s.status.evidence),
    ),
)
_PROGRESS = (
    Column(
        "rapportages",
        "objecten",
        "Elke voortgangsrapportage, de oudste eerst.",
        _reports,
        fields=(
            *_via("report", _REPORT_HEAD + _REPORT_MORE + _REPORT_ILLUSTRATIVE),
            Column(
                "acties",
                "objecten",
                "De status van elke actie die op de peildatum begonnen was.",
                lambda e: e.lines,
                fields=_STATUS,
            ),
        ),
    ),
)
_PROGRESS_CSV = (*_via("report", _REPORT_HEAD), *_STATUS, *_via("report", _REPORT_ILLUSTRATIVE))

_AMOUNTS = (
    Column("toegekend", "bedrag", "Bedrag in euro dat aan projecten is toegekend.", lambda a: a.allocated),
    Column("verplicht", "bedrag", "Deel van het toegekende bedrag dat is vastgelegd.", lambda a: a.committed),
    Column("besteed", "bedrag", "Deel dat is uitgegeven.", lambda a: a.spent),
)
#: The figures of one project in one year: committed and spent may be unknown.
_PROJECT_YEAR = (
    Column("jaar", "jaar", "Het jaar.", lambda y: y.year),
    _AMOUNTS[0],
    *(dataclasses.replace(c, required=False) for c in _AMOUNTS[1:]),
)
_PROJECT = (
    Column("id", "tekst", "Id van het project, bijvoorbeeld PR04.", lambda p: p.id),
    Column("titel", "tekst", "Korte naam van het project.", lambda p: p.title),
    Column("categorie", "tekst", "Id van de bestedingscategorie.", lambda p: p.category),
    Column("uitvoerder", "tekst", "Id van de organisatie die het project uitvoert.", lambda p: p.executor),
)
_PROJECT_ILLUSTRATIVE = (
    Column(
        "illustratief",
        "ja/nee",
        "true als dit een voorbeeld is en geen besluit of feit uit een bron.",
        lambda p: p.provenance.illustrative,
    ),
)
_SPENDING = (
    Column(
        "jaren",
        "objecten",
        "Per begrotingsjaar het geld van het programma en de som over alle projecten.",
        spending.by_year,
        fields=(
            Column("jaar", "jaar", "Het jaar.", lambda y: y.year),
            Column(
                "beschikbaar", "bedrag", "Geld voor dit jaar in de begroting van het programma.", lambda y: y.available
            ),
            *_via("amounts", _AMOUNTS),
        ),
    ),
    Column(
        "categorieen",
        "objecten",
        "Per bestedingscategorie de som over alle jaren.",
        spending.by_category,
        fields=(
            Column("id", "tekst", "Id van de bestedingscategorie.", lambda c: c.category.id),
            Column("naam", "tekst", "Naam van de bestedingscategorie.", lambda c: c.category.name),
            *_via("total", _AMOUNTS),
        ),
    ),
    Column(
        "projecten",
        "objecten",
        "Elk project met zijn geld per jaar.",
        spending.by_project,
        fields=(
            *_via("project", _PROJECT + _PROJECT_ILLUSTRATIVE),
            Column(
                "budget",
                "objecten",
                "Per jaar: toegekend, verplicht en besteed.",
                lambda p: p.years,
                fields=_PROJECT_YEAR,
            ),
        ),
    ),
)


@dataclasses.dataclass(frozen=True)
class _AssessmentLine:
    measure: str
    number: int
    assessment: Assessment


def _assessment_lines(plan: Plan) -> list[_AssessmentLine]:
    return [_AssessmentLine(m.id, n, a) for m in plan.measures.values() for n, a in enumerate(m.assessments, start=1)]


_ASSESSMENT = (
    Column(
        "id",
        "tekst",
        "Id van de beoordeling: het id van de maatregel, -B en een nummer.",
        lambda b: f"{b.measure}-B{b.number}",
    ),
    Column("maatregel", "tekst", "Id van de maatregel die is beoordeeld.", lambda b: b.measure),
    Column("door", "tekst", "Wie de beoordeling gaf, bijvoorbeeld de Nationaal Rapporteur.", lambda b: b.assessment.by),
    Column("datum", "maand", "Wanneer: JJJJ-MM of JJJJ-MM-DD.", lambda b: b.assessment.date.iso),
    Column("tekst", "tekst", "Het oordeel in het kort.", lambda b: b.assessment.text),
    Column("bron", "tekst", "Waar de beoordeling staat.", lambda b: b.assessment.source),
    Column("bron_url", "tekst", "Webadres van de bron.", lambda b: b.assessment.source_url, required=False),
    Column(
        "illustratief",
        "ja/nee",
        "true als dit een voorbeeld is en geen oordeel uit een bron.",
        lambda b: b.assessment.illustrative,
    ),
)


@dataclasses.dataclass(frozen=True)
class _ProjectYearLine:
    project: Project
    year: ProjectYear


_SPENDING_CSV = (
    *_via("project", _PROJECT, id="project"),
    *_via("year", _PROJECT_YEAR),
    *_via("project", _PROJECT_ILLUSTRATIVE),
)


def _project_year_lines(plan: Plan) -> list[_ProjectYearLine]:
    return [_ProjectYearLine(p, y) for p in plan.projects.values() for y in p.years]


#: Every export, in the order the Open data page lists them.
EXPORTS: tuple[ExportKind, ...] = (
    ExportKind(
        "maatregelen",
        "Maatregelen",
        "Eén regel per maatregel.",
        _measure_columns(),
        lambda plan: list(plan.measures.values()),
    ),
    ExportKind(
        "acties",
        "Acties",
        "Eén regel per actie; het veld maatregel zegt bij welke maatregel de actie hoort.",
        _action_columns(),
        lambda plan: list(plan.actions.values()),
    ),
    ExportKind(
        "beoordelingen",
        "Onafhankelijke beoordelingen",
        "Eén regel per onafhankelijke beoordeling van een maatregel; het veld maatregel zegt welke.",
        _ASSESSMENT,
        _assessment_lines,
    ),
    ExportKind(
        "projecten",
        "Projecten",
        "Eén regel per project, met het geld per jaar.",
        _project_columns(),
        lambda plan: list(plan.projects.values()),
    ),
    ExportKind(
        "organisaties",
        "Organisaties",
        "Eén regel per organisatie.",
        _organisation_columns(),
        lambda plan: list(plan.organisations.values()),
    ),
    ExportKind(
        "voortgang",
        "Voortgang",
        "Alle voortgangsrapportages met de status van elke actie. In CSV één regel per rapportage en actie.",
        _PROGRESS,
        lambda plan: [plan],
        document=True,
        csv_columns=_PROGRESS_CSV,
        csv_records=lambda plan: [line for e in _reports(plan) for line in e.lines],
        csv_format=PLAIN,
    ),
    ExportKind(
        "besteding",
        "Besteding",
        "Per jaar beschikbaar, toegekend, verplicht en besteed, per bestedingscategorie en "
        "per project. In CSV één regel per project en jaar.",
        _SPENDING,
        lambda plan: [plan],
        document=True,
        csv_columns=_SPENDING_CSV,
        csv_records=_project_year_lines,
        csv_format=PLAIN,
    ),
)


def export_kind(name: str) -> ExportKind:
    """The export called ``name``."""
    return next(kind for kind in EXPORTS if kind.name == name)


# --- JSON -------------------------------------------------------------------


def json_value(value: Any) -> Any:
    """A model value as plain JSON: amounts as numbers (whole ones as int), dates as ISO text, tuples as lists.

    The one converter, for the exports and for ``actieplan diff --formaat json``.
    """
    if isinstance(value, PartialDate):
        return value.iso
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, tuple | list):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    return value


def _json_object(columns: tuple[Column, ...], record: Any) -> dict[str, Any]:
    return {
        c.name: [_json_object(c.fields, item) for item in c.get(record)] if c.fields else json_value(c.get(record))
        for c in columns
    }


def json_records(kind: ExportKind, plan: Plan) -> list[dict[str, Any]]:
    """The records of ``kind`` as JSON-ready dictionaries, fields in column order."""
    return [_json_object(kind.columns, record) for record in kind.records(plan)]


def json_document(kind: ExportKind, plan: Plan) -> Any:
    """What the JSON file of ``kind`` holds: the list of records, or for a document the one object."""
    records = json_records(kind, plan)
    return records[0] if kind.document else records


_JSON_TYPES: dict[str, dict[str, Any]] = {
    "tekst": {"type": "string"},
    "maand": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$"},
    "datum": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    "jaar": {"type": "integer"},
    "bedrag": {"type": "number"},
    "lijst": {"type": "array", "items": {"type": "string"}},
    "ja/nee": {"type": "boolean"},
    "budget": {
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["jaar", "toegekend", "verplicht", "besteed"],
            "properties": {
                "jaar": {"type": "integer", "description": "Het jaar."},
                "toegekend": {"type": "number", "description": "Bedrag in euro dat voor dit jaar is toegekend."},
                "verplicht": {
                    "type": ["number", "null"],
                    "description": "Deel van het toegekende bedrag dat is vastgelegd.",
                },
                "besteed": {"type": ["number", "null"], "description": "Deel dat is uitgegeven."},
            },
        },
    },
}


def _object_schema(columns: tuple[Column, ...]) -> dict[str, Any]:
    properties = {}
    for column in columns:
        schema: dict[str, Any] = (
            {"type": "array", "items": _object_schema(column.fields)}
            if column.fields
            else dict(_JSON_TYPES[column.type])
        )
        if not column.required:
            schema["type"] = [schema["type"], "null"]
        properties[column.name] = {**schema, "description": column.description}
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [c.name for c in columns],
        "properties": properties,
    }


def json_schema(kind: ExportKind) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON export of ``kind``."""
    head = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{kind.title} (open data van het actieplan Samen tegen mensenhandel)",
        "description": f"{kind.description} Elk veld is er altijd; een veld zonder waarde is null.",
    }
    if kind.document:
        return {**head, **_object_schema(kind.columns)}
    return {**head, "type": "array", "items": _object_schema(kind.columns)}


# --- CSV --------------------------------------------------------------------


#: A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet shows as text: a ``'`` in front when it could start a formula.

    The Open data page says so; a reader who wants the text as written drops that one ``'``.
    """
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv_cell(value: Any, decimal: str = ",") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value:f}".replace(".", decimal)
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, tuple | list):
        return neutralise(", ".join(str(v) for v in value))
    return neutralise(str(value))


def _budget_years(plan: Plan) -> list[int]:
    return sorted({y.year for p in plan.projects.values() for y in p.years})


def csv_header(kind: ExportKind, plan: Plan) -> list[str]:
    """The column names of the CSV export; a budget field becomes three columns per year."""
    header: list[str] = []
    for column in kind.flat_columns:
        if column.type == "budget":
            header += [
                f"{field}_{year}" for year in _budget_years(plan) for field in ("toegekend", "verplicht", "besteed")
            ]
        else:
            header.append(column.name)
    return header


def _csv_row(kind: ExportKind, plan: Plan, record: Any) -> list[str]:
    row: list[str] = []
    decimal = kind.csv_format.decimal
    for column in kind.flat_columns:
        if column.type != "budget":
            row.append(_csv_cell(column.get(record), decimal))
            continue
        by_year: dict[int, ProjectYear] = {y.year: y for y in record.years}
        for year in _budget_years(plan):
            entry = by_year.get(year)
            row += [
                _csv_cell(entry.allocated if entry else None, decimal),
                _csv_cell(entry.committed if entry else None, decimal),
                _csv_cell(entry.spent if entry else None, decimal),
            ]
    return row


def csv_text(kind: ExportKind, plan: Plan) -> str:
    """The CSV export of ``kind`` (without the byte order mark, which the writer adds)."""
    buffer = io.StringIO()
    writer = csv.writer(
        buffer, delimiter=kind.csv_format.delimiter, lineterminator=kind.csv_format.line_end, quoting=csv.QUOTE_MINIMAL
    )
    writer.writerow(csv_header(kind, plan))
    for record in kind.rows(plan):
        writer.writerow(_csv_row(kind, plan, record))
    return buffer.getvalue()


# --- Files ------------------------------------------------------------------


def write_exports(plan: Plan, target: Path) -> list[Path]:
    """Write ``<kind>.json``, ``<kind>.csv`` and ``<kind>.schema.json`` for every export into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in EXPORTS:
        files = {
            f"{kind.name}.json": json.dumps(json_document(kind, plan), ensure_ascii=False, indent=2) + "\n",
            f"{kind.name}.schema.json": json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n",
        }
        for name, text in files.items():
            (target / name).write_text(text, encoding="utf-8")
            written.append(target / name)
        # utf-8-sig writes the byte order mark that Excel needs to read UTF-8.
        (target / f"{kind.name}.csv").write_text(
            csv_text(kind, plan), newline="", encoding="utf-8-sig" if kind.csv_format.byte_order_mark else "utf-8"
        )
        written.append(target / f"{kind.name}.csv")
    return written


# --- The Open data page -----------------------------------------------------
