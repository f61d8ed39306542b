"""The policy chain (beleidstheorie): problem → cause → intervention → goal → measure.

Each link of the chain lives on its own page: problems and causes on step 2,
interventions and goals on step 3, measures on their own pages. This module
knows where each record is shown (:func:`href`) and builds the chain as
trees of :class:`ChainNode` for the templates: downwards from the problems
(the overview on the OGW chapter) and upwards from one measure (on its page).
"""

from __future__ import annotations

import dataclasses

from macros.model.kinds import KINDS
from macros.model.records import Measure, Plan

__all__ = ["KIND_LABELS", "ChainNode", "chain_down", "chain_up", "href"]

STEP_2 = "ogw/stap-2-probleemanalyse/"
STEP_3 = "ogw/stap-3-interventies/"

#: Where each kind of record is shown: the page and the prefix of its anchor
#: (the templates of step 2 and 3 give each record the id ``<prefix>-<id>``).
_PLACES = {
    "probleem": (STEP_2, "probleem"),
    "oorzaak": (STEP_2, "oorzaak"),
    "interventie": (STEP_3, "interventie"),
    "doel": (STEP_3, "doel"),
}

#: The chain's name for each kind in it ("doel" is an operational goal) → the kind in the registry.
_CHAIN_KINDS = {
    "probleem": "probleem",
    "oorzaak": "oorzaak",
    "interventie": "interventie",
    "doel": "operationeel doel",
    "maatregel": "maatregel",
    "actie": "actie",
}
#: The label of each kind in the chain, from the registry of kinds.
KIND_LABELS = {name: KINDS[kind].label for name, kind in _CHAIN_KINDS.items()}


def href(kind: str, record_id: str) -> str:
    """The site path where the record ``record_id`` of ``kind`` is shown on its step chapter, with its anchor.

    Measures have pages of their own: use ``Measure.page_path`` for them.
    """
    page, prefix = _PLACES[kind]
    return f"{page}#{prefix}-{record_id.lower()}"


@dataclasses.dataclass(frozen=True)
class ChainNode:
    """One record in the chain, with the records one step further along."""

    kind: str
    id: str
    title: str
    href: str
    children: tuple[ChainNode, ...] = ()
    #: Ids of the records one step further along, named but not repeated as nodes
    #: (a measure's page names the causes of each intervention and lists each cause once).
    leads_to: tuple[str, ...] = ()

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def leads_to_text(self) -> str:
        """``leads_to`` in words: "pakt O1, O3 aan" for an intervention, "leidt tot P2" for a cause."""
        return _LEADS_TO[self.kind].format(", ".join(self.leads_to)) if self.leads_to else ""


_LEADS_TO = {"interventie": "pakt {} aan", "oorzaak": "leidt tot {}"}


def _node(kind: str, record_id: str, title: str, children: tuple[ChainNode, ...] = ()) -> ChainNode:
    return ChainNode(kind, record_id, title, href(kind, record_id), children)


def _measure(measure: Measure) -> ChainNode:
    return ChainNode("maatregel", measure.id, measure.title, measure.page_path)


def chain_up(
    plan: Plan, measure: Measure
) -> tuple[tuple[ChainNode, ...], tuple[ChainNode, ...], tuple[ChainNode, ...]]:
    """Why this measure exists: its goals with their interventions, the causes those tackle, the problems those lead to.

    Each intervention names its causes and each cause its problems
    (``leads_to``); every cause and problem comes once. As one tree, with
    the causes and problems repeated under every path, the chain was a
    third of a measure's page.

    Returns:
        The goals (each with its interventions as children), the causes, the problems.
    """
    goals = tuple(
        _node(
            "doel",
            goal.id,
            goal.title,
            tuple(
                ChainNode(
                    "interventie",
                    intervention.id,
                    intervention.title,
                    href("interventie", intervention.id),
                    leads_to=intervention.causes,
                )
                for intervention in (plan.interventions[i] for i in goal.interventions)
            ),
        )
        for goal in (plan.goals[g] for g in measure.goals)
    )
    causes = tuple(
        ChainNode("oorzaak", c, plan.causes[c].title, href("oorzaak", c), leads_to=plan.causes[c].problems)
        for c in _named(goals)
    )
    problems = tuple(_node("probleem", p, plan.problems[p].title) for p in _named(causes))
    return goals, causes, problems


def _named(nodes: tuple[ChainNode, ...]) -> list[str]:
    """The ids the nodes (and their children) lead to, each once, in the order they are first named."""
    seen: dict[str, None] = {}
    for node in nodes:
        seen.update(dict.fromkeys(node.leads_to))
        seen.update(dict.fromkeys(_named(node.children)))
    return list(seen)


def chain_down(plan: Plan) -> tuple[ChainNode, ...]:
    """The whole chain from each problem down to the measures."""
    return tuple(
        _node(
            "probleem",
            problem.id,
            problem.title,
            tuple(
                _node(
                    "oorzaak",
                    cause.id,
                    cause.title,
                    tuple(
                        _node(
                            "interventie",
                            intervention.id,
                            intervention.title,
                            tuple(
                                _node(
                                    "doel",
                                    goal.id,
                                    goal.title,
                                    tuple(_measure(measure) for measure in plan.measures_by_goal.get(goal.id, ())),
                                )
                                for goal in plan.goals_by_intervention.get(intervention.id, ())
                            ),
                        )
                        for intervention in plan.interventions_by_cause.get(cause.id, ())
                    ),
                )
                for cause in plan.causes_by_problem.get(problem.id, ())
            ),
        )
        for problem in plan.problems.values()
    )
