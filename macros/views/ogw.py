"""Page views: each function prepares data for one template and renders it.

Views sort and group; templates only lay out. Every view takes the
:class:`~macros.render.Renderer` and the URL of the page it is rendered on,
and returns HTML (escaped by the template engine).
"""

from __future__ import annotations

import dataclasses

from markupsafe import Markup

from macros.history.diff import PlanDiff, diff_plans
from macros.model.records import Plan, Roundtable
from macros.site.render import Renderer

__all__ = [
    "aims",
    "anthology",
    "changes_since",
    "exploitation_forms",
    "illustrative_note",
    "interventions",
    "measures",
    "ogw_step",
    "ogw_steps",
    "organisations",
    "performance",
    "problems",
    "programme_lines",
    "roundtable",
    "timeline",
    "versions",
]


def timeline(r: Renderer, page_url: str) -> Markup:
    """The four roundtables in order, with date, OGW step and outcome."""
    return r.render("tijdlijn.html.jinja", page_url, roundtables=r.plan.roundtables)


def roundtable(r: Renderer, page_url: str, number: int) -> Markup:
    """A card with the facts of roundtable ``number``."""
    matches = [t for t in r.plan.roundtables if t.number == number]
    if not matches:
        known = ", ".join(str(t.number) for t in r.plan.roundtables)
        raise ValueError(f"rondetafel({number}): er is geen rondetafel {number}; wel: {known}")
    return r.render("rondetafel.html.jinja", page_url, table=matches[0])


@dataclasses.dataclass(frozen=True)
class Step:
    """One step of Opgave Gericht Werken: its page, its title and the question it answers."""

    number: int
    path: str
    title: str
    question: str


#: The four steps, in order: the structure of the OGW section (each step had one roundtable).
STEPS = (
    Step(1, "ogw/stap-1-opgave/", "Stap 1: de opgave", "Welke problemen en ambities zien de deelnemers?"),
    Step(
        2,
        "ogw/stap-2-probleemanalyse/",
        "Stap 2: problemen en oorzaken",
        "Wat zijn de problemen, en waar komen ze vandaan?",
    ),
    Step(
        3,
        "ogw/stap-3-interventies/",
        "Stap 3: interventies en doelen",
        "Wat kunnen we doen, en wat willen we bereiken?",
    ),
    Step(
        4,
        "ogw/stap-4-maatregelen/",
        "Stap 4: maatregelen en acties",
        "Wat gaan we doen, en wie is ervoor verantwoordelijk?",
    ),
)


def _roundtables_by_step(plan: Plan) -> dict[int, Roundtable]:
    return {t.ogw_step: t for t in plan.roundtables}


def ogw_step(r: Renderer, page_url: str, nummer: int) -> Markup:
    """At the top of a step page: "Stap 2 van 4", all steps with this one marked, previous and next."""
    if not 1 <= nummer <= len(STEPS):
        raise ValueError(f"ogw_stap({nummer}): er zijn stappen 1 tot en met {len(STEPS)}")
    step = STEPS[nummer - 1]
    previous = STEPS[nummer - 2] if nummer > 1 else None
    following = STEPS[nummer] if nummer < len(STEPS) else None
    return r.render("ogw_stap.html.jinja", page_url, steps=STEPS, step=step, previous=previous, following=following)


def ogw_steps(r: Renderer, page_url: str) -> Markup:
    """On the OGW overview: all four steps in order, each with its question and its roundtable."""
    return r.render("ogw_stappen.html.jinja", page_url, steps=STEPS, roundtables=_roundtables_by_step(r.plan))


def anthology(r: Renderer, page_url: str) -> Markup:
    """Step 1: the bloemlezing, perspectives grouped by theme."""
    return r.render("bloemlezing.html.jinja", page_url, themes=r.plan.anthology)


def problems(r: Renderer, page_url: str) -> Markup:
    """Step 2: every problem with the causes that lead to it."""
    plan: Plan = r.plan
    rows = [(p, plan.causes_by_problem.get(p.id, ())) for p in plan.problems.values()]
    # A cause can lead to several problems; its anchor goes on its first mention only (ids are unique).
    anchored: dict[str, str] = {}
    for p, causes in rows:
        for c in causes:
            anchored.setdefault(c.id, p.id)
    return r.render("problemen.html.jinja", page_url, rows=rows, anchored=anchored)


def interventions(r: Renderer, page_url: str) -> Markup:
    """Step 3: interventions with the causes they address and their operational goals."""
    plan: Plan = r.plan
    rows = [
        (i, [plan.causes[c] for c in i.causes], plan.goals_by_intervention.get(i.id, ()))
        for i in plan.interventions.values()
    ]
    return r.render("interventies.html.jinja", page_url, rows=rows, goals=list(plan.goals.values()))


def measures(r: Renderer, page_url: str) -> Markup:
    """Step 4: every measure with its lead owner, status and actions."""
    plan: Plan = r.plan
    return r.render(
        "maatregelen.html.jinja", page_url, measures=list(plan.measures.values()), action_count=len(plan.actions)
    )


def aims(r: Renderer, page_url: str) -> Markup:
    """The four main aims."""
    return r.render("begrippen.html.jinja", page_url, items=list(r.plan.aims.values()), caption="Hoofddoelen")


def exploitation_forms(r: Renderer, page_url: str) -> Markup:
    """The forms of exploitation, with the ones the plan gives priority first."""
    items = sorted(r.plan.exploitation_forms.values(), key=lambda f: not f.priority)
    return r.render("begrippen.html.jinja", page_url, items=items, caption="Uitbuitingsvormen")


def programme_lines(r: Renderer, page_url: str) -> Markup:
    """The programme lines, by number."""
    return r.render(
        "begrippen.html.jinja", page_url, items=list(r.plan.programme_lines.values()), caption="Programmalijnen"
    )


def organisations(r: Renderer, page_url: str) -> Markup:
    """All organisations, by name, with how many measures and actions they lead."""
    plan: Plan = r.plan
    leads = {o: sum(1 for m in plan.measures.values() if m.owner == o) for o in plan.organisations}
    actions = {o: sum(1 for a in plan.actions.values() if a.owner == o) for o in plan.organisations}
    rows = sorted(plan.organisations.values(), key=lambda o: o.name.lower())
    return r.render("organisaties.html.jinja", page_url, rows=rows, leads=leads, actions=actions)


def illustrative_note(r: Renderer, page_url: str) -> Markup:
    """A short explanation of the label 'illustratief'."""
    plan: Plan = r.plan
    count = sum(1 for m in plan.measures.values() if m.provenance.illustrative)
    return r.render("illustratief_uitleg.html.jinja", page_url, illustrative_measures=count)


def _changes(r: Renderer) -> dict[str, PlanDiff]:
    """What changed since each released version: its snapshot against the plan of this build."""
    current = r.version.title if r.version is not None else "deze versie"
    return {
        vid: diff_plans(snapshot, r.plan, r.plan.versions[vid].title, current) for vid, snapshot in r.snapshots.items()
    }


def versions(r: Renderer, page_url: str) -> Markup:
    """The changelog: every version, newest first, with a summary of what changed since it where a snapshot exists."""
    plan: Plan = r.plan
    changes = _changes(r)
    rows = [
        (v, r.version is not None and v.id == r.version.id, changes.get(v.id)) for v in reversed(plan.versions.values())
    ]
    return r.render("versies.html.jinja", page_url, rows=rows)


def changes_since(r: Renderer, page_url: str) -> Markup:
    """Per released version: every measure, action, project and organisation added, removed or changed since, and the budget."""
    plan: Plan = r.plan
    changes = _changes(r)
    sections = [(plan.versions[vid], diff) for vid, diff in reversed(changes.items())]
    return r.render("wijzigingen.html.jinja", page_url, sections=sections)


def performance(r: Renderer, page_url: str) -> Markup:
    """The page "Prestaties": the figures of `make bench`, smallest plan first, or a notice when there are none."""
    results = r.benchmark
    sizes = sorted(results.sizes, key=lambda s: s.measures) if results else []
    return r.render("prestaties.html.jinja", page_url, results=results, sizes=sizes)
