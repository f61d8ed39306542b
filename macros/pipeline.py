"""The one way from a data folder to a validated :class:`~macros.model.Plan`.

``load_plan`` reads every file once, checks it against the schemas and the
rules, and only then builds the typed model. The build (``define_env``) and
every CLI command call it; nothing else reads ``data/``.
"""

from __future__ import annotations

import os
from pathlib import Path

from macros.data.build import build_plan
from macros.data.catalog import Catalog, FileMemo, gc_paused, read_catalog
from macros.data.findings import PlanInvalid, Report
from macros.data.schema import load_schemas
from macros.model import records as m
from macros.rules import run_rules

__all__ = ["DATA_ENV", "data_dir", "load_plan", "load_plan_cached", "load_plan_lenient", "validate"]

#: Environment variable that swaps the data folder (tests and benchmarks build other data).
DATA_ENV = "ACTIEPLAN_DATA"


def data_dir(given: str | Path | None = None, project_dir: Path | None = None) -> Path:
    """The data folder: ``given``, else ``$ACTIEPLAN_DATA``, else ``data/`` in ``project_dir`` (or here).

    The one place this default is worked out: the build and every command use it.
    """
    chosen = given or os.environ.get(DATA_ENV)
    if chosen:
        return Path(chosen).resolve() if project_dir is not None else Path(chosen)
    return (project_dir / "data") if project_dir is not None else Path("data")


def validate(data_dir: Path, shown_root: Path | None = None, memo: FileMemo | None = None) -> tuple[Catalog, Report]:
    """Read, schema-check and rule-check ``data_dir``; never raises for bad data.

    With ``memo`` (see :class:`~macros.data.catalog.FileMemo`), files whose bytes did not change
    since the last call are not parsed again; the rules always run over the whole catalogue.
    """
    with gc_paused():
        catalog, findings = read_catalog(data_dir, load_schemas(), shown_root, memo=memo)
        report = Report(findings)
        report.extend(run_rules(catalog))
    return catalog, report


def load_plan(data_dir: Path, shown_root: Path | None = None, memo: FileMemo | None = None) -> tuple[m.Plan, Report]:
    """Validate ``data_dir`` and build the plan (``memo``: see :func:`validate`).

    Returns:
        The plan and the report (which may hold warnings).

    Raises:
        PlanInvalid: when the report holds errors; the plan is not built.
    """
    catalog, report = validate(data_dir, shown_root, memo)
    if not report.ok:
        raise PlanInvalid(report)
    with gc_paused():
        return build_plan(catalog), report


def load_plan_lenient(data_dir: Path, shown_root: Path | None = None) -> tuple[m.Plan | None, Report]:
    """Like :func:`load_plan`, but for data that may be invalid: the plan as far as it can be built, and the report.

    For ``actieplan diff --ook-ongeldig`` (the pull-request comment): a
    proposal with mistakes should still show what it changes, beside its
    findings. Files that failed to load or to match their schema are left out
    of the catalogue, and the model is built from what is left; references
    that dangle (a removed measure still named by a project) are findings,
    and the model simply lacks the record. When the model cannot be built
    from what is left, the plan is None and only the findings remain.
    Never used to build the site.
    """
    catalog, report = validate(data_dir, shown_root)
    try:
        with gc_paused():
            return build_plan(catalog), report
    except Exception:
        if report.ok:
            raise
        return None, report


def _fingerprint(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Every file under ``folder`` with its modification time and size: what the plan cache is keyed by."""
    entries = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            stat = os.stat(path)
            entries.append((path, stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


#: (folder, shown root) → (fingerprint, plan, report); a few folders: the data and its snapshots.
_cache: dict[tuple[str, str], tuple[tuple[tuple[str, int, int], ...], m.Plan, Report]] = {}
#: (folder, shown root) → what reading its files gave, also when the data was bad (the next edit mends one file).
_memos: dict[tuple[str, str], FileMemo] = {}
_CACHE_FOLDERS = 16


def load_plan_cached(folder: Path, shown_root: Path | None = None, remember: bool = False) -> tuple[m.Plan, Report]:
    """:func:`load_plan`, done again only when a file in ``folder`` changed.

    ``define_env`` calls this on every build, and a theme that renders page by
    page may call it for every page: a second call with unchanged files costs
    one ``stat`` per file, not a new validation. A changed, added or removed
    file (``mkdocs serve`` after an edit) validates the folder again; with
    ``remember`` (under serve) it parses only the files whose bytes changed
    (:class:`~macros.data.catalog.FileMemo`), at the cost of keeping them.
    Bad data raises :class:`PlanInvalid` every time and is never cached.
    """
    key = (os.fspath(Path(folder).resolve()), os.fspath(shown_root or ""))
    fingerprint = _fingerprint(Path(folder))
    cached = _cache.get(key)
    if cached is not None and cached[0] == fingerprint:
        return cached[1], cached[2]
    memo = None
    if remember:
        if len(_memos) >= _CACHE_FOLDERS and key not in _memos:
            _memos.clear()
        memo = _memos.setdefault(key, FileMemo())
    plan, report = load_plan(folder, shown_root=shown_root, memo=memo)
    if len(_cache) >= _CACHE_FOLDERS:
        _cache.clear()
    _cache[key] = (fingerprint, plan, report)
    return plan, report
