"""Versions of the plan: which one this build is, and the frozen snapshots of released ones.

A released version's data is frozen in ``data/snapshots/<id>/`` by
``actieplan release``. Each snapshot is a complete data folder and goes
through the same ``load_plan`` as ``data/`` (one way through), so a later
build can compare the plan of today with what a version said.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from macros.data.catalog import SNAPSHOT_DIR
from macros.data.findings import Finding, PlanInvalid, Report
from macros.model.records import Plan
from macros.pipeline import load_plan_cached, validate
from macros.site.theme import BuildVersion

__all__ = ["current_version", "freeze_snapshot", "load_snapshots"]

#: Environment variable that names the version a build publishes (set by `make publish`).
VERSION_ENV = "ACTIEPLAN_VERSIE"


def current_version(plan: Plan) -> BuildVersion:
    """The version named by ``$ACTIEPLAN_VERSIE``, else the working version of the data.

    Raises:
        PlanInvalid: when the environment names a version that ``versies.yml`` does not list.
    """
    wanted = os.environ.get(VERSION_ENV) or plan.working_version
    if wanted not in plan.versions:
        known = ", ".join(plan.versions)
        raise PlanInvalid(
            Report(
                [
                    Finding(
                        file="data/versies.yml",
                        line=0,
                        path="versies",
                        message=f"de versie '{wanted}' (uit {VERSION_ENV}) staat niet in de lijst met versies",
                        hint=f"kies uit: {known}, of voeg de versie toe",
                        rule="versie",
                    )
                ]
            )
        )
    return BuildVersion(plan.versions[wanted])


def load_snapshots(data_dir: Path, plan: Plan, shown_root: Path | None = None) -> dict[str, Plan]:
    """Load every snapshot in ``data/snapshots/``, in the order of ``versies.yml``.

    Raises:
        PlanInvalid: with the findings of every snapshot that does not validate,
            or that belongs to no listed version.
    """
    root = data_dir / SNAPSHOT_DIR
    if not root.is_dir():
        return {}
    report = Report()
    loaded: dict[str, Plan] = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if folder.name not in plan.versions:
            report.add(
                Finding(
                    file=_shown(folder, shown_root),
                    line=0,
                    path="",
                    message=f"de snapshot '{folder.name}' hoort bij geen versie in data/versies.yml",
                    hint="voeg de versie toe aan data/versies.yml of haal de map weg",
                    rule="snapshot",
                )
            )
            continue
        try:
            loaded[folder.name], _ = load_plan_cached(folder, shown_root=shown_root)
        except PlanInvalid as invalid:
            report.extend(invalid.report.errors)
    if not report.ok:
        raise PlanInvalid(report)
    order = list(plan.versions)
    return dict(sorted(loaded.items(), key=lambda item: order.index(item[0])))


def freeze_snapshot(data_dir: Path, version: str, shown_root: Path | None = None) -> tuple[Path | None, Report]:
    """Copy the validated data of ``version`` to ``data/snapshots/<version>/``.

    Refuses when the data has errors, when the version is not listed, or when
    a snapshot of that version exists already (a release is never rewritten).
    """
    catalog, report = validate(data_dir, shown_root)
    if not report.ok:
        return None, report
    target = data_dir / SNAPSHOT_DIR / version
    if version not in catalog.ids("versie"):
        report.add(
            Finding(
                file=_shown(data_dir / "versies.yml", shown_root),
                line=0,
                path="versies",
                message=f"de versie '{version}' staat niet in de lijst met versies",
                hint="voeg haar eerst toe aan data/versies.yml",
                rule="snapshot",
            )
        )
        return None, report
    if target.exists():
        report.add(
            Finding(
                file=_shown(target, shown_root),
                line=0,
                path="",
                message=f"er is al een snapshot van versie {version}",
                hint="een vrijgegeven versie verandert niet; kies een nieuwe versie",
                rule="snapshot",
            )
        )
        return None, report
    shutil.copytree(data_dir, target, ignore=shutil.ignore_patterns(SNAPSHOT_DIR, "schema"))
    return target, report


def _shown(path: Path, root: Path | None) -> str:
    try:
        return path.resolve().relative_to((root or path.parent).resolve()).as_posix()
    except ValueError:
        return path.as_posix()
