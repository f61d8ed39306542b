"""The budget page's figures equal the sums over the data (per year, per category, per aim and form),
and the charts show the same figures as the tables."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
import yaml

from tests.helpers import ROOT, soup

PROGRAMME = yaml.safe_load((ROOT / "data" / "programma.yml").read_text(encoding="utf-8"))
PROJECTS = yaml.safe_load((ROOT / "data" / "projecten.yml").read_text(encoding="utf-8"))["projecten"]


def amount(text: str) -> Decimal:
    """``€ 1.250.000`` (or ``€ 1.250,50``) → Decimal."""
    cleaned = text.replace("€", "").replace("\u00a0", "").replace(" ", "").replace(".", "").replace(",", ".")
    return Decimal(cleaned)


def allocated(year: int, projects=PROJECTS) -> Decimal:
    return sum(
        (Decimal(str(row["toegekend"])) for p in projects for row in p["budget"] if row["jaar"] == year), Decimal(0)
    )


def available(year: int) -> Decimal:
    total = Decimal(0)
    for line in PROGRAMME["begrotingslijnen"]:
        start = dt.date.fromisoformat(line["van"]).year
        end = dt.date.fromisoformat(line["tot"]).year if line.get("tot") else None
        if start <= year and (end is None or year <= end):
            total += Decimal(str(line["bedrag_per_jaar"]))
    return total


@pytest.fixture(scope="module", name="page")
def fixture_page(site):
    return soup(site / "begroting" / "index.html")


def table_rows(page, table_id: str) -> dict[str, list[str]]:
    table = page.find("table", id=table_id)
    assert table is not None, table_id
    assert table.find("caption")
    assert all(th.get("scope") in ("col", "row") for th in table.find_all("th"))
    return {
        (tr.get("data-id") or tr.find("th").get_text(strip=True)): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in table.find("tbody").find_all("tr")
    }


def test_per_year_available_allocated_remaining(page):
    rows = table_rows(page, "begroting-per-jaar")
    project_years = {row["jaar"] for p in PROJECTS for row in p["budget"]}
    assert {int(y) for y in rows} >= project_years
    for year, cells in rows.items():
        year_n = int(year)
        assert amount(cells[0]) == available(year_n), year
        assert amount(cells[1]) == allocated(year_n), year
        assert amount(cells[2]) == available(year_n) - allocated(year_n), year


def test_structural_budget_of_two_million_from_2023(page):
    rows = table_rows(page, "begroting-per-jaar")
    assert amount(rows["2023"][0]) == Decimal(2_000_000)


def _years(page, table_id: str) -> list[int]:
    heads = [th.get_text(strip=True) for th in page.find("table", id=table_id).find("thead").find_all("th")]
    return [int(h) for h in heads if re.fullmatch(r"\d{4}", h)]


@pytest.mark.parametrize(
    ("table_id", "field", "groups"),
    [
        ("begroting-categorie", "categorie", [c["id"] for c in PROGRAMME["bestedingscategorieen"]]),
        ("begroting-hoofddoel", "hoofddoelen", [a["id"] for a in PROGRAMME["hoofddoelen"]]),
        ("begroting-uitbuitingsvorm", "uitbuitingsvormen", [f["id"] for f in PROGRAMME["uitbuitingsvormen"]]),
    ],
)
def test_breakdowns_equal_the_sums_over_the_projects(page, table_id, field, groups):
    rows = table_rows(page, table_id)
    years = _years(page, table_id)
    assert sorted(rows) == sorted(groups)
    for group in groups:
        members = [
            p for p in PROJECTS if group == p[field] or group in (p[field] if isinstance(p[field], list) else [])
        ]
        cells = rows[group]
        assert int(cells[0]) == len(members), group
        per_year = [amount(c) for c in cells[1:-1]]
        assert per_year == [allocated(y, members) for y in years], group
        assert amount(cells[-1]) == sum(per_year, Decimal(0))
    footer = [td.get_text(strip=True) for td in page.find("table", id=table_id).find("tfoot").find_all("td")]
    assert [amount(c) for c in footer[1:-1]] == [allocated(y) for y in years]


def test_category_rows_add_up_to_the_total_allocated(page):
    rows = table_rows(page, "begroting-categorie")
    years = _years(page, "begroting-categorie")
    for index, year in enumerate(years):
        assert sum((amount(cells[1 + index]) for cells in rows.values()), Decimal(0)) == allocated(year)


def test_project_table_lists_every_project_with_its_amounts(page):
    table = page.find("table", id="begroting-projecten")
    years = _years(page, "begroting-projecten")
    body = {tr["id"]: tr for tr in table.find("tbody").find_all("tr")}
    assert len(body) == len(PROJECTS)
    for project in PROJECTS:
        cells = [td.get_text(strip=True) for td in body[f"project-{project['id'].lower()}"].find_all("td")]
        per_year = {row["jaar"]: Decimal(str(row["toegekend"])) for row in project["budget"]}
        for index, year in enumerate(years):
            cell = cells[3 + index]
            assert (amount(cell) if "€" in cell else None) == per_year.get(year), (project["id"], year)
        assert amount(cells[3 + len(years)]) == sum(per_year.values(), Decimal(0))


def test_every_chart_has_a_text_alternative_with_the_table_figures(page):
    charts = page.select("figure.ap-grafiek svg.ap-grafiek__svg--breed")
    assert len(charts) == 4
    # The narrow drawing of each chart has the same name and description, by reference.
    narrow = page.select("figure.ap-grafiek svg.ap-grafiek__svg--smal")
    assert [svg["aria-labelledby"] for svg in narrow] == [svg["aria-labelledby"] for svg in charts]
    for svg in charts:
        assert svg.get("role") == "img"
        ids = svg["aria-labelledby"].split()
        assert svg.find("title")["id"] in ids and svg.find("desc")["id"] in ids
        description = svg.find("desc").get_text()
        for label in svg.select("text.ap-grafiek__waarde"):
            assert label.get_text() in description
    years = page.select_one("#grafiek-jaren-uitleg").get_text()
    for year, cells in table_rows(page, "begroting-per-jaar").items():
        assert f"{year}: Beschikbaar: {cells[0]}, Toegekend: {cells[1]}, Nog niet toegekend: {cells[2]}." in years


def test_amounts_are_in_dutch_notation(page):
    text = page.find("article").get_text()
    assert "€\u00a02.000.000" in text
    assert not re.search(r"€\s?\d+,\d{3}", text)
