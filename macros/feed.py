"""The Atom feed of publications (``site/feed.xml``), so readers can follow the plan.

Every entry is a :class:`Publication`. Today the progress reports are the
only source; new versions of the plan and consultation rounds opening and
closing are added by appending a function to :data:`PUBLICATION_SOURCES`
once their data exists.

Dates come from the data, never from the clock, so two builds of the same
data give the same file.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .model import PartialDate, Plan
from .render import Renderer

__all__ = ["PUBLICATION_SOURCES", "Publication", "progress_publications", "publications", "render_feed", "write_feed"]

FEED_PATH = "feed.xml"


@dataclasses.dataclass(frozen=True, kw_only=True)
class Publication:
    """One thing that was published: a progress report, a version, a consultation round."""

    #: Stable within the site, such as ``voortgang/2025-06-30``; the entry id is built from it.
    key: str
    kind: str
    title: str
    date: PartialDate
    #: The page about it, as a site path (``voortgang/2025-06-30/``).
    path: str
    summary: str

    @property
    def timestamp(self) -> str:
        """RFC 3339, as Atom wants it; the data knows the day, not the hour."""
        return f"{self.date.first_day.isoformat()}T00:00:00Z"


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
        yield Publication(key=f"voortgang/{report.id}", kind="voortgangsrapportage", title=f"Voortgang: {report.title}",
                          date=report.publication_date, path=f"voortgang/{report.id}/", summary=summary)


#: Where publications come from. Add a function ``(plan) -> Iterable[Publication]``
#: for plan versions and consultation rounds when those are in the data.
PUBLICATION_SOURCES: list[Callable[[Plan], Iterable[Publication]]] = [progress_publications]


def publications(plan: Plan) -> list[Publication]:
    """Every publication, newest first (same day: by key, so the order is stable)."""
    found = [p for source in PUBLICATION_SOURCES for p in source(plan)]
    found.sort(key=lambda p: p.key)
    found.sort(key=lambda p: p.date.first_day, reverse=True)
    return found


def render_feed(renderer: Renderer, site_url: str, site_name: str) -> str:
    """The Atom document. Links are absolute, from ``site_url`` (Atom readers need them).

    ``updated`` of the feed is the newest entry's date; without entries, the
    date of the last roundtable, so even an empty feed is reproducible.
    """
    plan: Plan = renderer.plan
    items = publications(plan)
    base = site_url if site_url.endswith("/") else site_url + "/"
    newest = items[0].timestamp if items else f"{plan.roundtables[-1].date.first_day.isoformat()}T00:00:00Z"
    xml = renderer.render("feed.xml.jinja", "", publications=items, base=base, site_name=site_name, updated=newest,
                          feed_path=FEED_PATH)
    return str(xml) + "\n"


def write_feed(renderer: Renderer, site_dir: Path, site_url: str, site_name: str) -> Path:
    """Write ``feed.xml`` at the root of the built site."""
    target = site_dir / FEED_PATH
    target.write_text(render_feed(renderer, site_url, site_name), encoding="utf-8")
    return target
