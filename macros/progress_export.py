"""Open data: progress and spending as JSON and CSV in ``site/data/``.

The JSON keeps the Dutch keys of the YAML, so a report in the export reads
like its data file. The CSV files have one row per report and action, and
one row per project and year. Amounts are numbers in euros with a decimal
point; a figure the data does not give is empty (CSV) or ``null`` (JSON).

Issue 3 adds the shared export module (``macros/export.py``) for the other
kinds; once both are merged, these writers should be registered there.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import spending
from .model import Plan

__all__ = ["PROGRESS_EXPORTS", "Export", "progress_rows", "progress_json", "spending_json", "spending_rows", "write_progress_exports"]

PROGRESS_COLUMNS = ("peildatum", "titel", "gepubliceerd", "kamerstuk", "actie", "maatregel", "actiehouder", "status", "toelichting", "illustratief")
SPENDING_COLUMNS = ("project", "titel", "categorie", "uitvoerder", "jaar", "toegekend", "verplicht", "besteed", "illustratief")


def _amount(value: Decimal | None) -> int | float | None:
    """A JSON number: whole euros as integers, cents as a decimal (amounts have at most two decimals)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def progress_json(plan: Plan) -> dict[str, Any]:
    return {"rapportages": [{
        "peildatum": r.id, "titel": r.title, "gepubliceerd": r.published.iso if r.published else None,
        "kamerstuk": r.paper, "kamerstuk_url": r.paper_url, "samenvatting": r.summary,
        "bron": r.provenance.source, "illustratief": r.provenance.illustrative,
        "acties": [{"actie": s.action, "maatregel": plan.actions[s.action].measure, "actiehouder": plan.actions[s.action].owner,
                    "status": s.status, "toelichting": s.explanation} for s in r.statuses],
    } for r in plan.progress_reports]}


def progress_rows(plan: Plan) -> list[dict[str, Any]]:
    return [{"peildatum": r.id, "titel": r.title, "gepubliceerd": r.published.iso if r.published else "", "kamerstuk": r.paper or "",
             "actie": s.action, "maatregel": plan.actions[s.action].measure, "actiehouder": plan.actions[s.action].owner,
             "status": s.status, "toelichting": s.explanation or "", "illustratief": str(r.provenance.illustrative).lower()}
            for r in plan.progress_reports for s in r.statuses]


def spending_json(plan: Plan) -> dict[str, Any]:
    return {
        "jaren": [{"jaar": y.year, "beschikbaar": _amount(y.available), "toegekend": _amount(y.amounts.allocated),
                   "verplicht": _amount(y.amounts.committed), "besteed": _amount(y.amounts.spent)} for y in spending.by_year(plan)],
        "categorieen": [{"id": c.category.id, "naam": c.category.name, "toegekend": _amount(c.total.allocated),
                         "verplicht": _amount(c.total.committed), "besteed": _amount(c.total.spent)} for c in spending.by_category(plan)],
        "projecten": [{"id": p.project.id, "titel": p.project.title, "categorie": p.project.category, "uitvoerder": p.project.executor,
                       "illustratief": p.project.provenance.illustrative,
                       "budget": [{"jaar": y.year, "toegekend": _amount(y.allocated), "verplicht": _amount(y.committed),
                                   "besteed": _amount(y.spent)} for y in p.years]} for p in spending.by_project(plan)],
    }


def spending_rows(plan: Plan) -> list[dict[str, Any]]:
    def text(value: Decimal | None) -> str:
        return "" if value is None else f"{value:f}"

    return [{"project": p.id, "titel": p.title, "categorie": p.category, "uitvoerder": p.executor, "jaar": y.year,
             "toegekend": text(y.allocated), "verplicht": text(y.committed), "besteed": text(y.spent),
             "illustratief": str(p.provenance.illustrative).lower()}
            for p in plan.projects.values() for y in p.years]


def _csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@dataclasses.dataclass(frozen=True)
class Export:
    """One open-data file: where it goes, its format, what it holds (Dutch, for the page) and how it is made."""

    path: str
    format: str
    description: str
    render: Callable[[Plan], str]


PROGRESS_EXPORTS = (
    Export("data/voortgang.json", "JSON", "alle voortgangsrapportages met de status van elke actie",
           lambda plan: _json(progress_json(plan))),
    Export("data/voortgang.csv", "CSV", "één regel per rapportage en actie",
           lambda plan: _csv(PROGRESS_COLUMNS, progress_rows(plan))),
    Export("data/besteding.json", "JSON", "per jaar beschikbaar, toegekend, verplicht en besteed, per categorie en per project",
           lambda plan: _json(spending_json(plan))),
    Export("data/besteding.csv", "CSV", "één regel per project en jaar",
           lambda plan: _csv(SPENDING_COLUMNS, spending_rows(plan))),
)


def write_progress_exports(plan: Plan, site_dir: Path) -> list[Path]:
    """Write every file of ``PROGRESS_EXPORTS`` into the built site; returns their paths."""
    written = []
    for export in PROGRESS_EXPORTS:
        target = site_dir / export.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(export.render(plan), encoding="utf-8")
        written.append(target)
    return written
