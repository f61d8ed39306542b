"""The documents of a version: the ODT of a concept (made from the print page) and the download links.

The PDF itself is printed by chromium (tests/browser/test_pdf.py); here the
ODT is made from the same print page, opened with zipfile and lxml, and the
footer is checked for type, size and pages of every download.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfWriter

from macros.cli import main
from macros.pipeline import load_plan
from macros.site.printpage import nest_headings
from tests.helpers import ROOT, build_site, environment, soup

NS = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}


@pytest.fixture(scope="module")
def print_site(tmp_path_factory) -> Path:
    """The real site with its print page, built as the working version (a concept)."""
    site = tmp_path_factory.mktemp("print") / "site"
    with environment(ACTIEPLAN_PDF="true", ACTIEPLAN_VERSIE="werkversie"):
        return build_site(site)


@pytest.fixture(scope="module")
def odt(print_site, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("odt") / "actieplan-werkversie.odt"
    with environment(ACTIEPLAN_VERSIE="werkversie"):
        assert main(["odt", str(print_site), str(out)]) == 0
    return out


def _xml(odt: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(odt) as archive:
        return etree.fromstring(archive.read(name))


_PRINT_PAGE = """<!doctype html><html lang="nl"><body><div id="print-site-page">
<section class="print-page" id="index"><h1>Home</h1><h2>Wat is dit?</h2></section>
<section class='print-page md-section' id='section-2' heading-number='2'><h1>Gids<a class='headerlink'
 href='#section-2'></a></h1>
<section class="print-page" id="gids"><h1 id="gids-gids">Gids<a class="headerlink" href="#gids-gids">¶</a></h1>
<h2>Waarom?</h2></section>
<section class="print-page" id="gids-stap"><h1>Stap 1</h1><h2>Eerst</h2><h6>Klein</h6></section>
<section class='print-page md-section' id='section-2-3' heading-number='2.3'><h1>Bijlagen</h1>
<section class="print-page" id="gids-b"><h1>Bijlage A</h1><h2>Tabel</h2></section></section>
</section>
<section class='print-page md-section' id='section-3' heading-number='3'><h1>Leeg</h1></section>
<section class="print-page" id="data"><h1>Data</h1></section>
</div></body></html>"""


def test_the_print_page_nests_its_headings_like_the_navigation():
    out = soup(nest_headings(_PRINT_PAGE))
    headings = [(h.name, " ".join(h.get_text().replace("¶", "").split())) for h in out.select("h1, h2, h3, h4, h5, h6")]
    assert headings == [
        ("h1", "Home"),
        ("h2", "Wat is dit?"),
        # The index page "Gids" is the section's heading; its other pages come under it.
        ("h1", "Gids"),
        ("h2", "Waarom?"),
        ("h2", "Stap 1"),
        ("h3", "Eerst"),
        ("h6", "Klein"),
        # A subsection without an index page keeps its own heading, one level down.
        ("h2", "Bijlagen"),
        ("h3", "Bijlage A"),
        ("h4", "Tabel"),
        # The empty section "Leeg" is gone.
        ("h1", "Data"),
    ]
    # The sections keep their ids, which the print page's table of contents links to.
    assert [s["id"] for s in out.select("section")] == [
        "index",
        "section-2",
        "gids",
        "gids-stap",
        "section-2-3",
        "gids-b",
        "data",
    ]
    assert out.find("html")["lang"] == "nl"


def test_the_built_print_page_has_its_chapters_nested(print_site):
    page = soup(print_site / "print_page" / "index.html")
    step = page.select_one("section#ogw-stap-4-maatregelen")
    assert step.find(["h1", "h2"]).name == "h2"
    assert step.find(id="ogw-stap-4-maatregelen-acties-m01").name == "h4"
    assert page.select_one("section#ogw").find("h1") is not None
    titles = [" ".join(h.get_text().replace("¶", "").split()) for h in page.select("#print-site-page h1")]
    assert "Meedoen" not in titles and "Over deze site" not in titles
    assert titles.count("Opgave Gericht Werken") == 1
    # The reaction links belong to one web page, not to the document.
    assert page.select_one(".ap-reageer") is None


def test_the_odt_of_the_concept_holds_every_measure_and_the_status(odt):
    with zipfile.ZipFile(odt) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    content = _xml(odt, "content.xml")
    text = " ".join(" ".join(content.itertext()).split())
    plan, _ = load_plan(ROOT / "data")
    missing = [m.title for m in plan.measures.values() if m.title not in text]
    assert not missing, missing
    assert "Concept: nog niet vastgesteld" in text
    assert "Werkversie (concept)" in text
    headings = content.findall(".//text:h", NS)
    assert len(headings) > 50
    assert {h.get(f"{{{NS['text']}}}outline-level") for h in headings} >= {"1", "2", "3"}
    assert "Wat is deze site?" in [" ".join("".join(h.itertext()).split()) for h in headings]
    # No script, no form control, no headerlink pilcrow from the page.
    assert "¶" not in text and "function(" not in text


def test_the_odt_says_its_title_language_and_author(odt):
    meta = _xml(odt, "meta.xml")
    assert meta.findtext(".//dc:language", namespaces=NS) == "nl"
    assert meta.findtext(".//dc:title", namespaces=NS).endswith("Werkversie (concept)")
    assert "Concept" in meta.findtext(".//dc:subject", namespaces=NS)
    assert "Samen tegen mensenhandel" in meta.findtext(".//dc:creator", namespaces=NS)


def test_an_adopted_version_gets_no_odt(print_site, tmp_path, capsys):
    with environment(ACTIEPLAN_VERSIE="2024-06"):
        assert main(["odt", str(print_site), str(tmp_path / "x.odt")]) == 0
    assert not (tmp_path / "x.odt").exists()
    assert "geen concept" in capsys.readouterr().out


def test_every_download_link_says_type_size_and_pages_and_offers_another_format(odt, tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "pdf").mkdir(exist_ok=True)
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=595, height=842)
    with (docs / "pdf" / "actieplan-werkversie.pdf").open("wb") as f:
        writer.write(f)
    shutil.copy(odt, docs / "pdf" / "actieplan-werkversie.odt")
    with environment(ACTIEPLAN_VERSIE="werkversie"):
        site = build_site(tmp_path / "site", docs_dir=str(docs))
    footer = soup(site / "index.html").select_one(".ap-downloads")
    items = [" ".join(li.get_text().split()) for li in footer.find_all("li")]
    odt_kb = max(1, round(odt.stat().st_size / 1000))
    assert items == [
        "Het hele actieplan als PDF (Werkversie (concept)) PDF, 1 kB, 3 pagina's",
        f"Het concept om in te werken (ODT) (Werkversie (concept)) ODT, {odt_kb} kB",
    ]
    assert [a["href"] for a in footer.find_all("a")] == ["pdf/actieplan-werkversie.pdf", "pdf/actieplan-werkversie.odt"]
    line = footer.find_next_sibling("p")
    assert "andere vorm" in line.get_text()
    assert line.a["href"] == "over/contact/#het-actieplan-in-een-andere-vorm"
    assert (site / "over" / "contact" / "index.html").read_text(encoding="utf-8").count(
        'id="het-actieplan-in-een-andere-vorm"'
    ) == 1
