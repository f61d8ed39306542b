"""The floor: a bare Material site with as many plain Markdown pages as ours.

Its ``mkdocs.yml`` inherits ours (``INHERIT``), so theme settings, Markdown
extensions, validation and the site address are the same; it then takes
away what is ours: no macros, no hooks, no extra CSS or JavaScript, none
of our Markdown extensions (``macros.*``), an empty ``custom_dir``, and
search with our search settings. Record pages are plain
Markdown written from the same generated plan (a measure's texts, facts and
actions table), kept out of the navigation with ``not_in_nav`` as record
pages are; the other pages are prose of the same length as our ``docs/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

__all__ = ["RECORD_FOLDERS", "count_docs_pages", "write_floor"]

#: Folders of record pages, left out of the navigation.
RECORD_FOLDERS = ("maatregelen", "organisaties")

_PROSE = ("Dit is een gewone pagina van de vloer, zonder macro's en zonder gegevens. "
          "Ze is even lang als de pagina met dezelfde naam op de echte site. "
          "Zo meet de vergelijking alleen wat onze eigen code toevoegt. ")


def count_docs_pages(docs_dir: Path) -> list[Path]:
    """The Markdown pages in our ``docs/`` (relative paths)."""
    return sorted(p.relative_to(docs_dir) for p in docs_dir.rglob("*.md"))


def _measure_page(record: dict[str, Any]) -> str:
    facts = [("Programmalijn", record["programmalijn"]), ("Hoofddoelen", ", ".join(record["hoofddoelen"])),
             ("Uitbuitingsvormen", ", ".join(record["uitbuitingsvormen"])),
             ("Operationele doelen", ", ".join(record["operationele_doelen"])), ("Actiehouder", record["actiehouder"]),
             ("Partners", ", ".join(record.get("partners", [])) or "geen"), ("Status", record["status"]),
             ("Periode", f"{record['start']} tot {record['eind']}")]
    lines = [f"# {record['id']}: {record['titel']}", "", record["samenvatting"], "", record["omschrijving"], ""]
    for term, value in facts:
        lines += [term, f":   {value}", ""]
    lines += ["## Acties", "", "| Actie | Titel | Actiehouder | Periode | Status |", "| --- | --- | --- | --- | --- |"]
    for action in record["acties"]:
        lines.append(f"| {action['id']} | {action['titel']} | {action['actiehouder']} | "
                     f"{action['start']} tot {action['eind']} | {action['status']} |")
    for action in record["acties"]:
        if "omschrijving" in action:
            lines += ["", f"**{action['id']}.** {action['omschrijving']}"]
    return "\n".join(lines) + "\n"


def _organisation_page(record: dict[str, Any], leads: list[str]) -> str:
    lines = [f"# {record['naam']}", "", record["rol"], "", f"Soort organisatie: {record['type']}.", "",
             "## Maatregelen als actiehouder", ""]
    lines += [f"- {measure}" for measure in leads] or ["Geen."]
    return "\n".join(lines) + "\n"


def _prose_page(title: str, length: int) -> str:
    body = _PROSE * (max(length, len(_PROSE)) // len(_PROSE) + 1)
    return f"# {title}\n\n{body[:max(length - len(title) - 4, 0)]}\n"


def _nav(pages: list[Path]) -> list[Any]:
    """A navigation shaped like the folders: top-level pages, then one section per folder."""
    nav: list[Any] = []
    sections: dict[str, list[str]] = {}
    for page in pages:
        if len(page.parts) == 1:
            nav.append(page.as_posix())
        else:
            sections.setdefault(page.parts[0], []).append(page.as_posix())
    for folder, items in sections.items():
        items.sort(key=lambda p: (not p.endswith("/index.md"), p))
        nav.append({folder.capitalize(): items})
    return nav


def _ours(config: Path) -> dict[str, Any]:
    with config.open(encoding="utf-8") as handle:
        return yaml_load(handle)


def _search_settings(ours: dict[str, Any]) -> Any:
    for plugin in ours.get("plugins", []):
        if plugin == "search":
            return "search"
        if isinstance(plugin, dict) and "search" in plugin:
            return {"search": plugin["search"]}
    return "search"


def _standard_extensions(ours: dict[str, Any]) -> list[Any]:
    """Our Markdown extensions without our own (``macros.*``), which a bare site does not have."""
    def name(entry: Any) -> str:
        return entry if isinstance(entry, str) else next(iter(entry))

    return [entry for entry in ours.get("markdown_extensions", []) if not name(entry).startswith("macros.")]


def write_floor(target: Path, files: dict[str, Any], record_pages: int, our_config: Path, our_docs: Path) -> Path:
    """Write the floor site into ``target`` and return its ``mkdocs.yml``.

    Parameters:
        files: the generated plan (macros.generate.generate) the record pages are written from.
        record_pages: how many record pages; the first are measures, the rest organisations.
        our_config: our mkdocs.yml (inherited).
        our_docs: our docs/ folder (its pages give the number and length of the other pages).
    """
    docs = target / "docs"
    (target / "overrides").mkdir(parents=True, exist_ok=True)
    measures = [value for key, value in files.items() if key.startswith("maatregelen/")]
    organisations = files["organisaties.yml"]["organisaties"]
    leads: dict[str, list[str]] = {}
    for measure in measures:
        leads.setdefault(measure["actiehouder"], []).append(measure["id"])
    count = 0
    for measure in measures[:record_pages]:
        _write(docs / "maatregelen" / f"{measure['id'].lower()}.md", _measure_page(measure))
        count += 1
    for organisation in organisations[: max(record_pages - count, 0)]:
        _write(docs / "organisaties" / f"{organisation['id'].lower()}.md",
               _organisation_page(organisation, leads.get(organisation["id"], [])))
    pages = count_docs_pages(our_docs)
    for number, page in enumerate(pages, start=1):
        length = len((our_docs / page).read_text(encoding="utf-8"))
        _write(docs / page, _prose_page(f"Pagina {number}", length))
    ours = _ours(our_config)
    config = {
        "INHERIT": str(our_config.resolve()),
        "docs_dir": "docs",
        "theme": {"custom_dir": "overrides", "favicon": "assets/images/favicon.png"},
        "plugins": [_search_settings(ours)],
        "markdown_extensions": _standard_extensions(ours),
        "hooks": [],
        "extra_css": [],
        "extra_javascript": [],
        "watch": [],
        "nav": _nav(pages),
        "not_in_nav": "".join(f"/{folder}/\n" for folder in RECORD_FOLDERS),
    }
    path = target / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
