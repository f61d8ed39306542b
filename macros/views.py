"""Page views: each function prepares data for one template and renders it.

Views sort and group; templates only lay out. Every view takes the
:class:`~macros.render.Renderer` and the URL of the page it is rendered on,
and returns HTML (escaped by the template engine).
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from markupsafe import Markup

from .model import Plan
from .render import Renderer

__all__ = ["VIEWS", "BudgetYear"]


@dataclasses.dataclass(frozen=True)
class BudgetYear:
    year: int
    available: Decimal
    allocated: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.available - self.allocated


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


def anthology(r: Renderer, page_url: str) -> Markup:
    """Step 1: the bloemlezing, perspectives grouped by theme."""
    return r.render("bloemlezing.html.jinja", page_url, themes=r.plan.anthology)


def problems(r: Renderer, page_url: str) -> Markup:
    """Step 2: every problem with the causes that lead to it."""
    plan: Plan = r.plan
    rows = [(p, plan.causes_by_problem.get(p.id, ())) for p in plan.problems.values()]
    return r.render("problemen.html.jinja", page_url, rows=rows)


def interventions(r: Renderer, page_url: str) -> Markup:
    """Step 3: interventions with the causes they address and their operational goals."""
    plan: Plan = r.plan
    rows = [(i, [plan.causes[c] for c in i.causes], plan.goals_by_intervention.get(i.id, ())) for i in plan.interventions.values()]
    return r.render("interventies.html.jinja", page_url, rows=rows, goals=list(plan.goals.values()))


def measures(r: Renderer, page_url: str) -> Markup:
    """Step 4: every measure with its lead owner, status and actions."""
    plan: Plan = r.plan
    return r.render("maatregelen.html.jinja", page_url, measures=list(plan.measures.values()),
                    action_count=len(plan.actions))


def aims(r: Renderer, page_url: str) -> Markup:
    """The four main aims."""
    return r.render("begrippen.html.jinja", page_url, items=list(r.plan.aims.values()), caption="Hoofddoelen")


def exploitation_forms(r: Renderer, page_url: str) -> Markup:
    """The forms of exploitation, with the ones the plan gives priority first."""
    items = sorted(r.plan.exploitation_forms.values(), key=lambda f: not f.priority)
    return r.render("begrippen.html.jinja", page_url, items=items, caption="Uitbuitingsvormen")


def programme_lines(r: Renderer, page_url: str) -> Markup:
    """The programme lines, by number."""
    return r.render("begrippen.html.jinja", page_url, items=list(r.plan.programme_lines.values()), caption="Programmalijnen")


def budget(r: Renderer, page_url: str) -> Markup:
    """Budget lines, per year available/allocated/remaining, and totals per spending category."""
    plan: Plan = r.plan
    years = [BudgetYear(y, plan.available_in(y), plan.allocated_in(y)) for y in plan.budget_years]
    categories = [(c, plan.projects_by_category.get(c.id, ()),
                   sum((p.total_allocated for p in plan.projects_by_category.get(c.id, ())), Decimal(0)))
                  for c in plan.spending_categories.values()]
    return r.render("begroting.html.jinja", page_url, lines=list(plan.budget_lines.values()), years=years, categories=categories)


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


def performance(r: Renderer, page_url: str) -> Markup:
    """The page "Prestaties": the figures of `make bench`, smallest plan first, or a notice when there are none."""
    results = r.benchmark
    sizes = sorted(results.sizes, key=lambda s: s.measures) if results else []
    return r.render("prestaties.html.jinja", page_url, results=results, sizes=sizes)


#: Macro name (as written in Markdown) → view. The one list of page macros.
VIEWS = {
    "tijdlijn": timeline,
    "rondetafel": roundtable,
    "bloemlezing": anthology,
    "problemen": problems,
    "interventies": interventions,
    "maatregelen": measures,
    "hoofddoelen": aims,
    "uitbuitingsvormen": exploitation_forms,
    "programmalijnen": programme_lines,
    "begroting": budget,
    "organisaties": organisations,
    "illustratief_uitleg": illustrative_note,
    "prestaties": performance,
}
