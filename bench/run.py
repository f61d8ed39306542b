"""The order of the measurements, and the command line of ``python -m bench``.

Per size: generate a plan, build our site on it, write and build the floor
with the same number of pages, and keep the ratio. Then time ``actieplan
validate`` on a large plan, a rebuild under ``mkdocs serve``, and a first
visit to the home page of the site closest to 1,000 measures. Everything
happens in one temporary folder that is removed afterwards; ``data/`` is
never touched.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import importlib.metadata
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from macros.dev.generate import Size, write_plan
from macros.pipeline import load_plan
from macros.site.pages import generated_pages

from . import floor as floor_site
from . import measure, report

__all__ = ["main", "measure_first_visit", "measure_rebuild", "measure_sizes", "measure_validation", "run_all"]

ROOT = measure.ROOT
PACKAGES = (
    "mkdocs",
    "mkdocs-material",
    "mkdocs-macros-plugin",
    "Markdown",
    "pymdown-extensions",
    "Jinja2",
    "PyYAML",
    "jsonschema",
)

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


def _build_fields(run: measure.Run, stats: measure.SiteStats) -> dict[str, Any]:
    return {
        "seconds": round(run.seconds, 3),
        "mkdocs_seconds": run.mkdocs_seconds,
        "cpu_seconds": round(run.cpu_seconds, 3),
        "peak_mb": round(run.peak_mb, 1),
        "pages": stats.pages,
        "ms_per_page": round(run.seconds * 1000 / max(stats.pages, 1), 2),
        "output_bytes": stats.output_bytes,
        "search_index_bytes": stats.search_index_bytes,
        "measure_pages": stats.measure_pages,
        "measure_page_mean_bytes": round(stats.measure_page_mean_bytes, 1)
        if stats.measure_page_mean_bytes is not None
        else None,
        "measure_page_max_bytes": stats.measure_page_max_bytes,
    }


@dataclasses.dataclass
class _Size:
    """One size of the benchmark: its generated plan, our site and the floor, and the runs so far."""

    measures: int
    size: Size
    files: dict[str, Any]
    data: Path
    ours_dir: Path
    floor_dir: Path
    floor_config: Path
    ours: list[measure.Run] = dataclasses.field(default_factory=list)
    floor: list[measure.Run] = dataclasses.field(default_factory=list)
    #: The minimal floor (bench/floor.py write_minimal_floor), written after our first build of this size.
    minimal_config: Path | None = None
    minimal: list[measure.Run] = dataclasses.field(default_factory=list)


def _prepare_size(measures: int, work: Path, seed: int) -> _Size:
    """Generate the plan of one size and write its floor (with as many pages as our site will have)."""
    size = Size.proportional(measures)
    data = work / f"data-{measures}"
    files = write_plan(data, size, seed)
    # As many record pages as our site will generate from this plan (the same list the hook uses).
    record_pages = len(generated_pages(load_plan(data)[0]))
    floor_dir = work / f"floor-{measures}"
    config = floor_site.write_floor(floor_dir, files, record_pages, ROOT / "mkdocs.yml", ROOT / "docs")
    return _Size(measures, size, files, data, work / f"site-{measures}", floor_dir, config)


def _build_round(prepared: _Size, progress: Progress) -> None:
    """One build of our site and one of the floor, one after the other."""
    progress(f"{prepared.measures} maatregelen: onze site en de vloer bouwen (ronde {len(prepared.ours) + 1})...")
    prepared.ours.append(measure.build_site(ROOT / "mkdocs.yml", prepared.ours_dir, prepared.data))
    prepared.floor.append(measure.build_site(prepared.floor_config, prepared.floor_dir / "site"))
    if prepared.minimal_config is None:
        words = floor_site.page_words(prepared.ours_dir)
        prepared.minimal_config = floor_site.write_minimal_floor(
            prepared.floor_dir.with_name(prepared.floor_dir.name + "-kaal"), words, ROOT / "mkdocs.yml", ROOT / "docs"
        )
    prepared.minimal.append(measure.build_site(prepared.minimal_config, prepared.minimal_config.parent / "site"))


def _finish_size(prepared: _Size, progress: Progress) -> tuple[dict[str, Any], Path]:
    """The figures of one size (medians of its rounds); removes the floor and the data, returns our built site."""
    ours, floor_run = measure.median_run(prepared.ours), measure.median_run(prepared.floor)
    minimal_run = measure.median_run(prepared.minimal)
    ours_stats = measure.site_stats(prepared.ours_dir)
    floor_stats = measure.site_stats(prepared.floor_dir / "site")
    assert prepared.minimal_config is not None
    minimal_stats = measure.site_stats(prepared.minimal_config.parent / "site", record_folder="buiten-menu")
    shutil.rmtree(prepared.floor_dir)
    shutil.rmtree(prepared.minimal_config.parent)
    shutil.rmtree(prepared.data)
    actions = sum(len(v["acties"]) for k, v in prepared.files.items() if k.startswith("maatregelen/"))
    result = {
        "measures": prepared.measures,
        "actions": actions,
        "projects": prepared.size.projects,
        "organisations": prepared.size.organisations,
        "site": _build_fields(ours, ours_stats),
        "floor": _build_fields(floor_run, floor_stats),
        "ratio": round(ours.seconds / floor_run.seconds, 3),
        "minimal": _build_fields(minimal_run, minimal_stats),
        "ratio_minimal": round(ours.seconds / minimal_run.seconds, 3),
    }
    progress(
        f"{prepared.measures} maatregelen: {ours.seconds:.2f} s tegen {floor_run.seconds:.2f} s voor de vloer "
        f"(verhouding {result['ratio']:.2f}; {ours_stats.pages} en {floor_stats.pages} pagina's), "
        f"{minimal_run.seconds:.2f} s voor de kale vloer (verhouding {result['ratio_minimal']:.2f})"
    )
    return result, prepared.ours_dir


def measure_sizes(
    sizes: Sequence[int], work: Path, seed: int = 1, repeats: int = 1, progress: Progress = _quiet
) -> list[tuple[dict[str, Any], Path]]:
    """Our build and the floor's at every size; returns the figures and our built site per size.

    The builds run in rounds: each round builds every size, ours and the floor
    one after the other. The machine's speed drifts over minutes; in rounds, a
    slow stretch hits every size and both sites alike, instead of all builds
    of one size, which would bend the growth from 1,000 to 3,000 measures.
    """
    prepared = [_prepare_size(n, work, seed) for n in sizes]
    for _ in range(repeats):
        for one in prepared:
            _build_round(one, progress)
    return [_finish_size(one, progress) for one in prepared]


#: ``actieplan validate`` takes a second or two, so it runs more often than a build: the median of five.
VALIDATION_RUNS = 5


def measure_validation(
    measures: int, work: Path, seed: int = 1, repeats: int = VALIDATION_RUNS, progress: Progress = _quiet
) -> dict[str, Any]:
    """``actieplan validate`` on a generated plan, ``repeats`` times; the median counts."""
    data = work / f"validate-{measures}"
    files = write_plan(data, Size.proportional(measures), seed)
    progress(f"actieplan validate op {measures} maatregelen ({repeats}x)...")
    runs = [measure.time_validate(data) for _ in range(repeats)]
    middle = measure.median_run(runs)
    shutil.rmtree(data)
    return {
        "measures": measures,
        "actions": sum(len(v["acties"]) for k, v in files.items() if k.startswith("maatregelen/")),
        "seconds": round(middle.seconds, 3),
        "cpu_seconds": round(middle.cpu_seconds, 3),
        "peak_mb": round(middle.peak_mb, 1),
        "runs": [round(r.seconds, 3) for r in runs],
    }


def measure_rebuild(
    measures: int, work: Path, seed: int = 1, progress: Progress = _quiet, edits: int = 5, memory_edits: int = 45
) -> list[dict[str, Any]]:
    """Edit → visible under ``mkdocs serve``: on our own data and on a generated plan of ``measures`` measures.

    Each: ``edits`` timed edits of one measure's title (the median counts); on the generated plan
    ``memory_edits`` more, with the server's memory after the first and the last edit.
    """
    results = []
    shipped = work / "serve-eigen"
    shutil.copytree(ROOT / "data", shipped, symlinks=False)
    progress(f"mkdocs serve op de eigen gegevens: {edits} keer een titel wijzigen...")
    plan, _ = load_plan(shipped)
    result = measure.time_rebuild(shipped, edits=edits)
    shutil.rmtree(shipped)
    results.append({"data": "eigen", "measures": len(plan.measures), **_rounded(result)})
    data = work / f"serve-{measures}"
    write_plan(data, Size.proportional(measures), seed)
    progress(f"mkdocs serve op {measures} maatregelen: {edits + memory_edits} keer een titel wijzigen...")
    result = measure.time_rebuild(data, edits=edits, memory_edits=memory_edits)
    shutil.rmtree(data)
    results.append({"data": "gegenereerd", "measures": measures, **_rounded(result)})
    return results


def _rounded(result: dict[str, Any]) -> dict[str, Any]:
    return {key: (round(value, 3) if isinstance(value, float) else value) for key, value in result.items()}


def measure_first_visit(
    site: Path, measures: int, progress: Progress = _quiet, browser: Any = None
) -> dict[str, Any] | None:
    progress(f"eerste bezoek aan de homepage ({measures} maatregelen) in Chromium...")
    visit = measure.first_visit(site, browser=browser)
    return {"measures": measures, **visit} if visit else None


def _machine() -> dict[str, Any]:
    versions = {}
    for package in PACKAGES:
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            continue
    return {
        "cores": os.cpu_count() or 1,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
    }


def _commit() -> str | None:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return head + ("+wijzigingen" if dirty else "")


def run_all(
    sizes: Sequence[int],
    validate_measures: int,
    rebuild_measures: int,
    work: Path,
    *,
    seed: int = 1,
    repeats: int = 1,
    browser: Any = True,
    progress: Progress = _quiet,
    serve_edits: int = 5,
    memory_edits: int = 45,
) -> dict[str, Any]:
    """Every measurement, in one run on this machine; returns the results (targets included).

    ``browser``: False skips the first visit; True starts chromium for it; a running
    Playwright browser (the tests' shared one) is used as it is.
    """
    results: dict[str, Any] = {
        "format": 2,
        "measured_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _commit(),
        "machine": _machine(),
        "settings": {"seed": seed, "repeats": repeats, "sizes": list(sizes)},
        "sizes": [],
        "validation": None,
        "rebuild": None,
        "first_visit": None,
        "targets": [],
        "notes": [],
    }
    # A first small build warms the disk cache and Python's imports, so the first measured size is not penalised.
    progress("opwarmen...")
    warm = work / "warm"
    write_plan(warm / "data", Size.proportional(5), seed)
    measure.build_site(ROOT / "mkdocs.yml", warm / "site", warm / "data")
    shutil.rmtree(warm)
    visit_size = min(sizes, key=lambda n: abs(n - 1000))
    visit_site = None
    for measures, (result, site) in zip(sizes, measure_sizes(sizes, work, seed, repeats, progress), strict=False):
        results["sizes"].append(result)
        if measures == visit_size:
            visit_site = site
        else:
            shutil.rmtree(site)
    if validate_measures:
        results["validation"] = measure_validation(validate_measures, work, seed, progress=progress)
    if rebuild_measures:
        results["rebuild"] = measure_rebuild(
            rebuild_measures, work, seed, progress, edits=serve_edits, memory_edits=memory_edits
        )
    if browser and visit_site is not None:
        results["first_visit"] = measure_first_visit(
            visit_site, visit_size, progress, browser=None if browser is True else browser
        )
        if results["first_visit"] is None:
            results["notes"].append(
                f"Het eerste bezoek is niet gemeten: Chromium ({measure.CHROMIUM}) of Playwright ontbreekt."
            )
    if visit_site is not None:
        shutil.rmtree(visit_site)
    if not any(size["site"]["measure_pages"] for size in results["sizes"]):
        results["notes"].append(
            "Deze bouw maakt geen pagina per maatregel; de vloer heeft die pagina's wel. "
            "De verhouding met de vloer zegt dan weinig over pagina's per maatregel."
        )
    results["notes"].append(
        f"Gemeten op een machine met {results['machine']['cores']} kernen die met ander werk gedeeld kan zijn; "
        "vergelijk daarom vooral de verhoudingen met de vloer uit dezelfde meting. De bouwrondes wisselen "
        "de groottes af, zodat een trager moment van de machine alle groottes gelijk treft."
    )
    by_size = {s["measures"]: s for s in results["sizes"]}
    if 1000 in by_size and 3000 in by_size:
        growth = by_size[3000]["floor"]["seconds"] / by_size[1000]["floor"]["seconds"]
        results["notes"].append(
            f"Ter vergelijking: de vloer bouwde bij 3.000 maatregelen {report.dutch_number(growth, 2)} keer "
            "zo lang als bij 1.000."
        )
    results["targets"] = report.evaluate_targets(results)
    return results


def _sizes(text: str) -> list[int]:
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen lijst van hele getallen, zoals 100,1000,3000") from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError("geef een of meer groottes van minstens 1")
    return values


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="Meet hoe snel de site bouwt en laadt, tegenover een kale Material-site."
    )
    parser.add_argument(
        "--groottes",
        type=_sizes,
        default=[100, 1000, 3000],
        metavar="N,N,...",
        help="aantallen maatregelen om de site mee te bouwen (standaard: 100,1000,3000)",
    )
    parser.add_argument(
        "--validatie",
        type=int,
        default=5_000,
        metavar="N",
        help="aantal maatregelen voor actieplan validate (0: overslaan)",
    )
    parser.add_argument(
        "--herbouw",
        type=int,
        default=1000,
        metavar="N",
        help="aantal maatregelen voor de meting onder mkdocs serve (0: overslaan)",
    )
    parser.add_argument(
        "--herhalingen",
        type=int,
        default=1,
        metavar="R",
        help="bouw elke grootte R keer en neem de middelste (standaard: 1)",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed voor de gegenereerde gegevens (standaard: 1)")
    parser.add_argument("--zonder-browser", action="store_true", help="het eerste bezoek niet meten")
    parser.add_argument(
        "--uit",
        type=Path,
        default=ROOT / "bench",
        metavar="MAP",
        help="map voor results.json en results.md (standaard: bench/)",
    )
    args = parser.parse_args(argv)

    def progress(text: str) -> None:
        print(f"[bench] {text}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="actieplan-bench-") as work:
        try:
            results = run_all(
                args.groottes,
                args.validatie,
                args.herbouw,
                Path(work),
                seed=args.seed,
                repeats=max(args.herhalingen, 1),
                browser=not args.zonder_browser,
                progress=progress,
            )
        except RuntimeError as err:
            print(f"[bench] gestopt: {err}", file=sys.stderr)
            return 1
    args.uit.mkdir(parents=True, exist_ok=True)
    report.write_json(results, args.uit / "results.json")
    report.write_markdown(results, args.uit / "results.md")
    print((args.uit / "results.md").read_text(encoding="utf-8"))
    missed = [t for t in results["targets"] if t["met"] is False]
    print(
        f"[bench] geschreven: {args.uit / 'results.json'} en results.md; {len(missed)} doel(en) niet gehaald.",
        file=sys.stderr,
    )
    return 0
