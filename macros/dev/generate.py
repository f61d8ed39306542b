"""Generate a complete, valid, deterministic plan of any size (for benchmarks and tests).

``actieplan genereer --maatregelen N DIR`` writes a data folder with the files,
modelines and layout of ``data/`` (without progress reports in ``voortgang/``
and without snapshots): every reference resolves, every
operational goal is served, project money stays within the budget lines,
and every record is marked ``illustratief: true``. The same size and seed
always give byte-identical files: there is no clock, and each kind draws
from its own ``random.Random`` seeded with the seed and the kind's name, so
adding a kind leaves the files of the other kinds unchanged.

Adding a data kind is one function: write ``def _my_kind(draft) -> Files``
and add it to ``KINDS``. A kind that refers to records of another kind uses
the ids on :class:`Draft`, which are fixed by the size alone.
"""

from __future__ import annotations

import dataclasses
import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from macros.data.catalog import FILE_KINDS, MEASURE_DIR, MEASURE_SCHEMA
from macros.data.schema import SCHEMA_DIR
from macros.model.kinds import KINDS as RECORD_KINDS
from macros.outputs.yamltext import to_yaml

__all__ = ["KINDS", "Draft", "Size", "generate", "to_yaml", "write_plan"]

#: Relative file path → the value written to it.
Files = dict[str, Any]

#: The year the generated plan "stands in": actions before it are done, after it planned.
REFERENCE_YEAR = 2025
PLAN_YEARS = range(2023, 2028)
STATUSES = ("gepland", "lopend", "vertraagd", "afgerond", "gestopt")

AIMS = {
    "preventie": "Preventie",
    "zicht-op-slachtoffers": "Zicht op slachtoffers",
    "zorg-voor-slachtoffers": "Zorg voor slachtoffers",
    "opsporing-en-vervolging": "Opsporing en vervolging",
}
EXPLOITATION_FORMS = {
    "seksuele-uitbuiting": ("Seksuele uitbuiting", True),
    "arbeidsuitbuiting": ("Arbeidsuitbuiting", True),
    "criminele-uitbuiting": ("Criminele uitbuiting", True),
    "gedwongen-orgaanverwijdering": ("Gedwongen orgaanverwijdering", False),
}
SPENDING_CATEGORIES = {
    "lopend-afronden": "Lopende projecten afronden",
    "vervolg": "Vervolg op afgeronde projecten",
    "op-de-plank": "Plannen die op de plank bleven liggen",
    "nieuw-initiatief": "Nieuwe initiatieven",
}
#: (id, name, amount per year, first year, last year or None)
BUDGET_LINES = (
    ("BL-BASIS", "Structureel budget (voorbeeld)", 2_000_000, 2023, None),
    ("BL-EXTRA", "Tijdelijk extra budget (voorbeeld)", 500_000, 2024, 2027),
)
ORGANISATION_TYPES = (
    "ministerie",
    "uitvoeringsorganisatie",
    "opsporing",
    "ngo",
    "gemeente",
    "kennisinstituut",
    "onafhankelijk",
    "samenwerkingsverband",
)

# Word lists for plain Dutch sample text.
_VERBS = (
    "Versterken van",
    "Uitbreiden van",
    "Verbeteren van",
    "Opzetten van",
    "Onderzoeken van",
    "Bekendmaken van",
    "Vernieuwen van",
    "Invoeren van",
    "Ondersteunen van",
    "Evalueren van",
)
_SUBJECTS = (
    "de samenwerking",
    "de voorlichting",
    "de opvang",
    "de signalering",
    "de opsporing",
    "het meldpunt",
    "de scholing",
    "de zorgcoördinatie",
    "de informatie-uitwisseling",
    "de begeleiding",
    "de controle",
    "het netwerk",
    "de kennisbank",
    "de aanpak",
)
_GROUPS = (
    "voor jongeren",
    "in de regio",
    "voor arbeidsmigranten",
    "met gemeenten",
    "in de zorg",
    "bij de politie",
    "op scholen",
    "voor slachtoffers",
    "met werkgevers",
    "over de grens",
    "in de horeca",
    "in de landbouw",
    "voor professionals",
    "online",
)
_SENTENCES = (
    "Professionals herkennen signalen eerder en weten wat ze moeten doen.",
    "Slachtoffers krijgen sneller de juiste hulp en opvang.",
    "Organisaties delen hun kennis en werken beter samen.",
    "Gemeenten krijgen hulp bij hun eigen aanpak.",
    "Daders worden vaker opgespoord en vervolgd.",
    "Er komt een duidelijk overzicht van wie wat doet.",
    "De resultaten worden elk jaar gemeten en gedeeld.",
    "Ervaringsdeskundigen denken mee over de uitvoering.",
    "Werkgevers en uitzendbureaus weten waar ze op moeten letten.",
    "De informatie is te lezen in eenvoudige taal en in meer talen.",
    "Het werk sluit aan bij wat er al in de regio gebeurt.",
    "Na afloop volgt een evaluatie met alle partners.",
)
_PLACES = (
    "Noord",
    "Zuid",
    "Oost",
    "West",
    "Midden",
    "Kust",
    "Rivierenland",
    "Heuvelland",
    "Veenkoloniën",
    "Randstad",
    "Delta",
    "Grensstreek",
)
_VIEWPOINTS = (
    "ervaringsdeskundige",
    "zorg en opvang",
    "opsporing en vervolging",
    "gemeente",
    "rijksoverheid",
    "kennis en onderzoek",
    "maatschappelijke organisatie",
    "bedrijfsleven",
)


@dataclasses.dataclass(frozen=True)
class Size:
    """How many measures, projects and organisations to generate."""

    measures: int
    projects: int
    organisations: int

    @classmethod
    def proportional(cls, measures: int, projects: int | None = None, organisations: int | None = None) -> Size:
        """A size with projects and organisations in proportion to the measures (as the benchmark uses)."""
        return cls(
            measures,
            projects if projects is not None else max(2, measures // 10),
            organisations if organisations is not None else max(8, measures // 10),
        )

    def problems(self) -> list[str]:
        """Why the size cannot be generated, in Dutch (empty when it can)."""
        out = []
        for name, value in (
            ("maatregelen", self.measures),
            ("projecten", self.projects),
            ("organisaties", self.organisations),
        ):
            if value < 1:
                out.append(f"--{name} moet minstens 1 zijn")
        for name, value, kind in (
            ("maatregelen", self.measures, "maatregel"),
            ("projecten", self.projects, "project"),
            ("organisaties", self.organisations, "organisatie"),
        ):
            # A plan above the limit of its kind (rule "omvang") would not validate.
            limit = RECORD_KINDS[kind].max_records
            if value > limit:
                out.append(f"--{name} mag hooguit {limit} zijn: een groter plan is niet geldig")
        return out


def _ids(prefix: str, count: int, width: int = 2) -> list[str]:
    width = max(width, len(str(count)))
    return [f"{prefix}{number:0{width}d}" for number in range(1, count + 1)]


class Draft:
    """The size, the seed and every id, fixed before any record is written.

    Ids depend on the size only, so each kind can refer to the others
    without waiting for them, and each kind has its own random stream.
    """

    def __init__(self, size: Size, seed: int) -> None:
        self.size = size
        self.seed = seed
        n = size.measures
        self.organisations = _ids("ORG", size.organisations, 3)
        self.measures = _ids("M", n)
        self.projects = _ids("PR", size.projects)
        self.problems = [f"P{i}" for i in range(1, max(4, n // 200) + 1)]
        self.causes = [f"O{i}" for i in range(1, 2 * len(self.problems) + 1)]
        self.interventions = [f"I{i}" for i in range(1, max(5, n // 100) + 1)]
        self.goals = [f"OD{i}" for i in range(1, max(1, min(n, max(6, n // 50))) + 1)]
        self.programme_lines = [f"PL{i}" for i in range(1, 6)]
        self.themes = [f"thema-{i}" for i in range(1, max(2, n // 200) + 1)]

    def rng(self, kind: str) -> random.Random:
        """The random stream of one kind (a string seed is hashed with SHA-512, the same on every run)."""
        return random.Random(f"{self.seed}:{kind}")


def _sentences(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.sample(_SENTENCES, rng.randint(low, high)))


def _title(rng: random.Random) -> str:
    return f"{rng.choice(_VERBS)} {rng.choice(_SUBJECTS)} {rng.choice(_GROUPS)}"


def _sample(rng: random.Random, items: list[str] | tuple[str, ...], low: int, high: int) -> list[str]:
    """A few distinct items, in the order of ``items`` (as a person would list them)."""
    chosen = set(rng.sample(list(items), min(len(items), rng.randint(low, high))))
    return [item for item in items if item in chosen]


def _named(ids_names: dict[str, str], what: str) -> list[dict[str, Any]]:
    return [
        {"id": key, "naam": name, "omschrijving": f"{name}: {what} (voorbeeld).", "illustratief": True}
        for key, name in ids_names.items()
    ]


def _programme(draft: Draft) -> Files:
    return {
        "programma.yml": {
            "programma": {
                "naam": "Samen tegen mensenhandel",
                "volledige_naam": "Actieplan programma Samen tegen mensenhandel (gegenereerde voorbeeldgegevens)",
                "ministerie": "Ministerie van Justitie en Veiligheid",
                "omschrijving": f"Gegenereerde voorbeeldgegevens met {draft.size.measures} maatregelen, om te testen en te meten.",
                "github_team": "@voorbeeld/programmateam",
                "illustratief": True,
            },
            "hoofddoelen": _named(AIMS, "een hoofddoel van het programma"),
            "uitbuitingsvormen": [
                {
                    "id": key,
                    "naam": name,
                    "omschrijving": f"{name} (voorbeeld).",
                    "prioriteit": priority,
                    "illustratief": True,
                }
                for key, (name, priority) in EXPLOITATION_FORMS.items()
            ],
            "programmalijnen": [
                {
                    "id": line,
                    "nummer": number,
                    "naam": f"Programmalijn {number} (voorbeeld)",
                    "omschrijving": f"De {number}e lijn van het programma (voorbeeld).",
                    "illustratief": True,
                }
                for number, line in enumerate(draft.programme_lines, start=1)
            ],
            "bestedingscategorieen": _named(SPENDING_CATEGORIES, "een manier om het geld te besteden"),
            "begrotingslijnen": [
                {
                    "id": key,
                    "naam": name,
                    "bedrag_per_jaar": amount,
                    "van": f"{first}-01-01",
                    **({"tot": f"{last}-12-31"} if last else {}),
                    "structureel": last is None,
                    "illustratief": True,
                }
                for key, name, amount, first, last in BUDGET_LINES
            ],
        }
    }


def _organisations(draft: Draft) -> Files:
    rng = draft.rng("organisaties")
    records = []
    for number, org_id in enumerate(draft.organisations, start=1):
        kind = rng.choice(ORGANISATION_TYPES)
        records.append(
            {
                "id": org_id,
                "naam": f"Voorbeeldorganisatie {rng.choice(_PLACES)} {number}",
                "afkorting": f"VO{number}",
                "type": kind,
                "rol": f"Werkt mee aan de aanpak als {kind} (voorbeeld).",
                "github_team": "",
                "illustratief": True,
            }
        )
    return {"organisaties.yml": {"organisaties": records}}


def _roundtables(draft: Draft) -> Files:
    dates = ("2022-10-05", "2022-12-08", "2023-02-16", "2023-04")
    return {
        "rondetafels.yml": {
            "rondetafels": [
                {
                    "nummer": step,
                    "datum": date,
                    "ogw_stap": step,
                    "thema": f"Stap {step} van Opgave Gericht Werken (voorbeeld)",
                    "deelnemers": 80,
                    "organisaties": 50,
                    "ervaringsdeskundigen": True,
                    "opbrengst": "Een verslag (voorbeeld).",
                    "illustratief": True,
                }
                for step, date in enumerate(dates, start=1)
            ]
        }
    }


def _anthology(draft: Draft) -> Files:
    rng = draft.rng("bloemlezing")
    themes, number = [], 0
    for theme in draft.themes:
        perspectives = []
        for kind in ("probleem", "ambitie", *rng.sample(("probleem", "ambitie"), rng.randint(0, 2))):
            number += 1
            perspectives.append(
                {
                    "id": f"PS{number}",
                    "soort": kind,
                    "vanuit": rng.choice(_VIEWPOINTS),
                    "tekst": _sentences(rng, 1, 2),
                    "illustratief": True,
                }
            )
        themes.append(
            {
                "id": theme,
                "titel": f"Thema {theme.rsplit('-', 1)[1]} (voorbeeld)",
                "inleiding": _sentences(rng, 1, 1),
                "illustratief": True,
                "perspectieven": perspectives,
            }
        )
    return {"bloemlezing.yml": {"themas": themes}}


def _problems(draft: Draft) -> Files:
    rng = draft.rng("problemen")
    problems = [
        {
            "id": p,
            "titel": f"Probleem {p[1:]}: {rng.choice(_SUBJECTS)} schiet tekort {rng.choice(_GROUPS)}",
            "omschrijving": _sentences(rng, 1, 2),
            "uitbuitingsvormen": _sample(rng, tuple(EXPLOITATION_FORMS), 0, 2),
            "illustratief": True,
        }
        for p in draft.problems
    ]
    # Each problem has at least one cause: cause i starts at problem i (round robin).
    causes = [
        {
            "id": c,
            "titel": f"Oorzaak {c[1:]}: te weinig {rng.choice(_SUBJECTS).split(' ', 1)[1]}",
            "omschrijving": _sentences(rng, 1, 2),
            "problemen": sorted(
                {draft.problems[i % len(draft.problems)], rng.choice(draft.problems)}, key=lambda x: int(x[1:])
            ),
            "illustratief": True,
        }
        for i, c in enumerate(draft.causes)
    ]
    return {"problemen.yml": {"problemen": problems, "oorzaken": causes}}


def _interventions(draft: Draft) -> Files:
    rng = draft.rng("interventies")
    interventions = [
        {
            "id": i,
            "titel": _title(rng),
            "omschrijving": _sentences(rng, 1, 2),
            "oorzaken": sorted(
                {draft.causes[n % len(draft.causes)], rng.choice(draft.causes)}, key=lambda x: int(x[1:])
            ),
            "programmalijn": rng.choice(draft.programme_lines),
            "illustratief": True,
        }
        for n, i in enumerate(draft.interventions)
    ]
    goals = []
    for n, goal in enumerate(draft.goals):
        baseline = rng.randint(0, 200)
        goals.append(
            {
                "id": goal,
                "titel": f"Doel {goal[2:]}: meer resultaat {rng.choice(_GROUPS)}",
                "interventies": sorted(
                    {draft.interventions[n % len(draft.interventions)], rng.choice(draft.interventions)},
                    key=lambda x: int(x[1:]),
                ),
                "indicator": f"Aantal keer per jaar dat {rng.choice(_SUBJECTS)} resultaat oplevert",
                "eenheid": "keer",
                "nulmeting": baseline,
                "nulmeting_jaar": 2023,
                "streefwaarde": baseline + rng.randint(10, 300),
                "streefjaar": rng.choice((2026, 2027)),
                "illustratief": True,
            }
        )
    return {"interventies.yml": {"interventies": interventions, "operationele_doelen": goals}}


def _period(rng: random.Random, first: int = 2023, last: int = 2027) -> tuple[tuple[int, int], tuple[int, int]]:
    start = (rng.randint(first, last), rng.randint(1, 12))
    months = rng.randint(3, 36)
    end_index = start[0] * 12 + start[1] - 1 + months
    end = (min(end_index // 12, 2030), end_index % 12 + 1)
    return start, end


def _status(rng: random.Random, start: tuple[int, int], end: tuple[int, int]) -> str:
    if end[0] < REFERENCE_YEAR:
        return rng.choice(("afgerond", "afgerond", "afgerond", "gestopt"))
    if start[0] > REFERENCE_YEAR:
        return "gepland"
    return rng.choice(("lopend", "lopend", "vertraagd"))


def _month(value: tuple[int, int]) -> str:
    return f"{value[0]:04d}-{value[1]:02d}"


def _people(rng: random.Random, organisations: list[str]) -> tuple[str, list[str]]:
    owner = rng.choice(organisations)
    others = [o for o in organisations if o != owner]
    partners = sorted(rng.sample(others, min(len(others), rng.randint(0, 3))))
    return owner, partners


def _measures(draft: Draft) -> Files:
    rng = draft.rng("maatregelen")
    files: Files = {}
    for n, measure_id in enumerate(draft.measures):
        owner, partners = _people(rng, draft.organisations)
        start, end = _period(rng)
        # Goal n (round robin) first, so every operational goal is served.
        goals = sorted(
            {draft.goals[n % len(draft.goals)], *rng.sample(draft.goals, min(len(draft.goals), rng.randint(0, 1)))},
            key=lambda x: int(x[2:]),
        )
        actions = []
        for number in range(1, rng.randint(1, 5) + 1):
            action_owner, action_partners = _people(rng, draft.organisations)
            a_start, a_end = _period(rng, start[0], min(end[0], 2027))
            action: dict[str, Any] = {"id": f"{measure_id}-A{number}", "titel": _title(rng)}
            if rng.random() < 0.6:
                action["omschrijving"] = _sentences(rng, 1, 2)
            action["actiehouder"] = action_owner
            if action_partners:
                action["partners"] = action_partners
            action.update(
                {
                    "start": _month(a_start),
                    "eind": _month(a_end),
                    "status": _status(rng, a_start, a_end),
                    "illustratief": True,
                }
            )
            actions.append(action)
        record: dict[str, Any] = {
            "id": measure_id,
            "titel": _title(rng),
            "samenvatting": rng.choice(_SENTENCES),
            "omschrijving": _sentences(rng, 2, 4),
            "programmalijn": rng.choice(draft.programme_lines),
            "hoofddoelen": _sample(rng, tuple(AIMS), 1, 2),
            "uitbuitingsvormen": _sample(rng, tuple(EXPLOITATION_FORMS), 1, 3),
            "operationele_doelen": goals,
            "actiehouder": owner,
        }
        if partners:
            record["partners"] = partners
        record.update(
            {
                "status": _status(rng, start, end),
                "start": _month(start),
                "eind": _month(end),
                "illustratief": True,
                "acties": actions,
            }
        )
        files[f"{MEASURE_DIR}/{measure_id}.yml"] = record
    return files


def _projects(draft: Draft) -> Files:
    rng = draft.rng("projecten")
    years_of: dict[str, list[int]] = {}
    for project in draft.projects:
        first = rng.choice(PLAN_YEARS)
        years_of[project] = [y for y in range(first, first + rng.randint(1, 3)) if y in PLAN_YEARS]
    # Per year, share 90 % of what the budget lines give among the projects of that year,
    # rounded down to whole hundreds: the total never exceeds the budget.
    amounts: dict[tuple[str, int], int] = {}
    for year in PLAN_YEARS:
        available = sum(
            amount for _, _, amount, first, last in BUDGET_LINES if first <= year and (last is None or last >= year)
        )
        active = [p for p in draft.projects if year in years_of[p]]
        weights = [rng.randint(1, 10) for _ in active]
        for project, weight in zip(active, weights, strict=True):
            amounts[(project, year)] = available * 9 // 10 * weight // sum(weights) // 100 * 100
    records = []
    for project in draft.projects:
        budget = []
        for year in years_of[project]:
            row: dict[str, Any] = {"jaar": year, "toegekend": amounts[(project, year)]}
            if year <= REFERENCE_YEAR:
                row["verplicht"] = row["toegekend"] * rng.randint(80, 100) // 100
                if year < REFERENCE_YEAR:
                    row["besteed"] = row["verplicht"] * rng.randint(70, 100) // 100
            budget.append(row)
        records.append(
            {
                "id": project,
                "titel": f"Project: {_title(rng).lower()}",
                "omschrijving": _sentences(rng, 1, 2),
                "categorie": rng.choice(tuple(SPENDING_CATEGORIES)),
                "uitvoerder": rng.choice(draft.organisations),
                "uitbuitingsvormen": _sample(rng, tuple(EXPLOITATION_FORMS), 1, 2),
                "hoofddoelen": _sample(rng, tuple(AIMS), 1, 2),
                "maatregelen": sorted(
                    rng.sample(draft.measures, min(len(draft.measures), rng.randint(1, 3))), key=lambda x: int(x[1:])
                ),
                "budget": budget,
                "illustratief": True,
            }
        )
    return {"projecten.yml": {"projecten": records}}


def _versions(draft: Draft) -> Files:
    return {
        "versies.yml": {
            "werkversie": "werkversie",
            "versies": [
                {
                    "id": "werkversie",
                    "titel": "Werkversie (gegenereerd)",
                    "status": "concept",
                    "samenvatting": "Gegenereerde voorbeeldgegevens; geen echte versie van het plan.",
                    "illustratief": True,
                }
            ],
        }
    }


def _consultation(draft: Draft) -> Files:
    """One round with a reaction per tenth measure, each on a measure of the plan."""
    rng = draft.rng("consultatie")
    reactions = [
        {
            "id": f"RE{number:04d}",
            "ronde": "ronde-1",
            "ontvangen": "2023-07-03",
            "kanaal": "e-mail",
            "van": rng.choice(draft.organisations),
            "over": measure,
            "samenvatting": _sentences(rng, 1, 1),
            "besluit": "al verwerkt",
            "toelichting": _sentences(rng, 1, 1),
            "illustratief": True,
        }
        for number, measure in enumerate(draft.measures[::10], start=1)
    ]
    return {
        "consultatie.yml": {
            "rondes": [
                {
                    "id": "ronde-1",
                    "titel": "Consultatie (voorbeeld)",
                    "planversie": "werkversie",
                    "opent": "2023-06-26T09:00",
                    "sluit": "2023-08-04T17:00",
                    "vragen": [{"id": "V1", "tekst": "Mist u een maatregel?"}],
                    "kanalen": [{"soort": "e-mail", "adres": "actieplan-mensenhandel@example.org"}],
                    "publicatiebeleid": "Voorbeeld: we publiceren de naam van de organisatie.",
                    "illustratief": True,
                }
            ],
            "reacties": reactions,
        }
    }


#: The kinds, in the order they are written. One function per kind.
KINDS: dict[str, Callable[[Draft], Files]] = {
    "programma": _programme,
    "organisaties": _organisations,
    "rondetafels": _roundtables,
    "bloemlezing": _anthology,
    "problemen": _problems,
    "interventies": _interventions,
    "maatregelen": _measures,
    "projecten": _projects,
    "versies": _versions,
    "consultatie": _consultation,
}


def generate(size: Size, seed: int) -> Files:
    """Every generated file (relative path → value), in a fixed order."""
    draft = Draft(size, seed)
    files: Files = {}
    for kind in KINDS.values():
        files.update(kind(draft))
    return files


def _schema_ref(relative: str) -> str:
    if relative.startswith(f"{MEASURE_DIR}/"):
        return f"../schema/{MEASURE_SCHEMA}"
    return f"schema/{FILE_KINDS[relative]}"


def write_plan(target: Path, size: Size, seed: int) -> Files:
    """Write the generated plan into ``target`` (which must be empty or new), with a copy of the schemas.

    Returns:
        The generated files (relative path → value).

    Raises:
        FileExistsError: when ``target`` holds files already.
    """
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise FileExistsError(target)
    files = generate(size, seed)
    (target / MEASURE_DIR).mkdir(parents=True, exist_ok=True)
    (target / "schema").mkdir(exist_ok=True)
    for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
        shutil.copyfile(schema, target / "schema" / schema.name)
    for relative, value in files.items():
        spaced = not relative.startswith(f"{MEASURE_DIR}/")
        (target / relative).write_text(to_yaml(value, _schema_ref(relative), spaced), encoding="utf-8")
    return files
