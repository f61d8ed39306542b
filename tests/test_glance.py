"""The plan at a glance on the home page: every figure against the YAML, and a link to its page."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pytest
import yaml

from tests.helpers import ROOT, soup
from tests.test_budget import allocated, amount, available

MEASURES = [
    yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "data" / "maatregelen").glob("*.yml"))
]
PROJECTS = yaml.safe_load((ROOT / "data" / "projecten.yml").read_text(encoding="utf-8"))["projecten"]
REPORTS = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "data" / "voortgang").glob("*.yml"))]
LABELS = {
    "Gepland": "gepland",
    "Lopend": "lopend",
    "Vertraagd": "vertraagd",
    "Afgerond": "afgerond",
    "Gestopt": "gestopt",
}


@pytest.fixture(scope="module", name="glance")
def fixture_glance(site):
    section = soup(site / "index.html").find("section", class_="ap-oogopslag")
    assert section is not None
    return section


def _counts(glance, heading_id: str) -> dict[str, int]:
    table = glance.find("table", attrs={"aria-labelledby": heading_id})
    rows = {}
    for tr in table.find("tbody").find_all("tr"):
        link = tr.find("td").find("a")
        assert link is not None and link.get("href"), tr
        rows[LABELS[tr.find("th").get_text(strip=True)]] = int(link.get_text().split()[0])
    return rows


def _bar(glance, heading_id: str) -> list[int]:
    heading = glance.find(id=heading_id)
    bar = heading.find_next_sibling("div", class_="ap-stapel")
    assert bar["aria-hidden"] == "true"
    return [int(part.get_text()) for part in bar.find_all("span")]


def test_measures_and_actions_by_status_match_the_yaml(glance):
    measures = Counter(m["status"] for m in MEASURES)
    actions = Counter(a["status"] for m in MEASURES for a in m["acties"])
    assert _counts(glance, "oogopslag-maatregelen") == dict(measures)
    assert _counts(glance, "oogopslag-acties") == dict(actions)
    # The bar shows the same counts, in the order of the table.
    assert _bar(glance, "oogopslag-maatregelen") == list(_counts(glance, "oogopslag-maatregelen").values())
    assert _bar(glance, "oogopslag-acties") == list(_counts(glance, "oogopslag-acties").values())
    heading = glance.find(id="oogopslag-maatregelen").get_text()
    assert heading.startswith(f"{len(MEASURES)} maatregelen")


def test_money_of_the_year_matches_the_yaml(glance):
    heading = glance.find(id="oogopslag-geld").get_text()
    year = int(re.search(r"\d{4}", heading).group())
    facts = glance.find(id="oogopslag-geld").find_next_sibling("dl")
    values = {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in facts.find_all("dt")}
    spent = sum(
        (Decimal(str(row.get("besteed") or 0)) for p in PROJECTS for row in p["budget"] if row["jaar"] == year),
        Decimal(0),
    )
    assert amount(values["Beschikbaar"].get_text()) == available(year)
    assert amount(values["Toegekend aan projecten"].get_text()) == allocated(year)
    assert amount(values["Besteed"].get_text()) == spent
    assert all(dd.find("a") is not None for dd in values.values())


def test_the_latest_report_and_the_version_link_to_their_pages(glance):
    latest = max(REPORTS, key=lambda r: r["peildatum"])
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in glance.find_all("dt")}
    report = facts["Laatste voortgangsrapportage"]
    assert report.find("a").get_text() == latest["titel"]
    assert report.find("a")["href"].endswith(f"voortgang/{latest['peildatum']}/")
    assert report.find("time")["datetime"] == latest["peildatum"]
    versions = yaml.safe_load((ROOT / "data" / "versies.yml").read_text(encoding="utf-8"))
    working = versions.get("werkversie")
    version = facts["Versie"].find("a")
    assert "versies/" in version["href"]
    if working:
        assert version["href"].endswith(f"#versie-{working}")
    assert "Consultatie" in facts


def test_an_open_round_is_on_the_home_page_while_it_is_open(open_site):
    glance = soup(open_site / "index.html").find("section", class_="ap-oogopslag")
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in glance.find_all("dt")}
    assert "open tot" in facts["Consultatie"].get_text()
    assert "consultatie/#ronde-" in facts["Consultatie"].find("a")["href"]
