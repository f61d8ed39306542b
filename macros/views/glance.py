"""The plan at a glance, for the home page: the macro ``in_een_oogopslag``.

Measures and actions by status, the money of this year, the latest progress
report, the open or next consultation round and the version this build
publishes. Every figure comes from the Plan and links to the page that has
the details. :func:`plan_at_a_glance` gathers them (tested against the
YAML); :func:`at_a_glance` renders them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterable

from markupsafe import Markup

from macros.model import money
from macros.model.consultation import current_round
from macros.model.money import YearSpending
from macros.model.records import PROGRESS_STATUSES, ConsultationRound, Plan, ProgressReport, Version
from macros.site.render import Renderer

__all__ = ["Glance", "StatusBar", "at_a_glance", "plan_at_a_glance"]


@dataclasses.dataclass(frozen=True, kw_only=True)
class StatusBar:
    """How many records have each status, in the site's order of statuses (only those that occur)."""

    noun: str
    counts: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    def segments(self) -> list[tuple[str, int, float, float]]:
        """Per status: the count, and where its part of a bar of 100 starts and how wide it is."""
        parts, start = [], 0.0
        for status, n in self.counts:
            width = 100 * n / self.total if self.total else 0.0
            parts.append((status, n, round(start, 3), round(width, 3)))
            start += width
        return parts


@dataclasses.dataclass(frozen=True, kw_only=True)
class Glance:
    measures: StatusBar
    actions: StatusBar
    #: The money of the build's year; None when the budget has no such year.
    money: YearSpending | None
    latest_report: ProgressReport | None
    #: The open round, else the next announced one, else None (a closed round is not news).
    consultation: ConsultationRound | None
    consultation_state: str | None
    version: Version | None


def _bar(noun: str, statuses: Iterable[str]) -> StatusBar:
    counted = Counter(statuses)
    order = [s for s in PROGRESS_STATUSES if counted[s]] + sorted(s for s in counted if s not in PROGRESS_STATUSES)
    return StatusBar(noun=noun, counts=tuple((s, counted[s]) for s in order))


def plan_at_a_glance(plan: Plan, now: dt.datetime, version: Version | None = None) -> Glance:
    """The figures of the home page at the moment ``now``."""
    year = next((y for y in money.by_year(plan) if y.year == now.year), None)
    round_ = current_round(plan.consultation_rounds.values(), now)
    state = round_.state(now) if round_ else None
    if state == "gesloten":
        round_, state = None, None
    return Glance(
        measures=_bar("maatregelen", (m.status for m in plan.measures.values())),
        actions=_bar("acties", (a.status for a in plan.actions.values())),
        money=year,
        latest_report=plan.progress_reports[-1] if plan.progress_reports else None,
        consultation=round_,
        consultation_state=state,
        version=version,
    )


def at_a_glance(r: Renderer, page_url: str) -> Markup:
    site = r.require_site()
    version: Version | None = r.version
    glance = plan_at_a_glance(r.plan, site.now, version)
    return r.render("oogopslag.html.jinja", page_url, g=glance, now=site.now)


GLANCE_VIEWS = {"in_een_oogopslag": at_a_glance}
