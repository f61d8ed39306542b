"""Progress reports and spending: the model, comparisons, timelines, sums, feed and exports.

Unit tests use the fixture plan (tests/fixtures/data, three small reports);
page tests read the site built once from the real data and compare its
figures with sums computed here straight from the YAML.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from lxml import etree

from macros.model.progress import ChangeKind, compare_reports, count_by_programme_line, goes_back, status_history
from macros.outputs.feed import publications, render_feed
from macros.pipeline import load_plan
from macros.site.pages import annex_pages
from macros.site.render import Renderer
from macros.views.progress import status_timeline
from tests.helpers import FIXTURE_DATA, ROOT, edit, soup

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module", name="fixture_plan")
def fixture_fixture_plan():
    plan, report = load_plan(FIXTURE_DATA, shown_root=FIXTURE_DATA.parent)
    assert report.ok
    return plan


@pytest.fixture(scope="module", name="real_plan")
def fixture_real_plan():
    plan, _ = load_plan(ROOT / "data", shown_root=ROOT)
    return plan


def _yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _raw_reports(data_dir: Path) -> dict[str, dict]:
    """The report files as plain YAML (dates as text), by reference date."""
    reports = {}
    for path in sorted((data_dir / "voortgang").glob("*.yml")):
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        reports[raw["peildatum"]] = raw
    return reports


def _euro(text: str) -> Decimal:
    """'€ 1.250.000' or '€ 1.250,50' → Decimal."""
    return Decimal(text.replace("€", "").replace("\u00a0", "").strip().replace(".", "").replace(",", "."))


# --- the model and the comparison ------------------------------------------------------------


def test_reports_are_ordered_by_reference_date(fixture_plan):
    assert [r.id for r in fixture_plan.progress_reports] == sorted(_raw_reports(FIXTURE_DATA))
    assert fixture_plan.latest_report.id == max(_raw_reports(FIXTURE_DATA))


@pytest.mark.parametrize(
    ("before", "after", "back"),
    [
        ("afgerond", "lopend", True),
        ("lopend", "gepland", True),
        ("gestopt", "lopend", True),
        ("afgerond", "gestopt", True),
        ("vertraagd", "lopend", False),
        ("lopend", "vertraagd", False),
        ("gepland", "afgerond", False),
        ("lopend", "lopend", False),
        ("afgerond", "niet-gerapporteerd", False),
        ("niet-gerapporteerd", "gepland", False),
    ],
)
def test_goes_back(before, after, back):
    assert goes_back(before, after) is back


def test_changed_since_first_to_second_fixture_report(fixture_plan):
    first, second, _ = fixture_plan.progress_reports
    comparison = compare_reports(fixture_plan, first, second)
    found = {
        c.action.id: (c.kind, c.before.status if c.before else None, c.after.status, c.reversed)
        for c in comparison.changes
    }
    assert found == {
        "M01-A1": (ChangeKind.FINISHED, "lopend", "afgerond", False),
        "M01-A2": (ChangeKind.NEW, None, "lopend", False),
        "M02-A1": (ChangeKind.SLIPPED, "gepland", "vertraagd", False),
    }
    assert [c.action.id for c in comparison.of_kind(ChangeKind.SLIPPED)] == ["M02-A1"]
    assert comparison.of_kind(ChangeKind.SLIPPED)[0].after.explanation == "De regio's leveren later aan."


def test_changed_since_second_to_third_fixture_report(fixture_plan):
    _, second, third = fixture_plan.progress_reports
    comparison = compare_reports(fixture_plan, second, third)
    found = {c.action.id: (c.kind, c.before.status, c.after.status, c.reversed) for c in comparison.changes}
    assert found == {
        "M01-A1": (ChangeKind.MOVED, "afgerond", "lopend", True),
        "M01-A2": (ChangeKind.FINISHED, "lopend", "afgerond", False),
        "M02-A1": (ChangeKind.STOPPED, "vertraagd", "gestopt", False),
    }
    # Every kind is listed, in reading order, even when empty.
    assert [kind for kind, _ in comparison.groups] == list(ChangeKind)
    assert comparison.of_kind(ChangeKind.NEW) == ()


def test_unchanged_actions_are_not_changes(fixture_plan):
    report = fixture_plan.progress_reports[1]
    assert compare_reports(fixture_plan, report, report).changes == ()


def test_status_history_with_a_reversal(fixture_plan):
    history = status_history(fixture_plan, "M01-A1")
    assert [(e.report.id, e.status.status, e.before, e.reversed) for e in history] == [
        ("2024-06-30", "lopend", None, False),
        ("2024-12-31", "afgerond", "lopend", False),
        ("2025-06-30", "lopend", "afgerond", True),
    ]
    assert history[-1].status.explanation == "Het informatiepunt is weer open gezet na een evaluatie."


def test_timeline_template_for_an_action_with_a_reversal(fixture_plan):
    html = status_timeline(Renderer(fixture_plan), "ogw/stap-4-maatregelen/", "M01-A1")
    items = BeautifulSoup(html, "lxml").select("ol.ap-tijdlijn li")
    assert [li.time["datetime"] for li in items] == ["2024-06-30", "2024-12-31", "2025-06-30"]
    assert [li.select_one(".ap-status").get_text() for li in items] == ["Lopend", "Afgerond", "Lopend"]
    # The reversal is said in words, next to the explanation; the others are not marked.
    assert "teruggezet" in items[2].get_text() and "was afgerond" in items[2].get_text()
    assert "Toelichting: Het informatiepunt is weer open gezet na een evaluatie." in items[2].get_text(" ", strip=True)
    assert "teruggezet" not in items[0].get_text() + items[1].get_text()
    # Links to the annex of each report, relative to the page.
    assert items[0].a["href"] == "../../voortgang/2024-06-30/"


def test_timeline_for_a_measure_lists_every_action(fixture_plan):
    html = status_timeline(Renderer(fixture_plan), "", "M01")
    titles = [h.get_text() for h in BeautifulSoup(html, "lxml").find_all("h3")]
    assert titles == [f"{a.id}. {a.title}" for a in fixture_plan.measures["M01"].actions]
    with pytest.raises(ValueError, match="geen maatregel of actie"):
        status_timeline(Renderer(fixture_plan), "", "M99")


def test_counts_per_programme_line_add_up(fixture_plan):
    report = fixture_plan.latest_report
    rows = count_by_programme_line(
        fixture_plan, report, ("lopend", "afgerond", "gestopt", "vertraagd", "gepland", "niet-gerapporteerd")
    )
    assert sum(r.total for r in rows) == len(report.statuses)
    assert rows[0].counts["gestopt"] == 1 and rows[0].counts["afgerond"] == 1 and rows[0].counts["lopend"] == 1


def test_annex_pages_are_one_per_report_newest_first(fixture_plan):
    pages = annex_pages(fixture_plan)
    assert [p.src_uri for p in pages] == [f"voortgang/{d}.md" for d in sorted(_raw_reports(FIXTURE_DATA), reverse=True)]
    assert [p.nav.title for p in pages] == ["Bijlage 30 juni 2025", "Bijlage 31 december 2024", "Bijlage 30 juni 2024"]
    markdown = pages[0].markdown
    assert markdown.startswith('---\ntitle: "Bijlage: stand van de acties op 30 juni 2025"\n')
    assert markdown.rstrip().endswith('{{ voortgang_bijlage("2025-06-30") }}')


def test_feed_text_from_data_is_escaped(project_copy):
    report = project_copy / "data" / "voortgang" / "2025-06-30.yml"
    edit(report, "titel: Derde testrapportage", 'titel: "Derde <b>&</b> ]]> rapportage"')
    plan, _ = load_plan(project_copy / "data", shown_root=project_copy)
    root = etree.fromstring(render_feed(Renderer(plan), "https://example.org/plan/", "Test").encode("utf-8"))
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    assert "Voortgang: Derde <b>&</b> ]]> rapportage" in titles


# --- the built site: figures equal the sums over the data ---------------------------------------


def _table(html: BeautifulSoup, caption_id: str) -> list[list[str]]:
    table = html.find(id=caption_id).find_parent("table")
    return [[cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])] for row in table.find_all("tr")]


def _actions_by_measure() -> dict[str, dict]:
    out = {}
    for path in (ROOT / "data" / "maatregelen").glob("*.yml"):
        measure = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        for action in measure["acties"]:
            out[action["id"]] = {"measure": measure, "action": action}
    return out


def test_progress_page_counts_equal_the_data(site):
    reports = _raw_reports(ROOT / "data")
    latest = reports[max(reports)]
    actions = _actions_by_measure()
    programme = _yaml(ROOT / "data" / "programma.yml")
    expected: dict[str, Counter] = defaultdict(Counter)
    for entry in latest["acties"]:
        expected[actions[entry["actie"]]["measure"]["programmalijn"]][entry["status"]] += 1
    rows = _table(soup(site / "voortgang" / "index.html"), "tabel-status-programmalijn")
    header = rows[0]
    columns = {
        "Gepland": "gepland",
        "Lopend": "lopend",
        "Vertraagd": "vertraagd",
        "Afgerond": "afgerond",
        "Gestopt": "gestopt",
        "Onbekend": "niet-gerapporteerd",
    }
    for line, row in zip(sorted(programme["programmalijnen"], key=lambda x: x["nummer"]), rows[1:-1], strict=True):
        assert row[0] == f"{line['nummer']}. {line['naam']}"
        for name, value in zip(header[1:-1], row[1:-1], strict=True):
            assert int(value) == expected[line["id"]][columns[name]], (line["id"], name)
        assert int(row[-1]) == sum(expected[line["id"]].values())
    assert rows[-1][0] == "Alle acties" and int(rows[-1][-1]) == len(latest["acties"])
    per_status = Counter(e["status"] for e in latest["acties"])
    assert [int(v) for v in rows[-1][1:-1]] == [per_status[columns[name]] for name in header[1:-1]]


def test_progress_page_counts_per_aim_equal_the_data(site):
    reports = _raw_reports(ROOT / "data")
    latest = reports[max(reports)]
    actions = _actions_by_measure()
    aims = _yaml(ROOT / "data" / "programma.yml")["hoofddoelen"]
    rows = _table(soup(site / "voortgang" / "index.html"), "tabel-status-hoofddoel")
    for aim, row in zip(aims, rows[1:], strict=True):
        assert row[0] == aim["naam"]
        assert int(row[-1]) == sum(
            1 for e in latest["acties"] if aim["id"] in actions[e["actie"]]["measure"]["hoofddoelen"]
        )


def test_changes_on_the_progress_page_match_the_last_two_reports(site):
    reports = _raw_reports(ROOT / "data")
    previous, current = (reports[d] for d in sorted(reports)[-2:])
    before = {e["actie"]: e["status"] for e in previous["acties"]}
    changed = {e["actie"] for e in current["acties"] if before.get(e["actie"]) != e["status"]}
    html = soup(site / "voortgang" / "index.html")
    listed = {li.a.get_text() for li in html.select("li.ap-wijziging")}
    assert listed == changed
    counts = {row[0]: int(row[1]) for row in _table(html, "tabel-wijzigingen")[1:]}
    assert sum(counts.values()) == len(changed)
    assert counts["Afgerond"] == sum(
        1 for e in current["acties"] if e["actie"] in changed and e["status"] == "afgerond"
    )


def _project_sums() -> dict[int, dict[str, Decimal]]:
    sums: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for project in _yaml(ROOT / "data" / "projecten.yml")["projecten"]:
        for row in project["budget"]:
            for key in ("toegekend", "verplicht", "besteed"):
                sums[row["jaar"]][key] += Decimal(str(row.get(key, 0)))
    return sums


def _available(year: int) -> Decimal:
    total = Decimal(0)
    for line in _yaml(ROOT / "data" / "programma.yml")["begrotingslijnen"]:
        first, last = int(str(line["van"])[:4]), int(str(line["tot"])[:4]) if line.get("tot") else 9999
        if first <= year <= last:
            total += Decimal(str(line["bedrag_per_jaar"]))
    return total


def test_spending_per_year_equals_the_sums_over_the_projects(site):
    sums = _project_sums()
    html = soup(site / "voortgang" / "besteding" / "index.html")
    rows = _table(html, "tabel-besteding-jaren")
    assert rows[0] == ["Jaar", "Beschikbaar", "Toegekend", "Verplicht", "Besteed", "Nog niet toegekend"]
    years = [int(r[0]) for r in rows[1:-1]]
    assert set(sums) <= set(years)
    for row in rows[1:-1]:
        year = int(row[0])
        available, allocated, committed, spent, left = (_euro(v) for v in row[1:])
        assert available == _available(year)
        assert (allocated, committed, spent) == (
            sums[year]["toegekend"],
            sums[year]["verplicht"],
            sums[year]["besteed"],
        )
        assert left == available - allocated
    total = rows[-1]
    assert total[0] == "Alle jaren"
    assert _euro(total[2]) == sum(s["toegekend"] for s in sums.values())
    assert _euro(total[4]) == sum(s["besteed"] for s in sums.values())


def test_spending_chart_shows_the_table_figures(site):
    html = soup(site / "voortgang" / "besteding" / "index.html")
    svg = html.select_one("figure.ap-grafiek svg")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.find("title")["id"] == title_id and svg.find("title").get_text()
    assert svg.find("desc")["id"] == desc_id and svg.find("desc").get_text()
    table = _table(html, "tabel-besteding-jaren")[1:-1]
    groups = svg.select("g.ap-grafiek__groep")
    assert [g.select_one(".ap-grafiek__groepnaam").get_text() for g in groups] == [r[0] for r in table]
    for group, row in zip(groups, table, strict=True):
        # Each bar is labelled with its series and amount in text, not by colour only.
        assert [t.get_text() for t in group.select(".ap-grafiek__reeks")] == [
            "Beschikbaar",
            "Toegekend",
            "Verplicht",
            "Besteed",
        ]
        assert [t.get_text() for t in group.select(".ap-grafiek__waarde")] == row[1:5]
    # Bars share one scale: the widest bar is the largest amount.
    widths = {
        float(r["width"]): _euro(t.get_text())
        for r, t in zip(svg.select("rect"), svg.select(".ap-grafiek__waarde"), strict=True)
    }
    assert widths[max(widths)] == max(widths.values())


def test_spending_per_category_and_project_equal_the_data(site):
    projects = _yaml(ROOT / "data" / "projecten.yml")["projecten"]
    categories = _yaml(ROOT / "data" / "programma.yml")["bestedingscategorieen"]
    html = soup(site / "voortgang" / "besteding" / "index.html")
    table = html.find(id="tabel-besteding-categorieen").find_parent("table")
    for category, body in zip(categories, table.find_all("tbody"), strict=True):
        assert body.find("th").get_text() == category["naam"]
        total = body.select_one("tr.ap-subtotaal").find_all("td")
        own = [row for p in projects if p["categorie"] == category["id"] for row in p["budget"]]
        assert _euro(total[0].get_text()) == sum(Decimal(str(r["toegekend"])) for r in own)
        assert _euro(total[2].get_text()) == sum(Decimal(str(r.get("besteed", 0))) for r in own)
    for project in projects:
        body = html.find(id=f"besteding-{project['id'].lower()}")
        rows = [[c.get_text(" ", strip=True) for c in tr.find_all("td")] for tr in body.find_all("tr")]
        assert len(rows) == len(project["budget"]) + 1
        for row, raw in zip(rows, project["budget"], strict=False):
            assert _euro(row[0]) == Decimal(str(raw["toegekend"]))
            assert (
                row[1] == "niet opgegeven"
                if "verplicht" not in raw
                else _euro(row[1]) == Decimal(str(raw["verplicht"]))
            )
        assert _euro(rows[-1][0]) == sum(Decimal(str(r["toegekend"])) for r in project["budget"])
    chart = html.select_one("#grafiek-besteding-per-project-titel").find_parent("svg")
    groups = chart.select("g.ap-grafiek__groep")
    assert [g.select_one(".ap-grafiek__groepnaam").get_text() for g in groups] == [
        f"{p['id']}. {p['titel']}" for p in projects
    ]
    for group, project in zip(groups, projects, strict=True):
        allocated = group.select(".ap-grafiek__waarde")[0].get_text()
        assert _euro(allocated) == sum(Decimal(str(r["toegekend"])) for r in project["budget"])


# --- annexes, timelines, feed and exports in the built site ---------------------------------------


def test_one_annex_per_report_with_every_action(site):
    reports = _raw_reports(ROOT / "data")
    actions = _actions_by_measure()
    organisations = {o["id"]: o for o in _yaml(ROOT / "data" / "organisaties.yml")["organisaties"]}
    index = site / "voortgang" / "index.html"
    nav_targets = {(index.parent / a["href"]).resolve() for a in soup(index).select("nav.md-nav--primary a[href]")}
    for date, raw in reports.items():
        page = site / "voortgang" / date / "index.html"
        html = soup(page)
        assert html.h1.get_text(strip=True).startswith("Bijlage: stand van de acties op")
        assert page.parent.resolve() in nav_targets
        table = html.select_one("table.ap-bijlage")
        rows = {tr["id"].removeprefix("bijlage-").upper(): tr for tr in table.select("tr[id^=bijlage-]")}
        assert set(rows) == {e["actie"] for e in raw["acties"]}
        for entry in raw["acties"]:
            cells = rows[entry["actie"]].find_all(["th", "td"])
            owner = organisations[actions[entry["actie"]]["action"]["actiehouder"]]
            assert cells[2].get_text(strip=True) == (owner.get("afkorting") or owner["naam"])
            # Actie, Maatregel, Actiehouder, Status, Vertrouwen, Knelpunten, Toelichting, Bewijs.
            assert cells[4].get_text(strip=True) == (entry.get("vertrouwen") or "").capitalize()
            assert cells[5].get_text(strip=True) == ", ".join(entry.get("knelpunten", []))
            assert cells[6].get_text(strip=True) == entry.get("toelichting", "")
            assert cells[7].get_text(strip=True) == "; ".join(entry.get("bewijs", []))
        assert html.select_one(".ap-label--illustratief")


def test_measure_pages_show_each_reversal_with_its_explanation(site):
    """Every status that goes back in data/voortgang is on the page of the action's measure, with its explanation."""
    reversals = []
    previous: dict[str, str] = {}
    for date, raw in sorted(_raw_reports(ROOT / "data").items()):
        for entry in raw["acties"]:
            if entry["actie"] in previous and goes_back(previous[entry["actie"]], entry["status"]):
                reversals.append((entry["actie"], date, entry["toelichting"]))
            previous[entry["actie"]] = entry["status"]
    assert "M07-A1" in {action for action, _, _ in reversals}, "the real data has a reopened action M07-A1"
    for action, date, explanation in reversals:
        page = site / "maatregelen" / action.split("-")[0].lower() / "index.html"
        timeline = soup(page).select_one(f'ol[aria-label="Statusgeschiedenis van actie {action}"]')
        assert timeline is not None, (page, action)
        item = timeline.find("time", datetime=date).find_parent("li")
        assert "ap-tijdlijn__item--terug" in item["class"] and "teruggezet" in item.get_text()
        assert item.select_one(".ap-toelichting").get_text(" ", strip=True) == f"Toelichting: {explanation}"
        # The entry names its report and links its annex.
        assert item.find("a", href=f"../../voortgang/{date}/")


def test_every_measure_page_has_a_timeline_per_action(site, real_plan):
    for measure in real_plan.measures.values():
        html = soup(site / measure.page_path / "index.html")
        section = html.find(id="voortgang")
        assert section is not None and section.name == "h2"
        for action in measure.actions:
            assert html.find(id=f"geschiedenis-{action.id.lower()}"), action.id
            assert html.find(id=f"actie-{action.id.lower()}"), action.id


def test_actions_link_to_their_row_on_the_measure_page(fixture_plan):
    from macros.views.progress import action_url

    action = fixture_plan.actions["M01-A1"]
    assert action_url(action) == action.page_path == "maatregelen/m01/#actie-m01-a1"


def _feed_entries_in_data() -> list[tuple[str, str]]:
    """(kind, moment as written in the data) of every publication the YAML holds: reports, dated versions, rounds."""
    entries = [
        ("voortgangsrapportage", r.get("gepubliceerd") or r["peildatum"]) for r in _raw_reports(ROOT / "data").values()
    ]
    versions = yaml.load((ROOT / "data" / "versies.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["versies"]
    entries += [("versie", v["datum"]) for v in versions if v.get("datum")]
    rounds = yaml.load((ROOT / "data" / "consultatie.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)[
        "rondes"
    ]
    entries += [("consultatie", r[key]) for r in rounds for key in ("opent", "sluit")]
    return entries


def _moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_feed_is_valid_atom_in_date_order(site):
    root = etree.parse(str(site / "feed.xml")).getroot()
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert root.findtext(f"{ATOM}{name}"), name
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(_feed_entries_in_data())
    for entry in entries:
        for name in ("id", "title", "updated", "summary"):
            assert entry.findtext(f"{ATOM}{name}"), name
        link = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        path, _, anchor = link.removeprefix("https://samen-tegen-mensenhandel.github.io/actieplan/").partition("#")
        page = site / path / "index.html"
        assert page.is_file(), link
        if anchor:
            assert soup(page).find(id=anchor), link
    # Newest first, by the moment (entries carry UTC or Dutch time).
    moments = [_moment(e.findtext(f"{ATOM}updated")) for e in entries]
    assert moments == sorted(moments, reverse=True)
    assert root.findtext(f"{ATOM}updated") == entries[0].findtext(f"{ATOM}updated")
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)
    assert {e.find(f"{ATOM}category").get("term") for e in entries} == {"voortgangsrapportage", "versie", "consultatie"}


def test_feed_dates_come_from_the_data(site, real_plan):
    root = etree.parse(str(site / "feed.xml")).getroot()
    written = sorted(
        (e.find(f"{ATOM}category").get("term"), e.findtext(f"{ATOM}updated")) for e in root.findall(f"{ATOM}entry")
    )
    # A day is midnight UTC; a round's moment is Dutch time (summer: +02:00).
    expected = sorted(
        (kind, f"{when}T00:00:00Z" if len(when) == 10 else f"{when}:00+02:00") for kind, when in _feed_entries_in_data()
    )
    assert written == expected
    # Rendering again now gives the same bytes as the build did: no clock in the feed.
    again = render_feed(
        Renderer(real_plan),
        "https://samen-tegen-mensenhandel.github.io/actieplan/",
        "Actieplan Samen tegen mensenhandel",
    )
    assert (site / "feed.xml").read_text(encoding="utf-8") == again


def test_versions_without_a_date_are_not_in_the_feed(real_plan):
    undated = [v.id for v in real_plan.versions.values() if v.date is None]
    assert undated, "the working version has no date"
    keys = {p.key for p in publications(real_plan)}
    assert not any(f"versies/{vid}" in keys for vid in undated)


def test_every_page_links_the_feed(site):
    for page in [site / "index.html", site / "voortgang" / "index.html"]:
        link = soup(page).find("link", rel="alternate", type="application/atom+xml")
        assert link and (page.parent / link["href"]).resolve() == (site / "feed.xml").resolve()


def test_progress_exports_round_trip_to_the_yaml(site):
    raw = _raw_reports(ROOT / "data")
    data = json.loads((site / "data" / "voortgang.json").read_text(encoding="utf-8"))
    assert [r["peildatum"] for r in data["rapportages"]] == sorted(raw)
    for report in data["rapportages"]:
        source = raw[report["peildatum"]]
        assert report["titel"] == source["titel"] and report["kamerstuk"] == source.get("kamerstuk")
        assert [(a["actie"], a["status"], a["toelichting"]) for a in report["acties"]] == [
            (e["actie"], e["status"], e.get("toelichting")) for e in source["acties"]
        ]
    rows = list(csv.DictReader(io.StringIO((site / "data" / "voortgang.csv").read_text(encoding="utf-8"))))
    assert len(rows) == sum(len(r["acties"]) for r in raw.values())
    assert {(r["peildatum"], r["actie"], r["status"]) for r in rows} == {
        (d, e["actie"], e["status"]) for d, r in raw.items() for e in r["acties"]
    }


def test_spending_exports_equal_the_yaml(site):
    projects = _yaml(ROOT / "data" / "projecten.yml")["projecten"]
    data = json.loads((site / "data" / "besteding.json").read_text(encoding="utf-8"))
    assert [
        (p["id"], [(b["jaar"], b["toegekend"], b["verplicht"], b["besteed"]) for b in p["budget"]])
        for p in data["projecten"]
    ] == [
        (p["id"], [(b["jaar"], b["toegekend"], b.get("verplicht"), b.get("besteed")) for b in p["budget"]])
        for p in projects
    ]
    sums = _project_sums()
    for year in data["jaren"]:
        assert Decimal(str(year["besteed"])) == sums[year["jaar"]]["besteed"]
    rows = list(csv.DictReader(io.StringIO((site / "data" / "besteding.csv").read_text(encoding="utf-8"))))
    assert [(r["project"], int(r["jaar"]), Decimal(r["toegekend"])) for r in rows] == [
        (p["id"], b["jaar"], Decimal(str(b["toegekend"]))) for p in projects for b in p["budget"]
    ]


def test_export_links_on_the_pages_resolve(site):
    page = site / "voortgang" / "index.html"
    from macros.views.progress import PROGRESS_EXPORT_NAMES

    links = {a["href"] for a in soup(page).select("ul.ap-opendata a")}
    files = {f"../data/{name}.{suffix}" for name in PROGRESS_EXPORT_NAMES for suffix in ("json", "csv")}
    assert files | {"../feed.xml"} <= links
    for href in links:
        target, _, _anchor = href.partition("#")
        assert (page.parent / target).resolve().exists(), href


def test_pages_work_before_the_first_report(fixture_plan):
    import dataclasses

    from macros.outputs.feed import render_feed as feed
    from macros.views import VIEWS
    from macros.views.progress import PROGRESS_VIEWS

    empty = dataclasses.replace(fixture_plan, progress_reports=())
    renderer = Renderer(empty)
    texts = {
        name: BeautifulSoup(view(renderer, "voortgang/"), "lxml").get_text(" ", strip=True)
        for name, view in PROGRESS_VIEWS.items()
        # meld_voortgang needs the site's settings (GitHub links); tests/test_progress_reporting.py has it.
        if name not in ("voortgang_bijlage", "statusgeschiedenis", "meld_voortgang")
    }
    assert (
        texts["voortgang_overzicht"]
        == texts["voortgang_aanlevering"]
        == texts["voortgang_wijzigingen"]
        == texts["voortgang_rapportages"]
        == "Er is nog geen voortgangsrapportage."
    )
    assert (
        "staat nog in geen enkele voortgangsrapportage"
        in BeautifulSoup(status_timeline(renderer, "", "M01-A1"), "lxml").get_text()
    )
    measure_page = BeautifulSoup(VIEWS["maatregel_pagina"](renderer, "maatregelen/m01/", "M01"), "lxml")
    assert measure_page.find(id="voortgang") and "nog in geen enkele voortgangsrapportage" in measure_page.get_text()
    assert annex_pages(empty) == []
    # Without reports the feed still lists versions and rounds; with nothing published at all it is empty but valid.
    root = etree.fromstring(feed(renderer, "https://example.org/", "Test").encode("utf-8"))
    assert {e.find(f"{ATOM}category").get("term") for e in root.findall(f"{ATOM}entry")} <= {"versie", "consultatie"}
    nothing = dataclasses.replace(
        empty, consultation_rounds={}, versions={k: v for k, v in empty.versions.items() if v.date is None}
    )
    root = etree.fromstring(feed(Renderer(nothing), "https://example.org/", "Test").encode("utf-8"))
    assert root.findall(f"{ATOM}entry") == [] and root.findtext(f"{ATOM}updated").startswith(
        empty.roundtables[-1].date.first_day.isoformat()
    )
