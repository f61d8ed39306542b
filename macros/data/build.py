"""Catalog → Plan: the typed model from a catalogue that passed every check.

Called by :func:`macros.pipeline.load_plan` only, after schema and rules: it
may assume every required key is there and every reference resolves.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from macros.clock import parse_local
from macros.data.catalog import Catalog
from macros.model import records as m
from macros.model.kinds import KINDS, Field

__all__ = ["build_plan"]


def _prov(raw: dict[str, Any]) -> m.Provenance:
    return m.Provenance(
        source=raw.get("bron"), source_url=raw.get("bron_url"), illustrative=raw.get("illustratief") is True
    )


def _tuple(raw: dict[str, Any], key: str) -> tuple[str, ...]:
    return tuple(raw.get(key) or ())


def _money(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _value(field: Field, raw: dict[str, Any]) -> Any:
    """The model value of ``field`` in the raw record, read by its value kind."""
    value = raw.get(field.name)
    if field.kind == "lijst":
        return tuple(value or ())
    if value is None:
        return field.default
    if field.kind == "datum":
        return m.PartialDate.parse(value)
    if field.kind == "bedrag":
        return Decimal(str(value))
    return value


def _from_fields(kind: str, raw: dict[str, Any], **given: Any) -> dict[str, Any]:
    """Keyword arguments for the model class of ``kind``: its id, every registered field, and ``given``.

    The provenance fields become one :class:`~macros.model.records.Provenance`; ``given`` holds
    what does not come from the record itself (the measure of an action, its file).
    """
    values: dict[str, Any] = {"id": raw["id"], "provenance": _prov(raw)}
    for field in KINDS[kind].fields:
        if "." not in field.attribute and field.attribute not in given:
            values[field.attribute] = _value(field, raw)
    return {**values, **given}


def _by_id(records: list[Any]) -> dict[str, Any]:
    return {r.id: r for r in records}


def _progress_report(r: dict[str, Any], file: str) -> m.ProgressReport:
    return m.ProgressReport(
        reference_date=m.PartialDate.parse(r["peildatum"]),
        title=r["titel"],
        published=m.PartialDate.parse(r["gepubliceerd"]) if r.get("gepubliceerd") else None,
        paper=r.get("kamerstuk"),
        paper_url=r.get("kamerstuk_url"),
        summary=r.get("samenvatting"),
        file=file,
        provenance=_prov(r),
        statuses=tuple(
            m.ActionStatus(
                action=s["actie"],
                status=s["status"],
                explanation=s.get("toelichting"),
                confidence=s.get("vertrouwen"),
                obstacles=tuple(s.get("knelpunten") or ()),
                evidence=tuple(s.get("bewijs") or ()),
            )
            for s in r["acties"]
        ),
    )


def _date(value: str | None) -> m.PartialDate | None:
    return m.PartialDate.parse(value) if value else None


def _end_state(raw: dict[str, Any] | None) -> m.EndState | None:
    if not raw:
        return None
    return m.EndState(
        state=raw["stand"],
        reason=raw["reden"],
        date=_date(raw.get("datum")),
        source=raw.get("bron"),
        source_url=raw.get("bron_url"),
    )


def _assessments(raw: list[dict[str, Any]] | None) -> tuple[m.Assessment, ...]:
    return tuple(
        m.Assessment(
            by=a["door"],
            date=m.PartialDate.parse(a["datum"]),
            text=a["tekst"],
            source=a["bron"],
            source_url=a.get("bron_url"),
            illustrative=a.get("illustratief") is True,
        )
        for a in raw or ()
    )


def build_plan(catalog: Catalog) -> m.Plan:
    """Turn a catalogue that passed every check into the model."""
    docs = {name: doc.data for name, doc in catalog.docs.items()}
    prog = docs["programma.yml"]
    raw_programme = prog["programma"]

    def simple(cls: type, kind: str) -> dict[str, Any]:
        """Every record of a kind whose fields are all in the registry, by id."""
        where = KINDS[kind]
        records = docs[where.file][where.list_key] if where.list_key else []
        return _by_id([cls(**_from_fields(kind, r)) for r in records])

    measures = []
    for doc in catalog.measure_docs:
        r = doc.data
        actions = tuple(m.Action(**_from_fields("actie", a, measure=r["id"])) for a in r["acties"])
        extra = {"end_state": _end_state(r.get("eindstand")), "assessments": _assessments(r.get("beoordelingen"))}
        measures.append(m.Measure(**_from_fields("maatregel", r, actions=actions, file=doc.file, **extra)))
    measures.sort(key=lambda x: (len(x.id), x.id))

    reports = sorted(
        (_progress_report(doc.data, doc.file) for doc in catalog.progress_docs), key=lambda x: x.reference_date
    )

    return m.Plan(
        programme=m.Programme(
            name=raw_programme["naam"],
            full_name=raw_programme["volledige_naam"],
            ministry=raw_programme["ministerie"],
            description=raw_programme["omschrijving"],
            github_team=raw_programme["github_team"],
            provenance=_prov(raw_programme),
        ),
        aims=simple(m.Aim, "hoofddoel"),
        exploitation_forms=simple(m.ExploitationForm, "uitbuitingsvorm"),
        programme_lines=_by_id(
            sorted(
                simple(m.ProgrammeLine, "programmalijn").values(),
                key=lambda x: x.number,
            )
        ),
        spending_categories=simple(m.SpendingCategory, "bestedingscategorie"),
        budget_lines=_by_id(
            [
                m.BudgetLine(
                    id=r["id"],
                    name=r["naam"],
                    amount_per_year=Decimal(str(r["bedrag_per_jaar"])),
                    start=dt.date.fromisoformat(r["van"]),
                    end=dt.date.fromisoformat(r["tot"]) if r.get("tot") else None,
                    structural=r["structureel"],
                    provenance=_prov(r),
                )
                for r in prog["begrotingslijnen"]
            ]
        ),
        organisations=_by_id(
            [m.Organisation(**_from_fields("organisatie", r)) for r in docs["organisaties.yml"]["organisaties"]]
        ),
        roundtables=tuple(
            sorted(
                (
                    m.Roundtable(
                        number=r["nummer"],
                        date=m.PartialDate.parse(r["datum"]),
                        ogw_step=r["ogw_stap"],
                        theme=r["thema"],
                        participants=r["deelnemers"],
                        organisations=r["organisaties"],
                        experience_experts=r["ervaringsdeskundigen"],
                        outcome=r["opbrengst"],
                        provenance=_prov(r),
                    )
                    for r in docs["rondetafels.yml"]["rondetafels"]
                ),
                key=lambda x: x.number,
            )
        ),
        anthology=tuple(
            m.AnthologyTheme(
                id=t["id"],
                title=t["titel"],
                introduction=t.get("inleiding"),
                provenance=_prov(t),
                perspectives=tuple(
                    m.Perspective(
                        id=p["id"],
                        kind=p["soort"],
                        viewpoint=p["vanuit"],
                        text=p["tekst"],
                        quote=p.get("citaat"),
                        provenance=_prov(p),
                    )
                    for p in t["perspectieven"]
                ),
            )
            for t in docs["bloemlezing.yml"]["themas"]
        ),
        problems=simple(m.Problem, "probleem"),
        causes=simple(m.Cause, "oorzaak"),
        interventions=simple(m.Intervention, "interventie"),
        goals=_by_id(
            [
                m.OperationalGoal(
                    id=r["id"],
                    title=r["titel"],
                    interventions=_tuple(r, "interventies"),
                    indicator=r["indicator"],
                    unit=r["eenheid"],
                    baseline=r["nulmeting"],
                    baseline_year=r["nulmeting_jaar"],
                    target=r["streefwaarde"],
                    target_year=r["streefjaar"],
                    provenance=_prov(r),
                    baseline_source=m.Provenance(source=r["nulmeting_bron"], source_url=r.get("nulmeting_bron_url"))
                    if r.get("nulmeting_bron")
                    else None,
                )
                for r in docs["interventies.yml"]["operationele_doelen"]
            ]
        ),
        measures=_by_id(measures),
        projects=_by_id(
            [
                m.Project(
                    **_from_fields("project", r),
                    years=tuple(
                        sorted(
                            (
                                m.ProjectYear(
                                    year=y["jaar"],
                                    allocated=Decimal(str(y["toegekend"])),
                                    committed=_money(y.get("verplicht")),
                                    spent=_money(y.get("besteed")),
                                )
                                for y in r["budget"]
                            ),
                            key=lambda y: y.year,
                        )
                    ),
                )
                for r in docs["projecten.yml"]["projecten"]
            ]
        ),
        progress_reports=tuple(reports),
        **_consultation(docs["consultatie.yml"]),
        versions=_by_id(
            [
                m.Version(
                    id=r["id"],
                    title=r["titel"],
                    status=r["status"],
                    summary=r["samenvatting"],
                    date=dt.date.fromisoformat(r["datum"]) if r.get("datum") else None,
                    paper=r.get("kamerstuk"),
                    provenance=_prov(r),
                )
                for r in docs["versies.yml"]["versies"]
            ]
        ),
        working_version=docs["versies.yml"]["werkversie"],
    )


def _consultation(doc: dict[str, Any]) -> dict[str, Any]:
    """The rounds and the reactions of data/consultatie.yml, as keyword arguments for Plan."""
    rounds = [
        m.ConsultationRound(
            id=r["id"],
            title=r["titel"],
            plan_version=r["planversie"],
            introduction=r.get("inleiding"),
            opens=parse_local(r["opent"]),
            closes=parse_local(r["sluit"]),
            questions=tuple(m.ConsultationQuestion(id=q["id"], text=q["tekst"]) for q in r["vragen"]),
            channels=tuple(m.ConsultationChannel(kind=c["soort"], address=c.get("adres")) for c in r["kanalen"]),
            publication_policy=r["publicatiebeleid"],
            provenance=_prov(r),
        )
        for r in doc["rondes"]
    ]
    reactions = [
        m.Reaction(
            id=r["id"],
            round=r["ronde"],
            received=dt.date.fromisoformat(r["ontvangen"]),
            channel=r["kanaal"],
            sender=r["van"],
            consent=r.get("toestemming_publicatie") is True,
            subject=r["over"],
            question=r.get("vraag"),
            summary=r["samenvatting"],
            decision=r.get("besluit"),
            reasoning=r.get("toelichting"),
            change=r.get("wijziging"),
            provenance=_prov(r),
        )
        for r in doc["reacties"]
    ]
    return {
        "consultation_rounds": _by_id(sorted(rounds, key=lambda x: x.opens)),
        "reactions": _by_id(sorted(reactions, key=lambda x: (len(x.id), x.id))),
    }
