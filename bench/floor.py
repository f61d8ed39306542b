"""The floor: a bare Material site with as many plain Markdown pages as ours.

Its ``mkdocs.yml`` inherits ours (``INHERIT``), so theme settings, Markdown
extensions, validation and the site address are the same; it then takes
away what is ours: no macros, no hooks, no extra CSS or JavaScript, none
of our Markdown extensions (``macros.*``), an empty ``custom_dir``, and
search with our search settings. Record pages are plain Markdown written
from the same generated plan, with the sections and texts of ours (a
measure's facts, goals, actions table, actions without a report, chain; an
organisation's measures, actions and projects), records named rather than
linked, kept out of the navigation with ``not_in_nav`` as record pages are.
The other pages have the headings of our ``docs/`` pages, with prose of the
same length in between: Material draws a table of contents for them, as it
does for ours.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

__all__ = ["RECORD_FOLDERS", "count_docs_pages", "page_words", "write_floor", "write_minimal_floor"]

#: Folders of record pages, left out of the navigation.
RECORD_FOLDERS = ("maatregelen", "organisaties")

_PROSE = (
    "Dit is een gewone pagina van de vloer, zonder macro's en zonder gegevens. "
    "Ze is even lang als de pagina met dezelfde naam op de echte site. "
    "Zo meet de vergelijking alleen wat onze eigen code toevoegt. "
)


def count_docs_pages(docs_dir: Path) -> list[Path]:
    """The Markdown pages in our ``docs/`` (relative paths)."""
    return sorted(p.relative_to(docs_dir) for p in docs_dir.rglob("*.md"))


class _Lookup:
    """The generated plan by id, for the record pages of the floor."""

    def __init__(self, files: dict[str, Any]) -> None:
        interventions = files["interventies.yml"]
        problems = files["problemen.yml"]
        self.goals = {g["id"]: g for g in interventions["operationele_doelen"]}
        self.interventions = {i["id"]: i for i in interventions["interventies"]}
        self.causes = {c["id"]: c for c in problems["oorzaken"]}
        self.problems = {p["id"]: p for p in problems["problemen"]}
        self.organisations = {o["id"]: o for o in files["organisaties.yml"]["organisaties"]}
        self.measures = [value for key, value in files.items() if key.startswith("maatregelen/")]
        self.projects = files["projecten.yml"]["projecten"]


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _measure_page(record: dict[str, Any], plan: _Lookup) -> str:
    """A measure's page in plain Markdown, with the sections and texts of ours (records named, not linked)."""
    org = plan.organisations
    facts = [
        ("Actiehouder", f"{org[record['actiehouder']]['afkorting']} ({org[record['actiehouder']]['naam']})"),
        ("Partners", ", ".join(org[p]["afkorting"] for p in record.get("partners", [])) or "geen"),
        ("Status", record["status"]),
        ("Periode", f"{record['start']} tot {record['eind']}"),
        ("Programmalijn", record["programmalijn"]),
        ("Hoofddoelen", ", ".join(record["hoofddoelen"])),
        ("Uitbuitingsvormen", ", ".join(record["uitbuitingsvormen"])),
        ("Herkomst", "Dit is een voorbeeld."),
    ]
    lines = [f"# {record['id']}. {record['titel']}", "", record["samenvatting"], "", record["omschrijving"], ""]
    for term, value in facts:
        lines += [term, f":   {value}", ""]
    lines += ["## Operationele doelen", ""]
    lines += [f"- {g}. {plan.goals[g]['titel']}: {plan.goals[g]['indicator']}" for g in record["operationele_doelen"]]
    lines += [
        "",
        "## Acties",
        "",
        "| Actie | Actiehouder | Partners | Periode | Status |",
        "| --- | --- | --- | --- | --- |",
    ]
    for action in record["acties"]:
        partners = ", ".join(org[p]["afkorting"] for p in action.get("partners", [])) or "geen"
        lines.append(
            f"| {action['id']}. {action['titel']} {action.get('omschrijving', '')} | {org[action['actiehouder']]['afkorting']} | "
            f"{partners} | {action['start']} tot {action['eind']} | {action['status']} |"
        )
    lines += ["", "## Voortgang van de acties", "", "Deze acties staan nog in geen enkele voortgangsrapportage:", ""]
    lines += [f"- {a['id']}. {a['titel']} (begint in {a['start']})" for a in record["acties"]]
    lines += [
        "",
        "## Projecten",
        "",
        "Er is (nog) geen project uit het programmabudget dat deze maatregel betaalt.",
        "",
        "## Waarom deze maatregel?",
        "",
        "De maatregel hoort bij de beleidstheorie van het actieplan.",
        "",
    ]
    causes: list[str] = []
    for g in record["operationele_doelen"]:
        lines.append(f"- Operationeel doel {g}. {plan.goals[g]['titel']}")
        for i in plan.goals[g]["interventies"]:
            intervention = plan.interventions[i]
            causes += intervention["oorzaken"]
            lines.append(
                f"    - Interventie {i}. {intervention['titel']} (pakt {', '.join(intervention['oorzaken'])} aan)"
            )
    lines += ["", "De oorzaken die deze interventies aanpakken:", ""]
    problems: list[str] = []
    for c in _unique(causes):
        problems += plan.causes[c]["problemen"]
        lines.append(f"- Oorzaak {c}. {plan.causes[c]['titel']} (leidt tot {', '.join(plan.causes[c]['problemen'])})")
    lines += ["", "De problemen waar deze oorzaken toe leiden:", ""]
    lines += [f"- Probleem {p}. {plan.problems[p]['titel']}" for p in _unique(problems)]
    return "\n".join(lines) + "\n"


def _organisation_page(record: dict[str, Any], plan: _Lookup) -> str:
    """An organisation's page in plain Markdown, with the sections of ours."""
    short = record.get("afkorting") or record["naam"]
    leads = [m for m in plan.measures if m["actiehouder"] == record["id"]]
    partner = [m for m in plan.measures if record["id"] in m.get("partners", [])]
    actions = [(m, a) for m in plan.measures for a in m["acties"] if a["actiehouder"] == record["id"]]
    partner_actions = [(m, a) for m in plan.measures for a in m["acties"] if record["id"] in a.get("partners", [])]
    projects = [p for p in plan.projects if p["uitvoerder"] == record["id"]]
    lines = [f"# {record['naam']}", "", record["rol"], "", f"Soort organisatie: {record['type']}.", ""]
    for title, measures in (
        (f"Maatregelen die {short} trekt", leads),
        (f"Maatregelen waarbij {short} partner is", partner),
    ):
        lines += [f"## {title}", ""] + ([f"- {m['id']}. {m['titel']}" for m in measures] or ["Geen."]) + [""]
    for title, rows in ((f"Acties van {short}", actions), (f"Acties waarbij {short} partner is", partner_actions)):
        lines += [f"## {title}", "", "| Actie | Maatregel | Periode | Status |", "| --- | --- | --- | --- |"]
        lines += [
            f"| {a['id']}. {a['titel']} | {m['id']} | {a['start']} tot {a['eind']} | {a['status']} |" for m, a in rows
        ] + [""]
    lines += [f"## Projecten die {short} uitvoert", ""] + (
        [f"- {p['id']}. {p['titel']}" for p in projects] or ["Geen."]
    )
    return "\n".join(lines) + "\n"


def _prose_page(source: str) -> str:
    """A page with the headings of ``source`` and, in place of everything else, plain prose of the same length."""
    out: list[str] = []
    pending = 0
    in_code = False

    def flush() -> None:
        if pending:
            body = _PROSE * (pending // len(_PROSE) + 1)
            out.extend([body[:pending].strip(), ""])

    for line in source.splitlines():
        if line.startswith(("```", "~~~")):
            in_code = not in_code
        if not in_code and re.match(r"#{1,6} ", line):
            flush()
            pending = 0
            out.extend([re.sub(r"\{[:#].*\}$", "", line).strip(), ""])
        else:
            pending += len(line) + 1
    flush()
    return "\n".join(out) + "\n"


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
        files: the generated plan (macros.dev.generate.generate) the record pages are written from.
        record_pages: how many record pages; the first are measures, the rest organisations.
        our_config: our mkdocs.yml (inherited).
        our_docs: our docs/ folder (its pages give the number and length of the other pages).
    """
    docs = target / "docs"
    (target / "overrides").mkdir(parents=True, exist_ok=True)
    plan = _Lookup(files)
    count = 0
    for measure in plan.measures[:record_pages]:
        _write(docs / "maatregelen" / f"{measure['id'].lower()}.md", _measure_page(measure, plan))
        count += 1
    for organisation in list(plan.organisations.values())[: max(record_pages - count, 0)]:
        _write(docs / "organisaties" / f"{organisation['id'].lower()}.md", _organisation_page(organisation, plan))
    pages = count_docs_pages(our_docs)
    for page in pages:
        _write(docs / page, _prose_page((our_docs / page).read_text(encoding="utf-8")))
    return _write_config(target, our_config, _nav(pages), "".join(f"/{folder}/\n" for folder in RECORD_FOLDERS))


def _write_config(target: Path, our_config: Path, nav: list[Any], not_in_nav: str) -> Path:
    """The floor's mkdocs.yml: ours inherited, without what is ours (macros, hooks, CSS, scripts, extensions)."""
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
        "nav": nav,
        "not_in_nav": not_in_nav,
    }
    path = target / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
_TAG = re.compile(r"<[^>]+>")


def page_words(site: Path) -> dict[str, int]:
    """Every page of a built site (``maatregelen/m01/index.html``) with the number of words in its article."""
    found = {}
    for path in sorted(site.rglob("index.html")):
        relative = path.relative_to(site).as_posix()
        if relative.startswith(("pagefind/", "assets/")):
            continue
        article = _ARTICLE.search(path.read_text(encoding="utf-8"))
        found[relative] = len(_TAG.sub(" ", article.group(0)).split()) if article else 0
    return found


def _filler(words: int) -> str:
    """Plain paragraphs of ``words`` words."""
    vocabulary = _PROSE.split()
    text = [vocabulary[i % len(vocabulary)] for i in range(words)]
    return "\n\n".join(" ".join(text[i : i + 60]) for i in range(0, len(text), 60)) + "\n"


def write_minimal_floor(target: Path, words: dict[str, int], our_config: Path, our_docs: Path) -> Path:
    """The minimal floor: a bare Material site with a page for every page of ours, each of the same number of
    words of plain prose, the written pages in the navigation and every other page out of it.

    What it costs is what Material itself costs per page; ours against it says what our pages add.
    """
    docs = target / "docs"
    (target / "overrides").mkdir(parents=True, exist_ok=True)
    written = {p.as_posix() for p in count_docs_pages(our_docs)}
    in_nav = []
    for page, count in words.items():
        folder = page.removesuffix("index.html").rstrip("/")
        candidates = [f"{folder}/index.md", f"{folder}.md"] if folder else ["index.md"]
        source = next((c for c in candidates if c in written), None)
        title = f"# Pagina {folder or 'start'}\n\n"
        if source is not None:
            in_nav.append(Path(source))
            _write(docs / source, title + _filler(count))
        else:
            _write(docs / "buiten-menu" / f"{folder.replace('/', '-')}.md", title + _filler(count))
    return _write_config(target, our_config, _nav(sorted(in_nav)), "/buiten-menu/\n")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
