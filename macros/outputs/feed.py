"""The Atom feed of publications (``site/feed.xml``), so readers can follow the plan.

Every entry is a :class:`Publication`, from one of :data:`PUBLICATION_SOURCES`:
progress reports, versions of the plan (those with a date) and consultation
rounds, each with an entry when it opens and one when it closes.

Dates come from the data, never from the clock, so two builds of the same
data give the same file. A round's entries carry its exact moments (which
the data gives in Dutch time); a report or a version is known by its day,
taken as midnight UTC. So a round that closes later than the build already
has its closing entry, dated then: the feed lists what is published and
when, as the data says.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from macros.dutch import moment_nl
from macros.model.progress import status_history
from macros.model.records import Measure, Plan
from macros.site.render import Renderer

__all__ = [
    "PUBLICATION_SOURCES",
    "Publication",
    "consultation_publications",
    "measure_feed_path",
    "measure_publications",
    "progress_publications",
    "publications",
    "render_feed",
    "version_publications",
    "write_feed",
    "write_measure_feeds",
]

FEED_PATH = "feed.xml"


@dataclasses.dataclass(frozen=True, kw_only=True)
class Publication:
    """One thing that was published: a progress report, a version, a consultation round."""

    #: Stable within the site, such as ``voortgang/2025-06-30``; the entry id is built from it.
    key: str
    kind: str
    title: str
    #: When it was published (timezone-aware).
    moment: dt.datetime
    #: The page about it, as a site path (``voortgang/2025-06-30/``).
    path: str
    summary: str

    @property
    def timestamp(self) -> str:
        """RFC 3339, as Atom wants it: ``2025-07-04T00:00:00Z``, or with the offset of Dutch time."""
        if self.moment.utcoffset() == dt.timedelta(0):
            return self.moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        return self.moment.isoformat(timespec="seconds")


def _day(day: dt.date) -> dt.datetime:
    """A day the data gives without a time: midnight UTC."""
    return dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC)


def progress_publications(plan: Plan) -> Iterator[Publication]:
    """One entry per progress report, dated when it appeared (or its reference date)."""
    for report in plan.progress_reports:
        summary = f"De stand van {len(report.statuses)} acties op {report.reference_date.dutch}."
        if report.paper:
            summary += f" Hoort bij {report.paper}."
        if report.summary:
            summary += f" {report.summary}"
        if report.provenance.illustrative:
            summary += " Let op: de statussen zijn voorbeelden (illustratief)."
        yield Publication(
            key=f"voortgang/{report.id}",
            kind="voortgangsrapportage",
            title=f"Voortgang: {report.title}",
            moment=_day(report.publication_date.first_day),
            path=report.page_path,
            summary=summary,
        )


def version_publications(plan: Plan) -> Iterator[Publication]:
    """One entry per version of the plan that has a date (the working version has none yet)."""
    for version in plan.versions.values():
        if version.date is None:
            continue
        summary = f"{version.summary} Status: {version.status_label.lower()}."
        if version.paper:
            summary += f" Hoort bij {version.paper}."
        if version.provenance.illustrative:
            summary += " Let op: dit is een voorbeeld (illustratief)."
        yield Publication(
            key=f"versies/{version.id}",
            kind="versie",
            title=f"Versie van het plan: {version.title}",
            moment=_day(version.date),
            path=f"versies/#versie-{version.id}",
            summary=summary,
        )


def consultation_publications(plan: Plan) -> Iterator[Publication]:
    """Two entries per consultation round: when it opens and when it closes."""
    for round_ in plan.consultation_rounds.values():
        note = " Let op: deze ronde is een voorbeeld (illustratief)." if round_.provenance.illustrative else ""
        closes = moment_nl(round_.closes)
        yield Publication(
            key=f"consultatie/{round_.id}/open",
            kind="consultatie",
            title=f"Consultatie geopend: {round_.title}",
            moment=round_.opens,
            path="consultatie/",
            summary=f"Iedereen kan reageren op de versie '{plan.versions[round_.plan_version].title}', "
            f"tot {closes}.{note}",
        )
        yield Publication(
            key=f"consultatie/{round_.id}/gesloten",
            kind="consultatie",
            title=f"Consultatie gesloten: {round_.title}",
            moment=round_.closes,
            path="consultatie/verslag/",
            summary=f"De ronde is gesloten op {closes}. Wat er met elke reactie gebeurt, staat in het "
            f"consultatieverslag.{note}",
        )


#: Where publications come from: each a function ``(plan) -> Iterable[Publication]``.
PUBLICATION_SOURCES: list[Callable[[Plan], Iterable[Publication]]] = [
    progress_publications,
    version_publications,
    consultation_publications,
]


def publications(plan: Plan) -> list[Publication]:
    """Every publication, newest first (at the same moment: by key, so the order is stable)."""
    found = [p for source in PUBLICATION_SOURCES for p in source(plan)]
    found.sort(key=lambda p: p.key)
    found.sort(key=lambda p: p.moment, reverse=True)
    return found


def measure_feed_path(measure: Measure) -> str:
    """The site path of a measure's own feed: ``maatregelen/m01/feed.xml``."""
    return measure.feed_path


def measure_publications(plan: Plan, measure: Measure) -> list[Publication]:
    """The status changes of a measure's actions, one entry per action per report that changed it, newest first.

    An action's first status is an entry too; a report that repeats the status
    is not. "Niet gerapporteerd" is an entry (the reader should know), and so
    is the measure's end state, dated by its ``datum`` when it has one.
    """
    found = []
    for action in measure.actions:
        for entry in status_history(plan, action.id):
            if entry.before is not None and not entry.changed and entry.status.reported:
                continue
            status = entry.status
            label = "niet gerapporteerd" if not status.reported else status.status
            summary = f"Actie {action.id} ({action.title}): {label} op {entry.report.reference_date.dutch}."
            if entry.before and entry.changed:
                summary += f" Was: {entry.before}."
            if status.confidence:
                summary += f" Vertrouwen: {status.confidence}."
            if status.obstacles:
                summary += f" Knelpunten: {', '.join(status.obstacles)}."
            if status.explanation:
                summary += f" {status.explanation}"
            if status.evidence:
                summary += f" Bewijs: {'; '.join(status.evidence)}."
            if entry.report.provenance.illustrative:
                summary += " Let op: dit is een voorbeeld (illustratief)."
            found.append(
                Publication(
                    key=f"{measure.page_path}{action.id}/{entry.report.id}",
                    kind="status",
                    title=f"{action.id}: {label}",
                    moment=_day(entry.report.publication_date.first_day),
                    path=action.page_path,
                    summary=summary,
                )
            )
    if measure.end_state is not None and measure.end_state.date is not None:
        found.append(
            Publication(
                key=f"{measure.page_path}eindstand",
                kind="eindstand",
                title=f"{measure.id}: {measure.end_state.state}",
                moment=_day(measure.end_state.date.first_day),
                path=measure.page_path,
                summary=f"Maatregel {measure.id} is {measure.end_state.state}. {measure.end_state.reason}",
            )
        )
    found.sort(key=lambda p: p.key)
    found.sort(key=lambda p: p.moment, reverse=True)
    return found


def render_feed(
    renderer: Renderer,
    site_url: str,
    site_name: str,
    items: list[Publication] | None = None,
    feed_path: str = FEED_PATH,
    title: str | None = None,
    subtitle: str = "Nieuwe versies van het plan, consultatierondes en voortgangsrapportages.",
) -> str:
    """The Atom document. Links are absolute, from ``site_url`` (Atom readers need them).

    ``updated`` of the feed is the newest entry's date; without entries, the
    date of the last roundtable, so even an empty feed is reproducible.
    Without ``items``, the site's feed of publications.
    """
    plan: Plan = renderer.plan
    items = publications(plan) if items is None else items
    base = site_url if site_url.endswith("/") else site_url + "/"
    newest = items[0].timestamp if items else f"{plan.roundtables[-1].date.first_day.isoformat()}T00:00:00Z"
    xml = renderer.render(
        "feed.xml.jinja",
        "",
        publications=items,
        base=base,
        site_name=site_name,
        updated=newest,
        feed_path=feed_path,
        title=title or f"Publicaties: {site_name}",
        subtitle=subtitle,
    )
    return str(xml) + "\n"


def write_measure_feeds(renderer: Renderer, site_dir: Path, site_url: str, site_name: str) -> list[Path]:
    """One feed per measure, ``maatregelen/<id>/feed.xml``: the status changes of its actions."""
    plan: Plan = renderer.plan
    written = []
    for measure in plan.measures.values():
        path = measure_feed_path(measure)
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        text = render_feed(
            renderer,
            site_url,
            site_name,
            items=measure_publications(plan, measure),
            feed_path=path,
            title=f"Voortgang van maatregel {measure.id}: {measure.title}",
            subtitle=f"Elke wijziging van de status van de acties van maatregel {measure.id}.",
        )
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


def write_feed(renderer: Renderer, site_dir: Path, site_url: str, site_name: str) -> Path:
    """Write ``feed.xml`` at the root of the built site."""
    target = site_dir / FEED_PATH
    target.write_text(render_feed(renderer, site_url, site_name), encoding="utf-8")
    return target
