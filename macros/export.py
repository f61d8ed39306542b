"""Open data: the measures, actions, projects and organisations as JSON and CSV.

The exports are written in the build from the validated :class:`~macros.model.Plan`
(never from a second copy of the data). This module holds the column layout
per kind, once: the JSON and CSV files, their JSON Schemas and the field
tables on the "Open data" page are all made from :data:`EXPORTS`.

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

from markupsafe import Markup

from .model import Plan, Project, ProjectYear
from .render import Renderer
from .schema import load_schemas

__all__ = ["EXPORTS", "EXPORT_VIEWS", "Column", "ExportKind", "csv_header", "csv_text", "json_records", "json_schema",
           "write_exports"]

#: The folder in the built site that holds the exports.
EXPORT_DIR = "data"


@dataclasses.dataclass(frozen=True)
class Column:
    """One field of an export."""

    name: str
    #: One of: tekst, lijst, bedrag, jaar, ja/nee, maand, budget.
    type: str
    description: str
    get: Callable[[Any], Any]
    #: False when the field may be empty (null / an empty cell).
    required: bool = True


@dataclasses.dataclass(frozen=True)
class ExportKind:
    """One exported kind of record: its file name, its columns and where the records come from."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    records: Callable[[Plan], Sequence[Any]]


def _provenance() -> tuple[Column, ...]:
    return (
        Column("bron", "tekst", "Waar het gegeven vandaan komt.", lambda r: r.provenance.source, required=False),
        Column("bron_url", "tekst", "Webadres van de bron.", lambda r: r.provenance.source_url, required=False),
        Column("illustratief", "ja/nee", "true als dit een voorbeeld is en geen besluit of feit uit een bron.",
               lambda r: r.provenance.illustrative),
    )


def _measure_columns() -> tuple[Column, ...]:
    return (
        Column("id", "tekst", "Id van de maatregel, bijvoorbeeld M07. De pagina staat op /maatregelen/m07/.", lambda r: r.id),
        Column("titel", "tekst", "Korte naam van de maatregel.", lambda r: r.title),
        Column("samenvatting", "tekst", "Eén zin: wat verandert er door deze maatregel?", lambda r: r.summary),
        Column("omschrijving", "tekst", "Wat de maatregel inhoudt.", lambda r: r.description),
        Column("programmalijn", "tekst", "Id van de programmalijn, bijvoorbeeld PL2.", lambda r: r.programme_line),
        Column("hoofddoelen", "lijst", "Ids van de hoofddoelen waaraan de maatregel bijdraagt.", lambda r: r.aims),
        Column("uitbuitingsvormen", "lijst", "Ids van de uitbuitingsvormen waar de maatregel over gaat.", lambda r: r.exploitation_forms),
        Column("operationele_doelen", "lijst", "Ids van de operationele doelen, bijvoorbeeld OD3.", lambda r: r.goals),
        Column("actiehouder", "tekst", "Id van de organisatie die de maatregel trekt (zie organisaties).", lambda r: r.owner),
        Column("partners", "lijst", "Ids van de organisaties die meehelpen.", lambda r: r.partners),
        Column("status", "tekst", "gepland, lopend, vertraagd, afgerond of gestopt.", lambda r: r.status),
        Column("start", "maand", "Begin: JJJJ-MM of JJJJ-MM-DD.", lambda r: r.start.iso),
        Column("eind", "maand", "Eind: JJJJ-MM of JJJJ-MM-DD.", lambda r: r.end.iso),
        *_provenance(),
    )


def _action_columns() -> tuple[Column, ...]:
    return (
        Column("id", "tekst", "Id van de actie: het id van de maatregel, -A en een nummer, bijvoorbeeld M07-A2.", lambda r: r.id),
        Column("maatregel", "tekst", "Id van de maatregel waar de actie bij hoort.", lambda r: r.measure),
        Column("titel", "tekst", "Wat er gebeurt.", lambda r: r.title),
        Column("omschrijving", "tekst", "Meer uitleg over de actie.", lambda r: r.description, required=False),
        Column("actiehouder", "tekst", "Id van de organisatie die verantwoordelijk is voor de actie.", lambda r: r.owner),
        Column("partners", "lijst", "Ids van de organisaties die meehelpen.", lambda r: r.partners),
        Column("start", "maand", "Begin: JJJJ-MM of JJJJ-MM-DD.", lambda r: r.start.iso),
        Column("eind", "maand", "Eind: JJJJ-MM of JJJJ-MM-DD.", lambda r: r.end.iso),
        Column("status", "tekst", "gepland, lopend, vertraagd, afgerond of gestopt.", lambda r: r.status),
        *_provenance(),
    )


def _budget_rows(project: Project) -> list[dict[str, Any]]:
    return [{"jaar": y.year, "toegekend": y.allocated, "verplicht": y.committed, "besteed": y.spent} for y in project.years]


def _project_columns() -> tuple[Column, ...]:
    return (
        Column("id", "tekst", "Id van het project, bijvoorbeeld PR04.", lambda r: r.id),
        Column("titel", "tekst", "Korte naam van het project.", lambda r: r.title),
        Column("omschrijving", "tekst", "Wat het project doet.", lambda r: r.description),
        Column("categorie", "tekst", "Id van de bestedingscategorie: lopend-afronden, vervolg, op-de-plank of nieuw-initiatief.",
               lambda r: r.category),
        Column("uitvoerder", "tekst", "Id van de organisatie die het project uitvoert.", lambda r: r.executor),
        Column("uitbuitingsvormen", "lijst", "Ids van de uitbuitingsvormen waar het project over gaat.", lambda r: r.exploitation_forms),
        Column("hoofddoelen", "lijst", "Ids van de hoofddoelen waaraan het project bijdraagt.", lambda r: r.aims),
        Column("maatregelen", "lijst", "Ids van de maatregelen die het project betaalt.", lambda r: r.measures),
        Column("budget", "budget", "Per jaar: jaar, toegekend, verplicht en besteed (bedragen in euro). "
               "In CSV: de kolommen toegekend_JJJJ, verplicht_JJJJ en besteed_JJJJ.", _budget_rows),
        *_provenance(),
    )


def _organisation_columns() -> tuple[Column, ...]:
    return (
        Column("id", "tekst", "Id van de organisatie, bijvoorbeeld COMENSHA. De pagina staat op /organisaties/comensha/.", lambda r: r.id),
        Column("naam", "tekst", "Volledige naam.", lambda r: r.name),
        Column("afkorting", "tekst", "Korte naam of afkorting.", lambda r: r.abbreviation, required=False),
        Column("type", "tekst", "Soort organisatie, bijvoorbeeld ministerie, ngo of gemeente.", lambda r: r.type),
        Column("rol", "tekst", "Rol in de aanpak van mensenhandel.", lambda r: r.role),
        Column("github_team", "tekst", "GitHub-team dat wijzigingen van deze organisatie beoordeelt.",
               lambda r: r.github_team or None, required=False),
        *_provenance(),
    )


#: The exported kinds, in the order the Open data page lists them.
EXPORTS: tuple[ExportKind, ...] = (
    ExportKind("maatregelen", "Maatregelen", "Eén regel per maatregel.", _measure_columns(), lambda plan: list(plan.measures.values())),
    ExportKind("acties", "Acties", "Eén regel per actie; het veld maatregel zegt bij welke maatregel de actie hoort.",
               _action_columns(), lambda plan: list(plan.actions.values())),
    ExportKind("projecten", "Projecten", "Eén regel per project, met het geld per jaar.", _project_columns(),
               lambda plan: list(plan.projects.values())),
    ExportKind("organisaties", "Organisaties", "Eén regel per organisatie.", _organisation_columns(),
               lambda plan: list(plan.organisations.values())),
)


# --- JSON -------------------------------------------------------------------

def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, tuple | list):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    return value


def json_records(kind: ExportKind, plan: Plan) -> list[dict[str, Any]]:
    """The records of ``kind`` as JSON-ready dictionaries, fields in column order."""
    return [{c.name: _json_value(c.get(record)) for c in kind.columns} for record in kind.records(plan)]


_JSON_TYPES = {
    "tekst": {"type": "string"},
    "maand": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$"},
    "lijst": {"type": "array", "items": {"type": "string"}},
    "ja/nee": {"type": "boolean"},
    "budget": {"type": "array", "items": {
        "type": "object", "additionalProperties": False, "required": ["jaar", "toegekend", "verplicht", "besteed"],
        "properties": {
            "jaar": {"type": "integer", "description": "Het jaar."},
            "toegekend": {"type": "number", "description": "Bedrag in euro dat voor dit jaar is toegekend."},
            "verplicht": {"type": ["number", "null"], "description": "Deel van het toegekende bedrag dat is vastgelegd."},
            "besteed": {"type": ["number", "null"], "description": "Deel dat is uitgegeven."},
        }}},
}


def json_schema(kind: ExportKind) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON export of ``kind``."""
    properties = {}
    for column in kind.columns:
        schema = dict(_JSON_TYPES[column.type])
        if not column.required:
            schema["type"] = [schema["type"], "null"]
        properties[column.name] = {**schema, "description": column.description}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{kind.title} (open data van het actieplan Samen tegen mensenhandel)",
        "description": f"{kind.description} Elk veld is er altijd; een veld zonder waarde is null.",
        "type": "array",
        "items": {"type": "object", "additionalProperties": False, "required": [c.name for c in kind.columns],
                  "properties": properties},
    }


# --- CSV --------------------------------------------------------------------

def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value:f}".replace(".", ",")
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _budget_years(plan: Plan) -> list[int]:
    return sorted({y.year for p in plan.projects.values() for y in p.years})


def csv_header(kind: ExportKind, plan: Plan) -> list[str]:
    """The column names of the CSV export; a budget field becomes three columns per year."""
    header: list[str] = []
    for column in kind.columns:
        if column.type == "budget":
            header += [f"{field}_{year}" for year in _budget_years(plan) for field in ("toegekend", "verplicht", "besteed")]
        else:
            header.append(column.name)
    return header


def _csv_row(kind: ExportKind, plan: Plan, record: Any) -> list[str]:
    row: list[str] = []
    for column in kind.columns:
        if column.type != "budget":
            row.append(_csv_cell(column.get(record)))
            continue
        by_year: dict[int, ProjectYear] = {y.year: y for y in record.years}
        for year in _budget_years(plan):
            entry = by_year.get(year)
            row += [_csv_cell(entry.allocated if entry else None), _csv_cell(entry.committed if entry else None),
                    _csv_cell(entry.spent if entry else None)]
    return row


def csv_text(kind: ExportKind, plan: Plan) -> str:
    """The CSV export of ``kind`` (without the byte order mark, which the writer adds)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(csv_header(kind, plan))
    for record in kind.records(plan):
        writer.writerow(_csv_row(kind, plan, record))
    return buffer.getvalue()


# --- Files ------------------------------------------------------------------

def write_exports(plan: Plan, target: Path) -> list[Path]:
    """Write ``<kind>.json``, ``<kind>.csv`` and ``<kind>.schema.json`` for every kind into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in EXPORTS:
        files = {
            f"{kind.name}.json": json.dumps(json_records(kind, plan), ensure_ascii=False, indent=2) + "\n",
            f"{kind.name}.schema.json": json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n",
        }
        for name, text in files.items():
            (target / name).write_text(text, encoding="utf-8")
            written.append(target / name)
        # utf-8-sig writes the byte order mark that Excel needs to read UTF-8.
        (target / f"{kind.name}.csv").write_text(csv_text(kind, plan), encoding="utf-8-sig", newline="")
        written.append(target / f"{kind.name}.csv")
    return written


# --- The Open data page -----------------------------------------------------

def open_data_fields(r: Renderer, page_url: str) -> Markup:
    """Per exported kind: links to its files, the number of records and a table of its fields."""
    plan: Plan = r.plan
    kinds = [(kind, len(kind.records(plan)), csv_header(kind, plan)) for kind in EXPORTS]
    return r.render("open_data.html.jinja", page_url, kinds=kinds, folder=EXPORT_DIR)


def source_schemas(r: Renderer, page_url: str) -> Markup:
    """Links to the published JSON Schemas of the YAML data files."""
    # The same (cached) set that on_post_build publishes; compiled once per process.
    names = sorted(load_schemas().raw)
    return r.render("open_data_bronschemas.html.jinja", page_url, names=names, folder=f"{EXPORT_DIR}/schema")


#: Macro name → view, merged into :data:`macros.views.VIEWS`.
EXPORT_VIEWS = {"open_data_velden": open_data_fields, "open_data_bronschemas": source_schemas}
