"""The one way from a data folder to a validated :class:`~macros.model.Plan`.

``load_plan`` reads every file once, checks it against the schemas and the
rules, and only then builds the typed model. The build (``define_env``) and
every CLI command call it; nothing else reads ``data/``.
"""

from __future__ import annotations

from pathlib import Path

from macros.data.build import build_plan
from macros.data.catalog import Catalog, gc_paused, read_catalog
from macros.data.findings import PlanInvalid, Report
from macros.data.schema import load_schemas
from macros.model import records as m
from macros.rules import run_rules

__all__ = ["load_plan", "validate"]


def validate(data_dir: Path, shown_root: Path | None = None) -> tuple[Catalog, Report]:
    """Read, schema-check and rule-check ``data_dir``; never raises for bad data."""
    with gc_paused():
        catalog, findings = read_catalog(data_dir, load_schemas(), shown_root)
        report = Report(findings)
        report.extend(run_rules(catalog))
    return catalog, report


def load_plan(data_dir: Path, shown_root: Path | None = None) -> tuple[m.Plan, Report]:
    """Validate ``data_dir`` and build the plan.

    Returns:
        The plan and the report (which may hold warnings).

    Raises:
        PlanInvalid: when the report holds errors; the plan is not built.
    """
    catalog, report = validate(data_dir, shown_root)
    if not report.ok:
        raise PlanInvalid(report)
    with gc_paused():
        return build_plan(catalog), report
