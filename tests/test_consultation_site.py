"""The consultation in the built site: banner on every page only while open, reaction links on every page.

The same pages in a browser: tests/browser/test_consultation.py.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from macros.clock import build_moment
from macros.model.consultation import open_round
from macros.pipeline import load_plan
from tests.helpers import ROOT, build_site, copy_fixture_data, soup


def content_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


WORKING_VERSION = load_plan(ROOT / "data")[0].working_version


def banner(page: Path):
    """The consultation banner (the concept banner of a concept version may stand beside it)."""
    return soup(page).select_one('[data-md-component="announce"] .ap-banner--consultatie')


def test_banner_on_every_page_while_open(open_site):
    pages = [*content_pages(open_site), open_site / "404.html"]
    assert len(pages) >= 16
    for page in pages:
        found = banner(page)
        assert found is not None, page
        text = found.get_text(" ", strip=True)
        assert "Consultatie open" in text and "nog 11 dagen" in text, page
    # The link to the consultation page is relative, so it works in every version folder.
    assert banner(open_site / "ogw/stap-4-maatregelen/index.html").find("a")["href"] == "../../consultatie/"
    assert banner(open_site / "index.html").find("a")["href"] == "consultatie/"


def test_no_banner_when_no_round_is_open(site):
    plan, _ = load_plan(ROOT / "data")
    assert open_round(plan.consultation_rounds.values(), build_moment(os.environ)) is None, (
        "this test needs a moment outside the round"
    )
    for page in [*content_pages(site), site / "404.html"]:
        assert banner(page) is None, page
        # Only the concept banner of the working version remains.
        announce = soup(page).select_one('[data-md-component="announce"]')
        assert [p["class"] for p in announce.select("p.ap-banner")] == [["ap-banner", "ap-banner--concept"]], page


def test_every_page_has_react_and_edit_links(site):
    for page in content_pages(site):
        box = soup(page).select_one("article .ap-reageer")
        assert box is not None, page
        links = {a.get_text(strip=True): a["href"] for a in box.find_all("a")}
        edit = urlsplit(links["Stel een wijziging voor"])
        assert edit.netloc == "github.com" and edit.path.startswith("/samen-tegen-mensenhandel/actieplan/edit/main/"), (
            page
        )
        source = edit.path.removeprefix("/samen-tegen-mensenhandel/actieplan/edit/main/")
        # Written pages open their Markdown; generated pages open the data file they are made from.
        assert source.startswith(("docs/", "data/")) and (ROOT / source).is_file(), (
            f"{page}: edit link to missing {source}"
        )
        query = parse_qs(urlsplit(links["Reageer op deze pagina"]).query)
        assert query["template"] == ["reactie.yml"]
        # The version this build publishes (data/versies.yml: werkversie).
        assert query["versie"] == [WORKING_VERSION]
        relative = page.relative_to(site).parent.as_posix()
        url = "" if relative == "." else relative + "/"
        assert query["pagina"][0].endswith(f"(https://samen-tegen-mensenhandel.github.io/actieplan/{url})"), page


def test_open_site_prefills_the_open_round(open_site):
    box = soup(open_site / "begroting/index.html").select_one(".ap-reageer")
    react = box.find("a", string="Reageer op deze pagina")["href"]
    assert parse_qs(urlsplit(react).query)["ronde"] == ["concept-2023"]


def test_report_page_lists_every_reaction(site):
    parsed: dict[Path, BeautifulSoup] = {}
    plan, _ = load_plan(ROOT / "data")
    html = soup(site / "consultatie/verslag/index.html")
    ids = [li["id"] for li in html.select("li.ap-reactie")]
    assert ids == [f"reactie-{r.lower()}" for r in plan.reactions]
    for reaction in plan.reactions.values():
        item = html.find(id=f"reactie-{reaction.id.lower()}")
        assert f"Besluit: {reaction.decision}." in item.get_text(" ", strip=True)
        assert reaction.reasoning in item.get_text(" ", strip=True)
    # Links to measures and actions point at anchors that exist.
    page = site / "consultatie/verslag/index.html"
    for a in html.select("li.ap-reactie a[href^='../']"):
        target, _, anchor = a["href"].partition("#")
        resolved = (page.parent / target / "index.html").resolve()
        assert resolved.is_file(), a["href"]
        if anchor:
            target_html = parsed.setdefault(resolved, soup(resolved))
            assert target_html.find(id=anchor), a["href"]


def test_no_repo_url_and_no_github_api_in_pages(site):
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nrepo_url:" not in config and "\nedit_uri:" not in config
    for page in content_pages(site):
        html = page.read_text(encoding="utf-8")
        assert "api.github.com" not in html, page
        assert 'class="md-source"' not in html, page


def test_a_bad_moment_stops_the_build(tmp_path, monkeypatch):
    data = tmp_path / "data"
    copy_fixture_data(data)
    monkeypatch.setenv("ACTIEPLAN_NU", "morgen")
    with pytest.raises(Abort):
        build_site(tmp_path / "site", data)
    assert not (tmp_path / "site" / "index.html").exists()
