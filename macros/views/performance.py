"""The figures of `make bench` for the page "Prestaties".

``load_results`` reads ``bench/results.json`` once per build (``define_env``
calls it), checks it against ``bench/results.schema.json`` and turns it into
frozen dataclasses; the view only sorts. A missing file is not an error: the
page then says that there are no figures yet. A file with the wrong shape
stops the build with a Dutch message, like bad data does.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from macros.data.findings import format_path

__all__ = [
    "RESULTS_FILE",
    "BenchmarkInvalid",
    "BenchmarkResults",
    "BuildFigures",
    "FirstVisit",
    "Rebuild",
    "SizeFigures",
    "Target",
    "Validation",
    "load_results",
]

RESULTS_FILE = Path("bench") / "results.json"
SCHEMA_FILE = Path("bench") / "results.schema.json"


class BenchmarkInvalid(Exception):
    """bench/results.json cannot be shown; the message says where and what to do."""


@dataclasses.dataclass(frozen=True, kw_only=True)
class BuildFigures:
    """One build (ours or the floor's). Sizes in MB and kB of 1,000,000 and 1,000 bytes."""

    seconds: float
    mkdocs_seconds: float | None
    peak_mb: float
    pages: int
    ms_per_page: float
    output_mb: float
    search_index_mb: float
    measure_pages: int
    measure_page_mean_kb: float | None
    measure_page_max_kb: float | None


@dataclasses.dataclass(frozen=True, kw_only=True)
class SizeFigures:
    measures: int
    actions: int
    projects: int
    organisations: int
    site: BuildFigures
    floor: BuildFigures
    ratio: float
    #: The minimal floor (as many pages with as many words, out of the navigation); None in older results.
    minimal: BuildFigures | None = None
    ratio_minimal: float | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class Target:
    description: str
    limit: float
    unit: str
    value: float | None
    met: bool | None


@dataclasses.dataclass(frozen=True, kw_only=True)
class Validation:
    measures: int
    actions: int
    seconds: float
    cpu_seconds: float
    runs: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class Rebuild:
    """Edits under ``mkdocs serve``: from saving a file until the page shows the new text."""

    own_data: bool
    measures: int
    visible_seconds: float
    visible_runs: tuple[float, ...]
    partial: int
    edits: int
    rss_first_mb: float
    rss_last_mb: float


@dataclasses.dataclass(frozen=True, kw_only=True)
class FirstVisit:
    measures: int
    transfer_kb: float
    unpacked_kb: float
    requests: int
    other_hosts: int
    search_index_loaded: bool
    largest: tuple[tuple[str, float], ...]


@dataclasses.dataclass(frozen=True, kw_only=True)
class BenchmarkResults:
    measured_at: str
    commit: str | None
    cores: int
    python: str
    versions: tuple[tuple[str, str], ...]
    sizes: tuple[SizeFigures, ...]
    validation: Validation | None
    rebuild: tuple[Rebuild, ...]
    first_visit: FirstVisit | None
    targets: tuple[Target, ...]
    notes: tuple[str, ...]


def _build(raw: dict[str, Any]) -> BuildFigures:
    def kb(value: float | None) -> float | None:
        return None if value is None else value / 1000

    return BuildFigures(
        seconds=raw["seconds"],
        mkdocs_seconds=raw["mkdocs_seconds"],
        peak_mb=raw["peak_mb"],
        pages=raw["pages"],
        ms_per_page=raw["ms_per_page"],
        output_mb=raw["output_bytes"] / 1e6,
        search_index_mb=raw["search_index_bytes"] / 1e6,
        measure_pages=raw["measure_pages"],
        measure_page_mean_kb=kb(raw["measure_page_mean_bytes"]),
        measure_page_max_kb=kb(raw["measure_page_max_bytes"]),
    )


def _validation(raw: dict[str, Any] | None) -> Validation | None:
    if raw is None:
        return None
    return Validation(
        measures=raw["measures"],
        actions=raw["actions"],
        seconds=raw["seconds"],
        cpu_seconds=raw["cpu_seconds"],
        runs=len(raw["runs"]),
    )


def _rebuild(raw: list[dict[str, Any]] | None) -> tuple[Rebuild, ...]:
    return tuple(
        Rebuild(
            own_data=r["data"] == "eigen",
            measures=r["measures"],
            visible_seconds=r["visible_seconds"],
            visible_runs=tuple(r["visible_runs"]),
            partial=r["partial"],
            edits=r["edits_total"],
            rss_first_mb=r["rss_first_mb"],
            rss_last_mb=r["rss_last_mb"],
        )
        for r in raw or []
    )


def _first_visit(raw: dict[str, Any] | None) -> FirstVisit | None:
    if raw is None:
        return None
    return FirstVisit(
        measures=raw["measures"],
        transfer_kb=raw["transfer_bytes"] / 1000,
        unpacked_kb=raw["unpacked_bytes"] / 1000,
        requests=raw["requests"],
        other_hosts=raw["other_hosts"],
        search_index_loaded=raw["search_index_loaded"],
        largest=tuple((row["url"], row["transfer_bytes"] / 1000) for row in raw["largest"]),
    )


def load_results(project_dir: Path) -> BenchmarkResults | None:
    """The results in ``bench/results.json`` under ``project_dir``, or None when there are none yet.

    Raises:
        BenchmarkInvalid: when the file is not JSON or does not have the shape of results.schema.json.
    """
    path = project_dir / RESULTS_FILE
    if not path.is_file():
        return None
    shown = RESULTS_FILE.as_posix()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        line = getattr(err, "lineno", 0)
        raise BenchmarkInvalid(
            f"{shown}:{line}: (bestand): het bestand is geen geldige JSON — draai make bench opnieuw"
        ) from None
    import jsonschema  # only when there are results to check

    schema = json.loads((project_dir / SCHEMA_FILE).read_text(encoding="utf-8"))
    errors = sorted(
        jsonschema.Draft202012Validator(schema).iter_errors(raw), key=lambda e: list(map(str, e.absolute_path))
    )
    if errors:
        first = errors[0]
        raise BenchmarkInvalid(
            f"{shown}: {format_path(tuple(first.absolute_path))}: heeft niet de vorm van {SCHEMA_FILE.as_posix()} "
            f"({first.validator}) — draai make bench opnieuw"
        )
    machine = raw["machine"]
    return BenchmarkResults(
        measured_at=raw["measured_at"],
        commit=raw["commit"],
        cores=machine["cores"],
        python=machine["python"],
        versions=tuple(machine["versions"].items()),
        sizes=tuple(
            SizeFigures(
                measures=s["measures"],
                actions=s["actions"],
                projects=s["projects"],
                organisations=s["organisations"],
                site=_build(s["site"]),
                floor=_build(s["floor"]),
                ratio=s["ratio"],
                minimal=_build(s["minimal"]) if "minimal" in s else None,
                ratio_minimal=s.get("ratio_minimal"),
            )
            for s in raw["sizes"]
        ),
        validation=_validation(raw["validation"]),
        rebuild=_rebuild(raw["rebuild"]),
        first_visit=_first_visit(raw["first_visit"]),
        targets=tuple(
            Target(description=t["description"], limit=t["limit"], unit=t["unit"], value=t["value"], met=t["met"])
            for t in raw["targets"]
        ),
        notes=tuple(raw["notes"]),
    )
