"""Rules beyond the schema, across files: the registry ``RULES``, in the order they run.

Each rule is a generator over the :class:`~macros.data.catalog.Catalog` that
yields findings; its docstring says what passes and what fails. The page
"Veelgemaakte fouten" shows their messages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from macros.data.catalog import Catalog
from macros.data.findings import Finding
from macros.rules.consultation import CONSULTATION_RULES
from macros.rules.lifecycle import end_states, published_kept
from macros.rules.progress import (
    progress_complete,
    progress_confidence,
    progress_evidence,
    progress_explanations,
    progress_file_names,
    progress_obstacles,
    progress_order,
    progress_reversals,
)
from macros.rules.records import (
    budget_per_year,
    dates,
    goals_served,
    measure_file_names,
    money,
    provenance,
    references,
    roles,
    sizes,
    unique_ids,
    versions,
)

__all__ = ["RULES", "Rule", "run_rules"]

Rule = Callable[[Catalog], Iterator[Finding]]

RULES: dict[str, Rule] = {
    "omvang": sizes,
    "uniek-id": unique_ids,
    "id-bestandsnaam": measure_file_names,
    "verwijzing": references,
    "herkomst": provenance,
    "datum": dates,
    "bedrag": money,
    "begroting": budget_per_year,
    "rollen": roles,
    "doel-zonder-maatregel": goals_served,
    "voortgang-bestandsnaam": progress_file_names,
    "voortgang-volgorde": progress_order,
    "voortgang-volledig": progress_complete,
    "voortgang-toelichting": progress_explanations,
    "voortgang-teruggang": progress_reversals,
    "voortgang-vertrouwen": progress_confidence,
    "voortgang-knelpunten": progress_obstacles,
    "voortgang-bewijs": progress_evidence,
    "maatregel-eindstand": end_states,
    "nooit-weghalen": published_kept,
    **CONSULTATION_RULES,
    "versie": versions,
}


def run_rules(catalog: Catalog) -> list[Finding]:
    """Run every rule and return all findings."""
    return [finding for rule in RULES.values() for finding in rule(catalog)]
