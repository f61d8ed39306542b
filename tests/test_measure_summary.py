"""The summary list at the top of a measure page (GOV.UK summary list), with its line "Voortgang"."""

from __future__ import annotations

import dataclasses
import datetime as dt
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup

from macros.pipeline import load_plan
from macros.site.render import Renderer
from macros.site.settings import SiteSettings
from macros.views.records import measure_page
from tests.helpers import ROOT, soup

SITE = SiteSettings(
    repository="samen-tegen-mensenhandel/actieplan",
    branch="main",
    site_url="https://example.org/actieplan/",
    plan_version="werkversie",
    now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
)


def _progress(html: str):
    page = BeautifulSoup(html, "lxml")
    summary = page.find("dl", class_="ap-feiten")
    # The summary comes right after the measure's heading, its origin and its one-line summary.
    assert summary.find_previous("h1") is page.find("h1") and not summary.find_previous("h2")
    term = next(d for d in summary.find_all("dt") if d.get_text() == "Voortgang")
    return term.find_next_sibling("dd")


def test_a_measure_without_a_report_says_so_and_links_to_the_form_filled_in():
    plan, _ = load_plan(ROOT / "tests" / "fixtures" / "data")
    measure = next(iter(plan.measures.values()))
    ids = {a.id for a in measure.actions}
    latest = plan.progress_reports[-1]
    without = dataclasses.replace(latest, statuses=tuple(s for s in latest.statuses if s.action not in ids))
    plan = dataclasses.replace(plan, progress_reports=(*plan.progress_reports[:-1], without))
    cell = _progress(measure_page(Renderer(plan, site=SITE), measure.page_path, measure.id))
    assert cell.get_text().startswith("nog niet gerapporteerd")
    form = urlsplit(cell.find("a")["href"])
    query = parse_qs(form.query)
    assert form.netloc == "github.com" and query["template"] == ["reactie.yml"]
    assert query["pagina"] == [f"{measure.id}. {measure.title} (https://example.org/actieplan/{measure.page_path})"]
    assert measure.id in query["title"][0]


def test_a_reported_measure_names_the_report_and_counts_its_actions_by_status(site):
    plan, _ = load_plan(ROOT / "data")
    latest = plan.progress_reports[-1]
    for measure in plan.measures.values():
        cell = _progress(str(soup(site / measure.page_path / "index.html")))
        ids = {a.id for a in measure.actions}
        reported = [s for s in latest.statuses if s.action in ids]
        if reported:
            assert cell.find("a")["href"].endswith(f"voortgang/{latest.id}/")
            tags = cell.select(".ap-status")
            assert sum(int(t.previous_sibling.strip().split()[-1]) for t in tags) == len(reported)
        else:
            assert cell.get_text().startswith("nog niet gerapporteerd")
