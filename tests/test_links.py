"""Every internal link and anchor of the built site resolves (offline; other sites are not checked)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html
from mkdocs.config import load_config
from sitelinks import Broken, SiteLinks

from tests.helpers import ROOT

SITE_URL = "https://example.org/actieplan/"


@pytest.fixture(scope="module", name="links")
def fixture_links(site: Path) -> SiteLinks:
    return SiteLinks(site, load_config(str(ROOT / "mkdocs.yml")).site_url)


def test_every_internal_link_and_anchor_resolves(links: SiteLinks):
    broken = links.check_all()
    assert not broken, f"{len(broken)} kapotte link(s):\n  " + "\n  ".join(map(str, broken))


def test_the_checker_sees_every_page_and_the_links_of_the_404_page(links: SiteLinks, site: Path):
    assert links.pages() == sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(links.pages()) >= 14
    # The 404 page links absolutely (it is served at any address); those links count as internal.
    absolute = [link for link in SiteLinks.links(html.parse(str(site / "404.html"))) if link.startswith("/")]
    assert absolute
    assert links.resolve("404.html", links.site_url + "404.html", "/elders/") is not None


def _page(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"<!doctype html><html lang='nl'><head><title>t</title></head><body>{body}</body></html>", encoding="utf-8"
    )


def test_the_checker_finds_missing_files_and_anchors(tmp_path: Path):
    _page(tmp_path / "a" / "index.html", "<h2 id='deel'>Deel</h2><a name='oud'></a>")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "plan.json").write_text("{}", encoding="utf-8")
    _page(
        tmp_path / "index.html",
        """
      <a href="a/">goed</a> <a href="a/#deel">goed anker</a> <a href="a/index.html#oud">oud anker</a>
      <a href="a">map zonder slash</a> <a href="data/plan.json">export</a> <a href="#top">kapot hier</a>
      <a href="/actieplan/a/">absoluut pad</a> <a href="https://example.org/actieplan/a/#deel">volledig adres</a>
      <a href="b/">kapot bestand</a> <a href="a/#weg">kapot anker</a> <a href="/elders/">buiten de site</a>
      <a href="../">boven de site</a> <a href="https://www.tweedekamer.nl/">andere site</a>
      <a href="mailto:x@example.org">mail</a> <img src="logo.png" alt="">
      <img srcset="a/klein.png 1x, a/ 2x" alt="">""",
    )
    broken = SiteLinks(tmp_path, SITE_URL).check_page("index.html")
    assert sorted((b.link, b.reason) for b in broken) == sorted(
        [
            ("#top", "anker #top ontbreekt in index.html"),
            ("b/", "bestand ontbreekt: b/index.html"),
            ("a/#weg", "anker #weg ontbreekt in a/index.html"),
            ("/elders/", "wijst buiten de site (/elders/)"),
            ("../", "wijst buiten de site (/)"),
            ("logo.png", "bestand ontbreekt: logo.png"),
            ("a/klein.png", "bestand ontbreekt: a/klein.png"),
        ]
    )
    assert all(isinstance(b, Broken) and b.page == "index.html" for b in broken)


def test_the_checker_reads_the_search_index_and_the_sitemap(tmp_path: Path):
    _page(tmp_path / "index.html", "<h1 id='start'>Start</h1>")
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(
        '{"docs": [{"location": "#start"}, {"location": "weg/"}]}', encoding="utf-8"
    )
    (tmp_path / "sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{SITE_URL}</loc></url><url><loc>{SITE_URL}oud/</loc></url></urlset>",
        encoding="utf-8",
    )
    broken = SiteLinks(tmp_path, SITE_URL).check_all()
    assert [(b.page, b.link) for b in broken] == [
        ("search/search_index.json", "weg/"),
        ("sitemap.xml", f"{SITE_URL}oud/"),
    ]


def test_the_outdated_banner_must_link_to_the_folder_of_all_versions(tmp_path: Path):
    banner = '<div data-md-component="outdated" hidden><a href="{}">Ga naar de actuele versie.</a></div>'
    _page(tmp_path / "a" / "index.html", banner.format("../.."))
    _page(tmp_path / "b" / "index.html", banner.format("../"))
    links = SiteLinks(tmp_path, SITE_URL)
    assert links.check_page("a/index.html") == []
    assert [(b.link, b.reason) for b in links.check_page("b/index.html")] == [
        ("../", "moet naar de map met alle versies wijzen (https://example.org/)")
    ]
