"""The one registry of record kinds: what each kind is called, where it lives and which fields it has.

Every table that used to restate the kinds is derived from :data:`KINDS`:
the catalogue's lists (:mod:`macros.data.catalog`), the unique-id and
reference rules (:mod:`macros.rules.records`), the builders of the model
(:mod:`macros.data.build`), the diff (:mod:`macros.history.diff`), the open
data columns (:mod:`macros.outputs.exports`) and the labels of the policy
chain (:mod:`macros.model.chain`).

A :class:`Field` says once that the YAML key ``titel`` of a measure is
``Measure.title`` and holds text. Adding a kind is one entry here (and its
schema, its model class and a template); see ARCHITECTURE.md.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from typing import Any, Literal

__all__ = ["KINDS", "Field", "RecordKind", "ValueKind", "kind"]

#: How a field's value is read, compared and shown: text, a whole number, a list of ids,
#: a date (month or day), an amount in euro, or true/false.
ValueKind = Literal["tekst", "getal", "lijst", "datum", "bedrag", "ja-nee"]


@dataclasses.dataclass(frozen=True)
class Field:
    """One field of a record: its YAML key, its value kind and the model attribute that holds it."""

    name: str
    kind: ValueKind
    #: Dotted attribute path on the model object, e.g. ``provenance.illustrative``.
    attribute: str
    #: False when the YAML may leave the field out.
    required: bool = True
    #: The model value when an optional field is left out or empty.
    default: Any = None
    #: False for fields the diff leaves out: where a value comes from is not a change to the plan.
    compared: bool = True

    @property
    def get(self) -> Callable[[Any], Any]:
        """The getter of the model value (``Measure.title`` for ``titel``)."""
        return operator.attrgetter(self.attribute)


def _provenance() -> tuple[Field, ...]:
    return (
        Field("bron", "tekst", "provenance.source", required=False, compared=False),
        Field("bron_url", "tekst", "provenance.source_url", required=False, compared=False),
        Field("illustratief", "ja-nee", "provenance.illustrative", required=False),
    )


@dataclasses.dataclass(frozen=True)
class RecordKind:
    """One kind of record in ``data/``."""

    #: The Dutch name used in messages, rules and references ("operationeel doel").
    name: str
    #: Singular and plural as headings show them.
    label: str
    plural: str
    #: The file that holds the records (``programma.yml``), or the folder with one file per record (``maatregelen/``).
    file: str
    #: The list in ``file`` that holds them; None for a kind nested in another kind or one record per file.
    list_key: str | None = None
    #: The kind this one is nested in, and the key of its list there (actions in a measure).
    parent: str | None = None
    #: The attribute of :class:`~macros.model.records.Plan` with these records by id.
    plan_attribute: str | None = None
    #: Whether each record has an ``id`` that must be unique for its kind.
    has_id: bool = True
    #: The fields the diff compares and the open data exports, in the diff's order.
    fields: tuple[Field, ...] = ()
    #: The most records of this kind a plan may have (rule "omvang"): what a build can carry
    #: within GitHub Pages' 1 GB and a few GB of memory, and what ``actieplan genereer`` keeps valid.
    max_records: int = 1_000

    @property
    def defined_in(self) -> str:
        """Where a reader finds the records, as messages name it (``data/organisaties.yml``)."""
        return f"data/{self.file}"

    def field(self, name: str) -> Field:
        """The field with YAML key ``name``."""
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(f"{self.name} heeft geen veld '{name}'")

    def records(self, plan: Any) -> dict[str, Any]:
        """The plan's records of this kind by id."""
        if self.plan_attribute is None:
            raise KeyError(f"{self.name} staat niet als lijst in het plan")
        records: dict[str, Any] = getattr(plan, self.plan_attribute)
        return records


_NAMED_FIELDS = (
    Field("naam", "tekst", "name"),
    Field("omschrijving", "tekst", "description"),
    *_provenance(),
)
_PROBLEM_FIELDS = (
    Field("titel", "tekst", "title"),
    Field("omschrijving", "tekst", "description"),
    Field("uitbuitingsvormen", "lijst", "exploitation_forms"),
    *_provenance(),
)
_CAUSE_FIELDS = (
    Field("titel", "tekst", "title"),
    Field("omschrijving", "tekst", "description"),
    Field("problemen", "lijst", "problems"),
    *_provenance(),
)
_INTERVENTION_FIELDS = (
    Field("titel", "tekst", "title"),
    Field("omschrijving", "tekst", "description"),
    Field("oorzaken", "lijst", "causes"),
    Field("programmalijn", "tekst", "programme_line"),
    *_provenance(),
)
_MEASURE_FIELDS = (
    Field("titel", "tekst", "title"),
    Field("samenvatting", "tekst", "summary"),
    Field("omschrijving", "tekst", "description"),
    Field("programmalijn", "tekst", "programme_line"),
    Field("hoofddoelen", "lijst", "aims"),
    Field("uitbuitingsvormen", "lijst", "exploitation_forms"),
    Field("operationele_doelen", "lijst", "goals"),
    Field("actiehouder", "tekst", "owner"),
    Field("partners", "lijst", "partners", required=False),
    Field("status", "tekst", "status"),
    Field("start", "datum", "start"),
    Field("eind", "datum", "end"),
    *_provenance(),
)
_ACTION_FIELDS = (
    Field("maatregel", "tekst", "measure"),
    Field("titel", "tekst", "title"),
    Field("omschrijving", "tekst", "description", required=False),
    Field("actiehouder", "tekst", "owner"),
    Field("partners", "lijst", "partners", required=False),
    Field("status", "tekst", "status"),
    Field("start", "datum", "start"),
    Field("eind", "datum", "end"),
    *_provenance(),
)
_PROJECT_FIELDS = (
    Field("titel", "tekst", "title"),
    Field("omschrijving", "tekst", "description"),
    Field("categorie", "tekst", "category"),
    Field("uitvoerder", "tekst", "executor"),
    Field("uitbuitingsvormen", "lijst", "exploitation_forms"),
    Field("hoofddoelen", "lijst", "aims"),
    Field("maatregelen", "lijst", "measures"),
    *_provenance(),
)
_ORGANISATION_FIELDS = (
    Field("naam", "tekst", "name"),
    Field("afkorting", "tekst", "abbreviation", required=False),
    Field("type", "tekst", "type"),
    Field("rol", "tekst", "role"),
    Field("github_team", "tekst", "github_team", required=False, default=""),
    *_provenance(),
)

_ALL = (
    RecordKind(
        "hoofddoel",
        "Hoofddoel",
        "Hoofddoelen",
        "programma.yml",
        "hoofddoelen",
        plan_attribute="aims",
        fields=_NAMED_FIELDS,
    ),
    RecordKind(
        "uitbuitingsvorm",
        "Uitbuitingsvorm",
        "Uitbuitingsvormen",
        "programma.yml",
        "uitbuitingsvormen",
        plan_attribute="exploitation_forms",
        fields=(*_NAMED_FIELDS[:2], Field("prioriteit", "ja-nee", "priority"), *_provenance()),
    ),
    RecordKind(
        "programmalijn",
        "Programmalijn",
        "Programmalijnen",
        "programma.yml",
        "programmalijnen",
        plan_attribute="programme_lines",
        fields=(Field("nummer", "getal", "number"), *_NAMED_FIELDS),
    ),
    RecordKind(
        "bestedingscategorie",
        "Bestedingscategorie",
        "Bestedingscategorieën",
        "programma.yml",
        "bestedingscategorieen",
        plan_attribute="spending_categories",
        fields=_NAMED_FIELDS,
    ),
    RecordKind(
        "begrotingslijn",
        "Begrotingslijn",
        "Begrotingslijnen",
        "programma.yml",
        "begrotingslijnen",
        plan_attribute="budget_lines",
    ),
    RecordKind(
        "organisatie",
        "Organisatie",
        "Organisaties",
        "organisaties.yml",
        "organisaties",
        plan_attribute="organisations",
        fields=_ORGANISATION_FIELDS,
    ),
    RecordKind("rondetafel", "Rondetafel", "Rondetafels", "rondetafels.yml", "rondetafels", has_id=False),
    RecordKind("thema", "Thema", "Thema's", "bloemlezing.yml", "themas"),
    RecordKind("perspectief", "Perspectief", "Perspectieven", "bloemlezing.yml", parent="thema"),
    RecordKind(
        "probleem",
        "Probleem",
        "Problemen",
        "problemen.yml",
        "problemen",
        plan_attribute="problems",
        fields=_PROBLEM_FIELDS,
    ),
    RecordKind(
        "oorzaak", "Oorzaak", "Oorzaken", "problemen.yml", "oorzaken", plan_attribute="causes", fields=_CAUSE_FIELDS
    ),
    RecordKind(
        "interventie",
        "Interventie",
        "Interventies",
        "interventies.yml",
        "interventies",
        plan_attribute="interventions",
        fields=_INTERVENTION_FIELDS,
    ),
    RecordKind(
        "operationeel doel",
        "Operationeel doel",
        "Operationele doelen",
        "interventies.yml",
        "operationele_doelen",
        plan_attribute="goals",
    ),
    RecordKind(
        "maatregel",
        "Maatregel",
        "Maatregelen",
        "maatregelen/",
        plan_attribute="measures",
        fields=_MEASURE_FIELDS,
        max_records=5_000,
    ),
    RecordKind(
        "actie",
        "Actie",
        "Acties",
        "maatregelen/",
        parent="maatregel",
        plan_attribute="actions",
        fields=_ACTION_FIELDS,
        max_records=25_000,
    ),
    RecordKind(
        "project",
        "Project",
        "Projecten",
        "projecten.yml",
        "projecten",
        plan_attribute="projects",
        fields=_PROJECT_FIELDS,
    ),
    RecordKind(
        "consultatieronde",
        "Consultatieronde",
        "Consultatierondes",
        "consultatie.yml",
        "rondes",
        plan_attribute="consultation_rounds",
    ),
    RecordKind(
        "reactie", "Reactie", "Reacties", "consultatie.yml", "reacties", plan_attribute="reactions", max_records=5_000
    ),
    RecordKind("versie", "Versie", "Versies", "versies.yml", "versies", plan_attribute="versions"),
    RecordKind("voortgangsrapportage", "Voortgangsrapportage", "Voortgangsrapportages", "voortgang/", has_id=False),
    RecordKind(
        "voortgangsstatus",
        "Voortgangsstatus",
        "Voortgangsstatussen",
        "voortgang/",
        parent="voortgangsrapportage",
        has_id=False,
        max_records=1_000_000,
    ),
)

#: Every record kind by name, in the order the rules check them and the diff lists them.
KINDS: dict[str, RecordKind] = {k.name: k for k in _ALL}


def kind(name: str) -> RecordKind:
    """The kind called ``name``."""
    return KINDS[name]
