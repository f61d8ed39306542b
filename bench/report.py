"""The targets, and writing the results as bench/results.json and bench/results.md.

The JSON is what the page "Prestaties" shows; it is checked against
``bench/results.schema.json`` before it is written, and the site build
checks it again when it reads it (macros/benchmark.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

__all__ = ["SCHEMA", "TARGETS", "dutch_number", "evaluate_targets", "write_json", "write_markdown"]

SCHEMA = Path(__file__).resolve().parent / "results.schema.json"

#: (id, Dutch description, limit, unit). The values come from ``_value`` below.
TARGETS: tuple[tuple[str, str, float, str], ...] = (
    ("verhouding-1000", "Bouwtijd bij 1.000 maatregelen, gedeeld door die van de vloer", 1.25, "keer"),
    ("groei-3000", "Bouwtijd bij 3.000 maatregelen, gedeeld door die bij 1.000", 3.3, "keer"),
    ("maatregelpagina-1000", "Grootste maatregelpagina bij 1.000 maatregelen (HTML)", 40.0, "kB"),
    ("eerste-bezoek", "Eerste bezoek aan de homepage: alles wat de browser ophaalt", 200.0, "kB"),
    (
        "validatie-5000",
        "actieplan validate van 5.000 maatregelen (het grootste plan dat de regels toelaten)",
        2.0,
        "seconden",
    ),
    ("bewerken-eigen", "Bewerken onder mkdocs serve, eigen gegevens: opslaan tot de pagina het toont", 0.5, "seconden"),
    (
        "bewerken-1000",
        "Bewerken onder mkdocs serve, 1.000 maatregelen: opslaan tot de pagina het toont",
        1.5,
        "seconden",
    ),
    ("kaal-1000", "Bouwtijd bij 1.000 maatregelen, gedeeld door die van de kale vloer", 1.25, "keer"),
    ("geheugen-serve", "Geheugen van mkdocs serve na de laatste bewerking, gedeeld door dat na de eerste", 1.1, "keer"),
)


def _size(results: dict[str, Any], measures: int) -> dict[str, Any] | None:
    return next((s for s in results["sizes"] if s["measures"] == measures), None)


def _value(results: dict[str, Any], target: str) -> float | None:
    at_1000, at_3000 = _size(results, 1000), _size(results, 3000)
    if target == "verhouding-1000":
        return at_1000["ratio"] if at_1000 else None
    if target == "groei-3000":
        return at_3000["site"]["seconds"] / at_1000["site"]["seconds"] if at_1000 and at_3000 else None
    if target == "maatregelpagina-1000":
        largest = at_1000["site"]["measure_page_max_bytes"] if at_1000 else None
        return largest / 1000 if largest is not None else None
    if target == "eerste-bezoek":
        visit = results.get("first_visit")
        return visit["transfer_bytes"] / 1000 if visit else None
    if target == "validatie-5000":
        validation = results.get("validation")
        return validation["seconds"] if validation and validation["measures"] == 5_000 else None
    rebuilds = {r["data"]: r for r in results.get("rebuild") or []}
    if target == "bewerken-eigen":
        return rebuilds["eigen"]["visible_seconds"] if "eigen" in rebuilds else None
    if target == "bewerken-1000":
        generated = rebuilds.get("gegenereerd")
        return generated["visible_seconds"] if generated and generated["measures"] == 1000 else None
    if target == "kaal-1000":
        return at_1000.get("ratio_minimal") if at_1000 else None
    if target == "geheugen-serve":
        generated = rebuilds.get("gegenereerd")
        if not generated or not generated["rss_first_mb"]:
            return None
        return generated["rss_last_mb"] / generated["rss_first_mb"]
    raise KeyError(target)


def evaluate_targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target with its measured value and whether it was met (None when not measured in this run)."""
    out = []
    for target, description, limit, unit in TARGETS:
        value = _value(results, target)
        out.append(
            {
                "id": target,
                "description": description,
                "limit": limit,
                "unit": unit,
                "value": round(value, 3) if value is not None else None,
                "met": (value <= limit) if value is not None else None,
            }
        )
    return out


def check_shape(results: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError when ``results`` does not have the agreed shape."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(results)


def write_json(results: dict[str, Any], path: Path) -> None:
    check_shape(results)
    path.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def dutch_number(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def write_markdown(results: dict[str, Any], path: Path) -> None:
    """A short Dutch summary for reviewers; the page "Prestaties" shows the same figures."""
    machine = results["machine"]
    lines = [
        "# Meetresultaten",
        "",
        f"Gemeten op {results['measured_at']} met `make bench` (commit {results.get('commit') or 'onbekend'}), "
        f"op een machine met {machine['cores']} kernen; Python {machine['python']}, "
        + ", ".join(f"{name} {version}" for name, version in machine["versions"].items())
        + ".",
        "Alle gegevens zijn gegenereerd met `actieplan genereer` (illustratief). 1 kB = 1.000 bytes.",
        "",
        "## Bouwen",
        "",
        "| Maatregelen | Pagina's | Bouwtijd (s) | ms per pagina | Piekgeheugen (MB) | Uitvoer (MB) "
        "| HTML per maatregelpagina (kB, gem./max.) | Zoekindex (MB) | Vloer: pagina's | Vloer: maatregelpagina (kB, gem.) "
        "| Vloer (s) | Verhouding |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size in results["sizes"]:
        site, floor = size["site"], size["floor"]
        mean = site["measure_page_mean_bytes"]
        largest = site["measure_page_max_bytes"]
        page_kb = (
            f"{dutch_number(mean / 1000)} / {dutch_number(largest / 1000)}"
            if mean is not None and largest is not None
            else "geen maatregelpagina's"
        )
        floor_mean = floor["measure_page_mean_bytes"]
        floor_kb = dutch_number(floor_mean / 1000) if floor_mean is not None else "–"
        lines.append(
            f"| {dutch_number(size['measures'], 0)} | {dutch_number(site['pages'], 0)} | {dutch_number(site['seconds'], 2)} | {dutch_number(site['ms_per_page'])} "
            f"| {dutch_number(site['peak_mb'])} | {dutch_number(site['output_bytes'] / 1e6)} | {page_kb} | {dutch_number(site['search_index_bytes'] / 1e6, 2)} "
            f"| {dutch_number(floor['pages'], 0)} | {floor_kb} | {dutch_number(floor['seconds'], 2)} | {dutch_number(size['ratio'], 2)} |"
        )
    validation, rebuild, visit = results.get("validation"), results.get("rebuild"), results.get("first_visit")
    lines += ["", "## Overige metingen", ""]
    if validation:
        lines.append(
            f"- `actieplan validate` van {dutch_number(validation['measures'], 0)} maatregelen: {dutch_number(validation['seconds'], 2)} s "
            f"(mediaan van {len(validation['runs'])} keer; rekentijd {dutch_number(validation['cpu_seconds'], 2)} s)."
        )
    for size in results["sizes"]:
        if size.get("minimal"):
            lines.append(
                f"- Kale vloer bij {dutch_number(size['measures'], 0)} maatregelen ({dutch_number(size['minimal']['pages'], 0)} pagina's "
                f"met evenveel woorden als de onze, zonder menu): {dutch_number(size['minimal']['seconds'], 2)} s; "
                f"onze bouw is {dutch_number(size['ratio_minimal'], 2)} keer zo lang."
            )
    for edits in rebuild or []:
        which = "de eigen gegevens" if edits["data"] == "eigen" else "een gegenereerd plan"
        lines.append(
            f"- Bewerken onder `mkdocs serve` ({which}, {dutch_number(edits['measures'], 0)} maatregelen): van opslaan tot de pagina "
            f"de nieuwe titel toont {dutch_number(edits['visible_seconds'], 2)} s (mediaan van {len(edits['visible_runs'])} keer: "
            + ", ".join(dutch_number(v, 2) for v in edits["visible_runs"])
            + f"); {edits['partial']} van de {edits['edits_total']} keer alleen wat veranderde. Geheugen na de eerste bewerking "
            f"{dutch_number(edits['rss_first_mb'])} MB, na de laatste ({edits['edits_total']}) {dutch_number(edits['rss_last_mb'])} MB."
        )
    if visit:
        lines.append(
            f"- Eerste bezoek aan de homepage ({dutch_number(visit['measures'], 0)} maatregelen): {dutch_number(visit['transfer_bytes'] / 1000)} kB "
            f"overgedragen (gzip), {dutch_number(visit['unpacked_bytes'] / 1000)} kB uitgepakt, {visit['requests']} verzoeken, "
            f"{visit['other_hosts']} naar een andere host; zoekindex geladen: {'ja' if visit['search_index_loaded'] else 'nee'}."
        )
    else:
        lines.append("- Eerste bezoek: niet gemeten (geen Chromium of Playwright).")
    lines += ["", "## Doelen", "", "| Doel | Grens | Gemeten | Gehaald |", "| --- | ---: | ---: | --- |"]
    for target in results["targets"]:
        met = {True: "ja", False: "**nee**", None: "niet gemeten"}[target["met"]]
        lines.append(
            f"| {target['description']} | ≤ {dutch_number(target['limit'], 2)} {target['unit']} | {dutch_number(target['value'], 2)} | {met} |"
        )
    if results.get("notes"):
        lines += ["", "## Opmerkingen", ""] + [f"- {note}" for note in results["notes"]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
