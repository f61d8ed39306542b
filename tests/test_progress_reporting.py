"""Reporting the progress round: who reported, done past the end date, the annex as .xlsx and .ods, the feed per measure.

On the fixture plan (three reports), with one action set to "niet gerapporteerd"
where a test needs it. The figures are checked against the YAML, not the model.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree
from openpyxl import load_workbook

from macros.model.progress import delivery_by_owner, done_past_end, last_known
from macros.outputs.annex import annex_rows, ods_bytes, write_annexes, xlsx_bytes
from macros.outputs.feed import measure_publications, render_feed
from macros.pipeline import load_plan
from macros.site.render import Renderer
from macros.views.progress import progress_annex, progress_delivery
from tests.helpers import FIXTURE_DATA, edit, soup

ATOM = "{http://www.w3.org/2005/Atom}"
ODS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


@pytest.fixture(name="plan_missing")
def fixture_plan_missing(project_copy: Path):
    """The fixture plan where VNG gave no status for M02-A1 on 30 June 2025 (its last status: vertraagd)."""
    edit(
        project_copy / "data" / "voortgang" / "2025-06-30.yml",
        "    status: gestopt\n    toelichting: Het overzicht gaat op in een landelijk overzicht.",
        "    status: niet-gerapporteerd\n    toelichting: Niet aangeleverd.",
    )
    plan, _ = load_plan(project_copy / "data")
    return plan


def test_delivery_per_owner_counts_the_yaml(plan_missing, project_copy):
    raw = yaml.safe_load((project_copy / "data" / "voortgang" / "2025-06-30.yml").read_text(encoding="utf-8"))
    report = plan_missing.reports_by_id["2025-06-30"]
    rows = {r.owner: (r.delivered, r.missing) for r in delivery_by_owner(plan_missing, report)}
    assert rows == {"COMENSHA": (1, 0), "JENV": (1, 0), "VNG": (0, 1)}
    assert sum(d + m for d, m in rows.values()) == len(raw["acties"])


def test_delivery_view_has_a_stacked_bar_and_a_table(plan_missing):
    html = soup(str(progress_delivery(Renderer(plan_missing), "voortgang/", "2025-06-30")))
    assert "gaven de actiehouders een stand voor 2 van de 3 acties" in html.get_text(" ")
    svg = html.select_one("svg[role=img]")
    assert svg.title.get_text() == "Aangeleverd per actiehouder"
    assert "VNG: 0 van 1 aangeleverd" in svg.desc.get_text()
    assert len(svg.select("rect.ap-grafiek__staaf--rest")) == 1
    rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in html.select("table tr")]
    assert rows[0] == ["Actiehouder", "Aangeleverd", "Niet aangeleverd", "Acties"]
    assert rows[-1] == ["Totaal", "2", "1", "3"]


def test_done_among_actions_past_their_end(plan_missing):
    # On 30 June 2025: M01-A1 (end June 2024) is lopend again, M02-A1 (end December 2024) has no status.
    due = done_past_end(plan_missing, plan_missing.reports_by_id["2025-06-30"])
    assert [a.id for a in due.due] == ["M01-A1", "M02-A1"]
    assert (due.done, due.share) == ((), 0)
    on_time = done_past_end(plan_missing, plan_missing.reports_by_id["2024-12-31"])
    assert [a.id for a in on_time.due] == ["M01-A1"] and on_time.share == 100


def test_annex_shows_the_last_known_status_with_its_date(plan_missing):
    report = plan_missing.reports_by_id["2025-06-30"]
    status, earlier = last_known(plan_missing, report, "M02-A1")
    assert (status.status, earlier.id) == ("vertraagd", "2024-12-31")
    html = soup(str(progress_annex(Renderer(plan_missing), report.page_path, "2025-06-30")))
    cell = html.find(id="bijlage-m02-a1").find_all("td")[2]
    assert cell.get_text(" ", strip=True) == "Onbekend Laatste bekende stand: vertraagd ( 31 december 2024 )"
    links = [a["href"] for a in html.select("a[download]")]
    assert links == ["bijlage-2025-06-30.xlsx", "bijlage-2025-06-30.ods"]


def test_annex_files_hold_the_rows_and_are_reproducible(plan_missing, tmp_path):
    report = plan_missing.reports_by_id["2025-06-30"]
    rows = annex_rows(plan_missing, report)
    assert rows[0][4:10] == ["status", "vertrouwen", "knelpunten", "toelichting", "bewijs", "laatste_bekende_stand"]
    assert rows[3][0] == "M02-A1" and rows[3][-1] == "vertraagd (peildatum 2024-12-31)"
    written = write_annexes(plan_missing, tmp_path)
    assert len(written) == 6
    xlsx = tmp_path / "voortgang" / "2025-06-30" / "bijlage-2025-06-30.xlsx"
    sheet = load_workbook(xlsx)["Bijlage"]
    assert [[c if c is not None else "" for c in r] for r in sheet.iter_rows(values_only=True)] == rows
    ods = (tmp_path / "voortgang" / "2025-06-30" / "bijlage-2025-06-30.ods").read_bytes()
    with zipfile.ZipFile(io.BytesIO(ods)) as archive:
        assert archive.namelist()[0] == "mimetype"
        assert archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        content = etree.fromstring(archive.read("content.xml"))
    table = [
        ["\n".join(p.text or "" for p in cell.findall("text:p", ODS)) for cell in row.findall("table:table-cell", ODS)]
        for row in content.iterfind(".//table:table-row", ODS)
    ]
    assert table == rows
    moment = "2025-07-04T00:00:00Z"
    assert xlsx_bytes(rows, "t", moment) == xlsx_bytes(rows, "t", moment)
    assert ods_bytes(rows, "t", moment) == ods_bytes(rows, "t", moment)


def test_feed_per_measure_lists_each_status_change():
    fixture_plan, _ = load_plan(FIXTURE_DATA)
    measure = fixture_plan.measures["M01"]
    entries = measure_publications(fixture_plan, measure)
    # M01-A1: lopend, afgerond, lopend (reversed); M01-A2: lopend, afgerond. Newest first.
    assert [e.title for e in entries] == [
        "M01-A1: lopend",
        "M01-A2: afgerond",
        "M01-A1: afgerond",
        "M01-A2: lopend",
        "M01-A1: lopend",
    ]
    root = etree.fromstring(
        render_feed(
            Renderer(fixture_plan),
            "https://example.org/plan/",
            "Test",
            items=entries,
            feed_path="maatregelen/m01/feed.xml",
            title="Voortgang van maatregel M01",
        ).encode("utf-8")
    )
    assert root.findtext(f"{ATOM}title") == "Voortgang van maatregel M01"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "https://example.org/plan/maatregelen/m01/feed.xml"
    summaries = [e.findtext(f"{ATOM}summary") for e in root.findall(f"{ATOM}entry")]
    assert "Bewijs: https://example.org/eindverslag-m01-a2." in summaries[1]
    links = {e.find(f"{ATOM}link").get("href") for e in root.findall(f"{ATOM}entry")}
    assert links == {
        "https://example.org/plan/maatregelen/m01/#actie-m01-a1",
        "https://example.org/plan/maatregelen/m01/#actie-m01-a2",
    }


def test_meld_voortgang_links_open_a_valid_prefilled_file(project_copy):
    import datetime as dt
    from urllib.parse import parse_qs, urlsplit

    from macros.pipeline import validate
    from macros.site.settings import SiteSettings
    from macros.views.progress import progress_form

    measure = project_copy / "data" / "maatregelen" / "M02.yml"
    measure.write_text(
        measure.read_text(encoding="utf-8")
        + "  - id: M02-A2\n    titel: Afspraken maken\n    actiehouder: VNG\n    start: 2025-07\n"
        "    eind: 2026-12\n    status: lopend\n    illustratief: true\n",
        encoding="utf-8",
    )
    plan, _ = load_plan(project_copy / "data")
    site = SiteSettings(
        repository="samen-tegen-mensenhandel/actieplan",
        site_url="https://example.test/actieplan/",
        plan_version="werkversie",
        now=dt.datetime(2025, 12, 1, tzinfo=dt.UTC),
    )
    html = soup(str(progress_form(Renderer(plan, site=site), "voortgang/meld-voortgang/")))
    assert html.time["datetime"] == "2025-12-31"
    links = {li["id"]: li.a["href"] for li in html.select("li[id^=meld-]")}
    assert sorted(links) == ["meld-comensha", "meld-vng"]
    for href in links.values():
        parts = urlsplit(href)
        assert (parts.netloc, parts.path) == ("github.com", "/samen-tegen-mensenhandel/actieplan/new/main")
        query = parse_qs(parts.query)
        assert query["filename"] == ["data/voortgang/2025-12-31.yml"]
        target = project_copy / query["filename"][0]
        target.write_text(query["value"][0], encoding="utf-8")
        _, report = validate(project_copy / "data")
        assert report.ok, [str(f) for f in report]
        target.unlink()
    vng = parse_qs(urlsplit(links["meld-vng"]).query)["value"][0]
    assert '  - actie: M02-A2\n    status: lopend\n    vertrouwen: "op koers"\n' in vng
    assert "  - actie: M01-A1\n    status: niet-gerapporteerd\n" in vng


def test_meld_voortgang_links_stay_short_enough_for_github():
    """The whole file travels in the address; GitHub refuses addresses much longer than 8,000 characters."""
    import datetime as dt

    from macros.site.settings import SiteSettings
    from macros.views.progress import progress_form
    from tests.helpers import ROOT

    plan, _ = load_plan(ROOT / "data")
    site = SiteSettings(
        repository="samen-tegen-mensenhandel/actieplan",
        site_url="https://example.test/actieplan/",
        plan_version="werkversie",
        now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    html = soup(str(progress_form(Renderer(plan, site=site), "voortgang/meld-voortgang/")))
    lengths = [len(a["href"]) for a in html.select("a.md-button")]
    assert lengths and max(lengths) < 7000, lengths


def test_every_measure_page_links_its_feed_and_the_feed_is_atom(site):
    from tests.helpers import ROOT

    measures = sorted(p.stem for p in (ROOT / "data" / "maatregelen").glob("*.yml"))
    for measure_id in measures:
        folder = site / "maatregelen" / measure_id.lower()
        html = soup(folder / "index.html")
        # Not in the head: Material would fetch a sitemap.xml next to it (see overrides/main.html).
        assert html.head.select_one("link[rel=alternate][href='feed.xml']") is None, measure_id
        assert html.find("a", href="feed.xml"), measure_id
        root = etree.parse(str(folder / "feed.xml")).getroot()
        assert root.tag == f"{ATOM}feed" and measure_id in root.findtext(f"{ATOM}title")
