"""Build tests for the pages people explore: one page per measure and per organisation,
the measures overview and the policy chain. Every internal link on the site is
checked by tests/test_links.py."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from macros.views import VIEWS
from tests.helpers import ROOT, build_site, copy_fixture_data, replace_exact, soup

DATA = ROOT / "data"


def measures_in_data() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((DATA / "maatregelen").glob("*.yml"))]


def organisations_in_data() -> list[dict]:
    return yaml.safe_load((DATA / "organisaties.yml").read_text(encoding="utf-8"))["organisaties"]


def links(html: BeautifulSoup, page: Path, site: Path) -> set[Path]:
    """Every page a relative link on ``page`` points to (as the index.html it resolves to)."""
    found = set()
    for a in html.select("article a[href]"):
        href = a["href"]
        if re.match(r"^[a-z]+:", href) or href.startswith("#"):
            continue
        target = (page.parent / unquote(urlsplit(href).path)).resolve()
        found.add(target / "index.html" if target.is_dir() else target)
    return found


def test_every_measure_has_its_page(site):
    measures = measures_in_data()
    assert measures
    for record in measures:
        page = site / "maatregelen" / record["id"].lower() / "index.html"
        assert page.is_file(), page
        html = soup(page)
        assert html.find("h1").get_text(" ", strip=True) == f"{record['id']}. {record['titel']}"
        text = html.find("article").get_text(" ")
        assert record["omschrijving"] in text
        for action in record["acties"]:
            assert html.find(id=f"actie-{action['id'].lower()}"), action["id"]
        if record.get("illustratief"):
            assert html.select_one("article .ap-label--illustratief")
        else:
            assert record["bron"] in text


def test_every_organisation_has_its_page(site):
    for record in organisations_in_data():
        page = site / "organisaties" / record["id"].lower() / "index.html"
        assert page.is_file(), page
        html = soup(page)
        assert html.find("h1").get_text(" ", strip=True) == record["naam"]
        assert record["rol"] in html.find("article").get_text(" ")


def test_record_pages_and_overviews_link_both_ways(site):
    overview = site / "maatregelen" / "index.html"
    organisations = site / "organisaties" / "index.html"
    from_overview = links(soup(overview), overview, site)
    from_organisations = links(soup(organisations), organisations, site)
    org_pages = {r["id"]: site / "organisaties" / r["id"].lower() / "index.html" for r in organisations_in_data()}
    for record in measures_in_data():
        page = site / "maatregelen" / record["id"].lower() / "index.html"
        targets = links(soup(page), page, site)
        assert page in from_overview, f"the overview does not link to {record['id']}"
        assert overview.resolve() in targets, f"{record['id']} does not link back to the overview"
        for org in [record["actiehouder"], *record.get("partners", [])]:
            assert org_pages[org].resolve() in targets, f"{record['id']} does not link to {org}"
            org_page = org_pages[org]
            assert page.resolve() in links(soup(org_page), org_page, site), f"{org} does not link to {record['id']}"
    for org_id, page in org_pages.items():
        assert page.resolve() in from_organisations, f"the organisations table does not link to {org_id}"
        assert organisations.resolve() in links(soup(page), page, site), f"{org_id} does not link back"


def test_organisation_page_lists_its_projects_and_amounts(site):
    projects = yaml.safe_load((DATA / "projecten.yml").read_text(encoding="utf-8"))["projecten"]
    for record in organisations_in_data():
        own = [p for p in projects if p["uitvoerder"] == record["id"]]
        html = soup(site / "organisaties" / record["id"].lower() / "index.html")
        text = html.find("article").get_text(" ")
        for project in own:
            assert project["titel"] in text
        if own:
            total = sum(row["toegekend"] for p in own for row in p["budget"])
            caption = html.find("caption", id=f"tabel-projecten-{record['id'].lower()}").get_text(" ")
            assert f"{total:,}".replace(",", ".") in caption


def test_step_4_table_links_each_measure(site):
    page = site / "ogw" / "stap-4-maatregelen" / "index.html"
    html = soup(page)
    rows = html.find("table").find("tbody").find_all("tr")
    for row in rows:
        assert row.find("th").find("a")["href"].startswith("../../maatregelen/m")


def test_record_pages_stay_out_of_the_navigation(site):
    for page in [site / "index.html", site / "maatregelen" / "m01" / "index.html"]:
        nav = soup(page).select_one("nav.md-nav--primary")
        hrefs = [a.get("href", "") for a in nav.find_all("a")]
        assert not any(re.search(r"(maatregelen|organisaties)/[a-z0-9-]+/$", h) for h in hrefs), hrefs


def test_every_page_is_in_the_search_index_once_without_listings(site):
    """Pagefind indexes what is inside data-pagefind-body: each page's content, record pages included."""
    pages = [p for p in site.rglob("index.html") if not p.is_relative_to(site / "pagefind")]
    for path in pages:
        bodies = soup(path).select("[data-pagefind-body]")
        assert len(bodies) == 1, path
        assert bodies[0].find("h1") is not None, path
    assert not soup(site / "404.html").select("[data-pagefind-body]")
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["nl"]["page_count"] == len(pages)
    # Material's index keeps only its settings: its search field runs on Pagefind's index.
    material = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert material["docs"] == [] and material["config"]["lang"] == ["nl"]


def test_policy_chain_overview_reaches_every_measure(site):
    page = site / "ogw" / "index.html"
    targets = links(soup(page), page, site)
    for record in measures_in_data():
        assert (site / "maatregelen" / record["id"].lower() / "index.html").resolve() in targets


def test_every_macro_is_documented(site):
    text = soup(site / "over" / "macros" / "index.html").find("article").get_text(" ")
    for name in VIEWS:
        assert f"{name}(" in text, f"macro {name} staat niet op de pagina Macro's gebruiken"


# --- Builds of the small fixture plan, with extra measures -------------------------


def _with_extra_measures(tmp_path: Path, count: int, title: str) -> Path:
    data = tmp_path / "data"
    copy_fixture_data(data)
    # Progress reports must list every action that existed on their date; these
    # tests are about record pages, so the copies go without reports.
    shutil.rmtree(data / "voortgang", ignore_errors=True)
    template = (data / "maatregelen" / "M01.yml").read_text(encoding="utf-8")
    assert "id: M01\n" in template
    for number in range(100, 100 + count):
        text = template.replace("M01", f"M{number}")  # the measure's id and its actions' ids
        text = replace_exact(text, "titel: Informatiepunt mensenhandel", f"titel: {json.dumps(title)}", "M01.yml")
        (data / "maatregelen" / f"M{number}.yml").write_text(text, encoding="utf-8")
    return data


NASTY = '<script>alert(1)</script> {{ 7 * 7 }} {% if true %}ja{% endif %} "quote" & more'


@pytest.fixture(scope="module", name="small_and_large")
def fixture_small_and_large(tmp_path_factory):
    base = tmp_path_factory.mktemp("groei")
    small = build_site(base / "small" / "site", _with_extra_measures(base / "small", 3, NASTY))
    large = build_site(base / "large" / "site", _with_extra_measures(base / "large", 60, NASTY))
    return small, large


def test_a_page_per_record_even_with_many_records(small_and_large):
    small, large = small_and_large
    assert len(list((small / "maatregelen").glob("m*/index.html"))) == 2 + 3
    assert len(list((large / "maatregelen").glob("m*/index.html"))) == 2 + 60


def test_ordinary_pages_do_not_grow_with_the_number_of_records(small_and_large):
    """The navigation is on every page; record pages outside it keep the build linear."""
    small, large = small_and_large
    for page in ["over/privacy/index.html", "maatregelen/m01/index.html"]:
        assert (small / page).stat().st_size == (large / page).stat().st_size, page


def test_record_title_is_shown_literally_and_never_executed(small_and_large):
    small, _ = small_and_large
    html = (small / "maatregelen" / "m100" / "index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "lxml")
    assert page.title.get_text().startswith(f"M100. {NASTY}")
    assert page.find("h1").get_text() == f"M100. {NASTY}"
    assert "<script>alert(1)" not in html
    assert "49" not in page.title.get_text()
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert description == "Eén plek waar iedereen met vragen terecht kan."


def test_a_hand_written_page_in_place_of_a_record_page_stops_the_build(tmp_path, caplog):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    for name in ("docs", "overrides", "macros", "data"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs" / "maatregelen").mkdir()
    (tmp_path / "docs" / "maatregelen" / "m01.md").write_text("# Met de hand\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"), strict=True, site_dir=str(tmp_path / "site"))
    with pytest.raises(Abort):
        build(config)
    assert "docs/maatregelen/m01.md: deze pagina wordt gemaakt uit de gegevens" in caplog.text
    assert not (tmp_path / "site" / "maatregelen" / "m01" / "index.html").exists()


def test_the_hook_puts_pages_with_a_nav_place_in_their_section_once():
    from macros.hooks import add_to_nav
    from macros.site.pages import NavPlace, RecordPage

    nav = [{"Home": "index.md"}, {"Voortgang": ["voortgang/index.md", {"Bijlagen": [{"oud": "voortgang/oud.md"}]}]}]
    pages = [
        RecordPage("maatregelen/m01.md", ""),
        RecordPage("voortgang/2025-06-30.md", "", NavPlace("Voortgang", "Bijlagen", "Bijlage 30 juni 2025")),
        RecordPage("voortgang/2024-12-31.md", "", NavPlace("Voortgang", "Bijlagen", "Bijlage 31 december 2024")),
    ]
    expected = [
        {"Home": "index.md"},
        {
            "Voortgang": [
                "voortgang/index.md",
                {
                    "Bijlagen": [
                        {"Bijlage 30 juni 2025": "voortgang/2025-06-30.md"},
                        {"Bijlage 31 december 2024": "voortgang/2024-12-31.md"},
                    ]
                },
            ]
        },
    ]
    add_to_nav(nav, pages)
    assert nav == expected
    add_to_nav(nav, pages)  # a rebuild (mkdocs serve) does not add the group twice
    assert nav == expected


def test_every_generated_page_comes_from_one_list(site):
    """Measures, organisations and annexes: each generated page is built, and only annexes are in the navigation."""
    from macros.pipeline import load_plan
    from macros.site.pages import generated_pages

    plan, _ = load_plan(DATA, shown_root=ROOT)
    pages = generated_pages(plan)
    assert len(pages) == len(plan.measures) + len(plan.organisations) + len(plan.progress_reports)
    nav = soup(site / "index.html").select_one("nav.md-nav--primary")
    in_nav = {a["href"].rstrip("/").removeprefix("./") for a in nav.select("a[href]")}
    for page in pages:
        path = page.src_uri.removesuffix(".md")
        assert (site / path / "index.html").is_file(), path
        assert (path in in_nav) == (page.nav is not None), path


def test_page_toc_nests_the_template_headings_and_keeps_their_escaping():
    from macros.hooks import page_toc

    toc = page_toc(
        '<h1 id="m01">M01. A &amp; B</h1><p>x</p><h2 id="acties">Acties</h2>'
        '<h3 id="geschiedenis-m01-a1">M01-A1. <span>Een</span></h3><h2 id="waarom">Waarom?</h2><h4 id="diep">Niet</h4>'
    )
    [top] = list(toc)
    assert (top.title, top.url, top.level) == ("M01. A &amp; B", "#m01", 1)
    assert [(c.title, [g.id for g in c.children]) for c in top.children] == [
        ("Acties", ["geschiedenis-m01-a1"]),
        ("Waarom?", []),
    ]


def test_every_generated_page_has_a_skip_link_and_a_table_of_contents(site):
    """Material draws both from the page's table of contents, which the hook makes for template-only pages."""
    for page in [
        *sorted((site / "maatregelen").glob("*/index.html")),
        *sorted((site / "organisaties").glob("*/index.html")),
    ]:
        html = soup(page)
        skip = html.select_one("a.md-skip")
        assert skip is not None, page
        assert html.find(id=skip["href"].removeprefix("#")).name == "h1", page
        assert html.select("nav.md-nav--secondary a[href^='#']"), page
